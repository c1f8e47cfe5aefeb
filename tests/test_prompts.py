"""Every prompt and phrasing renders with exactly its variables; a missing or unknown one fails."""
import pytest

from assistant.prompts import PromptError, Prompts, render_template, variables


def test_every_prompt_file_renders_with_its_variables():
    prompts = Prompts()
    assert {"answer_system", "answer_user", "passage"} <= set(prompts.templates)
    for name, template in prompts.templates.items():
        out = prompts.render(name, **{v: f"<{v}>" for v in variables(template)})
        assert "{" not in out.replace("{{", "")


def test_both_languages_have_the_same_phrases():
    prompts = Prompts()
    assert set(prompts.phrases) == {"es", "en"}
    assert set(prompts.phrases["es"]) == set(prompts.phrases["en"])
    for key in prompts.phrases["es"]:
        assert variables(prompts.phrases["es"][key]) == variables(prompts.phrases["en"][key]), key


def test_missing_and_unknown_variables_fail():
    with pytest.raises(PromptError, match="missing"):
        render_template("Hola {name}", "t", {})
    with pytest.raises(PromptError, match="unknown"):
        render_template("Hola {name}", "t", {"name": "x", "other": "y"})
