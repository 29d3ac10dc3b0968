"""``python -m integrated_care_corpus``: the command-line tool."""

from ._cli import main

raise SystemExit(main())
