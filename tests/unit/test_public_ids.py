"""The random ids in addresses never read as an identity number, so the e-mail that carries an
address (a fullmakt request's, say) is never stopped by the outbox's guard."""

import uuid

from portal.models import public_ids
from portal.rules.privacy import contains_national_id

LOOKS_LIKE_A_PERSON = "a" + "01019012480" + "b" * 20


def test_an_id_that_would_hold_an_identity_number_is_drawn_again(monkeypatch):
    assert contains_national_id(LOOKS_LIKE_A_PERSON)
    drawn = iter([uuid.UUID(hex=LOOKS_LIKE_A_PERSON), uuid.UUID(hex="c" * 32)])
    monkeypatch.setattr(public_ids.uuid, "uuid4", lambda: next(drawn))
    assert public_ids.new_public_id() == "c" * 32


def test_no_id_drawn_reads_as_an_identity_number():
    for _ in range(5000):
        value = public_ids.new_public_id()
        assert len(value) == 32 and int(value, 16) >= 0
        assert not contains_national_id(f"https://portal.example/nb/fullmakter/foresporsler/{value}")
