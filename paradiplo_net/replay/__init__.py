"""Replay the history of a twinning network year by year: slider, frames, animation export.

A replay shows, for each year, the network *as it stood then* (the links formed by that year
and not yet ended, :func:`paradiplo_net.temporal.snapshots`) on the offline world map, the
growth curve beside it (:func:`paradiplo_net.temporal.growth`) with the year marked, and a
short note at the turning points of the history (:data:`NOTES`). It is the lecturer's demo
of ``notebooks/02-history-of-twinning.ipynb``.

This module only *renders*: which links are active in a year, how many links were formed
and ended, the era of a year, all come from :mod:`paradiplo_net.temporal` and
:mod:`paradiplo_net.model`; the map is :func:`paradiplo_net.plot.base_map`.

Workflow
    1. ``state = prepare(G)``: every number the frames need, computed once (a
       :class:`ReplayState`; cheap, about a second for the bundled data).
    2. ``fig, axes = draw_frame(state, 1956)``: one frame as a matplotlib figure.
    3. ``slider(state)``: an ipywidgets year slider for a running notebook.
    4. ``to_gif(state, "history.gif")`` / ``to_html(state, "history.html")`` /
       ``to_mp4``: a self-contained animation for slides, that plays without Python or a
       kernel; ``player(state)``: the same player inline in a notebook (it survives the
       notebook's HTML export, unlike the ipywidgets ``slider``).
    5. ``export(G, "out/history")``: all of it in one call, at 1920 x 1080 (the command
       line's ``paradiplo-net replay``).

Definitions
    Arcs
        One great-circle arc per unordered city pair (a reciprocal pair or a renewed
        agreement is one arc, as in :func:`paradiplo_net.plot.plot_world_map`), drawn while at
        least one of the pair's links is active. The arc is coloured by the era
        (:data:`paradiplo_net.temporal.ERAS`) of the pair's earliest dated link
        (:func:`paradiplo_net.model.collapse`, ``first_year``); arcs of pairs first formed
        since the previous frame are drawn thicker.
    Undated links
        Never placed in time: they appear in no frame and are counted
        (``ReplayState.excluded_undated``), as in :func:`paradiplo_net.temporal.snapshot`.
    Ended links
        Leave the map in their end year (the snapshot rule); the growth panel shows links in
        force (``active``) and links ever formed (``cumulative``).
    Fast mode
        With the environment variable ``PARADIPLO_FAST=1`` (used by the test suite) or
        ``fast=True``, :func:`replay_years` keeps at most :data:`FAST_FRAMES` evenly spaced
        years, so that notebooks that build and export a replay stay quick in tests.

References
----------
Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125
(snapshot representation of time-stamped links).

Okabe, M., & Ito, K. (2008). *Color Universal Design (CUD)*. https://jfly.uni-koeln.de/color/
(the colour-blind-safe era palette).

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net import replay
>>> state = replay.prepare(pn.datasets.load("toy"), start=1940, end=2025, fast=False,
...                        progress=False)
>>> state.years[0], state.years[-1], len(state.years)
(1940, 2025, 86)
>>> state.counts.loc[1990, ["links", "pairs", "cities"]].tolist()
[8, 7, 8]
>>> fig, axes = replay.draw_frame(state, 1956)
>>> axes["map"].get_title()
'1956: 4 links in force between 6 cities in 6 countries'
>>> import matplotlib.pyplot as plt; plt.close(fig)
"""

from __future__ import annotations

from ._export import (
    EXPORT_FORMATS,
    LECTURE_SIZE,
    export,
    ffmpeg_available,
    player,
    to_gif,
    to_html,
    to_mp4,
)
from ._render import draw_frame
from ._state import (
    ERA_COLORS,
    FAST_ENV,
    FAST_FRAMES,
    NOTES,
    ReplayState,
    fast_mode,
    note_at,
    prepare,
    replay_years,
)
from ._widget import slider

__all__ = [
    "ERA_COLORS",
    "EXPORT_FORMATS",
    "FAST_ENV",
    "FAST_FRAMES",
    "LECTURE_SIZE",
    "NOTES",
    "ReplayState",
    "draw_frame",
    "export",
    "fast_mode",
    "ffmpeg_available",
    "note_at",
    "player",
    "prepare",
    "replay_years",
    "slider",
    "to_gif",
    "to_html",
    "to_mp4",
]
