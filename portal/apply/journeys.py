"""The application journeys: which pages each service asks, in order, sharing one engine."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from . import forms


@dataclass(frozen=True)
class Step:
    key: str
    title: object  # lazy string: the page heading and the check-page section
    form: type
    # For the attachments page: which kinds of document it asks for (code, label).
    kinds: tuple = ()

    @property
    def is_attachments(self) -> bool:
        return self.key == "attachments"


@dataclass(frozen=True)
class Journey:
    service: str
    title: object
    steps: tuple[Step, ...]

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    def index(self, key: str) -> int:
        return [s.key for s in self.steps].index(key)

    def next_step(self, key: str) -> Step | None:
        i = self.index(key)
        return self.steps[i + 1] if i + 1 < len(self.steps) else None

    def previous_step(self, key: str) -> Step | None:
        i = self.index(key)
        return self.steps[i - 1] if i > 0 else None

    def first_unanswered(self, answers: dict) -> Step | None:
        return next((s for s in self.steps if s.key not in answers), None)


PERSON = Step("person", _l("About you"), forms.PersonForm)

JOURNEYS: dict[str, Journey] = {
    j.service: j
    for j in (
        Journey("stottekontakt", _l("Apply for a support contact"), (
            PERSON,
            Step("need", _l("Why you need help"), forms.SupportNeedForm),
            Step("situation", _l("How you live and the help you get"), forms.SituationForm),
            Step("network", _l("Your network"), forms.NetworkForm),
            Step("wishes", _l("Your wishes"), forms.WishesForm),
            Step("consent", _l("Getting information from others"), forms.ConsentForm),
            Step("attachments", _l("Attachments"), forms.AttachmentForm,
                 kinds=(("supporting", _l("A document that supports the application")),)),
        )),
        Journey("ledsagerbevis", _l("Apply for a companion card"), (
            PERSON,
            Step("residence", _l("Where you live"), forms.ResidenceForm),
            Step("disability", _l("Your disability or illness"), forms.DisabilityForm),
            Step("companions", _l("Your companions"), forms.CompanionsForm),
            Step("attachments", _l("Doctor's statement and photo"), forms.AttachmentForm, kinds=(
                ("doctor_statement", _l("Statement from a doctor or other health professional")),
                ("photo", _l("Photo for the card")),
                ("supporting", _l("Another document")),
            )),
        )),
        Journey("bpa", _l("Apply for BPA"), (
            PERSON,
            Step("assistance", _l("The help you need"), forms.AssistanceForm),
            Step("supervisor", _l("Work supervisor"), forms.SupervisorForm),
            Step("family", _l("Family"), forms.FamilyForm),
            Step("attachments", _l("Attachments"), forms.AttachmentForm,
                 kinds=(("supporting", _l("A document that supports the application")),)),
        )),
    )
}


def guidance(service: str, answers: dict, today) -> list:
    """Municipal practice shown as guidance, never as a block (LEGAL.md, "The services")."""
    from ..rules.identity import age_on

    notes = []
    age = age_on((answers.get("person") or {}).get("national_id") or "", today)
    if service == "ledsagerbevis":
        if age is not None and age < 8:
            notes.append(_l("The municipality usually gives the companion card from the age of 8. "
                            "You can still apply, and we will look at the situation."))
        if (answers.get("residence") or {}).get("lives_here") == "no":
            notes.append(_l("The companion card is given by the municipality you live in. You can still "
                            "send the application, and we will help you find the right place."))
        return notes
    if service == "bpa":
        if age is not None and age >= 67:
            notes.append(_l("The right to have help organised as BPA applies to people under 67. You can "
                            "still apply, and we will look at your situation."))
        return notes
    if age is not None and age < 10:
        notes.append(_l("Children under 10 are rarely granted a support contact, because at that age "
                        "parents are usually expected to help. You can still apply, and we will look at "
                        "the child's situation."))
    if (answers.get("situation") or {}).get("living") == "care_home":
        notes.append(_l("People who live in a care home with staff around the clock are rarely granted a "
                        "support contact, because the staff usually help with leisure activities. You can "
                        "still apply, and we will look at your situation."))
    return notes
