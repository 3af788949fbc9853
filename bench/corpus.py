"""A benchmark corpus of news-like articles of realistic length, built from our own texts.

The project's own articles (eval/articles, examples/) and sentences (eval/sentences) are
stitched into articles of about ``words`` words: paragraphs from two or three stories plus
background paragraphs made of no-event sentences, as a wire story mixes events with
context. The same seed gives the same corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from diplograph.records import Article

ROOT = Path(__file__).resolve().parent.parent


def _story_paragraphs() -> list[list[str]]:
    stories = []
    for folder in (ROOT / "eval" / "articles", ROOT / "examples"):
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("date "):
                text = text.split("\n", 1)[1] if "\n" in text else ""
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            if paragraphs:
                stories.append(paragraphs)
    return stories


def _background_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "eval" / "sentences").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            if not case.get("expected", case.get("events")):
                sentences.append(case["text"])
    return sentences


def build_corpus(n_articles: int = 200, *, words: int = 600, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    stories = _story_paragraphs()
    background = _background_sentences()
    if not stories:
        raise SystemExit("no articles found under eval/articles or examples/")
    articles = []
    for k in range(n_articles):
        paragraphs: list[str] = []
        count = 0
        while count < words:
            if background and rng.random() < 0.35:
                paragraph = " ".join(rng.sample(background, k=min(3, len(background))))
            else:
                story = rng.choice(stories)
                paragraph = rng.choice(story)
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        day = 1 + k % 28
        articles.append(Article(text="\n\n".join(paragraphs), date=f"2024-03-{day:02d}", source=f"bench-{k % 7}"))
    return articles
