"""Time: snapshots by year, windows, eras, growth tables and adoption years.

Definitions used by every function here
    Active
        A link formed in ``year`` and ended in ``end_year`` is *active* in every year ``t``
        with ``year <= t`` and (``end_year`` is None or ``t < end_year``): it counts as ended
        in its end year, so a link ended in 2022 is not in the 2022 snapshot and a link
        formed and ended in the same year is never active. Windows are inclusive at both
        ends: ``window(G, 1950, 1959)`` includes links formed in 1950 and in 1959.
    Undated links
        A link whose ``year`` is None is never silently treated as old or new. Functions take
        ``undated="exclude"`` (default: left out, and counted in ``H.graph["excluded_undated"]``
        or ``DataFrame.attrs["excluded_undated"]``) or ``undated="assume"`` with a stated
        ``assume_year`` (the year is assumed for the computation only, recorded in the result;
        the edge's own ``year`` stays None). An undated link with a known ``end_year`` at or
        before ``assume_year`` is taken as formed and ended in ``assume_year`` (never active).
    Ended links
        Links that ended are excluded from snapshots and counted in
        ``H.graph["excluded_ended"]``; growth tables count them in an ``ended`` column and
        keep them in ``cumulative`` (links ever formed) but not in ``active``.
    Nodes
        Snapshots, windows and era filters keep, by default, only the cities with at least one
        link in the result (``keep_isolates=True`` keeps every city of ``G``).

    Eras
        Every ``eras=`` argument of the package (here, in centrality and communities) goes
        through :func:`normalize_eras`: one set of accepted forms, one error
        (:class:`~paradiplo_net.errors.SchemaError`) for bad names, bounds or overlaps.

All functions return new objects and never modify ``G``.

References
----------
Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Holme, P., & Saramäki, J. (2012). Temporal networks. *Physics Reports*, 519(3), 97-125
(snapshot / aggregated-window representation of time-stamped links).

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> H = pn.temporal.snapshot(G, 1990)
>>> H.number_of_edges(), H.graph["excluded_undated"], H.graph["not_yet_formed"]
(8, 1, 3)
>>> pn.temporal.era_of(1962)
'early_cold_war'
>>> pn.temporal.ERAS[["name", "start", "end"]].tail(2)
            name  start   end
6  post_cold_war   1990  2007
7         recent   2008  <NA>
"""

from __future__ import annotations

from ._adoption import adoption
from ._eras import ERAS, era_of, filter_era, normalize_eras
from ._growth import GROWTH_BY, decade, growth, pair_growth
from ._snapshots import active_links, snapshot, snapshots, window

__all__ = [
    "ERAS",
    "GROWTH_BY",
    "active_links",
    "adoption",
    "decade",
    "era_of",
    "filter_era",
    "growth",
    "normalize_eras",
    "pair_growth",
    "snapshot",
    "snapshots",
    "window",
]
