"""Thematic maps: diffusion from a seed region, communities, the country network."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib as mpl
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from ..errors import GraphContractError, SchemaError
from ..i18n import t
from ..model import check_graph, pair_table
from ._basemaps import (
    _arcs_segments,
    _city_xy,
    _europe_inset,
    _in_europe,
    _node_coords,
    base_map,
)
from ._style import (
    CATEGORICAL,
    GREY,
    RASTER_ABOVE,
    _check_lang,
    _community_legend,
    _need_columns,
    _no_data,
    clip_to_map,
    region_label,
    style,
)


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
        if inset and nodes and _in_europe(G, nodes).any():
            iax, im = _europe_inset(ax, m)
            targets.append((iax, im, 10, 0.5))
        sc = None
        for tax, tm, size, ring in targets:
            x, y, ok = _city_xy(G, tm, nodes)
            if nodes:
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
                    rasterized=bool(ok.sum() > RASTER_ABOVE),
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
            _seed_legend(ax, seed_region, period, lang)
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
        pairs = pair_table(G)
        lat1, lon1 = _node_coords(G, list(pairs["source"]))
        lat2, lon2 = _node_coords(G, list(pairs["target"]))
        segs, _owner = _arcs_segments(m, lat1, lon1, lat2, lon2, n=20)
        arcs_artist = LineCollection(segs, colors="#999999", linewidths=0.3, alpha=0.35, zorder=3)
        arcs_artist.set_rasterized(len(segs) > RASTER_ABOVE)
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
        if inset and nodes and _in_europe(G, nodes).any():
            iax, im = _europe_inset(ax, m)
            targets.append((iax, im, 1.4))
        for tax, tm, k in targets:
            x, y, ok = _city_xy(G, tm, nodes)
            dense = bool(ok.sum() > RASTER_ABOVE)  # many dots: one image inside SVG / PDF
            tax.scatter(x[ok & rest], y[ok & rest], s=6 * k, c=GREY, linewidths=0, zorder=4,
                        rasterized=dense)
            for c in reversed(colored):
                sel = ok & (comm == c)
                tax.scatter(x[sel], y[sel], s=10 * k, c=palette[c], linewidths=0.2,
                            edgecolors="white", zorder=5, rasterized=dense)
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
        _country_arcs(ax, m, C, positions, set(xy))
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
        if len(links):
            _size_key(ax, lmax, lang)
        if title:
            ax.set_title(t("fig.country_communities.title", lang=lang))
    return fig, ax


def _country_arcs(
    ax: Any, m: Any, C: nx.Graph, positions: Mapping[str, tuple[float, float]], placed: set[str]
) -> None:
    """Country links as great-circle arcs (width = links), projected like the map."""
    edges = [(u, v, d.get("weight", 1)) for u, v, d in C.edges(data=True)
             if u in placed and v in placed and u != v]
    if not edges:
        return
    a = np.array([positions[u] for u, _v, _w in edges], dtype=float)
    b = np.array([positions[v] for _u, v, _w in edges], dtype=float)
    w = np.array([float(x) for *_e, x in edges])
    segs, owner = _arcs_segments(m, a[:, 0], a[:, 1], b[:, 0], b[:, 1], n=30)
    widths = 0.3 + 3.0 * w / w.max()
    col = LineCollection(segs, colors="#555555", linewidths=widths[owner], alpha=0.35, zorder=3)
    col.set_rasterized(len(segs) > RASTER_ABOVE)
    ax.add_collection(col)
    clip_to_map(ax, col)


def _size_key(ax: Any, lmax: float, lang: str) -> None:
    """A key of marker sizes (links per country) in the lower-left corner of the map."""
    from matplotlib.legend import Legend

    steps = [v for v in (_nice(lmax), _nice(lmax / 4), _nice(lmax / 20)) if v > 0]
    handles = [
        Line2D([], [], ls="", marker="o", color="#777777", markeredgecolor="white",
               markersize=math.sqrt(6 + 260 * v / lmax), label=f"{v:,}")
        for v in dict.fromkeys(steps)
    ]
    key = Legend(ax, handles, [str(h.get_label()) for h in handles],
                 title=t("plot.size_key_links", lang=lang), loc="lower left", frameon=True,
                 framealpha=0.85, edgecolor="#CCCCCC", labelspacing=1.2, borderpad=0.8,
                 fontsize=7)
    ax.add_artist(key)  # an extra legend: ax.get_legend() stays the community legend


def _nice(x: float) -> int:
    """``x`` rounded down to 1, 2 or 5 times a power of ten (at least 1)."""
    if x < 1:
        return 1
    p = 10 ** math.floor(math.log10(x))
    return int(max(k * p for k in (1, 2, 5) if k * p <= x))


#: Label positions tried around a point: direction (dx, dy) and distance multiplier.
_LABEL_SPOTS = [
    (dx, dy, k)
    for k in (1.0, 2.2, 3.6)
    for dx, dy in ((1, 1), (-1, 1), (1, -1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
]


def _place_labels(
    ax: Any, items: Sequence[tuple[str, float, float, float]], fontsize: float = 7
) -> int:
    """Write short labels on or next to points, never overlapping each other or a marker.

    ``items``: (text, x, y, marker radius in points), most important first. A label that
    fits inside its marker is written on it (unambiguous in a dense cluster such as
    FR / DE / IT); otherwise eight directions are tried at three distances, and a label set
    away from its point gets a leader line.
    The layout is computed first, so positions are the final ones. Returns how many labels were
    placed.
    """
    fig = ax.figure
    fig.draw_without_rendering()  # the final layout (constrained), without painting anything
    scale = fig.dpi / 72
    centers = [ax.transData.transform((x, y)) for _t, x, y, _r in items]
    marks = [(c[0] - r * scale, c[1] - r * scale, c[0] + r * scale, c[1] + r * scale)
             for c, (_t, _x, _y, r) in zip(centers, items, strict=True)]
    placed: list[tuple[float, float, float, float]] = []
    n = 0
    for (text, x, y, r), (cx, cy) in zip(items, centers, strict=True):
        w = (0.62 * fontsize * len(text) + 2) * scale
        h = (fontsize + 2) * scale
        inside = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if w <= 2.6 * r * scale and _free(inside, placed):
            # the label (nearly) fits inside its own marker: written on it, with a white halo
            placed.append(inside)
            ax.annotate(text, (x, y), ha="center", va="center", fontsize=fontsize, zorder=7,
                        color="#111111", fontweight="bold",
                        path_effects=[patheffects.withStroke(linewidth=2, foreground="white")])
            n += 1
            continue
        for dx, dy, k in _LABEL_SPOTS:
            off = (r * k + 1 + 6 * (k - 1)) * scale
            x0 = cx + dx * off - (w if dx < 0 else (w / 2 if dx == 0 else 0))
            y0 = cy + dy * off - (h if dy < 0 else (h / 2 if dy == 0 else 0))
            box = (x0, y0, x0 + w, y0 + h)
            if _free(box, placed + marks):
                placed.append(box)
                ax.annotate(
                    text, (x, y),
                    xytext=(((box[0] + box[2]) / 2 - cx) / scale,
                            ((box[1] + box[3]) / 2 - cy) / scale),
                    textcoords="offset points", ha="center", va="center", fontsize=fontsize,
                    zorder=7, color="#111111",
                    path_effects=[patheffects.withStroke(linewidth=2, foreground="white")],
                    arrowprops=None if k == 1.0 else
                    {"arrowstyle": "-", "lw": 0.7, "color": "#222222", "shrinkA": 0,
                     "shrinkB": r},
                )
                n += 1
                break
    return n


def _free(box: tuple[float, float, float, float],
          others: Sequence[tuple[float, float, float, float]]) -> bool:
    """Whether ``box`` (x0, y0, x1, y1) overlaps none of ``others``."""
    return all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in others)


def _seed_legend(
    ax: Any, seed_region: str | None, period: tuple[int, int] | None, lang: str
) -> None:
    """The legend entry of the ringed seed cities, naming the region and period."""
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
