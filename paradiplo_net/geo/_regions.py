"""Named world regions (REGIONS) and region_of."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ._names import _text

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
        "AD AT BE CH DE FR LI LU MC NL "  # M49 Western Europe
        "AX DK FI FO GB GG IE IM IS JE NO SE SJ "  # M49 Northern Europe minus Baltics
        "ES GI GR IT MT PT SM VA "  # M49 Southern Europe minus AL, ex-YU
        "CY"
    ),
    "eastern-europe": _codes(
        "BG BY CZ HU MD PL RO RU SK UA "  # M49 Eastern Europe
        "EE LV LT AL "
        "SI HR BA RS ME MK XK CS "  # former Yugoslavia
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
        "DZ EG LY MA SD TN EH AE BH IL IQ JO KW LB OM PS QA SA SY TR YE IR"
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
    return pd.Series(
        [region_of(v) for v in s.astype(object)], index=s.index, dtype=object, name="region"
    )
