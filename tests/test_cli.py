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


# --- issue 15: a newcomer's own CSV, errors in flags, offline, help --------------------


def _write(path, data: bytes):
    path.write_bytes(data)
    return str(path)


def test_empty_csv_is_one_line_error(tmp_path, capsys):
    f = _write(tmp_path / "empty.csv", b"")
    assert main(["summary", "--dataset", f, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "empty" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffsource;target;year\nSaarbrücken;Nantes;1965\nCoventry;Dresden;1959\n".encode(),
        "source,target,year\nSaarbrücken,Nantes,1965\nCoventry,Dresden,1959\n".encode("cp1252"),
        b"source\ttarget\tyear\nCoventry\tDresden\t1959\nParis\tRome\t1956\n",
    ],
    ids=["utf8-bom-semicolon", "cp1252", "tab"],
)
def test_own_csv_read_like_the_api_and_resolved(tmp_path, capsys, data):
    f = _write(tmp_path / "mine.csv", data)
    assert main(["summary", "--dataset", f, "--out", str(tmp_path / "o"), "--quiet"]) == 0
    out = capsys.readouterr().out
    # no country columns: Coventry, Paris, Dresden ... get their country from the name
    assert "unknown_country" not in out
    assert "places: 4 of 4 cities have coordinates" in out


def test_no_resolve_and_empty_map_warning(tmp_path, capsys):
    f = _write(tmp_path / "mine.csv", b"source,target,year\nCoventry,Dresden,1959\n")
    args = ["figures", "--dataset", f, "--out", str(tmp_path / "o"), "--quiet", "--no-resolve"]
    assert main([*args, "--figures", "world_map", "--format", "png", "--dpi", "30"]) == 0
    out, err = capsys.readouterr()
    assert "places: 0 of 2 cities have coordinates (--no-resolve)" in out
    assert "WARNING: world_map will be empty" in err and "--no-resolve" in err


def test_every_read_links_column_and_coordinates(tmp_path):
    from paradiplo_net.cli import _MAPPABLE
    from paradiplo_net.io import ColumnMap
    from paradiplo_net.io._columns import COLUMN_ARGS

    assert set(COLUMN_ARGS) <= set(_MAPPABLE)
    assert set(ColumnMap.__dataclass_fields__) - {
        "default_source_country",
        "default_target_country",
    } <= set(_MAPPABLE)
    f = _write(
        tmp_path / "mine.csv",
        b"city,partner,sectors,lat1,lon1,lat2,lon2\n"
        b"Atlantis,Lemuria,trade;culture,10.5,20.25,-5,30\n",
    )
    G = load_dataset(
        f,
        columns={
            "source": "city",
            "target": "partner",
            "sectors": "sectors",
            "source_lat": "lat1",
            "source_lon": "lon1",
            "target_lat": "lat2",
            "target_lon": "lon2",
        },
    )
    ((u, v, d),) = G.edges(data=True)
    assert d["sectors"] == "trade;culture"
    assert (G.nodes[u]["lat"], G.nodes[u]["lon"], G.nodes[v]["lat"]) == (10.5, 20.25, -5.0)


def test_errors_name_flags_not_python_keywords(tmp_path, capsys):
    f = _write(tmp_path / "mine.csv", b"source,target,year\nCoventry,Dresden,sometime\n")
    assert main(["summary", "--dataset", f, "--out", str(tmp_path / "o"), "--no-resolve"]) == 2
    err = capsys.readouterr().err
    assert "--drop-invalid" in err and "--unknown-year" in err
    assert "drop_invalid" not in err and "unknown_year=" not in err and "Traceback" not in err
    assert len(err.splitlines()) <= 8
    rc = main(
        ["summary", "--dataset", f, "--out", str(tmp_path / "o"), "--no-resolve", "--drop-invalid"]
    )
    assert rc == 0


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["summary", "--dataset", "cor"], "did you mean 'core'?"),
        (["figures", "--dataset", "toy", "--figures", "world-map"], "did you mean 'world_map'?"),
        (["figures", "--dataset", "toy", "--eras", "postwar", "cold_war"], "did you mean"),
    ],
)
def test_did_you_mean(tmp_path, capsys, argv, hint):
    assert main([*argv, "--out", str(tmp_path / "o")]) == 2
    assert hint in capsys.readouterr().err


def test_help_lists_figure_and_era_names_and_no_false_default(capsys):
    from paradiplo_net import figures, temporal
    from paradiplo_net.cli import ERA_NAMES, FIGURE_NAMES

    assert tuple(figures.FIGURES) == FIGURE_NAMES
    assert tuple(temporal.ERAS["name"]) == ERA_NAMES
    with pytest.raises(SystemExit):
        main(["figures", "--help"])
    out = capsys.readouterr().out
    assert all(n in out for n in (*FIGURE_NAMES, *ERA_NAMES))
    with pytest.raises(SystemExit):
        main(["convert", "--help"])
    out = capsys.readouterr().out
    assert "default: core" not in out and "(required)" in out


def test_output_checked_before_work(tmp_path, capsys, monkeypatch):
    import paradiplo_net.cli as loader

    def boom(*a, **k):
        raise AssertionError("loaded before checking the output")

    monkeypatch.setattr(loader, "load_dataset", boom)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for argv in (
        ["summary", "--dataset", "toy", "--out", str(blocker / "sub")],
        ["figures", "--dataset", "toy", "--out", str(blocker)],
        ["convert", "toy", str(tmp_path / "nofolder" / "x.csv")],
        ["fetch", "wikidata", "--out", str(blocker / "w.csv")],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("error: cannot write") and "Traceback" not in err


def test_ctrl_c_exit_130(monkeypatch, capsys):
    from paradiplo_net import cli

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_datasets", interrupted)
    assert main(["datasets"]) == 130
    err = capsys.readouterr().err
    assert "interrupted" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_fetch_offline_detected_quickly(tmp_path, monkeypatch, capsys):
    import time

    from paradiplo_net.settings import settings

    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.setattr(settings, "endpoint", "https://unreachable.invalid/sparql")
    monkeypatch.setattr(settings, "offline", False)
    t0 = time.perf_counter()
    assert main(["fetch", "wikidata", "--out", str(tmp_path / "w.csv"), "--quiet"]) == 2
    assert time.perf_counter() - t0 < 5
    err = capsys.readouterr().err
    assert "offline" in err and "retries=" not in err and len(err) < 600
    assert settings.offline is False  # restored


def test_help_starts_fast():
    code = (
        "import time, sys; t = time.perf_counter(); import paradiplo_net.cli as c; "
        "c.build_parser().format_help(); print(time.perf_counter() - t); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pandas', 'numpy', 'networkx', 'matplotlib')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[1],
    ).stdout.split("\n")
    assert out[1] == "[]"  # nothing heavy imported by --help
    assert float(out[0]) < 0.2


def test_resolution_report_suggests_spellings_and_historical_names(tmp_path, capsys):
    f = _write(
        tmp_path / "typo.csv",
        b"source,source_country,target,target_country\nCoventri,GB,Stalingrad,RU\n",
    )
    assert main(["summary", "--dataset", f, "--out", str(tmp_path / "o"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "places: 1 of 2 cities have coordinates" in out  # Stalingrad is Volgograd
    assert "'Coventri' (GB): unresolved (did you mean 'Coventry'?)" in out


def test_shell_message_speaks_flags_and_stays_short():
    from paradiplo_net.cli import shell_message

    long_url = "https://query.wikidata.org/sparql?query=" + "SELECT%20%3Fitem" * 200
    msg = shell_message(
        f"request to {long_url} failed: pass retries=10, timeout=120 or limit_per_page=2000\n"
        + "\n".join(f"line {i}" for i in range(30))
    )
    assert "--retries 10" in msg and "--timeout 120" in msg and "--page-size 2000" in msg
    assert "SELECT" not in msg and "https://query.wikidata.org/sparql?..." in msg
    assert len(msg.splitlines()) <= 8
    for kw in ("drop_invalid=True", "encoding='cp1252'", "kind_map={...}", "sep=';'"):
        assert "=" not in shell_message(f"pass {kw}").replace("WORD=KIND", "")


def test_unknown_year_words_add_to_the_usual_markers(tmp_path, capsys):
    f = _write(tmp_path / "y.csv", b"source,target,year\nCoventry,Dresden,sometime\nParis,Rome,?\n")
    rc = main(
        [
            "summary",
            "--dataset",
            f,
            "--out",
            str(tmp_path / "o"),
            "--no-resolve",
            "--unknown-year",
            "sometime",
        ]
    )
    assert rc == 0  # "sometime" is unknown, and "?" still is


# --- datasets, path, ego, replay (issues 17, 19, 15) ------------------------------------


def test_datasets_lists_bundled_and_fetchable(capsys):
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    assert "bundled (offline):" in out and "  sample " in out
    assert "wikipedia-hekman" in out and "MIT" in out


def test_datasets_fetch_refuses_unknown_names_and_works_offline_only_from_cache(capsys):
    assert main(["datasets", "fetch", "wikipedia-hekmann"]) == 2
    assert "did you mean 'wikipedia-hekman'" in capsys.readouterr().err
    assert main(["datasets", "fetch"]) == 2
    assert "needs a NAME" in capsys.readouterr().err


def test_path_and_ego_commands(capsys):
    assert main(["path", "Surabaya", "Liverpool"]) == 0
    out = capsys.readouterr().out
    assert "Surabaya" in out and "Liverpool" in out
    assert main(["path", "Coventry", "Dresden", "--time-respecting"]) == 0
    assert "1959" in capsys.readouterr().out
    assert main(["ego", "Coventry", "--year", "1960"]) == 0
    out = capsys.readouterr().out
    assert "Dresden" in out and "of Coventry in 1960" in out
    assert main(["path", "Atlantis", "Coventry"]) == 2
    assert "Atlantis" in capsys.readouterr().err


def test_replay_command_writes_html(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PARADIPLO_FAST", "1")
    out = tmp_path / "history"
    assert (
        main(["replay", "--dataset", "toy", "--out", str(out), "--format", "html", "--quiet"]) == 0
    )
    assert (tmp_path / "history.html").is_file()
    assert main(["replay", "--out", str(tmp_path / "x.gif")]) == 2
    assert "without suffix" in capsys.readouterr().err


def test_world_dataset_offline_without_cache_fails_cleanly(tmp_path, monkeypatch, capsys):
    from paradiplo_net.settings import settings

    monkeypatch.setattr(settings, "cache_dir", tmp_path / "cache")
    monkeypatch.delenv("PARADIPLO_WORLD_FOLDER", raising=False)
    assert main(["summary", "--dataset", "world", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "offline" in err.lower() and "Traceback" not in err
