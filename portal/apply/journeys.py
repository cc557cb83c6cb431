"""The application journeys: which pages each service asks, in order, sharing one engine. A
table of steps; who a draft is for, which tailors it, comes from portal.services.applying."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from flask_babel import lazy_gettext as _l

from ..rules.authority import child_must_be_heard
from ..rules.identity import age_from_number
from ..services.applying import ApplyingFor, applying_for
from . import forms, volunteer_forms


def base_journey(kind: str, service: str) -> Journey:
    """An application's journey for its service, the appeal's (which asks what it may change
    in a decision on that service), or the volunteer's."""
    if kind == "appeal":
        return APPEALS.get(service, APPEAL)
    return VOLUNTEER if kind == "volunteer" else JOURNEYS[service]


def journey_of(draft, today: date) -> Journey:
    """The pages this draft asks, tailored to who it is for."""
    return base_journey(draft.kind, draft.service).tailored(applying_for(draft, today))


@dataclass(frozen=True)
class Step:
    key: str
    title: object  # lazy string: the page heading and the check-page section
    form: type
    # For the attachments page: which kinds of document it asks for (code, label).
    kinds: tuple = ()
    # The heading when someone applies for another person.
    title_for_other: object = None
    # Asked only when this says so; always asked when None.
    shown: Callable[[ApplyingFor], bool] | None = None

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

    def resume_at(self, answers: dict) -> Step | None:
        """Where to go on with a draft: the page left half typed, else the first not answered
        (None: every page is answered, so the check page)."""
        typed = answers.get("_typed") or {}
        return next((s for s in self.steps if s.key in typed), None) or self.first_unanswered(answers)

    def tailored(self, who: ApplyingFor) -> Journey:
        """The pages this draft asks, headed for who it is for."""
        steps = tuple(
            replace(s, title=s.title_for_other) if who.someone_else and s.title_for_other else s
            for s in self.steps
            if s.shown is None or s.shown(who)
        )
        return replace(self, steps=steps)

    def as_sent(self, document: dict) -> Journey:
        """The pages a sent document answered, headed as they were when it was sent."""
        who = ApplyingFor(basis=(document.get("representation") or {}).get("basis"))
        answered = document.get("answers") or {}
        steps = tuple(
            replace(s, title=s.title_for_other) if who.someone_else and s.title_for_other else s
            for s in self.steps
            if s.key in answered or s.is_attachments
        )
        return replace(self, steps=steps)


PERSON = Step("person", _l("About you"), forms.PersonForm, title_for_other=_l("About the person you apply for"))
# For someone else: who applies, and, for a child of 7 to 15, whether the child was heard
# (pbrl § 4-4), asked of a parent or a guardian alike.
REPRESENTATIVE = Step(
    "representative", _l("About you who apply"), forms.RepresentativeForm, shown=lambda who: who.someone_else
)
CHILD_VIEWS = Step(
    "child_views",
    _l("What the child thinks"),
    forms.ChildViewsForm,
    shown=lambda who: (
        who.basis in ("parent", "verge") and who.person_age is not None and child_must_be_heard(who.person_age)
    ),
)


def _for_a_child(who: ApplyingFor) -> bool:
    """A parent applies, or the person is under 18 (or of an age not known yet)."""
    return who.basis == "parent" or who.person_age is None or who.person_age < 18


JOURNEYS: dict[str, Journey] = {
    j.service: j
    for j in (
        Journey(
            "stottekontakt",
            _l("Apply for a support contact"),
            (
                PERSON,
                REPRESENTATIVE,
                CHILD_VIEWS,
                Step("need", _l("Why you need help"), forms.SupportNeedForm),
                Step("situation", _l("How you live and the help you get"), forms.SituationForm),
                Step("network", _l("Your network"), forms.NetworkForm),
                Step("wishes", _l("Your wishes"), forms.WishesForm),
                Step("consent", _l("Getting information from others"), forms.ConsentForm),
                Step(
                    "attachments",
                    _l("Attachments"),
                    forms.AttachmentForm,
                    kinds=(("supporting", _l("A document that supports the application")),),
                ),
            ),
        ),
        Journey(
            "ledsagerbevis",
            _l("Apply for a companion card"),
            (
                PERSON,
                REPRESENTATIVE,
                CHILD_VIEWS,
                Step("residence", _l("Where you live"), forms.ResidenceForm),
                Step("disability", _l("Your disability or illness"), forms.DisabilityForm),
                Step("companions", _l("Your companions"), forms.CompanionsForm),
                Step(
                    "attachments",
                    _l("Doctor's statement and photo"),
                    forms.AttachmentForm,
                    kinds=(
                        ("doctor_statement", _l("Statement from a doctor or other health professional")),
                        ("photo", _l("Photo for the card")),
                        ("supporting", _l("Another document")),
                    ),
                ),
            ),
        ),
        Journey(
            "bpa",
            _l("Apply for BPA"),
            (
                PERSON,
                REPRESENTATIVE,
                CHILD_VIEWS,
                Step("assistance", _l("The help you need"), forms.AssistanceForm),
                Step("supervisor", _l("Work supervisor"), forms.SupervisorForm),
                # Relief as BPA is for parents of a child under 18 living at home (LEGAL.md).
                Step("family", _l("Family"), forms.FamilyForm, shown=_for_a_child),
                Step(
                    "attachments",
                    _l("Attachments"),
                    forms.AttachmentForm,
                    kinds=(("supporting", _l("A document that supports the application")),),
                ),
            ),
        ),
    )
}


def guidance(service: str, answers: dict, today, step_key: str | None = None) -> list:
    """Municipal practice shown as guidance, never as a block (LEGAL.md, "The services"), on
    the page `step_key` (or the check page when None)."""
    notes = []
    age = age_from_number((answers.get("person") or {}).get("national_id") or "", today)
    if service == "ledsagerbevis":
        if age is not None and age < 8:
            notes.append(
                _l(
                    "The municipality usually gives the companion card from the age of 8. "
                    "You can still apply, and we will look at the situation."
                )
            )
        if (answers.get("residence") or {}).get("lives_here") == "no":
            notes.append(
                _l(
                    "The companion card is given by the municipality you live in. You can still "
                    "send the application, and we will help you find the right place."
                )
            )
        return notes
    if service == "bpa":
        # Someone granted BPA under the right before 67 keeps it after 67 (pbrl § 2-1 d, since
        # 1 July 2020): asked, never refused.
        # Once, on the page where the reader can answer it.
        if age is not None and age >= 67 and step_key == "assistance":
            notes.append(
                _l(
                    "The right to have help organised as BPA is for people under 67. If you were "
                    "granted BPA under this right before you turned 67, you keep it after 67. Did "
                    "you have BPA before you turned 67? Say so when you describe the help you "
                    "need. You can apply in any case, and we will look at your situation."
                )
            )
        return notes
    if age is not None and age < 10:
        notes.append(
            _l(
                "Children under 10 are rarely granted a support contact, because at that age "
                "parents are usually expected to help. You can still apply, and we will look at "
                "the child's situation."
            )
        )
    if (answers.get("situation") or {}).get("living") == "care_home":
        notes.append(
            _l(
                "People who live in a care home with staff around the clock are rarely granted a "
                "support contact, because the staff usually help with leisure activities. You can "
                "still apply, and we will look at your situation."
            )
        )
    return notes


# An appeal (klage): from a decision in the portal, or one made outside it (fvl §§ 28–32).
APPEAL = Journey(
    "appeal",
    _l("Appeal a decision"),
    (
        Step("decision", _l("The decision you appeal"), forms.AppealDecisionForm, shown=lambda who: who.outside),
        replace(PERSON, shown=lambda who: who.outside),
        REPRESENTATIVE,
        Step("appeal", _l("Your appeal"), forms.AppealForm, title_for_other=_l("The appeal")),
        Step("late", _l("Why the appeal is late"), forms.LateForm, shown=lambda who: who.late),
        Step(
            "attachments",
            _l("Attachments"),
            forms.AttachmentForm,
            kinds=(("supporting", _l("A document that supports the appeal")),),
        ),
    ),
)


APPEALS: dict[str, Journey] = {
    service: replace(APPEAL, steps=tuple(replace(s, form=form) if s.key == "appeal" else s for s in APPEAL.steps))
    for service, form in forms.APPEAL_FORMS.items()
}


# Becoming a støttekontakt: the municipal handbook's form (LEGAL.md, "Volunteers").
VOLUNTEER = Journey(
    "volunteer",
    _l("Apply to become a support contact"),
    (
        Step("about_you", _l("About you"), volunteer_forms.AboutVolunteerForm),
        Step("driving", _l("Car and driving licence"), volunteer_forms.DrivingForm),
        Step("experience", _l("Education and experience"), volunteer_forms.ExperienceForm),
        Step("interests", _l("Interests and hobbies"), volunteer_forms.InterestsForm),
        Step("availability", _l("When, and with whom"), volunteer_forms.AvailabilityForm),
        Step("capacity", _l("How much time you have"), volunteer_forms.CapacityForm),
        Step("other", _l("Anything else, and confidentiality"), volunteer_forms.OtherForm),
    ),
)
