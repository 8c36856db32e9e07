"""Reading articles: text, Markdown, HTML and JSON Lines files, folders and stdin."""

from .readers import EXTENSIONS, MAX_BYTES, InputFailure, InputItem, read_inputs

__all__ = ["EXTENSIONS", "MAX_BYTES", "InputFailure", "InputItem", "read_inputs"]
