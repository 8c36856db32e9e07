"""Package metadata: the one version source."""

__version__ = "0.1.0"
SCHEMA_ID = "realpolitik.analysis/1"
