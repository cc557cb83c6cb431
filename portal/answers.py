"""How the answers on each page of an application read, one question a row: the same on the
check page, on the caseworker's page and in the PDF copy. Read from the page's form class
without binding a form for each page shown: the form is bound once per process to learn its
questions, and their labels are translated once per language."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from functools import cache

from flask_babel import gettext as _
from wtforms.utils import unset_value

from .i18n import once_per_language


@dataclass(frozen=True)
class Answer:
    id: str  # the question's field on its page, for the check page's "Change" link
    label: str
    text: str


@dataclass(frozen=True)
class _Words:
    """A form's labels in one language."""

    labels: dict[str, str]
    choices: dict[str, dict[str, str]]


@cache
def _questions(form_class) -> tuple:
    """The form's fields, bound once with nothing in them (no request, no CSRF token): only
    ever copied, never changed. Their labels are lazy texts, so they serve every language."""
    form = form_class(formdata=None, meta={"csrf": False})
    return tuple(field for name, field in form._fields.items() if name != "csrf_token")


@once_per_language
def _words_by_form() -> dict:
    return {}


def _words(form_class) -> _Words:
    kept = _words_by_form()
    words = kept.get(form_class)
    if words is None:
        fields = _questions(form_class)
        kept[form_class] = words = _Words(
            labels={field.name: str(field.label.text) for field in fields},
            choices={
                field.name: {choice.value: str(choice.label) for choice in getattr(field, "choices", None) or ()}
                for field in fields
            },
        )
    return words


def _data(field, answers: dict):
    """The field's data for the stored answers, as binding the form with them gives it
    (WTForms' Field.process with no form data: the default for a question not answered,
    process_data, then the filters), worked out on a copy of the bound field."""
    shown = object.__new__(type(field))
    shown.__dict__.update(field.__dict__)
    # A filter that keeps its field (the portal's text cleaner notes a NUL on it) gets the copy.
    shown.filters = tuple(_given(f, field, shown) for f in field.filters)
    shown.process(None, answers.get(field.name, unset_value))
    return shown.data


def _given(check, field, shown):
    if getattr(check, "field", None) is not field:
        return check
    mine = copy(check)
    mine.field = shown
    return mine


def rows(form_class, answers: dict) -> list[Answer]:
    """The questions of the page to show with their answers: not a question that did not
    apply (the form's `asked_when`)."""
    fields = _questions(form_class)
    data = {field.name: _data(field, answers) for field in fields}
    asked_when = getattr(form_class, "asked_when", {})
    words = _words(form_class)
    return [
        Answer(field.id, words.labels[field.name], _text(field.type, data[field.name], words.choices[field.name]))
        for field in fields
        if field.name not in asked_when or data[asked_when[field.name][0]] == asked_when[field.name][1]
    ]


def _text(kind: str, data, labels: dict[str, str]) -> str:
    if kind == "BooleanField":
        return _("Yes") if data else _("No")
    if data in (None, "", []):
        return _("Not answered")
    if kind == "RadioField":
        return str(labels.get(data, data))
    if kind == "MultiCheckboxField":
        return ", ".join(str(labels.get(code, code)) for code in data)
    return str(data)
