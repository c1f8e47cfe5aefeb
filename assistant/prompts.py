"""Prompts and answer phrasings live in files under ``prompts/``; rendered with named variables.

``*.md`` files are whole prompts; ``answers.<lang>.toml`` hold the phrasings of composed answers.
Rendering fails on a missing or an unknown variable, never silently.
"""
from __future__ import annotations

import string
import tomllib
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[1] / "prompts"


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
    def __init__(self, folder: Path = DEFAULT_DIR) -> None:
        self.folder = Path(folder)
        self.templates = {p.stem: p.read_text(encoding="utf-8") for p in sorted(self.folder.glob("*.md"))}
        self.phrases = {p.name.split(".")[1]: tomllib.loads(p.read_text(encoding="utf-8"))
                        for p in sorted(self.folder.glob("answers.*.toml"))}
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
