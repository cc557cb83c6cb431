"""Every form is cleaned at the edge (portal.forms): each form class of the portal is built on
its base, so no text field keeps a bidi override, a NUL or another control character; every
field for a person's name refuses digits (an identity number typed there broke the outbox);
and a password is taken exactly as typed."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from wtforms import Form, PasswordField, StringField

import portal
from portal.fields import person_name
from portal.forms import PortalForm, PortalSubform, TextCleaner, is_cleaned


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def portal_forms() -> list[type[Form]]:
    """Every form class defined anywhere in the portal package."""
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(module.name)
    return sorted(
        {c for c in _subclasses(Form) if c.__module__.startswith("portal.") and c.__module__ != "portal.forms"},
        key=lambda c: f"{c.__module__}.{c.__qualname__}",
    )


def test_every_form_of_the_portal_is_built_on_the_base_that_cleans_text():
    forms = portal_forms()
    assert len(forms) > 40  # the walk found the forms
    assert [f"{c.__module__}.{c.__qualname__}" for c in forms if not issubclass(c, PortalForm | PortalSubform)] == []


def _fields(form):
    for field in form:
        if hasattr(field, "entries"):  # a FieldList of FormFields: each line's own fields
            for entry in field.entries:
                yield from _fields(entry.form)
        else:
            yield field


@pytest.mark.parametrize("form_class", portal_forms(), ids=lambda c: c.__qualname__)
def test_every_text_field_is_cleaned_first_and_no_password_is(app, form_class):
    with app.test_request_context():
        form = form_class()
        fields = list(_fields(form))
    for field in fields:
        cleaned = bool(field.filters) and isinstance(field.filters[0], TextCleaner)
        if isinstance(field, PasswordField):
            assert not cleaned, field.name
        elif isinstance(field, StringField):
            assert is_cleaned(field) and cleaned, field.name


def _is_name(field) -> bool:
    return isinstance(field, StringField) and (field.short_name == "full_name" or field.short_name.endswith("_name"))


@pytest.mark.parametrize("form_class", portal_forms(), ids=lambda c: c.__qualname__)
def test_every_field_for_a_persons_name_refuses_digits(app, form_class):
    with app.test_request_context():
        names = [field for field in _fields(form_class()) if _is_name(field)]
    assert [field.name for field in names if person_name not in field.validators] == []


def test_the_walk_sees_the_name_fields(app):
    found = set()
    with app.test_request_context():
        for form_class in portal_forms():
            found |= {f"{form_class.__qualname__}.{f.name}" for f in _fields(form_class()) if _is_name(f)}
    assert {
        "PersonForm.full_name",
        "RepresentativeForm.full_name",
        "SupervisorForm.supervisor_name",
        "AboutVolunteerForm.full_name",
        "ParentForm.representative_name",
        "ParentForm.child_name",
        "FullmaktForm.person_name",
        "VergeForm.person_name",
    } <= found
