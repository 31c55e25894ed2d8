"""`python -m reviewer ...`: the same command line as the `reviewer` script."""
from .cli import main

raise SystemExit(main())
