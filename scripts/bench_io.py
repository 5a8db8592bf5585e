"""Benchmark paradiplo_net.io on the real data in ../shared/data.

Run: ``python scripts/bench_io.py``. Prints one line per task: wall time (s), rows read,
links kept, nodes. The target is < 30 s for reading and resolving all 26,114 Hekman rows
(``resolve=True``, including the one-off load of the GeoNames index).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _tasks():
    hekman = DATA / "wikipedia-hekman" / "twin_cities_raw.csv"
    hek = {
        "source": "city1",
        "target": "city2",
        "source_country": "country1",
        "target_country": "country2",
        "dataset": "hekman",
        "drop_invalid": True,
    }
    yield "hekman read", lambda: pn.io.read_links(hekman, **hek)
    yield (
        "hekman read+resolve",
        lambda: pn.io.read_links(hekman, resolve=True, progress=False, **hek),
    )
    yield (
        "muench read",
        lambda: pn.io.read_links(
            DATA / "de-twintowns-muench" / "partnerstaedte_final.csv",
            source="gemeindename",
            target="partnergemeinde",
            target_country="land",
            default_source_country="DE",
            year="seit",
            kind="form",
            kind_map={"p": "partnership", "f": "friendship_city", "k": "contact"},
            dataset="muench",
        ),
    )
    yield (
        "bsr read",
        lambda: pn.io.read_links(
            DATA / "baltic-bsr-nickel" / "dyad.hans.csv",
            source="City1",
            target="City2",
            source_country="Country1",
            target_country="Country2",
            year="Year",
            directed=False,
            dataset="bsr",
            drop_invalid=True,
        ),
    )
    yield "konect read", lambda: pn.io.read_konect(DATA / "wikidata-konect-twin-2017" / "out.twin")


def main() -> None:
    if not DATA.is_dir():
        print(f"real data folder {DATA} absent; nothing to benchmark")
        sys.exit(0)
    print(f"{'task':<22}{'seconds':>9}{'rows':>8}{'links':>8}{'nodes':>8}")
    for name, task in _tasks():
        t0 = time.perf_counter()
        G, report = task()
        dt = time.perf_counter() - t0
        print(
            f"{name:<22}{dt:>9.2f}{report.rows_read:>8}{report.links_kept:>8}"
            f"{G.number_of_nodes():>8}"
        )
        if name == "hekman read+resolve":
            note = next(n for n in report.notes if n.startswith("resolve:"))
            print(f"{'':<22}{note[:100]}")


if __name__ == "__main__":
    main()
