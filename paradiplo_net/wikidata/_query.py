"""The SPARQL text of the P190 query and its paged form (build_query)."""

from __future__ import annotations

from string import Template

from .._checks import check_int

#: Variables of :data:`P190_QUERY`. Only ``item`` and ``partner`` are required by
#: :func:`read_sparql_json`; every other column may be missing.
SPARQL_VARIABLES: tuple[str, ...] = (
    "statement",  # statement node (wds:Q3955-...): one edge per distinct value
    "item",  # the item carrying the P190 statement (edge source)
    "partner",  # the statement's value (edge target)
    "rank",  # wikibase:NormalRank / PreferredRank / DeprecatedRank
    "start",
    "startPrecision",  # P580 start time qualifier and its precision (9 = year, 11 = day)
    "end",
    "endPrecision",  # P582 end time qualifier and its precision
    "itemLabel",
    "partnerLabel",  # labels (en, then mul, de, fr, es, id)
    "itemCoord",
    "partnerCoord",  # P625 as WKT "Point(lon lat)"
    "itemCountryCode",
    "partnerCountryCode",  # ISO 3166-1 alpha-2 (P17 -> P297)
    "itemTypes",
    "partnerTypes",  # P31 Q-ids joined by ";"
)

_QUERY_TEMPLATE = Template("""\
# paradiplo_net: every Wikidata P190 (twinned administrative body) statement.
# One row per statement, more when a side has several coordinates or countries.
SELECT ?statement ?item ?partner ?rank ?start ?startPrecision ?end ?endPrecision
       ?itemLabel ?partnerLabel ?itemCoord ?partnerCoord ?itemCountryCode ?partnerCountryCode
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?itemType), STR(wd:)); separator=";")
        AS ?itemTypes)
       (GROUP_CONCAT(DISTINCT STRAFTER(STR(?partnerType), STR(wd:)); separator=";")
        AS ?partnerTypes)
WHERE {
  {
    SELECT ?statement ?item ?partner WHERE {
      ?item p:P190 ?statement .
      ?statement ps:P190 ?partner .
    }$paging
  }
  ?statement wikibase:rank ?rank .
  OPTIONAL { ?statement pqv:P580 ?startNode .
             ?startNode wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision . }
  OPTIONAL { ?statement pqv:P582 ?endNode .
             ?endNode wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision . }
  OPTIONAL { ?item wdt:P625 ?itemCoord . }
  OPTIONAL { ?partner wdt:P625 ?partnerCoord . }
  OPTIONAL { ?item wdt:P17 ?itemCountry . ?itemCountry wdt:P297 ?itemCountryCode . }
  OPTIONAL { ?partner wdt:P17 ?partnerCountry . ?partnerCountry wdt:P297 ?partnerCountryCode . }
  OPTIONAL { ?item wdt:P31 ?itemType . }
  OPTIONAL { ?partner wdt:P31 ?partnerType . }
  SERVICE wikibase:label {
    bd:serviceParam wikibase:language "en,mul,de,fr,es,id" .
    ?item rdfs:label ?itemLabel .
    ?partner rdfs:label ?partnerLabel .
  }
}
GROUP BY ?statement ?item ?partner ?rank ?start ?startPrecision ?end ?endPrecision
         ?itemLabel ?partnerLabel ?itemCoord ?partnerCoord ?itemCountryCode ?partnerCountryCode
ORDER BY ?statement
""")


def build_query(offset: int | None = 0, limit: int | None = None) -> str:
    """Return the SPARQL text of one page of P190 statements.

    Statements are paged in a sub-query (``ORDER BY ?statement LIMIT limit OFFSET offset``),
    so a page holds exactly ``limit`` statements (the last page fewer) whatever the number of
    rows each statement expands to. With ``limit=None`` the query is unpaged
    (:data:`P190_QUERY`). Result variables: :data:`SPARQL_VARIABLES`.

    Parameters
    ----------
    offset : int, default 0
        Number of statements to skip.
    limit : int, optional
        Statements per page; None for all.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``offset`` is negative or ``limit`` is not positive.

    Examples
    --------
    >>> q = build_query(20000, 10000)
    >>> "LIMIT 10000" in q and "OFFSET 20000" in q
    True
    >>> "LIMIT" in build_query(0, None)
    False
    """
    offset = check_int("offset", 0 if offset is None else offset, minimum=0)
    limit = check_int("limit", limit, minimum=1, allow_none=True)
    if limit is None:
        return _QUERY_TEMPLATE.substitute(paging="")
    paging = f"\n    ORDER BY ?statement\n    LIMIT {limit}\n    OFFSET {offset}"
    return _QUERY_TEMPLATE.substitute(paging=paging)


#: The unpaged query, to paste into https://query.wikidata.org (it may time out there; the
#: fetcher pages it with :func:`build_query`).
P190_QUERY: str = build_query(0, None)
