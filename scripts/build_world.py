"""Build the reconciled world graph from the public datasets in ../shared/data (at run time).

Merges the English Wikipedia lists (wikipedia-hekman), the Wikidata P190 crawl
(wikidata-p190-l3viathan), the EU Wikidata set (wikidata-eu-rogorido-2017), the German list
(de-twintowns-muench), the Baltic dyads (baltic-bsr-nickel), the dated WIKIDATA12k facts and
the bundled ``core`` with :func:`paradiplo_net.merge.merge`, prints distinct pairs, the share
dated and the share confirmed by two or more sources, writes the conflict report and the
place table, and times ``paradiplo_net.figures.run`` on the merged graph.

The merged graph and its tables are written to ``--out`` (default ``out/world``, ignored by
git): they are derived from the sources and must not be committed.

Usage::

    python scripts/build_world.py [--shared ../shared/data] [--out out/world] [--no-figures]
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

import paradiplo_net as pn
from paradiplo_net.merge import world

ROOT = Path(__file__).resolve().parent.parent


def build(shared: Path):
    """The world merge read from ``shared`` (the registry's layout), and its timings."""
    t = time.perf_counter()
    res = world(folder=shared)
    return res, time.perf_counter() - t, 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "world")
    ap.add_argument("--no-figures", action="store_true")
    args = ap.parse_args()
    res, t_load, _ = build(args.shared)
    s = res.summary()
    print(f"read the sources and merged them in {t_load:.1f} s")
    print(f"places {s['places']:,}; distinct pairs {s['pairs']:,}; dated "
          f"{s['dated_share']:.1%}; confirmed by >= 2 sources {s['multi_source_share']:.1%}")
    print("conflicts:", s["conflicts"])
    print("methods:", res.places["method"].fillna(res.places["status"]).value_counts().to_dict())
    args.out.mkdir(parents=True, exist_ok=True)
    res.conflicts.to_csv(args.out / "conflicts.csv", index=False)
    res.places.to_csv(args.out / "places.csv", index=False)
    with (args.out / "world.pickle").open("wb") as fh:
        pickle.dump(res.graph, fh)
    if not args.no_figures:
        t = time.perf_counter()
        pn.figures.run(res.graph, out=args.out / "figures", formats=("png",), dpi=100,
                       progress=False, dataset="world")
        print(f"figures.run on the world graph: {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
