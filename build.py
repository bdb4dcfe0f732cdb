"""Build the site: `python build.py [build|check|serve] [options]`; see --help."""

from authorsite.cli import run

run()
