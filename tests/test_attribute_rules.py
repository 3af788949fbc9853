"""The compiled attribute ruler must annotate exactly as spaCy's AttributeRuler does."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from diplograph.attribute_rules import CompiledAttributeRuler, compile_attribute_ruler, compile_pattern
from diplograph.pipeline import DEFAULT_MODEL

EXAMPLES = Path(__file__).parent.parent / "examples"

#: Sentences that exercise the model's rarer rules: contractions, colloquial forms, "there
#: is", auxiliaries used as main verbs, determiners as pronouns, odd spacing.
HARD_SENTENCES = [
    "We're gonna sign it, y'all, and they ain't stopping us.",
    "There is no deal, and there were never any talks.",
    "She has a mandate; he did what he had to do, didn't he?",
    "Let's see what that means for those who 'd rather wait.",
    "I told him, and he told me:  nothin' changes.\n\nThe minister's aides got ta leave.",
    "C'mon, it's not as if somebody could've known that.",
    "Everybody gets a vote, but nobody got one in 2019.",
    "Was it the envoy who met them, or was it his deputy?",
]


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(DEFAULT_MODEL)
    compiled = spacy.load(DEFAULT_MODEL)
    assert compile_attribute_ruler(compiled)
    return stock, compiled


def test_compiled_ruler_replaces_the_models_ruler(pipelines) -> None:
    _, compiled = pipelines
    assert isinstance(compiled.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert compiled.pipe_names == spacy.load(DEFAULT_MODEL).pipe_names


def test_same_annotations_as_spacy_on_articles_and_hard_sentences(pipelines) -> None:
    stock, compiled = pipelines
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))] + HARD_SENTENCES
    for expected, got in zip(stock.pipe(texts), compiled.pipe(texts), strict=True):
        assert _annotations(got) == _annotations(expected)


def _ruler_pair(rules: list[dict]):
    """A blank pipeline with a stock ruler holding ``rules``, and one with the compiled copy."""
    stock = spacy.blank("en")
    stock.add_pipe("attribute_ruler").add_patterns(rules)
    compiled = spacy.blank("en")
    compiled.add_pipe("attribute_ruler").add_patterns(rules)
    assert compile_attribute_ruler(compiled)
    return stock, compiled


def test_later_rules_win_and_rules_see_the_tokens_before_any_change() -> None:
    rules = [
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"LEMMA": "talk", "POS": "NOUN"}},
        # Later rule on the same token: its POS wins, the earlier LEMMA stays.
        {"patterns": [[{"LOWER": {"IN": ["talks", "meets"]}}]], "attrs": {"POS": "VERB"}},
        # Tests the lower-case form, which no rule changes; and a two-token rule whose
        # attributes go to its last token (negative index).
        {"patterns": [[{"LOWER": "peace"}, {"LOWER": "talks"}]], "attrs": {"MORPH": "Number=Plur"}, "index": -1},
        # Not compilable (an operator): stays in a spaCy Matcher, in its turn.
        {"patterns": [[{"LOWER": "peace", "OP": "?"}, {"LOWER": "talks"}]], "attrs": {"POS": "PROPN"}, "index": -1},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"LOWER": {"REGEX": "^env(oy|oys)$"}}]], "attrs": {"LEMMA": "envoy"}},
        {"patterns": [[{"LOWER": {"NOT_IN": ["the", "talks"]}}]], "attrs": {"MORPH": "Foo=Bar"}},
    ]
    stock, compiled = _ruler_pair(rules)
    ruler = compiled.get_pipe("attribute_ruler")
    assert ruler.fallback is not None and len(ruler.fallback_rules) == 1
    text = "The envoys held peace talks.  Talks resume; the Envoy meets them."
    assert _annotations(compiled(text)) == _annotations(stock(text))
    assert compiled(text)[4].pos_ == "PROPN"  # the fallback rule came last, as in spaCy


def test_patterns_with_matcher_features_are_left_to_the_matcher() -> None:
    assert compile_pattern([{"LOWER": "a", "OP": "+"}]) is None
    assert compile_pattern([{"LEMMA": "be"}]) is None
    assert compile_pattern([{"LOWER": {"FUZZY": "envoy"}}]) is None
    assert compile_pattern([{}]) is None
    assert compile_pattern([{"TAG": "NN", "LOWER": {"IN": ["talk"]}}]) is not None


def test_pipeline_without_an_attribute_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not compile_attribute_ruler(nlp)
    assert nlp.pipe_names == []


def test_diplograph_pipeline_uses_the_compiled_ruler(nlp) -> None:
    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert isinstance(spacy.load(DEFAULT_MODEL).get_pipe("attribute_ruler"), AttributeRuler)
