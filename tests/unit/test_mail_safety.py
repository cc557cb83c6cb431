"""The outbox's guards (popplyl § 12 and plain safety): no identity number, and no control
character that could add a header or make a link read as something else."""

import pytest

from portal.rules.privacy import has_control_characters


@pytest.mark.parametrize("text", ["a\nb", "a\rb", "a\x00b", "evil\u202egpj.exe", "a\u200bb", "a\x85b"])
def test_control_and_format_characters_are_found(text):
    assert has_control_characters(text)


def test_line_breaks_may_be_allowed_for_a_body_and_ordinary_text_is_not_flagged():
    assert not has_control_characters("Hei!\n\nSaken din SK-2026-000001: https://portal/nb/", "\n")
    assert not has_control_characters("Æøå – «sitat» – café")
    assert has_control_characters("Hei\u202e\n", "\n")


def test_the_outbox_refuses_a_message_with_control_characters(app):
    from portal.services.outbox import UnsafeMessage, queue

    with app.app_context():
        for to, subject, body in (
            ("a@example.org\nBcc: b@example.org", "Emne", "Tekst"),
            ("a@example.org", "Emne\r\nBcc: b@example.org", "Tekst"),
            ("a@example.org", "Emne", "Les her: https://evil\u202eexample"),
        ):
            with pytest.raises(UnsafeMessage):
                queue(to, subject, body)
