"""Knowledge files: bundled ones load, user ones extend them, bad ones name file and line."""

from __future__ import annotations

import pytest

from diplograph.coding.lexicon import parse_pattern, read_lexicon
from diplograph.errors import KnowledgeError
from diplograph.knowledge import load_knowledge


def test_knowledge_bundled_files_load():
    know = load_knowledge()
    assert len(know.countries) >= 190
    assert know.countries["VEN"].name == "Venezuela"
    assert ("demonym", "VEN") in know.names["Venezuelan"]
    assert know.roles["president"].sector == "GOV"


def test_knowledge_user_dictionary_adds_a_person(tmp_path):
    path = tmp_path / "people.tsv"
    path.write_text(
        "name\taliases\tcountry\tsector\trole\tstart\tend\nAna Ribeiro\tRibeiro\tPRT\tGOV\tforeign minister\t2022\t\n"
    )
    know = load_knowledge((str(path),))
    [holder] = know.officeholders_named("Ribeiro", "2023-05-01")
    assert holder.country == "PRT"


def test_knowledge_malformed_line_names_file_and_line(tmp_path):
    path = tmp_path / "roles.tsv"
    path.write_text("term\tsector\tkind\tstrength\nwarlord\tREB\tgroup\tstrong\n")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge((str(path),))
    assert info.value.line == 2 and str(path) in str(info.value)


@pytest.mark.parametrize(
    ("pattern", "pos", "steps"),
    [
        ("support TARGET", "VERB", [("target", ())]),
        ("n:visit to TARGET", "NOUN", [("prep_target", ())]),
        ("sever relation|tie with TARGET", "VERB", [("object", ({"relation", "tie"},)), ("prep_target", ())]),
        ("a:grateful to TARGET", "ADJ", [("prep_target", ())]),
        ("pull out of TARGET", "VERB", [("particle", ({"out"},)), ("prep_target", ())]),
        ("accuse TARGET of espionage|treason", "VERB", [("target", ()), ("prep_object", ({"espionage", "treason"},))]),
        (
            "threaten to impose sanction on TARGET",
            "VERB",
            [("infinitive", ({"impose"},)), ("object", ({"sanction"},)), ("prep_target", ())],
        ),
        ("expel ambassador|envoy TARGET", "VERB", [("object", ({"ambassador", "envoy"},)), ("object_target", ())]),
        ("take TARGET hostage", "VERB", [("target", ()), ("complement", ({"hostage"},))]),
        ("n:strike air|drone on TARGET", "NOUN", [("modifier", ({"air", "drone"},)), ("prep_target", ())]),
    ],
)
def test_knowledge_pattern_grammar(pattern, pos, steps):
    parsed = parse_pattern("051", pattern, "", "test")
    assert parsed.pos == pos
    assert [(s.kind, tuple(set(x) for x in s.lemmas)) for s in parsed.steps] == [(k, tuple(v)) for k, v in steps]


def test_knowledge_optional_target_pattern():
    parsed = parse_pattern("141", "protest against TARGET?", "", "test")
    assert parsed.target_optional and parsed.has_target


def test_knowledge_unknown_cameo_code_is_an_error(tmp_path):
    path = tmp_path / "lexicon.tsv"
    path.write_text("code\tpattern\texample\n999\tsupport TARGET\tx\n")
    with pytest.raises(KnowledgeError, match="line 2"):
        read_lexicon(path)
