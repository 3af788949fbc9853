"""Readers: text with a date header, JSON Lines, JSON, directories, globs, stdin, errors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from diplograph.errors import InputError
from diplograph.readers import read_articles
from diplograph.records import Article

REFERENCE = Path("/work/shared/examples/venezuela-russia-2019-09-23.txt")


def read(*paths: Path | str, date: str | None = None) -> list[Article | InputError]:
    return list(read_articles([str(p) for p in paths], date=date))


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


@pytest.mark.parametrize(
    ("content", "date", "text"),
    [
        (
            " date 2019-09-23 The President spoke.\n\nMore.",
            "2019-09-23",
            "The President spoke.\n\nMore.",
        ),
        ("date 2024-05-14\nThe text starts here.\n", "2024-05-14", "The text starts here.\n"),
        ("date 2024-05-14\r\nWindows lines.", "2024-05-14", "Windows lines."),
        ("\tdate 2024-05-14   Tabs and spaces.", "2024-05-14", "Tabs and spaces."),
        ("No header here.", None, "No header here."),
        ("date palms grow in Iraq.", None, "date palms grow in Iraq."),
    ],
)
def test_readers_text_header_date(tmp_path: Path, content: str, date: str | None, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article)
    assert (article.date, article.text, article.path) == (date, text, str(path))


def test_readers_text_reference_article_offsets_relative_to_text() -> None:
    [article] = read(REFERENCE)
    assert isinstance(article, Article)
    assert article.date == "2019-09-23"
    assert article.text.startswith("The President of the Bolivarian Republic")


@pytest.mark.parametrize(
    ("content", "expected"),
    [("date 2019-09-23 Text.", "2020-01-02"), ("Text without header.", "2020-01-02")],
)
def test_readers_date_option_overrides_and_fills(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    [article] = read(path, date="2020-01-02")
    assert isinstance(article, Article)
    assert article.date == expected


def test_readers_invalid_header_date_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("date 2019-13-45 Text.", encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError)
    assert "[E007]" in str(error) and str(path) in str(error) and "line 1" in str(error)
    assert (error.path, error.line) == (str(path), 1)


def test_readers_invalid_date_option_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E007"):
        read(tmp_path, date="23/09/2019")


def test_readers_jsonl_fields(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    records = [
        {
            "text": "One.",
            "date": "2019-09-23",
            "title": "T",
            "url": "http://x",
            "source": "TASS",
            "id": 7,
        },
        {"text": "Two.", "date": "2019-09-24T08:00:00+00:00"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = read(path)
    assert first == Article("One.", "2019-09-23", "T", "http://x", "TASS", str(path), "7")
    assert isinstance(second, Article)
    assert second.date == "2019-09-24" and second.id == Article("Two.").id


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('{"text": "unterminated', "E004"),
        ("[1, 2]", "E004"),
        ('{"title": "no text"}', "E005"),
        ('{"text": "   "}', "E005"),
        ('{"text": "Bad date.", "date": "yesterday"}', "E007"),
    ],
)
def test_readers_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: str, code: str) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(f'{{"text": "First."}}\n{line}\n{{"text": "Third."}}\n', encoding="utf-8")
    items = read(path)
    [error] = errors(items)
    assert f"[{code}]" in str(error) and str(path) in str(error) and "line 2" in str(error)
    assert error.line == 2
    assert [a.text for a in articles(items)] == ["First.", "Third."]


def test_readers_json_file_list_and_object(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text('[{"text": "A."}, {"text": ""}]', encoding="utf-8")
    (tmp_path / "one.json").write_text('{"text": "B.", "title": "b"}', encoding="utf-8")
    items = read(tmp_path / "list.json", tmp_path / "one.json")
    assert [a.text for a in articles(items)] == ["A.", "B."]
    [error] = errors(items)
    assert "[E009]" in str(error) and "item 1" in str(error)


@pytest.mark.parametrize(("name", "content"), [("a.txt", ""), ("b.txt", " \n\n"), ("c.jsonl", "\n")])
def test_readers_empty_file(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError) and "[E002]" in str(error) and str(path) in str(error)


def test_readers_header_without_text_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("date 2019-09-23\n", encoding="utf-8")
    [error] = read(path)
    assert "[E002]" in str(error)


@pytest.mark.parametrize("name", ["latin1.txt", "latin1.jsonl"])
def test_readers_non_utf8(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes("Caf\u00e9 in Bogot\u00e1".encode("latin-1"))
    [error] = read(path)
    assert isinstance(error, InputError) and "[E003]" in str(error) and "byte 3" in str(error)


def test_readers_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffdate 2019-09-23 Text.".encode())
    [article] = read(path)
    assert isinstance(article, Article) and article.date == "2019-09-23"


@pytest.mark.parametrize("name", ["missing.txt", "missing-*.txt"])
def test_readers_missing_file(tmp_path: Path, name: str) -> None:
    [error] = read(tmp_path / name)
    assert isinstance(error, InputError) and "[E006]" in str(error) and name in str(error)


def test_readers_missing_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    items = read(tmp_path / "missing.txt", tmp_path / "ok.txt")
    assert [type(item) for item in items] == [InputError, Article]


def test_readers_directory_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B.", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text('{"text": "A."}', encoding="utf-8")
    (tmp_path / "sub" / "c.txt").write_text("C.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Skipped.", encoding="utf-8")
    assert [a.text for a in articles(read(tmp_path))] == ["A.", "B.", "C."]


def test_readers_empty_directory_is_an_error(tmp_path: Path) -> None:
    [error] = read(tmp_path)
    assert isinstance(error, InputError) and "[E001]" in str(error)


def test_readers_glob_expansion(tmp_path: Path) -> None:
    for name in ("x2.txt", "x1.txt", "y.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert [a.text for a in articles(read(tmp_path / "x*.txt"))] == ["x1.txt", "x2.txt"]


def test_readers_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"date 2019-09-23 From a pipe."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    [article] = read("-")
    assert isinstance(article, Article)
    assert (article.text, article.date, article.path) == ("From a pipe.", "2019-09-23", "<stdin>")
