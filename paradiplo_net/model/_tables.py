"""The one constructor of contract graphs: tables (links + cities) -> MultiDiGraph."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_option, is_missing
from ..errors import SchemaError, format_problems
from ._contract import (
    KINDS,
    LEVELS,
    MIN_YEAR,
    PHASES,
    REQUIRED_EDGE,
    REQUIRED_NODE,
    validate_graph,
)

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
    index = pd.Index(list(known), dtype=object)
    # One vectorised membership test; the rows it flags (and any NA end, where set and
    # hash-table membership can differ) are then checked exactly as before.
    flagged = np.zeros(len(links), dtype=bool)
    for end in ("source", "target"):
        col = links[end]
        flagged |= ~col.isin(index).to_numpy() | col.isna().to_numpy()
    rows = np.flatnonzero(flagged).tolist()
    src, tgt = links["source"].to_numpy(dtype=object), links["target"].to_numpy(dtype=object)
    unknown = [
        f"links row {i + 1}: {end} {val!r} not in the cities table"
        for i in rows
        for end, val in (("source", src[i]), ("target", tgt[i]))
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


# --------------------------------------------------------------------------------------------
# Column-wise construction: the same values as city_attrs / link_attrs row by row, computed one
# column at a time (numpy and pandas loops, no Python call per cell on the common dtypes).
# --------------------------------------------------------------------------------------------

_PLAIN = ("string", "empty")


def _missing_mask(col: pd.Series) -> np.ndarray:
    """:func:`is_missing` of every cell: NA markers and blank strings."""
    mask = col.isna().to_numpy()
    if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
        strings = col[~mask]
        try:
            # non-str cells give NaN (not blank); a column without any str has no .str
            blank = strings.astype(object).str.strip().eq("")
        except AttributeError:
            blank = None
        if blank is not None and len(strings):
            mask[~mask] = blank.fillna(False).to_numpy(dtype=bool)
    return mask


def _plain_column(col: pd.Series, convert: type | None = None) -> list[Any]:
    """The cells of ``col`` as :func:`_clean` (and then ``convert``) would give them.

    Numeric columns and columns of strings are converted in one step; any other column
    (numpy scalars in an object column, strings to convert to numbers, ...) cell by cell,
    through the same functions the row path uses, so the values are identical.
    """
    mask = _missing_mask(col)
    values = col.to_numpy()
    # numpy dtypes only: an extension dtype (Int64, boolean, ...) converts its NA on export
    numeric = values.dtype.kind in "biuf" and isinstance(col.dtype, np.dtype)
    if numeric and convert is int and values.dtype.kind == "f":
        # int(inf) raises and int(1e20) is exact in the row path: leave those to it
        kept = values[~mask]
        numeric = bool(np.isfinite(kept).all() and (np.abs(kept) < 2.0 ** 53).all())
    if numeric:
        if convert is int and values.dtype.kind in "fb":
            out = np.where(mask, 0, values).astype(np.int64).astype(object)
        elif convert is float:
            out = values.astype(np.float64).astype(object)
        else:
            out = values.astype(object)
        out[mask] = None
        return out.tolist()
    kind = pd.api.types.infer_dtype(col, skipna=True)
    if convert is None and kind in _PLAIN and values.dtype == object:
        out = col.to_numpy(dtype=object).copy()
        out[mask] = None
        return out.tolist()
    cells = [_clean(v) for v in col.tolist()]
    return [None if v is None else (convert(v) if convert else v) for v in cells]


def _dicts(columns: dict[str, list[Any]], keep: tuple[str, ...], n: int) -> list[dict]:
    """One attribute dict per row, keys in column order; None dropped unless in ``keep``."""
    keys = list(columns)
    if not keys:
        return [{} for _ in range(n)]
    rows = zip(*columns.values(), strict=True)
    droppable = [k for k in keys if k not in keep and any(v is None for v in columns[k])]
    if not droppable:
        return [dict(zip(keys, row, strict=True)) for row in rows]
    return [{k: v for k, v in zip(keys, row, strict=True) if v is not None or k in keep}
            for row in rows]


def _city_columns(cities: pd.DataFrame, default_level: str) -> dict[str, list[Any]]:
    """Column-wise :func:`city_attrs`."""
    convert = {"lat": float, "lon": float, "geonames": int, "population": int}
    cols: dict[str, list[Any]] = {}
    for c in cities.columns:
        cols[c] = _plain_column(cities[c], convert.get(c))
    n = len(cities)
    if "level" in cols:
        cols["level"] = [default_level if v is None else v for v in cols["level"]]
    else:
        cols["level"] = [default_level] * n
    for a in ("lat", "lon", "country"):
        cols.setdefault(a, [None] * n)
    return cols


def _link_columns(links: pd.DataFrame, edge_cols: list[str], dataset: str) -> dict[str, list]:
    """Column-wise :func:`link_attrs` (``source``/``target``/``key`` excluded)."""
    m = len(links)
    cols: dict[str, list[Any]] = {}
    for c in edge_cols:
        cols[c] = _plain_column(links[c], int if c in ("year", "end_year") else None)
    for a in ("year", "end_year", "phase"):
        cols.setdefault(a, [None] * m)
    phase = cols["phase"]
    if "phase_source" in cols:
        cols["phase_source"] = ["recorded" if p is not None and ps is None else ps
                                for p, ps in zip(phase, cols["phase_source"], strict=True)]
    else:
        cols["phase_source"] = [None if p is None else "recorded" for p in phase]
    if "kind" in cols:
        cols["kind"] = ["unspecified" if v is None else v for v in cols["kind"]]
    else:
        cols["kind"] = ["unspecified"] * m
    if "dataset" in cols:
        cols["dataset"] = [dataset if v is None else v for v in cols["dataset"]]
    else:
        cols["dataset"] = [dataset] * m
    return cols


def _valid_columns(nodes: list[str], ncols: dict[str, list], ends: tuple[list, list],
                   ecols: dict[str, list]) -> bool:
    """True if every node and edge certainly passes :func:`validate_graph` (default years).

    Sound, not complete: a False only means the graph walk of :func:`validate_graph` decides
    (and words the error). Checks the same rules one column at a time.
    """
    from ._contract import _COUNTRY_RE, _PHASE_SOURCE_RE, _QID_RE

    def ok(values: list, rule: Any) -> bool:
        try:
            return all(rule(v) for v in dict.fromkeys(values))  # distinct values only
        except TypeError:  # an unhashable cell: leave it to validate_graph
            return False

    def number(lim: float) -> Any:
        return lambda v: v is None or (isinstance(v, (int, float)) and -lim <= v <= lim)

    if nodes and any(a not in ncols for a in REQUIRED_NODE):
        return False
    ncols = {a: ncols.get(a, []) for a in (*REQUIRED_NODE, "wikidata")}
    max_year = date.today().year
    year_ok = lambda v: v is None or (type(v) is int and MIN_YEAR <= v <= max_year)  # noqa: E731
    checks = [
        all(nodes) and ok(ncols["name"], lambda v: isinstance(v, str) and bool(v)),
        ok(ncols["country"], lambda v: v is None or (isinstance(v, str)
                                                     and bool(_COUNTRY_RE.match(v)))),
        ok(ncols["lat"], number(90)), ok(ncols["lon"], number(180)),
        ok(ncols["level"], lambda v: v in LEVELS),
        ok(ncols["wikidata"], lambda v: v is None or (
            isinstance(v, str) and bool(_QID_RE.match(v)))),
        ok(ecols["year"], year_ok), ok(ecols["end_year"], year_ok),
        ok(ecols["phase"], lambda v: v is None or v in PHASES),
        ok(ecols["kind"], lambda v: v in KINDS),
        ok(ecols["phase_source"], lambda v: v is None or (isinstance(v, str) and bool(
            _PHASE_SOURCE_RE.match(v)))),
    ]
    if not all(checks):
        return False
    u, v = np.asarray(ends[0], dtype=object), np.asarray(ends[1], dtype=object)
    if (u == v).any():
        return False
    y = np.array([np.nan if x is None else x for x in ecols["year"]], dtype=float)
    e = np.array([np.nan if x is None else x for x in ecols["end_year"]], dtype=float)
    phase = np.array([p is None for p in ecols["phase"]])
    source = np.array([p is None for p in ecols["phase_source"]])
    return not ((e < y).any() or (phase != source).any())


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

    The tables are read column by column (the values are those :func:`city_attrs` and
    :func:`link_attrs` give row by row): one million links take a few seconds.

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
    _add_columns(G, links, cities, default_level=default_level)


def _add_columns(
    G: nx.MultiDiGraph, links: pd.DataFrame, cities: pd.DataFrame, *, default_level: str
) -> bool:
    """:func:`add_tables`; returns True if the added columns certainly pass validation."""
    check_option("default_level", default_level, LEVELS)
    # Millions of new dicts, none of them garbage: the cyclic collector would walk the growing
    # graph again and again (a third of the time at 1M links). Paused, then restored.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _add_columns_now(G, links, cities, default_level)
    finally:
        if paused:
            gc.enable()


def _add_columns_now(
    G: nx.MultiDiGraph, links: pd.DataFrame, cities: pd.DataFrame, default_level: str
) -> bool:
    nodes = [str(c) for c in cities.index.tolist()]
    ncols = _city_columns(cities, default_level)
    G.add_nodes_from(zip(nodes, _dicts(ncols, REQUIRED_NODE, len(nodes)), strict=True))
    if not len(links):
        return _valid_columns(nodes, ncols, ([], []), _link_columns(links, [], "x"))
    edge_cols = [c for c in links.columns if c not in ("source", "target", "key")]
    ecols = _link_columns(links, edge_cols, G.graph["dataset"])
    u = [str(x) for x in links["source"].tolist()]
    v = [str(x) for x in links["target"].tolist()]
    _add_edges(G, u, v, _dicts(ecols, REQUIRED_EDGE, len(links)))
    return _valid_columns(nodes, ncols, (u, v), ecols)


def _add_edges(G: nx.MultiDiGraph, u: list[str], v: list[str], data: list[dict]) -> None:
    """``G.add_edges_from(zip(u, v, data))``, written straight into the adjacency.

    3x faster on a plain MultiDiGraph; networkx's cache is then cleared as its own methods
    do (the igraph view of :mod:`paradiplo_net._igraph` is keyed on that cache).

    Same result: a missing end is added with no attributes, one key dict is shared by
    ``_succ[u][v]`` and ``_pred[v][u]``, and the key is networkx's ``new_edge_key`` (the
    number of edges of the pair, stepped past any key in use).
    """
    if type(G) is not nx.MultiDiGraph:  # a subclass may use other dict factories
        G.add_edges_from(zip(u, v, data, strict=True))
        return
    succ, pred, node = G._succ, G._pred, G._node
    for a, b, d in zip(u, v, data, strict=True):
        for x in (a, b):
            if x not in succ:
                succ[x], pred[x], node[x] = {}, {}, {}
        keydict = succ[a].get(b)
        if keydict is None:
            keydict = succ[a][b] = pred[b][a] = {}
        key = len(keydict)
        while key in keydict:
            key += 1
        keydict[key] = d
    nx._clear_cache(G)


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
        Validate the result once: the columns are checked as they are read, and only if
        that check cannot clear them does :func:`validate_graph` walk the graph (and list
        every problem).
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
    certain = _add_columns(G, links, cities, default_level=default_level)
    if validate and not certain:
        validate_graph(G)  # walks the graph and words every problem
    return G
