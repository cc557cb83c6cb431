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
