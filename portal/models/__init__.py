"""The portal's data, one module per aggregate. Import them here so Alembic sees them all."""
from .account import Account
from .notice import Notice
from .outbox import OutboxMessage

__all__ = ["Account", "Notice", "OutboxMessage"]
