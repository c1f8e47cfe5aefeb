"""Export a sentence-transformers model to ONNX once, cached by the model's content.

The graph takes the tokenizer's tensors (``input_ids``, ``attention_mask`` and, when the model
uses them, ``token_type_ids``) with dynamic batch and sequence axes and returns the pooled,
L2-normalised ``sentence_embedding``: everything sentence-transformers does after tokenising
happens inside the graph, so the query side needs only ``onnxruntime`` and ``tokenizers``.

Cache layout (the folder is a parameter; ``<store>/models`` suits)::

    <cache>/<key>/model.onnx        fp32 graph
    <cache>/<key>/tokenizer.json    the model's own fast tokenizer, saved by transformers
    <cache>/<key>/meta.json         ExportMeta: input names, max tokens, dimension, versions
    <cache>/<key>/model.int8.onnx   only after ``quantized_model()``

``key`` hashes the content of the model's weight, config and vocabulary files together with
this exporter's version and opset, so a different model (or exporter) never reuses a folder.
A folder appears complete or not at all: it is built under a temporary name and renamed.

Importing this module is cheap; ``export_onnx`` imports torch and sentence-transformers.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)

EXPORT_VERSION = 1  # bump when the graph or the files written change
OPSET = 17  # run by every onnxruntime >= 1.14
MODEL_FILE = "model.onnx"
INT8_FILE = "model.int8.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "meta.json"
OUTPUT_NAME = "sentence_embedding"
# Files whose content decides the vectors: weights, configs, vocabularies.
_CONTENT_SUFFIXES = (".safetensors", ".bin", ".json", ".txt", ".model")
_NOT_CONTENT = {"README.md", "data_config.json"}
# The export is checked against sentence-transformers before it is cached.
_CHECK_TEXTS = ("Compromiso cumplido: se publicó el informe final en el sitio web del servicio.",
                "Cancelado", "¿Por qué se canceló el programa de Asociatividad?")
_CHECK_TOLERANCE = 1e-4


class OnnxExportError(RuntimeError):
    """The model could not be exported (or the export does not match the PyTorch model)."""


@dataclass(frozen=True)
class ExportMeta:
    key: str
    model_path: str
    input_names: tuple[str, ...]
    max_tokens: int
    dimension: int
    opset: int
    export_version: int
    torch_version: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "ExportMeta":
        data = json.loads(text)
        data["input_names"] = tuple(data["input_names"])
        return cls(**data)


@dataclass(frozen=True)
class OnnxArtifacts:
    """A complete cached export."""

    folder: Path
    meta: ExportMeta

    @property
    def model(self) -> Path:
        return self.folder / MODEL_FILE

    @property
    def int8_model(self) -> Path:
        return self.folder / INT8_FILE

    @property
    def tokenizer(self) -> Path:
        return self.folder / TOKENIZER_FILE


def content_files(model_path: Path) -> list[Path]:
    """The files of a model folder that decide its vectors, in a stable order."""
    files = [p for p in model_path.rglob("*")
             if p.is_file() and p.suffix in _CONTENT_SUFFIXES and p.name not in _NOT_CONTENT
             and not any(part.startswith(".") for part in p.relative_to(model_path).parts)]
    return sorted(files, key=lambda p: p.relative_to(model_path).as_posix())


def model_key(model_path: str | Path) -> str:
    """Content hash of the model's files plus the exporter's version: the cache folder name."""
    root = Path(model_path)
    files = content_files(root)
    if not any(p.suffix in (".safetensors", ".bin") for p in files):
        raise OnnxExportError(f"No se encontraron pesos del modelo (.safetensors o .bin) en {root}.")
    digest = hashlib.sha256(f"onnx-export-{EXPORT_VERSION}-opset-{OPSET}\n".encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()[:32]


def cached_model_key(model_path: str | Path, cache_dir: str | Path) -> str:
    """``model_key``, remembered in ``<cache_dir>/keys/`` against the files' sizes and
    modification times (as git and make do), so that a cold start does not re-read the weights;
    any change to a file's size or time re-hashes it."""
    root = Path(model_path).resolve()
    stats = {p.relative_to(root).as_posix(): [p.stat().st_size, p.stat().st_mtime_ns] for p in content_files(root)}
    memo = Path(cache_dir) / "keys" / f"{hashlib.sha256(str(root).encode()).hexdigest()[:32]}.json"
    try:
        saved = json.loads(memo.read_text(encoding="utf-8"))
        if saved.get("files") == stats and saved.get("export_version") == EXPORT_VERSION:
            return saved["key"]
    except (OSError, ValueError, AttributeError):
        pass  # no memo yet, or an unreadable one: hash the files
    key = model_key(root)
    try:
        _write_atomically(memo, json.dumps({"model_path": str(root), "export_version": EXPORT_VERSION,
                                            "files": stats, "key": key}))
    except OSError as exc:  # a read-only store: the key is right, only not remembered
        log.info("could not remember the model key in %s: %s", memo, exc)
    return key


def find_export(model_path: str | Path, cache_dir: str | Path) -> OnnxArtifacts | None:
    """The cached export of this model's content, or None."""
    folder = Path(cache_dir) / cached_model_key(model_path, cache_dir)
    return _read_artifacts(folder)


def ensure_onnx(model_path: str | Path, cache_dir: str | Path) -> OnnxArtifacts:
    """The cached export of this model, exporting it first if there is none."""
    found = find_export(model_path, cache_dir)
    return found if found is not None else export_onnx(model_path, cache_dir)


def export_onnx(model_path: str | Path, cache_dir: str | Path) -> OnnxArtifacts:
    """Export the model into ``<cache_dir>/<key>/`` (built aside, then renamed into place)."""
    key = model_key(model_path)
    cache = Path(cache_dir)
    final = cache / key
    cache.mkdir(parents=True, exist_ok=True)
    staging = cache / f".tmp-{key}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        meta = _export_into(Path(model_path), staging, key)
        try:
            os.rename(staging, final)
        except OSError:
            if _read_artifacts(final) is None:  # not a concurrent export that won the race
                raise
            log.info("another process exported %s first; using its copy", key)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("exported %s to ONNX in %s", model_path, final)
    found = _read_artifacts(final)
    return found if found is not None else OnnxArtifacts(final, meta)


def quantized_model(artifacts: OnnxArtifacts) -> Path:
    """The dynamic int8 quantisation of a cached export (made once, written atomically).

    Weights per channel: per tensor, the MiniLM vectors moved to a min cosine of 0.85 against
    fp32 on row texts; per channel 0.987 (benchmarks/bench_embed.py prints the figure)."""
    target = artifacts.int8_model
    if target.exists():
        return target
    from onnxruntime.quantization import QuantType, quantize_dynamic

    staging = target.with_name(f".{target.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        quantize_dynamic(str(artifacts.model), str(staging), weight_type=QuantType.QInt8, per_channel=True)
        os.replace(staging, target)
    finally:
        staging.unlink(missing_ok=True)
    return target


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        staging.write_text(text, encoding="utf-8")
        os.replace(staging, path)
    finally:
        staging.unlink(missing_ok=True)


def _read_artifacts(folder: Path) -> OnnxArtifacts | None:
    meta_path = folder / META_FILE
    if not (meta_path.is_file() and (folder / MODEL_FILE).is_file() and (folder / TOKENIZER_FILE).is_file()):
        return None
    return OnnxArtifacts(folder, ExportMeta.from_json(meta_path.read_text(encoding="utf-8")))


def _export_into(model_path: Path, folder: Path, key: str) -> ExportMeta:
    import importlib.util

    if importlib.util.find_spec("onnx") is None:  # torch.onnx.export writes through it
        raise OnnxExportError("La exportación ONNX necesita el paquete 'onnx' (pip install onnx).")
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar in `make install`'s output
    model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
    tokenize = getattr(model, "preprocess", None) or model.tokenize  # preprocess: sentence-transformers >= 6
    features = tokenize(list(_CHECK_TEXTS))  # a padded batch: the mask is traced as used
    input_names = tuple(name for name in ("input_ids", "attention_mask", "token_type_ids") if name in features)
    static = {name: value for name, value in features.items() if not isinstance(value, torch.Tensor)}
    graph = _sentence_graph(model, input_names, static)  # e.g. static = {"modality": "text"}
    example = tuple(features[name] for name in input_names)
    axes = {name: {0: "batch", 1: "sequence"} for name in input_names} | {OUTPUT_NAME: {0: "batch"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer and deprecation chatter about the legacy exporter
        torch.onnx.export(graph, example, str(folder / MODEL_FILE), dynamo=False, opset_version=OPSET,
                          input_names=list(input_names), output_names=[OUTPUT_NAME], dynamic_axes=axes,
                          do_constant_folding=True)
        expected = graph(*example).numpy()
    model.tokenizer.backend_tokenizer.save(str(folder / TOKENIZER_FILE))
    _check_export(folder / MODEL_FILE, {n: features[n].numpy() for n in input_names}, expected)
    meta = ExportMeta(key=key, model_path=str(model_path), input_names=input_names,
                      max_tokens=int(model.max_seq_length), dimension=int(expected.shape[1]), opset=OPSET,
                      export_version=EXPORT_VERSION, torch_version=torch.__version__)
    _write_atomically(folder / META_FILE, meta.to_json())
    return meta


def _check_export(path: Path, feeds: dict, expected) -> None:
    import numpy as np
    import onnxruntime

    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    got = session.run([OUTPUT_NAME], {n: v.astype(np.int64) for n, v in feeds.items()})[0]
    diff = float(np.abs(got - expected).max())
    if diff > _CHECK_TOLERANCE:
        raise OnnxExportError(f"La exportación ONNX de {path.parent} no reproduce el modelo "
                              f"(diferencia máxima {diff:.2e} > {_CHECK_TOLERANCE:.0e}).")


def _sentence_graph(model, input_names: tuple[str, ...], static: dict):
    """sentence-transformers' own forward (transformer, pooling, ...) then L2 normalisation,
    as a module taking positional tensors (torch is imported only here)."""
    import torch

    class SentenceGraph(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *tensors):
            features = dict(zip(input_names, tensors)) | static
            pooled = self.model(features)["sentence_embedding"]
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    return SentenceGraph().eval()  # eval: the exporter restores this mode on the whole tree
