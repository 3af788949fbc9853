"""The library entry points: ``extract`` one text, ``extract_articles`` a stream of them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .errors import InputError, Messages
from .records import EMITTED_BY_DEFAULT, Article, Result

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BATCH_SIZE = 32


def extract(
    text: str,
    *,
    date: str | None = None,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    model: str | None = None,
    all_modalities: bool = False,
    untargeted: bool = False,
) -> Result:
    """Actors, events and quotes of one article text. ``date`` (YYYY-MM-DD) anchors
    relative dates ("on Monday"); without it, events carry only the dates the text states."""
    article = Article(text=text, date=date, title=title, url=url, source=source)
    return next(extract_articles([article], model=model, all_modalities=all_modalities, untargeted=untargeted))


def extract_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    all_modalities: bool = False,
    untargeted: bool = False,
    dictionaries: Iterable[str] = (),
    lexicons: Iterable[str] = (),
    nlp: Language | None = None,
    prescan: bool = False,
) -> Iterator[Result]:
    """One Result per Article, in order. The pipeline is loaded once and reused.

    By default only events that happened or are claimed, planned or expected are returned
    (``all_modalities`` adds negated and hypothetical ones), and only events with a target
    (``untargeted`` adds those without, such as a protest with no stated object).
    ``prescan`` skips parsing sentences that cannot hold an event (see ``diplograph.prescan``):
    faster, at the price of not listing actors named only in skipped sentences."""
    from .coding.dates import parse_iso_date
    from .pipeline import DEFAULT_MODEL, load_pipeline

    if nlp is None:
        nlp = load_pipeline(model or DEFAULT_MODEL, dictionaries=tuple(dictionaries), lexicons=tuple(lexicons))
    vocabulary = None
    if prescan:
        from .prescan import build_vocabulary

        vocabulary = build_vocabulary(nlp, tuple(lexicons), tuple(dictionaries))

    def docs() -> Iterator[Doc]:
        for article in pending:
            text = blank_elisions(article.text)
            boundaries: tuple[int, ...] = ()
            if vocabulary is not None:
                from .prescan import scan

                scanned = scan(text, vocabulary)
                text, boundaries = scanned.text, scanned.boundaries
            doc = nlp.make_doc(text)
            if boundaries:
                # Kept sentences stay sentences of their own between skipped stretches: the
                # token holding each boundary starts a sentence.
                offsets = [token.idx for token in doc]
                for boundary in boundaries:
                    i = bisect.bisect_right(offsets, boundary) - 1
                    if i > 0:
                        doc[i].is_sent_start = True
            if article.date:
                try:
                    doc._.article_date = parse_iso_date(article.date)
                except ValueError as e:
                    where = f" in {article.path}" if article.path else ""
                    raise InputError(Messages.fmt("E007", value=article.date, where=where), path=article.path) from e
            doc._.article_id = article.id
            doc._.dateline = dateline_of(article.text)
            yield doc

    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= BATCH_SIZE:
            pending = batch
            yield from _results(nlp.pipe(docs()), pending, all_modalities, untargeted)
            batch = []
    if batch:
        pending = batch
        yield from _results(nlp.pipe(docs()), pending, all_modalities, untargeted)


#: Editorial marks for words left out of a quote ("<…>", "[...]"); they break parses.
ELISION = re.compile(r"[<\[(]\s*(?:…|\.\.\.)\s*[>\])]")


#: A wire-story dateline opening the text: "NAIROBI —", "ZVEČAN (Kosovo) —", "LIMA, March 3 -".
DATELINE = re.compile(
    r"\A(\s*)([A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž .'’-]{2,40}(?:\s*\([^)\n]{1,40}\))?(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"\s*(?:—|–|--|-)\s)"
)


def dateline_of(text: str) -> str | None:
    """The place of an opening dateline ("NAIROBI —" -> "Nairobi", "ZVEČAN (Kosovo) —" ->
    "Kosovo"), or None."""
    found = DATELINE.match(text)
    if found is None:
        return None
    words = found.group(2).strip().rstrip("—–-").strip()
    inner = re.search(r"\(([^)]+)\)", words)
    name = inner.group(1) if inner else re.split(r"[,(]", words)[0]
    return name.strip().title() or None


def blank_elisions(text: str) -> str:
    """``text`` with elision marks and an opening dateline replaced by spaces (offsets stay
    the same): "NAIROBI —" would otherwise be parsed as the subject of the first sentence."""
    text = ELISION.sub(lambda m: " " * len(m.group()), text)
    return DATELINE.sub(lambda m: m.group(1) + " " * len(m.group(2)), text, count=1)


def _results(docs: Iterable[Doc], articles: list[Article], all_modalities: bool, untargeted: bool) -> Iterator[Result]:
    for doc, article in zip(docs, articles, strict=True):
        yield result_from_doc(doc, article, all_modalities=all_modalities, untargeted=untargeted)


def result_from_doc(doc: Doc, article: Article, *, all_modalities: bool = False, untargeted: bool = False) -> Result:
    """The Result held by a processed Doc."""
    events = doc._.events or []
    if not all_modalities:
        events = [e for e in events if e.modality in EMITTED_BY_DEFAULT]
    if not untargeted:
        events = [e for e in events if e.target is not None]
    # Texts come from the article itself, not from the doc, whose elisions were blanked.
    text = article.text
    quotes = [replace(q, text=text[q.start : q.end]) for q in doc._.quotes or []]
    events = [
        replace(e, evidence=replace(e.evidence, text=text[e.evidence.start : e.evidence.end].strip())) for e in events
    ]
    return Result(article=article, actors=list(doc._.actors), events=events, quotes=quotes)
