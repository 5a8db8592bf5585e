"""Time: snapshots by year, windows, eras, growth tables and adoption years.

Definitions used by every function here
    Active
        A link formed in ``year`` and ended in ``end_year`` is *active* in every year ``t``
        with ``year <= t`` and (``end_year`` is None or ``t < end_year``): it counts as ended
        in its end year, so a link ended in 2022 is not in the 2022 snapshot and a link
        formed and ended in the same year is never active. Windows are inclusive at both
        ends: ``window(G, 1950, 1959)`` includes links formed in 1950 and in 1959.
    Undated links
        A link whose ``year`` is None is never silently treated as old or new. Functions take
        ``undated="exclude"`` (default: left out, and counted in ``H.graph["excluded_undated"]``
        or ``DataFrame.attrs["excluded_undated"]``) or ``undated="assume"`` with a stated
        ``assume_year`` (the year is assumed for the computation only, recorded in the result;
        the edge's own ``year`` stays None). An undated link with a known ``end_year`` at or
        before ``assume_year`` is taken as formed and ended in ``assume_year`` (never active).
    Ended links
        Links that ended are excluded from snapshots and counted in
        ``H.graph["excluded_ended"]``; growth tables count them in an ``ended`` column and
        keep them in ``cumulative`` (links ever formed) but not in ``active``.
    Nodes
        Snapshots, windows and era filters keep, by default, only the cities with at least one
        link in the result (``keep_isolates=True`` keeps every city of ``G``).

All functions return new objects and never modify ``G``.

References
----------
Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125
(snapshot / aggregated-window representation of time-stamped links).

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> H = pn.temporal.snapshot(G, 1990)
>>> H.number_of_edges(), H.graph["excluded_undated"], H.graph["not_yet_formed"]
(8, 1, 3)
>>> pn.temporal.era_of(1962)
'early_cold_war'
>>> pn.temporal.ERAS[["name", "start", "end"]].tail(2)
            name  start   end
6  post_cold_war   1990  2007
7         recent   2008  <NA>
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from .errors import SchemaError, format_problems
from .model import PHASES, check_graph, check_option, check_year, links_from_graph

__all__ = [
    "ERAS",
    "GROWTH_BY",
    "active_links",
    "adoption",
    "decade",
    "era_of",
    "filter_era",
    "growth",
    "pair_growth",
    "snapshot",
    "snapshots",
    "window",
]

logger = logging.getLogger(__name__)

Undated = Literal["exclude", "assume"]

#: Default named eras (inclusive years; ``<NA>`` = open end). Each boundary and why:
#:
#: - ``before_1919`` (to 1918): the first civic links before and during the First World War.
#: - ``interwar`` 1919-1938: from the Versailles settlement (1919) to the last year of peace;
#:   the first "adoptions" of war-damaged towns (e.g. Keighley and Poix-du-Nord, 1920).
#: - ``wartime`` 1939-1944: the Second World War up to its last full year (Coventry and
#:   Stalingrad, 1944); 1945 is counted as post-war because the war in Europe ended in May.
#: - ``postwar`` 1945-1955: reconciliation twinnings of the reconstruction decade; it ends
#:   with West German sovereignty and the Warsaw Pact (1955).
#: - ``early_cold_war`` 1956-1972: the twinning boom between Western Europe, the US
#:   (People to People, 1956) and, later, across the Iron Curtain; it ends before the
#:   detente of 1973 (both German states in the UN, CSCE talks opened).
#: - ``late_cold_war`` 1973-1989: detente and the late Cold War, up to the fall of the
#:   Berlin Wall (1989).
#: - ``post_cold_war`` 1990-2007: the wave of East-West and new Asian links after 1990, up
#:   to the eve of the 2008 financial crisis.
#: - ``recent`` 2008-present.
#:
#: Override with any DataFrame with columns ``name, start, end`` (``label_en`` and
#: ``label_id`` optional) or a sequence of ``(name, start, end)`` tuples; a single split
#: ``cold_war`` 1956-1989 is e.g. ``[..., ("cold_war", 1956, 1989), ...]``.
ERAS: pd.DataFrame = pd.DataFrame(
    [
        ("before_1919", "Before 1919", "Sebelum 1919", None, 1918),
        ("interwar", "Inter-war years", "Masa antarperang", 1919, 1938),
        ("wartime", "Second World War", "Perang Dunia II", 1939, 1944),
        ("postwar", "Post-war reconstruction", "Rekonstruksi pascaperang", 1945, 1955),
        ("early_cold_war", "Early Cold War", "Awal Perang Dingin", 1956, 1972),
        ("late_cold_war", "Détente and late Cold War", "Détente dan akhir Perang Dingin",
         1973, 1989),
        ("post_cold_war", "After the Cold War", "Pasca-Perang Dingin", 1990, 2007),
        ("recent", "Since 2008", "Sejak 2008", 2008, None),
    ],
    columns=["name", "label_en", "label_id", "start", "end"],
).astype({"start": "Int64", "end": "Int64"})

#: Groupings accepted by :func:`growth` ``by=``.
GROWTH_BY: tuple[str | None, ...] = (
    None, "phase", "era", "country", "country_pair", "continent", "continent_pair",
)

_UNKNOWN = "??"


# ---------------------------------------------------------------------------------------
# helpers




def _check_undated(undated: str, assume_year: Any) -> int | None:
    check_option("undated", undated, ("exclude", "assume"))
    if undated == "assume":
        if assume_year is None:
            raise ValueError(
                "undated='assume' needs assume_year=<int>, the year assumed for undated links "
                "(or use undated='exclude' to leave them out and count them)"
            )
        return check_year("assume_year", assume_year)
    if assume_year is not None:
        raise ValueError(
            f"assume_year={assume_year!r} given with undated='exclude'; pass undated='assume' "
            "to use it"
        )
    return None


def _dated_edges(
    G: nx.MultiDiGraph, assume_year: int | None
) -> tuple[list[tuple[Any, Any, Any, dict[str, Any], int, float]], int, int]:
    """Edges with effective (year, end) after the undated policy; count undated/assumed."""
    out = []
    undated = assumed = 0
    for u, v, k, d in _iter_edges(G):
        y = d.get("year")
        if y is None:
            if assume_year is None:
                undated += 1
                continue
            y = assume_year
            assumed += 1
        e = d.get("end_year")
        e_f = math.inf if e is None else max(int(e), y)  # see "Undated links" in module doc
        out.append((u, v, k, d, int(y), e_f))
    return out, undated, assumed


def _iter_edges(G: nx.MultiDiGraph) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:
    """(u, v, key, data) of every edge, read straight from the adjacency (fast)."""
    for u, nbrs in G._succ.items():
        for v, keydict in nbrs.items():
            for k, d in keydict.items():
                yield u, v, k, d


def _policy_attrs(
    undated: str, assume_year: int | None, n_undated: int, n_assumed: int
) -> dict[str, Any]:
    return {
        "undated": undated,
        "assume_year": assume_year,
        "excluded_undated": n_undated,
        "assumed_undated": n_assumed,
    }


def _subgraph(
    G: nx.MultiDiGraph,
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
    keep_isolates: bool,
) -> nx.MultiDiGraph:
    """New graph with G.graph, the given edges (keys kept, attribute dicts copied) and
    their end nodes (all of G's nodes with keep_isolates). Built on the adjacency dicts
    directly, which is several times faster than add_edge for tens of thousands of links."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    node, succ, pred, g_node = H._node, H._succ, H._pred, G._node
    if keep_isolates:
        for n, d in g_node.items():
            node[n] = d.copy()
            succ[n] = {}
            pred[n] = {}
    for u, v, k, d in edges:
        for n in (u, v):
            if n not in node:
                node[n] = g_node[n].copy()
                succ[n] = {}
                pred[n] = {}
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = {}
            pred[v][u] = keydict
        keydict[k] = dict(d)
    return H


def decade(year: Any) -> Any:
    """Decade of a year (1987 -> 1980); None stays None; a Series gives an ``Int64`` Series.

    Examples
    --------
    >>> decade(1987), decade(1990), decade(None)
    (1980, 1990, None)
    >>> decade(pd.Series([1913, None, 2014], dtype="Int64")).tolist()
    [1910, <NA>, 2010]
    """
    if isinstance(year, pd.Series):
        return (year.astype("Int64") // 10) * 10
    if year is None or (isinstance(year, float) and math.isnan(year)) or year is pd.NA:
        return None
    return (int(year) // 10) * 10


# ---------------------------------------------------------------------------------------
# snapshots and windows


def snapshot(
    G: nx.MultiDiGraph,
    year: int,
    *,
    undated: Undated = "exclude",
    assume_year: int | None = None,
    keep_isolates: bool = False,
) -> nx.MultiDiGraph:
    """The network as it stood in ``year``: links formed by then and not yet ended.

    A link is in the snapshot when ``link_year <= year`` and (``end_year`` is None or
    ``end_year > year``); see the module docstring for the treatment of undated and ended
    links.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    year : int
    undated : {"exclude", "assume"}, default "exclude"
        Leave undated links out (counted), or give them the year ``assume_year``.
    assume_year : int, optional
        Required with ``undated="assume"``.
    keep_isolates : bool, default False
        Keep every city of ``G``, not only those with an active link.

    Returns
    -------
    networkx.MultiDiGraph
        A copy (edge keys and attributes kept). ``H.graph`` gains ``snapshot_year``,
        ``undated``, ``assume_year``, ``excluded_undated``, ``assumed_undated``,
        ``excluded_ended`` (formed by ``year`` but ended) and ``not_yet_formed``.

    Raises
    ------
    ValueError
        Non-integer year, unknown ``undated``, ``assume_year`` missing or superfluous.

    See Also
    --------
    snapshots : many years, incrementally.
    active_links : the same links as a table.

    References
    ----------
    Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> H = snapshot(G, 2022)  # F->B ended in 2022: not active in 2022
    >>> H.has_edge("F", "B"), H.graph["excluded_ended"], H.number_of_nodes()
    (False, 1, 10)
    >>> snapshot(G, 2021).has_edge("F", "B")
    True
    >>> A = snapshot(G, 1944, undated="assume", assume_year=1940)
    >>> sorted(A.edges()), A.graph["assumed_undated"]
    ([('A', 'B'), ('B', 'A'), ('E', 'G')], 1)
    """
    check_graph(G)
    year = check_year("year", year)
    assume = _check_undated(undated, assume_year)
    edges, n_undated, n_assumed = _dated_edges(G, assume)
    keep, ended, future = [], 0, 0
    for u, v, k, d, y, e in edges:
        if y > year:
            future += 1
        elif e <= year:
            ended += 1
        else:
            keep.append((u, v, k, d))
    H = _subgraph(G, keep, keep_isolates)
    H.graph.update(
        snapshot_year=year,
        **_policy_attrs(undated, assume, n_undated, n_assumed),
        excluded_ended=ended,
        not_yet_formed=future,
    )
    logger.debug("snapshot %d: %d active, %d ended, %d undated excluded",
                 year, len(keep), ended, n_undated)
    return H


def active_links(
    G: nx.MultiDiGraph,
    year: int,
    *,
    undated: Undated = "exclude",
    assume_year: int | None = None,
) -> pd.DataFrame:
    """The links active in ``year`` as a links table (see :func:`model.links_from_graph`).

    Same rule and parameters as :func:`snapshot`; the counts (``excluded_undated``,
    ``excluded_ended``, ``not_yet_formed``, ...) are in ``DataFrame.attrs``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = active_links(pn.datasets.load("toy"), 1960)
    >>> t[["source", "target", "year"]].values.tolist()
    [['A', 'B', 1944], ['A', 'C', 1959], ['B', 'A', 1944], ['D', 'E', 1956], ['F', 'G', 1955]]
    >>> t.attrs["excluded_undated"], t.attrs["not_yet_formed"]
    (1, 6)
    """
    H = snapshot(G, year, undated=undated, assume_year=assume_year)
    links = links_from_graph(H)
    if len(links):
        links = links.sort_values(["source", "target", "key"], ignore_index=True)
    links.attrs.update({k: H.graph[k] for k in (
        "snapshot_year", "undated", "assume_year", "excluded_undated", "assumed_undated",
        "excluded_ended", "not_yet_formed")})
    return links


def snapshots(
    G: nx.MultiDiGraph,
    years: Iterable[int],
    *,
    undated: Undated = "exclude",
    assume_year: int | None = None,
    keep_isolates: bool = False,
    copy: bool = False,
    progress: bool = True,
) -> Iterator[tuple[int, nx.MultiDiGraph]]:
    """Yield ``(year, snapshot)`` for each year, built incrementally.

    Edges are sorted once by formation and by end year; stepping from one year to the next
    adds the links formed and removes the links ended in between, so the whole sequence
    costs about one pass over the edges (plus the copies, if asked for). Each yielded graph
    equals ``snapshot(G, year, ...)`` (same edges, keys, attributes and counts).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    years : iterable of int
        Yielded in ascending order, each once (duplicates are dropped).
    undated, assume_year, keep_isolates
        As in :func:`snapshot`.
    copy : bool, default False
        False: the SAME graph object is yielded each time and mutated on the next step
        (fast; copy it yourself to keep it, e.g. ``{y: H.copy() for y, H in ...}``).
        True: yield an independent copy each year.
    progress : bool, default True
        Show a tqdm progress bar (only in a terminal or notebook).

    Yields
    ------
    (int, networkx.MultiDiGraph)

    Raises
    ------
    ValueError
        As :func:`snapshot`; raised at call time, not at the first iteration.

    Notes
    -----
    Cost: O(m log m) to sort the m edges once, then O(1) per link added or removed;
    ``copy=True`` adds O(size of each snapshot) per year.

    References
    ----------
    Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> [(y, H.number_of_edges()) for y, H in snapshots(G, [2022, 1950, 1990], progress=False)]
    [(1950, 2), (1990, 8), (2022, 10)]
    >>> kept = dict(snapshots(G, range(1944, 1946), copy=True, progress=False))
    >>> kept[1944] is kept[1945]
    False
    """
    check_graph(G)
    years_sorted = sorted({check_year("years item", y) for y in years})
    assume = _check_undated(undated, assume_year)
    return _snapshot_iter(G, years_sorted, undated, assume, keep_isolates, copy, progress)


def _snapshot_iter(
    G: nx.MultiDiGraph, years: list[int], undated: str, assume: int | None,
    keep_isolates: bool, copy: bool, progress: bool,
) -> Iterator[tuple[int, nx.MultiDiGraph]]:
    from tqdm.auto import tqdm

    edges, n_undated, n_assumed = _dated_edges(G, assume)
    by_start = sorted(edges, key=lambda r: r[4])
    by_end = sorted((r for r in edges if r[5] != math.inf), key=lambda r: r[5])
    n, m = len(by_start), len(by_end)
    H = _subgraph(G, (), keep_isolates)
    node, succ, pred, g_node = H._node, H._succ, H._pred, G._node
    deg: Counter[Any] = Counter()
    policy = _policy_attrs(undated, assume, n_undated, n_assumed)
    i = j = 0
    bar = tqdm(years, desc="snapshots", unit="year", disable=None if progress else True)
    # Edges are added and removed on the adjacency dicts directly (as in _subgraph), which
    # is several times faster than add_edge/remove_edge; networkx's backend cache is cleared
    # before each yield.
    for t in bar:
        while i < n and by_start[i][4] <= t:
            u, v, k, d, _, _ = by_start[i]
            for x in (u, v):
                if x not in node:
                    node[x] = g_node[x].copy()
                    succ[x] = {}
                    pred[x] = {}
                deg[x] += 1
            keydict = succ[u].get(v)
            if keydict is None:
                keydict = succ[u][v] = {}
                pred[v][u] = keydict
            keydict[k] = dict(d)
            i += 1
        while j < m and by_end[j][5] <= t:
            u, v, k, _, _, _ = by_end[j]
            keydict = succ[u][v]
            del keydict[k]
            if not keydict:
                del succ[u][v]
                del pred[v][u]
            for x in (u, v):
                deg[x] -= 1
                if deg[x] == 0 and not keep_isolates:
                    del node[x], succ[x], pred[x]
            j += 1
        H.graph.update(snapshot_year=t, **policy, excluded_ended=j, not_yet_formed=n - i)
        cache = getattr(H, "__networkx_cache__", None)  # as networkx's own mutators do
        if cache:
            cache.clear()
        yield t, (_copy_graph(H) if copy else H)


def _copy_graph(H: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A fast independent copy (nodes, edges, keys, attribute dicts copied one level deep)."""
    C = nx.MultiDiGraph()
    C.graph.update(H.graph)
    C._node.update((n, d.copy()) for n, d in H._node.items())
    succ = {n: {} for n in H._succ}
    pred: dict[Any, dict[Any, Any]] = {n: {} for n in H._succ}
    for u, nbrs in H._succ.items():
        su = succ[u]
        for v, keydict in nbrs.items():
            kd = {k: d.copy() for k, d in keydict.items()}
            su[v] = kd
            pred[v][u] = kd
    C._succ.update(succ)
    C._pred.update(pred)
    return C


def window(
    G: nx.MultiDiGraph,
    start: int | None,
    end: int | None,
    *,
    by: Literal["formed", "active"] = "formed",
    undated: Undated = "exclude",
    assume_year: int | None = None,
    keep_isolates: bool = False,
) -> nx.MultiDiGraph:
    """Links formed in ``[start, end]`` (inclusive), or active at any time in it.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    start, end : int or None
        Inclusive bounds; None is an open end.
    by : {"formed", "active"}, default "formed"
        ``"formed"``: ``start <= year <= end`` (ended links included: they were formed
        then). ``"active"``: active in at least one year ``t`` of the window, i.e.
        ``max(year, start) <= min(end, end_year - 1)``.
    undated, assume_year, keep_isolates
        As in :func:`snapshot`.

    Returns
    -------
    networkx.MultiDiGraph
        A copy; ``H.graph["window"] = (start, end, by)`` and the counts ``excluded_undated``,
        ``assumed_undated``, ``excluded_outside`` (dated links outside the window).

    Raises
    ------
    ValueError
        ``start`` after ``end``, non-integer bounds, bad options.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> sorted(window(G, 1950, 1959).edges())
    [('A', 'C'), ('D', 'E'), ('F', 'G')]
    >>> W = window(G, 2022, None, by="active")  # F->B (1990-2022) is not active in 2022
    >>> W.number_of_edges(), W.graph["excluded_outside"], W.graph["excluded_undated"]
    (10, 1, 1)
    """
    check_graph(G)
    check_option("by", by, ("formed", "active"))
    lo = check_year("start", start, optional=True)
    hi = check_year("end", end, optional=True)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"window start {lo} is after end {hi}; give start <= end (both inclusive)")
    assume = _check_undated(undated, assume_year)
    lo_f = -math.inf if lo is None else lo
    hi_f = math.inf if hi is None else hi
    edges, n_undated, n_assumed = _dated_edges(G, assume)
    keep, outside = [], 0
    for u, v, k, d, y, e in edges:
        ok = lo_f <= y <= hi_f if by == "formed" else max(y, lo_f) <= min(hi_f, e - 1)
        if ok:
            keep.append((u, v, k, d))
        else:
            outside += 1
    H = _subgraph(G, keep, keep_isolates)
    H.graph.update(window=(lo, hi, by), **_policy_attrs(undated, assume, n_undated, n_assumed),
                   excluded_outside=outside)
    return H


# ---------------------------------------------------------------------------------------
# eras


def _check_eras(eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]]) -> pd.DataFrame:
    if isinstance(eras, pd.DataFrame):
        missing = [c for c in ("name", "start", "end") if c not in eras.columns]
        if missing:
            raise SchemaError(format_problems(
                "eras table", [f"missing column {c!r}" for c in missing],
                fix="give columns name, start, end (label_en, label_id optional)"))
        table = eras.reset_index(drop=True).copy()
    else:
        rows = list(eras)
        bad = [f"row {i}: {r!r}" for i, r in enumerate(rows)
               if not (isinstance(r, (tuple, list)) and len(r) == 3)]
        if bad:
            raise SchemaError(format_problems("eras", bad, fix="give (name, start, end) tuples"))
        table = pd.DataFrame(rows, columns=["name", "start", "end"])
    for col in ("label_en", "label_id"):
        if col not in table.columns:
            table[col] = table["name"]
    try:
        for col in ("start", "end"):
            values = [None if pd.isna(x) else int(x) for x in table[col]]
            table[col] = pd.array(values, dtype="Int64")
    except (TypeError, ValueError) as exc:
        raise SchemaError(f"eras: start and end must be int years or None ({exc})") from exc
    problems = []
    dup = table["name"][table["name"].duplicated()].tolist()
    if dup:
        problems.append(f"duplicate era name(s) {dup}")
    lo = table["start"].astype("float64").fillna(-math.inf)
    hi = table["end"].astype("float64").fillna(math.inf)
    for i in np.flatnonzero((lo > hi).to_numpy()):
        problems.append(
            f"era {table['name'][i]!r}: start {table['start'][i]} after end {table['end'][i]}")
    order = np.argsort(lo.to_numpy(), kind="stable")
    for a, b in zip(order, order[1:], strict=False):
        if lo[b] <= hi[a]:
            problems.append(f"eras {table['name'][a]!r} and {table['name'][b]!r} overlap")
    if problems:
        raise SchemaError(format_problems(
            "eras", problems, fix="eras must not overlap; None = open end"))
    return table[["name", "label_en", "label_id", "start", "end"]]


def era_of(
    year: Any,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] = ERAS,
) -> Any:
    """Name of the era containing ``year`` (None when no era contains it or year is None).

    Parameters
    ----------
    year : int, None, or a sequence / Series of them
    eras : DataFrame or sequence of (name, start, end), default :data:`ERAS`

    Returns
    -------
    str or None, or a pandas Series of them for sequence input

    Examples
    --------
    >>> era_of(1945), era_of(1989), era_of(1990), era_of(None)
    ('postwar', 'late_cold_war', 'post_cold_war', None)
    >>> era_of([1930, 2020], eras=[("early", 1900, 1949), ("late", 1950, 1999)]).tolist()
    ['early', None]
    """
    table = _check_eras(eras)
    spans = list(zip(table["name"], table["start"].astype("float64").fillna(-math.inf),
                     table["end"].astype("float64").fillna(math.inf), strict=True))

    def one(y: Any) -> str | None:
        if y is None or y is pd.NA or (isinstance(y, float) and math.isnan(y)):
            return None
        for name, lo, hi in spans:
            if lo <= y <= hi:
                return str(name)
        return None

    if isinstance(year, (pd.Series, list, tuple, np.ndarray, pd.api.extensions.ExtensionArray)):
        index = year.index if isinstance(year, pd.Series) else None
        return pd.Series([one(y) for y in year], index=index, dtype="object")
    return one(year)


def filter_era(
    G: nx.MultiDiGraph,
    era: str,
    *,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] = ERAS,
    by: Literal["formed", "active"] = "formed",
    undated: Undated = "exclude",
    assume_year: int | None = None,
    keep_isolates: bool = False,
) -> nx.MultiDiGraph:
    """Links formed (or active) in a named era: :func:`window` over the era's years.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    era : str
        A name in ``eras["name"]``.
    eras : DataFrame or sequence of (name, start, end), default :data:`ERAS`
    by, undated, assume_year, keep_isolates
        As in :func:`window`.

    Returns
    -------
    networkx.MultiDiGraph
        As :func:`window`, with ``H.graph["era"]`` = the era name.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> sorted(filter_era(G, "postwar").edges())  # 1945-1955
    [('F', 'G')]
    >>> filter_era(G, "cold_war", eras=[("cold_war", 1947, 1991)]).number_of_edges()
    6
    """
    table = _check_eras(eras)
    check_option("era", era, table["name"].tolist())
    row = table[table["name"] == era].iloc[0]
    lo = None if pd.isna(row["start"]) else int(row["start"])
    hi = None if pd.isna(row["end"]) else int(row["end"])
    H = window(G, lo, hi, by=by, undated=undated, assume_year=assume_year,
               keep_isolates=keep_isolates)
    H.graph["era"] = era
    return H


# ---------------------------------------------------------------------------------------
# growth


def _continent_lookup(
    G: nx.MultiDiGraph, continents: Mapping[str, str] | None
) -> Callable[[Any], str]:
    if continents is None:
        try:
            from . import geo
            geo_continent = geo.continent
        except (ImportError, AttributeError) as exc:  # pragma: no cover - geo ships with us
            raise ImportError(
                "paradiplo_net.geo.continent is not available; "
                "pass continents={'FR': 'Europe', ...}"
            ) from exc
    cache: dict[Any, str] = {}

    def lookup(node: Any) -> str:
        if node in cache:
            return cache[node]
        d = G.nodes[node]
        value = d.get("continent")
        cc = d.get("country")
        if value is None and cc is not None:
            value = continents.get(cc) if continents is not None else geo_continent(cc)
        cache[node] = str(value) if value else _UNKNOWN
        return cache[node]

    return lookup


def _pair(a: str, b: str, direction: str) -> str:
    return f"{a}->{b}" if direction == "directed" else "-".join(sorted((a, b)))


def _growth_table(
    records: Sequence[tuple[int, float, Sequence[str]]],
    *,
    freq: str,
    start: int | None,
    end: int | None,
    group_order: Sequence[str] | None = None,
) -> pd.DataFrame:
    """(year, end_year or inf, groups) records -> tidy table.

    Columns: period, group, new, ended, cumulative, active.
    """
    col = "year" if freq == "year" else "decade"
    cols = [col, "group", "new", "ended", "cumulative", "active"]

    def per(y: float) -> int:
        return int(y) if freq == "year" else (int(y) // 10) * 10

    new: defaultdict[str, Counter[int]] = defaultdict(Counter)
    ended: defaultdict[str, Counter[int]] = defaultdict(Counter)
    for y, e, groups in records:
        for g in groups:
            new[g][per(y)] += 1
            if e != math.inf:
                ended[g][per(e)] += 1
    periods = [p for c in (*new.values(), *ended.values()) for p in c]
    if start is not None:
        periods.append(per(start))
    if end is not None:
        periods.append(per(end))
    if not new or not periods:
        frame = pd.DataFrame({c: pd.Series(dtype="int64") for c in cols})
        frame["group"] = frame["group"].astype("object")
        return frame
    step = 1 if freq == "year" else 10
    grid = np.arange(min(periods), max(periods) + 1, step)
    groups = list(group_order) if group_order is not None else sorted(new)
    groups += [g for g in sorted(new) if g not in groups]
    parts = []
    for g in groups:
        n_arr = np.array([new[g].get(p, 0) for p in grid], dtype="int64")
        e_arr = np.array([ended[g].get(p, 0) for p in grid], dtype="int64")
        cum = np.cumsum(n_arr)
        parts.append(pd.DataFrame({col: grid, "group": g, "new": n_arr, "ended": e_arr,
                                   "cumulative": cum, "active": cum - np.cumsum(e_arr)}))
    frame = pd.concat(parts, ignore_index=True)
    frame["group"] = frame["group"].astype("object")
    lo = per(start) if start is not None else -math.inf
    hi = per(end) if end is not None else math.inf
    frame = frame[(frame[col] >= lo) & (frame[col] <= hi)]
    return frame.sort_values([col, "group"], key=lambda s: s.map(
        {g: i for i, g in enumerate(groups)}) if s.name == "group" else s,
        kind="stable", ignore_index=True)


def growth(
    G: nx.MultiDiGraph,
    *,
    by: Literal["phase", "era", "country", "country_pair", "continent", "continent_pair"]
    | None = None,
    freq: Literal["year", "decade"] = "year",
    direction: Literal["undirected", "directed"] = "undirected",
    start: int | None = None,
    end: int | None = None,
    undated: Undated = "exclude",
    assume_year: int | None = None,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] = ERAS,
    continents: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """New, ended, cumulative and active links per year (or decade), optionally by group.

    Each edge (one recorded statement; a reciprocal pair counts twice, parallel agreements
    count separately) is counted in the period of its ``year``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    by : {None, "phase", "era", "country", "country_pair", "continent", "continent_pair"}
        ``None``: one group ``"all"``. ``"phase"``: the edge's phase or ``"none"``.
        ``"era"``: era of the formation year (``"none"`` outside every era).
        ``"country"`` / ``"continent"``: the link counts once for each distinct country
        (continent) of its two cities, so a France-Germany link counts for FR and for DE
        and group totals exceed the number of links; a domestic link counts once.
        ``"country_pair"`` / ``"continent_pair"``: ``"DE-FR"`` (unordered, sorted) or
        ``"DE->FR"`` (source -> target) with ``direction="directed"``. Unknown countries and
        continents are ``"??"``. Continents come from a node's ``continent`` attribute, else
        ``continents[country]``, else :func:`paradiplo_net.geo.continent`.
    freq : {"year", "decade"}, default "year"
        Period of the first column (named ``year`` or ``decade``; decade 1980 = 1980-1989).
    direction : {"undirected", "directed"}, default "undirected"
        Pair keys of the ``*_pair`` groupings.
    start, end : int, optional
        Inclusive range of periods shown; the table always runs without gaps from the first
        to the last period with a formed or ended link. ``cumulative`` and ``active`` include
        links formed before ``start``.
    undated, assume_year
        As in :func:`snapshot`.
    eras : DataFrame or sequence of (name, start, end), default :data:`ERAS`
        Used with ``by="era"``.
    continents : mapping of country code -> continent, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``year`` (or ``decade``), ``group``, ``new`` (formed in the period),
        ``ended`` (ended in the period), ``cumulative`` (formed to date, ended or not),
        ``active`` (cumulative minus ended to date), every period x group present (zeros
        filled). ``attrs``: ``links`` (links counted), ``excluded_undated``,
        ``assumed_undated``, ``assume_year``, ``ended`` (links counted that have ended),
        ``by``, ``freq``, ``direction``.

    Raises
    ------
    ValueError
        Unknown option; ``assume_year`` missing or superfluous; ``start`` after ``end``.

    See Also
    --------
    pair_growth : links between two countries, or one country and the world.

    References
    ----------
    Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and
    historical perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> t = growth(G, freq="decade")
    >>> t
        decade group  new  ended  cumulative  active
    0     1940   all    2      0           2       2
    1     1950   all    3      0           5       5
    2     1960   all    1      0           6       6
    3     1970   all    1      0           7       7
    4     1980   all    0      0           7       7
    5     1990   all    2      0           9       9
    6     2000   all    1      0          10      10
    7     2010   all    1      0          11      11
    8     2020   all    0      1          11      10
    >>> t.attrs["excluded_undated"], t.attrs["ended"]
    (1, 1)
    >>> p = growth(G, by="country_pair", freq="decade")
    >>> p.loc[(p["decade"] == 1990) & (p["new"] > 0), "group"].tolist()
    ['ID-KR', 'RU-US']
    """
    check_graph(G)
    check_option("by", by, GROWTH_BY)
    check_option("freq", freq, ("year", "decade"))
    check_option("direction", direction, ("undirected", "directed"))
    lo = check_year("start", start, optional=True)
    hi = check_year("end", end, optional=True)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"start {lo} is after end {hi}; give start <= end (both inclusive)")
    assume = _check_undated(undated, assume_year)
    edges, n_undated, n_assumed = _dated_edges(G, assume)
    group_order: list[str] | None = None
    if by is None:
        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return ("all",)
    elif by == "phase":
        group_order = [*PHASES, "none"]

        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return (d.get("phase") or "none",)
    elif by == "era":
        table = _check_eras(eras)
        group_order = [*table["name"], "none"]
        names = era_of(pd.Series(sorted({r[4] for r in edges})), table)
        era_map = dict(zip(sorted({r[4] for r in edges}), names, strict=True))

        def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
            return (era_map[y] or "none",)
    else:
        if by.startswith("country"):
            def where(n: Any) -> str:
                return G.nodes[n].get("country") or _UNKNOWN
        else:
            where = _continent_lookup(G, continents)
        if by.endswith("_pair"):
            def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
                return (_pair(where(u), where(v), direction),)
        else:
            def key(u: Any, v: Any, d: Mapping[str, Any], y: int) -> Sequence[str]:
                a, b = where(u), where(v)
                return (a,) if a == b else (a, b)
    records = [(y, e, key(u, v, d, y)) for u, v, _, d, y, e in edges]
    frame = _growth_table(records, freq=freq, start=lo, end=hi, group_order=group_order)
    n_ended = sum(1 for r in records if r[1] != math.inf)
    frame.attrs.update(links=len(records), excluded_undated=n_undated, assumed_undated=n_assumed,
                       assume_year=assume, ended=n_ended, by=by, freq=freq, direction=direction)
    logger.info("growth(by=%s): %d links counted, %d of them ended; %d undated excluded, "
                "%d given the assumed year %s", by, len(records), n_ended, n_undated, n_assumed,
                assume)
    return frame


def pair_growth(
    G: nx.MultiDiGraph,
    a: str,
    b: str = "world",
    *,
    freq: Literal["year", "decade"] = "year",
    start: int | None = None,
    end: int | None = None,
    undated: Undated = "exclude",
    assume_year: int | None = None,
) -> pd.DataFrame:
    """Growth of the links between countries ``a`` and ``b`` (or ``a`` and the world).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    a : str
        ISO 3166-1 alpha-2 code, e.g. ``"DE"``.
    b : str, default "world"
        Another country code (links between ``a`` and ``b`` in either direction; ``b == a``
        gives domestic links), or ``"world"``: every link with ``a`` on one side and a
        different (or unknown) country on the other. Domestic links are not "world" links.
    freq, start, end, undated, assume_year
        As in :func:`growth`.

    Returns
    -------
    pandas.DataFrame
        The :func:`growth` columns for one group (``"DE-FR"``, sorted; or ``"CN-world"``)
        plus ``links_of_a`` (new links of ``a`` with anyone, domestic included, in the
        period) and ``share`` = ``new / links_of_a`` (NaN when ``a`` formed no link).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> pair_growth(G, "US", "JP", freq="decade")
       decade  group  new  ended  cumulative  active  links_of_a  share
    0    1950  JP-US    1      0           1       1           1    1.0
    1    1960  JP-US    0      0           1       1           0    NaN
    2    1970  JP-US    0      0           1       1           0    NaN
    3    1980  JP-US    0      0           1       1           0    NaN
    4    1990  JP-US    0      0           1       1           1    0.0
    5    2000  JP-US    0      0           1       1           0    NaN
    6    2010  JP-US    0      0           1       1           0    NaN
    7    2020  JP-US    0      0           1       1           0    NaN
    >>> int(pair_growth(G, "JP", freq="decade")["new"].sum())  # F->G, H->J (not G->J, E->G)
    2
    """
    check_graph(G)
    check_option("freq", freq, ("year", "decade"))
    for name, code in (("a", a), ("b", b)):
        is_world = name == "b" and code == "world"
        if not is_world and not (isinstance(code, str) and len(code) == 2):
            raise ValueError(f"{name}={code!r}: expected an ISO 3166-1 alpha-2 code like 'FR'"
                             + (" or 'world'" if name == "b" else ""))
    lo = check_year("start", start, optional=True)
    hi = check_year("end", end, optional=True)
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"start {lo} is after end {hi}; give start <= end (both inclusive)")
    assume = _check_undated(undated, assume_year)
    edges, n_undated, n_assumed = _dated_edges(G, assume)
    label = f"{a}-world" if b == "world" else _pair(a, b, "undirected")
    pair_records, a_records = [], []
    for u, v, _, d, y, e in edges:
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if a not in (cu, cv):
            continue
        a_records.append((y, e, ("a",)))
        other = cv if cu == a else cu
        hit = other != a if b == "world" else {cu, cv} == {a, b}
        if hit:
            pair_records.append((y, e, (label,)))
    # the table spans every period in which `a` formed or ended a link (or start..end)
    span = [r[0] for r in a_records] + [r[1] for r in a_records if r[1] != math.inf]
    lo_grid = lo if lo is not None else (min(span) if span else None)
    hi_grid = hi if hi is not None else (max(span) if span else None)
    frame = _growth_table(pair_records, freq=freq, start=lo_grid, end=hi_grid)
    col = frame.columns[0]
    if len(frame) == 0:
        frame["links_of_a"] = pd.Series(dtype="int64")
        frame["share"] = pd.Series(dtype="float64")
    else:
        per_a = _growth_table(a_records, freq=freq, start=lo, end=hi).set_index(col)["new"]
        frame["links_of_a"] = frame[col].map(per_a).fillna(0).astype("int64")
        with np.errstate(divide="ignore", invalid="ignore"):
            share = (frame["new"].to_numpy(dtype="float64")
                     / frame["links_of_a"].to_numpy(dtype="float64"))
        frame["share"] = np.where(frame["links_of_a"].to_numpy() > 0, share, np.nan)
    frame.attrs.update(links=len(pair_records), links_of_a=len(a_records),
                       excluded_undated=n_undated, assumed_undated=n_assumed, assume_year=assume,
                       ended=sum(1 for r in pair_records if r[1] != math.inf), a=a, b=b, freq=freq)
    return frame


# ---------------------------------------------------------------------------------------
# adoption


def adoption(
    G: nx.MultiDiGraph,
    *,
    level: Literal["city", "country"] = "city",
    by_phase: bool = False,
) -> pd.DataFrame:
    """The year each city (or country) first twinned, and first twinned in each phase.

    A city's adoption year is the earliest ``year`` among all its links, as either side
    (source or target), ended links included (they were formed then). A country's is the
    earliest among its cities' (domestic links included).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    level : {"city", "country"}, default "city"
    by_phase : bool, default False
        Add ``first_associative``, ``first_reciprocal``, ``first_commercial`` (earliest
        dated link with that ``phase``).

    Returns
    -------
    pandas.DataFrame
        Indexed by city id (``city``) or country code (``country``), sorted by
        ``first_year`` (missing last) then id. Columns: for cities ``name``, ``country``;
        for countries ``cities``; then ``first_year`` (``Int64``; <NA> when every link is
        undated or there is none), ``links`` and ``undated_links`` (incident edges). ``attrs``:
        ``only_undated`` (rows with links, all undated), ``no_links`` (cities without any
        link, listed with <NA>), ``unknown_country`` (cities left out at country level
        because their country is None).

    References
    ----------
    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press (adoption time
    of each unit as the basis of diffusion curves).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> a = adoption(G)
    >>> a["first_year"].head(3).tolist()
    [1944, 1944, 1955]
    >>> int(a.loc["E", "first_year"]), int(a.loc["E", "undated_links"])  # D-E 1956, E-G undated
    (1956, 1)
    >>> c = adoption(G, level="country", by_phase=True)
    >>> c.loc["JP", ["first_year", "first_associative", "first_reciprocal"]].tolist()
    [1955, <NA>, 1955]
    """
    check_graph(G)
    check_option("level", level, ("city", "country"))
    first: dict[Any, float] = {n: math.inf for n in G}
    first_ph: dict[str, dict[Any, float]] = {p: {n: math.inf for n in G} for p in PHASES}
    links: Counter[Any] = Counter()
    undated: Counter[Any] = Counter()
    for u, v, d in G.edges(data=True):
        y = d.get("year")
        ph = d.get("phase")
        for n in (u, v):
            links[n] += 1
            if y is None:
                undated[n] += 1
                continue
            first[n] = min(first[n], y)
            if ph in first_ph:
                first_ph[ph][n] = min(first_ph[ph][n], y)
    if level == "city":
        ids = list(G.nodes)
        frame = pd.DataFrame({
            "name": [G.nodes[n].get("name") for n in ids],
            "country": [G.nodes[n].get("country") for n in ids],
        }, index=pd.Index(ids, name="city", dtype="object"))
        groups: dict[Any, list[Any]] = {n: [n] for n in ids}
        unknown = 0
    else:
        groups = defaultdict(list)
        unknown = 0
        for n, d in G.nodes(data=True):
            if d.get("country") is None:
                unknown += 1
            else:
                groups[d["country"]].append(n)
        ids = sorted(groups)
        frame = pd.DataFrame({"cities": [len(groups[c]) for c in ids]},
                             index=pd.Index(ids, name="country", dtype="object"))

    def agg(values: dict[Any, float]) -> pd.arrays.IntegerArray:
        out = [min((values[n] for n in groups[i]), default=math.inf) for i in ids]
        return pd.array([None if x == math.inf else int(x) for x in out], dtype="Int64")

    frame["first_year"] = agg(first)
    frame["links"] = np.array([sum(links[n] for n in groups[i]) for i in ids], dtype="int64")
    frame["undated_links"] = np.array([sum(undated[n] for n in groups[i]) for i in ids],
                                      dtype="int64")
    if by_phase:
        for p in PHASES:
            frame[f"first_{p}"] = agg(first_ph[p])
    if len(frame):
        frame = frame.assign(_missing=frame["first_year"].isna(), _id=frame.index.astype(str))
        frame = frame.sort_values(["_missing", "first_year", "_id"])
        frame = frame.drop(columns=["_missing", "_id"])
    only_undated = int(((frame["links"] > 0) & frame["first_year"].isna()).sum())
    no_links = int((frame["links"] == 0).sum()) if level == "city" else sum(
        1 for n in G if links[n] == 0 and G.nodes[n].get("country") is not None)
    frame.attrs.update(level=level, only_undated=only_undated, no_links=no_links,
                       unknown_country=unknown)
    if only_undated or unknown:
        logger.info("adoption(%s): %d with only undated links, "
                    "%d cities of unknown country left out",
                    level, only_undated, unknown)
    return frame

