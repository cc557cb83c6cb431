"""Bokmål as a Norwegian public body writes it (klarspråk): the turns of phrase a language
review of the catalogue corrected stay corrected."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

NB = Path(__file__).resolve().parents[2] / "translations" / "nb" / "LC_MESSAGES" / "messages.po"


def _bokmal() -> dict[str, str]:
    with open(NB, "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and isinstance(m.id, str)}


def test_what_is_expected_is_forventes_not_er_ventet():
    found = [s for s in _bokmal().values() if re.search(r"\ber ventet å\b", s)]
    assert found == []


def test_an_example_is_introduced_by_for_eksempel_not_by_a_second_som():
    """'Skriv et tall, som 3,5' reads as a relative clause; 'for eksempel 3,5' says what is meant."""
    found = [s for s in _bokmal().values() if re.search(r", som [0-9A-Z«]|, som navn@", s)]
    assert found == []


def test_a_decision_is_made_with_its_legal_basis_named_as_lawyers_write_it():
    assert (
        _bokmal()["The decision is made under %(a)s and %(b)s."] == "Vedtaket er fattet med hjemmel i %(a)s og %(b)s."
    )


def test_the_front_page_tasks_are_in_the_imperative():
    bokmal = _bokmal()
    assert [bokmal[t] for t in ("Apply for a service", "Follow your case", "Appeal a decision")] == [
        "Søk om en tjeneste",
        "Følg saken din",
        "Klag på et vedtak",
    ]


def test_a_volunteer_has_a_stable_life_rather_than_being_stable():
    assert _bokmal()["You are stable, reliable and interested in other people."].startswith(
        "Du har en stabil livssituasjon"
    )
