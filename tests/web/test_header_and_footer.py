"""What every page carries: log-out in the header whenever someone is logged in, "Log in"
said once on the log-in page, and the footer's contact details labelled and unbroken."""

import re

import pytest

from tests.helpers import html
from tests.reader_client import reader_address

LOG_OUT = {"nb": "Logg ut", "nn": "Logg ut", "en": "Log out"}
LOG_IN = {"nb": "Logg inn", "nn": "Logg inn", "en": "Log in"}


def _header(page: str) -> str:
    return page[page.index("<header") : page.index("</header>")]


def _footer(page: str) -> str:
    return page[page.index("<footer") : page.index("</footer>")]


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize(
    "role,path", [("citizen", ""), ("citizen", "my-page"), ("citizen", "apply/"), ("caseworker", "intake/")]
)
def test_the_header_has_a_log_out_button_on_every_page_when_logged_in(login_as, role, path, lang):
    client = login_as(role)
    page = html(client.get(f"/{lang}/{path}"))
    logout = reader_address(client.application, f"/{lang}/account/logout")
    form = re.search(r'<form method="post" action="' + re.escape(logout) + r'"[^>]*>(.*?)</form>', _header(page), re.S)
    assert form, "a log-out form in the header"
    assert 'name="csrf_token"' in form.group(1)
    assert re.search(r'<button type="submit"[^>]*>' + LOG_OUT[lang] + "</button>", form.group(1))
    # One "Log out" on the page: browsers and screen readers find the button by its name.
    assert len(re.findall(r">\s*" + LOG_OUT[lang] + r"\s*</button>", page)) == 1
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.group(1)).group(1)
    response = client.post(logout, data={"csrf_token": token})
    assert response.status_code == 302
    assert client.get(f"/{lang}/my-page").status_code == 302  # logged out: sent to log in


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_visitor_has_no_log_out_button(apply_app, lang):
    page = html(apply_app.test_client().get(f"/{lang}/"))
    assert reader_address(apply_app, f"/{lang}/account/logout") not in page
    assert LOG_IN[lang] in text_of(_header(page))


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_log_in_page_says_log_in_once_above_the_form(apply_app, lang):
    page = html(apply_app.test_client().get(f"/{lang}/account/login"))
    before_heading = page[page.index("<body") : page.index("<h1")]
    assert LOG_IN[lang] not in text_of(before_heading)
    assert re.findall(r"<h1[^>]*>([^<]*)</h1>", page) == [LOG_IN[lang]]


HOURS = {
    "nb": (
        "Telefontid: Mandag til fredag kl. 09.00–14.00",
        "Åpningstid på kontoret: Mandag til fredag kl. 08.00–15.30",
    ),
    "nn": (
        "Telefontid: Måndag til fredag kl. 09.00–14.00",
        "Opningstid på kontoret: Måndag til fredag kl. 08.00–15.30",
    ),
    "en": (
        "Phone hours: Monday to Friday, 09:00 to 14:00",
        "Opening hours at the office: Monday to Friday, 08:00 to 15:30",
    ),
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_footer_labels_the_phone_hours_and_the_opening_hours(client, lang):
    footer = text_of(_footer(html(client.get(f"/{lang}/"))))
    for labelled in HOURS[lang]:
        assert labelled in footer


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_footer_address_breaks_only_after_the_at_or_before_a_dot(client, lang):
    link = re.search(
        r'<a class="ds-link email-address" href="mailto:([^"]+)">(.*?)</a>', _footer(html(client.get(f"/{lang}/")))
    )
    assert link
    address, shown = link.groups()
    assert shown.replace("<wbr>", "") == address
    pieces = shown.split("<wbr>")
    assert len(pieces) > 1
    assert all(before.endswith("@") or after.startswith(".") for before, after in zip(pieces, pieces[1:], strict=False))
