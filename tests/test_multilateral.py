"""Tests of paradiplo_net.multilateral: memberships, layer, co-membership, holdout test.

The fixture tests/data/memberships_toy.csv is FICTIONAL: three made-up networks ("Toy Net
North", "Toy Net Pacific", "Toy Net Peace") over the toy graph's fictional cities. Its
memberships, by network (years joined-ended; "?" = undated):

    North:   A 1950, C 1950, D 1960, E ?
    Pacific: G 1980, H 1985, I 1990-1995 and 2000 (rejoined), J 1980-1991
    Peace:   A ? (written "city a"), G 1960, H 2000, City Z 1999 (not in the toy graph)

Toy twinning links among these cities (first year of the pair, either direction):
A-C 1959, C-D 1962, D-E 1956, G-J 1970, H-I 1994, H-J 2010, E-G undated.
"""

from __future__ import annotations

import io
import math
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import multilateral as ml
from paradiplo_net.errors import GraphContractError, SchemaError

TOY_CSV = Path(__file__).parent / "data" / "memberships_toy.csv"
HEADER = "network,city,country,join_year,end_year,role,ref,note\n"


@pytest.fixture(scope="module")
def toy():
    return pn.datasets.load("toy")


@pytest.fixture(scope="module")
def toy_layer(toy):
    return ml.layer(toy, TOY_CSV)


def _csv(*rows: str) -> io.StringIO:
    return io.StringIO(HEADER + "".join(r + "\n" for r in rows))


GOOD = "Net X,City A,GB,1990,,member,https://example.org/x,fictional"


# ---------------------------------------------------------------------------- memberships
def test_memberships_reads_the_fixture():
    m = ml.memberships(TOY_CSV)
    assert list(m.columns) == list(ml.MEMBERSHIP_COLUMNS)
    assert len(m) == 13
    assert m.index[0] == 2  # line numbers of the file (header = 1)
    assert str(m["join_year"].dtype) == "Int64"
    assert int(m["join_year"].isna().sum()) == 2
    assert m.loc[8, "end_year"] == 1995


def test_memberships_accepts_a_dataframe_and_does_not_mutate_it():
    frame = pd.read_csv(TOY_CSV, dtype=str, keep_default_na=False)
    before = frame.copy()
    m = ml.memberships(frame)
    assert len(m) == 13
    pd.testing.assert_frame_equal(frame, before)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Net X,City A,UK,1990,,member,https://example.org/x,", "country 'UK' is not an ISO"),
        ("Net X,City A,gb,1990,,member,https://example.org/x,", "country 'gb'"),
        ("Net X,City A,GB,1890,,member,https://example.org/x,", "join_year 1890 outside"),
        ("Net X,City A,GB,2030,,member,https://example.org/x,", "join_year 2030 outside"),
        ("Net X,City A,GB,c. 1990,,member,https://example.org/x,", "'c. 1990' is not a year"),
        ("Net X,City A,GB,1990,1980,member,https://example.org/x,", "end_year 1980 before"),
        ("Net X,City A,GB,1990,,mayor,https://example.org/x,", "role 'mayor' is not one of"),
        ("Net X,City A,GB,1990,,member,,", "ref is blank"),
        ("Net X,City A,GB,1990,,member,see the website,", "is not one http(s) URL"),
        ("Net X,City A,GB,1990,,member,https://a.org https://b.org,", "not one http(s) URL"),
        ("Net X,City A,GB,,,member,https://example.org/x,no year", "does not start with"),
        (",City A,GB,1990,,member,https://example.org/x,", "network is blank"),
    ],
)
def test_memberships_errors_name_the_row_and_the_fix(row, message):
    with pytest.raises(SchemaError) as err:
        ml.memberships(_csv(GOOD, row))
    text = str(err.value)
    assert message in text
    assert "row 3:" in text  # the bad row's line in the file, not the good one (row 2)
    assert "row 2:" not in text
    assert "Fix:" in text


def test_memberships_collects_every_problem_and_names_the_file(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(HEADER + "Net X,City A,UK,1890,,boss,nope,\n" + GOOD + "\n" + GOOD + "\n",
                    encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        ml.memberships(path)
    text = str(err.value)
    assert str(path) in text
    assert "5 problem(s)" in text  # country, year, role, ref on row 2; duplicate row 4
    assert "row 4: repeats an earlier row" in text


def test_memberships_missing_column():
    with pytest.raises(SchemaError, match="missing column 'role'"):
        ml.memberships(io.StringIO("network,city,country,join_year,end_year,ref,note\n"))


def test_memberships_empty_table_is_fine():
    assert len(ml.memberships(_csv())) == 0


def test_networks_reader_and_errors():
    csv = "network,full_name,founded,scope,ref,note\n"
    ok = ml.networks(io.StringIO(csv + "Net X,Network X,1986,regional,https://example.org,\n"))
    assert ok.loc[2, "founded"] == 1986
    with pytest.raises(SchemaError, match="row 3: network 'Net X' repeated"):
        ml.networks(io.StringIO(csv + "Net X,,1986,,https://e.org,\nNet X,,1990,,https://e.org,\n"))
    with pytest.raises(SchemaError, match="founded 'old' is not a year"):
        ml.networks(io.StringIO(csv + "Net X,,old,,https://e.org,\n"))


# ---------------------------------------------------------------------------- bundled data
def test_bundled_tables_have_the_schema_and_a_ref_on_every_row():
    folder = pn.datasets.data_file("networks")
    assert (folder / "README.md").is_file()
    m = ml.memberships()  # validates every row (raises otherwise)
    assert list(m.columns) == list(ml.MEMBERSHIP_COLUMNS)
    assert m["ref"].map(lambda r: isinstance(r, str) and r.startswith("http")).all()
    undated = m["join_year"].isna()
    assert m.loc[undated, "note"].str.startswith("undated:").all()
    n = ml.networks()
    assert list(n.columns) == list(ml.NETWORK_COLUMNS)
    assert n["ref"].map(lambda r: isinstance(r, str) and r.startswith("http")).all()
    raw = pd.read_csv(folder / "memberships.csv", dtype=str, keep_default_na=False)
    assert len(raw) == len(m)  # nothing dropped


# ---------------------------------------------------------------------------- layer
def test_layer_nodes_edges_and_unmatched(toy, toy_layer):
    B = toy_layer
    nets = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 1)
    assert nets == ["net:Toy Net North", "net:Toy Net Pacific", "net:Toy Net Peace"]
    cities = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 0)
    assert cities == ["A", "C", "D", "E", "G", "H", "I", "J"]
    assert B.number_of_edges() == 11  # 13 rows - City Z (unmatched) - I's second period
    assert B.nodes["A"]["name"] == "City A" and B.nodes["A"]["country"] == "GB"
    assert B.has_edge("net:Toy Net Peace", "A")  # "city a" matched case-insensitively
    assert nx.is_bipartite(B)
    un = B.graph["unmatched"]
    assert list(un["city"]) == ["City Z"] and list(un.index) == [14]
    assert un.iloc[0]["reason"] == "not in G"
    assert set(B.graph["matches"]["match"].dropna()) == {"name"}
    assert B.graph["n_rows"] == 13 and B.graph["dataset"] == "toy"


def test_layer_edge_attributes_and_rejoined_periods(toy_layer):
    e = toy_layer.edges["net:Toy Net Pacific", "I"]
    assert e["periods"] == [(1990, 1995), (2000, None)]
    assert (e["join_year"], e["end_year"]) == (1990, None)
    assert e["rows"] == [8, 9]
    j = toy_layer.edges["net:Toy Net Pacific", "J"]
    assert (j["join_year"], j["end_year"], j["role"]) == (1980, 1991, "member")
    assert j["ref"] == "https://example.org/toy/pacific"
    assert toy_layer.edges["net:Toy Net North", "E"]["join_year"] is None


def test_layer_matches_by_geonames_before_name():
    G = nx.MultiDiGraph(dataset="t")
    # node named differently from the table but with Poznan's GeoNames id
    G.add_node("gn:3088171", name="Posen (old name)", country="PL", lat=52.4, lon=16.9)
    G.add_node("x", name="Gdańsk", country="PL", geonames="3099434", lat=54.4, lon=18.6)
    G.add_node("y", name="Nowhere", country="PL", lat=50.0, lon=20.0)
    G.add_edge("x", "y", year=2000, kind="twin_town")
    table = _csv("Net X,Poznań,PL,2000,,member,https://example.org,fictional",
                 "Net X,Gdansk,PL,2000,,member,https://example.org,fictional",
                 "Net X,nowhere,PL,2000,,member,https://example.org,fictional")
    B = ml.layer(G, table)
    m = B.graph["matches"]
    assert list(m["node"]) == ["gn:3088171", "x", "y"]
    assert list(m["match"]) == ["geonames", "geonames", "name"]
    assert int(m.loc[2, "geonames"]) == 3088171


def test_layer_reports_ambiguous_names():
    G = nx.MultiDiGraph()
    G.add_node("a1", name="Twin", country="FR")
    G.add_node("a2", name="twin", country="FR")
    B = ml.layer(G, _csv("Net X,Twin,FR,2000,,member,https://example.org,fictional"))
    assert B.number_of_edges() == 0
    assert B.graph["unmatched"].iloc[0]["reason"].startswith("ambiguous: 2 nodes")


def test_layer_errors(toy):
    with pytest.raises(GraphContractError):
        ml.layer(nx.Graph(), TOY_CSV)
    G = toy.copy()
    G.add_node("net:X", name="X", country="FR")
    with pytest.raises(GraphContractError, match="named like a network node"):
        ml.layer(G, TOY_CSV)
    with pytest.raises(SchemaError):
        ml.layer(toy, _csv("Net X,City A,XX,1990,,member,https://example.org/x,"))


def test_layer_does_not_mutate_G(toy):
    before = (dict(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)))
    ml.layer(toy, TOY_CSV)
    assert before == (dict(toy.nodes(data=True)), list(toy.edges(keys=True, data=True)))


# ---------------------------------------------------------------------------- projection
def test_co_membership_weights_and_since(toy_layer):
    P = ml.co_membership(toy_layer)
    got = sorted((u, v, d["weight"], d["since"]) for u, v, d in P.edges(data=True))
    assert got == [
        ("A", "C", 1, 1950), ("A", "D", 1, 1960), ("A", "E", 1, None),  # E undated
        ("A", "G", 1, None), ("A", "H", 1, None),  # Peace: A undated
        ("C", "D", 1, 1960), ("C", "E", 1, None), ("D", "E", 1, None),
        ("G", "H", 2, 1985),  # Pacific from 1985, Peace from 2000: the first counts
        ("G", "I", 1, 1990), ("G", "J", 1, 1980), ("H", "I", 1, 1990), ("H", "J", 1, 1985),
        ("I", "J", 1, 1990),  # I's first period 1990-1995 overlaps J's 1980-1991
    ]
    assert P.edges["G", "H"]["networks"] == ["Toy Net Pacific", "Toy Net Peace"]
    assert P.number_of_nodes() == 8


def test_co_membership_at_a_year(toy_layer):
    # 1992: E and A (Peace) undated, J ended 1991, H not yet in Peace
    P = ml.co_membership(toy_layer, year=1992)
    assert sorted(P.edges(data="weight")) == [
        ("A", "C", 1), ("A", "D", 1), ("C", "D", 1), ("G", "H", 1), ("G", "I", 1), ("H", "I", 1)]
    assert P.graph["year"] == 1992
    # 1996: I between its two periods
    assert sorted(ml.co_membership(toy_layer, year=1996).edges) == [
        ("A", "C"), ("A", "D"), ("C", "D"), ("G", "H")]
    assert ml.co_membership(toy_layer, year=1940).number_of_edges() == 0


def test_co_membership_errors(toy_layer, toy):
    with pytest.raises(ValueError, match="year must be an int year"):
        ml.co_membership(toy_layer, year="1990")
    with pytest.raises(GraphContractError):
        ml.co_membership(toy)
    with pytest.raises(GraphContractError, match="bipartite"):
        ml.co_membership(nx.Graph([("a", "b")]))


def test_co_membership_empty_layer():
    B = ml.layer(pn.datasets.load("toy"), _csv())
    assert B.number_of_nodes() == 0
    assert ml.co_membership(B).number_of_nodes() == 0


# ---------------------------------------------------------------------------- holdout
def test_holdout_pairs_statuses(toy, toy_layer):
    t = ml.holdout_pairs(toy, toy_layer, cutoff=1989)
    assert len(t) == 28  # 8 member cities
    status = dict(zip(zip(t["u"], t["v"], strict=True), t["status"], strict=True))
    linked = sorted(k for k, s in status.items() if s == "linked_by_cutoff")
    assert linked == [("A", "C"), ("C", "D"), ("D", "E"), ("G", "J")]
    assert [k for k, s in status.items() if s == "undated_link"] == [("E", "G")]
    assert sorted(k for k, s in status.items() if s == "undated_membership") == [
        ("A", "E"), ("A", "G"), ("A", "H"), ("C", "E")]
    risk = t[t["status"] == "at_risk"]
    co = sorted(zip(risk.loc[risk["comember"], "u"], risk.loc[risk["comember"], "v"],
                    strict=True))
    assert co == [("A", "D"), ("G", "H"), ("H", "J")]
    formed = sorted(zip(risk.loc[risk["formed"], "u"], risk.loc[risk["formed"], "v"],
                        strict=True))
    assert formed == [("H", "I"), ("H", "J")]  # H-I 1994 (co-members only from 1990), H-J 2010
    row = t[(t["u"] == "H") & (t["v"] == "I")].iloc[0]
    assert row["first_link"] == 1994 and row["comember_since"] == 1990
    assert not row["same_country"] and row["distance_km"] > 1000


def test_precedes_twinning_hand_checked(toy, toy_layer):
    r = ml.precedes_twinning(toy, toy_layer, cutoff=1989).iloc[0]
    assert (r["members"], r["pairs"]) == (8, 28)
    assert r["last_link_year"] == 2010 and "last dated link of G (2010)" in r["note"]
    assert (r["pairs_co"], r["links_co"], r["pairs_other"], r["links_other"]) == (3, 1, 16, 1)
    assert r["rate_co"] == pytest.approx(1 / 3) and r["rate_other"] == pytest.approx(1 / 16)
    assert r["risk_ratio"] == pytest.approx(16 / 3)
    se = math.sqrt(1 - 1 / 3 + 1 - 1 / 16)
    assert r["rr_low"] == pytest.approx(16 / 3 * math.exp(-1.959964 * se))
    assert r["rr_high"] == pytest.approx(16 / 3 * math.exp(1.959964 * se))
    # Fisher, two-sided, [[1, 2], [1, 15]]: P(X=1) + P(X=2) of the hypergeometric
    assert r["fisher_p"] == pytest.approx(289 / 969)
    assert (r["excluded_linked_by_cutoff"], r["excluded_undated_link"],
            r["excluded_undated_membership"], r["undated_memberships"]) == (4, 1, 4, 2)
    # reverse order: G-J twinned 1970, co-members from 1980; A-C, C-D, H-I, H-J the other way
    assert (r["twinned_comember_pairs"], r["comember_after_twinning"], r["comember_first"],
            r["twinned_comember_undated"]) == (5, 1, 4, 1)  # D-E: E undated


def test_precedes_twinning_logit_matches_statsmodels(toy, toy_layer):
    sm = pytest.importorskip("statsmodels.api")
    r = ml.precedes_twinning(toy, toy_layer, cutoff=1989).iloc[0]
    t = ml.holdout_pairs(toy, toy_layer, cutoff=1989)
    d = t[t["status"] == "at_risk"]
    X = np.column_stack([np.ones(len(d)), d["comember"].astype(float),
                         np.log(d["distance_km"].to_numpy())])  # same_country: all False
    fit = sm.Logit(d["formed"].astype(float).to_numpy(), X).fit(disp=0)
    assert r["logit_coef"] == pytest.approx(fit.params[1])
    assert r["logit_p"] == pytest.approx(fit.pvalues[1])
    assert r["logit_n"] == 19
    assert "same_country" in r["note"]


def test_precedes_twinning_horizon_and_zero_cells(toy, toy_layer):
    r = ml.precedes_twinning(toy, toy_layer, cutoff=1989, horizon=10).iloc[0]
    assert (r["links_co"], r["links_other"]) == (0, 1)  # H-J 2010 is outside 1990-1999
    assert r["risk_ratio"] == 0 and math.isnan(r["rr_low"]) and math.isnan(r["logit_coef"])
    assert r["fisher_p"] == pytest.approx(1.0)
    assert "not fitted" in r["note"] and "CI not computed" in r["note"]
    assert "last dated link" not in r["note"]  # 1999 < 2010: the window is inside the data


def test_precedes_twinning_errors(toy, toy_layer):
    with pytest.raises(ValueError, match="cutoff must be an int year"):
        ml.precedes_twinning(toy, toy_layer, cutoff=1989.0)
    with pytest.raises(ValueError, match="horizon must be an int >= 1"):
        ml.precedes_twinning(toy, toy_layer, cutoff=1989, horizon=0)
    with pytest.raises(GraphContractError):
        ml.precedes_twinning(nx.Graph(), toy_layer, cutoff=1989)


def test_precedes_twinning_without_members(toy):
    B = ml.layer(toy, _csv())
    r = ml.precedes_twinning(toy, B, cutoff=1989).iloc[0]
    assert (r["members"], r["pairs"], r["pairs_co"]) == (0, 0, 0)
    assert math.isnan(r["fisher_p"]) and math.isnan(r["rate_co"])


# ---------------------------------------------------------------------------- core, scale
def test_holdout_on_core_is_sane():
    G = pn.datasets.load("core")
    B = ml.layer(G)
    assert B.graph["n_rows"] == len(B.graph["matches"])
    assert len(B.graph["matches"]) == len(ml.memberships())  # every row matched or listed
    known = ml.networks().set_index("network")
    for _net, d in B.nodes(data=True):
        if d["bipartite"] == 1 and d["name"] in known.index:
            assert d["full_name"] == known.loc[d["name"], "full_name"]
            assert d["founded"] == known.loc[d["name"], "founded"]
    r = ml.precedes_twinning(G, B, cutoff=2010).iloc[0]
    excluded = (r["excluded_linked_by_cutoff"] + r["excluded_undated_link"]
                + r["excluded_undated_membership"])
    assert r["pairs_co"] + r["pairs_other"] + excluded == r["pairs"]
    for col in ("rate_co", "rate_other", "fisher_p", "logit_p"):
        assert math.isnan(r[col]) or 0 <= r[col] <= 1, col
    assert r["links_co"] <= r["pairs_co"] and r["links_other"] <= r["pairs_other"]
    assert r["comember_after_twinning"] + r["comember_first"] == r["twinned_comember_pairs"]


def _synthetic(n_links: int, n_cities: int, n_members: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    G = nx.MultiDiGraph(dataset="synthetic")
    for k in range(n_cities):
        G.add_node(f"c{k}", name=f"Synthetic {k}", country="FR",
                   lat=float(rng.uniform(-50, 60)), lon=float(rng.uniform(-170, 170)))
    u, v = rng.integers(0, n_cities, (2, n_links))
    years = rng.integers(1950, 2021, n_links)
    for a, b, y in zip(u, v, years, strict=True):
        if a != b:
            G.add_edge(f"c{a}", f"c{b}", year=int(y), kind="twin_town")
    rows = [f"Net {k % 6},Synthetic {k},FR,{1980 + k % 40},,member,https://example.org/s,"
            "fictional" for k in range(n_members)]
    return G, _csv(*rows)


def test_wikipedia_size_graph_runs_fast():
    # the size of the English Wikipedia twin-town lists: about 26,000 links
    G, table = _synthetic(26_000, 15_000, 600)
    start = time.perf_counter()
    B = ml.layer(G, table)
    ml.co_membership(B)
    ml.precedes_twinning(G, B, cutoff=2000, horizon=10)
    assert time.perf_counter() - start < 60


# ---------------------------------------------------------------------------- plot
@pytest.mark.parametrize("lang", ["en", "id"])
def test_plot_multilateral_labels_and_overlay(toy, toy_layer, lang):
    import matplotlib.pyplot as plt

    fig, ax = pn.plot.plot_multilateral(toy_layer, toy, lang=lang)
    texts = [x.get_text() for x in ax.get_legend().get_texts()]
    assert texts[:3] == ["Toy Net North", "Toy Net Pacific", "Toy Net Peace"]
    assert texts[-1] == pn.i18n.t("multilateral.twinning", lang=lang)
    assert ax.get_title() == pn.i18n.t("fig.multilateral.title", lang=lang)
    hubs = {x.get_text() for x in ax.texts}
    assert {"Toy Net North (4)", "Toy Net Pacific (4)", "Toy Net Peace (3)"} <= hubs
    assert pn.i18n.t("multilateral.unmatched", lang=lang, n=1) in hubs  # City Z reported
    # collections: membership lines (11), twinning among members (7 pairs), city dots
    segments = [len(c.get_segments()) for c in ax.collections if hasattr(c, "get_segments")]
    assert segments[:2] == [11, 7]
    plt.close(fig)


def test_plot_multilateral_year_and_empty(toy, toy_layer):
    import matplotlib.pyplot as plt

    fig, ax = pn.plot.plot_multilateral(toy_layer, toy, year=1996)
    assert ax.get_title().endswith("1996")
    hubs = {x.get_text() for x in ax.texts}
    assert "Toy Net Pacific (2)" in hubs and "Toy Net Peace (1)" in hubs  # G, H; G
    plt.close(fig)
    fig, ax = pn.plot.plot_multilateral(toy_layer, year=1940)  # nobody yet: "no data"
    assert pn.i18n.t("plot.no_data") in [x.get_text() for x in ax.texts]
    plt.close(fig)
    with pytest.raises(ValueError, match="lang"):
        pn.plot.plot_multilateral(toy_layer, lang="fr")


def test_pyproject_package_data_covers_the_network_tables():
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["paradiplo_net.datasets"]
    for name in ("memberships.csv", "networks.csv", "README.md"):
        rel = f"data/networks/{name}"
        assert any(fnmatch.fnmatch(rel, g) for g in globs), f"{rel} not in the wheel's data"


@pytest.mark.real_data
def test_real_wikipedia_lists_layer_and_holdout_under_a_minute(shared_data):
    """The English Wikipedia twin-town lists (Hekman, about 26,000 links), read at run time."""
    G, _report = pn.io.read_links(
        shared_data / "wikipedia-hekman" / "twin_cities_raw.csv", source="city1",
        source_country="country1", target="city2", target_country="country2",
        drop_invalid=True, progress=False)
    start = time.perf_counter()
    B = ml.layer(G)
    P = ml.co_membership(B)
    r = ml.precedes_twinning(G, B, cutoff=2010).iloc[0]
    seconds = time.perf_counter() - start
    assert seconds < 60, f"{seconds:.1f} s"
    sys.stderr.write(
        f"wikipedia lists: {G.number_of_edges()} links; layer + projection + holdout "
        f"{seconds:.1f} s; {r['members']} member cities, {r['pairs']} pairs, "
        f"{r['pairs_co']} co-member and {r['pairs_other']} other pairs at risk\n")
    matched = B.graph["matches"]["node"].notna().sum()
    assert matched + len(B.graph["unmatched"]) == len(ml.memberships())
    assert P.number_of_nodes() <= B.number_of_nodes()
    assert r["pairs"] == r["members"] * (r["members"] - 1) // 2


@pytest.mark.parametrize("which", ["toy", "core"])
def test_holdout_pairs_agree_with_the_projection(which, toy_layer):
    """Two implementations (vectorised pair arrays, projection loop) give the same pairs."""
    G = pn.datasets.load(which)
    B = toy_layer if which == "toy" else ml.layer(G)
    P = ml.co_membership(B)
    t = ml.holdout_pairs(G, B, cutoff=2000)
    sharing = t[t["shared_networks"] > 0]
    assert len(sharing) == P.number_of_edges()
    for row in sharing.itertuples():
        e = P.edges[row.u, row.v]
        assert row.shared_networks == e["weight"]
        assert (e["since"] is None) if np.isnan(row.comember_since) else (
            row.comember_since == e["since"])


def test_membership_factcheck_is_the_seeded_draw_and_filled(script):
    """The bundled fact-check holds exactly the rows the seeded draw picks, each with a verdict."""
    import pandas as pd

    draw = script("draw_membership_factcheck").draw
    folder = pn.datasets.DATA_DIR / "networks"
    checked = pd.read_csv(folder / "factcheck.csv", dtype=str, keep_default_na=False)
    drawn = draw(folder / "memberships.csv").astype(str)
    cols = ["row", "network", "city", "country", "join_year", "role"]
    assert checked[cols].equals(drawn[cols])
    allowed = {"confirmed", "year_differs", "role_differs", "link_unconfirmed", "wrong"}
    assert set(checked["verdict"]) <= allowed and len(checked) == 20
    assert (checked.loc[checked["verdict"] == "confirmed", "evidence_url"] != "").all()


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "the file is empty"),
     (b'network,city,country\n"C40,Paris,FR\n', "cannot be parsed with separator"),
     (b"\xff\xfe\x00garbage\n\x00\x01", "not valid UTF-16")],
)
def test_broken_membership_files_end_in_a_project_error(tmp_path, content, message):
    path = tmp_path / "members.csv"
    path.write_bytes(content)
    with pytest.raises(SchemaError, match=message) as err:
        pn.multilateral.memberships(path)
    assert "members.csv" in str(err.value) and "Fix:" in str(err.value)
