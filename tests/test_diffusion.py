"""Tests of paradiplo_net.diffusion (adoption curves, waves, spread, cascades, null models).

The `wave` fixture is a graph whose waves and cascades are known by construction. All cities
lie on the equator, so the great-circle distance between two of them is R * |dlon| in radians
(R = 6371.0088 km: 111.195 km per degree).

  seed (western-europe)  F1-D1 1950, F2-D2 1950, F3-D3 1951, F4-D4 1951, F5-D5 1952,
                         F6-D6 1952                    F* at lon 0 (FR), D* at lon 1 (DE)
  US/JP wave             D1-U1 1956 (U1 adopts through D1), Ui-Ji 1955+i (i = 1..5)
                         U* at lon 10 (US), J* at lon 20 (JP)
  eastern wave           Di-Pi and Di-Ci in 1990+i (i = 1..5): every P/C through its D
                         P* and C* at lon 30 (PL, CZ)
  chain                  P1-UA1 2000 (UA1 through P1): D1 -> P1 -> UA1, UA1 at lon 40
  tie rules              K (KR, lon 50): K-J2 1997 and K-U3 1997 -> introducer J2 (J2 adopted
                         1957, U3 1958: the earliest adopter wins)
                         M (MX, lon 60): M-J3 1998 and M-U3 1998 -> both adopted 1958: the
                         smallest id, J3
  missing year           Z (ZA, lon 70): only the undated link Z-F1, never placed in time

City adopters: 12 F/D + 10 U/J + 10 P/C + UA1 + K + M = 35; through an earlier adopter:
U1, 10 P/C, UA1, K, M = 14 -> share 0.4.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net.diffusion import (
    adoption_curves,
    cascades,
    fit_logistic,
    logistic,
    null_model,
    peak_periods,
    seed_countries,
    spread,
    waves,
)
from paradiplo_net.diffusion._nulls import _pair_arrays, _rewire
from paradiplo_net.errors import GraphContractError, SchemaError
from paradiplo_net.model import new_graph

KM_PER_DEG = 6371.0088 * math.pi / 180


def _city(G, n, cc, lon):
    G.add_node(n, name=n, country=cc, lat=0.0, lon=float(lon), level="municipality")


def _link(G, u, v, year):
    G.add_edge(u, v, year=year, end_year=None, phase=None, phase_source=None,
               kind="twin_town", dataset="wave")


def build_wave() -> nx.MultiDiGraph:
    G = new_graph(dataset="wave")
    for i in range(1, 7):
        _city(G, f"F{i}", "FR", 0)
        _city(G, f"D{i}", "DE", 1)
    for i in range(1, 6):
        _city(G, f"U{i}", "US", 10)
        _city(G, f"J{i}", "JP", 20)
        _city(G, f"P{i}", "PL", 30)
        _city(G, f"C{i}", "CZ", 30)
    for n, cc, lon in (("UA1", "UA", 40), ("K", "KR", 50), ("M", "MX", 60), ("Z", "ZA", 70)):
        _city(G, n, cc, lon)
    for i, y in zip(range(1, 7), (1950, 1950, 1951, 1951, 1952, 1952), strict=True):
        _link(G, f"F{i}", f"D{i}", y)
    _link(G, "D1", "U1", 1956)
    for i in range(1, 6):
        _link(G, f"U{i}", f"J{i}", 1955 + i)
        _link(G, f"D{i}", f"P{i}", 1990 + i)
        _link(G, f"D{i}", f"C{i}", 1990 + i)
    _link(G, "P1", "UA1", 2000)
    _link(G, "K", "J2", 1997)
    _link(G, "K", "U3", 1997)
    _link(G, "M", "J3", 1998)
    _link(G, "M", "U3", 1998)
    _link(G, "Z", "F1", None)
    pn.model.validate_graph(G)
    return G


@pytest.fixture
def wave():
    return build_wave()


@pytest.fixture
def empty():
    return new_graph(dataset="empty")


def _edges_snapshot(G):
    return sorted((u, v, k, tuple(sorted(d.items())))
                  for u, v, k, d in G.edges(keys=True, data=True))


# ---------------------------------------------------------------------------------------
# seed regions


def test_seed_countries_region_and_codes():
    label, codes = seed_countries("western-europe")
    assert label == "western-europe" and {"FR", "DE", "GB"} <= codes and "PL" not in codes
    assert seed_countries({"fr", " de"}) == ("seed", frozenset({"FR", "DE"}))


@pytest.mark.parametrize("bad", ["europe", ["FRA"], [], ["F1"], 5])
def test_seed_countries_errors(bad):
    with pytest.raises(ValueError, match="seed_region"):
        seed_countries(bad)


# ---------------------------------------------------------------------------------------
# adoption curves and logistic fits


def test_adoption_curves_country_by_construction(wave):
    c = adoption_curves(wave, level="country", since=1945, until=2005)
    # FR, DE 1950 (WE); US 1956 (NA); JP 1956, KR 1997 (EA); PL, CZ 1991, UA 2000 (EE); MX 1998
    last = c[c["year"] == 2005].set_index("group")["cumulative"].to_dict()
    assert last == {"east-asia": 2, "eastern-europe": 3, "latin-america": 1,
                    "north-america": 1, "western-europe": 2}
    ee = c[c["group"] == "eastern-europe"].set_index("year")
    assert ee.loc[1991, "new"] == 2 and ee.loc[1991, "share"] == pytest.approx(2 / 3)
    assert ee.loc[2000, "new"] == 1 and ee.loc[2000, "share"] == 1.0
    assert len(c) == 5 * 61  # every year x group
    assert c.attrs["only_undated"] == 1  # ZA: only the undated Z-F1
    assert c.attrs["seed_group"] == "western-europe" and c.attrs["before_since"] == 0


def test_adoption_curves_city_before_since_and_custom_seed(wave):
    c = adoption_curves(wave, since=1951, until=1960, seed_region=["FR", "DE"])
    # F1, D1, F2, D2 adopted 1950: before since, in cumulative from the first row
    seed = c[c["group"] == "seed"].set_index("year")
    assert seed.loc[1951, "cumulative"] == 8 and seed.loc[1951, "new"] == 4
    assert c.attrs["before_since"] == 4
    assert "western-europe" not in set(c["group"])
    assert c.attrs["after_until"] == 10 + 3  # P/C, UA1, K, M adopt after 1960


def test_adoption_curves_by_continent(wave):
    c = adoption_curves(wave, by="continent", level="country")
    assert set(c["group"]) == {"Europe", "Asia", "North America"}  # MX is in North America
    assert int(c[c["group"] == "Europe"]["cumulative"].iloc[-1]) == 5


def test_adoption_curves_unknown_country_counted(wave):
    G = wave.copy()
    G.add_node("X", name="X", country=None, lat=None, lon=None, level="municipality")
    _link(G, "X", "F2", 1960)
    c = adoption_curves(G)
    assert c.attrs["unknown_group"] == 1


def test_adoption_curves_empty_and_single_year(empty):
    c = adoption_curves(empty)
    assert len(c) == 0 and list(c.columns) == ["year", "group", "new", "cumulative", "share"]
    G = new_graph(dataset="one")
    _city(G, "a", "FR", 0)
    _city(G, "b", "DE", 1)
    _link(G, "a", "b", 1960)
    c = adoption_curves(G, since=1960)
    assert c[["year", "group", "new", "cumulative", "share"]].values.tolist() == [
        [1960, "western-europe", 2, 2, 1.0]]
    f = fit_logistic(c)
    assert f.loc[0, "status"] == "too_few_points" and pd.isna(f.loc[0, "order"])


def test_adoption_curves_does_not_mutate(wave):
    before = _edges_snapshot(wave)
    adoption_curves(wave)
    waves(wave)
    spread(wave)
    cascades(wave)
    null_model(wave, n=3, progress=False)
    null_model(wave, "distance_trend", model="rewire", n=3, progress=False)
    assert _edges_snapshot(wave) == before


@pytest.mark.parametrize("kw", [{"level": "town"}, {"by": "country"},
                                {"since": 1990, "until": 1980},
                                {"since": 1945.5}, {"seed_region": "mars"}])
def test_adoption_curves_errors(wave, kw):
    with pytest.raises(ValueError):
        adoption_curves(wave, **kw)


def test_not_a_multidigraph():
    for fn in (adoption_curves, waves, spread, cascades, null_model):
        with pytest.raises(GraphContractError):
            fn(nx.Graph())
    with pytest.raises(GraphContractError):
        peak_periods(nx.Graph())


def test_fit_logistic_recovers_parameters():
    t = np.arange(1950, 2011)
    curves = pd.DataFrame({"year": t, "group": "g", "new": 1,
                           "cumulative": logistic(t, 1975.0, 0.25, 500.0)})
    f = fit_logistic(curves)
    row = f.iloc[0]
    assert row["midpoint"] == pytest.approx(1975.0, abs=1e-3)
    assert row["rate"] == pytest.approx(0.25, abs=1e-4)
    assert row["K"] == pytest.approx(500.0, rel=1e-4)
    assert row["r2"] == pytest.approx(1.0) and row["rmse"] < 1e-3 and row["n"] == 61


def test_fit_logistic_orders_waves_by_construction(wave):
    # city level: WE adopts 1950-52 (midpoint ~1951), US/JP 1956-60 (~1958),
    # P/C 1991-95 and UA1 2000 (~1993); the seed region comes first
    f = fit_logistic(adoption_curves(wave, since=1945, until=2005), min_points=3)
    fitted = f[f["status"] == "fitted"].set_index("group")
    assert f.loc[0, "group"] == "western-europe" and f.loc[0, "order"] == 1
    assert fitted.loc["western-europe", "midpoint"] == pytest.approx(1951, abs=1)
    assert fitted.loc["north-america", "midpoint"] == pytest.approx(1958, abs=1)
    assert fitted.loc["eastern-europe", "midpoint"] == pytest.approx(1993, abs=1.5)
    assert fitted.loc["eastern-europe", "order"] == len(fitted)
    # MX has one adopter: flagged, not fitted
    assert f.set_index("group").loc["latin-america", "status"] == "too_few_points"


def test_fit_logistic_errors():
    with pytest.raises(SchemaError, match="cumulative"):
        fit_logistic(pd.DataFrame({"year": [1], "group": ["a"], "new": [1]}))
    ok = pd.DataFrame({"year": [1], "group": ["a"], "new": [1], "cumulative": [1]})
    with pytest.raises(ValueError, match="min_points"):
        fit_logistic(ok, min_points=2)
    with pytest.raises(ValueError, match="k_max"):
        fit_logistic(ok, k_max=0.5)


def test_fit_logistic_empty():
    f = fit_logistic(adoption_curves(new_graph(dataset="e")))
    assert len(f) == 0 and "midpoint" in f.columns and "order" in f.columns


# ---------------------------------------------------------------------------------------
# waves


EXPECTED_WAVES = [  # group, start, peak, end, size, seed -- see the module docstring
    ["western-europe", 1950, 1951, 1952, 6, True],
    ["east-asia", 1956, 1958, 1960, 5, False],      # Ui-Ji 1956-60: one per year
    ["north-america", 1956, 1957, 1960, 6, False],  # + D1-U1 1956
    ["eastern-europe", 1991, 1993, 1995, 10, False],
    ["western-europe", 1991, 1993, 1995, 10, True],
]


@pytest.mark.parametrize("method", ["peaks", "pelt"])
def test_waves_by_construction(wave, method):
    w = waves(wave, since=1945, until=2005, method=method)
    got = w.table[["group", "start", "peak", "end", "size", "seed"]].values.tolist()
    assert got == EXPECTED_WAVES
    assert not w.table["censored"].any()
    assert w.first_waves()["group"].tolist() == [  # by start, then peak (NA 1957, EA 1958)
        "western-europe", "north-america", "east-asia", "eastern-europe"]
    # LA (M's two links) has fewer than min_size links; K's and M's 1997-98 bumps are small
    assert w.counts["groups"] == 4 and w.counts["groups_too_small"] == 1
    assert w.counts["undated"] == 1 and w.counts["links"] == 27  # 28 links, 1 undated
    assert w.params["method"] == method and w.seed_region == "western-europe"
    assert w.dataset == "wave"
    assert set(w.series["group"]) == {"western-europe", "east-asia", "north-america",
                                      "eastern-europe"}


def test_waves_peaks_counts_small_waves(wave):
    w = waves(wave, since=1945, until=2005)
    assert w.counts["waves_too_small"] == 2  # NA 1997-98 (2 links), EA 1997-98 (3 links)
    w1 = waves(wave, since=1945, until=2005, min_size=1)
    small = w1.table[w1.table["start"] >= 1997][["group", "start", "end", "size"]].values.tolist()
    assert small == [["east-asia", 1997, 1998, 3], ["north-america", 1997, 1998, 2],
                     ["latin-america", 1998, 1998, 2]]  # with min_size=1 LA is analysed too


def test_waves_country_pairs(wave):
    w = waves(wave, by="country_pair", since=1945, until=2005)
    got = w.table[["group", "start", "end", "size", "seed"]].values.tolist()
    assert got == [["DE-FR", 1950, 1952, 6, True], ["JP-US", 1956, 1960, 5, False],
                   ["CZ-DE", 1991, 1995, 5, True], ["DE-PL", 1991, 1995, 5, True]]


def test_waves_censored_and_default_until(wave):
    w = waves(wave, since=1991)  # until defaults to the last dated year, 2000
    assert w.params["until"] == 2000
    first = w.table.iloc[0]
    assert first["start"] == 1991 and bool(first["censored"])  # the wave touches the window
    assert w.counts["before_since"] == 6 + 1 + 5


def test_waves_custom_seed(wave):
    w = waves(wave, seed_region={"US"}, since=1945, until=2005)
    assert "seed" in set(w.table["group"]) and "north-america" not in set(w.table["group"])
    assert w.table.loc[w.table["group"] == "seed", "seed"].all()


def test_waves_empty_and_single_year(empty):
    w = waves(empty)
    assert len(w.table) == 0 and w.counts["groups"] == 0
    G = new_graph(dataset="one")
    for i in range(5):
        _city(G, f"a{i}", "FR", 0)
        _city(G, f"b{i}", "DE", 1)
        _link(G, f"a{i}", f"b{i}", 1960)
    t = waves(G, since=1960, until=1960).table
    assert t[["group", "start", "peak", "end", "size", "censored"]].values.tolist() == [
        ["western-europe", 1960, 1960, 1960, 5, True]]
    assert len(waves(G, since=1960, until=1960, method="pelt").table) == 0  # no change point


@pytest.mark.parametrize("kw", [{"by": "country"}, {"method": "magic"}, {"smooth": 2},
                                {"smooth": 0}, {"prominence": 0}, {"rel_height": 1.5},
                                {"min_size": 0}, {"penalty": -1}, {"since": 2000, "until": 1990}])
def test_waves_errors(wave, kw):
    with pytest.raises(ValueError):
        waves(wave, **kw)


def test_waves_penalty_changes_segmentation(wave):
    huge = waves(wave, method="pelt", since=1945, until=2005, penalty=1e6)
    assert len(huge.table) == 0
    assert huge.params["penalty_used"]["western-europe"] == 1e6


# ---------------------------------------------------------------------------------------
# peak periods


def test_peak_periods_by_construction(wave):
    p = peak_periods(wave, focal="DE", min_total=1)
    # DE partners: FR 6 links (1950s), PL 5 and CZ 5 (1990s), US 1 (1956)
    assert p.index.tolist() == ["FR", "CZ", "PL", "US"]
    assert p["peak"].tolist() == [1950, 1990, 1990, 1950]
    assert p["links"].tolist() == [6, 5, 5, 1]
    # share of DE's links per decade: 1950s: FR 6/7, US 1/7; 1990s: CZ, PL 5/10
    assert p["share"].tolist() == pytest.approx([6 / 7, 0.5, 0.5, 1 / 7])
    assert p.attrs["totals"] == {1950: 7, 1990: 10}
    assert p.attrs["counts"]["FR"] == {1950: 6}
    assert pd.concat([p, peak_periods(wave, focal="FR")]).shape[0] == 4 + 2  # attrs are plain
    assert p.loc["FR", "undated"] == 0
    f = peak_periods(wave, focal="FR", min_total=1)
    assert f.loc["ZA", "undated"] == 1 and pd.isna(f.loc["ZA", "peak"])  # never placed


def test_peak_periods_min_total_and_period(wave):
    p = peak_periods(wave, focal="DE", min_total=8)  # the 1950s (7 links) are not eligible
    assert pd.isna(p.loc["FR", "share_peak"]) and p.loc["PL", "share_peak"] == 1990
    p5 = peak_periods(wave, focal="DE", period=5, min_total=1)
    assert p5.loc["FR", "peak"] == 1950 and p5.loc["US", "peak"] == 1955
    r = peak_periods(wave, focal="DE", by="partner_region", min_total=1)
    assert r.loc["eastern-europe", "links"] == 10 and r.loc["western-europe", "peak"] == 1950


def test_peak_periods_domestic_and_window(wave):
    G = wave.copy()
    _link(G, "D2", "D3", 1970)
    p = peak_periods(G, focal="DE", since=1990, until=1999)
    assert p.attrs["domestic"] == 1
    assert "FR" not in p.index and p.loc["PL", "links"] == 5


def test_peak_periods_empty(empty):
    p = peak_periods(empty)
    assert len(p) == 0 and "peak" in p.columns


@pytest.mark.parametrize("kw", [{"focal": "DEU"}, {"focal": 3}, {"period": 0},
                                {"by": "city"}, {"since": 2000, "until": 1990},
                                {"min_total": 0}])
def test_peak_periods_errors(wave, kw):
    with pytest.raises(ValueError):
        peak_periods(wave, **kw)


# ---------------------------------------------------------------------------------------
# spread


def test_spread_by_construction(wave):
    s = spread(wave, since=1945, until=1960)
    assert s.seeds == sorted([f"D{i}" for i in range(1, 7)] + [f"F{i}" for i in range(1, 7)])
    t = s.table
    assert len(t) == 23 and s.counts["adopters"] == 23  # 5 U, 5 J, 10 P/C, UA1, K, M
    # distance to the nearest seed (the D cities at lon 1)
    for city, deg in (("U1", 9), ("J3", 19), ("P2", 29), ("UA1", 39), ("K", 49), ("M", 59)):
        assert t.loc[city, "distance_km"] == pytest.approx(deg * KM_PER_DEG, rel=1e-9)
    # hops on the undirected collapse: U1-D1, J1-U1-D1, P1-D1, UA1-P1-D1; U2..U5 and J2..J5
    # (with K, M) are not connected to any seed
    assert t.loc["U1", "hops"] == 1 and t.loc["J1", "hops"] == 2
    assert t.loc["C5", "hops"] == 1 and t.loc["UA1", "hops"] == 2
    assert pd.isna(t.loc["U2", "hops"]) and pd.isna(t.loc["K", "hops"])
    assert s.counts["unreachable"] == 10 and s.counts["only_undated"] == 1
    assert t["first_year"].is_monotonic_increasing
    # velocity: OLS slope of distance on year, computed independently here
    years = ([1956 + i for i in range(5)] * 2 + [1990 + i for i in range(1, 6)] * 2
             + [2000, 1997, 1998])
    degs = [9] * 5 + [19] * 5 + [29] * 10 + [39, 49, 59]
    slope, intercept = np.polyfit(years, np.array(degs) * KM_PER_DEG, 1)
    v = s.velocity.loc["distance_km"]
    assert v["slope"] == pytest.approx(slope, rel=1e-9)
    assert v["intercept"] == pytest.approx(intercept, rel=1e-9)
    assert v["ci_low"] < v["slope"] < v["ci_high"] and v["n"] == 23
    half = v["ci_high"] - v["slope"]
    from scipy import stats
    assert half == pytest.approx(stats.t.ppf(0.975, 21) * v["stderr"])
    assert s.velocity.loc["hops", "n"] == 13  # reachable: U1, J1, P1-5, C1-5, UA1
    assert s.params == {"seed_region": "western-europe",
                        "seed_countries": sorted(pn.geo.REGIONS["western-europe"]),
                        "since": 1945, "until": 1960, "level": "city"}


def test_spread_country_level(wave):
    s = spread(wave, level="country")
    t = s.table
    assert s.seeds == ["DE", "FR"]
    assert t.index.tolist() == ["JP", "US", "CZ", "PL", "KR", "MX", "UA"]
    assert t.loc["US", "distance_km"] == pytest.approx(9 * KM_PER_DEG)
    assert t.loc["US", "hops"] == 1 and t.loc["JP", "hops"] == 2  # via U1, adopted 1956
    assert t.loc["KR", "first_year"] == 1997 and pd.isna(t.loc["KR", "hops"])
    assert t.loc["PL", "cities"] == 5


def test_spread_custom_seed_and_missing_coordinates(wave):
    G = wave.copy()
    G.nodes["M"]["lat"] = None
    s = spread(G, seed_region=["US"], since=1956, until=1956)
    assert s.seeds == ["U1"]
    assert pd.isna(s.table.loc["M", "distance_km"]) and s.counts["no_coordinates"] == 1
    assert s.table.loc["J1", "distance_km"] == pytest.approx(10 * KM_PER_DEG)
    assert s.counts["before_since"] == 12  # the F/D cities adopted before 1956


def test_spread_no_seeds_and_empty(wave, empty):
    s = spread(wave, since=1930, until=1940)
    assert s.seeds == [] and s.table["distance_km"].isna().all()
    assert math.isnan(s.velocity.loc["distance_km", "slope"])
    e = spread(empty)
    assert len(e.table) == 0 and math.isnan(e.velocity.loc["hops", "slope"])


@pytest.mark.parametrize("kw", [{"level": "region"}, {"until": None},
                                {"since": 1970, "until": 1960},
                                {"seed_region": "atlantis"}])
def test_spread_errors(wave, kw):
    with pytest.raises(ValueError):
        spread(wave, **kw)


# ---------------------------------------------------------------------------------------
# cascades


def test_cascades_city_by_construction(wave):
    c = cascades(wave)
    t = c.table
    assert len(t) == 35 and c.share == pytest.approx(0.4)
    assert c.counts == {"adopters": 35, "through_earlier": 14, "only_undated": 1,
                        "no_links": 0, "unknown_country": 0}
    assert t.loc["U1", "introducer"] == "D1" and t.loc["U1", "introducer_year"] == 1950
    assert not t.loc["J1", "through_earlier"]  # its only partner adopted the same year
    assert t.loc["K", ["introducer", "introducer_year", "candidates"]].tolist() == ["J2", 1957, 2]
    assert t.loc["M", ["introducer", "introducer_year", "candidates"]].tolist() == ["J3", 1958, 2]
    assert t.loc["UA1", "introducer"] == "P1"
    assert all(t.loc[f"{x}{i}", "introducer"] == f"D{i}" for x in "PC" for i in range(1, 6))
    assert "Z" not in t.index
    assert sorted(c.tree.edges) == sorted(
        [("D1", "U1"), ("P1", "UA1"), ("J2", "K"), ("J3", "M")]
        + [(f"D{i}", f"{x}{i}") for x in "PC" for i in range(1, 6)])
    assert c.tree.number_of_nodes() == 35 and nx.is_forest(c.tree.to_undirected())
    assert c.chains == [["D1", "P1", "UA1"], ["D1", "C1"], ["D1", "U1"], ["D2", "C2"],
                        ["D2", "P2"]]


def test_cascades_country_by_construction(wave):
    c = cascades(wave, level="country", top=10)
    t = c.table
    # FR, DE 1950 roots; US via DE; JP root (US same year); PL, CZ via DE; UA via PL;
    # KR and MX: JP and US both adopted 1956 -> smallest code, JP
    assert t["introducer"].to_dict() == {"DE": None, "FR": None, "JP": None, "US": "DE",
                                         "CZ": "DE", "PL": "DE", "KR": "JP", "MX": "JP",
                                         "UA": "PL"}
    assert c.share == pytest.approx(6 / 9)
    assert c.chains == [["DE", "PL", "UA"], ["DE", "CZ"], ["DE", "US"], ["JP", "KR"], ["JP", "MX"]]
    assert c.counts["only_undated"] == 1  # ZA


def test_cascades_domestic_first_link_is_not_through(wave):
    G = wave.copy()
    _city(G, "J9", "JP", 20)
    _link(G, "J9", "J1", 1980)  # J9 adopts through J1 (city level) ...
    c = cascades(G)
    assert c.table.loc["J9", "introducer"] == "J1"
    k = cascades(G, level="country")  # ... but Japan adopted long before
    assert k.table.loc["JP", "first_year"] == 1956


def test_cascades_unknown_country(wave):
    G = wave.copy()
    G.add_node("X", name="X", country=None, lat=None, lon=None, level="municipality")
    _link(G, "X", "K", 1990)  # KR now adopts in 1990 through a city of unknown country
    k = cascades(G, level="country")
    assert k.counts["unknown_country"] == 1
    assert k.table.loc["KR", "first_year"] == 1990 and not k.table.loc["KR", "through_earlier"]


def test_cascades_empty_single(empty):
    c = cascades(empty)
    assert len(c.table) == 0 and math.isnan(c.share) and c.chains == []
    G = new_graph(dataset="one")
    _city(G, "a", "FR", 0)
    _city(G, "b", "DE", 1)
    _link(G, "a", "b", 1960)
    c = cascades(G)
    assert c.share == 0.0 and c.chains == [] and c.tree.number_of_edges() == 0


@pytest.mark.parametrize("kw", [{"level": "region"}, {"top": 0}])
def test_cascades_errors(wave, kw):
    with pytest.raises(ValueError):
        cascades(wave, **kw)


def test_results_repr(wave):
    assert "share=0.4" in repr(cascades(wave))
    assert "waves=5" in repr(waves(wave, until=2005))
    assert "adopters=23" in repr(spread(wave))
    assert "p_value" in repr(null_model(wave, n=2, progress=False))


# ---------------------------------------------------------------------------------------
# null models


def test_null_shuffle_reproducible_and_p_value(wave):
    r = null_model(wave, "cascade_share", n=60, seed=7, progress=False)
    assert r.observed == pytest.approx(0.4)
    again = null_model(wave, "cascade_share", n=60, seed=7, progress=False)
    np.testing.assert_array_equal(r.null, again.null)
    other = null_model(wave, "cascade_share", n=60, seed=8, progress=False)
    assert not np.array_equal(r.null, other.null)
    k = int((r.null >= r.observed).sum())
    assert r.p_value == pytest.approx((k + 1) / 61)
    assert (r.n, r.seed, r.model, r.alternative, r.dataset) == (60, 7, "shuffle_years",
                                                                "greater", "wave")
    less = null_model(wave, "cascade_share", n=60, seed=7, progress=False, alternative="less")
    assert less.p_value == pytest.approx((int((r.null <= r.observed).sum()) + 1) / 61)
    assert math.isfinite(r.z)
    assert r.params["undated_links"] == 1  # Z-F1


def test_null_n_jobs_does_not_change_result(wave):
    a = null_model(wave, "distance_trend", n=8, seed=3, progress=False, n_jobs=1)
    b = null_model(wave, "distance_trend", n=8, seed=3, progress=False, n_jobs=2)
    np.testing.assert_array_equal(a.null, b.null)


def test_null_observed_matches_the_functions(wave):
    s = spread(wave)
    for model in ("shuffle_years", "rewire"):
        d = null_model(wave, "distance_trend", model=model, n=2, progress=False)
        assert d.observed == pytest.approx(s.velocity.loc["distance_km", "slope"], rel=1e-9)
        c = null_model(wave, "cascade_share", model=model, n=2, progress=False, level="country")
        assert c.observed == pytest.approx(cascades(wave, level="country").share)
    sc = spread(wave, level="country")
    d = null_model(wave, "distance_trend", n=2, progress=False, level="country")
    assert d.observed == pytest.approx(sc.velocity.loc["distance_km", "slope"], rel=1e-9)


def test_null_rewire_params(wave):
    r = null_model(wave, model="rewire", n=5, seed=1, progress=False, swaps_per_edge=2)
    assert r.params["swaps_per_edge"] == 2.0 and r.params["swaps_done_mean"] > 0
    assert len(r.null) == 5


def test_rewire_preserves_degrees_and_simplicity():
    rng = np.random.default_rng(0)
    G = nx.gnm_random_graph(200, 800, seed=1)
    a = np.array([u for u, _ in G.edges()])
    b = np.array([v for _, v in G.edges()])
    ra, rb, done = _rewire(a, b, 200, rng, 5)
    assert done == 5 * 800
    deg = np.bincount(np.r_[a, b], minlength=200)
    assert np.array_equal(np.bincount(np.r_[ra, rb], minlength=200), deg)
    assert (ra != rb).all()
    keys = np.minimum(ra, rb) * 200 + np.maximum(ra, rb)
    assert len(np.unique(keys)) == len(keys)
    assert (ra != a).sum() > 400  # actually rewired
    # a graph with one edge cannot be rewired
    one_a, one_b, k = _rewire(np.array([0]), np.array([1]), 2, rng, 10)
    assert k == 0 and one_a.tolist() == [0] and one_b.tolist() == [1]


def test_pair_arrays_collapse():
    # A-B 1950 and B-A 1940 (reciprocal) and A-B undated: one pair, earliest year 1940
    u, v, y = _pair_arrays(np.array([0, 1, 0, 2]), np.array([1, 0, 1, 0]),
                           np.array([1950.0, 1940.0, np.nan, np.nan]), 3)
    assert u.tolist() == [0, 0] and v.tolist() == [1, 2]
    assert y[0] == 1940.0 and np.isnan(y[1])


def test_null_constant_statistic_p_is_one():
    G = new_graph(dataset="one")
    _city(G, "a", "FR", 0)
    _city(G, "b", "DE", 1)
    _link(G, "a", "b", 1960)
    for model in ("shuffle_years", "rewire"):
        r = null_model(G, n=9, model=model, progress=False)
        assert r.observed == 0.0 and r.p_value == 1.0  # (9 + 1) / (9 + 1)


def test_null_empty_graph(empty):
    r = null_model(empty, n=3, progress=False)
    assert math.isnan(r.observed) and math.isnan(r.p_value)


@pytest.mark.parametrize("kw", [{"statistic": "modularity"}, {"model": "config"}, {"n": 0},
                                {"seed": 1.5}, {"alternative": "two-sided"}, {"level": "x"},
                                {"swaps_per_edge": 0}, {"n_jobs": 0}, {"until": None}])
def test_null_errors(wave, kw):
    with pytest.raises(ValueError):
        null_model(wave, **kw)


# ---------------------------------------------------------------------------------------
# toy graph (pn.datasets.load("toy"))


def test_toy_cascades_and_spread(toy):
    c = cascades(toy)
    assert c.share == pytest.approx(0.2) and c.chains == [["A", "C"], ["G", "J"]]
    s = spread(toy, since=1944, until=1956)
    assert s.seeds == ["A", "D", "E"]
    assert s.table.loc["I", "hops"] == 4  # I-H-J-G-E: the undated E-G link counts as a link


# ---------------------------------------------------------------------------------------
# real data


def _muench(shared_data):
    path = shared_data / "de-twintowns-muench" / "partnerstaedte_final.csv"
    G, _ = pn.io.read_links(path, source="gemeindename", target="partnergemeinde",
                            target_country="land", year="seit", default_source_country="DE",
                            dataset="de-twintowns-muench")
    return G


@pytest.mark.real_data
def test_real_muench_france_peaks_before_poland(shared_data):
    p = peak_periods(_muench(shared_data), focal="DE")
    assert p.index[0] == "FR" and p.loc["FR", "links"] == 2304
    assert p.loc["FR", "peak"] < p.loc["PL", "peak"] == 1990
    # the post-war French wave: France's largest share of German links is in the 1960s
    assert p.loc["FR", "share_peak"] == 1960 and p.loc["FR", "share"] > 0.5
    # the post-1990 eastern wave
    for cc in ("PL", "HU", "RU"):
        assert p.loc[cc, "share_peak"] == 1990
    assert p["undated"].sum() == 0


@pytest.mark.real_data
def test_real_bsr_dated_dyads(shared_data):
    path = shared_data / "baltic-bsr-nickel" / "dyad.hans.csv"
    G, _ = pn.io.read_links(path, source="City1", target="City2", source_country="Country1",
                                 target_country="Country2", year="Year", sep=";",
                                 directed=False, drop_invalid=True, dataset="baltic-bsr-nickel")
    p = peak_periods(G, focal="DE", min_total=10)
    assert p.loc["PL", "peak"] == 1990 and p.loc["FI", "peak"] == 1960
    assert p.loc["FI", "peak"] < p.loc["PL", "peak"]
    assert p["undated"].sum() > 0 and p.attrs["undated"] == p["undated"].sum()
    c = cascades(G, level="country")
    assert c.counts["adopters"] == 10  # the BSR countries (WestGER, EastGER -> DE)


def test_core_seed_region_is_the_earliest_wave():
    from paradiplo_net.datasets import DATA_DIR

    if not (DATA_DIR / "core" / "links.csv").exists():
        pytest.skip("datasets/core/links.csv not built yet (scripts/build_core.py)")
    G = pn.datasets.load("core")
    for level in ("city", "country"):
        f = fit_logistic(adoption_curves(G, level=level, since=1945))
        fitted = f[f["status"] == "fitted"]
        assert fitted.iloc[0]["group"] == "western-europe", fitted[["group", "midpoint"]]
    city = fit_logistic(adoption_curves(G, since=1945)).set_index("group")
    # the literature's order: Western Europe, then North America / East Asia, then the East
    assert city.loc["western-europe", "midpoint"] < city.loc["north-america", "midpoint"]
    assert city.loc["north-america", "midpoint"] < city.loc["eastern-europe", "midpoint"]
    assert city.loc["east-asia", "midpoint"] < city.loc["eastern-europe", "midpoint"]


@pytest.mark.parametrize("level", ["city", "country"])
def test_adoption_years_agree_with_temporal(wave, toy, level):
    # diffusion computes adoption years on edge arrays; they must equal temporal.adoption's
    for G in (wave, toy):
        a = pn.temporal.adoption(G, level=level)["first_year"].dropna().astype(int).to_dict()
        c = cascades(G, level=level).table["first_year"].to_dict()
        assert c == a


def test_wave_peak_always_inside_its_span(core):
    """A smoothed maximum on a year without links must not put the peak outside the wave."""
    for by in ("region", "country_pair"):
        table = pn.diffusion.waves(core, seed_region="western-europe", since=1945, by=by).table
        assert ((table["start"] <= table["peak"]) & (table["peak"] <= table["end"])).all(), by


# ------------------------------------------------------------------ distance_null

@pytest.mark.parametrize("name", ["toy", "core"])
def test_distance_null_matches_figures_distance_table(name):
    """The null model moved out of figures.distance_table gives the same numbers."""
    G = pn.datasets.load(name)
    ours = pn.diffusion.distance_null(G, runs=30, seed=3)
    theirs = pn.figures.distance_table(G, runs=30, seed=3)
    pd.testing.assert_frame_equal(ours, theirs)
    for key in ("pairs", "runs", "seed", "no_coordinates", "null_self_pairs"):
        assert ours.attrs[key] == theirs.attrs[key]
    assert ours.attrs["median_null_km"] == pytest.approx(theirs.attrs["median_null_km"])


def test_distance_null_toy_values_and_errors():
    G = new_graph(dataset="line")
    _city(G, "a", "AA", 0)
    _city(G, "b", "BB", 1)
    _city(G, "c", "CC", 2)
    _city(G, "x", "XX", 5)
    G.nodes["x"]["lat"] = None  # no coordinates: its pair is left out and counted
    _link(G, "a", "b", 1950)
    _link(G, "b", "a", 1951)  # reciprocal: one pair
    _link(G, "b", "c", 1960)
    _link(G, "c", "x", 1970)
    tab = pn.diffusion.distance_null(G, runs=20, seed=0, bins=[10, 150, 1000])
    assert tab.attrs["pairs"] == 2 and tab.attrs["no_coordinates"] == 1
    # both located pairs are 1 degree of longitude apart on the equator (~111 km): bin 0
    assert tab["observed_pairs"].tolist() == [2, 0]
    assert tab["observed"].tolist() == [1.0, 0.0]
    assert tab.attrs["median_observed_km"] == pytest.approx(KM_PER_DEG, rel=1e-6)
    again = pn.diffusion.distance_null(G, runs=20, seed=0, bins=[10, 150, 1000])
    pd.testing.assert_frame_equal(tab, again)
    with pytest.raises(ValueError, match="runs must be an int >= 1"):
        pn.diffusion.distance_null(G, runs=0)
    with pytest.raises(ValueError, match="bins"):
        pn.diffusion.distance_null(G, bins=[100, 10])
    with pytest.raises(GraphContractError):
        pn.diffusion.distance_null(nx.Graph())
    empty = pn.diffusion.distance_null(new_graph(dataset="empty"), runs=5)
    assert empty.attrs["pairs"] == 0 and (empty["observed"] == 0).all()
