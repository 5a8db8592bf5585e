"""One translation table for every label a student sees: English and Indonesian.

Figure titles, axis labels, legends, era and phase names and the report headings all come
from :data:`LABELS` through :func:`t`. Indonesian terms follow the field's Indonesian
literature: *kota kembar* (twin city), *kota bersaudara* (sister city), *diplomasi kota*,
*paradiplomasi*, *kerja sama sister city/sister province*.

The tables live beside this module: ``_labels.py`` (figures, replay, report, regions),
``_labels_estimates.py`` (the town-sample estimates and the multilateral layer) and
``_terms.py`` (the summary's glossary).

Examples
--------
>>> t("phase.commercial", lang="id")
'komersial'
>>> t("fig.growth.title", lang="en")
'Growth of twinning links per year, by O\u2019Toole phase'
>>> t("fig.growth.title", lang="fr")
Traceback (most recent call last):
...
ValueError: lang='fr' is not one of: 'en', 'id'
"""

from __future__ import annotations

from typing import Literal

from .._checks import LANGS, check_lang
from ._labels import BASE_LABELS
from ._labels_estimates import ESTIMATE_LABELS
from ._terms import SUMMARY_TERMS

__all__ = ["LABELS", "LANGS", "SUMMARY_TERMS", "Lang", "count", "summary_term", "t"]

Lang = Literal["en", "id"]

_SHARED = set(BASE_LABELS) & set(ESTIMATE_LABELS)
if _SHARED:  # pragma: no cover - a duplicated key would silently shadow a label
    raise RuntimeError(f"i18n: keys defined twice: {sorted(_SHARED)}")

#: key -> {"en": ..., "id": ...}. Keys are dotted: area.item[.part].
LABELS: dict[str, dict[str, str]] = {**BASE_LABELS, **ESTIMATE_LABELS}


def summary_term(key: str, lang: Lang | str = "en") -> tuple[str, str]:
    """Human label and one-line meaning of a :func:`paradiplo_net.stats.summary` column.

    Unknown keys come back as ``(key, "")`` so a new measure still shows, unexplained.

    Examples
    --------
    >>> summary_term("powerlaw_R_lognormal")[0]
    'power law vs lognormal (R)'
    >>> summary_term("reciprocity", lang="id")[0]
    'resiprositas'
    """
    check_lang(lang)
    entry = SUMMARY_TERMS.get(key)
    return (key, "") if entry is None else entry[str(lang)]


def count(n: int, noun: str, *, lang: Lang | str = "en") -> str:
    """``n`` and its noun with the right plural: ``count(1, "links")`` is ``"1 link"``.

    ``noun`` is one of ``"links"``, ``"cities"``, ``"countries"`` (keys ``n.<noun>`` and
    ``n.<noun>.one``); Indonesian does not mark the plural.

    Examples
    --------
    >>> count(1, "links"), count(0, "links"), count(2, "cities"), count(1, "countries", lang="id")
    ('1 link', '0 links', '2 cities', '1 negara')
    """
    key = f"n.{noun}.one" if int(n) == 1 else f"n.{noun}"
    return t(key, lang=lang, n=f"{int(n):,}")


def t(key: str, *, lang: Lang | str = "en", **fmt: object) -> str:
    """Translate one label key; ``fmt`` fills ``{placeholders}``.

    Unknown keys raise ``KeyError`` naming close matches, so a typo never shows a raw key
    on a student's figure.

    Examples
    --------
    >>> t("word.year", lang="id")
    'tahun'
    >>> t("word.yeer")
    Traceback (most recent call last):
    ...
    KeyError: "no label 'word.yeer'; close keys: ['word.year']"
    """
    check_lang(lang)
    try:
        text = LABELS[key][lang]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(key, LABELS, n=3, cutoff=0.8)
        raise KeyError(f"no label {key!r}; close keys: {close}") from None
    return text.format(**fmt) if fmt else text
