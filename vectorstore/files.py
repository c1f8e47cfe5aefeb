"""Copies of the ingested originals, kept by content hash (for page images and re-indexing)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


class SourceFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, sha256: str) -> Path | None:
        matches = sorted(self.folder.glob(f"{sha256}.*")) if self.folder.exists() else []
        return matches[0] if matches else None

    def save(self, sha256: str, suffix: str, data: bytes) -> Path:
        """Atomic write (temporary file + rename): never a half-written copy."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{sha256}{suffix.lower() or '.bin'}"
        if target.exists():
            return target
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return target

    def remove(self, sha256: str) -> None:
        for path in self.folder.glob(f"{sha256}.*") if self.folder.exists() else []:
            path.unlink(missing_ok=True)

    def all(self) -> list[Path]:
        return sorted(p for p in self.folder.glob("*") if not p.name.startswith(".")) if self.folder.exists() else []
