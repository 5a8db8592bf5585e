"""Diffusion waves: how twinning spread out of a seed region (by default post-war Western Europe).

Given a dated graph, the functions here show *when*, *where* and *along which links* twinning
spread, starting from a seed region and period (default: ``"western-europe"``, 1945-1960).

Definitions used by every function here
    Adoption
        A city *adopts* twinning in the year of its earliest dated link, as either side
        (source or target), ended links included (they were formed then): the same rule as
        :func:`paradiplo_net.temporal.adoption`. A country adopts in the earliest adoption
        year of its cities (domestic links included).
    Missing years
        A link whose ``year`` is None never places a city in time. Cities (countries) whose
        links are all undated are *not adopters*: they are counted in every result
        (``only_undated``) and logged, never given a year.
    Seed region
        ``seed_region`` is a name of :data:`paradiplo_net.geo.REGIONS` (``"western-europe"``,
        ``"eastern-europe"``, ``"north-america"``, ``"east-asia"``, ...) or an iterable of
        ISO 3166-1 alpha-2 codes (e.g. ``{"FR", "DE"}``). When grouping by region, the
        countries of a custom seed form their own group labelled ``"seed"`` (the other
        countries keep their region). The *seed cities* are the cities of the seed countries
        that adopted in the seed period ``since..until`` (inclusive).
    Time windows
        Inclusive at both ends: ``since=1945, until=1960`` covers 1945 and 1960.

Layout: adoption years and curves (``_adoption``), waves and peak periods (``_waves``),
spread from the seed cities (``_spread``), cascades along links (``_cascades``) and the null
models (``_nulls``): :func:`null_model` for the diffusion statistics and
:func:`distance_null` for link lengths against re-paired partners.

References
----------
Zelinsky, W. (1991). The twinning of the world: sister cities in geographic and historical
perspective. *Annals of the Association of American Geographers*, 81(1), 1-31.

Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

Hägerstrand, T. (1967). *Innovation Diffusion as a Spatial Process*. University of Chicago
Press.

The diffusion-of-innovations measures of the literature on observed adoption times
(exposure, thresholds, infection and susceptibility, hazard rates, cumulative adoption, the
Bass model, Moran's I, the discrete-time event-history model and its contagion test, checked
against netdiffuseR) live in :mod:`paradiplo_net.innovation` and are available here too
(``pn.diffusion.exposure`` is ``pn.innovation.exposure``).

Examples
--------
>>> import paradiplo_net as pn
>>> G = pn.datasets.load("toy")
>>> c = pn.diffusion.cascades(G)
>>> c.share, c.chains
(0.2, [['A', 'C'], ['G', 'J']])
"""

from __future__ import annotations

from ..innovation import (
    bass_by_group,
    bass_F,
    contagion_test,
    cumulative_adoption,
    diffusion_panel,
    event_history,
    exposure,
    fit_bass,
    geo_weights,
    hazard_rate,
    infection,
    inverse_geodesic,
    moran,
    moran_by_period,
    moran_toa,
    person_period,
    susceptibility,
    threshold,
)
from ._adoption import adoption_curves, fit_logistic, logistic, seed_countries
from ._cascades import CascadeResult, cascades
from ._nulls import NullResult, distance_null, null_model
from ._spread import SpreadResult, spread
from ._waves import WavesResult, peak_periods, waves

__all__ = [
    "CascadeResult",
    "NullResult",
    "SpreadResult",
    "WavesResult",
    "adoption_curves",
    "bass_F",
    "bass_by_group",
    "cascades",
    "contagion_test",
    "cumulative_adoption",
    "diffusion_panel",
    "distance_null",
    "event_history",
    "exposure",
    "fit_bass",
    "fit_logistic",
    "geo_weights",
    "hazard_rate",
    "infection",
    "inverse_geodesic",
    "logistic",
    "moran",
    "moran_by_period",
    "moran_toa",
    "null_model",
    "peak_periods",
    "person_period",
    "seed_countries",
    "spread",
    "susceptibility",
    "threshold",
    "waves",
]
