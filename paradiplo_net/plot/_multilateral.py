"""The multilateral layer drawn as hubs: networks, their member cities, twinning among them."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import numpy as np
from matplotlib import patheffects
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from .._checks import check_int, check_year
from ..i18n import t
from ..model import check_graph
from ..multilateral import network_members
from ._style import GREY, OKABE_ITO, _check_lang, _figure, _no_data, style


def _hub_positions(nets: list[str]) -> dict[str, np.ndarray]:
    """Networks evenly on a circle (one network: the centre)."""
    if len(nets) == 1:
        return {nets[0]: np.zeros(2)}
    angles = np.linspace(0, 2 * math.pi, len(nets), endpoint=False) + math.pi / 2
    return {n: np.array([math.cos(a), math.sin(a)]) for n, a in zip(nets, angles, strict=True)}


_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _city_positions(nets: dict[str, dict], hubs: dict[str, np.ndarray]) -> dict[Any, np.ndarray]:
    """Positions of the member cities: a ring round the hub, or a sunflower between hubs.

    Members of one network only sit on a ring round its hub; the others in a sunflower at
    the centroid of their networks' hubs (one sunflower per combination of networks).
    """
    groups: dict[tuple[str, ...], list[Any]] = {}
    for c in sorted({c for m in nets.values() for c in m}, key=str):
        groups.setdefault(tuple(n for n in hubs if c in nets[n]), []).append(c)
    pos: dict[Any, np.ndarray] = {}
    for combo, cities in groups.items():
        centre = np.mean([hubs[n] for n in combo], axis=0)
        if len(combo) == 1:
            k = np.arange(len(cities))
            outward = math.atan2(centre[1], centre[0]) if centre.any() else math.pi / 2
            angle = outward + 2 * math.pi * (k + 0.5) / len(cities) - math.pi / len(cities)
            radius = 0.3 + 0.06 * (k % 2) * (len(cities) > 24)
            ring = np.column_stack([np.cos(angle), np.sin(angle)]) * radius[:, None]
            pos.update(zip(cities, centre + ring, strict=True))
            continue
        centre = centre * (0.7 if len(hubs) > 2 else 1.0)  # inside the circle of hubs
        turns = np.arange(len(cities)) + 0.5
        spiral = 0.045 * np.sqrt(turns)[:, None] * np.column_stack(
            [np.cos(turns * _GOLDEN_ANGLE), np.sin(turns * _GOLDEN_ANGLE)])
        pos.update(zip(cities, centre + spiral, strict=True))
    return pos


def _twinning_pairs(G: nx.MultiDiGraph, cities: set[Any], year: int | None) -> set[tuple]:
    """Unordered pairs of member cities with a twinning link (in force at ``year`` if given)."""
    out = set()
    for u, v, d in G.edges(data=True):
        if u == v or u not in cities or v not in cities:
            continue
        y, end = d.get("year"), d.get("end_year")
        if year is not None and (y is None or y > year or (end is not None and end <= year)):
            continue
        out.add(tuple(sorted((u, v), key=str)))
    return out


def plot_multilateral(
    B: nx.Graph,
    G: nx.MultiDiGraph | None = None,
    *,
    year: int | None = None,
    labels: int = 12,
    lang: str = "en",
    ax: Any = None,
    title: bool = True,
) -> tuple[Any, Any]:
    """The multilateral layer: networks as hubs, member cities around them, twinning overlaid.

    Each network (a ``bipartite=1`` node of ``B``) is a coloured square on a circle; the
    cities in that network only sit on a ring round it, and the cities in several networks
    between their hubs (at the centroid of the hubs, spread as a sunflower, Vogel 1979), so
    the overlap of networks is read from where cities sit. The layout is deterministic.
    Membership lines take the network's colour; with ``G``, the
    twinning links between member cities are drawn over them as dark dashed lines. City
    dots grow with the number of networks; the ``labels`` cities in most networks (then
    most twinned) are named.

    Parameters
    ----------
    B : networkx.Graph
        The layer from :func:`paradiplo_net.multilateral.layer`.
    G : networkx.MultiDiGraph, optional
        The twinning graph the layer was built on, to overlay its links.
    year : int, optional
        Only memberships in force at ``year`` (and twinning links formed by ``year`` and not
        ended), as in :func:`paradiplo_net.multilateral.co_membership`.
    labels : int, default 12
        How many city names to write (0 for none).
    lang : {"en", "id"}
    ax : matplotlib Axes, optional
    title : bool, default True

    Returns
    -------
    fig, ax

    References
    ----------
    Vogel, H. (1979). A better way to construct the sunflower head. *Mathematical
    Biosciences*, 44(3-4), 179-189.

    Examples
    --------
    >>> import io, paradiplo_net as pn
    >>> G = pn.datasets.load("toy")
    >>> csv = '''network,city,country,join_year,end_year,role,ref,note
    ... Net X,City A,GB,1950,,member,https://example.org/x,fictional
    ... Net X,City C,DE,1955,,member,https://example.org/x,fictional
    ... Net Y,City C,DE,1990,,member,https://example.org/y,fictional
    ... '''
    >>> B = pn.multilateral.layer(G, io.StringIO(csv))
    >>> fig, ax = plot_multilateral(B, G, lang="id")
    >>> ax.get_title()
    'Jaringan kota multilateral dan kota kembar di antara anggotanya'
    >>> [x.get_text() for x in ax.get_legend().get_texts()][-2:]
    ['kota anggota', 'hubungan kota kembar antaranggota']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    _check_lang(lang)
    year = check_year("year", year, optional=True)
    labels = check_int("labels", labels, minimum=0)
    if G is not None:
        check_graph(G)
    nets = {n: m for n, m in network_members(B, year).items() if m}
    with style():
        fig, ax = _figure(ax, (9, 7.5))
        ax.set_axis_off()
        if title:
            key = "fig.multilateral.title" if year is None else "fig.multilateral.title_year"
            ax.set_title(t(key, lang=lang, **({} if year is None else {"year": year})))
        if not nets:
            _no_data(ax, lang)
            return fig, ax
        _draw(ax, B, G, nets, year=year, labels=labels, lang=lang)
    return fig, ax


def _draw(ax: Any, B: nx.Graph, G: nx.MultiDiGraph | None, nets: dict[str, dict],
          *, year: int | None, labels: int, lang: str) -> None:
    order = sorted(nets, key=lambda n: (-len(nets[n]), str(n)))
    every = sorted((n for n, d in B.nodes(data=True) if d.get("bipartite") == 1), key=str)
    # colour by name over every network of B, so a network keeps its colour at every year
    colors = {n: OKABE_ITO[(every.index(n) + 1) % len(OKABE_ITO)] for n in order}
    hubs = _hub_positions(order)
    pos = {**hubs, **_city_positions(nets, hubs)}
    cities = sorted({c for m in nets.values() for c in m}, key=str)
    n_nets = {c: sum(c in nets[n] for n in order) for c in cities}
    segs = [(pos[n], pos[c]) for n in order for c in nets[n]]
    ax.add_collection(LineCollection(segs, colors=[colors[n] for n in order for _ in nets[n]],
                                     linewidths=0.6, alpha=0.45, zorder=1))
    twins = _twinning_pairs(G, set(cities), year) if G is not None else set()
    if twins:
        ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in sorted(twins)],
                                         colors="#222222", linewidths=0.6, linestyles="--",
                                         alpha=0.55, zorder=2))
    xy = np.array([pos[c] for c in cities])
    ax.scatter(xy[:, 0], xy[:, 1], s=[12 + 18 * (n_nets[c] - 1) for c in cities], c="white",
               edgecolors="#333333", linewidths=0.6, zorder=3)
    for n in order:
        ax.scatter(*pos[n], s=380, marker="s", c=colors[n], edgecolors="black",
                   linewidths=0.8, zorder=4)
        ax.annotate(f"{B.nodes[n].get('name', n)} ({len(nets[n])})", pos[n],
                    xytext=(0, 13), textcoords="offset points", ha="center",
                    fontsize=9, fontweight="bold", zorder=6)
    twin_degree = {c: sum(c in p for p in twins) for c in cities}
    ranked = sorted(cities, key=lambda c: (-n_nets[c], -twin_degree[c], str(c)))
    named: list[Any] = []
    for c in ranked:  # greedy: skip a city too close to one already named
        if len(named) < labels and all(np.hypot(*(pos[c] - pos[o])) > 0.07 for o in named):
            named.append(c)
    for c in named:
        ax.annotate(str(B.nodes[c].get("name", c)), pos[c], xytext=(4, -3),
                    textcoords="offset points", fontsize=7, color="#222222", zorder=5,
                    path_effects=[patheffects.withStroke(linewidth=2, foreground="white")])
    ax.autoscale_view()
    ax.margins(0.08)
    ax.set_aspect("equal")
    _legend(ax, order, colors, bool(twins), lang)
    unmatched = B.graph.get("unmatched")
    if unmatched is not None and len(unmatched):
        ax.text(0.0, 0.0, t("multilateral.unmatched", lang=lang, n=len(unmatched)),
                transform=ax.transAxes, fontsize=7, color="#555555", va="top")


def _legend(ax: Any, order: list[str], colors: dict[str, str], twins: bool, lang: str) -> None:
    handles = [Line2D([], [], marker="s", ls="", markersize=9, markerfacecolor=colors[n],
                      markeredgecolor="black", label=n.split(":", 1)[-1]) for n in order]
    handles.append(Line2D([], [], marker="o", ls="", markersize=5, markerfacecolor="white",
                          markeredgecolor="#333333", label=t("multilateral.city", lang=lang)))
    if twins:
        handles.append(Line2D([], [], color="#222222", ls="--", lw=0.9,
                              label=t("multilateral.twinning", lang=lang)))
    else:
        handles.append(Line2D([], [], color=GREY, lw=0.6,
                              label=t("multilateral.membership", lang=lang)))
    ax.legend(handles=handles, title=t("multilateral.legend", lang=lang), loc="upper left",
              bbox_to_anchor=(1.0, 1.0), frameon=False)
