"""The JSON Schema of the analysis record, shipped in the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def analysis_schema() -> dict:
    """The JSON Schema (draft 2020-12) of `realpolitik.analysis/1`."""
    return json.loads(resources.files(__package__).joinpath("analysis.schema.json").read_text("utf-8"))


def validate(record: dict) -> None:
    """Raise jsonschema.ValidationError when `record` breaks the schema, and ValueError when an
    offset does not point into the document (a check JSON Schema cannot express)."""
    import jsonschema

    jsonschema.Draft202012Validator(analysis_schema()).validate(record)
    n = record["document"]["length"]
    for span in _spans(record):
        if not 0 <= span["start"] <= span["end"] <= n:
            raise ValueError(f"span {span['start']}:{span['end']} outside the document (length {n})")


def _spans(record: dict):
    for a in record["actors"]:
        yield from a["mentions"]
    for e in record["events"]:
        yield e["evidence"]
    for t in record["arms_transfers"]:
        yield t["evidence"]
    for c in record["claims"]:
        yield c["content"]
        yield c["evidence"]
    yield from record["framing"]
    yield from record.get("weapons", [])
