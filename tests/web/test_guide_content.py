"""What the guides must say, in Bokmål and in English: the facts a reader acts on, as the law
has them (LEGAL.md)."""

import html as entities

import pytest

from tests.helpers import text


def read(client, path: str) -> str:
    """The guide's words as a reader sees them (tags gone, entities decoded, spaces folded)."""
    response = client.get(path)
    assert response.status_code == 200, path
    return entities.unescape(text(response))


BPA = {
    "nb": (
        "/nb/bpa",
        [
            "Langvarig betyr at du kommer til å trenge hjelpen i mer enn to år",
            "minst 32 timer hjelp i uken",
            "Fra 25 timer i uken har du også rett",
            "Fikk du BPA etter denne retten før du fylte 67 år, beholder du retten også etter at du har fylt 67",
            "avlastning",
            "barn under 18 år som bor hjemme",
        ],
    ),
    "en": (
        "/en/user-directed-personal-assistance",
        [
            "Long-term means that you will need the help for more than two years",
            "at least 32 hours of help a week",
            "From 25 hours a week you also have the right",
            "If you were granted BPA under this right before you turned 67, you keep the right after you turn 67",
            "relief (avlastning)",
            "a child under 18 who lives at home",
        ],
    ),
}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_bpa_guide_keeps_the_right_after_67_and_gives_its_thresholds(client, lang):
    """pbrl § 2-1 d: over two years, 32 hours (25 unless much dearer), kept after 67 when
    granted before, relief for parents of a child under 18 at home."""
    path, facts = BPA[lang]
    page = read(client, path)
    for fact in facts:
        assert fact in page, fact
    assert "People under 67 with" not in page and "Personer under 67 år med" not in page


PRIVACY = {
    "nb": (
        "/nb/personvern",
        [
            "Ledsagerbevis: Ingen lov pålegger kommunen å tilby det. Kommunen gir det som offentlig myndighet",
            "personvernforordningen (GDPR) art. 6 nr. 1 bokstav e",
            "Støttekontakten vi engasjerer for deg",
            "Et utkast du aldri sender, blir slettet når det ikke er endret på 90 dager, sammen med filene",
            "En forespørsel om fullmakt som ingen svarte på, blir slettet 90 dager etter at den gikk ut",
            "Opplysningene om en innlogging blir slettet 30 dager etter at innloggingen ble avsluttet",
            "Vi svarer innen én måned",
            "personvernforordningen (GDPR) art. 12 nr. 3",
        ],
    ),
    "en": (
        "/en/privacy",
        [
            "Companion card: no law requires the municipality to offer it. The municipality gives it as a public "
            "authority",
            "personvernforordningen (GDPR) art. 6 nr. 1 bokstav e",
            "The support contact we engage for you",
            "A draft you never send is deleted when it has not been changed for 90 days, with the files",
            "A request for a power of attorney that nobody answered is deleted 90 days after it ran out",
            "The record of a log-in is deleted 30 days after the log-in ended",
            "We answer within one month",
            "personvernforordningen (GDPR) art. 12 nr. 3",
        ],
    ),
}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_privacy_statement_covers_the_companion_card_the_support_contact_and_what_is_deleted(client, lang):
    """The companion card rests on public authority (GDPR art. 6(1)(e)), not a duty in law; the
    support contact is a recipient; every period `flask purge` keeps is stated; access is
    answered within a month (GDPR art. 12(3))."""
    path, facts = PRIVACY[lang]
    page = read(client, path)
    for fact in facts:
        assert fact in page, fact
    assert "because the law requires the municipality to handle applications for health" not in page


ACCESSIBILITY = {
    "nb": (
        "/nb/tilgjengelighet",
        [
            "47 suksesskriterier i WCAG 2.1 (nivå A og AA)",
            "Les tilgjengelighetserklæringen i uustatus",
            "Tilsynet for universell utforming av ikt",
            "kan du også klage til Diskrimineringsnemnda",
            "Dette er en demoversjon av portalen",
        ],
    ),
    "en": (
        "/en/accessibility",
        [
            "47 success criteria of WCAG 2.1 (A and AA)",
            "Read the accessibility statement in uustatus",
            "Tilsynet for universell utforming av ikt",
            "you can also complain to the Anti-Discrimination Tribunal (Diskrimineringsnemnda)",
            "This is a demonstration of the portal",
        ],
    ),
}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_accessibility_statement_links_to_uustatus_and_names_both_complaint_routes(app, client, lang):
    """The statement is the one published in Digdir's uustatus (its address from the settings);
    complaints go to Tilsynet and to Diskrimineringsnemnda; the rule is 47 criteria of WCAG 2.1."""
    path, facts = ACCESSIBILITY[lang]
    page = read(client, path)
    for fact in facts:
        assert fact in page, fact
    assert "WCAG 2.1 guidelines at levels A and AA" not in page
    raw = client.get(path).get_data(as_text=True)
    statement = app.extensions["municipality"][lang].accessibility_statement_url
    assert statement.startswith("https://uustatus.no/")
    assert f'href="{statement}"' in raw
    assert 'href="https://www.diskrimineringsnemnda.no"' in raw
