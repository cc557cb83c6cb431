"""The base of every form in the portal: free text is cleaned as it comes in (portal.rules.text),
in this one place for every text field, so no form can forget it."""

from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from wtforms import Form, PasswordField, StringField, TextAreaField

from . import refill
from .rules import text

UNSTORABLE_MESSAGE = _l(
    "The text had a character that cannot be stored, so we have taken it out. Check the text and try again"
)


def is_cleaned(field) -> bool:
    """Text fields are cleaned; a password is taken exactly as typed (cleaning it would change
    what it is, and it is never shown or stored as text)."""
    return isinstance(field, StringField) and not isinstance(field, PasswordField)


class TextCleaner:
    """A text field's first filter. A NUL is refused: taken out of what is shown again, with a
    message on the field, so the page comes back with the rest of the text as it was typed and
    nothing is saved until the reader has seen it."""

    def __init__(self, field) -> None:
        self.field = field
        self.multiline = isinstance(field, TextAreaField)

    def __call__(self, value):
        if not isinstance(value, str):
            return value
        if text.has_nul(value):
            self.field.process_errors.append(UNSTORABLE_MESSAGE)
        return text.clean(value, self.multiline)


class CleanTextMeta:
    """Form options (WTForms' `class Meta`) that put a TextCleaner first in every text field's filters."""

    def bind_field(self, form, unbound_field, options):
        field = super().bind_field(form, unbound_field, options)
        if is_cleaned(field):
            field.filters = (TextCleaner(field), *field.filters)
        return field


class PortalForm(FlaskForm):
    """Every page's form (with CSRF)."""

    # Fields that matter only after another field's answer, {field: (other field, answer)}:
    # asked on the same page (it works without JavaScript), and left out of the check page
    # and the copies when that answer was not given.
    asked_when: dict[str, tuple[str, str]] = {}

    class Meta(CleanTextMeta):
        def wrap_formdata(self, form, formdata):
            # Opened again after logging in, the page shows what was sent while logged out.
            if formdata is _Auto and request.method == "GET" and (kept := refill.for_this_page()) is not None:
                return kept
            return super().wrap_formdata(form, formdata)


class PortalSubform(Form):
    """A group of fields repeated inside a form (a FormField, like a timesheet's line)."""

    class Meta(CleanTextMeta):
        def wrap_formdata(self, form, formdata):
            # Opened again after logging in, the page shows what was sent while logged out.
            if formdata is _Auto and request.method == "GET" and (kept := refill.for_this_page()) is not None:
                return kept
            return super().wrap_formdata(form, formdata)
