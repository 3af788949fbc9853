"""The extractor never fails on arbitrary text, and what it returns points into the text."""

from __future__ import annotations

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph import Article, extract_articles

WORDS = st.sampled_from(
    "Russia condemned the attack on Ukraine . “ ” « » ' \" — – except ( ) it he they said that visited "
    "Paris Kremlin UN EU Maduro 2019-09-23 Monday in July two days earlier not will could Lima Group "
    "countries , and was by recognized supported . \n\n".split(" ")
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join)))
def test_fuzz_extract_survives_any_text(nlp, text):
    if not text.strip():
        return
    failures: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = failures.append  # a component that fails logs a warning and carries on
    logging.getLogger("diplograph").addHandler(handler)
    try:
        result = next(extract_articles([Article(text=text, date="2024-01-15")], nlp=nlp, all_modalities=True))
    finally:
        logging.getLogger("diplograph").removeHandler(handler)
    assert not failures, [r.getMessage() for r in failures]
    for event in result.events:
        assert 0 <= event.evidence.start <= event.evidence.end <= len(text)
        assert text[event.evidence.trigger_start : event.evidence.trigger_end] == event.evidence.trigger
    for quote in result.quotes:
        assert text[quote.start : quote.end] == quote.text
    for actor in result.actors:
        for start, end in actor.mentions:
            assert 0 <= start < end <= len(text)
