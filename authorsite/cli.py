"""The command line: `build` (the default), `check`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from .config import UserError
from .model import Diagnostic, Severity
from .cache import read_manifest
from .output import WriteReport
from .pipeline import Loaded, Summary, build, keep, load, merge, read_inputs, up_to_date
from .progress import ConsoleProgress
from .forking import collector_paused, cpu_count

COMMANDS = ("build", "check", "serve")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build a static site of researchers' profiles from the profile dumps in content/profiles/.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", type=Path, default=Path("."), help="the project folder, holding site.yaml and content/ (default: .)")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors: fail, and write nothing")
    common.add_argument("--jobs", type=int, default=cpu_count(), metavar="N",
                        help=f"processes that parse dumps and render pages (default: the cores this machine gives, here {cpu_count()})")
    b = commands.add_parser("build", parents=[common], help="build the site (the default command)",
                            description="Parse and merge every dump, then write the site.")
    b.add_argument("--out", type=Path, default=None, help="output folder (default: _site in the project folder)")
    b.add_argument("--base-url", default=None, metavar="URL",
                   help="deploy URL for this build only, overriding site.yaml's base_url (e.g. https://user.github.io/repo/)")

    commands.add_parser("check", parents=[common], help="parse and merge without writing; print what was read and every problem",
                        description="Print each dump's format and its reconciliation (read = merged + rejected), then every "
                        "diagnostic as file:line: severity: message. Exit 1 on errors (on warnings too with --strict).")
    s = commands.add_parser("serve", parents=[common], help="preview the site with live reload",
                            description="Build, serve the site under its deployed path prefix, and rebuild and reload "
                            "the browser when content/, templates/, static/ or site.yaml change.")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    s.add_argument("--open", action="store_true", help="open the site in a web browser")
    s.add_argument("--base-url", default=None, metavar="URL", help="deploy URL to preview with, overriding site.yaml's")
    return parser


def _report(diagnostics: Sequence[Diagnostic], stream: TextIO = sys.stderr) -> tuple[int, int]:
    for d in diagnostics:
        print(d, file=stream)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    return errors, len(diagnostics) - errors


def _failed(errors: int, warnings: int, strict: bool) -> bool:
    return errors > 0 or (strict and warnings > 0)


def _check(loaded: Loaded, strict: bool) -> int:
    width = max((len(d.file) for d in loaded.catalog.dumps), default=0)
    for d in loaded.catalog.dumps:
        print(f"{d.file:<{width}}  {d.format or 'unknown':<8} {d.read:>5} read = {d.merged:>5} merged + {d.rejected} rejected")
    c = loaded.catalog
    read, merged = sum(d.read for d in c.dumps), sum(d.merged for d in c.dumps)
    print(f"{'total':<{width}}  {'':<8} {read:>5} read = {merged:>5} merged + {read - merged} rejected")
    profiles = sum(1 for a in c.authors if a.profile)
    print(f"{len(c.papers)} papers, {len(c.authors)} authors ({profiles} with a profile), "
          f"{sum(1 for p in c.papers if p.arxiv_id)} arXiv ids matched")
    errors, warnings = _report(loaded.diagnostics, sys.stdout)
    print(f"{errors} errors, {warnings} warnings")
    return 1 if _failed(errors, warnings, strict) else 0


def _build(args: argparse.Namespace, progress: ConsoleProgress, started: float) -> int:
    out_dir = args.out if args.out is not None else args.root / "_site"
    jobs = max(1, args.jobs)
    try:
        inputs = read_inputs(args.root, args.base_url)
        summary = up_to_date(inputs, out_dir)  # known without merging: nothing to write
        loaded = merge(inputs, progress, jobs, compile_too=True) if summary is None else None
    except UserError as e:
        progress.close()
        print(e, file=sys.stderr)
        return 1
    if loaded is not None:
        summary = Summary(len(loaded.catalog.papers), len(loaded.catalog.authors), loaded.diagnostics)
    assert summary is not None
    errors, warnings = _report(summary.diagnostics)
    try:
        if args.strict and warnings + errors:
            print(f"--strict: {errors} errors, {warnings} warnings; nothing written", file=sys.stderr)
            return 1
        if loaded is None:
            files = len(read_manifest(args.root, out_dir).files)
            report = WriteReport(0, files, 0, 0)
        else:
            report = build(loaded, out_dir, jobs=jobs, progress=progress)
    except UserError as e:
        print(e, file=sys.stderr)
        return 1
    finally:
        progress.close()
    print(f"built {out_dir}: {report.written} files written, {report.unchanged} unchanged, {report.removed} removed "
          f"({report.rendered} pages rendered); {summary.papers} papers, {summary.authors} authors; "
          f"{errors} errors, {warnings} warnings; {time.perf_counter() - started:.2f} s")
    return 1 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in (*COMMANDS, "-h", "--help"):
        args_list.insert(0, "build")
    args = _parser().parse_args(args_list)
    if args.command == "serve":
        from .serve import serve  # livereload and tornado load only when serving

        serve(args.root, args.host, args.port, args.open, args.base_url, max(1, args.jobs))
        return 0
    started = time.perf_counter()
    progress = ConsoleProgress()
    with collector_paused():  # one pass, making no cycles worth a collection: none at all, not even at exit
        if args.command == "build":
            return _build(args, progress, started)
        try:
            loaded = load(args.root, None, progress, max(1, args.jobs))
        except UserError as e:
            print(e, file=sys.stderr)
            return 1
        finally:
            progress.close()
        keep(loaded)
        return _check(loaded, args.strict)


def run() -> NoReturn:
    """The program: main(), then an exit that skips freeing, one by one, the millions of
    objects a large build leaves (a tenth of a second or more; mypy exits the same way).
    Nothing is left to do at exit but to flush the streams."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
