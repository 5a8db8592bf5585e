"""Regenerate every figure, the tables behind them, the report and the manifest.

A thin wrapper over ``paradiplo_net.figures.run`` with the same options as
``paradiplo-net figures`` (it calls the command line itself, so the two never diverge).

Usage::

    python scripts/make_figures.py                       # bundled core data -> out/
    python scripts/make_figures.py --dataset toy --out /tmp/toy --lang id --format png
"""

from __future__ import annotations

import sys

from paradiplo_net import cli


def main(argv: list[str] | None = None) -> int:
    """Run ``paradiplo-net figures`` with these arguments (see ``--help``)."""
    return cli.main(["figures", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
