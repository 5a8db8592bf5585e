"""Small helpers shared by the readers: cell text, shortened lists, source labels, finishing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .._checks import is_missing
from ..model import LoadReport, validate_graph

_MAX_SHOWN = 5


def _geo():
    # geo comes before io in the import order; imported lazily so that reading KONECT,
    # GraphML or GEXF never pays for loading the gazetteer.
    from .. import geo

    return geo


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
    name = getattr(src, "name", None)
    return name if isinstance(name, str) else "<buffer>"


def _finish(
    G: nx.MultiDiGraph,
    report: LoadReport,
    *,
    allow_years_outside: bool = False,
    min_year: int = 1900,
    max_year: int | None = None,
) -> None:
    G.graph["rejected"] = report.n_rejected
    G.graph["load_report"] = report.summary()
    if allow_years_outside:
        ys = [
            y for _, _, d in G.edges(data=True) for y in (d["year"], d["end_year"]) if y is not None
        ]
        min_year = min([min_year, *ys])
        max_year = max([max_year or date.today().year, *ys])
    validate_graph(G, min_year=min_year, max_year=max_year)
