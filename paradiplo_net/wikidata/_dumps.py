"""Readers of bulk dumps: statement TSV crawls (L3viathan) and WIKIDATA12k; one_sided."""

from __future__ import annotations

import io
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import check_int
from ..errors import DatasetError, GraphContractError
from ..io._attrs import set_merged
from ..io._guard import total_reader
from ..io._text import read_text
from ..model import MIN_YEAR, LoadReport, add_tables, make_city_id, new_graph, table_from_records
from ._values import _OPEN_END_MARKERS, _QID_RE, _open_text, _Tally

#: Edge attributes of a statement that carries no date, phase or kind.
_UNDATED = {
    "year": None,
    "end_year": None,
    "phase": None,
    "phase_source": None,
    "kind": "unspecified",
}


def _build(
    dataset: str,
    report: LoadReport,
    cities: list[dict[str, Any]],
    ids: Iterable[str],
    links: list[dict[str, Any]],
) -> nx.MultiDiGraph:
    """The graph of a dump reader, through the model's one constructor."""
    G = new_graph(dataset=dataset, retrieved=None)
    add_tables(
        G,
        table_from_records(links),
        table_from_records(cities, index=ids),
        default_level="municipality",
    )
    report.links_kept = len(links)
    G.graph["rejected"] = report.n_rejected
    return G


# ------------------------------------------------------------------------ statements TSV


@total_reader(
    "statements TSV file",
    "pass a source_qid<TAB>target_qid file saved as UTF-8",
)
def read_statements_tsv(
    relations_path: str | os.PathLike[str] | io.TextIOBase,
    names_path: str | os.PathLike[str] | io.TextIOBase | None = None,
    *,
    dedupe: bool = True,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    r"""Read a ``source_qid<TAB>target_qid`` list of P190 statements (no header).

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
    >>> rel = io.StringIO("Q3955\tQ3138\nQ3138\tQ3955\nQ3955\tQ3138\nQ3955\tSiena\n")
    >>> names = io.StringIO("Q3955\tWeimar\nQ3138\tTrier\nQ2751\tSiena\n")
    >>> G, report = read_statements_tsv(rel, names)
    >>> sorted(G.edges())
    [('Q3138', 'Q3955'), ('Q3955', 'Q2751'), ('Q3955', 'Q3138')]
    >>> report.notes[0]
    '1 exact duplicate rows (same statement listed again) read once (dedupe=True)'
    """
    text, name = _open_text(relations_path)
    report = LoadReport(name)
    dataset = dataset or "wikidata-p190-statements"
    labels, by_label = _read_names_file(names_path, report)
    node_id = _NodeIds(by_label)
    edges = _read_relations(text, node_id, report, dedupe=dedupe)
    if node_id.n_resolved:
        report.notes.append(
            f"{node_id.n_resolved} cells held a label instead of a Q-id and "
            "were resolved to a Q-id through the names file"
        )
    if node_id.n_slug:
        report.notes.append(
            f"{node_id.n_slug} cells held a label that names no single item in "
            "the names file: kept as slug node ids '<label>|??'"
        )
    nodes = list(dict.fromkeys(n for u, v in edges for n in (u, v)))
    cities = _statement_cities(nodes, labels, node_id.label_of_slug(), report)
    links = [{"source": u, "target": v, **_UNDATED, "dataset": dataset} for u, v in edges]
    G = _build(dataset, report, cities, nodes, links)
    report.notes.append(
        "no dates, countries or coordinates in this format: year, end_year, "
        "country, lat, lon are None; level is 'municipality'"
    )
    return G, report


def _read_names_file(
    names_path: str | os.PathLike[str] | io.TextIOBase | None, report: LoadReport
) -> tuple[dict[str, str], dict[str, list[str]]]:
    """``qid<TAB>label`` lines -> (label of each Q-id, Q-ids of each label)."""
    labels: dict[str, str] = {}
    by_label: dict[str, list[str]] = defaultdict(list)
    if names_path is None:
        return labels, by_label
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
    return labels, by_label


class _NodeIds:
    """Cell -> node id: a Q-id as is, a label through the names file, else a slug (counted)."""

    def __init__(self, by_label: dict[str, list[str]]) -> None:
        self.by_label = by_label
        self.resolved: dict[str, str] = {}
        self.is_qid: dict[str, bool] = {}
        self.n_resolved = 0
        self.n_slug = 0

    def __call__(self, cell: str) -> str:
        ok = self.is_qid.get(cell)
        if ok is None:
            ok = self.is_qid[cell] = bool(_QID_RE.match(cell))
        if ok:
            return cell
        if cell not in self.resolved:
            qids = self.by_label.get(cell, [])
            self.resolved[cell] = qids[0] if len(qids) == 1 else make_city_id(cell, None)
        rid = self.resolved[cell]
        if _QID_RE.match(rid):
            self.n_resolved += 1
        else:
            self.n_slug += 1
        return rid

    def label_of_slug(self) -> dict[str, str]:
        """The label written in the cells of each slug (or resolved) id."""
        return {rid: cell for cell, rid in self.resolved.items()}


def _read_relations(
    text: str, node_id: _NodeIds, report: LoadReport, *, dedupe: bool
) -> list[tuple[str, str]]:
    """Statement rows -> ``(u, v)`` edges; bad rows rejected, duplicates and blanks noted."""
    seen: set[tuple[str, str]] = set()
    edges: list[tuple[str, str]] = []
    duplicates = blank = 0
    rejected_rows: list[dict[str, Any]] = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            blank += 1
            continue
        report.rows_read += 1
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            rejected_rows.append(
                {
                    "row": i,
                    "line": line,
                    "reason": f"expected 2 tab-separated fields, found {len(fields)}: "
                    f"{line[:80]!r}",
                }
            )
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
    if dedupe:
        set_merged(report, duplicates)
    if duplicates:
        report.notes.append(
            f"{duplicates} exact duplicate rows (same statement listed again) "
            + ("read once (dedupe=True)" if dedupe else "kept as parallel edges (dedupe=False)")
        )
    if blank:
        report.notes.append(f"{blank} blank lines skipped")
    return edges


def _statement_cities(
    nodes: list[str], labels: dict[str, str], slug_label: dict[str, str], report: LoadReport
) -> list[dict[str, Any]]:
    """City records of the statement nodes: Q-ids named from the names file, slugs by label."""
    cities = []
    unnamed = 0
    for n in nodes:
        if _QID_RE.match(n):
            label = labels.get(n)
            unnamed += label is None
            cities.append(
                {
                    "name": label or n,
                    "country": None,
                    "lat": None,
                    "lon": None,
                    "level": "municipality",
                    "wikidata": n,
                }
            )
        else:
            cities.append(
                {
                    "name": slug_label.get(n, n),
                    "country": None,
                    "lat": None,
                    "lon": None,
                    "level": "municipality",
                    "wikidata": None,
                }
            )
    if unnamed:
        report.notes.append(
            f"{unnamed} nodes have no label in the names file (named by their Q-id)"
        )
    return cities


# ------------------------------------------------------------------------ WIKIDATA12k


@total_reader(
    "WIKIDATA12k folder",
    "pass the folder of the released WIKIDATA12k files (train/valid/test.txt, entity2id.txt)",
)
def read_wikidata12k(
    folder: str | os.PathLike[str],
    *,
    relation_id: int = 5,
    open_end: int | None = 2022,
    dataset: str | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    r"""Read the P190 facts of the WIKIDATA12k temporal knowledge graph (the HyTE benchmark).

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
    >>> _ = (d / "entity2id.txt").write_text("Q1899\t0\nQ2079\t1\n")
    >>> facts = ["0\t5\t1\t1956\t1961", "0\t5\t1\t1961\t2022", "1\t6\t0\t1990\t2022"]
    >>> _ = (d / "train.txt").write_text("\n".join(facts) + "\n")
    >>> G, report = read_wikidata12k(d)
    >>> [(d["year"], d["end_year"]) for _, _, d in G.edges(data=True)]
    [(1956, 1961), (1961, None)]
    >>> print("\n".join(report.notes))
    1 facts of other relations ignored
    1 ordered pairs appear in several facts (kept as parallel edges)
    1 open ends (marker 2022) read as None
    """
    folder = Path(folder)
    splits = _check_folder(folder, relation_id)
    ids = _entity_ids(folder / "entity2id.txt")
    report = LoadReport(str(folder))
    _note_relation(folder / "relation2id.txt", relation_id, report)
    dataset = dataset or "wikidata12k"
    reader = _FactReader(ids, relation_id, open_end, report)
    links = [
        {**edge, "dataset": dataset, "split": split}
        for split in splits
        for edge in reader.read(split, read_text(folder / f"{split}.txt", encoding="utf-8"))
    ]
    report.reject_many(pd.DataFrame(reader.rejected))
    report.notes.append(f"{reader.other} facts of other relations ignored")
    pairs = Counter((e["source"], e["target"]) for e in links)
    if any(c > 1 for c in pairs.values()):
        report.notes.append(
            f"{sum(1 for c in pairs.values() if c > 1)} ordered pairs appear in "
            "several facts (kept as parallel edges)"
        )
    report.notes.extend(reader.tally.notes())
    nodes = list(dict.fromkeys(n for e in links for n in (e["source"], e["target"])))
    cities = [
        {
            "name": n,
            "country": None,
            "lat": None,
            "lon": None,
            "level": "municipality",
            "wikidata": n,
        }
        for n in nodes
    ]
    return _build(dataset, report, cities, nodes, links), report


def _check_folder(folder: Path, relation_id: int) -> list[str]:
    """The split files present; raise when the folder or entity2id.txt is missing."""
    if not folder.is_dir() or not (folder / "entity2id.txt").is_file():
        raise DatasetError(
            f"WIKIDATA12k folder {str(folder)!r}: expected a folder with entity2id.txt and "
            "train/valid/test.txt; fix the path (e.g. ../shared/data/wikidata12k-tkg)"
        )
    check_int("relation_id", relation_id, minimum=0)
    splits = [s for s in ("train", "valid", "test") if (folder / f"{s}.txt").is_file()]
    if not splits:
        raise DatasetError(
            f"WIKIDATA12k folder {str(folder)!r} has none of train.txt, "
            "valid.txt, test.txt; fix the path"
        )
    return splits


def _entity_ids(path: Path) -> dict[str, str]:
    """``Qid<TAB>int`` lines -> int id (as text) -> Q-id."""
    ids: dict[str, str] = {}
    for line in read_text(path, encoding="utf-8").splitlines():
        if line.strip():
            q, _, i = line.partition("\t")
            if _QID_RE.match(q.strip()):  # a malformed id: its facts name an unknown entity
                ids[i.strip()] = q.strip()
    return ids


def _note_relation(path: Path, relation_id: int, report: LoadReport) -> None:
    """Note when ``relation2id.txt`` says ``relation_id`` is not P190."""
    if not path.is_file():
        return
    for line in read_text(path, encoding="utf-8").splitlines():
        parts = line.split("\t")
        pid = parts[0].strip()
        if len(parts) >= 2 and parts[1].strip() == str(relation_id) and pid != "P190":
            report.notes.append(
                f"relation {relation_id} is {parts[0].strip()} ({'/'.join(parts[2:])}), not P190"
            )


class _FactReader:
    """Facts ``head rel tail start end`` of one relation -> edge records (rejects collected)."""

    def __init__(
        self, ids: dict[str, str], relation_id: int, open_end: int | None, report: LoadReport
    ) -> None:
        self.ids = ids
        self.relation = str(relation_id)
        self.open_markers = {*_OPEN_END_MARKERS, *([str(open_end)] if open_end is not None else [])}
        self.max_year = date.today().year
        self.report = report
        self.tally = _Tally()
        self.rejected: list[dict[str, Any]] = []
        self.other = 0

    def read(self, split: str, text: str) -> list[dict[str, Any]]:
        """Edge records (``source``, ``target``, years, ...) of one split file."""
        edges = []
        for ln, line in enumerate(text.splitlines(), 1):
            f = line.split("\t")
            if len(f) < 3 or f[1].strip() != self.relation:
                self.other += bool(line.strip())
                continue
            self.report.rows_read += 1
            edge = self._fact(f, self.report.rows_read, f"{split}:{ln}")
            if edge is not None:
                edges.append(edge)
        return edges

    def _ends(self, f: list[str]) -> tuple[str, str, str | None]:
        """Head and tail Q-ids of a fact, and why it is rejected (None when it is not)."""
        if len(f) != 5:
            return "", "", f"expected 5 fields, found {len(f)}"
        head, tail = self.ids.get(f[0].strip()), self.ids.get(f[2].strip())
        if head is None or tail is None:
            bad_id = f[0] if head is None else f[2]
            return "", "", f"entity id {bad_id!r} not in entity2id.txt"
        if head == tail:
            return head, tail, f"self-link: {head} -> {tail}"
        return head, tail, None

    def _fact(self, f: list[str], row: int, where: str) -> dict[str, Any] | None:
        head, tail, reason = self._ends(f)
        if reason is not None:
            self.rejected.append({"row": row, "where": where, "reason": reason})
            return None
        year = self._year("start", f[3].strip(), where)
        end_year = self._year("end", f[4].strip(), where)
        if year is not None and end_year is not None and end_year < year:
            self.tally.add("facts ending before they start: end_year read as None", where)
            end_year = None
        return {"source": head, "target": tail, **_UNDATED, "year": year, "end_year": end_year}

    def _year(self, what: str, raw: str, where: str) -> int | None:
        if what == "end" and raw in self.open_markers:
            self.tally.add(f"open ends (marker {raw}) read as None")
            return None
        if raw == "####":
            self.tally.add("unknown start years (####) read as None", where)
            return None
        try:
            y: int | None = int(raw)
        except ValueError:
            y = None
        if y is None or not MIN_YEAR <= y <= self.max_year:
            self.tally.add(
                f"{what} years unreadable or outside {MIN_YEAR}-{self.max_year}: read as None",
                f"{where} {raw!r}",
            )
            return None
        return y


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
