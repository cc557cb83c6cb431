"""Volunteers (LEGAL.md "Volunteers"; DESIGN.md "Journeys" 6): the application with its
requirements (18 or older, the duty of confidentiality), the municipality's register with
states and the police certificate (hol § 5-4), matching to a person granted a støttekontakt
with the reasons, and timesheets and half-year reports from engaged volunteers."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Assignment, OutboxMessage, Submission, Volunteer, VolunteerReport
from portal.rules import clock as portal_clock
from tests.helpers import (
    PDF,
    PERSON,
    STEPS as APPLY_STEPS,
    day,
    decide,
    errors,
    html,
    log_in,
    make_account,
    pdf_file,
    post_form,
    reference_in,
    start_application,
    text,
)
from tests.html_validity import problems
from tests.identities import aged
from tests.reader_client import declared, reader_address

ABOUT = {
    "full_name": "Vera Frivillig",
    "national_id": aged(35, start=120),
    "street_address": "Gata 3",
    "postcode": "4999",
    "city": "Fjellvik",
    "occupation": "Lærer",
    "work": "part_time",
    "phone": "912 34 567",
    "other_phone": "",
    "email": "vera@example.org",
}
CERTIFICATE = pdf_file(note="politiattest")
STEPS = [
    ("about_you", ABOUT),
    ("driving", {"has_car": "yes", "has_licence": "yes"}),
    ("experience", {"experience": "Lærer i ti år, og leder i speideren."}),
    ("interests", {"interests": ["sports", "culture"], "hobbies": "Fotball og kino"}),
    ("availability", {"times": ["evening", "weekends"], "groups": ["adults", "young_people"]}),
    ("capacity", {"hours": "4", "per": "week", "people": "2"}),
    ("other", {"other": "", "confidentiality": "y"}),
]


def _start(client, lang="nb"):
    response = post_form(client, f"/{lang}/volunteer/start", {}, form_page=f"/{lang}/volunteer/")
    assert response.status_code == 302
    return response.headers["Location"].rsplit("/", 1)[0]


def _apply(client, lang="nb", **about):
    base = _start(client, lang)
    for key, data in STEPS:
        response = post_form(client, f"{base}/{key}", {**data, **about} if key == "about_you" else data)
        assert response.status_code == 302, (key, errors(response))
    response = post_form(client, f"{base}/check", {"correct": "y"})
    return response.headers["Location"]


@pytest.mark.parametrize(
    "lang,texts",
    [
        ("nb", ["Søk om å bli støttekontakt", "18 år", "politiattest", "taushetsplikt"]),
        ("nn", ["Søk om å bli støttekontakt", "18 år", "politiattest", "teieplikt"]),
        ("en", ["Apply to become a support contact", "18 or older", "police certificate", "confidentiality"]),
    ],
)
def test_the_requirements_are_shown_up_front(apply_app, lang, texts):
    page = text(apply_app.test_client().get(f"/{lang}/volunteer/"))
    for expected in texts:
        assert expected in page, expected
    assert "helse- og omsorgstjenesteloven § 5-4" in page


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_apply_to_become_a_support_contact(apply_app, citizen, lang):
    receipt = _apply(citizen, lang)
    assert re.search(rf"^/{lang}/apply/receipt/FR-\d{{4}}-\d{{6}}$", declared(receipt))
    page = text(citizen.get(receipt))
    assert {
        "nb": "Takk for at du vil bli støttekontakt",
        "nn": "Takk for at du vil bli støttekontakt",
        "en": "Thank you for wanting to be a support contact",
    }[lang] in page
    with apply_app.app_context():
        volunteer = db.session.scalar(select(Volunteer))
        assert volunteer.state == "applied" and volunteer.name == "Vera Frivillig"
        assert volunteer.times == ["evening", "weekends"] and volunteer.has_car and volunteer.capacity == 2
        message = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
        assert (
            message.to_address in ("kari@example.org", "vera@example.org") and ABOUT["national_id"] not in message.body
        )
    status = text(citizen.get(f"/{lang}/volunteer/"))
    interview = {"nb": "kontakt med deg om et intervju", "nn": "kontakt med deg om eit intervju", "en": "interview"}
    assert interview[lang] in status
    again = post_form(citizen, f"/{lang}/volunteer/start", {}, form_page=f"/{lang}/my-page")
    assert declared(again.headers["Location"]) == f"/{lang}/volunteer/"  # one application is enough


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_each_page_says_what_is_missing(citizen, lang):
    base = _start(citizen, lang)
    expected = {
        "driving": {
            "nb": ["Svar på om du har bil"],
            "nn": ["Svar på om du har bil"],
            "en": ["Answer whether you have a car"],
        },
        "experience": {
            "nb": ["Skriv om utdanningen og erfaringen din"],
            "nn": ["Skriv om utdanninga og erfaringa di"],
            "en": ["Write about your education and experience"],
        },
        "interests": {
            "nb": ["Velg minst én ting du liker å gjøre"],
            "nn": ["Vel minst éin ting du likar å gjere"],
            "en": ["Choose at least one thing you like doing"],
        },
        "availability": {
            "nb": ["Velg minst ett tidspunkt du kan", "Velg minst én gruppe"],
            "nn": ["Vel minst eitt tidspunkt du kan", "Vel minst éi gruppe"],
            "en": ["Choose at least one time you can", "Choose at least one group"],
        },
        "other": {
            "nb": ["Du må godta taushetsplikten for å bli støttekontakt"],
            "nn": ["Du må godta teieplikta for å bli støttekontakt"],
            "en": ["You must accept the duty of confidentiality to be a support contact"],
        },
    }
    for step, messages in expected.items():
        shown = errors(post_form(citizen, f"{base}/{step}", {}))
        assert shown[: len(messages[lang])] == messages[lang], step
    assert len(errors(post_form(citizen, f"{base}/about_you", {}))) == 9
    assert len(errors(post_form(citizen, f"{base}/capacity", {}))) == 3


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_someone_under_18_is_told_when_they_can_apply(citizen, lang):
    """LEGAL.md "Volunteers": a volunteer is at least 18 (municipal practice)."""
    base = _start(citizen, lang)
    young = aged(17, days_past_birthday=30, start=120)
    shown = errors(post_form(citizen, f"{base}/about_you", {**ABOUT, "national_id": young}))
    assert len(shown) == 1
    assert shown[0].startswith(
        {
            "nb": "Du må være 18 år eller eldre for å bli støttekontakt. Du kan søke fra",
            "nn": "Du må vere 18 år eller eldre for å bli støttekontakt. Du kan søkje frå",
            "en": "You must be 18 or older to be a support contact. You can apply from",
        }[lang]
    )


# -- The register ---------------------------------------------------------------------------------


@pytest.fixture
def volunteer(apply_app, citizen):
    _apply(citizen)
    with apply_app.app_context():
        return db.session.scalar(select(Volunteer.public_id))


def test_the_register_filters_by_time_group_interest_car_and_state(apply_app, caseworker, volunteer):
    for query, shown in (
        ("", True),
        ("times=evening", True),
        ("times=daytime", False),
        ("groups=adults", True),
        ("groups=children", False),
        ("interests=culture", True),
        ("interests=music", False),
        ("car=y", True),
        ("state=applied", True),
        ("state=approved", False),
    ):
        assert ("Vera Frivillig" in html(caseworker.get(f"/en/intake/volunteers?{query}"))) is shown, query


def test_the_states_go_in_order_and_the_police_certificate_needs_its_date(apply_app, caseworker, volunteer, clock):
    """hol § 5-4: the police certificate's date counts (no older than three months when engaged)."""
    path = f"/en/intake/volunteers/{volunteer}"
    assert errors(post_form(caseworker, path, {"to": "approved"})) == [
        "A volunteer cannot go straight to this state from where they are now. Choose another state"
    ]
    assert post_form(caseworker, path, {"to": "interviewed", "note": "Fin samtale."}).status_code == 302
    assert errors(post_form(caseworker, path, {"to": "certificate_received"})) == [
        "Enter the date of the police certificate"
    ]
    issued = day(clock.today() - timedelta(days=10))
    assert (
        post_form(caseworker, path, {"to": "certificate_received", "certificate_issued_on": issued}).status_code == 302
    )
    page = text(caseworker.get(path))
    assert "Police certificate received" in page and "Fin samtale." in page and "they can start until" in page


def _granted_case(apply_app, client, age=30, interests="Fotball og kino", when="kveld"):
    """A støttekontakt application sent and granted (`tests.helpers.decision`, notified today)."""
    base = start_application(client)
    for key, data in APPLY_STEPS:
        if key == "person":
            data = {**PERSON, "national_id": aged(age, start=130)}
        if key == "wishes":
            data = {**data, "interests": interests, "when": when}
        post_form(client, f"{base}/{key}", data)
    post_form(client, f"{base}/attachments", {"action": "continue"})
    reference = reference_in(post_form(client, f"{base}/check", {"correct": "y"}).headers["Location"])
    decide(apply_app, reference)
    return reference


def _make_volunteer(app, name, state="approved", certificate_days_ago=10, **changes):
    """A volunteer straight into the register, as if their application had been handled."""
    now, today = portal_clock.now(), portal_clock.today()
    with app.app_context():
        submission = Submission(
            reference=f"FR-{today.year}-{abs(hash(name)) % 999999:06d}",
            kind="volunteer",
            service="stottekontakt",
            document={"answers": {}},
            submitted_at=now,
            intake_state="new",
            channel="online",
            language="nb",
        )
        db.session.add(submission)
        db.session.flush()
        values = dict(
            name=name,
            state=state,
            times=["evening", "weekends"],
            groups=["adults"],
            interests=["sports"],
            interests_text="",
            has_car=False,
            has_licence=False,
            capacity=1,
            certificate_issued_on=today - timedelta(days=certificate_days_ago)
            if certificate_days_ago is not None
            else None,
            submission_id=submission.id,
            created_at=now,
            updated_at=now,
        )
        values.update(changes)
        volunteer = Volunteer(**values)
        db.session.add(volunteer)
        db.session.commit()
        return volunteer.public_id


def test_matching_ranks_who_fits_with_the_reasons_and_leaves_out_who_does_not(apply_app, citizen, caseworker):
    reference = _granted_case(apply_app, citizen)
    _make_volunteer(apply_app, "Anne Aktiv", interests=["sports", "culture"], capacity=2)
    _make_volunteer(apply_app, "Bjørn Ballspiller")
    _make_volunteer(apply_app, "Dina Dagtid", times=["daytime"], interests=["music"])
    _make_volunteer(apply_app, "Cato Children", groups=["children"])
    _make_volunteer(apply_app, "Eva Ennå", state="interviewed")
    page = text(caseworker.get(f"/en/intake/cases/{reference}/match"))
    names = re.findall(
        r"(Anne Aktiv|Bjørn Ballspiller|Dina Dagtid|Cato Children|Eva Ennå)", page.split("best first", 1)[1]
    )
    assert names[::2] == ["Anne Aktiv", "Bjørn Ballspiller", "Dina Dagtid"] or list(dict.fromkeys(names)) == [
        "Anne Aktiv",
        "Bjørn Ballspiller",
        "Dina Dagtid",
    ]
    anne = page.split("Anne Aktiv", 1)[1].split("Engage Anne Aktiv", 1)[0]
    for reason in (
        "Both like: Sports and exercise",
        "Both like: Cinema, theatre and museums",
        "Suits both: Evenings",
        "Wants to work with: Adults",
        "Room for 2 more people",
    ):
        assert reason in anne, reason
    assert "Cato Children" not in page and "Eva Ennå" not in page


def test_engaging_needs_a_police_certificate_no_older_than_three_months(apply_app, citizen, caseworker):
    """hol § 5-4."""
    reference = _granted_case(apply_app, citizen)
    old = _make_volunteer(apply_app, "Olav Gammel", certificate_days_ago=120)
    fresh = _make_volunteer(apply_app, "Frida Fersk", certificate_days_ago=5)
    path = f"/en/intake/cases/{reference}/match"
    response = post_form(caseworker, path, {"volunteer": old, "signed": "y"})
    assert "The police certificate is older than three months" in text(response)
    assert post_form(caseworker, path, {"volunteer": fresh, "signed": "y"}).status_code == 302
    with apply_app.app_context():
        assignment = db.session.scalar(select(Assignment))
        assert assignment.volunteer.name == "Frida Fersk" and assignment.volunteer.state == "engaged"
    assert "Support contact now: Frida Fersk" in text(caseworker.get(path))
    assert "Frida Fersk" not in text(caseworker.get(path)).split("best first")[-1]  # no room for one more


def test_a_refused_case_gets_no_suggestions(apply_app, citizen, caseworker):
    reference = _granted_case(apply_app, citizen)
    decide(apply_app, reference, outcome="refused")
    _make_volunteer(apply_app, "Anne Aktiv")
    assert "Anne Aktiv" not in html(caseworker.get(f"/en/intake/cases/{reference}/match"))


# -- Engaged: timesheets and reports ----------------------------------------------------------------

ENGAGED_DAYS_AGO = 45


def _engaged_on() -> date:
    """The day Vera started (see `engaged`): a month and a half ago."""
    return portal_clock.today() - timedelta(days=ENGAGED_DAYS_AGO)


@pytest.fixture
def engaged(apply_app, citizen, caseworker):
    """Vera applied, the municipality engaged her for a granted case a month and a half ago."""
    volunteer_client = apply_app.test_client()
    make_account(apply_app, email="vera@example.org")
    log_in(volunteer_client, email="vera@example.org")
    _apply(volunteer_client)
    reference = _granted_case(apply_app, citizen)
    with apply_app.app_context():
        from portal.models import Account
        from portal.services import cases, volunteers

        vera = db.session.scalar(select(Volunteer))
        vera.state, vera.certificate_issued_on = "approved", _engaged_on() - timedelta(days=15)
        db.session.commit()
        worker = db.session.scalar(select(Account).where(Account.role == "caseworker"))
        assignment = volunteers.engage(worker, vera, cases.find(reference), signed=True, on=_engaged_on())
        return volunteer_client, assignment.public_id


def _month(offset):
    """The first day of the month `offset` months before this one."""
    first = portal_clock.today().replace(day=1)
    for _ in range(offset):
        first = (first - timedelta(days=1)).replace(day=1)
    return first


def test_a_timesheet_with_its_errors_then_sent_once(apply_app, engaged, caseworker):
    """A timesheet is for one month, its days in that month (LEGAL.md "Volunteers")."""
    client, assignment = engaged
    path = f"/en/volunteer/timesheet/{assignment}"
    last = _month(1)
    assert last.isoformat() in html(client.get(path))
    response = post_form(client, path, {"month": last.isoformat()})
    assert errors(response) == [
        "Enter at least one day with hours",
        "Confirm that the hours and expenses are correct before you send",
    ]
    wrong_day = day(last - timedelta(days=3))
    response = post_form(
        client,
        path,
        {
            "month": last.isoformat(),
            "lines-0-day": wrong_day,
            "lines-0-hours": "3",
            "lines-1-hours": "2",
            "expenses-0-amount": "149.50",
            "correct": "y",
        },
    )
    assert errors(response) == [
        "The date must be in the month the timesheet is for",
        "Enter the date for these hours",
        "Write what the expense was for",
    ]
    assert f'value="{wrong_day}"' in html(response)  # nothing typed is lost
    # The 12th, or the day she started when that was later (45 days ago can be the 17th of last month).
    worked = max(last.replace(day=12), _engaged_on())
    data = {
        "month": last.isoformat(),
        "lines-0-day": day(worked),
        "lines-0-hours": "3",
        "lines-0-activity": "Kino",
        "expenses-0-amount": "149.50",
        "expenses-0-what": "Kinobilletter",
        "correct": "y",
        "receipt": (io.BytesIO(PDF), "kvittering.pdf"),
    }
    assert post_form(client, path, data, content_type="multipart/form-data").status_code == 302
    assert last.isoformat() not in html(client.get(path))  # that month is done
    with apply_app.app_context():
        report = db.session.scalar(select(VolunteerReport))
        assert report.document["hours"] == "3.0" and report.document["amount"] == "149.50"
        receipt_id = report.document["receipt"]["id"]
    page = text(caseworker.get(f"/en/intake/volunteers/reports/{report.public_id}"))
    assert "3.0 hours in all" in page and "Kinobilletter" in page
    assert caseworker.get(f"/en/apply/files/{receipt_id}").data == PDF
    assert client.get(f"/en/apply/files/{receipt_id}").status_code == 200


def test_the_half_year_report(apply_app, engaged):
    """The report is asked for from a month before the half-year ends, not before."""
    client, assignment = engaged
    path = f"/nb/volunteer/report/{assignment}"
    assert declared(client.get(path).headers["Location"]) == "/nb/volunteer/"  # 45 days in: not yet
    with apply_app.app_context():
        row = db.session.get(Assignment, db.session.scalar(select(Assignment.id)))
        row.started_on = portal_clock.today() - timedelta(days=170)
        db.session.commit()
    assert len(errors(post_form(client, path, {}))) == 4
    data = {"activities": "Kino og fotball.", "goals": "Bra.", "benefit": "Mer ute.", "contact": "God.", "guidance": ""}
    assert "Skriv halvårsrapporten" in text(client.get("/nb/volunteer/"))
    assert post_form(client, path, data).status_code == 302
    assert "Skriv halvårsrapporten" not in text(client.get("/nb/volunteer/"))
    assert declared(client.get(path).headers["Location"]) == "/nb/volunteer/"  # nothing more is waiting
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(VolunteerReport.id))) == 1


def test_nobody_else_hands_in_for_the_volunteer_and_only_caseworkers_see_the_register(apply_app, engaged, citizen):
    _, assignment = engaged
    assert citizen.get(f"/nb/volunteer/timesheet/{assignment}").status_code == 404
    assert citizen.get(f"/nb/volunteer/report/{assignment}").status_code == 404
    for path in ("/nb/intake/volunteers", "/nb/intake/cases/SK-2026-000001/match"):
        assert citizen.get(path).status_code == 404, path
    with apply_app.app_context():
        public_id = db.session.scalar(select(Volunteer.public_id))
    assert citizen.get(f"/nb/intake/volunteers/{public_id}").status_code == 404
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(VolunteerReport.id))) == 0


# -- Engaging once, signing, ending, and the certificate from the volunteer --------------------------


def test_a_volunteer_is_engaged_once_per_case_and_only_when_the_declaration_is_signed(
    apply_app, citizen, caseworker, clock
):
    """hol § 12-1 (duty of confidentiality): the declaration is signed when they start."""
    reference = _granted_case(apply_app, citizen)
    anne = _make_volunteer(apply_app, "Anne Aktiv", capacity=2)
    path = f"/en/intake/cases/{reference}/match"
    response = post_form(caseworker, path, {"volunteer": anne})
    assert "Confirm that the volunteer has signed the confidentiality declaration" in text(response)
    assert post_form(caseworker, path, {"volunteer": anne, "signed": "y"}).status_code == 302
    assert "Engage Anne Aktiv" not in text(caseworker.get(path))  # room left, but already here
    response = post_form(
        caseworker, path, {"volunteer": anne, "signed": "y"}, form_page=f"/en/intake/volunteers/{anne}"
    )
    assert "The volunteer is already support contact in this case." in text(response)
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(Assignment.id))) == 1
        assert db.session.scalar(select(Volunteer.confidentiality_signed_on)) == clock.today()
    assert f"Signed {clock.today().day}" in text(caseworker.get(f"/en/intake/volunteers/{anne}"))


def test_the_caseworker_ends_an_assignment_and_the_volunteer_has_room_again(apply_app, citizen, caseworker, clock):
    reference = _granted_case(apply_app, citizen)
    bjorn = _make_volunteer(apply_app, "Bjørn Ballspiller")
    post_form(caseworker, f"/en/intake/cases/{reference}/match", {"volunteer": bjorn, "signed": "y"})
    with apply_app.app_context():
        assignment = db.session.scalar(select(Assignment.public_id))
    end = f"/en/intake/volunteers/assignments/{assignment}/end"
    assert citizen.post(end).status_code in (400, 404)
    assert post_form(caseworker, end, {}, form_page=f"/en/intake/volunteers/{bjorn}").status_code == 302
    page = text(caseworker.get(f"/en/intake/volunteers/{bjorn}"))
    assert "End the assignment" not in page and f"to {clock.today().day}" in page
    assert "Engage Bjørn Ballspiller" in text(caseworker.get(f"/en/intake/cases/{reference}/match"))


def test_the_police_certificate_cannot_be_dated_in_the_future(apply_app, caseworker, volunteer, clock):
    """hol § 5-4: the politiattest's date is the day it was issued, never after today."""
    path = f"/en/intake/volunteers/{volunteer}"
    post_form(caseworker, path, {"to": "interviewed"})
    tomorrow = day(clock.today() + timedelta(days=1))
    response = post_form(caseworker, path, {"to": "certificate_received", "certificate_issued_on": tomorrow})
    assert errors(response) == ["The police certificate's date cannot be in the future. Check the date"]
    assert f'value="{tomorrow}"' in html(response)


@pytest.mark.parametrize(
    "lang,done",
    [
        ("nb", "Politiattesten er lastet opp"),
        ("nn", "Politiattesten er lasta opp"),
        ("en", "The police certificate is uploaded"),
    ],
)
def test_the_volunteer_uploads_the_police_certificate_and_only_the_municipality_reads_it(
    apply_app, citizen, caseworker, volunteer, lang, done
):
    """hol § 5-4: the volunteer hands in the politiattest when the municipality asks."""
    post_form(caseworker, f"/en/intake/volunteers/{volunteer}", {"to": "interviewed"})
    page = f"/{lang}/volunteer/"
    response = post_form(
        citizen, f"/{lang}/volunteer/certificate", {}, form_page=page, content_type="multipart/form-data"
    )
    assert errors(response) == [
        {"nb": "Velg filen du vil laste opp", "nn": "Vel fila du vil laste opp", "en": "Choose the file to upload"}[
            lang
        ]
    ]
    assert response.status_code == 400 and "<title>" + {"nb": "Feil:", "nn": "Feil:", "en": "Error:"}[lang] in html(
        response
    )
    response = post_form(
        citizen,
        f"/{lang}/volunteer/certificate",
        {"file": (io.BytesIO(b"GIF89a"), "attest.gif")},
        form_page=page,
        content_type="multipart/form-data",
    )
    assert len(errors(response)) == 1 and response.status_code == 400
    response = post_form(
        citizen,
        f"/{lang}/volunteer/certificate",
        {"file": (io.BytesIO(CERTIFICATE), "politiattest.pdf")},
        form_page=page,
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert done in text(response) and "politiattest.pdf" in text(response)
    download = f"/en/intake/volunteers/{volunteer}/certificate"
    assert caseworker.get(download).data == CERTIFICATE
    assert "politiattest.pdf" in text(caseworker.get(f"/en/intake/volunteers/{volunteer}"))
    stranger = apply_app.test_client()
    make_account(apply_app, email="ola@example.org")
    log_in(stranger, email="ola@example.org")
    assert stranger.get(download).status_code == 404
    assert stranger.post(f"/{lang}/volunteer/certificate").status_code in (400, 404)


def test_a_timesheet_is_for_ended_months_with_days_not_after_today_and_more_rows_keep_what_was_typed(
    apply_app, engaged
):
    client, assignment = engaged
    path = f"/en/volunteer/timesheet/{assignment}"
    page = html(client.get(path))
    assert _month(1).isoformat() in page and _month(0).isoformat() not in page  # this month is not over
    assert len(re.findall(r'name="lines-\d+-day"', page)) == 8
    typed = {
        "month": _month(1).isoformat(),
        "lines-0-day": day(_month(1).replace(day=28)),
        "lines-0-hours": "2,5",
        "action": "more",
    }
    response = post_form(client, path, typed)
    assert len(re.findall(r'name="lines-\d+-day"', html(response))) == 12 and 'value="2,5"' in html(response)
    with apply_app.app_context():
        assert db.session.scalar(select(func.count(VolunteerReport.id))) == 0
    for bad in ("inf", "NaN"):
        response = post_form(
            client,
            path,
            {"month": _month(1).isoformat(), "lines-0-day": typed["lines-0-day"], "lines-0-hours": bad, "correct": "y"},
        )
        assert "Write the hours as a number, like 2,5" in errors(response), bad


def test_the_caseworker_sees_which_timesheets_are_missing(apply_app, engaged, caseworker, clock):
    """A month's timesheet is missing once the 15th of the next month has passed (LEGAL.md "Volunteers")."""
    from portal.rules.volunteers import timesheet_due

    with apply_app.app_context():
        public_id = db.session.scalar(select(Volunteer.public_id))
    page = text(caseworker.get(f"/en/intake/volunteers/{public_id}"))
    today = clock.today()
    first = _engaged_on().replace(day=1)  # the month she started in
    assert (f"Timesheet for {first.strftime('%B')} {first.year} missing" in page) is (timesheet_due(first) < today)
    assert f"Timesheet for {today.strftime('%B')} {today.year} missing" not in page


def test_a_caseworker_reading_a_report_is_logged_for_the_person(apply_app, engaged, caseworker):
    """Every access to a case by someone other than its owner is logged (LEGAL.md, personal data)."""
    from portal.models import AccessLogEntry

    client, assignment = engaged
    with apply_app.app_context():
        row = db.session.get(Assignment, db.session.scalar(select(Assignment.id)))
        row.started_on = portal_clock.today() - timedelta(days=170)
        db.session.commit()
    post_form(
        client,
        f"/en/volunteer/report/{assignment}",
        {"activities": "Kino.", "goals": "Bra.", "benefit": "Mer ute.", "contact": "God.", "guidance": ""},
    )
    with apply_app.app_context():
        report = db.session.scalar(select(VolunteerReport.public_id))
    assert caseworker.get(f"/en/intake/volunteers/reports/{report}").status_code == 200
    with apply_app.app_context():
        assert "volunteer.report" in set(db.session.scalars(select(AccessLogEntry.action)))


def test_a_caseworker_reading_a_volunteers_papers_is_logged_and_the_volunteer_sees_it(id_app, oidc_provider):
    """Every read of someone's data by the municipality is logged, and the person sees who read
    what (LEGAL.md, "Personal data"): here the volunteer's application and police certificate."""
    from portal.models import AccessLogEntry
    from tests.helpers import log_in_with_id, make_caseworker

    vera = log_in_with_id(id_app.test_client(), oidc_provider, ABOUT["national_id"], name="Vera Frivillig")
    _apply(vera)
    with id_app.app_context():
        public_id = db.session.scalar(select(Volunteer.public_id))
    worker = id_app.test_client()
    make_caseworker(id_app)
    log_in(worker, email="sara@fjellvik.kommune.no")
    assert worker.get(f"/nb/intake/volunteers/{public_id}").status_code == 200
    post_form(worker, f"/nb/intake/volunteers/{public_id}", {"to": "interviewed"})
    post_form(
        vera,
        "/nb/volunteer/certificate",
        {"file": (io.BytesIO(CERTIFICATE), "politiattest.pdf")},
        form_page="/nb/volunteer/",
        content_type="multipart/form-data",
    )
    assert worker.get(f"/nb/intake/volunteers/{public_id}/certificate").data == CERTIFICATE
    with id_app.app_context():
        logged = set(db.session.execute(select(AccessLogEntry.actor_role, AccessLogEntry.action)).all())
    assert {("caseworker", "volunteer.view"), ("caseworker", "volunteer.certificate")} <= logged
    seen = text(vera.get("/nb/cases/seen"))
    assert "Åpnet søknaden din om å bli støttekontakt" in seen and "Åpnet politiattesten din" in seen


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_link_for_a_month_opens_the_timesheet_with_that_month_chosen(apply_app, engaged, clock, lang):
    client, assignment = engaged
    clock.shift(days=75)  # three or four months waiting for their timesheets
    log_in(client, email="vera@example.org")
    status = html(client.get(f"/{lang}/volunteer/"))
    timesheet = re.escape(reader_address(apply_app, f"/{lang}/volunteer/timesheet/{assignment}"))
    links = re.findall(r'href="(' + timesheet + r'[^"]*)">([^<]+)</a>', status)
    assert len(links) >= 3
    for href, label in links:
        page = html(client.get(href.replace("&amp;", "&")))
        chosen = re.findall(r"<option[^>]*\bselected\b[^>]*>([^<]+)</option>", page)
        assert len(chosen) == 1 and chosen[0].strip() in label, (label, chosen)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_police_certificate_older_than_three_months_is_not_taken_as_received(
    apply_app, caseworker, volunteer, clock, lang
):
    """hol § 5-4: a politiattest no older than three months when the volunteer starts."""
    path = f"/{lang}/intake/volunteers/{volunteer}"
    post_form(caseworker, path, {"to": "interviewed"})
    old = day(clock.today() - timedelta(days=183))
    response = post_form(caseworker, path, {"to": "certificate_received", "certificate_issued_on": old})
    assert response.status_code == 200
    assert errors(response) == [
        {
            "nb": "Politiattesten er mer enn tre måneder gammel. Be den frivillige om en ny",
            "nn": "Politiattesten er meir enn tre månader gammal. Be den frivillige om ein ny",
            "en": "The police certificate is more than three months old. Ask the volunteer for a new one",
        }[lang]
    ]
    assert f'value="{old}"' in html(response)  # what was typed stays
    with apply_app.app_context():
        assert db.session.scalar(select(Volunteer.certificate_issued_on)) is None


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_police_certificate_date_can_be_corrected_afterwards(apply_app, caseworker, volunteer, clock, lang):
    path = f"/{lang}/intake/volunteers/{volunteer}"
    post_form(caseworker, path, {"to": "interviewed"})
    wrong, right = clock.today() - timedelta(days=10), clock.today() - timedelta(days=40)
    post_form(caseworker, path, {"to": "certificate_received", "certificate_issued_on": day(wrong)})
    fix = f"{path}/certificate-date"
    too_old = post_form(caseworker, fix, {"issued_on": day(right - timedelta(days=90))}, form_page=path)
    assert too_old.status_code == 400 and len(errors(too_old)) == 1
    assert post_form(caseworker, fix, {"issued_on": day(right)}, form_page=path).status_code == 302
    with apply_app.app_context():
        assert db.session.scalar(select(Volunteer.certificate_issued_on)) == right
    page = caseworker.get(path)
    assert f"{wrong:%d.%m.%Y} → {right:%d.%m.%Y}" in text(page)  # the history keeps the correction
    assert problems(html(page)) == []  # two forms on one page, and no id twice
