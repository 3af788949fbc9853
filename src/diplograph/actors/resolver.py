"""The actor resolver: a spaCy component that finds who the actors of a document are.

It works noun phrase by noun phrase. A phrase is an actor when it names a person, an
international body, a country (by name, short name, capital or seat of power), or carries
a role word ("minister", "army", "protesters") tied to a country. Role words set the CAMEO
sector, so "Venezuelan President Nicolas Maduro" is VENGOV and "the opposition leader" of
Venezuela is VENOPP. People are remembered, so later "Maduro" or "the Venezuelan President"
find the same actor; the bundled dated officeholders tell that Sergei Ryabkov is Russian.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..guard import guarded
from ..knowledge import Knowledge, Role, load_knowledge
from ..records import Actor
from .table import ActorTable

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Dependency labels of the words that modify a noun inside its noun phrase.
NP_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod", "case", "flat"})
#: Tokens that head their own noun phrase (not a modifier of another noun).
NON_HEAD_DEPS = frozenset({"compound", "amod", "flat", "det", "case"})
#: Gazetteer kinds that name a country.
COUNTRY_KINDS = ("country", "demonym", "capital", "seat")
MAX_ROLE_WORDS = 4


@dataclass
class Gazetted:
    """A span of text found in the gazetteer, with what it names."""

    span: Span
    kind: str
    key: str


#: Sectors of people who live inside one country and may be named without it ("protesters",
#: "gunmen", "police"): the event coder anchors them to the place where they act.
PLACEABLE_SECTORS = frozenset(
    {"OPP", "CVL", "REB", "INS", "SEP", "EDU", "MED", "LAB", "REF", "HLH", "REL", "CRM", "COP", "MIL", "GOV"}
)


#: Sectors of people who belong where they are: "teachers in Argentina" are Argentine, and so
#: are "police in Kenya" or "authorities in Sri Lanka". Troops "in Syria" may be anyone's.
RESIDENT_SECTORS = frozenset(
    {"OPP", "CVL", "EDU", "MED", "LAB", "REF", "HLH", "REL", "BUS", "GOV", "COP", "JUD", "LEG", "SPY", "CRM"}
)
#: Entity types of names ("the West Bank", "Bank of England"), which role words never head.
NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


def _sector_code(country: str | None, sector: str | None) -> str:
    """CAMEO actor code; an unknown country is written "---" as PETRARCH does ("---GOV")."""
    if country is None and sector is None:
        return ""
    return (country or "---") + (sector or "")


class ActorResolver:
    """spaCy component ``diplograph_actors``: fills ``doc._.actor_table``."""

    def __init__(self, nlp: Language, name: str, *, dictionaries: Iterable[str] = ()):
        self.name = name
        self.know: Knowledge = load_knowledge(tuple(dictionaries))
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        surfaces = sorted(self.know.names)
        self.matcher.add("NAME", list(nlp.tokenizer.pipe(surfaces)))
        self.group_nouns = self.know.words("group_nouns")
        self.person_role_words = self.know.words("person_role_words")
        #: nouns that name events in the lexicon ("sanction", "visit"): "EU sanctions" is no actor
        from ..coding.lexicon import load_lexicon

        self.event_nouns = frozenset(p.trigger for p in load_lexicon().patterns if p.pos == "NOUN")
        #: last words of role terms: a phrase whose head is none of them holds no role actor
        self.role_heads = frozenset(term.split()[-1] for term in self.know.roles)
        self.anaphoric_nouns = self.know.words("anaphoric_country_nouns")
        self.exclusion_words = self.know.words("exclusion_words")
        self.home_country_sectors = self.know.words("home_country_sectors")
        self.exclusion_phrases = [tuple(p) for p in self.know.grammar.get("exclusion_phrases", [])]
        self._phrases_by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in self.exclusion_phrases:
            self._phrases_by_first.setdefault(phrase[0], []).append(phrase)
        self.pronouns = (
            self.know.words("third_person_singular_person")
            | self.know.words("third_person_nonperson")
            | self.know.words("first_person")
        )

    # -- the component -------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        return guarded("actors", self._resolve_doc, _empty_actors, doc)

    def _resolve_doc(self, doc: Doc) -> Doc:
        table = ActorTable(doc, person_role_words=self.person_role_words)
        doc._.actor_table = table
        ents = doc.ents  # built anew on each access: read once
        for ent in ents:
            if ent.label_ == "PERSON":
                for i in range(ent.start, ent.end):
                    table.person_ents[i] = ent
        gazetted = self._gazetteer_spans(doc, ents)
        by_token: dict[int, Gazetted] = {}
        for gaz in gazetted:
            for token in gaz.span:
                by_token[token.i] = gaz
        table.excluded = self._excluded_tokens(doc)
        day = doc._.article_date.isoformat() if doc._.article_date else None
        for token in doc:
            if self._is_np_head(token, by_token) and self._worth_resolving(token, by_token, table):
                self._resolve_np(table, token, by_token, day)
        for gaz in gazetted:
            root = gaz.span.root
            if root.i not in table.heads and gaz.kind in ("country", "demonym", "capital", "seat", "igo", "group"):
                if gaz.kind == "igo":
                    actor = self._igo_actor(gaz)
                elif gaz.kind == "group":
                    actor = self._group_actor(gaz)
                else:
                    actor = self._country_actor(gaz)
                table.add_modifier(actor, gaz.span.start, gaz.span.end, root.i)
        self._give_home_country(table)
        return doc

    def _give_home_country(self, table: ActorTable) -> None:
        """ "Foreign Minister Abdul Karim said", "said opposition leader Kwame Asante": news
        names the nationality of a domestic officeholder only when it is not that of the
        story, so such a person without a country belongs to the country the article is
        about, when there is one."""
        home = self._story_country(table)
        if home is None:
            return
        for actor in table.actors.values():
            if (
                actor.kind == "person"
                and actor.country is None
                and actor.sector in self.home_country_sectors
                and actor.code.startswith("---")  # not the head of an international body
            ):
                actor.country = home
                actor.code = _sector_code(home, actor.sector)

    @staticmethod
    def _story_country(table: ActorTable) -> str | None:
        """The country named (by name, capital or demonym) most often, the first named of
        those on a tie (the lead names the story's country first). Role phrases ("the
        Mexican embassy", "Russia's ambassador") are not counted: they are how foreign
        actors enter a story."""
        counts: dict[str, int] = {}
        first: dict[str, tuple[int, int]] = {}
        for actor in table.actors.values():
            if actor.kind == "state" and actor.country and actor.mentions:
                counts[actor.country] = counts.get(actor.country, 0) + len(actor.mentions)
                first[actor.country] = min(first.get(actor.country, actor.mentions[0]), *actor.mentions)
        if not counts:
            return None
        return min(counts, key=lambda country: (-counts[country], first[country]))

    # -- finding names ------------------------------------------------------------------

    def _gazetteer_spans(self, doc: Doc, ents: tuple[Span, ...]) -> list[Gazetted]:
        spans = [doc[start:end] for _, start, end in self.matcher(doc)]
        # A country name inside a longer person or organisation name ("Jordan" in
        # "Michael Jordan", "Washington" in "Washington Post") is not the country.
        blocked: set[int] = set()
        other_places: set[int] = set()
        for ent in ents:
            if ent.label_ in ("PERSON", "ORG", "FAC", "LOC", "WORK_OF_ART", "PRODUCT", "EVENT"):
                blocked.update(range(ent.start, ent.end))
            elif ent.label_ == "GPE" and self._is_other_place(ent.text):
                # "Mexico" in "New Mexico", "Guinea" in "Equatorial Guinea" if it were
                # unknown: a town or region whose name holds a country's name is not it.
                other_places.update(range(ent.start, ent.end))
            if ent.label_ == "ORG":
                # "French Armed Forces", "Chinese Foreign Ministry": an organisation named by a
                # country and role words only is that country's body; the country counts.
                blocked.difference_update(self._country_of_role_org(ent))
        found = []
        for span in filter_spans(spans):
            entries = self.know.names[span.text]
            kinds = {kind for kind, _ in entries}
            inside_other = all(t.i in blocked for t in span) and not self._ent_is_span(ents, span)
            if inside_other and "person" not in kinds and "igo" not in kinds and "seat" not in kinds:
                continue
            if all(t.i in other_places for t in span):
                continue
            kind, key = self._best_entry(entries)
            found.append(Gazetted(span, kind, key))
        return found

    def _is_other_place(self, name: str) -> bool:
        """A place of the gazetteer that diplograph does not know as an actor's name."""
        if name in self.know.names:
            return False
        from ..coding.places import TIER_COUNTRY, load_gazetteer

        return any(entry[5] != TIER_COUNTRY for entry in load_gazetteer().candidates(name))

    def _country_of_role_org(self, ent: Span) -> range:
        """The tokens of the leading country word of an ORG entity whose other words are all
        role words ("French Armed Forces"); an empty range for any other organisation
        ("Washington Post", "Kenya Airways")."""
        roles, names = self.know.roles, self.know.names
        if len(ent) and ent[0].pos_ == "DET":  # "The South Korean Defence Ministry"
            ent = ent[1:]
        for n in range(min(3, len(ent) - 1), 0, -1):
            country = ent[:n].text
            if country not in names or not any(kind in COUNTRY_KINDS for kind, _ in names[country]):
                continue
            rest = ent[n:]
            if " ".join(t.lower_ for t in rest) in roles or all(t.lower_ in roles for t in rest):
                return range(ent.start, ent.start + n)
            return range(0)
        return range(0)

    @staticmethod
    def _ent_is_span(ents: tuple[Span, ...], span: Span) -> bool:
        return any(
            ent.start <= span.start and span.end <= ent.end and ent.end - ent.start <= span.end - span.start + 1
            for ent in ents
        )

    @staticmethod
    def _best_entry(entries: list[tuple[str, str]]) -> tuple[str, str]:
        order = {"igo": 0, "group": 1, "country": 2, "seat": 3, "capital": 4, "demonym": 5, "person": 6}
        return min(entries, key=lambda e: order.get(e[0], 9))

    def _excluded_tokens(self, doc: Doc) -> set[int]:
        """Tokens inside "except X", "(excluding X)", "with the exception of X"."""
        excluded: set[int] = set()
        lowers = [t.lower_ for t in doc]
        starts: list[Token] = []  # the word that opens each exclusion
        for token in doc:
            if token.lower_ in self.exclusion_words:
                starts.append(token)
        for i, lower in enumerate(lowers):
            for phrase in self._phrases_by_first.get(lower, ()):
                n = len(phrase)
                if tuple(lowers[i : i + n]) == phrase:
                    excluded.update(range(i, i + n - 1))
                    starts.append(doc[i + n - 1])
        for word in starts:
            excluded.add(word.i)
            objects = [c for c in word.children if c.dep_ in ("pobj", "pcomp", "dobj")]
            if objects:
                # The parse says what is excluded: the object and whatever is listed with it.
                for obj in objects:
                    excluded.update(t.i for t in obj.subtree)
                continue
            # No object in the parse: the names that follow, up to punctuation or a verb.
            i = word.i + 1
            while i < len(doc) and doc[i].text not in (")", ",", ";", ".") and doc[i].pos_ not in ("VERB", "AUX"):
                excluded.add(i)
                i += 1
        return excluded

    # -- noun phrases ---------------------------------------------------------------------

    @staticmethod
    def _is_np_head(token: Token, by_token: dict[int, Gazetted]) -> bool:
        """True for the head noun of a phrase; modifiers ("EU" in "EU sanctions") are not."""
        if token.pos_ not in ("NOUN", "PROPN", "ADJ", "X", "NUM") and token.i not in by_token:
            return False
        return not (token.dep_ in NON_HEAD_DEPS and token.head.i != token.i)

    def _worth_resolving(self, head: Token, by_token: dict[int, Gazetted], table: ActorTable) -> bool:
        """A cheap test before the full phrase analysis: most nouns ("the talks", "water")
        carry no name, role or country and cannot be actors."""
        if head.i in by_token or head.i in table.person_ents or head.pos_ == "PROPN":
            return True
        words = (head.lower_, head.lemma_.lower())
        if any(w in self.role_heads or w in self.anaphoric_nouns or w in self.group_nouns for w in words):
            return True
        return any(c.dep_ == "poss" or c.i in by_token for c in head.lefts)

    @staticmethod
    def _np_tokens(head: Token) -> list[Token]:
        tokens = [head]
        for child in head.lefts:
            if child.dep_ in NP_MODIFIERS:
                tokens.extend(child.subtree)
        # A name like "Organization of American States" continues to the right of its head.
        for child in head.rights:
            if child.dep_ in ("compound", "flat"):
                tokens.extend(child.subtree)
        return sorted(set(tokens), key=lambda t: t.i)

    def _resolve_np(self, table: ActorTable, head: Token, by_token: dict[int, Gazetted], day: str | None) -> None:
        doc = head.doc
        tokens = self._np_tokens(head)
        gaz_in_np: list[Gazetted] = []
        for token in tokens:
            gaz = by_token.get(token.i)
            if gaz is not None and gaz not in gaz_in_np:
                gaz_in_np.append(gaz)
        # Extend the phrase over gazetteer names that start inside it.
        start = min(t.i for t in tokens)
        end = max([t.i + 1 for t in tokens] + [g.span.end for g in gaz_in_np])

        person = self._person_span(doc, head, tokens, gaz_in_np, table, by_token)
        person_tokens = set(range(person.start, person.end)) if person is not None else set()
        # Role words inside a possessor belong to it: "the President's visit" is no president.
        in_possessor = {t.i for child in head.lefts if child.dep_ == "poss" for t in child.subtree}
        role_tokens = [
            t for t in tokens if t.i not in person_tokens and t.i not in by_token and t.i not in in_possessor
        ]
        role = self._best_role(role_tokens)
        if role is not None and person is None and not self._role_covers_head(head, role):
            role = None
        cue = self._country_cue(gaz_in_np, person_tokens)
        igo = next((g for g in gaz_in_np if g.kind == "igo"), None)
        group = next((g for g in gaz_in_np if g.kind == "group"), None)
        if cue is None and igo is None:
            # A person "in Moscow" is only visiting; a ministry "in Dakar" belongs there.
            cue, igo = self._of_phrase_cue(head, by_token, locative=person is None)
        if cue is None and igo is None and person is None and role is not None and role.sector in RESIDENT_SECTORS:
            # "Teachers in Argentina", "police in Kenya": people where they live or serve;
            # troops "in Syria" are not Syrian, so soldiers are left out.
            cue, _ = self._of_phrase_cue(head, by_token, locative=True, countries=True)

        actor: Actor | None = None
        # "Taliban spokesman X", "UN envoy X": a person who speaks or fights for a group or an
        # international body is coded as it.
        affiliation = (group or igo) if person is not None else None
        if person is not None and (role is None or cue is None):
            # "Dewi Lestari, Indonesia's foreign minister": the apposition says who she is.
            other = self._apposition(head)
            if other is not None:
                other_tokens = [
                    t for t in self._np_tokens(other) if t.i not in by_token or by_token[t.i].kind != "person"
                ]
                role = role or self._best_role([t for t in other_tokens if t.i not in by_token])
                other_gaz = [by_token[t.i] for t in other_tokens if t.i in by_token]
                if cue is None:
                    cue = self._country_cue(other_gaz, set())
                if cue is None and affiliation is None:
                    # "A Taliban spokesman, Zabihullah Rahimi", "X, a UN official": the group or
                    # body of the role phrase.
                    affiliation = next((g for g in other_gaz if g.kind in ("group", "igo")), None)
                if cue is None and affiliation is None:
                    # "Fatuma Hassan, a farmer in northern Kenya": where she is says who she is.
                    cue, _ = self._of_phrase_cue(other, by_token, locative=True, countries=True)
        appositive = self._apposition(head)
        if person is None and group is not None and (role is None or role.strength < 2):
            # "Hamas", "Houthi rebels", "Boko Haram fighters": the group itself.
            actor = self._group_actor(group)
        elif person is not None:
            actor = self._person_actor(table, person, role, cue, day, affiliation)
            if appositive is not None and appositive.i < head.i and appositive.i not in table.heads:
                # "Armenia's defence minister, Levon Petrosyan": both phrases are him.
                other = self._np_tokens(appositive)
                table.add(actor, other[0].i, other[-1].i + 1, appositive.i)
        elif (
            appositive is not None
            and appositive.i > head.i
            and (
                self._names_person(appositive, by_token)
                or self._untagged_name(appositive, self._np_tokens(appositive), by_token)
            )
        ):
            actor = None  # the person in apposition speaks for this phrase
        elif role is not None and (igo is None or role.term not in self.group_nouns):
            actor = self._role_actor(table, head, role, cue, igo)
        elif igo is not None and (
            igo.span.root.i == head.i or head.lemma_ in self.group_nouns or not self._is_event_noun(head)
        ):
            # "the UN", "EU countries", "the IMF board", "a UN report"; not "EU sanctions".
            actor = self._igo_actor(igo)
        elif cue is not None and head.i in range(cue.span.start, cue.span.end):
            actor = self._country_actor(cue)
        elif cue is not None and head.lemma_ in self.group_nouns and cue.kind == "demonym":
            # "Arab states", "European countries" name several countries: not one actor.
            actor = None
        elif cue is None and igo is None:
            actor = self._anaphoric_country(table, head, tokens)
        if actor is not None:
            table.add(actor, start, end, head.i)
            if actor.kind != "person" and role is not None and cue is not None:
                self._add_coordinated(table, head, role, cue, by_token)

    def _person_span(
        self,
        doc: Doc,
        head: Token,
        tokens: list[Token],
        gaz_in_np: list[Gazetted],
        table: ActorTable,
        by_token: dict[int, Gazetted],
    ) -> Span | None:
        ids = {t.i for t in tokens}
        for gaz in gaz_in_np:
            if gaz.kind == "person" and gaz.span.root.i in ids:
                return gaz.span
        places = {g.span.start for g in gaz_in_np if g.kind in COUNTRY_KINDS or g.kind == "igo"}
        ent = table.person_ents.get(head.i)
        # NER sometimes takes "Niamey" or "Canberra" for a name: a place is not a person.
        if ent is not None and ent.root.i in ids and ent.start not in places:
            return ent
        # A name NER missed, told by a title in front ("Foreign Minister Tunde Adeyemi")
        # or a role in apposition ("Tunde Adeyemi, Nigeria's foreign minister").
        name = self._untagged_name(head, tokens, by_token)
        if name is not None:
            return name
        # A surname already learned in this article, whatever NER thought of it.
        propn = [t for t in tokens if t.pos_ == "PROPN" and t.i >= head.i - 3]
        if head.pos_ == "PROPN" and head.text.lower() in table.person_names:
            return doc[head.i : head.i + 1]
        if propn and " ".join(t.text for t in propn).lower() in table.person_names:
            return doc[propn[0].i : propn[-1].i + 1]
        return None

    def _untagged_name(self, head: Token, tokens: list[Token], by_token: dict[int, Gazetted]) -> Span | None:
        if head.pos_ != "PROPN":
            return None
        roles = self.know.roles
        run: list[Token] = []
        for token in reversed([t for t in tokens if t.i <= head.i]):
            if token.pos_ != "PROPN" or token.lower_ in roles or token.i in by_token:
                break
            run.insert(0, token)
        if not run or len(run) > 4:
            return None
        before = [t for t in tokens if t.i < run[0].i]
        titled = any(t.lower_ in roles or t.lemma_.lower() in roles for t in before)
        appositive = self._apposition(head)
        described = appositive is not None and self._best_role([appositive]) is not None
        if titled or described:
            return head.doc[run[0].i : run[-1].i + 1]
        return None

    @staticmethod
    def _names_person(token: Token, by_token: dict[int, Gazetted]) -> bool:
        gaz = by_token.get(token.i)
        if gaz is not None:
            return gaz.kind == "person"
        return token.ent_type_ == "PERSON"

    @staticmethod
    def _apposition(head: Token) -> Token | None:
        """The phrase in apposition to ``head``, either side ("X, the minister" / "the minister, X")."""
        for child in head.children:
            if child.dep_ == "appos" and _closing_name_owner(child) is None:
                return child
        if head.dep_ == "appos":
            return _closing_name_owner(head) or head.head
        return next((t for t in head.subtree if getattr(_closing_name_owner(t), "i", None) == head.i), None)

    def _role_covers_head(self, head: Token, role: Role) -> bool:
        """Only a phrase whose head noun is a role word is a role actor ("army spokesman"),
        not one where a role word merely modifies something else ("presidential palace")."""
        head_words = {head.lower_, head.lemma_.lower()}
        last = role.term.split()[-1]
        if last in head_words:
            return True
        head_role = self._best_role([head])
        return head_role is not None

    def _best_role(self, tokens: list[Token]) -> Role | None:
        """The role words of the phrase; the most sector-defining one wins."""
        roles = self.know.roles
        found: list[tuple[int, int, Role]] = []
        i = 0
        words = [t.lower_ for t in tokens]
        lemmas = [t.lemma_.lower() for t in tokens]
        while i < len(tokens):
            for n in range(min(MAX_ROLE_WORDS, len(tokens) - i), 0, -1):
                for seq in (words, lemmas):
                    term = " ".join(seq[i : i + n])
                    if term in roles:
                        found.append((roles[term].strength, n, roles[term]))
                        break
                else:
                    continue
                i += n
                break
            else:
                i += 1
        if not found:
            return None
        # Strength first; among equals, the rightmost (the head) wins.
        best = max(range(len(found)), key=lambda k: (found[k][0], k))
        return found[best][2]

    @staticmethod
    def _country_cue(gaz_in_np: list[Gazetted], person_tokens: set[int]) -> Gazetted | None:
        for gaz in gaz_in_np:
            if gaz.kind in COUNTRY_KINDS and gaz.span.start not in person_tokens:
                return gaz
        return None

    @staticmethod
    def _of_phrase_cue(
        head: Token, by_token: dict[int, Gazetted], *, locative: bool = False, countries: bool = False
    ) -> tuple[Gazetted | None, Gazetted | None]:
        """ "the President of the Bolivarian Republic", "the foreign minister of France",
        "spokesman for the Moroccan government", "the ministry in Dakar"."""
        for prep in head.rights:
            if locative and prep.dep_ == "prep" and prep.lower_ == "in":
                for pobj in prep.children:
                    gaz = by_token.get(pobj.i)
                    kinds = ("capital", "seat", "country") if countries else ("capital", "seat")
                    if pobj.dep_ == "pobj" and gaz is not None and gaz.kind in kinds:
                        return gaz, None
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "for", "to"):
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for token in pobj.subtree:
                        gaz = by_token.get(token.i)
                        if gaz is not None and gaz.kind in COUNTRY_KINDS:
                            return gaz, None
                        if gaz is not None and gaz.kind == "igo":
                            return None, gaz
        return None, None

    # -- building actors ------------------------------------------------------------------

    def _country_actor(self, cue: Gazetted) -> Actor:
        country = self.know.countries[cue.key]
        if cue.kind == "seat":
            return Actor(
                id=f"{country.iso3}GOV",
                name=f"{country.name} government",
                code=f"{country.iso3}GOV",
                country=country.iso3,
                sector="GOV",
                kind="government",
            )
        return Actor(
            id=country.iso3, name=country.name, code=country.iso3, country=country.iso3, sector=None, kind="state"
        )

    def _group_actor(self, gaz: Gazetted) -> Actor:
        group = self.know.groups[gaz.key]
        code = _sector_code(group.country, group.sector)
        return Actor(
            id=f"{code}:{group.name}",
            name=group.name,
            code=code,
            country=group.country,
            sector=group.sector,
            kind="group",
        )

    def _is_event_noun(self, token: Token) -> bool:
        return token.lemma_.lower() in self.event_nouns

    def _igo_actor(self, gaz: Gazetted) -> Actor:
        igo = self.know.igos[gaz.key]
        return Actor(id=igo.code + ":" + igo.name, name=igo.name, code=igo.code, country=None, sector=None, kind="igo")

    def _role_actor(
        self, table: ActorTable, head: Token, role: Role, cue: Gazetted | None, igo: Gazetted | None
    ) -> Actor | None:
        country = self.know.countries[cue.key].iso3 if cue is not None else None
        # "the Venezuelan President", "the foreign minister": a person met earlier. Only a
        # definite singular phrase in an argument position refers back; "acting president"
        # or "as the interim head of state" describe, they do not refer.
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in head.children)
        predicate = head.dep_ in ("attr", "oprd", "appos", "acomp") or (
            head.dep_ == "pobj" and head.head.lower_ == "as"
        )
        # "the ousted president", "the former minister" name someone else than the one in office.
        described = any(
            c.dep_ in ("amod", "compound") and c.lower_ not in self.know.roles and c.i not in self._cue_tokens(cue)
            for c in head.lefts
        )
        if definite and not predicate and not described and head.tag_ not in ("NNS", "NNPS"):
            for actor_id in reversed(table.persons_with_role(role.term)):
                known = table.actors[actor_id]
                if country is None or known.country == country:
                    return known
        if predicate:
            return None
        if igo is not None:
            igo_actor = self._igo_actor(igo)
            igo_actor.role = role.term
            return igo_actor
        if country is None and head.i > 0:
            # "accused Azerbaijani troops": a parse that splits the demonym from its noun.
            before = head.doc[head.i - 1]
            demonym = next((key for kind, key in self.know.names.get(before.text, []) if kind == "demonym"), None)
            if demonym is not None and before.head.i in (head.i, head.head.i):
                country = self.know.countries[demonym].iso3
        if country is None:
            if role.sector not in PLACEABLE_SECTORS or head.dep_ == "poss":
                return None
            # (A capitalised first word, "Gunmen killed ...", is often tagged a name by the
            # small model: the role word itself is trusted there.)
            named = head.ent_type_ in NAME_ENTITIES and head.pos_ == "PROPN" and not head.is_sent_start
            if named or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.lefts):
                return None  # part of a name: "the West Bank" is no bank
            if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
                return None  # "thousands of Rohingya": the of-phrase says who they are
            if any(c.dep_ == "acl" and any(g.dep_ == "agent" for g in c.children) for c in head.children):
                return None  # "drones launched by Russia": the agent says whose they are
            if any(c.dep_ == "poss" for c in head.children):
                return None  # "their crews", "the army's soldiers": someone else's people
            # "Protesters", "gunmen", "police": people of a country the sentence may only
            # tell by where they act ("in Nairobi"). The event coder gives them that
            # country or drops them; unanchored, they are never output.
            return Actor(
                id=f"---{role.sector}:{role.term}",
                name=role.term,
                code=f"---{role.sector}",
                country=None,
                sector=role.sector,
                kind=role.kind,
                role=role.term,
            )
        name = f"{self.know.countries[country].name} {role.term}"
        code = _sector_code(country, role.sector)
        return Actor(
            id=f"{code}:{role.term}",
            name=name,
            code=code,
            country=country,
            sector=role.sector,
            kind=role.kind,
            role=role.term,
        )

    def _add_coordinated(
        self, table: ActorTable, head: Token, role: Role, cue: Gazetted, by_token: dict[int, Gazetted]
    ) -> None:
        """ "The presidents of Brazil and Argentina", "Iranian and Saudi delegations": one
        phrase, one actor per country."""
        for other in cue.span.root.conjuncts:
            gaz = by_token.get(other.i)
            if gaz is None or gaz.kind not in COUNTRY_KINDS or gaz.key == cue.key:
                continue
            actor = self._role_actor(table, head, role, gaz, None)
            if actor is not None:
                table.add_member(head.i, actor, gaz.span.start, gaz.span.end)

    @staticmethod
    def _cue_tokens(cue: Gazetted | None) -> range:
        return range(cue.span.start, cue.span.end) if cue is not None else range(0)

    def _person_actor(
        self,
        table: ActorTable,
        person: Span,
        role: Role | None,
        cue: Gazetted | None,
        day: str | None,
        affiliation: Gazetted | None = None,
    ) -> Actor:
        name = person.text
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        key = name.lower()
        surname = person[-1].text.lower() if len(person) else key
        known_id = table.person_names.get(key) or table.person_names.get(surname)
        if known_id is not None:
            return table.actors[known_id]
        holders = self.know.officeholders_named(name, day) or self.know.officeholders_named(person[-1].text, day)
        if role is not None and len(holders) > 1:
            matching = [h for h in holders if role.term in h.role or h.role in role.term]
            holders = matching or holders
        holder = holders[0] if holders else None
        country = self.know.countries[cue.key].iso3 if cue is not None else None
        if country is None and holder is not None:
            country = holder.country if len(holder.country) == 3 else None
        sector = role.sector if role is not None else None
        if holder is not None and (sector is None or (role is not None and role.strength == 0)):
            sector = holder.sector
        if country is None and affiliation is not None and affiliation.kind == "group":
            # CAMEO codes a group's spokesman or commander as the group (AFGINS), whatever
            # the role word alone would say.
            group = self.know.groups[affiliation.key]
            country, sector = group.country, group.sector
        if country is None and affiliation is not None and affiliation.kind == "igo":
            # An official of an international body: coded as that body.
            code = self.know.igos[affiliation.key].code
        elif holder is not None and len(holder.country) > 3:
            # The head of an international body: coded as that body.
            code = holder.country
        else:
            code = _sector_code(country, sector)
        actor = Actor(
            id=f"person:{(holder.name if holder else name).lower()}",
            name=holder.name if holder else name,
            code=code,
            country=country,
            sector=sector,
            kind="person",
            role=role.term if role else (holder.role if holder else None),
        )
        names = {key, surname, actor.name.lower()}
        if holder is not None:
            names.update(a.lower() for a in holder.aliases)
        for n in names:
            table.person_names.setdefault(n, actor.id)
        if actor.role:
            table.person_roles.setdefault(actor.role, []).append(actor.id)
        return actor

    def _anaphoric_country(self, table: ActorTable, head: Token, tokens: list[Token]) -> Actor | None:
        """ "the Latin American country", "the Gulf state": a country named earlier."""
        if head.lemma_.lower() not in self.anaphoric_nouns or head.tag_ in ("NNS", "NNPS"):
            return None
        if not any(t.dep_ == "det" and t.lower_ in ("the", "this") for t in tokens):
            return None
        text = " ".join(t.lower_ for t in tokens if t.dep_ != "det" and t.i != head.i)
        candidates: set[str] | None = None
        if text:
            regions = [r for r in self.know.regions if r in text]
            if not regions:
                return None
            candidates = set().union(*(self.know.regions[r] for r in regions))
        return table.state_before(head.i, countries=candidates)


def _closing_name_owner(name: Token) -> Token | None:
    """ "A spokesman for Kazakhstan's president, Nurlan Abenov, said": a name set off by
    commas at the very end of a subject phrase, right before its verb, names the head of that
    subject (the spokesman), although the parser hangs it on the nearest noun (the
    president). The head of the subject, or None when ``name`` is no such closing name."""
    if name.dep_ != "appos" or name.pos_ != "PROPN" or name.head.dep_ != "pobj":
        return None
    prep = name.head.head
    owner = prep.head
    if prep.dep_ != "prep" or owner.dep_ not in ("nsubj", "nsubjpass") or owner.pos_ != "NOUN":
        return None
    doc = name.doc
    after = name.right_edge.i + 1
    closes = after < len(doc) and doc[after].text == "," and owner.right_edge.i == after
    before_verb = after + 1 < len(doc) and doc[after + 1].i == owner.head.i
    return owner if closes and before_verb else None


def _empty_actors(doc: Doc) -> None:
    doc._.actor_table = ActorTable(doc)


def register_extensions() -> None:
    for name in ("actor_table", "article_date", "dateline"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("actors"):
        Doc.set_extension(
            "actors",
            getter=lambda doc: doc._.actor_table.ordered_actors() if doc._.actor_table else [],
        )


@Language.factory(
    "diplograph_actors",
    default_config={"dictionaries": []},
    requires=["token.dep", "token.lemma", "token.tag", "doc.ents"],
    assigns=["doc._.actor_table", "doc._.actors"],
)
def make_actor_resolver(nlp: Language, name: str, *, dictionaries: list[str]) -> ActorResolver:
    register_extensions()
    return ActorResolver(nlp, name, dictionaries=dictionaries)
