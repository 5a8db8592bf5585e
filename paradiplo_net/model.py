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
    parallel edges. Collapsing to a simple graph is the explicit step :func:`collapse`, which
    aggregates parallel edges into a ``weight``; nothing is discarded.

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

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Literal

import networkx as nx
import numpy as np
import pandas as pd

from ._checks import check_graph, check_option, check_year, is_missing
from .errors import GraphContractError, SchemaError, format_problems

__all__ = [
    "CITY_COLUMNS",
    "KINDS",
    "LEVELS",
    "LINK_COLUMNS",
    "LoadReport",
    "Phase",
    "check_graph",
    "check_option",
    "check_year",
    "cities_from_graph",
    "collapse",
    "country_subgraph",
    "graph_from_tables",
    "is_missing",
    "links_from_graph",
    "make_city_id",
    "new_graph",
    "validate_graph",
]


class Phase(StrEnum):
    """O'Toole's three overlapping phases of twinning.

    ``associative`` (friendship, culture), ``reciprocal`` (education and people exchange),
    ``commercial`` (trade, investment, economic or technical development).

    References
    ----------
    O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister
    city type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

    Examples
    --------
    >>> Phase("commercial") is Phase.COMMERCIAL
    True
    >>> [p.value for p in Phase]
    ['associative', 'reciprocal', 'commercial']
    """

    ASSOCIATIVE = "associative"
    RECIPROCAL = "reciprocal"
    COMMERCIAL = "commercial"


PHASES: tuple[str, ...] = tuple(p.value for p in Phase)

#: Administrative level of a node.
LEVELS: tuple[str, ...] = (
    "municipality", "district", "county", "province", "prefecture", "state", "region", "other",
)

#: Kind of agreement on an edge.
KINDS: tuple[str, ...] = (
    "twin_town", "sister_city", "friendship_city", "partnership", "cooperation", "contact",
    "unspecified",
)

#: Column order of the links table (:func:`links_from_graph`).
LINK_COLUMNS: tuple[str, ...] = (
    "source", "target", "key", "year", "end_year", "phase", "phase_source", "kind", "dataset",
    "sectors", "note", "ref",
)

#: Column order of the cities table (:func:`cities_from_graph`); the index is the city id.
CITY_COLUMNS: tuple[str, ...] = (
    "name", "country", "lat", "lon", "level", "wikidata", "geonames", "population",
)

_REQUIRED_NODE = ("name", "country", "lat", "lon", "level")
_REQUIRED_EDGE = ("year", "end_year", "phase", "phase_source", "kind", "dataset")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_QID_RE = re.compile(r"^Q[1-9]\d*$")
_PHASE_SOURCE_RE = re.compile(r"^(recorded|inferred:[\w\-.]+)$")

#: Years outside this range are rejected by the validators unless explicitly allowed.
MIN_YEAR = 1900








def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip()
    return re.sub(r"\s+", " ", text)


def make_city_id(
    name: str,
    country: str | None,
    *,
    wikidata: str | None = None,
    geonames: int | str | None = None,
) -> str:
    """Return the stable node id of a city.

    A Wikidata Q-id where known, else ``gn:<GeoNames id>``, else ``"<name>|<CC>"``
    (``"<name>|??"`` when the country is unknown).

    Examples
    --------
    >>> make_city_id("Weimar", "DE", wikidata="Q3955")
    'Q3955'
    >>> make_city_id("Coventry", "GB", geonames=2652221)
    'gn:2652221'
    >>> make_city_id(" Poix-du-Nord ", "fr")
    'Poix-du-Nord|FR'
    """
    if wikidata and not is_missing(wikidata):
        return str(wikidata)
    if geonames is not None and not is_missing(geonames):
        return f"gn:{int(geonames)}"
    cc = str(country).upper() if country and not is_missing(country) else "??"
    return f"{_slug(name)}|{cc}"




def _clean(value: Any) -> Any:
    """Turn pandas/numpy missing markers and scalars into plain Python values."""
    if is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        return value.item()
    return value


def new_graph(
    *,
    dataset: str,
    retrieved: str | None = None,
    directed: bool = True,
    **extra: Any,
) -> nx.MultiDiGraph:
    """Create an empty graph carrying the contract's graph attributes.

    Examples
    --------
    >>> G = new_graph(dataset="mine", retrieved="2024-03-01")
    >>> G.graph["dataset"], G.graph["directed"], G.graph["rejected"]
    ('mine', True, 0)
    """
    from . import __version__

    G = nx.MultiDiGraph()
    G.graph.update(
        dataset=dataset,
        retrieved=retrieved,
        created_with=f"paradiplo_net {__version__}",
        directed=directed,
        rejected=0,
    )
    G.graph.update(extra)
    return G


@dataclass
class LoadReport:
    """What a loader read, kept and rejected. Nothing is dropped silently.

    Attributes
    ----------
    source : str
        File, URL or query that was read.
    rows_read : int
        Data rows in the input.
    links_kept : int
        Edges added to the graph.
    rejected : pandas.DataFrame
        One row per rejected input row: ``row`` (1-based data row number, header excluded),
        ``reason``, and the raw values where useful.
    notes : list of str
        Other facts worth knowing (duplicates merged, ids remapped, unknown years read as
        missing, ...), each with its count.
    unresolved : pandas.DataFrame or None
        Places that offline resolution could not place (name, country, status, rows), when
        the loader resolved places; listed, never guessed.

    Examples
    --------
    >>> r = LoadReport("links.csv", rows_read=3, links_kept=2)
    >>> r.reject(3, "self-link: Paris -> Paris")
    >>> print(r)
    links.csv: 3 rows read, 2 links kept, 1 rejected
      row 3: self-link: Paris -> Paris
    """

    source: str
    rows_read: int = 0
    links_kept: int = 0
    rejected: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"row": pd.Series(dtype="int64"),
                                              "reason": pd.Series(dtype="object")})
    )
    notes: list[str] = field(default_factory=list)
    unresolved: pd.DataFrame | None = None

    def reject(self, row: int, reason: str, **values: Any) -> None:
        """Record one rejected row (for many rows, prefer :meth:`reject_many`)."""
        self.reject_many(pd.DataFrame([{"row": int(row), "reason": reason, **values}]))

    def reject_many(self, frame: pd.DataFrame) -> None:
        """Append rejected rows (a frame with at least ``row`` and ``reason``)."""
        if len(frame):
            parts = [f for f in (self.rejected, frame) if len(f)]
            self.rejected = pd.concat(parts, ignore_index=True) if len(parts) > 1 else frame.reset_index(drop=True)

    @property
    def n_rejected(self) -> int:
        """Number of rejected rows."""
        return len(self.rejected)

    def __str__(self) -> str:
        lines = [
            f"{self.source}: {self.rows_read} rows read, {self.links_kept} links kept, "
            f"{self.n_rejected} rejected"
        ]
        for rec in self.rejected.head(10).itertuples(index=False):
            lines.append(f"  row {rec.row}: {rec.reason}")
        if self.n_rejected > 10:
            lines.append(f"  ... and {self.n_rejected - 10} more (see report.rejected)")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def summary(self) -> dict[str, Any]:
        """Counts as a plain dict, e.g. for ``G.graph`` or a manifest."""
        return {
            "source": self.source,
            "rows_read": self.rows_read,
            "links_kept": self.links_kept,
            "rejected": self.n_rejected,
            "reasons": self.rejected["reason"].str.split(":").str[0].value_counts().to_dict()
            if self.n_rejected
            else {},
        }


def validate_graph(
    G: nx.MultiDiGraph,
    *,
    min_year: int = MIN_YEAR,
    max_year: int | None = None,
) -> None:
    """Check that ``G`` follows the graph contract; raise once listing every problem.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    min_year, max_year : int, optional
        Plausible range of ``year`` and ``end_year``; ``max_year`` defaults to this year.

    Raises
    ------
    GraphContractError
        With one line per problem (first ten shown) and how to fix it.

    Examples
    --------
    >>> import networkx as nx
    >>> import paradiplo_net as pn
    >>> pn.model.validate_graph(pn.datasets.load("toy"))
    >>> pn.model.validate_graph(nx.Graph())
    Traceback (most recent call last):
    ...
    paradiplo_net.errors.GraphContractError: graph: 1 problem(s)
      - expected a networkx.MultiDiGraph, got Graph
    Fix: ...
    """
    max_year = date.today().year if max_year is None else max_year
    fix = (
        "build graphs with paradiplo_net loaders or model.graph_from_tables; see the "
        "model module docstring for the contract"
    )
    check_graph(G)
    problems: list[str] = []
    for key in ("dataset", "directed"):
        if key not in G.graph:
            problems.append(f"G.graph has no {key!r}")
    for n, d in G.nodes(data=True):
        if not isinstance(n, str) or not n:
            problems.append(f"node {n!r}: id must be a non-empty str")
        missing = [a for a in _REQUIRED_NODE if a not in d]
        if missing:
            problems.append(f"node {n!r}: missing attribute(s) {missing}")
            continue
        if not isinstance(d["name"], str) or not d["name"]:
            problems.append(f"node {n!r}: name must be a non-empty str, got {d['name']!r}")
        c = d["country"]
        if c is not None and not (isinstance(c, str) and _COUNTRY_RE.match(c)):
            problems.append(f"node {n!r}: country must be ISO alpha-2 or None, got {c!r}")
        for a, lim in (("lat", 90), ("lon", 180)):
            v = d[a]
            if v is not None and not (isinstance(v, (int, float)) and -lim <= v <= lim):
                problems.append(f"node {n!r}: {a} must be a number in [-{lim}, {lim}] or None, got {v!r}")
        if d["level"] not in LEVELS:
            problems.append(f"node {n!r}: level {d['level']!r} not in {LEVELS}")
        w = d.get("wikidata")
        if w is not None and not (isinstance(w, str) and _QID_RE.match(w)):
            problems.append(f"node {n!r}: wikidata must be a Q-id like 'Q3955', got {w!r}")
    for u, v, k, d in G.edges(keys=True, data=True):
        where = f"edge {u!r} -> {v!r} (key {k!r})"
        if u == v:
            problems.append(f"{where}: self-link")
        missing = [a for a in _REQUIRED_EDGE if a not in d]
        if missing:
            problems.append(f"{where}: missing attribute(s) {missing}")
            continue
        for a in ("year", "end_year"):
            y = d[a]
            if y is not None and (not isinstance(y, int) or isinstance(y, bool) or not min_year <= y <= max_year):
                problems.append(f"{where}: {a} must be an int in [{min_year}, {max_year}] or None, got {y!r}")
        if isinstance(d["year"], int) and isinstance(d["end_year"], int) and d["end_year"] < d["year"]:
            problems.append(f"{where}: end_year {d['end_year']} before year {d['year']}")
        if d["phase"] is not None and d["phase"] not in PHASES:
            problems.append(f"{where}: phase {d['phase']!r} not in {PHASES}")
        ps = d["phase_source"]
        if d["phase"] is None and ps is not None:
            problems.append(f"{where}: phase_source {ps!r} but no phase")
        if d["phase"] is not None and not (isinstance(ps, str) and _PHASE_SOURCE_RE.match(ps)):
            problems.append(f"{where}: phase_source must be 'recorded' or 'inferred:<rule>', got {ps!r}")
        if d["kind"] not in KINDS:
            problems.append(f"{where}: kind {d['kind']!r} not in {KINDS}")
    if problems:
        raise GraphContractError(format_problems("graph", problems, fix=fix))


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
    rows = [{"source": u, "target": v, "key": k, **d} for u, v, k, d in G.edges(keys=True, data=True)]
    frame = pd.DataFrame(rows)
    for col in LINK_COLUMNS:
        if col not in frame.columns:
            frame[col] = pd.Series([None] * len(frame), dtype="object")
    extra = [c for c in frame.columns if c not in LINK_COLUMNS]
    frame = frame[[*LINK_COLUMNS, *extra]]
    for col in ("year", "end_year"):
        frame[col] = pd.array(frame[col].tolist(), dtype="Int64") if len(frame) else pd.array([], dtype="Int64")
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


def graph_from_tables(
    links: pd.DataFrame,
    cities: pd.DataFrame,
    *,
    dataset: str | None = None,
    retrieved: str | None = None,
    directed: bool = True,
    validate: bool = True,
) -> nx.MultiDiGraph:
    """Build a contract graph from a links table and a cities table.

    Parameters
    ----------
    links : pandas.DataFrame
        Columns ``source``, ``target`` and optionally the other :data:`LINK_COLUMNS`
        (missing ones default to None, ``kind`` to ``"unspecified"``, ``dataset`` to
        ``dataset``). ``key`` is ignored: keys are renumbered per pair.
    cities : pandas.DataFrame
        Indexed by city id (or with a ``city`` column), with :data:`CITY_COLUMNS`.
    dataset : str, optional
        Name recorded in ``G.graph`` and on edges without one.
    validate : bool, default True
        Run :func:`validate_graph` on the result.

    Raises
    ------
    SchemaError
        If a link names a city missing from ``cities`` or a required column is absent.

    Examples
    --------
    >>> import pandas as pd
    >>> cities = pd.DataFrame({"name": ["Coventry", "Dresden"], "country": ["GB", "DE"],
    ...                        "lat": [52.41, 51.05], "lon": [-1.51, 13.74],
    ...                        "level": ["municipality"] * 2}, index=["cov", "dre"])
    >>> links = pd.DataFrame({"source": ["cov"], "target": ["dre"], "year": [1959]})
    >>> G = graph_from_tables(links, cities, dataset="example")
    >>> G.edges["cov", "dre", 0]["year"], G.edges["cov", "dre", 0]["kind"]
    (1959, 'unspecified')
    """
    if "city" in cities.columns:
        cities = cities.set_index("city")
    missing_cols = [c for c in ("source", "target") if c not in links.columns]
    missing_cols += [f"cities.{c}" for c in ("name", "country") if c not in cities.columns]
    if missing_cols:
        raise SchemaError(format_problems(
            "tables", [f"missing column {c!r}" for c in missing_cols],
            fix="links need 'source' and 'target'; cities need 'name' and 'country' and an id index",
        ))
    known = set(cities.index)
    unknown = [
        f"links row {i + 1}: {end} {val!r} not in the cities table"
        for i, (s, t) in enumerate(zip(links["source"], links["target"], strict=True))
        for end, val in (("source", s), ("target", t))
        if val not in known
    ]
    if unknown:
        raise SchemaError(format_problems("links table", unknown, fix="add these ids to the cities table"))
    if dataset is None:
        dataset = str(links["dataset"].dropna().iloc[0]) if "dataset" in links.columns and links["dataset"].notna().any() else "unnamed"
    G = new_graph(dataset=dataset, retrieved=retrieved, directed=directed)
    for cid, row in cities.iterrows():
        attrs = {k: _clean(v) for k, v in row.items()}
        for a in ("lat", "lon"):
            if attrs.get(a) is not None:
                attrs[a] = float(attrs[a])
        attrs.setdefault("level", "municipality")
        if attrs["level"] is None:
            attrs["level"] = "municipality"
        for a in ("lat", "lon", "country"):
            attrs.setdefault(a, None)
        if attrs.get("geonames") is not None:
            attrs["geonames"] = int(attrs["geonames"])
        if attrs.get("population") is not None:
            attrs["population"] = int(attrs["population"])
        G.add_node(str(cid), **{k: v for k, v in attrs.items() if v is not None or k in _REQUIRED_NODE})
    edge_cols = [c for c in links.columns if c not in ("source", "target", "key")]
    for rec in links[["source", "target", *edge_cols]].itertuples(index=False, name=None):
        u, v, *vals = rec
        attrs = {k: _clean(x) for k, x in zip(edge_cols, vals, strict=True)}
        for a in ("year", "end_year"):
            attrs[a] = int(attrs[a]) if attrs.get(a) is not None else None
        attrs.setdefault("phase", None)
        attrs.setdefault("phase_source", "recorded" if attrs["phase"] is not None else None)
        if attrs["phase"] is not None and attrs["phase_source"] is None:
            attrs["phase_source"] = "recorded"
        if attrs.get("kind") is None:
            attrs["kind"] = "unspecified"
        if attrs.get("dataset") is None:
            attrs["dataset"] = dataset
        G.add_edge(str(u), str(v), **{k: x for k, x in attrs.items() if x is not None or k in _REQUIRED_EDGE})
    if validate:
        validate_graph(G)
    return G


def collapse(
    G: nx.MultiDiGraph,
    *,
    to: Literal["undirected", "directed"] = "undirected",
) -> nx.Graph | nx.DiGraph:
    """Collapse parallel (and, for ``to="undirected"``, reciprocal) edges into ``weight``.

    The explicit, named step from the contract's multigraph to a simple graph. ``weight`` is
    the number of statements aggregated into each simple edge; ``first_year`` the earliest
    known year among them (None if none is known). Node attributes are kept.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    to : {"undirected", "directed"}
        ``"undirected"``: one edge per unordered pair (A->B and B->A are one edge of weight 2).
        ``"directed"``: one edge per ordered pair.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> U = collapse(G)
    >>> U.number_of_edges(), U["A"]["B"]["weight"], U["H"]["I"]["weight"]
    (10, 2, 2)
    >>> D = collapse(G, to="directed")
    >>> D.number_of_edges(), D["H"]["I"]["first_year"]
    (11, 1994)
    """
    check_option("to", to, ("undirected", "directed"))
    H: nx.Graph = nx.Graph() if to == "undirected" else nx.DiGraph()
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
    return H



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
        (u, v, k) for u, v, k in G.edges(keys=True)
        if (u in inside or v in inside) if mode == "any" or (u in inside and v in inside)
    ]
    H = G.edge_subgraph(keep).copy()
    H.graph.update(G.graph, countries=sorted(wanted), mode=mode)
    return H
