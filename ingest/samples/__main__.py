"""``python -m ingest.samples OUTDIR [--generate N] [--seed S] [--format pdf|txt]``."""
import sys

from .cli import main

sys.exit(main())
