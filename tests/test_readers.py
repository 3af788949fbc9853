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


FIXTURES = Path(__file__).parent / "fixtures"


def test_readers_html_page_text_title_date_source() -> None:
    [article] = read(FIXTURES / "page.html")
    assert isinstance(article, Article)
    assert article.title == "Senegal welcomes release of detained fishermen"
    assert (article.date, article.source) == ("2024-05-14", "Coastal Herald")
    assert article.url == "https://herald.example.org/2024/05/14/fishermen"
    assert "Senegal welcomed on Tuesday the release of twelve fishermen" in article.text
    assert "The African Union also welcomed the release." in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_readers_html_date_option_overrides() -> None:
    [article] = read(FIXTURES / "page.html", date="2024-06-01")
    assert isinstance(article, Article) and article.date == "2024-06-01"


def test_readers_html_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a reader tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    items = read(FIXTURES / "page.html", FIXTURES / "feed.rss", FIXTURES / "feed.atom")
    assert len(articles(items)) == 5


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("<html><head><title>Index</title></head><body><script>var x;</script></body></html>", "E011"),
        ("  \n", "E002"),
    ],
)
def test_readers_html_without_text_is_an_error(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "index.htm"
    path.write_text(content, encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError) and f"[{code}]" in str(error) and str(path) in str(error)


def test_readers_rss_entries() -> None:
    items = read(FIXTURES / "feed.rss")
    first, second = articles(items)
    assert first.title == "Burkina Faso expels Ivorian ambassador"
    assert first.url == "https://sahelwire.example.net/2024/05/11/expulsion"
    assert (first.date, first.source, first.path) == ("2024-05-11", "Sahel Wire", str(FIXTURES / "feed.rss"))
    # Full content wins over the summary; its HTML is stripped, paragraphs kept apart.
    assert first.text == (
        "Burkina Faso expelled the Ivorian ambassador on Saturday.\n\nIvory Coast condemned the decision."
    )
    assert second.text == "Ghana offered on Sunday to mediate between Burkina Faso and Ivory Coast."


def test_readers_rss_entry_without_text_names_file_and_entry() -> None:
    items = read(FIXTURES / "feed.rss")
    [error] = errors(items)
    assert "[E013]" in str(error) and "feed.rss, entry 3" in str(error)
    assert [type(item) for item in items] == [Article, Article, InputError]


def test_readers_atom_entries() -> None:
    first, second = read(FIXTURES / "feed.atom")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.title, first.source, first.date) == ("Fiji and Tonga resume talks", "Pacific Desk", "2023-11-02")
    assert first.text.startswith("Fiji and Tonga resumed talks on fisheries on Thursday in Suva.\n\nThe Tongan")
    # No <published>: the <updated> date; no <content>: the summary.
    assert (second.date, second.text) == ("2023-11-01", "Samoa recalled its envoy to New Zealand on Wednesday.")
    assert second.url == "https://pacificdesk.example.com/2023/11/01/envoy"


@pytest.mark.parametrize(
    ("name", "content", "code", "where"),
    [
        ("page.xml", "<html><body><p>Not a feed.</p></body></html>", "E012", "page.xml: not an RSS or Atom feed"),
        ("empty.rss", "", "E002", "empty.rss is empty"),
        (
            "cut.rss",
            '<rss version="2.0"><channel><title>C</title>\n<item><description>One.</description></item>\n<item><ti',
            "E014",
            "cut.rss: the feed breaks off after entry 1 (unclosed token)",
        ),
    ],
)
def test_readers_bad_feed_names_file(tmp_path: Path, name: str, content: str, code: str, where: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [error] = errors(read(path))
    assert f"[{code}]" in str(error) and where in str(error)


def test_readers_truncated_feed_keeps_entries_before_the_break(tmp_path: Path) -> None:
    path = tmp_path / "cut.atom"
    path.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>C</title>'
        "<entry><title>A</title><summary>Whole entry.</summary></entry><entry><title>B",
        encoding="utf-8",
    )
    items = read(path)
    assert [a.text for a in articles(items)] == ["Whole entry."] and len(errors(items)) == 1


def test_readers_directory_reads_pages_and_feeds(tmp_path: Path) -> None:
    for name in ("page.html", "feed.rss", "feed.atom"):
        (tmp_path / "news" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "news" / name).write_bytes((FIXTURES / name).read_bytes())
    items = read(tmp_path)
    assert len(articles(items)) == 5 and len(errors(items)) == 1
    assert {a.source for a in articles(items)} == {"Coastal Herald", "Sahel Wire", "Pacific Desk"}


def test_readers_glob_of_feeds() -> None:
    items = read(str(FIXTURES / "feed.*"))
    assert {a.source for a in articles(items)} == {"Sahel Wire", "Pacific Desk"}


def stdin_of(monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode()), encoding="utf-8"))


def test_readers_stdin_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, '{"text": "One.", "date": "2019-09-23"}\n{"text": "Two.", "title": "t"}\n')
    first, second = read("-")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.text, first.date, first.path) == ("One.", "2019-09-23", "<stdin>")
    assert (second.text, second.title) == ("Two.", "t")


def test_readers_stdin_json_lines_bad_line_names_line(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, '{"text": "One."}\n{"text": \n{"text": "Three."}\n')
    items = read("-")
    [error] = errors(items)
    assert "[E004] <stdin>, line 2" in str(error) and len(articles(items)) == 2


@pytest.mark.parametrize("content", ["{Braces} open this text.", "{}x not JSON", "[1, 2] is a list"])
def test_readers_stdin_text_that_is_not_json_lines(monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    stdin_of(monkeypatch, content)
    [article] = read("-")
    assert isinstance(article, Article) and article.text == content


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>One &amp; two.</p><p>Three\n   four.</p>", "One & two.\n\nThree four."),
        ("Line<br>break <script>var x;</script><b>bold</b>", "Line\n\nbreak bold"),
        ("plain text", "plain text"),
    ],
)
def test_readers_html_to_text(fragment: str, text: str) -> None:
    from diplograph.readers.common import html_to_text

    assert html_to_text(fragment) == text


def test_readers_count_articles_estimates_without_parsing(tmp_path: Path) -> None:
    from diplograph.readers import count_articles

    (tmp_path / "a.jsonl").write_text('{"text": "A."}\n\n{"text": "B."}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("C.", encoding="utf-8")
    assert count_articles([str(tmp_path), str(FIXTURES / "feed.rss"), str(FIXTURES / "page.html")]) == 7
    assert count_articles([str(tmp_path), "-"]) is None


def test_readers_html_page_in_its_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.html"
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Bogotá</title></head><body><article><p>'
        "Le président de la République a reçu à Bogotá le ministre des affaires étrangères du Pérou, "
        "a indiqué la présidence dans un communiqué publié lundi soir.</p></article></body></html>"
    )
    path.write_bytes(page.encode("latin-1"))
    [article] = read(path)
    assert isinstance(article, Article) and "reçu à Bogotá" in article.text
