"""The event coder on our own example sentences (tests/cases/events.jsonl).

Each case lists the events a precise coder must find and those it must not produce;
any other event it emits counts as a false positive and fails the case.
"""

from __future__ import annotations

import pytest

from diplograph import Article, extract_articles
from diplograph.evaluate import check_case

from .conftest import case_params


@pytest.mark.parametrize("case", case_params("events.jsonl"))
def test_events_case(nlp, case):
    article = Article(text=case["text"], date=case.get("date"))
    result = next(extract_articles([article], nlp=nlp))
    report = check_case(case, result)
    assert report.ok, report.describe()
