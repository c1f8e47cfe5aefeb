"""python -m ingest [--store DIR] PATH...   |   --dry-run --json FILE   |   --list [--json]
|   --remove SOURCE   |   --reindex   |   --prepare-model"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from assistant.settings import ConfigError, load_settings
from .errors import ReportError
from .pipes import run_piped


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m ingest", description="Indexa informes de egreso (PDF o texto).")
    p.add_argument("paths", nargs="*", type=Path, help="archivos o carpetas (recursivo)")
    p.add_argument("--store", type=Path, help="carpeta del índice (por defecto ./data o ASSISTANT_STORE)")
    p.add_argument("--dry-run", action="store_true", help="solo leer y mostrar, sin escribir nada")
    p.add_argument("--json", action="store_true", help="salida JSON")
    p.add_argument("--list", action="store_true", help="listar los informes indexados")
    p.add_argument("--remove", metavar="SOURCE", help="quitar un informe del índice")
    p.add_argument("--reindex", action="store_true",
                   help="reconstruir el índice desde las copias guardadas con la configuración actual")
    p.add_argument("--prepare-model", action="store_true",
                   help="preparar el modelo de embeddings (exportarlo a ONNX una sola vez; make install lo hace)")
    p.add_argument("--timings", action="store_true",
                   help="al terminar, el tiempo de cada etapa (inicio, lectura, embeddings, escritura) en stderr")
    p.add_argument("--no-progress", action="store_true", help="sin barra de progreso")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def dry_run(paths: list[Path], as_json: bool) -> int:
    """Read and show, write nothing; imports neither the store nor the model (``ingest.results``
    is light), so it stays fast."""
    from .reading import read_report
    from .results import expand_paths, review_suffix, summary

    status = 0
    for path in expand_paths(paths):
        try:
            report = read_report(path)
        except ReportError as exc:
            print(f"✘ {path.name}: rechazado: {exc}", file=sys.stderr if as_json else sys.stdout)
            status = 1
            continue
        if as_json:
            print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            print(f"{path.name}: {summary(report)}{review_suffix(report)}")
    return status


def main(argv: list[str] | None = None) -> int:
    started = time.perf_counter()  # --timings: start-up counts from here (the heavy imports come after)
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.dry_run:
        if not args.paths:
            build_parser().error("--dry-run necesita al menos un archivo")
        return dry_run(args.paths, args.json)
    from .commands import prepare_model, run_command

    try:
        settings = load_settings(store=args.store)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.prepare_model:
        return prepare_model(settings)
    return run_command(args, settings, started=started)


if __name__ == "__main__":
    sys.exit(run_piped(main))
