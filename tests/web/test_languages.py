"""Language is the first path segment; / picks by Accept-Language among the languages the
municipality offers (the demo: Bokmål, Nynorsk, English), Bokmål by default."""

import pytest


@pytest.mark.parametrize(
    "accept,expected",
    [
        (None, "/nb/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("nb-NO,nb;q=0.9,en;q=0.5", "/nb/"),
        ("no", "/nb/"),
        ("nn-NO", "/nn/"),
        ("nn-NO,nb;q=0.9", "/nn/"),
        ("nb-NO,nn;q=0.9", "/nb/"),
        ("de-DE,fr;q=0.8", "/nb/"),
        ("de-DE,en;q=0.5", "/en/"),
    ],
)
def test_root_picks_the_language_from_the_browser(client, accept, expected):
    headers = {"Accept-Language": accept} if accept else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(expected)


@pytest.mark.parametrize("path", ["/fr/", "/de/stottekontakt", "/sv/klage", "/NB/"])
def test_an_unknown_language_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_a_guide_address_in_the_other_language_redirects_to_this_language(client):
    response = client.get("/en/klage")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/en/appeals")


@pytest.mark.parametrize(
    "path,lang,text",
    [
        ("/nb/finnes-ikke", "nb", "Fant ikke siden"),
        ("/en/does-not-exist", "en", "Page not found"),
    ],
)
def test_not_found_page_is_friendly_and_in_the_language_of_the_path(client, path, lang, text):
    response = client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    assert text in html
    assert 'hreflang="en" href="http://localhost/en/"' in html
    assert 'hreflang="nb" href="http://localhost/nb/"' in html


def test_not_found_outside_a_language_follows_the_browser(client):
    response = client.get("/nothing-here", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert '<html lang="en"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "lang,expected",
    [("nb", "23. november 2026"), ("en", "23 November 2026")],
)
def test_dates_are_written_the_way_each_language_writes_them(app, lang, expected):
    from datetime import date

    from flask import g

    from portal.i18n import long_date

    with app.test_request_context(f"/{lang}/"):
        g.lang_code = lang
        assert long_date(date(2026, 11, 23)) == expected


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("autoescape", [True, False])
def test_a_template_text_reads_as_jinjas_own_gettext_gives_it(app, lang, autoescape):
    """Templates' `_` keeps each text without placeholders once per catalogue: what it gives
    must be what Jinja's newstyle gettext gives, escaped, formatted and translated the same,
    also after the first time and in another language between."""
    from jinja2.ext import _make_new_gettext

    from portal.i18n import _translations

    source = (
        '{{ _("Log in") }}|{{ _("Next page") }}|{{ _("Case %(reference)s", reference="<b>&") }}'
        '|{{ _("Log in") }}|{{ _("A & B at 100%%") }}|{{ _("A & B at 100%%") }}'
        '|{% trans %}Log in{% endtrans %}|{% trans n="<i>" %}A {{ n }} at 100%{% endtrans %}'
    )
    with app.test_request_context(f"/{lang}/"):
        app.preprocess_request()
        env = app.jinja_env.overlay(autoescape=autoescape)
        ours = env.from_string(source)
        jinjas = _make_new_gettext(lambda s: _translations().ugettext(s))
        assert ours.globals["_"] is not jinjas
        expected = env.from_string(source, globals={"_": jinjas, "gettext": jinjas}).render()
        assert ours.render() == expected
        assert ours.render() == expected
    if lang != "en":
        assert "Log in" not in expected
    assert ("&lt;b&gt;&amp;" in expected) is autoescape
    assert "|A & B at 100%|A & B at 100%|" in expected
    assert expected.endswith("at 100%") and ("A &lt;i&gt; at" in expected) is autoescape
