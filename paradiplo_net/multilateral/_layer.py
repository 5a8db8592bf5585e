"""The bipartite city-network layer and its city-city co-membership projection."""

from __future__ import annotations

import logging
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import check_graph, check_year, is_missing
from ..errors import GraphContractError, format_problems
from ._tables import memberships, networks

logger = logging.getLogger(__name__)

#: Prefix of the network nodes of :func:`layer` (``"net:C40"``).
NETWORK_PREFIX = "net:"


def _gid(value: Any) -> int | None:
    """A GeoNames id as int from an attribute (int, float, str) or None."""
    if is_missing(value):
        return None
    try:
        return int(float(str(value).strip()))
    except ValueError:
        return None


def _node_indexes(G: nx.MultiDiGraph) -> tuple[dict[int, list[Any]], dict[tuple, list[Any]]]:
    """GeoNames id -> nodes, and (folded name, country) -> nodes, for G's nodes."""
    by_gid: dict[int, list[Any]] = defaultdict(list)
    by_name: dict[tuple, list[Any]] = defaultdict(list)
    for n, d in G.nodes(data=True):
        gid = _gid(d.get("geonames"))
        if gid is None and isinstance(n, str) and n.startswith("gn:"):
            gid = _gid(n[3:])
        if gid is not None:
            by_gid[gid].append(n)
        name, cc = d.get("name"), d.get("country")
        if not is_missing(name) and not is_missing(cc):
            by_name[(str(name).strip().casefold(), str(cc).strip().upper())].append(n)
    return by_gid, by_name


def _match_rows(table: pd.DataFrame, G: nx.MultiDiGraph) -> pd.DataFrame:
    """For each membership row: the node of G it is, how it was matched, or why not."""
    by_gid, by_name = _node_indexes(G)
    gids: list[int | None] = [None] * len(table)
    if by_gid and len(table):  # resolve offline only when G has GeoNames ids to match
        from ..geo import resolve

        r = resolve(table["city"], table["country"])
        gids = [None if s != "resolved" or pd.isna(g) else int(g)
                for g, s in zip(r["geonames"], r["status"], strict=True)]
    nodes: list[Any] = []
    how: list[str | None] = []
    reasons: list[str | None] = []
    for gid, city, cc in zip(gids, table["city"], table["country"], strict=True):
        by_id = by_gid.get(gid, []) if gid is not None else []
        named = by_name.get((city.casefold(), cc), [])
        found, method = (by_id, "geonames") if len(by_id) == 1 else (named, "name")
        nodes.append(found[0] if len(found) == 1 else None)
        how.append(method if len(found) == 1 else None)
        if len(found) == 1:
            reasons.append(None)
        elif len(by_id) > 1 or len(named) > 1:
            reasons.append(f"ambiguous: {max(len(by_id), len(named))} nodes of G match")
        else:
            reasons.append("not in G" + ("" if gid is None else f" (GeoNames {gid})"))
    out = table.copy()
    out["geonames"] = pd.array(gids, dtype="Int64")
    out["node"], out["match"], out["reason"] = nodes, how, reasons
    return out


def layer(G: nx.MultiDiGraph, members: Any = None) -> nx.Graph:
    """The bipartite layer of multilateral city networks over the twinning graph's cities.

    Network nodes are ``"net:<network>"`` (``bipartite=1``, ``kind="network"``, ``name``;
    with the bundled table also ``full_name``, ``founded`` and ``scope`` from the bundled
    ``networks.csv`` where it lists the network); city nodes
    are the nodes of ``G`` (same ids and attributes, ``bipartite=0``). A membership row is
    matched to a node of ``G``

    1. by GeoNames id: the row's (city, country) is resolved offline with
       :func:`paradiplo_net.geo.resolve` and matched to a node whose ``geonames`` attribute
       or ``gn:<id>`` id is that place (done only when ``G`` has such nodes);
    2. else by (name, country), the name compared case-insensitively with the node's
       ``name`` attribute.

    A row matching no node, or several, is not an edge: it is listed with its reason in
    ``B.graph["unmatched"]`` (never dropped silently); ``B.graph["matches"]`` holds every
    row with its ``node`` and ``match`` (``"geonames"``, ``"name"`` or None).

    Edges carry ``network``, ``join_year``, ``end_year``, ``role``, ``ref`` and ``periods``,
    the list of ``(join_year, end_year)`` periods: a city that left and rejoined a network
    (two rows) has one edge with two periods; ``join_year`` is then the first join and
    ``end_year`` the last end (None if a period is open), ``role`` and ``ref`` the first
    row's.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The twinning graph (contract graph).
    members : path, file-like or pandas.DataFrame, optional
        A membership table, read and checked by :func:`memberships`; None uses the bundled
        table.

    Returns
    -------
    networkx.Graph
        The bipartite layer; ``B.graph`` holds ``dataset`` (of ``G``), ``matches``,
        ``unmatched`` and ``n_rows``.

    Raises
    ------
    GraphContractError
        ``G`` is not a MultiDiGraph, or has nodes named like network nodes (``net:...``).
    SchemaError
        An invalid membership table (see :func:`memberships`).

    See Also
    --------
    co_membership : the city-city projection of the layer.

    References
    ----------
    Borgatti, S. P., & Everett, M. G. (1997). Network analysis of 2-mode data. *Social
    Networks*, 19(3), 243-269.

    Examples
    --------
    >>> import io, paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> csv = '''network,city,country,join_year,end_year,role,ref,note
    ... Net X,City A,GB,1990,,member,https://example.org/x,fictional
    ... Net X,city c,DE,1995,,member,https://example.org/x,fictional
    ... Net X,City Z,DE,1995,,member,https://example.org/x,fictional: not in the toy graph
    ... '''
    >>> B = layer(G, io.StringIO(csv))
    >>> sorted(B.edges("net:Net X"))
    [('net:Net X', 'A'), ('net:Net X', 'C')]
    >>> B.graph["unmatched"][["city", "reason"]]
           city    reason
    row
    4    City Z  not in G
    """
    check_graph(G)
    clash = [n for n in G if isinstance(n, str) and n.startswith(NETWORK_PREFIX)]
    if clash:
        raise GraphContractError(format_problems(
            "graph", [f"node {n!r} is named like a network node" for n in clash],
            fix=f"rename nodes starting with {NETWORK_PREFIX!r}"))
    matches = _match_rows(memberships(members), G)
    info = _network_info() if members is None else {}
    B = nx.Graph(dataset=G.graph.get("dataset"), n_rows=len(matches))
    for row, rec in zip(matches.index, matches.to_dict("records"), strict=True):
        if rec["node"] is None:
            continue
        net, node = f"{NETWORK_PREFIX}{rec['network']}", rec["node"]
        if net not in B:
            B.add_node(net, bipartite=1, kind="network", name=rec["network"],
                       **info.get(rec["network"], {}))
        if node not in B:
            B.add_node(node, **{**G.nodes[node], "bipartite": 0})
        join = None if pd.isna(rec["join_year"]) else int(rec["join_year"])
        end = None if pd.isna(rec["end_year"]) else int(rec["end_year"])
        if B.has_edge(net, node):
            _add_period(B.edges[net, node], join, end, int(row))
            continue
        B.add_edge(net, node, network=rec["network"], join_year=join, end_year=end,
                   role=rec["role"], ref=rec["ref"], periods=[(join, end)], rows=[int(row)])
    unmatched = matches[matches["node"].isna()].drop(columns=["node", "match"])
    B.graph.update(matches=matches, unmatched=unmatched)
    if len(unmatched):
        logger.info("%d of %d membership rows match no node of G (B.graph['unmatched'])",
                    len(unmatched), len(matches))
    return B


def _network_info() -> dict[str, dict[str, Any]]:
    """Full name, year founded and scope of each bundled network (``networks.csv``)."""
    table = networks()
    return {
        rec["network"]: {"full_name": rec["full_name"], "scope": rec["scope"],
                         "founded": None if pd.isna(rec["founded"]) else int(rec["founded"])}
        for rec in table.to_dict("records")
    }


def _add_period(e: dict[str, Any], join: int | None, end: int | None, row: int) -> None:
    e["periods"] = [*e["periods"], (join, end)]
    e["rows"] = [*e["rows"], row]
    joins = [j for j, _ in e["periods"]]
    e["join_year"] = None if None in joins else min(j for j in joins if j is not None)
    ends = [x for _, x in e["periods"]]
    e["end_year"] = None if None in ends else max(x for x in ends if x is not None)


def _in_force(periods: list[tuple[int | None, int | None]], year: int | None) -> bool:
    """A membership counts at ``year`` if a dated period has join <= year < end."""
    if year is None:
        return True
    return any(j is not None and j <= year and (x is None or x > year) for j, x in periods)


def _start(p: tuple[int | None, int | None], q: tuple[int | None, int | None]) -> int | None:
    """First year two membership periods overlap; None if either is undated or they never do."""
    if p[0] is None or q[0] is None:
        return None
    start = max(p[0], q[0])
    ends = [x for x in (p[1], q[1]) if x is not None]
    return start if not ends or start < min(ends) else None


def _pair_since(a: list, b: list) -> tuple[int | None, bool]:
    """(first year two cities were both members, whether any period pair overlapped dated)."""
    starts = [s for p in a for q in b if (s := _start(p, q)) is not None]
    return (min(starts) if starts else None), bool(starts)


def _check_layer(B: Any) -> None:
    if not isinstance(B, nx.Graph) or B.is_directed() or B.is_multigraph():
        raise GraphContractError(
            f"expected the bipartite layer from multilateral.layer (a networkx.Graph), "
            f"got {type(B).__name__}")
    bad = [n for n, d in B.nodes(data=True) if d.get("bipartite") not in (0, 1)]
    if bad:
        raise GraphContractError(format_problems(
            "layer", [f"node {n!r} has no bipartite attribute 0 or 1" for n in bad],
            fix="build the layer with paradiplo_net.multilateral.layer(G)"))


def network_members(B: nx.Graph, year: int | None = None) -> dict[str, dict[Any, list]]:
    """Network -> {city: periods} of a layer, at ``year`` only memberships in force.

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_node("net:X", bipartite=1); B.add_node("A", bipartite=0)
    >>> B.add_edge("net:X", "A", periods=[(1990, None)])
    >>> network_members(B), network_members(B, 1980)
    ({'net:X': {'A': [(1990, None)]}}, {'net:X': {}})
    """
    _check_layer(B)
    out: dict[str, dict[Any, list]] = {}
    for net, d in B.nodes(data=True):
        if d.get("bipartite") != 1:
            continue
        out[net] = {}
        for city in B[net]:
            periods = B.edges[net, city].get("periods") or [
                (B.edges[net, city].get("join_year"), B.edges[net, city].get("end_year"))]
            if _in_force(periods, year):
                out[net][city] = periods
    return out


def co_membership(B: nx.Graph, year: int | None = None) -> nx.Graph:
    """The weighted city-city projection of the layer: cities that share networks.

    Two cities are linked when they are members of at least one common network;
    ``weight`` is the number of shared networks, ``networks`` their sorted names and
    ``since`` the first year both were members of a shared network at the same time
    (None if that year is unknown, i.e. every shared membership has an undated side).

    With ``year``, only memberships in force at ``year`` count: a membership is in force
    when ``join_year <= year`` and (``end_year`` is None or ``end_year > year``), as in
    :func:`paradiplo_net.temporal.snapshot`; undated memberships are then left out (and a
    pair whose shared memberships were all in force may still have ``since`` earlier than
    ``year``).

    Parameters
    ----------
    B : networkx.Graph
        The layer from :func:`layer`.
    year : int, optional

    Returns
    -------
    networkx.Graph
        City nodes (with their attributes) of every member, including members sharing no
        network with another; ``G.graph["year"]`` records ``year``.

    References
    ----------
    Newman, M. E. J. (2001). Scientific collaboration networks. II. Shortest paths, weighted
    networks, and centrality. *Physical Review E*, 64(1), 016132 (weighted one-mode
    projections of two-mode networks).

    Examples
    --------
    >>> B = nx.Graph()
    >>> B.add_nodes_from(["net:X", "net:Y"], bipartite=1)
    >>> B.add_nodes_from("ABC", bipartite=0)
    >>> B.add_edge("net:X", "A", periods=[(1990, None)])
    >>> B.add_edge("net:X", "B", periods=[(2000, None)])
    >>> B.add_edge("net:Y", "A", periods=[(None, None)])
    >>> B.add_edge("net:Y", "B", periods=[(1995, None)])
    >>> P = co_membership(B)
    >>> P.edges["A", "B"]["weight"], P.edges["A", "B"]["since"], sorted(P.nodes)
    (2, 2000, ['A', 'B'])
    >>> co_membership(B, year=1999).number_of_edges()
    0
    """
    year = check_year("year", year, optional=True)
    nets = network_members(B, year)
    P = nx.Graph(year=year, dataset=B.graph.get("dataset"))
    for members in nets.values():
        P.add_nodes_from((c, B.nodes[c]) for c in members)
    for net, members in nets.items():
        name = B.nodes[net].get("name", net[len(NETWORK_PREFIX):])
        for u, v in combinations(sorted(members, key=str), 2):
            since, _ = _pair_since(members[u], members[v])
            if P.has_edge(u, v):
                e = P.edges[u, v]
                e["weight"] += 1
                e["networks"] = sorted([*e["networks"], name])
                if since is not None and (e["since"] is None or since < e["since"]):
                    e["since"] = since
            else:
                P.add_edge(u, v, weight=1, networks=[name], since=since)
    return P
