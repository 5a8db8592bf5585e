"""The contagion figure: did twinning spread through partners or through neighbours."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

from ..i18n import t
from ..model import check_graph
from ._common import _caption, _lang, add_footer

#: Cities at risk from this year on (earlier adopters are left-censored).
START = 1945
#: Geographic neighbours: the k nearest cities of the data.
K_NEAREST = 10
#: Shuffles of the contagion test.
SHUFFLES = 19


def exposure_effects(G: nx.MultiDiGraph, *, seed: int = 0) -> pd.DataFrame:
    """Event-history estimates of adoption on exposure through partners and neighbours.

    A discrete-time logit of a city's first dated link (:func:`paradiplo_net.innovation.
    event_history`, cubic baseline hazard) on the share of its partners and of its
    ``K_NEAREST`` nearest cities that had twinned by the year before, over the cities with
    coordinates at risk from ``START``; each coefficient with its contagion-test p-value
    against ``SHUFFLES`` seeded shuffles of the adoption years
    (:func:`paradiplo_net.innovation.contagion_test`). Empty when there are too few cities.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> tab = exposure_effects(pn.datasets.load("core"))
    >>> tab.index.tolist(), int(tab.attrs["adoptions"])
    (['partners', 'neighbours'], 684)
    """
    from .. import innovation as inn

    cols = ["coef", "ci_low", "ci_high", "odds_per_10", "p_contagion"]
    empty = pd.DataFrame(columns=cols, index=pd.Index([], name="exposure"), dtype=float)
    empty.attrs.update(cities=0, adoptions=0, seed=seed)
    if not any(d.get("year") is not None for *_, d in G.edges(data=True)):
        return empty  # undated data (e.g. the Wikipedia lists): no adoption times
    P = inn.diffusion_panel(G)
    toa = pd.Series(P.toa, index=P.nodes)
    placed = [u for u in P.nodes if G.nodes[u].get("lat") is not None
              and G.nodes[u].get("lon") is not None and toa[u] >= START]
    empty.attrs["cities"] = len(placed)
    if len(placed) < 2 * K_NEAREST:
        return empty
    W = inn.geo_weights(P, k=K_NEAREST, candidates=placed)
    spec: dict[str, Any] = dict(exposures={"partners": None, "neighbours": W}, time="cubic",
                                population=placed, start=START)
    try:
        eh = inn.event_history(P, **spec)
        ct = inn.contagion_test(P, n=SHUFFLES, seed=seed, **spec)
    except (ValueError, np.linalg.LinAlgError):
        return empty
    tab = eh.table.loc[["partners", "neighbours"], ["coef", "ci_low", "ci_high"]].copy()
    tab["odds_per_10"] = np.exp(0.1 * tab["coef"])
    tab["p_contagion"] = ct.p_value.reindex(tab.index)
    tab.index.name = "exposure"
    tab.attrs.update(cities=len(placed), adoptions=int(eh.n_events), seed=seed,
                     start=START, k_nearest=K_NEAREST, shuffles=SHUFFLES)
    return tab


def contagion(
    G: nx.MultiDiGraph, *, lang: str = "en", seed: int = 0
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 9: did twinning spread through partners or through neighbours.

    The question of the diffusion-of-innovations literature, asked of the main job's data.

    The two exposure effects of :func:`exposure_effects` as log-odds with 95 % intervals,
    annotated with the odds ratio per +10 points of exposure and the contagion-test p-value.

    Returns
    -------
    fig, tables
        ``effects`` (:func:`exposure_effects`).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = contagion(pn.datasets.load("core"))
    >>> tables["effects"].index.tolist()
    ['partners', 'neighbours']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    tab = exposure_effects(G, seed=seed)
    fig, ax = plt.subplots(figsize=(8, 3.4), layout="constrained")
    if len(tab):
        y = np.arange(len(tab))[::-1]
        ax.errorbar(tab["coef"], y, xerr=[tab["coef"] - tab["ci_low"],
                                          tab["ci_high"] - tab["coef"]],
                    fmt="o", color="#0072B2", capsize=5, lw=1.6)
        ax.axvline(0, color="#888888", lw=0.8)
        ax.set_yticks(y, [t(f"plot.exposure_{n}", lang=lang) for n in tab.index])
        for yy, rec in zip(y, tab.itertuples(), strict=True):
            ax.annotate(t("plot.exposure_note", lang=lang, odds=rec.odds_per_10,
                          p=rec.p_contagion), (rec.ci_high, yy), xytext=(6, 0),
                        textcoords="offset points", va="center", fontsize=8)
        ax.set_ylim(-0.7, len(tab) - 0.3)
        ax.margins(x=0.35)
    else:
        ax.text(0.5, 0.5, t("plot.no_data", lang=lang), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_yticks([])
    ax.set_xlabel(t("plot.exposure_axis", lang=lang))
    ax.set_title(t("fig.contagion.title", lang=lang))
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    add_footer(fig, G, lang=lang)
    text = t("cap.contagion", lang=lang, cities=tab.attrs["cities"],
             adoptions=tab.attrs["adoptions"], start=START, k=K_NEAREST, n=SHUFFLES, seed=seed)
    return fig, _caption({"effects": tab}, text)
