"""spaCy components of realpolitik; importing this package registers them."""

from . import extensions, factories  # noqa: F401
