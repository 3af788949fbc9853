"""PLOVER: every CAMEO code is mapped, lookups use the longest prefix, the exporter is flat."""

from __future__ import annotations

import json

import pytest

from diplograph.coding.ontology import PLOVER_TYPES, load_ontology, load_plover, plover_for
from diplograph.exporters.plover import plover_events
from diplograph.knowledge import data_path, read_tsv
from diplograph.records import ActorRef, Article, Event, Evidence, Location, Result

VENGOV = ActorRef("Venezuela", "Venezuela government", "VENGOV", "VEN", "GOV", "government")
RUS = ActorRef("Russia", "Russia", "RUS", "RUS", None, "state")


def make_event(code: str, *, modality: str = "asserted", target: ActorRef | None = RUS, **extra) -> Event:
    kind = load_ontology()[code]
    return Event(
        id=f"e-{code}-{modality}",
        date="2019-09-23",
        date_precision="day",
        source=VENGOV,
        target=target,
        code=code,
        root=code[:2],
        label=kind.label,
        goldstein=kind.goldstein,
        quad_class=kind.quad_class,
        modality=modality,
        evidence=Evidence(0, "Maduro visited Moscow.", 0, 22, "visited", 7, 14, f"lexicon.tsv:1 {code}"),
        **extra,
    )


def make_result(*events: Event) -> Result:
    article = Article("Maduro visited Moscow.", date="2019-09-25", id="story-1")
    return Result(article=article, events=list(events))


def test_plover_every_cameo_code_has_a_row():
    rows = [row["cameo"] for _, row in read_tsv(data_path("plover.tsv"), ("cameo", "plover_type", "plover_mode"))]
    assert len(rows) == len(set(rows))
    assert set(rows) == set(load_ontology())


def test_plover_types_are_from_the_plover_list():
    types = {kind for kind, _ in load_plover().values()}
    assert types - {""} <= set(PLOVER_TYPES)
    assert len(PLOVER_TYPES) == 16
    assert all(mode == "" for kind, mode in load_plover().values() if not kind)


def test_plover_every_type_is_used():
    assert {kind for kind, _ in load_plover().values()} - {""} == set(PLOVER_TYPES)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("041", {"type": "CONSULT", "mode": "phone"}),
        ("042", {"type": "CONSULT", "mode": "visit"}),
        ("044", {"type": "CONSULT", "mode": "third-party"}),
        ("036", {"type": "AGREE", "mode": "consult"}),
        ("0233", {"type": "REQUEST", "mode": "aid"}),
        ("1041", {"type": "REQUEST", "mode": "concede"}),
        ("1384", {"type": "THREATEN", "mode": "assault"}),
        ("141", {"type": "PROTEST", "mode": "demo"}),
        ("163", {"type": "SANCTION", "mode": "economic"}),
        ("173", {"type": "COERCE", "mode": "arrest"}),
        ("193", {"type": "ASSAULT", "mode": "firearms"}),
        ("195", {"type": "ASSAULT", "mode": "aerial"}),
        ("0874", {"type": "RETREAT", "mode": "withdraw"}),
        ("19", {"type": "ASSAULT", "mode": ""}),
    ],
)
def test_plover_known_codes_map_as_documented(code, expected):
    assert plover_for(code) == expected


def test_plover_longest_prefix_lookup():
    # a four-digit row wins over its three-digit parent
    assert plover_for("0253") == {"type": "REQUEST", "mode": "retreat"}
    assert plover_for("025") == {"type": "REQUEST", "mode": "concede"}
    # codes missing from the table inherit from the longest prefix present
    assert plover_for("0425") == plover_for("042") == {"type": "CONSULT", "mode": "visit"}
    assert plover_for("0999") == plover_for("09") == {"type": "ACCUSE", "mode": "investigate"}
    # an uncovered row stops the lookup: it does not fall back to a covered root
    assert plover_for("015") == {"type": "CONCEDE", "mode": ""}
    assert plover_for("0105") is None
    assert plover_for("99") is None


def test_plover_uncovered_codes_return_none():
    for code in ("01", "010", "011", "012", "013", "014", "017"):
        assert plover_for(code) is None, code


def test_plover_events_gives_the_expected_fields():
    where = Location("Moscow", "RUS", 55.75, 37.62)
    event = make_event("042", location=where, confidence=0.8)
    [record] = plover_events(make_result(event))
    assert record == {
        "id": "e-042-asserted",
        "event_date": "2019-09-23",
        "event_type": "CONSULT",
        "mode": "visit",
        "context": [],
        "actor": "Venezuela government",
        "actor_country": "VEN",
        "actor_sector": "GOV",
        "actor_code": "VENGOV",
        "recipient": "Russia",
        "recipient_country": "RUS",
        "recipient_sector": None,
        "recipient_code": "RUS",
        "source_text": "Maduro visited Moscow.",
        "story_id": "story-1",
        "publication_date": "2019-09-25",
        "location": {"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62},
        "cameo_code": "042",
        "confidence": 0.8,
        "rule": "lexicon.tsv:1 042",
    }
    json.dumps(record)


def test_plover_events_put_modality_in_context():
    records = plover_events(make_result(make_event("036", modality="intended"), make_event("111", modality="reported")))
    assert [(r["event_type"], r["mode"], r["context"]) for r in records] == [
        ("AGREE", "consult", ["intended"]),
        ("ACCUSE", "disapprove", ["reported"]),
    ]


def test_plover_events_without_target_or_mode_use_null():
    [record] = plover_events(make_result(make_event("190", target=None)))
    assert record["event_type"] == "ASSAULT"
    assert record["mode"] is None
    assert record["recipient"] is None and record["recipient_country"] is None and record["recipient_code"] is None
    assert record["location"] is None


def test_plover_events_omit_uncovered_codes():
    result = make_result(make_event("010"), make_event("013"), make_event("051"))
    assert [r["cameo_code"] for r in plover_events(result)] == ["051"]
    assert plover_events(make_result(make_event("010"))) == []


def test_plover_events_prefer_the_events_own_plover_field():
    event = make_event("042", plover={"type": "CONSULT", "mode": "multilateral"})
    [record] = plover_events(make_result(event))
    assert record["mode"] == "multilateral"


@pytest.mark.nlp
def test_plover_cli_ontology_option_prints_plover_records(tmp_path):
    import json

    from click.testing import CliRunner

    from diplograph.cli.main import cli

    article = tmp_path / "a.txt"
    article.write_text("date 2024-02-01\nNiger expelled the French ambassador.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(article), "--ontology", "plover", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert record["event_type"] == "SANCTION"
    assert (record["actor_country"], record["recipient_country"]) == ("NER", "FRA")
