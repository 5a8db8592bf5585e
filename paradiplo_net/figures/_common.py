"""Helpers shared by the figure functions: eras, captions, phases."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

import networkx as nx
import pandas as pd

from .. import phases, temporal
from .._checks import check_lang
from ..errors import ParadiploError
from ..i18n import t
from ..model import link_count

logger = logging.getLogger(__name__)


#: Output formats accepted by :func:`run`.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")


Eras: TypeAlias = pd.DataFrame | Sequence[Any] | None


class OutputError(ParadiploError, OSError):
    """The output folder cannot be created or written (raised before any work is done)."""


def resolve_eras(eras: Eras = None) -> pd.DataFrame:
    """The era table used by the figures.

    Parameters
    ----------
    eras : None, sequence of era names, DataFrame or sequence of (name, start, end)
        None: :data:`paradiplo_net.temporal.ERAS`. A sequence of names (as the command line's
        ``--eras`` gives): those rows of ``ERAS``, in their historical order. A DataFrame
        with ``name, start, end`` (optionally ``label_en``, ``label_id``) or
        ``(name, start, end)`` tuples: used as given.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``start``, ``end`` (and the label columns when known).

    Raises
    ------
    ValueError
        An unknown era name (the message lists the valid ones) or a malformed table.

    Examples
    --------
    >>> resolve_eras(["postwar", "recent"])[["name", "start", "end"]]
          name  start   end
    3  postwar   1945  1955
    7   recent   2008  <NA>
    >>> resolve_eras(["cold_war"])
    Traceback (most recent call last):
    ...
    ValueError: eras: unknown era name(s) ['cold_war']; valid names: 'before_1919', ...
    """
    if eras is None:
        return temporal.ERAS.copy()
    if isinstance(eras, pd.DataFrame):
        frame = eras.copy()
    else:
        items = list(eras)
        if items and all(isinstance(e, str) for e in items):
            valid = list(temporal.ERAS["name"])
            bad = [e for e in items if e not in valid]
            if bad:
                raise ValueError(
                    f"eras: unknown era name(s) {bad}; valid names: {', '.join(map(repr, valid))}"
                )
            return temporal.ERAS[temporal.ERAS["name"].isin(items)].copy()
        frame = items
    return temporal.normalize_eras(frame)


def _caption(tables: Mapping[str, pd.DataFrame], text: str) -> dict[str, pd.DataFrame]:
    for frame in tables.values():
        frame.attrs["caption"] = text
    return dict(tables)


#: The one language check (:func:`paradiplo_net._checks.check_lang`), under its local name.
_lang = check_lang


#: ``(id(G), rule) -> phased copy`` while :func:`paradiplo_net.figures.run` runs (it fills and
#: empties it: G does not change during a run, and its figures only read the copy). Outside
#: a run, every call phases afresh.
RUN_PHASED: dict[tuple[int, str], nx.MultiDiGraph] | None = None


def _phased(G: nx.MultiDiGraph, phase_rule: Any) -> nx.MultiDiGraph:
    if phase_rule is None:
        return G
    if RUN_PHASED is None:
        return phases.assign(G, rule=phase_rule)
    key = (id(G), repr(phase_rule))
    if key not in RUN_PHASED:
        RUN_PHASED[key] = phases.assign(G, rule=phase_rule)
    return RUN_PHASED[key]


def _phase_counts(H: nx.MultiDiGraph, lang: str, phase_rule: Any) -> str:
    rep = phases.report(H)
    recorded = int(rep.loc[rep["source"] == "recorded", "links"].sum())
    inferred = int(rep.loc[rep["source"].str.startswith("inferred"), "links"].sum())
    none = int(rep.loc[rep["phase"] == "none", "links"].sum())
    rule = (
        "-"
        if phase_rule is None
        else (phase_rule if isinstance(phase_rule, str) else "+".join(map(str, phase_rule)))
    )
    return t(
        "plot.inferred_phases",
        lang=lang,
        recorded=recorded,
        inferred=inferred,
        rule=rule,
        none=none,
    )


def add_footer(
    fig: Any, G: nx.MultiDiGraph | None, *, lang: str, dataset: Any = None,
    text: str | None = None,
) -> None:
    """Name the data and its size on the figure: one footer line (dataset, cities, links).

    ``dataset`` (a name or a file path) defaults to ``G.graph["dataset"]``; a path shows
    its file name only, and the bundled ``core`` is named for what it is, "curated landmark
    links (core)". ``text`` replaces the whole line (the estimate figures name the town
    sample, its response and their n; ``G`` is then not read). Every figure function draws
    it; a second call (as :func:`run` makes with its ``dataset``) replaces the line rather
    than adding one.

    Examples
    --------
    >>> import matplotlib.pyplot as plt, paradiplo_net as pn
    >>> fig = plt.figure()
    >>> add_footer(fig, pn.datasets.load("toy"), lang="en", dataset="toy")
    >>> fig.texts[-1].get_text()
    'Data: toy \u00b7 10 cities, 12 links (twinning statements)'
    >>> plt.close(fig)
    """
    from pathlib import PurePath

    if text is None:
        if G is None:
            raise ValueError("add_footer: give the graph G or the footer text")
        name = dataset if dataset is not None else G.graph.get("dataset")
        name = "-" if name is None else PurePath(str(name)).name
        if name == "core":
            name = t("data.core", lang=lang)
        text = t("plot.footer", lang=lang, dataset=name, nodes=f"{G.number_of_nodes():,}",
                 links=f"{link_count(G):,}")
    for existing in fig.texts:
        if existing.get_gid() == "data-footer":
            existing.set_text(text)  # run() names the data more precisely than G.graph
            return
    fig.text(0.995, 0.0, text, ha="right", va="top", fontsize=7, color="#555555",
             transform=fig.transFigure, gid="data-footer")
