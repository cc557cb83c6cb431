"""Form fields and checks shared by every form in the portal. Each message says how to
fix the answer."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .rules.clock import parse_day
from .rules.identity import national_id_problem, normalise
from .rules.text import name_problem


def strip(value):
    return value.strip() if isinstance(value, str) else value


def choices(*pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


NATIONAL_ID_MESSAGES = {
    "empty": _l("Enter the identity number (fødselsnummer or D-number)"),
    "characters": _l("The identity number can only have digits"),
    "length": _l("The identity number must have 11 digits"),
    "invalid": _l("This is not a valid identity number. Check each digit"),
    # Numbers with valid check digits that are not a person's identity number (LEGAL.md,
    # "Added after the first legal review"): say what it is and what to write instead.
    "h_number": _l(
        "This is an H-number, a temporary number from the health service. Enter the fødselsnummer or D-number instead"
    ),
    "fh_number": _l(
        "This is an FH-number, a temporary number from the health service. Enter the fødselsnummer or D-number instead"
    ),
    "synthetic": _l("This is a made-up test number, not a person's number. Enter the fødselsnummer or D-number"),
}


def national_id_valid(form, field):
    problem = national_id_problem(field.data or "")
    if problem:
        raise ValidationError(NATIONAL_ID_MESSAGES[problem])
    field.data = normalise(field.data)


NAME_MESSAGES = {
    "digits": _l(
        "A name cannot contain digits. Write only the name here. "
        "If we need an identity number, we ask for it in its own field"
    ),
    "characters": _l(
        "A name can only have letters, spaces, hyphens (-), apostrophes (') and full stops (.). Take out anything else"
    ),
    "length": _l("The name can be at most 200 characters"),  # rules.text.NAME_MAX_LENGTH
}


def person_name(form, field):
    """A person's name: letters in any script, spaces, hyphens, apostrophes and full stops.
    Digits are refused first: they are most often an identity number in the wrong field, and
    a name is put in e-mails, where an identity number must never be."""
    problem = name_problem(field.data or "")
    if problem:
        raise ValidationError(NAME_MESSAGES[problem])


def norwegian_phone(form, field):
    digits = re.sub(r"[\s\-.]", "", field.data or "")
    if digits.startswith("+47"):
        digits = digits[3:]
    elif digits.startswith("0047"):
        digits = digits[4:]
    if not re.fullmatch(r"\d{8}", digits):
        raise ValidationError(_l("Enter a Norwegian phone number with 8 digits, like 912 34 567"))
    field.data = digits


def postcode(form, field):
    if not re.fullmatch(r"\d{4}", field.data or ""):
        raise ValidationError(_l("Enter a postcode with 4 digits, like 0150"))


def street_address_field() -> StringField:
    """A Norwegian street address, on one line (autocomplete address-line1)."""
    return StringField(
        _l("Street address"),
        render_kw={"autocomplete": "address-line1"},
        filters=[strip],
        validators=[
            DataRequired(_l("Enter the street address")),
            Length(max=200, message=_l("The address can be at most 200 characters")),
        ],
    )


def postcode_field() -> StringField:
    return StringField(
        _l("Postcode"),
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"},
        filters=[strip],
        validators=[postcode],
    )


def city_field() -> StringField:
    return StringField(
        _l("Town or city"),
        render_kw={"autocomplete": "address-level2"},
        filters=[strip],
        validators=[
            DataRequired(_l("Enter the town or city")),
            Length(max=100, message=_l("The town can be at most 100 characters")),
        ],
    )


def required_if(other: str, value: str, message):
    """Required when another field has a given answer."""

    def check(form, field):
        if form[other].data == value and not (field.data or "").strip():
            raise ValidationError(message)

    return check


YES_NO = choices(("yes", _l("Yes")), ("no", _l("No")))


class DayField(StringField):
    """A date typed as 31.12.2027, or picked in the browser's date picker (2027-12-31).
    Keeps what was typed when it cannot be read, so the reader can correct it."""

    def __init__(self, *args, invalid_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message or _l("Write the date as day, month and year, like 31.12.2027")
        self.day = None

    def process_data(self, value):
        super().process_data(value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else value)
        self.day = value if hasattr(value, "strftime") else None

    def pre_validate(self, form):
        text = (self.data or "").strip()
        self.day = parse_day(text) if text else None
        if text and self.day is None:
            raise StopValidation(self.invalid_message)


# Why an uploaded file was not taken (portal.services.attachments.AttachmentRejected).
FILE_MESSAGES = {
    "empty": _l("The file is empty. Choose another file"),
    "too_large": _l("The file is larger than 10 MB. Choose a smaller file, or send it by post"),
    "wrong_type": _l("The file must be a PDF, JPG or PNG. Save it as one of these and try again"),
    "too_many": _l("You can add at most 10 files. Remove one to add another"),
    "unreadable_pdf": _l(
        "The file could not be read as a PDF. Save it again as PDF, or take a photo of the paper, and upload it again"
    ),
    "locked_pdf": _l(
        "The PDF is locked with a password. Save it again without a password, "
        "or take a photo of the paper, and upload it again"
    ),
    "active_pdf": _l(
        "The PDF contains scripts or other files, which we cannot accept for safety reasons. "
        "Print it to a new PDF (choose Save as PDF), or take a photo of the paper, and upload it again"
    ),
    "unreadable_image": _l(
        "The picture could not be read. Save it again as JPG or PNG, or take a new photo, and upload it again"
    ),
    "image_too_large": _l(
        "The picture has too many pixels to open. Save it in a smaller size, or take a new photo, and upload it again"
    ),
}


class ExpectedNumber:
    """For a form with a national_id field whose number is known already: the person acted
    for, or the reader's own from their electronic ID. The form is about that person only."""

    expected_national_id: str | None = None
    expected_is_own: bool = False

    def expect(self, national_id: str, own: bool) -> None:
        self.expected_national_id, self.expected_is_own = national_id, own

    def validate_national_id(self, field):
        if self.expected_national_id and normalise(field.data or "") != self.expected_national_id:
            if self.expected_is_own:
                raise ValidationError(
                    _l(
                        "This must be your own identity number. To apply for someone else, "
                        "start a new application and choose who it is for"
                    )
                )
            raise ValidationError(
                _l(
                    "This must be the identity number of the person you act for. "
                    "To apply for someone else, start a new application"
                )
            )


class NorwegianDecimalField(DecimalField):
    """A number written the Norwegian way, with a decimal comma (149,50), or with a point."""

    def __init__(self, *args, invalid_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid_message

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [str(valuelist[0]).strip().replace(" ", "").replace(",", ".")]
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.invalid_message or _l("Write a number, like 3,5")) from None
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(self.invalid_message or _l("Write a number, like 3,5"))


class HoursField(IntegerField):
    """A whole number of hours. Hours written in words ("to") or with a unit ("4 timer") get a
    message that says what to write, and what was typed stays on the page to be corrected."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", _l("Write the number of hours as digits, for example 4"))
        kwargs.setdefault("render_kw", {"inputmode": "numeric"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        if valuelist:
            valuelist = [str(valuelist[0]).strip()]
            if not valuelist[0]:
                self.data = None
                return
        super().process_formdata(valuelist)
