"""Quote finding and attribution: a spaCy component that fills ``doc._.quotes``.

Direct quotes are found in the raw text (“”, "", «», ‘’), so that a quote running over
several sentences stays one quote. Each is attributed by the speech verb next to it:
after it (`”, – he said.`, `” the minister said, “`), before it (`She told reporters: “`),
or, when it has none, by continuing the previous quote's speaker. Indirect speech ("X said
that ...") becomes an ``indirect`` quote. Speakers are resolved to actors, pronouns included.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..coding.arguments import subject_tokens
from ..guard import guarded
from ..knowledge import load_knowledge
from ..records import Actor, ActorRef, Quote

#: Opening mark -> pattern of a whole quote. The inner text is group 1.
QUOTE_PATTERNS = (
    re.compile(r"“([^”]+)”"),
    re.compile(r"«\s*([^»]+?)\s*»"),
    re.compile(r'"([^"]+)"'),
    re.compile(r"(?<!\w)‘([^‘]+?)’(?!\w)"),
)
#: Fewer words than this and no sentence punctuation: scare quotes ("a 'coup'"), not speech.
MIN_QUOTE_WORDS = 4
#: How far (in tokens) the attribution may stand from the quote.
ATTRIBUTION_WINDOW = 8
#: Characters between two quotes of the same speaker when the second has no attribution.
CONTINUATION_GAP = 400


@dataclass
class QuoteSpan:
    start: int
    end: int  # inner text, without the marks
    mark_end: int  # after the closing mark
    speaker_token: Token | None = None
    speaker: Actor | None = None
    speaker_text: str | None = None


class QuoteFinder:
    """spaCy component ``diplograph_quotes``."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self._sent_starts: list[int] = []
        self._text = ""  # of the document being read
        know = load_knowledge()
        self.speech_verbs = know.words("speech_verbs")
        self.first_person = know.words("first_person")
        self.person_pronouns = know.words("third_person_singular_person")
        self.nonperson_pronouns = know.words("third_person_nonperson")

    def __call__(self, doc: Doc) -> Doc:
        return guarded("quotes", self._find, _no_quotes, doc)

    def _find(self, doc: Doc) -> Doc:
        table = doc._.actor_table
        self._sent_starts = [sent.start_char for sent in doc.sents]  # of the document being read
        self._text = doc.text  # Doc.text is rebuilt from the tokens on every access
        spans = self._direct_spans(self._text)
        starts = [t.idx for t in doc]
        for k, span in enumerate(spans):
            self._attribute(doc, table, span, starts)
            if span.speaker_token is None and k > 0:
                previous = spans[k - 1]
                if previous.speaker_text and span.start - previous.mark_end <= CONTINUATION_GAP:
                    span.speaker, span.speaker_text = previous.speaker, previous.speaker_text
        doc._.quote_spans = spans
        quotes = [self._record(doc, s.start, s.end, "direct", s.speaker, s.speaker_text) for s in spans]
        quotes.extend(self._indirect(doc, table, spans))
        quotes.sort(key=lambda q: q.start)
        doc._.quotes = quotes
        return doc

    # -- direct quotes --------------------------------------------------------------------

    @staticmethod
    def _direct_spans(text: str) -> list[QuoteSpan]:
        found: list[QuoteSpan] = []
        taken: list[tuple[int, int]] = []
        for pattern in QUOTE_PATTERNS:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                if any(a <= match.start() < b or a < match.end() <= b for a, b in taken):
                    continue
                inner = match.group(1).strip()
                if len(inner.split()) < MIN_QUOTE_WORDS and not re.search(r"[.!?]$", inner):
                    continue
                taken.append(match.span())
                # Trim spaces inside the marks so that offsets point at words.
                start += len(match.group(1)) - len(match.group(1).lstrip())
                end -= len(match.group(1)) - len(match.group(1).rstrip())
                found.append(QuoteSpan(start, end, match.end()))
        found.sort(key=lambda s: s.start)
        return found

    def _attribute(self, doc: Doc, table, span: QuoteSpan, starts: list[int]) -> None:
        first_inside = bisect.bisect_left(starts, span.start)
        after = bisect.bisect_left(starts, span.mark_end)
        verb = self._speech_verb_after(doc, after, span)
        if verb is None:
            verb = self._speech_verb_before(doc, first_inside, span)
        if verb is None:
            verb = self._reporting_verb_around(doc, first_inside, span)
        colon_clause = verb is None
        if verb is None:
            verb = self._clause_before_colon(doc, first_inside)
        if verb is None:
            return
        subject = self._speaker_of(verb, span)
        if subject is None:
            return
        speaker, text = self._resolve_speaker(table, subject, first_inside)
        if colon_clause and speaker is None and subject.lower_ not in self.person_pronouns:
            return  # "The result was clear: “...”": without a speech verb only an actor speaks
        span.speaker_token = subject
        span.speaker, span.speaker_text = speaker, text

    def _speech_verb_after(self, doc: Doc, i: int, span: QuoteSpan) -> Token | None:
        inner = self._text[span.start : span.end].rstrip()
        rest = self._text[span.mark_end : span.mark_end + 40].lstrip(" \t")
        if inner.endswith((".", "!", "?")) and rest[:1].isupper():
            return None  # the quote closed its sentence; what follows is a new one
        seen = 0
        while i < len(doc) and seen < ATTRIBUTION_WINDOW:
            token = doc[i]
            if "\n" in token.text or "\n" in self._text[span.mark_end : token.idx]:
                return None  # an attribution never starts a new paragraph
            verb = self._verb_of_subject_starting_at(token, span)
            if verb is not None:
                return verb
            if token.idx >= span.mark_end and token.text in ("“", "«", '"') and seen > 0:
                return None
            if token.is_punct or token.is_space:
                if token.text in (".", "!", "?") and seen > 0:
                    return None
                i += 1
                continue
            if self._is_speech_verb(token):
                if _has_reported_clause(token):
                    return None  # "He added that ...": reported speech of its own
                return token
            seen += 1
            i += 1
        return None

    def _verb_of_subject_starting_at(self, token: Token, span: QuoteSpan) -> Token | None:
        """ "”, the chief of the Philippine armed forces, General Rafael Santos, said.": a long
        subject phrase with an apposition outruns any word window, so when the words after the
        quote open the subject of a speech verb, that verb is the attribution however long the
        subject is."""
        if token.is_punct or token.is_space or token.idx < span.mark_end:
            return None
        subject = next(
            (a for a in [token, *token.ancestors] if a.dep_ in ("nsubj", "nsubjpass") and a.left_edge.i == token.i),
            None,
        )
        if subject is None:
            return None
        verb = subject.head
        if verb.i < subject.i or not self._is_speech_verb(verb) or _has_reported_clause(verb):
            return None
        if any(t.text in (".", "!", "?", "“", "«", '"') for t in token.doc[token.i : verb.i]):
            return None  # the subject phrase never crosses a sentence end or another quote
        return verb

    def _is_speech_verb(self, token: Token) -> bool:
        return token.lemma_.lower() in self.speech_verbs and token.pos_ in ("VERB", "AUX")

    def _speech_verb_before(self, doc: Doc, first_inside: int, span: QuoteSpan) -> Token | None:
        """ "She told reporters: “...”", "Maduro said, “...”": look back to the sentence start."""
        if first_inside == 0:
            return None
        before = doc[first_inside - 1]
        while before.i > 0 and before.text in ("“", "«", '"', "‘") or before.is_space:
            before = doc[before.i - 1]
        if before.text not in (":", ","):
            return None
        i = before.i - 1
        while i >= 0 and before.i - i <= ATTRIBUTION_WINDOW + 4:
            token = doc[i]
            if token.text in (".", "!", "?", "”", "»", '"') and token.i < before.i - 1:
                break
            if token.lemma_.lower() in self.speech_verbs and token.pos_ in ("VERB", "AUX"):
                return token
            i -= 1
        return None

    def _reporting_verb_around(self, doc: Doc, first_inside: int, span: QuoteSpan) -> Token | None:
        """ "X told the forum that climate change was “the single greatest threat”": a quote
        inside the clause reported by a speech verb is the words of that verb's subject."""
        if first_inside >= len(doc):
            return None
        for ancestor in doc[first_inside].ancestors:
            if ancestor.dep_ == "ccomp" and ancestor.idx < span.start:
                verb = ancestor.head
                if self._is_speech_verb(verb) and verb.idx < span.start and not _negated(verb):
                    return verb
        return None

    @staticmethod
    def _clause_before_colon(doc: Doc, first_inside: int) -> Token | None:
        """ "His counterpart was less patient: “...”": a clause ending in a colon right
        before the quote introduces it even without a speech verb."""
        i = first_inside - 1
        while i >= 0 and (doc[i].text in ("“", "«", '"', "‘") or doc[i].is_space):
            i -= 1
        if i < 0 or doc[i].text != ":":
            return None
        root = _clause_root(doc[doc[i].sent.start : i])
        if root is not None and any(c.dep_ == "nsubj" for c in root.children):
            return root
        return None

    @staticmethod
    def _speaker_of(verb: Token, span: QuoteSpan) -> Token | None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not (span.start <= child.idx < span.end):
                return child
        # Some parses hang the subject of "said" under the quote's verb; take the nearest
        # noun or pronoun next to the speech verb instead.
        for token in (verb.nbor(1) if verb.i + 1 < len(verb.doc) else None, verb.nbor(-1) if verb.i > 0 else None):
            if (
                token is not None
                and token.pos_ in ("PROPN", "PRON", "NOUN")
                and not (span.start <= token.idx < span.end)
            ):
                return token
        return None

    def _resolve_speaker(self, table, token: Token, before_i: int) -> tuple[Actor | None, str]:
        """The actor who speaks through the subject ``token``, and the words that name it."""
        lower = token.lower_
        if lower in self.person_pronouns:
            return self._person_pronoun(table, token, before_i), token.text
        if lower in self.nonperson_pronouns:
            return table.collective_before(before_i), token.text
        named = self._naming_token(table, token)
        return table.actor_at(named.i), _phrase_text(named)

    @staticmethod
    def _person_pronoun(table, token: Token, before_i: int) -> Actor | None:
        """ "he said": the person named before; in a lead that names nobody before the quote
        ("“...,” he said. The announcement by Interior Minister X came ..."), the person
        named in the next sentence."""
        actor = table.person_before(before_i)
        if actor is None:
            actor = table.person_after(token.i)
        return actor

    @staticmethod
    def _naming_token(table, token: Token) -> Token:
        """The head of the phrase that names the speaker of subject ``token``.

        "A Taliban spokesman, Zabihullah Rahimi, said": the person in apposition, not the
        group the role phrase names; "the statement from Jakarta": the phrase the statement
        comes from, since a statement cannot speak. Otherwise the subject itself."""
        actor = table.actor_at(token.i)
        for child in token.children:
            appositive = table.actor_at(child.i) if child.dep_ == "appos" else None
            if appositive is not None and (actor is None or appositive.kind == "person"):
                return child
        if actor is None:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("from", "of", "by"):
                    for pobj in child.children:
                        if pobj.dep_ == "pobj" and table.actor_at(pobj.i) is not None:
                            return pobj
        return token

    # -- indirect speech ------------------------------------------------------------------

    def _indirect(self, doc: Doc, table, spans: list[QuoteSpan]) -> list[Quote]:
        quotes = []
        for token in doc:
            if token.lemma_.lower() not in self.speech_verbs or token.pos_ != "VERB":
                continue
            if any(s.start <= token.idx < s.end for s in spans):
                continue
            if _negated(token):
                continue  # "has not said whether ..." reports nothing
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            # "told a newspaper, adding that ...": the subject of the verb it hangs on.
            subjects = subject_tokens(token)
            subject = subjects[0] if subjects else None
            if clause is None or subject is None:
                continue
            subtree = list(clause.subtree)
            # The reported clause follows the verb ("said that", "told the forum in Apia that");
            # anything else is a parse of a relative or a direct quote's attribution.
            if not _follows_verb_closely(token, subtree[0]):
                continue
            words = [t for t in subtree if t.dep_ != "mark" or t.head.i != clause.i]
            if not words:
                continue
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            if any(s.start <= start < s.mark_end for s in spans):
                continue
            actor, text = self._resolve_speaker(table, subject, subject.i)
            quotes.append(self._record(doc, start, end, "indirect", actor, text))
        return quotes

    def _record(self, doc: Doc, start: int, end: int, kind: str, speaker: Actor | None, text: str | None) -> Quote:
        sent_index = max(0, bisect.bisect_right(self._sent_starts, start) - 1)
        ref: ActorRef | None = None
        if speaker is not None:
            ref = speaker.ref(text or speaker.name)
        elif text:
            ref = ActorRef(text=text, name=text, code="", country=None, sector=None, kind="other")
        return Quote(text=self._text[start:end], start=start, end=end, kind=kind, speaker=ref, sentence=sent_index)


def _clause_root(words) -> Token | None:
    """The verb that heads the words before a colon. The parser often hangs the clause under
    the quote's verb ("The statement from Jakarta was clear: “Indonesia will defend ...”" has
    "defend" as sentence root), so the sentence root will not do: take the word of the span
    whose head lies outside it."""
    heads = [t for t in words if t.head.i == t.i or not (words.start <= t.head.i < words.end)]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if len(verbs) == 1 else None


#: What may stand between a speech verb and the clause it reports: its addressee and a
#: short circumstance ("told the forum in Apia that", "said on Monday that").
VERB_TO_CLAUSE_DEPS = frozenset({"dobj", "dative", "prep", "npadvmod", "advmod", "punct"})
#: At most this many words between a speech verb and the clause it reports.
VERB_TO_CLAUSE_WORDS = 8


def _follows_verb_closely(verb: Token, clause_start: Token) -> bool:
    """True when the reported clause starts right after ``verb`` or only the verb's addressee
    and circumstances stand between them."""
    if clause_start.i <= verb.i:
        return False
    if clause_start.i <= verb.i + 4:
        return True
    if clause_start.i - verb.i - 1 > VERB_TO_CLAUSE_WORDS:
        return False
    allowed = {t.i for c in verb.children if c.dep_ in VERB_TO_CLAUSE_DEPS for t in c.subtree}
    return all(i in allowed for i in range(verb.i + 1, clause_start.i))


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _has_reported_clause(verb: Token) -> bool:
    """True for "added that ...", "said the talks ...": the verb reports a clause of its own."""
    return any(
        c.dep_ == "ccomp" and c.i > verb.i and c.left_edge.i <= verb.i + 3 and c.left_edge.is_alpha
        for c in verb.children
    )


def _phrase_text(token: Token) -> str:
    """The words of the noun phrase headed by ``token`` (without clauses): its left part and
    the name words that continue it to the right, not those of an apposition to its right
    ("A Taliban spokesman", not "A Taliban spokesman, Zabihullah")."""
    words = [t for t in token.subtree if t.i <= token.i or _continues_name(t, token)]
    words = [t for t in words if t.dep_ not in ("relcl", "punct")]
    if not words:
        return token.text
    return token.doc[words[0].i : words[-1].i + 1].text


def _continues_name(word: Token, head: Token) -> bool:
    """True for a word right of ``head`` joined to it by compound/flat links only."""
    while word.i != head.i:
        if word.dep_ not in ("compound", "flat") or word.head.i == word.i:
            return False
        word = word.head
    return True


def _no_quotes(doc: Doc) -> None:
    doc._.quotes, doc._.quote_spans = [], []


def register_extensions() -> None:
    for name in ("quotes", "quote_spans"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory(
    "diplograph_quotes",
    requires=["doc._.actor_table", "token.dep", "token.lemma"],
    assigns=["doc._.quotes"],
)
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    register_extensions()
    return QuoteFinder(nlp, name)
