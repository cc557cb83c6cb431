"""The questions of the application journeys, one small form per page.

Every message on a validator says how to fix the answer. Forms hold only plain
values (text, numbers, lists of codes) so a draft can store them as JSON.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..fields import (
    YES_NO,
    DayField,
    ExpectedNumber,
    HoursField,
    MultiCheckboxField,
    choices,
    city_field,
    national_id_valid,
    norwegian_phone,
    person_name,
    postcode_field,
    required_if,
    street_address_field,
    strip as _strip,
)
from ..forms import PortalForm
from ..rules.clock import today
from ..rules.identity import age_from_number


class PersonForm(ExpectedNumber, PortalForm):
    full_name = StringField(
        _l("Full name"),
        render_kw={"autocomplete": "name"},
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter the full name")),
            person_name,
        ],
    )
    national_id = StringField(
        _l("Identity number (fødselsnummer or D-number)"),
        filters=[_strip],
        description=_l("11 digits"),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
        validators=[national_id_valid],
    )
    street_address = street_address_field()
    postcode = postcode_field()
    city = city_field()
    phone = StringField(
        _l("Phone number"),
        description=_l("8 digits. For a child under 18, a parent's number will do, or you can leave it empty."),
        render_kw={"autocomplete": "tel", "type": "tel"},
        filters=[_strip],
    )
    email = EmailField(
        _l("E-mail address (optional)"),
        render_kw={"autocomplete": "email"},
        filters=[_strip],
        validators=[
            Optional(),
            Email(_l("Enter an e-mail address in the right format, like name@example.no"), check_deliverability=False),
        ],
    )
    preferred_language = RadioField(
        _l("Which language do you prefer when we talk to you?"),
        choices=choices(("nb", _l("Norwegian")), ("en", _l("English")), ("other", _l("Another language"))),
        validators=[InputRequired(_l("Choose a language"))],
    )
    other_language = StringField(
        _l("Which language?"),
        filters=[_strip],
        description=_l("Only if you chose another language."),
        validators=[
            required_if("preferred_language", "other", _l("Enter the language you prefer")),
            Length(max=100, message=_l("The language can be at most 100 characters")),
        ],
    )
    interpreter = RadioField(
        _l("Do you need an interpreter?"),
        choices=YES_NO,
        validators=[InputRequired(_l("Answer whether you need an interpreter"))],
    )
    interpreter_language = StringField(
        _l("Which language should the interpreter speak?"),
        filters=[_strip],
        description=_l("Only if you need an interpreter. Sign language is a language too."),
        validators=[
            required_if("interpreter", "yes", _l("Enter the language the interpreter should speak")),
            Length(max=100, message=_l("The language can be at most 100 characters")),
        ],
    )

    asked_when = {"other_language": ("preferred_language", "other"), "interpreter_language": ("interpreter", "yes")}

    def validate_phone(self, field):
        """A child need not have a phone of their own: we reach them through a parent."""
        age = age_from_number(self.national_id.data or "", today())
        if not field.data and age is not None and age < 18:
            return
        norwegian_phone(self, field)


RELATIONS = choices(
    ("parent", _l("Parent")),
    ("guardian", _l("Guardian (verge)")),
    ("family", _l("Other family")),
    ("friend", _l("Friend or someone else close")),
    ("organisation", _l("Someone from an organisation")),
    ("other", _l("Other")),
)


class RepresentativeForm(PortalForm):
    """The one who applies for someone else: letters go to them as well (fvl § 12)."""

    full_name = StringField(
        _l("Your full name"),
        render_kw={"autocomplete": "name"},
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter your full name")),
            person_name,
        ],
    )
    phone = StringField(
        _l("Your phone number"),
        description=_l("8 digits"),
        render_kw={"autocomplete": "tel", "type": "tel"},
        filters=[_strip],
        validators=[norwegian_phone],
    )
    email = EmailField(
        _l("Your e-mail address"),
        description=_l("So we can reach you about the application."),
        render_kw={"autocomplete": "email"},
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter your e-mail address")),
            Email(_l("Enter an e-mail address in the right format, like name@example.no"), check_deliverability=False),
        ],
    )
    relation = RadioField(
        _l("How are you related to the person you apply for?"),
        choices=RELATIONS,
        validators=[InputRequired(_l("Choose how you are related"))],
    )


class ChildViewsForm(PortalForm):
    """pbrl § 4-4: a child of 7 or more is heard, and from 12 their views carry great weight."""

    heard = RadioField(
        _l("Have you talked with the child about this application?"),
        choices=YES_NO,
        validators=[InputRequired(_l("Answer whether you have talked with the child"))],
    )
    views = TextAreaField(
        _l("How did you talk about it, and what does the child think?"),
        filters=[_strip],
        description=_l("Only if you have talked with the child."),
        validators=[
            required_if("heard", "yes", _l("Write how you talked about it, and what the child thinks")),
            Length(max=2000, message=_l("The text can be at most 2000 characters")),
        ],
    )
    why_not = TextAreaField(
        _l("Why have you not talked with the child?"),
        filters=[_strip],
        description=_l(
            "Only if you have not talked with the child. We will then talk with the child ourselves if we can."
        ),
        validators=[
            required_if("heard", "no", _l("Write why you have not talked with the child")),
            Length(max=2000, message=_l("The text can be at most 2000 characters")),
        ],
    )


NEED_GROUPS = choices(
    ("physical", _l("Physical disability or long-term illness")),
    ("intellectual", _l("Intellectual disability or developmental disorder")),
    ("mental_health", _l("Mental health problems")),
    ("substance_use", _l("Substance use problems")),
    ("social", _l("Loneliness, isolation or a difficult life situation")),
)


class SupportNeedForm(PortalForm):
    groups = MultiCheckboxField(
        _l("What is the reason you need help? Choose all that fit."),
        choices=NEED_GROUPS,
        validators=[DataRequired(_l("Choose at least one reason"))],
    )
    description = TextAreaField(
        _l("Describe what is hard for you, and what help you need to take part in leisure activities"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Describe what help you need")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )


LIVING = choices(
    ("alone", _l("I live alone")),
    ("family", _l("I live with family or others")),
    ("supported", _l("I live in a home with some staff support")),
    ("care_home", _l("I live in a care home with staff around the clock")),
    ("other", _l("Other")),
)


class SituationForm(PortalForm):
    living = RadioField(_l("How do you live?"), choices=LIVING, validators=[InputRequired(_l("Choose how you live"))])
    current_services = TextAreaField(
        _l("What help do you get today? (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=2000, message=_l("The text can be at most 2000 characters"))],
    )


class NetworkForm(PortalForm):
    network = TextAreaField(
        _l("Who do you spend time with today?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Tell us who you spend time with, or write that you have nobody")),
            Length(max=2000, message=_l("The text can be at most 2000 characters")),
        ],
    )


FORMS_OF_SUPPORT = choices(
    ("individual", _l("Individual: one support contact for me")),
    ("group", _l("In a group with others")),
    ("voluntary_organisation", _l("Through a voluntary organisation")),
    ("no_preference", _l("No preference")),
)


class WishesForm(PortalForm):
    form_of_support = RadioField(
        _l("How would you like to get support?"),
        choices=FORMS_OF_SUPPORT,
        validators=[InputRequired(_l("Choose how you would like to get support"))],
    )
    interests = TextAreaField(
        _l("What do you like to do, or would like to try?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Tell us what you like to do or would like to try")),
            Length(max=2000, message=_l("The text can be at most 2000 characters")),
        ],
    )
    when = StringField(
        _l("When would suit you? (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=200, message=_l("The text can be at most 200 characters"))],
    )
    preferences = TextAreaField(
        _l("Wishes for the support contact, such as age or gender (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=1000, message=_l("The text can be at most 1000 characters"))],
    )
    hours = HoursField(
        _l("How many hours would you like? (optional)"),
        render_kw={"inputmode": "numeric"},
        description=_l("The municipality decides the number of hours after talking with you."),
        validators=[Optional(), NumberRange(min=1, max=60, message=_l("Enter a number of hours from 1 to 60"))],
    )
    per = RadioField(
        _l("Per week or per month?"),
        choices=choices(("week", _l("Per week")), ("month", _l("Per month"))),
        validators=[Optional()],
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        # `per` is optional on its own (Optional() ends its validation), but not with hours.
        if self.hours.data and not self.per.data:
            self.per.errors = [*self.per.errors, _l("Choose whether the hours are per week or per month")]
            valid = False
        return valid


CONSENT_SOURCES = choices(
    ("gp", _l("My GP (fastlege)")),
    ("specialist", _l("The specialist health service, such as a hospital or a mental health clinic")),
    ("school", _l("School or kindergarten")),
    ("nav", _l("NAV")),
    ("municipal_services", _l("Other health and care services in the municipality")),
)


class ConsentForm(PortalForm):
    sources = MultiCheckboxField(
        _l("Who may we get information from? (optional)"), choices=CONSENT_SOURCES, validators=[Optional()]
    )
    other_source = StringField(
        _l("Anyone else? Write the name (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=200, message=_l("The text can be at most 200 characters"))],
    )


class ResidenceForm(PortalForm):
    lives_here = RadioField(
        _l("Do you live in the municipality?"),
        choices=YES_NO,
        validators=[InputRequired(_l("Answer whether you live in the municipality"))],
    )


LASTING = choices(("yes", _l("Yes")), ("no", _l("No")), ("unsure", _l("I do not know")))


class DisabilityForm(PortalForm):
    description = TextAreaField(
        _l("Describe the disability or illness, and how it makes you need a companion"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Describe the disability or illness")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )
    lasting = RadioField(
        _l("Is it expected to last at least two to three years?"),
        choices=LASTING,
        validators=[InputRequired(_l("Answer whether it is expected to last at least two to three years"))],
    )


class CompanionsForm(PortalForm):
    companions = TextAreaField(
        _l("Who will usually come with you? (optional)"),
        filters=[_strip],
        description=_l(
            "The card is for you, so any companion can use it. You may name the people who usually come with you."
        ),
        validators=[Optional(), Length(max=1000, message=_l("The text can be at most 1000 characters"))],
    )
    why = TextAreaField(
        _l("What do you need a companion for?"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Tell us what you need a companion for")),
            Length(max=2000, message=_l("The text can be at most 2000 characters")),
        ],
    )


ASSISTANCE_AREAS = choices(
    ("practical", _l("Practical help at home")),
    ("personal_care", _l("Personal care")),
    ("leisure", _l("Leisure and social life")),
    ("work_education", _l("Work or education")),
)


class AssistanceForm(PortalForm):
    hours_per_week = HoursField(
        _l("About how many hours of help a week do you need?"),
        render_kw={"inputmode": "numeric"},
        validators=[
            InputRequired(_l("Enter about how many hours a week you need help")),
            NumberRange(min=1, max=168, message=_l("Enter a number of hours from 1 to 168")),
        ],
    )
    areas = MultiCheckboxField(
        _l("What do you need help with? Choose all that fit."),
        choices=ASSISTANCE_AREAS,
        validators=[DataRequired(_l("Choose at least one thing you need help with"))],
    )
    description = TextAreaField(
        _l("Describe a normal day and the help you need"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Describe the help you need")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )


class SupervisorForm(PortalForm):
    supervisor = RadioField(
        _l("Who will be work supervisor (arbeidsleder)?"),
        choices=choices(("self", _l("I will")), ("someone", _l("Someone else will do it for me"))),
        validators=[InputRequired(_l("Choose who will be work supervisor"))],
    )
    supervisor_name = StringField(
        _l("Name of the work supervisor"),
        filters=[_strip],
        validators=[
            required_if("supervisor", "someone", _l("Enter the name of the work supervisor")),
            person_name,
        ],
    )
    supervisor_relation = StringField(
        _l("How are you related? (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=100, message=_l("The text can be at most 100 characters"))],
    )


class FamilyForm(PortalForm):
    disabled_child = RadioField(
        _l("Is the application for a child with a disability in your family?"),
        choices=YES_NO,
        validators=[InputRequired(_l("Answer whether the application is for a child in your family"))],
    )


class AttachmentForm(PortalForm):
    file = FileField(
        _l("Choose a file"),
        description=_l("PDF, JPG or PNG, at most 10 MB."),
        validators=[FileRequired(_l("Choose a file to add"))],
    )
    kind = RadioField(_l("What is the file?"), validators=[InputRequired(_l("Choose what the file is"))])


class DeclarationForm(PortalForm):
    correct = BooleanField(
        _l("I confirm that the information I have given is correct"),
        validators=[DataRequired(_l("Confirm that the information is correct before you send"))],
    )


class ForWhomForm(PortalForm):
    """Who the application is for. The choices are set by the page: the account itself,
    each person it may apply for, and someone new."""

    who = RadioField(
        _l("Who is the application for?"), validators=[InputRequired(_l("Choose who the application is for"))]
    )


class ChooseServiceForm(PortalForm):
    service = RadioField(
        _l("What do you want to apply for?"),
        choices=choices(
            ("stottekontakt", _l("Support contact (støttekontakt)")),
            ("ledsagerbevis", _l("Companion card (ledsagerbevis)")),
            ("bpa", _l("User-directed personal assistance (BPA)")),
        ),
        validators=[InputRequired(_l("Choose what you want to apply for"))],
    )


# -- Appeals (klage) -------------------------------------------------------------------------

# What can be appealed differs by service: a companion card has no hours and no form of
# service, and BPA is about how the help is organised, not groups.
APPEAL_REFUSAL = ("refusal", _l("That the application was refused"))
APPEAL_OTHER = ("other", _l("Something else in the decision, such as the period it covers"))
APPEAL_POINTS = choices(
    APPEAL_REFUSAL,
    ("hours", _l("The number of hours")),
    ("form", _l("The form of the service, for example a group instead of one to one")),
    APPEAL_OTHER,
)
BPA_APPEAL_POINTS = choices(
    APPEAL_REFUSAL,
    ("hours", _l("The number of hours")),
    ("form", _l("How the help is organised, for example that you got other services instead of BPA")),
    APPEAL_OTHER,
)
COMPANION_CARD_APPEAL_POINTS = choices(
    APPEAL_REFUSAL,
    ("companions", _l("How many companions the card covers")),
    ("other", _l("Something else in the decision, such as how long the card is valid")),
)


class AppealDecisionForm(PortalForm):
    """A decision made outside the portal: enough to find it and to count the deadline."""

    case_number = StringField(
        _l("The decision's reference or case number"),
        filters=[_strip],
        description=_l("It is at the top of the decision letter, like 26/1234."),
        validators=[
            DataRequired(_l("Enter the reference or case number from the decision letter")),
            Length(max=40, message=_l("The reference can be at most 40 characters")),
        ],
    )
    decided_on = DayField(
        _l("The date of the decision"),
        filters=[_strip],
        render_kw={"inputmode": "numeric"},
        description=_l("As in the letter, like 20.11.2026."),
        validators=[DataRequired(_l("Enter the date of the decision"))],
    )
    received_on = DayField(
        _l("The day the letter reached you (optional)"),
        filters=[_strip],
        render_kw={"inputmode": "numeric"},
        description=_l("The deadline to appeal counts from this day. If you do not know it, leave it empty."),
        validators=[Optional()],
    )

    def validate_received_on(self, field):
        if field.day and self.decided_on.day and field.day < self.decided_on.day:
            raise ValidationError(
                _l("The letter cannot have reached you before the decision was made. Check the dates")
            )


class AppealForm(PortalForm):
    points = MultiCheckboxField(
        _l("What do you disagree with? Choose all that fit."),
        choices=APPEAL_POINTS,
        validators=[DataRequired(_l("Choose at least one thing you disagree with"))],
    )
    change = TextAreaField(
        _l("What do you want changed?"),
        filters=[_strip],
        description=_l("For example: I want a support contact, or 6 hours a week instead of 2."),
        validators=[
            DataRequired(_l("Write what you want changed")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )
    why = TextAreaField(
        _l("Why should the decision be changed?"),
        filters=[_strip],
        description=_l("You do not need legal words. Tell us what the decision means for you."),
        validators=[
            DataRequired(_l("Write why you think the decision should be changed")),
            Length(max=6000, message=_l("The text can be at most 6000 characters")),
        ],
    )


class BpaAppealForm(AppealForm):
    points = MultiCheckboxField(
        _l("What do you disagree with? Choose all that fit."),
        choices=BPA_APPEAL_POINTS,
        validators=[DataRequired(_l("Choose at least one thing you disagree with"))],
    )
    change = TextAreaField(
        _l("What do you want changed?"),
        filters=[_strip],
        description=_l("For example: I want BPA, or 35 hours a week instead of 20."),
        validators=[
            DataRequired(_l("Write what you want changed")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )


class CompanionCardAppealForm(AppealForm):
    points = MultiCheckboxField(
        _l("What do you disagree with? Choose all that fit."),
        choices=COMPANION_CARD_APPEAL_POINTS,
        validators=[DataRequired(_l("Choose at least one thing you disagree with"))],
    )
    change = TextAreaField(
        _l("What do you want changed?"),
        filters=[_strip],
        description=_l("For example: I want a companion card, or a card for two companions."),
        validators=[
            DataRequired(_l("Write what you want changed")),
            Length(max=4000, message=_l("The text can be at most 4000 characters")),
        ],
    )


APPEAL_FORMS = {"bpa": BpaAppealForm, "ledsagerbevis": CompanionCardAppealForm}


class LateForm(PortalForm):
    """fvl § 31: a late appeal may be considered when the delay is excusable or for special reasons."""

    why_late = TextAreaField(
        _l("Why is the appeal late?"),
        filters=[_strip],
        description=_l("For example illness, a stay in hospital, or that you did not get the letter."),
        validators=[
            DataRequired(_l("Write why the appeal is late")),
            Length(max=2000, message=_l("The text can be at most 2000 characters")),
        ],
    )
