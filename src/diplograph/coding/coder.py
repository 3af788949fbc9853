"""The event coder: a spaCy component that turns triggers into CAMEO events (``doc._.events``).

For every word whose lemma is in the lexicon it tries the patterns (most specific first),
finds source and target actors in the parse, decides the modality and the date, and emits
one event per (source, target) pair. Events whose actors cannot be resolved to a country
or an international body are dropped: a missed event is better than a false one. Placing
actors the text leaves vague, and default targets, are in ``placing.py``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..guard import guarded
from ..knowledge import Knowledge, load_knowledge
from ..records import Actor, ActorRef, Event, Evidence
from . import arguments
from .dates import names_weekday, number_word, resolve_date
from .lexicon import Lexicon, Pattern, load_lexicon
from .matching import Match, match_pattern
from .modality import Modality, ModalityDetector
from .ontology import EventType, load_intent_codes, load_ontology, load_threat_codes, plover_for
from .places import load_gazetteer, locate
from .placing import PLACEABLE_SECTORS, STATE_ORGANS, Participant, Placing

#: Prepositions of mutual action: "talks with", "an agreement between".
MUTUAL_PREPS = frozenset({"with", "between"})
ANAPHORIC_DATE = re.compile(r"\b(earlier|later|before|after)\b", re.IGNORECASE)
#: Days in one unit of an interval between two events ("two days after", "a week before");
#: "hours after" is the same day.
INTERVAL_DAYS = {"day": 1, "week": 7, "hour": 0}
POS_CLASS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
#: Roots of reactions to a deed: condemning "the coup in Niger" targets Niger.
REACTION_ROOTS = frozenset({"01", "02", "05", "10", "11", "12"})
#: Pronouns that open a relative clause and stand for the noun before it.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
#: Roots of agreements and deals whose planned events are coded as intents (root 03).
COOPERATIVE_ROOTS = frozenset({"05", "06", "07", "08"})
#: CAMEO's code for a riot or violent protest.
VIOLENT_PROTEST = "145"
#: An event dated more than this many days before the article is background (historical).
HISTORICAL_AFTER_DAYS = 365


class EventCoder(Placing):
    """spaCy component ``diplograph_events``."""

    def __init__(self, nlp: Language, name: str, *, lexicons: list[str]):
        self.name = name
        self.know: Knowledge = load_knowledge()
        self.lexicon: Lexicon = load_lexicon(tuple(lexicons))
        self.ontology: dict[str, EventType] = load_ontology()
        self.intent_codes = load_intent_codes()
        self.threat_codes = load_threat_codes()
        self.modality = ModalityDetector(self.know)
        self.gazetteer = load_gazetteer()
        self._date_ents: list[Span] = []  # DATE entities of the document being coded
        self._dateline_country: str | None = None  # of the document being coded
        self.first_person = self.know.words("first_person")
        self.person_pronouns = self.know.words("third_person_singular_person")
        self.nonperson_pronouns = self.know.words("third_person_nonperson")
        self.anaphora_nouns = self.know.words("event_anaphora_nouns")
        self.anaphora_pronouns = self.know.words("event_anaphora_pronouns")
        self.light_verbs = self.know.words("light_verbs")
        self.reciprocal_verbs = self.know.words("reciprocal_verbs")
        self.relational_nouns = self.know.words("relational_nouns")
        self.person_role_words = self.know.words("person_role_words")
        self.intention_nouns = self.know.words("intention_nouns")
        self.adverbial_preps = self.know.words("adverbial_preps")
        self.meeting_preps = self.know.words("meeting_preps")
        self.place_target_roots = self.know.words("place_target_roots")
        self.home_target_codes = self.know.words("home_target_codes")
        self.home_roots = self.know.words("home_roots")
        self.foreign_target_codes = self.know.words("foreign_target_codes")
        self.crowd_sectors = self.know.words("crowd_sectors")
        self.implied_state_roots = self.know.words("implied_state_roots")
        self.travel_verbs = self.know.words("travel_verbs")
        self.abroad_codes = self.know.words("abroad_codes")
        self.opposition_sectors = self.know.words("opposition_sectors")
        self.opposition_roots = self.know.words("opposition_roots")
        self.stance_nouns = self.know.words("stance_nouns")
        self.self_moving_roots = self.know.words("self_moving_roots")
        self.threat_verbs = self.know.words("threat_verbs")
        self.diplomatic_roles = self.know.words("diplomatic_roles")
        self.irregular_sectors = self.know.words("irregular_sectors")
        self.irregular_recodes: dict[str, str] = dict(self.know.grammar.get("irregular_recodes", {}))
        sport_words = sorted(self.know.words("sport_words"), key=len, reverse=True)
        self.sport_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sport_words)) + r")s?\b", re.IGNORECASE)
        self.diplomatic_roots = self.know.words("diplomatic_roots")
        self.private_sectors = self.know.words("private_sectors")
        self.mutual_codes: dict[str, str] = dict(self.know.grammar.get("mutual_codes", {}))

    def __call__(self, doc: Doc) -> Doc:
        return guarded("events", self._code_doc, _no_events, doc)

    def _code_doc(self, doc: Doc) -> Doc:
        events: list[Event] = []
        table = doc._.actor_table
        # Span.ents rebuilds every entity on each call: collect the dates once per document.
        # A TIME entity that names a day ("Friday night") dates an event as a DATE does.
        self._date_ents = [
            ent for ent in doc.ents if ent.label_ == "DATE" or (ent.label_ == "TIME" and names_weekday(ent.text))
        ]
        self._dateline_country = self._dateline_country_of(doc, table)
        used_objects: set[int] = set()
        for sent_index, sent in enumerate(doc.sents):
            for token in sent:
                pos = POS_CLASS.get(token.pos_)
                if pos is None:
                    continue
                patterns = self.lexicon.candidates(token.lemma_.lower(), pos)
                if not patterns and pos == "VERB" and arguments.is_passive(token):
                    # "were deeply concerned by the violence": a participle used as an adjective.
                    patterns = self.lexicon.candidates(token.lower_, "ADJ")
                if not patterns:
                    continue
                if pos == "NOUN" and self._inside_other_event(token):
                    continue
                if token.i in used_objects:
                    continue  # "signed a partnership with X": the verb's pattern told this event
                chosen = self._choose_pattern(token, patterns)
                if chosen is not None:
                    pattern, matched = chosen
                    coded = self._code(doc, table, sent, sent_index, token, pattern, matched, events)
                    events.extend(coded)
                    if coded and matched.obj is not None:
                        used_objects.add(matched.obj.i)
        doc._.events = self._deduplicate(events)
        return doc

    def _choose_pattern(self, token: Token, patterns: list[Pattern]) -> tuple[Pattern, Match] | None:
        """The most specific pattern that applies. A pattern whose optional target found
        nothing ("meet with TARGET?" on "met her counterpart") yields to a less specific
        one that finds a target ("meet TARGET?"). Last, a mutual pattern ("restore relations
        with TARGET") may go without its target when several actors do it together; the
        coder then pairs them ("Saudi Arabia and Iran agreed to restore relations")."""
        fallback: tuple[Pattern, Match] | None = None
        # Most patterns of a common trigger ("call", "hold") need words the sentence lacks;
        # checking the words first spares the parse walk.
        nearby = _nearby_words(token)
        patterns = [p for p in patterns if all(position & nearby for position in p.word_positions)]
        for pattern in patterns:
            matched = match_pattern(token, pattern)
            if matched is None:
                continue
            if matched.targets or not pattern.has_target:
                return pattern, matched
            if fallback is None:
                fallback = (pattern, matched)
        if fallback is not None:
            return fallback
        if any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
            return None  # "agreed to reopen the border": the reopening is the event
        for pattern in patterns:
            # "Sri Lanka imposed a nationwide curfew": a domestic measure or an act of force
            # often names no target; ``_default_target`` then finds one.
            # A noun counts when a light verb makes it the act ("launched an investigation").
            acted = pattern.pos == "VERB" or (self._acted_noun(token) and self._is_home_code(pattern.code))
            if acted and self._may_default_target(pattern.code):
                relaxed = self._untargeted_version(pattern)
                matched = match_pattern(token, relaxed)
                if matched is not None and not matched.targets:
                    return relaxed, matched
        for pattern in patterns:
            mutual = self._mutual_version(pattern)
            if mutual is not None:
                matched = match_pattern(token, mutual)
                if matched is not None and not matched.targets:
                    return mutual, matched
        return None

    @staticmethod
    @lru_cache(maxsize=4096)
    def _mutual_version(pattern: Pattern) -> Pattern | None:
        """``pattern`` with its "with"/"between" target made optional, or None."""
        steps = pattern.steps
        if not any(s.kind == "prep_target" and s.preps & MUTUAL_PREPS and not s.optional for s in steps):
            return None
        relaxed = tuple(
            replace(s, optional=True) if s.kind == "prep_target" and s.preps & MUTUAL_PREPS else s for s in steps
        )
        return replace(pattern, steps=relaxed, source=pattern.source + " mutual")

    def _sport_sentence(self, sent: Span) -> bool:
        """A sentence about a match or a tournament (``sport_words`` in grammar.json)."""
        return self.sport_pattern.search(sent.text) is not None

    def _acted_noun(self, noun: Token) -> bool:
        """A nominal event the clause says was done, not mentioned: the object of a light verb
        ("held talks with", "launched an investigation") or a trip's purpose ("arrived in Dakar
        for talks with")."""
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.light_verbs:
            return True
        return noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in self.travel_verbs

    def _mutual_pairs(self, token: Token, pattern: Pattern, pairs: list) -> list:
        """The other side of a two-sided act: who "held talks with", "signed an agreement with"
        or "fought with" someone did it with them too, and whom a state "received" visited it.
        Reversed pairs with the code the other side gets (``mutual_codes`` in grammar.json:
        the same code, or its converse such as 043 host -> 042 visit)."""
        converse = self.mutual_codes.get(pattern.code) or self.mutual_codes.get(pattern.code[:2])
        if converse is None or (pattern.pos != "VERB" and not self._acted_noun(token)):
            return []  # a noun ("its treaty with Manila") is often background, not a new act
        if converse == "=":
            converse = pattern.code
            # Only where the words make it two-sided: a reciprocal word with its partner
            # after "with"/"between" ("talks with", "fought with") or met directly ("met X").
            words = {pattern.trigger}
            if pattern.code[:2] == "06":
                # "conducted exercises with" is two-sided, "shared intelligence with" is not.
                words |= {w for step in pattern.steps for position in step.lemmas for w in position}
            if not words & self.reciprocal_verbs and pattern.code not in self.mutual_codes:
                return []
        seen = {(s.actor.id, t.actor.id) for s, t in pairs if t is not None}
        reversed_pairs = []
        for source, target in pairs:
            if target is None or (target.actor.id, source.actor.id) in seen:
                continue
            if converse == pattern.code and not self._partner_phrase(token, target.token):
                continue
            if converse != pattern.code and target.actor.kind not in ("person", "government"):
                continue  # a host receives visitors; "hosted the signing between X and Y" is no visit
            seen.add((target.actor.id, source.actor.id))
            reversed_pairs.append((target, source, converse))
        return reversed_pairs

    @staticmethod
    def _partner_phrase(trigger: Token, target: Token) -> bool:
        """True when ``target`` is the trigger's partner: the object of "with"/"between", or
        the direct object of a verb of meeting ("met his counterpart")."""
        head = target
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in MUTUAL_PREPS:
            return True
        return head.dep_ == "dobj" and head.head.i == trigger.i and trigger.lemma_.lower() in ("meet", "fight")

    @staticmethod
    @lru_cache(maxsize=4096)
    def _untargeted_version(pattern: Pattern) -> Pattern:
        """``pattern`` with its target made optional."""
        relaxed = tuple(
            replace(s, optional=True) if s.kind in ("target", "object_target", "prep_target") else s
            for s in pattern.steps
        )
        return replace(pattern, steps=relaxed, source=pattern.source + " untargeted")

    # -- one trigger ----------------------------------------------------------------------

    def _code(
        self,
        doc: Doc,
        table,
        sent: Span,
        sent_index: int,
        token: Token,
        pattern: Pattern,
        matched: Match,
        earlier: list[Event],
    ) -> list[Event]:
        target_tokens = matched.targets
        quote = self._quote_at(doc, token)
        modality = self.modality.detect(token, in_quote=quote is not None)
        if pattern.pos == "VERB":
            source_tokens = arguments.subject_tokens(token)
            if not source_tokens and pattern.code[:2] in self.self_moving_roots and arguments.is_passive(token):
                # "The army was deployed in the capital", "police were put on alert": with no
                # agent, the force moved is the actor.
                source_tokens = [c for c in token.children if c.dep_ == "nsubjpass"]
                target_tokens = []
        elif pattern.pos == "NOUN":
            source_tokens = arguments.noun_source_tokens(token, self.know, table, pattern)
        else:
            source_tokens = arguments.adjective_source_tokens(token)
        sources = self._participants(doc, table, source_tokens, quote, earlier, role="source", root=pattern.code[:2])
        if self._agent_unclear(token, sources):
            return []
        # "She thanked him": the object pronoun is someone other than the subject.
        taken = frozenset(p.actor.id for p in sources)
        targets = self._participants(
            doc, table, target_tokens, quote, earlier, role="target", exclude=taken, root=pattern.code[:2]
        )
        location = locate(token, self.gazetteer, prefer_countries=self._countries_of(table))
        place = location.country if location is not None and location.country in self.know.countries else None
        # People with no country of their own ("protesters") are placed where the event
        # happens, or else where the story is filed from, or by the army or police that
        # report it.
        anchor = place or self._dateline_country or self._reporter_country(table, modality)
        sources, targets = self._anchor_domestic(table, sources, targets, anchor, pattern.code)
        if not sources and targets and pattern.code[:2] in self.implied_state_roots and arguments.is_passive(token):
            # "Dozens of protesters were detained in Tbilisi", "the opposition leader was
            # arrested": with no agent, the authorities of the place (or of the opposition's
            # own country) did it.
            implied = self._implied_authority(table, token, targets, anchor)
            sources = [implied] if implied is not None else []
            implied_source = implied is not None
        else:
            implied_source = False
        if pattern.code[:2] == "14" and not pattern.code.startswith("143"):
            # Demonstrations, blockades and riots are people's acts; a state that "blocked
            # access" or "protested" does something else (a boycott, 143, may be a state's).
            sources = [s for s in sources if not self._is_state_organ(s)]
        if pattern.code[:2] in self.diplomatic_roots:
            # Tourists who visit and students who meet are no diplomacy.
            sources = [s for s in sources if s.actor.sector not in self.private_sectors]
        if not sources:
            return []
        if self._sport_sentence(sent):
            # "Argentina met Croatia in the World Cup semi-final": countries as teams, crowds
            # as fans; only officials still act as such.
            sources = [s for s in sources if s.actor.kind == "person" or s.actor.sector in STATE_ORGANS - {None}]
            if not sources:
                return []
        pairs: list[tuple[Participant, Participant | None]] = []
        if targets:
            # A state's domestic measure may target its own country ("imposed a curfew in Colombo").
            home = self._is_home_code(pattern.code)
            pairs = [
                (s, t)
                for s in sources
                for t in targets
                if not _same_side(s.actor, t.actor) or (home and t.actor.kind == "state")
            ]
        elif (
            len(sources) > 1
            and (pattern.trigger in self.reciprocal_verbs or pattern.source.endswith(" mutual"))
            and not arguments.is_passive(token)
        ):
            # "Ghana and Togo signed an agreement": each did it with the other.
            pairs = [(s, t) for s in sources for t in sources if not _same_side(s.actor, t.actor)]
        elif pattern.code[:2] == "14":
            # A protest with no stated object is against the authorities where it happens.
            pairs = self._protest_pairs(table, token, sources, location)
        elif not pattern.source.endswith(" mutual"):
            # No target named: the place or the acting state's own country may be it
            # ("Sri Lanka imposed a curfew", "Gunmen killed 12 people in Maiduguri").
            for s in sources:
                default = self._default_target(table, token, s, pattern.code, place, location)
                if default is not None:
                    pairs.append((s, default))
                elif pattern.target_optional and not target_tokens:
                    pairs.append((s, None))
        if not pairs:
            return []
        code = pattern.code
        rule = f"{pattern.source} {pattern.code}" + (" (implied authorities)" if implied_source else "")
        irregular = self.irregular_recodes.get(code)
        if irregular and all(s.actor.sector in self.irregular_sectors for s, _ in pairs):
            # Bombing by militants is a terrorist bombing (183), not an air strike (195).
            code = irregular
            rule += f" -> {code} (irregular)"
        if code[:2] in ("18", "19") and all(s.actor.sector in self.crowd_sectors for s, _ in pairs):
            # Force used by a crowd (protesters storming a building, students clashing with
            # police) is a violent protest in CAMEO, not an assault or a military act.
            code = VIOLENT_PROTEST
            rule += f" -> {code} (crowd)"
        coded = [(s, t, code, rule) for s, t in pairs]
        # An intention is one side's ("ready to cooperate with X" says nothing of X's).
        mutual = [] if modality.value in ("intended", "expected") else self._mutual_pairs(token, pattern, pairs)
        for s, t, converse in mutual:
            coded.append((s, t, converse, f"{rule} (mutual)" if converse == code else f"{rule} -> {converse} (mutual)"))
        value = modality.value
        threatener = self._threatener(token, table) if value in ("hypothetical", "intended", "expected") else None
        if threatener is not None:
            # "Algeria warned it would recall its ambassador": the warning is the event, a threat.
            for k, (s, t, plain, why) in enumerate(coded):
                threat = self._prefixed(self.threat_codes, plain)
                if threat is not None and s.actor.country == threatener:
                    coded[k] = (s, t, threat, f"{why} -> {threat} (threat)")
                    value = "asserted"
        if modality.value in ("intended", "expected"):
            for k, (s, t, plain, why) in enumerate(coded):
                intent = self._intent_code(plain)
                if intent is not None:
                    coded[k] = (s, t, intent, f"{why} -> {intent} ({modality.cue})")
        date, precision = self._date(doc, sent, sent_index, token, modality, earlier)
        if value in ("asserted", "reported") and precision != "unknown" and self._is_background(doc, date):
            value = "historical"
        attributed = self._attribution(doc, table, modality, quote)
        events = []
        for source, target, code, rule in coded:
            event_type = self.ontology[code]
            words = [t for t in sent if not t.is_space] or [token]
            evidence = Evidence(
                sentence=sent_index,
                text=sent.text.strip(),
                start=words[0].idx,
                end=words[-1].idx + len(words[-1]),
                trigger=token.text,
                trigger_start=token.idx,
                trigger_end=token.idx + len(token),
                rule=rule,
            )
            event_id = hashlib.sha1(
                f"{doc._.article_id}|{token.idx}|{code}|{source.actor.id}|{target.actor.id if target else ''}".encode()
            ).hexdigest()[:16]
            events.append(
                Event(
                    id=event_id,
                    date=date,
                    date_precision=precision,
                    source=source.actor.ref(source.text),
                    target=target.actor.ref(target.text) if target else None,
                    code=code,
                    root=code[:2],
                    label=event_type.label,
                    goldstein=event_type.goldstein,
                    quad_class=event_type.quad_class,
                    modality=value,
                    attributed_to=attributed,
                    evidence=evidence,
                    plover=plover_for(code),
                    location=location,
                    confidence=self._confidence(pattern, modality, source, target),
                )
            )
        return events

    @staticmethod
    def _agent_unclear(token: Token, sources: list[Participant]) -> bool:
        """ "Iranian guards and Taliban forces exchanged fire, killing two guards and a
        fighter": a participle clause shares the subject of its verb, but when that subject
        is two opposing sides, the text does not say which of them did it."""
        return (
            token.dep_ == "advcl"
            and token.tag_ == "VBG"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            and len({s.actor.country for s in sources}) > 1
        )

    def _threatener(self, trigger: Token, table) -> str | None:
        """The country of whoever threatens or vows the deed of ``trigger`` ("threatened to
        expel", "warned it would attack", "vowed to crush"), or None. The subject of the
        threatening verb must be the doer: "the US warned that Russia could invade" is a
        warning about Russia, not a threat by it."""
        link = arguments.clause_verb(trigger)
        for _ in range(3):
            governor = link.head
            if link.dep_ not in ("xcomp", "ccomp") or governor.i == link.i:
                return None
            if governor.lemma_.lower() in self.threat_verbs:
                for subject in arguments.subject_tokens(governor):
                    actor = table.known_actor_at(subject.i) or table.modifier_actor(subject.i)
                    if actor is not None and actor.country:
                        return actor.country
                return None
            link = governor
        return None

    @staticmethod
    def _prefixed(table: dict[str, str], code: str) -> str | None:
        """The value of ``table`` for the longest prefix of ``code`` it holds."""
        for length in range(len(code), 1, -1):
            found = table.get(code[:length])
            if found is not None:
                return found
        return None

    def _intent_code(self, code: str) -> str | None:
        """CAMEO's "express intent" code for a planned cooperative event, longest prefix first."""
        return self._prefixed(self.intent_codes, code)

    def _inside_other_event(self, noun: Token) -> bool:
        """ "Iraq condemned Turkey's incursion", "lifted its restrictions": a nominal event
        that is the theme of another event verb is that verb's business, not an event of
        its own. Light verbs ("announced the severance") and adverbial phrases ("during a
        visit") do not count."""
        current = noun
        for _ in range(4):
            head = current.head
            if head.i == current.i:
                return False
            if current.dep_ == "conj":
                current = head  # "agreements on water, energy and trade"
                continue
            if current.dep_ == "pobj" and head.dep_ == "prep":
                governor = head.head
                if governor.pos_ in ("VERB", "AUX"):
                    # "during a visit", "came out with support": the event itself; "a protest
                    # over the detention": only its topic.
                    light = head.lower_ == "with" and governor.lemma_.lower() in self.light_verbs
                    # "arrived in Dakar for talks with X": the trip's purpose is an event too.
                    purpose = head.lower_ == "for" and governor.lemma_.lower() in self.travel_verbs
                    return not (head.lower_ in self.adverbial_preps or light or purpose)
                # "optimism about its negotiations", "a protest over the detention": the
                # nominal is the topic of another noun, unless that noun announces it as
                # planned ("preparations for a visit").
                return governor.lemma_.lower() not in self.intention_nouns
            if head.pos_ in ("VERB", "AUX") and current.dep_ in ("dobj", "nsubj", "nsubjpass", "xcomp", "oprd", "prep"):
                lemma = head.lemma_.lower()
                if current.i == noun.i and current.dep_ in ("nsubj", "nsubjpass") and self._has_agent(noun):
                    # "Somalia's appeal to Kenya went unanswered": the appeal was made.
                    return False
                if current.i == noun.i and any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children):
                    # "welcomed the release of its sailors by Iran": the release happened.
                    return False
                return self.lexicon.is_trigger(lemma) and lemma not in self.light_verbs
            if head.pos_ in ("NOUN", "PROPN") and self.lexicon.is_trigger(head.lemma_.lower()):
                return current.dep_ in ("compound", "pobj", "nmod")
            return False
        return False

    # -- participants -------------------------------------------------------------------

    def _participants(
        self,
        doc: Doc,
        table,
        tokens: list[Token],
        quote,
        earlier: list[Event],
        *,
        role: str,
        exclude: frozenset[str] = frozenset(),
        root: str = "",
    ) -> list[Participant]:
        found: list[Participant] = []
        seen: set[str] = set()
        expanded: list[Token] = []
        for token in tokens:
            pair = self._pair_antecedent(token, table, exclude)
            if pair:
                # "the two leaders signed an agreement": the two actors just named.
                expanded.extend(t for t in pair if t.i not in {e.i for e in expanded})
                continue
            if token.lower_ in ("they", "them", "their") and quote is None:
                # "Lithuania and Latvia summoned ... They accused ...": all of them.
                group = self._plural_antecedent(token, table)
                if group:
                    expanded.extend(t for t in group if t.i not in {e.i for e in expanded})
                    continue
            for item in arguments.expand_list(token, table):
                if item.i not in {t.i for t in expanded}:
                    expanded.append(item)
        # "Spain, Italy and Malta, excluding Malta": an excluded actor takes no part
        # anywhere in the sentence.
        sent = tokens[0].sent if tokens else None
        excluded_ids = {
            m.actor_id
            for m in table.mentions
            if m.head in table.excluded and sent is not None and sent.start <= m.head < sent.end
        }
        for token in expanded:
            if token.i in table.excluded:
                continue
            participant = self._resolve(doc, table, token, quote, earlier, role=role, exclude=exclude, root=root)
            if participant is None:
                continue
            group = [participant] + [Participant(a, token, participant.text) for a in table.members_at(token.i)]
            if role == "target" and self._stands_for_an_event(token, participant, table):
                # "rejected the criticism" after "the US and the EU criticised ...": the
                # stance was all of theirs.
                group.extend(self._co_authors(table, participant, earlier, token))
            if participant.token.i != token.i:
                # Found inside the phrase ("the decision by Burkina Faso, Mali and Niger",
                # "travellers from Benin and Togo"): the whole list is meant.
                for item in arguments.expand_list(participant.token, table)[1:]:
                    if item.i not in table.excluded and (actor := table.actor_at(item.i)) is not None:
                        group.append(Participant(actor, item, item.text))
            for member in group:
                if member.actor.id in seen or member.actor.id in excluded_ids:
                    continue
                if (
                    not member.actor.country
                    and member.actor.kind != "igo"
                    and member.actor.sector not in PLACEABLE_SECTORS
                ):
                    continue  # no country and no chance of one: no event can use it
                seen.add(member.actor.id)
                found.append(member)
        return found

    def _pair_antecedent(self, token: Token, table, exclude: frozenset[str] = frozenset()) -> list[Token]:
        """ "the two leaders", "both countries": the last two distinct actors named before,
        people for person words, states for country words."""
        two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children) and any(
            c.dep_ == "det" and c.lower_ == "the" for c in token.children
        )
        both = any(c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both" for c in token.children)
        if not (two or both) or table.known_actor_at(token.i) is not None:
            return []
        lemma = token.lemma_.lower()
        personal = lemma in self.person_role_words or lemma in ("man", "woman", "leader", "head")
        if not personal and lemma not in ("country", "nation", "side", "government", "state", "neighbour", "neighbor"):
            return []
        found: list[Token] = []
        seen: set[str] = set()
        for mention in reversed(table.mentions):
            if mention.head >= token.i or mention.head in table.excluded:
                continue
            actor = table.actors[mention.actor_id]
            head = token.doc[mention.head]
            if head.dep_ == "pobj" and head.head.lower_ in ("in", "at", "to", "near", "from", "into"):
                continue  # a place named on the way ("met again in Brazil") is no party
            wanted = table.is_personal(mention) if personal else actor.kind in ("state", "government")
            # Not the one acting on them: "China urged both sides" means the two before China.
            if wanted and actor.id not in seen and actor.id not in exclude and actor.country:
                seen.add(actor.id)
                found.append(token.doc[mention.head])
                if len(found) == 2:
                    return found
        return []

    @staticmethod
    def _plural_antecedent(token: Token, table) -> list[Token]:
        """For "they": the coordinated subject of the clause that reports this one ("X and Y
        said that they were concerned"), else that of the previous sentence."""
        doc = token.doc
        # The clauses above "they" in its own sentence, nearest first.
        holders = [a for a in token.ancestors if a.i != token.head.i or token.dep_ not in ("nsubj", "nsubjpass")]
        if token.sent.start > 0:
            holders.append(doc[token.sent.start - 1].sent.root)
        subjects = [t for holder in holders for t in holder.children if t.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            group = [subject, *subject.conjuncts]
            if len(group) > 1 and all(table.known_actor_at(t.i) is not None for t in group):
                return group
        return []

    def _resolve(
        self,
        doc: Doc,
        table,
        token: Token,
        quote,
        earlier: list[Event],
        *,
        role: str,
        exclude: frozenset[str] = frozenset(),
        root: str = "",
    ) -> Participant | None:
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # "protesters who stormed parliament": the relative pronoun is the noun it follows.
            # A perfect ("China, which has invested in both") is background about that noun,
            # not news.
            if any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.head.children):
                return None
            return self._resolve(doc, table, token.head.head, quote, earlier, role=role, exclude=exclude, root=root)
        if token.pos_ == "PRON" or lower in self.anaphora_pronouns:
            actor = self._resolve_pronoun(doc, table, token, quote, earlier, role=role, exclude=exclude)
            return Participant(actor, token, token.text) if actor else None
        actor = table.actor_at(token.i)
        if actor is not None:
            mention = table.mention_at(token.i)
            text = doc[mention.start : mention.end].text if mention else token.text
            return Participant(actor, token, text)
        actor = table.modifier_actor(token.i)
        if actor is not None:
            return Participant(actor, token, token.text)
        if (
            role == "target"
            and token.lemma_.lower() in self.anaphora_nouns
            # Event nouns of the lexicon ("the deal", "the talks") find their own kind of
            # event below (``_antecedent_event``).
            and not self.lexicon.candidates(token.lemma_.lower(), "NOUN")
        ):
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children):
                # "criticised the ruling": an act of someone in authority, not a crowd's.
                official = [e for e in earlier if e.source.sector not in self.crowd_sectors]
                previous = self._previous_event(official, token)
                if previous is not None:
                    actor = table.actors.get(self._actor_id(table, previous.source))
                    if actor is not None:
                        return Participant(actor, token, token.text)
        event_noun = token.pos_ == "NOUN" and bool(self.lexicon.candidates(token.lemma_.lower(), "NOUN"))
        again = dict(role=role, exclude=exclude, root=root)
        # "Venezuela's sovereignty", "its ambassador": the possessor stands for the phrase,
        # unless the noun names someone else in relation to it ("its neighbours").
        if token.lemma_.lower() not in self.relational_nouns:
            for child in token.children:
                if child.dep_ == "poss" and (table.actor_at(child.i) or child.pos_ == "PRON"):
                    return self._resolve(doc, table, child, quote, earlier, **again)
        if role == "target" and token.pos_ == "NOUN":
            # "welcomed the release of its sailors by Iran", "an inquiry into abuses by
            # Ethiopian soldiers", "the plan put forward by Egypt": reacting to a deed or a
            # proposal targets its author.
            holders = [token] + [c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            # "a request from Armenia": "from" names the doer of an event noun too.
            # "the truce between Ethiopia and Eritrea": both parties made it.
            agent_preps = ("by", "from", "between") if event_noun else ("by",)
            for prep in (p for holder in holders for p in holder.children):
                if prep.dep_ in ("prep", "agent") and prep.lower_ in agent_preps:
                    for agent in prep.children:
                        if agent.dep_ == "pobj":
                            found = self._resolve(doc, table, agent, quote, earlier, **again)
                            if found is not None:
                                return found
        if role == "target":
            # "The expulsion was condemned by ...": a definite event noun names an event
            # told before; its doer is the target.
            previous = self._antecedent_event(token, earlier)
            if previous is not None:
                actor = table.actors.get(self._actor_id(table, previous.source))
                if actor is not None:
                    return Participant(actor, token, token.text)
        if not event_noun:
            # "the people of Bolivia", "travellers from India", "imports from Uganda". (Of an
            # event noun, "of" names whom it befell: "the arrest of a French journalist" is
            # no deed of France.) "Tourists from China" who visit are not China acting: as a
            # doer, only "of" counts.
            origin_preps = ("of", "from") if role == "target" else ("of",)
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in origin_preps:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = table.actor_at(pobj.i)
                            if found is not None:
                                return Participant(found, pobj, pobj.text)
        # "the Chilean raid", "Israeli strikes": the doer named by a modifier; "sanctions on
        # Venezuelan oil", "visas for Japanese travellers": the owner of a thing.
        if role == "target" and token.pos_ == "NOUN" and (event_noun or (root != "04" and token.dep_ == "pobj")):
            # (A thing's owner only behind a preposition: "banned the Chinese app" is no act
            # against China, and "received Algerian gas" no reception of Algeria.)
            for child in token.lefts:
                found = table.modifier_actor(child.i)
                if found is not None and child.dep_ in ("amod", "compound", "nmod"):
                    return Participant(found, child, child.text)
        # "condemned the coup in Niger", "struck targets in southern Lebanon": a thing or,
        # for a reaction, a happening inside a country stands for that country.
        if role == "target" and token.pos_ in ("NOUN", "PROPN") and (not event_noun or root in REACTION_ROOTS):
            return self._place_target(table, token)
        return None

    def _place_target(self, table, token: Token) -> Participant | None:
        if token.pos_ == "PROPN":
            # "struck a warehouse near Tyre" with "near TARGET" in the pattern: the town itself.
            place = self._country_of_place(table, token)
            if place is not None:
                return Participant(place, token, token.text)
        # One step down too: "the crackdown on protesters in Georgia".
        holders = [token] + [
            pobj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "of")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        for child in (c for holder in holders for c in holder.children):
            if child.dep_ == "prep" and child.lower_ in ("in", "inside", "near"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    place = table.actor_at(pobj.i)
                    if place is None:
                        owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
                        place = table.actor_at(owner.i) if owner is not None else None
                    if place is None:
                        # "a warehouse near Tyre": a town stands for its country.
                        place = self._country_of_place(table, pobj)
                    if place is not None and place.kind == "state":
                        return Participant(place, pobj, pobj.text)
        return None

    def _resolve_pronoun(
        self,
        doc: Doc,
        table,
        token: Token,
        quote,
        earlier: list[Event],
        *,
        role: str,
        exclude: frozenset[str] = frozenset(),
    ) -> Actor | None:
        lower = token.lower_
        if lower in self.first_person:
            return quote.speaker if quote is not None else None
        if lower in self.person_pronouns:
            before = quote.start if quote is not None else token.idx
            return table.person_before(_token_at_char(doc, before), exclude=exclude)
        if role == "target" and lower in self.anaphora_pronouns:
            # "It was supported by Russia": "it" is the stance just reported.
            previous = self._previous_event(earlier, token)
            if previous is not None:
                return table.actors.get(self._actor_id(table, previous.source))
        if lower in self.nonperson_pronouns:
            sent_start = token.sent.start
            previous_sent = doc[sent_start - 1].sent.start if sent_start > 0 else 0
            return table.collective_before(token.i, min_token=previous_sent, exclude=exclude)
        return None

    @staticmethod
    def _has_agent(noun: Token) -> bool:
        """A nominal event that names its doer: "Somalia's appeal", "the visit by X"."""
        return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in noun.children)

    def _antecedent_event(self, noun: Token, earlier: list[Event]) -> Event | None:
        if noun.pos_ != "NOUN" or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children
        ):
            return None
        roots = {p.code[:2] for p in self.lexicon.candidates(noun.lemma_.lower(), "NOUN")}
        if not roots:
            return None
        if roots & COOPERATIVE_ROOTS:
            # "agreed to restore relations ... The deal was welcomed": the agreement was
            # coded as an intent (03) to cooperate.
            roots.add("03")
        for event in reversed(earlier):
            # An event with no target ("the Security Council met") is too vague to be "the
            # summit" a later sentence speaks of.
            if event.evidence.trigger_start < noun.idx and event.root in roots and event.target is not None:
                return event
        return None

    def _stands_for_an_event(self, noun: Token, participant: Participant, table) -> bool:
        """True when ``noun`` was resolved to the author of an earlier event and names a stance
        ("the criticism") or an event of the lexicon ("the deal"), which were all their
        authors'; "the incident" stands for the first one named only."""
        if participant.token.i != noun.i or table.actor_at(noun.i) is participant.actor:
            return False
        lemma = noun.lemma_.lower()
        return lemma in self.stance_nouns or bool(self.lexicon.candidates(lemma, "NOUN"))

    def _co_authors(self, table, participant: Participant, earlier: list[Event], token: Token) -> list[Participant]:
        """The other sources of the earlier event that ``participant`` was taken from."""
        before = [e for e in earlier if e.evidence.trigger_start < token.idx]
        for event in reversed(before):
            if self._actor_id(table, event.source) == participant.actor.id:
                same = [e for e in before if e.evidence.trigger_start == event.evidence.trigger_start]
                found = []
                for other in same:
                    actor = table.actors.get(self._actor_id(table, other.source))
                    if actor is not None and actor.id != participant.actor.id:
                        found.append(Participant(actor, token, token.text))
                return found
        return []

    @staticmethod
    def _previous_event(earlier: list[Event], token: Token) -> Event | None:
        before = [e for e in earlier if e.evidence.trigger_start < token.idx]
        if not before:
            return None
        # One trigger may yield several events ("recognized by A, B and C"): the first
        # listed actor stands for the whole stance.
        last = before[-1].evidence.trigger_start
        return next(e for e in before if e.evidence.trigger_start == last)

    @staticmethod
    def _actor_id(table, ref: ActorRef) -> str | None:
        for actor in table.actors.values():
            if actor.code == ref.code and actor.name == ref.name:
                return actor.id
        return None

    # -- context ------------------------------------------------------------------------

    @staticmethod
    def _quote_at(doc: Doc, token: Token):
        for span in doc._.quote_spans or []:
            if span.start <= token.idx < span.end:
                return span
        return None

    def _attribution(self, doc: Doc, table, modality: Modality, quote) -> ActorRef | None:
        if quote is not None and quote.speaker is not None:
            return quote.speaker.ref(quote.speaker_text or quote.speaker.name)
        if modality.speaker is not None:
            token = modality.speaker
            actor = table.actor_at(token.i)
            if actor is None and token.lower_ in self.person_pronouns:
                actor = table.person_before(token.i)
            if actor is None and token.lower_ in self.nonperson_pronouns:
                actor = table.collective_before(token.i)
            if actor is not None:
                return actor.ref(token.text)
        return None

    def _date(
        self, doc: Doc, sent: Span, sent_index: int, token: Token, modality: Modality, earlier: list[Event]
    ) -> tuple[str | None, str]:
        article_date: dt.date | None = doc._.article_date
        earlier_date = None
        for event in reversed(earlier):
            if event.date_precision == "day" and event.date and event.evidence.sentence < sent_index:
                earlier_date = dt.date.fromisoformat(event.date)
                break
        if earlier_date is None:
            # "The election was held on October 9. Two days later, ...": the last day named.
            earlier_date = self._last_day_before(sent, article_date)
        verb = arguments.clause_verb(token)
        future = modality.value in ("intended", "expected")
        if token.pos_ == "NOUN" and not self._attached_to_clause(token, verb):
            # "discussed in July preparations for a visit": July dates the talks, not the visit.
            verb = token
        # Verbs whose time adverbial also dates this event: the clause's own verb, and the
        # verb it is an infinitive or a coordinate of ("agreed on Friday to restore ties",
        # "on Wednesday dissolved the party and banned its leaders").
        timed = {verb.i, token.i}
        current = verb
        for _ in range(2):
            if current.dep_ in ("xcomp", "conj") and current.head.pos_ in ("VERB", "AUX"):
                current = current.head
                timed.add(current.i)
            else:
                break
        interval = self._interval_date(verb, sent, article_date)
        if interval is not None:
            return interval
        for ent in self._date_ents:
            if not (sent.start <= ent.start < sent.end):
                continue
            governor = arguments.clause_verb(ent.root.head) if ent.root.head.i != ent.root.i else ent.root
            if governor.i not in timed:
                continue
            # A date borrowed from the governing verb dates that (past) act, not the plan.
            own = governor.i in (verb.i, token.i)
            anchor = article_date
            if ANAPHORIC_DATE.search(ent.text) and earlier_date is not None:
                # "Two days earlier" counts from the story's last dated event, not from today.
                anchor = earlier_date
            resolved = resolve_date(ent.text, anchor, future=future and own)
            if resolved is not None:
                return resolved.value, resolved.precision
        # One date in the sentence, outside any "after ..."/"before ..." phrase, dates the scene:
        # "police fired on protesters who stormed parliament on Tuesday".
        free = [
            e
            for e in self._date_ents
            if sent.start <= e.start < sent.end
            and not self._in_time_phrase(e)
            and e.root.dep_ not in ("poss", "compound", "amod", "nmod")  # "last month's election"
        ]
        if len(free) == 1 and not future and not ANAPHORIC_DATE.search(free[0].text):
            resolved = resolve_date(free[0].text, article_date, future=False)
            if resolved is not None:
                return resolved.value, resolved.precision
        if article_date is None:
            return None, "unknown"
        return article_date.isoformat(), "day"

    def _interval_date(self, verb: Token, sent: Span, article_date: dt.date | None) -> tuple[str, str] | None:
        """ "Diplomats left on Sunday, two days after police raided the embassy": the raid was
        on Friday. An "N days/a week/hours after" (or "before") clause is dated from the day
        of the clause it hangs on; None when that clause names no day."""
        if verb.dep_ != "advcl" or article_date is None:
            return None
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
        unit = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lemma_.lower() in INTERVAL_DAYS), None)
        if mark is None or unit is None:
            return None
        count = 1
        for child in unit.children:
            if child.dep_ == "nummod":
                number = number_word(child.lower_)
                if number is None:
                    return None
                count = number
        main = arguments.clause_verb(verb.head)
        for ent in self._date_ents:
            if not (sent.start <= ent.start < sent.end) or ent.root.head.i == ent.root.i:
                continue
            if arguments.clause_verb(ent.root.head).i != main.i:
                continue
            # NER may run the two together ("on Sunday, two days after"): the day comes first.
            resolved = resolve_date(ent.text, article_date) or resolve_date(ent.text.split(",")[0], article_date)
            if resolved is not None and resolved.precision == "day":
                days = count * INTERVAL_DAYS[unit.lemma_.lower()]
                shift = dt.timedelta(days=-days if mark.lower_ == "after" else days)
                return (dt.date.fromisoformat(resolved.value) + shift).isoformat(), "day"
        return None

    def _in_time_phrase(self, ent: Span) -> bool:
        """A date inside "after ...", "before ...", "since ..." dates something else."""
        return any(a.lower_ in self.meeting_preps or a.lower_ in ("since", "until") for a in ent.root.ancestors)

    def _last_day_before(self, sent: Span, article_date: dt.date | None) -> dt.date | None:
        """The last day-precise date named before ``sent``, resolved against the article date."""
        for ent in reversed(self._date_ents):
            if ent.start >= sent.start or ANAPHORIC_DATE.search(ent.text):
                continue
            resolved = resolve_date(ent.text, article_date, future=False)
            if resolved is not None and resolved.precision == "day":
                return dt.date.fromisoformat(resolved.value)
        return None

    @staticmethod
    def _attached_to_clause(noun: Token, verb: Token) -> bool:
        """True when the noun is an argument of the verb itself, or inside a phrase that
        modifies it ("during a trip to X"), not nested in another noun phrase."""
        head = noun.head
        if head.i == verb.i:
            return True
        return head.dep_ == "prep" and head.head.i == verb.i

    @staticmethod
    def _is_background(doc: Doc, date: str | None) -> bool:
        article_date: dt.date | None = doc._.article_date
        if not date or article_date is None:
            return False
        year, month, day = (date.split("-") + ["12", "28"])[:3]
        try:
            when = dt.date(int(year), int(month), int(day))
        except ValueError:
            return False
        return (article_date - when).days > HISTORICAL_AFTER_DAYS

    @staticmethod
    def _confidence(pattern: Pattern, modality: Modality, source: Participant, target: Participant | None) -> float:
        score = 0.6 + 0.05 * min(pattern.specificity, 4)
        if target is None:
            score -= 0.15
        if source.token.pos_ == "PRON":
            score -= 0.1
        if modality.value == "reported":
            score -= 0.05
        return round(max(0.1, min(score, 0.95)), 2)

    @staticmethod
    def _deduplicate(events: list[Event]) -> list[Event]:
        seen: set[tuple] = set()
        unique = []
        for event in events:
            key = (
                event.evidence.sentence,
                event.source.code,
                event.source.name,
                event.target.code if event.target else None,
                event.target.name if event.target else None,
                event.code,
            )
            if key not in seen:
                seen.add(key)
                unique.append(event)
        return unique


#: Sectors that stand for the state itself: an event between two of them in one country
#: is the country acting on itself ("Belarusian diplomats ... Minsk").
STATE_SECTORS = frozenset({None, "GOV"})


def _same_side(source: Actor, target: Actor) -> bool:
    if source.id == target.id:
        return True
    if source.kind == "person" and target.kind == "person":
        return False
    return (
        source.country is not None
        and source.country == target.country
        and source.sector in STATE_SECTORS
        and target.sector in STATE_SECTORS
    )


def _nearby_words(token: Token) -> frozenset[str]:
    """Lemmas and forms of the trigger's subtree and of its head's children: all a pattern
    can require."""
    words = set()
    for near in (*token.subtree, *token.head.children, token.head):
        words.add(near.lemma_.lower())
        words.add(near.lower_)
    return frozenset(words)


def _token_at_char(doc: Doc, char: int) -> int:
    for token in doc:
        if token.idx >= char:
            return token.i
    return len(doc)


def _no_events(doc: Doc) -> None:
    doc._.events = []


def register_extensions() -> None:
    for name in ("events", "article_id"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.factory(
    "diplograph_events",
    default_config={"lexicons": []},
    requires=["doc._.actor_table", "doc._.quotes", "token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.events"],
)
def make_event_coder(nlp: Language, name: str, *, lexicons: list[str]) -> EventCoder:
    """Events of every modality are kept on the doc; ``diplograph.extract`` filters them."""
    register_extensions()
    return EventCoder(nlp, name, lexicons=lexicons)
