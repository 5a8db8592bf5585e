"""Diffusion waves on real data: when German twinning links to each partner country peak.

Run: ``python scripts/real_diffusion.py``. Needs ``../shared/data`` (or
``$PARADIPLO_SHARED_DATA``); prints tables, writes nothing.

1. ``de-twintowns-muench/partnerstaedte_final.csv`` (7,138 German municipalities' links, all
   dated 1913-2014, German side -> partner): decade with most links to each partner country
   (``peak``) and decade in which the partner took its largest share of German links
   (``share_peak``), then the waves of the DE-FR and DE-PL series.
2. ``baltic-bsr-nickel/dyad.hans.csv`` (1,759 Baltic Sea Region dyads, 55 % dated, ``0`` =
   unknown year): the same for the dated dyads of Germany (WestGER + EastGER) and of Finland,
   Sweden and Poland.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PARADIPLO_SHARED_DATA", ROOT.parent / "shared" / "data"))
MUENCH = SHARED / "de-twintowns-muench" / "partnerstaedte_final.csv"
BSR = SHARED / "baltic-bsr-nickel" / "dyad.hans.csv"
PARTNERS = ("FR", "GB", "PL", "IT", "AT", "HU", "CZ", "US", "NL", "RU", "IL", "CN")


def load_muench(path: Path = MUENCH):
    """The Muench German twin-town list as a contract graph (German side -> partner)."""
    return pn.io.read_links(
        path,
        source="gemeindename",
        target="partnergemeinde",
        target_country="land",
        year="seit",
        default_source_country="DE",
        dataset="de-twintowns-muench",
    )


def load_bsr(path: Path = BSR):
    """The Baltic Sea Region dyads (undirected; 0 = unknown year; one self-link rejected)."""
    return pn.io.read_links(
        path,
        source="City1",
        target="City2",
        source_country="Country1",
        target_country="Country2",
        year="Year",
        sep=";",
        directed=False,
        drop_invalid=True,
        dataset="baltic-bsr-nickel",
    )


def show(title: str, table: pd.DataFrame, partners: tuple[str, ...] | None = None) -> None:
    print(f"\n== {title}")
    t = table if partners is None else table.loc[[p for p in partners if p in table.index]]
    cols = ["links", "undated", "peak", "peak_links", "share_peak", "share", "median_year"]
    print(t[cols].to_string(float_format=lambda x: f"{x:.3f}"))


def main() -> int:
    if not MUENCH.exists() or not BSR.exists():
        print(f"shared data not found under {SHARED}; set PARADIPLO_SHARED_DATA", file=sys.stderr)
        return 1
    G, report = load_muench()
    print(report)
    peaks = pn.diffusion.peak_periods(G, focal="DE", period=10)
    show("Muench: German links by partner country, peak decades", peaks, PARTNERS)
    print("German links per decade:", peaks.attrs["totals"])
    w = pn.diffusion.waves(G, by="country_pair", since=1945, until=2014, min_size=10)
    t = w.table[w.table["group"].isin(["DE-FR", "DE-PL", "DE-GB", "DE-HU", "DE-CZ"])]
    print("\n== Muench: waves (peaks of the 3-year smoothed yearly series) of some pairs")
    print(t[["group", "wave", "start", "peak", "end", "size", "censored"]].to_string(index=False))
    fr, pl = peaks.loc["FR"], peaks.loc["PL"]
    print(
        f"\nFrance: most links in the {int(fr['peak'])}s, largest share ({fr['share']:.0%}) "
        f"in the {int(fr['share_peak'])}s; Poland: most links in the {int(pl['peak'])}s, "
        f"largest share ({pl['share']:.0%}) in the {int(pl['share_peak'])}s."
    )

    H, report = load_bsr()
    print("\n" + str(report))
    n_dated = sum(1 for *_, y in H.edges(data="year") if y is not None)
    print(f"dated dyads: {n_dated} of {H.number_of_edges()}")
    for focal in ("DE", "FI", "SE", "PL"):
        table = pn.diffusion.peak_periods(H, focal=focal, period=10, min_total=10)
        show(f"BSR: dated dyads of {focal} by partner country", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
