"""Sphinx configuration of the paradiplo_net documentation site.

Build (offline, warnings as errors)::

    python -m sphinx -W --keep-going -b html docs docs/_build/html

Everything in the API reference is read from the package at build time: the pages under
``api/`` are written here from each public module's ``__all__`` (so a new public function is
documented without editing these files), and autosummary + numpydoc render the docstrings.
Notebooks are copied from ``notebooks/`` and rendered by myst-nb; they are executed only when
``PN_DOCS_EXECUTE=1`` (see ``nb_execution_mode`` below).
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
# the checkout to document; tests/test_docs.py builds a copy of docs/ elsewhere and points here
ROOT = Path(os.environ.get("PN_DOCS_ROOT", DOCS.parent)).resolve()
sys.path.insert(0, str(ROOT))  # document the checkout this conf.py belongs to
# ... and let executed notebooks (a kernel in a subprocess) import the same checkout
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
os.environ.setdefault("MPLBACKEND", "Agg")

import paradiplo_net as pn  # noqa: E402

# -- project -------------------------------------------------------------------------------
project = "paradiplo_net"
author = "the paradiplo_net authors"
copyright = "the paradiplo_net authors"
version = release = pn.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "myst_nb",
]

templates_path = ["_templates"]
exclude_patterns = [
    "_build",
    "**.ipynb_checkpoints",
    "auto_examples/*.ipynb",  # sphinx-gallery's downloadable notebooks are not pages
    "auto_examples/*.py",
    "requirements.txt",
    "README.md",
    "examples/*",  # the gallery's sources; sphinx-gallery writes the pages to auto_examples/
]
source_suffix = {".rst": "restructuredtext", ".ipynb": "myst-nb"}
suppress_warnings = [
    "myst.header",  # notebooks may start at a level-2 heading
    # numpydoc renames each docstring's citations ([1] -> R<hash>-1); a References section
    # listed for reading, not cited in the text, is not an error.
    "ref.citation",
]

# -- autodoc / autosummary / numpydoc ------------------------------------------------------
autosummary_generate = True
autosummary_ignore_module_all = False
autodoc_typehints = "none"  # numpydoc's Parameters section is the one place for types
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
numpydoc_validation_checks: set[str] = set()
add_module_names = False

# -- gallery -------------------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    "plot_gallery": "True",
    "abort_on_example_error": True,
    "download_all_examples": False,
    "remove_config_comments": True,
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "backreferences_dir": None,
    "reference_url": {},
    "show_memory": False,
    "capture_repr": ("_repr_html_",),
    "min_reported_time": 1,
    "within_subsection_order": "FileNameSortKey",  # plot_01_... : the order of the report
    "write_computation_times": False,
}

# -- notebooks (myst-nb) -------------------------------------------------------------------
# The notebooks are stored without outputs. Executing all nine takes minutes on two shared
# cores (and notebook 06 can reach for Wikidata), so by default they are rendered as they are
# stored; PN_DOCS_EXECUTE=1 executes them (cached in _build/.jupyter_cache, 180 s per cell).
nb_execution_mode = "cache" if os.environ.get("PN_DOCS_EXECUTE") == "1" else "off"
nb_execution_timeout = 180
nb_execution_raise_on_error = True
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache")
nb_merge_streams = True

# -- math, offline ---------------------------------------------------------------------------
# MathJax from the jupyter-server-mathjax wheel (MathJax 2.7, docs/requirements.txt) is copied
# next to the pages, so formulas render without a network. Without it, Sphinx's default (a CDN
# URL, read when a page is viewed) is used.
try:
    import jupyter_server_mathjax

    _MATHJAX = Path(jupyter_server_mathjax.__file__).parent / "static"
except ImportError:  # pragma: no cover - the docs requirements install it
    _MATHJAX = None
if _MATHJAX is not None:
    # the wheel ships one combined configuration and the STIX-Web fonts only
    mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full"
    mathjax2_config = {
        "HTML-CSS": {"availableFonts": [], "webFont": "STIX-Web", "imageFont": None},
        "showMathMenu": False,
        "messageStyle": "none",
    }


def _copy_mathjax(app, exception) -> None:
    if exception is not None or _MATHJAX is None or app.builder.format != "html":
        return
    keep_fonts = shutil.ignore_patterns("otf", "eot", "svg", "png", "*.otf", "*.eot", "*.svg")
    shutil.copytree(
        _MATHJAX, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True, ignore=keep_fonts
    )


# -- HTML ----------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = f"paradiplo_net {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_show_sourcelink = False
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "header_links_before_dropdown": 6,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "icon_links": [],
    "article_header_end": ["pn-notebook-note"],
}
html_context = {"pn_notebooks_executed": nb_execution_mode != "off"}
html_sidebars = {"index": [], "api/index": [], "auto_examples/index": []}


# -- docstring tolerances ------------------------------------------------------------------
# Three slips in package docstrings that break an -W build, mended at render time (the source
# is not changed; each slip is counted and logged so that it can be fixed where it is):
# 1. a numpydoc section header glued to the paragraph before it (no blank line);
# 2. a citation ``[n]_`` whose ``.. [n]`` lives in another docstring (the module's);
# 3. a constant without its own documentation, which autodoc documents with its *type's*
#    docstring (a DataFrame constant would show pandas' DataFrame docstring).
_SECTION_RULE = re.compile(r"^\s*-{3,}\s*$")
_CITATION_REF = re.compile(r"\[([0-9]+|#?[A-Za-z][\w-]*)\]_")
_CITATION_DEF = re.compile(r"^\s*\.\. \[([^\]]+)\]", re.MULTILINE)
_mended: dict[str, list[str]] = {}


def _glued_headers(lines: list[str]) -> int:
    fixed, i = 0, 2
    while i < len(lines):
        title, rule, before = lines[i - 1].strip(), lines[i].strip(), lines[i - 2].strip()
        if _SECTION_RULE.match(lines[i]) and title and before and len(rule) == len(title):
            lines.insert(i - 1, "")
            fixed += 1
            i += 1
        i += 1
    return fixed


def _foreign_citations(lines: list[str]) -> int:
    defined = set(_CITATION_DEF.findall("\n".join(lines)))
    fixed = 0
    for k, line in enumerate(lines):
        new = _CITATION_REF.sub(
            lambda m: m.group(0) if m.group(1) in defined else f"[{m.group(1)}]", line
        )
        fixed += new != line
        lines[k] = new
    return fixed


def _type_docstring(what: str, obj: object, lines: list[str]) -> bool:
    if what != "data" or not lines or inspect.isclass(obj) or callable(obj):
        return False
    own = inspect.getdoc(type(obj)) or ""
    if not own or lines[0].strip() != own.splitlines()[0].strip():
        return False
    unit = "rows" if hasattr(obj, "columns") else "entries"
    size = f", {len(obj)} {unit}" if hasattr(obj, "__len__") else ""  # type: ignore[arg-type]
    lines[:] = [f"Constant of type ``{type(obj).__name__}``{size}; see the module text above."]
    return True


def _mend_docstring(app, what, name, obj, options, lines) -> None:  # noqa: PLR0917
    slips = []
    if _glued_headers(lines):
        slips.append("section header without a blank line before it")
    if _foreign_citations(lines):
        slips.append("citation defined in another docstring")
    if _type_docstring(what, obj, lines):
        slips.append("constant without its own docstring")
    for slip in slips:
        _mended.setdefault(slip, []).append(name)


def _report_mended(app, exception) -> None:
    from sphinx.util import logging as sphinx_logging

    log = sphinx_logging.getLogger("paradiplo_net.docs")
    for slip, names in sorted(_mended.items()):
        names_text = ", ".join(sorted(set(names)))
        log.info("docstring slip mended at render time (%s): %s", slip, names_text)


def setup(app):
    """Connect the docstring tolerances and the offline MathJax copy."""
    app.connect("autodoc-process-docstring", _mend_docstring, priority=100)  # before numpydoc
    app.connect("build-finished", _report_mended)
    app.connect("build-finished", _copy_mathjax)
    return {"parallel_read_safe": True}


# -- generated sources ---------------------------------------------------------------------
def _kind(obj: object) -> str:
    if inspect.isclass(obj):
        return "exceptions" if issubclass(obj, BaseException) else "classes"
    if callable(obj):
        return "functions"
    return "constants"


_TITLES = {
    "functions": "Functions",
    "classes": "Classes",
    "exceptions": "Exceptions",
    "constants": "Constants",
}


def _module_page(name: str) -> str:
    module = importlib.import_module(f"paradiplo_net.{name}")
    public = list(getattr(module, "__all__", []))
    groups: dict[str, list[str]] = {key: [] for key in _TITLES}
    for attr in public:
        groups[_kind(getattr(module, attr))].append(attr)
    full = f"paradiplo_net.{name}"
    lines = [
        ".. This page is written by docs/conf.py from the module's __all__; do not edit.",
        "",
        f"``{full}``",
        "=" * (len(full) + 4),
        "",
        f".. automodule:: {full}",
        "   :no-members:",
        "",
        f".. currentmodule:: {full}",
        "",
    ]
    for key, title in _TITLES.items():
        if not groups[key]:
            continue
        lines += [title, "-" * len(title), ""]
        if key == "constants":
            for attr in groups[key]:
                value = repr(getattr(module, attr))
                short = len(value) <= 100 and "\n" not in value  # show short values only
                lines += [f".. autodata:: {attr}", *([] if short else ["   :no-value:"]), ""]
            continue
        kind = {"classes": "class", "exceptions": "exception"}.get(key, "function")
        template = f"autosummary/{kind}.rst"
        lines += [
            ".. autosummary::",
            "   :toctree: generated",
            f"   :template: {template}",
            "   :nosignatures:",
            "",
            *[f"   {attr}" for attr in groups[key]],
            "",
        ]
    return "\n".join(lines)


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def _index_row(name: str) -> list[str]:
    doc = inspect.getdoc(importlib.import_module(f"paradiplo_net.{name}")) or ""
    summary = doc.strip().splitlines()[0] if doc.strip() else ""
    return [f"   * - :doc:`paradiplo_net.{name} <{name}>`", f"     - {summary}"]


def _remove_stale(folder: Path, pattern: str, keep: set[str]) -> None:
    """Delete generated files whose source is gone (a renamed function, example, notebook)."""
    for path in folder.glob(pattern):
        if path.is_file() and path.name.split(".")[0] not in keep and path.stem not in keep:
            path.unlink()


def _documented(name: str) -> set[str]:
    module = importlib.import_module(f"paradiplo_net.{name}")
    return {
        f"paradiplo_net.{name}.{attr}"
        for attr in getattr(module, "__all__", [])
        if _kind(getattr(module, attr)) != "constants"
    }


def _write_api_pages() -> None:
    api = DOCS / "api"
    api.mkdir(exist_ok=True)
    modules = sorted(pn._MODULES)
    _remove_stale(api, "*.rst", {*modules, "index"})
    stubs = set().union(*(_documented(name) for name in modules))
    _remove_stale(api / "generated", "*.rst", stubs)
    for name in modules:
        _write_if_changed(api / f"{name}.rst", _module_page(name))
    index = [
        ".. This page is written by docs/conf.py; do not edit.",
        "",
        "API reference",
        "=============",
        "",
        "Every public name of every public module, as listed in the module's ``__all__``. "
        "Import the package once and reach everything through it::",
        "",
        "    import paradiplo_net as pn",
        "    G = pn.datasets.load(\"core\")",
        "    pn.centrality.rank(G)",
        "",
        "The layers they form are described in :doc:`../methods/contract`.",
        "",
        ".. list-table::",
        "   :widths: 25 75",
        "",
        *[row for name in modules for row in _index_row(name)],
        "",
        ".. toctree::",
        "   :hidden:",
        "",
        *[f"   {name}" for name in modules],
        "",
    ]
    _write_if_changed(api / "index.rst", "\n".join(index))


def _copy_notebooks() -> None:
    target = DOCS / "notebooks"
    target.mkdir(exist_ok=True)
    _remove_stale(target, "*.ipynb", {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")})
    for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        dest = target / nb.name
        if not dest.exists() or dest.read_bytes() != nb.read_bytes():
            shutil.copyfile(nb, dest)
    data = ROOT / "notebooks" / "data"
    if data.is_dir():  # the notebooks read their small example files relative to themselves
        shutil.copytree(data, target / "data", dirs_exist_ok=True)


def _write_cli_help() -> None:
    from paradiplo_net import cli

    parser = cli.build_parser()
    parts = [parser.format_help()]
    for action in parser._actions:  # argparse has no public access to subparsers
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict):
            for sub, subparser in choices.items():
                parts.append(f"\n$ paradiplo-net {sub} --help\n{subparser.format_help()}")
    out = DOCS / "guide" / "_cli_help.txt"
    _write_if_changed(out, "$ paradiplo-net --help\n" + "".join(parts))


_write_api_pages()
_copy_notebooks()
_remove_stale(DOCS / "auto_examples", "plot_*", {p.stem for p in (DOCS / "examples").glob("*.py")})
_write_cli_help()
