"""figures._estimates: the town-sample figures, hand-checked on a five-town design.

The design (two strata):

* stratum ``DE:a`` (Germany): frame 20, 2 drawn, both respond (towns a, b):
  N_hat = 20, weight 10 each;
* stratum ``PL:a`` (Poland): frame 12, 3 drawn: c (links), d (zero), e (no list found):
  N_hat = 12, 2 respondents, weight 6 each (e carries none).

Links (partners x in France at 1 degree east of the equator origin, y in Poland at 10 degrees,
z in France without coordinates; towns a, b at (0, 0), c at (0, 5)):

* a -> x 1955 associative, a -> y 1992 commercial
* b -> x 1965 reciprocal, b -> z undated
* c -> x 1995 commercial
"""

from __future__ import annotations

import json
import math

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import figures
from paradiplo_net.errors import GraphContractError, SchemaError
from paradiplo_net.figures import _run
from paradiplo_net.figures._common import add_footer
from paradiplo_net.i18n import t

KM_PER_DEGREE = 2 * math.pi * pn.geo.EARTH_RADIUS_KM / 360  # 111.19 km on the equator


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def towns():
    return pd.DataFrame({
        "geonameid": list("abcde"),
        "country": ["DE", "DE", "PL", "PL", "PL"],
        "stratum": ["DE:a", "DE:a", "PL:a", "PL:a", "PL:a"],
        "frame_size": [20, 20, 12, 12, 12],
        "sample_size": [2, 2, 3, 3, 3],
        "status": ["links", "links", "links", "zero", "nonresponse"],
        "lat": [0.0, 0.0, 0.0, 0.0, 0.0],
        "lon": [0.0, 0.0, 5.0, 5.0, 5.0],
    })


@pytest.fixture
def G_sample():
    G = pn.model.new_graph(dataset="tiny-sample")
    for gid, cc, lon in (("a", "DE", 0.0), ("b", "DE", 0.0), ("c", "PL", 5.0),
                         ("d", "PL", 5.0), ("e", "PL", 5.0)):
        G.add_node(f"gn:{gid}", name=gid, country=cc, lat=0.0, lon=lon, level="municipality")
    G.add_node("x", name="x", country="FR", lat=0.0, lon=1.0, level="municipality")
    G.add_node("y", name="y", country="PL", lat=0.0, lon=10.0, level="municipality")
    G.add_node("z", name="z", country="FR", lat=None, lon=None, level="municipality")
    for u, v, year, phase in (("gn:a", "x", 1955, "associative"), ("gn:a", "y", 1992, "commercial"),
                              ("gn:b", "x", 1965, "reciprocal"), ("gn:b", "z", None, None),
                              ("gn:c", "x", 1995, "commercial")):
        G.add_edge(u, v, year=year, end_year=None, phase=phase,
                   phase_source="recorded" if phase else None, kind="twin_town",
                   dataset="tiny-sample")
    return G


# ------------------------------------------------------------------------------ growth


def test_growth_totals_profile_and_intervals(towns, G_sample):
    fig, tables = figures.estimated_growth(towns, G_sample)
    tab = tables["decades"].set_index("decade")
    # totals: 1950s a (w 10); 1960s b (10); 1990s a + c (10 + 6)
    assert tab["total"].to_dict() == pytest.approx({1950: 10.0, 1960: 10.0, 1990: 16.0})
    # profile: over all dated links, sum w x = 10*2 + 10*1 + 6*1 = 36
    assert tab.loc[1990, "estimate"] == pytest.approx(16 / 36)
    assert tab.loc[1950, "estimate"] == pytest.approx(10 / 36)
    # total variance, 1990s: DE 20^2 (1 - 2/20) 0.5 / 2 = 90, PL 12^2 (1 - 2/12) 0.5 / 2 = 30
    assert tab.loc[1990, "total_se"] == pytest.approx(math.sqrt(120))
    assert tab.loc[1990, "total_high"] == pytest.approx(16 + 1.959964 * math.sqrt(120))
    assert tab.loc[1990, "total_low"] == 0.0  # 16 - 21.5 clipped at zero
    assert tab["links"].to_dict() == {1950: 1, 1960: 1, 1990: 2}
    caption = tables["decades"].attrs["caption"]
    assert "1 of the sampled towns\u2019 5 links (20 %) have no year" in caption
    footer = fig.texts[-1].get_text()
    assert footer == ("Data: town sample, 5 towns drawn, 4 responding, design-weighted, "
                      "95 % CI \u00b7 n = 4 links")


def test_growth_by_region(towns, G_sample):
    _fig, tables = figures.estimated_growth(towns, G_sample, min_towns=1)
    reg = tables["regions"].set_index(["region", "decade"])
    # Germany (Western Europe): a 1955, b 1965, a 1992 (w 10); Poland: c 1995 (w 6)
    assert reg["total"].to_dict() == pytest.approx({
        ("western-europe", 1950): 10.0, ("western-europe", 1960): 10.0,
        ("western-europe", 1990): 10.0, ("eastern-europe", 1990): 6.0})
    assert reg.loc[("eastern-europe", 1990), "n_towns"] == 2
    # a region is whole strata: Poland alone, 1990s y = (1, 0): 12^2 (1 - 2/12) 0.5 / 2 = 30
    assert reg.loc[("eastern-europe", 1990), "total_se"] == pytest.approx(math.sqrt(30))
    # with the default (20 towns) both regions are too small: one "other" group
    _fig, tables = figures.estimated_growth(towns, G_sample)
    assert set(tables["regions"]["region"]) == {"other"}
    assert tables["regions"].groupby("decade")["total"].sum().to_dict() == pytest.approx(
        {1950: 10.0, 1960: 10.0, 1990: 16.0})


def test_growth_in_indonesian(towns, G_sample):
    fig, tables = figures.estimated_growth(towns, G_sample, lang="id")
    assert fig.texts[-1].get_text().startswith("Data: sampel kota, 5 kota terpilih")
    assert tables["decades"].attrs["caption"].startswith("Kiri atas:")


# ------------------------------------------------------------------------------ adoption


def test_adoption_shares_denominator_and_lower_bound(towns, G_sample):
    fig, tables = figures.estimated_adoption(towns, G_sample, since=1950)
    overall = tables["all"].set_index("year")
    # by 1960: b (only an undated link before 1965) is undetermined and left out:
    # a twinned (10) over a, c, d (10 + 6 + 6)
    assert overall.loc[1960, "estimate"] == pytest.approx(10 / 22)
    assert overall.loc[1960, "undetermined"] == 1
    # by 1970: a, b twinned over all four respondents' weights 32
    assert overall.loc[1970, "estimate"] == pytest.approx(20 / 32)
    assert overall.loc[1995, "estimate"] == pytest.approx(26 / 32)
    shares = tables["shares"].set_index(["group", "year"])
    assert shares.loc[("western-europe", 1960), "estimate"] == pytest.approx(1.0)
    assert shares.loc[("eastern-europe", 1995), "estimate"] == pytest.approx(0.5)
    # lower bound: e (no list) counted as never twinned, PL weights 12/3 = 4 each
    assert shares.loc[("eastern-europe", 1995), "lower_bound"] == pytest.approx(4 / 12)
    assert (shares["ci_low"] <= shares["estimate"] + 1e-12).all()
    assert (shares["ci_high"] >= shares["estimate"] - 1e-12).all()
    caption = tables["shares"].attrs["caption"]
    assert "1960: 1" in caption and "(1, no list found)" in caption
    assert "recorded no link" not in caption  # 1 zero town of 4 respondents: not rare
    no_zero = towns.assign(status=towns["status"].replace({"zero": "links"}))
    _fig, tables = figures.estimated_adoption(no_zero, G_sample, since=1950)
    assert "Only 0 of 4 responding towns recorded no link" in tables["all"].attrs["caption"]
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert "Western Europe (n = 2 of 2 drawn)" in titles
    assert "Eastern Europe (n = 2 of 3 drawn)" in titles


# ------------------------------------------------------------------------------ partners


def test_partner_shares_by_country(towns, G_sample):
    _fig, tables = figures.estimated_partner_shares(towns, G_sample, min_towns=3)
    m = tables["matrix"]
    # German towns: FR links a 1 + b 2 (w 10 each), all links 2 + 2 -> 30 / 40
    assert m.loc["DE", "FR"] == pytest.approx(0.75)
    assert m.loc["DE", "PL"] == pytest.approx(0.25)
    assert m.loc["PL", "FR"] == pytest.approx(1.0)
    assert list(m.columns) == ["FR", "PL"]  # all towns: FR 36/46, PL 10/46
    long = tables["shares"]
    assert set(long.loc[long["town_country"] == "PL", "n_towns"]) == {2}
    caption = long.attrs["caption"]
    assert "DE (n=2), PL (n=2)" in caption  # fewer than 3 towns: greyed, named


# ------------------------------------------------------------------------------ distances


def test_distance_bands_and_median(towns, G_sample):
    _fig, tables = figures.estimated_distances(towns, G_sample)
    bands = tables["bands"].set_index("band")
    # a->x and b->x 1 degree (111 km), c->x 4 degrees (445 km), a->y 10 degrees (1,112 km);
    # b->z has no coordinates. Sum of w x = 10*2 + 10*1 + 6*1 = 36
    assert bands.loc["100\u2013250", "estimate"] == pytest.approx(20 / 36)
    assert bands.loc["250\u2013500", "estimate"] == pytest.approx(6 / 36)
    assert bands.loc["1,000\u20132,500", "estimate"] == pytest.approx(10 / 36)
    assert bands.loc["0\u2013100", "estimate"] == 0.0
    assert bands["links"].sum() == 4
    summary = tables["summary"].iloc[0]
    assert (summary["links"], summary["with_distance"], summary["missing"]) == (5, 4, 1)
    # weights sorted by distance: 10, 10, 6, 10 (half of 36 = 18 reached at the 2nd link)
    assert summary["median_km_weighted"] == pytest.approx(KM_PER_DEGREE, rel=1e-6)
    assert summary["median_km_unweighted"] == pytest.approx(2.5 * KM_PER_DEGREE, rel=1e-6)
    assert "1 partners without coordinates" in bands.attrs["caption"]


# ------------------------------------------------------------------------------ phases


def test_phase_shares_by_decade(towns, G_sample):
    fig, tables = figures.estimated_phases(towns, G_sample, min_links=2)
    ph = tables["phases"].set_index(["decade", "phase"])
    assert ph.loc[(1950, "associative"), "estimate"] == pytest.approx(1.0)
    assert ph.loc[(1990, "commercial"), "estimate"] == pytest.approx(1.0)
    assert ph.loc[(1990, "commercial"), "n_links"] == 2
    assert ph.loc[(1960, "reciprocal"), "n_links"] == 1
    caption = tables["phases"].attrs["caption"]
    assert "4 of 4 dated links" in caption and "1950 (n=1), 1960 (n=1)" in caption
    # the n of every decade is written under the axis, the thin ones in grey
    texts = [x.get_text() for x in fig.axes[0].texts]
    assert {"n=1", "n=2"} <= set(texts)


def test_phases_figure_of_a_graph(toy):
    fig, tables = figures.phases_figure(toy, phase_rule=None, min_links=1)
    tab = tables["phases"]
    # toy: 11 dated links, one without a phase
    assert tab.groupby("decade")["n_links"].first().sum() == 10
    assert tab.groupby("decade")["estimate"].sum().round(9).eq(1.0).all()
    assert fig.axes[0].get_title() == t("fig.phases.title")


# ------------------------------------------------------------------------------ wiring


def test_resolve_estimates():
    assert figures.resolve_estimates("auto", "core") == "sample"
    assert figures.resolve_estimates("auto", "sample") == "sample"
    assert figures.resolve_estimates("auto", "toy") == "none"
    assert figures.resolve_estimates("auto", "/data/my.csv") == "none"
    assert figures.resolve_estimates("sample", "my.csv") == "sample"
    assert figures.resolve_estimates("none", "core") == "none"
    with pytest.raises(ValueError, match="'auto', 'sample', 'none'"):
        figures.resolve_estimates("yes", "core")


def test_core_is_named_as_landmark_links():
    fig = plt.figure()
    add_footer(fig, pn.datasets.load("toy"), lang="en", dataset="core")
    assert fig.texts[-1].get_text().startswith("Data: curated landmark links (core) \u00b7")
    add_footer(fig, None, lang="en", text="Data: x")
    assert fig.texts[-1].get_text() == "Data: x" and len(fig.texts) == 1
    with pytest.raises(ValueError, match="graph G or the footer text"):
        add_footer(plt.figure(), None, lang="en")


@pytest.fixture
def tiny_sample(towns, G_sample):
    """What run() loads for the estimates (_run._load_sample), on the five-town design."""
    info = {"dataset": "sample", "checksum": "-", "towns_drawn": 5, "countries": 2,
            "responding": 4, "nonresponse": 1, "ineligible": 0, "figures": list(figures.ESTIMATES)}
    return lambda: (towns, G_sample, info)


@pytest.mark.parametrize("lang", ["en", "id"])
def test_run_with_estimates_on(toy, tiny_sample, tmp_path, monkeypatch, lang):
    monkeypatch.setattr(_run, "_load_sample", tiny_sample)
    m = figures.run(toy, out=tmp_path, figures=["growth", "world_map", "phases"], lang=lang,
                    formats=["png"], dpi=40, progress=False, summary=False, dataset="core",
                    estimates="auto")
    assert m["estimates"]["mode"] == "sample" and m["estimates"]["towns_drawn"] == 5
    assert {n: f["data"] for n, f in m["figures"].items()} == {
        "growth": "sample", "world_map": "core", "phases": "sample"}
    assert "tables/growth__decades.csv" in m["files"]
    assert "tables/phases__phases.csv" in m["files"]
    md = (tmp_path / "report.md").read_text()
    html = (tmp_path / "report.html").read_text()
    heading = t("est.report.heading", lang=lang)
    assert f"## {heading}" in md and heading in html
    assert t("est.growth.title", lang=lang) in md and t("fig.map.title", lang=lang) in md
    assert t("data.core", lang=lang) in md
    assert json.loads((tmp_path / "manifest.json").read_text())["estimates"]["mode"] == "sample"


def test_run_keeps_own_data_by_default(toy, tmp_path, monkeypatch):
    def boom():
        raise AssertionError("the sample must not be loaded for a user's own data")

    monkeypatch.setattr(_run, "_load_sample", boom)
    m = figures.run(toy, out=tmp_path, figures=["growth"], formats=["png"], dpi=40,
                    progress=False, summary=False, dataset="toy")
    assert m["estimates"] == {"mode": "none"}
    assert m["figures"]["growth"]["data"] == "toy"
    assert t("est.report.heading") not in (tmp_path / "report.md").read_text()
    with pytest.raises(ValueError, match="estimates='yes'"):
        figures.run(toy, out=tmp_path, estimates="yes", progress=False)


def test_run_estimates_none_on_core_shows_counts(core, tmp_path, monkeypatch):
    monkeypatch.setattr(_run, "_load_sample", lambda: pytest.fail("sample loaded"))
    m = figures.run(core, out=tmp_path, figures=["growth"], formats=["png"], dpi=40,
                    progress=False, summary=False, dataset="core", estimates="none")
    assert m["figures"]["growth"]["data"] == "core"
    assert "tables/growth__growth.csv" in m["files"]


def test_cli_lists_match_the_figures():
    from paradiplo_net.cli._load import AUTO_ESTIMATES, ESTIMATE_NAMES

    assert set(ESTIMATE_NAMES) == set(figures.ESTIMATES)
    assert AUTO_ESTIMATES == figures._estimates.AUTO_ESTIMATES


def test_cli_does_not_warn_for_figures_drawn_from_the_sample(tmp_path, capsys, monkeypatch):
    from paradiplo_net.cli import main

    G = pn.datasets.load("toy")
    for *_e, d in G.edges(data=True):
        d["year"] = None
    path = tmp_path / "undated.csv"
    pn.io.write_links(G, path)
    monkeypatch.setattr(figures, "run", lambda *a, **k: {"files": [], "figures": {}})
    assert main(["figures", "--dataset", str(path), "--figures", "growth", "--out",
                 str(tmp_path / "o"), "--quiet"]) == 0
    assert "growth will be empty" in capsys.readouterr().err
    assert main(["figures", "--dataset", str(path), "--figures", "growth", "--out",
                 str(tmp_path / "o"), "--quiet", "--estimates", "sample"]) == 0
    assert "will be empty" not in capsys.readouterr().err


def test_cli_estimates_flag():
    from paradiplo_net.cli import build_parser

    parser = build_parser()
    assert parser.parse_args(["figures"]).estimates == "auto"
    assert parser.parse_args(["figures", "--estimates", "none"]).estimates == "none"
    with pytest.raises(SystemExit):
        parser.parse_args(["figures", "--estimates", "weighted"])


@pytest.mark.parametrize("name", list(figures.ESTIMATES))
def test_every_estimate_figure_on_the_bundled_sample(name):
    # any rebuild of the sample must still draw: titles, captions, footers naming the data
    towns, G = pn.datasets.sample_towns(), pn.datasets.load("sample")
    fig, tables = figures.ESTIMATES[name](towns, G, lang="en")
    assert all(frame.attrs["caption"] for frame in tables.values())
    footer = fig.texts[-1].get_text()
    assert footer.startswith(f"Data: town sample, {len(towns):,} towns drawn,")
    assert any(ax.get_title() for ax in fig.axes) or fig.get_suptitle()


def test_estimates_on_a_sample_without_links(towns):
    G = nx.MultiDiGraph(dataset="empty")
    for name in figures.ESTIMATES:
        fig, tables = figures.ESTIMATES[name](towns, G)
        assert all(isinstance(frame, pd.DataFrame) for frame in tables.values())
        plt.close(fig)


@pytest.mark.parametrize("func", [
    pn.figures.estimated_growth, pn.figures.estimated_adoption, pn.figures.estimated_phases,
    pn.figures.estimated_partner_shares, pn.figures.estimated_distances,
])
def test_estimate_figures_refuse_bad_input_before_drawing(func):
    towns, S = pn.datasets.sample_towns(), pn.datasets.load("sample")
    with pytest.raises(ValueError, match="lang='fr' is not one of"):
        func(towns, S, lang="fr")
    with pytest.raises(SchemaError, match="missing column 'status'"):
        func(towns.drop(columns="status"), S)
    with pytest.raises(GraphContractError):
        func(towns, {"not": "a graph"})
