"""A built wheel carries the bundled data: install it into a fresh venv, load core and blocs.

The wheel is built from a copy of the repository (so no build/ or egg-info lands in the
clone), installed by unzipping it into the site-packages of a new virtual environment (a
wheel is a zip; installing is extracting it), and imported from a working directory outside
the repository so that the clone's own copy cannot be picked up. The new environment sees
this environment's site-packages through a ``.pth`` line, for the dependencies only.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import paradiplo_net as pn\n"
    "G = pn.datasets.load('core')\n"
    "b = pn.communities.blocs()\n"
    "print(pn.__file__)\n"
    "print(G.number_of_nodes(), G.number_of_edges(), len(b))\n"
)


def _has_modern_setuptools() -> bool:
    if importlib.util.find_spec("setuptools") is None or importlib.util.find_spec("wheel") is None:
        return False
    from importlib.metadata import version

    return int(version("setuptools").split(".")[0]) >= 77


def _copy_source(dest: Path) -> Path:
    src = dest / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    shutil.copytree(ROOT / "paradiplo_net", src / "paradiplo_net", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    return src


def _build_wheel(src: Path, out: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(src)]
    if _has_modern_setuptools():
        cmd.insert(4, "--no-build-isolation")
    # Without a recent setuptools here, pip builds in isolation from its configured index.
    subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=120)
    (wheel,) = out.glob("paradiplo_net-*.whl")
    return wheel


def _fresh_venv(dest: Path) -> tuple[Path, Path]:
    env = dest / "venv"
    venv.create(env, with_pip=False, system_site_packages=False)
    python = env / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies (networkx, pandas, ...) come from this environment; the package does not.
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python, site


@pytest.mark.skipif(sys.platform == "win32", reason="venv layout differs on Windows")
def test_wheel_install_loads_bundled_data(tmp_path):
    wheel = _build_wheel(_copy_source(tmp_path), tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "paradiplo_net/datasets/data/core/links.csv" in names
    assert "paradiplo_net/datasets/data/blocs/cold_war_blocs.csv" in names
    python, site = _fresh_venv(tmp_path)
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "PARADIPLO_OFFLINE": "1"}
    env["HOME"] = str(work)
    run = subprocess.run(
        [str(python), "-c", PROBE],
        check=False,
        cwd=work,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    where, sizes = run.stdout.strip().splitlines()[-2:]
    assert Path(where).is_relative_to(site)  # the installed copy, not the clone
    assert sizes == "694 1188 252"
