"""Choosing what to appeal. The choices are set by the page from what the reader may appeal."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField
from wtforms.validators import InputRequired

from ..fields import choices
from ..forms import PortalForm
from ..labels import SERVICES


class ChooseDecisionForm(PortalForm):
    decision = RadioField(
        _l("Which decision do you want to appeal?"),
        validators=[InputRequired(_l("Choose the decision you want to appeal"))],
    )


class OutsideDecisionForm(PortalForm):
    who = RadioField(_l("Who is the appeal for?"), validators=[InputRequired(_l("Choose who the appeal is for"))])
    service = RadioField(
        _l("What is the decision about?"),
        choices=choices(*SERVICES.items()),
        validators=[InputRequired(_l("Choose what the decision is about"))],
    )
