"""The graph contract: every module of paradiplo_net relies on it.

A twinning network is a plain :class:`networkx.MultiDiGraph`.

Nodes
    A node is a city, town, county, province, prefecture or state, identified by a stable
    string id: a Wikidata Q-id where known (``"Q3955"``), else ``"gn:<GeoNames id>"``, else a
    slug ``"<name>|<CC>"`` (see :func:`make_city_id`). Node attributes:

    ``name`` (str), ``country`` (ISO 3166-1 alpha-2 or None when unknown), ``lat`` and ``lon``
    (float degrees or None), ``level`` (one of :data:`LEVELS`); optional ``wikidata``,
    ``geonames``, ``population``, ``name_local``.

Edges
    An edge ``(u, v, key)`` is one recorded twinning statement or agreement: ``u`` is the side
    whose record lists ``v`` (the claimant). Attributes:

    ``year`` (int or None: the year the link was formed), ``end_year`` (int or None: the year
    it was ended or suspended), ``phase`` (a :class:`Phase` value or None), ``phase_source``
    (``"recorded"``, ``"inferred:<rule>"`` or None when there is no phase), ``kind`` (one of
    :data:`KINDS`), ``dataset`` (str); optional ``sectors`` (``;``-separated), ``note``, ``ref``.

    A reciprocal pair (both sides record the link) is two edges ``u -> v`` and ``v -> u``.
    Two agreements between the same pair (say a 1957 twinning and a 2004 renewal) are
    parallel edges. Collapsing to a simple graph is the explicit step :func:`collapse_undirected`
    or :func:`collapse_directed`, which aggregates parallel edges into a ``weight``; nothing is
    discarded.

Graph
    ``G.graph`` holds ``dataset``, ``retrieved`` (ISO date or None), ``created_with``,
    ``directed`` (False when the source lists undirected pairs, e.g. KONECT, so edge
    direction carries no meaning) and ``rejected`` (how many input rows the loader rejected).

Time windows everywhere are inclusive: a link formed in ``year`` and ended in ``end_year``
is active in every year ``t`` with ``year <= t < end_year`` (it counts as ended in its end
year). See :mod:`paradiplo_net.temporal`.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> pn.model.validate_graph(G)
>>> links = pn.model.links_from_graph(G)
>>> list(links.columns[:6])
['source', 'target', 'key', 'year', 'end_year', 'phase']
>>> H = pn.model.graph_from_tables(links, pn.model.cities_from_graph(G), dataset="toy")
>>> H.number_of_edges() == G.number_of_edges()
True
"""

from __future__ import annotations

from .._checks import check_graph, check_option, check_year, is_missing
from ._contract import (
    CITY_COLUMNS,
    KINDS,
    LEVELS,
    LINK_COLUMNS,
    MIN_YEAR,
    PHASES,
    LoadReport,
    Phase,
    make_city_id,
    validate_graph,
)
from ._tables import (
    DEFAULT_LEVEL,
    add_tables,
    graph_from_tables,
    new_graph,
    table_from_records,
)
from ._transform import (
    cities_from_graph,
    collapse,
    collapse_directed,
    collapse_undirected,
    country_subgraph,
    frozen,
    link_count,
    links_from_graph,
    pair_table,
)

__all__ = [
    "CITY_COLUMNS",
    "DEFAULT_LEVEL",
    "KINDS",
    "LEVELS",
    "LINK_COLUMNS",
    "MIN_YEAR",
    "PHASES",
    "LoadReport",
    "Phase",
    "add_tables",
    "check_graph",
    "check_option",
    "check_year",
    "cities_from_graph",
    "collapse",
    "collapse_directed",
    "collapse_undirected",
    "country_subgraph",
    "frozen",
    "graph_from_tables",
    "is_missing",
    "link_count",
    "links_from_graph",
    "make_city_id",
    "new_graph",
    "pair_table",
    "table_from_records",
    "validate_graph",
]
