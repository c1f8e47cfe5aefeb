"""python -m assistant ask [--store DIR] [--json] [--k N] [--program P] [--ministry M] [--service S] [--year Y]
    [--status S] "QUESTION"
python -m assistant ask [--store DIR] --json --batch FILE   (one question a line, or JSON Lines
    {"conversation": "ID", "question": "..."}: lines with the same id are one conversation, in order)
python -m assistant chat [--store DIR] [--k N]   (an interactive conversation; follow-ups lean on it)
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
from .settings import ConfigError, load_settings
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
    ask.add_argument("--batch", type=Path, metavar="ARCHIVO", help="una pregunta por línea, o líneas JSON "
                     "{\"conversation\": \"ID\", \"question\": \"…\"} (las del mismo ID son una conversación, "
                     "en orden; cada respuesta repite «conversation»); con --json, una línea JSON por respuesta")
    chat = sub.add_parser("chat", help="conversar en la terminal", description="Una conversación: las preguntas "
                          "de seguimiento («¿Y sus medios de verificación?») se leen según lo anterior. "
                          "«/nueva» empieza otra conversación; «/salir» o Ctrl-D termina.")
    chat.add_argument("--store", type=Path, metavar="CARPETA", help="carpeta del índice (por defecto ./data o "
                      "ASSISTANT_STORE); debe existir")
    chat.add_argument("--k", type=positive, metavar="N", help="filas recuperadas por pregunta")
    ev = sub.add_parser("eval", help="evaluar contra el conjunto de oro")
    ev.add_argument("--gold", type=Path, default=None)
    ev.add_argument("--distractors", type=int, default=100)
    ev.add_argument("--workdir", type=Path, default=None, help="carpeta de trabajo (se reutiliza si existe)")
    ev.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=True)
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--check", action="store_true", help="salir con 1 si no se cumplen los umbrales")
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
    try:
        settings = load_settings(store=args.store)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.question and not args.batch:  # checked before the model or the index is opened
        message = too_long(args.question, settings.max_question_chars, Prompts())
        if message:
            print(f"error: {message}", file=sys.stderr)
            return 2
    questions = read_questions(args.batch) if args.batch else [(None, args.question)]
    if questions is None:
        return 2
    assistant, load_ms = open_assistant(settings)
    try:
        program = match_program(args.program, assistant.facets()["program"]) if args.program else None
    except ValueError as exc:
        return usage_error(args.ask_parser, f"--program: {exc}")
    filters = Filters(program, args.ministry, args.service, args.year, args.status)
    failed = 0
    histories: dict[str, list[dict]] = {}  # conversation id -> its answers so far, oldest first
    for conversation, question in questions:
        history = histories.setdefault(conversation, []) if conversation is not None else []
        echo = {"conversation": conversation} if conversation is not None else {}
        try:
            answer = assistant.ask(question, filters=filters, k=args.k, history=history)
        except Exception as exc:  # one line says so; the batch goes on
            if not args.batch:
                raise
            logging.getLogger(__name__).exception("question failed: %s", question[:200])
            failed += 1
            print(json.dumps(echo | {"question": question, "error": f"{type(exc).__name__}: {exc}"},
                             ensure_ascii=False), flush=True)
            continue
        data = answer.to_json()
        history.append(data)
        print(json.dumps(echo | data | {"load_ms": load_ms}, ensure_ascii=False) if args.json
              else render(answer, assistant.prompts), flush=True)
    return 1 if failed else 0


def open_assistant(settings):
    """The assistant over an existing index, its model loaded; and how long that took (ms)."""
    from .factory import build_assistant  # chromadb, langchain: only once there is a question to answer

    start = time.perf_counter()
    # a mistyped --store is said so, never created; an ONNX export is made at ingest, not here
    assistant = build_assistant(settings, create=False, export_missing=False)
    warm_up = getattr(assistant.embedder, "warm_up", None)
    if warm_up:  # the model loads here, so that elapsed_ms is the answer time alone
        warm_up()
    return assistant, round((time.perf_counter() - start) * 1000, 2)


Question = tuple[str | None, str]  # (conversation id or None for a standalone question, question)


def read_questions(batch: Path) -> list[Question] | None:
    """The questions of a batch file: each non-blank line is a question, or a JSON object
    ``{"conversation": ID, "question": ...}``. None (said on stderr) when it cannot be read or a
    JSON line is not such an object: then nothing is answered."""
    try:
        lines = batch.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        reason = os_reason(exc)
    except UnicodeDecodeError:
        reason = "no está en UTF-8"
    else:
        out = []
        for number, line in enumerate(lines, 1):
            item = batch_line(line.strip())
            if isinstance(item, str):
                print(f"error: «{batch}», línea {number}: {item}", file=sys.stderr)
                return None
            if item is not None:
                out.append(item)
        return out
    print(f"error: no se pudo leer el archivo de preguntas «{batch}»: {reason}", file=sys.stderr)
    return None


def batch_line(line: str) -> Question | str | None:
    """One batch line read: a question, None for a blank line, or what is wrong with a JSON line."""
    if not line:
        return None
    if not (line.startswith("{") and line.endswith("}")):
        return None, line
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"no es JSON válido ({exc.msg})"
    question, conversation = data.get("question"), data.get("conversation")
    if not isinstance(question, str) or not question.strip():
        return "falta «question» (el texto de la pregunta)"
    if conversation is not None and not isinstance(conversation, (str, int)):
        return "«conversation» debe ser un texto o un número"
    return (None if conversation is None else str(conversation)), question.strip()


def run_chat(args) -> int:
    """An interactive conversation: each answer is printed as ``ask`` prints it; follow-ups lean on the
    conversation so far. «/nueva» starts over, «/salir» or end of input ends."""
    from .guards import too_long

    settings = load_settings(store=args.store)
    assistant, _ = open_assistant(settings)
    print("Conversación nueva. Escriba su pregunta («/nueva» empieza otra, «/salir» termina).", flush=True)
    history: list[dict] = []
    while True:
        try:
            question = input("> ").strip()
        except EOFError:
            print()
            return 0
        if question in ("/salir", "/exit", "/quit"):
            return 0
        if question in ("/nueva", "/new"):
            history = []
            print("Conversación nueva.", flush=True)
            continue
        if not question:
            continue
        message = too_long(question, settings.max_question_chars, assistant.prompts)
        if message:
            print(message, flush=True)
            continue
        answer = assistant.ask(question, k=args.k, history=history)
        history.append(answer.to_json())
        print(render(answer, assistant.prompts) + "\n", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command in ("ask", "chat"):
        from vectorstore.errors import StoreError

        try:
            return run_ask(args) if args.command == "ask" else run_chat(args)
        except StoreError as exc:  # missing, unusable or stamped by another model: one line, exit 2
            print(f"error: {exc}", file=sys.stderr)
            return 2
    from .evaluation.run import main as eval_main

    return eval_main(args)


if __name__ == "__main__":
    sys.exit(run_piped(main))
