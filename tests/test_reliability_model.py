"""The real embedding model under concurrent use, and the model's content stamp (issue 8: 0, 6)."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest


@pytest.mark.integration
@pytest.mark.slow
def test_counting_and_encoding_from_two_threads_at_once(real_embedder):
    """The parse-ahead thread counts tokens while the main thread encodes: counts and vectors
    stay exact and no call fails (the shared tokenizer failed this within seconds)."""
    long = "Se elaboró la matriz de marco lógico del programa. " * 40  # > 256 word pieces
    pairs = [["Compromiso cumplido.", "Se elaboró la matriz de marco lógico " + "y sus indicadores " * n]
             for n in range(1, 9)]
    want_count = real_embedder.count_tokens(long)
    want = [np.array(real_embedder.embed(p)) for p in pairs]
    assert want_count > real_embedder.max_tokens
    errors: list[str] = []
    done = {"count": 0, "encode": 0}
    stop = time.monotonic() + 8

    def count():
        while time.monotonic() < stop:
            try:
                got = real_embedder.count_tokens(long)
                done["count"] += 1
                if got != want_count:
                    errors.append(f"count {got} != {want_count}")
            except Exception as exc:  # the failure under test
                errors.append(f"count: {exc!r}"[:200])

    def encode():
        while time.monotonic() < stop:
            for pair, expected in zip(pairs, want):
                try:
                    got = np.array(real_embedder.embed(pair))
                    done["encode"] += 1
                    if not np.allclose(got, expected, atol=1e-5):
                        errors.append("vectors differ")
                except Exception as exc:
                    errors.append(f"encode: {exc!r}"[:200])

    threads = [threading.Thread(target=count), threading.Thread(target=encode)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [], f"{len(errors)} errors in {done}: {errors[:3]}"
    assert done["count"] > 50 and done["encode"] > 10, done
