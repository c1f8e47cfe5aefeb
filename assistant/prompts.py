"""Prompts and answer phrasings live in files under ``prompts/``; rendered with named variables.

``*.md`` files are whole prompts; ``answers.<lang>.toml`` hold the phrasings of composed answers.
Rendering fails on a missing or an unknown variable, never silently. The files are the package
data of ``prompts`` (read through ``importlib.resources``, so an installed copy has them too).
"""
from __future__ import annotations

import string
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

PACKAGE = "prompts"


class PromptError(KeyError):
    pass


def variables(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def render_template(template: str, name: str, values: dict) -> str:
    wanted, given = variables(template), set(values)
    if wanted - given:
        raise PromptError(f"prompt {name!r}: missing variables {sorted(wanted - given)}")
    if given - wanted:
        raise PromptError(f"prompt {name!r}: unknown variables {sorted(given - wanted)}")
    return template.format(**values)


class Prompts:
    def __init__(self, folder: Path | Traversable | None = None) -> None:
        """``folder``: another prompt folder (tests); by default the packaged ``prompts``."""
        self.folder = resources.files(PACKAGE) if folder is None else folder
        files = sorted((f for f in self.folder.iterdir() if f.is_file()), key=lambda f: f.name)
        self.templates = {f.name[:-3]: f.read_text(encoding="utf-8") for f in files if f.name.endswith(".md")}
        self.phrases = {f.name.split(".")[1]: tomllib.loads(f.read_text(encoding="utf-8"))
                        for f in files if f.name.startswith("answers.") and f.name.endswith(".toml")}
        if not self.templates or not self.phrases:
            raise FileNotFoundError(f"no prompts found in {self.folder}")

    def render(self, name: str, **values) -> str:
        if name not in self.templates:
            raise PromptError(f"no prompt named {name!r} in {self.folder}")
        return render_template(self.templates[name], name, values)

    def phrase(self, language: str, key: str, **values) -> str:
        book = self.phrases.get(language) or self.phrases["es"]
        if key not in book:
            raise PromptError(f"no phrase {key!r} in answers.{language}.toml")
        return render_template(book[key], f"{language}:{key}", values)
