"""A light stage timer: code that wants its stages measured takes one as a parameter and wraps
each stage in ``timer.stage(name)``; the benchmarks read the totals (milliseconds per stage)."""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext


class StageTimer:
    def __init__(self) -> None:
        self.totals: defaultdict[str, float] = defaultdict(float)  # stage -> ms since the last take()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.totals[name] += (time.perf_counter() - start) * 1000

    def take(self) -> dict[str, float]:
        """The totals so far, then start again from zero."""
        out = dict(self.totals)
        self.totals.clear()
        return out


def stage(timer: StageTimer | None, name: str):
    """``timer.stage(name)``, or nothing at all without a timer."""
    return timer.stage(name) if timer is not None else nullcontext()
