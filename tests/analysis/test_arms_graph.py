"""The arms-flow graph."""

import networkx as nx

from realpolitik.analysis.arms import arms_flow_graph, graph_for_export


def _t(sup, rec, weapon="Spike-LR", modality="asserted", status="delivered", doc="a"):
    return {"supplier_country": sup, "recipient_country": rec, "weapon_name": weapon,
            "modality": modality, "status": status, "document_id": doc}


def test_edges_are_weighted_by_records_and_keep_their_weapons():
    g = arms_flow_graph([_t("ISR", "AZE"), _t("ISR", "AZE", "Harop", doc="b"), _t("RUS", "ARM", "Iskander-M")])
    assert g["ISR"]["AZE"]["weight"] == 2
    assert g["ISR"]["AZE"]["weapons"] == ["Spike-LR", "Harop"]
    assert g["ISR"]["AZE"]["documents"] == ["a", "b"]
    assert not g.has_edge("AZE", "ISR")  # direction is supplier -> recipient


def test_denials_and_guesses_do_not_make_flows_unless_asked():
    rows = [_t("RUS", "ARM", modality="negated", status="denied"), _t("IRN", "RUS", modality="speculative")]
    assert arms_flow_graph(rows).number_of_edges() == 0
    assert arms_flow_graph(rows, include_not_happened=True).number_of_edges() == 2


def test_graphml_export_round_trips():
    g = graph_for_export(arms_flow_graph([_t("ISR", "AZE"), _t("ISR", "AZE", "Harop")]))
    back = nx.parse_graphml("\n".join(nx.generate_graphml(g)))
    assert back["ISR"]["AZE"]["weight"] == 2 and back["ISR"]["AZE"]["weapons"] == "Spike-LR; Harop"
