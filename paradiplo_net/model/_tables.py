"""The one constructor of contract graphs: tables (links + cities) -> MultiDiGraph."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import check_option, is_missing
from ..errors import SchemaError, format_problems
from ._contract import LEVELS, REQUIRED_EDGE, REQUIRED_NODE, validate_graph

#: The level given to a city whose table row does not classify it, unless a loader says
#: otherwise (KONECT, GraphML and GEXF readers pass ``"other"``: their entities are unknown).
DEFAULT_LEVEL = "municipality"


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
    from .. import __version__

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


def table_from_records(
    records: Iterable[Mapping[str, Any]], *, index: Iterable[Any] | None = None
) -> pd.DataFrame:
    """A table of plain Python values from dict records, for loaders feeding :func:`add_tables`.

    Columns are the records' keys in first-seen order; a key missing from a record is None.
    No dtype is inferred (every column holds objects), so ints stay ints and None stays None.

    Examples
    --------
    >>> t = table_from_records([{"source": "a", "year": 1990}, {"source": "b", "weight": 2}])
    >>> t.columns.tolist(), t["year"].tolist(), t["weight"].tolist()
    (['source', 'year', 'weight'], [1990, None], [None, 2])
    """
    records = list(records)
    columns = list(dict.fromkeys(k for r in records for k in r))
    data = {c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns}
    frame = pd.DataFrame(data)
    if index is not None:
        frame.index = pd.Index(list(index), dtype=object)
    return frame


def city_attrs(row: dict[str, Any], *, default_level: str = DEFAULT_LEVEL) -> dict[str, Any]:
    """Contract node attributes from one cities-table row (missing values dropped).

    ``lat``/``lon`` become floats, ``geonames``/``population`` ints, a missing ``level`` is
    ``default_level``, and the required attributes are always present (None when unknown).

    Examples
    --------
    >>> a = city_attrs({"name": "Kobe", "country": "JP", "lat": 34.69, "geonames": 1859171.0})
    >>> a["geonames"], a["level"], a["lon"]
    (1859171, 'municipality', None)
    """
    attrs = {k: _clean(v) for k, v in row.items()}
    for a in ("lat", "lon"):
        if attrs.get(a) is not None:
            attrs[a] = float(attrs[a])
    if attrs.get("level") is None:
        attrs["level"] = default_level
    for a in ("lat", "lon", "country"):
        attrs.setdefault(a, None)
    for a in ("geonames", "population"):
        if attrs.get(a) is not None:
            attrs[a] = int(attrs[a])
    return {k: v for k, v in attrs.items() if v is not None or k in REQUIRED_NODE}


def link_attrs(row: dict[str, Any], *, dataset: str) -> dict[str, Any]:
    """Contract edge attributes from one links-table row (``source``/``target`` excluded).

    Years become ints, a recorded phase gets ``phase_source="recorded"``, a missing ``kind``
    is ``"unspecified"`` and a missing ``dataset`` is ``dataset``.

    Examples
    --------
    >>> a = link_attrs({"year": 1959.0, "phase": "associative"}, dataset="demo")
    >>> a["year"], a["end_year"], a["phase_source"], a["kind"], a["dataset"]
    (1959, None, 'recorded', 'unspecified', 'demo')
    """
    attrs = {k: _clean(x) for k, x in row.items()}
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
    return {k: x for k, x in attrs.items() if x is not None or k in REQUIRED_EDGE}


def _check_tables(links: pd.DataFrame, cities: pd.DataFrame) -> None:
    """Raise SchemaError for missing columns or links naming unknown cities."""
    missing_cols = [c for c in ("source", "target") if c not in links.columns]
    missing_cols += [f"cities.{c}" for c in ("name", "country") if c not in cities.columns]
    if missing_cols:
        raise SchemaError(
            format_problems(
                "tables",
                [f"missing column {c!r}" for c in missing_cols],
                fix="links need 'source' and 'target'; cities need 'name' and 'country' and an "
                "id index",
            )
        )
    known = set(cities.index)
    unknown = [
        f"links row {i + 1}: {end} {val!r} not in the cities table"
        for i, (s, t) in enumerate(zip(links["source"], links["target"], strict=True))
        for end, val in (("source", s), ("target", t))
        if val not in known
    ]
    if unknown:
        raise SchemaError(
            format_problems("links table", unknown, fix="add these ids to the cities table")
        )


def _dataset_name(links: pd.DataFrame) -> str:
    if "dataset" in links.columns and links["dataset"].notna().any():
        return str(links["dataset"].dropna().iloc[0])
    return "unnamed"


def add_tables(
    G: nx.MultiDiGraph,
    links: pd.DataFrame,
    cities: pd.DataFrame,
    *,
    default_level: str = DEFAULT_LEVEL,
) -> None:
    """Add a cities table's nodes, then a links table's edges, to ``G`` (in place).

    The add-step of :func:`graph_from_tables`, for loaders that start from
    :func:`new_graph` with extra graph attributes. Node ids and edge ends are ``str``; edge
    keys are numbered per pair by networkx (a links ``key`` column is ignored).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`new_graph`; its ``dataset`` fills edges without one.
    links, cities : pandas.DataFrame
        As for :func:`graph_from_tables` (checked there, not here).
    default_level : str, default "municipality"
        Level of a city whose row has none.

    Examples
    --------
    >>> import pandas as pd
    >>> G = new_graph(dataset="demo")
    >>> cities = pd.DataFrame({"name": ["A", "B"], "country": ["FR", None]}, index=["a", "b"])
    >>> add_tables(G, pd.DataFrame({"source": ["a"], "target": ["b"]}), cities,
    ...            default_level="other")
    >>> G.nodes["b"]["level"], G.edges["a", "b", 0]["kind"]
    ('other', 'unspecified')
    """
    check_option("default_level", default_level, LEVELS)
    for cid, row in cities.iterrows():
        G.add_node(str(cid), **city_attrs(row.to_dict(), default_level=default_level))
    if not len(links):
        return
    edge_cols = [c for c in links.columns if c not in ("source", "target", "key")]
    dataset = G.graph["dataset"]
    for rec in links[["source", "target", *edge_cols]].itertuples(index=False, name=None):
        u, v, *vals = rec
        row = dict(zip(edge_cols, vals, strict=True))
        G.add_edge(str(u), str(v), **link_attrs(row, dataset=dataset))


def graph_from_tables(
    links: pd.DataFrame,
    cities: pd.DataFrame,
    *,
    dataset: str | None = None,
    retrieved: str | None = None,
    directed: bool = True,
    validate: bool = True,
    default_level: str = DEFAULT_LEVEL,
) -> nx.MultiDiGraph:
    """Build a contract graph from a links table and a cities table.

    The one tables -> graph constructor: every loader of the package builds its graph here
    (or with :func:`new_graph` + :func:`add_tables`).

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
    retrieved : str, optional
        ISO date the data was retrieved.
    directed : bool, default True
        Whether edge direction carries meaning (recorded in ``G.graph``).
    validate : bool, default True
        Run :func:`validate_graph` on the result.
    default_level : str, default "municipality"
        Level of a city whose row has none (one of :data:`LEVELS`).

    Returns
    -------
    networkx.MultiDiGraph

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
    _check_tables(links, cities)
    if dataset is None:
        dataset = _dataset_name(links)
    G = new_graph(dataset=dataset, retrieved=retrieved, directed=directed)
    add_tables(G, links, cities, default_level=default_level)
    if validate:
        validate_graph(G)
    return G
