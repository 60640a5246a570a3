"""Command line: ``analysis build`` and ``analysis site`` (also ``python -m analysis``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .config import PROCESSED_DIR, RAW_DIR, SITE_DIR


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="analysis",
        description="Turn government information disclosure annual reports into tidy tables and a research site.",
    )
    p.add_argument("--version", action="version", version=f"analysis {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build data/processed/ from data/raw/",
                       description="Read every file under the raw folder and (re)write the tidy tables "
                                   "as Parquet, with CSV copies of the small corpus-wide tables (see the data dictionary). Files unchanged since the last build are not read "
                                   "again. The raw folder is never modified; outputs are replaced atomically.")
    b.add_argument("--raw", type=Path, default=RAW_DIR, help="folder of report files (default: %(default)s)")
    b.add_argument("--out", type=Path, default=PROCESSED_DIR, help="output folder for the tables (default: %(default)s)")
    b.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: all cores)")
    b.add_argument("--no-progress", action="store_true", help="show no progress (by default: a bar on a terminal, else a line every 15 s of a long build)")
    b.add_argument("--no-cache", action="store_true", help="process every file again (the cache lives in OUT/.cache)")
    b.add_argument("--timings", action="store_true", help="print how long each step of the build took")

    s = sub.add_parser("site", help="render the site into reports/site/",
                       description="Render the notebooks and pages into a static, offline HTML site, "
                                   "with Quarto when it is installed and with nbclient/nbconvert otherwise.")
    s.add_argument("--data", type=Path, default=PROCESSED_DIR, help="folder of built tables (default: %(default)s)")
    s.add_argument("--out", type=Path, default=SITE_DIR, help="site output folder (default: %(default)s)")
    s.add_argument("--renderer", choices=("auto", "quarto", "fallback"), default="auto",
                   help="auto: Quarto if on PATH, else the fallback (default: %(default)s)")
    x = sub.add_parser("export", help="write tables as CSV files",
                       description="Write tables of a build as CSV (a table published as a folder of parts becomes one "
                                   "file, streamed part by part). A build writes Parquet, plus CSV only for the small "
                                   "corpus-wide tables; export the others when a program needs CSV.")
    x.add_argument("--csv", nargs="+", required=True, metavar="TABLE", help="tables to export (or: all)")
    x.add_argument("--data", type=Path, default=PROCESSED_DIR, help="folder of built tables (default: %(default)s)")
    x.add_argument("--out", type=Path, default=None, help="folder for the CSV files (default: data/csv next to the data folder)")
    e = sub.add_parser("evaluate", help="score metadata and sections against gold files",
                       description="Build the raw folder into a temporary folder (or read --data) and print the "
                                   "per-field accuracy against gold JSON files, one per report.")
    e.add_argument("--gold", type=Path, required=True, help="folder of gold .json files")
    e.add_argument("--raw", type=Path, default=RAW_DIR, help="folder of report files (default: %(default)s)")
    e.add_argument("--data", type=Path, default=None, help="read already built tables from here instead of building")
    e.add_argument("--strict", action="store_true", help="exit 1 unless every field is 100%% right")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "build":
        from .worker import start_for_rerun

        warm = None if args.no_cache else start_for_rerun(args.out, args.jobs)  # before the build's imports
        from .build import build

        try:
            summary = build(args.raw, args.out, jobs=args.jobs, progress=False if args.no_progress else None, use_cache=not args.no_cache,
                            warm=warm)
        except (FileNotFoundError, ValueError, PermissionError) as exc:
            print(f"analysis build: error: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"analysis build: error: cannot write outputs to {args.out}: {exc}", file=sys.stderr)
            return 1
        print(summary.line())
        if args.timings:
            for step, secs in summary.timings.items():
                print(f"  {step:32s} {secs:8.2f} s")
        return 0
    if args.command == "site":
        from .site import render

        try:
            result = render(args.data, args.out, renderer=args.renderer)
        except (FileNotFoundError, RuntimeError) as exc:
            print(f"analysis site: error: {exc}", file=sys.stderr)
            return 1
        print(result.line())
        return 0
    if args.command == "export":
        from .tables import export_csv

        try:
            paths = export_csv(args.csv, args.data, args.out)
        except (FileNotFoundError, KeyError) as exc:
            print(f"analysis export: error: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"analysis export: error: cannot write CSV files: {exc}", file=sys.stderr)
            return 1
        for p in paths:
            print(f"export: {p} ({p.stat().st_size / 1e6:,.1f} MB)")
        return 0
    if args.command == "evaluate":
        from .evaluate import evaluate, report

        try:
            scores = evaluate(args.gold, raw=args.raw, data=args.data)
        except (FileNotFoundError, ValueError) as exc:
            print(f"analysis evaluate: error: {exc}", file=sys.stderr)
            return 1
        print(report(scores))
        from .evaluate import failing

        return 1 if args.strict and failing(scores) else 0
    return 2


def entry() -> None:
    """The ``analysis`` program (and ``python -m analysis``): :func:`main`, then exit.

    After a build, the interpreter's teardown (freeing a large build's objects one by one, a last
    collection, unloading Polars) takes a tenth of a second of a one-report rerun for nothing: every
    output is written, closed and swapped in by then, and the worker processes have been joined.
    So a build exits straight after flushing its messages.
    """
    if sys.argv[1:2] == ["build"]:
        import gc

        gc.disable()  # for good: the program ends with the build, and a last collection after it only costs time
    code = main()
    if sys.argv[1:2] == ["build"]:
        sys.stdout.flush()
        sys.stderr.flush()
        import os

        os._exit(code)
    raise SystemExit(code)

