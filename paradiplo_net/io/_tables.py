"""The links and cities tables as CSV files: write_links and read_tables."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._files import atomic_path
from ..errors import GraphContractError, SchemaError, format_problems
from ..model import LoadReport, cities_from_graph, graph_from_tables, links_from_graph
from ._common import _finish, _shorten
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
    cpath = _cities_path(path)
    # CRLF line ends (RFC 4180): the csv writer then quotes every field holding a CR or LF,
    # so that a lone CR in a note survives; each file is written under a temporary name
    with atomic_path(path) as tmp:
        links.to_csv(tmp, index=False, lineterminator="\r\n")
    with atomic_path(cpath) as tmp:
        cities.to_csv(tmp, index=True, index_label="city", lineterminator="\r\n")
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


_INT_RE = re.compile(r"-?(0|[1-9][0-9]{0,17})")
#: An integer written as a float by pandas (a column with gaps), e.g. '1007311.0'.
_INT_FLOAT_RE = re.compile(r"-?[0-9]{1,15}\.0*")


def _exact_number(values: pd.Series) -> pd.Series | None:
    """The column as Int64 or float when every cell is written exactly so, else None."""
    cells = values.dropna()
    if cells.empty:
        return None
    if cells.map(lambda c: bool(_INT_RE.fullmatch(c))).all():
        return values.astype("Int64")
    try:
        floats = cells.astype(float)
    except ValueError:
        return None
    if all(repr(f) == c for f, c in zip(floats, cells, strict=True)):
        return values.astype(float)
    return None


def _typed(frame: pd.DataFrame, dtype: dict[str, Any], label: str) -> pd.DataFrame:
    """Known columns to their types (a bad cell names its row); other columns to numbers.

    A column outside ``dtype`` becomes numeric only when every cell is a number written
    exactly as Python writes it, so that '007' and '1.50' stay strings.
    """
    out = frame.copy()
    for col in frame.columns:
        want = dtype.get(col)
        if want is str:
            continue
        if want is None:
            exact = _exact_number(frame[col])
            if exact is not None:
                out[col] = exact
            continue
        cells = frame[col]
        ok = cells.dropna().map(_is_int if want == "Int64" else _is_float)
        if not ok.all():
            bad = [int(i) + 1 for i in ok.index[~ok]]
            raise SchemaError(
                format_problems(
                    label,
                    [
                        f"column {col!r}: {len(bad)} cell(s) are not "
                        f"{'integers' if want == 'Int64' else 'numbers'} (rows {_shorten(bad)}; "
                        f"first {cells[ok.index[~ok][0]]!r})"
                    ],
                    fix="write the tables with write_links, or correct these cells",
                )
            )
        out[col] = cells.map(_to_int).astype(want) if want == "Int64" else cells.astype(want)
    return out


def _is_int(cell: str) -> bool:
    return bool(_INT_RE.fullmatch(cell) or _INT_FLOAT_RE.fullmatch(cell))


def _to_int(cell: Any) -> Any:
    return cell if not isinstance(cell, str) else int(cell.split(".")[0])


def _is_float(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _read_csv(path: Path, dtype: dict[str, Any]) -> pd.DataFrame:
    """A CSV written by write_links (UTF-8, empty cell = missing), read through read_text."""
    text = read_text(path, encoding="utf-8-sig", label=str(path))
    frame = pd.read_csv(
        io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], index_col=False
    )
    return _typed(frame, dtype, str(path))


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
