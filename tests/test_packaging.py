"""A non-editable install carries the prompts: the wheel is built offline from a copy of the
project's files, installed into a fresh folder, and a prompt and a phrasing are rendered there,
from the installed copy and not from this repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import PROJECT

SOURCES = ("pyproject.toml", "README.md", "assistant", "ingest", "vectorstore", "prompts")


def _copy_project(to):
    for name in SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, to / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, to / name)


@pytest.mark.slow
def test_the_wheel_ships_the_prompts_and_an_installed_copy_renders_them(tmp_path):
    src, wheels, site = tmp_path / "src", tmp_path / "wheels", tmp_path / "site"
    src.mkdir()
    _copy_project(src)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(src)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (PROJECT / "prompts").iterdir() if p.suffix in {".md", ".toml"}}
    assert shipped and {f"prompts/{n}" for n in shipped} <= names

    subprocess.run([*pip, "install", "--no-deps", "--no-compile", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    probe = ("import assistant.prompts as ap, prompts; p = ap.Prompts(); "
             "print(prompts.__file__); print(ap.__file__); "
             "print(p.render('answer_system', language='español').splitlines()[0]); "
             "print(p.phrase('en', 'language_name'))")
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    prompts_file, module_file, first_line, language = done.stdout.splitlines()
    assert prompts_file.startswith(str(site)) and module_file.startswith(str(site))  # not this repository
    assert first_line.strip() and "{" not in first_line
    assert language == "English"
