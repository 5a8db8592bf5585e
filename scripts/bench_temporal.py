"""Benchmark of paradiplo_net.temporal (and the France share of German links by decade).

Run: ``python scripts/bench_temporal.py``. Prints a table of timings.

Graph: 35,000 links. When ``../shared/data/wikidata-p190-l3viathan/relations.tsv`` is present
its 34,182 real Wikidata P190 statements are used (padded with random pairs to 35,000);
otherwise a random graph over 10,000 cities. Years are random (seed 42): formation years
1900-2024 skewed towards recent decades, 10 % of links ended 1-30 years later (before 2025),
3 % undated. Target: snapshots for every year 1900-2024 in under 5 s.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import networkx as nx
import numpy as np

import paradiplo_net as pn
from paradiplo_net.model import new_graph

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))
N_LINKS = 35_000
SEED = 42
COUNTRIES = ("DE", "FR", "GB", "US", "JP", "CN", "ID", "PL", "IT", "RU", "BR", "KR")


def synthetic_graph(n_links: int = N_LINKS, seed: int = SEED) -> tuple[nx.MultiDiGraph, str]:
    rng = np.random.default_rng(seed)
    rel = SHARED / "wikidata-p190-l3viathan" / "relations.tsv"
    pairs: list[tuple[str, str]] = []
    source = "random graph"
    if rel.exists():
        for line in rel.read_text(encoding="utf-8").splitlines():
            a, b = line.split("\t")[:2]
            if a != b:
                pairs.append((a, b))
        source = f"{len(pairs):,} Wikidata P190 pairs + random pairs"
    nodes = sorted({n for p in pairs for n in p}) or [f"Q{i + 1}" for i in range(10_000)]
    while len(pairs) < n_links:
        a, b = rng.choice(len(nodes), 2, replace=False)
        pairs.append((nodes[a], nodes[b]))
    pairs = pairs[:n_links]
    years = (1900 + 125 * rng.beta(3, 1.6, n_links)).astype(int).clip(1900, 2024)
    ended = rng.random(n_links) < 0.10
    ends = np.minimum(years + rng.integers(1, 31, n_links), 2024)
    undated = rng.random(n_links) < 0.03
    G = new_graph(dataset="bench-synthetic", seed=seed)
    cc = rng.choice(len(COUNTRIES), len(nodes))
    for n, c in zip(nodes, cc, strict=True):
        G.add_node(n, name=n, country=COUNTRIES[c], lat=None, lon=None, level="municipality")
    for (u, v), y, e, is_end, is_und in zip(pairs, years, ends, ended, undated, strict=True):
        G.add_edge(
            u,
            v,
            year=None if is_und else int(y),
            end_year=int(e) if is_end else None,
            phase=None,
            phase_source=None,
            kind="twin_town",
            dataset="bench-synthetic",
        )
    return G, source


def H_last_edges(G: nx.MultiDiGraph) -> int:  # noqa: N802
    return pn.temporal.snapshot(G, 2024).number_of_edges()


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def france_share_table() -> None:
    path = SHARED / "de-twintowns-muench" / "partnerstaedte_final.csv"
    if not path.exists():
        print(f"\n(skipped France share: {path} absent)")
        return
    G, _report = pn.io.read_links(
        path,
        source="gemeindename",
        target="partnergemeinde",
        target_country="land",
        default_source_country="DE",
        year="seit",
        dataset="de-twintowns-muench",
    )
    t = pn.temporal.pair_growth(G, "DE", "FR", freq="decade")
    t = t.rename(columns={"new": "DE-FR new", "links_of_a": "all DE new"})
    t["share %"] = (100 * t["share"]).round(1)
    print("\nGerman links to France by decade (de-twintowns-muench, German side -> partner)")
    print(t[["decade", "DE-FR new", "all DE new", "share %", "cumulative"]].to_string(index=False))
    print(
        f"total: {t['DE-FR new'].sum():,} of {t['all DE new'].sum():,} German links "
        f"({100 * t['DE-FR new'].sum() / t['all DE new'].sum():.1f} %)"
    )


def main() -> None:
    build, (G, source) = timed(synthetic_graph)
    years = range(1900, 2025)
    rows = [
        (
            "build synthetic graph",
            build,
            f"{G.number_of_edges():,} links, {G.number_of_nodes():,} cities ({source})",
        )
    ]

    def run(copy: bool) -> int:
        # touch each snapshot cheaply (H.number_of_edges() is itself O(n + m) in networkx)
        return sum(len(H) for _, H in pn.temporal.snapshots(G, years, copy=copy, progress=False))

    t_inc, nodes = timed(lambda: run(False))
    total = sum(H.number_of_edges() for _, H in pn.temporal.snapshots(G, years, progress=False))
    rows.append(
        (
            "snapshots 1900-2024, copy=False",
            t_inc,
            f"{len(years)} years; {total:,} edges in all, final {H_last_edges(G):,}",
        )
    )
    t_cp, nodes_cp = timed(lambda: run(True))
    assert nodes_cp == nodes
    rows.append(("snapshots 1900-2024, copy=True", t_cp, "an independent graph per year"))
    sample = list(years)[::25]
    t_one, _ = timed(lambda: [pn.temporal.snapshot(G, y) for y in sample])
    rows.append(
        (
            "snapshot() from scratch, x125 (est.)",
            t_one / len(sample) * len(years),
            f"measured on {len(sample)} years, scaled",
        )
    )
    t_g, g = timed(lambda: pn.temporal.growth(G, by="country_pair"))
    rows.append(("growth(by='country_pair')", t_g, f"{len(g):,} rows"))
    t_a, _ = timed(lambda: pn.temporal.adoption(G, by_phase=True))
    rows.append(("adoption(by_phase=True)", t_a, f"{G.number_of_nodes():,} cities"))
    t_w, _ = timed(lambda: pn.temporal.window(G, 1945, 1989, by="active"))
    rows.append(("window(1945, 1989, by='active')", t_w, ""))

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"{os.cpu_count()} CPUs, load average {load} (timings are wall-clock)")
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  notes")
    for name, secs, note in rows:
        print(f"{name:<{width}}  {secs:8.3f}  {note}")
    verdict = "OK" if t_inc < 5 else "TOO SLOW"
    print(
        f"\ntarget: snapshots for every year 1900-2024 of 35,000 links in < 5 s -> "
        f"{t_inc:.2f} s (copy=False), {t_cp:.2f} s (copy=True): {verdict}"
    )
    france_share_table()


if __name__ == "__main__":
    main()
