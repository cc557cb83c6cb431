"""The caseworker queue's rows as HTML. A page shows fifty, and Jinja spent some 30 µs on each
(an escape and an attribute look-up for every value, a dictionary look-up for every label):
here the labels are escaped once per language and worker, and a row escapes only its own
reference and address. templates/intake/queue.html holds the table around them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask_babel import gettext as _
from markupsafe import Markup, escape

from .. import labels
from ..i18n import long_date, once_per_language
from ..public.guides import BY_KEY, SERVICE_GUIDES
from ..services.intake import Row


@once_per_language
def _labels() -> dict[str, Markup]:
    texts = {
        "type": _("Type of submission"),
        "sent": _("Sent"),
        "status": _("Status"),
        "attention": _("Needs attention"),
        "appeal": _("Appeal"),
        "volunteer": _("Wants to be a support contact"),
        "application": _("Application"),
        "new": _("New"),
        "received": _("Received"),
        "overdue": _("No answer after a month"),
        "waiting": _("Appeal waiting"),
        "archive": _("Not delivered to the archive"),
        "disputed": _("The person says they did not send this"),
    }
    found = {name: escape(text) for name, text in texts.items()}
    for key in SERVICE_GUIDES:
        title = BY_KEY[key].title
        found[f"appeal {key}"] = escape(f"{texts['appeal']}: {title}")
        found[f"application {key}"] = escape(f"{texts['application']}: {title}")
    return found


def rows_html(rows: Iterable[Row], address_of: Callable[[str], str]) -> Markup:
    """The table's body rows; `address_of(reference)` is the submission's page."""
    label, statuses = _labels(), labels.translated()["statuses"]
    return Markup("\n").join(_row(row, address_of, label, statuses) for row in rows)


def _row(row: Row, address_of: Callable[[str], str], label: dict[str, Markup], statuses: dict[str, Markup]) -> Markup:
    s = row.submission
    if s.kind == "volunteer":
        kind = label["volunteer"]
    else:
        kind = label[f"{'appeal' if s.kind == 'appeal' else 'application'} {s.service}"]
    if s.intake_state == "new":
        status = label["new"]
    else:
        status = statuses[row.case.status] if row.case else label["received"]
    tags = []
    if row.reply_overdue:
        tags.append(f'<span class="ds-tag" data-color="danger">{label["overdue"]}</span>')
    if row.appeal_waiting:
        tags.append(f'<span class="ds-tag" data-color="warning">{label["waiting"]}</span>')
    if row.archive_failed:
        tags.append(f'<span class="ds-tag" data-color="danger">{label["archive"]}</span>')
    if row.disputed:
        tags.append(f'<span class="ds-tag" data-color="danger">{label["disputed"]}</span>')
    return Markup(
        "<tr>"
        f'<th scope="row"><a class="ds-link" href="{escape(address_of(s.reference))}">{escape(s.reference)}</a></th>'
        f'<td data-label="{label["type"]}">{kind}</td>'
        f'<td data-label="{label["sent"]}">{escape(long_date(s.submitted_at))}</td>'
        f'<td data-label="{label["status"]}">{status}</td>'
        f'<td data-label="{label["attention"]}">{" ".join(tags)}</td>'
        "</tr>"
    )
