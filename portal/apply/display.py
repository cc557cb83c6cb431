"""How an answer reads on the check page and in the copy of the application."""
from flask import Flask
from flask_babel import gettext as _


def init_app(app: Flask) -> None:
    app.add_template_filter(answer, "answer")
    app.add_template_filter(file_size, "file_size")


def answer(field) -> str:
    kind = field.type
    data = field.data
    if kind == "BooleanField":
        return _("Yes") if data else _("No")
    if data in (None, "", []):
        return _("Not answered")
    labels = {choice.value: choice.label for choice in getattr(field, "choices", None) or ()}
    if kind == "RadioField":
        return str(labels.get(data, data))
    if kind == "MultiCheckboxField":
        return ", ".join(str(labels.get(code, code)) for code in data)
    return str(data)


def file_size(size: int) -> str:
    from ..rules.files import display_size

    return display_size(size)
