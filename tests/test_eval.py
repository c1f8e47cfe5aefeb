"""The gold-set evaluation (questions and conversations) with the real model and real Chroma; fails below
tests/gold/thresholds.toml."""
from __future__ import annotations

import tomllib

import pytest

from assistant.evaluation.run import THRESHOLDS, check, run
from tests.conftest import CORPUS

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def test_gold_set_meets_thresholds(tmp_path):
    result, scores = run(tmp_path, distractors=100, shared=CORPUS if CORPUS.exists() else None, with_baseline=False)
    assert result["questions"] >= 40 if CORPUS.exists() else result["questions"] >= 30
    assert result["conversations"] >= 15 if CORPUS.exists() else result["conversations"] >= 10
    misses = [(r["id"], r["answer"][:120]) for r in scores.per_question
              if False in (r.get("cited_top3"), r.get("facts_ok"), r.get("exact_ok"), r.get("refusal_ok"))]
    misses += [(r["id"], r["answer"][:120]) for r in scores.per_turn if not r["ok"]]
    failures = check(result, tomllib.loads(THRESHOLDS.read_text()))
    assert not failures, (failures, misses)
