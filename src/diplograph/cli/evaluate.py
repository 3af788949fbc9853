"""``diplograph evaluate``: score the extractor against gold corpora."""

from __future__ import annotations

import json

import click

from diplograph.cli.options import model_option


@click.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False), metavar="GOLD...")
@model_option
@click.option("-v", "--verbose", is_flag=True, help="Also list every miss and false positive with its sentence.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--prescan", is_flag=True, help="Extract with the pre-scan on, to check that it loses nothing.")
def evaluate(
    gold: tuple[str, ...],
    model: str | None,
    dictionaries: tuple[str, ...],
    lexicons: tuple[str, ...],
    verbose: bool,
    as_json: bool,
    prescan: bool,
) -> None:
    """Score events, modality, dates and quote speakers against gold files.

    GOLD is a sentence corpus (JSON Lines: id, date, text, expected: [{source, target,
    code}]) or an article gold file (file, events: [{src, tgt, roots, date, required}],
    forbidden, quotes) with the article beside it; see docs/evaluate.md. Prints precision,
    recall and F1 overall, with the three-digit code, for source and target separately and by
    CAMEO root, plus modality, dates, quote speakers and no-event sentences kept clean.

    \b
    Example:
        diplograph evaluate eval/sentences/*.jsonl eval/articles/gold.jsonl -v
    """
    from diplograph import extract_articles
    from diplograph.scoring import evaluate as score
    from diplograph.scoring import format_scores, read_gold, scores_as_dict

    cases = [case for path in gold for case in read_gold(path)]
    results = extract_articles(
        (case.article for case in cases), model=model, dictionaries=dictionaries, lexicons=lexicons, prescan=prescan
    )
    scores = score(cases, results, verbose=verbose)
    if as_json:
        click.echo(json.dumps(scores_as_dict(scores), ensure_ascii=False, indent=2))
    else:
        click.echo(format_scores(scores, verbose=verbose))
