"""The portal's data, one module per aggregate. Import them here so Alembic sees them all."""
from .notice import Notice
from .outbox import OutboxMessage

__all__ = ["Notice", "OutboxMessage"]
