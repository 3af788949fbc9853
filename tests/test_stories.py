"""Stories: duplicate articles, merging events of one happening, store tables, CLI, labelled set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from diplograph.cli.main import cli
from diplograph.records import ActorRef, Article, Event, Evidence, Result
from diplograph.store import Store
from diplograph.stories import DuplicateFinder, DuplicateLink, find_duplicates, merge_events
from diplograph.stories.evaluate import evaluate
from diplograph.stories.store import is_current, read_stories, rebuild

EVAL_SET = Path(__file__).parent.parent / "eval" / "dedup"

BODY = [
    "WASHINGTON (Atlas Wire) - The United States on Wednesday recognized Venezuelan opposition leader Juan "
    "Guaido as the country's interim president, hours after he declared himself acting head of state before a "
    "crowd of supporters in Caracas.",
    "President Donald Trump said in a statement that the National Assembly, led by Guaido, was the only "
    "legitimate branch of government duly elected by the Venezuelan people, and he urged other governments of "
    "the Western Hemisphere to follow.",
    "Canada, Brazil and Colombia quickly announced similar moves, while officials in Washington said all "
    "options remained on the table if the government used force against protesters.",
    "Maduro was sworn in for a second term on Jan. 10 after an election that most of the opposition boycotted "
    "and that many foreign governments called fraudulent.",
]
OTHER = [
    "MOSCOW (Atlas Wire) - Russia on Thursday accused the United States of trying to usurp power in Venezuela "
    "and warned Washington against any military intervention in the oil-rich country.",
    "Kremlin spokesman Dmitry Peskov said Nicolas Maduro remained the legitimate president, and Moscow pledged "
    "its continued support for his government against what it called a coup.",
    "Deputy Foreign Minister Sergei Ryabkov told reporters that intervention would be a catastrophic scenario "
    "that would shake the foundations of development in the region.",
    BODY[3],  # agencies reuse background paragraphs across different stories
]


def text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def ref(key: str | None) -> ActorRef | None:
    if key is None:
        return None
    if key.startswith("IGO:"):
        return ActorRef(key, key, "IGO" + key[4:], None, None, "igo")
    return ActorRef(key, key, key + "GOV", key, "GOV", "government")


def event(
    id: str, source: str, target: str | None, code: str, date: str | None, *, modality: str = "asserted"
) -> Event:
    sentence = f"{source} did {code} to {target}."
    return Event(
        id=id,
        date=date,
        date_precision={10: "day", 7: "month", 4: "year"}.get(len(date or ""), "unknown"),
        source=ref(source),  # type: ignore[arg-type]
        target=ref(target),
        code=code,
        root=code[:2],
        label=f"label {code}",
        goldstein=1.0,
        quad_class=1,
        modality=modality,
        evidence=Evidence(0, sentence, 0, len(sentence), "did", 0, 3, "test-rule"),
    )


def result(article_id: str, *events: Event, source: str | None = None, body: str | None = None) -> Result:
    article = Article(text=body or f"text of {article_id}", date="2019-01-23", source=source, id=article_id)
    return Result(article, events=list(events))


# Duplicates


def test_stories_exact_duplicate():
    finder = DuplicateFinder()
    assert finder.add("a1", text(*BODY), source="wire") is None
    copy = text(*BODY).upper().replace(", ", " ,  ").replace(".", " .")
    match = finder.add("a2", copy, source="outlet")
    assert match is not None
    assert (match.duplicate_of, match.kind, match.similarity) == ("a1", "exact", 1.0)


def test_stories_near_duplicate_with_different_boilerplate():
    finder = DuplicateFinder()
    finder.add("a1", text("US recognizes Guaido", *BODY))
    wrapped = text(
        "Trump backs Venezuela's opposition leader",
        "By Carla Mendes",
        *BODY,
        "(Reporting by Lesley Wroughton; Editing by Mary Milliken)",
        "Subscribe to our newsletter for the news that matters.",
        "Copyright 2019 Atlas Wire. All rights reserved.",
    )
    match = finder.add("a2", wrapped, source="courier")
    assert match is not None and match.kind == "near" and match.duplicate_of == "a1"
    assert match.similarity >= 0.8


def test_stories_trimmed_copy_is_near_duplicate():
    links = find_duplicates(
        [Article(text(*BODY), id="a1"), Article(text("Washington recognizes Guaido", *BODY[:3]), id="a2")]
    )
    assert [(lk.article_id, lk.duplicate_of, lk.kind) for lk in links] == [("a2", "a1", "near")]


def test_stories_distinct_similar_articles_not_linked():
    articles = [Article(text(*BODY), id="a1"), Article(text(*OTHER), id="a2")]
    assert find_duplicates(articles) == []


def test_stories_outlet_boilerplate_is_learned():
    footer = [
        "The Daily Courier is not responsible for the content of external sites.",
        "Our reporters work around the clock to bring you stories from every corner of the globe.",
        "Tell us what you think about this story by writing to the letters desk at our offices.",
    ]
    short = ["Brazil recognized Guaido on Wednesday.", "Mexico said it would not recognize him."]
    articles = [
        Article(text(*short, *footer), id="c1", source="courier"),
        Article(text("The city council approved a new harbor budget.", *footer), id="c2", source="courier"),
        Article(text("Oil prices rose after new sanctions.", *footer), id="c3", source="courier"),
    ]
    assert find_duplicates(articles) == []
    assert len(find_duplicates(articles, boilerplate_repeats=99)) == 2


def test_stories_streaming_add_order():
    finder = DuplicateFinder()
    trimmed = text("Headline", *BODY[:3])
    assert finder.add("first", text(*BODY)) is None
    assert finder.add("second", trimmed).duplicate_of == "first"  # type: ignore[union-attr]
    third = finder.add("third", text("Another headline", *BODY[:3], "Sign up for alerts."))
    assert third is not None and third.duplicate_of == "first"  # canonical, even when a later copy matches best
    assert finder.add("second", trimmed).duplicate_of == "first"  # type: ignore[union-attr]
    assert [lk.article_id for lk in finder.links()] == ["second", "third"]
    assert finder.canonical("third") == "first"


# Merging


def test_stories_merge_within_window():
    stories = merge_events(
        [
            result("a1", event("e1", "USA", "VEN", "054", "2019-01-23"), source="wire"),
            result("a2", event("e1", "USA", "VEN", "051", "2019-01-25"), source="post"),
            result("a3", event("e1", "USA", "VEN", "054", "2019-01"), source="review"),
        ],
        duplicates=[],
    )
    [story] = stories
    assert (story.date, story.source, story.target, story.root, story.code) == ("2019-01-23", "USA", "VEN", "05", "054")
    assert story.num_articles == 3
    assert [e["article_id"] for e in story.evidence] == ["a1", "a2", "a3"]
    assert story.evidence[0] == {
        "article_id": "a1",
        "event_id": "e1",
        "sentence": "USA did 054 to VEN.",
        "trigger": "did",
        "rule": "test-rule",
        "duplicate_of": None,
    }


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (event("e1", "USA", "VEN", "054", "2019-02-02"), "10 days apart"),
        (event("e1", "BRA", "VEN", "054", "2019-01-23"), "other source"),
        (event("e1", "VEN", "USA", "054", "2019-01-23"), "reversed dyad"),
        (event("e1", "USA", "VEN", "163", "2019-01-23"), "other root"),
        (event("e1", "USA", None, "054", "2019-01-23"), "no target"),
    ],
)
def test_stories_no_merge_across_window_dyad_or_root(second, why):
    stories = merge_events(
        [result("a1", event("e1", "USA", "VEN", "054", "2019-01-23")), result("a2", second)], duplicates=[]
    )
    assert len(stories) == 2, why


def test_stories_window_does_not_chain():
    days = ["2019-01-01", "2019-01-03", "2019-01-05", "2019-01-07"]
    results = [result(f"a{i}", event("e1", "USA", "VEN", "054", day)) for i, day in enumerate(days)]
    assert [s.num_articles for s in merge_events(results, duplicates=[])] == [2, 2]


@pytest.mark.parametrize("modality", ["negated", "hypothetical"])
def test_stories_no_merge_for_negated_events(modality):
    stories = merge_events(
        [
            result("a1", event("e1", "USA", "VEN", "054", "2019-01-23")),
            result("a2", event("e1", "USA", "VEN", "054", "2019-01-23", modality=modality)),
        ],
        duplicates=[],
    )
    [story] = stories
    assert [e["article_id"] for e in story.evidence] == ["a1"]


def test_stories_duplicate_articles_counted_once():
    results = [
        result("a1", event("e1", "USA", "VEN", "054", "2019-01-23"), source="wire", body=text(*BODY)),
        result("a2", event("e1", "USA", "VEN", "054", "2019-01-23"), source="post", body=text("Head", *BODY)),
        result("a3", event("e1", "USA", "VEN", "054", "2019-01-23"), source="herald", body=text("Top", *BODY[:3])),
        result("a4", event("e1", "USA", "VEN", "054", "2019-01-24"), source="meridian", body=text(*OTHER)),
    ]
    [story] = merge_events(results)  # duplicates found from the article texts
    assert story.num_articles == 2
    assert story.num_sources == 4
    assert [e["duplicate_of"] for e in story.evidence] == [None, "a1", "a1", None]


def test_stories_num_sources_counts_outlets():
    results = [
        result("a1", event("e1", "USA", "VEN", "054", "2019-01-23"), source="wire"),
        result("a2", event("e1", "USA", "VEN", "054", "2019-01-23"), source="wire"),
        result("a3", event("e1", "USA", "VEN", "054", "2019-01-23"), source=None),
        result("a4", event("e1", "USA", "VEN", "054", "2019-01-23"), source="post"),
    ]
    [story] = merge_events(results, duplicates=[])
    assert (story.num_articles, story.num_sources) == (4, 2)


def test_stories_code_most_frequent_then_most_specific():
    results = [
        result("a1", event("e1", "USA", "VEN", "051", "2019-01-23")),
        result("a2", event("e1", "USA", "VEN", "0541", "2019-01-23")),
    ]
    assert merge_events(results, duplicates=[])[0].code == "0541"
    results.append(result("a3", event("e1", "USA", "VEN", "051", "2019-01-23")))
    assert merge_events(results, duplicates=[])[0].code == "051"
    copy = DuplicateLink("a3", "a1", "near", 0.9)  # a copy does not vote again
    results.append(result("a4", event("e1", "USA", "VEN", "0541", "2019-01-23")))
    assert merge_events(results, duplicates=[copy])[0].code == "0541"


def test_stories_merge_reason_text():
    results = [
        result("a1", event("e1", "USA", "VEN", "054", "2019-01-23"), source="wire"),
        result("a2", event("e1", "USA", "VEN", "054", "2019-01-23"), source="post"),
        result("a3", event("e1", "USA", "VEN", "054", "2019-01-24"), source="herald"),
        result("a4", event("e1", "USA", "VEN", "054", "2019-01-24"), source="meridian"),
    ]
    links = [DuplicateLink("a2", "a1", "near", 0.9), DuplicateLink("a3", "a1", "near", 0.8)]
    [story] = merge_events(results, duplicates=links)
    assert story.merge_reason == (
        "same dyad USA->VEN, root 05, dates 2019-01-23..2019-01-24 within 3 days; "
        "2 of 4 articles are near-duplicates of a1; 2 independent articles, 4 outlets"
    )
    [single] = merge_events([results[0]], duplicates=[])
    assert single.merge_reason == "single report: USA->VEN, root 05, date 2019-01-23 in a1"


# Store and CLI


def stored_results() -> list[Result]:
    return [
        result("a1", event("e1", "USA", "VEN", "054", "2019-01-23"), source="wire", body=text(*BODY)),
        result("a2", event("e1", "USA", "VEN", "054", "2019-01-23"), source="post", body=text("Head", *BODY)),
        result(
            "a3",
            event("e1", "RUS", "USA", "112", "2019-01-24"),
            event("e2", "USA", "VEN", "054", "2019-01-24"),
            source="meridian",
            body=text(*OTHER),
        ),
    ]


def table(conn, name: str) -> list[tuple]:
    return conn.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()


def test_stories_store_tables_rebuilt_idempotently(tmp_path):
    db = tmp_path / "news.duckdb"
    with Store(db) as store:
        store.write(stored_results())
        assert not is_current(store.conn)
        report = rebuild(store.conn)
        assert (report.duplicates, report.stories, report.evidence) == (1, 2, 4)
        first = {name: table(store.conn, name) for name in ("duplicates", "stories", "story_evidence")}
        assert is_current(store.conn)
        rebuild(store.conn)
        assert {name: table(store.conn, name) for name in first} == first
        assert first["duplicates"] == [("a2", "a1", "near", pytest.approx(first["duplicates"][0][3]))]
        assert not is_current(store.conn, window_days=5)
        store.write([result("a4", event("e1", "CHN", "USA", "111", "2019-01-24"), body="China criticised the US.")])
        assert not is_current(store.conn)
        rebuild(store.conn)
        stories = read_stories(store.conn)
    assert [(s["source_code"], s["target_code"], s["num_articles"], s["num_sources"]) for s in stories] == [
        ("USA", "VEN", 2, 3),
        ("CHN", "USA", 1, 0),
        ("RUS", "USA", 1, 1),
    ]
    assert stories[0]["evidence"][1] == {
        "article_id": "a2",
        "event_id": "e1",
        "sentence": "USA did 054 to VEN.",
        "trigger": "did",
        "rule": "test-rule",
        "duplicate_of": "a1",
    }


def test_stories_cli_jsonl(tmp_path):
    db = tmp_path / "news.duckdb"
    with Store(db) as store:
        store.write(stored_results())
    runner = CliRunner()
    output = runner.invoke(cli, ["stories", "--db", str(db), "--format", "jsonl"])
    assert output.exit_code == 0, output.output
    rows = [json.loads(line) for line in output.output.splitlines()]
    assert [(r["date"], r["source_code"], r["code"], r["num_articles"]) for r in rows] == [
        ("2019-01-23", "USA", "054", 2),
        ("2019-01-24", "RUS", "112", 1),
    ]
    assert "near-duplicates of a1" in rows[0]["merge_reason"]
    again = runner.invoke(cli, ["stories", "--db", str(db), "--format", "jsonl"])  # up to date: read only
    assert again.output == output.output
    narrow = runner.invoke(cli, ["stories", "--db", str(db), "--window", "0", "--rebuild"])
    assert narrow.exit_code == 0 and "ARTICLES" in narrow.output
    missing = runner.invoke(cli, ["stories", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "[E030]" in missing.output


# Labelled set


def test_stories_labelled_set_scores():
    scores = evaluate(EVAL_SET)
    assert scores["articles"] >= 40 and scores["events"] >= 60
    assert scores["duplicate_precision"] >= 0.95 and scores["duplicate_recall"] >= 0.9
    assert scores["false_merge_rate"] <= 0.1 and scores["missed_merge_rate"] <= 0.05
    assert scores["leaked_events"] == 0
