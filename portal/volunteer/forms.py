"""The engaged volunteer's forms: the monthly timesheet and the half-year report."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..fields import DayField, NorwegianDecimalField, strip
from ..forms import PortalForm, PortalSubform


class DayLine(PortalSubform):
    day = DayField(_l("Date"), filters=[strip], render_kw={"inputmode": "numeric"}, validators=[Optional()])
    hours = NorwegianDecimalField(
        _l("Hours"),
        places=1,
        render_kw={"inputmode": "decimal"},
        invalid_message=_l("Write the hours as a number, like 2,5"),
        validators=[Optional(), NumberRange(min=0.5, max=24, message=_l("Enter from 0,5 to 24 hours"))],
    )
    activity = StringField(
        _l("What you did (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=200, message=_l("The text can be at most 200 characters"))],
    )


class ExpenseLine(PortalSubform):
    amount = NorwegianDecimalField(
        _l("Amount in kroner"),
        places=2,
        render_kw={"inputmode": "decimal"},
        invalid_message=_l("Write the amount as a number, like 149,50"),
        validators=[
            Optional(),
            NumberRange(min=0.01, max=100000, message=_l("Enter an amount in kroner, like 149,50")),
        ],
    )
    what = StringField(
        _l("What for"),
        filters=[strip],
        validators=[Optional(), Length(max=200, message=_l("The text can be at most 200 characters"))],
    )


class TimesheetForm(PortalForm):
    month = SelectField(_l("Which month?"), validators=[InputRequired(_l("Choose the month"))])
    lines = FieldList(FormField(DayLine), min_entries=8, max_entries=31)
    expenses = FieldList(FormField(ExpenseLine), min_entries=3, max_entries=10)
    receipt = FileField(
        _l("Receipts (optional)"),
        description=_l(
            "PDF, JPG or PNG, at most 10 MB. Scan or take a photo of the receipts, all in one file if you can."
        ),
    )
    correct = BooleanField(
        _l("I confirm that the hours and expenses are correct"),
        validators=[DataRequired(_l("Confirm that the hours and expenses are correct before you send"))],
    )


def _report_text(label, missing) -> TextAreaField:
    """A required answer in the half-year report, at most 4000 characters."""
    return TextAreaField(
        label,
        filters=[strip],
        validators=[DataRequired(missing), Length(max=4000, message=_l("The text can be at most 4000 characters"))],
    )


class HalfYearReportForm(PortalForm):
    activities = _report_text(_l("What have you done together?"), _l("Write what you have done together"))
    goals = _report_text(
        _l("How has it gone with the goals for the support?"), _l("Write how it has gone with the goals")
    )
    benefit = _report_text(
        _l("What has the person got out of it, as you see it?"), _l("Write what the person has got out of it")
    )
    contact = _report_text(
        _l("How has the contact with the family and with the service been?"), _l("Write how the contact has been")
    )
    guidance = TextAreaField(
        _l("Do you need guidance or help from us? (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=4000, message=_l("The text can be at most 4000 characters"))],
    )


class CertificateForm(PortalForm):
    file = FileField(
        _l("Your police certificate"),
        description=_l("PDF, JPG or PNG, at most 10 MB. A photo of the paper is fine."),
        validators=[FileRequired(_l("Choose the file to upload"))],
    )
