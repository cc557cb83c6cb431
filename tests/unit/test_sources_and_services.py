"""The legal rules table: services, appeal deadlines and bodies, and the cited sources (LEGAL.md)."""

import pytest

from portal.rules.services import SERVICES, AppealBody
from portal.rules.sources import ACTS, SOURCES


def test_appeal_deadline_is_four_weeks_for_stottekontakt_and_bpa_under_pbrl_7_5():
    for code in ("stottekontakt", "bpa"):
        service = SERVICES[code]
        assert service.appeal_weeks == 4
        assert service.appeal_deadline_source.citation == "pbrl § 7-5"


def test_appeal_deadline_is_three_weeks_for_ledsagerbevis_under_fvl_29():
    service = SERVICES["ledsagerbevis"]
    assert service.appeal_weeks == 3
    assert service.appeal_deadline_source.citation == "fvl § 29"


def test_appeals_go_to_statsforvalteren_under_pbrl_7_2_and_ledsagerbevis_to_the_board_under_fvl_28_second_para():
    assert SERVICES["stottekontakt"].appeal_body is AppealBody.STATE_ADMINISTRATOR
    assert SERVICES["bpa"].appeal_body is AppealBody.STATE_ADMINISTRATOR
    assert SERVICES["stottekontakt"].appeal_body_source.citation == "pbrl § 7-2"
    assert SERVICES["ledsagerbevis"].appeal_body is AppealBody.MUNICIPAL_APPEAL_BOARD
    assert SERVICES["ledsagerbevis"].appeal_body_source.citation == "fvl § 28 andre ledd"


def test_preliminary_reply_is_fvl_11_a_not_four_weeks():
    assert SOURCES["preliminary_reply"].citation == "fvl § 11 a"


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_every_source_names_a_known_act_and_links_to_lovdata(key):
    source = SOURCES[key]
    assert source.act in ACTS.values()
    assert source.url.startswith("https://lovdata.no/")
    assert source.full_citation.startswith(source.act.name)


def test_lovdata_links_point_at_the_section():
    assert SOURCES["stottekontakt_right"].url == "https://lovdata.no/lov/1999-07-02-63/§2-1a"
    assert SOURCES["late_appeal"].url == "https://lovdata.no/lov/1967-02-10/§31"
    assert SOURCES["guardianship"].url == "https://lovdata.no/lov/2010-03-26-9"
