"""Helpers shared by tests/nlp: constants, look-ups and the strict-xfail marker.

Every sentence in tests/nlp is written for these tests (none is copied from shared/).
"""

from __future__ import annotations

import pytest

#: Fixed publication date so that role look-ups ("Iran's foreign minister") and relative dates
#: ("next week") are stable.
PUBLISHED = "2024-03-01"

#: The modalities that say "this did not (yet) happen": never to be reported as "asserted".
NOT_FACTUAL = {"negated", "hypothetical", "future", "speculative"}


def actor_country(record: dict, actor_id: str | None) -> str | None:
    """The country of an actor id as the record's actor list gives it (AUTHOR/None -> None)."""
    for actor in record["actors"]:
        if actor["id"] == actor_id:
            return actor["country"]
    return None


def pairs(record: dict, kind: str = "events") -> list[tuple]:
    """(source_country, target_country) for events, (supplier_country, recipient_country) for
    arms transfers."""
    if kind == "events":
        return [(e["source_country"], e["target_country"]) for e in record["events"]]
    return [(t["supplier_country"], t["recipient_country"]) for t in record["arms_transfers"]]


def xfail(reason: str):
    """A known pipeline gap: strict, so the test turns red (XPASS) the day the gap is fixed."""
    return pytest.mark.xfail(reason=reason, strict=True)
