"""Named eras: the default table, the one eras normaliser, era_of and filter_era (private)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any, Literal, TypeAlias

import networkx as nx
import numpy as np
import pandas as pd

from .._checks import check_option, is_missing
from ..errors import SchemaError, format_problems
from ._snapshots import Undated, window

#: Default named eras (inclusive years; ``<NA>`` = open end). Each boundary and why:
#:
#: - ``before_1919`` (to 1918): the first civic links before and during the First World War.
#: - ``interwar`` 1919-1938: from the Versailles settlement (1919) to the last year of peace;
#:   the first "adoptions" of war-damaged towns (e.g. Keighley and Poix-du-Nord, 1920).
#: - ``wartime`` 1939-1944: the Second World War up to its last full year (Coventry and
#:   Stalingrad, 1944); 1945 is counted as post-war because the war in Europe ended in May.
#: - ``postwar`` 1945-1955: reconciliation twinnings of the reconstruction decade; it ends
#:   with West German sovereignty and the Warsaw Pact (1955).
#: - ``early_cold_war`` 1956-1972: the twinning boom between Western Europe, the US
#:   (People to People, 1956) and, later, across the Iron Curtain; it ends before the
#:   detente of 1973 (both German states in the UN, CSCE talks opened).
#: - ``late_cold_war`` 1973-1989: detente and the late Cold War, up to the fall of the
#:   Berlin Wall (1989).
#: - ``post_cold_war`` 1990-2007: the wave of East-West and new Asian links after 1990, up
#:   to the eve of the 2008 financial crisis.
#: - ``recent`` 2008-present.
#:
#: Override with any DataFrame with columns ``name, start, end`` (``label_en`` and
#: ``label_id`` optional) or a sequence of ``(name, start, end)`` tuples; a single split
#: ``cold_war`` 1956-1989 is e.g. ``[..., ("cold_war", 1956, 1989), ...]``.
ERAS: pd.DataFrame = pd.DataFrame(
    [
        ("before_1919", "Before 1919", "Sebelum 1919", None, 1918),
        ("interwar", "Inter-war years", "Masa antarperang", 1919, 1938),
        ("wartime", "Second World War", "Perang Dunia II", 1939, 1944),
        ("postwar", "Post-war reconstruction", "Rekonstruksi pascaperang", 1945, 1955),
        ("early_cold_war", "Early Cold War", "Awal Perang Dingin", 1956, 1972),
        ("late_cold_war", "Détente and late Cold War", "Détente dan akhir Perang Dingin",
         1973, 1989),
        ("post_cold_war", "After the Cold War", "Pasca-Perang Dingin", 1990, 2007),
        ("recent", "Since 2008", "Sejak 2008", 2008, None),
    ],
    columns=["name", "label_en", "label_id", "start", "end"],
).astype({"start": "Int64", "end": "Int64"})


#: Anything :func:`normalize_eras` accepts.
Eras: TypeAlias = pd.DataFrame | Sequence[tuple[str, int | None, int | None]]


def _eras_frame(eras: Eras) -> pd.DataFrame:
    """The eras as a fresh DataFrame with columns name, start, end (labels if given)."""
    if isinstance(eras, pd.DataFrame):
        missing = [c for c in ("name", "start", "end") if c not in eras.columns]
        if missing:
            raise SchemaError(format_problems(
                "eras table", [f"missing column {c!r}" for c in missing],
                fix="give columns name, start, end (label_en, label_id optional)"))
        return eras.reset_index(drop=True).copy()
    if isinstance(eras, (str, bytes)) or not isinstance(eras, Iterable):
        raise SchemaError(format_problems(
            "eras", [f"expected a DataFrame or a sequence of (name, start, end), got {eras!r}"],
            fix="give (name, start, end) tuples or a table like paradiplo_net.temporal.ERAS"))
    rows = list(eras)
    bad = [f"row {i}: {r!r}" for i, r in enumerate(rows)
           if not (isinstance(r, (tuple, list)) and len(r) == 3)]
    if bad:
        raise SchemaError(format_problems("eras", bad, fix="give (name, start, end) tuples"))
    return pd.DataFrame(rows, columns=["name", "start", "end"])


def _era_problems(table: pd.DataFrame) -> list[str]:
    """Duplicate names, blank names, start after end, overlapping eras."""
    problems = []
    blank = [i for i, name in enumerate(table["name"]) if is_missing(name)]
    if blank:
        problems.append(f"era name missing in row(s) {blank}")
    dup = table["name"][table["name"].duplicated()].tolist()
    if dup:
        problems.append(f"duplicate era name(s) {dup}")
    lo = table["start"].astype("float64").fillna(-math.inf)
    hi = table["end"].astype("float64").fillna(math.inf)
    for i in np.flatnonzero((lo > hi).to_numpy()):
        problems.append(
            f"era {table['name'][i]!r}: start {table['start'][i]} after end {table['end'][i]}")
    order = np.argsort(lo.to_numpy(), kind="stable")
    for a, b in itertools.pairwise(order):
        if lo[b] <= hi[a]:
            problems.append(f"eras {table['name'][a]!r} and {table['name'][b]!r} overlap")
    return problems


def normalize_eras(eras: Eras | None = None) -> pd.DataFrame:
    """Check an eras table and return it in the one normal form every module uses.

    Every function that takes ``eras=`` (here, in :mod:`paradiplo_net.centrality`,
    :mod:`paradiplo_net.communities`, ...) goes through this function, so all of them accept
    the same inputs and raise the same error.

    Parameters
    ----------
    eras : DataFrame or sequence of (name, start, end), optional
        A table with columns ``name``, ``start``, ``end`` (``label_en`` and ``label_id``
        optional), or ``(name, start, end)`` tuples. Years are inclusive; None (or ``<NA>``)
        is an open end. None (default): :data:`ERAS`.

    Returns
    -------
    pandas.DataFrame
        A new table with columns ``name``, ``label_en``, ``label_id`` (the name when not
        given), ``start`` and ``end`` (``Int64``), in the given order, index 0..n-1.

    Raises
    ------
    SchemaError
        Missing columns, rows that are not ``(name, start, end)``, years that are not ints,
        blank or duplicate names, an era whose start is after its end, or overlapping eras
        (every problem is listed in one message).

    Examples
    --------
    >>> normalize_eras([("early", None, 1949), ("late", 1950, None)])
        name label_en label_id  start   end
    0  early    early    early   <NA>  1949
    1   late     late     late   1950  <NA>
    >>> normalize_eras([("a", 1900, 1950), ("b", 1950, 1960)])
    Traceback (most recent call last):
    ...
    paradiplo_net.errors.SchemaError: eras: 1 problem(s)
      - eras 'a' and 'b' overlap
    Fix: eras must not overlap; None = open end
    """
    table = _eras_frame(ERAS if eras is None else eras)
    for col in ("label_en", "label_id"):
        if col not in table.columns:
            table[col] = table["name"]
    try:
        for col in ("start", "end"):
            values = [None if is_missing(x) else int(x) for x in table[col]]
            table[col] = pd.array(values, dtype="Int64")
    except (TypeError, ValueError) as exc:
        raise SchemaError(f"eras: start and end must be int years or None ({exc})") from exc
    problems = _era_problems(table)
    if problems:
        raise SchemaError(format_problems(
            "eras", problems, fix="eras must not overlap; None = open end"))
    return table[["name", "label_en", "label_id", "start", "end"]]


def era_of(
    year: Any,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] = ERAS,
) -> Any:
    """Name of the era containing ``year`` (None when no era contains it or year is None).

    Parameters
    ----------
    year : int, None, or a sequence / Series of them
    eras : DataFrame or sequence of (name, start, end), default :data:`ERAS`

    Returns
    -------
    str or None, or a pandas Series of them for sequence input

    Examples
    --------
    >>> era_of(1945), era_of(1989), era_of(1990), era_of(None)
    ('postwar', 'late_cold_war', 'post_cold_war', None)
    >>> era_of([1930, 2020], eras=[("early", 1900, 1949), ("late", 1950, 1999)]).tolist()
    ['early', None]
    """
    table = normalize_eras(eras)
    spans = list(zip(table["name"], table["start"].astype("float64").fillna(-math.inf),
                     table["end"].astype("float64").fillna(math.inf), strict=True))

    def one(y: Any) -> str | None:
        if y is None or y is pd.NA or (isinstance(y, float) and math.isnan(y)):
            return None
        for name, lo, hi in spans:
            if lo <= y <= hi:
                return str(name)
        return None

    if isinstance(year, (pd.Series, list, tuple, np.ndarray, pd.api.extensions.ExtensionArray)):
        index = year.index if isinstance(year, pd.Series) else None
        return pd.Series([one(y) for y in year], index=index, dtype="object")
    return one(year)


def filter_era(
    G: nx.MultiDiGraph,
    era: str,
    *,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] = ERAS,
    by: Literal["formed", "active"] = "formed",
    undated: Undated = "exclude",
    assume_year: int | None = None,
    keep_isolates: bool = False,
) -> nx.MultiDiGraph:
    """Links formed (or active) in a named era: :func:`window` over the era's years.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    era : str
        A name in ``eras["name"]``.
    eras : DataFrame or sequence of (name, start, end), default :data:`ERAS`
    by, undated, assume_year, keep_isolates
        As in :func:`window`.

    Returns
    -------
    networkx.MultiDiGraph
        As :func:`window`, with ``H.graph["era"]`` = the era name.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> sorted(filter_era(G, "postwar").edges())  # 1945-1955
    [('F', 'G')]
    >>> filter_era(G, "cold_war", eras=[("cold_war", 1947, 1991)]).number_of_edges()
    6
    """
    table = normalize_eras(eras)
    check_option("era", era, table["name"].tolist())
    row = table[table["name"] == era].iloc[0]
    lo = None if pd.isna(row["start"]) else int(row["start"])
    hi = None if pd.isna(row["end"]) else int(row["end"])
    H = window(G, lo, hi, by=by, undated=undated, assume_year=assume_year,
               keep_isolates=keep_isolates)
    H.graph["era"] = era
    return H
