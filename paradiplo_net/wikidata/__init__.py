"""Wikidata P190 ("twinned administrative body"): live SPARQL fetcher and offline readers.

Every reader returns ``(G, report)``: a contract graph (see :mod:`paradiplo_net.model`) and
a :class:`~paradiplo_net.model.LoadReport` of what was read, kept and rejected.

Definitions
-----------
Statement
    One P190 statement on one Wikidata item. It becomes one edge ``item -> partner``: the item
    carrying the statement is the claimant (``u``), the statement's value the partner
    (``v``). When both items record the link there are two edges (a reciprocal pair); when an
    item carries two P190 statements for the same partner they are parallel edges. Wikidata
    does not say what kind of agreement a P190 statement records, so ``kind`` is
    ``"unspecified"``; ``phase`` is None.
Years
    ``year`` is the year of the statement's start time qualifier (P580), ``end_year`` that of
    its end time (P582). Dates are read from ``xsd:dateTime`` values such as
    ``"1995-02-18T00:00:00Z"`` (SPARQL) or ``"+1995-02-18T00:00:00Z"`` (entity JSON). A date
    that cannot give a plausible year (negative, i.e. BCE, before
    :data:`~paradiplo_net.model.MIN_YEAR`, in the future, or unreadable) is read as None and
    counted in ``report.notes``; the statement itself is kept and the raw value stays in the
    edge attribute ``start_date`` / ``end_date``. When a statement has several start (end)
    dates the earliest is used (counted). An end before the start is read as None (counted).
    ``start_date`` / ``end_date`` hold the date as recorded, cut to its precision
    (``"1995"``, ``"1995-02"`` or ``"1995-02-18"``; the full date when the precision is not
    given).
Nodes
    Node ids are Wikidata Q-ids (``wikidata`` attribute set). ``name`` is the label (the
    Q-id when there is none, counted), ``country`` the ISO 3166-1 alpha-2 code of the item's
    country (P17 -> P297) or None, ``lat`` / ``lon`` from P625 (Earth only), ``level`` from the
    item's instance-of (P31) types through a small table (:data:`LEVEL_OF_TYPE`; the most
    local level wins; ``"municipality"``, the contract's default, when no type is known,
    counted) and ``instance_of`` the ``;``-joined P31 Q-ids when known. When an item has
    several values (coordinates, countries), the first in sorted order is used and the number
    of such items is noted.
Rank
    Statements of deprecated rank are rejected unless ``keep_deprecated=True`` (then kept with
    ``rank="deprecated"`` on the edge).

Sources
-------
- :func:`fetch_p190`: the live Wikidata Query Service, paged, retried, cached on disk.
- :func:`read_sparql_json`: saved results of :data:`P190_QUERY` (JSON, CSV or TSV export).
- :func:`read_entity_json`: entity JSON (``wbgetentities`` / ``Special:EntityData``).
- :func:`read_statements_tsv`: ``source_qid<TAB>target_qid`` crawls (L3viathan format).
- :func:`read_wikidata12k`: the WIKIDATA12k temporal knowledge graph (relation 5 = P190).
- :func:`one_sided`: statements whose reverse statement is absent.

References
----------
.. [1] Vrandečić, D. and Krötzsch, M. (2014). Wikidata: a free collaborative knowledgebase.
   *Communications of the ACM*, 57(10), 78-85.
.. [2] W3C (2013). SPARQL 1.1 Query Results JSON Format.
   https://www.w3.org/TR/sparql11-results-json/
.. [3] Wikidata Query Service user manual.
   https://www.mediawiki.org/wiki/Wikidata_Query_Service/User_Manual
.. [4] Dasgupta, S. S., Ray, S. N. and Talukdar, P. (2018). HyTE: Hyperplane-based temporally
   aware knowledge graph embedding. *EMNLP 2018*, 2001-2011 (WIKIDATA12k).

Examples
--------
>>> import paradiplo_net as pn
>>> page = {"head": {"vars": ["item", "partner", "start"]},
...         "results": {"bindings": [
...             {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3955"},
...              "partner": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3138"},
...              "start": {"type": "literal", "value": "1987-05-24T00:00:00Z",
...                        "datatype": "http://www.w3.org/2001/XMLSchema#dateTime"}}]}}
>>> G, report = pn.wikidata.read_sparql_json(page)
>>> list(G.edges(data="year"))
[('Q3955', 'Q3138', 1987)]
"""

from ._dumps import one_sided, read_statements_tsv, read_wikidata12k
from ._http import SPARQL_URL, cache_dir, fetch_p190
from ._http import _sleep as _sleep  # tests replace it to record waits instead of sleeping
from ._query import P190_QUERY, SPARQL_VARIABLES, build_query
from ._readers import read_entity_json, read_sparql_json
from ._values import COUNTRY_OF_ITEM, LEVEL_OF_TYPE

__all__ = [
    "COUNTRY_OF_ITEM",
    "LEVEL_OF_TYPE",
    "P190_QUERY",
    "SPARQL_URL",
    "SPARQL_VARIABLES",
    "build_query",
    "cache_dir",
    "fetch_p190",
    "one_sided",
    "read_entity_json",
    "read_sparql_json",
    "read_statements_tsv",
    "read_wikidata12k",
]
