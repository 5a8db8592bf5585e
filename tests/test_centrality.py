"""Tests of paradiplo_net.centrality: hand-checked toy values, networkx as the reference.

Toy graph (paradiplo_net.datasets.toy), undirected collapse: the 7-cycle A-B-F-G-E-D-C-A
and the tail G-J-H-I; A<->B reciprocal, H->I twice (parallel), G->J domestic (JP).
With n = 10 cities, betweenness is normalised by 2 / (9 * 8) = 1 / 36.
"""

from __future__ import annotations

import math
import random

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import centrality as ce
from paradiplo_net import stats
from paradiplo_net.errors import GraphContractError

COUNTRIES = ["FR", "DE", "JP", "US", "ID", None]


def random_contract_graph(seed: int, n: int = 50, m: int = 90, *, connected: bool = False,
                          directed: bool = True) -> nx.MultiDiGraph:
    """Contract graph on G(n, m) (or a connected Watts-Strogatz graph): random directions,
    reciprocal and parallel statements, random countries and years."""
    rng = random.Random(seed)
    base = (nx.connected_watts_strogatz_graph(n, 4, 0.3, seed=seed) if connected
            else nx.gnm_random_graph(n, m, seed=seed))
    ids = [f"n{i}" for i in range(n)]
    cities = pd.DataFrame({"name": [f"city {i}" for i in range(n)],
                           "country": [rng.choice(COUNTRIES) for _ in range(n)],
                           "lat": [None] * n, "lon": [None] * n, "level": ["municipality"] * n},
                          index=ids)
    rows = []
    for a, b in base.edges():
        u, v = (b, a) if rng.random() < 0.5 else (a, b)
        rows.append((ids[u], ids[v]))
        if directed and rng.random() < 0.4:
            rows.append((ids[v], ids[u]))
        if rng.random() < 0.15:
            rows.append((ids[u], ids[v]))
    links = pd.DataFrame(rows, columns=["source", "target"])
    return pn.model.graph_from_tables(links, cities, dataset=f"r{seed}", directed=directed)


def as_series(frame: pd.DataFrame) -> pd.Series:
    return frame.set_index("city")["value"]


# ------------------------------------------------------------------------ toy, by hand


def test_rank_columns_and_degrees_toy(toy):
    t = ce.rank(toy, "degree")
    assert list(t.columns) == ["city", "name", "country", "value", "rank"]
    assert t.attrs["measure"] == "degree" and t.attrs["dataset"] == "toy"
    # Statements either way: A (A->B, B->A, A->C), B (A->B, B->A, F->B), G (F->G, G->J,
    # E->G) and H (H->I twice, H->J) have 3; the rest 2. Ties share rank 1 ("min").
    assert t["city"].tolist()[:4] == ["A", "B", "G", "H"]
    assert t["rank"].tolist() == [1, 1, 1, 1, 5, 5, 5, 5, 5, 5]
    assert t.loc[0, "name"] == "City A" and t.loc[0, "country"] == "GB"
    # In: I receives H->I twice; out: H makes three statements.
    assert as_series(ce.rank(toy, "in_degree"))["I"] == 2
    assert as_series(ce.rank(toy, "out_degree"))["H"] == 3
    # Partners: H has 2 distinct partners (I, J) despite 3 statements.
    assert as_series(ce.rank(toy, "partners"))["H"] == 2


def test_betweenness_toy_by_hand(toy):
    b = as_series(ce.rank(toy, "betweenness"))
    # G: the 3 tail cities x 6 other cycle cities = 18 pairs, plus F-E, B-E (B-F-G-E, 3
    # steps vs 4 the other way) and F-D (F-G-E-D): 21 pairs -> 21/36.
    assert b["G"] == pytest.approx(21 / 36)
    # J: H and I to the 7 cycle cities: 14 pairs. H: I to the 8 others: 8 pairs.
    assert b["J"] == pytest.approx(14 / 36) and b["H"] == pytest.approx(8 / 36)
    # A: B-C (2 steps), F-C (F-B-A-C 3 vs 4) and B-D (B-A-C-D 3 vs 4): 3 pairs.
    assert b["A"] == pytest.approx(3 / 36)
    # I is a leaf.
    assert b["I"] == 0


def test_closeness_harmonic_toy_by_hand(toy):
    clo = as_series(ce.rank(toy, "closeness"))
    har = as_series(ce.rank(toy, "harmonic"))
    # From G: F, E, J at 1; B, D, H at 2; A, C, I at 3: sum 18, closeness 9/18.
    assert clo["G"] == pytest.approx(9 / 18)
    assert har["G"] == pytest.approx(3 + 3 / 2 + 3 / 3)
    # From I: H 1, J 2, G 3, F/E 4, B/D 5, A/C 6: sum 36, closeness 9/36.
    assert clo["I"] == pytest.approx(9 / 36)


def test_pagerank_and_eigenvector_toy(toy):
    pr = as_series(ce.rank(toy, "pagerank"))
    assert pr.sum() == pytest.approx(1.0)
    # Default PageRank: directed, parallel statements as weights (H->I counts twice).
    assert pr.to_dict() == pytest.approx(nx.pagerank(toy, tol=1e-12, max_iter=1000), abs=1e-8)
    ev = as_series(ce.rank(toy, "eigenvector"))
    assert np.linalg.norm(ev) == pytest.approx(1.0)  # unit Euclidean norm, as networkx
    ref = nx.eigenvector_centrality_numpy(pn.model.collapse_undirected(toy), weight=None)
    assert ev.to_dict() == pytest.approx({k: abs(v) for k, v in ref.items()}, abs=1e-6)
    evw = as_series(ce.rank(toy, "eigenvector", weighted=True))
    refw = nx.eigenvector_centrality_numpy(pn.model.collapse_undirected(toy), weight="weight")
    assert evw.to_dict() == pytest.approx({k: abs(v) for k, v in refw.items()}, abs=1e-6)
    pru = as_series(ce.rank(toy, "pagerank", weighted=False, damping=0.5))
    ref = nx.pagerank(nx.DiGraph(toy), alpha=0.5, weight=None, tol=1e-12, max_iter=1000)
    assert pru.to_dict() == pytest.approx(ref, abs=1e-8)


def test_rank_top_and_phase(toy):
    assert len(ce.rank(toy, "partners", top=1)) == 1
    assert ce.rank(toy, "partners", top=3)["city"].tolist() == ["G", "A", "B"]
    # Associative layer: A-B (x2), A-C, D-E, C-D: a path B-A-C-D-E.
    t = ce.rank(toy, "betweenness", phase="associative")
    assert sorted(t["city"]) == ["A", "B", "C", "D", "E"]
    # n = 5: C lies on A-D, A-E, B-D, B-E: 4 pairs / (4*3/2) = 4/6.
    assert as_series(t)["C"] == pytest.approx(4 / 6)
    assert t.attrs["phase"] == "associative"


def test_rank_by_phase_toy(toy):
    t = ce.rank_by_phase(toy, "degree")
    assert list(t.columns) == ["phase", "city", "name", "country", "value", "rank"]
    # Reciprocal layer: F->G and F->B. Commercial: H->I twice, H->J.
    rec = t[t["phase"] == "reciprocal"].set_index("city")["value"].to_dict()
    assert rec == {"F": 2, "B": 1, "G": 1}
    com = t[t["phase"] == "commercial"].set_index("city")["value"].to_dict()
    assert com == {"H": 3, "I": 2, "J": 1}
    assert t.attrs["links_without_phase"] == 2  # G->J and E->G


def test_city_table_toy(toy):
    t = ce.city_table(toy)
    assert list(t.columns) == ["name", "country", *ce.MEASURES]
    assert t.index.name == "city" and len(t) == 10
    assert t.loc["G", "partners"] == 3 and t.loc["H", "degree"] == 3
    assert t.loc["G", "betweenness"] == pytest.approx(21 / 36)
    for m in ce.MEASURES:  # same numbers as rank()
        assert t[m].to_dict() == pytest.approx(as_series(ce.rank(toy, m)).to_dict())
    layer = ce.city_table(toy, ["partners"], phase="commercial")
    assert layer["partners"].to_dict() == {"H": 2, "I": 1, "J": 1}


def test_rank_does_not_mutate(toy):
    before = (list(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)))
    ce.city_table(toy)
    ce.rank(toy, "pagerank", phase="commercial")
    assert before == (list(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)))


# ------------------------------------------------------------- networkx on random graphs


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_city_measures_match_networkx(seed):
    G = random_contract_graph(seed)  # disconnected, with isolates, reciprocal and parallel
    U = pn.model.collapse_undirected(G)
    t = ce.city_table(G)
    assert t["in_degree"].to_dict() == dict(G.in_degree())
    assert t["out_degree"].to_dict() == dict(G.out_degree())
    assert t["degree"].to_dict() == dict(G.degree())
    assert t["partners"].to_dict() == dict(U.degree())
    assert t["betweenness"].to_dict() == pytest.approx(nx.betweenness_centrality(U))
    assert t["closeness"].to_dict() == pytest.approx(nx.closeness_centrality(U))
    assert t["harmonic"].to_dict() == pytest.approx(nx.harmonic_centrality(U))
    ref = nx.pagerank(G, tol=1e-12, max_iter=1000)
    assert t["pagerank"].to_dict() == pytest.approx(ref, abs=1e-8)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_eigenvector_matches_networkx_on_connected_graphs(seed):
    G = random_contract_graph(seed, n=60, connected=True)
    U = pn.model.collapse_undirected(G)
    ev = ce.city_table(G, ["eigenvector"])["eigenvector"]
    ref = nx.eigenvector_centrality(U, max_iter=10_000, tol=1e-12)
    assert ev.to_dict() == pytest.approx(ref, abs=1e-6)
    evw = as_series(ce.rank(G, "eigenvector", weighted=True))
    refw = nx.eigenvector_centrality(U, weight="weight", max_iter=10_000, tol=1e-12)
    assert evw.to_dict() == pytest.approx(refw, abs=1e-6)


def test_eigenvector_disconnected_is_zero_outside_dominant_component():
    G = random_contract_graph(3)
    ev = ce.city_table(G, ["eigenvector"])["eigenvector"]
    U = pn.model.collapse_undirected(G)
    giant = max(nx.connected_components(U), key=len)
    assert (ev[[n for n in U if n not in giant]] == 0).all()
    assert (ev[list(giant)] > 0).all()


def test_undirected_source_pagerank_and_directional_measures():
    G = random_contract_graph(4, directed=False)
    U = pn.model.collapse_undirected(G)
    pr = as_series(ce.rank(G, "pagerank"))
    ref = nx.pagerank(U, weight="weight", tol=1e-12, max_iter=1000)
    assert pr.to_dict() == pytest.approx(ref, abs=1e-8)
    with pytest.raises(ValueError, match="undirected pairs"):
        ce.rank(G, "in_degree")
    t = ce.city_table(G)
    assert t["in_degree"].isna().all() and t["out_degree"].isna().all()


# ------------------------------------------------------------------------ cache behaviour


def test_measures_are_cached_and_invalidated(toy):
    ce.rank(toy, "betweenness")
    conv = stats.to_igraph(toy)
    assert ("betweenness", False, None) in conv.measures
    assert stats.to_igraph(toy) is conv  # reused
    # Adding a link changes the result: the cache is rebuilt, not reused.
    toy.add_edge("I", "A", year=2000, end_year=None, phase=None, phase_source=None,
                 kind="twin_town", dataset="toy")
    assert as_series(ce.rank(toy, "partners"))["I"] == 2
    assert stats.to_igraph(toy) is not conv
    # Names are read fresh (not cached).
    toy.nodes["I"]["name"] = "Renamed"
    assert ce.rank(toy, "partners").set_index("city").loc["I", "name"] == "Renamed"
    # Returned values are copies: editing them does not poison the cache.
    t = ce.city_table(toy)
    t.loc[t.index[0], "betweenness"] = 99.0
    assert ce.city_table(toy)["betweenness"].max() < 1


# --------------------------------------------------------------------------- over time


def test_rank_over_time_toy(toy):
    t = ce.rank_over_time(toy, "partners", years=[1944, 1960, 2010, 2022], progress=False)
    assert list(t.columns) == ["year", "era", "city", "name", "measure", "value", "rank"]
    # 1944: only A<->B (one pair, two statements).
    y44 = t[t["year"] == 1944].set_index("city")["value"].to_dict()
    assert y44 == {"A": 1, "B": 1}
    # 2010: everything dated (E-G undated is excluded): G has F and J, not E.
    y10 = t[t["year"] == 2010].set_index("city")["value"].to_dict()
    assert y10["G"] == 2 and y10["B"] == 2 and len(y10) == 10
    # 2022: F->B ended in 2022 (not active in its end year): B keeps only A.
    y22 = t[t["year"] == 2022].set_index("city")["value"].to_dict()
    assert y22["B"] == 1 and y22["F"] == 1
    assert t.attrs["excluded_undated"] == 1


def test_rank_over_time_default_years_and_top(toy):
    t = ce.rank_over_time(toy, "degree", top=2, progress=False)
    # Default: every tenth year from 1940 plus the last dated year 2010; the 1940 snapshot
    # is empty (A<->B is dated 1944), so it has no rows.
    assert sorted(t["year"].unique()) == [1950, 1960, 1970, 1980, 1990, 2000, 2010]
    assert t.groupby("year").size().max() <= 2


def test_rank_over_time_eras(toy):
    eras = [("early", 1900, 1959), ("late", 1960, None)]
    t = ce.rank_over_time(toy, "partners", eras=eras, progress=False)
    # An era is ranked on the snapshot of its last year; an open era at the last dated year.
    assert sorted(set(zip(t["era"], t["year"], strict=True))) == [("early", 1959), ("late", 2010)]
    frame = pd.DataFrame(eras, columns=["name", "start", "end"])
    t2 = ce.rank_over_time(toy, "partners", eras=frame, progress=False)
    pd.testing.assert_frame_equal(t, t2)


def test_rank_over_time_default_eras_and_assumed_years(toy):
    t = ce.rank_over_time(toy, "partners", eras=True, progress=False)
    eras = pn.temporal.ERAS
    assert set(t["era"]) <= set(eras["name"])
    # wartime ends 1944: only A<->B; "recent" is open-ended: ranked at 2010.
    assert t[t["era"] == "wartime"]["city"].tolist() == ["A", "B"]
    assert t[t["era"] == "recent"]["year"].unique().tolist() == [2010]
    # Assume the undated E->G was formed in 1944: it joins the 1944 snapshot.
    a = ce.rank_over_time(toy, "partners", years=[1944], undated="assume", assume_year=1944,
                          progress=False)
    assert sorted(a["city"]) == ["A", "B", "E", "G"]
    assert a.attrs["excluded_undated"] == 0 and a.attrs["assume_year"] == 1944
    with pytest.raises(ValueError, match="assume_year is required"):
        ce.rank_over_time(toy, "partners", years=[1944], undated="assume")


def test_trajectories_by_name_and_id(toy):
    t = ce.trajectories(toy, ["city h", "B"], "partners", [1990, 2010], progress=False)
    assert t["city"].tolist() == ["H", "B", "H", "B"]
    # H's first link is 1994: absent in 1990 -> NaN value and rank.
    assert math.isnan(t.loc[0, "value"]) and t.loc[0, "rank"] is pd.NA
    assert t.loc[0, "name"] == "City H"
    # 2010: H has I and J (2 partners), tied first with most cities.
    assert t.loc[2, "value"] == 2 and t.loc[2, "rank"] == 1


def test_trajectories_and_over_time_errors(toy):
    with pytest.raises(KeyError, match="neither a city id nor a name"):
        ce.trajectories(toy, ["Atlantis"], "partners", [2000], progress=False)
    toy.nodes["B"]["name"] = "City A"
    with pytest.raises(KeyError, match="ambiguous"):
        ce.trajectories(toy, ["City A"], "partners", [2000], progress=False)
    with pytest.raises(ValueError, match="not both"):
        ce.rank_over_time(toy, "partners", years=[2000], eras=[("x", 1, 2)])
    with pytest.raises(ValueError, match="measure="):
        ce.rank_over_time(toy, "fame", years=[2000])
    undated = random_contract_graph(1)
    with pytest.raises(ValueError, match="no dated link"):
        ce.rank_over_time(undated, "partners")


def test_rank_over_time_single_year_and_empty_snapshot(toy):
    t = ce.rank_over_time(toy, "betweenness", years=[1900], progress=False)
    assert t.empty
    assert list(t.columns) == ["year", "era", "city", "name", "measure", "value", "rank"]
    one = ce.rank_over_time(toy, "betweenness", years=[1944], progress=False)
    assert one["value"].tolist() == [0.0, 0.0]


# ------------------------------------------------------------------------------ countries


def test_country_graph_toy(toy):
    C = ce.country_graph(toy)
    # 9 countries (JP has G and J); 10 pairs minus the domestic G-J = 9 country ties.
    assert (C.number_of_nodes(), C.number_of_edges()) == (9, 9)
    assert C["GB"]["RU"]["weight"] == 2 and C["GB"]["RU"]["pairs"] == 1  # A<->B
    assert C.nodes["JP"] == {"cities": 2, "links": 4, "domestic_links": 1}
    assert C.graph["domestic_links"] == 1 and C.graph["links_country_unknown"] == 0
    K = ce.country_graph(toy, domestic="keep")
    assert K["JP"]["JP"]["weight"] == 1 and K.number_of_edges() == 10


def test_country_graph_unknown_country_counted(toy):
    toy.nodes["I"]["country"] = None
    C = ce.country_graph(toy)
    assert C.graph["links_country_unknown"] == 2 and "KR" not in C


def test_country_rank_toy(toy):
    t = ce.country_rank(toy, "partners")
    assert list(t.columns) == ["country", "value", "rank"]
    # JP: US (F-G), IT (E-G), ID (H-J).
    assert t.iloc[0].tolist() == ["JP", 3, 1]
    links = ce.country_rank(toy, "links").set_index("country")["value"]
    # JP: F->G, E->G, H->J and the domestic G->J once = 4; ID: H->I x2, H->J = 3.
    assert links["JP"] == 4 and links["ID"] == 3
    assert ce.country_rank(toy, "foreign_links").set_index("country")["value"]["JP"] == 3
    assert ce.country_rank(toy, "cities").set_index("country")["value"]["JP"] == 2
    C = ce.country_graph(toy)
    for m, ref in (("betweenness", nx.betweenness_centrality(C)),
                   ("closeness", nx.closeness_centrality(C)),
                   ("harmonic", nx.harmonic_centrality(C)),
                   ("pagerank", nx.pagerank(C, weight="weight")),
                   ("eigenvector", nx.eigenvector_centrality(C, weight="weight", max_iter=10_000))):
        got = ce.country_rank(toy, m).set_index("country")["value"].to_dict()
        assert got == pytest.approx(ref), m
    assert len(ce.country_rank(toy, "links", top=2)) == 2


def test_partner_concentration_toy(toy):
    t = ce.partner_concentration(toy)
    assert list(t.columns) == ["links", "partner_countries", "hhi", "top_partner", "top_share"]
    # JP: one statement each with US, IT, ID: HHI 3 * (1/3)^2 = 1/3, tie -> ID first.
    assert t.loc["JP", "hhi"] == pytest.approx(1 / 3) and t.loc["JP", "top_partner"] == "ID"
    # KR: only ID (2 statements): HHI 1.
    assert t.loc["KR"].tolist() == [2, 1, 1.0, "ID", 1.0]
    # RU: GB x2 and US x1.
    assert t.loc["RU", "hhi"] == pytest.approx((2 / 3) ** 2 + (1 / 3) ** 2)
    assert t.attrs["domestic_links"] == 1
    assert t.index[0] in {"ID", "JP", "RU", "GB"}  # sorted by links (3) descending


# ------------------------------------------------------------------ edge cases and errors


def test_empty_and_single_node_graphs():
    E = pn.model.new_graph(dataset="empty")
    for m in ce.MEASURES:
        assert ce.rank(E, m).empty
    assert ce.city_table(E).empty
    assert ce.country_graph(E).number_of_nodes() == 0
    assert ce.partner_concentration(E).empty
    assert ce.country_rank(E, "pagerank").empty
    one = pn.model.new_graph(dataset="one")
    one.add_node("x", name="X", country="FR", lat=None, lon=None, level="municipality")
    t = ce.city_table(one)
    cols = ["partners", "betweenness", "closeness", "harmonic", "eigenvector"]
    assert t.loc["x", cols].tolist() == [0, 0, 0, 0, 0]
    assert t.loc["x", "pagerank"] == pytest.approx(1.0)


def test_rank_errors(toy):
    with pytest.raises(ValueError, match="measure='fame' is not one of"):
        ce.rank(toy, "fame")
    with pytest.raises(ValueError, match="weighted=True is only defined"):
        ce.rank(toy, "betweenness", weighted=True)
    with pytest.raises(ValueError, match="top must be"):
        ce.rank(toy, "degree", top=0)
    with pytest.raises(ValueError, match="damping"):
        ce.rank(toy, "pagerank", damping=1.5)
    with pytest.raises(ValueError, match="phase='trade' is not one of"):
        ce.rank(toy, "degree", phase="trade")
    with pytest.raises(GraphContractError):
        ce.rank(nx.Graph(), "degree")
    with pytest.raises(ValueError, match="measure="):
        ce.city_table(toy, ["degree", "fame"])
    with pytest.raises(ValueError, match="domestic="):
        ce.country_graph(toy, domestic="merge")
    with pytest.raises(ValueError, match="measure="):
        ce.country_rank(toy, "gdp")


# ------------------------------------------------------------------------------ real data


@pytest.mark.real_data
def test_crawl_top_partners(shared_data):
    folder = shared_data / "wikidata-p190-l3viathan"
    G, _report = pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")
    U = pn.model.collapse_undirected(G)
    top = ce.rank(G, "partners", top=10)
    ref = sorted(U.degree(), key=lambda x: (-x[1], x[0]))[:10]
    assert list(zip(top["city"], top["value"], strict=True)) == ref
    # St Petersburg (Q656) leads with 98 distinct partners.
    assert top.iloc[0][["city", "name", "value"]].tolist() == ["Q656", "Sankt Petersburg", 98]


def test_rank_over_time_equals_rank_on_each_snapshot(toy):
    t = ce.rank_over_time(toy, "closeness", years=[1962, 1995, 2022], progress=False)
    for year in (1962, 1995, 2022):
        ref = ce.rank(pn.temporal.snapshot(toy, year), "closeness")
        got = t[t["year"] == year].reset_index(drop=True)
        cols = ["city", "value", "rank"]
        pd.testing.assert_frame_equal(got[cols], ref[cols])


def test_trajectories_on_core_named_cities(core):
    names = ["Coventry", "Paris", "Saint Petersburg", "Surabaya"]
    t = ce.trajectories(core, names, "partners", [1960, 2020], progress=False)
    assert len(t) == 8 and t["name"].tolist() == names * 2
    latest = t[t["year"] == 2020]
    assert latest["value"].notna().all() and (latest["rank"] >= 1).all()


def test_eigenvector_rank_is_reproducible_and_restores_igraph_rng():
    import random

    from paradiplo_net import _igraph

    G = pn.datasets.load("core")
    first = ce.rank(G, "eigenvector")
    stats.clear_cache()  # recompute, do not read the cached vector
    second = ce.rank(G, "eigenvector")
    pd.testing.assert_frame_equal(first, second)
    assert first.attrs["seed"] == 0
    assert _igraph.current_rng() is random
    random.seed(4)
    expected = random.random()
    random.seed(4)
    stats.clear_cache()
    ce.rank(G, "eigenvector", seed=1)
    assert random.random() == expected  # the random module's stream was not consumed


def test_city_values_is_the_per_city_form_of_rank(toy):
    """STYLE.md section 5: per-city results indexed by city id; rank stays a ranking."""
    for measure in ("partners", "betweenness", "pagerank"):
        v = ce.city_values(toy, measure)
        assert v.index.name == "city" and v.name == measure
        ranked = ce.rank(toy, measure)
        pd.testing.assert_series_equal(
            as_series(ranked), v.loc[ranked["city"]], check_names=False)
        pd.testing.assert_series_equal(
            ce.city_table(toy, [measure])[measure], v, check_names=False)
        assert v.attrs["measure"] == measure and v.attrs["seed"] == 0
    layer = ce.city_values(toy, "partners", phase="commercial")
    assert layer.to_dict() == {"H": 2, "I": 1, "J": 1}


# ---------------------------------------------------- path measures: k / cutoff (issue 20)


def _random_graph(seed: int, n: int = 300, m: int = 700) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    nodes = [f"c{i}" for i in range(n)]
    cities = pd.DataFrame({"name": nodes, "country": ["DE"] * n}, index=nodes)
    pairs = set()
    while len(pairs) < m:
        a, b = rng.sample(range(n), 2)
        pairs.add((nodes[a], nodes[b]))
    links = pd.DataFrame(sorted(pairs), columns=["source", "target"])
    return pn.model.graph_from_tables(links, cities, dataset="rand")


@pytest.mark.parametrize("measure", ["betweenness", "closeness", "harmonic"])
def test_k_at_least_n_is_exact_and_k_below_is_recorded(measure):
    G = _random_graph(1)
    exact = ce.city_values(G, measure)
    assert exact.attrs["paths"] == "exact" and exact.attrs["k"] is None
    full = ce.city_values(G, measure, k=G.number_of_nodes())
    assert full.attrs["paths"] == "exact"
    pd.testing.assert_series_equal(full, exact)
    est = ce.city_values(G, measure, k=150, seed=4)
    assert (est.attrs["paths"], est.attrs["k"], est.attrs["cutoff"]) == ("sampled", 150, None)
    again = ce.city_values(G, measure, k=150, seed=4)
    pd.testing.assert_series_equal(est, again)  # seeded
    assert np.corrcoef(est, exact)[0, 1] > 0.9
    if measure != "betweenness":  # the mean of a sampled mean distance is unbiased
        assert est.mean() == pytest.approx(exact.mean(), rel=0.1)


def test_sampling_is_automatic_above_the_limit(monkeypatch):
    from paradiplo_net.centrality import _measures

    G = _random_graph(2, n=120, m=300)
    monkeypatch.setattr(_measures, "PATH_SAMPLE_LIMIT", 50)
    monkeypatch.setattr(_measures, "DEFAULT_K", 30)
    r = ce.rank(G, "betweenness")
    assert (r.attrs["paths"], r.attrs["k"]) == ("sampled", 30)
    t = ce.city_table(G, ["partners", "closeness", "harmonic"])
    assert t.attrs["sampling"]["closeness"]["k"] == 30
    assert ce.rank(G, "betweenness", k="exact").attrs["paths"] == "exact"
    assert ce.rank(G, "pagerank").attrs["paths"] == "exact"  # not a path measure


def test_cutoff_and_bad_sampling_options():
    G = _random_graph(3, n=80, m=160)
    c = ce.city_values(G, "closeness", cutoff=2)
    assert (c.attrs["paths"], c.attrs["cutoff"]) == ("cutoff", 2)
    assert (ce.city_values(G, "harmonic", cutoff=50)
            == ce.city_values(G, "harmonic")).all()  # a cut-off beyond the diameter is exact
    b = ce.city_values(G, "betweenness", cutoff=1)
    assert (b == 0).all()  # no path of length 1 passes through a node
    with pytest.raises(ValueError, match="k or cutoff"):
        ce.city_values(G, "betweenness", k=5, cutoff=2)
    with pytest.raises(ValueError, match="k must be"):
        ce.city_values(G, "closeness", k=0)
