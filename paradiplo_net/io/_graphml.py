"""GraphML files: write_graphml and read_graphml."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from .._files import atomic_path
from ..errors import SchemaError, format_problems
from ..model import LoadReport
from ._attrs import _encode, _to_contract, xml_safe
from ._guard import total_reader


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``G`` as GraphML (for Gephi, Cytoscape, yEd, igraph, ...).

    GraphML cannot store None, dicts or lists. Encoding (undone by :func:`read_graphml`):
    an attribute whose value is None is left out of its element's data and its name is
    listed in the element's string attribute ``_none`` (a JSON list, e.g.
    ``["end_year", "phase"]``); a dict, list or tuple value is stored as a JSON string and
    its name listed in ``_json``. The same holds for graph attributes (e.g. ``load_report``).
    Multigraph edge keys are the GraphML edge ids. A string value holding characters XML
    cannot store (control characters, a carriage return) is stored as an ASCII JSON string
    listed in ``_json``, so it reads back exactly; such characters in a node id or an edge
    key are replaced by U+FFFD (logged on the ``paradiplo_net.io`` logger). The file is
    written under a temporary name and renamed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pn.io.write_graphml(G, pathlib.Path(tmp) / "toy.graphml")
    ...     H, report = pn.io.read_graphml(p)
    >>> H.edges["E", "G", 0]["year"] is None, H.nodes["J"]["level"]
    (True, 'prefecture')
    """
    path = Path(path)
    H = nx.MultiDiGraph()
    H.graph.update(_encode(G.graph))
    ids = {n: xml_safe(str(n), "node id") for n in G.nodes}
    H.add_nodes_from((ids[n], _encode(d)) for n, d in G.nodes(data=True))
    H.add_edges_from(
        (ids[u], ids[v], xml_safe(k, "edge key") if isinstance(k, str) else k, _encode(d))
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    with atomic_path(path) as tmp:
        nx.write_graphml(H, tmp, encoding="utf-8", prettyprint=True)
    return path


@total_reader(
    "GraphML file",
    "pass a .graphml file (e.g. from write_graphml); open it in a text editor at the "
    "place named to repair it",
)
def read_graphml(path: str | Path) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a GraphML file written by :func:`write_graphml` (or any GraphML network).

    The ``_none``/``_json`` encoding of :func:`write_graphml` is undone, so a graph written
    by :func:`write_graphml` comes back identical, graph attributes included (a stored
    ``load_report`` describing the original load is kept; a file without one gets the report
    of this read). For files from other tools, missing contract
    attributes are set to defaults and counted in the report notes (node ``name`` from the
    ``label`` or the id, ``level="other"``, edge ``kind="unspecified"``, others None);
    an undirected file gives one edge per GraphML edge and ``directed=False``.

    Returns
    -------
    (networkx.MultiDiGraph, LoadReport)

    Raises
    ------
    SchemaError
        If the file is not GraphML.

    Examples
    --------
    See :func:`write_graphml`.
    """
    path = Path(path)
    try:
        H = nx.read_graphml(path, node_type=str, force_multigraph=True)
    except (nx.NetworkXError, ET.ParseError) as err:
        raise SchemaError(
            format_problems(
                str(path),
                [f"not a readable GraphML file: {err}"],
                fix="pass a .graphml file (e.g. from write_graphml)",
            )
        ) from None
    for k in ("node_default", "edge_default"):  # added by networkx's reader
        if H.graph.get(k) == {}:
            del H.graph[k]
    census = _census(path)
    return _to_contract(
        H,
        str(path),
        path.stem,
        census.notes,
        rows_read=census.rows,
        rejected=census.rejected,
        merged=census.merged,
    )


class _Census:
    """The <edge> elements of a GraphML file: which ones networkx reads, merges or skips.

    networkx reads the nodes and edges of the first top-level <graph> only, and merges
    edges with the same id between the same nodes; edges of a second <graph> or of a nested
    graph (a <graph> inside a <node>) are not read. Rows are the <edge> elements in document
    order (1-based).
    """

    def __init__(self, path: Path) -> None:
        root = ET.parse(path).getroot()
        ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
        self.q = (lambda t: f"{{{ns}}}{t}") if ns else (lambda t: t)
        graphs = root.findall(self.q("graph"))
        first = graphs[0] if graphs else None
        direct = {id(e) for e in first.findall(self.q("edge"))} if first is not None else set()
        nested = (
            {id(e) for e in first.iter(self.q("edge"))} - direct if first is not None else set()
        )
        self.rejected: list[tuple[int, str]] = []
        self.merged = 0
        self.notes: list[str] = []
        # networkx reads a graph without edgedefault="directed" as undirected
        undirected = first is not None and first.get("edgedefault") != "directed"
        seen: set[tuple[Any, ...]] = set()
        dups: list[str] = []
        self.rows = 0
        for row, el in enumerate(root.iter(self.q("edge")), start=1):
            self.rows = row
            src, tgt, eid = el.get("source"), el.get("target"), el.get("id")
            if id(el) in nested:
                self.rejected.append(
                    (row, f"edge {src} -> {tgt} in a nested graph: not read (flatten the graph)")
                )
            elif id(el) not in direct:
                self.rejected.append(
                    (
                        row,
                        f"edge {src} -> {tgt} in a second <graph>: only the first is read "
                        "(split the file, one graph each)",
                    )
                )
            elif eid is not None:
                ends = tuple(sorted((str(src), str(tgt)))) if undirected else (src, tgt)
                if (*ends, eid) in seen:
                    self.merged += 1
                    dups.append(f"{eid!r} ({src} -> {tgt}, row {row})")
                seen.add((*ends, eid))
        if dups:
            self.notes.append(
                f"merged: {len(dups)} edge(s) repeating the id of an earlier edge between the "
                f"same nodes, merged into it (later attributes win): {', '.join(dups[:5])}"
            )
        lost = sum(1 for g in graphs[1:] for _ in g.iter(self.q("node")))
        lost += sum(
            1
            for n in (first.findall(self.q("node")) if first is not None else [])
            for g in n.findall(self.q("graph"))
            for _ in g.iter(self.q("node"))
        )
        if lost:
            self.notes.append(f"nodes: {lost} node(s) of a second or nested <graph> not read")


def _census(path: Path) -> _Census:
    return _Census(path)
