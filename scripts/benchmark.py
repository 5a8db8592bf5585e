#!/usr/bin/env python
"""Speed of paradiplo_net side by side with the bare libraries, and how it scales.

Two tables, every figure measured in this run on the same graph (CPU seconds, best of a few
repeats, ours and the bare call interleaved so that machine load hits both alike):

1. **Ratios on the Wikidata P190 crawl** (``wikidata-p190-l3viathan``, read at run time with
   :func:`paradiplo_net.wikidata.read_statements_tsv`; skipped when absent): each public call
   divided by the bare igraph call it wraps on the cached igraph view (degree, PageRank,
   eigenvector, betweenness, closeness, harmonic, Leiden), and by networkx where networkx
   offers the same measure (PageRank, degree). ``ours`` is the public call with the
   igraph conversion warm and the measure cache cleared (the computation is done each time);
   ``rank`` adds the ranking table.
2. **Scaling on synthetic graphs** (preferential attachment, 3 partners per new city; 10k to
   300k links by default, 1M with ``--full``): load (``model.graph_from_tables``), conversion,
   PageRank, betweenness, closeness (automatic sampling above
   :data:`paradiplo_net.centrality.PATH_SAMPLE_LIMIT` cities), Leiden and ``stats.summary``,
   with the exponent b of time ~ links^b between successive sizes.

The default run takes a few minutes on 2 cores. Usage::

    python scripts/benchmark.py [--full] [--data ../shared/data] [--skip-crawl]
    python scripts/benchmark.py --areas stats io     # the older bench_<area>.py scripts
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import math
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CRAWL = "wikidata-p190-l3viathan"


def run_areas(wanted: set[str]) -> int:
    """Run the bench_<area>.py scripts (all when ``wanted`` holds "all")."""
    failures = 0
    for path in sorted(HERE.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if "all" not in wanted and area not in wanted:
            continue
        print(f"\n=== {area} ({path.name}) ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        t0 = time.perf_counter()
        try:
            module.main()
        except SystemExit as exc:  # a bench may sys.exit(main())
            failures += bool(exc.code)
        except Exception as exc:  # report and go on with the other areas
            print(f"FAILED: {exc!r}")
            failures += 1
        print(f"--- {area}: {time.perf_counter() - t0:.1f} s wall", flush=True)
    return 1 if failures else 0


def cpu(fn: Callable[[], object], before: Callable[[], object] | None = None) -> float:
    """CPU seconds of one call of ``fn`` (``before`` runs first, untimed)."""
    if before is not None:
        before()
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def side_by_side(ours: Callable, bare: Callable, repeats: int,
                 before: Callable | None = None) -> tuple[float, float]:
    """Best CPU time of ``ours`` and ``bare``, run alternately ``repeats`` times."""
    a, b = [], []
    for _ in range(repeats):
        a.append(cpu(ours, before))
        b.append(cpu(bare))
    return min(a), min(b)


def crawl_ratios(data: Path) -> None:
    import networkx as nx
    import numpy as np

    import paradiplo_net as pn

    folder = data / CRAWL
    G, _report = pn.wikidata.read_statements_tsv(folder / "relations.tsv",
                                                 folder / "names.tsv")
    conv = pn.stats.to_igraph(G)
    U, D = conv.U.copy(), conv.D.copy()  # the bare library's own graphs
    ce = pn.centrality
    clear = conv.measures.clear
    n_check = 10_000
    t0 = time.process_time()
    for _ in range(n_check):
        pn.stats.to_igraph(G)
    check_us = (time.process_time() - t0) / n_check * 1e6
    print(f"\n## Ratios on the crawl: {G.number_of_nodes():,} cities, "
          f"{G.number_of_edges():,} statements, {U.ecount():,} pairs "
          f"(threads={pn.settings.settings.threads})")
    print(f"warm to_igraph (validity check): {check_us:.1f} us per call")
    leiden = dict(objective_function="modularity", weights="weight", resolution=1.0,
                  n_iterations=2)
    rows = [
        ("degree", 7, lambda: ce.city_values(G, "degree"), lambda: np.array(D.degree())),
        ("degree, rank table", 7, lambda: ce.rank(G, "degree"), lambda: np.array(D.degree())),
        ("pagerank", 7, lambda: ce.city_values(G, "pagerank"),
         lambda: D.pagerank(weights="weight")),
        ("pagerank, rank table", 7, lambda: ce.rank(G, "pagerank"),
         lambda: D.pagerank(weights="weight")),
        ("eigenvector", 7, lambda: ce.city_values(G, "eigenvector"),
         U.eigenvector_centrality),
        ("betweenness", 2, lambda: ce.city_values(G, "betweenness"),
         lambda: U.betweenness(directed=False)),
        ("closeness", 2, lambda: ce.city_values(G, "closeness"), U.closeness),
        ("harmonic", 2, lambda: ce.city_values(G, "harmonic"), U.harmonic_centrality),
        ("leiden", 5, lambda: pn.communities.detect(G, method="leiden"),
         lambda: U.community_leiden(**leiden)),
    ]
    print(f"{'measure':24s} {'ours s':>9s} {'igraph s':>9s} {'ours/igraph':>11s}")
    for name, reps, ours, bare in rows:
        a, b = side_by_side(ours, bare, reps, before=clear)
        print(f"{name:24s} {a:9.4f} {b:9.4f} {a / max(b, 1e-9):11.2f}", flush=True)
    print(f"{'vs networkx':24s} {'ours s':>9s} {'nx s':>9s} {'ours/nx':>11s}")
    for name, reps, ours, bare in [
        ("pagerank", 5, lambda: ce.city_values(G, "pagerank"), lambda: nx.pagerank(G)),
        ("degree", 5, lambda: ce.city_values(G, "degree"), lambda: dict(G.degree())),
    ]:
        a, b = side_by_side(ours, bare, reps, before=clear)
        print(f"{name:24s} {a:9.4f} {b:9.4f} {a / max(b, 1e-9):11.2f}", flush=True)
    t = cpu(lambda: pn.stats.summary(G))
    print(f"stats.summary (exact distances): {t:.2f} s")


def synthetic_tables(links: int, seed: int = 0):
    """Contract tables of a preferential-attachment graph with about ``links`` statements."""
    import igraph as ig
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = max(10, links // 3)
    g = ig.Graph.Barabasi(n, 3)
    E = np.array(g.get_edgelist(), dtype=np.int64)[:links]
    flip = rng.random(len(E)) < 0.5  # either side may carry the statement
    E[flip] = E[flip][:, ::-1]
    ids = np.array([f"Q{i + 1}" for i in range(n)], dtype=object)
    countries = np.array(["DE", "FR", "PL", "JP", "US", "CN", None], dtype=object)
    cities = pd.DataFrame({
        "name": [f"City {i}" for i in range(n)],
        "country": countries[rng.integers(0, len(countries), n)],
        "lat": rng.uniform(-60, 70, n), "lon": rng.uniform(-180, 180, n),
        "level": "municipality",
    }, index=ids)
    years = np.where(rng.random(len(E)) < 0.3, np.nan, rng.integers(1950, 2024, len(E)))
    links_t = pd.DataFrame({"source": ids[E[:, 0]], "target": ids[E[:, 1]],
                            "year": years.astype(float), "kind": "twin_town"})
    return links_t, cities


def scaling(sizes: list[int]) -> None:
    import paradiplo_net as pn

    print("\n## Scaling on synthetic graphs (CPU s; b = exponent of time ~ links^b "
          "from the previous size)")
    tasks: list[tuple[str, Callable]] = [
        ("to_igraph", lambda G: (pn.stats.clear_cache(), pn.stats.to_igraph(G))),
        ("pagerank", lambda G: pn.centrality.city_values(G, "pagerank")),
        ("betweenness", lambda G: pn.centrality.city_values(G, "betweenness")),
        ("closeness", lambda G: pn.centrality.city_values(G, "closeness")),
        ("leiden", lambda G: pn.communities.detect(G, method="leiden")),
        ("summary", pn.stats.summary),
    ]
    names = ["load", *(t[0] for t in tasks)]
    print(f"{'links':>9s} {'cities':>8s} " + " ".join(f"{n:>13s}" for n in names)
          + "  (paths)")
    previous: dict[str, float] = {}
    prev_m = 0
    for m in sizes:
        links, cities = synthetic_tables(m)
        name = f"synthetic-{m}"
        t_load = cpu(lambda links=links, cities=cities, name=name: pn.model.graph_from_tables(
            links, cities, dataset=name))
        G = pn.model.graph_from_tables(links, cities, dataset=name)
        times = {"load": t_load}
        for name, fn in tasks:
            times[name] = cpu(functools.partial(fn, G))
        mode = pn.centrality.city_values(G, "betweenness").attrs["paths"]
        s_paths = pn.stats.summary(G).attrs["paths"]
        cells = []
        for name in names:
            t = times[name]
            if name in previous and previous[name] > 0.005 and t > 0.005:
                b = math.log(t / previous[name]) / math.log(m / prev_m)
                cells.append(f"{t:7.2f} b={b:4.2f}")
            else:
                cells.append(f"{t:7.2f}       ")
        print(f"{m:9,d} {G.number_of_nodes():8,d} " + " ".join(f"{c:>13s}" for c in cells)
              + f"  (centrality {mode}, summary {s_paths})", flush=True)
        previous, prev_m = times, m
        del G


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="scale up to 1M links")
    parser.add_argument("--data", type=Path, default=Path(
        os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data")))
    parser.add_argument("--skip-crawl", action="store_true")
    parser.add_argument("--sizes", type=int, nargs="*", help="links per synthetic graph")
    parser.add_argument("--areas", nargs="*", help="run bench_<area>.py scripts ('all')")
    args = parser.parse_args(argv)
    if args.areas is not None:
        return run_areas(set(args.areas or ["all"]))
    sys.path.insert(0, str(ROOT))  # the package of this checkout
    warnings.simplefilter("ignore")  # igraph's disconnected-graph warnings, powerlaw's notes
    if not args.skip_crawl:
        if (args.data / CRAWL / "relations.tsv").exists():
            crawl_ratios(args.data)
        else:
            print(f"(no crawl at {args.data / CRAWL}: ratios skipped)")
    sizes = args.sizes or ([10_000, 30_000, 100_000, 300_000, 1_000_000] if args.full
                           else [10_000, 30_000, 100_000, 300_000])
    scaling(sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
