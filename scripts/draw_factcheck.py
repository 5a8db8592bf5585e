#!/usr/bin/env python
"""Draw the seeded random rows of the town sample to fact-check (issue 18); regenerates exactly.

The rows are drawn uniformly without replacement from the sample's ``links.csv`` as built by
``scripts/build_sample.py``. Each row is identified by its key (``source``, ``target``,
``year``, ``kind``), so a later rebuild that only adds rows keeps the draw's meaning. The
checker (a person who did not compile the row) fills ``verdict`` with one of ``confirmed``
(an independent source states the partner and, if dated, the year), ``year_differs`` (the
link holds but sources give another year: say which), ``link_unconfirmed`` (no source found
either way), ``wrong`` (a source contradicts the row), and ``evidence_url`` / ``note``.

The bundled ``factcheck.csv`` holds the 50 rows drawn from the sample as built at commit
``b768606`` (``links.csv`` of 2,046 rows, SHA-256 ``1a98e7e8...``), checked by a person who did
not compile them; its ``followup`` column says what was done about each row not confirmed.
To redraw exactly those rows::

    mkdir /tmp/s && for f in links cities; do git show \
      b768606:paradiplo_net/datasets/data/sample/$f.csv > /tmp/s/$f.csv; done
    python scripts/draw_factcheck.py --sample /tmp/s

Usage: ``python scripts/draw_factcheck.py [--n 50] [--seed 2026120650] [--sample DIR]
[--out PATH]``
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "paradiplo_net" / "datasets" / "data" / "sample"
SEED = 2026120650
VERDICTS = ("confirmed", "year_differs", "link_unconfirmed", "wrong")


def draw(n: int = 50, seed: int = SEED, sample: Path = SAMPLE) -> pd.DataFrame:
    """The ``n`` rows to check, with the town's and the partner's names and countries."""
    links = pd.read_csv(sample / "links.csv", dtype=str, keep_default_na=False)
    cities = pd.read_csv(sample / "cities.csv", dtype=str, keep_default_na=False)
    names = cities.set_index("city")[["name", "country"]]
    rng = np.random.default_rng(seed)
    rows = links.iloc[np.sort(rng.choice(len(links), size=n, replace=False))]
    out = pd.DataFrame(
        {
            "source": rows["source"],
            "target": rows["target"],
            "year": rows["year"],
            "kind": rows["kind"],
            "town": rows["source"].map(names["name"]),
            "town_country": rows["source"].map(names["country"]),
            "partner": rows["target"].map(names["name"]),
            "partner_country": rows["target"].map(names["country"]),
            "end_year": rows["end_year"],
            "verdict": "",
            "evidence_url": "",
            "note": "",
        }
    )
    return out.reset_index(drop=True)


#: Seed of the second fact-check: 20 dated rows of the third research pass (R1-R6).
SEED_THIRD_PASS = 2026120603
#: Seed of the third fact-check: 20 dated rows of the fourth research pass (R8-R13).
SEED_FOURTH_PASS = 2026120604
#: Seed of the fourth fact-check: 20 dated rows of the German supplement's research (R15-R18).
SEED_SUPPLEMENT = 2026120605
#: Seed of the fifth fact-check: the dated rows of the fifth research pass (R19-R20, 9 rows:
#: all of them are checked, the seed only orders the draw).
SEED_FIFTH_PASS = 2026120606
THIRD_PASS = ("R1", "R2", "R3", "R4", "R5", "R6")
FOURTH_PASS = ("R8", "R9", "R10", "R11", "R12", "R13")
SUPPLEMENT_PASS = ("R15", "R16", "R17", "R18")
FIFTH_PASS = ("R19", "R20")


def draw_pass(passes: tuple[str, ...], seed: int, n: int = 20,
              sample: Path = SAMPLE) -> pd.DataFrame:
    """``n`` dated rows (new links and datings) of a research pass's files, for checking.

    All of them when the pass has ``n`` or fewer. Drawn, with the checker's verdicts kept, as
    ``factcheck_third_pass.csv`` (:data:`THIRD_PASS`, :data:`SEED_THIRD_PASS`),
    ``factcheck_fourth_pass.csv`` (:data:`FOURTH_PASS`, :data:`SEED_FOURTH_PASS`),
    ``factcheck_supplement.csv`` (:data:`SUPPLEMENT_PASS`, :data:`SEED_SUPPLEMENT`) and
    ``factcheck_fifth_pass.csv``
    (:data:`FIFTH_PASS`, :data:`SEED_FIFTH_PASS`).
    """
    parts = []
    for name in passes:
        rows = pd.read_csv(sample / "parts" / f"{name}.links.csv", dtype=str,
                           keep_default_na=False)
        parts.append(rows.assign(**{"pass": name}))
    rows = pd.concat(parts, ignore_index=True)
    rows = rows[rows["year"] != ""]
    rng = np.random.default_rng(seed)
    pick = rows.iloc[np.sort(rng.choice(len(rows), size=min(n, len(rows)), replace=False))]
    cols = ["pass", "geonameid", "town", "country", "partner", "partner_country", "year",
            "end_year", "kind"]
    return pick[cols].assign(verdict="", evidence_url="", note="").reset_index(drop=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="rows to draw (default 50)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed (default {SEED})")
    parser.add_argument("--sample", type=Path, default=SAMPLE,
                        help="folder with links.csv and cities.csv (default: the bundled sample)")
    parser.add_argument("--third-pass", action="store_true",
                        help="draw 20 dated rows of the third research pass (seed "
                        f"{SEED_THIRD_PASS}) instead")
    parser.add_argument("--fourth-pass", action="store_true",
                        help="draw 20 dated rows of the fourth research pass (seed "
                        f"{SEED_FOURTH_PASS}) instead")
    parser.add_argument("--supplement", action="store_true",
                        help="draw 20 dated rows of the German supplement's research (seed "
                        f"{SEED_SUPPLEMENT}) instead")
    parser.add_argument("--fifth-pass", action="store_true",
                        help="draw the dated rows of the fifth research pass (Brazil, Russia; "
                        f"seed {SEED_FIFTH_PASS}) instead")
    parser.add_argument("--out", type=Path, default=None, help="output CSV (default: print)")
    args = parser.parse_args()
    if args.fifth_pass:
        out = draw_pass(FIFTH_PASS, SEED_FIFTH_PASS)
    elif args.supplement:
        out = draw_pass(SUPPLEMENT_PASS, SEED_SUPPLEMENT)
    elif args.fourth_pass:
        out = draw_pass(FOURTH_PASS, SEED_FOURTH_PASS)
    elif args.third_pass:
        out = draw_pass(THIRD_PASS, SEED_THIRD_PASS)
    else:
        out = draw(args.n, args.seed, args.sample)
    if args.out:
        out.to_csv(args.out, index=False)
        print(f"wrote {len(out)} rows to {args.out}")
    else:
        print(out.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
