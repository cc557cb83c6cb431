"""The municipality's forms for intake."""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..apply.volunteer_forms import GROUPS, INTERESTS, STATES, TIMES
from ..fields import YES_NO, DayField, HoursField, MultiCheckboxField, choices, strip
from ..forms import PortalForm
from ..rules import volunteers as volunteer_rules
from ..rules.clock import today


class CheckForm(PortalForm):
    """The municipality's check of an uploaded document."""

    outcome = RadioField(
        _l("Is the authority in order?"),
        choices=choices(("verify", _l("Yes: it gives what is described")), ("reject", _l("No: it is not in order"))),
        validators=[InputRequired(_l("Choose yes or no"))],
    )
    reason = TextAreaField(
        _l("Why is it not in order?"),
        filters=[strip],
        description=_l("The representative reads this. Say what is missing and what they can do."),
        validators=[Length(max=1000, message=_l("The text can be at most 1000 characters"))],
    )

    def validate_reason(self, field):
        if self.outcome.data == "reject" and not (field.data or "").strip():
            raise ValidationError(_l("Write why it is not in order"))


# -- The queue and recording what happens in a case --------------------------------------------


class QueueForm(PortalForm):
    """Filters for the queue, sent with GET so a filtered queue has an address."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Type of submission"),
        choices=choices(
            ("", _l("All")),
            ("application", _l("Applications")),
            ("appeal", _l("Appeals")),
            ("volunteer", _l("Volunteers' applications")),
        ),
        validators=[Optional()],
    )
    service = SelectField(
        _l("Service"),
        choices=choices(
            ("", _l("All")),
            ("stottekontakt", _l("Support contact (støttekontakt)")),
            ("ledsagerbevis", _l("Companion card (ledsagerbevis)")),
            ("bpa", _l("User-directed personal assistance (BPA)")),
        ),
        validators=[Optional()],
    )
    state = SelectField(_l("Status"), validators=[Optional()])
    overdue = BooleanField(_l("Only overdue: no answer a month after receipt, or an appeal waiting"))


class SearchForm(PortalForm):
    q = StringField(
        _l("Reference or case number"),
        filters=[strip],
        validators=[DataRequired(_l("Enter a reference like SK-2026-000123, or the case number"))],
    )


def _day(label, required=False, description=None):
    return DayField(
        label,
        filters=[strip],
        render_kw={"inputmode": "numeric"},
        description=description,
        validators=[DataRequired(_l("Enter the date")) if required else Optional()],
    )


class ReceivedForm(PortalForm):
    case_number = StringField(
        _l("The municipality's case number (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=40, message=_l("The case number can be at most 40 characters"))],
    )
    received_on = _day(_l("Received on (optional)"), description=_l("Leave it empty to use today's date."))


class ConfirmEventForm(PortalForm):
    """For events that carry nothing but the day they are recorded."""


class PreliminaryReplyForm(PortalForm):
    reason = TextAreaField(
        _l("Why the case takes longer"),
        filters=[strip],
        validators=[
            DataRequired(_l("Write why the case takes longer")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )
    expected_by = _day(_l("When you expect to answer (optional)"), description=_l("Like 15.01.2027."))


class YesNoField(RadioField):
    """A yes or no asked as two radio buttons, one chosen from the start, recorded as true or
    false; left out, it is the default."""

    def __init__(self, label, default: bool, **kwargs):
        super().__init__(label, choices=YES_NO, default="yes" if default else "no", **kwargs)
        self.default_answer = default

    @property
    def answer(self) -> bool:
        return self.data == "yes" if self.data in ("yes", "no") else self.default_answer


class DecisionForm(PortalForm):
    outcome = RadioField(
        _l("The outcome"),
        choices=choices(
            ("granted", _l("Granted")), ("partly_granted", _l("Partly granted")), ("refused", _l("Refused"))
        ),
        validators=[InputRequired(_l("Choose the outcome"))],
    )
    decided_on = _day(_l("Decided on"), required=True)
    notified_on = _day(
        _l("The day the decision reached the person (optional)"),
        description=_l(
            "The appeal deadline counts from this day. If you do not know it, use the day the letter was sent."
        ),
    )
    hours = HoursField(
        _l("Hours (optional)"),
        render_kw={"inputmode": "numeric"},
        validators=[Optional(), NumberRange(min=0, max=1000, message=_l("Enter a number of hours from 0 to 1000"))],
    )
    per = RadioField(
        _l("Per week or per month?"),
        choices=choices(("week", _l("Per week")), ("month", _l("Per month"))),
        validators=[Optional()],
    )
    form = RadioField(
        _l("Form (optional)"),
        choices=choices(
            ("individual", _l("Individual")),
            ("group", _l("In a group")),
            ("voluntary_organisation", _l("Through a voluntary organisation")),
        ),
        validators=[Optional()],
    )
    valid_from = _day(_l("Valid from (optional)"))
    valid_to = _day(_l("Valid to (optional)"), description=_l("For a time-limited decision."))
    # fvl § 24 second paragraph: reasons may be left out, e.g. when an application is granted
    # in full and nobody is expected to be dissatisfied; the person may then demand them.
    with_reasons = YesNoField(
        _l("Are the reasons given with the decision?"),
        default=True,
        description=_l(
            "Choose No only for a decision given without reasons, for example an application granted in full. "
            "The person can then ask for the reasons, and gets a new appeal deadline when they receive them."
        ),
        validators=[Optional()],
    )
    # Only in a BPA case (the route takes it out of the others).
    bpa_right = YesNoField(
        _l("Does the decision assess the right to BPA (pasient- og brukerrettighetsloven § 2-1 d)?"),
        default=False,
        description=_l(
            "Choose Yes when the decision grants or refuses BPA under the right (people under 67 with a long-term, "
            "large need for help, and those granted it before 67). Choose No when only the municipality's duty "
            "(helse- og omsorgstjenesteloven § 3-8) is assessed."
        ),
        validators=[Optional()],
    )
    summary = TextAreaField(
        _l("The reasons, in short"),
        filters=[strip],
        description=_l(
            "The person reads this on the case page and in the decision letter. For a decision given without "
            "reasons, say in short what is decided."
        ),
        validators=[
            DataRequired(_l("Write the reasons for the decision")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.hours.data is not None and not self.per.data:
            self.per.errors = [*self.per.errors, _l("Choose whether the hours are per week or per month")]
            valid = False
        if self.valid_from.day and self.valid_to.day and self.valid_to.day < self.valid_from.day:
            self.valid_to.errors = [
                *self.valid_to.errors,
                _l("The last day cannot be before the first day. Check the dates"),
            ]
            valid = False
        return valid


class ReasonsRequestedForm(PortalForm):
    """fvl § 24 second paragraph: the person demands the reasons for a decision given without."""

    requested_on = _day(
        _l("The day the person asked for the reasons"),
        required=True,
        description=_l(
            "The day the request was sent or handed in. It stops the appeal deadline only if it is on or before "
            "the last day to appeal."
        ),
    )


class ReasonsGivenForm(PortalForm):
    """fvl § 29 third paragraph: a new appeal deadline runs from the day the reasons arrive."""

    notified_on = _day(
        _l("The day the reasons reached the person"),
        required=True,
        description=_l(
            "A new appeal deadline, as long as the first, counts from this day. If you do not know it, use the "
            "day the letter was sent."
        ),
    )


class AppealReceivedForm(PortalForm):
    received_on = _day(_l("Received on (optional)"), description=_l("Leave it empty to use today's date."))


class AppealForwardedForm(PortalForm):
    forwarded_on = _day(_l("Sent to the appeal body on"), required=True)


class AppealDecidedForm(PortalForm):
    outcome = RadioField(
        _l("The appeal body's decision"),
        choices=choices(
            ("allowed", _l("Allowed")),
            ("partly_allowed", _l("Partly allowed")),
            ("not_allowed", _l("Not allowed")),
            ("dismissed", _l("Dismissed")),
        ),
        validators=[InputRequired(_l("Choose the outcome"))],
    )
    decided_on = _day(_l("Decided on"), required=True)


class SentOnceForm(PortalForm):
    """A key made when a record form is first shown, sent back with it: the same form sent twice
    (a double click, or again after an error or a lost answer) records its event once."""

    class Meta:
        csrf = False  # the event's own form carries the token

    once = HiddenField(default=lambda: uuid.uuid4().hex, validators=[Regexp("^[0-9a-f]{32}$")])

    def key(self) -> str | None:
        return "form:" + self.once.data if self.validate() else None


EVENT_FORMS = {
    "received": ReceivedForm,
    "assessment_started": ConfirmEventForm,
    "preliminary_reply": PreliminaryReplyForm,
    "decision": DecisionForm,
    "reasons_requested": ReasonsRequestedForm,
    "reasons_given": ReasonsGivenForm,
    "appeal_received": AppealReceivedForm,
    "appeal_forwarded": AppealForwardedForm,
    "appeal_decided": AppealDecidedForm,
    "withdrawn": ConfirmEventForm,
    "closed": ConfirmEventForm,
}


def event_data(form) -> dict:
    """The form's answers as an event's fields (dates as ISO strings, yes or no as true or false)."""
    data = {}
    for name, field in form._fields.items():
        if name == "csrf_token":
            continue
        if isinstance(field, YesNoField):
            data[name] = field.answer
            continue
        value = field.day.isoformat() if isinstance(field, DayField) and field.day else field.data
        if value not in (None, ""):
            data[name] = value
    return data


# Why the service refused an event or a receipt (portal.rules.case_status and .case_checks),
# said on the field; {date} is the day it is measured against.
PROBLEMS = {
    "in_future": _l("The date cannot be in the future. Check the date"),
    "before_sent": _l("The date cannot be before the submission was sent on {date}. Check the date"),
    "too_early": _l(
        "A paper or phone submission can be dated as received at most a year before it was registered, "
        "so not before {date}. Check the date"
    ),
    "before_received": _l(
        "The date cannot be before the application was received on {date}. Check the date, or register "
        "the day a paper application came in first"
    ),
    "before_decision": _l("The date cannot be before the decision was made on {date}. Check the date"),
    "before_appeal": _l("The date cannot be before the appeal was received on {date}. Check the date"),
    "before_forwarded": _l(
        "The date cannot be before the appeal was sent to the appeal body on {date}. Check the date"
    ),
    "before_request": _l("The date cannot be before the reasons were asked for on {date}. Check the date"),
    "too_far": _l("The date cannot be more than two years ahead, after {date}. Check the date"),
    "after_deadline": _l(
        "The last day to appeal was {date}. A request for reasons after that does not stop the deadline, "
        "so it cannot be recorded here. Check the date"
    ),
    "no_decision_without_reasons": _l(
        "The person can ask for the reasons only when the decision was given without reasons. Record the "
        "decision first, or answer the request as an ordinary question"
    ),
    "already_requested": _l("The person has already asked for the reasons for this decision, on {date}"),
    "not_requested": _l("Record first the day the person asked for the reasons"),
}
UNKNOWN_PROBLEM = _l("This answer is not valid. Check it and try again")


# -- Volunteers ----------------------------------------------------------------------------------

VOLUNTEER_STATES = STATES


class RegisterFilterForm(PortalForm):
    class Meta:
        csrf = False

    state = SelectField(_l("State"), choices=[*choices(("", _l("All"))), *VOLUNTEER_STATES], validators=[Optional()])
    times = MultiCheckboxField(_l("Available at these times"), choices=TIMES, validators=[Optional()])
    groups = MultiCheckboxField(_l("Wants to work with"), choices=GROUPS, validators=[Optional()])
    interests = MultiCheckboxField(_l("Likes"), choices=INTERESTS, validators=[Optional()])
    car = BooleanField(_l("Has a car"))


class MoveForm(PortalForm):
    to = RadioField(
        _l("New state"),
        choices=[c for c in VOLUNTEER_STATES if c.value != "engaged"],
        validators=[InputRequired(_l("Choose the new state"))],
    )
    certificate_issued_on = _day(
        _l("The police certificate's date (when it is received)"),
        description=_l("Like 01.11.2026. It must be no older than three months when they start."),
    )
    note = TextAreaField(
        _l("Note (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=_l("The text can be at most 2000 characters"))],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        field = self.certificate_issued_on
        if self.to.data == "certificate_received" and field.day is None and not field.errors:
            field.errors = [*field.errors, _l("Enter the date of the police certificate")]
            valid = False
        return _certificate_date_checked(field) and valid


def _certificate_date_checked(field) -> bool:
    """hol § 5-4: a police certificate is dated the day it was issued, never after today, and one
    older than three months can engage nobody: the volunteer must get a new one."""
    if field.day is not None and field.day > today():
        field.errors = [*field.errors, _l("The police certificate's date cannot be in the future. Check the date")]
        return False
    if field.day is not None and not volunteer_rules.certificate_valid_for(field.day, today()):
        field.errors = [
            *field.errors,
            _l("The police certificate is more than three months old. Ask the volunteer for a new one"),
        ]
        return False
    return True


class CertificateDateForm(PortalForm):
    """The police certificate's date, corrected after it was recorded."""

    issued_on = _day(
        _l("The police certificate's date"),
        required=True,
        description=_l("Like 01.11.2026, as it stands on the certificate."),
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return _certificate_date_checked(self.issued_on) and valid
