"""What every command module shares: the ``main`` group, the ``--db`` option and the option types.

Command modules import from here, never from :mod:`careerlens.cli`, which
imports them to register their commands on :data:`main` (so there is no
import loop, as dbt-duckdb's plugins import only their base class).
"""

from __future__ import annotations

import functools
import sys

import click

from careerlens import settings
from careerlens.clioutput import OUTPUT_FORMATS
from careerlens.errors import CareerlensError, CareerlensWarning


def db_option(read_only=False, first_run=False, create=True):
    """The shared ``--db`` option; opens the store and passes it as ``db``.

    With ``first_run``, a store that does not exist yet is first built from the
    bundled default data (see :mod:`careerlens.firstrun`), and the command also
    takes ``--demo``: rebuild it from the bundled default on request. Without
    ``create``, a store that does not exist is refused rather than created (a
    command with nothing to do on an empty one). A store the command creates is
    removed again if the command fails before storing anything in it
    (:func:`careerlens.db.open_for_run`); ``read_only`` never creates one.
    """

    def decorator(command):
        @click.option("--db", "db_path", type=click.Path(dir_okay=False), envvar=settings.env_name("db"),
                      help="The careerlens database file [default: ./careerlens.duckdb; env CAREERLENS_DB].")
        @functools.wraps(command)
        def wrapper(*args, db_path=None, demo=False, **kwargs):
            from pathlib import Path

            from careerlens.db import default_db_path, open_for_run

            path = Path(db_path) if db_path else default_db_path()
            if first_run and (demo or not path.exists()):
                from careerlens.firstrun import build_default_database

                build_default_database(path, replace=demo, echo=lambda line: click.echo(line, err=True))
            # DuckDB's own bounds (e.g. 3GB, /tmp/spill): it spills to disk past the limit.
            bounds = {"memory_limit": settings.get("memory_limit"), "temp_directory": settings.get("temp_dir")}
            with open_for_run(path, read_only=read_only, create=create, **bounds) as db:
                return command(*args, db=db, **kwargs)

        if first_run:
            wrapper = click.option(
                "--demo", is_flag=True,
                help="First rebuild the database from the bundled default data (real OEWS wages, synthetic "
                     "postings), trained and labelled: into a new file, or one holding nothing else.")(wrapper)
        return wrapper

    return decorator



def output_options(*, limit: int):
    """The ``--format`` and ``--limit`` options of a command that prints rows (``sql``, ``rejects``).

    Parameters
    ----------
    limit : int
        The default number of rows a table shows; csv, json and jsonl print every row.
    """

    def decorator(command):
        command = click.option("--limit", type=int, default=limit, show_default=True,
                               help="Rows to print as a table (csv, json and jsonl print every row).")(command)
        return click.option("--format", "output_format", type=click.Choice(OUTPUT_FORMATS), default="table",
                            show_default=True,
                            help="How to print the rows: an aligned table, CSV, one JSON array of objects (json) "
                                 "or one JSON object a line (jsonl); dates as ISO dates (2024-01-15).")(command)

    return decorator

class CurriculumType(click.ParamType):
    """``--curriculum``: a curriculum TOML file, or the name of one careerlens ships (``maths-for-ml``).

    The value is loaded and validated as the command line is read, and passed on as a
    :class:`careerlens.curriculum.Curriculum`. Neither a file nor a bundled name is bad usage (exit 2);
    a file that breaks the format is bad data (exit 1, naming the file, line and key).
    """

    name = "curriculum"

    def convert(self, value, param, ctx):
        from careerlens.curriculum import Curriculum, load_curriculum
        from careerlens.errors import CurriculumNotFoundError

        if isinstance(value, Curriculum):
            return value
        try:
            return load_curriculum(value)
        except CurriculumNotFoundError as error:
            self.fail(f"{value!r} does not exist: {error.reason}", param, ctx)

    def shell_complete(self, ctx, param, incomplete):
        from click.shell_completion import CompletionItem

        from careerlens.curriculum import bundled_curriculum_names

        names = [CompletionItem(name) for name in bundled_curriculum_names() if name.startswith(incomplete)]
        return names + [CompletionItem(incomplete, type="file")]


#: Use as ``@click.option("--curriculum", type=CURRICULUM, metavar="NAME|FILE")``, or through :func:`curriculum_option`.
CURRICULUM = CurriculumType()


def curriculum_option(help_text: str):
    """The ``--curriculum NAME|FILE`` option: passes the command a loaded :class:`~careerlens.curriculum.Curriculum`
    (None when not given)."""
    return click.option("--curriculum", type=CURRICULUM, metavar="NAME|FILE", help=help_text)


class CareerlensGroup(click.Group):
    """Turns library errors into clean messages and exit codes instead of tracebacks.

    File-system errors (a folder that cannot be written, a disk that is full) are a
    failed run too (exit 1), not a bug to show a traceback for.
    """

    def invoke(self, ctx):
        import warnings

        from careerlens.clioutput import printable

        def show(message, category, filename, lineno, file=None, line=None):
            if issubclass(category, CareerlensWarning):   # one line, as errors are: no source line below it
                click.echo(f"Warning: {printable(str(message))}", err=True)
            else:
                plain_show(message, category, filename, lineno, file, line)

        plain_show = warnings.showwarning
        try:
            with warnings.catch_warnings():
                warnings.showwarning = show
                return super().invoke(ctx)
        except CareerlensError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            from careerlens.storage import storage_error

            click.echo(f"Error: {printable(str(storage_error(exc) or exc))}", err=True)
            sys.exit(1)


@click.group(cls=CareerlensGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerlens")
def main():
    """careerlens: which skills employers ask for, in which roles and industries, and what those roles pay.

    `careerlens report` alone builds the demonstration report from the bundled
    default data. With data of your own, a typical session is:

    \b
      careerlens fetch oe                          # BLS OEWS wages -> ./data-downloads/oe/
      careerlens ingest data-downloads/oe/ ~/Downloads/DataAnalyst.csv
      careerlens train                             # learn the curriculum's topics from the postings
      careerlens classify                          # label every posting with them
      careerlens report                            # -> reports/index.html
      careerlens sql "SELECT role, count(*) AS n FROM postings GROUP BY role"

    Every command has --help with examples.
    """
