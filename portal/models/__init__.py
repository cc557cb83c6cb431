"""The portal's data, one module per aggregate. Import them here so Alembic sees them all."""
from .notice import Notice

__all__ = ["Notice"]
