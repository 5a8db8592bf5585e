"""Graph -> tables (links/cities_from_graph) and graph -> graph (collapse_*, country_subgraph)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

import networkx as nx
import pandas as pd

from .._checks import check_graph, check_option
from ..errors import GraphContractError
from ._contract import CITY_COLUMNS, LINK_COLUMNS

_T = TypeVar("_T")

#: Graphs promised unchanged (:func:`frozen`): id -> [the graph, its version mark, values].
_FROZEN: dict[int, list[Any]] = {}
_MARK = "paradiplo_net.frozen"


@contextmanager
def frozen(*graphs: nx.Graph) -> Iterator[None]:
    """Promise that ``graphs`` do not change inside the block: derived tables computed once.

    :func:`pair_table`, :func:`link_count` and :func:`paradiplo_net.countries.country_graph`
    keep their result for a frozen graph and return it (a copy of a table or graph) on the
    next call, instead of walking every link again: the main job draws ten figures from one
    graph, several of them from the same tables (the country graph was built three times per
    run, the city pairs of the world map twice). Outside the block nothing is kept. A change
    made inside it through networkx's methods (which empty ``G.__networkx_cache__``) is
    noticed and what was kept is dropped; attributes edited in place are not noticed, so do
    that outside the block. Blocks nest.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> with frozen(G):
    ...     a = pair_table(G)
    ...     b = pair_table(G)  # the same rows, not computed again
    ...     _ = G.add_edge("A", "B", year=2000)
    ...     c = pair_table(G)  # G changed: computed again
    >>> a.equals(b) and a is not b, int(c["links"].sum()) - int(a["links"].sum())
    (True, 1)
    """
    added = [id(G) for G in graphs if id(G) not in _FROZEN]
    for G in graphs:
        _FROZEN.setdefault(id(G), [G, None, {}])
    try:
        yield
    finally:
        for key in added:
            _FROZEN.pop(key, None)


def _memo(G: nx.Graph, key: Any, compute: Callable[[], _T]) -> _T:
    """``compute()``, kept for ``G`` while it is :func:`frozen` (else computed each time)."""
    entry = _FROZEN.get(id(G))
    cache = getattr(G, "__networkx_cache__", None)
    if entry is None or entry[0] is not G or cache is None:
        return compute()
    if entry[1] is None or cache.get(_MARK) is not entry[1]:  # first use, or G changed
        entry[1] = cache[_MARK] = object()
        entry[2].clear()
    store: dict[Any, Any] = entry[2]
    if key not in store:
        store[key] = compute()
    return store[key]


def link_count(G: nx.Graph) -> int:
    """Number of links of ``G``, as ``G.number_of_edges()`` but without walking the degrees.

    networkx counts the links of a multigraph as half the sum of all degrees (in and out),
    a Python walk over every link: about 90 ms at 25,000 links, paid by every footer and
    report line that states the size. Here the out-adjacency's key dicts are measured
    instead (about 30 times faster on a directed multigraph).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> link_count(G) == G.number_of_edges()
    True
    >>> link_count([("a", "b")])
    Traceback (most recent call last):
    ...
    paradiplo_net.errors.GraphContractError: link_count: expected a networkx graph, got list
    """
    if not isinstance(G, nx.Graph):
        raise GraphContractError(
            f"link_count: expected a networkx graph, got {type(G).__name__}")
    if not G.is_directed():
        return int(G.number_of_edges())
    adj = G._adj
    if G.is_multigraph():  # the inner sum runs in C (map, len)
        return _memo(G, "link_count",
                     lambda: sum(sum(map(len, nbrs.values())) for nbrs in adj.values()))
    return sum(map(len, adj.values()))


def links_from_graph(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Return the links table: one row per edge, columns :data:`LINK_COLUMNS` first.

    ``year`` and ``end_year`` are nullable integers (``Int64``); extra edge attributes follow
    the standard columns.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> links = pn.model.links_from_graph(pn.datasets.load("toy"))
    >>> len(links), int(links["year"].isna().sum())
    (12, 1)
    """
    rows = [
        {"source": u, "target": v, "key": k, **d} for u, v, k, d in G.edges(keys=True, data=True)
    ]
    frame = pd.DataFrame(rows)
    for col in LINK_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.Series([None] * len(frame), dtype="object")
    extra = [c for c in frame.columns if c not in LINK_COLUMNS]
    frame = frame[[*LINK_COLUMNS, *extra]]
    for col in ("year", "end_year"):
        values = frame[col].tolist() if len(frame) else []
        frame[col] = pd.array(values, dtype="Int64")
    return frame


def cities_from_graph(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Return the cities table indexed by city id (index name ``city``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> cities = pn.model.cities_from_graph(pn.datasets.load("toy"))
    >>> cities.loc["A", ["name", "country"]].tolist()
    ['City A', 'GB']
    """
    frame = pd.DataFrame.from_dict(dict(G.nodes(data=True)), orient="index")
    for col in CITY_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.Series([None] * len(frame), index=frame.index, dtype="object")
    extra = [c for c in frame.columns if c not in CITY_COLUMNS]
    frame = frame[[*CITY_COLUMNS, *extra]]
    frame.index.name = "city"
    return frame


def _collapse_into(H: nx.Graph, G: nx.MultiDiGraph) -> None:
    """Aggregate ``G``'s edges into the simple graph ``H`` (``weight``, ``first_year``)."""
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    for u, v, d in G.edges(data=True):
        y = d.get("year")
        if H.has_edge(u, v):
            e = H[u][v]
            e["weight"] += 1
            if y is not None and (e["first_year"] is None or y < e["first_year"]):
                e["first_year"] = y
        else:
            H.add_edge(u, v, weight=1, first_year=y)


def collapse_undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """Collapse parallel and reciprocal edges into one undirected edge per pair.

    The explicit, named step from the contract's multigraph to a simple undirected graph.
    ``weight`` is the number of statements aggregated into each edge (A->B and B->A are one
    edge of weight 2); ``first_year`` the earliest known year among them (None if none is
    known). Node attributes and ``G.graph`` are kept.

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Returns
    -------
    networkx.Graph

    See Also
    --------
    collapse_directed : one edge per ordered pair.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> U = collapse_undirected(pn.datasets.load("toy"))
    >>> U.number_of_edges(), U["A"]["B"]["weight"], U["H"]["I"]["weight"]
    (10, 2, 2)
    """
    H = nx.Graph()
    _collapse_into(H, G)
    return H


def collapse_directed(G: nx.MultiDiGraph) -> nx.DiGraph:
    """Collapse parallel edges into one directed edge per ordered pair.

    ``weight`` is the number of statements aggregated into each edge; ``first_year`` the
    earliest known year among them (None if none is known). Node attributes are kept.

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Returns
    -------
    networkx.DiGraph

    See Also
    --------
    collapse_undirected : one edge per unordered pair.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> D = collapse_directed(pn.datasets.load("toy"))
    >>> D.number_of_edges(), D["H"]["I"]["first_year"]
    (11, 1994)
    """
    H = nx.DiGraph()
    _collapse_into(H, G)
    return H


def collapse(
    G: nx.MultiDiGraph,
    *,
    to: Literal["undirected", "directed"] = "undirected",
) -> nx.Graph | nx.DiGraph:
    """Collapse parallel (and, for ``to="undirected"``, reciprocal) edges into ``weight``.

    .. deprecated:: 0.2
        Its return type depends on ``to``; use :func:`collapse_undirected` or
        :func:`collapse_directed`, which each return one type. This alias dispatches to them
        and will be removed after one release.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    to : {"undirected", "directed"}
        ``"undirected"``: :func:`collapse_undirected`; ``"directed"``: :func:`collapse_directed`.

    Returns
    -------
    networkx.Graph or networkx.DiGraph

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore", DeprecationWarning)
    ...     U = collapse(G)
    ...     D = collapse(G, to="directed")
    >>> U.number_of_edges(), U["A"]["B"]["weight"], U["H"]["I"]["weight"]
    (10, 2, 2)
    >>> D.number_of_edges(), D["H"]["I"]["first_year"]
    (11, 1994)
    """
    check_option("to", to, ("undirected", "directed"))
    warnings.warn(
        "paradiplo_net.model.collapse is deprecated and will be removed in 0.3: its return type "
        "depends on `to`; use model.collapse_undirected(G) or model.collapse_directed(G)",
        DeprecationWarning,
        stacklevel=2,
    )
    return collapse_undirected(G) if to == "undirected" else collapse_directed(G)


def country_subgraph(
    G: nx.MultiDiGraph,
    countries: str | Iterable[str],
    *,
    mode: Literal["any", "both"] = "any",
) -> nx.MultiDiGraph:
    """The links touching some countries, as a new graph (``G`` is not changed).

    Parameters
    ----------
    G : networkx.MultiDiGraph
    countries : str or iterable of str
        ISO alpha-2 codes, e.g. ``"ID"`` or ``["FR", "DE"]``.
    mode : {"any", "both"}
        ``"any"``: links with at least one end in ``countries`` (a country's foreign and
        domestic links); ``"both"``: links with both ends in ``countries``.

    Returns
    -------
    networkx.MultiDiGraph
        A copy holding those links (all their statements and attributes) and their cities;
        ``G.graph`` is copied and records ``countries`` and ``mode``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> H = country_subgraph(pn.datasets.load("toy"), "JP")
    >>> sorted(H.edges())
    [('E', 'G'), ('F', 'G'), ('G', 'J'), ('H', 'J')]
    >>> country_subgraph(pn.datasets.load("toy"), ["JP"], mode="both").number_of_edges()
    1
    """
    check_graph(G)
    check_option("mode", mode, ("any", "both"))
    wanted = {countries} if isinstance(countries, str) else set(countries)
    inside = {n for n, c in G.nodes(data="country") if c in wanted}
    keep = [
        (u, v, k)
        for u, v, k in G.edges(keys=True)
        if (u in inside or v in inside)
        if mode == "any" or (u in inside and v in inside)
    ]
    H = G.edge_subgraph(keep).copy()
    H.graph.update(G.graph, countries=sorted(wanted), mode=mode)
    return H


def pair_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per unordered city pair: its earliest dated link's year and phase, its links.

    The table behind every map of arcs: a reciprocal pair or a renewed agreement is one row.
    ``year`` is the earliest dated link of the pair (``<NA>`` when none is dated); ``phase`` that
    link's phase (``"none"`` when not recorded; a phase recorded on another link of the same
    year fills a missing one); ``links`` the number of edges of the pair.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = pair_table(pn.datasets.load("toy"))
    >>> t.loc[(t["source"] == "H") & (t["target"] == "I"), ["year", "phase", "links"]]
       year       phase  links
    8  1994  commercial      2
    >>> len(t), int(t["links"].sum())
    (10, 12)
    """
    check_graph(G)
    # kept while G is frozen (the main job): a copy, so that callers may change theirs
    return _memo(G, "pair_table", lambda: _pair_table(G)).copy()


def _pair_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    rows: dict[tuple[Any, Any], list[Any]] = {}
    for u, v, d in G.edges(data=True):
        key = (u, v) if str(u) <= str(v) else (v, u)
        y = d.get("year")
        ph = d.get("phase") or "none"
        cur = rows.get(key)
        if cur is None:
            rows[key] = [y, ph, 1]
            continue
        cur[2] += 1
        if y is not None and (cur[0] is None or y < cur[0]):
            cur[0], cur[1] = y, ph
        elif cur[1] == "none" and ph != "none" and (y is None or y == cur[0]):
            cur[1] = ph
    frame = pd.DataFrame(
        [(a, b, *r) for (a, b), r in rows.items()],
        columns=["source", "target", "year", "phase", "links"],
    )
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return frame
