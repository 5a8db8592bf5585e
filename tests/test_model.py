"""Tests of the graph contract (paradiplo_net.model)."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net.errors import GraphContractError, SchemaError
from paradiplo_net.model import (
    LoadReport,
    Phase,
    check_option,
    cities_from_graph,
    collapse,
    graph_from_tables,
    links_from_graph,
    make_city_id,
    new_graph,
    validate_graph,
)


def test_toy_follows_contract(toy):
    validate_graph(toy)
    # 10 cities, 12 statements; A<->B reciprocal; H->I parallel
    assert toy.number_of_nodes() == 10
    assert toy.number_of_edges() == 12
    assert toy.has_edge("A", "B") and toy.has_edge("B", "A")
    assert toy.number_of_edges("H", "I") == 2
    assert toy.edges["F", "B", 0]["end_year"] == 2022
    assert toy.edges["E", "G", 0]["year"] is None
    assert toy.edges["A", "B", 0]["phase_source"] == "recorded"
    assert (
        toy.edges["G", "J", 0]["phase"] is None and toy.edges["G", "J", 0]["phase_source"] is None
    )


def test_round_trip_tables(toy):
    links, cities = links_from_graph(toy), cities_from_graph(toy)
    H = graph_from_tables(links, cities, dataset="toy")
    assert nx.utils.edges_equal(
        sorted(H.edges(keys=True, data=True), key=str),
        sorted(toy.edges(keys=True, data=True), key=str),
    )
    assert dict(H.nodes(data=True)) == dict(toy.nodes(data=True))


def test_empty_tables_round_trip():
    G = new_graph(dataset="empty")
    assert links_from_graph(G).empty
    assert cities_from_graph(G).empty
    validate_graph(G)


def test_validate_collects_every_problem(toy):
    G = toy.copy()
    G.nodes["A"]["country"] = "Britain"
    G.nodes["B"]["lat"] = 123.0
    G.edges["A", "C", 0]["year"] = 1850
    G.edges["D", "E", 0]["phase"] = "cultural"
    G.edges["F", "G", 0]["kind"] = "pact"
    G.add_edge(
        "C",
        "C",
        year=1990,
        end_year=None,
        phase=None,
        phase_source=None,
        kind="twin_town",
        dataset="x",
    )
    G.edges["F", "B", 0]["end_year"] = 1980
    with pytest.raises(GraphContractError) as err:
        validate_graph(G)
    msg = str(err.value)
    assert "7 problem(s)" in msg
    for needle in (
        "'Britain'",
        "lat",
        "1850",
        "'cultural'",
        "'pact'",
        "self-link",
        "end_year 1980 before",
    ):
        assert needle in msg


def test_validate_rejects_wrong_type():
    with pytest.raises(GraphContractError, match="MultiDiGraph"):
        validate_graph(nx.DiGraph())


def test_validate_missing_attributes():
    G = new_graph(dataset="x")
    G.add_node("a", name="a")
    with pytest.raises(GraphContractError, match="missing attribute"):
        validate_graph(G)


def test_graph_from_tables_unknown_city():
    cities = pd.DataFrame(
        {"name": ["A"], "country": ["FR"], "lat": [1.0], "lon": [1.0], "level": ["municipality"]},
        index=["a"],
    )
    links = pd.DataFrame({"source": ["a"], "target": ["zz"]})
    with pytest.raises(SchemaError, match="'zz' not in the cities table"):
        graph_from_tables(links, cities)


def test_graph_from_tables_missing_column():
    with pytest.raises(SchemaError, match="missing column 'target'"):
        graph_from_tables(
            pd.DataFrame({"source": ["a"]}), pd.DataFrame({"name": [], "country": []})
        )


def test_collapse_weights(toy):
    with pytest.deprecated_call():
        U = collapse(toy)
    assert U["A"]["B"]["weight"] == 2  # reciprocal pair -> one undirected edge
    assert U["H"]["I"]["weight"] == 2 and U["H"]["I"]["first_year"] == 1994
    assert sum(d["weight"] for *_, d in U.edges(data=True)) == toy.number_of_edges()
    with pytest.deprecated_call():
        D = collapse(toy, to="directed")
    assert D["A"]["B"]["weight"] == 1 and D["B"]["A"]["weight"] == 1
    with pytest.raises(ValueError, match="'undirected', 'directed'"):
        collapse(toy, to="simple")


def test_make_city_id():
    assert make_city_id("Weimar", "DE", wikidata="Q3955", geonames=1) == "Q3955"
    assert make_city_id("X", None) == "X|??"
    assert make_city_id("X", "de", geonames=float("nan")) == "X|DE"


def test_load_report():
    r = LoadReport("f.csv", rows_read=5, links_kept=3)
    r.reject(2, "bad year: 'abc'")
    r.reject_many(pd.DataFrame({"row": [4], "reason": ["self-link: X"]}))
    assert r.n_rejected == 2
    assert r.summary()["reasons"] == {"bad year": 1, "self-link": 1}
    assert "row 4: self-link" in str(r)


def test_phase_and_option():
    assert Phase("reciprocal") == "reciprocal"
    with pytest.raises(ValueError):
        Phase("cultural")
    with pytest.raises(ValueError, match="'a', 'b'"):
        check_option("x", "c", ("a", "b"))


def test_country_subgraph(toy):
    from paradiplo_net.model import country_subgraph

    H = country_subgraph(toy, "ID")
    # H's two links to I (parallel) and its link to J
    assert H.number_of_edges() == 3 and set(H) == {"H", "I", "J"}
    assert H.graph["countries"] == ["ID"] and toy.number_of_edges() == 12  # input untouched
    assert country_subgraph(toy, ["GB", "RU"], mode="both").number_of_edges() == 2  # A<->B
    assert country_subgraph(toy, "ZZ").number_of_edges() == 0
    with pytest.raises(ValueError, match="'any', 'both'"):
        country_subgraph(toy, "ID", mode="all")
    with pytest.raises(GraphContractError):
        country_subgraph(nx.Graph(), "ID")


def test_collapse_undirected_and_directed_each_return_one_type(toy):
    assert type(pn.model.collapse_undirected(toy)) is nx.Graph
    assert type(pn.model.collapse_directed(toy)) is nx.DiGraph
