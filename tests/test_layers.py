"""The import graph runs one way (issue 9): ingest -> vectorstore -> assistant -> the edges.

Drawn from the source with ``ast`` (every import, also those inside functions): a module may
import its own layer or a lower one, never a higher one. The edges are the programs (app.py,
``python -m ingest``, ``python -m assistant``, and the two programs inside the assistant package
that build a whole assistant from Settings as app.py does: the evaluation run and the
screenshot tool) and the two modules that build objects from Settings for them
(``assistant.factory`` for the answering side, ``assistant.stores`` for the store side, which
``python -m ingest`` uses without loading the answering side)."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"ingest": 0, "vectorstore": 1, "assistant": 2}
EDGE = 3
EDGES = {"app", "ingest.__main__", "ingest.commands", "assistant.__main__", "assistant.factory", "assistant.stores",
         "assistant.evaluation.run", "assistant.ui.screenshot"}
SETTINGS = "assistant.settings"
# Given the whole Settings object by an edge instead of plain values (the chat app's layout and
# server options, the LLM builder). This list may only shrink.
SETTINGS_TAKERS = {"assistant.llm", "assistant.ui.layout", "assistant.ui.server"}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def layer(module: str) -> int | None:
    if module in EDGES or module == "app":
        return EDGE
    return LAYERS.get(module.split(".")[0])


def imports(path: Path) -> set[str]:
    """The project modules ``path`` imports (relative imports resolved)."""
    package = module_name(path).split(".")[:-1] if path.name != "__init__.py" else module_name(path).split(".")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            out |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in out if m.split(".")[0] in LAYERS or m == "app"}


def graph() -> dict[str, set[str]]:
    files = [ROOT / "app.py", *[p for pkg in LAYERS for p in (ROOT / pkg).rglob("*.py")]]
    return {module_name(p): imports(p) for p in files}


def known(module: str, modules: set[str]) -> str | None:
    """The project module an import names (``pkg.mod.func`` -> ``pkg.mod``)."""
    while module and module not in modules:
        module = module.rpartition(".")[0]
    return module or None


def upward_imports() -> list[str]:
    g = graph()
    bad = []
    for source, targets in sorted(g.items()):
        for target in sorted({known(t, set(g)) or t for t in targets}):
            if layer(target) > layer(source):
                bad.append(f"{source} (layer {layer(source)}) imports {target} (layer {layer(target)})")
    return bad


def test_no_import_runs_from_a_lower_layer_to_a_higher_one():
    assert upward_imports() == []


def test_only_the_edges_read_settings():
    g = graph()
    readers = {source for source, targets in g.items() if known(SETTINGS, set(g)) in
               {known(t, set(g)) for t in targets}}
    assert readers - {SETTINGS} <= EDGES | SETTINGS_TAKERS, sorted(readers - EDGES - SETTINGS_TAKERS - {SETTINGS})


def test_the_check_sees_an_upward_import(tmp_path, monkeypatch):
    """The check itself can fail: a vectorstore module importing the assistant is caught."""
    fake = tmp_path / "vectorstore"
    fake.mkdir()
    (fake / "bad.py").write_text("import assistant.settings\nfrom ingest import rows\n")
    (tmp_path / "ingest").mkdir()
    (tmp_path / "ingest" / "ok.py").write_text("from .rows import StoredRow\nimport vectorstore.store\n")
    (tmp_path / "assistant").mkdir()
    (tmp_path / "app.py").write_text("import assistant.factory\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert upward_imports() == ["ingest.ok (layer 0) imports vectorstore.store (layer 1)",
                                "vectorstore.bad (layer 1) imports assistant.settings (layer 2)"]


def test_importing_the_ingest_pipeline_loads_no_store_and_no_model():
    code = ("import sys, ingest.pipeline, ingest.chunking, ingest.rows; "
            "print(sorted(m for m in ('chromadb', 'torch', 'langchain_chroma', 'vectorstore', 'assistant') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_an_extractive_answer_imports_no_langchain_and_no_torch(tmp_path):
    """Opening an index and answering with the default (extractive) answerer needs neither
    LangChain (about 0.4 s of imports with langsmith) nor torch (issue 12); LangChain loads
    with a chat model backend and in the evaluation's plain pipeline."""
    code = textwrap.dedent("""
        import json, sys
        from pathlib import Path
        from assistant.factory import build_assistant
        from assistant.library import Ingestor
        from assistant.settings import Settings
        from ingest.samples import sample_reports
        from ingest.text_reader import render_text
        settings = Settings(store=Path(sys.argv[1]), embedding_model="fake-hash-64")
        assistant = build_assistant(settings)
        report = sample_reports()[0]
        Ingestor(assistant.index, assistant.files).ingest_bytes(render_text(report).encode(), "a.txt")
        assistant.refresh()
        answer = assistant.ask("¿Qué compromisos quedaron cancelados?")
        print(json.dumps({"kind": answer.kind, "loaded": sorted(m for m in (
            "langchain_core", "langchain_chroma", "langsmith", "torch", "sentence_transformers") if m in sys.modules)}))
    """)
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "store")], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["loaded"] == [] and result["kind"] != "refusal", result


def test_the_store_knows_the_chunk_type_not_how_chunks_are_made():
    """vectorstore takes the stored row record and chunks from ingest, and nothing else of it
    (the chunking and parser versions reach it inside the Stamp its caller builds)."""
    g = graph()
    used = {known(t, set(g)) or t for source, targets in g.items() if source.startswith("vectorstore")
            for t in targets if t.startswith("ingest")}
    assert used <= {"ingest.rows", "ingest.records"}, sorted(used)
