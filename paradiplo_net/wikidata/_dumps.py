"""Readers of bulk dumps: statement TSV crawls, WIKIDATA12k; and one_sided."""

from __future__ import annotations

import io
import os
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import check_int
from ..errors import DatasetError, GraphContractError
from ..model import MIN_YEAR, LoadReport, make_city_id, new_graph
from ._values import _OPEN_END_MARKERS, _QID_RE, _open_text, _Tally


def read_statements_tsv(
    relations_path: str | os.PathLike[str] | io.TextIOBase,
    names_path: str | os.PathLike[str] | io.TextIOBase | None = None,
    *,
    dedupe: bool = True,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a ``source_qid<TAB>target_qid`` list of P190 statements (no header).

    The format of the L3viathan/sister-cities crawl (2016): each row is one P190 statement,
    the source the item carrying it. ``names_path`` (``qid<TAB>label``) gives node names; a
    node without a name is named by its Q-id (counted). A cell that is not a Q-id (a label
    written in place of an id) is resolved to a Q-id through the names file when the label
    names exactly one item, else kept as a slug node ``"<label>|??"`` (both counted). There
    are no years, countries or coordinates: ``year``, ``end_year``, ``country``, ``lat`` and
    ``lon`` are None, ``level`` is ``"municipality"``.

    Exact duplicate rows are the same statement listed twice: with ``dedupe=True`` (default)
    each is read once, with ``dedupe=False`` they are kept as parallel edges; either way their
    number is in ``report.notes``. Rows with a wrong number of fields and self-links are
    rejected; blank lines are skipped (counted).

    Parameters
    ----------
    relations_path : path or text buffer
    names_path : path or text buffer, optional
    dedupe : bool, default True
    dataset : str, optional
        Default ``"wikidata-p190-statements"``.

    Returns
    -------
    G : networkx.MultiDiGraph
    report : LoadReport
        Rows are the lines of ``relations_path``, 1-based.

    Raises
    ------
    DatasetError
        If a file does not exist.

    See Also
    --------
    one_sided : statements whose reverse is absent.

    Examples
    --------
    >>> import io
    >>> rel = io.StringIO("Q3955\\tQ3138\\nQ3138\\tQ3955\\nQ3955\\tQ3138\\nQ3955\\tSiena\\n")
    >>> names = io.StringIO("Q3955\\tWeimar\\nQ3138\\tTrier\\nQ2751\\tSiena\\n")
    >>> G, report = read_statements_tsv(rel, names)
    >>> sorted(G.edges())
    [('Q3138', 'Q3955'), ('Q3955', 'Q2751'), ('Q3955', 'Q3138')]
    >>> report.notes[0]
    '1 exact duplicate rows (same statement listed again) read once (dedupe=True)'
    """
    text, name = _open_text(relations_path)
    report = LoadReport(name)
    dataset = dataset or "wikidata-p190-statements"
    labels: dict[str, str] = {}
    by_label: dict[str, list[str]] = defaultdict(list)
    if names_path is not None:
        ntext, _ = _open_text(names_path)
        dup_names = 0
        for line in ntext.splitlines():
            if not line.strip():
                continue
            qid, _, label = line.partition("\t")
            qid, label = qid.strip(), label.strip()
            if qid in labels:
                dup_names += 1
                continue
            labels[qid] = label or qid
            if label:
                by_label[label].append(qid)
        if dup_names:
            report.notes.append(f"{dup_names} repeated ids in the names file (first label used)")
    resolved: dict[str, str] = {}
    n_resolved = n_slug = 0

    is_qid: dict[str, bool] = {}

    def node_id(cell: str) -> str:
        nonlocal n_resolved, n_slug
        ok = is_qid.get(cell)
        if ok is None:
            ok = is_qid[cell] = bool(_QID_RE.match(cell))
        if ok:
            return cell
        if cell not in resolved:
            qids = by_label.get(cell, [])
            if len(qids) == 1:
                resolved[cell] = qids[0]
            else:
                resolved[cell] = make_city_id(cell, None)
        rid = resolved[cell]
        if _QID_RE.match(rid):
            n_resolved += 1
        else:
            n_slug += 1
        return rid

    lines = text.splitlines()
    seen: set[tuple[str, str]] = set()
    edges: list[tuple[str, str]] = []
    duplicates = blank = 0
    rejected_rows: list[dict[str, Any]] = []
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            blank += 1
            continue
        report.rows_read += 1
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            rejected_rows.append({
                "row": i, "line": line,
                "reason": f"expected 2 tab-separated fields, found {len(fields)}: {line[:80]!r}",
            })
            continue
        u, v = node_id(fields[0].strip()), node_id(fields[1].strip())
        if u == v:
            rejected_rows.append({"row": i, "reason": f"self-link: {u} -> {v}", "line": line})
            continue
        if (u, v) in seen:
            duplicates += 1
            if dedupe:
                continue
        seen.add((u, v))
        edges.append((u, v))
    report.reject_many(pd.DataFrame(rejected_rows))
    if duplicates:
        report.notes.append(
            f"{duplicates} exact duplicate rows (same statement listed again) "
            + ("read once (dedupe=True)" if dedupe else "kept as parallel edges (dedupe=False)")
        )
    if blank:
        report.notes.append(f"{blank} blank lines skipped")
    if n_resolved:
        report.notes.append(f"{n_resolved} cells held a label instead of a Q-id and were resolved "
                            "to a Q-id through the names file")
    if n_slug:
        report.notes.append(f"{n_slug} cells held a label that names no single item in the names "
                            "file: kept as slug node ids '<label>|??'")
    G = new_graph(dataset=dataset, retrieved=None)
    nodes: dict[str, None] = {}
    for u, v in edges:
        nodes.setdefault(u, None)
        nodes.setdefault(v, None)
    unnamed = 0
    slug_label = {rid: cell for cell, rid in resolved.items()}
    node_rows = []
    for n in nodes:
        if _QID_RE.match(n):
            label = labels.get(n)
            if label is None:
                unnamed += 1
            node_rows.append((n, {"name": label or n, "country": None, "lat": None, "lon": None,
                                  "level": "municipality", "wikidata": n}))
        else:
            node_rows.append((n, {"name": slug_label.get(n, n), "country": None, "lat": None,
                                  "lon": None, "level": "municipality"}))
    if unnamed:
        report.notes.append(
            f"{unnamed} nodes have no label in the names file (named by their Q-id)")
    G.add_nodes_from(node_rows)
    base = {"year": None, "end_year": None, "phase": None, "phase_source": None,
            "kind": "unspecified", "dataset": dataset}
    G.add_edges_from((u, v, dict(base)) for u, v in edges)
    report.links_kept = len(edges)
    report.notes.append("no dates, countries or coordinates in this format: year, end_year, "
                        "country, lat, lon are None; level is 'municipality'")
    G.graph["rejected"] = report.n_rejected
    return G, report


# --------------------------------------------------------------------------------------
# WIKIDATA12k
# --------------------------------------------------------------------------------------


def read_wikidata12k(
    folder: str | os.PathLike[str],
    *,
    relation_id: int = 5,
    open_end: int | None = 2022,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read the P190 facts of the WIKIDATA12k temporal knowledge graph [4]_.

    ``folder`` holds ``train.txt``, ``valid.txt``, ``test.txt`` (tab-separated
    ``head rel tail start end``, integer ids) and ``entity2id.txt`` (``Qid<TAB>int``).
    Facts with ``rel == relation_id`` (5 is P190 in the released ``relation2id.txt``) become
    edges ``head -> tail`` with ``year = start`` and ``end_year = end``, and the split in the
    edge attribute ``split``. Facts of other relations are ignored (counted).

    An open end is written as a marker: ``3000`` or ``####`` in the original release,
    ``2022`` in the TILP copy. Ends equal to ``open_end`` (default 2022), ``3000`` or
    ``####`` are read as None (counted); pass ``open_end=None`` to read 2022 as a real year.
    A start of ``####`` is read as None. The same pair in two facts (a link re-dated) gives
    parallel edges. Node names are Q-ids (the benchmark has no labels), countries None.

    Parameters
    ----------
    folder : path
    relation_id : int, default 5
    open_end : int, optional
        End year meaning "not ended".
    dataset : str, optional
        Default ``"wikidata12k"``.

    Returns
    -------
    G : networkx.MultiDiGraph
    report : LoadReport
        ``rows_read`` counts the facts of ``relation_id``; rows are ``"<split>:<line>"``
        in ``report.rejected["where"]`` and the running number of such facts in ``row``.

    Raises
    ------
    DatasetError
        If the folder or ``entity2id.txt`` is missing, or no split file exists.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "entity2id.txt").write_text("Q1899\\t0\\nQ2079\\t1\\n")
    >>> facts = ["0\\t5\\t1\\t1956\\t1961", "0\\t5\\t1\\t1961\\t2022", "1\\t6\\t0\\t1990\\t2022"]
    >>> _ = (d / "train.txt").write_text("\\n".join(facts) + "\\n")
    >>> G, report = read_wikidata12k(d)
    >>> [(d["year"], d["end_year"]) for _, _, d in G.edges(data=True)]
    [(1956, 1961), (1961, None)]
    >>> print("\\n".join(report.notes))
    1 facts of other relations ignored
    1 ordered pairs appear in several facts (kept as parallel edges)
    1 open ends (marker 2022) read as None
    """
    folder = Path(folder)
    ent_path = folder / "entity2id.txt"
    if not folder.is_dir() or not ent_path.is_file():
        raise DatasetError(
            f"WIKIDATA12k folder {str(folder)!r}: expected a folder with entity2id.txt and "
            "train/valid/test.txt; fix the path (e.g. ../shared/data/wikidata12k-tkg)"
        )
    check_int("relation_id", relation_id, minimum=0)
    splits = [s for s in ("train", "valid", "test") if (folder / f"{s}.txt").is_file()]
    if not splits:
        raise DatasetError(f"WIKIDATA12k folder {str(folder)!r} has none of train.txt, "
                           "valid.txt, test.txt; fix the path")
    ids: dict[str, str] = {}
    for line in ent_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            q, _, i = line.partition("\t")
            ids[i.strip()] = q.strip()
    report = LoadReport(str(folder))
    rel_file = folder / "relation2id.txt"
    if rel_file.is_file():
        for line in rel_file.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            pid = parts[0].strip()
            if len(parts) >= 2 and parts[1].strip() == str(relation_id) and pid != "P190":
                report.notes.append(f"relation {relation_id} is {parts[0].strip()} "
                                    f"({'/'.join(parts[2:])}), not P190")
    dataset = dataset or "wikidata12k"
    open_markers = {*_OPEN_END_MARKERS, *([str(open_end)] if open_end is not None else [])}
    max_year = date.today().year
    tally = _Tally()
    rejected: list[dict[str, Any]] = []
    edges = []
    other = 0
    for split in splits:
        lines = (folder / f"{split}.txt").read_text(encoding="utf-8").splitlines()
        for ln, line in enumerate(lines, 1):
            f = line.split("\t")
            if len(f) < 3 or f[1].strip() != str(relation_id):
                other += bool(line.strip())
                continue
            report.rows_read += 1
            row, where = report.rows_read, f"{split}:{ln}"
            if len(f) != 5:
                rejected.append({"row": row, "where": where,
                                 "reason": f"expected 5 fields, found {len(f)}"})
                continue
            head, tail = ids.get(f[0].strip()), ids.get(f[2].strip())
            if head is None or tail is None:
                bad_id = f[0] if head is None else f[2]
                rejected.append({"row": row, "where": where,
                                 "reason": f"entity id {bad_id!r} not in entity2id.txt"})
                continue
            if head == tail:
                rejected.append({"row": row, "where": where,
                                 "reason": f"self-link: {head} -> {tail}"})
                continue
            years: list[int | None] = []
            for what, raw in (("start", f[3].strip()), ("end", f[4].strip())):
                if what == "end" and raw in open_markers:
                    tally.add(f"open ends (marker {raw}) read as None")
                    years.append(None)
                    continue
                if raw == "####":
                    tally.add("unknown start years (####) read as None", where)
                    years.append(None)
                    continue
                try:
                    y = int(raw)
                except ValueError:
                    y = None
                if y is None or not MIN_YEAR <= y <= max_year:
                    tally.add(f"{what} years unreadable or outside {MIN_YEAR}-{max_year}: "
                              "read as None",
                              f"{where} {raw!r}")
                    y = None
                years.append(y)
            year, end_year = years
            if year is not None and end_year is not None and end_year < year:
                tally.add("facts ending before they start: end_year read as None", where)
                end_year = None
            edges.append((head, tail, {"year": year, "end_year": end_year, "phase": None,
                                       "phase_source": None, "kind": "unspecified",
                                       "dataset": dataset, "split": split}))
    report.reject_many(pd.DataFrame(rejected))
    report.notes.append(f"{other} facts of other relations ignored")
    pairs = Counter((u, v) for u, v, _ in edges)
    if any(c > 1 for c in pairs.values()):
        report.notes.append(f"{sum(1 for c in pairs.values() if c > 1)} ordered pairs appear in "
                            "several facts (kept as parallel edges)")
    report.notes.extend(tally.notes())
    G = new_graph(dataset=dataset, retrieved=None)
    for u, v, _ in edges:
        for n in (u, v):
            if n not in G:
                G.add_node(n, name=n, country=None, lat=None, lon=None, level="municipality",
                           wikidata=n)
    G.add_edges_from(edges)
    report.links_kept = len(edges)
    G.graph["rejected"] = report.n_rejected
    return G, report


def one_sided(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Statements whose reverse statement is absent (for reciprocity reports).

    An edge ``u -> v`` is one-sided when the graph has no edge ``v -> u``: ``u``'s record
    lists ``v`` but not the other way round. Parallel edges are each listed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A directed contract graph (``G.graph["directed"]`` not False).

    Returns
    -------
    pandas.DataFrame
        One row per one-sided edge: ``source``, ``target``, ``key``, ``source_name``,
        ``target_name``, ``year`` (nullable ``Int64``), in edge order.

    Raises
    ------
    GraphContractError
        If the graph's direction carries no meaning (``G.graph["directed"] is False``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> table = one_sided(pn.datasets.load("toy"))
    >>> len(table), table.columns.tolist()[:3]
    (10, ['source', 'target', 'key'])
    """
    if G.graph.get("directed") is False:
        raise GraphContractError(
            "one_sided: expected a graph whose edge direction records who lists whom, found "
            f"G.graph['directed'] = False (dataset {G.graph.get('dataset')!r}); every pair of an "
            "undirected source would count as one-sided. Fix: use a directed source."
        )
    rows = [
        (u, v, k, G.nodes[u].get("name"), G.nodes[v].get("name"), d.get("year"))
        for u, v, k, d in G.edges(keys=True, data=True)
        if not G.has_edge(v, u)
    ]
    cols = ["source", "target", "key", "source_name", "target_name", "year"]
    table = pd.DataFrame([r[:5] for r in rows], columns=cols[:5], dtype=object)
    table["key"] = pd.array([r[2] for r in rows], dtype="int64")
    table["year"] = pd.array([r[5] for r in rows], dtype="Int64")
    return table
