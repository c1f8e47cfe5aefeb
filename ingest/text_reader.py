"""Compatibility shim: the text-export reader and writer live in the ``ingest.textexport`` package."""
from .textexport import parse_text, render_text

__all__ = ["parse_text", "render_text"]
