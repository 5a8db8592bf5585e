"""The distance-decay figure and its table."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd

from .. import plot
from ..diffusion import distance_null
from ..i18n import t
from ..model import check_graph
from ._common import _caption, _lang, add_footer

#: Kept under its old name for one release: the null model now lives in the analysis module.
distance_table = distance_null


def distance_decay(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    seed: int = 0,
    runs: int = 200,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 8: link length distribution against the re-pairing null model.

    Returns
    -------
    fig, tables
        ``bins`` (:func:`distance_table`) and ``summary`` (pairs, runs, seed, medians).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = distance_decay(pn.datasets.load("toy"), runs=20)
    >>> int(tables["summary"].loc[0, "pairs"])
    10
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    tab = distance_table(G, runs=runs, seed=seed)
    fig, _ax = plot.plot_distance_decay(tab, lang=lang)
    summary = pd.DataFrame([{k: v for k, v in tab.attrs.items()}])
    text = t(
        "cap.distance_decay",
        lang=lang,
        n=tab.attrs["pairs"],
        runs=runs,
        seed=seed,
        obs=tab.attrs["median_observed_km"],
        null=tab.attrs["median_null_km"],
    )
    add_footer(fig, G, lang=lang)
    return fig, _caption({"bins": tab, "summary": summary}, text)
