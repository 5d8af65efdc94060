"""``python -m timeline``: the ``timeline`` command."""

from timeline.cli import main

raise SystemExit(main())
