"""Benchmark the main job: every figure, table, report and manifest from the bundled data.

Target (issue 9): the whole ``figures`` run on the bundled ``core`` data in under 60 s on
2 cores, at the published settings (PNG at 300 dpi and SVG). Prints the time of each step
(from the manifest) and the wall-clock and CPU time of the whole run, for the run as
published and for a quick preview (PNG only, 100 dpi).

Usage::

    python scripts/bench_figures.py [--dataset core] [--repeat 1]
"""

from __future__ import annotations

import argparse
import tempfile
import time

import paradiplo_net as pn


def _one(G, dataset: str, **kwargs) -> tuple[dict, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        manifest = pn.figures.run(G, out=tmp, progress=False, dataset=dataset, **kwargs)
        return manifest, time.perf_counter() - t0, time.process_time() - c0


def main(argv: list[str] | None = None) -> None:
    """Print a table of timings (seconds)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="core")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    G = pn.datasets.load(args.dataset)
    load = time.perf_counter() - t0
    print(
        f"dataset {args.dataset}: {G.number_of_nodes()} cities, {G.number_of_edges()} links "
        f"(loaded in {load:.2f} s)"
    )
    settings = {
        "published (png 300 dpi + svg)": {"formats": ("png", "svg"), "dpi": 300},
        "preview (png 100 dpi)": {"formats": ("png",), "dpi": 100},
    }
    rows = []
    for label, kwargs in settings.items():
        best = None
        for _ in range(args.repeat):
            manifest, wall, cpu = _one(G, args.dataset, **kwargs)
            if best is None or wall < best[1]:
                best = (manifest, wall, cpu)
        rows.append((label, *best))
    steps = [s for s in rows[0][1]["timings"] if s != "total"]
    print(f"\n{'step':<18}" + "".join(f"{label:>32}" for label, *_ in rows))
    for s in steps:
        print(f"{s:<18}" + "".join(f"{m['timings'][s]:>32.2f}" for _l, m, *_ in rows))
    print(f"{'total (wall)':<18}" + "".join(f"{wall:>32.2f}" for *_x, wall, _c in rows))
    print(f"{'total (cpu)':<18}" + "".join(f"{cpu:>32.2f}" for *_x, cpu in rows))
    print(f"\nfiles written per run: {len(rows[0][1]['files'])}; target: published run < 60 s")


if __name__ == "__main__":
    main()
