"""Print network summaries of two real Wikidata-derived networks and the crawl's top cities.

- KONECT "twin" (2017-10, undirected, anonymous ids), compared with KONECT's published
  statistics (largest component 10,320 nodes, degree assortativity +0.387, clustering 0.111,
  mean distance 7.65, diameter 25).
- The L3viathan Wikidata P190 crawl (2016-09, directed statements): summary, and the top 10
  cities by distinct partners and by betweenness.
- The bundled, dated ``core`` dataset: summary and the rank trajectories of Coventry, Paris,
  Saint Petersburg and Surabaya by distinct partners, every tenth year 1950-2020.

The data lives in ../shared/data (not part of the product). Usage::

    python scripts/real_stats.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = {
    "largest_component_nodes": 10_320,
    "degree_assortativity": 0.387,
    "transitivity": 0.111,
    "mean_distance": 7.65,
    "diameter": 25,
}


def load_konect(data: Path):
    G, report = pn.io.read_konect(data / "wikidata-konect-twin-2017" / "out.twin")
    return G, report


def load_crawl(data: Path):
    folder = data / "wikidata-p190-l3viathan"
    return pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")


def show_summary(title: str, frame: pd.DataFrame, seconds: float) -> None:
    print(f"== {title}: summary ({seconds:.1f} s)")
    print(frame.drop(columns="notes").T.to_string())
    for note in frame.iloc[0]["notes"].split("; "):
        if note:
            print(f"  note: {note}")
    print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args(argv)
    pd.set_option("display.width", 120, "display.max_colwidth", 200, "display.max_rows", 100)

    konect, rep = load_konect(args.data)
    print(rep, "\n")
    t = time.perf_counter()
    sk = pn.stats.summary(konect)
    show_summary("KONECT twin", sk, time.perf_counter() - t)
    row = sk.iloc[0]
    cmp = pd.DataFrame(
        [(k, v, row[k], row[k] - v) for k, v in PUBLISHED.items()],
        columns=["statistic", "KONECT published", "paradiplo_net", "difference"],
    )
    print("== KONECT: published vs computed")
    print(cmp.to_string(index=False), "\n")

    crawl, rep = load_crawl(args.data)
    print(rep, "\n")
    t = time.perf_counter()
    sc = pn.stats.summary(crawl)
    show_summary("Wikidata P190 crawl (L3viathan 2016)", sc, time.perf_counter() - t)
    for measure in ("partners", "betweenness"):
        top = pn.centrality.rank(crawl, measure, top=10)
        print(f"== crawl: top 10 cities by {measure}")
        print(top.drop(columns="country").to_string(index=False), "\n")

    core = pn.datasets.load("core")
    t = time.perf_counter()
    scor = pn.stats.summary(core)
    show_summary("bundled core dataset", scor, time.perf_counter() - t)
    traj = pn.centrality.trajectories(
        core,
        ["Coventry", "Paris", "Saint Petersburg", "Surabaya"],
        "partners",
        range(1950, 2021, 10),
        progress=False,
    )
    print("== core: rank trajectories by distinct partners (rank among cities active that year)")
    print(traj.pivot(index="year", columns="name", values="rank").to_string(), "\n")


if __name__ == "__main__":
    main()
