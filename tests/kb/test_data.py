"""The knowledge-base files: every row becomes an entity the analysis record can carry."""

from __future__ import annotations

from realpolitik.kb import KnowledgeBase
from realpolitik.records import ACTOR_TYPES


def test_every_entity_has_a_record_actor_type():
    kb = KnowledgeBase.load()
    wrong = sorted({(e.type, e.id) for e in kb.entities.values() if e.type not in ACTOR_TYPES})
    assert not wrong, f"{len(wrong)} entities with a type the spec does not know, e.g. {wrong[:5]}"


def test_parties_and_communities_are_organizations_with_their_sector():
    kb = KnowledgeBase.load()
    by_prefix = {"org:isr:likud": "PTY", "eth:yoruba": "ETH"}
    for eid, sector in by_prefix.items():
        e = kb.entities[eid]
        assert (e.type, e.sector) == ("organization", sector), e
