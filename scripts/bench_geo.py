"""Benchmark paradiplo_net.geo on real data: country lookups and place resolution.

Run from the repository root: ``python scripts/bench_geo.py``. Needs ../shared/data
(or $PARADIPLO_SHARED_DATA). Prints wall-clock and CPU seconds (CPU time is the stable
figure on a busy machine) and the resolved shares.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd

from paradiplo_net import geo

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))


def _timed(label: str, fn, rows: list[tuple[str, float, float, str]], note: str = ""):
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    rows.append((label, time.perf_counter() - wall, time.process_time() - cpu, note))
    return out


def main() -> None:
    """Time the geo functions on the Hekman (26,114 rows) and Muench (7,138 rows) files."""
    hekman = pd.read_csv(DATA / "wikipedia-hekman" / "twin_cities_raw.csv", keep_default_na=False)
    muench = pd.read_csv(DATA / "de-twintowns-muench" / "partnerstaedte_final.csv")
    names = pd.concat([hekman["city1"], hekman["city2"]], ignore_index=True)
    countries = pd.concat([hekman["country1"], hekman["country2"]], ignore_index=True)
    rows: list[tuple[str, float, float, str]] = []

    _timed("country_codes, 52,228 hekman texts (cold)", lambda: geo.country_codes(countries), rows)
    _timed("country_codes, 52,228 hekman texts (warm)", lambda: geo.country_codes(countries), rows)
    index = _timed("build place index (cities500, cold)", lambda: geo._place_index(500), rows)
    rows[-1] = (*rows[-1][:3], f"{len(index):,} places, {len(index.keys):,} names")
    r = _timed("resolve hekman, 52,228 lookups", lambda: geo.resolve(names, countries), rows)
    share = (r["status"] == "resolved").mean()
    rows[-1] = (
        *rows[-1][:3],
        f"resolved {share:.1%}, ambiguous {(r['status'] == 'ambiguous').mean():.1%}",
    )
    _timed("resolve hekman again (cached)", lambda: geo.resolve(names, countries), rows)
    m = _timed(
        "resolve muench partners, 7,138",
        lambda: geo.resolve(muench["partnergemeinde"], muench["land"]),
        rows,
    )
    rows[-1] = (*rows[-1][:3], f"resolved {(m['status'] == 'resolved').mean():.1%}")
    geo._resolve_one.cache_clear()
    _timed(
        "resolve hekman, min_population=15001",
        lambda: geo.resolve(names, countries, min_population=15001),
        rows,
        "cities15000 file",
    )

    print(f"{'step':<45} {'wall s':>8} {'cpu s':>8}  note")
    cold = rows[2][1] + rows[3][1], rows[2][2] + rows[3][2]
    rows.insert(
        4, ("= resolve hekman from cold (index + lookups)", *cold, "target: well under 30 s")
    )
    for label, wall, cpu, note in rows:
        print(f"{label:<45} {wall:8.2f} {cpu:8.2f}  {note}")
    print("\nmatch kinds (hekman):", r["match"].value_counts().to_dict())


if __name__ == "__main__":
    main()
