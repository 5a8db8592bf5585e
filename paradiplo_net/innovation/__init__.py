"""Diffusion of innovations on observed adoption times: exposure, thresholds, hazards, Bass.

The measures of the diffusion-of-innovations literature (Valente 1995; netdiffuseR, Vega Yon
& Valente), computed on *observed* times of adoption: who adopted when, and who was exposed
to whom. Every function takes either a contract graph ``G`` (a city adopts twinning in the
year of its first dated link, :func:`paradiplo_net.temporal.adoption`), or generic inputs
(an adjacency and a Series of times of adoption, NaN = never), or a :class:`DiffusionPanel`
built once by :func:`diffusion_panel` (node order, times of adoption, periods, static or
per-period adjacency, coordinates).

Measures
    :func:`exposure` (network, or geographic with :func:`geo_weights`), :func:`threshold`,
    :func:`infection`, :func:`susceptibility`, :func:`hazard_rate`,
    :func:`cumulative_adoption`, :func:`fit_bass` / :func:`bass_by_group`, Moran's I
    (:func:`moran`, :func:`moran_toa`, :func:`moran_by_period`), and the event-history model
    :func:`event_history` with its :func:`contagion_test` against shuffled adoption times.

Parity with netdiffuseR
    Each docstring names the netdiffuseR function (version 1.25.0) whose definition it
    follows, and says where it deliberately differs (thresholds of first-period adopters;
    Bass fitted with a free market potential by default; NaN alters in infection and
    susceptibility). The tests pin the values on netdiffuseR's ``medInnovations``.

Twinning caveat
    For twinning, adoption *is* tie formation: a city has no partner before its first link.
    Exposure through partners is therefore computed on the static network of eventual
    partners (as netdiffuseR does with a network surveyed once), and its lagged value asks
    whether a newcomer's partners had twinned before it did. Shuffling adoption times
    (:func:`contagion_test`) breaks the mechanical link between a city's first link and its
    first partner's earlier adoption, so a positive partner effect means "newcomers twin with
    experienced twinners", not necessarily influence. Geographic exposure has no such link.

References
----------
Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*. Hampton Press.

Bass, F. M. (1969). A new product growth for model consumer durables. *Management Science*,
15(5), 215-227.

Moran, P. A. P. (1950). Notes on continuous stochastic phenomena. *Biometrika*, 37, 17-23.

Allison, P. D. (1982). Discrete-time methods for the analysis of event histories.
*Sociological Methodology*, 13, 61-98.

Vega Yon, G. G., Olivera Morales, A., & Valente, T. W. netdiffuseR: Analysis of Diffusion
and Contagion Processes on Networks (R package, version 1.25.0), doi:10.5281/zenodo.1039317;
Valente, T. W., & Vega Yon, G. G. (2020). Diffusion/contagion processes on social networks.
*Health Education & Behavior*, 47(2), 235-248.

Examples
--------
>>> import paradiplo_net as pn
>>> from paradiplo_net import innovation as inn
>>> G = pn.datasets.load("toy")
>>> P = inn.diffusion_panel(G)
>>> th = inn.threshold(P, lags=1)
>>> th.loc[["C", "E", "J"]].round(3).tolist()  # share of partners twinned the year before
[1.0, 0.5, 0.5]
>>> inn.cumulative_adoption(P).loc[1956, ["num", "prop"]].tolist()
[6.0, 0.6]
"""

from ._bass import BassResult, bass_by_group, bass_F, fit_bass
from ._event import (
    ContagionResult,
    EventHistoryResult,
    contagion_test,
    event_history,
    person_period,
)
from ._geo import geo_weights
from ._measures import (
    cumulative_adoption,
    exposure,
    hazard_rate,
    infection,
    susceptibility,
    threshold,
)
from ._moran import MoranResult, inverse_geodesic, moran, moran_by_period, moran_toa
from ._panel import DiffusionPanel, diffusion_panel

__all__ = [
    "BassResult",
    "ContagionResult",
    "DiffusionPanel",
    "EventHistoryResult",
    "MoranResult",
    "bass_F",
    "bass_by_group",
    "contagion_test",
    "cumulative_adoption",
    "diffusion_panel",
    "event_history",
    "exposure",
    "fit_bass",
    "geo_weights",
    "hazard_rate",
    "infection",
    "inverse_geodesic",
    "moran",
    "moran_by_period",
    "moran_toa",
    "person_period",
    "susceptibility",
    "threshold",
]
