"""A faster stand-in for the model's attribute ruler, with exactly the same output.

English spaCy pipelines set coarse parts of speech, morphology and some lemmas with an
``AttributeRuler``: about 180 rules ("a token tagged NN is a NOUN", "'was' tagged VBD is AUX
with lemma 'be'", "'gon' before 'na' has lemma 'go'"). spaCy runs them through its general
token Matcher, which tries every rule on every token: about a tenth of the whole parse of a
news article. Here each rule is filed under the tag, lower-case form or dependency label its
first token needs, so a token is only tested against the few rules that can match it, and
the outcome for a token's one-token rules is remembered for the next token with the same
tag, form, label and spacing.

spaCy's semantics are kept: every rule is tested on the tokens as the tagger and parser left
them (before any rule changes them), and the rules that match a token are applied in the
order they were added, so that later rules win. Rules with Matcher features this module does
not read (operators such as ``"OP": "?"``, other attributes) stay in a spaCy Matcher and take
their turn in the same order. tests/test_attribute_rules.py checks that a pipeline gives the
same tags, parts of speech, morphology, lemmas and labels with either ruler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

#: Token attributes a compiled rule can test, in the order of the tuple ``_features`` reads.
FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")
TAG, LOWER, DEP, IS_SPACE = range(len(FEATURES))

#: What one token gets from the one-token rules matching it: (rule order, attrs) pairs.
Assignments = tuple[tuple[int, dict], ...]


@dataclass(frozen=True)
class Test:
    """One attribute test of a pattern token."""

    feature: int  # index into FEATURES
    values: frozenset = frozenset()  # the value must be one of these (or none, if negated)
    negated: bool = False
    regex: re.Pattern | None = None  # or else it must match this (re.search, as spaCy does)

    def passes(self, features: tuple) -> bool:
        value = features[self.feature]
        if self.regex is not None:
            return isinstance(value, str) and self.regex.search(value) is not None
        return (value in self.values) != self.negated

    @property
    def exact(self) -> frozenset | None:
        """The values that let the test pass, when it lists them."""
        return None if self.negated or self.regex is not None else self.values


@dataclass(frozen=True)
class Rule:
    order: int  # position in the ruler: later rules override earlier ones
    tokens: tuple[tuple[Test, ...], ...]  # the tests of each token of the pattern
    index: int  # which token of a match gets the attributes (may be negative)
    attrs: dict  # normalised attribute ids -> values, as the AttributeRuler stores them


def compile_test(key: str, spec: Any) -> Test | None:
    """The Test for ``{key: spec}`` of a Matcher token pattern, or None if it is not one
    of the plain forms (a value, IN / NOT_IN a list, REGEX)."""
    if key not in FEATURES:
        return None
    feature = FEATURES.index(key)
    if isinstance(spec, dict):
        if len(spec) != 1:
            return None
        ((operator, values),) = spec.items()
        if operator in ("IN", "NOT_IN") and isinstance(values, list):
            return Test(feature, frozenset(values), operator == "NOT_IN")
        if operator == "REGEX" and isinstance(values, str):
            return Test(feature, regex=re.compile(values))
        return None
    if isinstance(spec, (str, bool)):
        return Test(feature, frozenset([spec]))
    return None


def compile_pattern(pattern: list[dict]) -> tuple[tuple[Test, ...], ...] | None:
    """The tests of each token of ``pattern``, or None if the pattern needs the Matcher."""
    tokens = []
    for token_spec in pattern:
        tests = tuple(compile_test(key, spec) for key, spec in token_spec.items())
        if not tests or None in tests:
            return None
        tokens.append(tests)
    return tuple(tokens) if tokens else None


class RuleIndex:
    """Rules filed under a value their first token needs: its tag if it lists tags, else its
    lower-case form, else its dependency label; rules with none of these are always tried."""

    def __init__(self) -> None:
        self.by_value: tuple[dict, ...] = ({}, {}, {})  # TAG, LOWER, DEP
        self.always: list[Rule] = []

    def add(self, rule: Rule) -> None:
        for feature in (TAG, LOWER, DEP):
            test = next((t for t in rule.tokens[0] if t.feature == feature and t.exact is not None), None)
            if test is not None:
                for value in test.exact:
                    self.by_value[feature].setdefault(value, []).append(rule)
                return
        self.always.append(rule)

    def candidates(self, features: tuple) -> list[Rule]:
        found = list(self.always)
        for feature in (TAG, LOWER, DEP):
            found.extend(self.by_value[feature].get(features[feature], ()))
        return found


def _features(token) -> tuple:
    return (token.tag_, token.lower_, token.dep_, token.is_space)


class CompiledAttributeRuler:
    """spaCy component ``diplograph_attribute_ruler``: the rules of an ``AttributeRuler``
    (given to ``adopt``), applied without trying each rule on each token."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.vocab = nlp.vocab
        self.single = RuleIndex()  # one-token rules: their outcome depends on the token alone
        self.multi = RuleIndex()  # longer rules: tested on the tokens that follow, too
        self.fallback = None  # a spaCy Matcher for rules that could not be compiled
        self.fallback_rules: dict[int, Rule] = {}  # its match ids -> the rule
        self._outcomes: dict[tuple, Assignments] = {}  # one-token outcome by token features

    def adopt(self, ruler: AttributeRuler) -> None:
        """Take over the rules of ``ruler``, keeping their order."""
        from spacy.matcher import Matcher

        self._outcomes.clear()
        for order, (spec, attrs) in enumerate(zip(ruler.patterns, ruler.attrs, strict=True)):
            compiled = [compile_pattern(pattern) for pattern in spec["patterns"]]
            if all(tokens is not None for tokens in compiled):
                for tokens in compiled:
                    rule = Rule(order, tokens, spec["index"], attrs)
                    (self.single if len(tokens) == 1 else self.multi).add(rule)
                continue
            if self.fallback is None:
                self.fallback = Matcher(self.vocab)
            key = self.vocab.strings.add(f"diplograph_attribute_rule_{order}")
            self.fallback.add(key, spec["patterns"])
            self.fallback_rules[key] = Rule(order, (), spec["index"], attrs)

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        # First match everything on the unchanged tokens, then apply.
        features = [_features(token) for token in doc]
        assigned: list[Assignments] = [self._outcome(f) for f in features]
        extra: dict[int, list[tuple[int, dict]]] = {}  # token -> matches of longer rules
        for start, first in enumerate(features):
            for rule in self.multi.candidates(first):
                end = start + len(rule.tokens)
                if end <= len(doc) and all(
                    test.passes(features[start + k]) for k, tests in enumerate(rule.tokens) for test in tests
                ):
                    extra.setdefault(range(start, end)[rule.index], []).append((rule.order, rule.attrs))
        if self.fallback is not None:
            for match_id, start, end in self.fallback(doc, allow_missing=True):
                rule = self.fallback_rules[match_id]
                extra.setdefault(range(start, end)[rule.index], []).append((rule.order, rule.attrs))
        for i, token in enumerate(doc):
            matches = assigned[i]
            if i in extra:
                matches = tuple(sorted((*matches, *extra[i]), key=lambda m: m[0]))
            for _, attrs in matches:
                set_token_attrs(token, attrs)
        return doc

    def _outcome(self, features: tuple) -> Assignments:
        outcome = self._outcomes.get(features)
        if outcome is None:
            rules = self.single.candidates(features)
            outcome = tuple(
                (rule.order, rule.attrs)
                for rule in sorted(rules, key=lambda r: r.order)
                if all(test.passes(features) for test in rule.tokens[0])
            )
            if len(self._outcomes) < 200_000:  # bounded: token features repeat a lot in news
                self._outcomes[features] = outcome
        return outcome


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's ``AttributeRuler`` called ``name`` by a compiled one with the
    same rules. False, and nothing changed, if the pipeline has no such component."""
    from spacy.pipeline import AttributeRuler

    register()
    if name not in nlp.pipe_names or type(nlp.get_pipe(name)) is not AttributeRuler:
        return False
    original = nlp.get_pipe(name)
    nlp.replace_pipe(name, "diplograph_attribute_ruler").adopt(original)
    return True


def register() -> None:
    """Register the component factory with spaCy (once)."""
    from spacy.language import Language

    if not Language.has_factory("diplograph_attribute_ruler"):
        Language.factory("diplograph_attribute_ruler")(CompiledAttributeRuler)
