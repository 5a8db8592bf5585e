"""Countries as units: the country-to-country network and the country matrix.

A country is the ISO 3166-1 alpha-2 code in a city's ``country`` attribute. Statements whose
two ends lie in one country are *domestic*; statements with an end of unknown country are
left out of every country result and counted. Rankings of countries on this network are in
:func:`paradiplo_net.centrality.country_rank`; community detection on it is
``pn.communities.detect(G, level="country")``.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> C = pn.countries.country_graph(G)
>>> C.number_of_nodes(), C.number_of_edges()
(9, 9)
>>> pn.countries.country_matrix(G, top=2)
         JP  GB
country
JP        1   0
GB        0   0
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Literal

import networkx as nx
import pandas as pd

from ._checks import check_graph, check_int, check_option
from .model._transform import _memo

__all__ = ["country_graph", "country_matrix"]

log = logging.getLogger(__name__)


def country_graph(
    G: nx.MultiDiGraph,
    *,
    domestic: Literal["drop", "keep"] = "drop",
) -> nx.Graph:
    """The country-to-country network, weighted by statements.

    Every country of a city with known country is a node (isolated when it has only
    domestic links); an edge joins two countries whose cities share at least one statement.
    Statements with an end of unknown country are left out and counted.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    domestic : {"drop", "keep"}, default "drop"
        Domestic statements (both ends in one country): dropped (counted per country in the
        node attribute ``domestic_links``) or kept as self-loops.

    Returns
    -------
    networkx.Graph
        Nodes: ISO codes with attributes ``cities``, ``links`` (statements touching the
        country, domestic ones counted once) and ``domestic_links``. Edges: ``weight``
        (statements) and ``pairs`` (distinct city pairs). ``H.graph`` records ``dataset``,
        ``domestic``, ``domestic_links`` and ``links_country_unknown``.

    Raises
    ------
    ValueError
        Unknown ``domestic``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> C = country_graph(pn.datasets.load("toy"))
    >>> C.number_of_nodes(), C.number_of_edges(), C["KR"]["ID"]["weight"], C["KR"]["ID"]["pairs"]
    (9, 9, 2, 1)
    >>> C.nodes["JP"]["domestic_links"], C.graph["domestic_links"], C.has_edge("JP", "JP")
    (1, 1, False)
    """
    check_option("domestic", domestic, ("drop", "keep"))
    check_graph(G)
    # kept while G is frozen (the main job): a copy, so that callers may change theirs
    return _memo(G, ("country_graph", domestic), lambda: _country_graph(G, domestic)).copy()


def _country_graph(G: nx.MultiDiGraph, domestic: str) -> nx.Graph:
    country = dict(G.nodes(data="country"))
    cities = Counter(c for c in country.values() if c)
    links: Counter[str] = Counter()
    domestic_links: Counter[str] = Counter()
    # country pair -> statements; the pairs in the order first met (the edges' order in H)
    weight: dict[tuple[str, str], int] = {}
    pairs: dict[tuple[str, str], set] = defaultdict(set)
    unknown = dom = 0
    for u, v in G.edges():
        cu, cv = country.get(u), country.get(v)
        if not cu or not cv:
            unknown += 1
            continue
        links[cu] += 1
        if cu == cv:
            dom += 1
            domestic_links[cu] += 1
            if domestic == "drop":
                continue
        else:
            links[cv] += 1
        key = (cu, cv) if cu <= cv else (cv, cu)
        weight[key] = weight.get(key, 0) + 1
        pairs[key].add(frozenset((u, v)))
    H = nx.Graph()
    for c in sorted(cities):
        H.add_node(c, cities=cities[c], links=links[c], domestic_links=domestic_links[c])
    for (a, b), w in weight.items():
        H.add_edge(a, b, weight=w, pairs=len(pairs[a, b]))
    H.graph.update(dataset=G.graph.get("dataset"), domestic=domestic, domestic_links=dom,
                   links_country_unknown=unknown)
    if unknown:
        log.info("country_graph: %d statements with an end of unknown country left out", unknown)
    return H


def country_matrix(G: nx.MultiDiGraph, *, top: int = 25) -> pd.DataFrame:
    """Statements between the ``top`` countries with most links, as a square table.

    Built on :func:`country_graph` with domestic links kept: cell ``(a, b)`` = statements
    between cities of ``a`` and ``b`` (symmetric; a reciprocal pair counts 2, as two
    statements), the diagonal = domestic statements. Countries are ranked by ``links``
    (statements touching the country, domestic ones once), ties by code.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    top : int, default 25
        Countries kept (fewer when ``G`` has fewer countries).

    Returns
    -------
    pandas.DataFrame
        ``int64`` counts, index named ``country`` and columns in the same order. ``attrs``:
        ``top``, ``countries`` (countries in the whole network) and
        ``links_country_unknown`` (statements left out).

    Raises
    ------
    GraphContractError
        If ``G`` is not a networkx.MultiDiGraph.
    ValueError
        ``top`` is not a positive int.

    See Also
    --------
    country_graph, paradiplo_net.centrality.country_rank

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> m = country_matrix(pn.datasets.load("toy"), top=3)  # JP: 4 links; GB, ID, RU: 3 each
    >>> m
             JP  GB  ID
    country
    JP        1   0   1
    GB        0   0   0
    ID        1   0   0
    """
    check_graph(G)
    top = check_int("top", top)
    C = country_graph(G, domestic="keep")
    order = sorted(C.nodes, key=lambda c: (-C.nodes[c].get("links", 0), c))[:top]
    m = pd.DataFrame(0, index=pd.Index(order, name="country"), columns=order, dtype="int64")
    for a in order:
        for b in order:
            if C.has_edge(a, b):
                m.loc[a, b] = int(C[a][b]["weight"])
    m.columns.name = None
    m.attrs.update(
        top=top,
        countries=C.number_of_nodes(),
        links_country_unknown=C.graph.get("links_country_unknown", 0),
    )
    return m
