"""The readers' last line of defence: any parse failure becomes a project error naming the file.

The readers check what they can (encodings, JSON shapes, header sizes, years, ...) and raise
:class:`~paradiplo_net.errors.SchemaError` with the row and the fix. :func:`total_reader`
wraps each public reader so that a failure nobody foresaw (a ``KeyError`` deep in a
third-party parser, a ``RecursionError`` on ``[[[[...``) still reaches the caller as a
:class:`~paradiplo_net.errors.SchemaError` naming the file, what failed and how to go on,
with the original exception as ``__cause__`` (so that it can be reported and fixed). Warnings
raised by third-party parsers during a read become notes of the load report.
``scripts/fuzz_readers.py`` counts these "guarded" errors apart from the checked ones.
"""

from __future__ import annotations

import csv
import functools
import os
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from ..errors import DatasetError, ParadiploError, SchemaError, format_problems

P = ParamSpec("P")
R = TypeVar("R")

#: Exceptions a parser raises on malformed input (never a project error, never a bug of ours
#: that a caller could act upon differently).
_PARSE_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    RecursionError,
    OverflowError,
    UnicodeError,
    LookupError,
    csv.Error,
    ET.ParseError,
    MemoryError,
)


def _label(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    src = args[0] if args else next(iter(kwargs.values()), None)
    if isinstance(src, (str, os.PathLike)):
        return str(src)
    return getattr(src, "name", None) or f"<{type(src).__name__}>"


def _note_warnings(result: Any, caught: list[warnings.WarningMessage]) -> None:
    """Warnings of third-party parsers (networkx, pandas) become notes of the load report."""
    report = result[1] if isinstance(result, tuple) and len(result) == 2 else None
    notes = getattr(report, "notes", None)
    seen: set[str] = set()
    for w in caught:
        text = f"{w.category.__name__}: {str(w.message)[:200]}"
        if text in seen:
            continue
        seen.add(text)
        if isinstance(notes, list):
            notes.append(f"parser warning: {text}")
        else:  # no report to hold it: pass it on
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def _is_input(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    """Whether the reader was given something that can be read (a path, buffer, dict, frame)."""
    src = args[0] if args else next(iter(kwargs.values()), None)
    return (
        isinstance(src, (str, os.PathLike, Mapping))
        or hasattr(src, ("read"))
        or hasattr(src, "columns")
    )


def _where(err: BaseException) -> str:
    """The line/position an exception names, if any (XML parse errors, JSON errors)."""
    pos = getattr(err, "position", None)
    if isinstance(pos, tuple) and len(pos) == 2:
        return f" at line {pos[0]}, column {pos[1]}"
    line = getattr(err, "lineno", None)
    return f" at line {line}" if isinstance(line, int) else ""


def total_reader(what: str, fix: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a reader so that every failure is a :class:`~paradiplo_net.errors.ParadiploError`.

    Parameters
    ----------
    what : str
        The format, e.g. ``"GraphML file"``.
    fix : str
        What the user can do, appended to the message.

    Examples
    --------
    >>> @total_reader("demo file", "pass a demo file")
    ... def read_demo(path):
    ...     return int(path)
    >>> try:
    ...     read_demo("x.demo")
    ... except SchemaError as err:
    ...     print(str(err).splitlines()[0])
    x.demo: 1 problem(s)
    """

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    result = func(*args, **kwargs)
                _note_warnings(result, caught)
                return result
            except ParadiploError:
                raise
            except FileNotFoundError as err:
                raise DatasetError(
                    f"{_label(args, kwargs)}: file {err.filename!r} not found; pass the path "
                    "of an existing file"
                ) from err
            except IsADirectoryError as err:
                raise DatasetError(
                    f"{_label(args, kwargs)}: {err.filename!r} is a folder, not a {what}"
                ) from err
            except _PARSE_ERRORS as err:
                if isinstance(err, TypeError) and not _is_input(args, kwargs):
                    raise  # a wrong argument type is the caller's error, not the file's
                msg = str(err).splitlines()[0][:300] if str(err) else ""
                raise SchemaError(
                    format_problems(
                        _label(args, kwargs),
                        [f"not a readable {what}{_where(err)}: {type(err).__name__}: {msg}"],
                        fix=fix,
                    )
                ) from err

        return wrapper

    return decorate
