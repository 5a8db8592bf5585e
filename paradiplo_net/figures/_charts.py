"""The chart figures: growth, adoption curves, centrality, country heatmap."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from .. import centrality, diffusion, geo, phases, plot, temporal
from ..countries import country_matrix
from ..i18n import t
from ..model import check_graph
from ..plot._style import _measure_label
from ._common import Eras, _caption, _lang, _phase_counts, _phased, add_footer, resolve_eras


def growth(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    phase_rule: Any = "keywords",
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 1: new links per year, stacked by O'Toole phase, eras shaded.

    Phases missing from the data are filled by :func:`paradiplo_net.phases.assign` with
    ``phase_rule`` (default ``"keywords"``: only where the link's sectors, kind or note say
    so; None keeps the recorded phases only); the rest stay "phase not recorded". The
    caption counts recorded, inferred and missing phases and the undated links left out.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    lang : {"en", "id"}
    eras : see :func:`resolve_eras`
    phase_rule : rule accepted by :func:`paradiplo_net.phases.assign`, or None

    Returns
    -------
    fig, tables
        Tables ``growth`` (:func:`paradiplo_net.temporal.growth`, ``by="phase"``) and
        ``phases`` (:func:`paradiplo_net.phases.report`).

    References
    ----------
    O'Toole, K. (2001). Kokusaika and internationalisation: Australian and Japanese sister
    city type relationships. *Australian Journal of International Affairs*, 55(3), 403-419.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = growth(pn.datasets.load("toy"), phase_rule=None)
    >>> int(tables["growth"]["new"].sum()), tables["growth"].attrs["excluded_undated"]
    (11, 1)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    table_eras = resolve_eras(eras)
    H = _phased(G, phase_rule)
    table = temporal.growth(H, by="phase")
    fig, _ax = plot.plot_growth(table, eras=table_eras, lang=lang)
    rep = phases.report(H)
    text = t(
        "cap.growth",
        lang=lang,
        phases=_phase_counts(H, lang, phase_rule),
        undated=table.attrs.get("excluded_undated", 0),
    )
    add_footer(fig, G, lang=lang)
    return fig, _caption({"growth": table, "phases": rep}, text)


def adoption_curves(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    seed_region: str = "western-europe",
    since: int = 1945,
    min_adopters: int = 5,
    max_regions: int = 6,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 4: cumulative adoption by region with logistic fits, ordered by wave.

    :func:`paradiplo_net.diffusion.adoption_curves` (cities, by region, since ``since``) and
    :func:`paradiplo_net.diffusion.fit_logistic` with ``k_max=1.0``: the saturation level is
    the region's adopting cities, so a fitted share never rises above 1.0. Regions with fewer
    than ``min_adopters`` adopting cities are not fitted (status ``"too_few_cities"``, named
    in the caption). The ``max_regions`` fitted regions with most adopting cities are drawn,
    so that the curves stay readable; the others are named in the caption and kept in the
    tables.

    Returns
    -------
    fig, tables
        ``curves`` (every region) and ``fits`` (midpoint, rate, K, fit quality, status,
        wave order).

    References
    ----------
    Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = adoption_curves(pn.datasets.load("toy"), since=1940, min_adopters=1)
    >>> sorted(tables)
    ['curves', 'fits']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    curves = diffusion.adoption_curves(G, by="region", seed_region=seed_region, since=since)
    # bounded: the saturation K is the region's adopters, so a fitted share never exceeds 1.0
    fits = diffusion.fit_logistic(curves, k_max=1.0)
    small = fits["adopters"] < min_adopters
    fits.loc[small, ["midpoint", "rate", "K", "r2", "rmse"]] = float("nan")
    fits.loc[small, "status"] = "too_few_cities"
    fits["order"] = fits["midpoint"].rank(method="first").astype("Int64")
    fits = fits.sort_values(["midpoint", "group"], na_position="last").reset_index(drop=True)
    fitted = fits[fits["midpoint"].notna()]
    shown = list(
        fitted.sort_values("adopters", ascending=False, kind="stable")["group"][:max_regions]
    )
    fig, _ax = plot.plot_adoption_curves(
        curves[curves["group"].isin(shown)], fits[fits["group"].isin(shown)], lang=lang
    )
    too_few_groups = set(fits.loc[fits["status"] == "too_few_cities", "group"])
    left_out = [g for g in sorted(set(curves["group"]))
                if g not in shown and g not in too_few_groups]
    names = ", ".join(plot.region_label(g, lang) for g in left_out) or "-"
    text = t("cap.adoption_curves", lang=lang, since=since, shown=len(shown), unfitted=names)
    too_few = [plot.region_label(g, lang) for g in sorted(too_few_groups)]
    if too_few:
        text += " " + t("plot.too_few", lang=lang, k=min_adopters, regions=", ".join(too_few)) + "."
    add_footer(fig, G, lang=lang)
    return fig, _caption({"curves": curves, "fits": fits}, text)


def centrality_figure(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    progress: bool = False,
    measure: str = "partners",
    top: int = 15,
    n_trajectories: int = 6,
    years: Iterable[int] | None = None,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 5: top cities by a centrality measure, and their rank trajectories.

    Left: :func:`paradiplo_net.centrality.rank` (``top`` cities). Right:
    :func:`paradiplo_net.centrality.trajectories` of the first ``n_trajectories`` of them on
    snapshots every ten years from 1950 to the last dated year (or ``years``).

    Returns
    -------
    fig, tables
        ``top`` (the ranking) and ``trajectories`` (long table year, city, value, rank).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = centrality_figure(pn.datasets.load("toy"), top=3, n_trajectories=2)
    >>> tables["top"]["city"].tolist()
    ['G', 'A', 'B']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    ranked = centrality.rank(G, measure, top=top)
    if years is None:
        dated = [y for *_e, y in G.edges(data="year") if y is not None]
        last = max(dated) if dated else 2020
        first = max(1950, min(dated) // 10 * 10) if dated else 1950
        years = list(range(first, last + 1, 10))
        if last not in years:
            if years and last - years[-1] < 5:
                years = years[:-1]  # keep the ticks apart: the last year replaces its decade
            years.append(last)
    cities = list(ranked["city"][:n_trajectories])
    traj = (
        centrality.trajectories(G, cities, measure, list(years), progress=progress)
        if cities
        else pd.DataFrame(columns=["year", "era", "city", "name", "measure", "value", "rank"])
    )
    with plot.style():
        fig, (ax1, ax2) = plt.subplots(
            1, 2, figsize=(12, 5.2), layout="constrained", gridspec_kw={"width_ratios": [1, 1.25]}
        )
    plot.plot_centrality_bars(ranked, lang=lang, ax=ax1)
    plot.plot_rank_trajectories(traj, lang=lang, ax=ax2)
    text = t(
        "cap.centrality",
        lang=lang,
        top=len(ranked),
        measure=_measure_label(measure, lang),
        n_traj=len(cities),
    )
    add_footer(fig, G, lang=lang)
    return fig, _caption({"top": ranked, "trajectories": traj}, text)




def country_heatmap(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    top: int = 25,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 7: country-pair heatmap of links (top 25 countries), log colour scale.

    Returns
    -------
    fig, tables
        ``matrix`` (:func:`country_matrix`) and ``pairs`` (long: country_a, country_b, links).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = country_heatmap(pn.datasets.load("toy"), top=5)
    >>> tables["matrix"].shape
    (5, 5)
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    m = country_matrix(G, top=top)
    labels = {}
    for c in m.index:
        try:
            labels[c] = f"{geo.country_name(c, lang=cast(Any, lang))} ({c})"
        except (KeyError, ValueError):
            labels[c] = c
    fig, _ax = plot.plot_country_heatmap(m, labels=labels, lang=lang)
    pairs = m.stack().rename("links").reset_index()
    pairs.columns = ["country_a", "country_b", "links"]
    pairs = pairs[(pairs["links"] > 0) & (pairs["country_a"] <= pairs["country_b"])]
    pairs = pairs.sort_values("links", ascending=False, kind="stable").reset_index(drop=True)
    text = t("cap.country_heatmap", lang=lang, n=len(m))
    add_footer(fig, G, lang=lang)
    return fig, _caption({"matrix": m, "pairs": pairs}, text)
