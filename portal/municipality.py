"""The municipality settings file (TOML): who runs this deployment and where people turn.

One deployment serves one municipality. Everything a template shows about the
municipality, its service office, the appeal bodies and the ombud comes from here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

# The languages the portal can speak (portal/i18n.py has their catalogues), and what a settings
# file without [languages] offers.
KNOWN_LANGUAGES = ("nb", "nn", "en")
DEFAULT_OFFER = ("nb", "en")
DEMO_SETTINGS = Path(__file__).parent / "settings" / "demo.toml"
# Public bodies publish their accessibility statement in Digdir's uustatus; the portal's own
# page sums it up and links there (LEGAL.md, "Accessibility statement").
UUSTATUS = "https://uustatus.no/"


class SettingsError(RuntimeError):
    """The settings file is missing something or has a wrong value."""


@dataclass(frozen=True)
class Office:
    name: str
    phone: str
    email: str
    postal_address: tuple[str, ...]
    visiting_address: tuple[str, ...]
    opening_hours: str
    phone_hours: str

    @property
    def phone_href(self) -> str:
        return tel_href(self.phone)


@dataclass(frozen=True)
class Body:
    name: str
    website: str | None = None
    phone: str | None = None

    @property
    def phone_href(self) -> str | None:
        return tel_href(self.phone) if self.phone else None


def tel_href(phone: str) -> str:
    """'+47 51 00 00 00' as a link a phone can dial: 'tel:+4751000000'."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Municipality:
    """The settings as one language sees them."""

    name: str
    website: str
    demo: bool
    office: Office
    state_administrator: Body
    municipal_appeal_board: Body
    ombud: Body
    accessibility_email: str
    accessibility_statement_updated: date
    # The statement as published in uustatus: required, since every public body must have one.
    accessibility_statement_url: str


@dataclass(frozen=True)
class Settings:
    """The whole settings file: the languages offered, the one `/` opens in, and the
    municipality as each language sees it."""

    languages: tuple[str, ...]
    default_language: str
    by_language: dict[str, Municipality]


class _Reader:
    def __init__(self, data: dict, source: str) -> None:
        self.data = data
        self.source = source
        self.languages = DEFAULT_OFFER

    def get(self, path: str, kind: type = str, optional: bool = False):
        node = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                if optional:
                    return None
                raise SettingsError(f"{self.source}: '{path}' is missing")
            node = node[part]
        if not isinstance(node, kind):
            raise SettingsError(f"{self.source}: '{path}' should be {kind.__name__}, not {type(node).__name__}")
        return node

    def text(self, path: str, lang: str) -> str:
        value = self.get(path, dict)
        for code in self.languages:
            if not isinstance(value.get(code), str) or not value[code].strip():
                raise SettingsError(f"{self.source}: '{path}.{code}' is missing or empty")
        return value[lang]

    def link_in(self, path: str, site: str) -> str:
        value = self.get(path)
        if not value.startswith(site):
            raise SettingsError(f"{self.source}: '{path}' should be an address at {site}, not {value!r}")
        return value

    def lines(self, path: str) -> tuple[str, ...]:
        value = self.get(path, list)
        if not value or not all(isinstance(line, str) for line in value):
            raise SettingsError(f"{self.source}: '{path}' should be a list of lines")
        return tuple(value)


def _for_language(r: _Reader, lang: str) -> Municipality:
    office = Office(
        name=r.text("office.name", lang),
        phone=r.get("office.phone"),
        email=r.get("office.email"),
        postal_address=r.lines("office.postal_address"),
        visiting_address=r.lines("office.visiting_address"),
        opening_hours=r.text("office.opening_hours", lang),
        phone_hours=r.text("office.phone_hours", lang),
    )
    return Municipality(
        name=r.text("municipality.name", lang),
        website=r.get("municipality.website"),
        demo=bool(r.get("municipality.demo", bool, optional=True)),
        office=office,
        state_administrator=Body(
            name=r.text("appeal.state.name", lang),
            website=r.get("appeal.state.website", optional=True),
        ),
        municipal_appeal_board=Body(name=r.text("appeal.municipal_board.name", lang)),
        ombud=Body(
            name=r.text("ombud.name", lang),
            phone=r.get("ombud.phone", optional=True),
            website=r.get("ombud.website", optional=True),
        ),
        accessibility_email=r.get("accessibility.email"),
        accessibility_statement_updated=r.get("accessibility.statement_updated", date),
        accessibility_statement_url=r.link_in("accessibility.statement_url", UUSTATUS),
    )


def _languages(r: _Reader) -> tuple[tuple[str, ...], str]:
    """[languages] offered = ["nn", "en"], default = "nn": which languages, and which one the
    front door opens in: the municipality's own language form, which it decides itself (its
    administrative language; its language decision under språklova § 11)."""
    offered = r.get("languages.offered", list, optional=True)
    if offered is None:
        offered = list(DEFAULT_OFFER)
    unknown = [code for code in offered if code not in KNOWN_LANGUAGES]
    if not offered or unknown or len(set(offered)) != len(offered):
        raise SettingsError(
            f"{r.source}: 'languages.offered' should list some of {', '.join(KNOWN_LANGUAGES)} once each, "
            f"not {offered!r}"
        )
    default = r.get("languages.default", optional=True) or offered[0]
    if default not in offered:
        raise SettingsError(f"{r.source}: 'languages.default' should be one of {offered!r}, not {default!r}")
    return tuple(offered), default


def load(path: str | Path | None = None) -> Settings:
    """Read and check the settings file: the languages, and the municipality per language."""
    path = Path(path) if path else DEMO_SETTINGS
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise SettingsError(f"Municipality settings file not found: {path}") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: not valid TOML: {e}") from None
    reader = _Reader(data, str(path))
    languages, default = _languages(reader)
    reader.languages = languages
    return Settings(languages, default, {lang: _for_language(reader, lang) for lang in languages})
