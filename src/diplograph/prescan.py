"""A fast pre-scan that keeps the parser off sentences that cannot hold an event.

Parsing is most of the cost. Before spaCy sees an article, each sentence is checked with
plain string operations for two things an event needs: a word that can trigger one (any
inflection of a lexicon lemma) and something that can be an actor (a known name, a
capitalised word inside the sentence, a pronoun or a role word). Sentences that fail are
replaced by spaces of the same length, so every character offset stays valid and the
models only read what matters. Sentences with quotation marks are always kept (quotes and
their attributions), and so is the sentence before a kept one that has a pronoun in it.
The price: actors named only in skipped sentences are not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

#: A sentence ends at . ! ? (and closing quotes or brackets) followed by space, or at a newline.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’»)\]]*\s+|\n\s*")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
QUOTE_MARKS = frozenset('“”«»"')
#: Particles whose presence a pattern needs ("beat up TARGET"); prepositions are too common to help.
PARTICLE_WORDS = frozenset("up down out off back away over aside".split())
PRONOUNS = frozenset("he she it they we i his her its their our him them us".split())


#: For one trigger form: the word sets one of its patterns needs (each set: one of these
#: words must occur), or None when some pattern needs nothing besides the trigger.
Requirements = tuple[tuple[frozenset[str], ...], ...] | None


@dataclass(frozen=True)
class Vocabulary:
    """What the scan looks for: inflected trigger words (with the other words their patterns
    require, so "put" alone does not keep a sentence but "put ... on alert" does), and
    words that may name actors."""

    triggers: dict[str, Requirements]
    actor_words: frozenset[str]  # lowercase role words and lowercase demonyms/names

    def keeps(self, words: list[str]) -> bool:
        lowered = [w.lower() for w in words]
        present = set(lowered)
        if not any(self._triggers(w, present) for w in lowered if w in self.triggers):
            return False
        if any(w in PRONOUNS or w in self.actor_words for w in lowered):
            return True
        # Otherwise two capitalised words: two names that may have been learned earlier in
        # the article ("Ruto met Museveni").
        return sum(1 for w in words if w[:1].isupper()) >= 2

    def _triggers(self, form: str, present: set[str]) -> bool:
        requirements = self.triggers[form]
        if requirements is None:
            return True
        return any(all(options & present for options in needs) for needs in requirements)


def inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun lemma (irregular ones come from the
    model's lemmatizer exceptions)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=4)
def build_vocabulary(nlp: Language, lexicons: tuple[str, ...] = (), dictionaries: tuple[str, ...] = ()) -> Vocabulary:
    from .coding.lexicon import load_lexicon
    from .knowledge import load_knowledge

    lexicon = load_lexicon(lexicons)
    irregular = _irregular_forms(nlp)  # lemma -> forms such as "met", "struck", "sought"

    def forms_of(lemma: str) -> set[str]:
        return inflections(lemma) | irregular.get(lemma, set())

    needs_by_lemma: dict[str, list[tuple[frozenset[str], ...]] | None] = {}
    for pattern in lexicon.patterns:
        needs = tuple(
            frozenset(form for lemma in alternatives for form in forms_of(lemma))
            for step in pattern.steps
            for alternatives in step.lemmas
        ) + tuple(step.preps for step in pattern.steps if step.kind == "prep_target" and step.preps <= PARTICLE_WORDS)
        if not needs:
            needs_by_lemma[pattern.trigger] = None
        elif needs_by_lemma.get(pattern.trigger, []) is not None:
            needs_by_lemma.setdefault(pattern.trigger, []).append(needs)
    triggers: dict[str, Requirements] = {}
    for lemma, needs_list in needs_by_lemma.items():
        for form in forms_of(lemma):
            known = triggers.get(form, ())
            if needs_list is None or known is None:
                triggers[form] = None
            else:
                triggers[form] = tuple(known) + tuple(needs_list)
    know = load_knowledge(dictionaries)
    actor_words = {term.split()[-1] for term in know.roles}
    for surface in know.names:
        actor_words.update(w.lower() for w in surface.split())
    return Vocabulary(triggers, frozenset(actor_words))


def _irregular_forms(nlp: Language) -> dict[str, set[str]]:
    """Inflected forms the lemmatizer lists as exceptions, by lemma ("meet" -> {"met"})."""
    found: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return found
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return found
    for forms in lookups.get_table("lemma_exc").values():
        for form, lemmas in forms.items():
            for lemma in lemmas:
                found.setdefault(lemma, set()).add(form.lower())
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(frozen=True)
class Scan:
    text: str  # the text with skipped sentences blanked, same length as the original
    sentences: int
    kept: int
    #: character offsets where a skipped stretch starts or a kept sentence follows one: the
    #: parser is told a sentence starts there, so kept sentences stay sentences of their own
    boundaries: tuple[int, ...] = ()


def _keep_flags(text: str, vocabulary: Vocabulary) -> tuple[list[tuple[int, int]], list[bool]]:
    spans = sentence_spans(text)
    keep = []
    for start, end in spans:
        sentence = text[start:end]
        quoted = any(c in QUOTE_MARKS for c in sentence)
        keep.append(quoted or vocabulary.keeps(WORD.findall(sentence)))
    # A kept sentence with a pronoun ("It was welcomed by ...") needs the one before it.
    for k in range(len(spans) - 1, 0, -1):
        if keep[k] and not keep[k - 1]:
            words = WORD.findall(text[spans[k][0] : spans[k][1]])
            if any(w.lower() in PRONOUNS for w in words):
                keep[k - 1] = True
    return spans, keep


def scan(text: str, vocabulary: Vocabulary) -> Scan:
    """Blank the sentences of ``text`` that cannot hold an event (offsets unchanged)."""
    spans, keep = _keep_flags(text, vocabulary)
    if all(keep):
        return Scan(text, len(spans), len(spans))
    chars = list(text)
    boundaries = []
    for k, ((start, end), kept) in enumerate(zip(spans, keep, strict=True)):
        if k > 0 and kept != keep[k - 1] or (k == 0 and not kept):
            boundaries.append(start)
        if not kept:
            for i in range(start, end):
                if chars[i] != "\n":
                    chars[i] = " "
    return Scan("".join(chars), len(spans), sum(keep), tuple(boundaries))


def blank_unlikely_sentences(text: str, vocabulary: Vocabulary) -> tuple[str, int, int]:
    """``text`` with sentences that cannot hold an event blanked out (same length), how many
    sentences there were and how many were kept."""
    result = scan(text, vocabulary)
    return result.text, result.sentences, result.kept
