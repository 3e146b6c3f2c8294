"""The command line: one parser with subcommands, one message format."""

from __future__ import annotations

import re

import pytest

from dtanalysis.cli import main, parser

_FORMAT = re.compile(r"^dtanalysis( [a-z-]+)?: (error|warning): \S")


def _last_line(text: str) -> str:
    return [ln for ln in text.splitlines() if ln.strip()][-1]


def test_every_command_is_a_subcommand_of_one_parser():
    sub = next(a for a in parser()._actions if a.dest == "command")
    assert set(sub.choices) >= {
        "build",
        "figures",
        "extract",
        "verify",
        "add-article",
        "report",
        "tables",
    }


@pytest.mark.parametrize(
    "argv", [["build", "--bogus"], ["add-article"], ["nope"], ["report", "--timeout", "soon"]]
)
def test_usage_errors_exit_2_in_the_one_format(argv, capsys):
    assert main(argv) == 2
    line = _last_line(capsys.readouterr().err)
    assert _FORMAT.match(line), line


def test_user_errors_exit_1_with_one_line_naming_the_file(tmp_path, capsys):
    assert main(["verify", "--raw-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    line = _last_line(err)
    assert line.startswith("dtanalysis verify: error: ") and "sources.csv" in line


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "COMMAND" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        parser().parse_args(["--help"])
    assert exc.value.code == 0


def test_tables_lists_every_declared_table(capsys):
    from dtanalysis.tables import TABLES

    assert main(["tables"]) == 0
    names = {ln.split()[0] for ln in capsys.readouterr().out.splitlines()}
    assert names == set(TABLES)


def test_add_observations_refuses_a_bad_file_naming_each_line_and_adds_a_good_one(tmp_path, capsys):
    import pandas as pd

    from dtanalysis.observations import load_observations

    shipped = load_observations()
    rows = shipped.head(2).copy()
    rows["observation_id"] = ["test-1", "test-2"]
    folder = tmp_path / "observations"
    bad = rows.copy()
    bad.loc[1, "indicator"] = "no_such_indicator"
    bad_file = tmp_path / "mine.csv"
    bad.to_csv(bad_file, index=False)
    assert main(["add-observations", str(bad_file), "--directory", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("dtanalysis add-observations: error: ")
    assert f"{bad_file}:3: indicator is not in the codebook" in err
    assert not folder.exists() or not any(folder.iterdir())  # nothing half-added
    good_file = tmp_path / "good.csv"
    rows.to_csv(good_file, index=False)
    assert main(["add-observations", str(good_file), "--directory", str(folder)]) == 0
    assert "added 2 observations" in capsys.readouterr().out
    assert len(pd.read_csv(folder / "good.csv")) == 2
