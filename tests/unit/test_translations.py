"""The catalogues: Bokmål and Nynorsk complete, the template current, placeholders and markup kept."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w*)\}")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")


def _catalogue(path):
    with open(path, "rb") as f:
        return read_po(f)


def _messages(catalogue):
    return [m for m in catalogue if m.id]


def _ids(message):
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message):
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _extracted_ids():
    method_map = [("portal/**.py", "python"), ("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"trimmed": "true"}}
    ids = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options, keywords=KEYWORDS):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


NB = ROOT / "translations" / "nb" / "LC_MESSAGES" / "messages.po"
NN = ROOT / "translations" / "nn" / "LC_MESSAGES" / "messages.po"
EN = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
NORWEGIAN = pytest.mark.parametrize("po", [NB, NN], ids=["nb", "nn"])
POT = ROOT / "translations" / "messages.pot"


def test_the_committed_template_is_what_extraction_gives():
    committed = {_ids(m)[0] for m in _messages(_catalogue(POT))}
    extracted = _extracted_ids()
    assert not extracted - committed, f"not in messages.pot (run make extract): {sorted(extracted - committed)[:5]}"
    assert not committed - extracted, f"stale in messages.pot (run make extract): {sorted(committed - extracted)[:5]}"


@pytest.mark.parametrize("po", [NB, NN, EN], ids=["nb", "nn", "en"])
def test_each_catalogue_has_every_message_of_the_template(po):
    template = {_ids(m)[0] for m in _messages(_catalogue(POT))}
    catalogue = {_ids(m)[0] for m in _messages(_catalogue(po))}
    assert template == catalogue, "run make extract to update the catalogues"


@NORWEGIAN
def test_the_norwegian_catalogue_is_complete_and_has_nothing_fuzzy(po):
    catalogue = _catalogue(po)
    bad = [m.id for m in _messages(catalogue) if m.fuzzy or not all(_strings(m))]
    assert not bad, f"{len(bad)} entries untranslated or fuzzy, e.g. {bad[:3]}"
    assert not catalogue.fuzzy, "the catalogue's header is marked fuzzy"


@NORWEGIAN
def test_translations_keep_every_placeholder_and_add_no_markup(po):
    problems = []
    for m in _messages(_catalogue(po)):
        for source, translation in zip(_ids(m) * 2, _strings(m), strict=False):
            if not translation:
                continue
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                problems.append(f"placeholders differ: {source[:60]!r}")
            if sorted(TAG.findall(source)) != sorted(TAG.findall(translation)):
                problems.append(f"markup differs: {source[:60]!r}")
    assert not problems, problems


@pytest.mark.parametrize(
    "source,translation,ok",
    [
        ("Case %(ref)s", "Sak %(ref)s", True),
        ("Case %(ref)s", "Sak %(reference)s", False),
        ("Case {ref} on {date}", "Sak {ref}", False),
        ("Read <strong>this</strong>", "Les dette", False),
    ],
)
def test_the_placeholder_check_itself_catches_a_renamed_or_dropped_placeholder(source, translation, ok):
    same_placeholders = sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation))
    same_markup = sorted(TAG.findall(source)) == sorted(TAG.findall(translation))
    assert (same_placeholders and same_markup) is ok


@NORWEGIAN
def test_the_compiled_catalogue_is_newer_than_its_source(po):
    compiled = po.with_suffix(".mo")
    assert compiled.exists(), "run make translations"
    assert compiled.stat().st_mtime >= po.stat().st_mtime, "run make translations"
