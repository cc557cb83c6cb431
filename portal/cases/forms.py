"""The forms on a person's case pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length

from ..fields import strip
from ..forms import PortalForm
from ..models.dispute import COMMENT_MAX


class NotMeForm(PortalForm):
    """The person says a submission about them was not sent by them."""

    comment = TextAreaField(
        _l("Anything you want to tell the municipality (optional)"),
        filters=[strip],
        description=_l("For example whether you know who may have sent it. Do not write your identity number."),
        validators=[Length(max=COMMENT_MAX, message=_l("The text can be at most 1000 characters"))],
    )
