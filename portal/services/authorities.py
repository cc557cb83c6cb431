"""Authorities: a representative sets one up, the person answers or withdraws it, the
municipality verifies a document; and the one question every page asks: does this
account have an authority that lets it do this, for this person and service, now?

Only accounts with a verified identity act for others: the person must be able to see
exactly who asks, and the municipality who acted (popplyl § 12; fvl § 12).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import and_, func, or_, select

from ..extensions import db
from ..models import Account, Attachment, Authority, Draft, Person, Submission
from ..rules import authority as rules, clock
from ..rules.identity import age_on, birth_date, birth_date_fits, check_national_id, normalise
from ..rules.services import SERVICES
from . import attachments, emails, outbox, people
from .transaction import transaction

Link = Callable[[str], str]  # public id -> absolute URL


class AuthorityProblem(ValueError):
    """Why an authority cannot be set up or changed, as a code the form turns into a message:
    own_number, adult, young_person, minor, birth_date_needed, birth_date_wrong,
    own_birth_date_needed, own_birth_date_wrong, duplicate, asked_too_often, already_asked,
    not_verified, not_open."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _aware(value: datetime | None) -> datetime | None:
    # SQLite gives back naive datetimes; they were stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def person_birth_date(authority: Authority) -> date | None:
    """The person's date of birth: from the identity number, or where the number does not tell
    the year, as the representative gave it; None when neither does."""
    return birth_date(authority.person.national_id) or authority.person_birth_date


def facts(authority: Authority) -> rules.AuthorityFacts:
    return rules.AuthorityFacts(
        basis=authority.basis,
        state=authority.state,
        scopes=tuple(authority.scopes),
        services=tuple(authority.services),
        valid_until=authority.valid_until,
        request_expires_at=_aware(authority.request_expires_at),
        person_birth_date=person_birth_date(authority),
    )


def state_of(authority: Authority, now: datetime | None = None) -> str:
    return rules.effective_state(facts(authority), now or clock.now())


def allows(authority: Authority, scope: str, service: str, now: datetime | None = None) -> bool:
    return rules.allows(facts(authority), scope, service, now or clock.now())


def person_age(authority: Authority, today: date | None = None) -> int | None:
    born = person_birth_date(authority)
    return age_on(born, today or clock.today()) if born else None


def is_confirmed(authority: Authority) -> bool:
    """Confirmed by the person (approved in the portal) or checked by the municipality.
    Until then an authority lets its holder apply and follow what they sent themselves,
    but not see anything else about the person: a parent's declaration is only a claim."""
    return authority.proof == "digital" or authority.verified_at is not None


def person_may_withdraw(authority: Authority) -> bool:
    return (
        rules.person_may_withdraw(authority.basis, authority.verified_at is not None)
        and state_of(authority) not in rules.ENDED
    )


def must_ask_birth_date(national_id: str | None) -> bool:
    """A valid number that does not tell the year (issued from 2032): the form asks the date."""
    return check_national_id(national_id or "").year_unknown


def must_ask_own_birth_date(account: Account) -> bool:
    """Whether a representative must give their own date of birth for the portal to know they
    are 18 or older (fvl § 12): only where their number does not tell the year."""
    return account.national_id is not None and birth_date(account.national_id) is None


# -- Finding ---------------------------------------------------------------------------


def for_representative(account: Account) -> list[Authority]:
    """Everything the account has asked for or holds, newest first (ended ones too, so
    the representative sees why access stopped)."""
    return list(
        db.session.scalars(
            select(Authority)
            .where(Authority.representative_account_id == account.id)
            .order_by(Authority.created_at.desc(), Authority.id.desc())
        )
    )


def find_for_representative(account: Account, public_id: str) -> Authority | None:
    return db.session.scalar(
        select(Authority).where(Authority.public_id == public_id, Authority.representative_account_id == account.id)
    )


def usable(account: Account, person_id: int, scope: str, service: str, confirmed: bool = False) -> Authority | None:
    """An authority of the account's that allows `scope` for the person and service now
    (and, with `confirmed`, that the person or the municipality has confirmed)."""
    candidates = db.session.scalars(
        select(Authority).where(
            Authority.representative_account_id == account.id,
            Authority.person_id == person_id,
            Authority.state.in_((rules.ACTIVE, rules.AWAITING_VERIFICATION)),
        )
    )
    return next((a for a in candidates if allows(a, scope, service) and (is_confirmed(a) or not confirmed)), None)


def usable_for_applying(account: Account, service: str) -> list[Authority]:
    if not account.identity_verified:
        return []
    return [a for a in for_representative(account) if allows(a, "apply", service)]


def for_person(account: Account) -> list[Authority]:
    """Every authority given, asked for or verified for the person this account is."""
    person = people.self_of(account)
    if person is None:
        return []
    return list(
        db.session.scalars(
            select(Authority)
            .where(Authority.person_id == person.id)
            .order_by(Authority.created_at.desc(), Authority.id.desc())
        )
    )


def requests_to_answer(account: Account) -> list[Authority]:
    """Requests for a fullmakt the person has not answered, still open."""
    return [a for a in for_person(account) if state_of(a) == rules.REQUESTED]


def find_for_person(account: Account, public_id: str) -> Authority | None:
    person = people.self_of(account)
    if person is None:
        return None
    return db.session.scalar(
        select(Authority).where(Authority.public_id == public_id, Authority.person_id == person.id)
    )


def document_of(authority: Authority) -> Attachment | None:
    return db.session.scalar(
        select(Attachment).where(Attachment.authority_id == authority.id).order_by(Attachment.id.desc())
    )


def _waiting_for_check():
    """Uploaded documents, and parents' declarations nobody has checked yet."""
    return or_(
        Authority.state == rules.AWAITING_VERIFICATION,
        and_(Authority.proof == "declaration", Authority.state == rules.ACTIVE, Authority.verified_at.is_(None)),
    )


def awaiting_verification() -> list[Authority]:
    """The municipality's queue of authorities to check, oldest first."""
    found = db.session.scalars(
        select(Authority).where(_waiting_for_check()).order_by(Authority.created_at, Authority.id)
    )
    return [a for a in found if waits_for_check(a)]


def waits_for_check(authority: Authority) -> bool:
    return authority.state == rules.AWAITING_VERIFICATION or (
        authority.proof == "declaration" and authority.verified_at is None and state_of(authority) not in rules.ENDED
    )


def find(public_id: str) -> Authority | None:
    return db.session.scalar(select(Authority).where(Authority.public_id == public_id))


# -- Setting up ------------------------------------------------------------------------


def _birth_date(national_id: str, given: date | None, needed: str, wrong: str) -> date:
    """The date of birth in the number; where it does not tell the year, the one given,
    which must fit the number (its day, month and two-digit year)."""
    born = birth_date(national_id)
    if born is not None:
        return born
    if given is None:
        raise AuthorityProblem(needed)
    if not birth_date_fits(national_id, given):
        raise AuthorityProblem(wrong)
    return given


def _check_representative(
    account: Account, national_id: str, adult: bool = True, own_birth_date: date | None = None
) -> None:
    """A verified identity, not acting for oneself; a guardian or someone with a fullmakt
    must be an adult (fvl § 12: the holder of a fullmakt is "myndig"; the giver is the party,
    who may be 16 or 17). Where the representative's number does not tell the year, the date
    of birth they give decides: an unknown age never lets a minor hold a fullmakt."""
    if not account.identity_verified or account.national_id is None:
        raise AuthorityProblem("not_verified")
    if normalise(national_id) == account.national_id:
        raise AuthorityProblem("own_number")
    if not adult:
        return
    born = _birth_date(account.national_id, own_birth_date, "own_birth_date_needed", "own_birth_date_wrong")
    if age_on(born, clock.today()) < rules.ADULT_AGE:
        raise AuthorityProblem("minor")


def _open(account: Account, person: Person, basis: str) -> list[Authority]:
    """The account's authorities for the person on this basis that have not ended."""
    return [
        a
        for a in db.session.scalars(
            select(Authority).where(
                Authority.representative_account_id == account.id,
                Authority.person_id == person.id,
                Authority.basis == basis,
            )
        )
        if state_of(a) not in rules.ENDED
    ]


def _check_no_duplicate(account: Account, person: Person, basis: str) -> None:
    if _open(account, person, basis):
        raise AuthorityProblem("duplicate")


def _new(
    account: Account,
    person: Person,
    basis: str,
    proof: str,
    state: str,
    *,
    person_name: str,
    representative_name: str,
    representative_email: str | None,
    scopes,
    services,
    valid_until: date | None,
    **extra,
) -> Authority:
    account.full_name = representative_name
    authority = Authority(
        basis=basis,
        proof=proof,
        person_id=person.id,
        person=person,
        person_name=person_name,
        representative_account_id=account.id,
        representative_name=representative_name,
        representative_email=representative_email or None,
        scopes=[s for s in rules.SCOPES if s in scopes],
        services=[s for s in SERVICES if s in services],
        valid_from=clock.today(),
        valid_until=valid_until,
        state=state,
        created_at=clock.now(),
        **extra,
    )
    db.session.add(authority)
    return authority


@transaction
def declare_parent(
    account: Account,
    *,
    representative_name: str,
    representative_email: str | None,
    child_name: str,
    child_national_id: str,
    child_birth_date: date | None = None,
) -> Authority:
    """A parent's declaration of parental responsibility for a child under 16 (pbrl § 4-4). It
    counts at once; the municipality may check it. It lasts to the day before the child turns
    16: from then the young person decides (pbrl § 4-3), and a parent acts for them only with
    a written fullmakt the young person gives themselves (pbrl § 7-2 last paragraph, fvl § 12).
    Where the child's number does not tell the year, the parent gives the date of birth."""
    _check_representative(account, child_national_id, adult=False)
    born = _birth_date(child_national_id, child_birth_date, "birth_date_needed", "birth_date_wrong")
    age = age_on(born, clock.today())
    if age >= rules.ADULT_AGE:
        raise AuthorityProblem("adult")
    if rules.decides_for_themselves(age):
        raise AuthorityProblem("young_person")
    person = people.person_for(child_national_id, child_name)
    _check_no_duplicate(account, person, "parent")
    return _new(
        account,
        person,
        "parent",
        "declaration",
        rules.ACTIVE,
        person_name=child_name,
        representative_name=representative_name,
        representative_email=representative_email,
        scopes=rules.SCOPES,
        services=SERVICES,
        valid_until=rules.parent_declaration_ends(born),
        person_birth_date=None if birth_date(child_national_id) else born,
    )


@transaction
def register_verge(
    account: Account,
    *,
    representative_name: str,
    representative_email: str | None,
    person_name: str,
    person_national_id: str,
    scopes,
    valid_until: date | None,
    representative_birth_date: date | None = None,
) -> Authority:
    """A verge (guardian): the appointment is uploaded next, then the municipality checks it.
    The appointment's mandate sets the limits (vergemålsloven): the scopes chosen here."""
    return _awaiting_document(
        account,
        "verge",
        representative_name,
        representative_email,
        person_name,
        person_national_id,
        scopes,
        SERVICES,
        valid_until,
        representative_birth_date,
    )


def _awaiting_document(
    account: Account,
    basis: str,
    representative_name: str,
    representative_email: str | None,
    person_name: str,
    person_national_id: str,
    scopes,
    services,
    valid_until: date | None,
    representative_birth_date: date | None,
) -> Authority:
    _check_representative(account, person_national_id, own_birth_date=representative_birth_date)
    person = people.person_for(person_national_id, person_name)
    _check_no_duplicate(account, person, basis)
    authority = _new(
        account,
        person,
        basis,
        "document",
        rules.AWAITING_DOCUMENT,
        person_name=person_name,
        representative_name=representative_name,
        representative_email=representative_email,
        scopes=scopes,
        services=services,
        valid_until=valid_until,
    )
    return authority


def _recent_requests(person: Person, account: Account | None = None) -> int:
    since = clock.now() - timedelta(days=rules.REQUEST_WINDOW_DAYS)
    query = select(func.count(Authority.id)).where(
        Authority.person_id == person.id, Authority.proof == "digital", Authority.created_at >= since
    )
    if account is not None:
        query = query.where(Authority.representative_account_id == account.id)
    return db.session.execute(query).scalar_one()


def _open_requests(account: Account, person: Person) -> int:
    return sum(
        1
        for a in db.session.scalars(
            select(Authority).where(
                Authority.representative_account_id == account.id,
                Authority.person_id == person.id,
                Authority.state == rules.REQUESTED,
            )
        )
        if state_of(a) == rules.REQUESTED
    )


@transaction
def request_fullmakt(
    account: Account,
    *,
    representative_name: str,
    representative_email: str | None,
    person_name: str,
    person_national_id: str,
    person_email: str,
    scopes,
    services,
    valid_until: date,
    answer_link: Link,
    lang: str,
    representative_birth_date: date | None = None,
) -> Authority:
    """Ask the person, in the portal, for a fullmakt (fvl § 12). They get an e-mail with a
    link, log in with a verified identity and approve or decline. The e-mail says only that
    someone asks: no name of a service, no identity number. The person gives it themselves,
    also a 16- or 17-year-old asked by a parent (pbrl § 4-3, § 7-2 last paragraph)."""
    _check_representative(account, person_national_id, own_birth_date=representative_birth_date)
    person = people.person_for(person_national_id, person_name)
    open_requests = _open_requests(account, person)
    if not rules.may_ask_again(_recent_requests(person), _recent_requests(person, account), open_requests):
        raise AuthorityProblem("already_asked" if open_requests else "asked_too_often")
    _check_no_duplicate(account, person, "fullmakt")
    now = clock.now()
    authority = _new(
        account,
        person,
        "fullmakt",
        "digital",
        rules.REQUESTED,
        person_name=person_name,
        representative_name=representative_name,
        representative_email=representative_email,
        scopes=scopes,
        services=services,
        valid_until=valid_until,
        person_email=person_email,
        request_expires_at=rules.request_expires(now),
    )
    db.session.flush()
    with force_locale(lang):
        outbox.queue(
            person_email,
            *emails.fullmakt_request(
                answer_link(authority.public_id), clock.local_day(rules.request_expires(now)), lang
            ),
        )
    return authority


@transaction
def prepare_paper_fullmakt(
    account: Account,
    *,
    representative_name: str,
    representative_email: str | None,
    person_name: str,
    person_national_id: str,
    scopes,
    services,
    valid_until: date,
    representative_birth_date: date | None = None,
) -> Authority:
    """A fullmakt on paper: the portal fills in the form, the person signs it, the
    representative uploads it, and the municipality checks it. The person signs it
    themselves, also a 16- or 17-year-old whose parent asks (pbrl § 4-3, fvl § 12)."""
    return _awaiting_document(
        account,
        "fullmakt",
        representative_name,
        representative_email,
        person_name,
        person_national_id,
        scopes,
        services,
        valid_until,
        representative_birth_date,
    )


@transaction
def add_document(account: Account, authority: Authority, stream, filename: str) -> Attachment:
    """The verge's appointment or the signed fullmakt: the authority then waits for the
    municipality's check. A new document replaces one the municipality has not checked."""

    if authority.proof != "document" or state_of(authority) not in (
        rules.AWAITING_DOCUMENT,
        rules.AWAITING_VERIFICATION,
    ):
        raise AuthorityProblem("not_open")
    kind = "verge_appointment" if authority.basis == "verge" else "signed_fullmakt"
    attachment = attachments.store(account, stream, filename, kind, authority=authority)
    for older in db.session.scalars(
        select(Attachment).where(Attachment.authority_id == authority.id, Attachment.id != attachment.id)
    ):
        attachments.remove(older)
    authority.state = rules.AWAITING_VERIFICATION
    return attachment


# -- The person's answers and withdrawal -------------------------------------------------


def _tell_representative(authority: Authority, note: Callable[[], emails.Email]) -> None:
    """A short note that something changed, with no names: the details are in the portal."""
    if not authority.representative_email:
        return
    account = (
        db.session.get(Account, authority.representative_account_id) if authority.representative_account_id else None
    )
    with force_locale(account.preferred_language if account else current_app.config["DEFAULT_LANGUAGE"]):
        outbox.queue(authority.representative_email, *note())


@transaction
def approve(account: Account, authority: Authority) -> None:
    if state_of(authority) != rules.REQUESTED or not people.is_person(account, authority.person):
        raise AuthorityProblem("not_open")
    authority.state = rules.ACTIVE
    authority.answered_at = clock.now()
    _tell_representative(authority, emails.request_answered)


@transaction
def decline(account: Account, authority: Authority) -> None:
    if state_of(authority) != rules.REQUESTED or not people.is_person(account, authority.person):
        raise AuthorityProblem("not_open")
    authority.state = rules.DECLINED
    authority.answered_at = authority.ended_at = clock.now()
    authority.ended_by = "person"
    _empty_unsent_drafts(authority)
    _tell_representative(authority, emails.request_answered)


@transaction
def withdraw(account: Account, authority: Authority) -> None:
    """The person withdraws, with effect from the next request anyone makes (fvl § 12)."""
    if not people.is_person(account, authority.person) or not person_may_withdraw(authority):
        raise AuthorityProblem("not_open")
    _end(authority, "person")
    _tell_representative(authority, emails.authority_withdrawn)


@transaction
def end_by_representative(account: Account, authority: Authority) -> None:
    """The representative stops acting for the person."""
    if authority.representative_account_id != account.id or state_of(authority) in rules.ENDED:
        raise AuthorityProblem("not_open")
    _end(authority, "representative")


def _end(authority: Authority, by: str) -> None:
    authority.state = rules.REVOKED
    authority.ended_at = clock.now()
    authority.ended_by = by
    _empty_unsent_drafts(authority)


def _empty_unsent_drafts(authority: Authority) -> None:
    """Drafts made on an authority that has ended can never be sent: what they hold of the
    person goes, with their files, so nobody keeps it for nothing. The draft itself stays,
    empty, so the representative sees on My page that it stopped and why, and deletes it
    (it does not vanish without a word). Sent applications stay."""

    drafts = db.session.scalars(
        select(Draft)
        .outerjoin(Submission, Submission.draft_id == Draft.id)
        .where(Draft.authority_id == authority.id, Submission.id.is_(None))
    ).all()
    for draft in drafts:
        for attachment in attachments.for_draft(draft):
            attachments.discard(attachment)
        draft.answers = {}


# -- The municipality's check ------------------------------------------------------------


@transaction
def verify(caseworker: Account, authority: Authority) -> None:
    if not waits_for_check(authority):
        raise AuthorityProblem("not_open")
    authority.state = rules.ACTIVE
    authority.verified_at = clock.now()
    authority.verified_by_account_id = caseworker.id
    _tell_representative(authority, emails.authority_checked)


@transaction
def reject(caseworker: Account, authority: Authority, reason: str) -> None:
    if not waits_for_check(authority):
        raise AuthorityProblem("not_open")
    authority.state = rules.REJECTED
    authority.verified_by_account_id = caseworker.id
    authority.rejection_reason = reason
    authority.ended_at = clock.now()
    authority.ended_by = "municipality"
    _empty_unsent_drafts(authority)
    _tell_representative(authority, emails.authority_checked)


# -- The ombud (pasient- og brukerombudet) ------------------------------------------------------


def ombud_offices() -> list[Account]:
    """The ombud offices that have accounts in the portal (made by an administrator)."""
    return list(db.session.scalars(select(Account).where(Account.role == "ombud").order_by(Account.full_name)))


@transaction
def give_ombud(account: Account, office: Account, scopes, services, valid_until: date) -> Authority:
    """The person lets an ombud office see their cases, or help with an appeal. That the ombud
    sees a case in the portal only with the person's consent, with the scopes they choose and
    withdrawn at any time, is the portal's rule (data minimisation, GDPR art. 5), not the
    law's: the ombud has its own access to information under pbrl chapter 8 (LEGAL.md)."""
    if not account.identity_verified or account.national_id is None or office.role != "ombud":
        raise AuthorityProblem("not_verified")
    person = people.self_of(account) or people.person_for(account.national_id, account.full_name or "")
    for existing in db.session.scalars(
        select(Authority).where(
            Authority.representative_account_id == office.id,
            Authority.person_id == person.id,
            Authority.basis == "ombud",
        )
    ):
        if state_of(existing) not in rules.ENDED:
            raise AuthorityProblem("duplicate")
    if "appeal" in scopes:
        scopes = {*scopes, "see_case"}  # an appeal is written from the decision: the ombud must see it
    authority = Authority(
        basis="ombud",
        proof="digital",
        person_id=person.id,
        person=person,
        person_name=account.full_name or person.name,
        representative_account_id=office.id,
        representative_name=office.full_name or office.email,
        representative_email=office.email,
        scopes=[s for s in rules.SCOPES if s in scopes],
        services=[s for s in SERVICES if s in services],
        valid_from=clock.today(),
        valid_until=valid_until,
        state=rules.ACTIVE,
        created_at=clock.now(),
        answered_at=clock.now(),
    )
    db.session.add(authority)
    return authority


def clients_of(office: Account) -> list[Authority]:
    """The people who have given this ombud office access, while it lasts."""
    return [a for a in for_representative(office) if a.basis == "ombud" and state_of(a) == rules.ACTIVE]
