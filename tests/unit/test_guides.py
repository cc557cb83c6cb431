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


# What the first legal review found said wrongly (LEGAL.md, "Acting on someone else's behalf"
# and "Patient and user ombudsman"), in the English source and the Bokmål texts alike.
WRONG = (
    # fvl § 12 puts "adult" on the holder; the giver is the party, who may be 16 or 17.
    (r"Anyone who is an adult can give", "fvl § 12: the holder must be an adult, not the giver"),
    (r"Alle voksne kan gi", "fvl § 12: the holder must be an adult, not the giver"),
    # pbrl § 4-3: a parent of a 16- or 17-year-old needs the young person's own fullmakt.
    (r"only if (the young person|they) agrees?\b", "pbrl § 4-3: the young person's own fullmakt, not their agreeing"),
    (r"bare (hvis|om) ungdommen er enig", "pbrl § 4-3: the young person's own fullmakt, not their agreeing"),
    # Someone applies for another only with a power of attorney (fvl § 12).
    (r"can also apply for you\.", "fvl § 12: someone you trust applies for you with a power of attorney"),
    (r"kan også søke for deg\.", "fvl § 12: someone you trust applies for you with a power of attorney"),
    # The ombud's access in the portal is the portal's rule, not the law's.
    (r"sees your case only if you give consent", "LEGAL.md: the portal's rule, not the ombud's by law"),
    (r"ser saken din bare hvis du samtykker", "LEGAL.md: the portal's rule, not the ombud's by law"),
)


def _texts():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        yield path.relative_to(ROOT), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        yield path.relative_to(ROOT), path.read_text(encoding="utf-8")


def test_legal_md_what_the_first_legal_review_found_wrong_is_said_nowhere():
    """LEGAL.md: fvl § 12 (who gives and who holds a fullmakt), pbrl § 4-3 (a 16- or 17-year-old
    gives a parent a fullmakt themselves), and the ombud's access as the portal's rule."""
    import re

    found = [
        f"{name}: {why}" for name, text in _texts() for pattern, why in WRONG if re.search(pattern, text, re.IGNORECASE)
    ]
    assert found == []
