"""The arms-flow graph: supplier country -> recipient country, weighted by transfer records."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from ..records import NOT_HAPPENED


def arms_flow_graph(transfers: Iterable[dict], *, include_not_happened: bool = False) -> nx.DiGraph:
    """A directed graph of arms flows from `Store.transfers()` rows (or transfer records).

    Nodes are countries (ISO3), or actor ids where no country is known; an edge's `weight` is the
    number of transfer records behind it, with the weapons and documents that support it. Denied,
    planned and guessed transfers are left out unless `include_not_happened`.
    """
    g = nx.DiGraph()
    for t in transfers:
        if not include_not_happened and (t.get("modality") in NOT_HAPPENED or t.get("status") == "denied"):
            continue
        src = t.get("supplier_country") or t.get("supplier")
        dst = t.get("recipient_country") or t.get("recipient")
        if not src or not dst or src == dst:
            continue
        weapon = t.get("weapon_name") or (t.get("weapon") or {}).get("name") or t.get("category") \
            or (t.get("weapon") or {}).get("category") or "weapons"
        if g.has_edge(src, dst):
            edge = g[src][dst]
            edge["weight"] += 1
        else:
            g.add_edge(src, dst, weight=1, weapons=[], documents=[])
            edge = g[src][dst]
        if weapon not in edge["weapons"]:
            edge["weapons"].append(weapon)
        doc = t.get("document_id")
        if doc and doc not in edge["documents"]:
            edge["documents"].append(doc)
    return g


def graph_for_export(g: nx.DiGraph) -> nx.DiGraph:
    """A copy whose list attributes are joined into strings (GraphML holds scalars only)."""
    out = nx.DiGraph()
    out.add_nodes_from(g.nodes(data=True))
    for u, v, d in g.edges(data=True):
        out.add_edge(u, v, weight=d["weight"], weapons="; ".join(d["weapons"]),
                     documents="; ".join(d["documents"]))
    return out
