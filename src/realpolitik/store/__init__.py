"""Storage of analyses: SQLite by default, PostgreSQL by URL, through SQLAlchemy Core."""

from .db import ENV_VAR, Store, StoreError, default_path, resolve_url
from .migrations import current_version, migrate

__all__ = ["ENV_VAR", "Store", "StoreError", "current_version", "default_path", "migrate", "resolve_url"]
