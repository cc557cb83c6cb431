"""The municipality's forms for intake."""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from ..apply.volunteer_forms import GROUPS, INTERESTS, STATES, TIMES
from ..fields import DayField, MultiCheckboxField, choices, strip
from ..forms import PortalForm
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
    hours = IntegerField(
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
    summary = TextAreaField(
        _l("The reasons, in short"),
        filters=[strip],
        description=_l("The person reads this on the case page and in the decision letter."),
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
    "appeal_received": AppealReceivedForm,
    "appeal_forwarded": AppealForwardedForm,
    "appeal_decided": AppealDecidedForm,
    "withdrawn": ConfirmEventForm,
    "closed": ConfirmEventForm,
}


def event_data(form) -> dict:
    """The form's answers as an event's fields (dates as ISO strings)."""
    data = {}
    for name, field in form._fields.items():
        if name == "csrf_token":
            continue
        value = field.day.isoformat() if isinstance(field, DayField) and field.day else field.data
        if value not in (None, ""):
            data[name] = value
    return data


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
        if field.day is not None and field.day > today():
            field.errors = [*field.errors, _l("The police certificate's date cannot be in the future. Check the date")]
            valid = False
        return valid
