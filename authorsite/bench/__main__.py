"""Synthetic corpora and a side-by-side build benchmark: `corpus` writes a project folder,
`run` builds the same papers with authorsite, Hugo and Pelican and prints tables."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path

DEFAULT_TMPFS = "/dev/shm/authorsite-bench"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m authorsite.bench", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    c = commands.add_parser("corpus", help="write a synthetic project folder of N papers",
                            description="Write DIR: site.yaml, content/profiles/ (card, compact and arXiv listing "
                            "dumps), templates/ and static/; then parse it and compare with what was generated.")
    c.add_argument("--papers", type=int, required=True, metavar="N")
    c.add_argument("--out", type=Path, required=True, metavar="DIR")
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--force", action="store_true", help="replace DIR if it exists")
    c.add_argument("--no-check", action="store_true", help="do not parse the corpus after writing it")
    r = commands.add_parser("run", help="build the same papers with authorsite, Hugo and Pelican; print tables",
                            description="For each size: generate the corpus, derive the same papers as Hugo and "
                            "Pelican input, build with each tool in turn run by run (each run cold, into a fresh "
                            "folder), time authorsite's no-change and one-dump-changed rebuilds and the write floor; "
                            "authorsite builds with 'search: off', and again with the search index as its own tool.")
    r.add_argument("--papers", type=int, nargs="+", required=True, metavar="N")
    r.add_argument("--runs", type=int, default=3)
    r.add_argument("--seed", type=int, default=1)
    where = r.add_mutually_exclusive_group()
    where.add_argument("--tmpfs", default=DEFAULT_TMPFS, metavar="DIR",
                       help=f"work folder in memory: corpus and outputs (default {DEFAULT_TMPFS})")
    where.add_argument("--disk", default=None, metavar="DIR", help="work folder on disk instead of --tmpfs")
    r.add_argument("--no-hugo", action="store_true")
    r.add_argument("--no-pelican", action="store_true")
    r.add_argument("--no-search", action="store_true", help="do not time the build with a search index")
    r.add_argument("--timeout", type=float, default=900, help="kill a build after this many seconds (default 900)")
    r.add_argument("--budget", type=float, default=300,
                   help="after a build slower than this many seconds, no more runs of that tool (default 300)")
    r.add_argument("--pause", type=float, default=0.5, help="seconds to rest after sync, before each timed build")
    r.add_argument("--keep", action="store_true", help="keep the corpus and the Hugo/Pelican inputs")
    r.add_argument("--json", default=None, metavar="FILE", help="append one JSON line per size")
    b = commands.add_parser("rebuilds", help="time the rebuilds a writer makes: no change, one dump, one template",
                            description="Copy a project folder (default: this checkout's sample site), build it "
                            "cold, then time rebuilds with no change, with one dump's title changed, and with "
                            "templates/base.html changed; each case run --runs times into the same output.")
    b.add_argument("--root", type=Path, default=None, metavar="DIR", help="project folder (default: the sample site)")
    b.add_argument("--runs", type=int, default=3)
    b.add_argument("--work", type=Path, default=Path(DEFAULT_TMPFS) / "rebuilds", metavar="DIR",
                   help=f"where the copy and its output go (default {DEFAULT_TMPFS}/rebuilds)")
    return parser


def rebuilds_command(args: argparse.Namespace) -> int:
    from .dumps import REPO
    from .rebuilds import rebuild_table

    root = args.root or REPO
    print(f"rebuilds of a copy of {root} (output in {args.work}), {args.runs} runs each:")
    for row in rebuild_table(root, args.work, args.runs):
        print(row)
    shutil.rmtree(args.work, ignore_errors=True)
    return 0


def corpus_command(args: argparse.Namespace) -> int:
    from ..pipeline import load
    from .corpus import generate
    from .dumps import write_project
    from .verify import verify

    if args.out.exists() and any(args.out.iterdir()):
        if not args.force:
            print(f"{args.out} exists and is not empty: pass --force to replace it", file=sys.stderr)
            return 2
        shutil.rmtree(args.out)
    start = time.perf_counter()
    corpus = generate(args.papers, args.seed)
    write_project(corpus, args.out)
    took = time.perf_counter() - start
    cards = sum(1 for p in corpus.profiles if p.format == "card")
    items = sum(len(li.items) for li in corpus.listings)
    print(f"{corpus.n:,} papers (seed {corpus.seed}) → {args.out} in {took:.2f} s: {len(corpus.profiles)} profile "
          f"dumps ({cards} card, {len(corpus.profiles) - cards} compact), {corpus.entries:,} entries; "
          f"{len(corpus.listings)} arXiv listing(s), {items:,} items ({corpus.decoys} matching no paper)")
    if args.no_check:
        return 0
    start = time.perf_counter()
    v = verify(corpus, load(args.out))
    print(f"check (authorsite's parse and merge, {time.perf_counter() - start:.2f} s):")
    for line in v.lines():
        print(f"  {line}")
    return 0 if v.ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "corpus":
        return corpus_command(args)
    if args.command == "rebuilds":
        return rebuilds_command(args)
    from .run import Bench

    return Bench(args).run()


if __name__ == "__main__":
    sys.exit(main())
