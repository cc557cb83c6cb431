"""Who may read or change a draft, a submission or a file: one place decides, for every page.

- Your own draft or submission, for yourself: yours.
- The person a submission is about, logged in with a verified identity: theirs.
- Anyone else, a representative: only with an authority that allows it now, for that
  person and service; and every such read goes to the access log.

A representative whose authority has stopped gets NoAuthority, so the page can say why;
anyone with no business at all gets NotFound, and learns nothing.
"""
from __future__ import annotations

from flask_login import AnonymousUserMixin
from sqlalchemy import select

from ..extensions import db
from ..models import Account, Attachment, Authority, Draft, Submission
from ..rules import authority as rules
from . import access_log, authorities, people


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


def draft_for(actor, public_id: str, action: str = "draft.view") -> Draft:
    """The account's own draft. One made for someone else also needs the authority to
    allow applying, now; reading it is written to the access log."""
    account = _account(actor)
    draft = db.session.scalar(select(Draft).where(Draft.public_id == public_id, Draft.account_id == account.id))
    if draft is None:
        raise NotFound()
    authority = draft.authority
    if authority is not None:
        if not authorities.allows(authority, "appeal" if draft.kind == "appeal" else "apply", draft.service):
            raise NoAuthority(authority)
        access_log.record(account, authority.person, role_of(authority), action,
                          name=authority.representative_name, draft=draft, authority=authority)
    return draft


def submission_for(actor, reference: str, action: str = "submission.view") -> Submission:
    account = _account(actor)
    submission = db.session.scalar(select(Submission).where(Submission.reference == reference))
    if submission is None:
        raise NotFound()
    check_submission(account, submission, action)
    return submission


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
    if submission.account_id == account.id and submission.authority_id is None and (
            person is None or not account.identity_verified):
        return  # sent by the account for itself (a verified account only ever sends its own number)
    if person is None:
        raise NotFound()
    if submission.account_id == account.id:
        # What a representative sent: theirs to see while an authority lets them see the
        # case, or at least apply, for the person and service.
        authority = authorities.usable(account, person.id, "see_case", submission.service)
        if authority is None and own_copy:
            authority = authorities.usable(account, person.id, "appeal" if submission.kind == "appeal" else "apply",
                                           submission.service)
    else:
        # Anything else about the person takes "see the case", confirmed by the person or
        # checked by the municipality: a declaration nobody has checked opens nothing more.
        authority = authorities.usable(account, person.id, "see_case", submission.service, confirmed=True)
    if authority is None:
        if submission.account_id == account.id and submission.authority is not None:
            raise NoAuthority(submission.authority)
        raise NotFound()
    access_log.record(account, person, role_of(authority), action,
                      name=authority.representative_name, submission=submission, authority=authority)


def case_for(actor, reference: str, action: str = "case.view"):
    """A case, for the person, the account that sent it for itself, or a representative
    allowed to see the case; a representative's read is written to the access log."""
    from . import cases

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
        submission.account_id == account.id and submission.authority_id is None
        and (case.person is None or not account.identity_verified))


def may_appeal(account: Account, case) -> bool:
    """The person, the account that sent it for itself, or a representative with the
    scope to appeal (fvl § 28: a party, or someone acting for one)."""
    submission = case.submission
    if is_own_case(account, case):
        return True
    return case.person is not None and authorities.usable(
        account, case.person.id, "appeal", case.service, confirmed=submission.account_id != account.id) is not None


def cases_for(account: Account) -> list:
    """Every case the account may follow, newest first; representatives' reads are logged."""
    from sqlalchemy import and_, or_

    from ..models import Case

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
    found = list(db.session.scalars(select(Case).join(Submission, Submission.id == Case.submission_id)
                                    .where(or_(*conditions)).order_by(Case.created_at.desc(), Case.id.desc())))
    for case in found:
        if case.person_id in held and not (me is not None and case.person_id == me.id):
            authority = held[case.person_id]
            access_log.record(account, case.person, role_of(authority), "case.list",
                              name=authority.representative_name, submission=case.submission, authority=authority,
                              commit=False)
    db.session.commit()
    return found


def attachment_for(actor, public_id: str) -> Attachment:
    """A file, for whoever may see what it belongs to."""
    account = _account(actor)
    attachment = db.session.scalar(select(Attachment).where(Attachment.public_id == public_id))
    if attachment is None:
        raise NotFound()
    if attachment.submission_id is not None:
        check_submission(account, db.session.get(Submission, attachment.submission_id), "attachment.download")
    elif attachment.draft_id is not None:
        draft = db.session.get(Draft, attachment.draft_id)
        draft_for(account, draft.public_id, "attachment.download")
    elif attachment.authority_id is not None:
        authority = db.session.get(Authority, attachment.authority_id)
        document_for(account, authority)
    elif attachment.volunteer_report_id is not None or attachment.volunteer_id is not None:
        # A volunteer's receipt: theirs, and the municipality's.
        if attachment.account_id != account.id and not account.has_role("caseworker"):
            raise NotFound()
    else:
        raise NotFound()
    return attachment


def document_for(account: Account, authority: Authority) -> None:
    """An authority's document: for the municipality, and for the representative who sent
    it while the authority has not ended."""
    if account.has_role("caseworker"):
        authorities.read_for_check(account, authority, "authority.document")
        return
    if authority.representative_account_id != account.id:
        raise NotFound()
    if authorities.state_of(authority) in rules.ENDED:
        raise NoAuthority(authority)
