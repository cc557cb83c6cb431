"""The portal's data, one module per aggregate. Import them here so Alembic sees them all."""
from .account import Account
from .application import Draft, ReferenceCounter, Submission
from .attachment import Attachment
from .notice import Notice
from .outbox import OutboxMessage

__all__ = ["Account", "Attachment", "Draft", "Notice", "OutboxMessage", "ReferenceCounter", "Submission"]
