"""The command line: --help on every subcommand, errors that list the valid values."""

from __future__ import annotations

import subprocess
import sys

import pytest

from paradiplo_net.cli import build_parser, load_dataset, main
from paradiplo_net.errors import DatasetError

SUBCOMMANDS = ["datasets", "figures", "summary", "fetch", "convert"]


@pytest.mark.parametrize("cmd", SUBCOMMANDS)
def test_help_on_every_subcommand(cmd, capsys):
    with pytest.raises(SystemExit) as exc:
        main([cmd, "--help"])
    assert exc.value.code == 0
    assert "usage: paradiplo-net" in capsys.readouterr().out


def test_top_level_help_lists_subcommands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for cmd in SUBCOMMANDS:
        assert cmd in out


def test_console_script_installed():
    out = subprocess.run([sys.executable, "-m", "paradiplo_net.cli", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("paradiplo_net ")


def test_unknown_dataset_lists_valid_names():
    with pytest.raises(DatasetError, match="core, toy"):
        load_dataset("nosuchdata")


def test_unknown_language_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["figures", "--lang", "fr"])
    assert exc.value.code == 2
    assert "'en', 'id'" in capsys.readouterr().err


def test_main_reports_errors_cleanly(capsys):
    assert main(["summary", "--dataset", "nosuchdata"]) == 2
    assert "error: unknown dataset 'nosuchdata'" in capsys.readouterr().err
