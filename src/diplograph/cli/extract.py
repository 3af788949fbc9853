"""``diplograph extract``: read articles and print their actors, events and quotes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import click

from diplograph.cli.options import date_option, model_option
from diplograph.cli.output import WRITERS, Column, echo_error, output_options, render_table
from diplograph.errors import InputError
from diplograph.readers import read_articles

if TYPE_CHECKING:
    from diplograph.records import Article, Result

ACTOR_COLUMNS: list[Column] = [
    ("CODE", "code"),
    ("NAME", "name"),
    ("KIND", "kind"),
    ("ROLE", "role"),
    ("MENTIONS", lambda actor: len(actor["mentions"])),
]
EVENT_COLUMNS: list[Column] = [
    ("DATE", "date"),
    ("SOURCE", lambda event: event["source"]["code"]),
    ("EVENT", lambda event: f"{event['code']} {event['label']}"),
    ("TARGET", lambda event: (event["target"] or {}).get("code")),
    ("MODALITY", "modality"),
    ("TRIGGER", lambda event: event["evidence"]["trigger"]),
]
QUOTE_COLUMNS: list[Column] = [
    ("SPEAKER", lambda quote: (quote["speaker"] or {}).get("name")),
    ("KIND", "kind"),
    ("TEXT", "text"),
]


class Tally:
    """Counts what was read and what failed, for the exit status and summaries."""

    def __init__(self) -> None:
        self.read = 0
        self.failed = 0


def readable_articles(paths: Iterable[str], *, date: str | None, tally: Tally) -> Iterator[Article]:
    """The articles of ``paths``; each unreadable input is reported on stderr and counted."""
    for item in read_articles(paths, date=date):
        if isinstance(item, InputError):
            echo_error(item)
            tally.failed += 1
        else:
            tally.read += 1
            yield item


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@date_option
@model_option
@click.option("--all-modalities", is_flag=True, help="Also print negated and hypothetical events.")
@click.option(
    "--untargeted", is_flag=True, help="Also print events without a target (a protest with no stated object)."
)
@click.option(
    "--prescan/--no-prescan",
    default=False,
    show_default=True,
    help="Skip parsing sentences with no trigger word or no possible actor (faster; see docs/cli.md).",
)
@click.option(
    "--ontology",
    type=click.Choice(["cameo", "plover"]),
    default="cameo",
    show_default=True,
    help="plover: print PLOVER-style event records (one per event) instead of the CAMEO result.",
)
@output_options
@click.pass_context
def extract(
    ctx: click.Context,
    paths: tuple[str, ...],
    date: str | None,
    model: str | None,
    dictionaries: tuple[str, ...],
    lexicons: tuple[str, ...],
    all_modalities: bool,
    untargeted: bool,
    prescan: bool,
    ontology: str,
    fmt: str,
) -> None:
    """Extract actors, events and quotes from articles and print them.

    FILE is a text file (optionally starting with `date YYYY-MM-DD`), a .jsonl or .json
    file, a directory (searched for .txt, .jsonl and .json), a glob, or - for stdin.
    An unreadable input is reported and the others are still extracted; the exit status
    is then 1.

    \b
    Example:
        diplograph extract article.txt --date 2019-09-23 --format jsonl
    """
    from diplograph import extract_articles

    tally = Tally()
    articles = readable_articles(paths, date=date, tally=tally)
    results = extract_articles(
        articles,
        model=model,
        all_modalities=all_modalities,
        untargeted=untargeted,
        prescan=prescan,
        dictionaries=dictionaries,
        lexicons=lexicons,
    )
    if ontology == "plover":
        from diplograph.exporters.plover import plover_events

        records = (record for result in results for record in plover_events(result))
        WRITERS["jsonl" if fmt == "table" else fmt](records)
    elif fmt == "table":
        for result in results:
            click.echo(render_result(result))
    elif fmt == "csv":
        from diplograph.store.writer import event_row

        WRITERS["csv"](
            event_row(result.article.id, i, event) for result in results for i, event in enumerate(result.events)
        )
    else:
        WRITERS[fmt](result.to_dict() for result in results)
    if tally.failed:
        ctx.exit(1)


def render_result(result: Result) -> str:
    """One article as plain-text tables of its actors, events and quotes."""
    data = result.to_dict()
    article = result.article
    title = " | ".join(str(v) for v in (article.path, article.date, article.id) if v)
    return "\n".join(
        [
            f"== {title}",
            "",
            f"Actors ({len(result.actors)})",
            render_table(data["actors"], ACTOR_COLUMNS),
            "",
            f"Events ({len(result.events)})",
            render_table(data["events"], EVENT_COLUMNS),
            "",
            f"Quotes ({len(result.quotes)})",
            render_table(data["quotes"], QUOTE_COLUMNS),
            "",
        ]
    )
