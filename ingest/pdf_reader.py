"""Compatibility shim: the PDF reader lives in the ``ingest.pdf`` package."""
from .pdf import parse_pdf

__all__ = ["parse_pdf"]
