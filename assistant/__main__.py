"""python -m assistant ask [--store DIR] [--json] [--k N] [--program P] [--status S] "QUESTION"
python -m assistant ask [--store DIR] --json --batch FILE
python -m assistant eval [--gold FILE] [...]"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from ingest.chunking import dmy

from .settings import load_settings
from .types import Filters


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description="Consulta los informes de egreso.")
    sub = p.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="hacer una pregunta")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--store", type=Path)
    ask.add_argument("--json", action="store_true")
    ask.add_argument("--k", type=int)
    ask.add_argument("--program")
    ask.add_argument("--ministry")
    ask.add_argument("--service")
    ask.add_argument("--year", type=int)
    ask.add_argument("--status")
    ask.add_argument("--batch", type=Path, help="una pregunta por línea; una línea JSON por respuesta")
    ev = sub.add_parser("eval", help="evaluar contra el conjunto de oro")
    ev.add_argument("--gold", type=Path, default=None)
    ev.add_argument("--distractors", type=int, default=100)
    ev.add_argument("--workdir", type=Path, default=None, help="carpeta de trabajo (se reutiliza si existe)")
    ev.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True)
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--check", action="store_true", help="salir con 1 si no se cumplen los umbrales")
    p.add_argument("-v", "--verbose", action="store_true")
    return p


def render(answer) -> str:
    lines = [answer.answer, ""]
    for c in answer.citations:
        data = c.to_json()
        means = "; ".join(data["verification"]) or "—"
        lines.append(f"[{c.n}] {data['label']} · {data['source']} · {data['status']} "
                     f"({dmy(data['status_date'])}) · Medios de verificación: {means}")
    return "\n".join(lines).rstrip()


def run_ask(args) -> int:
    from .guards import too_long
    from .prompts import Prompts

    if not args.question and not args.batch:
        print("indique una pregunta o --batch ARCHIVO", file=sys.stderr)
        return 2
    settings = load_settings(store=args.store)
    if args.question and not args.batch:  # checked before the model or the index is opened
        message = too_long(args.question, settings.max_question_chars, Prompts())
        if message:
            print(f"error: {message}", file=sys.stderr)
            return 2
    from .factory import build_assistant  # chromadb, langchain: only once there is a question to answer

    # a mistyped --store is said so, never created; an ONNX export is made at ingest, not here
    assistant = build_assistant(settings, create=False, export_missing=False)
    filters = Filters(args.program, args.ministry, args.service, args.year, args.status)
    if args.batch:
        try:
            questions = [q.strip() for q in args.batch.read_text(encoding="utf-8").splitlines() if q.strip()]
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: no se pudo leer el archivo de preguntas «{args.batch}»: {exc}", file=sys.stderr)
            return 2
    else:
        questions = [args.question]
    failed = 0
    for question in questions:
        try:
            answer = assistant.ask(question, filters=filters, k=args.k)
        except Exception as exc:  # one line says so; the batch goes on
            if not args.batch:
                raise
            logging.getLogger(__name__).exception("question failed: %s", question[:200])
            failed += 1
            print(json.dumps({"question": question, "error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False),
                  flush=True)
            continue
        print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else render(answer), flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command == "ask":
        from vectorstore.errors import StoreError

        try:
            return run_ask(args)
        except StoreError as exc:  # missing, unusable or stamped by another model: one line, exit 2
            print(f"error: {exc}", file=sys.stderr)
            return 2
    from .evaluation.run import main as eval_main

    return eval_main(args)


if __name__ == "__main__":
    sys.exit(main())
