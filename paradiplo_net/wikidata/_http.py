"""The live fetcher: requests session, retries, on-disk cache of query pages."""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import random
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from .._checks import check_int
from .._files import atomic_path
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

    Each page is stored as ``<sha256 of the endpoint, a newline and the query text>.json``:
    the SPARQL JSON response plus a ``"paradiplo_net"`` key holding the query, the endpoint
    and the retrieval date.

    Examples
    --------
    >>> cache_dir().name
    'wikidata'
    """
    return Path(settings.cache_dir) / "wikidata"


def _cache_file(query: str, endpoint: str | None = None) -> Path:
    """``<sha256 of endpoint + newline + query>.json``: another endpoint never shares a page."""
    key = f"{endpoint if endpoint is not None else settings.endpoint}\n{query}"
    return cache_dir() / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()}.json"


#: Largest response body read (bytes); a longer one is refused (and retried) unread.
MAX_RESPONSE_BYTES = 256 * 2**20


def _page_problem(data: Any, *, need_vars: bool = True) -> str:
    """What is wrong with the shape of a SPARQL results page ('' when nothing)."""
    if not isinstance(data, dict):
        return f"a JSON {type(data).__name__}, not an object"
    results, head = data.get("results"), data.get("head", {})
    if not isinstance(results, dict) or not isinstance(results.get("bindings"), list):
        return "'results.bindings' is not a list"
    if not isinstance(head, dict) or not isinstance(head.get("vars", []), list):
        return "'head' is not an object with a list 'vars'"
    rows = results["bindings"]
    if not all(isinstance(b, dict) for b in rows):
        return "a binding is not an object"
    names = set(head.get("vars") or []) | {k for b in rows for k in b}
    if need_vars and rows and not {"item", "partner"} <= names:
        return f"variables 'item' and 'partner' missing (found {sorted(names)[:10]})"
    return ""


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
    except (ValueError, RecursionError) as exc:  # WDQS may send a truncated body on timeout
        return None, f"HTTP 200 with unreadable JSON ({str(exc)[:200]})"
    problem = _page_problem(data, need_vars=False)
    if problem:  # checked BEFORE caching: a wrong-shaped page is retried, never stored
        return None, f"HTTP 200 with a wrong-shaped page: {problem}"
    return data, ""


def _read_response(resp: Any, wait: float) -> tuple[dict[str, Any] | None, str, float]:
    """``(results or None, failure, wait)`` of one response; raise when retrying cannot help."""
    status = int(resp.status_code)
    if status == 200:
        data, last = _json_results(resp)
        return data, last, wait
    if status in (429, 503):
        after = _retry_after(resp.headers.get("Retry-After"))
        why = "HTTP 429 Too Many Requests" if status == 429 else "HTTP 503 Service Unavailable"
        return None, why, wait if after is None else min(after, 600.0)
    if 500 <= status < 600:
        return None, f"HTTP {status}: {str(getattr(resp, 'text', ''))[:200]!r}", wait
    raise DatasetError(
        f"Wikidata Query Service answered HTTP {status} (expected 200): "
        f"{str(getattr(resp, 'text', ''))[:300]!r}. Fix: check the query "
        "(paradiplo_net.wikidata.build_query) and settings.user_agent; 403 means the "
        "User-Agent was refused."
    )


#: urllib3 backoff factor and jitter (s) of :func:`new_session` (tests set them to 0).
_BACKOFF = (0.5, 0.5)


def new_session(retries: int) -> Any:
    """A ``requests.Session`` retrying 429 and 5xx through urllib3's ``Retry``.

    Exponential backoff with jitter (0.5, 1, 2, ... s, at most 60 s, plus up to 0.5 s at
    random) on connection errors and on HTTP 429, 500, 502, 503 and 504; a ``Retry-After``
    header (429 and 503) is honoured instead (see the References of the wikidata module).
    """
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    retry = Retry(
        total=retries,
        read=0,
        backoff_factor=_BACKOFF[0],
        backoff_jitter=_BACKOFF[1],
        backoff_max=60.0,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.mount("http://", HTTPAdapter(max_retries=retry))
    return session


class _Body:
    """A response read in full within a deadline and a size cap (the ``json()``/``text`` API)."""

    def __init__(self, resp: Any, deadline: float) -> None:
        self.status_code = resp.status_code
        self.headers = resp.headers
        chunks, size = [], 0
        read1 = getattr(resp.raw, "read1", None)
        try:
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError("total deadline of the request passed (slow response)")
                chunk = read1(65536) if read1 is not None else resp.raw.read(65536)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise OSError(f"response larger than {MAX_RESPONSE_BYTES} bytes: not read")
                chunks.append(chunk)
        finally:
            resp.close()
        self.content = b"".join(chunks)
        self.text = self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content.decode("utf-8"))


def _get(session: Any, endpoint: str, query: str, timeout: float, own: bool) -> Any:
    """One GET; with our own session streamed under a total deadline and a size cap."""
    headers = {"User-Agent": settings.user_agent, "Accept": "application/sparql-results+json"}
    params = {"query": query, "format": "json"}
    if not own:
        return session.get(endpoint, params=params, headers=headers, timeout=timeout)
    deadline = time.monotonic() + timeout
    resp = session.get(
        endpoint, params=params, headers=headers, timeout=(min(timeout, 10.0), timeout), stream=True
    )
    return _Body(resp, deadline)


def _request_page(
    query: str, *, endpoint: str, session: Any, timeout: float, retries: int, own: bool = False
) -> dict[str, Any]:
    """GET one page, retrying 429 (honouring Retry-After), 5xx, bad JSON and network errors.

    With our own session (``own``) urllib3 has already retried statuses and connection
    errors (with jitter): a failed status then ends the request; bodies that are truncated,
    wrong-shaped, too slow or too large are retried here, with jitter.
    """
    last = "no attempt"
    for attempt in range(retries + 1):
        wait = min(2.0**attempt, 60.0)
        try:
            resp = _get(session, endpoint, query, timeout, own)
        except OSError as exc:  # requests.RequestException derives from OSError
            last = f"{type(exc).__name__}: {exc}"
            if own and not isinstance(exc, TimeoutError) and "larger than" not in str(exc):
                break  # urllib3 retried the connection already
        else:
            data, last, wait = _read_response(resp, wait)
            if data is not None:
                return data
            if own and not last.startswith("HTTP 200"):
                break  # urllib3 retried the status already
        if own:
            wait += random.uniform(0, 0.5)
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
    """A cached page, or None (a miss) when the file is unreadable or wrong-shaped."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        logger.warning("ignoring unreadable cache file %s (%s); fetching it again", path, exc)
        return None
    problem = _page_problem(data)
    if problem:
        logger.warning("ignoring wrong-shaped cache file %s (%s); fetching it again", path, problem)
        return None
    return data


def _write_cache(path: Path, data: dict[str, Any]) -> None:
    """Write a checked page under a unique temporary name, then rename it (atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


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
    (the Wikidata Query Service usage policy; see the wikidata module). Requests carry
    ``settings.user_agent``.

    Pages are cached as JSON in :func:`cache_dir`, keyed by the SHA-256 of the endpoint
    (``settings.endpoint``) and the query text, so a second run is offline. With
    ``settings.offline = True`` only cached pages are used. Each page is checked before it
    is cached (SPARQL results whose ``bindings`` is a list of objects with ``item`` and
    ``partner``); a truncated or wrong-shaped page is retried and never cached, nor is an
    empty one. An unreadable or wrong-shaped cache file is a miss and is replaced. Cache
    files are written under a unique temporary name and renamed (safe with concurrent runs).
    With the default session, HTTP 429 and 5xx are retried by urllib3's ``Retry`` (backoff
    with jitter, ``Retry-After`` honoured on 429 and 503), ``timeout`` is a total deadline
    per request (a slow drip of bytes cannot keep it alive) and a body over
    :data:`MAX_RESPONSE_BYTES` is refused.

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

    pages = _Pages(
        limit_per_page,
        cache=cache and not refresh,
        write=cache,
        session=session,
        timeout=timeout,
        retries=retries,
    )
    b = _Builder(pages.endpoint, dataset)
    try:
        page, complete = _fetch_pages(pages, b, max_pages, keep_deprecated, progress)
    finally:
        pages.close()
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


def _fetch_pages(
    pages: _Pages, b: _Builder, max_pages: int | None, keep_deprecated: bool, progress: bool
) -> tuple[int, bool]:
    """Read pages into ``b`` until one is short (complete) or ``max_pages``; (pages, complete)."""
    from tqdm.auto import tqdm

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
            if n_statements < pages.limit:
                complete = True
                break
    return page, complete


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
        self.own = False
        self.timeout = timeout
        self.retries = retries
        self.folder = cache_dir()
        self.today = date.today().isoformat()
        self.dates: list[str] = []
        self.from_cache = 0

    def close(self) -> None:
        """Close the session this object opened (a caller's session is left open)."""
        if self.own and self.session is not None:
            self.session.close()

    def rows(self, page: int) -> list[dict[str, str]]:
        """The result rows of page ``page`` (0-based); raise on results without the variables."""
        query = build_query(page * self.limit, self.limit)
        path = _cache_file(query, self.endpoint)
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
            self.session = new_session(self.retries)
            self.own = True
        logger.info("fetching Wikidata P190 page %d (offset %d)", page + 1, page * self.limit)
        data = _request_page(
            query,
            endpoint=self.endpoint,
            session=self.session,
            timeout=self.timeout,
            retries=self.retries,
            own=self.own,
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
        _rows_from_json(data, f"page {page + 1}")  # raises on results of another query
        if _page_problem(data):
            return data  # rows() raises (variables missing); such a page is never cached
        if self.write_cache and data["results"]["bindings"]:  # an empty page is not cached
            _write_cache(path, data)
        return data
