"""The portal's data, one module per aggregate. Import them here so Alembic sees them all."""

from .access_log import AccessLogEntry
from .account import Account
from .api_token import ApiRegistration, ApiToken
from .application import Draft, ReferenceCounter, Submission
from .archive import ArchiveDelivery
from .attachment import Attachment
from .authority import Authority
from .case import Case, CaseEvent
from .dispute import SubmissionDispute
from .kept_form import KeptForm
from .login_session import LoginSession
from .notice import Notice
from .outbox import OutboxMessage
from .person import Person
from .volunteer import Assignment, Volunteer, VolunteerEvent, VolunteerReport

__all__ = [
    "AccessLogEntry",
    "Account",
    "ApiRegistration",
    "ApiToken",
    "ArchiveDelivery",
    "Assignment",
    "Attachment",
    "Authority",
    "Case",
    "CaseEvent",
    "Draft",
    "KeptForm",
    "LoginSession",
    "Notice",
    "OutboxMessage",
    "Person",
    "ReferenceCounter",
    "Submission",
    "SubmissionDispute",
    "Volunteer",
    "VolunteerEvent",
    "VolunteerReport",
]
