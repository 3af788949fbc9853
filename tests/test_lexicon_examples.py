"""Every lexicon row carries an example sentence; each one is coded with the row's code.

Rows whose example we do not code yet are listed in cases/lexicon_gaps.tsv and run as strict
expected failures, so the list only shrinks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph import Article, extract_articles
from diplograph.coding.lexicon import load_lexicon

GAPS = Path(__file__).parent / "cases" / "lexicon_gaps.tsv"


def lexicon_gaps() -> set[tuple[str, str]]:
    """(code, pattern) of the rows listed as gaps: stable when rows move in the file."""
    if not GAPS.exists():
        return set()
    lines = GAPS.read_text(encoding="utf-8").splitlines()
    return {tuple(line.split("\t")[:2]) for line in lines if line and not line.startswith("#")}


def example_params() -> list:
    gaps = lexicon_gaps()
    params = []
    for pattern in load_lexicon().patterns:
        listed = (pattern.code, pattern.raw) in gaps
        marks = [pytest.mark.xfail(strict=True, reason="listed in lexicon_gaps.tsv")] if listed else []
        params.append(pytest.param(pattern, id=pattern.source, marks=marks))
    return params


@pytest.fixture(scope="module")
def coded(nlp):
    """All examples coded in one pass (much faster than one pipeline call each)."""
    patterns = load_lexicon().patterns
    articles = [Article(text=p.example, date="2024-01-15") for p in patterns]
    results = extract_articles(articles, nlp=nlp, all_modalities=True, untargeted=True)
    return {p.source: r for p, r in zip(patterns, results, strict=True)}


@pytest.mark.parametrize("pattern", example_params())
def test_lexicon_example_is_coded_with_its_code(coded, pattern):
    assert pattern.example, f"{pattern.source} has no example"
    events = coded[pattern.source].events
    fitting = [e for e in events if e.code == pattern.code or e.evidence.rule.startswith(pattern.source + " ")]
    assert fitting, f"{pattern.example!r}: got {[(e.code, e.evidence.rule) for e in events]}"
    if pattern.has_target and not pattern.target_optional:
        assert any(e.target is not None for e in fitting), f"{pattern.example!r}: no target resolved"
