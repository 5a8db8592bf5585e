"""Tests of paradiplo_net.phases (O'Toole phases: recorded, inferred, reported, filtered).

Toy graph reminder (paradiplo_net.datasets.toy): 12 edges; phases recorded on 10 of them
(5 associative, 2 reciprocal, 3 commercial); G->J (1970, friendship_city, no sectors) and
E->G (undated, twin_town) have no phase.
"""

from __future__ import annotations

import pandas as pd
import pytest

from paradiplo_net.model import Phase, new_graph, validate_graph
from paradiplo_net.phases import (
    DEFAULT_KEYWORDS,
    DEFAULT_PERIODS,
    assign,
    detect_phases,
    filter_phase,
    report,
)


def _add(G, u, v, **attrs):
    base = dict(
        year=None, end_year=None, phase=None, phase_source=None, kind="unspecified", dataset="toy"
    )
    base.update(attrs)
    for n in (u, v):
        if n not in G:
            G.add_node(n, name=n, country=None, lat=None, lon=None, level="municipality")
    return G.add_edge(u, v, **base)


# --- detect_phases -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("persahabatan dan budaya", ["associative"]),
        ("Pendidikan; PERTUKARAN pemuda", ["reciprocal"]),
        ("perdagangan, investasi", ["commercial"]),
        ("Kultur und Wirtschaft", ["associative", "commercial"]),  # order of first occurrence
        ("échanges scolaires", ["reciprocal"]),  # diacritics removed: echanges
        ("Économie", ["commercial"]),
        ("friendship_city", ["associative"]),  # underscore is a word break
        ("penanaman   modal", ["commercial"]),  # multi-word keyword, any whitespace
        ("tourism", ["commercial"]),  # documented choice
        ("pariwisata", ["commercial"]),
        ("agricultural", []),  # whole words only: not "agriculture"
        ("transport", []),  # "port" must not match inside a word
        ("sister_city", []),
        ("", []),
        (None, []),
    ],
)
def test_detect_phases(text, expected):
    assert detect_phases(text) == expected


def test_detect_phases_custom_keywords_and_bad_key():
    assert detect_phases("tourism", keywords={"associative": ["tourism"]}) == ["associative"]
    with pytest.raises(ValueError, match="unknown phase key"):
        detect_phases("x", keywords={"cultural": ["x"]})


def test_default_lists_cover_the_brief():
    need = {
        "associative": [
            "persahabatan",
            "budaya",
            "kebudayaan",
            "seni",
            "olahraga",
            "friendship",
            "culture",
        ],
        "reciprocal": [
            "pendidikan",
            "pertukaran",
            "pemuda",
            "pelajar",
            "beasiswa",
            "education",
            "school",
            "student",
            "exchange",
            "youth",
        ],
        "commercial": [
            "perdagangan",
            "investasi",
            "ekonomi",
            "industri",
            "trade",
            "investment",
            "economic",
            "business",
            "technical",
        ],
    }
    for phase, words in need.items():
        assert set(words) <= set(DEFAULT_KEYWORDS[phase])
    # no keyword is listed under two phases
    seen = [w for ws in DEFAULT_KEYWORDS.values() for w in ws]
    assert len(seen) == len(set(seen))


# --- assign ------------------------------------------------------------------------------


def test_assign_keywords_keeps_recorded_and_fills_missing(toy):
    before = {(u, v, k): dict(d) for u, v, k, d in toy.edges(keys=True, data=True)}
    H = assign(toy)
    validate_graph(H)
    # input untouched
    assert {(u, v, k): dict(d) for u, v, k, d in toy.edges(keys=True, data=True)} == before
    # recorded phases unchanged; their `phases` = the recorded phase
    for (u, v, k), d in before.items():
        if d["phase"] is not None:
            assert H.edges[u, v, k]["phase"] == d["phase"]
            assert H.edges[u, v, k]["phase_source"] == "recorded"
            assert H.edges[u, v, k]["phases"] == d["phase"]
    # G->J: kind friendship_city, no sectors/note -> no phase (issue 15: kind never implies one)
    assert H.edges["G", "J", 0]["phase"] is None
    assert H.edges["G", "J", 0]["phase_source"] is None
    # E->G: kind twin_town, no sectors/note -> nothing found
    assert H.edges["E", "G", 0]["phase"] is None
    assert H.edges["E", "G", 0]["phase_source"] is None
    s = H.graph["phase_assignment"]
    assert s == {
        "rule": ["keywords"],
        "multi": "latest",
        "recorded": 10,
        "inferred": {},
        "none": 2,
        "undated": 0,
    }


def test_assign_period_rule_and_undated(toy):
    H = assign(toy, rule="period")
    # G->J formed 1970: 1970-1989 -> reciprocal under DEFAULT_PERIODS
    assert H.edges["G", "J", 0]["phase"] == "reciprocal"
    assert H.edges["G", "J", 0]["phase_source"] == "inferred:period"
    assert H.edges["E", "G", 0]["phase"] is None
    assert H.graph["phase_assignment"]["undated"] == 1
    assert H.graph["phase_assignment"]["none"] == 1


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1969, "associative"),
        (1970, "reciprocal"),
        (1989, "reciprocal"),
        (1990, "commercial"),
        (1913, "associative"),
        (2024, "commercial"),
    ],
)
def test_period_boundaries_inclusive(year, expected):
    G = new_graph(dataset="t")
    _add(G, "a", "b", year=year)
    assert assign(G, rule="period").edges["a", "b", 0]["phase"] == expected


def test_period_custom_boundaries_with_gap():
    G = new_graph(dataset="t")
    _add(G, "a", "b", year=1975)
    _add(G, "a", "c", year=1950)
    H = assign(G, rule="period", periods=[("commercial", 1970, 1979)])
    assert H.edges["a", "b", 0]["phase"] == "commercial"
    assert H.edges["a", "c", 0]["phase"] is None  # in no period: stays None, counted
    assert H.graph["phase_assignment"]["none"] == 1
    assert H.graph["phase_assignment"]["undated"] == 0


@pytest.mark.parametrize(
    "periods",
    [
        [("associative", 1950, 1970), ("reciprocal", 1970, 1980)],  # overlap at 1970
        [("friendship", None, 1970)],  # not a phase
        [("associative", 1980, 1970)],  # start after end
        [("associative", 1970)],  # wrong shape
    ],
)
def test_period_bad_periods(toy, periods):
    with pytest.raises(ValueError, match="periods"):
        assign(toy, rule="period", periods=periods)


def test_assign_mapping_by_edge_then_kind(toy):
    H = assign(toy, rule={("E", "G", 0): "reciprocal", "friendship_city": Phase.COMMERCIAL})
    assert H.edges["E", "G", 0]["phase"] == "reciprocal"  # edge key wins
    assert H.edges["G", "J", 0]["phase"] == "commercial"  # by kind; Phase accepted
    assert H.edges["G", "J", 0]["phase_source"] == "inferred:mapping"
    assert H.edges["A", "B", 0]["phase"] == "associative"  # recorded kept


def test_assign_function_and_bad_return(toy):
    def f(u, v, d):
        d["year"] = 0  # a copy: must not leak into the graph
        return "commercial" if u == "G" else None

    H = assign(toy, rule=f)
    assert H.edges["G", "J", 0]["phase_source"] == "inferred:function"
    assert H.edges["G", "J", 0]["year"] == 1970
    assert H.edges["E", "G", 0]["phase"] is None
    with pytest.raises(ValueError, match=r"rule function on edge .* returned phase 'trade'"):
        assign(toy, rule=lambda u, v, d: "trade")
    with pytest.raises(ValueError, match="mapping for edge"):
        assign(toy, rule={"twin_town": "friendly"})


def test_assign_rule_chain(toy):
    H = assign(toy, rule=("keywords", "period"))
    # G->J (no sectors/note) falls through to the period rule; E->G undated: neither can say
    assert H.edges["G", "J", 0]["phase_source"] == "inferred:period"
    assert H.edges["E", "G", 0]["phase"] is None
    assert H.graph["phase_assignment"]["undated"] == 1
    H2 = assign(toy, rule=["period", {"twin_town": "associative"}])
    assert H2.edges["G", "J", 0]["phase_source"] == "inferred:period"
    assert H2.edges["E", "G", 0]["phase_source"] == "inferred:mapping"
    assert H2.graph["phase_assignment"]["undated"] == 0


@pytest.mark.parametrize(
    ("multi", "phase"),
    [
        ("latest", "commercial"),
        ("earliest", "associative"),
        ("first", "reciprocal"),
    ],
)
def test_multi_phase_link(multi, phase):
    G = new_graph(dataset="t")
    _add(G, "a", "b", sectors="education;culture", note="and trade")
    H = assign(G, multi=multi)
    d = H.edges["a", "b", 0]
    assert d["phase"] == phase
    assert d["phases"] == "associative;reciprocal;commercial"  # always O'Toole's order


def test_assign_bad_options(toy):
    with pytest.raises(ValueError, match="rule='magic' is not one of"):
        assign(toy, rule="magic")
    with pytest.raises(ValueError, match="multi='all' is not one of"):
        assign(toy, multi="all")
    with pytest.raises(ValueError, match="expected 'keywords', 'period', a Mapping"):
        assign(toy, rule=[42])
    with pytest.raises(ValueError, match="empty sequence"):
        assign(toy, rule=[])


def test_assign_empty_and_single_node():
    G = new_graph(dataset="empty")
    H = assign(G)
    assert H.number_of_edges() == 0
    assert H.graph["phase_assignment"]["none"] == 0
    G.add_node("a", name="a", country=None, lat=None, lon=None, level="municipality")
    assert list(assign(G).nodes) == ["a"]


def test_default_periods_documented_as_heuristic():
    import paradiplo_net.phases as ph

    assert DEFAULT_PERIODS[0] == ("associative", None, 1969)
    assert "heuristic" in ph.__doc__ and "not a fact" in ph.__doc__


# --- report ------------------------------------------------------------------------------


def test_report_by_phase(toy):
    t = report(toy)
    assert list(t.columns) == ["phase", "source", "links"]
    assert t.values.tolist() == [
        ["associative", "recorded", 5],
        ["reciprocal", "recorded", 2],
        ["commercial", "recorded", 3],
        ["none", "none", 2],
    ]
    assert t["links"].sum() == 12 and t.attrs["total"] == 12 and t.attrs["undated"] == 1
    H = assign(toy, rule="period")
    t2 = report(H)
    assert t2.values.tolist() == [
        ["associative", "recorded", 5],
        ["reciprocal", "recorded", 2],
        ["reciprocal", "inferred:period", 1],
        ["commercial", "recorded", 3],
        ["none", "none", 1],
    ]


def test_report_by_decade(toy):
    t = report(toy, by="decade")
    assert list(t.columns) == ["decade", "phase", "source", "links"]
    assert t["links"].sum() == 12
    # 1950s: A->C 1959, D->E 1956 associative; F->G 1955 reciprocal
    d50 = t[t["decade"] == 1950]
    assert d50[["phase", "links"]].values.tolist() == [["associative", 2], ["reciprocal", 1]]
    # the undated E->G is the last row, decade <NA>
    last = t.iloc[-1]
    assert pd.isna(last["decade"]) and last["phase"] == "none" and last["links"] == 1
    assert t.attrs["undated"] == 1
    assert str(t["decade"].dtype) == "Int64"


def test_report_empty_and_bad_option():
    G = new_graph(dataset="empty")
    t = report(G)
    assert len(t) == 0 and t.attrs["total"] == 0
    assert len(report(G, by="decade")) == 0
    with pytest.raises(ValueError, match="by='year' is not one of"):
        report(G, by="year")


# --- filter_phase --------------------------------------------------------------------------


def test_filter_phase_primary(toy):
    H = filter_phase(toy, "associative")
    assert sorted(H.edges(keys=True)) == [
        ("A", "B", 0),
        ("A", "C", 0),
        ("B", "A", 0),
        ("C", "D", 0),
        ("D", "E", 0),
    ]
    assert sorted(H.nodes) == ["A", "B", "C", "D", "E"]
    assert H.graph["phase_filter"] == {
        "phase": ["associative"],
        "match": "primary",
        "excluded_other_phase": 5,
        "excluded_no_phase": 2,
    }
    assert H.nodes["A"] == toy.nodes["A"]
    H.edges["A", "B", 0]["year"] = 0  # a copy
    assert toy.edges["A", "B", 0]["year"] == 1944
    assert filter_phase(toy, "associative", keep_isolates=True).number_of_nodes() == 10


def test_filter_phase_several_and_any(toy):
    H = filter_phase(toy, ["reciprocal", Phase.COMMERCIAL])
    assert H.number_of_edges() == 5  # 2 reciprocal + 3 commercial
    G = toy.copy()
    _add(G, "A", "D", year=1990, sectors="culture;trade")
    M = assign(G)
    assert M.edges["A", "D", 0]["phase"] == "commercial"
    assert filter_phase(M, "associative").number_of_edges() == 5  # G->J's kind is no phase
    assert filter_phase(M, "associative", match="any").number_of_edges() == 6  # + A->D
    assert filter_phase(M, "commercial", match="any").number_of_edges() == 4
    # without a `phases` attribute, "any" falls back to `phase`
    assert filter_phase(toy, "associative", match="any").number_of_edges() == 5


def test_filter_phase_errors_and_empty(toy):
    with pytest.raises(ValueError, match="phase='trade' is not one of"):
        filter_phase(toy, "trade")
    with pytest.raises(ValueError, match="match='all' is not one of"):
        filter_phase(toy, "associative", match="all")
    H = filter_phase(new_graph(dataset="e"), "associative")
    assert H.number_of_nodes() == 0 and H.graph["phase_filter"]["excluded_no_phase"] == 0


@pytest.mark.parametrize(
    "call",
    [
        assign,
        report,
        lambda G: filter_phase(G, "associative"),
    ],
)
def test_not_a_multidigraph(call):
    import networkx as nx

    from paradiplo_net.errors import GraphContractError

    with pytest.raises(GraphContractError, match=r"expected a networkx.MultiDiGraph, got DiGraph"):
        call(nx.DiGraph())


# --- issue 15: kind never implies a phase; the evidence is stored ------------------------


@pytest.mark.parametrize("kind", ["friendship_city", "sister_city", "partnership", "twin_town"])
def test_kind_alone_never_implies_a_phase(kind):
    G = new_graph(dataset="t")
    _add(G, "A", "B", year=1980, kind=kind)
    H = assign(G)
    assert H.edges["A", "B", 0]["phase"] is None
    assert "phase_evidence" not in H.edges["A", "B", 0]
    assert H.graph["phase_assignment"]["none"] == 1


def test_keyword_evidence_names_field_and_word():
    G = new_graph(dataset="t")
    _add(G, "A", "B", year=1980, kind="friendship_city", sectors="Handel", note="Kultur; Jugend")
    _add(G, "C", "D", year=1980, kind="friendship_city", note="friendship and goodwill")
    H = assign(G)
    d = H.edges["A", "B", 0]
    assert d["phase"] == "commercial"
    assert d["phases"] == "associative;reciprocal;commercial"
    assert d["phase_evidence"] == (
        "sectors: 'handel' (commercial); note: 'kultur' (associative); "
        "note: 'jugend' (reciprocal)"
    )
    # the word "friendship" in a note is a statement of purpose: associative
    assert H.edges["C", "D", 0]["phase_evidence"] == "note: 'friendship' (associative)"


def test_period_and_mapping_evidence(toy):
    H = assign(toy, rule="period")
    assert H.edges["G", "J", 0]["phase_evidence"] == (
        "year: 1970 in the period 1970-1989 (reciprocal; a heuristic)"
    )
    K = assign(toy, rule={"twin_town": "associative"})
    assert K.edges["E", "G", 0]["phase_evidence"] == "mapping: kind 'twin_town'"
    # recorded phases carry no evidence: they were not inferred
    assert all(
        "phase_evidence" not in d for *_, d in K.edges(data=True) if d["phase_source"] == "recorded"
    )
