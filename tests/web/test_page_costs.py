"""What a page of a list costs does not grow with its rows: the links and the translated
labels are worked out once per page (or once per language), not once a row. Counted, not
timed, as tests/web/test_query_counts.py counts statements; `make profile` measures the time."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from flask_babel.speaklater import LazyString
from werkzeug.routing import MapAdapter

from portal import links
from portal.i18n import once_per_language
from tests.helpers import make_token, reference_in, register_paper, send_for_service


@contextmanager
def counting(monkeypatch):
    """Counts of addresses built through the routing map and of lazy texts translated."""
    counts = {"url_for": 0, "lazy": 0}
    build, translate = MapAdapter.build, LazyString.__str__

    def counted_build(self, *args, **kwargs):
        counts["url_for"] += 1
        return build(self, *args, **kwargs)

    def counted_translate(self):
        counts["lazy"] += 1
        return translate(self)

    monkeypatch.setattr(MapAdapter, "build", counted_build)
    monkeypatch.setattr(LazyString, "__str__", counted_translate)
    yield counts
    monkeypatch.undo()


def _costs(monkeypatch, client, path, **kwargs) -> dict:
    client.get(path, **kwargs)  # once first: what is kept per language is then kept
    with counting(monkeypatch) as counts:
        response = client.get(path, **kwargs)
    assert response.status_code == 200, path
    return dict(counts)


@pytest.mark.parametrize(
    "lang,submissions",
    [("nb", "/nb/mottak/innsendinger/"), ("nn", "/nn/mottak/innsendingar/"), ("en", "/en/intake/submissions/")],
)
def test_the_queue_builds_as_many_links_and_translates_as_many_labels_with_more_rows(
    apply_app, caseworker, clock, monkeypatch, lang, submissions
):
    register_paper(apply_app, 4, clock.today())
    few = _costs(monkeypatch, caseworker, f"/{lang}/intake/")
    register_paper(apply_app, 30, clock.today(), start=4)
    html = caseworker.get(f"/{lang}/intake/").get_data(as_text=True)
    assert html.count(f'href="{submissions}') == 34
    assert _costs(monkeypatch, caseworker, f"/{lang}/intake/") == few


def test_the_api_list_builds_as_many_links_with_more_rows(apply_app, clock, monkeypatch):
    token = make_token(apply_app)
    client, auth = apply_app.test_client(), {"Authorization": f"Bearer {token}"}
    register_paper(apply_app, 3, clock.today())
    few = _costs(monkeypatch, client, "/api/v1/submissions?limit=100", headers=auth)
    register_paper(apply_app, 30, clock.today(), start=3)
    items = client.get("/api/v1/submissions?limit=100", headers=auth).json["items"]
    assert len(items) == 33
    for item in items:
        reference = item["reference"]
        assert item["links"] == {
            "self": f"/api/v1/submissions/{reference}",
            "pdf": f"/api/v1/submissions/{reference}/pdf",
            "archive_package": f"/api/v1/submissions/{reference}/archive-package",
            "case": f"/api/v1/cases/{reference}",
        }
    assert _costs(monkeypatch, client, "/api/v1/submissions?limit=100", headers=auth) == few


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_an_address_filled_in_for_each_row_is_the_one_url_for_builds(app, lang):
    with app.test_request_context(f"/{lang}/"):
        from flask import g, url_for

        g.lang_code = lang
        fill = links.for_each("intake.submission", "reference")
        for value in ("SK-2026-000001", "a b/c?d#e", "æøå%", "x&y=z"):
            assert fill(value) == url_for("intake.submission", reference=value)
        api = links.for_each("api.case", "reference")
        assert api("SK-2026-000001") == url_for("api.case", reference="SK-2026-000001")


def test_texts_kept_per_language_are_built_once_for_each_language(app):
    from flask import g
    from flask_babel import gettext

    built = []

    @once_per_language
    def texts():
        built.append(1)
        return gettext("My page")

    found = {}
    for lang in ("nb", "en", "nb", "en"):
        with app.test_request_context(f"/{lang}/"):
            g.lang_code = lang
            found.setdefault(lang, set()).add(texts())
    assert len(built) == 2
    assert found == {"nb": {"Min side"}, "en": {"My page"}}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_header_and_footer_are_worked_out_once_per_language(login_as, monkeypatch, lang):
    # The style sheets, the footer's guides and the idle warning read the same on every page
    # in a language: after the first page, a page builds only its own addresses.
    client = login_as("citizen")
    client.get(f"/{lang}/my-page", follow_redirects=True)
    built: list[str] = []
    build = MapAdapter.build

    def counted_build(self, endpoint, *args, **kwargs):
        built.append(endpoint)
        return build(self, endpoint, *args, **kwargs)

    monkeypatch.setattr(MapAdapter, "build", counted_build)
    page = client.get(f"/{lang}/my-page", follow_redirects=True).get_data(as_text=True)
    monkeypatch.undo()
    assert not [endpoint for endpoint in built if endpoint in ("static", "public.guide")], built
    footer = page[page.index("<footer") : page.index("</footer>")]
    assert footer.count('class="ds-link" href="/' + lang + "/") == 4
    assert page.count('<link rel="stylesheet" href="/static/') == 3
    assert '<script src="/static/js/idle.' in page


def test_lazy_texts_look_up_the_catalogue_once_a_request_and_force_locale_still_switches(app, monkeypatch):
    import flask_babel
    from flask import g
    from flask_babel import force_locale, lazy_gettext

    looked_up = []
    lookup = flask_babel.Domain.get_translations

    def counted(self):
        looked_up.append(1)
        return lookup(self)

    monkeypatch.setattr(flask_babel.Domain, "get_translations", counted)
    texts = [lazy_gettext("My page"), lazy_gettext("Log out")] * 10
    with app.test_request_context("/nb/"):
        g.lang_code = "nb"
        assert {str(text) for text in texts} == {"Min side", "Logg ut"}
        with force_locale("en"):
            assert str(texts[0]) == "My page"
        assert str(texts[0]) == "Min side"
    # Once for Bokmål, once for the English of force_locale, once for Bokmål again after it.
    assert len(looked_up) <= 3, len(looked_up)


@pytest.mark.parametrize(
    "lang,label,answer",
    [("nb", "Bor du i kommunen?", "Ja"), ("en", "Do you live in the municipality?", "Yes")],
)
def test_the_submission_view_binds_as_many_forms_for_a_long_application_as_a_short_one(
    citizen, caseworker, monkeypatch, lang, label, answer
):
    # The answers are read from each page's form class, its labels translated once per
    # language: no form is bound, and no label translated, for each page of answers shown.
    from wtforms.form import BaseForm

    short = reference_in(send_for_service(citizen, "ledsagerbevis", lang))
    long = reference_in(send_for_service(citizen, "stottekontakt", lang))
    page = caseworker.get(f"/{lang}/intake/submissions/{short}").get_data(as_text=True)
    assert f'<div class="answers__row"><dt>{label}</dt><dd>{answer}</dd></div>' in page

    def costs(reference):
        caseworker.get(f"/{lang}/intake/submissions/{reference}")
        bound = []
        bind = BaseForm.__init__

        def counted(self, *args, **kwargs):
            bound.append(type(self).__name__)
            bind(self, *args, **kwargs)

        monkeypatch.setattr(BaseForm, "__init__", counted)
        with counting(monkeypatch) as counts:
            caseworker.get(f"/{lang}/intake/submissions/{reference}")
        return bound, counts["lazy"]

    (few_forms, few_texts), (many_forms, many_texts) = costs(short), costs(long)
    assert many_forms == few_forms, (few_forms, many_forms)
    # The long one has two more pages, each with its heading.
    assert many_texts - few_texts == 2, (few_texts, many_texts)
