"""Forms for acting on someone else's behalf. Each message says how to fix the answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, RadioField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional, ValidationError

from ..fields import DayField, MultiCheckboxField, choices, national_id_valid, person_name, strip
from ..forms import PortalForm
from ..labels import SCOPES, SERVICES
from ..rules.authority import period_problem
from ..rules.clock import today

BASES = choices(
    ("parent", _l("I am the parent of a child under 16")),
    ("verge", _l("I am their guardian (verge), appointed by the Statsforvalteren")),
    ("fullmakt", _l("They give me a power of attorney here in the portal")),
    ("paper", _l("They give me a power of attorney on paper that they sign")),
)

BASIS_HINTS = {
    "parent": _l(
        "You confirm that you have parental responsibility. It counts at once. "
        "A young person of 16 or 17 decides for themselves: ask them for a power of attorney instead."
    ),
    "verge": _l("You upload your appointment (vergefullmakt). The municipality checks it."),
    "fullmakt": _l("They get an e-mail, log in with electronic ID and approve what you ask for."),
    "paper": _l("We fill in the form for you. They sign it, and you upload it. The municipality checks it."),
}

SCOPE_CHOICES = choices(*SCOPES.items())
SERVICE_CHOICES = choices(*SERVICES.items())

PROBLEM_MESSAGES = {
    "own_number": _l(
        "This is your own identity number. To apply for yourself, choose «Me» when you start an application"
    ),
    "adult": _l(
        "The person is 18 or older, so parental responsibility has ended. Ask them for a power of attorney instead"
    ),
    "young_person": _l(
        "The young person is 16 or 17 and decides for themselves, so you cannot act for them as a parent. "
        "Ask them for a power of attorney instead"
    ),
    "birth_date_needed": _l("Enter the date of birth. We cannot tell the year from the identity number"),
    "birth_date_wrong": _l("The date of birth does not match the identity number. Check both"),
    "own_birth_date_needed": _l("Enter your date of birth. We cannot tell your age from your identity number"),
    "own_birth_date_wrong": _l("The date of birth does not match your identity number. Check it"),
    "duplicate": _l("You already act for this person on this basis, or have asked to. See Who I act for"),
    "asked_too_often": _l(
        "No more requests can be sent to this person just now. Try again in a few weeks, or contact the service office"
    ),
    "minor": _l("You must be 18 or older to act for someone as guardian or with a power of attorney"),
    "already_asked": _l("You have already asked this person. Wait for their answer, or end that request first"),
}


def _your_name():
    return StringField(
        _l("Your full name"),
        render_kw={"autocomplete": "name"},
        filters=[strip],
        validators=[
            DataRequired(_l("Enter your full name")),
            person_name,
        ],
    )


def _your_email():
    return EmailField(
        _l("Your e-mail address (optional)"),
        render_kw={"autocomplete": "email"},
        filters=[strip],
        description=_l("We send a short message here when something changes. It never says who it is about."),
        validators=[
            Optional(),
            Length(max=320, message=_l("The e-mail address can be at most 320 characters")),
            Email(_l("Enter an e-mail address in the right format, like name@example.no"), check_deliverability=False),
        ],
    )


def _your_birth_date():
    """Asked only where the representative's own number does not tell the year (numbers
    issued from 2032): a guardian or someone with a fullmakt must be 18 or older (fvl § 12)."""
    return DayField(
        _l("Your date of birth"),
        render_kw={"inputmode": "numeric", "autocomplete": "bday"},
        description=_l(
            "Like 31.12.1990. We cannot tell your age from your identity number, "
            "and you must be 18 or older to act for someone."
        ),
        filters=[strip],
        validators=[DataRequired(PROBLEM_MESSAGES["own_birth_date_needed"])],
    )


def _their_name(label):
    return StringField(
        label,
        filters=[strip],
        render_kw={"autocomplete": "off"},
        validators=[
            DataRequired(_l("Enter the full name")),
            person_name,
        ],
    )


def _their_national_id(label):
    return StringField(
        label,
        filters=[strip],
        description=_l("11 digits"),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
        validators=[national_id_valid],
    )


def _scopes(label):
    return MultiCheckboxField(label, choices=SCOPE_CHOICES, validators=[DataRequired(_l("Choose at least one thing"))])


def _services():
    return MultiCheckboxField(
        _l("Which services does it cover?"),
        choices=SERVICE_CHOICES,
        validators=[DataRequired(_l("Choose at least one service"))],
    )


class BasisForm(PortalForm):
    basis = RadioField(
        _l("How may you act for them?"),
        choices=BASES,
        validators=[InputRequired(_l("Choose how you may act for them"))],
    )


class ParentForm(PortalForm):
    """A parent's declaration for a child under 16 (pbrl § 4-4; from 16, pbrl § 4-3)."""

    representative_name = _your_name()
    representative_email = _your_email()
    child_name = _their_name(_l("The child's full name"))
    child_national_id = _their_national_id(_l("The child's identity number (fødselsnummer or D-number)"))
    # Asked only where the number does not tell the year (numbers issued from 2032).
    child_birth_date = DayField(
        _l("The child's date of birth"),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
        description=_l("Like 31.12.2033. We cannot tell the year from the identity number."),
        filters=[strip],
        validators=[DataRequired(PROBLEM_MESSAGES["birth_date_needed"])],
    )
    responsibility = BooleanField(
        _l("I confirm that I have parental responsibility for the child"),
        validators=[DataRequired(_l("Confirm that you have parental responsibility"))],
    )


class VergeForm(PortalForm):
    representative_name = _your_name()
    representative_email = _your_email()
    representative_birth_date = _your_birth_date()
    person_name = _their_name(_l("Full name of the person you are guardian for"))
    person_national_id = _their_national_id(_l("Their identity number (fødselsnummer or D-number)"))
    scopes = _scopes(_l("What does your appointment let you do? Choose all that it covers."))
    valid_until = DayField(
        _l("Last day of the appointment (optional)"),
        render_kw={"inputmode": "numeric"},
        description=_l("As in the appointment, like 31.12.2028. Leave it empty if it has no end date."),
        filters=[strip],
        validators=[Optional()],
    )

    def validate_valid_until(self, field):
        if field.day is not None and field.day < today():
            raise ValidationError(_l("The last day has passed. Check the date in the appointment"))


class FullmaktForm(PortalForm):
    """A power of attorney (fvl § 12): both parties, what it covers, which services, how long."""

    representative_name = _your_name()
    representative_email = _your_email()
    representative_birth_date = _your_birth_date()
    person_name = _their_name(_l("Full name of the person who gives you the power of attorney"))
    person_national_id = _their_national_id(_l("Their identity number (fødselsnummer or D-number)"))
    person_email = EmailField(
        _l("Their e-mail address"),
        filters=[strip],
        render_kw={"autocomplete": "off"},
        description=_l("We send them a link to answer. They log in with electronic ID."),
        validators=[
            DataRequired(_l("Enter their e-mail address")),
            Length(max=320, message=_l("The e-mail address can be at most 320 characters")),
            Email(_l("Enter an e-mail address in the right format, like name@example.no"), check_deliverability=False),
        ],
    )
    scopes = _scopes(_l("What do you ask to do for them? Choose all that fit."))
    services = _services()
    valid_until = DayField(
        _l("Last day the power of attorney lasts"),
        render_kw={"inputmode": "numeric"},
        description=_l("Like 31.12.2027. It can last up to 10 years, and can be withdrawn at any time."),
        filters=[strip],
        validators=[DataRequired(_l("Enter the last day the power of attorney lasts"))],
    )

    def validate_valid_until(self, field):
        problem = period_problem(field.day, today()) if field.day else None
        if problem == "past":
            raise ValidationError(_l("The last day cannot be in the past. Choose a later date"))
        if problem == "too_long":
            raise ValidationError(_l("A power of attorney can last at most 10 years. Choose an earlier date"))


class PaperFullmaktForm(FullmaktForm):
    person_email = None  # they sign on paper: no e-mail needed


class DocumentForm(PortalForm):
    file = FileField(
        _l("Choose the file"),
        description=_l("PDF, JPG or PNG, at most 10 MB. A photo of the signed paper is fine."),
        validators=[FileRequired(_l("Choose the file to upload"))],
    )


class ConfirmForm(PortalForm):
    """A button that changes something, with CSRF protection."""


class AnswerForm(PortalForm):
    answer = RadioField(
        _l("Do you give this power of attorney?"),
        choices=choices(("approve", _l("Yes, I give this power of attorney")), ("decline", _l("No, I decline"))),
        validators=[InputRequired(_l("Choose yes or no"))],
    )


OMBUD_SCOPES = choices(
    ("see_case", _l("See my cases: what was sent, the status, decisions and deadlines")),
    ("appeal", _l("Help me with an appeal, and send it for me (the ombud then also sees the case)")),
)


class OmbudForm(PortalForm):
    office = RadioField(_l("Which ombud office?"), validators=[InputRequired(_l("Choose the ombud office"))])
    scopes = MultiCheckboxField(
        _l("What may the ombud do? Choose all you want."),
        choices=OMBUD_SCOPES,
        validators=[DataRequired(_l("Choose at least one thing"))],
    )
    services = _services()
    valid_until = DayField(
        _l("Last day the ombud may do this"),
        render_kw={"inputmode": "numeric"},
        description=_l("Like 31.12.2027. You can withdraw it at any time before that."),
        filters=[strip],
        validators=[DataRequired(_l("Enter the last day"))],
    )

    def validate_valid_until(self, field):
        problem = period_problem(field.day, today()) if field.day else None
        if problem == "past":
            raise ValidationError(_l("The last day cannot be in the past. Choose a later date"))
        if problem == "too_long":
            raise ValidationError(_l("It can last at most 10 years. Choose an earlier date"))
