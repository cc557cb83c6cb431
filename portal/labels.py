"""What the portal's codes are called in plain words, in one place for pages, PDFs, calendar
files and e-mail: a case's statuses, outcomes, deadlines and events, who read what, and what
an authority to act for someone covers."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from .i18n import once_per_language

# What an authority to act for someone lets the holder do (fvl § 12), and for which services.
SCOPES = {
    "apply": _l("Apply for services"),
    "appeal": _l("Appeal decisions"),
    "see_case": _l("See the cases: what was sent, the status, decisions and deadlines"),
    "receive_letters": _l("Receive letters in the cases"),
}
SERVICES = {
    "stottekontakt": _l("Support contact (støttekontakt)"),
    "ledsagerbevis": _l("Companion card (ledsagerbevis)"),
    "bpa": _l("User-directed personal assistance (BPA)"),
}

DEADLINES = {
    "reply": _l("The municipality's answer, or a preliminary reply saying why it takes longer"),
    "appeal": _l("The last day to appeal"),
    "late_appeal": _l("After this day a late appeal cannot be considered"),
    "reapply": _l("Our advice: apply again by this day, so the help can go on without a break"),
    "decision_end": _l("The last day the decision covers"),
    "appeal_reply": _l("The municipality's answer to the appeal, or a preliminary reply saying when to expect one"),
    "appeal_expected": _l("The day the municipality has said it will answer the appeal by"),
}

STATUSES = {
    "submitted": _l("Sent, not yet registered by the municipality"),
    "received": _l("Received by the municipality"),
    "under_assessment": _l("The municipality is assessing the application"),
    "preliminary_reply": _l("The municipality has sent a preliminary reply"),
    "decided": _l("Decided"),
    "appeal_sent": _l("The appeal is sent, not yet registered by the municipality"),
    "appeal_received": _l("The appeal is registered by the municipality"),
    "appeal_under_review": _l("The municipality is reviewing the appeal"),
    "appeal_forwarded": _l("The appeal is sent to the appeal body"),
    "appeal_decided": _l("The appeal is decided"),
    "withdrawn": _l("Withdrawn"),
    "closed": _l("Closed"),
}

OUTCOMES = {"granted": _l("Granted"), "partly_granted": _l("Partly granted"), "refused": _l("Refused")}
APPEAL_OUTCOMES = {
    "allowed": _l("The appeal is allowed: the decision is changed as asked"),
    "partly_allowed": _l("The appeal is partly allowed"),
    "not_allowed": _l("The appeal is not allowed: the decision stands"),
    "dismissed": _l("The appeal is dismissed without being considered"),
}
FORMS = {
    "individual": _l("Individual"),
    "group": _l("In a group"),
    "voluntary_organisation": _l("Through a voluntary organisation"),
}
PER = {"week": _l("per week"), "month": _l("per month")}

EVENTS = {
    "received": _l("Received by the municipality"),
    "assessment_started": _l("Assessment started"),
    "preliminary_reply": _l("Preliminary reply sent"),
    "decision": _l("Decision made"),
    "reasons_requested": _l("Asked for the reasons for the decision"),
    "reasons_given": _l("The reasons for the decision were given"),
    "appeal_sent": _l("Appeal sent"),
    "appeal_received": _l("Appeal registered by the municipality"),
    "appeal_forwarded": _l("Appeal sent to the appeal body"),
    "appeal_decided": _l("Appeal decided"),
    "withdrawn": _l("Application withdrawn"),
    "closed": _l("Case closed"),
}


# The access log in plain words: who read, and what (portal.services.access_log).
READERS = {
    "representative": _l("Someone who acts for you"),
    "caseworker": _l("A caseworker at the municipality"),
    "ombud": _l("The patient and user ombud"),
    "system": _l("The municipality's case-management system"),
}
READS = {
    "draft.view": _l("Opened an application being written for you"),
    "draft.change": _l("Changed an application being written for you"),
    "draft.send": _l("Sent an application for you"),
    "submission.view": _l("Opened an application or appeal"),
    "submission.pdf": _l("Downloaded an application or appeal as PDF"),
    "submission.archive_package": _l("Fetched an application or appeal to file it in the archive"),
    "attachment.download": _l("Downloaded an attachment"),
    "case.view": _l("Opened the case"),
    "case.list": _l("Saw the case in a list"),
    "case.calendar": _l("Downloaded the deadlines"),
    "case.decision_letter": _l("Opened the decision letter"),
    "case.event": _l("Recorded something in the case"),
    "case.match": _l("Looked for a support contact for you"),
    "volunteer.report": _l("Read a report from your support contact"),
    "volunteer.view": _l("Opened your application to be a support contact"),
    "volunteer.certificate": _l("Opened your police certificate"),
    "volunteer.receipt": _l("Opened a receipt you handed in with a timesheet"),
    "authority.view": _l("Checked an authority to act for you"),
    "authority.document": _l("Opened the document of an authority to act for you"),
}


GROUPS = {
    "deadlines": DEADLINES,
    "statuses": STATUSES,
    "outcomes": OUTCOMES,
    "appeal_outcomes": APPEAL_OUTCOMES,
    "forms": FORMS,
    "per": PER,
    "events": EVENTS,
    "readers": READERS,
    "reads": READS,
}


@once_per_language
def translated() -> dict[str, dict[str, Markup]]:
    """Every group of labels in the reader's language: `translated()["statuses"][code]`."""
    # As a lazy string is shown (its __html__ is the translated text, trusted as the
    # catalogue is), looked up once per language and worker rather than once per row.
    return {group: {code: Markup(str(text)) for code, text in texts.items()} for group, texts in GROUPS.items()}


def case_labels() -> dict:
    """For templates: `case_labels.statuses[...]` and the rest, in the reader's language."""
    return {"case_labels": translated()}
