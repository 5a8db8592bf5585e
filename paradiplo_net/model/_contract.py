"""The contract's vocabulary (Phase, levels, kinds, columns), city ids, LoadReport, validation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import check_graph, is_missing
from ..errors import GraphContractError, format_problems


class Phase(StrEnum):
    """O'Toole's three overlapping phases of twinning.

    ``associative`` (friendship, culture), ``reciprocal`` (education and people exchange),
    ``commercial`` (trade, investment, economic or technical development).

    References
    ----------
    O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister
    city type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

    Examples
    --------
    >>> Phase("commercial") is Phase.COMMERCIAL
    True
    >>> [p.value for p in Phase]
    ['associative', 'reciprocal', 'commercial']
    """

    ASSOCIATIVE = "associative"
    RECIPROCAL = "reciprocal"
    COMMERCIAL = "commercial"


PHASES: tuple[str, ...] = tuple(p.value for p in Phase)

#: Administrative level of a node.
LEVELS: tuple[str, ...] = (
    "municipality",
    "district",
    "county",
    "province",
    "prefecture",
    "state",
    "region",
    "other",
)

#: Kind of agreement on an edge.
KINDS: tuple[str, ...] = (
    "twin_town",
    "sister_city",
    "friendship_city",
    "partnership",
    "cooperation",
    "contact",
    "unspecified",
)

#: Column order of the links table (:func:`links_from_graph`).
LINK_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "key",
    "year",
    "end_year",
    "phase",
    "phase_source",
    "kind",
    "dataset",
    "sectors",
    "note",
    "ref",
)

#: Column order of the cities table (:func:`cities_from_graph`); the index is the city id.
CITY_COLUMNS: tuple[str, ...] = (
    "name",
    "country",
    "lat",
    "lon",
    "level",
    "wikidata",
    "geonames",
    "population",
)

REQUIRED_NODE = ("name", "country", "lat", "lon", "level")
REQUIRED_EDGE = ("year", "end_year", "phase", "phase_source", "kind", "dataset")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_QID_RE = re.compile(r"^Q[1-9]\d*$")
_PHASE_SOURCE_RE = re.compile(r"^(recorded|inferred:[\w\-.]+)$")

#: Years outside this range are rejected by the validators unless explicitly allowed.
MIN_YEAR = 1900


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).strip()
    return re.sub(r"\s+", " ", text)


def make_city_id(
    name: str,
    country: str | None,
    *,
    wikidata: str | None = None,
    geonames: int | str | None = None,
) -> str:
    """Return the stable node id of a city.

    A Wikidata Q-id where known, else ``gn:<GeoNames id>``, else ``"<name>|<CC>"``
    (``"<name>|??"`` when the country is unknown).

    Examples
    --------
    >>> make_city_id("Weimar", "DE", wikidata="Q3955")
    'Q3955'
    >>> make_city_id("Coventry", "GB", geonames=2652221)
    'gn:2652221'
    >>> make_city_id(" Poix-du-Nord ", "fr")
    'Poix-du-Nord|FR'
    """
    if wikidata and not is_missing(wikidata):
        return str(wikidata)
    if geonames is not None and not is_missing(geonames):
        return f"gn:{int(geonames)}"
    cc = str(country).upper() if country and not is_missing(country) else "??"
    return f"{_slug(name)}|{cc}"


@dataclass
class LoadReport:
    """What a loader read, kept and rejected. Nothing is dropped silently.

    Attributes
    ----------
    source : str
        File, URL or query that was read.
    rows_read : int
        Data rows in the input.
    links_kept : int
        Edges added to the graph.
    rejected : pandas.DataFrame
        One row per rejected input row: ``row`` (1-based data row number, header excluded),
        ``reason``, and the raw values where useful.
    notes : list of str
        Other facts worth knowing (duplicates merged, ids remapped, unknown years read as
        missing, ...), each with its count.
    unresolved : pandas.DataFrame or None
        Places that offline resolution could not place (name, country, status, rows), when
        the loader resolved places; listed, never guessed.
    merged : int
        Input rows folded into the edge of another row (a repeated GraphML edge id, a
        duplicate statement), each kind explained in the notes. Every reader keeps
        ``rows_read == links_kept + n_rejected + merged``.

    Examples
    --------
    >>> r = LoadReport("links.csv", rows_read=3, links_kept=2)
    >>> r.reject(3, "self-link: Paris -> Paris")
    >>> print(r)
    links.csv: 3 rows read, 2 links kept, 1 rejected
      row 3: self-link: Paris -> Paris
    """

    source: str
    rows_read: int = 0
    links_kept: int = 0
    rejected: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {"row": pd.Series(dtype="int64"), "reason": pd.Series(dtype="object")}
        )
    )
    notes: list[str] = field(default_factory=list)
    unresolved: pd.DataFrame | None = None
    merged: int = 0

    def reject(self, row: int, reason: str, **values: Any) -> None:
        """Record one rejected row (for many rows, prefer :meth:`reject_many`)."""
        self.reject_many(pd.DataFrame([{"row": int(row), "reason": reason, **values}]))

    def reject_many(self, frame: pd.DataFrame) -> None:
        """Append rejected rows (a frame with at least ``row`` and ``reason``)."""
        if len(frame):
            parts = [f for f in (self.rejected, frame) if len(f)]
            self.rejected = (
                pd.concat(parts, ignore_index=True)
                if len(parts) > 1
                else frame.reset_index(drop=True)
            )

    @property
    def n_rejected(self) -> int:
        """Number of rejected rows."""
        return len(self.rejected)

    def __str__(self) -> str:
        lines = [
            f"{self.source}: {self.rows_read} rows read, {self.links_kept} links kept, "
            f"{self.n_rejected} rejected" + (f", {self.merged} merged" if self.merged else "")
        ]
        for rec in self.rejected.head(10).itertuples(index=False):
            lines.append(f"  row {rec.row}: {rec.reason}")
        if self.n_rejected > 10:
            lines.append(f"  ... and {self.n_rejected - 10} more (see report.rejected)")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def summary(self) -> dict[str, Any]:
        """Counts as a plain dict, e.g. for ``G.graph`` or a manifest."""
        return {
            "source": self.source,
            "rows_read": self.rows_read,
            "links_kept": self.links_kept,
            "rejected": self.n_rejected,
            "merged": self.merged,
            "reasons": self.rejected["reason"].str.split(":").str[0].value_counts().to_dict()
            if self.n_rejected
            else {},
        }


def _node_problems(n: Any, d: dict[str, Any]) -> list[str]:
    """Contract problems of one node."""
    problems: list[str] = []
    if not isinstance(n, str) or not n:
        problems.append(f"node {n!r}: id must be a non-empty str")
    missing = [a for a in REQUIRED_NODE if a not in d]
    if missing:
        return [*problems, f"node {n!r}: missing attribute(s) {missing}"]
    if not isinstance(d["name"], str) or not d["name"]:
        problems.append(f"node {n!r}: name must be a non-empty str, got {d['name']!r}")
    c = d["country"]
    if c is not None and not (isinstance(c, str) and _COUNTRY_RE.match(c)):
        problems.append(f"node {n!r}: country must be ISO alpha-2 or None, got {c!r}")
    for a, lim in (("lat", 90), ("lon", 180)):
        v = d[a]
        if v is not None and not (isinstance(v, (int, float)) and -lim <= v <= lim):
            problems.append(
                f"node {n!r}: {a} must be a number in [-{lim}, {lim}] or None, got {v!r}"
            )
    if d["level"] not in LEVELS:
        problems.append(f"node {n!r}: level {d['level']!r} not in {LEVELS}")
    w = d.get("wikidata")
    if w is not None and not (isinstance(w, str) and _QID_RE.match(w)):
        problems.append(f"node {n!r}: wikidata must be a Q-id like 'Q3955', got {w!r}")
    return problems


def _year_problems(where: str, d: dict[str, Any], min_year: int, max_year: int) -> list[str]:
    """Problems of an edge's ``year`` and ``end_year``."""
    problems = []
    for a in ("year", "end_year"):
        y = d[a]
        bad_type = not isinstance(y, int) or isinstance(y, bool)
        if y is not None and (bad_type or not min_year <= y <= max_year):
            problems.append(
                f"{where}: {a} must be an int in [{min_year}, {max_year}] or None, got {y!r}"
            )
    year, end = d["year"], d["end_year"]
    if isinstance(year, int) and isinstance(end, int) and end < year:
        problems.append(f"{where}: end_year {end} before year {year}")
    return problems


def _phase_problems(where: str, d: dict[str, Any]) -> list[str]:
    """Problems of an edge's ``phase``, ``phase_source`` and ``kind``."""
    problems = []
    phase, ps = d["phase"], d["phase_source"]
    if phase is not None and phase not in PHASES:
        problems.append(f"{where}: phase {phase!r} not in {PHASES}")
    if phase is None and ps is not None:
        problems.append(f"{where}: phase_source {ps!r} but no phase")
    if phase is not None and not (isinstance(ps, str) and _PHASE_SOURCE_RE.match(ps)):
        problems.append(
            f"{where}: phase_source must be 'recorded' or 'inferred:<rule>', got {ps!r}"
        )
    if d["kind"] not in KINDS:
        problems.append(f"{where}: kind {d['kind']!r} not in {KINDS}")
    return problems


def _edge_problems(
    edge: tuple[Any, Any, Any], d: dict[str, Any], min_year: int, max_year: int
) -> list[str]:
    """Contract problems of one edge ``(u, v, key)``."""
    u, v, k = edge
    where = f"edge {u!r} -> {v!r} (key {k!r})"
    problems = [f"{where}: self-link"] if u == v else []
    missing = [a for a in REQUIRED_EDGE if a not in d]
    if missing:
        return [*problems, f"{where}: missing attribute(s) {missing}"]
    return problems + _year_problems(where, d, min_year, max_year) + _phase_problems(where, d)


def validate_graph(
    G: nx.MultiDiGraph,
    *,
    min_year: int = MIN_YEAR,
    max_year: int | None = None,
) -> None:
    """Check that ``G`` follows the graph contract; raise once listing every problem.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    min_year, max_year : int, optional
        Plausible range of ``year`` and ``end_year``; ``max_year`` defaults to this year.

    Raises
    ------
    GraphContractError
        With one line per problem (first ten shown) and how to fix it.

    Examples
    --------
    >>> import networkx as nx
    >>> import paradiplo_net as pn
    >>> pn.model.validate_graph(pn.datasets.load("toy"))
    >>> pn.model.validate_graph(nx.Graph())
    Traceback (most recent call last):
    ...
    paradiplo_net.errors.GraphContractError: graph: 1 problem(s)
      - expected a networkx.MultiDiGraph, got Graph
    Fix: ...
    """
    max_year = date.today().year if max_year is None else max_year
    fix = (
        "build graphs with paradiplo_net loaders or model.graph_from_tables; see the "
        "model module docstring for the contract"
    )
    check_graph(G)
    problems = [f"G.graph has no {key!r}" for key in ("dataset", "directed") if key not in G.graph]
    for n, d in G.nodes(data=True):
        problems += _node_problems(n, d)
    for u, v, k, d in G.edges(keys=True, data=True):
        problems += _edge_problems((u, v, k), d, min_year, max_year)
    if problems:
        raise GraphContractError(format_problems("graph", problems, fix=fix))
