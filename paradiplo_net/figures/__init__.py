"""The published figures, and the main job: :func:`run` regenerates all of them, offline.

Each figure function takes a contract graph and returns ``(fig, tables)``: the matplotlib
figure and the tables behind it (``{table_name: DataFrame}``), computed only through the
public API (:mod:`~paradiplo_net.temporal`, :mod:`~paradiplo_net.phases`,
:mod:`~paradiplo_net.centrality`, :mod:`~paradiplo_net.diffusion`,
:mod:`~paradiplo_net.communities`, :mod:`~paradiplo_net.geo`) and drawn with
:mod:`~paradiplo_net.plot`. Every table carries the figure's caption (with the counts of what
was left out) in ``attrs["caption"]``. :data:`FIGURES` maps each figure name to its
function; each takes ``lang`` and only the options it uses (``eras``, ``seed``,
``progress``, ``phase_rule``, ...), and :func:`run` passes each the ones it takes.

The statistical figures (growth, phases, adoption_curves, country_heatmap,
distance_decay) also exist as design-weighted estimates from the bundled town sample
(:data:`ESTIMATES`: :func:`estimated_growth`, :func:`estimated_phases`,
:func:`estimated_adoption`, :func:`estimated_partner_shares`, :func:`estimated_distances`,
each ``(towns, G_sample, *, lang) -> (fig, tables)`` with 95 % intervals and the n behind
every value). :func:`run` draws them by default for the bundled ``core`` dataset, whose
curated landmark links describe the list rather than the history of twinning
(``estimates="auto"``; ``--estimates`` on the command line); the network figures show the
dataset itself and name it.

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
['adoption_curves', 'centrality', 'communities', 'contagion', 'country_heatmap',
 'diffusion_map', 'distance_decay', 'growth', 'phases', 'world_map']
>>> fig, tables = pn.figures.growth(pn.datasets.load("toy"))
>>> sorted(tables)
['growth', 'phases']
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from ._charts import adoption_curves, centrality_figure, country_heatmap, country_matrix, growth
from ._common import FORMATS, OutputError, resolve_eras
from ._contagion import contagion, exposure_effects
from ._distance import distance_decay, distance_table
from ._estimates import (
    ESTIMATES,
    decade_totals,
    distance_bands,
    estimated_adoption,
    estimated_distances,
    estimated_growth,
    estimated_partner_shares,
    estimated_phases,
    partner_distances,
    partner_matrix,
    phases_figure,
    resolve_estimates,
)
from ._maps import communities_figure, diffusion_map, world_map
from ._run import FIGURES, run

__all__ = [
    "ESTIMATES",
    "FIGURES",
    "FORMATS",
    "OutputError",
    "adoption_curves",
    "centrality_figure",
    "communities_figure",
    "contagion",
    "country_heatmap",
    "country_matrix",
    "decade_totals",
    "diffusion_map",
    "distance_bands",
    "distance_decay",
    "distance_table",
    "estimated_adoption",
    "estimated_distances",
    "estimated_growth",
    "estimated_partner_shares",
    "estimated_phases",
    "exposure_effects",
    "growth",
    "partner_distances",
    "partner_matrix",
    "phases_figure",
    "resolve_eras",
    "resolve_estimates",
    "run",
    "world_map",
]
