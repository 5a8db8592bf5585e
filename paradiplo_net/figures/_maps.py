"""The map figures: world map, diffusion from a seed region, communities."""

from __future__ import annotations

from typing import Any, Literal

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd

from .. import communities, countries, diffusion, geo, plot, temporal
from ..i18n import t
from ..model import check_graph, check_option, cities_from_graph, pair_table
from ._common import Eras, _caption, _lang, _phased, add_footer, resolve_eras


def world_map(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    eras: Eras = None,
    color_by: Literal["phase", "decade", "era"] = "decade",
    phase_rule: Any = "keywords",
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 2: great-circle arcs of every city pair on an offline world map.

    One arc per unordered city pair, coloured by the decade (default), era or phase of the
    pair's earliest dated link (:func:`paradiplo_net.plot.plot_world_map`).

    Returns
    -------
    fig, tables
        Table ``arcs``: one row per city pair (``source``, ``target``, names, countries,
        ``year`` of the earliest dated link, its ``phase``, ``links`` statements,
        ``length_km``).

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = world_map(pn.datasets.load("toy"))
    >>> len(tables["arcs"])  # 12 statements, 10 city pairs
    10
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    check_option("color_by", color_by, ("phase", "decade", "era"))
    table_eras = resolve_eras(eras)
    H = _phased(G, phase_rule) if color_by == "phase" else G
    fig, _ax = plot.plot_world_map(H, color_by=color_by, eras=table_eras, lang=lang)
    arcs = pair_table(H)
    nodes = H.nodes
    arcs.insert(1, "source_name", [nodes[n]["name"] for n in arcs["source"]])
    arcs.insert(2, "source_country", [nodes[n].get("country") for n in arcs["source"]])
    arcs.insert(4, "target_name", [nodes[n]["name"] for n in arcs["target"]])
    arcs.insert(5, "target_country", [nodes[n].get("country") for n in arcs["target"]])

    def coord(n: Any, a: str) -> float:
        v = nodes[n].get(a)
        return np.nan if v is None else float(v)

    arcs["length_km"] = (
        geo.haversine_km(
            [coord(n, "lat") for n in arcs["source"]],
            [coord(n, "lon") for n in arcs["source"]],
            [coord(n, "lat") for n in arcs["target"]],
            [coord(n, "lon") for n in arcs["target"]],
        )
        if len(arcs)
        else pd.Series(dtype=float)
    )
    skipped = int(arcs["length_km"].isna().sum()) if len(arcs) else 0
    word = {
        "phase": t("phase.title", lang=lang),
        "decade": t("word.decade", lang=lang),
        "era": t("era.title", lang=lang),
    }[color_by]
    text = t(
        "cap.world_map",
        lang=lang,
        color_by=word,
        note=t("plot.arcs_note", lang=lang, n=len(arcs) - skipped, skipped=skipped),
    )
    add_footer(fig, G, lang=lang)
    return fig, _caption({"arcs": arcs}, text)


def diffusion_map(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    seed_region: str = "western-europe",
    since: int = 1945,
    until: int = 1960,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 3: cities coloured by the year of their first link; seed-region cities ringed.

    Adoption years from :func:`paradiplo_net.temporal.adoption`; seed cities as defined by
    :func:`paradiplo_net.diffusion.spread` (cities of ``seed_region`` that adopted in
    ``since..until``).

    Returns
    -------
    fig, tables
        ``adoption``: one row per city (``name``, ``country``, ``region``, ``first_year``,
        ``links``, ``undated_links``, ``seed``, ``distance_km`` and ``hops`` from the seed
        cities); ``velocity``: the spread's OLS velocity table.

    References
    ----------
    Hägerstrand, T. (1967). *Innovation Diffusion as a Spatial Process*. University of
    Chicago Press.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = diffusion_map(pn.datasets.load("toy"), since=1944, until=1956)
    >>> tables["adoption"].query("seed").index.tolist()
    ['A', 'D', 'E']
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    adopt = temporal.adoption(G)
    sp = diffusion.spread(G, seed_region=seed_region, since=since, until=until)
    table = adopt.copy()
    table.insert(2, "region", [geo.region_of(c) for c in table["country"]])
    table["seed"] = table.index.isin(sp.seeds)
    table = table.join(sp.table[["distance_km", "hops"]])
    fig, _ax = plot.plot_diffusion_map(
        G, adopt, seed_cities=sp.seeds, seed_region=seed_region, period=(since, until), lang=lang
    )
    velocity = sp.velocity.reset_index()
    text = t(
        "cap.diffusion_map",
        lang=lang,
        n_seed=len(sp.seeds),
        seed_region=plot.region_label(seed_region, lang),
        until=until,
        undated=adopt.attrs.get("only_undated", 0),
    )
    add_footer(fig, G, lang=lang)
    return fig, _caption({"adoption": table, "velocity": velocity}, text)


def communities_figure(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    seed: int = 0,
    method: Literal["leiden", "louvain", "infomap", "label_propagation"] = "leiden",
    top: int = 7,
) -> tuple[Any, dict[str, pd.DataFrame]]:
    """Figure 6: communities of cities on the map, and the country-level community network.

    :func:`paradiplo_net.communities.detect` (seeded with ``seed``) at city and at country
    level; countries are placed at the mean latitude / longitude of their cities (a simple
    layout, computed here); country sizes are their links
    (:func:`paradiplo_net.countries.country_graph`).

    Returns
    -------
    fig, tables
        ``communities`` (:func:`paradiplo_net.communities.describe` of the city partition),
        ``membership`` (city -> community, with name and country) and ``countries``
        (country -> community, links, position).

    References
    ----------
    Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden: guaranteeing
    well-connected communities. *Scientific Reports*, 9, 5233.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> fig, tables = communities_figure(pn.datasets.load("toy"))
    >>> tables["communities"].attrs["modularity"] > 0
    True
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    check_graph(G)
    _lang(lang)
    res = communities.detect(G, method=method, seed=seed)
    res_c = communities.detect(G, method=method, seed=seed, level="country")
    desc = communities.describe(res, G)
    desc.attrs.update(
        method=res.method, seed=res.seed, modularity=res.modularity, parameters=res.parameters
    )
    C = countries.country_graph(G)
    cities = cities_from_graph(G)
    pos_frame = (
        cities.dropna(subset=["lat", "lon", "country"])
        .astype({"lat": float, "lon": float})
        .groupby("country")[["lat", "lon"]]
        .mean()
    )
    positions = {c: (float(r.lat), float(r.lon)) for c, r in pos_frame.iterrows()}
    with plot.style():
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(10, 11), layout="constrained")
    plot.plot_communities_map(G, res.membership, top=top, lang=lang, ax=ax1)
    plot.plot_country_network(C, res_c.membership, positions, top=top, lang=lang, ax=ax2)
    country_table = pd.DataFrame(
        {
            "community": res_c.membership,
            "links": pd.Series({c: C.nodes[c].get("links", 0) for c in C.nodes}),
            "lat": pd.Series({c: p[0] for c, p in positions.items()}),
            "lon": pd.Series({c: p[1] for c, p in positions.items()}),
        }
    )
    country_table.index.name = "country"
    country_table.attrs.update(method=res_c.method, seed=res_c.seed, modularity=res_c.modularity)
    text = t(
        "cap.communities",
        lang=lang,
        method=res.method,
        seed=res.seed,
        modularity=res.modularity,
        k=min(top, res.n_communities),
        n=res.n_communities,
    )
    add_footer(fig, G, lang=lang)
    return fig, _caption(
        {"communities": desc, "membership": res.table(), "countries": country_table}, text
    )
