"""Static files: fingerprinted names cached for a year, compressed text, and page weight
(HTML under 20 KB; everything a guide page needs under 150 KB compressed)."""

from __future__ import annotations

import gzip
import re

import pytest

from tests.helpers import make_token
from tests.pages import PAGE_URLS

FINGERPRINTED = re.compile(r"^/static/.+\.[0-9a-f]{10}\.[a-z0-9]+$")


def _assets_of(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def _css_references(client, path: str) -> list[str]:
    css = client.get(path).get_data(as_text=True)
    folder = path.rsplit("/", 1)[0]
    found = []
    for target in re.findall(r"""url\(["']?(?!data:)([^"')]+)["']?\)""", css):
        parts = (folder + "/" + target).split("/")
        resolved: list[str] = []
        for part in parts:
            if part == "..":
                resolved.pop()
            elif part not in (".", ""):
                resolved.append(part)
        found.append("/" + "/".join(resolved))
    return found


def test_pages_link_to_fingerprinted_files_cached_for_a_year(client):
    links = _assets_of(client.get("/nb/").get_data(as_text=True))
    assert len(links) >= 4
    for link in links:
        assert FINGERPRINTED.match(link), link
        response = client.get(link)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_style_sheets_point_at_the_fonts_fingerprinted_names(client):
    sheet = next(link for link in _assets_of(client.get("/nb/").get_data(as_text=True)) if "/css/portal." in link)
    fonts = _css_references(client, sheet)
    assert len(fonts) == 2 and all(FINGERPRINTED.match(font) for font in fonts), fonts
    for font in fonts:
        response = client.get(font)
        assert response.status_code == 200 and response.mimetype == "font/woff2"


def test_text_files_come_compressed_to_those_who_accept_it(client):
    sheet = next(link for link in _assets_of(client.get("/nb/").get_data(as_text=True)) if "components." in link)
    plain = client.get(sheet)
    packed = client.get(sheet, headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data and packed.headers["Vary"] == "Accept-Encoding"


def test_a_browser_that_has_the_file_is_told_so(client):
    sheet = _assets_of(client.get("/nb/").get_data(as_text=True))[0]
    etag = client.get(sheet).headers["ETag"]
    assert client.get(sheet, headers={"If-None-Match": etag}).status_code == 304


def test_the_plain_name_still_works_but_is_not_kept_and_unknown_files_are_404(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-cache"
    assert client.get("/static/css/nothing.css").status_code == 404
    assert client.get("/static/../portal/config.py").status_code == 404


@pytest.mark.parametrize("name,lang,path", PAGE_URLS)
def test_every_public_page_is_light(client, name, lang, path):
    """HTML under 20 KB; with its style sheets, fonts and icon under 150 KB compressed."""
    html = client.get(path).get_data()
    assert len(html) < 20_000, (path, len(html))
    total = len(gzip.compress(html))
    for link in _assets_of(html.decode()):
        response = client.get(link, headers={"Accept-Encoding": "gzip"})
        total += len(response.data)
        if link.endswith(".css"):
            total += sum(len(client.get(font).data) for font in _css_references(client, link))
    assert total < 150_000, (path, total)


def test_pages_for_someone_logged_in_are_not_stored_by_browsers_or_proxies(citizen):
    assert citizen.get("/nb/my-page").headers["Cache-Control"] == "private, no-store"


def test_static_files_carry_the_security_headers_and_only_answer_get_and_head(client):
    sheet = _assets_of(client.get("/nb/").get_data(as_text=True))[0]
    response = client.get(sheet)
    assert response.headers["X-Content-Type-Options"] == "nosniff" and "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers.get("Vary", "")
    head = client.head(sheet)
    assert head.status_code == 200 and head.data == b""
    assert client.post(sheet).status_code == 405


def test_a_guide_is_built_once_a_minute_for_visitors_but_always_for_someone_logged_in(apply_app, citizen, clock):
    """The kept page is the same bytes; a logged-in reader never gets a visitor's page."""
    from portal.extensions import db
    from portal.models import Notice

    visitor = apply_app.test_client()
    first = visitor.get("/nb/")
    with apply_app.app_context():
        db.session.add(
            Notice(
                key="ny",
                shown_from=clock.today(),
                title_nb="Ny melding",
                title_en="New notice",
                text_nb="Tekst",
                text_en="Text",
            )
        )
        db.session.commit()
    assert visitor.get("/nb/").data == first.data  # kept for a minute
    assert "Set-Cookie" not in first.headers
    mine = citizen.get("/nb/").get_data(as_text=True)
    assert "Min side" in mine
    assert "Min side" not in first.get_data(as_text=True)


def test_a_kept_page_goes_to_a_browser_without_a_session_before_the_app_with_the_headers(app, citizen):
    visitor = app.test_client()
    built = visitor.get("/en/support-contact")
    kept = visitor.get("/en/support-contact")
    assert kept.data == built.data and kept.headers["Vary"] == "Cookie"
    assert kept.headers["Content-Security-Policy"] == built.headers["Content-Security-Policy"]
    assert kept.headers["Content-Type"] == "text/html; charset=utf-8" and "Set-Cookie" not in kept.headers
    assert visitor.head("/en/support-contact").status_code == 200
    assert visitor.get("/en/support-contact?x=1").status_code == 200  # another address is built on its own


def test_addresses_with_a_query_string_are_never_kept_and_gzip_refused_is_not_sent(client):
    assert client.get("/en/support-contact?utm=1").status_code == 200
    assert client.application.extensions["page_cache"] == {}  # built, not kept
    sheet = _assets_of(client.get("/nb/").get_data(as_text=True))[0]
    refused = client.get(sheet, headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers
    packed = client.get(sheet, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["ETag"] != refused.headers["ETag"]


def test_api_answers_are_not_stored_by_caches(apply_app):
    token = make_token(apply_app)
    response = apply_app.test_client().get("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"})
    assert response.headers["Cache-Control"] == "private, no-store"
