"""Small fictional reports built in code, for tests that do not need a file."""
from __future__ import annotations

from ingest.records import Commitment, Report


def row(rec: int, comp: int, status: str = "Cumplido", compliance: str = "Se elaboró la matriz de marco lógico.",
        *, date: str = "2014-12-31", verification: tuple[str, ...] = ("Informe final",), pages=(1,)) -> Commitment:
    return Commitment(
        recommendation=rec, commitment=comp,
        recommendation_text=f"Revisar el diseño del programa, recomendación {rec}.",
        commitment_text=f"Elaborar el compromiso {comp} con DIPRES.", due="Diciembre 2013",
        compliance_text=compliance, observation="", status=status, status_date=date,
        verification=verification, pages=pages)


def report(program: str = "Programa de Riego Campesino", *, sha: str = "a" * 64, source: str = "riego.pdf",
           rows: tuple[Commitment, ...] | None = None, ministry: str = "MINISTERIO DE AGRICULTURA",
           year: int = 2012) -> Report:
    rows = rows if rows is not None else (row(1, 1), row(1, 2, "Cancelado"), row(2, 1, "No cumplido"))
    return Report(source=source, sha256=sha, program=program, ministry=ministry,
                  service="Comisión Nacional de Riego", year=year, status="Egresado",
                  exit_date="2015-12-31", pages=2, commitments=rows)


def filled_assistant(folder, reports=(), *, llm=None, **settings):
    """An assistant on a fresh store in ``folder`` (hash embedder), holding ``reports`` as text exports."""
    from assistant.factory import build_assistant
    from assistant.settings import Settings
    from assistant.library import Ingestor
    from ingest.text_reader import render_text

    assistant = build_assistant(Settings(store=folder / "store", embedding_model="fake-hash-64", **settings), llm=llm)
    ingestor = Ingestor(assistant.index, assistant.files)
    for item in reports:
        result = ingestor.ingest_bytes(render_text(item).encode(), item.source.replace(".pdf", ".txt"))
        assert result.ok, result.line()
    assistant.refresh()
    return assistant


def meta_row(row_id: str, kind: str, meta: dict, text: str, record: dict | None = None):
    """An answering-side Row from stored metadata as Chroma holds it (``record``: the fields of
    the full commitment record the test needs)."""
    import json

    from assistant.types import Row
    from ingest.rows import StoredRow

    extra = {"record": json.dumps(record, ensure_ascii=False)} if record else {}
    return Row(StoredRow.from_chroma({"row_id": row_id, "kind": kind, **meta, **extra}), text)
