"""Store: write/read round trips, idempotent re-ingest, atomic batches, queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.errors import QueryError, StoreError
from diplograph.records import (
    MODALITIES,
    Actor,
    ActorRef,
    Article,
    Event,
    Evidence,
    Location,
    Quote,
    Result,
)
from diplograph.store import DEFAULT_DB_PATH, Store, default_db_path
from diplograph.store.queries import event_from_row, quote_from_row

MADURO = Actor("VENGOV:maduro", "Nicolas Maduro", "VENGOV", "VEN", "GOV", "person", "president", [(0, 6)])
RUSSIA = Actor("RUS", "Russia", "RUS", "RUS", None, "state", None, [(15, 21), (40, 46)])
RYABKOV = Actor("RUSGOV:ryabkov", "Sergei Ryabkov", "RUSGOV", "RUS", "GOV", "person", "deputy minister")
USA = Actor("USA", "United States", "USA", "USA", None, "state")
PRECISION = {0: "unknown", 4: "year", 7: "month", 10: "day"}


def make_event(
    id: str,
    source: Actor,
    target: Actor | None,
    code: str,
    *,
    date: str | None,
    modality: str = "asserted",
) -> Event:
    sentence = f"{source.name} did {code} to {target.name if target else 'nobody'}."
    return Event(
        id=id,
        date=date,
        date_precision=PRECISION[len(date) if date else 0],
        source=source.ref(source.name),
        target=target.ref(target.name) if target else None,
        code=code,
        root=code[:2],
        label=f"label {code}",
        goldstein=1.5,
        quad_class=1,
        modality=modality,
        evidence=Evidence(0, sentence, 0, len(sentence), "did", 0, 3, "test"),
        location=Location("Caracas", "VEN", 10.5, -66.9) if source is MADURO else None,
        plover={"type": "CONSULT", "mode": "visit"} if code == "042" else None,
    )


def make_result(text: str, date: str | None, events: list[Event], quotes: Sequence[Quote] = ()) -> Result:
    """A Result whose actors are the sources of its events."""
    codes = {event.source.code for event in events}
    actors = [a for a in (MADURO, RUSSIA, RYABKOV, USA) if a.code in codes]
    return Result(Article(text, date=date, path="test.txt"), actors, events, list(quotes))


def sample_results() -> list[Result]:
    """Three articles: Venezuela-Russia in September 2019, a US one in 2020, an undated one."""
    quote = Quote("I thank Russia", 10, 24, "direct", MADURO.ref("Maduro"), 0)
    return [
        make_result(
            "Maduro thanked Russia.",
            "2019-09-23",
            [
                make_event("e1", MADURO, RUSSIA, "051", date="2019-09-23"),
                make_event("e2", RYABKOV, MADURO, "042", date="2019-07", modality="expected"),
            ],
            [quote, Quote("Relations are good", 30, 49, "indirect", None, 1)],
        ),
        make_result(
            "The US imposed sanctions.",
            "2020-01-10",
            [make_event("e1", USA, MADURO, "163", date="2020-01-09")],
            [Quote("We will act", 0, 11, "direct", RYABKOV.ref("Ryabkov"), 0)],
        ),
        make_result("Russia said nothing.", None, [make_event("e1", RUSSIA, None, "010", date=None)]),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.duckdb") as store:
        store.write(sample_results())
        yield store


def test_store_round_trip_events_and_quotes(tmp_path: Path) -> None:
    results = sample_results()
    with Store(tmp_path / "db.duckdb") as store:
        assert store.write(results).stored == 3
        events = [event_from_row(row) for row in store.events()]
        quotes = [quote_from_row(row) for row in store.quotes()]
    expected_events = [e for r in results for e in r.events]
    assert sorted(events, key=repr) == sorted(expected_events, key=repr)
    assert quotes == [q for r in results for q in r.quotes]


def test_store_round_trip_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.duckdb"
    with Store(path) as store:
        store.write(sample_results())
    with Store(path, read_only=True) as store:
        assert store.stats()["articles"] == 3


@pytest.mark.parametrize("batches", [[[0, 1], [0, 1, 2]], [[0, 0, 1]]])
def test_store_reingest_stores_once(tmp_path: Path, batches: list[list[int]]) -> None:
    results = sample_results()
    with Store(tmp_path / "db.duckdb") as store:
        reports = [store.write([results[i] for i in batch]) for batch in batches]
        stats = store.stats()
    stored = sum(report.stored for report in reports)
    skipped = sum(report.skipped for report in reports)
    assert stored == stats["articles"] == len({i for batch in batches for i in batch})
    assert skipped == sum(len(batch) for batch in batches) - stored
    assert stats["events"] == sum(len(results[i].events) for i in {i for b in batches for i in b})


def test_store_failing_batch_leaves_earlier_batches_intact(tmp_path: Path) -> None:
    good, other, bad = sample_results()
    bad.events[0].goldstein = "not a number"  # type: ignore[assignment]
    with Store(tmp_path / "db.duckdb") as store:
        store.write([good])
        with pytest.raises(StoreError, match=r"E031.*" + bad.article.id):
            store.write([other, bad])
        stats = store.stats()
        assert (stats["articles"], stats["events"], stats["quotes"]) == (1, 2, 2)
        assert store.write([other]).stored == 1  # the failed batch left nothing behind


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["e2", "e1", "e1", "e1"]),
        ({"actor": "VEN"}, ["e2", "e1", "e1"]),
        ({"actor": "ven"}, ["e2", "e1", "e1"]),
        ({"actor": "RUS"}, ["e2", "e1", "e1"]),
        ({"actor": "RUSGOV"}, ["e2"]),
        ({"source": "VEN"}, ["e1"]),
        ({"target": "VEN"}, ["e2", "e1"]),
        ({"actor": "CHN"}, []),
        ({"code": "04"}, ["e2"]),
        ({"root": "16"}, ["e1"]),
        ({"modality": "expected"}, ["e2"]),
        ({"since": "2019-09-01"}, ["e1", "e1"]),
        ({"since": "2019-07-15", "until": "2019-12"}, ["e2", "e1"]),
        ({"until": "2019"}, ["e2", "e1"]),
        ({"since": "2020"}, ["e1"]),
        ({"limit": 1}, ["e2"]),
    ],
)
def test_store_events_filters(store: Store, filters: dict, expected: list[str]) -> None:
    assert [row["id"] for row in store.events(**filters)] == expected


@pytest.mark.parametrize(
    "filters",
    [
        {"since": "2019-13"},
        {"until": "yesterday"},
        {"since": "2019-02-30"},
        {"since": "2020", "until": "2019"},
        {"modality": "certain"},
        {"limit": 0},
    ],
)
def test_store_events_invalid_filters_raise_e040(store: Store, filters: dict) -> None:
    with pytest.raises(QueryError, match="E040"):
        store.events(**filters)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["I thank Russia", "Relations are good", "We will act"]),
        ({"speaker": "maduro"}, ["I thank Russia"]),
        ({"speaker": "SERGEI"}, ["We will act"]),
        ({"speaker": "nobody"}, []),
        ({"since": "2020-01"}, ["We will act"]),
        ({"until": "2019-12-31", "limit": 1}, ["I thank Russia"]),
    ],
)
def test_store_quotes_filters(store: Store, filters: dict, expected: list[str]) -> None:
    assert [row["text"] for row in store.quotes(**filters)] == expected


def test_store_actors_aggregated_with_counts(store: Store) -> None:
    rows = {row["code"]: row for row in store.actors()}
    assert set(rows) == {"VENGOV", "RUSGOV", "USA", "RUS"}
    maduro = rows["VENGOV"]
    assert (maduro["articles"], maduro["mentions"], maduro["events"]) == (1, 1, 3)
    assert rows["RUS"]["mentions"] == 2
    assert [row["code"] for row in store.actors(limit=1)] == ["VENGOV"]


def test_store_stats(store: Store) -> None:
    assert store.stats() == {
        "articles": 3,
        "events": 4,
        "quotes": 3,
        "actors": 4,
        "first_date": "2019-09-23",
        "last_date": "2020-01-10",
    }


def test_store_read_only_missing_file_raises_e030(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"E030.*missing\.duckdb"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_store_default_path_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DIPLOGRAPH_DB", raising=False)
    assert default_db_path() == DEFAULT_DB_PATH == "diplograph.duckdb"
    monkeypatch.setenv("DIPLOGRAPH_DB", "/data/news.duckdb")
    assert default_db_path() == "/data/news.duckdb"


texts = st.text(max_size=20)
optional_texts = st.none() | texts
offsets = st.integers(min_value=0, max_value=2**31 - 1)
floats = st.floats(allow_nan=False)
actor_refs = st.builds(
    ActorRef,
    texts,
    texts,
    texts,
    optional_texts,
    optional_texts,
    st.sampled_from(("state", "person")),
)
dates = st.none() | st.sampled_from(("2019", "2019-07", "2019-07-04", "1999-12-31"))
events = st.builds(
    Event,
    id=texts,
    date=dates,
    date_precision=st.sampled_from(("day", "month", "year", "unknown")),
    source=actor_refs,
    target=st.none() | actor_refs,
    code=texts,
    root=texts,
    label=texts,
    goldstein=floats,
    quad_class=st.integers(1, 4),
    modality=st.sampled_from(MODALITIES),
    evidence=st.builds(Evidence, offsets, texts, offsets, offsets, texts, offsets, offsets, texts),
    attributed_to=st.none() | actor_refs,
    location=st.none() | st.builds(Location, texts, optional_texts, st.none() | floats, st.none() | floats),
    plover=st.none() | st.fixed_dictionaries({"type": texts, "mode": texts}),
    confidence=floats,
)


@settings(max_examples=50, deadline=None)
@given(st.lists(events, max_size=5))
def test_store_property_events_round_trip(written: list[Event]) -> None:
    with Store(":memory:") as store:
        store.write([Result(Article("Some text."), events=written)])
        rows = sorted(store.events(), key=lambda row: row["idx"])
    assert [event_from_row(row) for row in rows] == written
