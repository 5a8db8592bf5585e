"""Whole-network statistics: size, reciprocity, components, paths, clustering, assortativity.

Definitions used throughout (they matter, because twinning data mixes directed statements,
reciprocal pairs and repeated agreements):

``links``
    Statements: the edges of the contract :class:`~networkx.MultiDiGraph`, parallel and
    reciprocal edges included.
``distinct_pairs``
    Unordered city pairs with at least one statement: the edges of
    ``model.collapse_undirected(G)`` (the *undirected simple collapse*).
Structural measures
    Components, distances, clustering, degree assortativity, homophily and the degree
    distribution are computed on the undirected simple collapse, so a reciprocal pair or two
    agreements between the same cities count as one tie. This makes a directed Wikidata crawl
    (where most pairs are two statements) and an undirected source such as KONECT (one line per
    pair) directly comparable.

The heavy measures (distances, clustering, assortativity) run on :mod:`igraph`; the graph is
converted once and cached per graph object (see :func:`paradiplo_net.centrality.rank` for the
cache rules). networkx is the reference implementation in the tests and the two agree.

Examples
--------
>>> import paradiplo_net as pn
>>> s = pn.stats.summary(pn.datasets.load("toy"))
>>> int(s.loc["toy", "links"]), int(s.loc["toy", "distinct_pairs"])
(12, 10)
"""

from __future__ import annotations

import logging
import math
import warnings
from typing import Any, Literal

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd

from . import _igraph
from ._igraph import IgraphView, clear_cache, to_igraph
from .model import check_graph, check_option, link_count

__all__ = [
    "DEFAULT_SAMPLE",
    "EXACT_PATH_LIMIT",
    "SAMPLED_SOURCE_COST",
    "IgraphView",
    "clear_cache",
    "degree_distribution",
    "path_sources",
    "summary",
    "to_igraph",
]

log = logging.getLogger(__name__)

# The igraph bridge lives in _igraph; its cache is reachable here, where it was documented.
_CACHE = _igraph._CACHE

#: Largest component size (nodes) up to which :func:`summary` computes distances exactly
#: by default (all-pairs breadth-first search; the Wikidata crawl's 10,055 nodes take about
#: 0.9 s, igraph's all-pairs histogram 2.7 s). See :func:`path_sources` for the cost rule
#: above it.
EXACT_PATH_LIMIT = 12_000

#: Fewest breadth-first-search sources used when distances are sampled by default.
DEFAULT_SAMPLE = 1_000

_DEGREE_KINDS = ("partners", "degree", "in_degree", "out_degree")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _continent_of() -> Any:
    """Country code -> continent name (:func:`paradiplo_net.geo.continent`), imported lazily.

    geo loads the GeoNames tables, which takes a moment; only summary() needs it.
    """
    from . import geo

    return geo.continent


def _nominal_assortativity(U: ig.Graph, labels: list[Any]) -> tuple[float, int]:
    """Newman's nominal assortativity over nodes with a known label; (r, nodes left out)."""
    keep = [i for i, lab in enumerate(labels) if lab is not None]
    missing = len(labels) - len(keep)
    if not keep:
        return math.nan, missing
    sub = U.induced_subgraph(keep) if missing else U
    if sub.ecount() == 0:
        return math.nan, missing
    codes = {lab: k for k, lab in enumerate(sorted({labels[i] for i in keep}))}
    types = [codes[labels[i]] for i in keep]
    if len(codes) < 2:
        return math.nan, missing
    with np.errstate(all="ignore"):
        r = sub.assortativity_nominal(types, directed=False)
    return (float(r) if r is not None and np.isfinite(r) else math.nan), missing


def _powerlaw_fit(degrees: np.ndarray) -> dict[str, float]:
    out = dict.fromkeys(("powerlaw_alpha", "powerlaw_xmin", "powerlaw_R_lognormal",
                         "powerlaw_p_lognormal", "powerlaw_n_tail"), math.nan)
    degrees = degrees[degrees > 0]
    if len(np.unique(degrees)) < 3 or len(degrees) < 10:
        return out
    import powerlaw

    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            # powerlaw warns about its own API (standard_err) and divides by zero on
            # degenerate tails; both are handled here, not shown to the user.
            warnings.simplefilter("ignore")
            fit = powerlaw.Fit(degrees, discrete=True, verbose=False)
            R, p = fit.distribution_compare("power_law", "lognormal", normalized_ratio=True)
    except (ValueError, RuntimeError, ZeroDivisionError, FloatingPointError) as exc:
        log.info("power-law fit failed (%s); reported as NaN", exc)
        return out
    out.update(
        powerlaw_alpha=float(fit.power_law.alpha),
        powerlaw_xmin=float(fit.power_law.xmin),
        powerlaw_R_lognormal=float(R),
        powerlaw_p_lognormal=float(p),
        powerlaw_n_tail=float(np.sum(degrees >= fit.power_law.xmin)),
    )
    return out


#: CPU cost of one sampled source relative to one source of the exact sweep. Both run the
#: same bit-parallel search (:func:`paradiplo_net._igraph.distance_sums`), so 1. (It was 5
#: while sampled sources were searched one by one by scipy, 40 ns per node or link, against
#: igraph's all-pairs histogram at 8 ns; the bit-parallel search takes about 3 ns.)
SAMPLED_SOURCE_COST = 1


def path_sources(n: int) -> int:
    """Breadth-first-search sources :func:`summary` uses by default on a component of ``n`` nodes.

    Every node (exact) up to :data:`EXACT_PATH_LIMIT` nodes; above it
    ``max(DEFAULT_SAMPLE, ceil(EXACT_PATH_LIMIT**2 / (n * SAMPLED_SOURCE_COST)))`` sources.
    One source costs one search over the component (``n + m`` steps), a sampled one
    :data:`SAMPLED_SOURCE_COST` times as much, so the cost is ``n x (n + m)`` up to the limit,
    then stays at the cost of the limit (about 1 s of CPU on this project's 2-core machine)
    until the floor of :data:`DEFAULT_SAMPLE` sources is reached (at 144,000 nodes), then
    grows linearly with the links: it never falls as the graph grows (for a mean degree that
    does not fall).

    Examples
    --------
    >>> path_sources(10_055), path_sources(20_000), path_sources(1_000_000)
    (10055, 7200, 1000)
    """
    if n <= EXACT_PATH_LIMIT:
        return max(int(n), 0)
    budget = EXACT_PATH_LIMIT ** 2 / (n * SAMPLED_SOURCE_COST)
    return int(min(n, max(DEFAULT_SAMPLE, math.ceil(budget))))


def _sampled_distances(
    lcc: ig.Graph, sources: np.ndarray
) -> tuple[float, float, np.ndarray]:
    """Sum of distances, largest distance and farthest node per source, all in numpy."""
    sums, eccs, far = _igraph.distance_sums(lcc, sources)
    return float(sums.sum()), float(eccs.max()) if len(eccs) else 0.0, far


def _distances(
    lcc: ig.Graph, sample: int | None, seed: int
) -> tuple[float, float, str, int]:
    """Mean shortest path and diameter of a connected graph: (mean, diameter, method, sources)."""
    n = lcc.vcount()
    if n < 2:
        return math.nan, (0.0 if n == 1 else math.nan), "exact", n
    if sample is None:
        sample = path_sources(n)
    if sample >= n:
        # a search from every node: each unordered pair is counted from both of its ends
        sums, eccs, _far = _igraph.distance_sums(lcc, np.arange(n))
        total, count = int(sums.sum()) // 2, n * (n - 1) // 2
        return total / count, float(eccs.max()), "exact", n
    rng = np.random.default_rng(seed)
    sources = rng.choice(n, size=sample, replace=False)
    sum_d, ecc, far = _sampled_distances(lcc, sources)
    # Double sweep: the eccentricity of the farthest nodes found tightens the lower bound.
    ecc = max(ecc, *map(float, lcc.eccentricity(vertices=np.unique(far).tolist())))
    return sum_d / (sample * (n - 1)), ecc, "sampled", int(sample)


def _reciprocity(G: nx.MultiDiGraph, directed: bool, notes: list[str]) -> float:
    """Share of statements whose reverse statement exists (NaN if undirected or empty)."""
    if not directed:
        notes.append("reciprocity NaN: the source lists undirected pairs "
                     "(G.graph['directed'] is False)")
        return math.nan
    m = link_count(G)
    if m == 0:
        notes.append("reciprocity NaN: no links")
        return math.nan
    return sum(1 for u, v in G.edges() if G.has_edge(v, u)) / m


def _components(U: ig.Graph, n: int, row: dict[str, Any], notes: list[str]) -> ig.Graph:
    """Component counts into ``row``; returns the largest component."""
    if not n:
        row.update(components=0, isolates=0, largest_component_nodes=0,
                   largest_component_share=math.nan)
        notes.append("empty graph")
        return ig.Graph()
    comps = U.connected_components()
    sizes = np.array(comps.sizes())
    giant = int(np.argmax(sizes))
    row.update(components=len(sizes), isolates=int(np.sum(np.array(U.degree()) == 0)),
               largest_component_nodes=int(sizes[giant]),
               largest_component_share=float(sizes[giant]) / n)
    return comps.subgraph(giant)


def _clustering(U: ig.Graph, n: int, notes: list[str]) -> dict[str, float]:
    """Transitivity, mean local clustering and degree assortativity of the collapse."""
    if not U.ecount():
        return {"transitivity": math.nan, "avg_clustering": math.nan if n == 0 else 0.0,
                "degree_assortativity": math.nan}
    out = {"transitivity": float(U.transitivity_undirected()),
           "avg_clustering": float(U.transitivity_avglocal_undirected(mode="zero"))}
    if math.isnan(out["transitivity"]):
        out["transitivity"] = 0.0  # no connected triple: igraph gives NaN, networkx 0
    with np.errstate(all="ignore"):
        r = U.assortativity_degree(directed=False)
    out["degree_assortativity"] = float(r) if r is not None and np.isfinite(r) else math.nan
    if math.isnan(out["degree_assortativity"]):
        notes.append("degree_assortativity NaN: all ties join nodes of equal degree")
    return out


def _place_assortativity(
    G: nx.MultiDiGraph, conv: IgraphView, notes: list[str]
) -> dict[str, Any]:
    """Country and continent nominal assortativity and the nodes left out of them."""
    n = len(conv.nodes)
    countries = [G.nodes[v].get("country") for v in conv.nodes]
    to_continent = _continent_of()
    continents = [to_continent(c) if c else None for c in countries]
    r_c, unknown = _nominal_assortativity(conv.U, countries)
    r_k, unknown_cont = _nominal_assortativity(conv.U, continents)
    if unknown_cont > unknown:
        notes.append(f"{unknown_cont - unknown} nodes with a country of unknown continent: "
                     "left out of continent_assortativity")
    if unknown:
        notes.append(f"{unknown} of {n} nodes have no country: left out of country/continent "
                     "assortativity and of domestic_share")
    if math.isnan(r_c) and n:
        notes.append("country_assortativity NaN: fewer than two known countries or no tie "
                     "between known ones")
    return {"country_assortativity": r_c, "continent_assortativity": r_k,
            "nodes_country_unknown": unknown}


def _domestic(G: nx.MultiDiGraph) -> dict[str, Any]:
    """Share of statements within one country, among those whose two countries are known."""
    known = unknown_links = domestic = 0
    for u, v in G.edges():
        cu, cv = G.nodes[u].get("country"), G.nodes[v].get("country")
        if cu is None or cv is None:
            unknown_links += 1
            continue
        known += 1
        domestic += cu == cv
    return {"domestic_share": domestic / known if known else math.nan,
            "links_country_unknown": unknown_links}


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def summary(G: nx.MultiDiGraph, *, sample: int | None = None, seed: int = 0) -> pd.DataFrame:
    r"""One-row table of whole-network statistics.

    Counts (``nodes``, ``links``, ``reciprocity``, ``domestic_share``) read the statements
    themselves; every structural measure reads the undirected simple collapse
    (:func:`paradiplo_net.model.collapse`): one tie per city pair, however many statements.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph.
    sample : int, optional
        Number of breadth-first-search sources used to estimate distances in the largest
        component. None (default): :func:`path_sources` of the component size, i.e. exact
        up to :data:`EXACT_PATH_LIMIT` nodes (all-pairs search; about 1 s at 10,000 nodes),
        above it a sample whose cost never falls as the graph grows (at least
        :data:`DEFAULT_SAMPLE` sources). A sample at least as large as the component is
        exact. The method and the number of sources are recorded in the ``paths`` and
        ``paths_sources`` columns and in ``attrs``.
    seed : int, default 0
        Seed of the source sample (recorded in the ``seed`` column).

    Returns
    -------
    pandas.DataFrame
        One row indexed by ``G.graph["dataset"]`` with columns:

        ``directed`` (``G.graph["directed"]``), ``nodes``, ``links`` (statements),
        ``distinct_pairs`` (unordered), ``reciprocity`` (share of statements whose reverse
        statement exists; NaN when the source is undirected), ``components`` (isolated cities
        count as components), ``isolates``, ``largest_component_nodes``,
        ``largest_component_share`` (of all nodes), ``diameter`` and ``mean_distance`` (of the
        largest component), ``paths`` (``"exact"`` or ``"sampled"``; a sampled diameter is a
        lower bound), ``paths_sources`` (BFS sources used), ``transitivity`` (global
        clustering: 3 x triangles / connected triples), ``avg_clustering`` (mean local
        clustering, nodes of degree < 2 counted as 0, as in networkx), ``degree_assortativity``,
        ``country_assortativity`` and ``continent_assortativity`` (Newman's nominal
        assortativity over nodes whose country is known), ``nodes_country_unknown``,
        ``powerlaw_alpha``, ``powerlaw_xmin``, ``powerlaw_n_tail`` (degrees >= xmin),
        ``powerlaw_R_lognormal`` and ``powerlaw_p_lognormal`` (normalised log-likelihood ratio
        power law vs lognormal and its p-value; R > 0 favours the power law), fitted to the
        distinct-partner degrees > 0; ``domestic_share`` (share of statements with both ends
        in the same country, among statements whose two countries are known),
        ``links_country_unknown`` (statements left out of it), ``seed`` and ``notes``
        (semicolon-separated remarks: why a value is NaN, what was excluded).

    Raises
    ------
    GraphContractError
        If ``G`` is not a networkx.MultiDiGraph.

    See Also
    --------
    degree_distribution, paradiplo_net.centrality.city_table

    Notes
    -----
    Reciprocity is :math:`r = |\{(u,v,k): v \to u \in G\}| / |E|`, the share of
    statements answered by at least one reverse statement (networkx's ``reciprocity`` on a
    simple digraph). Degree assortativity is the Pearson correlation of the degrees at either
    end of a tie [1]_; nominal assortativity is :math:`r = (\sum_i e_{ii} - \sum_i a_i^2) /
    (1 - \sum_i a_i^2)` [2]_. The power-law fit uses the discrete maximum-likelihood
    estimator with xmin chosen by the Kolmogorov-Smirnov distance [3]_, via the ``powerlaw``
    package [4]_; it needs at least 10 nodes and 3 distinct degrees (NaN otherwise).

    References
    ----------
    .. [1] Newman, M. E. J. (2002). Assortative mixing in networks. *Phys. Rev. Lett.* 89,
       208701.
    .. [2] Newman, M. E. J. (2003). Mixing patterns in networks. *Phys. Rev. E* 67, 026126.
    .. [3] Clauset, A., Shalizi, C. R., Newman, M. E. J. (2009). Power-law distributions in
       empirical data. *SIAM Review* 51(4), 661-703.
    .. [4] Alstott, J., Bullmore, E., Plenz, D. (2014). powerlaw: a Python package for
       analysis of heavy-tailed distributions. *PLoS ONE* 9(1), e85777.
    .. [5] Watts, D. J., Strogatz, S. H. (1998). Collective dynamics of 'small-world'
       networks. *Nature* 393, 440-442 (local clustering).
    .. [6] Csardi, G., Nepusz, T. (2006). The igraph software package for complex network
       research. *InterJournal Complex Systems* 1695.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> s = pn.stats.summary(pn.datasets.load("toy"))
    >>> row = s.loc["toy"]
    >>> int(row["nodes"]), int(row["links"]), int(row["distinct_pairs"])
    (10, 12, 10)
    >>> round(float(row["reciprocity"]), 3)    # A->B and B->A answer each other: 2 of 12
    0.167
    >>> int(row["components"]), int(row["largest_component_nodes"]), float(row["diameter"])
    (1, 10, 6.0)
    >>> round(float(row["domestic_share"]), 3)  # G->J, both in Japan: 1 of 12 statements
    0.083
    """
    check_graph(G)
    if sample is not None and (not isinstance(sample, int) or sample < 1):
        raise ValueError(f"sample must be a positive int or None, got {sample!r}")
    notes: list[str] = []
    conv = to_igraph(G)
    U = conv.U
    n, m = G.number_of_nodes(), link_count(G)
    directed = bool(G.graph.get("directed", True))
    row: dict[str, Any] = {"directed": directed, "nodes": n, "links": m,
                           "distinct_pairs": U.ecount()}
    row["reciprocity"] = _reciprocity(G, directed, notes)
    lcc = _components(U, n, row, notes)
    mean_d, diam, method, sources = _distances(lcc, sample, seed)
    row.update(diameter=diam, mean_distance=mean_d, paths=method, paths_sources=sources)
    if method == "sampled":
        notes.append(f"distances sampled from {sources} BFS sources (seed {seed}); "
                     "diameter is a lower bound")
    row.update(_clustering(U, n, notes))
    row.update(_place_assortativity(G, conv, notes))
    row.update(_powerlaw_fit(np.array(U.degree())))
    if math.isnan(row["powerlaw_alpha"]) and n:
        notes.append("power-law fit NaN: needs >= 10 nodes with links and >= 3 distinct "
                     "degrees, and a tail the fit can use")
    row.update(_domestic(G))
    row["seed"] = seed
    row["notes"] = "; ".join(notes)
    index = pd.Index([str(G.graph.get("dataset", "unnamed"))], name="dataset")
    frame = pd.DataFrame([row], index=index)
    frame.attrs.update(dataset=G.graph.get("dataset"), seed=seed, sample=sample,
                       paths=method, paths_sources=sources)
    for note in notes:
        log.info("summary(%s): %s", G.graph.get("dataset"), note)
    return frame


def degree_distribution(
    G: nx.MultiDiGraph,
    *,
    of: Literal["partners", "degree", "in_degree", "out_degree"] = "partners",
) -> pd.DataFrame:
    """Degree distribution as a table: how many cities have each degree.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    of : {"partners", "degree", "in_degree", "out_degree"}, default "partners"
        ``partners``: distinct partner cities in either direction (degree in the undirected
        simple collapse, the degree used by :func:`summary`); ``degree``: statements in
        either direction (parallel and reciprocal edges counted); ``in_degree`` /
        ``out_degree``: statements received / made.

    Returns
    -------
    pandas.DataFrame
        Columns ``degree``, ``cities``, ``share`` (of all cities) and ``ccdf`` (share of
        cities with at least this degree), one row per observed degree, ascending (degree 0
        included when there are isolated cities).

    Raises
    ------
    ValueError
        Unknown ``of``.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> dd = pn.stats.degree_distribution(pn.datasets.load("toy"))
    >>> dd[["degree", "cities"]].values.tolist()  # I has 1 partner, G has 3, the rest 2
    [[1, 1], [2, 8], [3, 1]]
    >>> dd["ccdf"].tolist()
    [1.0, 0.9, 0.1]
    """
    check_option("of", of, _DEGREE_KINDS)
    conv = to_igraph(G)
    if of == "partners":
        deg = np.array(conv.U.degree(), dtype=np.int64)
    elif of == "degree":
        deg = conv.in_deg + conv.out_deg
    elif of == "in_degree":
        deg = conv.in_deg
    else:
        deg = conv.out_deg
    if len(deg) == 0:
        return pd.DataFrame({"degree": pd.Series(dtype="int64"), "cities": pd.Series(dtype="int64"),
                             "share": pd.Series(dtype=float), "ccdf": pd.Series(dtype=float)})
    values, counts = np.unique(deg, return_counts=True)
    share = counts / counts.sum()
    ccdf = share[::-1].cumsum()[::-1]
    return pd.DataFrame({"degree": values.astype("int64"), "cities": counts.astype("int64"),
                         "share": share, "ccdf": np.round(ccdf, 12)})
