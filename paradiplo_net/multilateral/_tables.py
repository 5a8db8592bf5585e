"""Reading and validating the membership and network tables (bundled or a user's file)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from .._checks import is_missing
from ..datasets import data_file
from ..errors import SchemaError, format_problems
from ..geo import continent

#: Columns of a membership table, in order.
MEMBERSHIP_COLUMNS: tuple[str, ...] = (
    "network", "city", "country", "join_year", "end_year", "role", "ref", "note",
)
#: Columns of the table of networks, in order.
NETWORK_COLUMNS: tuple[str, ...] = ("network", "full_name", "founded", "scope", "ref", "note")
#: Roles a membership row may have (as the network's or the city's page states it): plain
#: and founding membership, participation in a summit or statement, the offices of the
#: networks' governing bodies (UCLG's co-presidents, World Council and Executive Bureau,
#: Mayors for Peace's executive and vice-president cities) and C40's membership categories
#: (megacity, innovator city, observer city).
ROLES: tuple[str, ...] = (
    "member", "founding_member", "associate_member", "honorary_member", "participant",
    "observer", "partner", "host", "secretariat", "president", "co_president",
    "vice_president", "treasurer", "chair", "co_chair", "executive", "steering_committee",
    "board", "council", "bureau", "lead", "megacity", "innovator_city", "observer_city",
)
#: Years a membership may carry (inclusive).
YEAR_RANGE: tuple[int, int] = (1900, 2026)
#: The note of a row without a join year starts with this prefix and says why.
UNDATED_PREFIX = "undated:"

_URL = re.compile(r"^https?://\S+$")


def _bundled(name: str) -> Path:
    return data_file("networks", name)


def _read(src: Any, columns: tuple[str, ...], label: str) -> pd.DataFrame:
    """A table from a path, a buffer or a DataFrame, every cell as text (None when blank)."""
    if isinstance(src, pd.DataFrame):
        frame = src.copy()
    else:
        # the io layer's delimited-table parser: any encoding, the separator detected, empty
        # files and malformed rows refused with the file, the row and the fix
        from ..io._delimited import _parse_table

        frame = _parse_table(src, sep=None, encoding=None, label=label, notes=[])
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SchemaError(format_problems(
            label, [f"missing column {c!r}" for c in missing],
            fix=f"the table needs the columns {', '.join(columns)} (found "
            f"{', '.join(map(str, frame.columns))}); see paradiplo_net/datasets/data/networks/"
            "README.md",
        ))
    frame = frame[list(columns)].astype(object)
    return frame.map(lambda v: None if is_missing(v) else str(v).strip())


def _year(value: Any) -> int | str | None:
    """An int year, None when blank, or the text itself when it is not a year."""
    if value is None:
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(\.0+)?", text):
        return int(float(text))
    return text


def _year_problems(row: int, name: str, value: int | str | None) -> list[str]:
    lo, hi = YEAR_RANGE
    if isinstance(value, str):
        return [f"row {row}: {name} {value!r} is not a year"]
    if value is not None and not lo <= value <= hi:
        return [f"row {row}: {name} {value} outside {lo}-{hi}"]
    return []


def _row_problems(row: int, rec: dict[str, Any]) -> list[str]:
    """Every problem of one membership row (``row`` = line number in the file, header = 1)."""
    out = [f"row {row}: {c} is blank" for c in ("network", "city", "country", "role", "ref")
           if rec[c] is None]
    cc = rec["country"]
    if cc is not None and not (re.fullmatch(r"[A-Z]{2}", cc) and continent(cc)):
        out.append(f"row {row}: country {cc!r} is not an ISO 3166-1 alpha-2 code")
    join, end = _year(rec["join_year"]), _year(rec["end_year"])
    out += _year_problems(row, "join_year", join) + _year_problems(row, "end_year", end)
    if isinstance(join, int) and isinstance(end, int) and end < join:
        out.append(f"row {row}: end_year {end} before join_year {join}")
    if rec["role"] is not None and rec["role"] not in ROLES:
        out.append(f"row {row}: role {rec['role']!r} is not one of {', '.join(ROLES)}")
    if rec["ref"] is not None and not _URL.match(rec["ref"]):
        out.append(f"row {row}: ref {rec['ref']!r} is not one http(s) URL")
    note = rec["note"] or ""
    if join is None and not note.startswith(UNDATED_PREFIX):
        out.append(f"row {row}: no join_year and the note does not start with "
                   f"{UNDATED_PREFIX!r} saying why")
    return out


def memberships(path: Any = None) -> pd.DataFrame:
    """The table of cities' memberships in multilateral city networks, read and checked.

    One row per (network, city) membership as a public source states it: ``network``
    (short name: ``C40``, ``U20``, ``Eurocities``...), ``city`` (English name), ``country``
    (ISO 3166-1 alpha-2), ``join_year`` (blank when no source states it; the ``note`` then
    starts with ``"undated:"`` and says why), ``end_year`` (blank while the membership
    stands), ``role`` (one of :data:`ROLES`), ``ref`` (one reference URL) and ``note``.

    Every row is checked and every problem reported at once; nothing is dropped.

    Parameters
    ----------
    path : path, file-like or pandas.DataFrame, optional
        A CSV with the columns :data:`MEMBERSHIP_COLUMNS` (extra columns are ignored).
        None reads the bundled table ``paradiplo_net/datasets/data/networks/memberships.csv``.

    Returns
    -------
    pandas.DataFrame
        The columns :data:`MEMBERSHIP_COLUMNS`; ``join_year`` and ``end_year`` as ``Int64``,
        text columns as str or None. The index is the row's line number in the file
        (header = line 1), so a row can be found again.

    Raises
    ------
    SchemaError
        A missing column, or rows with a blank required cell, a country that is not an
        ISO2 code, a year outside :data:`YEAR_RANGE` or not a year, an end before the
        join, an unknown role, a ``ref`` that is not one URL, an undated row without its
        ``undated:`` note, or duplicate rows. The message names the file, the rows and
        the fix.

    See Also
    --------
    layer : the bipartite city-network layer built from this table.

    Examples
    --------
    >>> import io
    >>> csv = '''network,city,country,join_year,end_year,role,ref,note
    ... Net X,City A,GB,1990,,member,https://example.org/x,fictional row
    ... Net X,City C,DE,,,member,https://example.org/x,undated: the list has no years
    ... '''
    >>> m = memberships(io.StringIO(csv))
    >>> m[["network", "city", "join_year"]]
        network    city  join_year
    row
    2     Net X  City A       1990
    3     Net X  City C       <NA>
    >>> memberships(io.StringIO(csv.replace("GB,1990", "UK,1890")))
    Traceback (most recent call last):
    ...
    paradiplo_net.errors.SchemaError: memberships table <buffer>: 2 problem(s)
      - row 2: country 'UK' is not an ISO 3166-1 alpha-2 code
      - row 2: join_year 1890 outside 1900-2026
    Fix: ...
    """
    label = f"memberships table {_label(path, 'memberships.csv')}"
    frame = _read(_bundled("memberships.csv") if path is None else path,
                  MEMBERSHIP_COLUMNS, label)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    problems = [p for i, rec in zip(frame.index, frame.to_dict("records"), strict=True)
                for p in _row_problems(int(i), rec)]
    dup = frame.duplicated(["network", "city", "country", "join_year"], keep="first")
    problems += [f"row {i}: repeats an earlier row (same network, city, country, join_year)"
                 for i in frame.index[dup]]
    if problems:
        raise SchemaError(format_problems(
            label, problems,
            fix="correct these rows: country as ISO2 (e.g. 'GB'), years as four digits in "
            f"{YEAR_RANGE[0]}-{YEAR_RANGE[1]} with end_year >= join_year, role one of "
            f"{', '.join(ROLES)}, one http(s) URL in ref, and a note starting "
            f"'{UNDATED_PREFIX} <why>' where join_year is blank",
        ))
    for col in ("join_year", "end_year"):
        frame[col] = pd.array([_year(v) for v in frame[col]], dtype="Int64")
    return frame


def networks(path: Any = None) -> pd.DataFrame:
    """The table of multilateral city networks (name, full name, year founded, scope, source).

    Parameters
    ----------
    path : path, file-like or pandas.DataFrame, optional
        A CSV with the columns :data:`NETWORK_COLUMNS`; None reads the bundled
        ``networks.csv``.

    Returns
    -------
    pandas.DataFrame
        One row per network, ``founded`` as ``Int64``; index = line number in the file.

    Raises
    ------
    SchemaError
        A missing column, a blank ``network`` or ``ref``, a ``founded`` that is not a year
        in :data:`YEAR_RANGE`, a ``ref`` that is not one URL or a repeated network.

    Examples
    --------
    >>> import io
    >>> csv = '''network,full_name,founded,scope,ref,note
    ... Net X,Network X (fictional),1986,regional,https://example.org/x,
    ... '''
    >>> networks(io.StringIO(csv))[["network", "founded"]]
        network  founded
    row
    2     Net X     1986
    """
    label = f"networks table {_label(path, 'networks.csv')}"
    frame = _read(_bundled("networks.csv") if path is None else path, NETWORK_COLUMNS, label)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    problems: list[str] = []
    for i, rec in zip(frame.index, frame.to_dict("records"), strict=True):
        problems += [f"row {i}: {c} is blank" for c in ("network", "ref") if rec[c] is None]
        problems += _year_problems(int(i), "founded", _year(rec["founded"]))
        if rec["ref"] is not None and not _URL.match(rec["ref"]):
            problems.append(f"row {i}: ref {rec['ref']!r} is not one http(s) URL")
    problems += [f"row {i}: network {n!r} repeated" for i, n in
                 frame["network"][frame["network"].duplicated()].items()]
    if problems:
        raise SchemaError(format_problems(
            label, problems, fix="one row per network, founded as a four-digit year, one URL "
            "in ref"))
    frame["founded"] = pd.array([_year(v) for v in frame["founded"]], dtype="Int64")
    return frame


def _label(path: Any, default: str) -> str:
    if path is None:
        return str(_bundled(default))
    if isinstance(path, (str, Path)):
        return str(path)
    return "<DataFrame>" if isinstance(path, pd.DataFrame) else "<buffer>"
