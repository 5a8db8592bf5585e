"""The steps of the main job, run one after another or in worker processes.

A world-size run (the merged public datasets: 44,000 links) spends most of its time drawing
and writing figures, each independent of the others. On a machine with two cores, two worker
processes halve the wall-clock time; the work done (CPU time) stays the same. The workers are
forked (Linux), so the graph is shared copy-on-write instead of being pickled; elsewhere, or
for small graphs where starting workers costs more than it saves, the steps run in turn.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

#: Below this many links the steps run in turn (a few seconds in all; forking costs more).
PARALLEL_FROM_LINKS = 5_000

#: Longest steps first, so that two workers finish together (measured on the world graph).
_HEAVY_FIRST = ("communities", "contagion", "world_map", "summary", "country_heatmap",
                "diffusion_map", "distance_decay")

# The step function of the run under way; set before the workers fork, read by them.
_JOB: dict[str, Callable[[str], Any]] = {}


def can_fork() -> bool:
    """Whether worker processes can be forked here (Linux: the graph is shared, not copied).

    Examples
    --------
    >>> isinstance(can_fork(), bool)
    True
    """
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def resolve_jobs(jobs: int | None, n_links: int) -> int:
    """Worker processes for a run: ``jobs`` as given, or automatic (``None``).

    Automatic: one for graphs under :data:`PARALLEL_FROM_LINKS` links, else up to two (the
    cores of the machine allowing). Where processes cannot be forked, always one.

    Examples
    --------
    >>> resolve_jobs(None, 100)
    1
    >>> resolve_jobs(1, 10**6)
    1
    >>> resolve_jobs(0, 10)
    Traceback (most recent call last):
    ...
    ValueError: jobs must be a whole number >= 1 (or None for automatic), got 0
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(
            f"jobs must be a whole number >= 1 (or None for automatic), got {jobs!r}")
    if not can_fork():
        return 1
    if jobs is None:
        return 1 if n_links < PARALLEL_FROM_LINKS else max(1, min(2, os.cpu_count() or 1))
    return jobs


def _timed(do_step: Callable[[str], Any], step: str) -> tuple[Any, float]:
    t0 = time.perf_counter()
    value = do_step(step)
    return value, round(time.perf_counter() - t0, 3)


def _call(step: str) -> tuple[Any, float]:
    """A worker's task: the step function of the run that forked it, timed."""
    return _timed(_JOB["step"], step)


def run_steps(
    steps: Sequence[str], do_step: Callable[[str], Any], *, jobs: int, bar: Any,
) -> dict[str, tuple[Any, float]]:
    """``{step: (do_step(step), seconds)}``, in turn (``jobs == 1``) or in ``jobs`` workers.

    ``bar`` (a tqdm bar over ``steps``) shows the step under way, or the last one finished.
    An error in a worker is raised here, as it would be without workers.
    """
    results: dict[str, tuple[Any, float]] = {}
    if jobs <= 1 or len(steps) < 2:
        for step in steps:
            bar.set_postfix_str(step)
            results[step] = _timed(do_step, step)
            bar.update(1)
        return results
    order = sorted(steps, key=lambda s: _HEAVY_FIRST.index(s) if s in _HEAVY_FIRST else 99)
    _JOB["step"] = do_step
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(steps)), mp_context=context) as ex:
            futures = {ex.submit(_call, step): step for step in order}
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                bar.set_postfix_str(futures[future])
                bar.update(1)
    finally:
        _JOB.clear()
    return results
