"""The documentation site builds offline with warnings as errors, and has its key pages.

One Sphinx build (about a minute on two cores) of a copy of docs/ in a temporary folder, then
the checks on it, in one test so that pytest-xdist never builds twice. Skipped when the docs
requirements (docs/requirements.txt) are not installed.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

pytest.importorskip("sphinx")
pytest.importorskip("numpydoc")
pytest.importorskip("sphinx_gallery")
pytest.importorskip("pydata_sphinx_theme")
pytest.importorskip("myst_nb")

import paradiplo_net as pn

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9]*.ipynb"))
METHODS = ("contract", "phases", "temporal", "centrality", "diffusion", "communities", "survey")
PAGE_DIRS = {"index.rst", "guide", "methods"}
EXAMPLES = sorted(p.stem for p in (DOCS / "examples").glob("plot_*.py"))


GENERATED = ("_build", "api", "auto_examples", "notebooks", "_cli_help.txt")


def _build(out: Path) -> Path:
    """Build a copy of docs/ (so the checkout stays clean, and parallel runs do not collide)."""
    source = out / "docs"
    shutil.copytree(DOCS, source, ignore=shutil.ignore_patterns(*GENERATED))
    env = {**os.environ, "MPLBACKEND": "Agg", "PN_DOCS_EXECUTE": "0", "PN_DOCS_ROOT": str(ROOT)}
    cmd = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
        "-d", str(out / "doctrees"), str(source), str(out / "html"),
    ]  # fmt: skip
    proc = subprocess.run(
        cmd, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    log = f"{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}"
    assert proc.returncode == 0, f"sphinx-build -W failed:\n{log}"
    return out / "html"


def _page(site: Path, name: str) -> str:
    path = site / f"{name}.html"
    assert path.is_file(), f"missing page {name}.html"
    return path.read_text(encoding="utf-8")


def _check_key_pages_exist(site: Path) -> None:
    for name in ("index", "guide/install", "guide/own_data", "guide/cli", "api/index", "notebooks"):
        _page(site, name)
    assert "paradiplo-net figures" in _page(site, "guide/cli")  # the generated --help text


def _check_every_public_name_is_documented(site: Path) -> None:
    missing = []
    for module_name in pn._MODULES:
        module = importlib.import_module(f"paradiplo_net.{module_name}")
        page = _page(site, f"api/{module_name}")
        for name in module.__all__:
            full = f"paradiplo_net.{module_name}.{name}"
            has_stub = (site / "api" / "generated" / f"{full}.html").is_file()
            if not has_stub and f'id="{full}"' not in page:
                missing.append(full)
    assert not missing, f"public names without documentation: {missing}"


def _check_method_pages_cite_references(site: Path) -> None:
    for name in METHODS:
        html = _page(site, f"methods/{name}")
        assert "References" in html, name
        assert re.search(r"\(\d{4}\)", html), f"methods/{name} cites no dated work"


def _check_gallery_has_a_figure_per_example(site: Path) -> None:
    assert EXAMPLES, "no docs/examples/plot_*.py"
    index = _page(site, "auto_examples/index")
    for name in EXAMPLES:
        html = _page(site, f"auto_examples/{name}")
        assert f"{name}.html" in index
        assert re.search(r"<img[^>]+sphx_glr_" + name + r"_\d+\.png", html), f"{name}: no figure"
        assert list((site / "_images").glob(f"sphx_glr_{name}_*.png")), name


def _check_notebooks_are_rendered(site: Path) -> None:
    assert NOTEBOOKS
    listing = _page(site, "notebooks")
    for name in NOTEBOOKS:
        assert f"notebooks/{name}.html" in listing
        text = re.sub(r"<[^>]+>", "", _page(site, f"notebooks/{name}"))  # drop highlighting
        assert "import paradiplo_net" in text, f"notebooks/{name}: code cells not rendered"


def _python_blocks(rst: Path) -> list[str]:
    text = rst.read_text(encoding="utf-8")
    blocks = re.findall(r"\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text)
    return ["\n".join(line[3:] for line in block.splitlines()) for block in blocks]


def test_code_on_written_pages_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``code-block:: python`` of the hand-written pages runs (a namespace per page).

    Blocks that call the main job (``figures.run``) are left to the figures tests (a minute).
    """
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notebooks").symlink_to(ROOT / "notebooks")  # the example CSV's path
    pages = [p for p in sorted(DOCS.rglob("*.rst")) if p.parts[len(DOCS.parts)] in PAGE_DIRS]
    ran = 0
    for rst in pages:
        namespace: dict = {}
        for code in _python_blocks(rst):
            if "figures.run(" in code:
                continue
            exec(compile(code, str(rst), "exec"), namespace)
            ran += 1
    plt.close("all")
    assert ran >= 10


def _check_site_works_offline(site: Path) -> None:
    """No page loads a script, style sheet or image from the network (math included)."""
    assert (site / "_static" / "mathjax" / "MathJax.js").is_file()
    remote = re.compile(r'<(?:script|img|link)[^>]+(?:src|href)="(?:https?:)?//[^"]+"')
    offenders = []
    for html in site.rglob("*.html"):
        found = remote.findall(html.read_text(encoding="utf-8"))
        if found:
            offenders.append(f"{html.relative_to(site)}: {found[0]}")
    assert not offenders, offenders[:5]


def test_docs_site(tmp_path: Path) -> None:
    """One build (-W, offline), then every check on it (one test: one build under xdist)."""
    site = _build(tmp_path)
    _check_key_pages_exist(site)
    _check_every_public_name_is_documented(site)
    _check_method_pages_cite_references(site)
    _check_gallery_has_a_figure_per_example(site)
    _check_notebooks_are_rendered(site)
    _check_site_works_offline(site)
