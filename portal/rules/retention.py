"""How long the portal keeps what nobody needs any more: the periods the privacy statement
promises (templates/public/guides/privacy.html), so that personal data is not kept longer
than its purpose needs (GDPR art. 5 nr. 1 bokstav e). What is sent stays: it is part of a
case, which the municipality's archive rules govern."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .clock import OSLO, local_day

# A draft nobody has saved for this long is deleted, with the files added to it.
DRAFT_UNUSED = timedelta(days=90)
# A request for a fullmakt that nobody answered is kept this long after it ran out, so that
# both sides see it ran out (and why nothing happened), then deleted.
UNANSWERED_REQUEST_KEPT = timedelta(days=90)
# The row of a log-in is kept this long after the log-in ended, so that misuse someone
# reports soon after can be looked into, then deleted.
ENDED_LOGIN_KEPT = timedelta(days=30)
# What was posted to a page after its log-in had ended waits this long for the person to log in
# again (portal.kept_forms): long enough to find the password, short for what nobody came back to.
FORM_KEPT_AFTER_LOG_IN = timedelta(hours=2)
# A file kept on a page that came back with an error (portal.services.kept_files) and never
# sent with it is deleted after this long: the page it was for has long been left.
KEPT_FILE_UNUSED = timedelta(days=1)


@dataclass(frozen=True)
class Cutoffs:
    """What is older than these moments goes."""

    draft_saved_before: datetime
    request_expired_before: datetime
    login_ended_before: datetime
    form_kept_before: datetime
    kept_file_before: datetime


def draft_kept_until(saved_on: date) -> date:
    """The last day, in Oslo, a draft last saved on `saved_on` is kept: the day the person is
    told, and the day purge keeps it through (whatever the hour it was saved, or the clocks'
    change between)."""
    return saved_on + DRAFT_UNUSED


def cutoffs(now: datetime) -> Cutoffs:
    # A draft saved on a day before this one has had its last kept day (draft_kept_until).
    first_day_kept = local_day(now) - DRAFT_UNUSED
    return Cutoffs(
        draft_saved_before=datetime.combine(first_day_kept, time(0), tzinfo=OSLO),
        request_expired_before=now - UNANSWERED_REQUEST_KEPT,
        login_ended_before=now - ENDED_LOGIN_KEPT,
        form_kept_before=now - FORM_KEPT_AFTER_LOG_IN,
        kept_file_before=now - KEPT_FILE_UNUSED,
    )
