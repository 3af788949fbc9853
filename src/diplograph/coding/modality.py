"""Did it happen? Modality of an event from the words around its trigger.

Order of precedence: negated > hypothetical > intended/expected > reported > asserted.
"Reported" also records who made the claim (``attributed_to``), which is kept when the
claim is about an intention ("Peskov said the visit is expected": expected, by Peskov).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..knowledge import Knowledge
from .arguments import allegation_verb, clause_verb, subject_tokens


@dataclass
class Modality:
    value: str
    speaker: Token | None = None  # the subject of the speech verb, for reported events
    in_quote: bool = False
    cue: str = ""


def auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries of ``verb``; a coordinated verb with no subject or auxiliary of its own
    shares those of the verb it is coordinated with ("said it would treat them as invaders
    and fight them": "fight" is under "would" too)."""
    current = verb
    for _ in range(4):
        own = [c for c in current.children if c.dep_ in ("aux", "auxpass")]
        if own or current.dep_ != "conj" or current.head.pos_ not in ("VERB", "AUX"):
            return [c for c in own if c.dep_ == "aux"]
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
            return []
        current = current.head
    return []


class ModalityDetector:
    def __init__(self, know: Knowledge):
        self.negators = know.words("negators")
        self.negating_verbs = know.words("negating_verbs")
        self.hypothetical_aux = know.words("hypothetical_aux")
        self.future_aux = know.words("future_aux")
        self.hypothetical_verbs = know.words("hypothetical_verbs")
        self.intention_verbs = know.words("intention_verbs")
        self.expectation_verbs = know.words("expectation_verbs")
        self.expectation_adjectives = know.words("expectation_adjectives")
        self.intention_nouns = know.words("intention_nouns")
        self.intention_adjectives = know.words("intention_adjectives")
        self.conditional_marks = know.words("conditional_marks")
        self.speech_verbs = know.words("speech_verbs")
        self.allegation_verbs = know.words("allegation_verbs")
        self.denial_verbs = know.words("denial_verbs")

    def detect(self, trigger: Token, *, in_quote: bool) -> Modality:
        verb = clause_verb(trigger)
        chain = self._governing_chain(verb)
        negated = self._negated(trigger, verb, chain)
        if negated:
            return Modality("negated", cue=negated)
        hypothetical = self._hypothetical(verb, chain)
        if hypothetical:
            return Modality("hypothetical", cue=hypothetical)
        speaker = self._reporter(verb, chain)
        future = self._future(trigger, verb, chain, reported=speaker is not None or in_quote)
        if future:
            return Modality(future[0], speaker=speaker, in_quote=in_quote, cue=future[1])
        if speaker is not None or in_quote:
            return Modality("reported", speaker=speaker, in_quote=in_quote, cue="speech")
        return Modality("asserted")

    @staticmethod
    def _governing_chain(verb: Token) -> list[Token]:
        """The verbs above ``verb`` through control and complement clauses, nearest first."""
        chain = []
        current = verb
        for _ in range(5):
            if current.dep_ in ("xcomp", "ccomp", "conj", "advcl", "acomp") and current.head.i != current.i:
                current = current.head
                chain.append(current)
            else:
                break
        return chain

    def _negated(self, trigger: Token, verb: Token, chain: list[Token]) -> str:
        for token in (trigger, verb):
            for child in token.children:
                if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                    return child.lower_
                # "no agreement was signed", "Neither Qatar nor Oman recalled ..."
                if child.dep_ in ("nsubj", "nsubjpass", "dobj") and token.pos_ in ("VERB", "AUX"):
                    for grand in child.children:
                        if (grand.dep_ == "det" and grand.lower_ in ("no", "neither")) or (
                            grand.dep_ == "preconj" and grand.lower_ == "neither"
                        ):
                            return grand.lower_
        # "refrained from criticising": a negating verb through a preposition.
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in self.negating_verbs:
            return verb.head.head.lemma_
        # "denied that it arms the RSF", "dismissed reports that it had attacked": the claim
        # is denied. (Only the verb right above: "denied that Russia said it would attack".)
        if chain and verb.dep_ in ("ccomp", "xcomp") and chain[0].lemma_.lower() in self.denial_verbs:
            return chain[0].lemma_
        # "refused to recognize", "did not agree to meet": negation one level up.
        link = verb
        for governor in chain:
            if link.dep_ == "xcomp":
                if governor.lemma_.lower() in self.negating_verbs:
                    return governor.lemma_
                if any(c.dep_ == "neg" for c in governor.children):
                    return "not " + governor.lemma_
            if link.dep_ != "conj":
                break
            link = governor
        return ""

    def _hypothetical(self, verb: Token, chain: list[Token]) -> str:
        for child in auxiliaries(verb):
            if child.lower_ in self.hypothetical_aux:
                return child.lower_
        for child in verb.children:
            if child.dep_ == "mark" and child.lower_ in self.conditional_marks:
                return child.lower_
        link = verb
        for governor in chain:
            if link.dep_ in ("xcomp", "ccomp") and governor.lemma_.lower() in self.hypothetical_verbs:
                if governor.lemma_.lower() not in self.intention_verbs:
                    return governor.lemma_
            if link.dep_ == "advcl":
                if any(c.dep_ == "mark" and c.lower_ in self.conditional_marks for c in link.children):
                    return "if"
            link = governor
        would = any(c.lower_ in ("would", "'d") for c in auxiliaries(verb))
        if would and not any(g.lemma_.lower() in self.speech_verbs for g in chain):
            return "would"
        return ""

    def _future(self, trigger: Token, verb: Token, chain: list[Token], *, reported: bool) -> tuple[str, str] | None:
        for child in auxiliaries(verb):
            if child.lower_ in self.future_aux:
                return "intended", child.lower_
            if child.lower_ in ("would", "'d") and reported:
                return "intended", "would"
        # "is going to visit"
        if verb.dep_ == "xcomp" and verb.head.lower_ == "going":
            return "intended", "going to"
        # "its readiness to cooperate", "a plan to send troops"
        if verb.dep_ in ("acl", "relcl", "xcomp") and verb.head.lemma_.lower() in self.intention_nouns:
            return "intended", verb.head.lemma_.lower()
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.lower_ in self.intention_adjectives:
            return "intended", verb.head.lower_
        link = verb
        for governor in chain[:2]:
            lemma = governor.lemma_.lower()
            if link.dep_ == "xcomp" and lemma in self.expectation_verbs:
                return "expected", lemma
            if link.dep_ == "xcomp" and lemma in self.intention_verbs:
                return "intended", lemma
            if link.dep_ == "xcomp" and lemma == "be" and governor.head.lower_ == "going":
                return "intended", "going to"
            link = governor
        # Nominal events: "the visit is expected", "preparations for a visit", "a planned visit".
        if trigger.pos_ == "NOUN":
            for child in trigger.children:
                if child.dep_ == "amod" and child.lower_ in self.expectation_adjectives:
                    return "expected", child.lower_
            if trigger.dep_ in ("nsubj", "nsubjpass"):
                head = trigger.head
                if head.lemma_.lower() in self.expectation_verbs or head.lower_ in self.expectation_adjectives:
                    return "expected", head.lower_
                for child in head.children:
                    if child.dep_ in ("acomp", "attr") and child.lower_ in self.expectation_adjectives:
                        return "expected", child.lower_
                    if child.dep_ == "aux" and child.lower_ in self.future_aux:
                        return "intended", child.lower_
            current = trigger
            for _ in range(3):
                if current.dep_ == "pobj" and current.head.dep_ == "prep":
                    owner = current.head.head
                    if owner.lemma_.lower() in self.intention_nouns:
                        return "intended", owner.lemma_
                    current = owner
                else:
                    break
        return None

    def _reporter(self, verb: Token, chain: list[Token]) -> Token | None:
        """The speaker when the event sits in what someone said ("X said that ...") or
        alleged ("X accused Y of arming rebels": the arming is X's claim)."""
        governor = allegation_verb(verb)
        if governor is not None:
            subjects = subject_tokens(governor)
            return subjects[0] if subjects else governor
        link = verb
        for governor in chain:
            if link.dep_ == "ccomp" and governor.lemma_.lower() in self.speech_verbs:
                subjects = subject_tokens(governor)
                return subjects[0] if subjects else governor
            link = governor
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for grand in child.children:
                    for obj in grand.children if grand.dep_ == "prep" else [grand]:
                        if obj.dep_ == "pobj":
                            return obj
        return None
