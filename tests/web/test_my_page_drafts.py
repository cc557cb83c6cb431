"""Drafts on My page told apart: the service, who it is for, how far it has come (the step
the reader is at, counted as the pages count it), and when it was last saved."""

import re
from datetime import timedelta

import pytest
from flask import g

from portal.i18n import moment
from tests.helpers import answer_all, start_application, text

FOR_YOURSELF = {"nb": "for deg selv", "nn": "for deg sjølv", "en": "for yourself"}
AT_STEP = {"nb": "på steg {n} av {total}", "nn": "på steg {n} av {total}", "en": "at step {n} of {total}"}
SAVED = {"nb": "sist lagret {moment}", "nn": "sist lagra {moment}", "en": "last saved {moment}"}
SERVICES = {
    "nb": ("støttekontakt", "ledsagerbevis"),
    "nn": ("støttekontakt", "ledsagarbevis"),
    "en": ("support contact", "companion card"),
}


def _drafts(page: str) -> list[str]:
    items = re.findall(r'<li class="draft">(.*?)</li>', page, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", item)) for item in items]


def _next_minute(when):
    """The start of the next minute: what is saved in this test is saved within it."""
    return (when + timedelta(minutes=1)).replace(second=0, microsecond=0)


def _moment(app, lang, when) -> str:
    with app.test_request_context(f"/{lang}/"):
        g.lang_code = lang
        return moment(when)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_each_draft_says_what_for_whom_how_far_and_when_it_was_saved(citizen, apply_app, clock, lang):
    clock.move_to(_next_minute(clock.now()))
    first = start_application(citizen, lang)
    answer_all(citizen, first, upto="situation")
    first_saved = clock.now()
    total = re.search(r"(?:steg|step) 3 (?:av|of) (\d+)", text(citizen.get(f"{first}/situation"))).group(1)
    clock.move_to(_next_minute(clock.now() + timedelta(minutes=20)))
    start_application(citizen, lang, service="ledsagerbevis")
    second_saved = clock.now()

    items = _drafts(citizen.get(f"/{lang}/my-page").get_data(as_text=True))
    assert len(items) == 2
    support, card = (next(i for i in items if name in i) for name in SERVICES[lang])
    assert FOR_YOURSELF[lang] in support and FOR_YOURSELF[lang] in card
    assert AT_STEP[lang].format(n=3, total=total) in support
    assert re.search(AT_STEP[lang].format(n=1, total=r"\d+"), card)
    assert SAVED[lang].format(moment=_moment(apply_app, lang, first_saved)) in support
    assert SAVED[lang].format(moment=_moment(apply_app, lang, second_saved)) in card
