"""The guide registry: every guide has a template and a unique address in each language."""

from pathlib import Path

from portal.public.guides import GUIDES, find

ROOT = Path(__file__).resolve().parents[2]


def test_every_guide_has_a_template():
    for guide in GUIDES:
        assert (ROOT / "templates" / guide.template).is_file(), guide.template


def test_slugs_are_unique_within_each_language():
    for lang in ("nb", "en"):
        slugs = [g.slug(lang) for g in GUIDES]
        assert len(slugs) == len(set(slugs))


def test_a_slug_of_the_other_language_is_found_but_marked():
    guide, here = find("en", "klage")
    assert guide.key == "appeals" and here is False
    guide, here = find("nb", "klage")
    assert guide.key == "appeals" and here is True
    assert find("nb", "nothing") == (None, False)
