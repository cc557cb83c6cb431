"""Language: the first path segment (/nb/..., /nn/..., /en/...) decides it, everywhere.

Msgids are English. The municipality's settings say which of the portal's languages it
offers and which one `/` opens in (portal/municipality.py): the municipality's own language
form first, which it decides itself (its administrative language; its language decision under
språklova § 11).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TypeVar

import flask_babel
from babel.dates import format_date
from babel.support import NullTranslations
from flask import Flask, current_app, g, request, url_for
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from werkzeug.routing import BaseConverter

from .rules.clock import OSLO, local_day
from .rules.identity import mask

# The languages the portal has catalogues for; a municipality offers some or all of them.
LANGUAGES = ("nb", "nn", "en")
NORWEGIAN = ("nb", "nn")
# The name of each language in that language, for the language switch.
LANGUAGE_NAMES = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}
# Formatting locales: British English writes "23 November 2026", as the portal should.
FORMAT_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}


def _language_converter(languages: tuple[str, ...]) -> type[BaseConverter]:
    class LanguageConverter(BaseConverter):
        """Matches only the languages this portal offers, so /fr/... is a 404."""

        regex = "|".join(languages)

    return LanguageConverter


@dataclass(frozen=True)
class Alternate:
    lang: str
    url: str
    name: str


def offered_languages() -> tuple[str, ...]:
    """The languages this municipality offers, in the order its settings list them."""
    return current_app.config["LANGUAGES"]


def default_language() -> str:
    return current_app.config["DEFAULT_LANGUAGE"]


def current_language() -> str:
    return g.get("lang_code") or default_language()


def select_locale() -> str:
    return current_language()


def preferred_language() -> str:
    """The language for a request that has none in its path (/, error pages): the browser's
    first choice among those offered (nb-NO counts as nb). A reader of plain "no", or of a
    Norwegian language not offered, gets the municipality's Norwegian."""
    offered = offered_languages()
    for tag, _quality in request.accept_languages:  # best first
        primary = tag.split("-")[0].lower()
        if primary in offered:
            return primary
        if primary in ("nb", "nn", "no"):
            return next((lang for lang in offered if lang in NORWEGIAN), default_language())
    return default_language()


def _pull_language(endpoint, values) -> None:
    if values and "lang_code" in values:
        g.lang_code = values.pop("lang_code")


def _add_language(endpoint, values) -> None:
    if "lang_code" in values or not endpoint:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        values["lang_code"] = current_language()


def alternates() -> list[Alternate]:
    """This page in every language, worked out once per request. A view may set
    g.alternate_args = {lang: {...}} when its URL differs by language (guides have
    translated slugs). Error pages and pages outside a language point at the front page."""
    if "alternates" in g:
        return g.alternates
    endpoint = request.endpoint
    in_language = request.url_rule is not None and "lang_code" in request.url_rule.arguments
    if not endpoint or not in_language or g.get("error_page"):
        endpoint, base_args, per_language = "public.index", {}, {}
    else:
        base_args = dict(request.view_args or {})
        per_language = g.get("alternate_args") or {}
    g.alternates = _alternates_of(
        request.host_url,
        endpoint,
        tuple(sorted(base_args.items())),
        tuple(sorted((lang, tuple(sorted(args.items()))) for lang, args in per_language.items())),
        offered_languages(),
    )
    return g.alternates


@lru_cache(maxsize=4096)
def _alternates_of(host_url: str, endpoint: str, args: tuple, per_language: tuple, languages: tuple) -> list:
    """The same page's alternates again (the next reader of the same case, queue or guide) are
    worked out once: three addresses through the routing map cost more than the look-up. The
    host is in the key, as the addresses are absolute."""
    extra = {lang: dict(values) for lang, values in per_language}
    return [
        Alternate(
            lang,
            url_for(endpoint, **{**dict(args), **extra.get(lang, {}), "lang_code": lang}, _external=True),
            LANGUAGE_NAMES[lang],
        )
        for lang in languages
    ]


def other_languages() -> list[Alternate]:
    """This page in the other languages offered, for the language switch."""
    here = current_language()
    return [a for a in alternates() if a.lang != here]


def long_date(value, lang: str | None = None) -> str:
    """'23. november 2026' in Bokmål, '23 November 2026' in English: in `lang`, or the
    reader's language. A moment is shown as the day it was in Norway. The one way the portal
    writes a day in a sentence, on pages, in PDFs and in e-mail."""
    if isinstance(value, datetime):
        value = local_day(value)
    return _long_date(value, FORMAT_LOCALES[lang or current_language()])


@lru_cache(maxsize=4096)
def _long_date(day, locale: str) -> str:
    # A list of fifty rows shows the same few days again and again; Babel is slow to format.
    return format_date(day, "long", locale=locale)


def _translations(lookup: Callable[[], NullTranslations] | None = None) -> NullTranslations:
    """The catalogue for this request, looked up once per request and language (Flask-Babel
    looks it up again for every string a page translates). force_locale, which the PDF
    copies and e-mail use, gives a new locale object, so its strings are looked up anew."""
    space = g.get("_flask_babel")
    if space is not None:
        locale, kept = getattr(space, "babel_locale", None), getattr(space, "portal_translations", None)
        if locale is not None and kept is not None and kept[0] is locale:
            return kept[1]
    translations = (lookup or flask_babel.get_translations)()
    space = g.get("_flask_babel")
    if space is not None and getattr(space, "babel_locale", None) is not None:
        space.portal_translations = (space.babel_locale, translations)
    return translations


class _Domain(flask_babel.Domain):
    """Flask-Babel's messages, their catalogue kept for the request as above: the lazy texts
    of forms and labels (`_l`) and `gettext` in Python are translated through it too."""

    def get_translations(self) -> NullTranslations:
        if not g:  # outside the app: Flask-Babel's own answer (no catalogue)
            return super().get_translations()
        return _translations(super().get_translations)


class Babel(flask_babel.Babel):
    @cached_property
    def domain_instance(self):
        return _Domain(domain=self.domain)


T = TypeVar("T")


def once_per_language(build: Callable[[], T]) -> Callable[[], T]:
    """`build()` run once per catalogue (so once per language and process) rather than on
    every request: for texts a page shows many times, such as the labels of a case's
    statuses, which would otherwise be looked up one lazy string at a time. `build` must
    depend on nothing but the language."""
    kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def get() -> T:
        translations = _translations()
        try:
            return kept[translations]
        except KeyError:
            kept[translations] = found = build()
            return found

    return get


def _install_quick_gettext(app: Flask) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
    # `_()` and `{% trans %}`, some thirty a page, straight to the catalogue rather than through
    # Jinja's alias and its wrapper (two more calls through the context each).
    app.jinja_env.globals.update(gettext=_template_gettext, _=_template_gettext)


# A text without placeholders translated, escaped and formatted once per catalogue rather
# than on every page. Templates pass only literals to `_` and `{% trans %}`.
_kept_texts = once_per_language(dict)


@pass_context
def _template_gettext(context: Context, string: str, **variables):
    """Jinja's newstyle `_` (the text is always a format string, and Markup where the
    template escapes), the same result to the byte."""
    translations = _translations()
    autoescape = context.eval_ctx.autoescape
    if variables:
        found = translations.ugettext(string)
        return (Markup(found) if autoescape else found) % variables
    kept = _kept_texts()
    try:
        return kept[string, autoescape]
    except KeyError:
        found = translations.ugettext(string)
        kept[string, autoescape] = text = (Markup(found) if autoescape else found) % {}
        return text


def moment(value) -> str:
    """A moment as the day and the time in Norway: '25. november 2026 15:30'."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(OSLO)
    return f"{long_date(local.date())} {local:%H:%M}"


def month_name(value) -> str:
    """'november 2026' in Bokmål, 'November 2026' in English."""
    return format_date(value, "LLLL y", locale=FORMAT_LOCALES[current_language()])


def to_date(value):
    """An ISO date string from a stored document as a date."""
    return value if isinstance(value, date) or value is None else date.fromisoformat(value)


def check_catalogues(app: Flask) -> None:
    """Refuse to start when a compiled Norwegian catalogue the portal offers is not where Babel
    looks, rather than quietly serving English to its readers."""
    folder = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    for lang in app.config["LANGUAGES"]:
        compiled = folder / lang / "LC_MESSAGES" / "messages.mo"
        if lang in NORWEGIAN and not compiled.is_file():
            raise RuntimeError(
                f"The {LANGUAGE_NAMES[lang]} translations are not compiled: {compiled} is missing. "
                "Run 'make translations' (pybabel compile -d translations)."
            )


def configure(app: Flask, languages: tuple[str, ...], default: str) -> None:
    """The languages offered and the default, before Flask-Babel reads its settings."""
    app.config["LANGUAGES"] = languages
    app.config["DEFAULT_LANGUAGE"] = default
    app.config["BABEL_DEFAULT_LOCALE"] = default
    check_catalogues(app)
    app.url_map.converters["lang"] = _language_converter(languages)


def init_app(app: Flask) -> None:
    app.url_value_preprocessor(_pull_language)
    app.url_defaults(_add_language)
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    _install_quick_gettext(app)
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["todate"] = to_date
    app.jinja_env.filters["month_name"] = month_name
    app.jinja_env.filters["moment"] = moment
    app.jinja_env.filters["mask_national_id"] = mask

    @app.context_processor
    def language_context():
        if not request:
            return {}
        return {
            "lang": current_language(),
            "alternates": alternates,
            "other_languages": other_languages,
        }


def switched_to(action: str | None) -> Alternate | None:
    """The page in the language a switch button of a form asks for (`action=language-nn`), or
    None when the post is not a language switch. A bare `language`, from a page shown before
    the portal offered a third language, means the first of the others."""
    if not action or not action.startswith("language"):
        return None
    others = other_languages()
    if action == "language":
        return others[0] if others else None
    return next((a for a in others if action == f"language-{a.lang}"), None)
