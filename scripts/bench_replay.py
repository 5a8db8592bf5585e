"""Benchmark the history replay on the bundled data: prepare, one frame, GIF, HTML, lecture export.

Run: ``python scripts/bench_replay.py`` (writes into a temporary folder, prints a table).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import paradiplo_net as pn
from paradiplo_net import replay


def main() -> None:
    G = pn.datasets.load("core")
    rows = []

    t = time.perf_counter()
    state = replay.prepare(G, start=1920, fast=False, progress=False)
    rows.append(
        ("prepare (1920 to the data's last year)", time.perf_counter() - t,
         f"{len(state.years)} frames")
    )

    t = time.perf_counter()
    fig, _axes = replay.draw_frame(state, 1990)
    fig.savefig(Path(tempfile.gettempdir()) / "bench_replay_1990.png", dpi=80)
    plt.close(fig)
    rows.append(("draw_frame + save PNG (first, builds the map)", time.perf_counter() - t, ""))

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        gif = replay.to_gif(state, Path(tmp) / "replay.gif", progress=False)
        dt = time.perf_counter() - t
        rows.append(
            (
                "to_gif (80 dpi)",
                dt,
                f"{gif.stat().st_size / 1e6:.1f} MB, {dt / len(state.years):.2f} s/frame",
            )
        )
        t = time.perf_counter()
        page = replay.to_html(state, Path(tmp) / "replay.html", progress=False)
        dt = time.perf_counter() - t
        rows.append(("to_html (80 dpi, JPEG frames)", dt, f"{page.stat().st_size / 1e6:.1f} MB"))

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        paths = replay.export(state, Path(tmp) / "lecture", progress=False)
        dt = time.perf_counter() - t
        sizes = ", ".join(f"{k} {p.stat().st_size / 1e6:.1f} MB" if p else f"{k} skipped"
                          for k, p in paths.items())
        rows.append(("export (1920x1080: html, gif, mp4 if ffmpeg)", dt, sizes))

    fast = replay.prepare(G, fast=True, progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        replay.to_gif(fast, Path(tmp) / "fast.gif", progress=False)
        rows.append(
            (
                "to_gif, fast mode (PARADIPLO_FAST=1)",
                time.perf_counter() - t,
                f"{len(fast.years)} frames",
            )
        )

    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  note")
    for name, seconds, note in rows:
        print(f"{name:<{width}}  {seconds:8.2f}  {note}")


if __name__ == "__main__":
    main()
