"""read_links' column mapping (ColumnMap), phase/kind word maps and row-problem messages."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import SchemaError, format_problems
from ..model import KINDS, PHASES
from ._common import _MAX_SHOWN, _shorten, _text
from ._delimited import _SEP_NAMES, _SEPARATORS

#: Phase words understood by :func:`read_links` (English, German, Indonesian); keys are
#: case-folded. Abbreviations such as ``"p"`` are deliberately *not* guessed: pass
#: ``phase_map=`` for them.
DEFAULT_PHASE_MAP: dict[str, str] = {
    **{p: p for p in PHASES},
    # German
    "assoziativ": "associative",
    "reziprok": "reciprocal",
    "kommerziell": "commercial",
    "wechselseitig": "reciprocal",
    "wirtschaftlich": "commercial",
    # Indonesian
    "asosiatif": "associative",
    "resiprokal": "reciprocal",
    "timbal balik": "reciprocal",
    "komersial": "commercial",
    "komersil": "commercial",
}

#: Kind words understood by :func:`read_links` (English, German, Indonesian); keys are
#: case-folded. Single-letter codes (e.g. ``p``/``f``/``k`` in German lists) are not
#: guessed: pass ``kind_map=`` for them.
DEFAULT_KIND_MAP: dict[str, str] = {
    **{k: k for k in KINDS},
    # English
    "twin town": "twin_town",
    "twin towns": "twin_town",
    "twin city": "twin_town",
    "twinning": "twin_town",
    "town twinning": "twin_town",
    "sister city": "sister_city",
    "sister cities": "sister_city",
    "sister-city": "sister_city",
    "sister state": "sister_city",
    "sister province": "sister_city",
    "friendship": "friendship_city",
    "friendship city": "friendship_city",
    "friendly city": "friendship_city",
    "partnership": "partnership",
    "partner city": "partnership",
    "partner town": "partnership",
    "cooperation": "cooperation",
    "co-operation": "cooperation",
    "cooperation agreement": "cooperation",
    "contact": "contact",
    "contacts": "contact",
    # German
    "städtepartnerschaft": "partnership",
    "partnerschaft": "partnership",
    "partnerstadt": "partnership",
    "gemeindepartnerschaft": "partnership",
    "freundschaft": "friendship_city",
    "städtefreundschaft": "friendship_city",
    "freundschaftsvertrag": "friendship_city",
    "kontakt": "contact",
    "zusammenarbeit": "cooperation",
    "kooperation": "cooperation",
    "patenschaft": "sister_city",
    # Indonesian
    "kota kembar": "twin_town",
    "kota bersaudara": "sister_city",
    "provinsi bersaudara": "sister_city",
    "kota persahabatan": "friendship_city",
    "persahabatan": "friendship_city",
    "kemitraan": "partnership",
    "kerja sama": "cooperation",
    "kerjasama": "cooperation",
    "kontak": "contact",
}


def _merge_map(
    name: str, default: Mapping[str, Any], extra: Mapping[str, Any] | None, allowed: tuple[Any, ...]
) -> dict[str, Any]:
    merged = dict(default)
    for k, v in (extra or {}).items():
        if v not in allowed:
            raise ValueError(f"{name}[{k!r}]={v!r} is not one of: {', '.join(map(repr, allowed))}")
        merged[str(k).strip().casefold()] = v
    return merged


def _map_column(
    values: list[Any],
    mapping: dict[str, Any],
    *,
    keep: list[bool],
    attr: str,
    col: str | None,
    problem: Callable[[str, int, str], None],
) -> list[Any]:
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


def _check_columns(
    frame: pd.DataFrame, mapping: dict[str, str | None], label: str, sep_given: bool
) -> None:
    columns = list(frame.columns)
    twice = [
        c
        for c in dict.fromkeys(v for v in mapping.values() if v is not None)
        if columns.count(c) > 1
    ]
    if twice:
        raise SchemaError(
            format_problems(
                label,
                [f"column {c!r} appears {columns.count(c)} times" for c in twice],
                fix="rename the duplicated columns so that each mapped name is unique",
            )
        )
    missing = {arg: col for arg, col in mapping.items() if col is not None and col not in columns}
    if not missing:
        return
    problems = []
    if len(columns) == 1:
        head = str(columns[0])
        found = [s for s in _SEPARATORS if s in head]
        hint = (
            f"; its header contains {_SEP_NAMES[found[0]]}: pass sep={found[0]!r}"
            if found
            else "; the separator may be wrong (pass sep=)"
        )
        problems.append(f"the table parses as one column {head[:60]!r}{hint}")
    for arg, col in missing.items():
        close = difflib.get_close_matches(str(col), [str(c) for c in columns], n=1)
        did = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(f"{arg}={col!r}: no such column{did}")
    raise SchemaError(
        format_problems(
            label,
            problems,
            fix=f"the available columns are {_shorten(map(repr, columns), 20)}; pass their "
            "names as source=, target=, year=, ...",
        )
    )


def _problem_message(
    label: str,
    problems: dict[str, list[tuple[int, str]]],
    *,
    mapping: dict[str, str | None],
    pmap: dict[str, Any],
    kmap: dict[str, Any],
    min_year: int,
    max_year: int,
) -> str:
    lines, fixes = [], []
    for cat, items in problems.items():
        attr = next(
            (
                a
                for a in ("end_year", "year", "phase", "kind", "source", "target")
                if cat.startswith(f"{a} ") or cat.endswith(f" {a}") or f" {a} " in cat
            ),
            None,
        )
        col = None if cat == "end_year before year" or attr is None else mapping.get(attr)
        where = f" in column {col!r}" if col else ""
        shown = ", ".join(f"row {r}: {t}" for r, t in items[:_MAX_SHOWN])
        more = f", ... and {len(items) - _MAX_SHOWN} more" if len(items) > _MAX_SHOWN else ""
        lines.append(f"{cat}{where}: {len(items)} row(s): {shown}{more}")
        if cat.startswith("unparseable"):
            fixes.append(
                "give years as integers (1956) or dates (1956-05-04); add other "
                "markers of an unknown year to unknown_year="
            )
        elif "outside" in cat:
            fixes.append(
                f"check those years, or widen min_year=/max_year= (now {min_year}, "
                f"{max_year}), or pass allow_years_outside=True"
            )
        elif cat.startswith("unknown phase"):
            values = sorted({t for _, t in items})
            fixes.append(
                f"map {_shorten(values)} with phase_map={{...}} to one of {PHASES} or "
                f"None; known words: {_shorten(sorted(pmap), 12)}"
            )
        elif cat.startswith("unknown kind"):
            values = sorted({t for _, t in items})
            fixes.append(
                f"map {_shorten(values)} with kind_map={{...}} to one of {KINDS}; "
                f"known words: {_shorten(sorted(kmap), 12)}"
            )
        elif cat == "self-link":
            fixes.append(
                "a city cannot be twinned with itself: check those rows (same name with "
                "an unknown or identical country gives the same id; map the country columns)"
            )
        elif cat.startswith("empty"):
            fixes.append("fill in the names")
        elif cat.startswith("end_year"):
            fixes.append("swap or correct year and end_year")
    fixes.append("or pass drop_invalid=True to reject these rows into report.rejected")
    return format_problems(label, lines, fix="; ".join(dict.fromkeys(fixes)), limit=20)


#: The column arguments of :func:`read_links`, in the order its messages list them.
COLUMN_ARGS: tuple[str, ...] = (
    "source",
    "target",
    "source_country",
    "target_country",
    "source_id",
    "target_id",
    "year",
    "end_year",
    "phase",
    "kind",
    "sectors",
    "note",
    "ref",
)


@dataclass(frozen=True)
class ColumnMap:
    """The column mapping of :func:`read_links`: which input column holds what.

    Only ``source`` and ``target`` (the city names) are required; every other field names
    an optional column, or is None when the table has none. ``default_source_country`` /
    ``default_target_country`` give one country for every row of a side that has no country
    column (a side cannot have both).

    Raises
    ------
    ValueError
        If ``source`` or ``target`` is missing, or a side has both a country column and a
        default country.

    Examples
    --------
    >>> cols = ColumnMap(source="gemeinde", target="partner", year="seit",
    ...                  default_source_country="DE")
    >>> cols.columns()["year"], cols.side("source")
    ('seit', ('gemeinde', None, None, 'DE'))
    >>> ColumnMap(source="a", target="b", target_country="c", default_target_country="FR")
    Traceback (most recent call last):
    ...
    ValueError: pass either target_country (a column) or default_target_country, not both
    """

    source: str
    target: str
    source_country: str | None = None
    target_country: str | None = None
    source_id: str | None = None
    target_id: str | None = None
    year: str | None = None
    end_year: str | None = None
    phase: str | None = None
    kind: str | None = None
    sectors: str | None = None
    note: str | None = None
    ref: str | None = None
    default_source_country: str | None = None
    default_target_country: str | None = None

    def __post_init__(self) -> None:
        for side in ("source", "target"):
            if getattr(self, side) is None:
                raise ValueError(f"{side}= (the column of {side} city names) is required")
            if (
                getattr(self, f"default_{side}_country") is not None
                and getattr(self, f"{side}_country") is not None
            ):
                raise ValueError(
                    f"pass either {side}_country (a column) or default_{side}_country, not both"
                )

    def columns(self) -> dict[str, str | None]:
        """Argument name -> mapped column (None when unmapped), in :data:`COLUMN_ARGS` order."""
        return {arg: getattr(self, arg) for arg in COLUMN_ARGS}

    def side(self, side: str) -> tuple[str, str | None, str | None, str | None]:
        """``(name column, country column, id column, default country)`` of one side."""
        return (
            getattr(self, side),
            getattr(self, f"{side}_country"),
            getattr(self, f"{side}_id"),
            getattr(self, f"default_{side}_country"),
        )

    def check(self, frame: pd.DataFrame, label: str, *, sep_given: bool) -> None:
        """Raise SchemaError if a mapped column is missing from (or repeated in) ``frame``."""
        _check_columns(frame, self.columns(), label, sep_given)
