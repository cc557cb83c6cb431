"""Who may read or change a draft, a submission or a file: one place decides, for every page,
and writes every read by someone other than the person to the access log.

- Your own draft or submission, for yourself: yours.
- The person a submission is about, logged in with a verified identity: theirs.
- Anyone else, a representative: only with an authority that allows it now, for that
  person and service; and every such read goes to the access log.
- The municipality's caseworkers, and its case-management system over the API: every read
  of a person's submission, case, authority papers or volunteer papers goes to the log.

A representative whose authority has stopped gets NoAuthority, so the page can say why;
anyone with no business at all gets NotFound, and learns nothing.
"""

from __future__ import annotations

from typing import TypeVar

from flask_login import AnonymousUserMixin
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from ..extensions import db
from ..models import (
    Account,
    ApiToken,
    Attachment,
    Authority,
    Case,
    Draft,
    Person,
    Submission,
    Volunteer,
    VolunteerReport,
)
from ..rules import authority as rules
from . import access_log, authorities, cases, intake, people
from .kinds import scope_for
from .transaction import read_transaction


class NotFound(LookupError):
    """Nothing the reader may see: answered as 404 Not Found."""


class NoAuthority(PermissionError):
    """The reader acted on an authority that no longer lets them: 403, with the reason."""

    def __init__(self, authority: Authority) -> None:
        super().__init__("authority no longer allows this")
        self.authority = authority


def role_of(authority: Authority) -> str:
    """How a reader is named in the access log: the ombud as the ombud, others as representatives."""
    return "ombud" if authority.basis == "ombud" else "representative"


def _account(actor) -> Account:
    if actor is None or isinstance(actor, AnonymousUserMixin) or not actor.is_authenticated:
        raise NotFound()
    return actor


def own_draft(actor, public_id: str) -> Draft:
    """The account's own draft with no check of any authority: for deleting it, which reads
    nothing of the person's (a draft whose authority has ended can still be deleted)."""
    account = _account(actor)
    draft = db.session.scalar(select(Draft).where(Draft.public_id == public_id, Draft.account_id == account.id))
    if draft is None:
        raise NotFound()
    return draft


@read_transaction
def draft_for(actor, public_id: str, action: str = "draft.view") -> Draft:
    """The account's own draft. One made for someone else also needs the authority to
    allow applying, now; reading it is written to the access log."""
    account = _account(actor)
    draft = db.session.scalar(select(Draft).where(Draft.public_id == public_id, Draft.account_id == account.id))
    if draft is None:
        raise NotFound()
    authority = draft.authority
    if authority is not None:
        if not authorities.allows(authority, scope_for(draft.kind), draft.service):
            raise NoAuthority(authority)
        access_log.record(
            account,
            authority.person,
            role_of(authority),
            action,
            name=authority.representative_name,
            draft=draft,
            authority=authority,
        )
    return draft


@read_transaction
def submission_for(actor, reference: str, action: str = "submission.view") -> Submission:
    account = _account(actor)
    submission = db.session.scalar(select(Submission).where(Submission.reference == reference))
    if submission is None:
        raise NotFound()
    check_submission(account, submission, action)
    return submission


@read_transaction
def check_submission(account: Account, submission: Submission, action: str, own_copy: bool = True) -> None:
    """May the account read this submission? `own_copy`: a representative reading only the
    copy of what they sent (a receipt, its PDF) needs the right to apply; anything about
    the case itself (its status, decision, letters) needs the right to see the case."""
    person = submission.person
    if people.is_person(account, person):
        return  # the person it is about
    if submission.kind == "volunteer":
        # An application to be a volunteer is the volunteer's and the municipality's alone.
        if submission.account_id == account.id:
            return
        raise NotFound()
    if (
        submission.account_id == account.id
        and submission.authority_id is None
        and (person is None or not account.identity_verified)
    ):
        return  # sent by the account for itself (a verified account only ever sends its own number)
    if person is None:
        raise NotFound()
    if submission.account_id == account.id:
        # What a representative sent: theirs to see while an authority lets them see the
        # case, or at least apply, for the person and service.
        authority = authorities.usable(account, person.id, "see_case", submission.service)
        if authority is None and own_copy:
            authority = authorities.usable(account, person.id, scope_for(submission.kind), submission.service)
    else:
        # Anything else about the person takes "see the case", confirmed by the person or
        # checked by the municipality: a declaration nobody has checked opens nothing more.
        authority = authorities.usable(account, person.id, "see_case", submission.service, confirmed=True)
    if authority is None:
        if submission.account_id == account.id and submission.authority is not None:
            raise NoAuthority(submission.authority)
        raise NotFound()
    access_log.record(
        account,
        person,
        role_of(authority),
        action,
        name=authority.representative_name,
        submission=submission,
        authority=authority,
    )


@read_transaction
def case_for(actor, reference: str, action: str = "case.view"):
    """A case, for the person, the account that sent it for itself, or a representative
    allowed to see the case; a representative's read is written to the access log."""
    account = _account(actor)
    case = cases.find(reference)
    if case is None:
        raise NotFound()
    check_submission(account, case.submission, action, own_copy=False)
    return case


def is_own_case(account: Account, case) -> bool:
    """The case is about the reader: they are the person, or sent it for themselves."""
    submission = case.submission
    return people.is_person(account, case.person) or (
        submission.account_id == account.id
        and submission.authority_id is None
        and (case.person is None or not account.identity_verified)
    )


def may_appeal(account: Account, case) -> bool:
    """The person, the account that sent it for itself, or a representative with the
    scope to appeal (fvl § 28: a party, or someone acting for one)."""
    submission = case.submission
    if is_own_case(account, case):
        return True
    return (
        case.person is not None
        and authorities.usable(
            account, case.person.id, "appeal", case.service, confirmed=submission.account_id != account.id
        )
        is not None
    )


@read_transaction
def cases_for(account: Account) -> list:
    """Every case the account may follow, newest first; representatives' reads are logged."""
    me = people.self_of(account)
    conditions = [and_(Submission.account_id == account.id, Submission.authority_id.is_(None))]
    if me is not None:
        conditions.append(Case.person_id == me.id)
    held = {}
    for authority in authorities.for_representative(account):
        services = [s for s in authority.services if authorities.allows(authority, "see_case", s)]
        if not services:
            continue
        held[authority.person_id] = authority
        condition = and_(Case.person_id == authority.person_id, Case.service.in_(services))
        if not authorities.is_confirmed(authority):
            condition = and_(condition, Submission.account_id == account.id)
        conditions.append(condition)
    found = list(
        db.session.scalars(
            select(Case)
            .join(Submission, Submission.id == Case.submission_id)
            .where(or_(*conditions))
            .order_by(Case.created_at.desc(), Case.id.desc())
            # Each case is shown with its submission and person: read here, not once a case.
            .options(contains_eager(Case.submission), joinedload(Case.person))
        )
    )
    for case in found:
        if case.person_id in held and not (me is not None and case.person_id == me.id):
            authority = held[case.person_id]
            access_log.record(
                account,
                authority.person,  # the case's person, as `held` is keyed by it
                role_of(authority),
                "case.list",
                name=authority.representative_name,
                submission=case.submission,
                authority=authority,
            )
    return found


@read_transaction
def attachment_for(actor, public_id: str) -> Attachment:
    """A file, for whoever may see what it belongs to."""
    account = _account(actor)
    attachment = db.session.scalar(select(Attachment).where(Attachment.public_id == public_id))
    if attachment is None:
        raise NotFound()
    if attachment.submission_id is not None:
        check_submission(account, _owner(Submission, attachment.submission_id), "attachment.download")
    elif attachment.draft_id is not None:
        draft_for(account, _owner(Draft, attachment.draft_id).public_id, "attachment.download")
    elif attachment.authority_id is not None:
        document_for(account, _owner(Authority, attachment.authority_id))
    elif attachment.volunteer_report_id is not None or attachment.volunteer_id is not None:
        # A volunteer's police certificate or receipt: theirs, and the municipality's.
        if attachment.account_id != account.id:
            if not account.has_role("caseworker"):
                raise NotFound()
            volunteer = (
                _owner(Volunteer, attachment.volunteer_id)
                if attachment.volunteer_id is not None
                else _owner(VolunteerReport, attachment.volunteer_report_id).assignment.volunteer
            )
            volunteer_read_by_staff(
                account,
                volunteer,
                "volunteer.certificate" if attachment.volunteer_id is not None else "volunteer.receipt",
            )
    else:
        raise NotFound()
    return attachment


Owner = TypeVar("Owner")


def _owner(model: type[Owner], owner_id: int | None) -> Owner:
    """What a file belongs to. Deleting it deletes the file (or unlinks it), so it is there
    unless it went while the file was being read: then there is nothing to see."""
    owner = db.session.get(model, owner_id) if owner_id is not None else None
    if owner is None:
        raise NotFound()
    return owner


def document_for(account: Account, authority: Authority) -> None:
    """An authority's document: for the municipality, and for the representative who sent
    it while the authority has not ended."""
    if account.has_role("caseworker"):
        authority_for_check(account, authority, "authority.document")
        return
    if authority.representative_account_id != account.id:
        raise NotFound()
    if authorities.state_of(authority) in rules.ENDED:
        raise NoAuthority(authority)


# -- The municipality: caseworkers and the case-management system ------------------------------


def _staff_read(reader: Account | ApiToken, person: Person | None, action: str, **about) -> None:
    """A caseworker's read, or the case-management system's (named by its token)."""
    if person is None:
        return  # nobody to tell: a submission not yet linked to a person (sent without a number)
    if isinstance(reader, ApiToken):
        access_log.record(None, person, "system", action, name=reader.name, **about)
    else:
        access_log.record(reader, person, "caseworker", action, **about)


@read_transaction
def submission_for_staff(reader: Account | ApiToken, reference: str, action: str = "submission.view"):
    """A submission for the municipality, or None; the read is logged."""
    submission = intake.find(reference)
    if submission is not None:
        submission_read_by_staff(reader, submission, action)
    return submission


@read_transaction
def submission_read_by_staff(reader: Account | ApiToken, submission: Submission, action: str) -> None:
    """The municipality read the submission (or a file of it) it has found already: logged."""
    _staff_read(reader, submission.person, action, submission=submission)


@read_transaction
def case_read_by_staff(reader: Account | ApiToken, case: Case, action: str = "case.view") -> None:
    """The municipality opened the case (or looked for a volunteer for it, or read a report
    about it): logged."""
    _staff_read(reader, case.person, action, submission=case.submission)


@read_transaction
def authority_for_check(caseworker: Account, authority: Authority, action: str = "authority.view") -> None:
    """A caseworker reads an authority and its document to check it: logged."""
    _staff_read(caseworker, authority.person, action, authority=authority)


@read_transaction
def volunteer_read_by_staff(caseworker: Account, volunteer: Volunteer, action: str) -> None:
    """A caseworker reads a volunteer's application, police certificate or receipts: logged
    for the volunteer, who sees it under "Who has seen my case" when they log in with
    electronic ID."""
    _staff_read(caseworker, volunteer.submission.person, action, submission=volunteer.submission)


def seen_by_others(person: Person, submission_ids: list[int] | None = None) -> list[access_log.SeenLook]:
    """What the access log holds about the person, as looks, newest first (only they may see it)."""
    return access_log.looks_about(person, submission_ids)
