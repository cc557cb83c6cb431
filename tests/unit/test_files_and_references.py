"""File types by content, and the shape of references."""

import pytest

from portal.rules.files import display_size, extension_for, sniff
from portal.rules.references import format_reference, is_reference


@pytest.mark.parametrize(
    "head,expected",
    [
        (b"%PDF-1.7", ("application/pdf", "pdf")),
        (b"\xff\xd8\xff\xe0", ("image/jpeg", "jpg")),
        (b"\x89PNG\r\n\x1a\n", ("image/png", "png")),
        (b"MZ\x90\x00", None),
        (b"<html>", None),
        (b"", None),
    ],
)
def test_a_file_is_known_by_its_first_bytes(head, expected):
    assert sniff(head) == expected


def test_extensions_and_sizes_for_people():
    assert extension_for("image/png") == "png"
    assert display_size(2048) == "2 KB"
    assert display_size(3 * 1024 * 1024) == "3.0 MB"


def test_references_look_like_sk_2026_000123():
    assert format_reference("SK", 2026, 123) == "SK-2026-000123"
    assert is_reference("SK-2026-000123") and is_reference("bpa-2026-000001")
    assert not is_reference("SK-26-123")
