"""The live fetcher: requests session, retries, on-disk cache of query pages."""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from .._checks import check_int
from ..errors import DatasetError, SchemaError, format_problems
from ..model import LoadReport
from ..settings import DEFAULT_ENDPOINT, settings
from ._builder import _Builder
from ._query import build_query
from ._readers import _add_sparql_rows, _rows_from_json

logger = logging.getLogger("paradiplo_net.wikidata")

#: The default Wikidata Query Service endpoint; the one in use is ``settings.endpoint``
#: (``$PARADIPLO_ENDPOINT``), read in one place only (:class:`_Pages`), which passes it down
#: to the request and records it in each cached page.
SPARQL_URL = DEFAULT_ENDPOINT

_sleep = time.sleep


def _pause(seconds: float) -> None:
    """Wait between attempts through ``paradiplo_net.wikidata._sleep`` (tests replace it)."""
    from .. import wikidata

    wikidata._sleep(seconds)


def cache_dir() -> Path:
    """Folder of cached Wikidata query responses: ``settings.cache_dir / "wikidata"``.

    Each page is stored as ``<sha256 of the query text>.json``: the SPARQL JSON response plus
    a ``"paradiplo_net"`` key holding the query, the endpoint and the retrieval date.

    Examples
    --------
    >>> cache_dir().name
    'wikidata'
    """
    return Path(settings.cache_dir) / "wikidata"


def _cache_file(query: str) -> Path:
    return cache_dir() / f"{hashlib.sha256(query.encode('utf-8')).hexdigest()}.json"


def _retry_after(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        pass
    try:
        when = email.utils.parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _json_results(resp: Any) -> tuple[dict[str, Any] | None, str]:
    """The SPARQL results of an HTTP 200 response, or None and what was wrong."""
    try:
        data = resp.json()
    except ValueError as exc:  # WDQS may send a truncated body on timeout
        return None, f"HTTP 200 with unreadable JSON ({exc})"
    if isinstance(data, dict) and "results" in data:
        return data, ""
    return None, "HTTP 200 without SPARQL results"


def _read_response(resp: Any, wait: float) -> tuple[dict[str, Any] | None, str, float]:
    """``(results or None, failure, wait)`` of one response; raise when retrying cannot help."""
    status = int(resp.status_code)
    if status == 200:
        data, last = _json_results(resp)
        return data, last, wait
    if status == 429:
        after = _retry_after(resp.headers.get("Retry-After"))
        return None, "HTTP 429 Too Many Requests", wait if after is None else min(after, 600.0)
    if 500 <= status < 600:
        return None, f"HTTP {status}: {str(getattr(resp, 'text', ''))[:200]!r}", wait
    raise DatasetError(
        f"Wikidata Query Service answered HTTP {status} (expected 200): "
        f"{str(getattr(resp, 'text', ''))[:300]!r}. Fix: check the query "
        "(paradiplo_net.wikidata.build_query) and settings.user_agent; 403 means the "
        "User-Agent was refused."
    )


def _request_page(
    query: str, *, endpoint: str, session: Any, timeout: float, retries: int
) -> dict[str, Any]:
    """GET one page, retrying 429 (honouring Retry-After), 5xx, bad JSON and network errors."""
    headers = {"User-Agent": settings.user_agent, "Accept": "application/sparql-results+json"}
    last = "no attempt"
    for attempt in range(retries + 1):
        wait = min(2.0**attempt, 60.0)
        try:
            resp = session.get(
                endpoint,
                params={"query": query, "format": "json"},
                headers=headers,
                timeout=timeout,
            )
        except OSError as exc:  # requests.RequestException derives from OSError
            last = f"{type(exc).__name__}: {exc}"
        else:
            data, last, wait = _read_response(resp, wait)
            if data is not None:
                return data
        if attempt < retries:
            logger.info(
                "Wikidata attempt %d failed (%s); retrying in %.1f s", attempt + 1, last, wait
            )
            _pause(wait)
    raise DatasetError(
        f"Wikidata Query Service failed {retries + 1} time(s); last error: {last}. Fix: try "
        "later, raise retries= or timeout=, or lower limit_per_page= so each page is cheaper."
    )


def _load_cached(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("ignoring unreadable cache file %s (%s)", path, exc)
        return None
    return data if isinstance(data, dict) and "results" in data else None


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def fetch_p190(
    *,
    limit_per_page: int = 10000,
    max_pages: int | None = None,
    cache: bool = True,
    refresh: bool = False,
    timeout: float = 60,
    retries: int = 5,
    progress: bool = True,
    session: Any = None,
    keep_deprecated: bool = False,
    dataset: str = "wikidata-p190",
) -> tuple[nx.MultiDiGraph, LoadReport]:
    """Fetch every Wikidata P190 statement from the Wikidata Query Service.

    Runs :func:`build_query` page by page (``limit_per_page`` statements each, stable
    ``ORDER BY ?statement``) until a page holds fewer statements than asked, then reads all
    rows as :func:`read_sparql_json` does (statements repeated across pages, when Wikidata
    changed between pages, are one edge). Each page is retried up to ``retries`` times on
    HTTP 429 (waiting as long as its ``Retry-After`` header says), on HTTP 5xx, on an
    unreadable body and on network errors, waiting 1, 2, 4, ... s (at most 60 s) otherwise
    [3]_. Requests carry ``settings.user_agent``.

    Pages are cached as JSON in :func:`cache_dir`, keyed by the SHA-256 of the query text, so
    a second run is offline. With ``settings.offline = True`` only cached pages are used.

    Parameters
    ----------
    limit_per_page : int, default 10000
        Statements per query.
    max_pages : int, optional
        Stop after this many pages (the result is then partial; noted in the report).
    cache : bool, default True
        Read and write the on-disk cache.
    refresh : bool, default False
        Ignore cached pages (but still write fresh ones when ``cache``).
    timeout : float, default 60
        Seconds per HTTP request.
    retries : int, default 5
        Further attempts per page after the first.
    progress : bool, default True
        Show a tqdm progress bar (one step per page).
    session : requests.Session-like, optional
        Object with ``get(url, params=, headers=, timeout=)`` returning a response with
        ``status_code``, ``headers``, ``json()`` and ``text``; a new ``requests.Session``
        by default.
    keep_deprecated : bool, default False
        Keep statements of deprecated rank.
    dataset : str, default "wikidata-p190"

    Returns
    -------
    G : networkx.MultiDiGraph
        ``G.graph["retrieved"]`` is the ISO date of the fetch (of the oldest page when read
        from cache), ``G.graph["cache"]`` the cache folder (None when ``cache=False``),
        ``G.graph["pages"]`` the number of pages.
    report : LoadReport
        Rows are numbered across pages (1-based).

    Raises
    ------
    DatasetError
        Offline without the needed cached page, or the service kept failing.
    SchemaError
        A response is not SPARQL results with ``item`` and ``partner``.
    ValueError
        Bad numeric options.

    See Also
    --------
    read_sparql_json, build_query, cache_dir

    Examples
    --------
    >>> import paradiplo_net as pn
    >>> G, report = pn.wikidata.fetch_p190()  # doctest: +SKIP
    >>> print(report)  # doctest: +SKIP
    https://query.wikidata.org/sparql: ... rows read, ... links kept, ... rejected
    >>> pn.wikidata.cache_dir().name  # where the pages are kept
    'wikidata'
    """
    _check_fetch_options(limit_per_page, max_pages, retries, timeout, cache=cache, refresh=refresh)
    from tqdm.auto import tqdm

    pages = _Pages(
        limit_per_page,
        cache=cache and not refresh,
        write=cache,
        session=session,
        timeout=timeout,
        retries=retries,
    )
    b = _Builder(pages.endpoint, dataset)
    page = 0
    complete = False
    with tqdm(desc="Wikidata P190", unit="page", disable=not progress) as bar:
        while max_pages is None or page < max_pages:
            rows = pages.rows(page)
            offset = b.report.rows_read
            b.report.rows_read += len(rows)
            _add_sparql_rows(b, rows, keep_deprecated=keep_deprecated, offset=offset)
            n_statements = len({r.get("statement") or id(r) for r in rows})
            page += 1
            bar.update(1)
            bar.set_postfix(rows=b.report.rows_read)
            if n_statements < limit_per_page:
                complete = True
                break
    if not complete:
        b.report.notes.append(
            f"stopped after max_pages={max_pages} pages: the result may be incomplete"
        )
    b.report.notes.append(
        f"{page} page(s) of {limit_per_page} statements, {pages.from_cache} read from the cache"
        + (f" in {pages.folder}" if cache else " (cache disabled)")
    )
    G = b.build(
        retrieved=min(pages.dates) if pages.dates else pages.today,
        keep_deprecated=keep_deprecated,
        cache=str(pages.folder) if cache else None,
        pages=page,
    )
    return G, b.report


def _check_fetch_options(
    limit_per_page: Any, max_pages: Any, retries: Any, timeout: Any, *, cache: bool, refresh: bool
) -> None:
    check_int("limit_per_page", limit_per_page, minimum=1)
    check_int("max_pages", max_pages, minimum=1, allow_none=True)
    check_int("retries", retries, minimum=0)
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}")
    if settings.offline and (refresh or not cache):
        raise DatasetError(
            f"settings.offline is True but fetch_p190 was asked to "
            f"{'refresh' if refresh else 'bypass'} the cache ({cache_dir()}); nothing can be "
            "read. Fix: set paradiplo_net.settings.settings.offline = False (or unset "
            "PARADIPLO_OFFLINE) to use the network, or call with cache=True, refresh=False."
        )


class _Pages:
    """Pages of the P190 query, from the on-disk cache or the service (then cached)."""

    def __init__(
        self, limit: int, *, cache: bool, write: bool, session: Any, timeout: float, retries: int
    ) -> None:
        self.endpoint = str(settings.endpoint)
        self.limit = limit
        self.read_cache = cache
        self.write_cache = write
        self.session = session
        self.timeout = timeout
        self.retries = retries
        self.folder = cache_dir()
        self.today = date.today().isoformat()
        self.dates: list[str] = []
        self.from_cache = 0

    def rows(self, page: int) -> list[dict[str, str]]:
        """The result rows of page ``page`` (0-based); raise on results without the variables."""
        query = build_query(page * self.limit, self.limit)
        path = _cache_file(query)
        data = _load_cached(path) if self.read_cache and path.is_file() else None
        if data is not None:
            self.from_cache += 1
            self.dates.append(str((data.get("paradiplo_net") or {}).get("retrieved") or self.today))
        else:
            data = self._fetch(page, query, path)
        variables, rows = _rows_from_json(data, f"page {page + 1}")
        if rows and not {"item", "partner"} <= set(variables):
            raise SchemaError(
                format_problems(
                    f"Wikidata response page {page + 1}",
                    [f"expected variables 'item' and 'partner', found {variables}"],
                    fix=f"delete the cache file {path} and fetch again",
                )
            )
        return rows

    def _fetch(self, page: int, query: str, path: Path) -> dict[str, Any]:
        if settings.offline:
            raise DatasetError(
                f"settings.offline is True and page {page + 1} (offset "
                f"{page * self.limit}, limit {self.limit}) is not cached (or "
                f"unreadable) in {self.folder} (expected {path.name}). Fix: run "
                "fetch_p190() once with settings.offline = False (or `paradiplo-net "
                "fetch wikidata`) to fill the cache, with the same limit_per_page."
            )
        if self.session is None:
            import requests

            self.session = requests.Session()
        logger.info("fetching Wikidata P190 page %d (offset %d)", page + 1, page * self.limit)
        data = _request_page(
            query,
            endpoint=self.endpoint,
            session=self.session,
            timeout=self.timeout,
            retries=self.retries,
        )
        data = {
            **data,
            "paradiplo_net": {
                "query": query,
                "endpoint": self.endpoint,
                "retrieved": self.today,
            },
        }
        self.dates.append(self.today)
        if self.write_cache:
            _write_cache(path, data)
        return data
