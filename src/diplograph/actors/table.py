"""The actors of one document: who they are, where they are mentioned, and how later
mentions (surnames, role phrases, pronouns) find them again.

The resolver component fills an ``ActorTable``; the quote and event components ask it
questions (``actor_at``, ``person_before``, ...). It lives in ``doc._.actor_table``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Mention:
    """One place where an actor is named: tokens [start, end) and the head token."""

    actor_id: str
    start: int
    end: int
    head: int


@dataclass
class ActorTable:
    doc: Doc
    actors: dict[str, Actor] = field(default_factory=dict)
    #: head token index -> actor id
    heads: dict[int, str] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    #: modifier token index -> actor id, for names used as modifiers ("EU sanctions",
    #: "Chinese support"): not actors of their own phrase, but the doers of nominal events
    modifiers: dict[int, str] = field(default_factory=dict)
    #: head token index -> further actors the same phrase names ("the leaders of A and B")
    members: dict[int, list[str]] = field(default_factory=dict)
    #: token indices inside "except ..."-style phrases: never event participants
    excluded: set[int] = field(default_factory=set)
    #: lowercase name or surname -> person actor id, learned while reading
    person_names: dict[str, str] = field(default_factory=dict)
    #: role term -> person actor ids that hold it in this article, in order of appearance
    person_roles: dict[str, list[str]] = field(default_factory=dict)
    #: last words of roles held by one person ("minister"), from grammar.json
    person_role_words: frozenset[str] = frozenset()
    #: token index -> the PERSON entity covering it
    person_ents: dict[int, Span] = field(default_factory=dict)
    #: head token index -> its mention (``mention_at`` is called often)
    mention_by_head: dict[int, Mention] = field(default_factory=dict)

    def add(self, actor: Actor, start: int, end: int, head: int) -> Actor:
        """Record a mention of ``actor`` (merging with an equal actor already known)."""
        known = self.actors.get(actor.id)
        if known is None:
            self.actors[actor.id] = known = actor
        else:
            if known.role is None and actor.role:
                known.role = actor.role
        span = self.doc[start:end]
        known.mentions.append((span.start_char, span.end_char))
        self.heads[head] = known.id
        mention = Mention(known.id, start, end, head)
        self.mentions.append(mention)
        self.mention_by_head[head] = mention
        return known

    def persons_with_role(self, term: str) -> list[str]:
        """Person ids whose role is ``term`` or ends with it ("minister" finds the
        "foreign minister"), in order of appearance."""
        found = []
        for role, ids in self.person_roles.items():
            if role == term or role.endswith(" " + term):
                found.extend(ids)
        return sorted(
            set(found),
            key=lambda actor_id: self.actors[actor_id].mentions[0] if self.actors[actor_id].mentions else (0, 0),
        )

    def add_member(self, head: int, actor: Actor, start: int, end: int) -> None:
        known = self.actors.setdefault(actor.id, actor)
        span = self.doc[start:end]
        known.mentions.append((span.start_char, span.end_char))
        self.members.setdefault(head, []).append(known.id)

    def members_at(self, token_i: int) -> list[Actor]:
        return [self.actors[actor_id] for actor_id in self.members.get(token_i, [])]

    def add_modifier(self, actor: Actor, start: int, end: int, token_i: int) -> None:
        """Record a name used as a modifier ("EU sanctions"): listed with its mention,
        usable as the doer of a nominal event, but not the head of a phrase."""
        known = self.actors.setdefault(actor.id, actor)
        span = self.doc[start:end]
        known.mentions.append((span.start_char, span.end_char))
        self.modifiers[token_i] = known.id

    def actor_at(self, token_i: int) -> Actor | None:
        actor_id = self.heads.get(token_i)
        return self.actors[actor_id] if actor_id else None

    def known_actor_at(self, token_i: int) -> Actor | None:
        """``actor_at`` without placeholders of people of no known country ("protesters")."""
        actor = self.actor_at(token_i)
        return actor if actor is not None and not is_placeholder(actor) else None

    def modifier_actor(self, token_i: int) -> Actor | None:
        actor_id = self.modifiers.get(token_i)
        return self.actors.get(actor_id) if actor_id else None

    def mention_at(self, token_i: int) -> Mention | None:
        return self.mention_by_head.get(token_i)

    def _mentions_before(self, token_i: int, *, min_token: int = 0) -> list[Mention]:
        return [m for m in self.mentions if min_token <= m.head < token_i and m.head not in self.excluded]

    def is_personal(self, mention: Mention) -> bool:
        """A person, or a role phrase that names one person ("the foreign minister")."""
        actor = self.actors[mention.actor_id]
        if actor.kind == "person":
            return True
        head = self.doc[mention.head]
        return bool(actor.role) and actor.role.split()[-1] in self.person_role_words and head.tag_ in ("NN", "NNP")

    def person_before(self, token_i: int, *, exclude: frozenset[str] = frozenset()) -> Actor | None:
        """Who "he" or "she" at ``token_i`` most likely is: the last person named earlier
        in the same sentence; otherwise, going back sentence by sentence, the subject of
        that sentence if it is a person, else the last person named in it."""
        doc = self.doc
        sentence = doc[min(token_i, len(doc) - 1)].sent if len(doc) else None
        candidates = [m for m in self._mentions_before(token_i) if self.is_personal(m) and m.actor_id not in exclude]
        if not candidates or sentence is None:
            return None
        same = [m for m in candidates if m.head >= sentence.start]
        if same:
            return self.actors[same[-1].actor_id]
        by_sentence: dict[int, list[Mention]] = {}
        for mention in candidates:
            by_sentence.setdefault(doc[mention.head].sent.start, []).append(mention)
        for start in sorted(by_sentence, reverse=True):
            mentions = by_sentence[start]
            subjects = [m for m in mentions if doc[m.head].dep_ in ("nsubj", "nsubjpass")]
            return self.actors[(subjects[0] if subjects else mentions[-1]).actor_id]
        return None

    def person_after(self, token_i: int) -> Actor | None:
        """The first person named after ``token_i`` in its own or the next sentence: the
        referent of a pronoun that opens an article before anyone is named (cataphora)."""
        doc = self.doc
        if not len(doc) or token_i >= len(doc):
            return None
        sentence = doc[token_i].sent
        limit = doc[sentence.end].sent.end if sentence.end < len(doc) else sentence.end
        for mention in self.mentions:
            if token_i < mention.head < limit and mention.head not in self.excluded and self.is_personal(mention):
                return self.actors[mention.actor_id]
        return None

    def collective_before(
        self, token_i: int, *, min_token: int = 0, exclude: frozenset[str] = frozenset()
    ) -> Actor | None:
        """The last non-person actor with a country or an IGO (for it/they); a place named as
        where something happened ("a concert in London") is no antecedent."""
        for mention in reversed(self._mentions_before(token_i, min_token=min_token)):
            actor = self.actors[mention.actor_id]
            if actor.id in exclude:
                continue
            head = self.doc[mention.head]
            if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
                continue
            if actor.kind != "person" and (actor.country or actor.kind == "igo"):
                return actor
        return None

    def state_before(self, token_i: int, *, countries: set[str] | None = None) -> Actor | None:
        """The last country (state) mentioned before ``token_i``, optionally among ``countries``."""
        for mention in reversed(self._mentions_before(token_i)):
            actor = self.actors[mention.actor_id]
            if actor.kind == "state" and (countries is None or actor.country in countries):
                return actor
        return None

    def ordered_actors(self) -> list[Actor]:
        """Actors in order of first mention, without the placeholders of people whose country
        is not known ("protesters" alone; see ``ActorResolver._role_actor``)."""
        known = (a for a in self.actors.values() if not is_placeholder(a))
        return sorted(known, key=lambda a: a.mentions[0] if a.mentions else (0, 0))


#: Prepositions that make a name the place of something rather than an actor.
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "to", "from", "into"})


def is_placeholder(actor: Actor) -> bool:
    """A generic group with no country yet ("protesters", "the government"): the event coder
    gives it the country of the place or of the other side, or drops it."""
    return actor.id.startswith("---")
