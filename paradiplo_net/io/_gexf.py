"""GEXF 1.2, static or dynamic (own writer/reader: networkx cannot write integer time spells)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from .._files import atomic_path
from ..errors import SchemaError, format_problems
from ..model import LoadReport
from ._attrs import _encode, _to_contract, xml_safe
from ._guard import total_reader

_GEXF_NS = "http://www.gexf.net/1.2draft"
_GRAPH_ATTRS_PREFIX = "paradiplo_net graph attributes: "


def _gexf_type(values: list[Any]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_value(v: Any, typ: str) -> str:
    if typ == "boolean":
        return "true" if v else "false"
    return repr(float(v)) if typ == "double" else str(v)


def _declare(parent: ET.Element, cls: str, rows: list[dict[str, Any]]) -> dict[str, str]:
    values: dict[str, list[Any]] = {}
    for d in rows:
        for k, v in d.items():
            values.setdefault(k, []).append(v)
    types = {k: _gexf_type(v) for k, v in values.items()}
    el = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
    for k, t in types.items():
        ET.SubElement(el, "attribute", {"id": k, "title": k, "type": t})
    return types


def _attvalues(parent: ET.Element, d: dict[str, Any], types: dict[str, str]) -> None:
    if d:
        av = ET.SubElement(parent, "attvalues")
        for k, v in d.items():
            ET.SubElement(av, "attvalue", {"for": k, "value": _gexf_value(v, types[k])})


def _node_starts(G: nx.MultiDiGraph) -> dict[str, int | None]:
    """First year of each node's links; None when one of its links is undated."""
    node_start: dict[str, int | None] = {}
    for u, v, d in G.edges(data=True):
        y = d.get("year")
        for x in (str(u), str(v)):
            if y is None or x not in node_start:
                node_start[x] = y
            elif (start := node_start[x]) is not None:
                node_start[x] = min(start, y)
    return node_start


def _edge_spell(y: int | None, e: int | None) -> dict[str, Any] | None:
    """The spell of a dated edge (``end = end_year - 1``), None for an undated one."""
    if y is None:
        return None
    spell: dict[str, Any] = {"start": str(y), "_same_year": False}
    if e is not None:
        spell["_same_year"] = e <= y
        spell["end"] = str(max(e - 1, y))
    return spell


def _description(G: nx.MultiDiGraph, *, dynamic: bool, undated: int, same_year: int) -> str:
    """The human-readable first line of ``<meta><description>``."""
    text = (
        f"{G.graph.get('dataset', '')}: {G.number_of_nodes()} cities, {G.number_of_edges()} links"
    )
    if dynamic:
        text += (
            f"; dynamic: {G.number_of_edges() - undated} dated link(s) as spells "
            f"[year, end_year - 1], {undated} undated link(s) without spell (always shown)"
        )
        if same_year:
            text += f", {same_year} link(s) ended in their start year shown for that year"
    return text


def write_gexf(G: nx.MultiDiGraph, path: str | Path, *, dynamic: bool = False) -> Path:
    """Write ``G`` as GEXF 1.2 for Gephi, optionally dynamic so its timeline replays history.

    Attributes are GEXF attvalues, typed ``integer``/``double``/``boolean``/``string`` from
    their values; None, dicts and lists are encoded as in :func:`write_graphml` (``_none`` and
    ``_json`` attributes). Graph attributes are stored as a JSON line in
    ``<meta><description>``. Characters XML cannot store are handled as in
    :func:`write_graphml` (values exact, ids and labels with U+FFFD, logged). The multigraph
    key is the edge attribute ``networkx_key`` (the
    convention :func:`networkx.read_gexf` understands).

    With ``dynamic=True`` the graph has ``mode="dynamic"`` and ``timeformat="integer"``, and:

    * each dated edge gets one ``<spell start="year">``, with ``end="end_year - 1"`` when it
      ended (GEXF spells are inclusive, and in the contract a link is no longer active in its
      end year; a link formed and ended in the same year gets ``end="year"``), open-ended
      otherwise;
    * **undated edges get no spell**, which Gephi treats as present at every time: they are
      not hidden, since their existence is known, only not their date. They are counted in
      the ``<description>``;
    * a node gets ``<spell start=...>`` (open-ended) from its earliest dated link when all of
      its links are dated; otherwise (an undated link, or no link) no spell.

    Returns
    -------
    Path

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import xml.etree.ElementTree as ET
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pn.io.write_gexf(G, pathlib.Path(tmp) / "toy.gexf", dynamic=True)
    ...     root = ET.parse(p).getroot()
    >>> ns = {"g": "http://www.gexf.net/1.2draft"}
    >>> graph = root.find("g:graph", ns)
    >>> graph.get("mode"), graph.get("timeformat")
    ('dynamic', 'integer')
    >>> sorted((s.get("start"), s.get("end")) for s in root.iter("{%s}spell" % ns["g"])
    ...        if s.get("end"))   # F -> B, 1990 to 2022: last active year 2021
    [('1990', '2021')]
    """
    from .. import __version__

    path = Path(path)
    root = ET.Element("gexf", {"xmlns": _GEXF_NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, "creator").text = f"paradiplo_net {__version__}"
    graph_el_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_el_attrs["timeformat"] = "integer"
    graph_el = ET.Element("graph", graph_el_attrs)

    ids = {n: xml_safe(str(n), "node id") for n in G.nodes}
    nodes = [(ids[n], _encode(d)) for n, d in G.nodes(data=True)]
    edges = [
        (ids[u], ids[v], k, _encode({**d, "networkx_key": k}))
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    ntypes = _declare(graph_el, "node", [d for _, d in nodes])
    etypes = _declare(graph_el, "edge", [d for *_, d in edges])

    node_start = _node_starts(G) if dynamic else {}
    nodes_el = ET.SubElement(graph_el, "nodes")
    for (nid, d), (_, raw) in zip(nodes, G.nodes(data=True), strict=True):
        label = xml_safe(str(raw.get("name") or nid), "label")
        el = ET.SubElement(nodes_el, "node", {"id": nid, "label": label})
        _attvalues(el, d, ntypes)
        if dynamic and node_start.get(nid) is not None:
            ET.SubElement(ET.SubElement(el, "spells"), "spell", {"start": str(node_start[nid])})
    edges_el = ET.SubElement(graph_el, "edges")
    undated_edges = same_year = 0
    for i, ((u, v, _k, d), (_, _, raw)) in enumerate(zip(edges, G.edges(data=True), strict=True)):
        el = ET.SubElement(edges_el, "edge", {"id": str(i), "source": u, "target": v})
        _attvalues(el, d, etypes)
        if dynamic:
            spell = _edge_spell(raw.get("year"), raw.get("end_year"))
            undated_edges += spell is None
            if spell is not None:
                same_year += int(spell.pop("_same_year"))
                ET.SubElement(ET.SubElement(el, "spells"), "spell", spell)
    description = _description(G, dynamic=dynamic, undated=undated_edges, same_year=same_year)
    ET.SubElement(meta, "description").text = (
        description + "\n" + _GRAPH_ATTRS_PREFIX + json.dumps(_encode(G.graph), ensure_ascii=False)
    )
    root.append(graph_el)
    ET.indent(root)
    with atomic_path(path) as tmp:
        ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
    return path


def _gexf_graph(path: Path) -> tuple[ET.Element, Callable[[str], str], ET.Element]:
    """``(root, qualified-name function, <graph> element)``; SchemaError if not GEXF."""
    fix = "pass a .gexf file (e.g. from write_gexf)"
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise SchemaError(
            format_problems(str(path), [f"not a readable XML file: {err}"], fix=fix)
        ) from None
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""

    def q(tag: str) -> str:
        return f"{{{ns}}}{tag}" if ns else tag

    graph_el = root.find(q("graph"))
    if root.tag != q("gexf") or graph_el is None:
        raise SchemaError(format_problems(str(path), ["no <gexf><graph> element"], fix=fix))
    return root, q, graph_el


def _typed(raw: str, typ: str) -> Any:
    """An attvalue read with its declared GEXF type."""
    if typ in ("integer", "long", "short", "byte"):
        return int(raw)
    if typ in ("double", "float"):
        return float(raw)
    if typ == "boolean":
        return raw.strip().lower() == "true"
    return raw


class _AttValues:
    """The declared attributes of a <graph> and the typed attvalues of its elements."""

    def __init__(self, graph_el: ET.Element, q: Callable[[str], str]) -> None:
        self.q = q
        self.types: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
        for at in graph_el.findall(q("attributes")):
            for a in at.findall(q("attribute")):
                self.types[at.get("class", "node")][a.get("id", "")] = (
                    str(a.get("title") or a.get("id", "")),
                    a.get("type", "string"),
                )

    def values(self, el: ET.Element, cls: str) -> dict[str, Any]:
        """Attribute title -> typed value of one node or edge element."""
        out: dict[str, Any] = {}
        av = el.find(self.q("attvalues"))
        for a in av.findall(self.q("attvalue")) if av is not None else []:
            title, typ = self.types[cls].get(a.get("for", ""), (a.get("for", ""), "string"))
            out[title] = _typed(a.get("value", ""), typ)
        return out


class _EdgeCount:
    """Rows (<edge> elements), rejections and notes of a GEXF read."""

    def __init__(self) -> None:
        self.rows = 0
        self.from_spell = 0
        self.rekeyed: list[str] = []
        self.gephi: Counter[str] = Counter()
        self.rejected: list[tuple[int, str]] = []

    def notes(self) -> list[str]:
        out = []
        if self.from_spell:
            out.append(f"year: {self.from_spell} edge(s) dated from their first spell start")
        if self.rekeyed:
            out.append(
                f"edges: {len(self.rekeyed)} edge(s) repeat the key of an earlier edge between "
                "the same nodes; kept as parallel edges with new keys: "
                + ", ".join(self.rekeyed[:5])
            )
        if self.gephi:
            out.append(
                "edges: Gephi's edge attributes kept as edge attributes: "
                + ", ".join(f"{k} x{c}" for k, c in sorted(self.gephi.items()))
            )
        return out


def _gephi_attrs(el: ET.Element, d: dict[str, Any], count: _EdgeCount) -> None:
    """Gephi's ``weight`` and ``label`` XML attributes of an <edge> into its attributes."""
    for name in ("weight", "label"):
        raw = el.get(name)
        if raw is None or name in d:
            continue
        if name == "weight":
            try:
                d[name] = float(raw)
            except ValueError:
                d[name] = raw
        else:
            d[name] = raw
        count.gephi[name] += 1


def _add_gexf_edges(
    H: nx.MultiGraph, graph_el: ET.Element, q: Callable[[str], str], reader: _AttValues
) -> _EdgeCount:
    """Add the <edge> elements to ``H``; count rows, rejections, new keys, spell years."""
    count = _EdgeCount()
    edges_el = graph_el.find(q("edges"))
    directed = isinstance(H, nx.MultiDiGraph)
    for row, el in enumerate(edges_el.findall(q("edge")) if edges_el is not None else [], 1):
        count.rows = row
        src, tgt = el.get("source"), el.get("target")
        if not src or not tgt:
            count.rejected.append((row, f"edge without source or target ({src!r} -> {tgt!r})"))
            continue
        d = reader.values(el, "edge")
        _gephi_attrs(el, d, count)
        spell = el.find(f"{q('spells')}/{q('spell')}")
        start = spell.get("start") if spell is not None else None
        if "year" not in d and start is not None and start.lstrip("-").isdigit():
            d["year"] = int(start)
            count.from_spell += 1
        if "key" in d:  # an attribute titled 'key' would clash with networkx's edge key
            d["key_"] = d.pop("key")
            count.gephi["key (as key_)"] += 1
        key = d.pop("networkx_key", None)
        if key is not None and H.has_edge(src, tgt, key):
            count.rekeyed.append(f"{key!r} ({src} -> {tgt}, row {row})")
            key = None  # never merged into the earlier edge
        if el.get("type") == "undirected" and directed and "directed" not in H.graph:
            H.graph["directed"] = False
        H.add_edge(src, tgt, key=key, **d)
    return count


@total_reader(
    "GEXF file",
    "pass a .gexf file (e.g. from write_gexf or Gephi); open it in a text editor at "
    "the place named to repair it",
)
def read_gexf(path: str | Path) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a GEXF file written by :func:`write_gexf` (static or dynamic) or by Gephi.

    Attvalues are read with their declared types; the ``_none``/``_json`` encoding and the
    graph attributes in ``<meta><description>`` are restored, so a graph written by
    :func:`write_gexf` comes back identical (spells are not needed for that: ``year`` and
    ``end_year`` are attributes). For files from other tools, missing contract attributes are
    filled as in :func:`read_graphml`, and a dated edge's first spell start becomes its
    ``year`` when it has no ``year`` attribute (counted).

    Returns
    -------
    (networkx.MultiDiGraph, LoadReport)

    Raises
    ------
    SchemaError
        If the file is not GEXF.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     H, report = pn.io.read_gexf(pn.io.write_gexf(G, pathlib.Path(tmp) / "t.gexf"))
    >>> sorted(H.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    True
    """
    path = Path(path)
    root, q, graph_el = _gexf_graph(path)
    H: nx.MultiDiGraph | nx.MultiGraph = (
        nx.MultiGraph() if graph_el.get("defaultedgetype") == "undirected" else nx.MultiDiGraph()
    )
    desc = root.find(f"{q('meta')}/{q('description')}")
    if desc is not None and desc.text:
        for ln in desc.text.splitlines():
            if ln.startswith(_GRAPH_ATTRS_PREFIX):
                H.graph.update(json.loads(ln[len(_GRAPH_ATTRS_PREFIX) :]))
    reader = _AttValues(graph_el, q)
    nodes_el = graph_el.find(q("nodes"))
    for el in nodes_el.findall(q("node")) if nodes_el is not None else []:
        d = reader.values(el, "node")
        if "name" not in d and el.get("label"):
            d["label"] = el.get("label")
        H.add_node(el.get("id"), **d)
    count = _add_gexf_edges(H, graph_el, q, reader)
    return _to_contract(
        H, str(path), path.stem, count.notes(), rows_read=count.rows, rejected=count.rejected
    )
