"""Finding city-name pairs listed more than once (duplicate_pairs)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd


def duplicate_pairs(G: nx.MultiDiGraph) -> pd.DataFrame:
    """Find unordered pairs of city *names* listed more than once.

    Lists scraped from per-country pages (Wikipedia) record the same twinning on both
    partners' pages, often with different country spellings ("England" on one page,
    "England, United Kingdom" on the other). :func:`read_links` normalises countries with
    :mod:`paradiplo_net.geo`, so such listings usually join the *same* two nodes (then they
    are a reciprocal pair, or parallel edges when one page lists the pair twice). This
    function groups edges by the unordered pair of case-folded endpoint names and returns
    every group with at least two edges, so that they can be checked or collapsed
    (:func:`paradiplo_net.model.collapse`) before undirected statistics.

    Parameters
    ----------
    G : networkx.MultiDiGraph

    Returns
    -------
    pandas.DataFrame
        One row per name pair listed more than once, sorted by names: ``name_a``,
        ``name_b`` (the names, alphabetically), ``n_edges``, ``n_city_pairs`` (distinct
        unordered node-id pairs: 1 means every listing joins the same two cities),
        ``same_cities`` (``n_city_pairs == 1``), ``spellings`` (the distinct raw country
        spellings ``"<country of a> / <country of b>"`` from the edges'
        ``*_country_text``, else from the node countries), ``different_spellings``
        (more than one spelling: the "same pair under different country spellings" trap),
        and ``edges`` (list of ``(u, v, key)``).

    Examples
    --------
    >>> import pandas as pd
    >>> import paradiplo_net as pn
    >>> table = pd.DataFrame({"c1": ["Coventry", "Dresden"], "k1": ["England", "Germany"],
    ...                       "c2": ["Dresden", "Coventry"],
    ...                       "k2": ["Germany", "England, United Kingdom"]})
    >>> G, _ = pn.io.read_links(table, source="c1", target="c2", source_country="k1",
    ...                         target_country="k2")
    >>> d = pn.io.duplicate_pairs(G)
    >>> d[["name_a", "name_b", "n_edges", "same_cities", "different_spellings"]]
         name_a   name_b  n_edges  same_cities  different_spellings
    0  Coventry  Dresden        2         True                 True
    >>> d.loc[0, "spellings"]
    ['England / Germany', 'England, United Kingdom / Germany']
    >>> len(pn.io.duplicate_pairs(pn.datasets.load("toy")))  # H -> I twice (parallel), A <-> B
    2
    """
    columns = [
        "name_a",
        "name_b",
        "n_edges",
        "n_city_pairs",
        "same_cities",
        "spellings",
        "different_spellings",
        "edges",
    ]
    groups: dict[tuple[str, str], list[tuple[Any, Any, Any, dict[str, Any]]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        a = str(G.nodes[u].get("name") or u).strip().casefold()
        b = str(G.nodes[v].get("name") or v).strip().casefold()
        groups.setdefault((a, b) if a <= b else (b, a), []).append((u, v, k, d))
    rows = []
    for items in groups.values():
        if len(items) < 2:
            continue
        u0, v0 = items[0][0], items[0][1]
        na, nb = str(G.nodes[u0].get("name") or u0), str(G.nodes[v0].get("name") or v0)
        first_is_a = na.casefold() <= nb.casefold()
        name_a, name_b = (na, nb) if first_is_a else (nb, na)
        spellings = set()
        city_pairs = set()
        for u, v, _k, d in items:
            cu = d.get("source_country_text", G.nodes[u].get("country"))
            cv = d.get("target_country_text", G.nodes[v].get("country"))
            nu = str(G.nodes[u].get("name") or u).strip().casefold()
            # order the spelling as "<country of name_a> / <country of name_b>"
            pair = (cu, cv) if nu == name_a.strip().casefold() else (cv, cu)
            spellings.add(f"{pair[0] or '?'} / {pair[1] or '?'}")
            city_pairs.add(frozenset((u, v)))
        rows.append(
            {
                "name_a": name_a,
                "name_b": name_b,
                "n_edges": len(items),
                "n_city_pairs": len(city_pairs),
                "same_cities": len(city_pairs) == 1,
                "spellings": sorted(spellings),
                "different_spellings": len(spellings) > 1,
                "edges": [(u, v, k) for u, v, k, _ in items],
            }
        )
    out = pd.DataFrame(rows, columns=columns)
    if len(out):
        out = out.sort_values(
            ["name_a", "name_b"], key=lambda s: s.str.casefold(), ignore_index=True
        )
    return out
