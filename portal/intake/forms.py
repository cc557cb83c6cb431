"""The municipality's forms for intake."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from ..fields import choices, strip


class CheckForm(FlaskForm):
    """The municipality's check of an uploaded document."""

    outcome = RadioField(_l("Is the authority in order?"), choices=choices(
        ("verify", _l("Yes: it gives what is described")),
        ("reject", _l("No: it is not in order"))), validators=[InputRequired(_l("Choose yes or no"))])
    reason = TextAreaField(_l("Why is it not in order?"), filters=[strip],
                           description=_l("The representative reads this. Say what is missing and what they can do."),
                           validators=[Length(max=1000, message=_l("The text can be at most 1000 characters"))])

    def validate_reason(self, field):
        if self.outcome.data == "reject" and not (field.data or "").strip():
            raise ValidationError(_l("Write why it is not in order"))
