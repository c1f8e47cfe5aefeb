"""The chat's labels in the question's language, from ``prompts/ui.<lang>.toml``.

The cards, the filters line and the answer tools follow the language of the question they answer
(``Answer.language``); a missing label or variable fails, never silently."""
from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..prompts import PACKAGE, PromptError, render_template


@dataclass(frozen=True)
class Labels:
    language: str
    book: dict[str, str]

    def __call__(self, key: str, **values) -> str:
        if key not in self.book:
            raise PromptError(f"no label {key!r} in ui.{self.language}.toml")
        return render_template(self.book[key], f"ui.{self.language}:{key}", values)

    def status(self, status: str | None) -> str:
        """A status in this language, once («Cancelled»); a status the book does not know, as written."""
        if not status:
            return self("no_status")
        key = "status_" + _fold(status).replace(" ", "_")
        return self(key) if key in self.book else status

    def seconds(self, elapsed_ms: float) -> str:
        return f"{elapsed_ms / 1000:.2f}".replace(".", self("decimal"))

    def count(self, key: str, count: int) -> str:
        """«1 cita» / «3 citas» from the pair ``key_one`` / ``key_many``."""
        return self(f"{key}_one") if count == 1 else self(f"{key}_many", count=count)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=4)
def books(folder: Path | Traversable | None = None) -> dict[str, Labels]:
    """Every ``ui.<lang>.toml`` of ``folder`` (by default the packaged ``prompts``; read on first
    use, not at import)."""
    folder = resources.files(PACKAGE) if folder is None else folder
    files = sorted((f for f in folder.iterdir() if f.name.startswith("ui.") and f.name.endswith(".toml")),
                   key=lambda f: f.name)
    found = {f.name.split(".")[1]: Labels(f.name.split(".")[1], tomllib.loads(f.read_text(encoding="utf-8")))
             for f in files}
    if "es" not in found:
        raise FileNotFoundError(f"no ui.es.toml in {folder}")
    return found


def labels(language: str | None, folder: Path | Traversable | None = None) -> Labels:
    """The labels of ``language``; Spanish for a language without its own file."""
    found = books(folder)
    return found.get(language or "es") or found["es"]
