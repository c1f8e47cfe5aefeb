"""Fictional compliance reports: three hand-written samples and seeded distractors.

Content only; drawing is ``ingest.pdfwrite``'s job and text rendering ``ingest.textexport``'s.

- ``sample_reports()`` (``handwritten``): three reports written by hand with distinct, checkable
  facts (the evaluation questions are written from them).
- ``generate_reports(n, seed)`` (``generator``): same-domain distractors assembled from shared
  pools of DIPRES vocabulary (``pools``, ``themes``, ``texts``), so that many reports look alike
  to a retriever. Deterministic for a seed, and ``generate_reports(n, s)`` is a prefix of
  ``generate_reports(n + k, s)``.
- ``write_reports`` (``files``) and the command (``cli``) write them as PDF or text files.

Every text is one line with single spaces, encodable in cp1252, and free of the labels the
parser splits on (``Calificación:``, ``Observación:`` ...), so a report survives
render -> parse unchanged.

    python -m ingest.samples OUTDIR [--generate N] [--seed S] [--format pdf|txt]
"""
from .cli import main
from .files import RENDERERS, render_pdf, render_txt, write_if_changed, write_reports
from .generator import generate_reports
from .handwritten import sample_reports
from .naming import slug, source_name

__all__ = ["RENDERERS", "generate_reports", "main", "render_pdf", "render_txt", "sample_reports", "slug",
           "source_name", "write_if_changed", "write_reports"]
