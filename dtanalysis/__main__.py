"""Command-line interface: ``python -m dtanalysis COMMAND ...``.

Commands
--------
build
    Run the data build for the corpus in ``data/raw/`` and write ``data/processed/``
    (mentions, figures, panel, audit, adoption, gaps) and ``figures/``.
figures
    Draw the publication figures from ``data/processed/`` into ``figures/``.
extract PATH...
    Extract figures from any text files or folders (not only the manifest).
verify
    Verify the raw corpus against its manifest (checksums, missing and unlisted files).
add-article FILE --doc-id ID --province NAME [...]
    Append the manifest row (with its checksum) of a text copied into ``data/raw/``.
report [--figures]
    Execute the notebooks and write the HTML report into ``reports/`` (with
    ``--figures``, draw the figures in the background meanwhile).

User errors are printed as one line naming the file and the problem, without a
traceback, and the exit status is non-zero.
"""
from __future__ import annotations

import argparse
import sys

from .errors import DtanalysisError


def _cmd_verify(argv: list[str]) -> int:
    from .corpus import verify_corpus

    p = argparse.ArgumentParser(prog="python -m dtanalysis verify", description="Verify data/raw against sources.csv.")
    p.add_argument("--raw-dir", default=None, help="folder with the texts and sources.csv (default data/raw)")
    args = p.parse_args(argv)
    rows = verify_corpus(args.raw_dir)
    print(f"ok: {len(rows)} texts, every checksum matches sources.csv")
    return 0


def _cmd_add_article(argv: list[str]) -> int:
    from .corpus import add_article

    p = argparse.ArgumentParser(
        prog="python -m dtanalysis add-article",
        description="Append the manifest row (sha256, title) of a text already copied into data/raw/.",
    )
    p.add_argument("file", help="the text file, inside data/raw/")
    p.add_argument("--doc-id", required=True, help="short stable id, e.g. hd-2024-03-26-cds")
    p.add_argument("--province", required=True, help="the province as the text names it")
    p.add_argument("--date", default="", help="document date: YYYY-MM-DD, YYYY-MM or YYYY (empty when unknown)")
    p.add_argument("--date-basis", default="", help="how the date was determined (stated in the text / inferred from context)")
    p.add_argument("--publisher", default="", help="publisher or source, where the text states it")
    p.add_argument("--title", default=None, help="default: the first non-empty line")
    p.add_argument("--notes", default="", help="artefacts of the text (captions, broken lines, ...)")
    p.add_argument("--raw-dir", default=None, help="default data/raw")
    args = p.parse_args(argv)
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
    )
    print(f"added {row['file']} as {row['doc_id']} (sha256 {row['sha256']})")
    return 0


def _cmd_build(argv: list[str]) -> int:
    from .build import main_build

    return main_build(argv)


def _cmd_figures(argv: list[str]) -> int:
    from .build import main_figures

    return main_figures(argv)


def _cmd_extract(argv: list[str]) -> int:
    from .extract import main_extract

    return main_extract(argv)


def _cmd_report(argv: list[str]) -> int:
    from .report import main_report

    return main_report(argv)


COMMANDS = {
    "build": _cmd_build,
    "figures": _cmd_figures,
    "extract": _cmd_extract,
    "verify": _cmd_verify,
    "add-article": _cmd_add_article,
    "report": _cmd_report,
}


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__.strip())
        return 0 if argv else 2
    name, rest = argv[0], argv[1:]
    command = COMMANDS.get(name)
    if command is None:
        print(f"dtanalysis: unknown command {name!r}; one of: {', '.join(COMMANDS)}", file=sys.stderr)
        return 2
    try:
        return command(rest)
    except DtanalysisError as exc:
        print(f"dtanalysis {name}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":
    sys.exit(main())
