"""None and non-scalar attributes in GraphML/GEXF, and a file's graph -> contract graph."""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

import networkx as nx

from .._checks import is_missing
from ..model import LoadReport, validate_graph

_NONE_KEY = "_none"
_JSON_KEY = "_json"

#: Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF), and
#: the carriage return, which XML parsers turn into a newline in element text.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")

logger = logging.getLogger("paradiplo_net.io")


def xml_safe(text: str, what: str, replaced: list[str] | None = None) -> str:
    """``text`` with XML-invalid characters replaced by U+FFFD (for ids and labels; logged).

    Examples
    --------
    >>> xml_safe("Bad" + chr(1) + "Id", "node id") == "Bad" + chr(0xFFFD) + "Id"
    True
    """
    if not _XML_BAD.search(text):
        return text
    safe = _XML_BAD.sub("\ufffd", text)
    logger.warning("%s %r holds characters XML cannot store: written as %r", what, text, safe)
    if replaced is not None:
        replaced.append(f"{what} {text!r} -> {safe!r}")
    return safe


def _encode(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Make attributes storable: None -> listed in ``_none``; dict/list/tuple -> JSON."""
    out: dict[str, Any] = {}
    nones, jsons = [], []
    for k, raw in attrs.items():
        scalar = hasattr(raw, "item") and not isinstance(raw, (str, bytes, list, dict, tuple))
        v = raw.item() if scalar else raw
        if not isinstance(v, str) and is_missing(v):  # blank strings are stored as they are
            nones.append(k)
        elif isinstance(v, (dict, list, tuple, set)):
            value = sorted(v) if isinstance(v, set) else v
            text = json.dumps(value, default=str, ensure_ascii=False)
            if _XML_BAD.search(text):
                text = json.dumps(value, default=str, ensure_ascii=True)
            out[k] = text
            jsons.append(k)
        elif isinstance(v, str) and _XML_BAD.search(v):
            # stored as an ASCII JSON string (control characters as \uXXXX escapes), listed in
            # _json: valid XML, and read back exactly
            out[k] = json.dumps(v, ensure_ascii=True)
            jsons.append(k)
        elif isinstance(v, (bool, int, float, str)):
            out[k] = v
        else:
            out[k] = str(v)
    if nones:
        out[_NONE_KEY] = json.dumps(nones)
    if jsons:
        out[_JSON_KEY] = json.dumps(jsons)
    return out


def _decode_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(attrs)
    jsons = out.pop(_JSON_KEY, None)
    nones = out.pop(_NONE_KEY, None)
    if jsons:
        for k in json.loads(jsons):
            if k in out:
                out[k] = json.loads(out[k])
    if nones:
        for k in json.loads(nones):
            out[k] = None
    return out


#: Edge attributes a file may lack, with the value they get (``dataset``: the graph's).
_EDGE_DEFAULTS = (
    ("year", None),
    ("end_year", None),
    ("phase", None),
    ("phase_source", None),
    ("kind", "unspecified"),
)
#: Node attributes a file may lack, with the value they get (``name``: the label or the id).
#: The level is "other", not the constructor's "municipality": a foreign file does not say
#: what its entities are.
_NODE_DEFAULTS = (("country", None), ("lat", None), ("lon", None), ("level", "other"))


def set_merged(report: LoadReport, merged: int) -> None:
    """Record on ``report`` how many input rows were merged into an edge of another row.

    ``report.merged`` completes the count: ``rows_read == links_kept + n_rejected + merged``;
    each merge is explained in the notes.
    """
    report.merged = merged


def merged_of(report: LoadReport) -> int:
    """``report.merged``, 0 when the reader merged nothing."""
    return int(report.merged)


def _graph_of(H: nx.Graph, default_dataset: str, notes: list[str]) -> nx.MultiDiGraph:
    """An empty graph with the file's graph attributes and the contract's defaults."""
    G = nx.MultiDiGraph()
    G.graph.update(_decode_attrs(H.graph))
    G.graph.setdefault("dataset", default_dataset)
    G.graph.setdefault("retrieved", None)
    if "directed" not in G.graph:
        G.graph["directed"] = H.is_directed()
        if not H.is_directed():
            notes.append(
                "undirected file: each edge read as one edge in file order, directed=False"
            )
    G.graph.setdefault("rejected", 0)
    return G


def _add_file_nodes(G: nx.MultiDiGraph, H: nx.Graph) -> Counter[str]:
    """Copy the file's nodes, filling missing contract attributes; return what was filled."""
    filled: Counter[str] = Counter()
    for n, d in H.nodes(data=True):
        attrs = _decode_attrs(d)
        if "name" not in attrs:  # a label, if any, becomes the name
            attrs["name"] = str(attrs.pop("label", n))
            filled["name"] += 1
        for a, default in _NODE_DEFAULTS:
            if a not in attrs:
                attrs[a] = default
                filled[a] += 1
        G.add_node(str(n), **attrs)
    return filled


def _add_file_edges(G: nx.MultiDiGraph, H: nx.Graph) -> Counter[str]:
    """Copy the file's edges with their keys, filling missing attributes; return the counts."""
    filled: Counter[str] = Counter()
    it = (
        H.edges(keys=True, data=True)
        if H.is_multigraph()
        else ((u, v, None, d) for u, v, d in H.edges(data=True))
    )
    for u, v, k, d in it:
        attrs = _decode_attrs(d)
        for a, default in (*_EDGE_DEFAULTS, ("dataset", G.graph["dataset"])):
            if a not in attrs:
                attrs[a] = default
                filled[a] += 1
        if attrs["phase"] is not None and attrs["phase_source"] is None:
            attrs["phase_source"] = "recorded"
        key = attrs.pop("networkx_key", k)
        if key is not None and isinstance(key, str) and key.lstrip("-").isdigit():
            key = int(key)
        G.add_edge(str(u), str(v), key=key, **attrs)
    return filled


def _to_contract(
    H: nx.Graph,
    label: str,
    default_dataset: str,
    notes: list[str] | None = None,
    *,
    rows_read: int | None = None,
    rejected: list[tuple[int, str]] | None = None,
    merged: int = 0,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Turn a decoded graph from a file into a contract graph, filling what is missing.

    Not :func:`paradiplo_net.model.add_tables`: a file's graph keeps its own edge keys and
    its explicit None values (the round trip of :func:`write_graphml` / :func:`write_gexf`
    is exact), which the tables constructor renumbers and drops.
    """
    notes = list(notes or [])
    G = _graph_of(H, default_dataset, notes)
    filled_nodes = _add_file_nodes(G, H)
    filled_edges = _add_file_edges(G, H)
    if filled_nodes:
        notes.append(
            "nodes: attributes missing in the file set to defaults (name = label or id, "
            "level 'other', others None): "
            + ", ".join(f"{a} x{c}" for a, c in filled_nodes.items())
        )
    if filled_edges:
        notes.append(
            "edges: attributes missing in the file set to defaults (kind 'unspecified', "
            "others None): " + ", ".join(f"{a} x{c}" for a, c in filled_edges.items())
        )
    report = LoadReport(
        label,
        rows_read=G.number_of_edges() if rows_read is None else rows_read,
        links_kept=G.number_of_edges(),
        notes=notes,
    )
    for row, reason in rejected or []:
        report.reject(row, reason)
    set_merged(report, merged)
    # a file written by this package keeps its own graph attributes (round trip), including
    # the load_report of the original load; other files get this load's report
    G.graph.setdefault("load_report", report.summary())
    ys = [
        y
        for _, _, d in G.edges(data=True)
        for y in (d.get("year"), d.get("end_year"))
        if isinstance(y, int)
    ]
    validate_graph(G, min_year=min([1900, *ys]), max_year=max([date.today().year, *ys]))
    return G, report
