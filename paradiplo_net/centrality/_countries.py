"""Country rankings on the country network and partner concentration (private)."""

from __future__ import annotations

from typing import Literal

import networkx as nx
import pandas as pd

from .._checks import check_int, check_option
from ..countries import country_graph
from ._measures import COUNTRY_MEASURES, _with_references


@_with_references
def country_rank(
    G: nx.MultiDiGraph,
    measure: Literal["links", "foreign_links", "partners", "cities", "betweenness", "closeness",
                     "harmonic", "eigenvector", "pagerank"],
    *,
    top: int | None = None,
    domestic: Literal["drop", "keep"] = "drop",
) -> pd.DataFrame:
    """Rank countries on the country network (:func:`country_graph`).

    ``links``: statements touching the country (domestic ones once); ``foreign_links``:
    statements with a foreign partner; ``partners``: distinct partner countries; ``cities``:
    cities of the country in ``G``; ``betweenness``, ``closeness``, ``harmonic``: unweighted
    on the country ties (networkx definitions, as for cities); ``eigenvector`` and
    ``pagerank``: weighted by statements (self-loops only with ``domestic="keep"``). The
    country network is small (< 250 nodes), so networkx computes these directly.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    measure : str
        One of :data:`COUNTRY_MEASURES`.
    top : int, optional
    domestic : {"drop", "keep"}, default "drop"

    Returns
    -------
    pandas.DataFrame
        Columns ``country``, ``value``, ``rank`` (1 = highest, ties "min").

    Raises
    ------
    ValueError
        Unknown measure or option.
    {REFERENCES}

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> country_rank(pn.datasets.load("toy"), "partners", top=3)   # JP: US, IT, ID
      country  value  rank
    0      JP      3     1
    1      DE      2     2
    2      FR      2     2
    """
    check_option("measure", measure, COUNTRY_MEASURES)
    check_int("top", top, allow_none=True)
    H = country_graph(G, domestic=domestic)
    nodes = list(H)
    loops = nx.Graph(H)
    loops.remove_edges_from(list(nx.selfloop_edges(loops)))
    if measure == "links":
        vals = [H.nodes[c]["links"] for c in nodes]
    elif measure == "foreign_links":
        vals = [H.nodes[c]["links"] - H.nodes[c]["domestic_links"] for c in nodes]
    elif measure == "partners":
        vals = [loops.degree(c) for c in nodes]
    elif measure == "cities":
        vals = [H.nodes[c]["cities"] for c in nodes]
    elif measure == "betweenness":
        d = nx.betweenness_centrality(loops)
        vals = [d[c] for c in nodes]
    elif measure == "closeness":
        d = nx.closeness_centrality(loops)
        vals = [d[c] for c in nodes]
    elif measure == "harmonic":
        d = nx.harmonic_centrality(loops)
        vals = [d[c] for c in nodes]
    elif measure == "eigenvector":
        d = (nx.eigenvector_centrality(H, weight="weight", max_iter=10_000)
             if H.number_of_edges() else {})
        vals = [d.get(c, 0.0) for c in nodes]
    else:
        d = nx.pagerank(H, weight="weight") if H.number_of_nodes() else {}
        vals = [d[c] for c in nodes]
    frame = pd.DataFrame({"country": pd.Series(nodes, dtype=object), "value": vals})
    frame["rank"] = frame["value"].rank(method="min", ascending=False).astype("Int64")
    frame = frame.sort_values(["rank", "country"], kind="stable").reset_index(drop=True)
    if top is not None:
        frame = frame.head(top)
    frame.attrs.update(measure=measure, domestic=domestic, **{
        k: H.graph[k] for k in ("dataset", "domestic_links", "links_country_unknown")})
    return frame


def partner_concentration(G: nx.MultiDiGraph) -> pd.DataFrame:
    r"""How concentrated each country's foreign links are on a few partner countries.

    Counts statements between cities of different known countries (domestic statements and
    those with an end of unknown country are left out, counted in ``attrs``).

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Returns
    -------
    pandas.DataFrame
        Indexed by country (countries with at least one foreign link), sorted by ``links``
        descending: ``links`` (foreign statements), ``partner_countries``, ``hhi``
        (Herfindahl-Hirschman index of partner-country shares, 1/partner_countries for an
        even spread up to 1 for a single partner), ``top_partner`` (ties: first
        alphabetically) and ``top_share``.

    Notes
    -----
    :math:`HHI_c = \sum_p s_{cp}^2` with :math:`s_{cp}` the share of country :math:`c`'s
    foreign statements that link it to country :math:`p` [1]_.

    References
    ----------
    .. [1] Hirschman, A. O. (1964). The paternity of an index. *American Economic Review*
       54(5), 761; Rhoades, S. A. (1993). The Herfindahl-Hirschman index. *Federal Reserve
       Bulletin* 79, 188-189.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> t = partner_concentration(pn.datasets.load("toy"))
    >>> t.loc[["ID"]].round(3)   # H-I twice (KR), H-J once (JP): (2/3)^2 + (1/3)^2
             links  partner_countries    hhi top_partner  top_share
    country
    ID           3                  2  0.556          KR      0.667
    >>> t.attrs["domestic_links"]
    1
    """
    H = country_graph(G, domestic="drop")
    rows = []
    for c in H:
        shares = {p: H[c][p]["weight"] for p in H[c]}
        total = sum(shares.values())
        if not total:
            continue
        top_p = min(shares, key=lambda p: (-shares[p], p))
        rows.append({"country": c, "links": total, "partner_countries": len(shares),
                     "hhi": sum((w / total) ** 2 for w in shares.values()),
                     "top_partner": top_p, "top_share": shares[top_p] / total})
    cols = ["links", "partner_countries", "hhi", "top_partner", "top_share"]
    frame = pd.DataFrame(rows, columns=["country", *cols])
    frame["top_partner"] = frame["top_partner"].astype(object)
    frame = frame.sort_values(["links", "country"], ascending=[False, True]).set_index("country")
    frame.attrs.update(dataset=G.graph.get("dataset"), domestic_links=H.graph["domestic_links"],
                       links_country_unknown=H.graph["links_country_unknown"])
    return frame
