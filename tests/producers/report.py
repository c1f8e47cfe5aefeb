"""Print, per producer and variant, the fields right and the first wrong fields.

    python -m tests.producers.report [--corpus DIR] [--producer lo-html] [--show 5]
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from .corpus import FIXTURES, Scored, fixtures, score_fixture
from .score import Score, combine


def _line(label: str, score: Score) -> str:
    return (f"{label:<44} {score.right:>5}/{score.total:<5} {score.accuracy:7.1%}   rows {score.rows_found}/"
            f"{score.rows_expected}  extra {score.extra_rows}")


def by_producer(scored: list[Scored]) -> dict[str, list[Scored]]:
    groups: dict[str, list[Scored]] = defaultdict(list)
    for s in scored:
        groups[s.fixture.producer].append(s)
    return dict(sorted(groups.items()))


def render(scored: list[Scored], show: int) -> list[str]:
    lines: list[str] = []
    for producer, group in by_producer(scored).items():
        lines.append(_line(producer, combine([s.score for s in group])))
        for s in group:
            lines.append(_line(f"  {s.fixture.pdf.name}", s.score))
            if s.score.error:
                lines.append(f"      refused: {s.score.error}")
            for r in s.score.failures[:show]:
                lines.append(f"      {r.row}.{r.field}: expected {r.expected!r:.100}")
                lines.append(f"      {'':{len(r.row) + len(r.field) + 1}}       got {r.got!r:.100}")
        lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.producers.report", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=FIXTURES, help="a folder written by tests.producers.generate")
    parser.add_argument("--producer", default="", help="only this producer")
    parser.add_argument("--show", type=int, default=4, help="wrong fields shown per file")
    args = parser.parse_args(argv)
    chosen = [f for f in fixtures(args.corpus) if not args.producer or f.producer == args.producer]
    print("\n".join(render([score_fixture(f) for f in chosen], args.show)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
