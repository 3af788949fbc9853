"""Shared fixtures: the pipeline is loaded once per test session."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

CASES = Path(__file__).parent / "cases"

# Tables cached between runs (diplograph.disk_cache) go to a directory of this test session,
# not to the user's ~/.cache; CLI subprocesses inherit it.
os.environ.setdefault("DIPLOGRAPH_CACHE_DIR", tempfile.mkdtemp(prefix="diplograph-test-cache-"))


def load_cases(name: str) -> list[dict]:
    with (CASES / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def known_gaps() -> dict[str, str]:
    """Case ids we know we fail today, with the reason; see cases/known_gaps.tsv."""
    gaps = {}
    path = CASES / "known_gaps.tsv"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                case_id, _, reason = line.partition("\t")
                gaps[case_id.strip()] = reason.strip()
    return gaps


def case_params(name: str) -> list:
    """Cases as pytest params; known gaps are strict xfails, so a fixed gap must be removed
    from the list (and a new failure is never hidden)."""
    gaps = known_gaps()
    params = []
    for case in load_cases(name):
        marks = []
        if case["id"] in gaps:
            marks.append(pytest.mark.xfail(strict=True, reason=gaps[case["id"]]))
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


@pytest.fixture(scope="session")
def nlp():
    from diplograph.pipeline import load_pipeline

    return load_pipeline()
