"""Every e-mail the portal sends, in one place: its subject and text, in the language the
caller has chosen (`with force_locale(lang)`). An e-mail only says that something happened
and where to log in: it never carries an identity number or anything about someone's health
(DESIGN.md, "Security"), and the outbox refuses one that has a number. Nothing typed by
someone else goes into an e-mail: only links, references and dates the portal made."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from flask_babel import gettext as _

from ..i18n import long_date


class Email(NamedTuple):
    subject: str
    body: str


# -- Accounts -----------------------------------------------------------------------------------


def confirm_address(link: str) -> Email:
    return Email(
        _("Confirm your e-mail address"),
        _(
            "Confirm your e-mail address to start using your account: %(link)s\n\n"
            "The link works for three days. If you did not register, you can ignore this e-mail.",
            link=link,
        ),
    )


def already_registered(login_link: str) -> Email:
    return Email(
        _("You already have an account"),
        _(
            "Someone tried to register a new account with this e-mail address. "
            "You already have an account. Log in here: %(link)s\n\n"
            "If you have forgotten your password, you can reset it from the log-in page. "
            "If it was not you, you can ignore this e-mail.",
            link=login_link,
        ),
    )


def reset_password(link: str) -> Email:
    return Email(
        _("Reset your password"),
        _(
            "Choose a new password here: %(link)s\n\n"
            "The link works for one hour and only once. If you did not ask for this, "
            "you can ignore this e-mail; your password has not been changed.",
            link=link,
        ),
    )


# -- What was sent --------------------------------------------------------------------------------


def application_receipt(reference: str) -> Email:
    return Email(
        _("We have received your application"),
        _(
            "We have received your application. Its reference is %(reference)s.\n\n"
            "Log in to see what you sent and what happens next.",
            reference=reference,
        ),
    )


def appeal_receipt(reference: str) -> Email:
    return Email(
        _("We have received your appeal"),
        _(
            "We have received your appeal. Its reference is %(reference)s.\n\n"
            "Log in to see what you sent and what happens next.",
            reference=reference,
        ),
    )


def volunteer_receipt(reference: str) -> Email:
    return Email(
        _("We have received your application to become a support contact"),
        _(
            "Thank you for wanting to be a support contact. Your reference is %(reference)s.\n\n"
            "We will contact you about an interview.",
            reference=reference,
        ),
    )


# -- Cases ----------------------------------------------------------------------------------------


def case_news(reference: str, link: str) -> Email:
    return Email(
        _("There is news in your case"),
        _("There is news in your case %(reference)s. Log in to read it: %(link)s", reference=reference, link=link),
    )


def appeal_reminder(reference: str, due: date, lang: str, link: str) -> Email:
    return Email(
        _("The deadline to appeal is soon"),
        _(
            "The deadline to appeal the decision in case %(reference)s is %(date)s. "
            "Log in to read the decision and to appeal: %(link)s",
            reference=reference,
            date=long_date(due, lang),
            link=link,
        ),
    )


# -- Acting for someone else ------------------------------------------------------------------------


def fullmakt_request(link: str, open_until: date, lang: str) -> Email:
    """Sent to an address the asker typed, so it carries nothing the asker typed: not even
    their name, which the person sees once logged in (a typed name could read as anything)."""
    return Email(
        _("Someone asks to act on your behalf"),
        _(
            "Someone asks for a power of attorney to act on your behalf towards the municipality.\n\n"
            "Log in to see who is asking and exactly what is asked, and to approve or decline: %(link)s\n\n"
            "The request is open until %(date)s. If you do not know who is asking, decline the request.",
            link=link,
            date=long_date(open_until, lang),
        ),
    )


def request_answered() -> Email:
    return Email(
        _("Your request has been answered"),
        _(
            "The person you asked has answered your request for a power of attorney. "
            "Log in and go to Who I act for to see the answer."
        ),
    )


def authority_withdrawn() -> Email:
    return Email(
        _("You can no longer act for someone"),
        _("A power of attorney or consent you had has been withdrawn. Log in and go to Who I act for to see which."),
    )


def authority_checked() -> Email:
    return Email(
        _("The municipality has checked your authority"),
        _(
            "The municipality has checked what you gave us to act for someone. "
            "Log in and go to Who I act for to see the result."
        ),
    )
