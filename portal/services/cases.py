"""Cases: opened when an application is sent or registered, followed through the events
the municipality records (in the portal or over the intake API), and told to the person.

The status is never set by hand: each recorded event is folded with the others by
portal.rules.case_status, and what lists and filters need is stored beside the case.
"""

from __future__ import annotations

import hashlib
import json

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from .. import links
from ..extensions import db
from ..i18n import offered_languages
from ..models import Account, ApiToken, Authority, Case, CaseEvent, Submission
from ..rules import authority as authority_rules, case_checks, case_status as rules, clock
from ..rules.case_checks import Problem
from ..rules.clock import local_day, today
from ..rules.deadlines import reminder_day
from . import authorities, emails, outbox
from .transaction import transaction


class EventInvalid(ValueError):
    """The event's fields are wrong: problems maps each field to what is wrong with it."""

    def __init__(self, problems: dict[str, Problem]) -> None:
        super().__init__(", ".join(f"{k}: {v.code}" for k, v in problems.items()))
        self.problems = problems


class IdempotencyConflict(ValueError):
    """The Idempotency-Key was used before for a different event."""


def open_case(submission: Submission) -> Case:
    """A case for an application just sent or registered (in the caller's transaction)."""
    submitted_on = local_day(submission.submitted_at)
    summary = rules.summarise(submission.service, submitted_on, [])
    case = Case(
        reference=submission.reference,
        submission_id=submission.id,
        submission=submission,
        submitted_at=submission.submitted_at,
        service=submission.service,
        person_id=submission.person_id,
        created_at=clock.now(),
        updated_at=clock.now(),
        status=summary.status,
        received_on=summary.received_on,
        reply_due=_due(summary, "reply"),
        appeal_waiting=False,
    )
    db.session.add(case)
    return case


def find(reference: str) -> Case | None:
    """The case, with its submission and person read in the same statement: every page that
    shows a case shows both."""
    return db.session.scalar(
        select(Case)
        .where(Case.reference == reference.strip().upper())
        .options(joinedload(Case.submission), joinedload(Case.person))
    )


def events_of(case: Case) -> list[CaseEvent]:
    """In the order they were recorded, which is the order the status folds them in."""
    return list(db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)))


def events_of_each(found: list[Case]) -> dict[int, list[CaseEvent]]:
    """`events_of` for each of a list of cases, by case id, in one statement."""
    events: dict[int, list[CaseEvent]] = {case.id: [] for case in found}
    if found:
        for event in db.session.scalars(
            select(CaseEvent).where(CaseEvent.case_id.in_(list(events))).order_by(CaseEvent.id)
        ):
            events[event.case_id].append(event)
    return events


def timeline(events: list[CaseEvent]) -> list[CaseEvent]:
    """For people to read: by the day each happened."""
    return sorted(events, key=lambda e: (e.occurred_on, e.id))


def summary_of(case: Case, events: list[CaseEvent] | None = None) -> rules.Summary:
    events = events if events is not None else events_of(case)
    return rules.summarise(
        case.service,
        local_day(case.submission.submitted_at),
        [rules.Event(e.type, e.occurred_on, e.data) for e in events],
    )


def appeals_of(case: Case) -> list[Submission]:
    return list(
        db.session.scalars(
            select(Submission).where(Submission.appeals_reference == case.reference).order_by(Submission.submitted_at)
        )
    )


def _due(summary: rules.Summary, kind: str):
    return next((d.due for d in summary.deadlines if d.kind == kind), None)


def _refresh(case: Case) -> rules.Summary:
    summary = summary_of(case)
    case.status = summary.status
    case.case_number = summary.case_number
    case.received_on = summary.received_on
    case.reply_due = _due(summary, "reply") or case.reply_due
    case.answered_on = summary.answered_on
    case.appeal_due = _due(summary, "appeal")
    case.appeal_waiting = rules.is_appeal_waiting(summary)
    case.updated_at = clock.now()
    return summary


def facts_of(case: Case) -> case_checks.CaseFacts:
    """What an event is checked against: the case as it is before the event."""
    submission = case.submission
    return case_checks.CaseFacts(case.service, submission.channel, local_day(submission.submitted_at), summary_of(case))


def request_hash(kind: str, data: dict) -> str:
    return hashlib.sha256(json.dumps({"type": kind, **data}, sort_keys=True, default=str).encode()).hexdigest()


@transaction
def record_event(
    case: Case,
    kind: str,
    data: dict,
    *,
    account: Account | None = None,
    token: ApiToken | None = None,
    idempotency_key: str | None = None,
) -> tuple[CaseEvent, bool]:
    """Record what the municipality did. Returns the event and whether it is new: the same
    Idempotency-Key for the same case gives back the first event and records nothing."""
    clean, codes = rules.check_event(kind, data)
    if codes:
        raise EventInvalid({name: Problem(code) for name, code in codes.items()})
    fingerprint = request_hash(kind, clean)
    if idempotency_key:
        earlier = _by_key(case, idempotency_key)
        if earlier is not None:
            if earlier.request_hash != fingerprint:
                raise IdempotencyConflict(idempotency_key)
            return earlier, False
    # After the replay above: the event sent again is answered, not checked against itself.
    problems = case_checks.event_problems(kind, clean, facts_of(case), today())
    if problems:
        raise EventInvalid(problems)
    event = CaseEvent(
        case_id=case.id,
        type=kind,
        occurred_on=rules.occurred_on(kind, clean, today()),
        data=clean,
        recorded_at=clock.now(),
        recorded_by_account_id=account.id if account else None,
        recorded_by_token_id=token.id if token else None,
        idempotency_key=idempotency_key or None,
        request_hash=fingerprint,
    )
    try:
        db.session.add(event)
        db.session.flush()
    except IntegrityError:
        # The same key in a request a moment ago: answer with that one.
        db.session.rollback()
        if not idempotency_key:
            raise  # no key to clash on: something else failed
        earlier = _by_key(case, idempotency_key)
        if earlier is None or earlier.request_hash != fingerprint:
            raise IdempotencyConflict(idempotency_key) from None
        return earlier, False
    if kind == "received":
        case.submission.intake_state = "received"
    _refresh(case)
    if kind in NEWS:
        tell_about_news(case)
    return event, True


def record_appeal_sent(case: Case, appeal: Submission, sender: Account) -> CaseEvent:
    """The portal's own note on the appealed case that an appeal was sent (in the caller's
    transaction): the case reads "sent, not yet registered" until the municipality records
    appeal_received, and no second appeal of the same decision can be sent."""
    event = CaseEvent(
        case_id=case.id,
        type="appeal_sent",
        occurred_on=local_day(appeal.submitted_at),
        data={"reference": appeal.reference},
        recorded_at=clock.now(),
        recorded_by_account_id=sender.id,
    )
    db.session.add(event)
    db.session.flush()
    _refresh(case)
    return event


# What the person is told about by e-mail: an answer, or the reasons that start a new appeal
# deadline (fvl § 29 third paragraph).
NEWS = frozenset({"decision", "preliminary_reply", "reasons_given", "appeal_decided"})


def _by_key(case: Case, key: str) -> CaseEvent | None:
    return db.session.scalar(select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.idempotency_key == key))


def check_receipt(submission: Submission, received_on) -> None:
    """EventInvalid when the day a submission was received cannot be right: in the future,
    or before it was sent (a paper one: more than a year before it was registered)."""
    if received_on is not None:
        problems = case_checks.receipt_problems(
            received_on, submission.channel, local_day(submission.submitted_at), today()
        )
        if problems:
            raise EventInvalid(problems)


@transaction
def receive(
    submission: Submission,
    case_number: str | None,
    received_on,
    *,
    account: Account | None = None,
    token: ApiToken | None = None,
) -> None:
    """The municipality has taken the submission in: intake state "received", and for an
    application the event on its case (the municipality's case number, the day). A day that
    cannot be right (portal.rules.case_checks) is refused with EventInvalid, and nothing
    changes."""
    check_receipt(submission, received_on)
    submission.intake_state = "received"
    case = db.session.scalar(select(Case).where(Case.submission_id == submission.id))
    appealed = find(submission.appeals_reference) if submission.appeals_reference else None
    if appealed is not None and appealed.status == rules.APPEAL_SENT:
        # Taking in an appeal sent in the portal is registering it on the case it appeals.
        data = {"received_on": received_on.isoformat()} if received_on else {}
        record_event(appealed, "appeal_received", data, account=account, token=token)
    if case is not None:
        data = {"case_number": case_number, "received_on": received_on.isoformat() if received_on else None}
        record_event(case, "received", {k: v for k, v in data.items() if v}, account=account, token=token)


# -- Letters and reminders ---------------------------------------------------------------------


def letter_addresses(case: Case) -> list[str]:
    """Who is told there is news: the person (the address they gave, or their account's),
    and everyone with an authority to receive letters in this service (fvl § 12)."""
    submission = case.submission
    found: list[str] = []
    given = ((submission.document.get("answers") or {}).get("person") or {}).get("email")
    if given:
        found.append(given)
    if submission.authority_id is None and submission.account_id:
        sender = db.session.get(Account, submission.account_id)
        if sender is not None and sender.email:
            found.append(sender.email)
    if case.person_id is not None:
        for authority in db.session.scalars(
            select(Authority).where(Authority.person_id == case.person_id, Authority.state == authority_rules.ACTIVE)
        ):
            if authority.representative_email and _told_as_representative(authority, submission):
                found.append(authority.representative_email)
    return list(dict.fromkeys(a.strip().lower() for a in found))


def _told_as_representative(authority: Authority, submission) -> bool:
    """Told of news only when the authority lets them receive letters and also open the case
    the link leads to, as portal.services.access decides it: confirmed by the person or checked
    by the municipality, or the case is one the representative sent. A parent's declaration
    nobody has checked is only a claim, and anyone can make one for any child's number."""
    service = submission.service
    if not (
        authorities.allows(authority, "receive_letters", service) and authorities.allows(authority, "see_case", service)
    ):
        return False
    return authorities.is_confirmed(authority) or submission.account_id == authority.representative_account_id


def _letters(case: Case) -> list[tuple[str, str]]:
    """Who is told (letter_addresses), each with their language: the one the account with that
    address last used the portal in, or else the one the application was written in. One
    statement for all the accounts."""
    addresses = letter_addresses(case)
    offered = offered_languages()
    rows = db.session.execute(select(Account.email, Account.preferred_language).where(Account.email.in_(addresses)))
    known = {email: lang for email, lang in rows}
    fallback = case.submission.language
    return [(address, known[address] if known.get(address) in offered else fallback) for address in addresses]


def tell_about_news(case: Case) -> None:
    """'There is news in your case', with a link and the reference: no names, no details."""
    for address, lang in _letters(case):
        with force_locale(lang):
            link = links.link("cases.show", lang_code=lang, reference=case.reference)
            outbox.queue(address, *emails.case_news(case.reference, link))


@transaction
def send_appeal_reminders(on_day=None) -> int:
    """A week before an appeal deadline, a reminder to everyone who gets letters in the case
    (once per deadline). Run daily: flask --app portal send-reminders."""
    on_day = on_day or today()
    sent = 0
    due_cases = db.session.scalars(
        select(Case).where(Case.status == rules.DECIDED, Case.appeal_due.is_not(None), Case.appeal_due >= on_day)
    )
    for case in due_cases:
        due = case.appeal_due
        if due is None or case.appeal_reminder_for == due or on_day < reminder_day(due):
            continue
        for address, lang in _letters(case):
            with force_locale(lang):
                link = links.link("cases.show", lang_code=lang, reference=case.reference)
                outbox.queue(address, *emails.appeal_reminder(case.reference, due, lang, link))
        case.appeal_reminder_for = due
        sent += 1
    return sent
