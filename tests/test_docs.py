"""Docs stay honest: commands are documented, README examples run and print what they say."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from diplograph.cli.main import cli

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_every_command_is_documented(command):
    assert f"diplograph {command}" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"diplograph {command}" in README


def test_docs_readme_opens_with_the_two_commands():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert "diplograph extract examples/" in commands[0]
    assert commands[1].endswith(".venv/bin/pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/pytest" in ci


def test_docs_readme_python_example_prints_what_it_says(nlp):
    block = README.split("```python", 1)[1].split("```", 1)[0]
    expected = [line[2:] for line in block.splitlines() if line.startswith("# ")]
    code = "\n".join(line for line in block.splitlines() if not line.startswith("#"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.splitlines() == expected


def test_docs_readme_shows_real_extract_output(nlp):
    from click.testing import CliRunner

    shown = README.split("The first command prints", 1)[1].split("```", 2)[1]
    result = CliRunner().invoke(cli, ["extract", str(ROOT / "examples" / "sahel-mission-2024-05-14.txt")])
    assert result.exit_code == 0
    actual = [re.sub(r"^== \S+", "==", line).rstrip() for line in result.output.splitlines()]
    for line in shown.splitlines():
        line = re.sub(r"^== \S+", "==", line).rstrip()
        if line and line != "...":
            assert line in actual, line


def test_docs_evaluate_figures_match_a_fresh_run():
    """The figures in docs/evaluate.md are what `diplograph evaluate` prints today."""
    from click.testing import CliRunner

    doc = (ROOT / "docs" / "evaluate.md").read_text(encoding="utf-8")
    shown = doc.split("<!-- evaluate-figures -->", 1)[1].split("<!-- /evaluate-figures -->", 1)[0]
    shown = shown.strip().removeprefix("```").removesuffix("```").strip()
    gold = sorted(str(p) for p in (ROOT / "eval" / "sentences").glob("*.jsonl"))
    result = CliRunner().invoke(cli, ["evaluate", *gold, str(ROOT / "eval" / "articles" / "gold.jsonl")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == shown
