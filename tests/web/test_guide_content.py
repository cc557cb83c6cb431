"""What the guides must say, in Bokmål, Nynorsk and English: the facts a reader acts on, as the law
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
            "minst 32 timer hjelp i uka",
            "Fra 25 timer i uka har du også rett",
            "Fikk du BPA etter denne retten før du fylte 67 år, beholder du retten også etter at du har fylt 67",
            "avlastning",
            "barn under 18 år som bor hjemme",
        ],
    ),
    "nn": (
        "/nn/bpa",
        [
            "Langvarig tyder at du kjem til å trenge hjelpa i meir enn to år",
            "minst 32 timar hjelp i veka",
            "Frå 25 timar i veka har du òg rett",
            "Fekk du BPA etter denne retten før du fylte 67 år, beheld du retten òg etter at du har fylt 67",
            "avlasting",
            "barn under 18 år som bur heime",
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


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
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
    "nn": (
        "/nn/personvern",
        [
            "Ledsagarbevis: Inga lov pålegg kommunen å tilby det. Kommunen gir det som offentleg styresmakt",
            "personvernforordningen (GDPR) art. 6 nr. 1 bokstav e",
            "Støttekontakten vi engasjerer for deg",
            "Eit utkast du aldri sender, blir sletta når det ikkje er endra på 90 dagar, saman med filene",
            "Ein førespurnad om fullmakt som ingen svarte på, blir sletta 90 dagar etter at den gjekk ut",
            "Opplysningane om ei innlogging blir sletta 30 dagar etter at innlogginga vart avslutta",
            "Vi svarar innan éin månad",
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


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
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
    "nn": (
        "/nn/tilgjenge",
        [
            "47 suksesskriterium i WCAG 2.1 (nivå A og AA)",
            "Les tilgjengelegheitserklæringa i uustatus",
            "Tilsynet for universell utforming av ikt",
            "kan du òg klage til Diskrimineringsnemnda",
            "Dette er ein demoversjon av portalen",
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


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
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


SUPPORT_CONTACT = {
    "nb": (
        "/nb/stottekontakt",
        [
            "et besøk hjemme",
            "kopp kaffe på kafé",
            "kino, konsert eller museum",
            "idrett: trene sammen eller gå på kamp",
            "De har taushetsplikt og har skrevet under på en taushetserklæring",
            "Vi gir dem opplæring i oppdraget og følger dem opp",
            "kan barnevernet gi barnet en støttekontakt som hjelpetiltak",
            "barnevernsloven § 3-1",
            "Følge til offentlige kontorer eller til lege.",
            "Les om ledsagerbevis",
            "Ledsagerbeviset er gratis",
            "kontakte saksbehandleren som har skrevet under vedtaket",
            "Du kan klage innen fire uker",
            "Statsforvalteren i Rogaland",
            "send det i posten til Fjellvik kommune, Tjenestekontoret, Postboks 100, 4999 Fjellvik",
            "Du kan sende klagen i posten til Fjellvik kommune, Tjenestekontoret, Postboks 100, 4999 Fjellvik",
            "Vi svarer innen én måned",
            "personvernforordningen (GDPR) art. 12 nr. 3",
        ],
    ),
    "nn": (
        "/nn/stottekontakt",
        [
            "eit besøk heime",
            "kopp kaffi på kafé",
            "kino, konsert eller museum",
            "idrett: trene saman eller gå på kamp",
            "Dei har teieplikt og har skrive under på ei teiepliktserklæring",
            "Vi gir dei opplæring i oppdraget og følgjer dei opp",
            "kan barnevernet gi barnet ein støttekontakt som hjelpetiltak",
            "barnevernsloven § 3-1",
            "Følgje til offentlege kontor eller til lege.",
            "Les om ledsagarbevis",
            "Ledsagarbeviset er gratis",
            "kontakte saksbehandlaren som har skrive under vedtaket",
            "Du kan klage innan fire veker",
            "Statsforvaltaren i Rogaland",
            "send det i posten til Fjellvik kommune, Tjenestekontoret, Postboks 100, 4999 Fjellvik",
            "Du kan sende klagen i posten til Fjellvik kommune, Tjenestekontoret, Postboks 100, 4999 Fjellvik",
            "Vi svarar innan éin månad",
            "personvernforordningen (GDPR) art. 12 nr. 3",
        ],
    ),
    "en": (
        "/en/support-contact",
        [
            "a visit at home",
            "a cup of coffee at a café",
            "the cinema, a concert or a museum",
            "sports: training together, or going to a match",
            "They have a duty of confidentiality and have signed a declaration of confidentiality",
            "We give them training for the work, and we follow them up",
            "barnevernet can give the child a support contact as a help measure (hjelpetiltak)",
            "barnevernsloven § 3-1",
            "Going with you to public offices or the doctor.",
            "Read about the companion card",
            "The card is free",
            "contact the caseworker who signed it",
            "You can appeal within four weeks",
            "Statsforvalteren i Rogaland",
            "send it by post to Fjellvik kommune, Tjenestekontoret, Postboks 100, 4999 Fjellvik",
            "You can send your appeal by post to Fjellvik kommune, Tjenestekontoret, Postboks 100, 4999 Fjellvik",
            "We answer within one month",
            "personvernforordningen (GDPR) art. 12 nr. 3",
        ],
    ),
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_support_contact_guide_gives_examples_routes_and_rights(client, lang):
    """Concrete examples; confidentiality with a signed declaration; training and follow-up;
    barnevernet's own route (barnevernsloven § 3-1); the companion card; who to ask about the
    decision; appeal (four weeks, pbrl § 7-5) and applying on paper to the office's postal
    address; access answered within a month (GDPR art. 12(3))."""
    path, facts = SUPPORT_CONTACT[lang]
    page = read(client, path)
    for fact in facts:
        assert fact in page, fact
    assert "other appointments" not in page and "andre avtaler" not in page
    assert 'href="https://lovdata.no/lov/2021-06-18-97/§3-1"' in client.get(path).get_data(as_text=True)


@pytest.mark.parametrize(
    "path,facts",
    [
        ("/nb/ledsagerbevis", ["Ledsagerbeviset er gratis", "Ledsagerbeviset kan gjelde for flere ledsagere"]),
        ("/nn/ledsagarbevis", ["Ledsagarbeviset er gratis", "Ledsagarbeviset kan gjelde for fleire ledsagarar"]),
        ("/en/companion-card", ["The card is free", "the card can cover more than one companion"]),
        ("/nb/bli-stottekontakt", ["Du har taushetsplikt", "skriver under på en taushetserklæring", "opplæring"]),
        ("/nn/bli-stottekontakt", ["Du har teieplikt", "skriv under på ei teiepliktserklæring", "opplæring"]),
        (
            "/en/become-a-support-contact",
            ["You have a duty of confidentiality", "you sign a declaration of confidentiality", "training"],
        ),
    ],
)
def test_the_companion_card_is_free_for_more_than_one_companion_and_volunteers_sign_for_confidentiality(
    client, path, facts
):
    page = read(client, path)
    for fact in facts:
        assert fact in page, fact


def test_gdpr_12_3_access_within_a_month_with_the_extension_the_law_allows(client):
    """GDPR art. 12(3): a month, extendable by two for large or complicated requests."""
    guide = read(client, "/en/support-contact")
    assert (
        "We answer within one month; if the request is large or complicated, we may need up to two more months" in guide
    )


def test_fvl_13_the_ombuds_confidentiality_is_the_administrations_not_pbrl_8_6():
    """pbrl § 8-6 is the ombud's access to the services' premises; the ombud, a state body,
    has the duty of confidentiality of forvaltningsloven § 13."""
    from portal.rules.sources import SOURCES

    assert SOURCES["ombud_confidentiality"].citation == "fvl § 13"


def test_fvl_11_a_a_preliminary_reply_says_why_and_only_if_possible_when(client):
    """fvl § 11 a: the preliminary reply says why the case takes longer and, if possible, when
    an answer can be expected; the portal does not promise a date in it."""
    from portal import labels

    with client.application.test_request_context("/nb/"):
        assert str(labels.DEADLINES["reply"]).endswith("et foreløpig svar som sier hvorfor det tar lengre tid")
