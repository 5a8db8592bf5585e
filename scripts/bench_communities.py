"""Benchmark community detection on the Wikidata P190 crawl (10,055 cities, 34,178 statements).

Target (issue 8): Leiden with 20 seeded repetitions on the crawl in under 10 s. Also timed:
one run of each method, :func:`paradiplo_net.communities.consensus` (20 runs, which includes
the label matching and the consensus rounds), Leiden run to convergence (``n_iterations=-1``)
and, for reference, the leidenalg package's ``RBConfigurationVertexPartition`` (the same
quality function) when it is installed. Wall and CPU seconds are printed; the machine's load
(other processes) inflates wall time.

Usage::

    python scripts/bench_communities.py [--data ../shared/data] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import paradiplo_net as pn
from paradiplo_net import communities as cm

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, *args, **kwargs):
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    folder = args.data / "wikidata-p190-l3viathan"
    rows = []
    G, wall, cpu = timed(
        lambda: pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")[0]
    )
    rows.append(("load crawl", wall, cpu, ""))
    res, wall, cpu = timed(cm.detect, G, seed=0)
    rows.append(
        (
            "leiden x1 (incl. igraph conversion)",
            wall,
            cpu,
            f"Q={res.modularity:.3f}, k={res.n_communities}",
        )
    )

    def repeated():
        return [cm.detect(G, seed=s) for s in range(args.runs)]

    out, wall, cpu = timed(repeated)
    qs = [r.modularity for r in out]
    rows.append(
        (
            f"leiden x{args.runs} seeded (TARGET < 10 s)",
            wall,
            cpu,
            f"Q {min(qs):.3f}-{max(qs):.3f}, k {min(r.n_communities for r in out)}-"
            f"{max(r.n_communities for r in out)}",
        )
    )
    for method in ("louvain", "infomap", "label_propagation"):
        r, wall, cpu = timed(cm.detect, G, method=method, seed=0)
        rows.append((f"{method} x1", wall, cpu, f"Q={r.modularity:.3f}, k={r.n_communities}"))
    r, wall, cpu = timed(cm.detect, G, seed=0, n_iterations=-1)
    rows.append(
        (
            "leiden x1 until stable (n_iterations=-1)",
            wall,
            cpu,
            f"Q={r.modularity:.3f}, k={r.n_communities}",
        )
    )
    c, wall, cpu = timed(cm.consensus, G, runs=args.runs, progress=False)
    rows.append(
        (
            f"consensus {args.runs} runs",
            wall,
            cpu,
            f"stable {c.stable_share:.3f}, rounds {c.rounds}, k={c.partition.n_communities}",
        )
    )
    r, wall, cpu = timed(cm.detect, G, level="country")
    rows.append(
        ("leiden x1 country level", wall, cpu, f"Q={r.modularity:.3f}, k={r.n_communities}")
    )
    try:
        import leidenalg

        from paradiplo_net.stats import to_igraph

        U = to_igraph(G).U
        p, wall, cpu = timed(
            leidenalg.find_partition,
            U,
            leidenalg.RBConfigurationVertexPartition,
            weights="weight",
            resolution_parameter=1.0,
            seed=0,
        )
        rows.append(
            (
                "leidenalg RBConfiguration x1 (reference)",
                wall,
                cpu,
                f"Q={U.modularity(p.membership, weights='weight'):.3f}, k={len(p)}",
            )
        )
    except ImportError:
        rows.append(("leidenalg (not installed)", float("nan"), float("nan"), ""))

    print(
        f"crawl: {G.number_of_nodes():,} cities, {G.number_of_edges():,} statements; "
        f"cpus={os.cpu_count()}, load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'step':<44} {'wall s':>8} {'cpu s':>8}  result")
    for name, wall, cpu, note in rows:
        print(f"{name:<44} {wall:8.2f} {cpu:8.2f}  {note}")


if __name__ == "__main__":
    main()
