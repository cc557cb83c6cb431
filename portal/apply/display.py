"""Template filters for what an application holds: file sizes and a volunteer's codes in words
(the answers themselves read as portal.answers writes them)."""

from flask import Flask

from ..rules.files import display_size
from ..rules.volunteers import certificate_valid_until
from . import volunteer_forms as vf


def init_app(app: Flask) -> None:

    app.add_template_filter(file_size, "file_size")
    # A volunteer's codes in words, wherever they are shown.
    for name, table in (
        ("volunteer_time", vf.TIMES),
        ("volunteer_group", vf.GROUPS),
        ("volunteer_interest", vf.INTERESTS),
    ):
        app.add_template_filter(_label_of(table), name)

    app.add_template_filter(certificate_valid_until, "certificate_until")

    @app.context_processor
    def volunteer_labels():
        return {"volunteer_labels": {"states": dict((c.value, c.label) for c in vf.STATES)}}


def _label_of(table):
    labels = {choice.value: choice.label for choice in table}
    return lambda code: str(labels.get(code, code))


def file_size(size: int) -> str:

    return display_size(size)
