"""The municipality comes from the settings file, never from a template."""

import re
from pathlib import Path

import pytest

from portal import municipality
from portal.municipality import SettingsError

ROOT = Path(__file__).resolve().parents[2]
DEMO = municipality.DEMO_SETTINGS.read_text(encoding="utf-8")


def test_no_template_names_the_municipality_or_its_numbers():
    settings = municipality.load()
    words = set()
    for m in settings.by_language.values():
        words |= {
            m.name,
            m.office.name,
            m.office.phone,
            m.office.email,
            m.ombud.name,
            m.state_administrator.name,
            m.municipal_appeal_board.name,
            "Fjellvik",
        }
        words |= set(m.office.postal_address) | set(m.office.visiting_address)
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for word in words:
            assert word not in text, f"{template.name} names {word!r}: take it from the settings"


def test_another_settings_file_changes_every_page(make_app, tmp_path, monkeypatch):
    other = tmp_path / "other.toml"
    other.write_text(
        DEMO.replace("Fjellvik kommune", "Elvedal kommune").replace("+47 51 00 00 00", "+47 22 22 22 22"),
        encoding="utf-8",
    )
    monkeypatch.setenv("PORTAL_SETTINGS", str(other))
    client = make_app().test_client()
    html = client.get("/nb/kontakt").get_data(as_text=True)
    assert "Elvedal kommune" in html
    assert "+47 22 22 22 22" in html
    assert "Fjellvik kommune" not in html


def test_a_missing_setting_is_named_in_the_error(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(DEMO.replace('phone = "+47 51 00 00 00"\n', ""), encoding="utf-8")
    with pytest.raises(SettingsError, match="office.phone"):
        municipality.load(broken)


def test_a_text_missing_in_one_language_is_refused(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        DEMO.replace(
            'name = { nb = "Fjellvik kommune", nn = "Fjellvik kommune", en = "Fjellvik Municipality" }',
            'name = { nb = "Fjellvik kommune", nn = "Fjellvik kommune" }',
        ),
        encoding="utf-8",
    )
    with pytest.raises(SettingsError, match=r"municipality\.name\.en"):
        municipality.load(broken)


def test_a_file_that_is_not_there_or_not_toml_is_refused(tmp_path):
    with pytest.raises(SettingsError, match="not found"):
        municipality.load(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("this is = = not toml", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        municipality.load(bad)


def test_the_demo_settings_name_both_appeal_bodies_and_the_ombud():
    for m in municipality.load().by_language.values():
        # Statsforvaltaren in Nynorsk.
        assert re.search(r"Statsforval(te|ta)ren", m.state_administrator.name)
        assert m.municipal_appeal_board.name
        assert m.ombud.name and m.ombud.phone


def test_the_accessibility_statement_in_uustatus_is_required(tmp_path):
    """Every public body publishes its statement in Digdir's uustatus; the portal links to it."""
    line = next(line for line in DEMO.splitlines() if line.startswith("statement_url"))
    missing = tmp_path / "missing.toml"
    missing.write_text(DEMO.replace(line + "\n", ""), encoding="utf-8")
    with pytest.raises(SettingsError, match=r"accessibility\.statement_url"):
        municipality.load(missing)
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text(DEMO.replace(line, 'statement_url = "https://www.fjellvik.example/uu"'), encoding="utf-8")
    with pytest.raises(SettingsError, match="uustatus.no"):
        municipality.load(elsewhere)


def test_a_real_deployment_is_not_marked_as_a_demonstration(make_app, tmp_path, monkeypatch):
    real = tmp_path / "real.toml"
    real.write_text(DEMO.replace("demo = true", "demo = false"), encoding="utf-8")
    monkeypatch.setenv("PORTAL_SETTINGS", str(real))
    page = make_app().test_client().get("/nb/tilgjengelighet").get_data(as_text=True)
    assert "Les tilgjengelighetserklæringen i uustatus" in page
    assert "demoversjon" not in page
