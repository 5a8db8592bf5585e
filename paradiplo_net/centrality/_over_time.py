"""Rankings over time: yearly snapshots, era ends and city trajectories (private)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import networkx as nx
import pandas as pd

from .. import temporal
from .._checks import check_graph, check_int, check_option
from ._measures import MEASURES, Measure, _table, _values, _with_references


def _resolve_cities(G: nx.MultiDiGraph, cities: Iterable[str]) -> list[str]:
    """City ids from ids or names (exact, then case-insensitive); errors list candidates."""
    by_name: dict[str, list[str]] = defaultdict(list)
    for n, name in G.nodes(data="name"):
        if name:
            by_name[str(name).casefold()].append(n)
    out, problems = [], []
    for c in cities:
        if c in G:
            out.append(c)
            continue
        hits = by_name.get(str(c).casefold(), [])
        if len(hits) == 1:
            out.append(hits[0])
        elif hits:
            problems.append(f"{c!r} is ambiguous: {len(hits)} cities, ids {sorted(hits)[:10]}; "
                            "pass an id")
        else:
            close = difflib.get_close_matches(str(c).casefold(), list(by_name), n=3)
            problems.append(f"{c!r} is neither a city id nor a name; close names: {close}")
    if problems:
        from ..errors import format_problems

        raise KeyError(format_problems("cities", problems,
                                       fix="pass city ids (G.nodes) or exact names"))
    return out


def _eras_table(eras: Any) -> list[tuple[str, int | None, int | None]]:
    """(name, start, end) of each era, checked by :func:`paradiplo_net.temporal.normalize_eras`."""
    table = temporal.normalize_eras(None if eras is True else eras)
    return [(str(name), None if pd.isna(start) else int(start), None if pd.isna(end) else int(end))
            for name, start, end in table[["name", "start", "end"]].itertuples(index=False)]


def _time_points(
    G: nx.MultiDiGraph, dated: list[int], years: Iterable[int] | None, eras: Any
) -> list[tuple[int, str | None]]:
    """(snapshot year, era name or None) to rank at: given years, era ends or every decade."""
    if years is not None and eras is not None:
        raise ValueError("pass years or eras, not both")
    if eras is not None and eras is not False:
        if not dated:
            raise ValueError("no dated link: cannot place eras")
        return [(end if end is not None else max(dated), name)
                for name, _s, end in _eras_table(eras)]
    if years is None:
        if not dated:
            raise ValueError(
                f"no dated link in {G.graph.get('dataset')!r}: pass years= explicitly")
        first, last = min(dated) // 10 * 10, max(dated)
        years = sorted({*range(first, last + 1, 10), last})
    return [(int(y), None) for y in years]


@_with_references
def rank_over_time(
    G: nx.MultiDiGraph,
    measure: Measure,
    *,
    years: Iterable[int] | None = None,
    eras: bool | pd.DataFrame | Sequence[tuple[str, int, int | None]] | None = None,
    cities: Iterable[str] | None = None,
    top: int | None = None,
    weighted: bool | None = None,
    undated: Literal["exclude", "assume"] = "exclude",
    assume_year: int | None = None,
    progress: bool = True,
    seed: int = 0,
) -> pd.DataFrame:
    """Rank cities on yearly snapshots or at the end of each era.

    Each ranking is computed on the snapshot of the network as it stood in that year
    (built incrementally by :func:`paradiplo_net.temporal.snapshots`: links formed in or
    before the year and not yet ended; undated links excluded and counted, or given
    ``assume_year``), restricted to cities with at least one active link. An era is ranked
    on the snapshot of its last year (the network at the end of the era; an open-ended era
    at the last dated year).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`MEASURES`.
    years : iterable of int, optional
        Snapshot years. Default (with ``eras`` None): every tenth year from the decade of the
        first dated link, plus the last dated year.
    eras : True, DataFrame or sequence of (name, start, end), optional
        Rank once per era instead of per year; True uses :data:`paradiplo_net.temporal.ERAS`.
    cities : iterable of str, optional
        Keep only these cities (ids or exact names); in a year where a city has no active
        link its row has NaN value and rank.
    top : int, optional
        Rows kept per year (ignored when ``cities`` is given).
    weighted : bool, optional
        As in :func:`rank`.
    undated : {"exclude", "assume"}, default "exclude"
        Leave undated links out of every snapshot (counted in ``attrs["excluded_undated"]``)
        or treat them as formed in ``assume_year`` (recorded in ``attrs``).
    assume_year : int, optional
        Required with ``undated="assume"``.
    progress : bool, default True
        Show a tqdm bar over the snapshots.
    seed : int, default 0
        As in :func:`rank` (the same seed for every snapshot).

    Returns
    -------
    pandas.DataFrame
        Long table ``year``, ``era`` (None when ranking by year), ``city``, ``name``,
        ``measure``, ``value``, ``rank`` (rank among the cities active that year).

    Raises
    ------
    ValueError
        Both ``years`` and ``eras``, no dated link, or as :func:`rank`.
    KeyError
        A city that is neither an id nor an unambiguous name.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> t = rank_over_time(G, "partners", years=[1960, 2020], progress=False)
    >>> t[t["year"] == 1960][["city", "value", "rank"]]   # A-B, A-C, D-E, F-G by 1960
      city  value  rank
    0    A      2     1
    1    B      1     2
    2    C      1     2
    3    D      1     2
    4    E      1     2
    5    F      1     2
    6    G      1     2
    >>> t.attrs["excluded_undated"]
    1
    """
    check_option("measure", measure, MEASURES)
    check_option("undated", undated, ("exclude", "assume"))
    if (undated == "assume") != (assume_year is not None):
        raise ValueError("assume_year is required with undated='assume' and only then")
    check_int("top", top, allow_none=True)
    check_graph(G)
    dated = [y for *_e, y in G.edges(data="year") if y is not None]
    points = _time_points(G, dated, years, eras)
    wanted = _resolve_cities(G, cities) if cities is not None else None
    tables: dict[int, pd.DataFrame] = {}
    # Incremental snapshots (one pass over the edges); the yielded graph is mutated between
    # years; snapshots clears its networkx cache before each yield, which invalidates the
    # igraph view (paradiplo_net._igraph.to_igraph).
    for year, H in temporal.snapshots(G, sorted({y for y, _e in points}), undated=undated,
                                      assume_year=assume_year, keep_isolates=False,
                                      progress=progress):
        values = (_values(H, measure, weighted=weighted, seed=seed) if H.number_of_nodes()
                  else pd.Series(dtype=float))
        frame = _table(H, values, None if wanted is not None else top)
        if wanted is not None:
            frame = frame.set_index("city").reindex(wanted)
            frame["name"] = [G.nodes[c].get("name") for c in wanted]
            frame = frame.rename_axis("city").reset_index()
        tables[year] = frame
    parts = []
    for year, era in points:
        frame = tables[year].copy()
        frame.insert(0, "era", era)
        frame.insert(0, "year", year)
        frame["measure"] = measure
        parts.append(frame[["year", "era", "city", "name", "measure", "value", "rank"]])
    if parts:
        out = pd.concat(parts, ignore_index=True)
    else:
        out = pd.DataFrame(columns=["year", "era", "city", "name", "measure", "value", "rank"])
    out["era"] = out["era"].astype(object)
    out["rank"] = out["rank"].astype("Int64")
    out.attrs.update(measure=measure, seed=seed, dataset=G.graph.get("dataset"), undated=undated,
                     assume_year=assume_year,
                     excluded_undated=0 if undated == "assume"
                     else G.number_of_edges() - len(dated))
    return out


@_with_references
def trajectories(
    G: nx.MultiDiGraph,
    cities: Iterable[str],
    measure: Measure,
    years: Iterable[int] | None = None,
    *,
    eras: bool | pd.DataFrame | Sequence[tuple[str, int, int | None]] | None = None,
    weighted: bool | None = None,
    progress: bool = True,
    seed: int = 0,
) -> pd.DataFrame:
    """Rank trajectories of chosen cities (ids or names) over snapshot years or eras.

    A shortcut for :func:`rank_over_time` with ``cities=``; the rank is among all cities
    active in that year, and a city without an active link that year has NaN value and rank.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    cities : iterable of str
        City ids or exact names, e.g. ``["Coventry", "Paris"]``.
    measure : str
        One of :data:`MEASURES`.
    years : iterable of int, optional
        As in :func:`rank_over_time`.
    eras, weighted, progress, seed
        As in :func:`rank_over_time`.

    Returns
    -------
    pandas.DataFrame
        Long table ``year``, ``era``, ``city``, ``name``, ``measure``, ``value``, ``rank``.

    Raises
    ------
    KeyError
        Unknown or ambiguous city.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> trajectories(G, ["City H", "B"], "partners", [1990, 2010], progress=False)
       year   era city    name   measure  value  rank
    0  1990  None    H  City H  partners    NaN  <NA>
    1  1990  None    B  City B  partners    2.0     1
    2  2010  None    H  City H  partners    2.0     1
    3  2010  None    B  City B  partners    2.0     1
    """
    return rank_over_time(G, measure, years=years, eras=eras, cities=list(cities),
                          weighted=weighted, progress=progress, seed=seed)
