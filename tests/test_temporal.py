"""Tests of paradiplo_net.temporal (snapshots, windows, eras, growth, adoption).

Toy graph reminder (paradiplo_net.datasets.toy), dated links by formation year:
  A->B 1944, B->A 1944 (GB-RU), F->G 1955 (US-JP), D->E 1956 (FR-IT), A->C 1959 (GB-DE),
  C->D 1962 (DE-FR), G->J 1970 (JP-JP, domestic), F->B 1990 ended 2022 (US-RU),
  H->I 1994 and H->I 2004 (ID-KR, parallel), H->J 2010 (ID-JP); E->G undated (IT-JP).
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net.errors import SchemaError
from paradiplo_net.model import graph_from_tables, make_city_id, new_graph, validate_graph
from paradiplo_net.temporal import (
    ERAS,
    active_links,
    adoption,
    decade,
    era_of,
    filter_era,
    growth,
    pair_growth,
    snapshot,
    snapshots,
    window,
)


def _node(G, n, country=None):
    if n not in G:
        G.add_node(n, name=n, country=country, lat=None, lon=None, level="municipality")


def _add(G, u, v, year, end_year=None, **attrs):
    _node(G, u)
    _node(G, v)
    base = dict(year=year, end_year=end_year, phase=None, phase_source=None,
                kind="unspecified", dataset="toy")
    base.update(attrs)
    return G.add_edge(u, v, **base)


def _edges(H):
    return sorted((u, v, k, tuple(sorted(d.items(), key=str))) for u, v, k, d in
                  H.edges(keys=True, data=True))


@pytest.fixture
def toy_plus(toy):
    """Toy + K->A 1980-1985 (a city whose only link ended) + X->Y formed and ended in 2000
    + L->A undated with end_year 1950."""
    G = toy.copy()
    _add(G, "K", "A", 1980, 1985)
    _add(G, "X", "Y", 2000, 2000)
    _add(G, "L", "A", None, 1950)
    return G


# --- snapshot ------------------------------------------------------------------------------

@pytest.mark.parametrize(("year", "edges", "nodes", "ended", "future"), [
    (1943, 0, 0, 0, 11),   # nothing formed yet
    (1944, 2, 2, 0, 9),    # A<->B
    (1960, 5, 7, 0, 6),    # + F->G, D->E, A->C: A B C D E F G
    (1990, 8, 8, 0, 3),    # + C->D, G->J, F->B (formed 1990): A B C D E F G J
    (2021, 11, 10, 0, 0),  # every dated link
    (2022, 10, 10, 1, 0),  # F->B ended in 2022: not active in 2022 (F keeps F->G)
])
def test_snapshot_toy(toy, year, edges, nodes, ended, future):  # noqa: PLR0917 - parametrize
    H = snapshot(toy, year)
    assert H.number_of_edges() == edges
    assert H.number_of_nodes() == nodes
    assert H.graph["excluded_ended"] == ended
    assert H.graph["not_yet_formed"] == future
    assert H.graph["excluded_undated"] == 1 and H.graph["assumed_undated"] == 0
    assert H.graph["snapshot_year"] == year and H.graph["dataset"] == "toy"
    assert not H.has_edge("E", "G")


def test_snapshot_is_a_copy_with_keys_and_attrs(toy):
    H = snapshot(toy, 2005)
    assert H.number_of_edges("H", "I") == 2
    assert H.edges["H", "I", 1] == toy.edges["H", "I", 1]
    assert H.nodes["J"] == toy.nodes["J"]
    H.edges["H", "I", 1]["year"] = 0
    H.nodes["J"]["name"] = "changed"
    assert toy.edges["H", "I", 1]["year"] == 2004 and toy.nodes["J"]["name"] == "Province J"
    assert "snapshot_year" not in toy.graph
    validate_graph(snapshot(toy, 2005))


def test_snapshot_edge_cases(toy_plus):
    G = toy_plus
    # formed and ended in the same year: never active
    assert not snapshot(G, 2000).has_edge("X", "Y")
    assert not snapshot(G, 1999).has_edge("X", "Y")
    # a city whose only link ended: gone from later snapshots unless keep_isolates
    assert "K" in snapshot(G, 1984) and "K" not in snapshot(G, 1985)
    H = snapshot(G, 1990, keep_isolates=True)
    assert "K" in H and H.degree("K") == 0 and H.number_of_nodes() == G.number_of_nodes()
    assert snapshot(G, 1990).graph["excluded_ended"] == 1  # K->A
    assert snapshot(G, 2000).graph["excluded_ended"] == 2  # + X->Y
    assert snapshot(G, 2000).graph["excluded_undated"] == 2  # E->G, L->A


def test_snapshot_assume_year(toy_plus):
    H = snapshot(toy_plus, 1960, undated="assume", assume_year=1960)
    assert H.has_edge("E", "G")
    # L->A: undated but ended 1950, before the assumed 1960 -> formed and ended 1960, never active
    assert not H.has_edge("L", "A")
    assert H.graph["assumed_undated"] == 2 and H.graph["excluded_undated"] == 0
    assert H.graph["assume_year"] == 1960 and H.graph["undated"] == "assume"
    assert H.graph["excluded_ended"] == 1  # L->A
    assert not snapshot(toy_plus, 1959, undated="assume", assume_year=1960).has_edge("E", "G")
    assert toy_plus.edges["E", "G", 0]["year"] is None  # the data are not rewritten
    assert H.edges["E", "G", 0]["year"] is None


def test_snapshot_errors(toy):
    with pytest.raises(ValueError, match="needs assume_year"):
        snapshot(toy, 1990, undated="assume")
    with pytest.raises(ValueError, match="assume_year=1950 given with undated='exclude'"):
        snapshot(toy, 1990, assume_year=1950)
    with pytest.raises(ValueError, match="undated='guess' is not one of"):
        snapshot(toy, 1990, undated="guess")
    with pytest.raises(ValueError, match="year must be an int"):
        snapshot(toy, "1990")
    with pytest.raises(ValueError, match="year must be an int"):
        snapshot(toy, True)


def test_snapshot_empty_and_single_node():
    G = new_graph(dataset="e")
    H = snapshot(G, 2000)
    assert H.number_of_nodes() == 0 and H.graph["not_yet_formed"] == 0
    _node(G, "a")
    assert snapshot(G, 2000).number_of_nodes() == 0
    assert list(snapshot(G, 2000, keep_isolates=True).nodes) == ["a"]


def test_active_links(toy):
    t = active_links(toy, 2022)
    assert len(t) == 10 and not ((t["source"] == "F") & (t["target"] == "B")).any()
    assert list(t.columns[:4]) == ["source", "target", "key", "year"]
    assert t.attrs["excluded_ended"] == 1 and t.attrs["excluded_undated"] == 1
    e = active_links(toy, 1900)
    assert len(e) == 0 and e.attrs["not_yet_formed"] == 11
    a = active_links(toy, 1950, undated="assume", assume_year=1950)
    assert len(a) == 3 and a.attrs["assumed_undated"] == 1


# --- snapshots (incremental) ------------------------------------------------------------------

@pytest.mark.parametrize("copy", [False, True])
@pytest.mark.parametrize("keep_isolates", [False, True])
@pytest.mark.parametrize(("undated", "assume_year"), [("exclude", None), ("assume", 1975)])
def test_snapshots_equal_snapshot(toy_plus, keep_isolates, undated, assume_year, copy):
    years = range(1940, 2026)
    seen = []
    for y, H in snapshots(toy_plus, years, undated=undated, assume_year=assume_year,
                          keep_isolates=keep_isolates, copy=copy, progress=False):
        ref = snapshot(toy_plus, y, undated=undated, assume_year=assume_year,
                       keep_isolates=keep_isolates)
        assert _edges(H) == _edges(ref), y
        assert sorted(H.nodes(data=True), key=str) == sorted(ref.nodes(data=True), key=str), y
        assert H.graph == ref.graph, y
        assert nx.utils.graphs_equal(H, ref), y
        assert sorted(H.pred["A"].items(), key=str) == sorted(ref.pred["A"].items(), key=str) \
            if "A" in H else "A" not in ref
        seen.append(y)
    assert seen == list(years)


def test_snapshots_order_copy_and_mutation(toy):
    out = list(snapshots(toy, [1990, 1944, 1990], progress=False))
    assert [y for y, _ in out] == [1944, 1990]  # ascending, duplicates dropped
    assert out[0][1] is out[1][1]  # copy=False: the same object, mutated
    assert out[0][1].number_of_edges() == 8
    kept = list(snapshots(toy, [1944, 1990], copy=True, progress=False))
    assert kept[0][1] is not kept[1][1]
    assert kept[0][1].number_of_edges() == 2 and kept[1][1].number_of_edges() == 8
    assert kept[0][1].graph["snapshot_year"] == 1944
    # the copies are independent: edge and node attribute dicts too
    kept[1][1].edges["A", "B", 0]["year"] = 0
    kept[1][1].nodes["A"]["name"] = "x"
    assert kept[0][1].edges["A", "B", 0]["year"] == 1944
    assert kept[0][1].nodes["A"]["name"] == "City A" and toy.nodes["A"]["name"] == "City A"
    # pred and succ of the copy agree
    C = kept[1][1]
    assert C.edges["A", "B", 0] is C.pred["B"]["A"][0]
    validate_graph(kept[0][1])


def test_snapshots_errors_raised_at_call(toy):
    with pytest.raises(ValueError, match="needs assume_year"):
        snapshots(toy, [1990], undated="assume")
    with pytest.raises(ValueError, match="years item must be an int"):
        snapshots(toy, [1990.5])


def test_snapshots_empty():
    G = new_graph(dataset="e")
    assert [(y, H.number_of_edges()) for y, H in snapshots(G, [2000, 2001], progress=False)] == \
        [(2000, 0), (2001, 0)]
    assert list(snapshots(G, [], progress=False)) == []


# --- window ----------------------------------------------------------------------------------

def test_window_formed_and_active(toy_plus):
    G = toy_plus
    W = window(G, 1990, 1994)
    assert sorted(W.edges()) == [("F", "B"), ("H", "I")]  # inclusive at both ends
    assert W.graph["excluded_outside"] == 11 and W.graph["excluded_undated"] == 2
    assert W.graph["window"] == (1990, 1994, "formed")
    # formed-in window includes links that later ended, and same-year formed-ended links
    assert window(G, 2000, 2000).has_edge("X", "Y")
    assert not window(G, 2000, 2000, by="active").has_edge("X", "Y")
    # active: K->A (1980-1985) is active 1980..1984
    assert window(G, 1984, 1984, by="active").has_edge("K", "A")
    assert not window(G, 1985, 1990, by="active").has_edge("K", "A")
    assert window(G, 1970, 1980, by="active").has_edge("K", "A")
    # open ends
    assert window(G, None, 1944).number_of_edges() == 2
    assert window(G, 2010, None).number_of_edges() == 1


def test_window_errors_and_single_year(toy):
    with pytest.raises(ValueError, match="start 2000 is after end 1990"):
        window(toy, 2000, 1990)
    with pytest.raises(ValueError, match="by='formed_or_active' is not one of"):
        window(toy, 1990, 2000, by="formed_or_active")
    assert sorted(window(toy, 1944, 1944).edges()) == [("A", "B"), ("B", "A")]
    W = window(toy, 1944, 1944, undated="assume", assume_year=1944)
    assert W.number_of_edges() == 3 and W.graph["assumed_undated"] == 1


# --- eras -----------------------------------------------------------------------------------

def test_eras_table_is_contiguous_and_labelled():
    assert list(ERAS.columns) == ["name", "label_en", "label_id", "start", "end"]
    assert pd.isna(ERAS["start"].iloc[0]) and pd.isna(ERAS["end"].iloc[-1])
    # no gaps: each era starts the year after the previous one ends
    assert (ERAS["start"].iloc[1:].to_numpy() == ERAS["end"].iloc[:-1].to_numpy() + 1).all()
    assert ERAS.set_index("name").loc["postwar", ["start", "end"]].tolist() == [1945, 1955]
    assert ERAS["label_id"].str.len().gt(0).all()


@pytest.mark.parametrize(("year", "era"), [
    (1913, "before_1919"), (1918, "before_1919"), (1919, "interwar"), (1938, "interwar"),
    (1944, "wartime"), (1945, "postwar"), (1955, "postwar"), (1956, "early_cold_war"),
    (1972, "early_cold_war"), (1973, "late_cold_war"), (1989, "late_cold_war"),
    (1990, "post_cold_war"), (2007, "post_cold_war"), (2008, "recent"), (2030, "recent"),
    (None, None),
])
def test_era_of_boundaries(year, era):
    assert era_of(year) == era


def test_era_of_vector_and_custom():
    s = pd.Series([1950, None, 1995], index=["a", "b", "c"], dtype="Int64")
    out = era_of(s)
    assert out.tolist() == ["postwar", None, "post_cold_war"] and list(out.index) == ["a", "b", "c"]
    custom = pd.DataFrame({"name": ["cold_war"], "start": [1947], "end": [1991]})
    assert era_of(1946, eras=custom) is None and era_of(1991, eras=custom) == "cold_war"


@pytest.mark.parametrize(("eras", "match"), [
    ([("a", 1900, 1950), ("b", 1950, 1960)], "overlap"),
    ([("a", 1900, 1950), ("a", 1960, 1970)], "duplicate era name"),
    ([("a", 1960, 1950)], "start 1960 after end 1950"),
    ([("a", 1960)], "give \\(name, start, end\\) tuples"),
    (pd.DataFrame({"name": ["a"], "from": [1900]}), "missing column 'start'"),
    ([("a", "early", 1950)], "must be int years"),
])
def test_eras_errors(eras, match):
    with pytest.raises(SchemaError, match=match):
        era_of(1950, eras=eras)


def test_filter_era(toy):
    H = filter_era(toy, "early_cold_war")  # 1956-1972: D->E, A->C, C->D, G->J
    assert sorted(H.edges()) == [("A", "C"), ("C", "D"), ("D", "E"), ("G", "J")]
    assert H.graph["era"] == "early_cold_war" and H.graph["excluded_undated"] == 1
    # active: F->G (1955), A<->B (1944) were also standing in 1956-1972
    assert filter_era(toy, "early_cold_war", by="active").number_of_edges() == 7
    assert filter_era(toy, "recent").number_of_edges() == 1  # H->J 2010
    with pytest.raises(ValueError, match="era='cold_war' is not one of"):
        filter_era(toy, "cold_war")


# --- growth ----------------------------------------------------------------------------------

def test_growth_all_by_year(toy):
    t = growth(toy)
    assert list(t.columns) == ["year", "group", "new", "ended", "cumulative", "active"]
    assert t["year"].tolist() == list(range(1944, 2023))  # no gaps, up to F->B's end
    assert t["new"].sum() == 11 and t["ended"].sum() == 1
    row = t.set_index("year")
    assert row.loc[1944, "new"] == 2 and row.loc[1990, "cumulative"] == 8
    assert row.loc[2021, "active"] == 11 and row.loc[2022, "active"] == 10
    assert row.loc[2022, "cumulative"] == 11
    assert t.attrs["excluded_undated"] == 1 and t.attrs["links"] == 11 and t.attrs["ended"] == 1


def test_growth_start_end_and_assume(toy):
    t = growth(toy, start=1960, end=1970)
    assert t["year"].tolist() == list(range(1960, 1971))
    # formed by 1960: A<->B 1944, F->G 1955, D->E 1956, A->C 1959 (before `start`, still counted)
    assert t.iloc[0]["cumulative"] == 5 and t.iloc[0]["new"] == 0
    assert t.iloc[-1]["cumulative"] == 7  # + C->D 1962, G->J 1970
    e = growth(toy, start=1930, end=1935)  # range before any link
    assert e["cumulative"].tolist() == [0] * 6
    a = growth(toy, freq="decade", undated="assume", assume_year=1980)
    assert a.set_index("decade").loc[1980, "new"] == 1 and a.attrs["assumed_undated"] == 1
    with pytest.raises(ValueError, match="start 1990 is after end 1980"):
        growth(toy, start=1990, end=1980)


def test_growth_same_year_formed_and_ended(toy_plus):
    t = growth(toy_plus).set_index("year")
    assert t.loc[2000, "new"] == 1 and t.loc[2000, "ended"] == 1
    assert t.loc[2000, "active"] == t.loc[1999, "active"]
    assert t.loc[1985, "ended"] == 1  # K->A


def test_growth_by_phase(toy):
    t = growth(toy, by="phase", freq="decade")
    assert t["group"].unique().tolist() == ["associative", "reciprocal", "commercial", "none"]
    new = t.pivot(index="decade", columns="group", values="new")
    assert new.loc[1950, "associative"] == 2 and new.loc[1950, "reciprocal"] == 1
    assert new.loc[1970, "none"] == 1 and new["commercial"].sum() == 3
    assert (t.groupby("group")["new"].sum().sum()) == 11


def test_growth_by_country_and_pair(toy):
    c = growth(toy, by="country", freq="decade")
    tot = c.groupby("group")["new"].sum()
    # FR: D->E (FR-IT) 1956, C->D (DE-FR) 1962; JP: F->G, G->J (domestic: once), H->J
    assert tot["FR"] == 2 and tot["JP"] == 3 and tot["GB"] == 3
    p = growth(toy, by="country_pair")
    tot = p.groupby("group")["new"].sum()
    assert tot["GB-RU"] == 2 and tot["DE-FR"] == 1 and tot["JP-JP"] == 1 and tot["ID-KR"] == 2
    d = growth(toy, by="country_pair", direction="directed")
    tot = d.groupby("group")["new"].sum()
    assert tot["US->RU"] == 1 and tot["GB->RU"] == 1 and tot["RU->GB"] == 1
    assert "RU->US" not in tot


def test_growth_unknown_country_and_bad_options(toy):
    G = toy.copy()
    _add(G, "Z", "A", 1999)  # Z has country None
    assert "??-GB" in set(growth(G, by="country_pair")["group"])
    with pytest.raises(ValueError, match="by='city' is not one of"):
        growth(toy, by="city")
    with pytest.raises(ValueError, match="freq='month' is not one of"):
        growth(toy, freq="month")
    with pytest.raises(ValueError, match="direction='both' is not one of"):
        growth(toy, by="country_pair", direction="both")


def test_growth_by_continent(toy):
    c = growth(toy, by="continent").groupby("group")["new"].sum()
    # Europe: A<->B, A->C, D->E, C->D, F->B = 6; Asia: F->G, G->J, H->I x2, H->J = 5
    assert c.to_dict() == {"Asia": 5, "Europe": 6, "North America": 2}
    p = growth(toy, by="continent_pair").groupby("group")["new"].sum()
    assert p["Asia-North America"] == 1 and p["Europe-North America"] == 1
    assert p["Asia-Asia"] == 4
    m = growth(toy, by="continent", continents={"GB": "Isles"}).groupby("group")["new"].sum()
    # only GB mapped: every link has a non-GB end, so all 11 count for "??"
    assert m["Isles"] == 3 and m["??"] == 11


def test_growth_by_era(toy):
    t = growth(toy, by="era", freq="decade")
    tot = t.groupby("group")["new"].sum()
    assert tot["wartime"] == 2 and tot["postwar"] == 1 and tot["early_cold_war"] == 4
    assert tot["post_cold_war"] == 3 and tot["recent"] == 1
    custom = growth(toy, by="era", eras=[("before", None, 1959)]).groupby("group")["new"].sum()
    assert custom.to_dict() == {"before": 5, "none": 6}


def test_growth_empty_and_single_year():
    G = new_graph(dataset="e")
    t = growth(G)
    assert len(t) == 0 and list(t.columns) == ["year", "group", "new", "ended", "cumulative",
                                               "active"]
    assert len(growth(G, by="country_pair", freq="decade")) == 0
    _add(G, "a", "b", 1990)
    t = growth(G)
    assert t.values.tolist() == [[1990, "all", 1, 0, 1, 1]]


def test_decade_helper():
    assert decade(1913) == 1910 and decade(2010) == 2010 and decade(None) is None
    assert decade(float("nan")) is None
    assert decade(pd.Series([1999, 2000])).tolist() == [1990, 2000]


# --- pair_growth -----------------------------------------------------------------------------

def test_pair_growth_pair_and_share(toy):
    t = pair_growth(toy, "FR", "DE", freq="decade")
    # FR links: D->E 1956 (FR-IT), C->D 1962 (DE-FR)
    assert t[["decade", "group", "new", "links_of_a", "share"]].values.tolist() == [
        [1950, "DE-FR", 0, 1, 0.0], [1960, "DE-FR", 1, 1, 1.0]]
    assert t.attrs["links"] == 1 and t.attrs["links_of_a"] == 2


def test_pair_growth_world_and_domestic(toy):
    w = pair_growth(toy, "ID")  # H->I 1994, H->I 2004, H->J 2010
    assert w["group"].unique().tolist() == ["ID-world"] and w["new"].sum() == 3
    assert w["year"].tolist() == list(range(1994, 2011))
    assert w["share"].dropna().tolist() == [1.0, 1.0, 1.0]
    jp = pair_growth(toy, "JP")  # F->G, H->J are foreign; G->J domestic; E->G undated
    assert jp["new"].sum() == 2 and jp.attrs["excluded_undated"] == 1
    dom = pair_growth(toy, "JP", "JP")
    assert dom["new"].sum() == 1 and dom["group"].iloc[0] == "JP-JP"
    # share of JP's 1970 links that are domestic: 1 of 1
    assert dom.set_index("year").loc[1970, "share"] == 1.0


def test_pair_growth_empty_and_errors(toy):
    t = pair_growth(toy, "BR")
    assert len(t) == 0 and "share" in t.columns
    with pytest.raises(ValueError, match="a='world': expected an ISO 3166-1 alpha-2 code"):
        pair_growth(toy, "world")
    with pytest.raises(ValueError, match="b='FRA'"):
        pair_growth(toy, "DE", "FRA")


# --- adoption --------------------------------------------------------------------------------

def test_adoption_city(toy_plus):
    G = toy_plus.copy()
    _add(G, "M", "N", None)  # two cities with only an undated link
    _node(G, "Q")            # a city without links
    a = adoption(G)
    assert a.index.name == "city"
    assert list(a.columns) == ["name", "country", "first_year", "links", "undated_links"]
    # A: A<->B 1944 as source and target; ended K->A 1980 counts (formed then)
    assert a.loc["A", "first_year"] == 1944 and a.loc["A", "links"] == 5
    assert a.loc["K", "first_year"] == 1980  # its only link ended, still adopted in 1980
    assert a.loc["G", "first_year"] == 1955 and a.loc["G", "undated_links"] == 1
    assert a.loc["I", "first_year"] == 1994  # parallel H->I 1994, 2004 -> earliest
    for n in ("M", "N", "L", "Q"):
        assert pd.isna(a.loc[n, "first_year"])
    assert a.attrs["only_undated"] == 3 and a.attrs["no_links"] == 1  # L, M, N; Q
    # sorted by first year, missing last
    assert a["first_year"].iloc[:2].tolist() == [1944, 1944]
    assert a["first_year"].iloc[-4:].isna().all()


def test_adoption_country_by_phase(toy):
    c = adoption(toy, level="country", by_phase=True)
    assert c.index.name == "country"
    assert list(c.columns) == ["cities", "first_year", "links", "undated_links",
                               "first_associative", "first_reciprocal", "first_commercial"]
    assert c.loc["JP", "cities"] == 2 and c.loc["JP", "first_year"] == 1955
    assert c.loc["JP", "links"] == 5  # F->G, G->J (twice: both ends JP), E->G, H->J
    assert c.loc["JP", "first_commercial"] == 2010 and pd.isna(c.loc["JP", "first_associative"])
    assert c.loc["RU", "first_reciprocal"] == 1990 and c.loc["RU", "first_year"] == 1944
    assert c.index[0] in ("GB", "RU") and c.attrs["unknown_country"] == 0


def test_adoption_edge_cases_and_errors(toy):
    G = toy.copy()
    _node(G, "Z")  # country None, no links
    c = adoption(G, level="country")
    assert c.attrs["unknown_country"] == 1 and "Z" not in c.index and len(c) == 9
    e = adoption(new_graph(dataset="e"))
    assert len(e) == 0 and e.attrs["no_links"] == 0
    assert len(adoption(new_graph(dataset="e"), level="country", by_phase=True)) == 0
    with pytest.raises(ValueError, match="level='region' is not one of"):
        adoption(toy, level="region")


# --- real data -------------------------------------------------------------------------------

def _german_graph(path):
    """German twinnings (muench) as a contract graph: German side -> partner, one edge a row.

    Uses ``pn.io.read_links``; the pandas + ``graph_from_tables`` fallback is only for a tree
    where io.py lacks it.
    """
    raw = pd.read_csv(path, keep_default_na=False, na_values=[""], dtype={"plz": "str"})
    if hasattr(pn.io, "read_links"):
        G, _ = pn.io.read_links(path, source="gemeindename", target="partnergemeinde",
                                target_country="land", default_source_country="DE",
                                year="seit", dataset="de-twintowns-muench")
        return G, raw
    cc = pn.geo.country_codes(raw["land"])
    src = [make_city_id(n, "DE") for n in raw["gemeindename"]]
    dst = [make_city_id(n, c) for n, c in zip(raw["partnergemeinde"], cc, strict=True)]
    cities = pd.concat([
        pd.DataFrame({"city": src, "name": raw["gemeindename"], "country": "DE"}),
        pd.DataFrame({"city": dst, "name": raw["partnergemeinde"], "country": cc.astype(object)}),
    ]).drop_duplicates("city").set_index("city")
    cities["level"] = "municipality"
    links = pd.DataFrame({"source": src, "target": dst, "year": raw["seit"].astype("Int64")})
    return graph_from_tables(links, cities, dataset="de-twintowns-muench"), raw


@pytest.fixture(scope="module")
def german(shared_data):
    return _german_graph(shared_data / "de-twintowns-muench" / "partnerstaedte_final.csv")


@pytest.mark.real_data
def test_german_links_per_decade_match_provenance(german):
    G, raw = german
    t = growth(G, freq="decade")
    # PROVENANCE.md: 1910s 1, 1920s 1, 1930s 1, 1940s 13, 1950s 182, 1960s 769, 1970s 1,047,
    # 1980s 1,394, 1990s 1,991, 2000s 1,602, 2010s 137
    assert dict(zip(t["decade"], t["new"], strict=True)) == {
        1910: 1, 1920: 1, 1930: 1, 1940: 13, 1950: 182, 1960: 769, 1970: 1047, 1980: 1394,
        1990: 1991, 2000: 1602, 2010: 137}
    assert t["cumulative"].iloc[-1] == len(raw) == 7138
    assert t.attrs["excluded_undated"] == 0


@pytest.mark.real_data
def test_german_france_share_by_decade(german):
    G, raw = german
    t = pair_growth(G, "DE", "FR", freq="decade")
    # independent count straight from the file: partner country "Frankreich"
    dec = (raw["seit"] // 10) * 10
    fr = raw[raw["land"] == "Frankreich"].groupby(dec).size()
    allde = raw.groupby(dec).size()
    got = t.set_index("decade")
    assert got["new"].sum() == 2304
    for d, n in allde.items():
        assert got.loc[d, "links_of_a"] == n
        assert got.loc[d, "new"] == fr.get(d, 0)
        assert math.isclose(got.loc[d, "share"], fr.get(d, 0) / n)


@pytest.mark.parametrize("call", [
    lambda G: snapshot(G, 1990), lambda G: snapshots(G, [1990]), lambda G: window(G, 1, 2),
    growth, lambda G: pair_growth(G, "FR"), adoption,
    lambda G: active_links(G, 1990), lambda G: filter_era(G, "recent"),
])
def test_not_a_multidigraph(call):
    from paradiplo_net.errors import GraphContractError
    with pytest.raises(GraphContractError, match=r"expected a networkx.MultiDiGraph, got Graph"):
        call(nx.Graph())


# --- the one eras normaliser -------------------------------------------------------------------

def test_normalize_eras_default_and_forms():
    t = pn.temporal.normalize_eras()
    assert t["name"].tolist() == ERAS["name"].tolist()
    assert list(t.columns) == ["name", "label_en", "label_id", "start", "end"]
    frame = pd.DataFrame({"name": ["a", "b"], "start": [None, 1950], "end": [1949, None]})
    tuples = pn.temporal.normalize_eras([("a", None, 1949), ("b", 1950, None)])
    pd.testing.assert_frame_equal(pn.temporal.normalize_eras(frame), tuples)
    assert str(tuples["start"].dtype) == "Int64"


@pytest.mark.parametrize(("eras", "match"), [
    ([("a", 1900, 1950), ("b", 1950, 1960)], "overlap"),
    ([(" ", 1900, 1950)], "era name missing"),
    ("postwar", "expected a DataFrame or a sequence"),
])
def test_normalize_eras_errors_are_shared(toy, eras, match):
    """Every module's eras= goes through normalize_eras: one kind of error everywhere."""
    with pytest.raises(SchemaError, match=match):
        pn.temporal.normalize_eras(eras)
    with pytest.raises(SchemaError, match=match):
        pn.centrality.rank_over_time(toy, "partners", eras=eras, progress=False)
    with pytest.raises(SchemaError, match=match):
        pn.communities.by_era(toy, eras=eras, progress=False)
