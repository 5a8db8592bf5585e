"""Matching the places of several source graphs to one set of merged place ids.

Each source node gets one key, in this order of evidence:

1. ``geonames``: a GeoNames id, from the node (``geonames`` attribute or a ``gn:`` id) or from
   :func:`paradiplo_net.geo.resolve` on its name and country (offline; exonyms, languages and
   administrative affixes are read by the gazetteer's alternate names and readings). A node
   with coordinates whose resolved place lies farther than ``tolerance_km`` is not resolved
   (``coord_conflict``).
2. ``world``: a node with a Wikidata id but no country (a P190 crawl) is looked up by name in
   every country holding that name; it is resolved only when one place dominates (the
   gazetteer's rule: more than 5 times the population of the next).
3. ``slug``: an unresolved name with a country is keyed ``folded name|CC``, so the same
   spelling in two sources meets; an *ambiguous* name (several candidates) is never merged
   by name and stays its source's own node.

Wikidata Q-ids join keys: two nodes that share a Q-id are one place, whatever their keys
(union-find over keys).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import networkx as nx
import pandas as pd

from .. import geo

_QID = re.compile(r"^Q\d+$")

#: A qualifier that is itself an administrative unit: "Herford (district)", "Krakau, Kreis".
_UNIT = re.compile(
    r"^(district|kreis|landkreis|county|rural gmina|bezirk|stadtbezirk|stadtteil|borough|"
    r"arrondissement|region|province|prefecture|oblast|powiat|raion|rayon|amt|"
    r"verbandsgemeinde|samtgemeinde|verwaltungsgemeinschaft)$",
    re.IGNORECASE,
)
_UNIT_PREFIX = re.compile(r"^(landkreis|kreis|district|county|powiat|bezirk)\b", re.IGNORECASE)
_DISTRICT_NO = re.compile(r"\s([IVXLC]+|\d+)\.?(\s|$)")
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_BRACKET = re.compile(r"^(.*?)\s*[(\[](.*?)[)\]]\s*(.*)$")

#: Columns of the place table (one row per source node).
PLACE_COLUMNS = ("dataset", "node", "name", "country", "wikidata", "geonames", "method",
                 "status", "key", "merged", "level", "lat", "lon", "parent")


def _qid(node: Any, data: dict[str, Any]) -> str | None:
    q = data.get("wikidata")
    if isinstance(q, str) and _QID.match(q):
        return q
    return str(node) if _QID.match(str(node)) else None


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _node_rows(graphs: Sequence[nx.MultiDiGraph], labels: Sequence[str]) -> pd.DataFrame:
    rows = []
    for label, G in zip(labels, graphs, strict=True):
        for n, d in G.nodes(data=True):
            gn = d.get("geonames")
            if gn is None and str(n).startswith("gn:"):
                gn = str(n)[3:]
            name = d.get("name")
            rows.append({
                "dataset": label, "node": str(n),
                "name": None if name is None or _QID.match(str(name)) else str(name),
                "country": d.get("country"), "wikidata": _qid(n, d),
                "geonames": None if gn is None or pd.isna(gn) else int(gn),
                "level": d.get("level"), "lat": _num(d.get("lat")), "lon": _num(d.get("lon")),
            })
    return pd.DataFrame(rows, columns=[c for c in PLACE_COLUMNS
                                       if c not in ("method", "status", "key", "merged",
                                                    "parent")])


@lru_cache(maxsize=1)
def _countries_of_names() -> dict[str, tuple[str, ...]]:
    """Folded name -> the countries where some GeoNames place bears it (main or alternate)."""
    index = geo._place_index(geo._place_file(0))
    out: dict[str, set[str]] = defaultdict(set)
    for cc, folded in index.keys:
        out[folded].add(cc)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _world_resolve(name: str) -> tuple[int, str, float, float, str] | None:
    """A name without country: the dominant place over every country, or None.

    The name is read in each country holding it (at most 12, else it is too common to
    decide). Places matched by their main name (``exact``/``ascii``) come first: an
    alternate name in one country ("Petropolis" for Saint Petersburg) never beats a main
    name in another (Petrópolis, Brazil); when the alternate-name place is more than
    ``geo._DOMINANCE`` times as populous as the main-name one ("Breslau": Breslau, Ontario,
    or Wroclaw), the name is left undecided. Among the pool, one place must be more than
    ``geo._DOMINANCE`` times as populous as any other country's.
    """
    ccs = _countries_of_names().get(geo._fold(name), ())
    if not ccs or len(ccs) > 12:
        return None
    file_population = geo._place_file(0)
    index = geo._place_index(file_population)
    found: list[tuple[int, str]] = []
    for cc in ccs:
        status, match, row, cands = geo._resolve_one(name, cc, file_population, 0)
        if status == "resolved" and row is not None:
            found.append((row, str(match)))
        elif status == "ambiguous":  # several places in that country: all compete
            found += [(r, "exact") for r in cands]
    pop = index.population
    found.sort(key=lambda f: -int(pop[f[0]]))
    main = [f for f in found if f[1] in ("exact", "ascii")]
    alt = [f for f in found if f[1] not in ("exact", "ascii")]
    if main and alt and pop[alt[0][0]] > geo._DOMINANCE * pop[main[0][0]]:
        return None  # "Breslau": Breslau, Ontario by name, Wroclaw by exonym: undecided
    pool = main or found
    if not pool:
        return None
    if len(pool) > 1 and pop[pool[0][0]] <= geo._DOMINANCE * pop[pool[1][0]]:
        return None
    top, match = pool[0]
    return (int(index.geonames[top]), index.country[top], float(index.lat[top]),
            float(index.lon[top]), match)


def _resolve_rows(places: pd.DataFrame, tolerance_km: float) -> pd.DataFrame:
    """Add ``method``, ``status``, ``key`` and fill geonames/country/coordinates."""
    out = places.copy()
    out["method"] = None
    out["status"] = None
    out["parent"] = None
    has = out["geonames"].notna()
    out.loc[has, ["method", "status"]] = ["geonames", "resolved"]
    ask = ~has & out["name"].notna() & out["country"].notna()
    if ask.any():
        r = geo.resolve(out.loc[ask, "name"], out.loc[ask, "country"])
        _apply_gazetteer(out, r, tolerance_km)
    world = out["status"].isna() & out["name"].notna() & out["country"].isna()
    _apply_world(out, out.index[world])
    out.loc[out["status"].isna(), "status"] = "no_name"
    _drop_world_clashes(out)
    out["key"] = [_key(row) for row in out.itertuples(index=False)]
    return out


def _apply_world(out: pd.DataFrame, rows: pd.Index) -> None:
    cols = {c: out[c].tolist() for c in ("geonames", "country", "method", "status", "lat", "lon")}
    pos = {i: k for k, i in enumerate(out.index)}
    for i in rows:
        k = pos[i]
        hit = _world_resolve(out.at[i, "name"])
        if hit is None:
            cols["method"][k], cols["status"][k] = None, "no_country"
            continue
        gid, cc, lat, lon, match = hit
        cols["geonames"][k], cols["country"][k] = gid, cc
        cols["method"][k], cols["status"][k] = f"world:{match}", "resolved"
        if cols["lat"][k] is None or pd.isna(cols["lat"][k]):
            cols["lat"][k], cols["lon"][k] = lat, lon
    for c, values in cols.items():
        out[c] = pd.Series(values, index=out.index, dtype=object)


def _drop_world_clashes(out: pd.DataFrame) -> None:
    """Undo name-only (world) matches that put two Wikidata items of one source on one place.

    Within one source two items are two places; when both reached the same GeoNames place
    and at least one did so by name alone, the name-only matches by an alternate name are
    withdrawn (status ``world_clash``); if none is by an alternate name, all name-only ones are.
    """
    world = out["method"].fillna("").str.startswith("world")
    q = out["wikidata"].notna() & out["geonames"].notna()
    sub = out[q]
    n_items = sub.groupby(["dataset", "geonames"])["wikidata"].transform("nunique")
    clash = sub.index[n_items > 1]
    if not len(clash):
        return
    groups = out.loc[clash].groupby(["dataset", "geonames"]).groups
    for rows in groups.values():
        w = [i for i in rows if world[i]]
        alt = [i for i in w if out.at[i, "method"] == "world:alternate"]
        for i in alt or w:
            out.loc[i, ["geonames", "method", "status"]] = [None, None, "world_clash"]


def _same_place(text: str, cc: str, geonames: int) -> bool:
    """Whether ``text`` alone resolves to ``geonames`` in country ``cc``."""
    fp = geo._place_file(0)
    status, _m, row, _c = geo._resolve_one(text.strip(), cc, fp, 0)
    return status == "resolved" and int(geo._place_index(fp).geonames[row]) == geonames


def _other_level(name: str, match: str, cc: str, geonames: int) -> str | None:
    """The level of a name the gazetteer read as a larger place, or None if it is that place.

    ``"Budapest XVI"``, ``"Xiamen - Siming"`` and ``"Frunzensky (St. Petersburg)"`` name a
    district of the city they resolve to; ``"Herford (district)"``, ``"Krakau, Kreis"``,
    ``"Trittau (Amt)"`` and ``"Landkreis Hof"`` a county or a collective municipality. (A
    municipality, gmina or commune named for its town is the town's own government, the party
    to its twinnings: that is the same place.)
    """
    parts = _DASH.split(name)
    if len(parts) > 1 and match in ("dash", "stripped"):
        return None if _same_place(parts[-1], cc, geonames) else "district"
    if match == "bracket":
        m = _BRACKET.match(name)
        if m and _UNIT.match(m.group(2).strip()):
            return "county"
        outside = f"{m.group(1)} {m.group(3)}" if m else name
        return None if _same_place(outside, cc, geonames) else "district"
    unit = (match == "comma" and _UNIT.match(name.rsplit(",", 1)[1].strip())) or (
        match == "stripped" and _UNIT_PREFIX.match(name.strip()))
    if unit:
        return "county"
    return "district" if match == "stripped" and _DISTRICT_NO.search(name) else None


def _apply_gazetteer(out: pd.DataFrame, r: pd.DataFrame, tolerance_km: float) -> None:
    ok = r["status"] == "resolved"
    levels = {
        i: lvl for i in r.index[ok]
        if (lvl := _other_level(str(r.at[i, "name"]), str(r.at[i, "match"]),
                                str(r.at[i, "country"]), int(r.at[i, "geonames"])))
    }
    if levels:
        idx = pd.Index(list(levels))
        out.loc[idx, "parent"] = r.loc[idx, "geonames"].astype(int).to_numpy()
        out.loc[idx, "level"] = pd.Series(levels)
        r = r.copy()
        r.loc[idx, "status"] = "other_level"
        ok = r["status"] == "resolved"
    own_lat = out.loc[r.index, "lat"].astype(float)
    own_lon = out.loc[r.index, "lon"].astype(float)
    dist = geo.haversine_km(own_lat, own_lon, r["lat"].astype(float), r["lon"].astype(float))
    far = ok & own_lat.notna() & (pd.Series(dist, index=r.index) > tolerance_km)
    good = ok & ~far
    out.loc[r.index, "status"] = r["status"].where(~far, "coord_conflict")
    out.loc[good[good].index, "geonames"] = r.loc[good, "geonames"].astype(int)
    out.loc[good[good].index, "method"] = "gazetteer:" + r.loc[good, "match"].astype(str)
    keep = good & out.loc[r.index, "lat"].isna()
    out.loc[keep[keep].index, "lat"] = r.loc[keep, "lat"]
    out.loc[keep[keep].index, "lon"] = r.loc[keep, "lon"]


def _key(row: Any) -> str:
    if row.geonames is not None and not pd.isna(row.geonames):
        return f"gn:{int(row.geonames)}"
    if row.status in ("unresolved", "coord_conflict", "other_level") and row.name:
        return f"{geo._fold(row.name)}|{row.country}"
    if row.wikidata:
        return row.wikidata
    return f"{row.dataset}:{row.node}"


def _components(places: pd.DataFrame) -> dict[str, str]:
    """Union-find over keys joined by shared Q-ids: key -> representative key."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for key, q in zip(places["key"], places["wikidata"], strict=True):
        find(key)
        if q:
            a, b = find(key), find(q)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in list(parent)}


def match_places(
    graphs: Sequence[nx.MultiDiGraph], labels: Sequence[str], *, tolerance_km: float
) -> pd.DataFrame:
    """The place table: every source node with its key and merged place id."""
    places = _resolve_rows(_node_rows(graphs, labels), tolerance_km)
    rep = _components(places)
    group = places["key"].map(rep)
    qids = places.dropna(subset=["wikidata"]).groupby(group)["wikidata"].agg(
        lambda s: sorted(set(s), key=lambda q: int(q[1:]))[0])
    places["merged"] = [qids.get(g, g) for g in group]
    places.loc[places["method"].isna() & places["wikidata"].notna(), "method"] = "wikidata"
    return places
