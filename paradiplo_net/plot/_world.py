"""The world map of twinning links."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any, Literal

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from ..i18n import t
from ..model import PHASES, check_graph, check_option, pair_table
from ._basemaps import _arcs_segments, _city_xy, _node_coords, base_map
from ._style import (
    ERA_COLORS,
    GREY,
    OKABE_ITO,
    PHASE_COLORS,
    RASTER_ABOVE,
    _check_lang,
    _decade_norm,
    _era_label,
    _era_rows,
    clip_to_map,
    logger,
    style,
)


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
        arcs, has, skipped = _drawable_arcs(G)
        if color_by == "phase":
            color_of, handles, legend_title = _phase_colors(arcs, lang)
        elif color_by == "decade":
            color_of, handles, legend_title = _decade_colors(arcs, fig, ax, lang)
        else:
            color_of, handles, legend_title = _era_colors(arcs, eras, lang)
        _draw_arcs(ax, m, G, arcs, color_of, n_points=n_points)
        nodes = [nd for nd in G.nodes if nd in has and G.degree(nd) > 0]
        x, y, _ = _city_xy(G, m, nodes)
        ax.scatter(x, y, s=2, c="#222222", linewidths=0, zorder=4,
                   rasterized=len(nodes) > RASTER_ABOVE)
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


def _drawable_arcs(G: nx.MultiDiGraph) -> tuple[pd.DataFrame, set[Any], int]:
    """City pairs whose both ends have coordinates, oldest last; the set of placed cities."""
    arcs = pair_table(G)
    has = {
        n for n, d in G.nodes(data=True) if d.get("lat") is not None and d.get("lon") is not None
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
    return arcs, has, skipped


def _phase_colors(arcs: pd.DataFrame, lang: str) -> tuple[list[Any], list[Any], str | None]:
    color_of = [PHASE_COLORS.get(p, GREY) for p in arcs["phase"]]
    present = set(arcs["phase"])
    handles = [
        Line2D([], [], color=PHASE_COLORS[p], lw=2, label=t(f"phase.{p}", lang=lang))
        for p in [*PHASES, "none"]
        if p in present
    ]
    return color_of, handles, t("phase.title", lang=lang)


def _decade_colors(
    arcs: pd.DataFrame, fig: Any, ax: Any, lang: str
) -> tuple[list[Any], list[Any], str | None]:
    dec = [int(y) // 10 * 10 for y in arcs["year"].dropna()]
    handles: list[Any] = []
    if dec:
        cmap, norm, bounds = _decade_norm(dec)
        # colours mapped once for all arcs (one colormap call), grey where undated
        years = pd.to_numeric(arcs["year"], errors="coerce").to_numpy(dtype=float)
        dated = ~np.isnan(years)
        rgba = np.tile(mpl.colors.to_rgba(GREY), (len(years), 1))
        if dated.any():
            rgba[dated] = cmap(norm(years[dated] // 10 * 10))
        color_of = list(rgba)
        sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
        cb = fig.colorbar(
            sm, ax=ax, orientation="horizontal", fraction=0.04, pad=0.02, aspect=50, shrink=0.7
        )
        ticks = bounds[:-1]
        step = max(1, math.ceil(len(ticks) / 10))
        cb.set_ticks([b + 5 for b in ticks][::step], labels=[f"{b}s" for b in ticks][::step])
        cb.set_label(t("plot.color_by_decade", lang=lang))
    else:
        color_of = [GREY] * len(arcs)
    if arcs["year"].isna().any():
        handles = [Line2D([], [], color=GREY, lw=2, label=t("word.undated", lang=lang))]
    return color_of, handles, None


def _era_colors(
    arcs: pd.DataFrame, eras: Any, lang: str
) -> tuple[list[Any], list[Any], str | None]:
    from ..temporal import ERAS, era_of

    table = ERAS if eras is None else eras
    rows = _era_rows(table)
    names = [r.name for r in rows]
    fallback = iter([*OKABE_ITO, *OKABE_ITO])
    palette = {n: ERA_COLORS.get(n) or next(fallback) for n in names}
    era_names = era_of(pd.Series(arcs["year"]), table) if len(arcs) else pd.Series(dtype=object)
    color_of = [palette.get(e, GREY) if isinstance(e, str) else GREY for e in era_names]
    present = {e for e in era_names if isinstance(e, str)}
    handles = [
        Line2D([], [], color=palette[r.name], lw=2, label=_era_label(r, lang))
        for r in rows
        if r.name in present
    ]
    if len(present) < len(arcs):
        handles.append(Line2D([], [], color=GREY, lw=2, label=t("word.undated", lang=lang)))
    return color_of, handles, t("plot.color_by_era", lang=lang)


def _draw_arcs(
    ax: Any, m: Any, G: nx.MultiDiGraph, arcs: pd.DataFrame, color_of: list[Any], *, n_points: int
) -> None:
    """All arcs as one LineCollection, computed in one vectorised step, oldest on top.

    Dense layers (over :data:`RASTER_ABOVE` arcs) are rasterised inside vector output
    (SVG, PDF): one image at the figure's dpi instead of one path per arc.
    """
    lat1, lon1 = _node_coords(G, list(arcs["source"]))
    lat2, lon2 = _node_coords(G, list(arcs["target"]))
    segs, owner = _arcs_segments(m, lat1, lon1, lat2, lon2, n=n_points)
    rgba = mpl.colors.to_rgba_array(color_of) if len(color_of) else np.zeros((0, 4))
    order = np.argsort(owner, kind="stable")  # keep the table's order: oldest drawn last
    n = max(len(arcs), 1)
    alpha = float(np.clip(12 / math.sqrt(n), 0.3, 0.9))
    lw = float(np.clip(3 / math.sqrt(math.sqrt(n)), 0.4, 1.5))
    colors = rgba[owner[order]] if len(owner) else rgba
    arcs_artist = LineCollection(
        [segs[i] for i in order], colors=colors, linewidths=lw, alpha=alpha, zorder=3, gid="arcs"
    )
    arcs_artist.set_rasterized(len(arcs) > RASTER_ABOVE)
    ax.add_collection(arcs_artist)
    clip_to_map(ax, arcs_artist)


def world_map(
    G: nx.MultiDiGraph, *, color_by: Literal["phase", "decade", "era"] = "phase", **kwargs: Any
) -> tuple[Any, Any]:
    """Deprecated alias of :func:`plot_world_map` (kept for one release).

    Examples
    --------
    >>> import warnings, paradiplo_net as pn
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     fig, ax = world_map(pn.datasets.load("toy"))
    >>> caught[0].category.__name__
    'DeprecationWarning'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    warnings.warn(
        "paradiplo_net.plot.world_map is deprecated and will be removed in 0.3; "
        "use paradiplo_net.plot.plot_world_map",
        DeprecationWarning,
        stacklevel=2,
    )
    return plot_world_map(G, color_by=color_by, **kwargs)
