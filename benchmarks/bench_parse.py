"""PDF reader benchmark over the producer corpus: fields right, rows found, ms per page.

    .venv/bin/python benchmarks/bench_parse.py [--corpus DIR] [--by variant|file]

Without ``--corpus`` it reads the committed fixtures (``tests/producers/fixtures``); a larger
folder comes from ``python -m tests.producers.generate --out DIR --reports 150``.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.producers.corpus import FIXTURES, Scored, fixtures, score_fixture  # noqa: E402
from tests.producers.score import combine  # noqa: E402

HEAD = f"{'producer':<10} {'variant':<32} {'files':>5} {'fields right':>13} {'rows found':>11} {'extra':>5} {'ms/page':>8}"


def _row(producer: str, label: str, group: list[Scored]) -> str:
    score = combine([s.score for s in group])
    pages = sum(s.pages for s in group) or 1
    ms = 1000 * sum(s.seconds for s in group) / pages
    return (f"{producer:<10} {label:<32} {len(group):>5} {score.accuracy:>12.1%} "
            f"{f'{score.rows_found}/{score.rows_expected}':>11} {score.extra_rows:>5} {ms:>8.1f}")


def table(scored: list[Scored], by: str) -> list[str]:
    groups: dict[tuple[str, str], list[Scored]] = defaultdict(list)
    producers: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        label = s.fixture.variant if by == "variant" else s.fixture.pdf.name
        groups[(s.fixture.producer, label)].append(s)
        producers[s.fixture.producer].append(s)
    lines = [HEAD, "-" * len(HEAD)]
    for producer in sorted(producers):
        lines += [_row(producer, label, g) for (p, label), g in sorted(groups.items()) if p == producer]
        lines.append(_row(producer, "ALL", producers[producer]))
        lines.append("")
    lines.append(_row("ALL", "", scored))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=FIXTURES)
    parser.add_argument("--by", choices=("variant", "file"), default="variant")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    found = fixtures(args.corpus)
    if not found:
        parser.error(f"no <producer>/*.pdf with truth JSON under {args.corpus}")
    for f in found:  # warm-up: imports and pdfplumber's first-call costs are not a page's time
        score_fixture(f)
        break
    print("\n".join(table([score_fixture(f) for f in found], args.by)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
