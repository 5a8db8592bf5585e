"""Reading a year from a table cell: integers, dates, Wikidata times, approximate years."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pandas as pd

from .._checks import is_missing

#: Cell values read as "year unknown" by :func:`read_links` (compared as stripped,
#: case-folded text).
UNKNOWN_YEAR: tuple[Any, ...] = (0, "0", "", "?", "unknown", "n/a", "####")

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
    if not isinstance(value, str) and is_missing(value):  # blank text: see unknown_year
        return None, "unknown"
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        return None, "bad"
    if isinstance(value, float):
        value = int(value)
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, (date, datetime, pd.Timestamp)):
        return int(value.year), "ok"
    text = str(value).strip()
    return (None, "unknown") if text.casefold() in unknown else _match_year(text)


def _match_year(text: str) -> tuple[int | None, str]:
    """``(year, status)`` of a cell's text by the accepted patterns (``bad`` when none)."""
    for pattern, how in _YEAR_PATTERNS:
        m = pattern.match(text)
        if m:
            digits = text if how == "int" else m.group(1)
            return int(digits), ("approx" if how == "approx" else "ok")
    return None, "bad"
