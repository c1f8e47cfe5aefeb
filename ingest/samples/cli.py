"""The command ``python -m ingest.samples OUTDIR [--generate N] [--seed S] [--format pdf|txt]``."""
from __future__ import annotations

import argparse
from pathlib import Path

from .files import RENDERERS, write_reports
from .generator import generate_reports
from .handwritten import sample_reports


def build_parser() -> argparse.ArgumentParser:
    """The command's argument parser (help in Spanish, like the rest of the user interface)."""
    p = argparse.ArgumentParser(prog="python -m ingest.samples",
                                description="Escribe informes de egreso ficticios (los tres de ejemplo o N generados).")
    p.add_argument("outdir", type=Path, help="carpeta de salida")
    p.add_argument("--generate", type=int, metavar="N", help="escribir N informes generados en vez de los de ejemplo")
    p.add_argument("--seed", type=int, default=0, help="semilla de los informes generados (por defecto 0)")
    p.add_argument("--format", choices=sorted(RENDERERS), default="pdf", help="formato de salida (por defecto pdf)")
    return p


def main(argv: list[str] | None = None) -> int:
    """Write the sample (or N generated) reports to OUTDIR and print the files written; exit code 0."""
    args = build_parser().parse_args(argv)
    if args.generate is not None and args.generate < 1:
        build_parser().error("--generate debe ser un entero positivo")
    reports = sample_reports() if args.generate is None else generate_reports(args.generate, args.seed)
    for path in write_reports(reports, args.outdir, fmt=args.format):
        print(path)
    return 0
