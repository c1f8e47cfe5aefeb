"""python -m assistant ask [--store DIR] [--json] [--k N] [--program P] [--ministry M] [--service S] [--year Y]
    [--status S] "QUESTION"
python -m assistant ask [--store DIR] --json --batch FILE
python -m assistant eval [--gold FILE] [...]"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from ingest.text import dmy
from ingest.errors import os_reason
from ingest.pipes import run_piped

from .cli_values import match_program, parse_status, status_choices
from .extractive import status_name
from .settings import load_settings
from .types import Filters


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m assistant", description="Consulta los informes de egreso.")
    sub = p.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="hacer una pregunta", description="Responde una pregunta (o un archivo de "
                         "preguntas) desde los informes indexados, citando el compromiso.")
    ask.add_argument("question", nargs="?", help="la pregunta, entre comillas")
    ask.add_argument("--store", type=Path, metavar="CARPETA", help="carpeta del índice (por defecto ./data o ASSISTANT_STORE); "
                     "debe existir")
    ask.add_argument("--json", action="store_true", help="una línea JSON por respuesta (con citations, "
                     "elapsed_ms y load_ms)")
    ask.add_argument("--k", type=positive, metavar="N", help="filas recuperadas por pregunta (por defecto "
                     "ASSISTANT_K, 5)")
    ask.add_argument("--program", metavar="PROGRAMA", help="solo este programa: nombre completo, nombre corto "
                     "(«Redes Pro Rubro») o un prefijo que solo un programa tenga; sin mayúsculas ni tildes")
    ask.add_argument("--ministry", metavar="MINISTERIO", help="solo este ministerio (nombre exacto del informe)")
    ask.add_argument("--service", metavar="SERVICIO", help="solo este servicio (nombre exacto del informe)")
    ask.add_argument("--year", type=int, metavar="AÑO", help="solo informes evaluados ese año")
    ask.add_argument("--status", type=status_value, metavar="CALIFICACIÓN",
                     help=f"solo compromisos con esta calificación: {status_choices()}; también plurales, "
                     "minúsculas, «parcial», «no cumplidos» o en inglés («cancelled», «not met», «partially met», "
                     "«met»)")
    ask.add_argument("--batch", type=Path, metavar="ARCHIVO", help="una pregunta por línea; con --json, una "
                     "línea JSON por respuesta")
    ev = sub.add_parser("eval", help="evaluar contra el conjunto de oro")
    ev.add_argument("--gold", type=Path, default=None)
    ev.add_argument("--distractors", type=int, default=100)
    ev.add_argument("--workdir", type=Path, default=None, help="carpeta de trabajo (se reutiliza si existe)")
    ev.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True)
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--check", action="store_true", help="salir con 1 si no se cumplen los umbrales")
    ev.add_argument("--feedback", type=Path, metavar="ARCHIVO", help="leer las opiniones de la app "
                    "(<store>/feedback.jsonl): informe de las respuestas marcadas como no útiles, sin evaluar")
    ev.add_argument("--gold-out", type=Path, metavar="ARCHIVO", help="con --feedback: escribir las no útiles "
                    "como líneas candidatas del conjunto de oro (JSONL, «gold» por completar)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(ask_parser=ask)
    return p


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"«{value}» no es un número entero positivo")
    return number


def status_value(value: str) -> str:
    try:
        return parse_status(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def usage_error(parser: argparse.ArgumentParser, message: str) -> int:
    """argparse's form (usage line, then ``prog: error: ...``), returned instead of raised."""
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return 2


_LABELS = {"es": "Medios de verificación", "en": "Verification means"}


def render(answer, prompts) -> str:
    """The answer, then one line per citation, labelled in the answer's language."""
    lines = [answer.answer, ""]
    english = answer.language == "en"
    for c in answer.citations:
        data = c.to_json()
        means = "; ".join(data["verification"]) or "—"
        status = status_name(data["status"], "en", prompts).split(" (")[0] if english and data["status"] else data["status"]
        lines.append(f"[{c.n}] {data['label']} · {data['source']} · {status} "
                     f"({dmy(data['status_date']) or prompts.phrase(answer.language, 'no_date')}) · {_LABELS['en' if english else 'es']}: {means}")
    return "\n".join(lines).rstrip()


def run_ask(args) -> int:
    from .guards import too_long
    from .prompts import Prompts

    if args.question is not None and not args.question.strip() and not args.batch:
        return usage_error(args.ask_parser, "la pregunta está vacía")
    if not args.question and not args.batch:
        return usage_error(args.ask_parser, "indique una pregunta o --batch ARCHIVO")
    settings = load_settings(store=args.store)
    if args.question and not args.batch:  # checked before the model or the index is opened
        message = too_long(args.question, settings.max_question_chars, Prompts())
        if message:
            print(f"error: {message}", file=sys.stderr)
            return 2
    questions = read_questions(args.batch) if args.batch else [args.question]
    if questions is None:
        return 2
    from .factory import build_assistant  # chromadb, langchain: only once there is a question to answer

    start = time.perf_counter()
    # a mistyped --store is said so, never created; an ONNX export is made at ingest, not here
    assistant = build_assistant(settings, create=False, export_missing=False)
    warm_up = getattr(assistant.embedder, "warm_up", None)
    if warm_up:  # the model loads here, so that elapsed_ms is the answer time alone
        warm_up()
    load_ms = round((time.perf_counter() - start) * 1000, 2)
    try:
        program = match_program(args.program, assistant.facets()["program"]) if args.program else None
    except ValueError as exc:
        return usage_error(args.ask_parser, f"--program: {exc}")
    filters = Filters(program, args.ministry, args.service, args.year, args.status)
    failed = 0
    prompts = Prompts()
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
        print(json.dumps(answer.to_json() | {"load_ms": load_ms}, ensure_ascii=False) if args.json
              else render(answer, prompts), flush=True)
    return 1 if failed else 0


def read_questions(batch: Path) -> list[str] | None:
    """The non-blank lines of a batch file; None (said on stderr) when it cannot be read."""
    try:
        return [q.strip() for q in batch.read_text(encoding="utf-8").splitlines() if q.strip()]
    except OSError as exc:
        reason = os_reason(exc)
    except UnicodeDecodeError:
        reason = "no está en UTF-8"
    print(f"error: no se pudo leer el archivo de preguntas «{batch}»: {reason}", file=sys.stderr)
    return None


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
    if args.feedback is not None:  # the users' verdicts: a report, no model, no index
        from .evaluation.feedback import main as feedback_main

        return feedback_main(args.feedback, args.gold_out)
    from .evaluation.run import main as eval_main

    return eval_main(args)


if __name__ == "__main__":
    sys.exit(run_piped(main))
