"""Parsing a delimited text table (separator sniffing, ragged rows, quotes) into a frame."""

from __future__ import annotations

import csv
import io as _io
from collections import Counter
from typing import Any

import pandas as pd

from ..errors import SchemaError, format_problems
from ._common import _MAX_SHOWN
from ._text import read_text

_SEPARATORS = (",", ";", "\t", "|")
_SEP_NAMES = {",": "','", ";": "';'", "\t": "'\\t' (tab)", "|": "'|'"}


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


def _records(text: str, sep: str, label: str) -> list[list[str]]:
    """The non-blank records of a delimited text; SchemaError when it cannot be parsed."""
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep, strict=True)
    records: list[list[str]] = []
    try:
        for rec in reader:
            if rec and any(f.strip() for f in rec):
                records.append(rec)
    except csv.Error as err:
        raise SchemaError(
            format_problems(
                label,
                [f"cannot be parsed with separator {sep!r} at line {reader.line_num}: {err}"],
                fix="check that quotes are balanced and that a quoted field is followed by the "
                "separator; pass sep= explicitly if the separator was mis-detected",
            )
        ) from None
    if not records:
        raise SchemaError(
            format_problems(
                label,
                ["the file has no header line"],
                fix="pass a table with a header line naming the columns",
            )
        )
    return records


def _columns(header: list[str]) -> list[str]:
    """Stripped header names; a repeated name gets ``.1``, ``.2`` as in pandas."""
    seen: Counter[str] = Counter()
    columns = []
    for h in (h.strip() for h in header):
        columns.append(f"{h}.{seen[h]}" if seen[h] else h)
        seen[h] += 1
    return columns


def _check_widths(
    rows: list[list[str]], width: int, sep: str, label: str, notes: list[str]
) -> None:
    """Refuse rows longer than the header; count (note) the shorter ones."""
    long_rows = [(i, len(r)) for i, r in enumerate(rows, start=1) if len(r) > width]
    if long_rows:
        raise SchemaError(
            format_problems(
                label,
                [
                    f"{len(long_rows)} row(s) have more fields than the {width} header columns: "
                    + ", ".join(f"row {i} ({n} fields)" for i, n in long_rows[:_MAX_SHOWN])
                    + (" ..." if len(long_rows) > _MAX_SHOWN else "")
                ],
                fix=f"quote fields that contain the separator {sep!r}, or pass the right sep=",
            )
        )
    short = sum(len(r) < width for r in rows)
    if short:
        notes.append(
            f"{short} row(s) have fewer fields than the header; missing fields read as empty"
        )


def _parse_table(
    src: Any, *, sep: str | None, encoding: str | None, label: str, notes: list[str]
) -> pd.DataFrame:
    """A delimited text table as a frame of strings (short rows padded with empty cells)."""
    text = read_text(src, encoding=encoding, label=label, notes=notes)
    if not text.strip():
        raise SchemaError(
            format_problems(
                label,
                ["the file is empty (no header, no rows)"],
                fix="pass a table with a header line naming the columns and one link per row",
            )
        )
    if sep is None:
        sep = _sniff_separator(text)
        notes.append(f"separator {sep!r} detected")
    if len(sep) != 1:
        raise SchemaError(
            format_problems(
                label,
                [f"sep={sep!r}: a separator must be one character"],
                fix="pass sep=',' ';' '\\t' or '|', or sep=None to detect it",
            )
        )
    records = _records(text, sep, label)
    columns = _columns(records[0])
    width = len(columns)
    _check_widths(records[1:], width, sep, label, notes)
    data = [r + [""] * (width - len(r)) if len(r) < width else r for r in records[1:]]
    if not data:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in dict.fromkeys(columns)})
    return pd.DataFrame(data, columns=columns, dtype=object)
