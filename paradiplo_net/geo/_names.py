"""Folding names for matching (case, diacritics, punctuation) and cell text."""

from __future__ import annotations

import unicodedata
from typing import Any

from .._checks import is_missing

# --------------------------------------------------------------------------------------
# folding
# --------------------------------------------------------------------------------------

_FOLD_SPECIAL = {
    "ß": "ss",
    "ẞ": "ss",
    "ø": "o",
    "Ø": "o",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "æ": "ae",
    "Æ": "ae",
    "œ": "oe",
    "Œ": "oe",
    "þ": "th",
    "Þ": "th",
    "ð": "d",
    "Ð": "d",
    "\u0131": "i",
    "ħ": "h",
    "Ħ": "h",
    "ə": "a",
    "Ə": "a",  # dotless i
    # apostrophe-like marks vanish: right and left quotes, acute accent, okina, apostrophe
    "\u2019": "",
    "\u2018": "",
    "\u00b4": "",
    "\u02bb": "",
    "\u02bc": "",
}
# ASCII: letters lower-cased, digits kept, apostrophes and dots dropped, "&" -> "and",
# every other character a space.
_FOLD_ASCII = {
    i: (
        chr(i).lower()
        if chr(i).isalnum()
        else ""
        if chr(i) in "'`."
        else " and "
        if chr(i) == "&"
        else " "
    )
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
