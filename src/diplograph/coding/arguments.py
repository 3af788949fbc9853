"""Who did it and to whom: source and target of an event trigger from the dependency parse.

Handles active and passive voice (agent lists after "by"), coordinated verbs that share a
subject, infinitive and participle clauses, nominal events ("X's visit to Y", "during a
trip to Y", "announced the severance of relations with Y"), coordinated and listed actors
("Russia, Belarus and Bolivia"), exclusions ("(except Mexico)") and pronouns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ..knowledge import load_knowledge

if TYPE_CHECKING:
    from ..knowledge import Knowledge

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
LIST_SKIP = frozenset({",", "and", "or", "(", ")", "as", "well", "also", "plus", "along", "with"})


def is_passive(verb: Token) -> bool:
    """A passive clause, or a reduced one ("..., mediated by the Emirates", "the talks
    brokered by China"): a participle with its "by" agent."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and any(c.dep_ == "agent" for c in verb.children)
    )


def clause_verb(token: Token) -> Token:
    """The verb whose clause contains ``token`` (the token itself when it is a verb)."""
    current = token
    for _ in range(12):
        if current.pos_ in ("VERB", "AUX") or current.head.i == current.i:
            return current
        current = current.head
    return current


def agent_tokens(verb: Token) -> list[Token]:
    """The "by" phrase of a passive verb, also when the parser hung it on a nearby noun."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            # "by Dakar and by the African Union": coordinated "by" phrases.
            preps = [child] + [c for c in child.conjuncts if c.lower_ == "by"]
            return [o for prep in preps for o in prep.children if o.dep_ == "pobj"]
    for token in verb.subtree:
        if token.lower_ == "by" and token.dep_ in ("prep", "agent") and clause_verb(token.head).i == verb.i:
            return [c for c in token.children if c.dep_ == "pobj"]
    return []


def allegation_verb(verb: Token) -> Token | None:
    """The verb of an allegation whose "of"/"for"-gerund ``verb`` is: "accused Tehran of arming
    rebels", "blamed Kyiv for shelling", also the later of coordinated phrases ("accused Doha
    of backing militants and of siding with Iran"). None otherwise."""
    if verb.dep_ != "pcomp" or verb.head.dep_ not in ("prep", "conj"):
        return None
    prep = verb.head
    for _ in range(4):
        if prep.dep_ == "conj" and prep.head.dep_ in ("prep", "conj"):
            prep = prep.head
        else:
            break
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    governor = prep.head
    return governor if governor.lemma_.lower() in load_knowledge().words("allegation_verbs") else None


def subject_tokens(verb: Token) -> list[Token]:
    """The subject of a verb, inherited through coordination and control when absent."""
    governor = allegation_verb(verb)
    if governor is not None:
        # Verbs whose "of"-gerund is an act of their object: "accused Tehran of arming rebels".
        accused = [c for c in governor.children if c.dep_ in ("dobj", "nsubjpass")]
        if accused:
            return accused
    current = verb
    for _ in range(6):
        if is_passive(current) and current.i != verb.i and not is_passive(verb):
            # "X was attacked and retaliated": the subject is shared across voices.
            subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
            if subjects:
                return subjects
        passive = is_passive(current)
        if passive:
            agents = agent_tokens(current)
            if agents:
                return agents
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "csubj")]
        if subjects and not passive:
            return subjects
        if current.dep_ == "conj" and current.head.pos_ in ("VERB", "AUX"):
            current = current.head
            continue
        if current.dep_ == "xcomp" and current.head.pos_ == "ADJ":
            # "it was ready to resume talks": the subject of the copula acts.
            current = current.head.head if current.head.head.i != current.head.i else current.head
            continue
        if current.dep_ == "xcomp":
            # "urged Iran to release ...": the object of the governing verb acts.
            objects = [c for c in current.head.children if c.dep_ == "dobj"]
            if objects and current.head.lemma_ not in ("promise", "vow"):
                return objects
            current = current.head
            continue
        if current.dep_ in ("advcl", "pcomp") and current.tag_ in ("VBG", "VBN"):
            current = clause_verb(current.head)
            continue
        if current.dep_ in ("relcl", "acl") and current.head.pos_ in ("NOUN", "PROPN"):
            return [current.head]
        return []
    return []


def object_token(verb: Token) -> Token | None:
    """The direct object, or the passive subject of a passive verb."""
    wanted = "nsubjpass" if is_passive(verb) else "dobj"
    for child in verb.children:
        if child.dep_ == wanted:
            return child
    if not is_passive(verb):
        for child in verb.children:
            if child.dep_ == "dative":
                return child
    return None


def prep_objects(heads: list[Token], preps: frozenset[str]) -> list[Token]:
    """Objects of the first matching preposition attached to any of ``heads``."""
    for head in heads:
        for child in head.children:
            if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return objects
    return []


def noun_source_tokens(noun: Token, know: Knowledge, table, pattern=None) -> list[Token]:
    """Who performs a nominal event: "X's visit", "a visit by X", "X made a visit",
    "during a visit ..., X said" (the subject of the clause the phrase modifies)."""
    for child in noun.children:
        if child.dep_ == "poss":
            return [child]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return [c for c in child.children if c.dep_ == "pobj"]
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and table.modifier_actor(child.i) is not None:
            return [child]
    # "the withdrawal of Rwandan troops": "of" names the doer when the target comes by
    # another preposition.
    target_preps = {p for step in (pattern.steps if pattern else ()) if step.kind == "prep_target" for p in step.preps}
    if target_preps and "of" not in target_preps:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                doers = [c for c in child.children if c.dep_ == "pobj" and table.actor_at(c.i) is not None]
                if doers:
                    return doers
    light_verbs = know.words("light_verbs")
    # "during a trip to Caracas, Ryabkov discussed ...": the subject made the trip. Not so
    # for "after the police raid ..., Mexico broke off relations".
    same_actor = know.words("same_actor_preps")
    current = noun
    for _ in range(4):
        head = current.head
        if current.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            if head.lemma_.lower() in light_verbs:
                return subject_tokens(head)
            return []
        if current.dep_ == "pobj" and head.dep_ == "prep":
            governor = head.head
            if governor.pos_ in ("VERB", "AUX"):
                meeting = (
                    head.lower_ in know.words("meeting_preps")
                    and pattern is not None
                    and pattern.code[:2] in ("03", "04")
                )
                # "After talks with Iraqi officials, Kuwait agreed ...": Kuwait held the talks.
                purpose = head.lower_ == "for" and governor.lemma_.lower() in know.words("travel_verbs")
                if head.lower_ in same_actor or meeting or purpose or governor.lemma_.lower() in light_verbs:
                    return subject_tokens(governor)
                return []
            current = governor
            continue
        if current.dep_ == "conj":
            current = head
            continue
        return []
    return []


def adjective_source_tokens(adj: Token) -> list[Token]:
    """ "X is grateful to Y": the subject of the copula; "X was concerned by Y" (a passive
    participle read as an adjective): its passive subject, not the "by" phrase."""
    if is_passive(adj):
        subjects = [c for c in adj.children if c.dep_ == "nsubjpass"]
        if subjects:
            return subjects
    head = adj.head if adj.dep_ in ("acomp", "amod", "attr") else adj
    if adj.dep_ == "amod" and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    return subject_tokens(head)


def expand_list(token: Token, table) -> list[Token]:
    """``token`` plus the actors listed with it: conjuncts, and, because parsers often
    garble long lists, every actor that follows it separated only by commas, "and",
    parentheses and exclusions ("the US, Lima Group countries (except Mexico), the OAS")."""
    found = [token]
    seen = {token.i}
    for conj in token.conjuncts:
        if conj.i not in seen:
            found.append(conj)
            seen.add(conj.i)
    doc = token.doc
    mention = table.mention_at(token.i)
    i = mention.end if mention is not None else token.i + 1
    sent_end = token.sent.end
    while i < sent_end:
        current = doc[i]
        if i in table.excluded:
            i += 1
            continue
        if current.lower_ in LIST_SKIP or current.text in ("-", "–"):
            i += 1
            continue
        mention = next((m for m in table.mentions if m.start <= i < m.end), None)
        if mention is None:
            # The words in front of a name ("the", "most") belong to the next mention.
            if current.dep_ in ("det", "amod", "compound", "nummod", "quantmod", "predet"):
                i += 1
                continue
            break
        if mention.head not in seen and mention.head not in table.excluded:
            found.append(doc[mention.head])
            seen.add(mention.head)
        i = max(mention.end, i + 1)
    return found
