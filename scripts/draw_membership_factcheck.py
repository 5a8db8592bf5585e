#!/usr/bin/env python
"""Draw the seeded random rows of the city-network membership table to fact-check (issue 19).

Rows are drawn uniformly without replacement from ``memberships.csv`` (the bundled table by
default). A checker who did not compile the table fills ``verdict`` with one of
``confirmed`` (an independent source states the membership and, if the row has a join year,
that year), ``year_differs``, ``link_unconfirmed`` or ``wrong``, with ``evidence_url`` and a
short ``note``. The filled file is kept beside the table as ``factcheck.csv``.

Usage: ``python scripts/draw_membership_factcheck.py [--n 20] [--seed 2026120619] [--table CSV]
[--out PATH]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "paradiplo_net" / "datasets" / "data" / "networks" / "memberships.csv"
SEED = 2026120619


def draw(table: Path = TABLE, n: int = 20, seed: int = SEED) -> pd.DataFrame:
    """The ``n`` rows to check (their row number in the table counts from 2, after the header)."""
    members = pd.read_csv(table, dtype=str, keep_default_na=False)
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(len(members), size=n, replace=False))
    out = members.iloc[idx][["network", "city", "country", "join_year", "end_year", "role"]]
    out.insert(0, "row", idx + 2)
    return out.assign(verdict="", evidence_url="", note="").reset_index(drop=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="rows to draw (default 20)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed (default {SEED})")
    parser.add_argument("--table", type=Path, default=TABLE, help="the membership table")
    parser.add_argument("--out", type=Path, default=None, help="output CSV (default: print)")
    args = parser.parse_args()
    out = draw(args.table, args.n, args.seed)
    if args.out:
        out.to_csv(args.out, index=False)
        print(f"wrote {len(out)} rows to {args.out}")
    else:
        print(out.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
