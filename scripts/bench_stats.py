"""Benchmark stats.summary and the city centralities on the Wikidata P190 crawl.

Targets (issue 6): on the crawl (10,055 nodes, 34,178 statements) the full summary plus all
city centralities in under 30 s on 2 cores; betweenness within 1.5x of a bare igraph call
on the same graph; and the ratio against plain networkx betweenness. networkx's exact
betweenness takes minutes here, so by default it is run with ``k`` sampled sources and the
exact time extrapolated (x n / k; Brandes' algorithm costs one BFS per source); pass
``--nx-exact`` to run it exactly once.

Usage::

    python scripts/bench_stats.py [--data ../shared/data] [--nx-k 500] [--nx-exact]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import igraph as ig
import networkx as nx

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, *args, **kwargs):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--nx-k", type=int, default=500, help="sources for sampled networkx betweenness"
    )
    parser.add_argument(
        "--nx-exact", action="store_true", help="also run exact networkx betweenness"
    )
    args = parser.parse_args(argv)
    folder = args.data / "wikidata-p190-l3viathan"
    rows = []

    def load():
        return pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")[0]

    G, wall, cpu = timed(load)
    rows.append(("load crawl (read_statements_tsv)", wall, cpu))
    print(f"crawl: {G.number_of_nodes()} nodes, {G.number_of_edges()} statements")

    pn.stats.clear_cache()
    _, w_sum, c_sum = timed(pn.stats.summary, G)
    rows.append(("summary (cold: includes igraph conversion)", w_sum, c_sum))
    _, w_tab, c_tab = timed(pn.centrality.city_table, G)
    rows.append(("city_table, all 9 measures", w_tab, c_tab))
    rows.append(("TOTAL summary + all centralities (target < 30 s)", w_sum + w_tab, c_sum + c_tab))

    # Betweenness: paradiplo_net on a fresh graph object (cold cache: conversion included)
    # vs a bare igraph call on the same simple undirected graph.
    H = G.copy()
    _, w_pn, c_pn = timed(pn.centrality.rank, H, "betweenness")
    rows.append(("pn betweenness, cold (convert + compute + table)", w_pn, c_pn))
    U = pn.model.collapse_undirected(G)
    g = ig.Graph.from_networkx(U)
    _, w_ig, c_ig = timed(g.betweenness, directed=False)
    rows.append(("bare igraph betweenness", w_ig, c_ig))
    k = min(args.nx_k, U.number_of_nodes())
    _, w_nxk, c_nxk = timed(nx.betweenness_centrality, U, k=k, seed=0)
    rows.append((f"networkx betweenness, k={k} sampled sources", w_nxk, c_nxk))
    scale = U.number_of_nodes() / k
    rows.append((f"networkx exact, extrapolated (x {scale:.1f})", w_nxk * scale, c_nxk * scale))
    if args.nx_exact:
        _, w_nx, c_nx = timed(nx.betweenness_centrality, U)
        rows.append(("networkx betweenness, exact", w_nx, c_nx))
        nx_cpu = c_nx
    else:
        nx_cpu = c_nxk * scale

    print(f"\n{'step':<55} {'wall s':>8} {'cpu s':>8}")
    for name, w, c in rows:
        print(f"{name:<55} {w:8.2f} {c:8.2f}")
    print(f"\nbetweenness pn / bare igraph (cpu): {c_pn / c_ig:.2f}x (target <= 1.5x)")
    print(
        f"betweenness networkx / pn (cpu):    {nx_cpu / c_pn:.0f}x"
        f" ({'exact' if args.nx_exact else 'extrapolated from k=' + str(k)})"
    )


if __name__ == "__main__":
    main()
