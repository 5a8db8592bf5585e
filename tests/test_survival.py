"""Tests of paradiplo_net.survival: censoring rules, Kaplan-Meier by hand, Cox model, plot."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import paradiplo_net as pn
from paradiplo_net import survival
from paradiplo_net.errors import SchemaError

CITIES = {  # id: (country, lat, lon)
    "a": ("DE", 52.5, 13.4), "b": ("FR", 48.9, 2.4), "c": ("PL", 52.2, 21.0),
    "d": ("US", 40.7, -74.0), "e": ("DE", 48.1, 11.6),
}


def graph(links):
    """A contract graph from (source, target, year, end_year) tuples over CITIES."""
    cities = pd.DataFrame(
        [(k, k.upper(), c, la, lo, "municipality") for k, (c, la, lo) in CITIES.items()],
        columns=["city", "name", "country", "lat", "lon", "level"]).set_index("city")
    frame = pd.DataFrame(links, columns=["source", "target", "year", "end_year"])
    frame["year"] = frame["year"].astype("Int64")
    frame["end_year"] = frame["end_year"].astype("Int64")
    return pn.model.graph_from_tables(frame, cities, dataset="hand", validate=False)


# Observation up to 2020 (inclusive). Spell by spell:
#   a-b 2000-2005  end observed        -> 5 years, event
#   a-c 2000-2010  end observed        -> 10, event
#   a-d 2005-      no end              -> censored at 2020 - 2005 = 15
#   b-c 2010-2015  end observed        -> 5, event
#   b-d 2015-      no end              -> censored at 5
#   c-d 2012-2030  end after 2020      -> censored at 8 (end not yet known in 2020)
#   c-e 2025-      formed after 2020   -> excluded
#   d-e undated                        -> excluded
#   a-e 2010-2008  end before start    -> excluded (contradictory)
HAND = [("a", "b", 2000, 2005), ("a", "c", 2000, 2010), ("a", "d", 2005, None),
        ("b", "c", 2010, 2015), ("b", "d", 2015, None), ("c", "d", 2012, 2030),
        ("c", "e", 2025, None), ("d", "e", None, None), ("a", "e", 2010, 2008)]


def test_censoring_rules_by_hand():
    d = survival.link_durations(graph(HAND), observed_until=2020)
    got = {(r.source, r.target): (r.duration, r.event) for r in d.itertuples()}
    assert got == {("a", "b"): (5, True), ("a", "c"): (10, True), ("a", "d"): (15, False),
                   ("b", "c"): (5, True), ("b", "d"): (5, False), ("c", "d"): (8, False)}
    a = d.attrs
    assert (a["excluded_undated"], a["excluded_after_observation"], a["excluded_invalid"],
            a["ended_after_observation"], a["observed_until"]) == (1, 1, 1, 1, 2020)


def test_default_observation_year_is_latest_recorded_year():
    # Latest year or end year in the graph: 2030 (c-d's end). Then c-d's end is observed.
    d = survival.link_durations(graph(HAND))
    assert d.attrs["observed_until"] == 2030
    assert d.set_index(["source", "target"]).loc[("c", "d"), "event"]


def test_kaplan_meier_by_hand():
    km = survival.kaplan_meier(survival.link_durations(graph(HAND), observed_until=2020))
    # Durations 5e 5e 5c 8c 10e 15c (6 spells).
    # t=5: 6 at risk, 2 ends -> S = 1 - 2/6 = 2/3 (the spell censored at 5 counts as at risk).
    # t=8: censored only, S stays 2/3; at risk 3.
    # t=10: 2 at risk (10, 15), 1 end -> S = 2/3 * (1 - 1/2) = 1/3.
    # t=15: censored, S stays 1/3.
    km = km.set_index("time")
    assert km.loc[0, "survival"] == 1.0
    assert km.loc[5, ["at_risk", "events", "censored"]].tolist() == [6, 2, 1]
    assert km.loc[5, "survival"] == pytest.approx(2 / 3)
    assert km.loc[8, "survival"] == pytest.approx(2 / 3) and km.loc[8, "at_risk"] == 3
    assert km.loc[10, "survival"] == pytest.approx(1 / 3)
    assert km.loc[15, "survival"] == pytest.approx(1 / 3)
    assert (km["ci_low"] <= km["survival"] + 1e-12).all()
    assert (km["survival"] <= km["ci_high"] + 1e-12).all()


def test_summary_median_by_hand():
    d = survival.link_durations(graph(HAND), observed_until=2020)
    s = survival.survival_summary(d).loc["all"]
    # S first falls to <= 0.5 at t = 10 -> median 10 years.
    assert (s["spells"], s["events"], s["censored"], s["median"]) == (6, 3, 3, 10.0)
    assert s["survival_at_max"] == pytest.approx(1 / 3)


def test_toy_km_and_no_median(toy):
    # Toy: 11 dated statements -> 10 agreements (A<->B 1944 is one); the one end is F-B
    # (1990-2022) at 32 years, censoring at 2022. At t = 32 the spells with duration >= 32
    # are A-B 78, A-C 63, D-E 66, F-G 67, G-J 52, C-D 60, F-B 32 -> 7: S = 6/7.
    km = survival.kaplan_meier(toy).set_index("time")
    assert km.loc[32, "at_risk"] == 7 and km.loc[32, "survival"] == pytest.approx(6 / 7)
    s = survival.survival_summary(toy).loc["all"]
    assert math.isinf(s["median"])  # never falls to one half
    assert len(survival.link_durations(toy, unit="statement")) == 11


def test_units_agreement_vs_statement():
    G = graph([("a", "b", 2000, 2010), ("b", "a", 2000, None),  # one agreement, one side ends
               ("a", "b", 2005, 2008)])                         # a second, parallel agreement
    d = survival.link_durations(G, observed_until=2020)
    assert len(d) == 2 and d["statements"].tolist() == [2, 1]
    # The reciprocal agreement ends only when both statements end: one has no end -> censored.
    assert d["event"].tolist() == [False, True]
    s = survival.link_durations(G, observed_until=2020, unit="statement")
    assert len(s) == 3 and s["event"].sum() == 2


def test_group_columns_and_by():
    d = survival.link_durations(graph(HAND), observed_until=2020,
                                groups={"DE": "west", "FR": "west", "US": "west", "PL": "east"})
    row = d.set_index(["source", "target"]).loc[("a", "c")]
    assert row["country_pair"] == "DE-PL" and row["bloc_pair"] == (
        "NATO/Western-Warsaw Pact/Eastern")
    assert not row["same_bloc"] and not row["domestic"] and row["group_pair"] == "east-west"
    assert row["era"] == "post_cold_war"
    assert row["distance_km"] == pytest.approx(
        float(pn.geo.haversine_km(52.5, 13.4, 52.2, 21.0)))
    km = survival.kaplan_meier(d, by="era")
    assert set(km["group"]) == {"post_cold_war", "recent"}
    s = survival.survival_summary(d, by="same_bloc")
    assert s["spells"].sum() == 6 and s.index.name == "same_bloc"


def test_cox_recovers_hazard_ratio():
    # Exponential durations, hazard 0.05 x 3 when far; censored at 30 years.
    rng = np.random.default_rng(11)
    n = 400
    far = rng.integers(0, 2, n)
    t = rng.exponential(1 / (0.05 * np.where(far == 1, 3.0, 1.0)))
    frame = pd.DataFrame({"duration": np.minimum(t, 30), "event": t < 30,
                          "distance_km": far * 1000.0})
    cox = survival.cox_model(frame, covariates=["distance"]).set_index("term")
    assert cox.loc["distance_1000km", "exp_coef"] == pytest.approx(3.0, rel=0.25)
    assert cox.attrs["n"] == n and 0.5 < cox.attrs["concordance"] < 1


def test_cox_categorical_reference_and_missing(toy):
    cox = survival.cox_model(toy, penalizer=0.1)
    # The most frequent era (early_cold_war, 4 agreements) and kind (twin_town) are the
    # reference levels; no domestic variation problem: G-J is domestic.
    assert cox.attrs["reference"] == {"era": "early_cold_war", "kind": "twin_town"}
    assert "era_early_cold_war" not in set(cox["term"])
    assert cox.attrs["events"] == 1 and cox.attrs["dropped_missing"] == 0


def test_errors(toy):
    with pytest.raises(ValueError, match="covariate="):
        survival.cox_model(toy, covariates=["population"])
    with pytest.raises(ValueError, match="penalizer"):
        survival.cox_model(toy, penalizer=-1)
    with pytest.raises(ValueError, match="no ended link"):
        survival.cox_model(survival.link_durations(toy, observed_until=2000))
    with pytest.raises(SchemaError, match="missing column 'nope'"):
        survival.kaplan_meier(toy, by="nope")
    with pytest.raises(SchemaError):
        survival.survival_summary(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match="unit="):
        survival.link_durations(toy, unit="pair")
    with pytest.raises(ValueError, match="observed_until"):
        survival.link_durations(toy, observed_until="2020")
    with pytest.raises(ValueError, match="alpha"):
        survival.kaplan_meier(toy, alpha=2)


def test_empty_and_undated_only():
    G = graph([("a", "b", None, None)])
    d = survival.link_durations(G)
    assert len(d) == 0 and d.attrs["excluded_undated"] == 1 and d.attrs["observed_until"] is None
    assert survival.kaplan_meier(d).empty


def test_input_not_mutated(toy):
    before = list(toy.edges(keys=True, data=True))
    survival.kaplan_meier(toy, by="era")
    assert list(toy.edges(keys=True, data=True)) == before


def test_plot_survival(toy):
    import matplotlib.pyplot as plt

    _fig, ax = survival.plot_survival(survival.kaplan_meier(toy, by="kind"))
    assert len(ax.get_lines()) == survival.link_durations(toy)["kind"].nunique()
    assert "2022" in ax.get_title()
    with pytest.raises(SchemaError):
        survival.plot_survival(pd.DataFrame({"time": []}))
    plt.close("all")


# ------------------------------------------------------------------------------ real data


def _tkg(shared_data):
    """WIKIDATA12k's P190 facts (relation 5) as a graph; TILP codes an open end as 2022."""
    folder = shared_data / "wikidata12k-tkg"
    ids = pd.read_csv(folder / "entity2id.txt", sep="\t", header=None, names=["q", "i"])
    qid = dict(zip(ids["i"], ids["q"], strict=True))
    parts = [pd.read_csv(folder / f, sep="\t", header=None,
                         names=["h", "r", "t", "start", "end"]) for f in
             ("train.txt", "valid.txt", "test.txt")]
    facts = pd.concat(parts)
    facts = facts[facts["r"] == 5]
    links = pd.DataFrame({
        "source": facts["h"].map(qid), "target": facts["t"].map(qid),
        "year": facts["start"].astype("Int64"),
        "end_year": facts["end"].where(facts["end"] != 2022).astype("Int64"),
    })
    nodes = sorted(set(links["source"]) | set(links["target"]))
    cities = pd.DataFrame({"name": nodes, "country": None, "lat": None, "lon": None,
                           "level": "municipality"}, index=nodes)
    return pn.model.graph_from_tables(links, cities, dataset="wikidata12k", validate=False)


@pytest.mark.real_data
def test_real_wikidata12k_survival(shared_data):
    G = _tkg(shared_data)
    # PROVENANCE.md: 151 statements, all dated 1916-2015; 8 real end years
    # (2016 x3, 1992 x3, 1991, 1961). Observation defaults to 2016.
    d = survival.link_durations(G, unit="statement")
    assert len(d) == 151 and d.attrs["observed_until"] == 2016
    assert d["event"].sum() == 8
    # Four links end in the year they start (1991, 1992 x3: duration 0), one after 5 years
    # (1956-1961), one after 12 (2004-2016) and the two links formed in 1916 after 100
    # (ended 2016, the last year of the sample).
    assert sorted(d.loc[d["event"], "duration"]) == [0, 0, 0, 0, 5, 12, 100, 100]
    km = survival.kaplan_meier(d).set_index("time")
    # t=0: 151 at risk, 4 ends -> 147/151; t=5: 137 at risk, 1 end; t=12: 122 at risk, 1 end.
    s12 = 147 / 151 * (1 - 1 / 137) * (1 - 1 / 122)
    assert km.loc[12, "survival"] == pytest.approx(s12)
    # The curve's tail rests on the two 1916 links, the only ones at risk at 100 years: both
    # end, so S drops to 0 and the median is 100 years, an artefact of two spells.
    assert km.loc[100, ["at_risk", "events"]].tolist() == [2, 2]
    s = survival.survival_summary(d).loc["all"]
    assert (s["spells"], s["events"], s["median"]) == (151, 8, 100.0)


def test_cox_drops_spells_with_missing_covariates_and_counts_them():
    G = pn.datasets.load("toy")
    G.nodes["I"]["country"] = None  # H-I (1994, 2004): domestic and same_bloc unknown
    G.nodes["C"]["lat"] = None  # A-C and C-D: distance unknown
    cox = survival.cox_model(G, penalizer=0.1)
    assert (cox.attrs["n"], cox.attrs["dropped_missing"]) == (6, 4)
