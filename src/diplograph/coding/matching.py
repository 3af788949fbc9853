"""Checking a lexicon pattern against the dependency parse around a trigger word.

``match_pattern`` walks the pattern's steps (see ``lexicon.Step``). It keeps the words
matched so far, because a preposition may hang off the trigger, off a required word or off
the object ("impose sanctions on X", "call for the release of X").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from .arguments import is_passive, object_token
from .lexicon import Lemmas, Pattern, Step

OBJECT_DEPS = ("oprd", "attr", "dobj")
#: Words that measure an object: the object the pattern means is in their "of"/"in" phrase.
MEASURE_NOUNS = frozenset(
    "tonne ton batch consignment shipment package lot load round number dollar euro pound yuan million "
    "billion amount quantity supply convoy planeload truckload".split()
)
#: Steps that name or place the verb's object.
OBJECT_STEPS = frozenset({"object", "target", "object_target", "infinitive", "complement"})
MODIFIER_DEPS = ("compound", "amod", "nmod", "npadvmod")
COMPLEMENT_DEPS = ("oprd", "xcomp", "acomp", "advmod", "prt", "npadvmod", "dobj", "attr", "ccomp", "prep")


@dataclass
class Match:
    targets: list[Token] = field(default_factory=list)
    obj: Token | None = None


@dataclass
class _State:
    verb: Token
    required: list[Token]
    particle: Token | None = None
    obj: Token | None = None
    targets: list[Token] = field(default_factory=list)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _words_match(head: Token, positions: tuple[Lemmas, ...]) -> bool:
    """Each position is matched by the head or a distinct modifier of it."""
    words = [head] + [c for c in head.children if c.dep_ in MODIFIER_DEPS]
    used: set[int] = set()
    # Taken from the last: the last position names the head when it can.
    for lemmas in reversed(positions):
        found = next((w for w in words if w.i not in used and (_lemma(w) in lemmas or w.lower_ in lemmas)), None)
        if found is None:
            return False
        used.add(found.i)
    return True


def _object_candidates(verb: Token) -> list[Token]:
    candidates: list[Token] = []
    first = object_token(verb)
    if first is not None:
        candidates.append(first)
        candidates.extend(first.conjuncts)
    candidates.extend(c for c in verb.children if c.dep_ in OBJECT_DEPS and c not in candidates)
    # "sent 200 tonnes of rice", "pledged 500 million dollars in aid": what is measured.
    for candidate in list(candidates):
        if candidate.lemma_.lower() in MEASURE_NOUNS or candidate.like_num:
            for prep in candidate.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    candidates.extend(o for o in prep.children if o.dep_ == "pobj")
    return candidates


def _noun_objects(noun: Token) -> list[Token]:
    found = [c for c in noun.children if c.dep_ in MODIFIER_DEPS]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "for", "against"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _prep_children(heads: list[Token], preps: Lemmas) -> list[Token]:
    found = []
    for head in heads:
        for child in head.children:
            if child.dep_ in ("prep", "agent", "dative", "prt") and child.lower_ in preps:
                found.append(child)
            # "pull out of X": the preposition hangs off the particle.
            if child.dep_ in ("prt", "advmod"):
                found.extend(g for g in child.children if g.dep_ == "prep" and g.lower_ in preps)
    return found


def _step(state: _State, step: Step, pattern: Pattern) -> bool:
    kind = step.kind
    if kind == "particle":
        lemmas = step.lemmas[0]
        child = next(
            (c for c in state.verb.children if c.lower_ in lemmas and c.dep_ in ("prt", "prep", "advmod", "agent")),
            None,
        )
        if child is None:
            return False
        state.particle = child
        state.required.append(child)
        return True
    if kind == "object":
        if state.verb.pos_ in ("NOUN", "PROPN"):
            candidates = _noun_objects(state.verb)
        else:
            candidates = _object_candidates(state.verb)
        if state.particle is not None and state.particle.dep_ == "prep":
            # "agree on the text", "go on strike": what looked like a particle is a
            # preposition, and the object is its own.
            candidates = candidates + [c for c in state.particle.children if c.dep_ == "pobj"]
        for candidate in candidates:
            if _words_match(candidate, step.lemmas):
                state.obj = candidate
                state.required.append(candidate)
                return True
        return False
    if kind == "modifier":
        modifiers = [c for c in state.verb.children if c.dep_ in MODIFIER_DEPS]
        used: set[int] = set()
        for lemmas in step.lemmas:
            found = next((m for m in modifiers if m.i not in used and _lemma(m) in lemmas), None)
            if found is None:
                return False
            used.add(found.i)
        return True
    if kind == "prep_object":
        for prep in _prep_children(list(reversed(state.required)), step.preps):
            for pobj in prep.children:
                if pobj.dep_ in ("pobj", "pcomp") and _words_match(pobj, step.lemmas):
                    state.required.append(pobj)
                    return True
        return False
    if kind == "infinitive":
        lemmas = step.lemmas[0]
        for child in state.verb.children:
            if child.dep_ in ("xcomp", "ccomp", "advcl", "acl", "relcl") and _lemma(child) in lemmas:
                state.verb = child
                state.required.append(child)
                return True
        # "agree to a ceasefire": "to" followed by a noun is a preposition after all.
        return _step(state, Step("prep_object", (lemmas,), preps=frozenset({"to"})), pattern)
    if kind == "complement":
        for child in state.verb.children:
            if child.dep_ in COMPLEMENT_DEPS and child not in state.targets and _words_match(child, step.lemmas):
                state.required.append(child)
                return True
        return False
    if kind == "target":
        target = object_token(state.verb) if state.verb.pos_ in ("VERB", "AUX") else None
        if target is None and state.particle is not None and state.particle.dep_ == "prep":
            target = next((c for c in state.particle.children if c.dep_ == "pobj"), None)
        if target is None and state.verb.pos_ in ("VERB", "AUX") and not is_passive(state.verb):
            # A pattern that says what the clause does ("warn TARGET to face military action")
            # may take the clause's subject from any verb; a bare one only from directives.
            spelled_out = any(s.kind == "infinitive" for s in pattern.steps)
            target = _clause_subject(state.verb, any_verb=spelled_out)
        if target is not None:
            state.targets = [target]
        return target is not None or step.optional
    if kind == "object_target":
        if state.obj is not None:
            state.targets = [state.obj]
        return state.obj is not None or step.optional
    if kind == "prep_target":
        heads = list(reversed(state.required))
        if state.verb.pos_ in ("VERB", "AUX"):
            dobj = object_token(state.verb)
            if dobj is not None and dobj not in heads:
                heads.append(dobj)
        elif state.verb.dep_ == "dobj" and state.verb.head.pos_ == "VERB":
            # "opened an inquiry into X", "held talks with X": the parser often hangs the
            # noun's preposition on the verb.
            heads.append(state.verb.head)
        for prep in _prep_children(heads, step.preps):
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                state.targets = objects
                return True
            if prep.dep_ == "prt":
                # "turned down Iran": a particle, and the target is the direct object.
                dobj = object_token(prep.head)
                if dobj is not None:
                    state.targets = [dobj]
                    return True
        return step.optional
    raise ValueError(f"unknown step {kind}")


@lru_cache(maxsize=1)
def _directive_verbs() -> frozenset[str]:
    from ..knowledge import load_knowledge

    return load_knowledge().words("directive_verbs")


def _clause_subject(verb: Token, *, any_verb: bool = False) -> Token | None:
    """ "demanded that the Philippines remove ...": the subject of the that-clause, for verbs
    that tell someone what to do; "warned that Russia could invade" warns nobody in particular."""
    if not any_verb and verb.lemma_.lower() not in _directive_verbs():
        return None
    for child in verb.children:
        if child.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            return next((g for g in child.children if g.dep_ in ("nsubj", "nsubjpass")), None)
    return None


def match_pattern(token: Token, pattern: Pattern) -> Match | None:
    """If ``pattern`` applies at ``token``, its target tokens and object; otherwise None."""
    state = _State(verb=token, required=[token])
    for step in pattern.steps:
        if not _step(state, step, pattern):
            return None
    if pattern.pos == "VERB" and not any(s.kind in OBJECT_STEPS for s in pattern.steps):
        # "fly to X" is a visit, "flew medical teams to X" is not: a pattern that names no
        # object does not apply to a verb that has one.
        dobj = object_token(token)
        if dobj is not None and not is_passive(token) and dobj not in state.targets and dobj.pos_ != "PRON":
            return None
    return Match(targets=state.targets, obj=state.obj)
