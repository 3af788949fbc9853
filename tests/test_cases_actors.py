"""Actor resolution on our own example texts (tests/cases/actors.jsonl)."""

from __future__ import annotations

import pytest

from diplograph import Article, extract_articles
from diplograph.evaluate import actor_key

from .conftest import case_params


def find_actor(result, text):
    """The actor with a mention that is, or ends with, ``text`` (mentions may carry "the")."""
    article = result.article.text
    for actor in result.actors:
        for start, end in actor.mentions:
            said = article[start:end]
            if said == text or said.endswith(" " + text) or said.removesuffix("’s").removesuffix("'s") == text:
                return actor
    return None


@pytest.mark.parametrize("case", case_params("actors.jsonl"))
def test_actors_case(nlp, case):
    result = next(extract_articles([Article(text=case["text"], date=case.get("date"))], nlp=nlp))
    problems = []
    for expected in case["actors"]:
        actor = find_actor(result, expected["text"])
        if actor is None:
            problems.append(f"no actor for {expected['text']!r}")
            continue
        for key in ("code", "country", "kind"):
            value = getattr(actor, key)
            if key == "code" and expected.get("code", "").startswith("IGO:"):
                value = actor_key(actor.ref(""))  # gold names bodies by key (IGO:AU)
            if key in expected and value != expected[key]:
                problems.append(f"{expected['text']!r}: {key} {getattr(actor, key)!r}, expected {expected[key]!r}")
    for text in case.get("not_actors", []):
        if find_actor(result, text) is not None:
            problems.append(f"{text!r} should not be an actor")
    assert not problems, "\n".join(problems)
