"""Read and write twinning networks: links tables (CSV/TSV), KONECT, GraphML and GEXF.

Every reader returns ``(G, report)``: a graph that follows the contract of
:mod:`paradiplo_net.model` (it has been validated) and a :class:`~paradiplo_net.model.LoadReport`
saying how many rows were read, how many links were kept, which rows were rejected (1-based
data row number, header excluded, and the reason) and notes with counts (unknown years,
unrecognised country names, duplicate rows, ...). Nothing is dropped silently: a bad row
either stops the load with a :class:`~paradiplo_net.errors.SchemaError` that lists every
problem, or, with ``drop_invalid=True``, goes to ``report.rejected``. Every graph carries
``G.graph["rejected"]`` (count) and ``G.graph["load_report"]`` (``report.summary()``).

Direction: an edge ``u -> v`` means "the record of ``u`` lists ``v``". For tables that list
pairs without direction (``directed=False``), each row still becomes one edge, from the
first city to the second, and ``G.graph["directed"]`` is False so that no analysis reads
meaning into the direction.

Examples
--------
>>> import io
>>> import paradiplo_net as pn
>>> text = "city;partner;since\\nCoventry;Dresden;1959\\nDresden;Coventry;?\\n"
>>> G, report = pn.io.read_links(io.StringIO(text), source="city", target="partner",
...                              year="since", dataset="demo")
>>> print(report)
<buffer>: 2 rows read, 2 links kept, 0 rejected
  note: separator ';' detected
  note: year: 1 row(s) with an unknown-year marker read as missing: '?' x1
>>> sorted(G.edges(data="year"))
[('Coventry|??', 'Dresden|??', 1959), ('Dresden|??', 'Coventry|??', None)]
"""

from __future__ import annotations

import csv
import difflib
import io as _io
import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .errors import GraphContractError, SchemaError, format_problems
from .model import (
    KINDS,
    PHASES,
    LoadReport,
    cities_from_graph,
    graph_from_tables,
    links_from_graph,
    make_city_id,
    new_graph,
    validate_graph,
)

__all__ = [
    "DEFAULT_KIND_MAP",
    "DEFAULT_PHASE_MAP",
    "UNKNOWN_YEAR",
    "duplicate_pairs",
    "read_gexf",
    "read_graphml",
    "read_konect",
    "read_links",
    "read_tables",
    "write_gexf",
    "write_graphml",
    "write_links",
]

logger = logging.getLogger(__name__)

#: Cell values read as "year unknown" by :func:`read_links` (compared as stripped,
#: case-folded text).
UNKNOWN_YEAR: tuple[Any, ...] = (0, "0", "", "?", "unknown", "n/a", "####")

#: Phase words understood by :func:`read_links` (English, German, Indonesian); keys are
#: case-folded. Abbreviations such as ``"p"`` are deliberately *not* guessed: pass
#: ``phase_map=`` for them.
DEFAULT_PHASE_MAP: dict[str, str] = {
    **{p: p for p in PHASES},
    # German
    "assoziativ": "associative", "reziprok": "reciprocal", "kommerziell": "commercial",
    "wechselseitig": "reciprocal", "wirtschaftlich": "commercial",
    # Indonesian
    "asosiatif": "associative", "resiprokal": "reciprocal", "timbal balik": "reciprocal",
    "komersial": "commercial", "komersil": "commercial",
}

#: Kind words understood by :func:`read_links` (English, German, Indonesian); keys are
#: case-folded. Single-letter codes (e.g. ``p``/``f``/``k`` in German lists) are not
#: guessed: pass ``kind_map=`` for them.
DEFAULT_KIND_MAP: dict[str, str] = {
    **{k: k for k in KINDS},
    # English
    "twin town": "twin_town", "twin towns": "twin_town", "twin city": "twin_town",
    "twinning": "twin_town", "town twinning": "twin_town",
    "sister city": "sister_city", "sister cities": "sister_city", "sister-city": "sister_city",
    "sister state": "sister_city", "sister province": "sister_city",
    "friendship": "friendship_city", "friendship city": "friendship_city",
    "friendly city": "friendship_city",
    "partnership": "partnership", "partner city": "partnership", "partner town": "partnership",
    "cooperation": "cooperation", "co-operation": "cooperation", "cooperation agreement": "cooperation",
    "contact": "contact", "contacts": "contact",
    # German
    "städtepartnerschaft": "partnership", "partnerschaft": "partnership",
    "partnerstadt": "partnership", "gemeindepartnerschaft": "partnership",
    "freundschaft": "friendship_city", "städtefreundschaft": "friendship_city",
    "freundschaftsvertrag": "friendship_city", "kontakt": "contact",
    "zusammenarbeit": "cooperation", "kooperation": "cooperation",
    "patenschaft": "sister_city",
    # Indonesian
    "kota kembar": "twin_town", "kota bersaudara": "sister_city",
    "provinsi bersaudara": "sister_city", "kota persahabatan": "friendship_city",
    "persahabatan": "friendship_city", "kemitraan": "partnership",
    "kerja sama": "cooperation", "kerjasama": "cooperation", "kontak": "contact",
}

_SEPARATORS = (",", ";", "\t", "|")
_SEP_NAMES = {",": "','", ";": "';'", "\t": "'\\t' (tab)", "|": "'|'"}
_MAX_SHOWN = 5


# --------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------


def _geo():
    # geo comes before io in the import order; imported lazily so that reading KONECT,
    # GraphML or GEXF never pays for loading the gazetteer.
    from . import geo

    return geo


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return False


def _text(value: Any) -> str | None:
    """A cell as stripped text, or None when missing/empty."""
    if is_missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    text = str(value).strip()
    return text or None


def _shorten(values: Iterable[Any], limit: int = _MAX_SHOWN) -> str:
    values = list(values)
    shown = ", ".join(str(v) for v in values[:limit])
    if len(values) > limit:
        shown += f", ... and {len(values) - limit} more"
    return shown


def _source_label(src: Any) -> str:
    if isinstance(src, (str, Path)):
        return str(src)
    if isinstance(src, pd.DataFrame):
        return "<DataFrame>"
    return getattr(src, "name", None) if isinstance(getattr(src, "name", None), str) else "<buffer>"


# --------------------------------------------------------------------------------------
# decoding and parsing a delimited text table
# --------------------------------------------------------------------------------------


def _read_bytes(src: Any) -> bytes | str:
    if isinstance(src, (str, Path)):
        return Path(src).read_bytes()
    if hasattr(src, "read"):
        return src.read()
    raise TypeError(
        f"expected a path, a file-like object or a pandas.DataFrame, got {type(src).__name__}"
    )


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _decode(data: bytes, encoding: str | None, label: str, notes: list[str]) -> str:
    """Decode bytes; with ``encoding=None`` try utf-8, utf-8-sig, cp1252, latin-1 (noted)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and encoding is None:
        notes.append("encoding: UTF-16 (byte-order mark)")
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise SchemaError(format_problems(
            label, [f"NUL bytes found (first at byte {data.index(0)}): this is not a text table"],
            fix="pass a CSV/TSV text file; for Excel files use pandas.read_excel and pass the frame",
        ))
    if encoding == "mixed":
        return _decode_lines(data, label, notes)
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            if isinstance(err, LookupError):
                raise SchemaError(format_problems(label, [f"unknown encoding {encoding!r}"],
                                                  fix="use a Python codec name such as 'utf-8' or 'cp1252'")) from None
            bad = [i + 1 for i, line in enumerate(data.split(b"\n")) if not _decodes(line, encoding)]
            guess = "utf-8" if _decodes(data, "utf-8") else "cp1252"
            raise SchemaError(format_problems(
                label,
                [f"{len(bad)} line(s) contain bytes that are not valid {encoding}: lines {_shorten(bad)}"
                 f" (first bad byte {data[err.start:err.start + 1]!r} at line {_line_of(data, err.start)})"],
                fix=f"pass encoding={guess!r}, or encoding=None to detect it",
            )) from None
    if data.startswith(b"\xef\xbb\xbf"):
        notes.append("encoding: utf-8 with byte-order mark (utf-8-sig)")
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first_bad = _line_of(data, err.start)
    lines = data.split(b"\n")
    utf8_lines = [i + 1 for i, ln in enumerate(lines) if not ln.isascii() and _decodes(ln, "utf-8")]
    other_lines = [i + 1 for i, ln in enumerate(lines) if not _decodes(ln, "utf-8")]
    if utf8_lines and other_lines:
        # Mixed file (typically rows pasted together from differently encoded sources): no
        # single encoding reads it, so every guess would garble some names. Say where.
        raise SchemaError(format_problems(label, [
            f"mixed encodings: {len(utf8_lines)} line(s) are UTF-8 with non-ASCII characters "
            f"(lines {_shorten(utf8_lines)}) and {len(other_lines)} line(s) are not valid UTF-8 "
            f"(lines {_shorten(other_lines)})"],
            fix="re-save the file as UTF-8; or pass encoding='mixed' to decode each line on its "
            "own (UTF-8 where valid, else cp1252) and check the names in those lines",
        ))
    for enc in ("cp1252", "latin-1"):
        if _decodes(data, enc):
            notes.append(
                f"encoding: not valid UTF-8 (first bad byte at line {first_bad}); decoded as {enc}"
            )
            return data.decode(enc)
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _decode_lines(data: bytes, label: str, notes: list[str]) -> str:
    """``encoding="mixed"``: each line UTF-8 where valid, else cp1252 (latin-1 if need be)."""
    lines = data.split(b"\n")
    other = [i + 1 for i, ln in enumerate(lines) if not _decodes(ln, "utf-8")]
    fallback = "cp1252" if all(_decodes(lines[i - 1], "cp1252") for i in other) else "latin-1"
    msg = (f"encoding: mixed - {len(other)} line(s) not valid UTF-8 (lines {_shorten(other)}) "
           f"decoded as {fallback}, the rest as UTF-8; check the names in those lines")
    if other:
        logger.warning("%s: %s", label, msg)
        notes.append(msg)
    return "\n".join(ln.decode("utf-8") if _decodes(ln, "utf-8") else ln.decode(fallback) for ln in lines)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_separator(text: str) -> str:
    """Pick the separator giving the most consistent multi-column parse of the first lines."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:50]
    best, best_score = ",", (False, 0.0, 0)
    for sep in _SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=sep)]
        except csv.Error:
            continue
        if not counts:
            continue
        header = counts[0]
        score = (header > 1, sum(c == header for c in counts) / len(counts), header)
        if score > best_score:
            best, best_score = sep, score
    return best


def _parse_table(src: Any, *, sep: str | None, encoding: str | None, label: str,
                 notes: list[str]) -> pd.DataFrame:
    raw = _read_bytes(src)
    text = raw if isinstance(raw, str) else _decode(raw, encoding, label, notes)
    if not text.strip():
        raise SchemaError(format_problems(
            label, ["the file is empty (no header, no rows)"],
            fix="pass a table with a header line naming the columns and one link per row",
        ))
    if sep is None:
        sep = _sniff_separator(text)
        notes.append(f"separator {sep!r} detected")
    if len(sep) != 1:
        raise SchemaError(format_problems(
            label, [f"sep={sep!r}: a separator must be one character"],
            fix="pass sep=',' ';' '\\t' or '|', or sep=None to detect it",
        ))
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[list[str]] = []
    try:
        for rec in reader:
            if rec and any(f.strip() for f in rec):
                records.append(rec)
    except csv.Error as err:
        raise SchemaError(format_problems(
            label, [f"cannot be parsed with separator {sep!r} at line {reader.line_num}: {err}"],
            fix="check that quotes are balanced and that a quoted field is followed by the "
                "separator; pass sep= explicitly if the separator was mis-detected",
        )) from None
    if not records:
        raise SchemaError(format_problems(label, ["the file has no header line"],
                                          fix="pass a table with a header line naming the columns"))
    header = [h.strip() for h in records[0]]
    seen: Counter[str] = Counter()
    columns = []
    for h in header:  # duplicated names get ".1", ".2" as in pandas
        columns.append(f"{h}.{seen[h]}" if seen[h] else h)
        seen[h] += 1
    width = len(columns)
    long_rows = [(i, len(r)) for i, r in enumerate(records[1:], start=1) if len(r) > width]
    if long_rows:
        raise SchemaError(format_problems(
            label,
            [f"{len(long_rows)} row(s) have more fields than the {width} header columns: "
             + ", ".join(f"row {i} ({n} fields)" for i, n in long_rows[:_MAX_SHOWN])
             + (" ..." if len(long_rows) > _MAX_SHOWN else "")],
            fix=f"quote fields that contain the separator {sep!r}, or pass the right sep=",
        ))
    short = sum(len(r) < width for r in records[1:])
    if short:
        notes.append(f"{short} row(s) have fewer fields than the header; missing fields read as empty")
    data = [r + [""] * (width - len(r)) if len(r) < width else r for r in records[1:]]
    return pd.DataFrame(data, columns=columns, dtype=object) if data else pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in dict.fromkeys(columns)})


# --------------------------------------------------------------------------------------
# years
# --------------------------------------------------------------------------------------

_YEAR_PATTERNS = (
    (re.compile(r"^[+-]?\d{1,4000}$"), "int"),
    (re.compile(r"^(\d{1,9})\.0*$"), "float"),
    (re.compile(r"^\+?(\d{4})-\d{1,2}(-\d{1,2})?([T ].*)?$"), "date"),
    (re.compile(r"^\d{1,2}[./]\d{1,2}[./](\d{4})$"), "date"),
    (re.compile(r"^(?:c\.|ca\.?|circa|approx\.?|~|um)\s*(\d{4})\??$", re.IGNORECASE), "approx"),
    (re.compile(r"^(\d{4})\?$"), "approx"),
)


def _parse_year(value: Any, unknown: frozenset[str]) -> tuple[int | None, str]:
    """Return ``(year, status)``; status is ``ok``, ``approx``, ``unknown`` or ``bad``."""
    if is_missing(value):
        return None, "unknown"
    if isinstance(value, bool):
        return None, "bad"
    if isinstance(value, float):
        if not value.is_integer():
            return None, "bad"
        value = int(value)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, (date, datetime, pd.Timestamp)):
        return int(value.year), "ok"
    text = str(value).strip()
    if text.casefold() in unknown:
        return None, "unknown"
    for pattern, how in _YEAR_PATTERNS:
        m = pattern.match(text)
        if m:
            digits = text if how == "int" else m.group(1)
            return int(digits), ("approx" if how == "approx" else "ok")
    return None, "bad"


# --------------------------------------------------------------------------------------
# read_links
# --------------------------------------------------------------------------------------


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
        fewer are padded with empty cells, counted), a file that parses as one column (the message suggests
        the separator), mapped columns that are missing (the message lists the available
        ones), and, unless ``drop_invalid=True``, rows with an empty name, an unparseable
        year, a year outside ``[min_year, max_year]``, an end year before the start year, a
        self-link, or phase/kind text that is not in the maps. All problems are collected and
        reported at once.
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
    notes: list[str] = []
    if max_year is None:
        max_year = date.today().year
    if default_source_country is not None and source_country is not None:
        raise ValueError("pass either source_country (a column) or default_source_country, not both")
    if default_target_country is not None and target_country is not None:
        raise ValueError("pass either target_country (a column) or default_target_country, not both")
    pmap = _merge_map("phase_map", DEFAULT_PHASE_MAP, phase_map, (*PHASES, None))
    kmap = _merge_map("kind_map", DEFAULT_KIND_MAP, kind_map, KINDS)

    if isinstance(path_or_buffer_or_frame, pd.DataFrame):
        frame = path_or_buffer_or_frame
    else:
        frame = _parse_table(path_or_buffer_or_frame, sep=sep, encoding=encoding, label=label,
                             notes=notes)
    if dataset is None:
        dataset = Path(label).stem if isinstance(path_or_buffer_or_frame, (str, Path)) else "links"

    mapping = {
        "source": source, "target": target, "source_country": source_country,
        "target_country": target_country, "source_id": source_id, "target_id": target_id,
        "year": year, "end_year": end_year, "phase": phase, "kind": kind, "sectors": sectors,
        "note": note, "ref": ref,
    }
    _check_columns(frame, mapping, label, sep_given=sep is not None)

    report = LoadReport(label, rows_read=len(frame))
    n = len(frame)
    rows = list(range(1, n + 1))

    # --- duplicates (identical in every column) ---------------------------------------
    keep = [True] * n
    n_dupes = 0
    if n:
        try:
            dup_mask = frame.astype(str).duplicated(keep="first").tolist()
        except TypeError:  # pragma: no cover - unhashable cells
            dup_mask = [False] * n
        n_dupes = sum(dup_mask)
        if n_dupes and dedupe:
            keep = [not d for d in dup_mask]
            notes.append(f"dedupe: merged {n_dupes} row(s) identical to an earlier row "
                         f"(rows {_shorten([r for r, d in zip(rows, dup_mask, strict=True) if d])})")
        elif n_dupes:
            notes.append(f"duplicates: {n_dupes} row(s) identical to an earlier row kept as "
                         f"parallel edges (rows {_shorten([r for r, d in zip(rows, dup_mask, strict=True) if d])}); "
                         "pass dedupe=True to merge them")

    def column(name: str | None) -> list[Any]:
        return frame[name].tolist() if name is not None else [None] * n

    problems: dict[str, list[tuple[int, str]]] = {}

    def problem(cat: str, row: int, text: str) -> None:
        problems.setdefault(cat, []).append((row, text))

    # --- names -------------------------------------------------------------------------
    names = {}
    for side in ("source", "target"):
        vals = [_text(v) for v in column(mapping[side])]
        for r, v, k in zip(rows, vals, keep, strict=True):
            if k and v is None:
                problem(f"empty {side} name", r, f"column {mapping[side]!r} is empty")
        names[side] = vals

    # --- countries ---------------------------------------------------------------------
    country_text = {}
    for side, col, default in (("source", source_country, default_source_country),
                               ("target", target_country, default_target_country)):
        if col is not None:
            country_text[side] = [_text(v) for v in column(col)]
        else:
            country_text[side] = [default] * n
    codes = _country_lookup(
        [t for side in ("source", "target") for t, k in zip(country_text[side], keep, strict=True) if k],
        country_map, notes,
    )
    country = {side: [codes.get(t) if t is not None else None for t in country_text[side]]
               for side in ("source", "target")}
    for side, col in (("source", source_country), ("target", target_country)):
        if col is not None:
            blank = sum(1 for t, k in zip(country_text[side], keep, strict=True) if k and t is None)
            if blank:
                notes.append(f"country: {blank} row(s) with an empty {col!r}; those cities keep country None")

    # --- ids -----------------------------------------------------------------------------
    ids = {}
    for side, col in (("source", source_id), ("target", target_id)):
        raw_ids = [_text(v) for v in column(col)]
        out = []
        fallback = 0
        for nm, cc, rid in zip(names[side], country[side], raw_ids, strict=True):
            if rid is not None:
                out.append(rid)
            else:
                if col is not None:
                    fallback += 1
                out.append(make_city_id(nm, cc) if nm is not None else None)
        if fallback:
            notes.append(f"ids: {fallback} row(s) with an empty {col!r}; id made from name and country")
        ids[side] = out

    # --- resolution --------------------------------------------------------------------
    geo_attrs: dict[tuple[str, str | None], dict[str, Any]] = {}
    if resolve:
        geo_attrs = _resolve_places(names, country, keep, report, notes, progress)
        for side, col in (("source", source_id), ("target", target_id)):
            raw_ids = [_text(v) for v in column(col)]
            for i, (nm, cc) in enumerate(zip(names[side], country[side], strict=True)):
                g = geo_attrs.get((nm, cc))
                if g and g.get("geonames") is not None and raw_ids[i] is None:
                    ids[side][i] = make_city_id(nm, cc, geonames=g["geonames"])

    # --- years -------------------------------------------------------------------------
    unknown = frozenset(str(u).strip().casefold() for u in unknown_year)
    years = {}
    for attr in ("year", "end_year"):
        col = mapping[attr]
        vals: list[int | None] = [None] * n
        if col is not None:
            cache: dict[Any, tuple[int | None, str]] = {}
            markers: Counter[str] = Counter()
            approx = 0
            for i, raw in enumerate(column(col)):
                if not keep[i]:
                    continue
                try:
                    parsed = cache[raw]
                except (KeyError, TypeError):
                    parsed = _parse_year(raw, unknown)
                    try:
                        cache[raw] = parsed
                    except TypeError:  # pragma: no cover - unhashable cell
                        pass
                y, status = parsed
                if status == "bad":
                    problem(f"unparseable {attr}", i + 1, f"{raw!r}")
                elif status == "unknown":
                    # an empty end_year is the normal "not ended", not worth a note
                    if attr == "year" or _text(raw) is not None:
                        markers[repr(_text(raw) or "")] += 1
                else:
                    approx += status == "approx"
                    if not allow_years_outside and not min_year <= y <= max_year:  # type: ignore[operator]
                        problem(f"{attr} outside [{min_year}, {max_year}]", i + 1, f"{raw!r}")
                    else:
                        vals[i] = y
            if markers:
                notes.append(
                    f"{attr}: {sum(markers.values())} row(s) with an unknown-year marker read as "
                    f"missing: " + ", ".join(f"{m} x{c}" for m, c in markers.most_common())
                )
            if approx:
                notes.append(f"{attr}: {approx} approximate year(s) such as 'c. 1956' read as the year")
        years[attr] = vals
    for i in range(n):
        y, e = years["year"][i], years["end_year"][i]
        if keep[i] and y is not None and e is not None and e < y:
            problem("end_year before year", i + 1, f"{e} < {y}")

    # --- phase and kind ----------------------------------------------------------------
    phases = _map_column(column(phase), pmap, keep, "phase", phase, problem)
    kinds = _map_column(column(kind), kmap, keep, "kind", kind, problem)
    kinds = [k if k is not None else "unspecified" for k in kinds]
    extras = {a: [_text(v) for v in column(mapping[a])] for a in ("sectors", "note", "ref")}

    # --- self-links ----------------------------------------------------------------------
    for i in range(n):
        u, v = ids["source"][i], ids["target"][i]
        if keep[i] and u is not None and u == v:
            problem("self-link", i + 1, f"{names['source'][i]!r} -> {names['target'][i]!r} (id {u!r})")

    # --- problems ------------------------------------------------------------------------
    if problems:
        if not drop_invalid:
            raise SchemaError(_problem_message(label, problems, mapping, pmap, kmap, min_year, max_year))
        bad: dict[int, list[str]] = {}
        for cat, items in problems.items():
            for r, text in items:
                bad.setdefault(r, []).append(f"{cat}: {text}")
        rej = pd.DataFrame({
            "row": list(bad),
            "reason": ["; ".join(v) for v in bad.values()],
            "source": [names["source"][r - 1] for r in bad],
            "target": [names["target"][r - 1] for r in bad],
        }).sort_values("row", ignore_index=True)
        report.reject_many(rej)
        for r in bad:
            keep[r - 1] = False

    # --- build the graph ---------------------------------------------------------------
    G = new_graph(dataset=dataset, retrieved=None, directed=directed)
    renamed: list[str] = []
    for i in range(n):
        if not keep[i]:
            continue
        for side in ("source", "target"):
            nid = ids[side][i]
            if nid in G:
                if G.nodes[nid]["name"] != names[side][i]:
                    renamed.append(f"{names[side][i]!r} as {G.nodes[nid]['name']!r} ({nid})")
                continue
            attrs = {"name": names[side][i], "country": country[side][i], "lat": None,
                     "lon": None, "level": "municipality"}
            g = geo_attrs.get((names[side][i], country[side][i]))
            if g:
                attrs.update({k: v for k, v in g.items() if v is not None})
            G.add_node(nid, **attrs)
    if renamed:
        distinct = list(dict.fromkeys(renamed))
        notes.append(f"names: {len(renamed)} mention(s) name a city whose id was already used "
                     "under another name (same id column value or same GeoNames place); the "
                     f"first name is kept: {_shorten(distinct)}")
    for i in range(n):
        if not keep[i]:
            continue
        attrs = {
            "year": years["year"][i], "end_year": years["end_year"][i], "phase": phases[i],
            "phase_source": "recorded" if phases[i] is not None else None, "kind": kinds[i],
            "dataset": dataset,
        }
        for a, vals in extras.items():
            if vals[i] is not None:
                attrs[a] = vals[i]
        for side, col in (("source", source_country), ("target", target_country)):
            if col is not None and country_text[side][i] is not None:
                attrs[f"{side}_country_text"] = country_text[side][i]
        G.add_edge(ids["source"][i], ids["target"][i], **attrs)

    report.links_kept = G.number_of_edges()
    report.notes.extend(notes)
    if dedupe:
        G.graph["deduplicated"] = n_dupes
    _finish(G, report, allow_years_outside=allow_years_outside, min_year=min_year, max_year=max_year)
    return G, report


def _finish(G: nx.MultiDiGraph, report: LoadReport, *, allow_years_outside: bool = False,
            min_year: int = 1900, max_year: int | None = None) -> None:
    G.graph["rejected"] = report.n_rejected
    G.graph["load_report"] = report.summary()
    if allow_years_outside:
        ys = [y for _, _, d in G.edges(data=True) for y in (d["year"], d["end_year"]) if y is not None]
        min_year = min([min_year, *ys])
        max_year = max([max_year or date.today().year, *ys])
    validate_graph(G, min_year=min_year, max_year=max_year)


def _merge_map(name: str, default: Mapping[str, Any], extra: Mapping[str, Any] | None,
               allowed: tuple[Any, ...]) -> dict[str, Any]:
    merged = dict(default)
    for k, v in (extra or {}).items():
        if v not in allowed:
            raise ValueError(f"{name}[{k!r}]={v!r} is not one of: {', '.join(map(repr, allowed))}")
        merged[str(k).strip().casefold()] = v
    return merged


def _map_column(values: list[Any], mapping: dict[str, Any], keep: list[bool], attr: str,
                col: str | None, problem) -> list[Any]:
    out: list[Any] = [None] * len(values)
    if col is None:
        return out
    for i, raw in enumerate(values):
        text = _text(raw)
        if not keep[i] or text is None:
            continue
        key = text.casefold()
        if key in mapping:
            out[i] = mapping[key]
        else:
            problem(f"unknown {attr}", i + 1, repr(text))
    return out


def _check_columns(frame: pd.DataFrame, mapping: dict[str, str | None], label: str,
                   sep_given: bool) -> None:
    columns = list(frame.columns)
    twice = [c for c in dict.fromkeys(v for v in mapping.values() if v is not None)
             if columns.count(c) > 1]
    if twice:
        raise SchemaError(format_problems(
            label, [f"column {c!r} appears {columns.count(c)} times" for c in twice],
            fix="rename the duplicated columns so that each mapped name is unique",
        ))
    missing = {arg: col for arg, col in mapping.items() if col is not None and col not in columns}
    if not missing:
        return
    problems = []
    if len(columns) == 1:
        head = str(columns[0])
        found = [s for s in _SEPARATORS if s in head]
        hint = (f"; its header contains {_SEP_NAMES[found[0]]}: pass sep={found[0]!r}" if found
                else "; the separator may be wrong (pass sep=)")
        problems.append(f"the table parses as one column {head[:60]!r}{hint}")
    for arg, col in missing.items():
        close = difflib.get_close_matches(str(col), [str(c) for c in columns], n=1)
        did = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(f"{arg}={col!r}: no such column{did}")
    raise SchemaError(format_problems(
        label, problems,
        fix=f"the available columns are {_shorten(map(repr, columns), 20)}; pass their names as "
            "source=, target=, year=, ...",
    ))


def _problem_message(label: str, problems: dict[str, list[tuple[int, str]]],
                     mapping: dict[str, str | None], pmap: dict[str, Any], kmap: dict[str, Any],
                     min_year: int, max_year: int) -> str:
    lines, fixes = [], []
    for cat, items in problems.items():
        attr = next((a for a in ("end_year", "year", "phase", "kind", "source", "target")
                     if cat.startswith(f"{a} ") or cat.endswith(f" {a}") or f" {a} " in cat), None)
        col = None if cat == "end_year before year" or attr is None else mapping.get(attr)
        where = f" in column {col!r}" if col else ""
        shown = ", ".join(f"row {r}: {t}" for r, t in items[:_MAX_SHOWN])
        more = f", ... and {len(items) - _MAX_SHOWN} more" if len(items) > _MAX_SHOWN else ""
        lines.append(f"{cat}{where}: {len(items)} row(s): {shown}{more}")
        if cat.startswith("unparseable"):
            fixes.append("give years as integers (1956) or dates (1956-05-04); add other "
                         "markers of an unknown year to unknown_year=")
        elif "outside" in cat:
            fixes.append(f"check those years, or widen min_year=/max_year= (now {min_year}, "
                         f"{max_year}), or pass allow_years_outside=True")
        elif cat.startswith("unknown phase"):
            values = sorted({t for _, t in items})
            fixes.append(f"map {_shorten(values)} with phase_map={{...}} to one of {PHASES} or "
                         f"None; known words: {_shorten(sorted(pmap), 12)}")
        elif cat.startswith("unknown kind"):
            values = sorted({t for _, t in items})
            fixes.append(f"map {_shorten(values)} with kind_map={{...}} to one of {KINDS}; "
                         f"known words: {_shorten(sorted(kmap), 12)}")
        elif cat == "self-link":
            fixes.append("a city cannot be twinned with itself: check those rows (same name with "
                         "an unknown or identical country gives the same id; map the country columns)")
        elif cat.startswith("empty"):
            fixes.append("fill in the names")
        elif cat.startswith("end_year"):
            fixes.append("swap or correct year and end_year")
    fixes.append("or pass drop_invalid=True to reject these rows into report.rejected")
    return format_problems(label, lines, fix="; ".join(dict.fromkeys(fixes)), limit=20)


def _country_lookup(texts: Iterable[str | None], country_map: Mapping[str, str | None] | None,
                    notes: list[str]) -> dict[str, str | None]:
    """Map each distinct country text to an ISO alpha-2 code or None (noted)."""
    counts = Counter(t for t in texts if t is not None)
    if not counts:
        return {}
    cmap = {str(k).strip(): v for k, v in (country_map or {}).items()}
    out: dict[str, str | None] = {}
    rest = []
    for t in counts:
        if t in cmap:
            v = cmap[t]
            out[t] = v.upper() if isinstance(v, str) else None
        else:
            rest.append(t)
    if rest:
        found = _geo().country_codes(rest)
        for t, code in zip(rest, found.tolist(), strict=True):
            out[t] = code if isinstance(code, str) and code else None
    unknown = [t for t in counts if out.get(t) is None]
    if unknown:
        rows = sum(counts[t] for t in unknown)
        notes.append(
            f"country: {len(unknown)} country text(s) not recognised ({rows} city mention(s)); "
            "those cities keep country None: "
            + _shorten([f"{t!r} x{counts[t]}" for t in sorted(unknown, key=lambda t: -counts[t])], 10)
            + " (pass country_map={...} to map them)"
        )
    return out


def _resolve_places(names: dict[str, list[str | None]], country: dict[str, list[str | None]],
                    keep: list[bool], report: LoadReport, notes: list[str],
                    progress: bool) -> dict[tuple[str, str | None], dict[str, Any]]:
    counts: Counter[tuple[str, str | None]] = Counter()
    for side in ("source", "target"):
        for nm, cc, k in zip(names[side], country[side], keep, strict=True):
            if k and nm is not None:
                counts[(nm, cc)] += 1
    places = list(counts)
    if not places:
        report.unresolved = pd.DataFrame(columns=["name", "country", "status", "rows"])
        return {}
    table = _geo().resolve([p[0] for p in places], [p[1] for p in places], progress=progress)
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    status_counts: Counter[str] = Counter()
    unresolved = []
    for (nm, cc), rec in zip(places, table.to_dict("records"), strict=True):
        status = str(rec.get("status"))
        status_counts[status] += 1
        if status == "resolved" and not is_missing(rec.get("geonames")):
            lat, lon = rec.get("lat"), rec.get("lon")
            out[(nm, cc)] = {
                "geonames": int(rec["geonames"]),
                "lat": None if is_missing(lat) else float(lat),
                "lon": None if is_missing(lon) else float(lon),
            }
        else:
            unresolved.append({"name": nm, "country": cc, "status": status, "rows": counts[(nm, cc)]})
    report.unresolved = pd.DataFrame(unresolved, columns=["name", "country", "status", "rows"])
    notes.append(
        f"resolve: {len(places)} distinct place(s): "
        + ", ".join(f"{s} {c}" for s, c in status_counts.most_common())
        + ("; unresolved ones keep their name|country id and no coordinates (see report.unresolved): "
           + _shorten([_describe_unresolved(u) for u in unresolved])
           if unresolved else "")
    )
    return out


def _describe_unresolved(u: dict[str, Any]) -> str:
    return f"{u['name']} ({u['country'] or '??'}): {u['status']}"


# --------------------------------------------------------------------------------------
# duplicate pairs
# --------------------------------------------------------------------------------------


def duplicate_pairs(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Find unordered pairs of city *names* listed more than once.

    Lists scraped from per-country pages (Wikipedia) record the same twinning on both
    partners' pages, often with different country spellings ("England" on one page,
    "England, United Kingdom" on the other). :func:`read_links` normalises countries with
    :mod:`paradiplo_net.geo`, so such listings usually join the *same* two nodes (then they
    are a reciprocal pair, or parallel edges when one page lists the pair twice). This
    function groups edges by the unordered pair of case-folded endpoint names and returns
    every group with at least two edges, so that they can be checked or collapsed
    (:func:`paradiplo_net.model.collapse`) before undirected statistics.

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Returns
    -------
    pandas.DataFrame
        One row per name pair listed more than once, sorted by names: ``name_a``,
        ``name_b`` (the names, alphabetically), ``n_edges``, ``n_city_pairs`` (distinct
        unordered node-id pairs: 1 means every listing joins the same two cities),
        ``same_cities`` (``n_city_pairs == 1``), ``spellings`` (the distinct raw country
        spellings ``"<country of a> / <country of b>"`` from the edges'
        ``*_country_text``, else from the node countries), ``different_spellings``
        (more than one spelling: the "same pair under different country spellings" trap),
        and ``edges`` (list of ``(u, v, key)``).

    Examples
    --------
    >>> import pandas as pd
    >>> import paradiplo_net as pn
    >>> table = pd.DataFrame({"c1": ["Coventry", "Dresden"], "k1": ["England", "Germany"],
    ...                       "c2": ["Dresden", "Coventry"],
    ...                       "k2": ["Germany", "England, United Kingdom"]})
    >>> G, _ = pn.io.read_links(table, source="c1", target="c2", source_country="k1",
    ...                         target_country="k2")
    >>> d = pn.io.duplicate_pairs(G)
    >>> d[["name_a", "name_b", "n_edges", "same_cities", "different_spellings"]]
         name_a   name_b  n_edges  same_cities  different_spellings
    0  Coventry  Dresden        2         True                 True
    >>> d.loc[0, "spellings"]
    ['England / Germany', 'England, United Kingdom / Germany']
    >>> len(pn.io.duplicate_pairs(pn.datasets.load("toy")))  # H -> I twice (parallel), A <-> B
    2
    """
    columns = ["name_a", "name_b", "n_edges", "n_city_pairs", "same_cities", "spellings",
               "different_spellings", "edges"]
    groups: dict[tuple[str, str], list[tuple[Any, Any, Any, dict[str, Any]]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        a = str(G.nodes[u].get("name") or u).strip().casefold()
        b = str(G.nodes[v].get("name") or v).strip().casefold()
        groups.setdefault((a, b) if a <= b else (b, a), []).append((u, v, k, d))
    rows = []
    for items in groups.values():
        if len(items) < 2:
            continue
        u0, v0 = items[0][0], items[0][1]
        na, nb = str(G.nodes[u0].get("name") or u0), str(G.nodes[v0].get("name") or v0)
        first_is_a = na.casefold() <= nb.casefold()
        name_a, name_b = (na, nb) if first_is_a else (nb, na)
        spellings = set()
        city_pairs = set()
        for u, v, _k, d in items:
            cu = d.get("source_country_text", G.nodes[u].get("country"))
            cv = d.get("target_country_text", G.nodes[v].get("country"))
            nu = str(G.nodes[u].get("name") or u).strip().casefold()
            # order the spelling as "<country of name_a> / <country of name_b>"
            pair = (cu, cv) if nu == name_a.strip().casefold() else (cv, cu)
            spellings.add(f"{pair[0] or '?'} / {pair[1] or '?'}")
            city_pairs.add(frozenset((u, v)))
        rows.append({
            "name_a": name_a, "name_b": name_b, "n_edges": len(items),
            "n_city_pairs": len(city_pairs), "same_cities": len(city_pairs) == 1,
            "spellings": sorted(spellings), "different_spellings": len(spellings) > 1,
            "edges": [(u, v, k) for u, v, k, _ in items],
        })
    out = pd.DataFrame(rows, columns=columns)
    if len(out):
        out = out.sort_values(["name_a", "name_b"], key=lambda s: s.str.casefold(), ignore_index=True)
    return out


# --------------------------------------------------------------------------------------
# links table <-> files
# --------------------------------------------------------------------------------------


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
    opts = {"keep_default_na": False, "na_values": [""]}
    try:
        links = pd.read_csv(links_path, dtype={"year": "Int64", "end_year": "Int64", "source": str,
                                               "target": str, "key": "Int64"}, **opts)
        cities = pd.read_csv(cpath, dtype={"city": str, "name": str, "country": str, "level": str,
                                           "wikidata": str, "lat": float, "lon": float,
                                           "geonames": "Int64", "population": "Int64"}, **opts)
    except (ValueError, pd.errors.ParserError) as err:
        raise SchemaError(format_problems(
            str(links_path), [f"cannot read the tables: {err}"],
            fix="pass the files written by write_links, or use read_links for other tables",
        )) from None
    if "city" not in cities.columns:
        raise SchemaError(format_problems(
            str(cpath), [f"no 'city' id column; columns are {list(cities.columns)}"],
            fix="write the cities table with write_links",
        ))
    links = links.drop(columns=["key"], errors="ignore")
    try:
        G = graph_from_tables(links, cities, dataset=dataset, directed=directed, validate=True)
    except GraphContractError as err:
        raise SchemaError(str(err)) from None
    report = LoadReport(str(links_path), rows_read=len(links), links_kept=G.number_of_edges())
    report.notes.append(f"cities read from {cpath.name}: {len(cities)}")
    _finish(G, report)
    return G, report


# --------------------------------------------------------------------------------------
# KONECT
# --------------------------------------------------------------------------------------


def read_konect(
    path: str | Path,
    *,
    dataset: str | None = None,
    drop_invalid: bool = False,
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Read a KONECT network file ``out.<name>``.

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
    ...     _ = p.write_text("% sym unweighted\\n% 2 3 3\\n1 2\\n2 3\\n")
    ...     G, report = pn.io.read_konect(p)
    >>> G.number_of_nodes(), G.number_of_edges(), G.graph["directed"], G.graph["dataset"]
    (3, 2, False, 'konect-demo')
    """
    path = Path(path)
    name = path.name.split(".", 1)[1] if path.name.startswith("out.") else path.stem
    dataset = dataset or f"konect-{name}"
    label = str(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    headers = [ln for ln in lines if ln.startswith("%")]
    if not text.strip():
        raise SchemaError(format_problems(label, ["the file is empty"], fix="pass a KONECT out.* file"))
    structure = headers[0].lstrip("%").split() if headers else []
    notes: list[str] = []
    if not structure:
        notes.append("no '% sym|asym' header line: read as directed (asym)")
    if structure and structure[0] == "bip":
        raise SchemaError(format_problems(
            label, ["bipartite network ('% bip'): not a network of cities"],
            fix="twinning networks are unipartite ('sym' or 'asym'); project the network first",
        ))
    directed = not (structure and structure[0] == "sym")
    n_nodes = None
    if len(headers) > 1:
        size = headers[1].lstrip("%").split()
        if len(size) >= 2 and all(s.isdigit() for s in size[:2]):
            n_nodes = int(size[1])
    report = LoadReport(label)
    problems: list[tuple[int, str]] = []
    edges: list[tuple[str, str, dict[str, Any]]] = []
    bad_time = 0
    row = 0
    this_year = date.today().year
    for ln in lines:
        if ln.startswith("%") or not ln.strip():
            continue
        row += 1
        parts = ln.split()
        try:
            u, v = int(parts[0]), int(parts[1])
            attrs: dict[str, Any] = {}
            if len(parts) > 2:
                w = float(parts[2])
                attrs["weight"] = int(w) if w.is_integer() else w
            if len(parts) > 3:
                t = float(parts[3])
                attrs["time"] = int(t) if t.is_integer() else t
        except (ValueError, IndexError):
            problems.append((row, f"not 'from to [weight [time]]': {ln.strip()[:60]!r}"))
            continue
        if u == v:
            problems.append((row, f"self-loop {u} -> {u}"))
            continue
        y = None
        if "time" in attrs:
            if attrs["time"] > 0:
                y = datetime.fromtimestamp(attrs["time"], tz=UTC).year
                if not 1900 <= y <= this_year:
                    y = None
            if y is None:
                bad_time += 1
        edges.append((str(u), str(v), {"year": y, "end_year": None, "phase": None,
                                       "phase_source": None, "kind": "unspecified",
                                       "dataset": dataset, **attrs}))
    report.rows_read = row
    if row == 0:
        raise SchemaError(format_problems(label, ["no edge lines after the % header"],
                                          fix="pass a KONECT out.* file with 'from to' lines"))
    if problems:
        if not drop_invalid:
            raise SchemaError(format_problems(
                label, [f"line {r} of the data: {t}" for r, t in problems],
                fix="KONECT lines are whitespace-separated integer ids 'from to [weight [time]]'; "
                    "pass drop_invalid=True to reject bad lines into the report",
            ))
        report.reject_many(pd.DataFrame({"row": [r for r, _ in problems],
                                         "reason": [t for _, t in problems]}))
    if bad_time:
        notes.append(f"time: {bad_time} edge(s) with no usable timestamp: year None")
    G = new_graph(dataset=dataset, retrieved=None, directed=directed)
    seen = {x for u, v, _ in edges for x in (u, v)}
    ordered = sorted(seen, key=int)
    if n_nodes is not None and n_nodes > len(seen):
        extra = [str(i) for i in range(1, n_nodes + 1) if str(i) not in seen]
        if extra:
            notes.append(f"nodes: {len(extra)} isolated node(s) added from the size header "
                         f"(ids 1..{n_nodes})")
            ordered = sorted([*ordered, *extra], key=int)
    G.add_nodes_from((nid, {"name": nid, "country": None, "lat": None, "lon": None,
                            "level": "other"}) for nid in ordered)
    G.add_edges_from(edges)
    meta_path = path.with_name(f"meta.{name}")
    if meta_path.exists():
        meta = {}
        for ln in meta_path.read_text(encoding="utf-8", errors="replace").splitlines():
            if ":" in ln:
                k, v = ln.split(":", 1)
                meta[k.strip()] = v.strip()
        G.graph["konect_meta"] = meta
        G.graph["retrieved"] = meta.get("timeiso") or None
        notes.append(f"metadata read from {meta_path.name}")
    notes.insert(0, f"structure: {' '.join(structure) or 'unknown'} -> directed={directed}")
    report.links_kept = G.number_of_edges()
    report.notes.extend(notes)
    _finish(G, report)
    return G, report


# --------------------------------------------------------------------------------------
# GraphML and GEXF: encoding of None and non-scalar values
# --------------------------------------------------------------------------------------

_NONE_KEY = "_none"
_JSON_KEY = "_json"


def _encode(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Make attributes storable: None -> listed in ``_none``; dict/list/tuple -> JSON."""
    out: dict[str, Any] = {}
    nones, jsons = [], []
    for k, v in attrs.items():
        if hasattr(v, "item") and not isinstance(v, (str, bytes)) and not isinstance(v, (list, dict, tuple)):
            v = v.item()
        if is_missing(v):
            nones.append(k)
        elif isinstance(v, (dict, list, tuple, set)):
            out[k] = json.dumps(sorted(v) if isinstance(v, set) else v, default=str, ensure_ascii=False)
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


def _to_contract(H: nx.Graph, label: str, default_dataset: str,
                 notes: list[str] | None = None) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Turn a decoded graph from a file into a contract graph, filling what is missing."""
    notes = list(notes or [])
    graph_attrs = _decode_attrs(H.graph)
    directed_file = H.is_directed()
    G = nx.MultiDiGraph()
    G.graph.update(graph_attrs)
    G.graph.setdefault("dataset", default_dataset)
    G.graph.setdefault("retrieved", None)
    if "directed" not in G.graph:
        G.graph["directed"] = directed_file
        if not directed_file:
            notes.append("undirected file: each edge read as one edge in file order, directed=False")
    G.graph.setdefault("rejected", 0)
    filled_nodes: Counter[str] = Counter()
    for n, d in H.nodes(data=True):
        attrs = _decode_attrs(d)
        if "name" not in attrs:  # a label, if any, becomes the name
            attrs["name"] = str(attrs.pop("label", n))
            filled_nodes["name"] += 1
        for a, default in (("country", None), ("lat", None), ("lon", None), ("level", "other")):
            if a not in attrs:
                attrs[a] = default
                filled_nodes[a] += 1
        G.add_node(str(n), **attrs)
    filled_edges: Counter[str] = Counter()
    it = H.edges(keys=True, data=True) if H.is_multigraph() else ((u, v, None, d) for u, v, d in H.edges(data=True))
    for u, v, k, d in it:
        attrs = _decode_attrs(d)
        for a, default in (("year", None), ("end_year", None), ("phase", None),
                           ("phase_source", None), ("kind", "unspecified"),
                           ("dataset", G.graph["dataset"])):
            if a not in attrs:
                attrs[a] = default
                filled_edges[a] += 1
        if attrs["phase"] is not None and attrs["phase_source"] is None:
            attrs["phase_source"] = "recorded"
        key = attrs.pop("networkx_key", k)
        if key is not None and isinstance(key, str) and key.lstrip("-").isdigit():
            key = int(key)
        G.add_edge(str(u), str(v), key=key, **attrs)
    if filled_nodes:
        notes.append("nodes: attributes missing in the file set to defaults (name = label or id, "
                     "level 'other', others None): "
                     + ", ".join(f"{a} x{c}" for a, c in filled_nodes.items()))
    if filled_edges:
        notes.append("edges: attributes missing in the file set to defaults (kind 'unspecified', "
                     "others None): " + ", ".join(f"{a} x{c}" for a, c in filled_edges.items()))
    report = LoadReport(label, rows_read=G.number_of_edges(), links_kept=G.number_of_edges(),
                        notes=notes)
    # a file written by this package keeps its own graph attributes (round trip), including
    # the load_report of the original load; other files get this load's report
    G.graph.setdefault("load_report", report.summary())
    ys = [y for _, _, d in G.edges(data=True) for y in (d.get("year"), d.get("end_year"))
          if isinstance(y, int)]
    validate_graph(G, min_year=min([1900, *ys]), max_year=max([date.today().year, *ys]))
    return G, report


def write_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``G`` as GraphML (for Gephi, Cytoscape, yEd, igraph, ...).

    GraphML cannot store None, dicts or lists. Encoding (undone by :func:`read_graphml`):
    an attribute whose value is None is left out of its element's data and its name is
    listed in the element's string attribute ``_none`` (a JSON list, e.g.
    ``["end_year", "phase"]``); a dict, list or tuple value is stored as a JSON string and
    its name listed in ``_json``. The same holds for graph attributes (e.g. ``load_report``).
    Multigraph edge keys are the GraphML edge ids.

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
    H.add_nodes_from((n, _encode(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _encode(d)) for u, v, k, d in G.edges(keys=True, data=True))
    nx.write_graphml(H, path, encoding="utf-8", prettyprint=True)
    return path


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
        raise SchemaError(format_problems(str(path), [f"not a readable GraphML file: {err}"],
                                          fix="pass a .graphml file (e.g. from write_graphml)")) from None
    for k in ("node_default", "edge_default"):  # added by networkx's reader
        if H.graph.get(k) == {}:
            del H.graph[k]
    return _to_contract(H, str(path), path.stem)


# --------------------------------------------------------------------------------------
# GEXF (own writer/reader: networkx's cannot write integer time formats or open spells)
# --------------------------------------------------------------------------------------

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


def write_gexf(G: nx.MultiDiGraph, path: str | Path, *, dynamic: bool = False) -> Path:
    """Write ``G`` as GEXF 1.2 for Gephi, optionally dynamic so its timeline replays history.

    Attributes are GEXF attvalues, typed ``integer``/``double``/``boolean``/``string`` from
    their values; None, dicts and lists are encoded as in :func:`write_graphml` (``_none`` and
    ``_json`` attributes). Graph attributes are stored as a JSON line in
    ``<meta><description>``. The multigraph key is the edge attribute ``networkx_key`` (the
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
    from . import __version__

    path = Path(path)
    root = ET.Element("gexf", {"xmlns": _GEXF_NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": date.today().isoformat()})
    ET.SubElement(meta, "creator").text = f"paradiplo_net {__version__}"
    graph_el_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_el_attrs["timeformat"] = "integer"
    graph_el = ET.Element("graph", graph_el_attrs)

    nodes = [(str(n), _encode(d)) for n, d in G.nodes(data=True)]
    edges = [(str(u), str(v), k, _encode({**d, "networkx_key": k}))
             for u, v, k, d in G.edges(keys=True, data=True)]
    ntypes = _declare(graph_el, "node", [d for _, d in nodes])
    etypes = _declare(graph_el, "edge", [d for *_, d in edges])

    undated_edges = same_year = 0
    node_start: dict[str, int | None] = {}
    if dynamic:
        for u, v, _k, d in G.edges(keys=True, data=True):
            y = d.get("year")
            for x in (str(u), str(v)):
                if y is None:
                    node_start[x] = None
                elif x not in node_start:
                    node_start[x] = y
                elif node_start[x] is not None:
                    node_start[x] = min(node_start[x], y)  # type: ignore[type-var]
    nodes_el = ET.SubElement(graph_el, "nodes")
    for (nid, d), (_, raw) in zip(nodes, G.nodes(data=True), strict=True):
        el = ET.SubElement(nodes_el, "node", {"id": nid, "label": str(raw.get("name") or nid)})
        _attvalues(el, d, ntypes)
        if dynamic and node_start.get(nid) is not None:
            ET.SubElement(ET.SubElement(el, "spells"), "spell", {"start": str(node_start[nid])})
    edges_el = ET.SubElement(graph_el, "edges")
    for i, ((u, v, _k, d), (_, _, raw)) in enumerate(zip(edges, G.edges(data=True), strict=True)):
        el = ET.SubElement(edges_el, "edge", {"id": str(i), "source": u, "target": v})
        _attvalues(el, d, etypes)
        if dynamic:
            y, e = raw.get("year"), raw.get("end_year")
            if y is None:
                undated_edges += 1
                continue
            spell = {"start": str(y)}
            if e is not None:
                if e <= y:
                    same_year += 1
                spell["end"] = str(max(e - 1, y))
            ET.SubElement(ET.SubElement(el, "spells"), "spell", spell)
    description = f"{G.graph.get('dataset', '')}: {G.number_of_nodes()} cities, {G.number_of_edges()} links"
    if dynamic:
        description += (
            f"; dynamic: {G.number_of_edges() - undated_edges} dated link(s) as spells "
            f"[year, end_year - 1], {undated_edges} undated link(s) without spell (always shown)"
            + (f", {same_year} link(s) ended in their start year shown for that year" if same_year else "")
        )
    ET.SubElement(meta, "description").text = (
        description + "\n" + _GRAPH_ATTRS_PREFIX + json.dumps(_encode(G.graph), ensure_ascii=False)
    )
    root.append(graph_el)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


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
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise SchemaError(format_problems(str(path), [f"not a readable XML file: {err}"],
                                          fix="pass a .gexf file (e.g. from write_gexf)")) from None
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    q = (lambda t: f"{{{ns}}}{t}") if ns else (lambda t: t)
    graph_el = root.find(q("graph"))
    if root.tag != q("gexf") or graph_el is None:
        raise SchemaError(format_problems(str(path), ["no <gexf><graph> element"],
                                          fix="pass a .gexf file (e.g. from write_gexf)"))
    H: nx.MultiDiGraph | nx.MultiGraph = (
        nx.MultiGraph() if graph_el.get("defaultedgetype") == "undirected" else nx.MultiDiGraph()
    )
    desc = root.find(f"{q('meta')}/{q('description')}")
    if desc is not None and desc.text:
        for ln in desc.text.splitlines():
            if ln.startswith(_GRAPH_ATTRS_PREFIX):
                H.graph.update(json.loads(ln[len(_GRAPH_ATTRS_PREFIX):]))
    types: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    for at in graph_el.findall(q("attributes")):
        for a in at.findall(q("attribute")):
            types[at.get("class", "node")][a.get("id", "")] = (a.get("title") or a.get("id", ""), a.get("type", "string"))

    def values(el: ET.Element, cls: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        av = el.find(q("attvalues"))
        for a in av.findall(q("attvalue")) if av is not None else []:
            title, typ = types[cls].get(a.get("for", ""), (a.get("for", ""), "string"))
            raw = a.get("value", "")
            if typ in ("integer", "long", "short", "byte"):
                out[title] = int(raw)
            elif typ in ("double", "float"):
                out[title] = float(raw)
            elif typ == "boolean":
                out[title] = raw.strip().lower() == "true"
            else:
                out[title] = raw
        return out

    from_spell = 0
    nodes_el = graph_el.find(q("nodes"))
    for el in nodes_el.findall(q("node")) if nodes_el is not None else []:
        d = values(el, "node")
        if "name" not in d and el.get("label"):
            d["label"] = el.get("label")
        H.add_node(el.get("id"), **d)
    edges_el = graph_el.find(q("edges"))
    for el in edges_el.findall(q("edge")) if edges_el is not None else []:
        d = values(el, "edge")
        spell = el.find(f"{q('spells')}/{q('spell')}")
        if "year" not in d and spell is not None and (spell.get("start") or "").lstrip("-").isdigit():
            d["year"] = int(spell.get("start"))
            from_spell += 1
        key = d.pop("networkx_key", None)
        if el.get("type") == "undirected" and isinstance(H, nx.MultiDiGraph) and "directed" not in H.graph:
            H.graph["directed"] = False
        H.add_edge(el.get("source"), el.get("target"), key=key, **d)
    extra = [f"year: {from_spell} edge(s) dated from their first spell start"] if from_spell else []
    return _to_contract(H, str(path), path.stem, extra)
