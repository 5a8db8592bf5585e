"""Tests of paradiplo_net.gravity: pair tables, offline covariates, PPML, plot."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import gravity
from paradiplo_net.errors import SchemaError

# ------------------------------------------------------------------------------ covariates


def test_country_covariates_offline_sources():
    t = gravity.country_covariates()
    assert len(t) == 252
    assert t.loc["FR", "capital"] == "Paris"
    assert t.loc["FR", "lat"] == pytest.approx(48.85, abs=0.05)
    # GeoNames neighbours: DE borders FR; islands have none.
    assert "FR" in t.loc["DE", "neighbours"] and t.loc["JP", "neighbours"] == frozenset()
    # CLDR: de facto official languages count (English in the US, which has no de jure one).
    assert "en" in t.loc["US", "languages"] and "en" in t.loc["GB", "languages"]
    assert t.loc["PL", "bloc"] == "Warsaw Pact/Eastern"


def test_pair_table_toy_by_hand(toy):
    t = gravity.pair_table(toy)
    # Countries with a foreign link: GB RU DE FR IT US JP ID KR (9) -> C(9, 2) = 36 pairs.
    # Foreign city pairs: A-B, A-C, D-E, F-G, H-I (2 statements, 1 pair), C-D, F-B, H-J, E-G
    # = 9; G-J is domestic (JP) and left out.
    assert len(t) == 36 and t["links"].sum() == 9
    assert t.attrs["domestic"] == 1 and t.attrs["country_unknown"] == 0
    by = t.set_index("pair")
    # GB-RU: one pair though two statements (A->B and B->A).
    assert by.loc["GB-RU", "links"] == 1
    assert by.loc["ID-KR", "links"] == 1
    assert by.loc["GB-JP", "links"] == 0  # zeros are kept
    # Covariates: DE-FR contiguous, same bloc (NATO/Western), no shared official language;
    # GB-US share English; RU-US different blocs.
    assert by.loc["DE-FR", ["contiguity", "same_bloc", "common_language"]].tolist() == [1, 1, 0]
    assert by.loc["GB-US", "common_language"] == 1
    assert by.loc["RU-US", "same_bloc"] == 0
    # Berlin-Paris great circle ~ 878 km.
    assert by.loc["DE-FR", "distance_km"] == pytest.approx(878, abs=3)
    assert by.loc["DE-FR", "ln_distance"] == pytest.approx(math.log(by.loc["DE-FR", "distance_km"]))


def test_pair_table_statements_and_directed(toy):
    t = gravity.pair_table(toy, count="statements").set_index("pair")
    assert t.loc["GB-RU", "links"] == 2 and t.loc["ID-KR", "links"] == 2
    d = gravity.pair_table(toy, direction="directed")
    # Sources with a foreign statement: GB RU DE FR IT US ID (A->B, B->A, A->C, C->D, D->E,
    # E->G, F->G, F->B, H->I, H->J) -> 7 sources; partners: RU GB DE FR IT JP KR -> 7.
    assert d["country_a"].nunique() == 7 and d["country_b"].nunique() == 7
    assert d["links"].sum() == 10  # ordered city pairs: A->B and B->A count once each
    assert not (d["country_a"] == d["country_b"]).any()
    assert d.set_index(["country_a", "country_b"]).loc[("ID", "KR"), "links"] == 1


def test_pair_table_does_not_mutate(toy):
    before = list(toy.edges(keys=True, data=True))
    gravity.pair_table(toy)
    assert list(toy.edges(keys=True, data=True)) == before


def test_pair_table_unknown_country_counted():
    G = pn.datasets.load("toy")
    G.nodes["I"]["country"] = None
    t = gravity.pair_table(G)
    assert t.attrs["country_unknown"] == 2 and t["links"].sum() == 8


# ------------------------------------------------------------------------------ estimation


def synthetic(direction: str, seed: int = 3) -> pd.DataFrame:
    """Pairs of 20 countries with known coefficients (-1.0, 0.5) and fixed effects."""
    rng = np.random.default_rng(seed)
    cc = [f"C{i:02d}" for i in range(20)]
    fe = dict(zip(cc, rng.normal(1.5, 0.5, len(cc)), strict=True))
    fe2 = dict(zip(cc, rng.normal(1.0, 0.5, len(cc)), strict=True))
    keys = ([(a, b) for a in cc for b in cc if a != b] if direction == "directed"
            else [(a, b) for i, a in enumerate(cc) for b in cc[i + 1:]])
    t = pd.DataFrame(keys, columns=["country_a", "country_b"])
    t["ln_distance"] = rng.uniform(5, 9, len(t))
    t["contiguity"] = rng.integers(0, 2, len(t))
    second = fe2 if direction == "directed" else fe
    eta = (t["country_a"].map(fe) + t["country_b"].map(second) - 1.0 * (t["ln_distance"] - 7)
           + 0.5 * t["contiguity"])
    t["links"] = rng.poisson(np.exp(eta))
    t["pair"] = ["-".join(sorted(k)) for k in keys]
    t.attrs.update(direction=direction, count="pairs", countries=len(cc))
    return t


@pytest.mark.parametrize("direction", ["undirected", "directed"])
def test_ppml_recovers_known_coefficients(direction):
    t = synthetic(direction)
    est = gravity.fit_gravity(t, covariates=["ln_distance", "contiguity"]).set_index("term")
    # True values -1.0 and 0.5; with ~190-380 pairs and means ~e^3 the SEs are ~0.02-0.05.
    assert est.loc["ln_distance", "estimate"] == pytest.approx(-1.0, abs=0.1)
    assert est.loc["contiguity", "estimate"] == pytest.approx(0.5, abs=0.1)
    lo, hi = est.loc["ln_distance", ["ci_low", "ci_high"]]
    assert lo < -1.0 < hi or abs(est.loc["ln_distance", "estimate"] + 1) < 0.1
    e = est.loc["contiguity"]
    assert e["exp_estimate"] == pytest.approx(math.exp(e["estimate"]))
    assert e["z"] == pytest.approx(e["estimate"] / e["std_error"])
    assert est.attrs["converged"] and 0 < est.attrs["pseudo_r2"] <= 1


def test_statsmodels_and_pyfixest_agree_directed():
    pytest.importorskip("pyfixest")
    t = synthetic("directed", seed=5)
    cov = ["ln_distance", "contiguity"]
    for se in ("HC1", "pair"):
        a = gravity.fit_gravity(t, covariates=cov, se=se)
        b = gravity.fit_gravity(t, covariates=cov, se=se, engine="pyfixest")
        assert a["estimate"].to_numpy() == pytest.approx(b["estimate"].to_numpy(), rel=1e-5)
        assert a["std_error"].to_numpy() == pytest.approx(b["std_error"].to_numpy(), rel=1e-3)
        assert a.attrs["deviance"] == pytest.approx(b.attrs["deviance"], rel=1e-6)


def test_clustered_and_hc1_same_estimates():
    t = synthetic("directed", seed=7)
    a = gravity.fit_gravity(t, covariates=["ln_distance"], se="HC1")
    b = gravity.fit_gravity(t, covariates=["ln_distance"], se="pair")
    assert a["estimate"].iloc[0] == pytest.approx(b["estimate"].iloc[0])
    assert a["std_error"].iloc[0] != pytest.approx(b["std_error"].iloc[0])
    assert b.attrs["parameters"]["se"] == "pair"


def test_fit_from_graph_records_everything():
    est = gravity.fit_gravity(pn.datasets.load("core"))
    assert est.columns.tolist() == ["term", "estimate", "std_error", "z", "p", "ci_low",
                                    "ci_high", "exp_estimate"]
    assert est["term"].tolist() == list(gravity.COVARIATES)
    a = est.attrs
    assert a["n"] == a["countries"] * (a["countries"] - 1) // 2
    assert a["fixed_effects"] == a["countries"]
    assert a["parameters"]["direction"] == "undirected" and "PPML" in a["method"]


def test_errors(toy):
    with pytest.raises(ValueError, match="engine="):
        gravity.fit_gravity(toy, engine="stata")
    with pytest.raises(ValueError, match="se="):
        gravity.fit_gravity(toy, se="HC3")
    with pytest.raises(ValueError, match="count="):
        gravity.pair_table(toy, count="cities")
    with pytest.raises(ValueError, match="alpha"):
        gravity.fit_gravity(toy, alpha=5)
    with pytest.raises(ValueError, match="direction='directed'"):
        gravity.fit_gravity(toy, engine="pyfixest")
    with pytest.raises(SchemaError, match="missing column 'contiguity'"):
        gravity.fit_gravity(pd.DataFrame({"country_a": [], "country_b": [], "links": [],
                                          "pair": [], "ln_distance": []}))
    with pytest.raises(SchemaError):
        gravity.fit_gravity([1, 2, 3])
    G = pn.model.country_subgraph(toy, "JP", mode="both")  # domestic only
    with pytest.raises(ValueError, match="at least two countries"):
        gravity.fit_gravity(G)


def test_plot_gravity():
    est = gravity.fit_gravity(synthetic("undirected"), covariates=["ln_distance", "contiguity"])
    _fig, ax = gravity.plot_gravity(est)
    # First term on top: tick labels run bottom to top in reverse order.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ln_distance", "contiguity"]
    _fig2, ax2 = gravity.plot_gravity(est, exponentiate=True, title="x")
    assert ax2.get_xscale() == "log" and ax2.get_title() == "x"
    with pytest.raises(SchemaError):
        gravity.plot_gravity(pd.DataFrame({"term": []}))
    import matplotlib.pyplot as plt

    plt.close("all")


# ------------------------------------------------------------------------------ real data


@pytest.mark.real_data
def test_real_hekman_distance_decay(shared_data):
    """Kaltenbrunner et al. (2013): "no proximity effect". The gravity model disagrees."""
    G, _report = pn.io.read_links(
        shared_data / "wikipedia-hekman" / "twin_cities_raw.csv", source="city1",
        source_country="country1", target="city2", target_country="country2",
        drop_invalid=True, progress=False)
    table = gravity.pair_table(G, direction="directed")
    est = gravity.fit_gravity(table, se="pair").set_index("term")
    # 206 countries; Palau's capital (Melekeok) is not in GeoNames' cities500: 3 links out.
    assert table.attrs["countries"] == 206 and table.attrs["countries_no_capital"] == ["PW"]
    assert est.attrs["n"] == 15_580 and est.attrs["links"] == 25_114
    d = est.loc["ln_distance"]
    # Elasticity about -0.92: doubling distance cuts expected links by ~47 %.
    assert d["estimate"] == pytest.approx(-0.918, abs=0.005)
    assert d["ci_high"] < -0.75 and d["p"] < 1e-20
    for term in ("contiguity", "common_language", "same_bloc"):
        assert est.loc[term, "ci_low"] > 0, term
