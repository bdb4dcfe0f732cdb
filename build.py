"""Build the site: `python build.py [build|check] [options]`; see --help."""

from authorsite.cli import main

raise SystemExit(main())
