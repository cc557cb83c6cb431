"""How an answer reads on the check page and in the copy of the application."""
from flask_babel import gettext as _

from . import bp


@bp.app_template_filter("answer")
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


@bp.app_template_filter("file_size")
def file_size(size: int) -> str:
    from ..rules.files import display_size

    return display_size(size)
