"""The links and cities tables as CSV files: write_links and read_tables."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ..errors import GraphContractError, SchemaError, format_problems
from ..model import LoadReport, cities_from_graph, graph_from_tables, links_from_graph
from ._common import _finish
from ._guard import total_reader
from ._text import read_text


def _cities_path(links_path: Path) -> Path:
    return links_path.with_name(f"{links_path.stem}.cities.csv")


def write_links(G: nx.MultiDiGraph, path: str | Path) -> tuple[Path, Path]:
    """Write the links table to ``path`` and the cities table to ``<stem>.cities.csv``.

    Both are UTF-8 CSV files; a missing value (None) is an empty cell. The links table has
    the columns of :func:`~paradiplo_net.model.links_from_graph` (``key`` included, extra
    edge attributes after the standard ones), the cities table those of
    :func:`~paradiplo_net.model.cities_from_graph` with the id in column ``city``.
    Read them back with :func:`read_tables` (exact round trip of nodes, edges and their
    attributes, except that empty strings come back as None), or with
    ``read_links(path, source="source", target="target", source_id="source",
    target_id="target", year="year", end_year="end_year", phase="phase", kind="kind",
    sectors="sectors", note="note", ref="ref")``, which keeps the links but not the city
    names and coordinates.

    Returns
    -------
    (Path, Path)
        The links and cities files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     links_path, cities_path = pn.io.write_links(G, pathlib.Path(tmp) / "toy.csv")
    ...     H, report = pn.io.read_tables(links_path)
    ...     cities_path.name
    'toy.cities.csv'
    >>> sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    True
    """
    path = Path(path)
    links = links_from_graph(G)
    cities = cities_from_graph(G)
    links.to_csv(path, index=False)
    cpath = _cities_path(path)
    cities.to_csv(cpath, index=True, index_label="city")
    return path, cpath


_LINK_DTYPES: dict[str, Any] = {
    "year": "Int64",
    "end_year": "Int64",
    "source": str,
    "target": str,
    "key": "Int64",
}
_CITY_DTYPES: dict[str, Any] = {
    "city": str,
    "name": str,
    "country": str,
    "level": str,
    "wikidata": str,
    "lat": float,
    "lon": float,
    "geonames": "Int64",
    "population": "Int64",
}


def _read_csv(path: Path, dtype: dict[str, Any]) -> pd.DataFrame:
    """A CSV written by write_links (UTF-8, empty cell = missing), read through read_text."""
    text = read_text(path, encoding="utf-8-sig", label=str(path))
    return pd.read_csv(io.StringIO(text), dtype=dtype, keep_default_na=False, na_values=[""])


@total_reader(
    "links/cities table pair",
    "pass the files written by write_links, or use read_links for other tables",
)
def read_tables(
    links_path: str | Path,
    cities_path: str | Path | None = None,
    *,
    dataset: str | None = None,
    directed: bool = True,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a links table and its cities table written by :func:`write_links`.

    Parameters
    ----------
    links_path : path
        CSV with at least ``source`` and ``target`` (city ids).
    cities_path : path, optional
        CSV with a ``city`` id column and ``name``, ``country``, ...; defaults to the sibling
        ``<stem>.cities.csv``.
    dataset : str, optional
        Defaults to the links' ``dataset`` column.
    directed : bool, default True

    Returns
    -------
    (networkx.MultiDiGraph, LoadReport)

    Raises
    ------
    SchemaError
        Missing columns, links naming unknown cities, or values breaking the contract.

    Examples
    --------
    See :func:`write_links`.
    """
    links_path = Path(links_path)
    cpath = Path(cities_path) if cities_path is not None else _cities_path(links_path)
    try:
        links = _read_csv(links_path, _LINK_DTYPES)
        cities = _read_csv(cpath, _CITY_DTYPES)
    except (ValueError, pd.errors.ParserError) as err:
        raise SchemaError(
            format_problems(
                str(links_path),
                [f"cannot read the tables: {err}"],
                fix="pass the files written by write_links, or use read_links for other tables",
            )
        ) from None
    if "city" not in cities.columns:
        raise SchemaError(
            format_problems(
                str(cpath),
                [f"no 'city' id column; columns are {list(cities.columns)}"],
                fix="write the cities table with write_links",
            )
        )
    links = links.drop(columns=["key"], errors="ignore")
    try:
        G = graph_from_tables(links, cities, dataset=dataset, directed=directed, validate=True)
    except GraphContractError as err:
        raise SchemaError(str(err)) from None
    report = LoadReport(str(links_path), rows_read=len(links), links_kept=G.number_of_edges())
    report.notes.append(f"cities read from {cpath.name}: {len(cities)}")
    _finish(G, report)
    return G, report
