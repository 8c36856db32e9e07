"""realpolitik: evidence-linked geopolitical actors, events, arms transfers, claims and framing."""

from .about import SCHEMA_ID, __version__
from .pipeline import InputError, analyze, analyze_many, load
from .records import Analysis

__all__ = ["Analysis", "InputError", "SCHEMA_ID", "__version__", "analyze", "analyze_many", "load"]
