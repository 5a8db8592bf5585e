"""Every argument validator of the package, in one place (private; re-exported by ``model``).

One rule for missing values (:func:`is_missing`), one checker per kind of argument. The
messages name the argument, what was expected and what was found, so a caller can fix the call.

Examples
--------
>>> from paradiplo_net._checks import check_int, is_missing
>>> check_int("top", 5)
5
>>> is_missing("  ")
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

__all__ = [
    "LANGS",
    "check_graph",
    "check_int",
    "check_lang",
    "check_number",
    "check_option",
    "check_range",
    "check_year",
    "is_missing",
]

#: Languages of student-facing labels (English, Indonesian).
LANGS: tuple[str, ...] = ("en", "id")


def is_missing(value: Any) -> bool:
    """True for None, NaN, pandas NA/NaT and blank strings: the package's one missing rule.

    Examples
    --------
    >>> [is_missing(v) for v in (None, float("nan"), "  ", 0, "x")]
    [True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, float):
        return math.isnan(value)
    return _is_missing_scalar(value)


def _is_missing_scalar(value: Any) -> bool:
    """The pandas NA test for other scalars (NA, NaT, numpy NaN); containers are not missing."""
    import pandas as pd

    return bool(pd.api.types.is_scalar(value) and pd.isna(value))


def check_option(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Check a string option at run time; the error lists the allowed values.

    Examples
    --------
    >>> check_option("method", "leiden", ("leiden", "louvain"))
    'leiden'
    >>> check_option("method", "magic", ("leiden", "louvain"))
    Traceback (most recent call last):
    ...
    ValueError: method='magic' is not one of: 'leiden', 'louvain'
    """
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name}={value!r} is not one of: {', '.join(map(repr, allowed))}")
    return value


def check_lang(lang: Any) -> str:
    """Check a label language (``"en"`` or ``"id"``).

    Examples
    --------
    >>> check_lang("id")
    'id'
    """
    return str(check_option("lang", lang, LANGS))


def check_graph(G: Any) -> None:
    """Raise :class:`~paradiplo_net.errors.GraphContractError` unless ``G`` is a MultiDiGraph.

    The cheap type check every public function runs first
    (:func:`paradiplo_net.model.validate_graph` checks every attribute and is the full check).

    Examples
    --------
    >>> import networkx as nx
    >>> check_graph(nx.MultiDiGraph())
    >>> check_graph(nx.Graph())
    Traceback (most recent call last):
    ...
    paradiplo_net.errors.GraphContractError: graph: 1 problem(s)
      - expected a networkx.MultiDiGraph, got Graph
    Fix: ...
    """
    import networkx as nx

    from .errors import GraphContractError, format_problems

    if not isinstance(G, nx.MultiDiGraph):
        raise GraphContractError(
            format_problems(
                "graph",
                [f"expected a networkx.MultiDiGraph, got {type(G).__name__}"],
                fix="build graphs with paradiplo_net loaders (datasets.load, io.read_links, ...) "
                "or model.graph_from_tables; see the model module docstring for the contract",
            )
        )


def _is_int(value: Any) -> bool:
    import numpy as np

    return not isinstance(value, bool) and isinstance(value, (int, np.integer))


def check_year(name: str, value: Any, *, optional: bool = False) -> int | None:
    """Check a year argument: an int (numpy ints accepted), or None when ``optional``.

    Examples
    --------
    >>> check_year("since", 1945)
    1945
    >>> check_year("until", None, optional=True) is None
    True
    >>> check_year("since", "1945")
    Traceback (most recent call last):
    ...
    ValueError: since must be an int year, got '1945'
    """
    if value is None and optional:
        return None
    if not _is_int(value):
        raise ValueError(f"{name} must be an int year, got {value!r}")
    return int(value)


def check_range(since: Any, until: Any, *, until_optional: bool = True) -> tuple[int, int | None]:
    """Check an inclusive year range ``since <= until`` (``until`` may be None).

    Examples
    --------
    >>> check_range(1950, 1990)
    (1950, 1990)
    >>> check_range(1990, 1950)
    Traceback (most recent call last):
    ...
    ValueError: since=1990 is after until=1950; give since <= until (both inclusive)
    """
    lo = check_year("since", since)
    hi = check_year("until", until, optional=until_optional)
    assert lo is not None
    if hi is not None and lo > hi:
        raise ValueError(f"since={lo} is after until={hi}; give since <= until (both inclusive)")
    return lo, hi


def check_int(
    name: str,
    value: Any,
    *,
    minimum: int = 1,
    allow_none: bool = False,
) -> Any:
    """Check an integer argument ``>= minimum`` (None allowed when ``allow_none``).

    Examples
    --------
    >>> check_int("runs", 10)
    10
    >>> check_int("top", None, allow_none=True) is None
    True
    >>> check_int("runs", 0)
    Traceback (most recent call last):
    ...
    ValueError: runs must be an int >= 1, got 0
    """
    if value is None and allow_none:
        return None
    if not _is_int(value) or value < minimum:
        extra = " or None" if allow_none else ""
        raise ValueError(f"{name} must be an int >= {minimum}{extra}, got {value!r}")
    return int(value)


def check_number(
    name: str,
    value: Any,
    *,
    positive: bool = True,
    allow_none: bool = False,
) -> Any:
    """Check a finite real number (strictly positive when ``positive``).

    Examples
    --------
    >>> check_number("resolution", 0.5)
    0.5
    >>> check_number("penalty", -1)
    Traceback (most recent call last):
    ...
    ValueError: penalty must be a positive number, got -1
    """
    if value is None and allow_none:
        return None
    import numpy as np

    ok = (
        not isinstance(value, bool)
        and isinstance(value, (int, float, np.integer, np.floating))
        and math.isfinite(float(value))
        and (float(value) > 0 or not positive)
    )
    if not ok:
        what = "a positive number" if positive else "a finite number"
        extra = " or None" if allow_none else ""
        raise ValueError(f"{name} must be {what}{extra}, got {value!r}")
    return float(value)
