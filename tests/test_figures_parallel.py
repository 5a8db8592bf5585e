"""The main job in worker processes gives the same outputs as one step after another."""

from __future__ import annotations

import os

import pytest

import paradiplo_net as pn
from paradiplo_net.figures import _parallel


@pytest.mark.skipif(not _parallel.can_fork(), reason="worker processes are forked on Linux only")
def test_two_workers_write_the_same_tables_and_report_order(core, tmp_path):
    names = ["growth", "centrality", "world_map", "country_heatmap"]
    kw = dict(figures=names, formats=["png"], dpi=40, progress=False, estimates="none")
    one = pn.figures.run(core, out=tmp_path / "one", jobs=1, **kw)
    two = pn.figures.run(core, out=tmp_path / "two", jobs=2, **kw)
    assert one["parameters"]["jobs"] == 1 and two["parameters"]["jobs"] == 2
    assert one["files"] == two["files"]
    assert list(two["figures"]) == names  # registry order, whatever finished first
    for rel in one["files"]:
        if rel.startswith("tables/"):
            assert (tmp_path / "one" / rel).read_bytes() == (tmp_path / "two" / rel).read_bytes()
    assert set(two["timings"]) == {"summary", *names, "total"}


def test_jobs_are_chosen_by_size_and_checked():
    assert _parallel.resolve_jobs(None, _parallel.PARALLEL_FROM_LINKS - 1) == 1
    big = _parallel.resolve_jobs(None, _parallel.PARALLEL_FROM_LINKS)
    assert big == (min(2, os.cpu_count() or 1) if _parallel.can_fork() else 1)
    for bad in (0, -1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="jobs must be a whole number"):
            _parallel.resolve_jobs(bad, 10)


def test_an_error_in_a_worker_reaches_the_caller():
    class Bar:
        def set_postfix_str(self, _s):
            pass

        def update(self, _n):
            pass

    def step(name):
        if name == "b":
            raise RuntimeError("step b failed")
        return name

    jobs = 2 if _parallel.can_fork() else 1
    with pytest.raises(RuntimeError, match="step b failed"):
        _parallel.run_steps(["a", "b"], step, jobs=jobs, bar=Bar())
    assert _parallel.run_steps(["a", "c"], step, jobs=jobs, bar=Bar()) == {
        "a": ("a", pytest.approx(0, abs=1)), "c": ("c", pytest.approx(0, abs=1))}
