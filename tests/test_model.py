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


# ------------------------------------------------------- column-wise load path (issue 20)


def _row_by_row(links, cities, dataset):
    """The reference: city_attrs / link_attrs on every row, networkx's add methods."""
    from paradiplo_net.model import _tables

    G = _tables.new_graph(dataset=dataset)
    for cid, row in cities.iterrows():
        G.add_node(str(cid), **_tables.city_attrs(row.to_dict()))
    cols = [c for c in links.columns if c not in ("source", "target", "key")]
    for rec in links[["source", "target", *cols]].itertuples(index=False, name=None):
        u, v, *vals = rec
        G.add_edge(str(u), str(v),
                   **_tables.link_attrs(dict(zip(cols, vals, strict=True)), dataset=dataset))
    return G


def _snapshot(G):
    return ([(n, list(d.items()), [type(x) for x in d.values()])
             for n, d in G.nodes(data=True)],
            [(u, v, k, list(d.items()), [type(x) for x in d.values()])
             for u, v, k, d in G.edges(keys=True, data=True)])


def _mixed_tables(n=60, m=200, seed=0):
    import numpy as np

    rng = np.random.default_rng(seed)
    ids = [f"Q{i + 1}" for i in range(n)]
    cities = pd.DataFrame({
        "name": [f"City {i}" for i in range(n)],
        "country": pd.Series(["DE", "FR", None, "  "] * (n // 4), dtype=object),
        "lat": np.where(rng.random(n) < 0.2, np.nan, rng.uniform(-60, 60, n)),
        "lon": rng.integers(-170, 170, n),
        "population": np.where(rng.random(n) < 0.5, np.nan, 1000.0),
        "wikidata": pd.Series([np.str_("Q1"), None, "Q3", ""] * (n // 4), dtype=object),
        "extra": pd.array([1, None, 3, 4] * (n // 4), dtype="Int64"),
    }, index=ids)
    src = rng.integers(0, n, m)
    tgt = (src + 1 + rng.integers(0, n - 1, m)) % n
    links = pd.DataFrame({
        "source": [ids[i] for i in src], "target": [ids[i] for i in tgt],
        "year": np.where(rng.random(m) < 0.3, np.nan, rng.integers(1950, 2020, m)),
        "end_year": pd.Series([None, 2021, np.int64(2022), None] * (m // 4), dtype=object),
        "phase": pd.Series(["associative", None, "reciprocal", " "] * (m // 4), dtype=object),
        "kind": pd.Series([None, "twin_town", "friendship_city", None] * (m // 4),
                          dtype=object),
        "note": pd.Series(["x", 2.5, None, np.int64(3)] * (m // 4), dtype=object),
        "key": 7,
    })
    return links, cities


def test_column_wise_load_gives_the_row_by_row_graph():
    links, cities = _mixed_tables()
    new = pn.model.graph_from_tables(links, cities, dataset="mix", validate=False)
    assert _snapshot(new) == _snapshot(_row_by_row(links, cities, "mix"))


def test_column_wise_load_validates_once_with_the_same_errors():
    links, cities = _mixed_tables()
    good = links[links["phase"].isin(["associative", "reciprocal"])
                 | links["phase"].isna()].copy()
    good["end_year"] = None
    G = pn.model.graph_from_tables(good, cities.assign(wikidata=None), dataset="ok")
    pn.model.validate_graph(G)
    bad_cases = [
        good.assign(kind="wedding"),
        good.assign(year=1700.0),
        good.assign(target=good["source"]),
        good.assign(year=2000.0, end_year=1990),
        good.assign(phase=None, phase_source="recorded"),
    ]
    for bad in bad_cases:
        reference = _row_by_row(bad, cities.assign(wikidata=None), "ok")
        with pytest.raises(pn.errors.GraphContractError) as expected:
            pn.model.validate_graph(reference)
        with pytest.raises(pn.errors.GraphContractError) as got:
            pn.model.graph_from_tables(bad, cities.assign(wikidata=None), dataset="ok")
        assert str(got.value) == str(expected.value)
    with pytest.raises(pn.errors.GraphContractError, match="country must be ISO"):
        pn.model.graph_from_tables(good, cities.assign(country="Germany", wikidata=None),
                                   dataset="ok")


def test_add_tables_clears_the_networkx_cache():
    from paradiplo_net import _igraph

    links, cities = _mixed_tables()
    G = pn.model.new_graph(dataset="mix")
    pn.model.add_tables(G, links.iloc[:10], cities)
    view = _igraph.to_igraph(G)
    pn.model.add_tables(G, links.iloc[10:], cities.iloc[:0])
    fresh = _igraph.to_igraph(G)
    assert fresh is not view and fresh.D.ecount() > view.D.ecount()


def test_link_count_matches_number_of_edges_on_graphs_and_views():
    import networkx as nx

    from paradiplo_net.model import link_count

    G = pn.datasets.load("core")
    views = [
        G,
        G.subgraph(list(G)[:300]),
        G.reverse(copy=False),
        nx.subgraph_view(G, filter_edge=lambda u, v, k: k == 0),
        nx.DiGraph(G),
        nx.Graph(G),
        nx.MultiGraph(G),
        nx.MultiDiGraph(),
    ]
    assert [link_count(H) for H in views] == [H.number_of_edges() for H in views]
    with pytest.raises(pn.errors.GraphContractError, match="expected a networkx graph"):
        link_count(None)
