"""python -m assistant eval: the gold questions over the real report, the samples and generated
distractors; our assistant and the plain LangChain pipeline side by side, in the same run."""
from __future__ import annotations

import json
import logging
import re
import shutil
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .conversations import DEFAULT_CONVERSATIONS, conversation_summary, evaluate_conversations, load_conversations
from .corpus import CorpusFile, build_corpus
from .gold import (DEFAULT_GOLD, Question, expected_programs, expected_rows, has_facts, load_gold, matches_gold,
                   norm)

log = logging.getLogger(__name__)
PROJECT = Path(__file__).resolve().parents[2]
THRESHOLDS = PROJECT / "tests" / "gold" / "thresholds.toml"


@dataclass
class Scores:
    per_question: list[dict] = field(default_factory=list)
    per_turn: list[dict] = field(default_factory=list)  # the gold conversations' turns

    def add(self, **row) -> None:
        self.per_question.append(row)

    def rate(self, key: str, kinds: set[str] | None = None) -> float | None:
        rows = [r for r in self.per_question if r.get(key) is not None and (not kinds or r["kind"] in kinds)]
        return sum(bool(r[key]) for r in rows) / len(rows) if rows else None

    def mean(self, key: str) -> float | None:
        rows = [r[key] for r in self.per_question if r.get(key) is not None]
        return sum(rows) / len(rows) if rows else None


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def gold_rank(citations: list[dict], gold: tuple[dict, ...]) -> int | None:
    for rank, citation in enumerate(citations, 1):
        if any(matches_gold(citation, g) for g in gold):
            return rank
    return None


def numbers_in(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\d.,])\d+(?![\d.,])", text)]


def judge_exact(q: Question, answer: dict, truths) -> bool:
    expect = q.expect
    cited = [(c["program"], c["recommendation"], c["commitment"]) for c in answer["citations"]]
    if expect["type"] == "programs":
        return {c["program"] for c in answer["citations"]} == expected_programs(expect, truths)
    rows = expected_rows(expect, truths)
    if expect["type"] == "count":
        first_line = answer["answer"].splitlines()[0] if answer["answer"] else ""
        return len(rows) in numbers_in(first_line)
    if len(rows) > 30:  # long lists name their first rows in the text; the count is exact, the citations complete
        return str(len(rows)) in answer["answer"] and sorted(cited) == sorted(rows)
    return sorted(cited) == sorted(rows)


def evaluate_assistant(assistant, questions: list[Question], truths) -> Scores:
    scores = Scores()
    assistant.ask("¿Qué compromisos quedaron cancelados?")  # warm-up: model and caches
    for q in questions:
        answer = assistant.ask(q.question).to_json()
        row = {"id": q.id, "kind": q.kind, "elapsed_ms": answer["elapsed_ms"], "refused": answer["refused"],
               "refusal_ok": answer["refused"] == q.refuse, "answer": answer["answer"]}
        if q.gold:
            rank = gold_rank(answer["citations"], q.gold)
            row |= {"cited_top3": rank is not None and rank <= 3, "cited_top1": rank == 1,
                    "rr": 1.0 / rank if rank else 0.0}
        if q.facts:
            row["facts_ok"] = has_facts(answer["answer"], q.facts)
        if q.expect:
            row["exact_ok"] = judge_exact(q, answer, truths)
        scores.add(**row)
    return scores


def snippet(truth_row_text: str, words: int = 6) -> str:
    return " ".join(norm(truth_row_text).split()[:words])


def evaluate_baseline(baseline, questions: list[Question], files: list[CorpusFile]) -> dict:
    """Share of look-up questions whose gold passage is among the pipeline's top 4 chunks."""
    by_program = {f.truth.program: f for f in files}
    out = {}
    for mode in ("dense", "hybrid"):
        hits = total = 0
        for q in questions:
            if not q.gold:
                continue
            total += 1
            docs = getattr(baseline, mode)(q.question)
            hits += any(baseline_hit(d, g, by_program) for d in docs for g in q.gold)
        out[mode] = hits / total if total else None
    return out


def baseline_hit(doc, gold: dict, by_program: dict) -> bool:
    file = by_program.get(gold["program"])
    if file is None or doc.metadata.get("source") != file.path.name:
        return False
    text = norm(doc.page_content)
    if gold.get("header"):
        return "fecha egreso" in text
    row = next((r for r in file.truth.commitments if r.recommendation == gold["rec"] and r.commitment == gold["comp"]), None)
    return row is not None and snippet(row.compliance_text) in text


def summary(scores: Scores, baseline: dict | None, latencies: list[float], corpus: dict) -> dict:
    return {
        "corpus": corpus,
        "questions": len(scores.per_question),
        "citation_accuracy_top3": scores.rate("cited_top3"),
        "citation_accuracy_top1": scores.rate("cited_top1"),
        "mrr": scores.mean("rr"),
        "key_fact_presence": scores.rate("facts_ok"),
        "exact_structured": scores.rate("exact_ok"),
        "refusal_accuracy": scores.rate("refusal_ok"),
        "out_of_scope_refused": scores.rate("refused", {"out_of_scope"}),
        "latency_ms_p50": percentile(latencies, 0.5),
        "latency_ms_p95": percentile(latencies, 0.95),
        "baseline_langchain_top4": baseline and baseline["dense"],
        "baseline_langchain_hybrid_top4": baseline and baseline["hybrid"],
    }


def check(result: dict, thresholds: dict) -> list[str]:
    failures = []
    for key, minimum in thresholds.get("minimum", {}).items():
        if result.get(key) is None or result[key] < minimum:
            failures.append(f"{key} = {result.get(key)} < {minimum}")
    for key, maximum in thresholds.get("maximum", {}).items():
        if result.get(key) is None or result[key] > maximum:
            failures.append(f"{key} = {result.get(key)} > {maximum}")
    return failures


def run(workdir: Path, *, distractors: int, shared: Path | None, with_baseline: bool,
        gold: Path = DEFAULT_GOLD, conversations: Path | None = DEFAULT_CONVERSATIONS) -> tuple[dict, Scores]:
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from assistant.library import Ingestor
    from vectorstore.langchain_embeddings import LangChainEmbeddings

    files = build_corpus(workdir, distractors=distractors, shared_corpus=shared)
    store = workdir / "store"
    if store.exists():  # the eval's own scratch index: always built afresh, never one of another version
        shutil.rmtree(store)
    settings = Settings(store=store)
    assistant = build_assistant(settings)
    ingestor = Ingestor(assistant.index, assistant.files)
    start = time.perf_counter()
    results = ingestor.ingest_many([(f.path.name, f.path) for f in files])
    rejected = [r.line() for r in results if not r.ok]
    if rejected:
        raise RuntimeError("corpus files rejected: " + "; ".join(rejected))
    assistant.refresh()
    ingest_s = time.perf_counter() - start
    truths = [f.truth for f in files]
    programs = {t.program for t in truths}
    questions = [q for q in load_gold(gold) if all(g["program"] in programs for g in q.gold)
                 and q.expect.get("program", "") in programs | {""}]
    if len(questions) < len(load_gold(gold)):
        log.warning("%d gold questions skipped: their report is not in the corpus (../shared/corpus absent?)",
                    len(load_gold(gold)) - len(questions))
    scores = evaluate_assistant(assistant, questions, truths)
    if conversations is not None and conversations.exists():
        convs = [c for c in load_conversations(conversations) if c.programs() <= programs]
        if len(convs) < len(load_conversations(conversations)):
            log.warning("%d gold conversations skipped: their report is not in the corpus",
                        len(load_conversations(conversations)) - len(convs))
        scores.per_turn = evaluate_conversations(assistant, convs, truths, judge_exact)
    baseline = None
    if with_baseline:
        from .baseline import Baseline, split

        base = Baseline(split([f.path for f in files]), LangChainEmbeddings(assistant.embedder), workdir / "baseline")
        baseline = evaluate_baseline(base, questions, files)
    latencies = [r["elapsed_ms"] for r in scores.per_question]
    corpus = {"reports": len(files), "commitments": len(assistant.snapshot.catalog),
              "real_report": any(f.path.suffix == ".txt" for f in files), "ingest_s": round(ingest_s, 1)}
    return summary(scores, baseline, latencies, corpus) | conversation_summary(scores.per_turn), scores


def print_report(result: dict, scores: Scores) -> None:
    for row in scores.per_question:
        bad = [k for k in ("cited_top3", "facts_ok", "exact_ok", "refusal_ok") if row.get(k) is False]
        if bad:
            print(f"✘ {row['id']}: {', '.join(bad)} :: {row['answer'][:160]!r}")
    for row in scores.per_turn:
        if not row["ok"]:
            bad = [k for k in ("cited_top1", "facts_ok", "exact_ok", "refusal_ok", "lead_ok") if row.get(k) is False]
            print(f"✘ {row['id']}: {', '.join(bad)} :: {row['answer'][:160]!r}")
    print()
    for key, value in result.items():
        print(f"{key:32} {value:.3f}" if isinstance(value, float) else f"{key:32} {value}")


def main(args) -> int:
    workdir = args.workdir or PROJECT / ".eval"
    shared = PROJECT.parent / "shared" / "corpus"
    result, scores = run(workdir, distractors=args.distractors, shared=shared if shared.exists() else None,
                         with_baseline=args.baseline, gold=args.gold or DEFAULT_GOLD)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_report(result, scores)
    if args.check:
        failures = check(result, tomllib.loads(THRESHOLDS.read_text()))
        for failure in failures:
            print(f"below threshold: {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0
