#!/usr/bin/env python
"""Run every benchmark (scripts/bench_*.py) and print their figures.

Speed and size targets are measured here, never in timed tests. Each bench_<area>.py has a
``main()`` that prints its own table. Usage: python scripts/benchmark.py [area ...]
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    failures = 0
    for path in sorted(HERE.glob("bench_*.py")):
        area = path.stem.removeprefix("bench_")
        if wanted and area not in wanted:
            continue
        print(f"\n=== {area} ({path.name}) ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        t0 = time.perf_counter()
        try:
            module.main()
        except SystemExit as exc:  # a bench may sys.exit(main())
            failures += bool(exc.code)
        except Exception as exc:  # report and go on with the other areas
            print(f"FAILED: {exc!r}")
            failures += 1
        print(f"--- {area}: {time.perf_counter() - t0:.1f} s wall", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
