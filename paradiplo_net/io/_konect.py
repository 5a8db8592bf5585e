"""Reading KONECT network files (out.<name> and meta.<name>)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ..errors import SchemaError, format_problems
from ..model import LoadReport, add_tables, new_graph
from ._common import _finish
from ._guard import total_reader
from ._text import read_text

_EDGE_COLUMNS = (
    "source",
    "target",
    "year",
    "end_year",
    "phase",
    "phase_source",
    "kind",
    "dataset",
    "weight",
    "time",
)


@total_reader(
    "KONECT file",
    "pass a KONECT out.<name> file; with drop_invalid=True malformed lines are "
    "rejected into the report",
)
def read_konect(
    path: str | Path,
    *,
    dataset: str | None = None,
    drop_invalid: bool = False,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    r"""Read a KONECT network file ``out.<name>``.

    Format: ``%`` comment lines, the first stating the structure (``sym`` undirected,
    ``asym`` directed; optionally the weight type), an optional second ``% <edges> <nodes>
    <nodes>`` size line, then whitespace-separated ``from to [weight [time]]`` lines. Each line
    becomes one edge ``from -> to``; for ``sym`` networks ``G.graph["directed"]`` is False
    (the direction is only the file's order). A weight column is kept as the edge attribute
    ``weight``; a time column (Unix seconds) as ``time``, and its UTC calendar year as
    ``year`` (0 or negative times are read as unknown, counted). Nodes are the integer ids as
    strings (KONECT networks are anonymous): id and ``name`` ``"17"``, ``country``, ``lat``,
    ``lon`` None, and ``level="other"``, because KONECT does not document what the entities
    are (the ``twin`` network's Wikidata items include regions and provinces, not only
    municipalities). Ids below the node count given in the size line that have no edge are
    added as isolated nodes (counted). A ``meta.<name>`` file in the same folder is read into
    ``G.graph["konect_meta"]`` (a dict), its ``timeiso`` into ``G.graph["retrieved"]``.

    Parameters
    ----------
    path : path
        The ``out.*`` file.
    dataset : str, optional
        Defaults to ``"konect-<name>"``.
    drop_invalid : bool, default False
        Reject malformed lines and self-loops into the report instead of raising.

    Returns
    -------
    (networkx.MultiDiGraph, LoadReport)

    Raises
    ------
    SchemaError
        Empty file, bipartite networks (``bip``), lines that are not ``int int [...]``,
        self-loops (the contract has none).

    References
    ----------
    Kunegis, J. (2013). KONECT - The Koblenz Network Collection. *Proc. WWW Companion*,
    1343-1350. http://konect.cc/

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import paradiplo_net as pn
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp) / "out.demo"
    ...     _ = p.write_text("% sym unweighted\n% 2 3 3\n1 2\n2 3\n")
    ...     G, report = pn.io.read_konect(p)
    >>> G.number_of_nodes(), G.number_of_edges(), G.graph["directed"], G.graph["dataset"]
    (3, 2, False, 'konect-demo')
    """
    path = Path(path)
    name = path.name.split(".", 1)[1] if path.name.startswith("out.") else path.stem
    dataset = dataset or f"konect-{name}"
    label = str(path)
    text = read_text(path, encoding="utf-8", errors="replace")
    if not text.strip():
        raise SchemaError(
            format_problems(label, ["the file is empty"], fix="pass a KONECT out.* file")
        )
    lines = text.splitlines()
    notes: list[str] = []
    structure, directed, n_nodes = _header(lines, label, notes)
    report = LoadReport(label)
    edges, problems, n_rows = _edge_lines(lines, dataset, notes)
    report.rows_read = n_rows
    if n_rows == 0:
        raise SchemaError(
            format_problems(
                label,
                ["no edge lines after the % header"],
                fix="pass a KONECT out.* file with 'from to' lines",
            )
        )
    if problems:
        _reject_or_raise(problems, report, label, drop_invalid=drop_invalid)
    G = new_graph(dataset=dataset, retrieved=None, directed=directed)
    nodes = _node_ids(edges, n_nodes, notes)
    cities = pd.DataFrame(
        {"name": nodes, "country": None, "lat": None, "lon": None}, index=nodes, dtype=object
    )
    links = pd.DataFrame(
        {c: pd.Series([e.get(c) for e in edges], dtype=object) for c in _EDGE_COLUMNS}
    )
    # KONECT does not say what its entities are: their level is "other", not "municipality"
    add_tables(G, links, cities, default_level="other")
    _read_meta(G, path.with_name(f"meta.{name}"), notes)
    notes.insert(0, f"structure: {' '.join(structure) or 'unknown'} -> directed={directed}")
    report.links_kept = G.number_of_edges()
    report.notes.extend(notes)
    _finish(G, report)
    return G, report


def _header(lines: list[str], label: str, notes: list[str]) -> tuple[list[str], bool, int | None]:
    """Structure words, directedness and the node count (size line) from the % lines."""
    headers = [ln for ln in lines if ln.startswith("%")]
    structure = headers[0].lstrip("%").split() if headers else []
    if not structure:
        notes.append("no '% sym|asym' header line: read as directed (asym)")
    if structure and structure[0] == "bip":
        raise SchemaError(
            format_problems(
                label,
                ["bipartite network ('% bip'): not a network of cities"],
                fix="twinning networks are unipartite ('sym' or 'asym'); project the network first",
            )
        )
    directed = not (structure and structure[0] == "sym")
    n_nodes = None
    if len(headers) > 1:
        size = headers[1].lstrip("%").split()
        if len(size) >= 2 and all(s.isdigit() for s in size[:2]):
            n_nodes = int(size[1])
    return structure, directed, n_nodes


def _number(text: str) -> int | float:
    x = float(text)
    return int(x) if x.is_integer() else x


#: Unix time of 3000-01-01: later (or non-finite) times give no year.
_YEAR_3000 = 32_503_680_000


def _year_of(time: float, this_year: int) -> int | None:
    """UTC calendar year of a Unix time, None when not positive or implausible."""
    if not math.isfinite(time) or time <= 0 or time >= _YEAR_3000:
        return None  # 1e20 or NaN seconds: no calendar year (counted, not an OverflowError)
    y = datetime.fromtimestamp(time, tz=UTC).year
    return y if 1900 <= y <= this_year else None


def _edge_lines(
    lines: list[str], dataset: str, notes: list[str]
) -> tuple[list[dict[str, Any]], list[tuple[int, str]], int]:
    """Edge records, problems ``(row, text)`` and the number of data lines."""
    problems: list[tuple[int, str]] = []
    edges: list[dict[str, Any]] = []
    bad_time = row = 0
    this_year = date.today().year
    for ln in lines:
        if ln.startswith("%") or not ln.strip():
            continue
        row += 1
        parts = ln.split()
        try:
            u, v = int(parts[0]), int(parts[1])
            attrs = {a: _number(x) for a, x in zip(("weight", "time"), parts[2:4], strict=False)}
        except (ValueError, IndexError):
            problems.append((row, f"not 'from to [weight [time]]': {ln.strip()[:60]!r}"))
            continue
        if u == v:
            problems.append((row, f"self-loop {u} -> {u}"))
            continue
        y = _year_of(attrs["time"], this_year) if "time" in attrs else None
        bad_time += "time" in attrs and y is None
        edges.append(
            {
                "source": str(u),
                "target": str(v),
                "year": y,
                "end_year": None,
                "phase": None,
                "phase_source": None,
                "kind": "unspecified",
                "dataset": dataset,
                **attrs,
            }
        )
    if bad_time:
        notes.append(f"time: {bad_time} edge(s) with no usable timestamp: year None")
    return edges, problems, row


def _reject_or_raise(
    problems: list[tuple[int, str]], report: LoadReport, label: str, *, drop_invalid: bool
) -> None:
    if not drop_invalid:
        raise SchemaError(
            format_problems(
                label,
                [f"line {r} of the data: {t}" for r, t in problems],
                fix="KONECT lines are whitespace-separated integer ids 'from to [weight [time]]'; "
                "pass drop_invalid=True to reject bad lines into the report",
            )
        )
    report.reject_many(
        pd.DataFrame({"row": [r for r, _ in problems], "reason": [t for _, t in problems]})
    )


def _node_ids(edges: list[dict[str, Any]], n_nodes: int | None, notes: list[str]) -> list[str]:
    """Ids of the edges' ends, plus isolated ids up to the size line's count (noted)."""
    seen = {e[x] for e in edges for x in ("source", "target")}
    ordered = sorted(seen, key=int)
    largest = max((int(s) for s in seen), default=0)
    if n_nodes is not None and n_nodes > max(largest, 2 * len(edges) + 1000):
        # a header is not data: a 43-byte file declaring 10^7 nodes must not allocate them
        notes.append(
            f"size header declares {n_nodes} nodes but the data has {len(edges)} edge(s) with "
            f"ids up to {largest}: the isolated nodes it implies were not added"
        )
        n_nodes = None
    if n_nodes is not None and n_nodes > len(seen):
        extra = [str(i) for i in range(1, n_nodes + 1) if str(i) not in seen]
        if extra:
            notes.append(
                f"nodes: {len(extra)} isolated node(s) added from the size header "
                f"(ids 1..{n_nodes})"
            )
            ordered = sorted([*ordered, *extra], key=int)
    return ordered


def _read_meta(G: nx.MultiDiGraph, meta_path: Path, notes: list[str]) -> None:
    """``meta.<name>`` into ``G.graph["konect_meta"]``, its ``timeiso`` as ``retrieved``."""
    if not meta_path.exists():
        return
    meta = {}
    for ln in read_text(meta_path, encoding="utf-8", errors="replace").splitlines():
        if ":" in ln:
            k, v = ln.split(":", 1)
            meta[k.strip()] = v.strip()
    G.graph["konect_meta"] = meta
    G.graph["retrieved"] = meta.get("timeiso") or None
    notes.append(f"metadata read from {meta_path.name}")
