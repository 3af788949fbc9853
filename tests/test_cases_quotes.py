"""Quote finding and attribution on our own example texts (tests/cases/quotes.jsonl)."""

from __future__ import annotations

import pytest

from diplograph import Article, extract_articles

from .conftest import case_params

OPENING_MARKS = "\"“«'‘ "


def find_quote(result, expected):
    for quote in result.quotes:
        if quote.text.lstrip(OPENING_MARKS).startswith(expected["starts"]):
            return quote
    return None


@pytest.mark.parametrize("case", case_params("quotes.jsonl"))
def test_quotes_case(nlp, case):
    result = next(extract_articles([Article(text=case["text"], date=case.get("date"))], nlp=nlp))
    problems = []
    for expected in case["quotes"]:
        quote = find_quote(result, expected)
        if quote is None:
            problems.append(f"no quote starting {expected['starts']!r}")
            continue
        speaker = quote.speaker
        said_by = f"{speaker.name} {speaker.text}".lower() if speaker else ""
        if expected["speaker"] is None:
            # A negative case: nobody may be made the speaker.
            if speaker is not None:
                problems.append(f"{expected['starts']!r}: speaker {said_by!r}, expected none")
            continue
        if expected.get("not_speaker") and expected["not_speaker"].lower() in said_by:
            problems.append(f"{expected['starts']!r}: speaker {said_by!r} must not be {expected['not_speaker']!r}")
        if expected["speaker"].lower() not in said_by:
            problems.append(f"{expected['starts']!r}: speaker {said_by!r}, expected {expected['speaker']!r}")
        if expected.get("speaker_country") and (speaker is None or speaker.country != expected["speaker_country"]):
            problems.append(f"{expected['starts']!r}: speaker country {speaker.country if speaker else None}")
        if expected.get("kind") and quote.kind != expected["kind"]:
            problems.append(f"{expected['starts']!r}: kind {quote.kind}")
    assert not problems, "\n".join(problems)
