"""Placing the actors of an event: whom an event with a vague actor or no target is about.

News names many actors only by what they are ("protesters", "gunmen", "police", "the
government") and often no target at all ("imposed a nationwide curfew"). These methods give
such actors the country the sentence or the story supports (the event's place, the dateline,
"in <country>", the reporting army, the state acting on them) and choose default targets for
domestic measures and for acts of force at a known place. They never guess beyond the text:
an actor that cannot be placed takes part in no event. The word lists they use are data
(grammar.json, docs/knowledge.md). ``EventCoder`` inherits them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..actors.table import is_placeholder
from ..records import Actor
from .modality import Modality
from .places import place_of

#: Head nouns of regions: not in the gazetteer, and a town of the same name elsewhere would
#: give the wrong country.
REGION_WORDS = frozenset(
    "region province state district governorate oblast county prefecture territory area zone".split()
)
#: Sectors of actors that live inside one country (see ``_anchor_domestic``).
DOMESTIC_SECTORS = frozenset(
    {
        "OPP",
        "CVL",
        "REB",
        "INS",
        "SEP",
        "JUD",
        "LEG",
        "MED",
        "EDU",
        "LAB",
        "PTY",
        "REL",
        "CRM",
        "ELI",
        "HLH",
        "REF",
        "BUS",
    }
)
#: Sectors an actor with no country yet may have and still be placed (police, troops and "the
#: government" included; see ``_anchor_domestic``).
PLACEABLE_SECTORS = DOMESTIC_SECTORS | {"COP", "MIL", "GOV"}
#: Sectors (None: the state itself) whose acts at home make uncountried targets domestic.
STATE_ORGANS = frozenset({None, "GOV", "COP", "MIL", "JUD", "LEG", "SPY"})
#: Sectors whose reports are of events at home (army, police, courts and prosecutors).
DOMESTIC_REPORTERS = frozenset({"MIL", "COP", "JUD"})


@dataclass
class Participant:
    actor: Actor
    token: Token
    text: str


class Placing:
    """Mixin of ``EventCoder``: it supplies ``know``, ``gazetteer`` and the word lists."""

    def _home_official(self, participant: Participant) -> bool:
        """An organ or official of a state that serves at home (not a diplomat)."""
        actor = participant.actor
        return (
            actor.country is not None
            and actor.sector in STATE_ORGANS - {None}
            and (actor.role or "") not in self.diplomatic_roles
        )

    def _dateline_country_of(self, doc: Doc, table) -> str | None:
        """The country of the story's dateline ("NAIROBI —"), if the story is mostly about that
        country (named at least as often as any other): a wire filed from Geneva or Beijing about
        somewhere else says nothing of where its protesters or gunmen are."""
        name = getattr(doc._, "dateline", None)
        if not name:
            return None
        location = self.gazetteer.lookup(name)
        country = location.country if location is not None else None
        if country is None or country not in self.know.countries:
            return None
        named = Counter(table.actors[m.actor_id].country for m in table.mentions if m.actor_id in table.actors)
        named.pop(None, None)
        if not named or named[country] < max(named.values()):
            return None
        return country

    def _is_state_organ(self, participant: Participant) -> bool:
        """A government body, or the state named as such ("Kenya"); "Filipinos" or "the
        Sudanese" name the people, not the state."""
        actor = participant.actor
        if actor.sector is not None:
            return actor.sector in STATE_ORGANS
        if actor.kind != "state" or actor.country not in self.know.countries:
            return False
        demonyms = {d.lower() for d in self.know.countries[actor.country].demonyms}
        return participant.token.lower_ not in demonyms and participant.token.lemma_.lower() not in demonyms

    def _may_default_target(self, code: str) -> bool:
        return code[:2] in self.place_target_roots or code[:2] in self.opposition_roots or self._is_home_code(code)

    def _is_home_code(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.home_target_codes)

    @staticmethod
    def _countries_of(table) -> frozenset[str]:
        return frozenset(a.country for a in table.actors.values() if a.country)

    def _country_of_place(self, table, pobj: Token) -> Actor | None:
        if pobj.lower_ in REGION_WORDS:
            # "Gedo region": regions are not in the gazetteer, and a town of the same name
            # elsewhere would give the wrong country.
            return None
        location = place_of(pobj, self.gazetteer, self._countries_of(table))
        if location is None or location.country is None or location.country not in self.know.countries:
            return None
        country = self.know.countries[location.country]
        actor = Actor(
            id=country.iso3, name=country.name, code=country.iso3, country=country.iso3, sector=None, kind="state"
        )
        table.add_modifier(actor, pobj.left_edge.i, pobj.i + 1, pobj.i)
        return table.actors[country.iso3]

    def _protest_pairs(self, table, token: Token, sources: list[Participant], location) -> list:
        pairs = []
        for source in sources:
            country = location.country if location is not None else source.actor.country
            if country and country in self.know.countries and (source.actor.country in (None, country)):
                text = location.name if location is not None else self.know.countries[country].name
                pairs.append((source, self._state_participant(table, country, token, text)))
            else:
                pairs.append((source, None))
        return pairs

    def _implied_authority(self, table, token: Token, targets: list[Participant], anchor: str | None):
        """The state whose authorities did an agentless coercive act: the place's, or, with no
        place, the country of the opposition figures it befell. A foreigner arrested somewhere
        unnamed gets no source."""
        country = anchor
        if country is None:
            homes = {t.actor.country for t in targets if t.actor.sector in self.opposition_sectors}
            if len(homes) == 1 and all(t.actor.sector in self.opposition_sectors for t in targets):
                country = next(iter(homes))
        if country is None or country not in self.know.countries:
            return None
        return self._state_participant(table, country, token, self.know.countries[country].name)

    def _state_participant(self, table, country: str, token: Token, text: str) -> Participant:
        """The state ``country`` as a participant named by ``text``, added to the table."""
        known = self.know.countries[country]
        state = table.actors.setdefault(
            country, Actor(id=country, name=known.name, code=country, country=country, sector=None, kind="state")
        )
        return Participant(state, token, text)

    def _anchor_domestic(
        self, table, sources: list[Participant], targets: list[Participant], place: str | None, code: str
    ) -> tuple[list[Participant], list[Participant]]:
        """Domestic politics rarely repeats the country: in "Ethiopia freed the opposition
        leader" or "Ugandan police arrested protesters" the opposition leader and the
        protesters are of the acting state's country, and in "gunmen killed 12 people in
        Maiduguri" both sides are of the country where it happened. An actor without a
        country takes the country of the event's place (``place``); failing that, in a
        domestic measure (roots under ``home_roots`` in grammar.json), the one country of the
        other side. Police and troops ("police", "the junta") are only placed by where they
        act, and a generic group ("protesters") is never placed by whom it acts against ("stormed
        the Saudi embassy"). An actor left without a country is dropped."""

        def countries(side: list[Participant]) -> set[str]:
            return {p.actor.country for p in side if p.actor.country}

        def anchored(
            side: list[Participant], other: list[Participant], *, to_other: bool, generic_to_other: bool
        ) -> list[Participant]:
            kept = []
            for p in side:
                actor = p.actor
                if actor.country or actor.kind == "igo":
                    kept.append(p)
                    continue
                home = {place} if place else set()
                generic = is_placeholder(actor)
                if actor.sector == "GOV" and not generic:
                    continue  # a named official of no known country stays unknown
                if not home and actor.sector == "GOV":
                    # "the opposition accused the government": their own government.
                    if other and all(p.actor.sector in DOMESTIC_SECTORS for p in other):
                        home = countries(other)
                elif not home and to_other and (generic_to_other or not generic) and actor.sector not in ("COP", "MIL"):
                    home = countries(other)
                elif not home and to_other and generic and other and all(self._home_official(p) for p in other):
                    # "Gunmen assassinated Haiti's president": those who attack a state's own
                    # officials at home are of that state (not an embassy's, which is abroad).
                    home = countries(other)
                if len(home) == 1:
                    kept.append(Participant(self._with_country(table, actor, next(iter(home))), p.token, p.text))
            return kept

        # A state organ acting at home: its uncountried targets are its own.
        acting_state = any(p.actor.country and p.actor.sector in STATE_ORGANS for p in sources)
        # Whom a state expels or deports is foreign (``foreign_target_codes``).
        domestic = code[:2] in self.home_roots and not any(code.startswith(c) for c in self.foreign_target_codes)
        # Police act at home whatever they do ("police in Kenya beat opposition supporters").
        policing = any(p.actor.country and p.actor.sector == "COP" for p in sources)
        targets = anchored(targets, sources, to_other=(acting_state and domestic) or policing, generic_to_other=True)
        # Opposition leaders and rebels acting against a government or place of one country.
        sources = anchored(sources, targets, to_other=True, generic_to_other=False)
        return sources, targets

    def _default_target(
        self, table, token: Token, source: Participant, code: str, place: str | None, location
    ) -> Participant | None:
        """The target of an event that names none. An act of force or coercion at a known place
        is against that place's country ("shelled positions near Kharkiv"); a state's domestic
        measure ("imposed a curfew", "declared a state of emergency", codes listed under
        ``home_target_codes`` in grammar.json) is against its own country."""
        country = None
        own = source.actor.country
        if place and code[:2] in self.place_target_roots and not (place == own and code[:3] in self.abroad_codes):
            # (A show of force at home, "paraded missiles through Pyongyang", targets no one.)
            country = place
        elif own and source.actor.sector in STATE_ORGANS and place in (None, own) and self._is_home_code(code):
            country = own
        elif own and source.actor.sector in self.opposition_sectors and code[:2] in self.opposition_roots:
            # "The opposition leader demanded an audit": of its own government.
            country = own
        if country is None:
            return None
        text = location.name if location is not None and place == country else self.know.countries[country].name
        return self._state_participant(table, country, token, text)

    @staticmethod
    def _with_country(table, actor: Actor, country: str) -> Actor:
        code = country + (actor.sector or "")
        anchored_id = f"{code}:{actor.id}"
        known = table.actors.get(anchored_id)
        if known is None:
            known = Actor(
                id=anchored_id,
                name=actor.name,
                code=code,
                country=country,
                sector=actor.sector,
                kind=actor.kind,
                role=actor.role,
                mentions=list(actor.mentions),
            )
            table.actors[anchored_id] = known
        return known

    def _reporter_country(self, table, modality: Modality) -> str | None:
        """The country of the army, police or prosecutors who report the event ("Cameroon's
        army said separatists had killed four teachers"): they speak of what happens at home.
        (A foreign ministry speaks of abroad.)"""
        if modality.value != "reported" or modality.speaker is None:
            return None
        actor = table.known_actor_at(modality.speaker.i)
        if actor is None or actor.sector not in DOMESTIC_REPORTERS:
            return None
        return actor.country
