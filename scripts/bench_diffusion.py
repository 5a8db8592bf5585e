"""Benchmark of paradiplo_net.diffusion (null models on a 35,000-link graph).

Run: ``python scripts/bench_diffusion.py [--n 200]``. Prints a table of timings.

Graph: synthetic, 35,000 links among 12,000 cities (seed 42) in 40 countries with real
capitals' coordinates jittered by up to 3 degrees; endpoints drawn with preferential weights
(a heavy-tailed degree distribution, like real twinning data); formation years 1920-2020
skewed towards recent decades (Western European countries earlier), 3 % undated.
Target (issue 7): 200 null-model repetitions in under 60 s on 2 cores, for each statistic
and model.
"""

from __future__ import annotations

import argparse
import time

import networkx as nx
import numpy as np

import paradiplo_net as pn
from paradiplo_net.model import new_graph

N_LINKS = 35_000
N_CITIES = 12_000
SEED = 42
# (code, lat, lon, mean year)
COUNTRIES = (
    ("FR", 48.9, 2.4, 1975),
    ("DE", 52.5, 13.4, 1978),
    ("GB", 51.5, -0.1, 1975),
    ("IT", 41.9, 12.5, 1982),
    ("NL", 52.4, 4.9, 1980),
    ("BE", 50.8, 4.4, 1978),
    ("AT", 48.2, 16.4, 1982),
    ("CH", 46.9, 7.4, 1980),
    ("ES", 40.4, -3.7, 1990),
    ("PT", 38.7, -9.1, 1992),
    ("SE", 59.3, 18.1, 1980),
    ("NO", 59.9, 10.7, 1980),
    ("DK", 55.7, 12.6, 1980),
    ("FI", 60.2, 24.9, 1982),
    ("PL", 52.2, 21.0, 1998),
    ("CZ", 50.1, 14.4, 1998),
    ("HU", 47.5, 19.0, 1996),
    ("RO", 44.4, 26.1, 2000),
    ("RU", 55.8, 37.6, 1995),
    ("UA", 50.5, 30.5, 2000),
    ("US", 38.9, -77.0, 1985),
    ("CA", 45.4, -75.7, 1988),
    ("MX", 19.4, -99.1, 1995),
    ("BR", -15.8, -47.9, 1998),
    ("AR", -34.6, -58.4, 1998),
    ("JP", 35.7, 139.7, 1985),
    ("CN", 39.9, 116.4, 2000),
    ("KR", 37.6, 127.0, 1998),
    ("TW", 25.0, 121.5, 1995),
    ("ID", -6.2, 106.8, 2002),
    ("PH", 14.6, 121.0, 2000),
    ("IN", 28.6, 77.2, 2002),
    ("TR", 39.9, 32.9, 2000),
    ("IL", 31.8, 35.2, 1990),
    ("EG", 30.0, 31.2, 1995),
    ("ZA", -25.7, 28.2, 2002),
    ("NG", 9.1, 7.5, 2003),
    ("AU", -35.3, 149.1, 1990),
    ("NZ", -41.3, 174.8, 1990),
    ("GR", 38.0, 23.7, 1988),
)


def synthetic_graph(
    n_links: int = N_LINKS, n_cities: int = N_CITIES, seed: int = SEED
) -> nx.MultiDiGraph:
    rng = np.random.default_rng(seed)
    cc = rng.integers(0, len(COUNTRIES), n_cities)
    weight = rng.pareto(1.5, n_cities) + 1
    weight /= weight.sum()
    G = new_graph(dataset="bench-synthetic", seed=seed)
    for i in range(n_cities):
        code, lat, lon, _ = COUNTRIES[cc[i]]
        G.add_node(
            f"c{i}",
            name=f"c{i}",
            country=code,
            lat=float(np.clip(lat + rng.uniform(-3, 3), -89, 89)),
            lon=float((lon + rng.uniform(-3, 3) + 180) % 360 - 180),
            level="municipality",
        )
    u = rng.choice(n_cities, n_links, p=weight)
    v = rng.choice(n_cities, n_links, p=weight)
    same = u == v
    v[same] = (v[same] + 1) % n_cities
    mean = np.array([COUNTRIES[c][3] for c in cc])
    centre = (mean[u] + mean[v]) / 2
    years = np.clip(np.round(rng.normal(centre, 12)), 1920, 2020).astype(int)
    undated = rng.random(n_links) < 0.03
    for a, b, y, und in zip(u, v, years, undated, strict=True):
        G.add_edge(
            f"c{a}",
            f"c{b}",
            year=None if und else int(y),
            end_year=None,
            phase=None,
            phase_source=None,
            kind="twin_town",
            dataset="bench-synthetic",
        )
    return G


def _null_summary(r) -> str:
    return f"obs={r.observed:.4g} p={r.p_value:.3f} null mean={np.nanmean(r.null):.4g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="null-model repetitions")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for null models")
    args = parser.parse_args()
    t0 = time.perf_counter()
    G = synthetic_graph()
    build = time.perf_counter() - t0
    print(
        f"graph: {G.number_of_nodes():,} cities, {G.number_of_edges():,} links "
        f"(built in {build:.1f} s)"
    )
    rows = []

    def timed(label: str, fn):
        t = time.perf_counter()
        out = fn()
        rows.append((label, time.perf_counter() - t, out))

    timed("adoption_curves (city, region)", lambda: len(pn.diffusion.adoption_curves(G)))
    timed("waves (region, peaks)", lambda: len(pn.diffusion.waves(G).table))
    timed(
        "waves (country_pair, pelt)",
        lambda: len(pn.diffusion.waves(G, by="country_pair", method="pelt").table),
    )
    timed(
        "spread (city)",
        lambda: round(float(pn.diffusion.spread(G).velocity.loc["distance_km", "slope"]), 2),
    )
    timed("cascades (city)", lambda: round(pn.diffusion.cascades(G).share, 4))
    for stat in ("cascade_share", "distance_trend"):
        for model in ("shuffle_years", "rewire"):
            for jobs in sorted({1, args.jobs}):
                timed(
                    f"null_model {stat} {model} n={args.n} jobs={jobs}",
                    lambda s=stat, m=model, j=jobs: _null_summary(
                        pn.diffusion.null_model(
                            G, s, model=m, n=args.n, seed=0, progress=False, n_jobs=j
                        )
                    ),
                )
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  result")
    for label, secs, out in rows:
        print(f"{label:<{width}}  {secs:8.2f}  {out}")
    worst = max(secs for label, secs, _ in rows if label.startswith("null_model"))
    print(f"slowest null model: {worst:.1f} s for {args.n} repetitions (target < 60 s)")


if __name__ == "__main__":
    main()
