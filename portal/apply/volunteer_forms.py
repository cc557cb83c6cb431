"""The pages of the application to become a støttekontakt (the municipal handbook's form,
one small group a page). Each message says how to fix the answer."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..fields import (
    YES_NO,
    ExpectedNumber,
    HoursField,
    MultiCheckboxField,
    choices,
    city_field,
    national_id_valid,
    norwegian_phone,
    person_name,
    postcode_field,
    street_address_field,
    strip,
)
from ..forms import PortalForm
from ..i18n import long_date
from ..rules.authority import birthday
from ..rules.clock import today
from ..rules.identity import birth_date
from ..rules.volunteers import MINIMUM_AGE, old_enough

WORK = choices(
    ("full_time", _l("Full-time")),
    ("part_time", _l("Part-time")),
    ("student", _l("Student")),
    ("retired", _l("Retired")),
    ("none", _l("Not working now")),
)
TIMES = choices(
    ("daytime", _l("Daytime")),
    ("afternoon", _l("Afternoons")),
    ("evening", _l("Evenings")),
    ("weekdays", _l("Weekdays")),
    ("weekends", _l("Weekends")),
)
GROUPS = choices(
    ("women", _l("Women")),
    ("men", _l("Men")),
    ("children", _l("Children")),
    ("young_people", _l("Young people")),
    ("adults", _l("Adults")),
    ("elderly", _l("Elderly people")),
    ("physical_disability", _l("People with physical disabilities")),
    ("intellectual_disability", _l("People with intellectual disabilities")),
)
INTERESTS = choices(
    ("sports", _l("Sports and exercise")),
    ("outdoors", _l("Walks and the outdoors")),
    ("culture", _l("Cinema, theatre and museums")),
    ("music", _l("Music")),
    ("arts_crafts", _l("Arts and crafts")),
    ("games", _l("Games")),
    ("cooking", _l("Cooking and cafés")),
    ("animals", _l("Animals")),
    ("social", _l("Chatting and being together")),
)
STATES = choices(
    ("applied", _l("Applied")),
    ("interviewed", _l("Interviewed")),
    ("certificate_received", _l("Police certificate received")),
    ("approved", _l("Approved")),
    ("engaged", _l("Engaged")),
    ("inactive", _l("Inactive")),
)
PEOPLE = choices(("1", _l("One person")), ("2", _l("Two people")), ("3", _l("Three people")))


def adult(form, field):
    """At least 18 (municipal practice), read from the identity number's birth date. A number
    issued from 2032 may not tell the year: then nobody is turned away on a guess, and the
    municipality sees the age when it meets the volunteer and reads the police certificate."""
    born = birth_date(field.data or "")
    if born is not None and not old_enough(born, today()):
        raise ValidationError(
            _l(
                "You must be 18 or older to be a support contact. You can apply from %(date)s",
                date=long_date(birthday(born, MINIMUM_AGE)),
            )
        )


class AboutVolunteerForm(ExpectedNumber, PortalForm):
    full_name = StringField(
        _l("Full name"),
        render_kw={"autocomplete": "name"},
        filters=[strip],
        validators=[
            DataRequired(_l("Enter the full name")),
            person_name,
        ],
    )
    national_id = StringField(
        _l("Identity number (fødselsnummer or D-number)"),
        filters=[strip],
        description=_l("11 digits"),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
        validators=[national_id_valid, adult],
    )
    street_address = street_address_field()
    postcode = postcode_field()
    city = city_field()
    occupation = StringField(
        _l("Occupation"),
        filters=[strip],
        validators=[
            DataRequired(_l("Enter your occupation, or write what you do now")),
            Length(max=200, message=_l("The text can be at most 200 characters")),
        ],
    )
    work = RadioField(
        _l("Do you work full-time or part-time?"),
        choices=WORK,
        validators=[InputRequired(_l("Choose how much you work"))],
    )
    phone = StringField(
        _l("Mobile phone"),
        description=_l("8 digits"),
        render_kw={"autocomplete": "tel", "type": "tel"},
        filters=[strip],
        validators=[norwegian_phone],
    )
    other_phone = StringField(
        _l("Other phone (optional)"),
        render_kw={"type": "tel"},
        filters=[strip],
        validators=[Optional(), norwegian_phone],
    )
    email = EmailField(
        _l("E-mail address"),
        render_kw={"autocomplete": "email"},
        filters=[strip],
        validators=[
            DataRequired(_l("Enter your e-mail address")),
            Email(_l("Enter an e-mail address in the right format, like name@example.no"), check_deliverability=False),
        ],
    )


class DrivingForm(PortalForm):
    has_car = RadioField(
        _l("Do you have a car you can use?"),
        choices=YES_NO,
        validators=[InputRequired(_l("Answer whether you have a car"))],
    )
    has_licence = RadioField(
        _l("Do you have a driving licence?"),
        choices=YES_NO,
        validators=[InputRequired(_l("Answer whether you have a driving licence"))],
    )


class ExperienceForm(PortalForm):
    experience = TextAreaField(
        _l("Your education and experience"),
        filters=[strip],
        description=_l(
            "For example work or volunteering with people, or training in health and care. Everything counts."
        ),
        validators=[
            DataRequired(_l("Write about your education and experience")),
            Length(max=3000, message=_l("The text can be at most 3000 characters")),
        ],
    )


class InterestsForm(PortalForm):
    interests = MultiCheckboxField(
        _l("What do you like doing? Choose all that fit."),
        choices=INTERESTS,
        validators=[DataRequired(_l("Choose at least one thing you like doing"))],
    )
    hobbies = TextAreaField(
        _l("Your interests and hobbies, in your own words (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=_l("The text can be at most 2000 characters"))],
    )


class AvailabilityForm(PortalForm):
    times = MultiCheckboxField(
        _l("When can you be a support contact? Choose all that fit."),
        choices=TIMES,
        validators=[DataRequired(_l("Choose at least one time you can"))],
    )
    groups = MultiCheckboxField(
        _l("Whom would you like to be a support contact for? Choose all that fit."),
        choices=GROUPS,
        validators=[DataRequired(_l("Choose at least one group"))],
    )


class CapacityForm(PortalForm):
    hours = HoursField(
        _l("About how many hours could you give?"),
        render_kw={"inputmode": "numeric"},
        validators=[
            InputRequired(_l("Enter about how many hours you could give")),
            NumberRange(min=1, max=60, message=_l("Enter a number of hours from 1 to 60")),
        ],
    )
    per = RadioField(
        _l("Per week or per month?"),
        choices=choices(("week", _l("Per week")), ("month", _l("Per month"))),
        validators=[InputRequired(_l("Choose whether the hours are per week or per month"))],
    )
    people = RadioField(
        _l("For how many people could you be a support contact?"),
        choices=PEOPLE,
        validators=[InputRequired(_l("Choose how many people"))],
    )


class OtherForm(PortalForm):
    other = TextAreaField(
        _l("Anything else you want us to know? (optional)"),
        filters=[strip],
        validators=[Optional(), Length(max=2000, message=_l("The text can be at most 2000 characters"))],
    )
    confidentiality = BooleanField(
        _l("I accept the duty of confidentiality, and will sign the declaration when I am engaged"),
        validators=[DataRequired(_l("You must accept the duty of confidentiality to be a support contact"))],
    )
