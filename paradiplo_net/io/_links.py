"""read_links: a links table in any layout -> contract graph, as small steps around a ColumnMap."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from ..errors import SchemaError
from ..model import KINDS, PHASES, LoadReport, add_tables, make_city_id, new_graph
from ._columns import (
    DEFAULT_KIND_MAP,
    DEFAULT_PHASE_MAP,
    ColumnMap,
    _map_column,
    _merge_map,
    _problem_message,
)
from ._common import _finish, _shorten, _source_label, _text
from ._delimited import _parse_table
from ._guard import total_reader
from ._homonyms import split_homonyms
from ._places import _country_lookup, _resolve_places
from ._years import UNKNOWN_YEAR, _parse_year

SIDES = ("source", "target")


@dataclass(frozen=True)
class _YearRule:
    """How read_links reads years: unknown markers and the plausible range."""

    unknown: frozenset[str]
    min_year: int
    max_year: int
    allow_outside: bool

    def validation_range(self) -> dict[str, Any]:
        """Keyword arguments of ``_finish``: the year range the graph is validated with."""
        return {
            "allow_years_outside": self.allow_outside,
            "min_year": self.min_year,
            "max_year": self.max_year,
        }

    @classmethod
    def make(
        cls, unknown_year: Iterable[Any], min_year: int, max_year: int | None, allow_outside: bool
    ) -> _YearRule:
        """From read_links' arguments (``max_year`` None: this year)."""
        return cls(
            unknown=frozenset(str(u).strip().casefold() for u in unknown_year),
            min_year=min_year,
            max_year=date.today().year if max_year is None else max_year,
            allow_outside=allow_outside,
        )


@dataclass
class _Rows:
    """The input rows of one read_links call: which are kept, and the problems found."""

    frame: pd.DataFrame
    cols: ColumnMap
    notes: list[str]
    keep: list[bool] = field(init=False)
    problems: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.keep = [True] * len(self.frame)

    @property
    def n(self) -> int:
        """Number of data rows."""
        return len(self.frame)

    def column(self, name: str | None) -> list[Any]:
        """A column's cells (all None for an unmapped column)."""
        return self.frame[name].tolist() if name is not None else [None] * self.n

    def problem(self, cat: str, row: int, text: str) -> None:
        """Record a problem of one row (1-based) under a category."""
        self.problems.setdefault(cat, []).append((row, text))


@dataclass
class _Parsed:
    """Per-row values read from the table, one list per attribute (index = row - 1)."""

    names: dict[str, list[str | None]]
    country_text: dict[str, list[str | None]]
    country: dict[str, list[str | None]]
    ids: dict[str, list[str | None]]
    years: dict[str, list[int | None]] = field(default_factory=dict)
    phases: list[Any] = field(default_factory=list)
    kinds: list[Any] = field(default_factory=list)
    extras: dict[str, list[str | None]] = field(default_factory=dict)
    geo: dict[tuple[str, str | None], dict[str, Any]] = field(default_factory=dict)


@total_reader(
    "links table",
    "check the file named at the place named (re-save it as UTF-8 CSV), or pass "
    "drop_invalid=True to reject bad rows into the report",
)
def read_links(
    path_or_buffer_or_frame: Any,
    *,
    source: str,
    target: str,
    source_country: str | None = None,
    target_country: str | None = None,
    source_id: str | None = None,
    target_id: str | None = None,
    year: str | None = None,
    end_year: str | None = None,
    phase: str | None = None,
    kind: str | None = None,
    sectors: str | None = None,
    note: str | None = None,
    ref: str | None = None,
    sep: str | None = None,
    encoding: str | None = None,
    unknown_year: Iterable[Any] = UNKNOWN_YEAR,
    min_year: int = 1900,
    max_year: int | None = None,
    allow_years_outside: bool = False,
    drop_invalid: bool = False,
    dedupe: bool = False,
    resolve: bool = False,
    directed: bool = True,
    dataset: str | None = None,
    phase_map: Mapping[str, str | None] | None = None,
    kind_map: Mapping[str, str] | None = None,
    country_map: Mapping[str, str | None] | None = None,
    default_source_country: str | None = None,
    default_target_country: str | None = None,
    progress: bool = True,
    source_key: str | Sequence[str] | None = None,
    target_key: str | Sequence[str] | None = None,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a table of links (one row per twinning statement) into a contract graph.

    The column arguments (``source``, ``target``, ``year``, ...) name the input's columns:
    this is the *column mapping*. Only ``source`` and ``target`` (city names) are required.

    Node ids: the ``source_id``/``target_id`` column if mapped, else
    :func:`~paradiplo_net.model.make_city_id` of the name and the country, where the country
    text is normalised to ISO 3166-1 alpha-2 by :func:`paradiplo_net.geo.country_codes`
    (``"Frankreich"``, ``"France"`` and ``"FR"`` all give ``FR``). Country text that cannot be
    normalised is listed in a report note and the city keeps ``country=None`` (id
    ``"<name>|??"``). With ``resolve=True``, :func:`paradiplo_net.geo.resolve` supplies the
    GeoNames id (node id ``"gn:<id>"``), ``lat`` and ``lon``; places that are not resolved
    keep their slug id and no coordinates, are counted by status in a note and listed in
    ``report.unresolved`` (a DataFrame: ``name``, ``country``, ``status``, ``rows``).
    Nodes get ``level="municipality"`` (as in :func:`~paradiplo_net.model.graph_from_tables`).
    When the country columns are mapped, each edge keeps the raw country text as
    ``source_country_text``/``target_country_text`` (used by :func:`duplicate_pairs`).

    Years: integers, ``"1956"``, ``"1956.0"``, dates ``"1956-05-04"``/``"04.05.1956"``,
    Wikidata times ``"+1956-05-04T00:00:00Z"``, approximate ``"c. 1956"``/``"ca. 1956"``/
    ``"1956?"`` (read as 1956, counted in a note). Values in ``unknown_year`` mean "unknown"
    and become None (counted in a note); an empty cell is unknown too.

    Phase and kind text is case-folded and mapped through ``phase_map``/``kind_map``, which
    extend :data:`DEFAULT_PHASE_MAP`/:data:`DEFAULT_KIND_MAP` (English, German and Indonesian
    words). Single-letter codes are never guessed. An empty cell gives ``phase=None`` /
    ``kind="unspecified"``; an unmapped column gives the same for every row.

    Duplicates: rows identical in every column are kept as parallel edges (the contract
    keeps every statement) and counted in a note; ``dedupe=True`` keeps only the first of
    each group of identical rows (counted in a note and in ``G.graph["deduplicated"]``).

    Parameters
    ----------
    path_or_buffer_or_frame : path, file-like or pandas.DataFrame
        A delimited text file (path, or an open text/binary buffer), or a DataFrame.
    source, target : str
        Columns with the names of the listing city and the listed partner.
    source_country, target_country : str, optional
        Columns with the countries (any spelling :mod:`paradiplo_net.geo` knows, or ISO codes).
    source_id, target_id : str, optional
        Columns with stable ids (Wikidata Q-ids, ...) used as node ids; empty cells fall back
        to the name/country id (counted).
    year, end_year, phase, kind, sectors, note, ref : str, optional
        Columns for the corresponding edge attributes.
    sep : str, optional
        Field separator; sniffed from the first lines among ``, ; tab |`` when None.
    encoding : str, optional
        Text encoding; when None try UTF-8 (with or without byte-order mark), then cp1252,
        then latin-1, and say in a note which was used. A file mixing UTF-8 and cp1252 lines
        raises :class:`SchemaError` listing the lines; ``encoding="mixed"`` decodes it line by
        line instead (UTF-8 where valid, else cp1252), with a note listing those lines.
    unknown_year : iterable, default :data:`UNKNOWN_YEAR`
        Cell values meaning "year unknown".
    min_year, max_year : int, optional
        Plausible range of years (``max_year`` defaults to this year); years outside are an
        error unless ``allow_years_outside=True``.
    drop_invalid : bool, default False
        Reject bad rows into ``report.rejected`` instead of raising. Row numbers there and
        in error messages count data rows from 1 (header excluded, blank lines skipped).
    dedupe : bool, default False
        Merge rows that are identical in every column.
    resolve : bool, default False
        Resolve places offline with :func:`paradiplo_net.geo.resolve` (ids, coordinates).
    directed : bool, default True
        False when the table lists pairs without direction; recorded in ``G.graph``.
    dataset : str, optional
        Dataset name for ``G.graph`` and the edges; defaults to the file stem.
    phase_map, kind_map : mapping, optional
        Extra text -> phase / kind translations (case-insensitive), e.g.
        ``kind_map={"p": "partnership", "f": "friendship_city", "k": "contact"}``.
    country_map : mapping, optional
        Country text -> ISO alpha-2 code (or None) applied before :mod:`~paradiplo_net.geo`,
        for spellings it does not know, e.g. ``{"WestGER": "DE", "EastGER": "DE"}``.
    default_source_country, default_target_country : str, optional
        One country for every row when the table has no country column for that side (e.g.
        ``"DE"`` for a list of German municipalities and their partners).
    progress : bool, default True
        Show a tqdm progress bar while resolving places (``resolve=True``).
    source_key, target_key : str or list of str, optional
        Columns that tell apart places of the same name (a postcode, an admin code, a
        GeoNames id, or latitude and longitude). A ``name|CC`` id (made where the id column
        is empty) whose rows, on either side, carry more than one distinct key value
        becomes ``name|CC|<key value>`` for each value, so that homonymous towns are not
        merged and a link between two of them (Ennery -> Ennery) is kept; it is noted, and
        also overrides an id found by ``resolve=True`` (a name cannot choose between
        them). Rows of such a name without a key value keep ``name|CC`` (noted).

    Returns
    -------
    G : networkx.MultiDiGraph
        A validated contract graph; ``G.graph`` has ``dataset``, ``retrieved`` (None),
        ``directed``, ``rejected`` and ``load_report``.
    report : paradiplo_net.model.LoadReport
        With ``resolve=True`` it also has ``report.unresolved``: one row per distinct
        place not resolved (``name``, ``country``, ``status``, ``rows``).

    Raises
    ------
    SchemaError
        Empty file, undecodable bytes, rows with more fields than the header (rows with
        fewer are padded with empty cells, counted), a file that parses as one column (the
        message suggests the separator), mapped columns that are missing (the message lists
        the available ones), and, unless ``drop_invalid=True``, rows with an empty name, an
        unparseable year, a year outside ``[min_year, max_year]``, an end year before the
        start year, a self-link, or phase/kind text that is not in the maps. All problems are
        collected and reported at once.
    ValueError
        Invalid options (e.g. a ``phase_map`` value that is not a phase).

    See Also
    --------
    write_links, read_tables, duplicate_pairs, paradiplo_net.model.graph_from_tables

    Examples
    --------
    >>> import pandas as pd
    >>> import paradiplo_net as pn
    >>> table = pd.DataFrame({"gemeinde": ["Aachen", "Aachen", "Aachen"],
    ...                       "partner": ["Reims", "Toledo", "Aachen"],
    ...                       "land": ["Frankreich", "Spanien", "Deutschland"],
    ...                       "seit": ["1967", "1985", "?"], "form": ["p", "f", "p"]})
    >>> G, report = pn.io.read_links(table, source="gemeinde", target="partner",
    ...     target_country="land", default_source_country="DE", year="seit", kind="form",
    ...     kind_map={"p": "partnership", "f": "friendship_city"}, drop_invalid=True,
    ...     dataset="demo")
    >>> print(report)
    <DataFrame>: 3 rows read, 2 links kept, 1 rejected
      row 3: self-link: 'Aachen' -> 'Aachen' (id 'Aachen|DE')
      note: year: 1 row(s) with an unknown-year marker read as missing: '?' x1
    >>> G.edges["Aachen|DE", "Reims|FR", 0]["kind"], G.graph["rejected"]
    ('partnership', 1)
    """
    label = _source_label(path_or_buffer_or_frame)
    cols = ColumnMap(
        source=source,
        target=target,
        source_country=source_country,
        target_country=target_country,
        source_id=source_id,
        target_id=target_id,
        year=year,
        end_year=end_year,
        phase=phase,
        kind=kind,
        sectors=sectors,
        note=note,
        ref=ref,
        default_source_country=default_source_country,
        default_target_country=default_target_country,
    )
    rule = _YearRule.make(unknown_year, min_year, max_year, allow_years_outside)
    pmap = _merge_map("phase_map", DEFAULT_PHASE_MAP, phase_map, (*PHASES, None))
    kmap = _merge_map("kind_map", DEFAULT_KIND_MAP, kind_map, KINDS)
    notes: list[str] = []
    frame = _load_frame(
        path_or_buffer_or_frame, sep=sep, encoding=encoding, label=label, notes=notes
    )
    dataset = _default_dataset(path_or_buffer_or_frame, label) if dataset is None else dataset
    cols.check(frame, label, sep_given=sep is not None)
    report = LoadReport(label, rows_read=len(frame))
    rows = _Rows(frame, cols, notes)
    n_dupes = _mark_duplicates(rows, dedupe=dedupe)
    parsed = _parse_places(rows, country_map)
    if resolve:
        _resolve(rows, parsed, report, progress=progress)
    split_homonyms(rows, parsed, {"source": source_key, "target": target_key}, label)
    _parse_values(rows, parsed, rule, pmap, kmap)
    _check_self_links(rows, parsed)
    if rows.problems and not drop_invalid:
        raise SchemaError(_problem_text(label, rows, rule, pmap, kmap))
    if rows.problems:
        _reject(rows, parsed, report)
    G = _graph(rows, parsed, report, dataset=dataset, directed=directed)
    G.graph.update({"deduplicated": n_dupes} if dedupe else {})
    _finish(G, report, **rule.validation_range())
    return G, report


def _default_dataset(src: Any, label: str) -> str:
    """The file's stem, or ``"links"`` for a buffer or a frame."""
    return Path(label).stem if isinstance(src, (str, Path)) else "links"


def _problem_text(
    label: str, rows: _Rows, rule: _YearRule, pmap: dict[str, Any], kmap: dict[str, Any]
) -> str:
    """The SchemaError message listing every row problem, with how to fix each kind."""
    return _problem_message(
        label,
        rows.problems,
        mapping=rows.cols.columns(),
        pmap=pmap,
        kmap=kmap,
        min_year=rule.min_year,
        max_year=rule.max_year,
    )


def _graph(
    rows: _Rows, parsed: _Parsed, report: LoadReport, *, dataset: str, directed: bool
) -> nx.MultiDiGraph:
    """The kept rows as a contract graph, through the model's one constructor."""
    G = new_graph(dataset=dataset, retrieved=None, directed=directed)
    cities = _cities_table(rows, parsed)
    add_tables(G, _links_table(rows, parsed, dataset), cities, default_level="municipality")
    report.links_kept = G.number_of_edges()
    report.notes.extend(rows.notes)
    return G


def _load_frame(
    src: Any, *, sep: str | None, encoding: str | None, label: str, notes: list[str]
) -> pd.DataFrame:
    """The input as a frame: a DataFrame as is, else the parsed delimited text."""
    if isinstance(src, pd.DataFrame):
        return src
    return _parse_table(src, sep=sep, encoding=encoding, label=label, notes=notes)


def _mark_duplicates(rows: _Rows, *, dedupe: bool) -> int:
    """Count rows identical to an earlier row (noted); with ``dedupe`` stop keeping them."""
    if not rows.n:
        return 0
    try:
        dup_mask = rows.frame.astype(str).duplicated(keep="first").tolist()
    except TypeError:  # pragma: no cover - unhashable cells
        dup_mask = [False] * rows.n
    n_dupes = sum(dup_mask)
    if not n_dupes:
        return 0
    which = _shorten([r for r, d in enumerate(dup_mask, start=1) if d])
    if dedupe:
        rows.keep = [not d for d in dup_mask]
        rows.notes.append(
            f"dedupe: merged {n_dupes} row(s) identical to an earlier row (rows {which})"
        )
    else:
        rows.notes.append(
            f"duplicates: {n_dupes} row(s) identical to an earlier row kept as "
            f"parallel edges (rows {which}); pass dedupe=True to merge them"
        )
    return n_dupes


def _read_names(rows: _Rows) -> dict[str, list[str | None]]:
    """The city names of both sides; an empty name is a problem of its row."""
    names = {}
    for side in SIDES:
        col = getattr(rows.cols, side)
        vals = [_text(v) for v in rows.column(col)]
        for r, (v, k) in enumerate(zip(vals, rows.keep, strict=True), start=1):
            if k and v is None:
                rows.problem(f"empty {side} name", r, f"column {col!r} is empty")
        names[side] = vals
    return names


def _read_countries(
    rows: _Rows, country_map: Mapping[str, str | None] | None
) -> tuple[dict[str, list[str | None]], dict[str, list[str | None]]]:
    """Country text of both sides (column or default) and its ISO code (None if unknown)."""
    text: dict[str, list[str | None]] = {}
    for side in SIDES:
        _, col, _, default = rows.cols.side(side)
        text[side] = [_text(v) for v in rows.column(col)] if col is not None else [default] * rows.n
    kept = [t for side in SIDES for t, k in zip(text[side], rows.keep, strict=True) if k]
    codes = _country_lookup(kept, country_map, rows.notes)
    country = {
        side: [codes.get(t) if t is not None else None for t in text[side]] for side in SIDES
    }
    for side in SIDES:
        col = rows.cols.side(side)[1]
        blank = sum(1 for t, k in zip(text[side], rows.keep, strict=True) if k and t is None)
        if col is not None and blank:
            rows.notes.append(
                f"country: {blank} row(s) with an empty {col!r}; those cities keep country None"
            )
    return text, country


def _make_ids(
    rows: _Rows, names: dict[str, list[str | None]], country: dict[str, list[str | None]]
) -> dict[str, list[str | None]]:
    """Node ids: the id column where filled, else made from name and country (counted)."""
    ids = {}
    for side in SIDES:
        col = rows.cols.side(side)[2]
        out: list[str | None] = []
        fallback = 0
        for nm, cc, cell in zip(names[side], country[side], rows.column(col), strict=True):
            rid = _text(cell)
            if rid is not None:
                out.append(rid)
                continue
            fallback += col is not None
            out.append(make_city_id(nm, cc) if nm is not None else None)
        if fallback:
            rows.notes.append(
                f"ids: {fallback} row(s) with an empty {col!r}; id made from name and country"
            )
        ids[side] = out
    return ids


def _parse_places(rows: _Rows, country_map: Mapping[str, str | None] | None) -> _Parsed:
    """Names, countries and ids of both sides of every row."""
    names = _read_names(rows)
    country_text, country = _read_countries(rows, country_map)
    ids = _make_ids(rows, names, country)
    return _Parsed(names=names, country_text=country_text, country=country, ids=ids)


def _resolve(rows: _Rows, parsed: _Parsed, report: LoadReport, *, progress: bool) -> None:
    """Resolve places offline; a resolved place without an id column value gets ``gn:<id>``."""
    parsed.geo = _resolve_places(
        parsed.names,
        parsed.country,
        rows.keep,
        report=report,
        notes=rows.notes,
        progress=progress,
    )
    for side in SIDES:
        raw_ids = rows.column(rows.cols.side(side)[2])
        for i, (nm, cc) in enumerate(zip(parsed.names[side], parsed.country[side], strict=True)):
            g = parsed.geo.get((nm, cc)) if nm is not None else None
            if g and g.get("geonames") is not None and _text(raw_ids[i]) is None:
                parsed.ids[side][i] = make_city_id(str(nm), cc, geonames=g["geonames"])


def _cached_year(
    raw: Any, unknown: frozenset[str], cache: dict[Any, tuple[int | None, str]]
) -> tuple[int | None, str]:
    try:
        return cache[raw]
    except (KeyError, TypeError):
        pass
    parsed = _parse_year(raw, unknown)
    with contextlib.suppress(TypeError):  # an unhashable cell is not cached
        cache[raw] = parsed
    return parsed


def _note_years(notes: list[str], attr: str, markers: Counter[str], approx: int) -> None:
    if markers:
        notes.append(
            f"{attr}: {sum(markers.values())} row(s) with an unknown-year marker read as "
            f"missing: " + ", ".join(f"{m} x{c}" for m, c in markers.most_common())
        )
    if approx:
        notes.append(f"{attr}: {approx} approximate year(s) such as 'c. 1956' read as the year")


def _read_years(rows: _Rows, attr: str, rule: _YearRule) -> list[int | None]:
    """One year column; unparseable or out-of-range years are problems of their rows."""
    col = getattr(rows.cols, attr)
    vals: list[int | None] = [None] * rows.n
    if col is None:
        return vals
    cache: dict[Any, tuple[int | None, str]] = {}
    markers: Counter[str] = Counter()
    approx = 0
    for i, raw in enumerate(rows.column(col)):
        if not rows.keep[i]:
            continue
        y, status = _cached_year(raw, rule.unknown, cache)
        if status == "bad":
            rows.problem(f"unparseable {attr}", i + 1, f"{raw!r}")
        elif status == "unknown":
            # an empty end_year is the normal "not ended", not worth a note
            if attr == "year" or _text(raw) is not None:
                markers[repr(_text(raw) or "")] += 1
        elif y is not None:
            approx += status == "approx"
            if not rule.allow_outside and not rule.min_year <= y <= rule.max_year:
                rows.problem(
                    f"{attr} outside [{rule.min_year}, {rule.max_year}]", i + 1, f"{raw!r}"
                )
            else:
                vals[i] = y
    _note_years(rows.notes, attr, markers, approx)
    return vals


def _parse_values(
    rows: _Rows, parsed: _Parsed, rule: _YearRule, pmap: dict[str, Any], kmap: dict[str, Any]
) -> None:
    """Years (and their order), phase, kind and the free-text columns of every row."""
    cols = rows.cols
    parsed.years = {attr: _read_years(rows, attr, rule) for attr in ("year", "end_year")}
    for i, (y, e) in enumerate(zip(parsed.years["year"], parsed.years["end_year"], strict=True)):
        if rows.keep[i] and y is not None and e is not None and e < y:
            rows.problem("end_year before year", i + 1, f"{e} < {y}")
    parsed.phases = _map_column(
        rows.column(cols.phase),
        pmap,
        keep=rows.keep,
        attr="phase",
        col=cols.phase,
        problem=rows.problem,
    )
    kinds = _map_column(
        rows.column(cols.kind),
        kmap,
        keep=rows.keep,
        attr="kind",
        col=cols.kind,
        problem=rows.problem,
    )
    parsed.kinds = [k if k is not None else "unspecified" for k in kinds]
    parsed.extras = {
        a: [_text(v) for v in rows.column(getattr(cols, a))] for a in ("sectors", "note", "ref")
    }


def _check_self_links(rows: _Rows, parsed: _Parsed) -> None:
    for i, (u, v) in enumerate(zip(parsed.ids["source"], parsed.ids["target"], strict=True)):
        if rows.keep[i] and u is not None and u == v:
            rows.problem(
                "self-link",
                i + 1,
                f"{parsed.names['source'][i]!r} -> {parsed.names['target'][i]!r} (id {u!r})",
            )


def _reject(rows: _Rows, parsed: _Parsed, report: LoadReport) -> None:
    """``drop_invalid=True``: every row with a problem goes to ``report.rejected``."""
    bad: dict[int, list[str]] = {}
    for cat, items in rows.problems.items():
        for r, text in items:
            bad.setdefault(r, []).append(f"{cat}: {text}")
    rej = pd.DataFrame(
        {
            "row": list(bad),
            "reason": ["; ".join(v) for v in bad.values()],
            "source": [parsed.names["source"][r - 1] for r in bad],
            "target": [parsed.names["target"][r - 1] for r in bad],
        }
    ).sort_values("row", ignore_index=True)
    report.reject_many(rej)
    for r in bad:
        rows.keep[r - 1] = False


_CITY_TABLE_COLUMNS = ["name", "country", "lat", "lon", "level", "geonames"]


def _cities_table(rows: _Rows, parsed: _Parsed) -> pd.DataFrame:
    """The cities of the kept rows, in order of first mention; the first name of an id wins."""
    records: dict[str, list[Any]] = {}
    renamed: list[str] = []
    for i in (i for i in range(rows.n) if rows.keep[i]):
        for side in SIDES:
            nid, name = str(parsed.ids[side][i]), parsed.names[side][i]
            if nid in records:
                if records[nid][0] != name:
                    renamed.append(f"{name!r} as {records[nid][0]!r} ({nid})")
                continue
            cc = parsed.country[side][i]
            g = (parsed.geo.get((name, cc)) if name is not None else None) or {}
            records[nid] = [name, cc, g.get("lat"), g.get("lon"), None, g.get("geonames")]
    if renamed:
        rows.notes.append(
            f"names: {len(renamed)} mention(s) name a city whose id was already used under "
            "another name (same id column value or same GeoNames place); the first name is "
            f"kept: {_shorten(list(dict.fromkeys(renamed)))}"
        )
    return pd.DataFrame(
        list(records.values()), index=list(records), columns=_CITY_TABLE_COLUMNS, dtype=object
    )


def _links_table(rows: _Rows, parsed: _Parsed, dataset: str) -> pd.DataFrame:
    """One row per kept input row, in the contract's edge-attribute order."""
    idx = [i for i in range(rows.n) if rows.keep[i]]
    data: dict[str, list[Any]] = {
        "source": [parsed.ids["source"][i] for i in idx],
        "target": [parsed.ids["target"][i] for i in idx],
        "year": [parsed.years["year"][i] for i in idx],
        "end_year": [parsed.years["end_year"][i] for i in idx],
        "phase": [parsed.phases[i] for i in idx],
        "phase_source": ["recorded" if parsed.phases[i] is not None else None for i in idx],
        "kind": [parsed.kinds[i] for i in idx],
        "dataset": [dataset] * len(idx),
    }
    for a, vals in parsed.extras.items():
        data[a] = [vals[i] for i in idx]
    for side in SIDES:
        if rows.cols.side(side)[1] is not None:
            data[f"{side}_country_text"] = [parsed.country_text[side][i] for i in idx]
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in data.items()})
