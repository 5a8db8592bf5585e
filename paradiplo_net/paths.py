"""Paths between cities, ego networks at a given year, and time-respecting paths.

Undirected semantics
    A twinning link connects its two cities both ways: a statement ``u -> v`` (``u`` the
    side whose record lists ``v``) can be walked from ``u`` to ``v`` and from ``v`` to ``u``.
    Direction in the contract records *who lists whom*, not a one-way channel, so every
    function here ignores it. Reciprocal and parallel statements give the same step; where a
    step is reported, the earliest-formed usable statement between the two cities is shown.
Cities
    Given by id (a node of ``G``) or by name: a name is matched, case-insensitively and after
    trimming, against the nodes' ``name`` attributes (:func:`find_city`). A name shared by
    several cities is an error that lists the candidates; pass the id, or ``country=``.
Time
    A link is *in force* in year ``t`` when ``year <= t`` and (``end_year`` is None or
    ``t < end_year``), as in :func:`paradiplo_net.temporal.snapshot`. Undated links are
    excluded from every time-dependent result and counted.

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net import paths
>>> G = pn.datasets.load("toy")
>>> paths.shortest_path(G, "City A", "City H")["city"].tolist()
['A', 'B', 'F', 'G', 'J', 'H']
"""

from __future__ import annotations

import difflib
import heapq
import itertools
import logging
import math
from typing import Any, Literal

import networkx as nx
import pandas as pd

from ._checks import check_graph, check_int, check_option, check_year
from .errors import ParadiploError, format_problems
from .temporal import snapshot

__all__ = [
    "TRAVERSALS",
    "CityLookupError",
    "NoPathError",
    "earliest_arrival",
    "ego_network",
    "find_city",
    "shortest_path",
    "time_respecting_path",
]

log = logging.getLogger(__name__)

Traversal = Literal["formation", "in_force"]

#: Allowed values of ``traversal=`` (see :func:`earliest_arrival`).
TRAVERSALS: tuple[str, ...] = ("formation", "in_force")

_HOP_COLUMNS = ["step", "city", "name", "country", "link_year", "link_end_year", "link_kind",
                "traversed"]


class CityLookupError(ParadiploError, LookupError):
    """A city name matches no node, or several (the message lists the candidates)."""


class NoPathError(ParadiploError, LookupError):
    """No (time-respecting) path joins the two cities."""


def _fold(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def find_city(G: nx.MultiDiGraph, city: Any, *, country: str | None = None) -> Any:
    """The id of a city given by id or by name.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    city : str or node id
        A node of ``G`` (returned as is), else a name matched case-insensitively (spaces
        trimmed and collapsed) against the nodes' ``name`` attribute.
    country : str, optional
        ISO alpha-2 code restricting the name match (ignored for an id).

    Returns
    -------
    node id

    Raises
    ------
    CityLookupError
        No city of that name (the message suggests close names), or several (the message
        lists each candidate's id, name and country).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> find_city(G, "A"), find_city(G, "  city   b "), find_city(G, "City G", country="JP")
    ('A', 'B', 'G')
    >>> find_city(G, "City Z")
    Traceback (most recent call last):
    ...
    paradiplo_net.paths.CityLookupError: no city named 'City Z' ...
    """
    check_graph(G)
    if city in G:
        return city
    key = _fold(city)
    found = [n for n, name in G.nodes(data="name")
             if name is not None and _fold(name) == key
             and (country is None or G.nodes[n].get("country") == country)]
    if len(found) == 1:
        return found[0]
    if not found:
        names = {_fold(name): name for _n, name in G.nodes(data="name") if name is not None}
        close = [names[k] for k in difflib.get_close_matches(key, list(names), n=5)]
        where = f" in {country}" if country else ""
        raise CityLookupError(
            f"no city named {city!r}{where} among {G.number_of_nodes()} cities (nor an id); "
            f"close names: {close or 'none'}. Fix: check the spelling or pass the city id.")
    rows = [f"{n!r}: {G.nodes[n].get('name')!r} ({G.nodes[n].get('country')})" for n in found]
    raise CityLookupError(format_problems(
        f"name {city!r} matches {len(found)} cities", rows,
        fix="pass the city id, or country='XX' to choose among them"))


def _usable(d: dict[str, Any], year: int | None) -> bool:
    if year is None:
        return True
    y, e = d.get("year"), d.get("end_year")
    return y is not None and y <= year and (e is None or year < e)


def _step_link(G: nx.MultiDiGraph, u: Any, v: Any, year: int | None) -> dict[str, Any]:
    """The earliest-formed usable statement between u and v, either direction."""
    links = [d for a, b in ((u, v), (v, u)) if G.has_edge(a, b)
             for d in G[a][b].values() if _usable(d, year)]
    links.sort(key=lambda d: (d.get("year") is None, d.get("year") or 0))
    return links[0] if links else {}


def _hop_table(G: nx.MultiDiGraph, nodes: list[Any], links: list[dict[str, Any]],
               traversed: list[Any]) -> pd.DataFrame:
    rows = []
    for i, n in enumerate(nodes):
        d = links[i - 1] if i else {}
        rows.append({
            "step": i, "city": n, "name": G.nodes[n].get("name"),
            "country": G.nodes[n].get("country"), "link_year": d.get("year"),
            "link_end_year": d.get("end_year"), "link_kind": d.get("kind"),
            "traversed": traversed[i - 1] if i else None,
        })
    table = pd.DataFrame(rows, columns=_HOP_COLUMNS)
    for col in ("link_year", "link_end_year", "traversed"):
        table[col] = pd.array(table[col].tolist(), dtype="Int64")
    return table


def shortest_path(
    G: nx.MultiDiGraph,
    source: Any,
    target: Any,
    *,
    year: int | None = None,
) -> pd.DataFrame:
    """A shortest path (fewest links) between two cities, links walked both ways.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    source, target : city id or name
        Resolved with :func:`find_city`.
    year : int, optional
        Use only the links in force in ``year`` (formed by ``year``, not ended; undated links
        excluded). None: every link, dated or not.

    Returns
    -------
    pandas.DataFrame
        One row per city on the path, in order: ``step`` (0 = source), ``city``, ``name``,
        ``country``, and for the link that reaches the city (empty on step 0) ``link_year``,
        ``link_end_year``, ``link_kind`` (the earliest-formed usable statement between the two
        cities) and ``traversed`` (always empty here; see :func:`time_respecting_path`).
        When several shortest paths exist, networkx's breadth-first search picks one
        deterministically for a given graph.

    Raises
    ------
    CityLookupError
        A city cannot be resolved.
    NoPathError
        The cities are in different components (of the ``year`` network, if given).

    See Also
    --------
    time_respecting_path : a path whose links follow one another in time.

    References
    ----------
    .. [1] Hagberg, A., Schult, D., Swart, P. (2008). Exploring network structure, dynamics,
       and function using NetworkX. *Proc. SciPy 2008*, 11-15 (breadth-first search).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> shortest_path(G, "A", "D")[["step", "city", "link_year"]].to_dict("list")
    {'step': [0, 1, 2], 'city': ['A', 'C', 'D'], 'link_year': [None, 1959, 1962]}
    >>> shortest_path(G, "A", "D", year=1960)
    Traceback (most recent call last):
    ...
    paradiplo_net.paths.NoPathError: no path between 'A' and 'D' in the links in force in 1960...
    """
    check_graph(G)
    year = check_year("year", year, optional=True)
    s, t = find_city(G, source), find_city(G, target)
    H = G if year is None else snapshot(G, year, keep_isolates=True)
    try:
        nodes = nx.shortest_path(H.to_undirected(as_view=True), s, t)
    except nx.NetworkXNoPath:
        where = "" if year is None else f" in the links in force in {year}"
        raise NoPathError(
            f"no path between {s!r} and {t!r}{where}: they lie in different components. "
            "Fix: choose another year, or check the cities' links.") from None
    links = [_step_link(G, a, b, year) for a, b in itertools.pairwise(nodes)]
    return _hop_table(G, nodes, links, [None] * len(links))


def ego_network(
    G: nx.MultiDiGraph,
    city: Any,
    *,
    year: int | None = None,
    radius: int = 1,
) -> nx.MultiDiGraph:
    """A city's ego network: the cities within ``radius`` links and every link among them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    city : city id or name
        The ego, resolved with :func:`find_city`.
    year : int, optional
        Only links in force in ``year`` (formed by then, not ended; undated links excluded and
        counted in ``H.graph["excluded_undated"]``). None: every link.
    radius : int, default 1
        1 = partners; 2 = partners and partners' partners; links walked both ways.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph (``G`` is not changed): the cities within ``radius`` with their
        attributes plus ``ego_distance`` (links from the ego), and all statements among them
        (in force in ``year`` when given), keys and attributes kept. ``H.graph`` records
        ``ego``, ``radius`` and ``ego_year``.

    Raises
    ------
    CityLookupError
        The ego cannot be resolved.
    ValueError
        ``radius`` < 1 or ``year`` not an int.

    References
    ----------
    .. [1] Wasserman, S., Faust, K. (1994). *Social Network Analysis: Methods and
       Applications*. Cambridge University Press (ego-centred networks).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> sorted(ego_network(G, "City B").nodes())
    ['A', 'B', 'F']
    >>> sorted(ego_network(G, "B", year=2022, radius=2).nodes())  # F-B ended in 2022
    ['A', 'B', 'C']
    """
    check_graph(G)
    year = check_year("year", year, optional=True)
    radius = check_int("radius", radius, minimum=1)
    ego = find_city(G, city)
    H = G if year is None else snapshot(G, year, keep_isolates=True)
    dist = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), ego,
                                                 cutoff=radius)
    E = H.subgraph(dist).copy()
    nx.set_node_attributes(E, dist, "ego_distance")
    E.graph.update(ego=ego, radius=radius, ego_year=year)
    return E


def _contacts(G: nx.MultiDiGraph) -> tuple[dict[Any, list[tuple]], int, int]:
    """Adjacency of dated links, both ways: node -> [(year, end, neighbour, u, v, key)]."""
    adj: dict[Any, list[tuple]] = {n: [] for n in G}
    undated = empty = 0
    for u, v, k, d in G.edges(keys=True, data=True):
        y, e = d.get("year"), d.get("end_year")
        if y is None:
            undated += 1
            continue
        if e is not None and e <= y:
            empty += 1
            continue
        end = math.inf if e is None else e
        adj[u].append((y, end, v, u, v, k))
        adj[v].append((y, end, u, u, v, k))
    return adj, undated, empty


def _depart(t: float, y: int, end: float, traversal: str) -> float | None:
    """Year a link (formed y, ended end) is crossed by someone arriving at t, or None."""
    if traversal == "formation":
        return y if y >= t and y < end else None
    depart = max(t, y)
    return depart if depart < end else None


def _foremost(G: nx.MultiDiGraph, s: Any, start: float,
              traversal: str) -> tuple[dict[Any, tuple[float, int]], dict[Any, tuple], int, int]:
    adj, undated, empty = _contacts(G)
    best: dict[Any, tuple[float, int]] = {s: (start, 0)}
    prev: dict[Any, tuple] = {}
    heap: list[tuple[float, int, int, Any]] = [(start, 0, 0, s)]
    counter = itertools.count(1)
    done: set[Any] = set()
    while heap:
        t, hops, _c, x = heapq.heappop(heap)
        if x in done:
            continue
        done.add(x)
        for y, end, nbr, u, v, k in adj[x]:
            depart = _depart(t, y, end, traversal)
            if depart is None or nbr in done:
                continue
            cand = (depart, hops + 1)
            if nbr not in best or cand < best[nbr]:
                best[nbr] = cand
                prev[nbr] = (x, u, v, k, depart)
                heapq.heappush(heap, (depart, hops + 1, next(counter), nbr))
    return best, prev, undated, empty


def _check_start(start_year: Any) -> float:
    y = check_year("start_year", start_year, optional=True)
    return -math.inf if y is None else float(y)


def earliest_arrival(
    G: nx.MultiDiGraph,
    source: Any,
    *,
    start_year: int | None = None,
    traversal: Traversal = "formation",
) -> pd.DataFrame:
    r"""Earliest arrival year at every city reachable from ``source`` by a time-respecting path.

    Definition. A *time-respecting path* (a *journey*) from ``s`` to ``c`` is a sequence of
    links :math:`e_1, \dots, e_k` joining ``s`` to ``c`` (each walked either way), crossed in
    years :math:`t_1 \le t_2 \le \dots \le t_k` with :math:`t_1 \ge` ``start_year``
    (if given), each link in force in the year it is crossed: :math:`y_i \le t_i` and
    (:math:`t_i < \text{end}_i` or no end year), where :math:`y_i` is the formation year.

    - ``traversal="formation"`` (default): a link is crossed in the year it was formed,
      :math:`t_i = y_i`, so the links' formation years never decrease along the path (the
      time-labelled edges of Kempe, Kleinberg & Kumar [1]_ with labels = formation years).
      Read: "a chain of twinnings each signed no earlier than the previous one".
    - ``traversal="in_force"``: a link can be crossed in any year it is in force (links as
      intervals of activity, Holme & Saramäki's interval contacts [2]_); a city reached in
      1990 can pass on through a link formed in 1950 that still stands.

    The *earliest arrival* (foremost journey) at ``c`` is the smallest :math:`t_k` over all
    journeys; ties are broken by fewer links. Undated links and links with
    ``end_year <= year`` are never usable (counted in the result's ``attrs``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    source : city id or name
    start_year : int, optional
        Earliest year the first link may be crossed. None: no limit.
    traversal : {"formation", "in_force"}, default "formation"

    Returns
    -------
    pandas.DataFrame
        Indexed by city id (``city``), one row per reachable city including the source,
        sorted by arrival: ``arrival_year`` (Int64; ``start_year`` or <NA> for the source),
        ``hops`` (links on the foremost journey found) and ``previous`` (the city before it).
        ``attrs`` records ``source``, ``start_year``, ``traversal``, ``excluded_undated`` and
        ``excluded_empty``.

    Raises
    ------
    CityLookupError
        ``source`` cannot be resolved.
    ValueError
        Unknown ``traversal`` or a non-int ``start_year``.

    Notes
    -----
    A label-setting (Dijkstra-like) search on arrival years, exact because the arrival year
    through a link never decreases with the departure year (the FIFO property [3]_);
    :math:`O(E \log E)`.

    References
    ----------
    .. [1] Kempe, D., Kleinberg, J., Kumar, A. (2000). Connectivity and inference problems
       for temporal networks. *Proc. 32nd ACM STOC*, 504-513.
    .. [2] Holme, P., Saramäki, J. (2012). Temporal networks. *Physics Reports* 519(3),
       97-125.
    .. [3] Wu, H., Cheng, J., Huang, S., Ke, Y., Lu, Y., Xu, Y. (2014). Path problems in
       temporal graphs. *Proc. VLDB Endowment* 7(9), 721-732.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> ea = earliest_arrival(G, "A")  # A-B 1944, A-C 1959, C-D 1962: D reached in 1962
    >>> ea["arrival_year"].to_dict()
    {'A': None, 'B': 1944, 'C': 1959, 'D': 1962, 'F': 1990}
    >>> int(earliest_arrival(G, "A", traversal="in_force").loc["J", "arrival_year"])  # F-G 1955
    1990
    """
    check_graph(G)
    check_option("traversal", traversal, TRAVERSALS)
    start = _check_start(start_year)
    s = find_city(G, source)
    best, prev, undated, empty = _foremost(G, s, start, traversal)
    order = sorted(best, key=lambda n: (best[n], str(n)))
    table = pd.DataFrame(
        {
            "arrival_year": pd.array(
                [None if math.isinf(best[n][0]) else int(best[n][0]) for n in order],
                dtype="Int64"),
            "hops": [best[n][1] for n in order],
            "previous": [prev[n][0] if n in prev else None for n in order],
        },
        index=pd.Index(order, name="city"),
    )
    table.attrs.update(source=s, start_year=start_year, traversal=traversal,
                       excluded_undated=undated, excluded_empty=empty)
    return table


def time_respecting_path(
    G: nx.MultiDiGraph,
    source: Any,
    target: Any,
    *,
    start_year: int | None = None,
    traversal: Traversal = "formation",
) -> pd.DataFrame:
    """A foremost time-respecting path from ``source`` to ``target``.

    The journey arriving earliest (fewest links among equally early ones); see
    :func:`earliest_arrival` for the precise definition of a time-respecting path and of the
    two ``traversal`` rules. Links are walked both ways.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    source, target : city id or name
    start_year : int, optional
    traversal : {"formation", "in_force"}, default "formation"

    Returns
    -------
    pandas.DataFrame
        Columns as in :func:`shortest_path`; ``link_year`` / ``link_end_year`` /
        ``link_kind`` describe the statement crossed and ``traversed`` the year it is crossed
        (non-decreasing along the path).

    Raises
    ------
    CityLookupError
        A city cannot be resolved.
    NoPathError
        ``target`` cannot be reached in time order (it may still be reachable ignoring
        time: see :func:`shortest_path`).

    References
    ----------
    .. [1] Kempe, D., Kleinberg, J., Kumar, A. (2000). Connectivity and inference problems
       for temporal networks. *Proc. 32nd ACM STOC*, 504-513.
    .. [2] Holme, P., Saramäki, J. (2012). Temporal networks. *Physics Reports* 519(3),
       97-125.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> p = time_respecting_path(G, "City A", "City F")
    >>> p[["city", "traversed"]].to_dict("list")
    {'city': ['A', 'B', 'F'], 'traversed': [None, 1944, 1990]}
    >>> time_respecting_path(G, "A", "G")  # B-F (1990) then F-G (1955): not in time order
    Traceback (most recent call last):
    ...
    paradiplo_net.paths.NoPathError: no time-respecting path from 'A' to 'G' ...
    """
    check_graph(G)
    check_option("traversal", traversal, TRAVERSALS)
    start = _check_start(start_year)
    s, t = find_city(G, source), find_city(G, target)
    best, prev, _undated, _empty = _foremost(G, s, start, traversal)
    if t not in best:
        raise NoPathError(
            f"no time-respecting path from {s!r} to {t!r} (traversal={traversal!r}, "
            f"start_year={start_year}); {len(best) - 1} cities are reachable in time order. "
            "Fix: try traversal='in_force', or shortest_path() to ignore time.")
    nodes, links, crossed = [t], [], []
    while nodes[-1] != s:
        x, u, v, k, depart = prev[nodes[-1]]
        links.append(G[u][v][k])
        crossed.append(int(depart))
        nodes.append(x)
    return _hop_table(G, nodes[::-1], links[::-1], crossed[::-1])
