"""Exceptions raised by paradiplo_net.

Every error says what was expected, what was found (a count and the first offending
rows) and how to fix it. Validators collect every problem first, then raise once.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "DatasetError",
    "GraphContractError",
    "OptionalDependencyError",
    "ParadiploError",
    "SchemaError",
    "format_problems",
]


class ParadiploError(Exception):
    """Base class of every error raised by paradiplo_net."""


class SchemaError(ParadiploError, ValueError):
    """An input table (CSV, TSV, query result) does not have the expected shape or values."""


class GraphContractError(ParadiploError, ValueError):
    """A graph does not follow the graph contract of :mod:`paradiplo_net.model`."""


class DatasetError(ParadiploError, LookupError):
    """Unknown dataset name, checksum mismatch, or data that is not available offline."""


class OptionalDependencyError(ParadiploError, ImportError):
    """An optional extra is needed for this feature and is not installed."""


def format_problems(header: str, problems: Iterable[str], *, fix: str = "", limit: int = 10) -> str:
    """Join a list of problems into one readable error message.

    Parameters
    ----------
    header : str
        What was being checked, e.g. ``"links table"``.
    problems : iterable of str
        One line per problem.
    fix : str, optional
        How to fix it, appended at the end.
    limit : int, default 10
        How many problems to show; the rest are counted.

    Examples
    --------
    >>> problems = ["row 3: year 'abc'", "row 9: year 'x'"]
    >>> print(format_problems("links table", problems, fix="Use integers."))
    links table: 2 problem(s)
      - row 3: year 'abc'
      - row 9: year 'x'
    Fix: Use integers.
    """
    problems = list(problems)
    lines = [f"{header}: {len(problems)} problem(s)"]
    lines += [f"  - {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  ... and {len(problems) - limit} more")
    if fix:
        lines.append(f"Fix: {fix}")
    return "\n".join(lines)
