"""Write the producer corpus: per producer, PDFs and beside each its truth JSON.

    python -m tests.producers.generate --out tests/producers/fixtures --per-producer 8
    python -m tests.producers.generate --out /tmp/corpus --reports 150 --producers lo-html,chromium \
        --chromium one-browser

Report ``k`` of the run is ``generate_reports(..., seed)[k]`` drawn under ``VARIANTS[k % 8]``;
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
from .variants import VARIANTS, Variant, apply_variant

DEFAULT_SEED = 20261202


def plan(producers: list[str], *, per_producer: int | None, reports: int | None, seed: int,
         out: Path) -> dict[str, list[Job]]:
    """The jobs per producer: distinct generated reports, variants cycling."""
    counts = {p: per_producer or 0 for p in producers}
    if reports is not None:
        counts = {p: reports // len(producers) + (i < reports % len(producers)) for i, p in enumerate(producers)}
    pool = generate_reports(sum(counts.values()), seed=seed)
    jobs: dict[str, list[Job]] = {}
    k = 0
    for producer in producers:
        folder = out / producer
        folder.mkdir(parents=True, exist_ok=True)
        jobs[producer] = []
        for i in range(counts[producer]):
            variant = VARIANTS[i % len(VARIANTS)]
            name = f"{i:03d}-{variant.name}.pdf"
            truth = apply_variant(replace(pool[k], source=name), variant)
            jobs[producer].append((truth, variant, folder / name))
            k += 1
    return jobs


def _truth_json(producer: str, job: Job) -> dict:
    report, variant, pdf = job
    count, pages = row_pages(report, variant, pdf.read_bytes())
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.producers.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--producers", default=",".join(PRODUCERS), help=f"comma list of {', '.join(PRODUCERS)}")
    count = parser.add_mutually_exclusive_group()
    count.add_argument("--per-producer", type=int, default=None, help="reports per producer (default 8)")
    count.add_argument("--reports", type=int, default=None, help="reports in total, shared among the producers")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=2, help="processes for the truth alignment")
    parser.add_argument("--chromium", choices=tuple(CHROMIUM_MODES), default="cli",
                        help="cli: one `chromium --print-to-pdf` per file (the fixtures); "
                             "one-browser: one browser through Playwright for the batch (faster)")
    args = parser.parse_args(argv)
    producers = [p.strip() for p in args.producers.split(",") if p.strip()]
    unknown = [p for p in producers if p not in PRODUCERS]
    if unknown:
        parser.error(f"unknown producer(s): {', '.join(unknown)}")
    per = args.per_producer if args.per_producer is not None or args.reports is not None else len(VARIANTS)
    jobs = plan(producers, per_producer=per, reports=args.reports, seed=args.seed, out=args.out)
    start = time.perf_counter()
    for producer, batch in jobs.items():
        t0 = time.perf_counter()
        render = CHROMIUM_MODES[args.chromium] if producer == "chromium" else PRODUCERS[producer]
        render(batch)
        print(f"{producer}: {len(batch)} PDF in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    work = [(producer, job) for producer, batch in jobs.items() for job in batch]
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        written = list(pool.map(_write_truth, work))
    print(f"truth: {len(written)} JSON in {time.perf_counter() - t0:.1f} s; total {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
