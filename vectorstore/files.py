"""Copies of the ingested originals, kept by content hash (for page images and re-indexing).

Each copy ``<sha256>.<ext>`` has a sidecar ``<sha256>.name`` holding the name it was ingested
under, so that a re-index (or a damaged index) never loses the reports' names. Both are written
atomically (temporary file + rename).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

NAME_SUFFIX = ".name"


class SourceFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, sha256: str) -> Path | None:
        matches = [p for p in self._matching(sha256) if p.suffix != NAME_SUFFIX]
        return matches[0] if matches else None

    def save(self, sha256: str, suffix: str, data: bytes, *, name: str | None = None) -> Path:
        """Keep the copy (and its name); never a half-written file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{sha256}{suffix.lower() or '.bin'}"
        if name is not None and self.name(sha256) != name:
            self._write(self.folder / f"{sha256}{NAME_SUFFIX}", name.encode("utf-8"))
        if not target.exists():
            self._write(target, data)
        return target

    def name(self, sha256: str) -> str | None:
        """The name the copy was ingested under (None for copies kept before names were)."""
        try:
            return (self.folder / f"{sha256}{NAME_SUFFIX}").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def _write(self, target: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def remove(self, sha256: str) -> None:
        for path in self._matching(sha256):
            path.unlink(missing_ok=True)

    def _matching(self, sha256: str) -> list[Path]:
        return sorted(self.folder.glob(f"{sha256}.*")) if self.folder.exists() else []

    def all(self) -> list[Path]:
        """The stored copies (not their name sidecars)."""
        if not self.folder.exists():
            return []
        return sorted(p for p in self.folder.glob("*")
                      if not p.name.startswith(".") and p.suffix != NAME_SUFFIX and p.is_file())
