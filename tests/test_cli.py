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
    assert set(sub.choices) >= {"build", "figures", "extract", "verify", "add-article", "report",
                                "tables"}


@pytest.mark.parametrize("argv", [["build", "--bogus"], ["add-article"], ["nope"],
                                  ["report", "--timeout", "soon"]])
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
