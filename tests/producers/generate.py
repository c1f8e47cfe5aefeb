"""Write the producer corpus: per producer, PDFs and beside each its truth JSON.

    python -m tests.producers.generate --out tests/producers/fixtures --per-producer 11
    python -m tests.producers.generate --out /tmp/corpus --reports 150 --producers lo-html,chromium \
        --chromium one-browser

Producer ``p``'s ``i``-th file is ``generate_reports(..., seed)[i * P + p]`` (P producers) drawn
under ``VARIANTS[i % len(VARIANTS)]``;
the truth JSON is ``Report.to_json()`` of the record drawn (with each row's pages, found in the
PDF by ``truth``) plus ``producer`` and ``variant``.
"""
from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from ingest.samples import generate_reports

from .producers import CHROMIUM_MODES, PRODUCERS, Job
from .truth import row_pages
from .variants import VARIANTS, apply_variant

DEFAULT_SEED = 20261202


def plan(producers: list[str], *, per_producer: int | None, reports: int | None, seed: int,
         out: Path) -> dict[str, list[Job]]:
    """The jobs per producer: distinct generated reports, variants cycling. Producer ``p`` (its
    position in ``producers``) draws reports ``p, p + P, p + 2P ...``, so more files per producer
    add reports without changing the ones already drawn."""
    counts = {p: per_producer or 0 for p in producers}
    if reports is not None:
        counts = {p: reports // len(producers) + (i < reports % len(producers)) for i, p in enumerate(producers)}
    pool = generate_reports(max(counts.values(), default=0) * len(producers), seed=seed)
    jobs: dict[str, list[Job]] = {}
    for position, producer in enumerate(producers):
        folder = out / producer
        folder.mkdir(parents=True, exist_ok=True)
        jobs[producer] = []
        for i in range(counts[producer]):
            variant = VARIANTS[i % len(VARIANTS)]
            name = f"{i:03d}-{variant.name}.pdf"
            truth = apply_variant(replace(pool[i * len(producers) + position], source=name), variant)
            jobs[producer].append((truth, variant, folder / name))
    return jobs


def _truth_json(producer: str, job: Job) -> dict:
    report, variant, pdf = job
    try:
        count, pages = row_pages(report, variant, pdf.read_bytes())
    except ValueError as exc:
        raise ValueError(f"{pdf}: {exc}") from exc
    rows = tuple(replace(c, pages=p) for c, p in zip(report.commitments, pages))
    data = replace(report, pages=count, commitments=rows).to_json()
    data["producer"] = producer
    data["variant"] = variant.describe()
    return data


def _write_truth(args: tuple[str, Job]) -> str:
    producer, job = args
    path = job[2].with_suffix(".json")
    path.write_text(json.dumps(_truth_json(producer, job), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path.name


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.producers.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--producers", default=",".join(PRODUCERS), help=f"comma list of {', '.join(PRODUCERS)}")
    count = parser.add_mutually_exclusive_group()
    count.add_argument("--per-producer", type=int, default=None,
                       help=f"reports per producer (default {len(VARIANTS)}, one per variant)")
    count.add_argument("--reports", type=int, default=None, help="reports in total, shared among the producers")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the truth alignment")
    parser.add_argument("--chromium", choices=tuple(CHROMIUM_MODES), default="cli",
                        help="cli: one `chromium --print-to-pdf` per file (the fixtures); "
                             "one-browser: one browser through Playwright for the batch (faster)")
    parser.add_argument("--truth-only", action="store_true",
                        help="keep the PDFs already in --out, rewrite only their truth JSON")
    return parser


def render_all(jobs: dict[str, list[Job]], chromium: str) -> None:
    for producer, batch in jobs.items():
        t0 = time.perf_counter()
        render = CHROMIUM_MODES[chromium] if producer == "chromium" else PRODUCERS[producer]
        render(batch)
        print(f"{producer}: {len(batch)} PDF in {time.perf_counter() - t0:.1f} s")


def write_truths(jobs: dict[str, list[Job]], workers: int) -> int:
    work = [(producer, job) for producer, batch in jobs.items() for job in batch]
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        return len(list(pool.map(_write_truth, work)))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    unknown = [p for p in producers if p not in PRODUCERS]
    if unknown:
        parser.error(f"unknown producer(s): {', '.join(unknown)}")
    per = len(VARIANTS) if args.per_producer is None and args.reports is None else args.per_producer
    jobs = plan(producers, per_producer=per, reports=args.reports, seed=args.seed, out=args.out)
    start = time.perf_counter()
    if args.truth_only:
        missing = [str(pdf) for batch in jobs.values() for _, _, pdf in batch if not pdf.is_file()]
        if missing:
            parser.error(f"--truth-only: {len(missing)} PDF missing, e.g. {missing[0]}")
    else:
        render_all(jobs, args.chromium)
    t0 = time.perf_counter()
    written = write_truths(jobs, args.jobs)
    print(f"truth: {written} JSON in {time.perf_counter() - t0:.1f} s; total {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
