"""Reconciliation: one graph from several twinning sources, with a conflict report.

A researcher's twinning data is spread over public copies that disagree on spelling, language,
administrative level and identifiers, and most give no year. :func:`merge` matches their
places (GeoNames ids, Wikidata Q-ids, names read by the offline gazetteer in any language or
exonym, coordinates within a tolerance, always within the country), keeps on each link every
source that records it and every year each source gives, and reports the conflicts: years that
disagree, one-sided claims, the same pair at different administrative levels, and places it
could not match. The module itself is callable: ``pn.merge(graphs)`` is
``pn.merge.merge(graphs)``.

How places are matched (in order of evidence):

1. a GeoNames id carried by the node, or found by :func:`paradiplo_net.geo.resolve` on its
   name and country (vetoed when the node's own coordinates lie farther than
   ``tolerance_km``);
2. for a Wikidata item without a country (a P190 crawl), its label looked up in every
   country, kept only when one place dominates;
3. the same folded spelling in the same country, for names the gazetteer does not know;
   ambiguous names are never merged;
4. shared Wikidata Q-ids join whatever the steps above found.

Match quality, measured by hand on a sample of cross-source matches of the world graph
(``tests/data/merge_precision_sample.csv``, ``scripts/merge_precision_sample.py``), is
pinned by a ``real_data`` test.

:func:`world` merges the bundled ``core`` with the six public sources of the registry
(:data:`WORLD_SOURCES`: the English Wikipedia lists, the Wikidata P190 crawl of 2016, the EU
Wikidata set of 2017, the German list, the Baltic dyads and WIKIDATA12k), fetched through
:func:`paradiplo_net.datasets.fetch`. Measured on 2026-12-06 (``scripts/build_world.py``,
2-core machine): 28,590 places, 44,468 distinct pairs, 19.4 % dated, 31.5 % recorded by two
or more sources; reading the sources and merging them takes about 21 s. On the hand-checked
sample of 220 cross-source matches the merge keeps 215, of which 212 are correct (98.6 %).

Examples
--------
>>> import pandas as pd
>>> import paradiplo_net as pn
>>> from paradiplo_net import merge
>>> a = pn.io.read_links(pd.DataFrame({"s": ["Wrocław"], "t": ["Dresden"], "y": [1959]}),
...     source="s", target="t", year="y", default_source_country="PL",
...     default_target_country="DE", dataset="a", progress=False)[0]
>>> b = pn.io.read_links(pd.DataFrame({"s": ["Dresden"], "t": ["Breslau"], "y": [1963]}),
...     source="s", target="t", year="y", default_source_country="DE",
...     default_target_country="PL", dataset="b", progress=False)[0]
>>> res = merge([a, b])
>>> res.graph.number_of_edges(), res.conflicts["kind"].tolist()
(1, ['years_disagree'])

References
----------
Christen, P. (2012). *Data Matching*. Springer.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from ._merge import MergeResult, merge
from ._places import PLACE_COLUMNS
from ._world import WORLD_SOURCES, world

__all__ = ["PLACE_COLUMNS", "WORLD_SOURCES", "MergeResult", "merge", "world"]


class _CallableModule(types.ModuleType):
    """Lets ``pn.merge(graphs)`` stand for ``pn.merge.merge(graphs)``."""

    def __call__(self, *args: Any, **kwargs: Any) -> MergeResult:
        return merge(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
