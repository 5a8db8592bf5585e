#!/usr/bin/env python
"""Build the town sample (issue 18) from its research files: towns, links, cities, CHECKSUMS.

Inputs, in ``<sample>/parts/`` (one pair per research pass and country group, compiled by
hand from the towns' own pages, local-language articles and twinning associations; every
link row carries its reference URL):

``G<n>.towns.csv``   geonameid, name, country, status, unit, source_url, note
``G<n>.links.csv``   geonameid, town, country, partner, partner_country, year, end_year, kind,
                     phase, phase_evidence, sectors, ref, note
``G<n>b.*``          a second pass over the same group: it adds partners, converts
                     non-responses, and dates or corrects first-pass rows (a link whose note
                     starts ``dates G<n> row: <partner>`` or ``corrects G<n> row: <partner>``
                     replaces the first-pass row of that town and partner).
``R<n>.*``           a third pass by country group (R1 DE/AT, R2 western and northern Europe,
                     R3 central and eastern Europe, R4 outside Europe, R5 Europe's remaining
                     non-responses, R6 the German lists against the towns' official lists,
                     R7 what the independent fact-check found), same rules
                     (``dates row: <partner>`` / ``corrects row: <partner>``).

The drawn sample (``towns_drawn.csv``, from ``scripts/draw_town_sample.py``) gives the design:
stratum, frame size and sample size. Status of a town: ``links`` (a list was found),
``zero`` (a list was found and is empty), ``nonresponse`` (no list found; never counted as
zero) or ``ineligible`` (not a local government that can twin). ``completeness`` says whether
the list was seen in full (``complete``), is known to miss partners (``partial``), or neither
(``as_found``).

Partners are resolved offline (:func:`paradiplo_net.geo.resolve`): a unique GeoNames match
gives the id ``gn:<id>``, anything else ``<name>|<CC>``. Every problem is listed and the build
fails; nothing is guessed or dropped silently.

Usage: python scripts/build_sample.py [--sample DIR] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
TOWN_COLS = ["geonameid", "name", "country", "status", "unit", "source_url", "note"]
LINK_COLS = [
    "geonameid",
    "town",
    "country",
    "partner",
    "partner_country",
    "year",
    "end_year",
    "kind",
    "phase",
    "phase_evidence",
    "sectors",
    "ref",
    "note",
]
STATUSES = ("links", "zero", "nonresponse", "ineligible")
KINDS = {
    "twin_town",
    "sister_city",
    "friendship_city",
    "partnership",
    "cooperation",
    "contact",
    "unspecified",
}
PHASES = {"associative", "reciprocal", "commercial"}
_REPLACES = re.compile(
    r"^\s*(dates|corrects)\s+(?:[GR]\d+[a-z]?\s+)?row:\s*(?P<partner>[^;]+)", re.I
)


def _default_sample_dir() -> Path:
    pkg = ROOT / "paradiplo_net" / "datasets" / "data" / "sample"
    return pkg if pkg.is_dir() else ROOT / "datasets" / "sample"


def _read(path: Path, cols: list[str], problems: list[str]) -> pd.DataFrame:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in cols if c not in df.columns]
    if missing:
        problems.append(f"{path.name}: missing columns {missing}")
        return pd.DataFrame(columns=[*cols, "_file", "_row"])
    df = df[cols].apply(lambda s: s.str.strip())
    df["_file"] = path.name
    df["_row"] = range(2, len(df) + 2)
    return df


def _passes(parts: Path) -> list[str]:
    """Research passes in order: G1, G2, ..., their second passes G1b, G2b, ..., then R1, R2, ...

    The third pass (``R<n>``, by country group) retried non-responses, completed partial lists
    and dated undated links; its rows replace or extend the earlier passes' rows.
    """
    names = {p.name.split(".")[0] for p in parts.glob("*.towns.csv")}
    bad = sorted(n for n in names if not re.fullmatch(r"G\d+b?|R\d+", n))
    if bad:
        raise SystemExit(
            f"{parts}: research files of unknown pass {bad}; expected G<n>, G<n>b or R<n>"
        )

    def order(n: str) -> tuple[int, int]:
        third, second = n.startswith("R"), n.endswith("b")
        return (2 if third else 1 if second else 0, int(re.sub(r"\D", "", n)))

    return sorted(names, key=order)


def merge_towns(parts: Path, problems: list[str]) -> pd.DataFrame:
    """One row per researched town: a second pass's response overrides the first's status."""
    merged: dict[str, dict[str, str]] = {}
    for name in _passes(parts):
        for rec in _read(parts / f"{name}.towns.csv", TOWN_COLS, problems).to_dict("records"):
            where = f"{rec['_file']}:{rec['_row']}"
            if rec["status"] not in STATUSES:
                problems.append(f"{where}: status {rec['status']!r} not one of {STATUSES}")
                continue
            old = merged.get(rec["geonameid"])
            if old is None:
                merged[rec["geonameid"]] = {**rec, "passes": name}
                continue
            keep_old = rec["status"] == "nonresponse" and old["status"] != "nonresponse"
            new = dict(old) if keep_old else {**old, **{k: v for k, v in rec.items() if v}}
            new["note"] = f"{old['note']} | {name}: {rec['note']}".strip(" |")
            new["passes"] = f"{old['passes']}+{name}"
            merged[rec["geonameid"]] = new
    towns = pd.DataFrame(list(merged.values()))
    last_note = towns["note"].str.split(r" \| ").str[-1]
    towns["completeness"] = "as_found"
    towns.loc[
        towns["note"].str.contains(
            r"PARTIAL|INCOMPLETE|partial list|cut off", case=False, regex=True
        ),
        "completeness",
    ] = "partial"
    towns.loc[
        last_note.str.contains(r"COMPLETE:", regex=False) & ~last_note.str.contains("INCOMPLETE"),
        "completeness",
    ] = "complete"
    towns.loc[towns["status"].isin(["nonresponse", "ineligible"]), "completeness"] = ""
    return towns


def merge_links(parts: Path, problems: list[str]) -> pd.DataFrame:
    """Every link of every pass; dated or corrected second-pass rows replace first-pass rows."""
    frames = [_read(parts / f"{n}.links.csv", LINK_COLS, problems) for n in _passes(parts)]
    links = pd.concat(frames, ignore_index=True)
    links["_partner_key"] = links["partner"].str.casefold().str.strip()
    drop: set[int] = set()
    for i, rec in links.iterrows():
        m = _REPLACES.match(rec["note"])
        if not m:
            continue
        # the partner as recorded, possibly followed by a remark: "X (first pass undated)"
        full = m.group("partner").casefold().strip()
        keys = [full, re.split(r"[.(]", full)[0].strip()]
        same = links.iloc[0:0]
        for key in keys:
            same = links[
                (links["geonameid"] == rec["geonameid"])
                & (links.index != i)
                & (links["_partner_key"] == key)
                & ~links.index.isin(list(drop))
            ]
            if not same.empty:
                break
        if m.group(1).lower() == "dates":
            same = same[same["year"] == ""]
        if same.empty:
            problems.append(
                f"{rec['_file']}:{rec['_row']}: replaces no row of partner "
                f"{m.group('partner')!r} for town {rec['town']}"
            )
            continue
        drop.add(int(same.index[0]))
    links = links.drop(index=list(drop))
    dup = links.duplicated(["geonameid", "_partner_key", "partner_country", "year", "kind"])
    return links[~dup].drop(columns="_partner_key").reset_index(drop=True)


def _check_links(links: pd.DataFrame, towns: pd.DataFrame, problems: list[str]) -> None:
    responding = set(towns.loc[towns["status"] == "links", "geonameid"])
    for rec in links.to_dict("records"):
        where = f"{rec['_file']}:{rec['_row']} ({rec['town']} - {rec['partner']})"
        if rec["geonameid"] not in responding:
            problems.append(f"{where}: town is not a responding town with status 'links'")
        if not re.fullmatch(r"[A-Z]{2}", rec["partner_country"]):
            problems.append(f"{where}: partner_country {rec['partner_country']!r} is not ISO2")
        if rec["kind"] not in KINDS:
            problems.append(f"{where}: kind {rec['kind']!r} not one of {sorted(KINDS)}")
        if rec["phase"] and not set(rec["phase"].split(";")) <= PHASES:
            problems.append(f"{where}: phase {rec['phase']!r} not one of {sorted(PHASES)}")
        if rec["phase"] and not rec["phase_evidence"]:
            problems.append(f"{where}: a recorded phase needs its evidence (phase_evidence)")
        if not rec["ref"].startswith(("http://", "https://")):
            problems.append(f"{where}: ref {rec['ref']!r} is not a URL")
        for col in ("year", "end_year"):
            v = rec[col]
            if v and not (v.isdigit() and 1900 <= int(v) <= 2026):
                problems.append(f"{where}: {col} {v!r} is not a year 1900-2026")
        if not rec["year"] and "undated" not in rec["note"].lower():
            problems.append(f"{where}: no year and no 'undated: <why>' note")


def _partner_ids(links: pd.DataFrame) -> pd.DataFrame:
    """Offline resolution of partner places: ``gn:<id>`` when unique, else ``name|CC``."""
    from paradiplo_net import geo
    from paradiplo_net.model import make_city_id

    res = geo.resolve(links["partner"], links["partner_country"])
    out = pd.DataFrame(index=links.index)
    ok = (res["status"] == "resolved") & ~_container_match(links["partner"], res)
    out["target"] = [
        f"gn:{int(g)}" if good else make_city_id(n, c)
        for good, g, n, c in zip(
            ok, res["geonames"], links["partner"], links["partner_country"], strict=True
        )
    ]
    for col in ("geonames", "resolved_name"):
        out[col] = res[col].where(ok)
    # a district named with its city keeps its own identity, placed at its city
    for col in ("lat", "lon"):
        out[col] = res[col].where(res["status"] == "resolved")
    return out


def _container_match(partners: pd.Series, res: pd.DataFrame) -> pd.Series:
    """Rows resolved through the bracketed part only: "Gangnam-gu (Seoul)" is not Seoul.

    The gazetteer reads a bracket's inside as another name of the place, so a borough or
    district named with its city ("Marzahn-Hellersdorf (Berlin)") resolves to the city. In
    the sample a partner keeps its own identity (``name|CC``), placed at the city's
    coordinates. A name matched by its outside part keeps its GeoNames id ("Hongkou
    (Shanghai)"); one with an exonym in brackets ("Girne (Kyrenia)") is kept as ``name|CC``
    too, at the right coordinates: an id is lost, but no place is given a wrong identity.
    """
    from paradiplo_net.geo import _fold

    flags = []
    for name, match, resolved in zip(partners, res["match"], res["resolved_name"], strict=True):
        m = re.match(r"\s*(?P<out>[^(]+?)\s*\((?P<in>[^)]*)\)", str(name))
        if match != "bracket" or m is None or resolved is None:
            flags.append(False)
            continue
        outside, inside, place = _fold(m["out"]), _fold(m["in"]), _fold(resolved)
        flags.append(bool(place) and place != outside and not outside.startswith(place)
                     and place in inside)
    return pd.Series(flags, index=partners.index)


def build_tables(
    drawn: pd.DataFrame, towns: pd.DataFrame, links: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The towns table (design + status), the links table and the cities table."""
    design = drawn.astype({"geonameid": str})
    towns_out = design.merge(
        towns[["geonameid", "status", "completeness", "unit", "source_url", "note", "passes"]],
        on="geonameid",
        how="left",
    )
    towns_out["status"] = towns_out["status"].fillna("nonresponse")
    towns_out["note"] = towns_out["note"].fillna("not researched")
    towns_out = towns_out.fillna("")
    ids = _partner_ids(links)
    # a link stated to serve several phases keeps the latest (O'Toole's order) as its phase
    order = ("associative", "reciprocal", "commercial")
    phase = [max(p.split(";"), key=order.index) if p else "" for p in links["phase"]]
    several = [f"phases: {p}" if ";" in p else "" for p in links["phase"]]
    out = pd.DataFrame(
        {
            "source": "gn:" + links["geonameid"],
            "target": ids["target"],
            "year": links["year"],
            "end_year": links["end_year"],
            "phase": phase,
            "kind": links["kind"],
            "sectors": links["sectors"],
            "note": [
                "; ".join(x for x in (f"phase evidence: {e}" if e else "", m, n) if x)
                for e, m, n in zip(links["phase_evidence"], several, links["note"], strict=True)
            ],
            "ref": links["ref"],
        }
    )
    sampled = pd.DataFrame(
        {
            "city": "gn:" + design["geonameid"],
            "name": design["name"],
            "country": design["country"],
            "level": "municipality",
            "lat": design["lat"],
            "lon": design["lon"],
            "wikidata": "",
            "geonames": design["geonameid"],
            "name_local": "",
        }
    )
    partners = pd.DataFrame(
        {
            "city": ids["target"],
            "name": ids["resolved_name"].fillna(links["partner"]),
            "country": links["partner_country"],
            "level": "municipality",
            "lat": ids["lat"],
            "lon": ids["lon"],
            "wikidata": "",
            "geonames": ids["geonames"].astype("Int64").astype(str).replace("<NA>", ""),
            "name_local": "",
        }
    )
    cities = pd.concat([sampled, partners], ignore_index=True).drop_duplicates("city")
    used = set(out["source"]) | set(out["target"])
    cities = cities[cities["city"].isin(used)].sort_values("city", ignore_index=True)
    return towns_out, out, cities


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path, default=None, help="the sample folder")
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    args = parser.parse_args()
    folder = args.sample or _default_sample_dir()
    problems: list[str] = []
    drawn = pd.read_csv(folder / "towns_drawn.csv", dtype={"geonameid": str, "admin1": str})
    towns = merge_towns(folder / "parts", problems)
    unknown = set(towns["geonameid"]) - set(drawn["geonameid"])
    problems += [f"towns: geonameid {g} was not drawn" for g in sorted(unknown)]
    links = merge_links(folder / "parts", problems)
    _check_links(links, towns, problems)
    if problems:
        print(f"{len(problems)} problem(s):", *problems[:60], sep="\n  ", file=sys.stderr)
        return 1
    towns_out, links_out, cities = build_tables(drawn, towns, links)
    print(
        f"towns: {len(towns_out)} drawn; status "
        f"{towns_out['status'].value_counts().to_dict()}; links {len(links_out)} "
        f"({int((links_out['year'] == '').sum())} undated); places {len(cities)}"
    )
    if args.check:
        return 0
    towns_out.to_csv(folder / "towns.csv", index=False)
    links_out.to_csv(folder / "links.csv", index=False)
    cities.to_csv(folder / "cities.csv", index=False)
    sums = [
        f"{hashlib.sha256((folder / f).read_bytes()).hexdigest()}  {f}"
        for f in ("links.csv", "cities.csv", "towns.csv", "towns_drawn.csv")
    ]
    (folder / "CHECKSUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    print(f"wrote {folder}/towns.csv, links.csv, cities.csv, CHECKSUMS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
