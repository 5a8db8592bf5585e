"""Time the literature capabilities (issue 19) on the Wikipedia lists graph (26,111 links).

Target: each capability (gravity, survival, paths, KONECT statistics) in under a minute on
this machine (2 cores, shared).

The Wikipedia lists (wikipedia-hekman) have no years and no coordinates in
``twin_cities_raw.csv``. For the timings only:

- coordinates are copied from ``twin_cities_geocoded.csv`` (same names, same countries);
- formation and end years are **synthetic**: a seeded draw (seed 19) of a formation year in
  1950-2020 for every link and an end year for 5 % of them. These years are not data: they
  only give the survival and time-respecting functions a graph of the right size to run on.

BLAS runs on one thread (see scripts/real_gravity.py for why). Usage::

    python scripts/bench_literature.py [--data ../shared/data]
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import paradiplo_net as pn  # noqa: E402
from paradiplo_net import gravity, konect, paths, survival  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED = 19
LIMIT = 60.0


def load(data: Path):
    folder = data / "wikipedia-hekman"
    G, _report = pn.io.read_links(
        folder / "twin_cities_raw.csv", source="city1", source_country="country1",
        target="city2", target_country="country2", drop_invalid=True, progress=False)
    geo = pd.read_csv(folder / "twin_cities_geocoded.csv")
    placed = 0
    for end in ("1", "2"):
        codes = pn.geo.country_codes(geo[f"country{end}"])
        for name, cc, lat, lon in zip(geo[f"city{end}"], codes, geo[f"lat{end}"],
                                      geo[f"lng{end}"], strict=True):
            node = pn.model.make_city_id(name, cc)
            if node in G and G.nodes[node].get("lat") is None and pd.notna(lat):
                G.nodes[node]["lat"], G.nodes[node]["lon"] = float(lat), float(lon)
                placed += 1
    return G, placed


def with_synthetic_years(G):
    H = G.copy()
    rng = np.random.default_rng(SEED)
    for _u, _v, d in H.edges(data=True):
        d["year"] = int(rng.integers(1950, 2021))
        if rng.random() < 0.05:
            d["end_year"] = d["year"] + int(rng.integers(0, 40))
    return H


def timed(label, fn, rows):
    t0 = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - t0
    rows.append((label, seconds))
    print(f"  {label:<58s} {seconds:7.2f} s")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    rows: list[tuple[str, float]] = []
    G, placed = load(args.data)
    print(f"Wikipedia lists: {G.number_of_nodes():,} cities, {G.number_of_edges():,} links; "
          f"coordinates for {placed:,} cities\n")
    H = with_synthetic_years(G)

    print("gravity")
    timed("pair_table + fit_gravity (directed, statsmodels, clustered)",
          lambda: gravity.fit_gravity(G, direction="directed", se="pair"), rows)
    timed("pair_table + fit_gravity (undirected, statsmodels, HC1)",
          lambda: gravity.fit_gravity(G), rows)
    print("survival (synthetic years)")
    d = timed("link_durations", lambda: survival.link_durations(H), rows)
    timed("kaplan_meier by era + survival_summary by bloc_pair",
          lambda: (survival.kaplan_meier(d, by="era"),
                   survival.survival_summary(d, by="bloc_pair")), rows)
    cox = timed("cox_model (era, distance, same_bloc, domestic, kind)",
                lambda: survival.cox_model(d), rows)
    print(f"    Cox on {cox.attrs['n']:,} spells, {cox.attrs['events']:,} ends")
    print("paths")
    timed("shortest_path Surabaya -> Liverpool (GB), 20 times", lambda: [
        paths.shortest_path(G, "Surabaya", "Liverpool|GB") for _ in range(20)], rows)
    timed("ego_network Coventry (GB), radius 2", lambda: paths.ego_network(
        G, "Coventry|GB", radius=2), rows)
    timed("ego_network in 1990 (synthetic years), radius 2", lambda: paths.ego_network(
        H, "Coventry|GB", year=1990, radius=2), rows)
    ea = timed("earliest_arrival from Coventry (in_force, synthetic years)",
               lambda: paths.earliest_arrival(H, "Coventry|GB", traversal="in_force"), rows)
    print(f"    {len(ea):,} cities reachable in time order")
    timed("time_respecting_path Coventry -> Surabaya (in_force)",
          lambda: paths.time_respecting_path(H, "Coventry|GB", "Surabaya",
                                             traversal="in_force"), rows)
    print("KONECT statistics")
    timed("konect_statistics", lambda: konect.konect_statistics(G), rows)

    worst = max(rows, key=lambda r: r[1])
    verdict = "OK" if worst[1] < LIMIT else "TOO SLOW"
    print(f"\nslowest: {worst[0]} ({worst[1]:.1f} s) -> {verdict} (limit {LIMIT:.0f} s each)")


if __name__ == "__main__":
    main()
