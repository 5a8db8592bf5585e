"""Communities of two real twinning networks: the Wikidata P190 crawl and the Wikipedia lists.

For each network: the number of communities, the modularity, the ten largest communities
with their dominant countries and top cities, the NMI / adjusted Rand index against the
partitions by country, continent, Cold War bloc and main language, the stability over 20
seeded runs, and the communities of the country-to-country network.

Countries. The Wikipedia lists (wikipedia-hekman, ``twin_cities_raw.csv``) name each city's
country; :func:`paradiplo_net.io.read_links` converts them to ISO codes. The crawl
(wikidata-p190-l3viathan) has only Q-ids and labels (mostly German), so its countries are
*guessed* here from the labels: a label is looked up, folded, among the main and then the
alternate names of every GeoNames place with 15,000 or more inhabitants (the place index of
:mod:`paradiplo_net.geo`), and the country of the largest match is taken when that place is
more than five times as populous as the largest match in any other country (the dominance
rule of :func:`paradiplo_net.geo.resolve`); otherwise the country stays unknown and the
city is left out of the comparison (counted). Small towns are therefore mostly unknown, and a
few labels shared by a big foreign city are wrong: treat the crawl's NMI as indicative.

The data lives in ../shared/data (not part of the product). Usage::

    python scripts/real_communities.py [--data ../shared/data] [--runs 20]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pandas as pd

import paradiplo_net as pn
from paradiplo_net import communities as cm

ROOT = Path(__file__).resolve().parent.parent
AGAINST = ("country", "continent", "bloc", "language")


def crawl_countries(G) -> tuple[pd.Series, int]:
    """Country of each crawl city guessed from its label (see the module docstring)."""
    from paradiplo_net import geo

    index = geo._place_index(15000)
    by_name: dict[str, dict[int, list[int]]] = defaultdict(lambda: {0: [], 1: []})
    for key, entries in index.keys.items():
        folded = key.split("|", 1)[1]
        for e in entries:
            row, flag = divmod(e, 2)
            by_name[folded][flag].append(row)
    out = {}
    for n, name in G.nodes(data="name"):
        cand = by_name.get(geo._fold(name or "")) if name else None
        if not cand:
            continue
        rows = cand[0] or cand[1]  # main names first, as geo.resolve does
        best: dict[str, int] = {}
        for r in rows:
            cc = index.country[r]
            best[cc] = max(best.get(cc, 0), int(index.population[r]))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) == 1 or ranked[0][1] > geo._DOMINANCE * ranked[1][1]:
            out[n] = ranked[0][0]
    return pd.Series(out, dtype="object"), G.number_of_nodes() - len(out)


def report(title: str, G, runs: int) -> None:
    print(f"=== {title}: {G.number_of_nodes():,} cities, {G.number_of_edges():,} statements")
    t = time.perf_counter()
    res = cm.detect(G, seed=0)
    print(f"{res}  ({time.perf_counter() - t:.1f} s)")
    sizes = res.sizes
    print(
        f"communities: {res.n_communities}, of which {int((sizes == 1).sum())} single cities; "
        f"modularity {res.modularity:.3f}"
    )
    d = cm.describe(res, G, top=4)
    cols = ["size", "countries", "continents", "bloc", "top_members"]
    if d["year_min"].notna().any():
        cols += ["year_min", "year_median", "year_max"]
    print("ten largest communities:")
    print(d[cols].head(10).to_string())
    print("against reference partitions:")
    print(cm.compare(res, G, against=AGAINST).round(3).to_string())
    lcc = G.subgraph(max(nx.weakly_connected_components(G), key=len)).copy()
    if lcc.number_of_nodes() < G.number_of_nodes():
        lres = cm.detect(lcc, seed=0)
        nmi = cm.compare(lres, lcc, against=("country",)).loc["country"]
        print(
            f"largest component only ({lcc.number_of_nodes():,} cities): {lres.n_communities} "
            f"communities, Q {lres.modularity:.3f}, NMI against country {nmi['nmi']:.3f} "
            f"(ARI {nmi['ari']:.3f})"
        )
    t = time.perf_counter()
    c = cm.consensus(G, runs=runs, seed=0, progress=False)
    print(
        f"stability over {runs} seeded Leiden runs ({time.perf_counter() - t:.1f} s): "
        f"{c.stable_share:.1%} of cities never change community; mean share of runs in which "
        f"linked cities are together {c.co_assignment['share'].mean():.3f}; run-vs-first NMI "
        f"{c.runs['nmi_first'].iloc[1:].mean():.3f}; consensus: {c.partition.n_communities} "
        f"communities, Q {c.partition.modularity:.3f}, {c.rounds} rounds"
    )
    cres = cm.detect(G, level="country")
    print(f"country network: {cres}  excluded {cres.excluded}")
    cd = cm.describe(cres, G, top=8)
    print(cd[["size", "continents", "bloc", "top_members"]].head(10).to_string())
    print(cm.compare(cres, G, against=("continent", "bloc", "language")).round(3).to_string())
    print()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    pd.set_option("display.width", 200, "display.max_colwidth", 70, "display.max_rows", 100)

    folder = args.data / "wikidata-p190-l3viathan"
    G, rep = pn.wikidata.read_statements_tsv(folder / "relations.tsv", folder / "names.tsv")
    print(rep, "\n")
    countries, unknown = crawl_countries(G)
    H = G.copy()
    for n, cc in countries.items():
        H.nodes[n]["country"] = cc
    print(f"crawl countries guessed from labels: {len(countries):,} cities, {unknown:,} unknown\n")
    report("Wikidata P190 crawl (2016)", H, args.runs)

    G, rep = pn.io.read_links(
        args.data / "wikipedia-hekman" / "twin_cities_raw.csv",
        source="city1",
        source_country="country1",
        target="city2",
        target_country="country2",
        drop_invalid=True,
        progress=False,
    )
    print(rep, "\n")
    report("Wikipedia lists (Hekman, 2026)", G, args.runs)


if __name__ == "__main__":
    main()
