"""OCR benchmark: fields right and seconds per OCR'd page over the scan fixtures.

    .venv/bin/python benchmarks/bench_ocr.py [--dpi 300] [--languages spa] [FILE.pdf ...]

Without files it reads every ``tests/scans/*.pdf`` (each has a ``.truth.json`` beside it, the
generator's record; regenerate them with ``python -m tests.scans.make_scans``). Texts count as
right at a fuzzy ratio >= 0.9 on normalised text, numbers, statuses and dates exactly
(``tests/scans/scoring.py``). Seconds are wall-clock for the whole parse divided by OCR'd pages
(text pages cost milliseconds); CPU seconds are printed too, as the machine may be shared.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def bench(path: Path, options) -> tuple[int, int, int, float, float, float | None, list[str]]:
    """(fields right, fields, OCR'd pages, wall s, CPU s, mean word confidence, misses); a
    rejected file scores no field right and its rejection is the one miss."""
    from ingest.errors import ReportError
    from ingest.ocr import ocr_report_fields, scan
    from ingest.reading import parse_bytes
    from tests.scans.scoring import load_truth, score_report

    ocr_pages = []
    real = scan.read_scanned_page

    def counted(image, *, number, options, **kw):
        page = real(image, number=number, options=options, **kw)
        ocr_pages.append(page.ocr)
        return page

    scan.read_scanned_page = counted
    try:
        wall, cpu = time.perf_counter(), time.process_time() + _children_cpu()
        try:
            report, error = parse_bytes(path.read_bytes(), path.name, ocr=options), None
        except ReportError as exc:
            report, error = None, str(exc)
        wall, cpu = time.perf_counter() - wall, time.process_time() + _children_cpu() - cpu
    finally:
        scan.read_scanned_page = real
    truth = load_truth(path.with_suffix(".truth.json"))
    confidence = ocr_report_fields(ocr_pages)["ocr_confidence"]
    if report is None:
        return 0, score_report_size(truth), len(ocr_pages), wall, cpu, confidence, [f"rechazado: {error}"]
    score = score_report(report, truth)
    return score.right, score.total, len(ocr_pages), wall, cpu, confidence, score.misses


def score_report_size(truth: dict) -> int:
    from tests.scans.scoring import HEADER_EXACT, HEADER_TEXT, ROW_FIELDS

    return len(HEADER_TEXT) + len(HEADER_EXACT) + ROW_FIELDS * len(truth["commitments"])


def _children_cpu() -> float:
    """CPU seconds of finished child processes (Tesseract runs as one per page)."""
    times = os.times()
    return times.children_user + times.children_system


def main() -> int:
    from ingest.ocr import OcrOptions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--languages", default="spa")
    parser.add_argument("--misses", action="store_true", help="print every wrong field")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "tests" / "scans").glob("*.pdf"))
    options = OcrOptions(languages=args.languages, dpi=args.dpi)
    print(f"{'file':28} {'fields right':>14} {'OCR pages':>9} {'s/page':>7} {'CPU s/page':>10} {'conf':>5}")
    right = total = pages = 0
    wall = cpu = 0.0
    for path in files:
        r, t, p, w, c, conf, misses = bench(path, options)
        right, total, pages, wall, cpu = right + r, total + t, pages + p, wall + w, cpu + c
        print(f"{path.name:28} {r:>5}/{t:<4} {r / t:5.1%} {p:>9} {w / max(p, 1):7.1f} {c / max(p, 1):10.1f} "
              f"{conf if conf is not None else '-':>5}")
        for miss in misses if args.misses else ():
            print("    ", miss)
    print(f"{'all':28} {right:>5}/{total:<4} {right / total:5.1%} {pages:>9} {wall / max(pages, 1):7.1f} "
          f"{cpu / max(pages, 1):10.1f}   (dpi {args.dpi}, {args.languages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
