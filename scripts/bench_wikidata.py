"""Benchmark the offline Wikidata readers on the shared real data (not part of the tests).

Run ``python scripts/bench_wikidata.py``; prints the best of several runs per reader.
Target: read_statements_tsv on the L3viathan crawl (34,182 rows) in < 2 s.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from paradiplo_net import wikidata as wd

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _best(fn, repeat: int = 5) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> int:
    """Print a table of timings; return 1 if a target is missed or the data is absent."""
    crawl = DATA / "wikidata-p190-l3viathan"
    if not crawl.is_dir():
        print(f"shared data not found at {DATA}; set PARADIPLO_SHARED_DATA")
        return 1
    rows = []
    t, (G, _) = _best(lambda: wd.read_statements_tsv(crawl / "relations.tsv", crawl / "names.tsv"))
    rows.append(("read_statements_tsv (L3viathan crawl)", G.number_of_edges(), t, 2.0))
    t, table = _best(lambda: wd.one_sided(G))
    rows.append(("one_sided (L3viathan crawl)", len(table), t, None))
    t, (H, _) = _best(lambda: wd.read_entity_json(crawl / "weimar.json"))
    rows.append(("read_entity_json (weimar.json)", H.number_of_edges(), t, None))
    t, (K, _) = _best(lambda: wd.read_wikidata12k(DATA / "wikidata12k-tkg"))
    rows.append(("read_wikidata12k (relation 5)", K.number_of_edges(), t, None))
    print(f"{'step':42} {'edges':>8} {'best s':>8} {'target s':>9}")
    failed = False
    for name, n, secs, target in rows:
        flag = ""
        if target is not None and secs > target:
            flag, failed = "  MISSED", True
        print(f"{name:42} {n:8d} {secs:8.3f} {'' if target is None else f'{target:9.1f}'}{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
