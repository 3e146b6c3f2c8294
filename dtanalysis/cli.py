"""The command line: ``python -m dtanalysis COMMAND ...`` (or the ``dtanalysis`` script).

One :mod:`argparse` parser with a subcommand per task; every handler is a short
function that calls the library. Every message has one format::

    dtanalysis COMMAND: error: what is wrong (naming the file, and line where known)
    dtanalysis COMMAND: warning: ...

User errors (:class:`dtanalysis.errors.DtanalysisError`) print one such line without a
traceback. Exit status: 0 success, 1 an input or a build failed, 2 a usage error.

Commands
--------
build        run the data build for ``data/raw/`` and write ``data/processed/`` and ``figures/``
figures      draw the publication figures from ``data/processed/`` into ``figures/``
extract      extract figures from any text files or folders (not only the manifest)
verify       verify the raw corpus against its manifest
add-article  append the manifest row (with its checksum) of a text copied into ``data/raw/``
add-observations  validate a table of published observations and add it to ``data/observations/``
report       execute the notebooks and write the HTML report into ``reports/``
tables       list the declared tables, or write the data dictionaries
export       write every processed table as CSV, Stata ``.dta`` and Parquet into a folder
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import DtanalysisError

__all__ = ["main", "parser"]

PROG = "dtanalysis"


class _Parser(argparse.ArgumentParser):
    """argparse with the package's message format for usage errors (exit status 2)."""

    def error(self, message: str):  # argparse calls it for usage errors
        command = self.prog.split(PROG, 1)[-1].strip()
        self.print_usage(sys.stderr)
        prefix = f"{PROG} {command}" if command else PROG
        self.exit(2, f"{prefix}: error: {message}\n")


def _say(command: str, level: str, message: str) -> None:
    """Print one message line in the package's format to standard error."""
    print(f"{PROG} {command}: {level}: {message}", file=sys.stderr)


def _count(n: int, noun: str) -> str:
    """``"1 text"``, ``"2 texts"``: a count with its noun in agreement."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


# -- handlers: each takes the parsed arguments and returns the exit status --------------


def _verify(args: argparse.Namespace) -> int:
    from .corpus import verify_corpus

    rows = verify_corpus(args.raw_dir)
    print(f"ok: {len(rows)} texts, every checksum matches sources.csv")
    return 0


def _add_article(args: argparse.Namespace) -> int:
    from .corpus import add_article

    row = add_article(
        args.file,
        args.raw_dir,
        doc_id=args.doc_id,
        province=args.province,
        document_date=args.date,
        date_basis=args.date_basis,
        publisher=args.publisher,
        title=args.title,
        notes=args.notes,
        encoding=args.encoding,
    )
    print(f"added {row['file']} as {row['doc_id']} (sha256 {row['sha256']})")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import run_build

    result = run_build(args.raw_dir, args.out, args.figures_dir, figures=not args.no_figures)
    for path in result.tables.values():
        print(f"wrote {path}")
    if result.figures:
        print(f"wrote {len(result.figures)} figure files in {Path(result.figures[0]).parent}")
    for file, message, level in result.failures:
        _say("build", level, message if file in message else f"{file}: {message}")
    if result.errors:
        _say(
            "build",
            "error",
            f"{len(result.errors)} text(s) could not be read; the tables hold the others",
        )
    return 1 if result.errors else 0


def _figures(args: argparse.Namespace) -> int:
    from .plots import build_all_figures

    files = build_all_figures(processed_dir=args.processed, directory=args.figures_dir)
    folder = Path(files[0]).parent if files else args.figures_dir
    print(f"wrote {len(files)} figure files in {folder}")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .extract import open_output, stream_extraction
    from .provinces import canonical_province

    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            _say("extract", "error", f"unknown encoding {args.encoding!r}")
            return 2
    if args.jobs < 1:
        _say("extract", "error", f"--jobs must be at least 1, not {args.jobs}")
        return 2
    if args.province and canonical_province(args.province) is None:
        _say(
            "extract",
            "warning",
            f"--province {args.province!r} is not one of the 63 provinces; used as written",
        )
    outputs = []
    try:  # open both outputs before reading anything: a bad target fails at once
        for target in (args.out, args.mentions):
            outputs.append(open_output(target) if target else None)
        summary = stream_extraction(
            args.paths,
            outputs[0],
            outputs[1],
            encoding=args.encoding,
            default_province=args.province,
            jobs=args.jobs,
        )
    except (DtanalysisError, OSError) as exc:
        _say("extract", "error", str(exc))
        return 1
    finally:
        for out in outputs:
            if out is not None and out is not sys.stdout:
                out.close()
    where = "" if args.out == "-" else f" -> {args.out}"
    print(
        f"extracted {_count(summary.n_figures, 'figure')} "
        f"({_count(summary.n_mentions, 'mention')}) from {_count(summary.n_texts, 'text')}{where}",
        file=sys.stderr,
    )
    for f in summary.failures:
        _say("extract", f.level, f.message)
    return 1 if summary.errors or (args.strict and summary.warnings) else 0


def _add_observations(args: argparse.Namespace) -> int:
    from .observations import add_observations

    path, count = add_observations(args.file, args.directory)
    print(f"added {count} observations to {path}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report, parse_param, without_iri_grammars

    without_iri_grammars()  # this process only builds the report
    parameters = dict(parse_param(p) for p in args.param)
    build_report(
        out_dir=args.out,
        parameters=parameters,
        timeout=args.timeout,
        only=args.only,
        progress=True,
        figures=args.figures,
    )
    return 0


def _tables(args: argparse.Namespace) -> int:
    from . import tables

    if args.write_reference:
        import dtanalysis

        path = tables.write_datapackage(Path(dtanalysis.__file__).parent / "data", kind="reference")
        print(f"wrote {path}")
        return 0
    for t in tables.TABLES.values():
        print(f"{t.name:18} {t.kind:10} {len(t.fields):3} columns  {t.title}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from .export import export_tables

    files = export_tables(args.directory, source=args.processed)
    n_tables = len(files) // 3
    print(f"wrote {len(files)} files ({n_tables} tables as .csv, .dta and .parquet) "
          f"in {args.directory}")
    return 0


# -- the parser ---------------------------------------------------------------------------


def _add_build_parsers(sub) -> None:
    p = sub.add_parser(
        "build",
        help="run the data build (and the figures)",
        description="Run the data build: raw corpus -> data/processed/ -> figures/.",
    )
    p.add_argument(
        "--raw-dir", default=None, help="corpus folder with sources.csv (default data/raw)"
    )
    p.add_argument("--out", default=None, help="processed tables folder (default data/processed)")
    p.add_argument("--figures-dir", default=None, help="figures folder (default figures)")
    p.add_argument("--no-figures", action="store_true", help="skip the publication figures")
    p.set_defaults(handler=_build)
    p = sub.add_parser(
        "figures",
        help="draw the publication figures",
        description="Draw the publication figures (PDF, SVG, PNG; English and "
        "Vietnamese) from the tables in data/processed.",
    )
    p.add_argument(
        "--processed", default=None, help="processed tables folder (default data/processed)"
    )
    p.add_argument("--figures-dir", default=None, help="figures folder (default figures)")
    p.set_defaults(handler=_figures)


def _add_corpus_parsers(sub) -> None:
    p = sub.add_parser(
        "verify",
        help="verify data/raw against sources.csv",
        description="Verify data/raw against sources.csv.",
    )
    p.add_argument(
        "--raw-dir", default=None, help="folder with the texts and sources.csv (default data/raw)"
    )
    p.set_defaults(handler=_verify)
    p = sub.add_parser(
        "add-article",
        help="append a text's manifest row",
        description="Append the manifest row (sha256, title) of a text already "
        "copied into data/raw/.",
    )
    p.add_argument("file", help="the text file, inside data/raw/")
    p.add_argument("--doc-id", required=True, help="short stable id, e.g. hd-2024-03-26-cds")
    p.add_argument("--province", required=True, help="the province as the text names it")
    p.add_argument(
        "--date", default="", help="document date: YYYY-MM-DD, YYYY-MM or YYYY (empty when unknown)"
    )
    p.add_argument(
        "--date-basis",
        default="",
        help="how the date was determined (stated in the text / inferred from context)",
    )
    p.add_argument("--publisher", default="", help="publisher or source, where the text states it")
    p.add_argument("--title", default=None, help="default: the first non-empty line")
    p.add_argument(
        "--notes", default="", help="artefacts of the text (captions, broken lines, ...)"
    )
    p.add_argument(
        "--encoding",
        default="",
        help="codec of a text that is not UTF-8, e.g. cp1258 "
        "(recorded in sources.csv; the build reads the text with it)",
    )
    p.add_argument("--raw-dir", default=None, help="default data/raw")
    p.set_defaults(handler=_add_article)
    p = sub.add_parser(
        "add-observations",
        help="validate and add a table of published observations",
        description="Validate a CSV of published observations (the format of "
        "data/observations/, see its README) and add it. Every bad row is "
        "reported as FILE:LINE; a file with any bad row is refused whole.",
    )
    p.add_argument("file", help="the CSV file to add")
    p.add_argument("--directory", default=None, help="default data/observations")
    p.set_defaults(handler=_add_observations)


def _add_extract_parser(sub) -> None:
    p = sub.add_parser(
        "extract",
        help="extract figures from text files or folders",
        description="Extract figures (and every digit mention) from Vietnamese text files "
        "or folders.",
        epilog="Exit status: 0 when every file was read (texts without figures are listed as "
        "warnings), 1 when any file failed (or any warning with --strict), 2 on usage errors.",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="text files or folders (*.txt, recursive)"
    )
    p.add_argument("--out", default="-", help="figures CSV (default: standard output)")
    p.add_argument(
        "--mentions", default=None, help="also write every mention with its kind to this CSV"
    )
    p.add_argument(
        "--encoding", default=None, help="force a codec, e.g. cp1258 (default: UTF-8, BOM-aware)"
    )
    p.add_argument("--province", default=None, help="province for figures whose text names none")
    p.add_argument("--strict", action="store_true", help="treat texts without figures as failures")
    p.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="read the files in N processes (same output as one; default 1)",
    )
    p.set_defaults(handler=_extract)


def _add_report_parsers(sub) -> None:
    p = sub.add_parser(
        "report",
        help="execute the notebooks into the HTML report",
        description="Execute the notebooks and write the HTML report to reports/.",
    )
    p.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set a notebook parameter; VALUE is JSON when it parses, else a string "
        "(e.g. LANG=vi, 'PROVINCES=[\"Cà Mau\"]'; PROVINCES and LANGUAGES also take one "
        "name or a comma-separated list, with or without brackets); every parameter is "
        "checked before any notebook runs",
    )
    p.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="NN",
        help="build only this notebook (number or name); repeatable",
    )
    p.add_argument(
        "--timeout", type=int, default=600, help="per-cell time limit in seconds (default 600)"
    )
    p.add_argument("--out", default=None, help="output folder (default: <root>/reports)")
    p.add_argument(
        "--figures",
        action="store_true",
        help="also draw the publication figures, in the background while the notebooks run",
    )
    p.set_defaults(handler=_report)
    p = sub.add_parser(
        "tables",
        help="list the declared tables; write the data dictionaries",
        description="List every declared table (processed and reference).",
    )
    p.add_argument(
        "--write-reference",
        action="store_true",
        help="regenerate dtanalysis/data/datapackage.json from the declarations",
    )
    p.set_defaults(handler=_tables)


def _add_export_parser(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write the processed tables for Stata, R and pandas",
        description="Write every processed table as CSV, Stata .dta (version 118: UTF-8, "
        "variable and value labels from the data dictionary) and Parquet (declared "
        "types) into DIR; see docs/exports.md.",
    )
    p.add_argument("directory", metavar="DIR", help="output folder (created when missing)")
    p.add_argument(
        "--processed", default=None, help="processed tables folder (default data/processed)"
    )
    p.set_defaults(handler=_export)


_SECTIONS: tuple[Callable, ...] = (
    _add_build_parsers,
    _add_extract_parser,
    _add_corpus_parsers,
    _add_report_parsers,
    _add_export_parser,
)


def parser() -> argparse.ArgumentParser:
    """The command-line parser (one subcommand per task)."""
    p = _Parser(
        prog=f"python -m {PROG}",
        description=__doc__.splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__[__doc__.index("Commands") :],
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for add in _SECTIONS:
        add(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return its exit status (0 ok, 1 failed, 2 usage error)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage error (or the help)
        return int(exc.code or 0)
    if args.command is None:
        p.print_help()
        return 2
    try:
        return args.handler(args)
    except DtanalysisError as exc:
        _say(args.command, "error", str(exc))
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130
