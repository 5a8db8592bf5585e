"""The command line: --help on every subcommand, errors that list the valid values."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
    out = subprocess.run(
        [sys.executable, "-m", "paradiplo_net.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("paradiplo_net ")


def test_unknown_dataset_lists_valid_names():
    with pytest.raises(DatasetError, match="core, sample, toy"):
        load_dataset("nosuchdata")


def test_unknown_language_rejected(capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["figures", "--lang", "fr"])
    assert exc.value.code == 2
    assert "'en', 'id'" in capsys.readouterr().err


def test_main_reports_errors_cleanly(capsys):
    assert main(["summary", "--dataset", "nosuchdata"]) == 2
    assert "error: unknown dataset 'nosuchdata'" in capsys.readouterr().err


def test_figures_command_end_to_end(tmp_path, capsys):
    out = tmp_path / "out"
    rc = main(
        [
            "figures",
            "--dataset",
            "toy",
            "--out",
            str(out),
            "--format",
            "png",
            "--dpi",
            "40",
            "--figures",
            "growth",
            "country_heatmap",
            "--lang",
            "id",
            "--quiet",
        ]
    )
    assert rc == 0
    assert (out / "figures" / "growth.png").stat().st_size > 0
    assert (out / "report.html").exists() and (out / "manifest.json").exists()
    assert "wrote" in capsys.readouterr().out


def test_figures_command_bad_figure_name(tmp_path, capsys):
    rc = main(
        ["figures", "--dataset", "toy", "--out", str(tmp_path), "--figures", "pie_chart", "--quiet"]
    )
    assert rc == 2
    err = capsys.readouterr().err
    assert "pie_chart" in err and "growth" in err  # lists the valid names


def test_summary_command(tmp_path, capsys):
    assert main(["summary", "--dataset", "toy", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "summary.csv").exists()
    assert "reciprocity" in capsys.readouterr().out


def test_convert_round_trip(tmp_path):
    gexf, csv = tmp_path / "toy.gexf", tmp_path / "toy.csv"
    assert main(["convert", "toy", str(gexf), "--dynamic"]) == 0
    assert main(["convert", str(gexf), str(csv)]) == 0
    assert load_dataset(str(csv)).number_of_edges() == 12


def test_fetch_offline_without_cache_fails_cleanly(tmp_path, monkeypatch, capsys):
    from paradiplo_net.settings import settings

    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "offline", True)
    assert main(["fetch", "wikidata", "--out", str(tmp_path / "w.csv"), "--quiet"]) == 2
    assert "offline" in capsys.readouterr().err.lower()


def test_own_csv_with_column_mapping(tmp_path, capsys):
    path = tmp_path / "mine.csv"
    path.write_text(
        "city,country,partner,partner_country,since\nParis,FR,Rome,IT,1956\nRome,IT,Paris,FR,1956\n",
        encoding="utf-8",
    )
    assert main(["summary", "--dataset", str(path), "--out", str(tmp_path)]) == 2
    assert "--columns" in capsys.readouterr().err  # explains how to name the columns
    args = [
        "--columns",
        "source=city",
        "target=partner",
        "source_country=country",
        "target_country=partner_country",
        "year=since",
    ]
    assert main(["summary", "--dataset", str(path), "--out", str(tmp_path), *args]) == 0
    assert "reciprocity" in capsys.readouterr().out
    assert main(["summary", "--dataset", str(path), "--columns", "sauce=city"]) == 2
    assert "valid: source" in capsys.readouterr().err


def test_convert_refuses_to_overwrite_without_force(tmp_path, capsys):
    csv = tmp_path / "toy.csv"
    assert main(["convert", "toy", str(csv)]) == 0
    cities = tmp_path / "toy.cities.csv"
    before = cities.read_bytes()
    # the CSV and the cities table it writes beside it are both protected
    assert main(["convert", "core", str(csv)]) == 2
    err = capsys.readouterr().err
    assert "--force" in err and "toy.cities.csv" in err
    assert cities.read_bytes() == before
    assert main(["convert", "core", str(csv), "--force"]) == 0
    assert load_dataset(str(csv)).number_of_edges() > 12


def test_convert_on_a_full_disk_leaves_no_truncated_file(tmp_path, monkeypatch):
    from paradiplo_net import io

    def full_disk(G, path, **kwargs):
        Path(path).write_text("<?xml version=", encoding="utf-8")  # half written
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io, "write_graphml", full_disk)
    assert main(["convert", "toy", str(tmp_path / "toy.graphml")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == []
