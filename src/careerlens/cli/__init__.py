"""The ``careerlens`` command: a thin layer over the library, one module per stage.

Each command parses its options, calls one library function and prints the
result. Library errors become ``click`` errors: bad data exits 1, bad usage 2.
"""

from __future__ import annotations

import functools
import sys

import click

from careerlens import settings
from careerlens.errors import CareerlensError

def db_option(read_only=False, first_run=False):
    """The shared ``--db`` option; opens the store and passes it as ``db``.

    With ``first_run``, a store that does not exist yet is first built from the
    bundled default data (see :mod:`careerlens.firstrun`).
    """

    def decorator(command):
        @click.option("--db", "db_path", type=click.Path(dir_okay=False), envvar="CAREERLENS_DB",
                      help="The careerlens database file [default: ./careerlens.duckdb; env CAREERLENS_DB].")
        @functools.wraps(command)
        def wrapper(*args, db_path=None, **kwargs):
            from pathlib import Path

            from careerlens.db import default_db_path, open_database

            path = Path(db_path) if db_path else default_db_path()
            if first_run and not path.exists():
                from careerlens.firstrun import build_default_database

                click.echo(f"No database at {path}: building one from the bundled default data "
                           "(BLS OEWS May 2025 wages and a synthetic demonstration corpus of postings).", err=True)
                build_default_database(path, echo=lambda line: click.echo(line, err=True))
            # DuckDB's own bounds (e.g. 3GB, /tmp/spill): it spills to disk past the limit.
            bounds = {"memory_limit": settings.get("memory_limit"), "temp_directory": settings.get("temp_dir")}
            with open_database(path, read_only=read_only, **bounds) as db:
                return command(*args, db=db, **kwargs)

        return wrapper

    return decorator


class CareerlensGroup(click.Group):
    """Turns library errors into clean messages and exit codes instead of tracebacks.

    File-system errors (a folder that cannot be written, a disk that is full) are a
    failed run too (exit 1), not a bug to show a traceback for.
    """

    def invoke(self, ctx):
        from careerlens.clioutput import printable

        try:
            return super().invoke(ctx)
        except CareerlensError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:
            click.echo(f"Error: {printable(str(exc))}", err=True)
            sys.exit(1)


@click.group(cls=CareerlensGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="careerlens")
def main():
    """careerlens: which skills employers ask for, in which roles and industries, and what those roles pay.

    \b
    Typical session:
      careerlens ingest ../data/glassdoor/ ../data/oews/
      careerlens sql "SELECT role, count(*) FROM postings GROUP BY role"
    """


# Each stage's commands live in their own module and register on ``main`` when imported.
from careerlens.cli import load  # noqa: E402,F401  (registers ingest, sql, sources, rejects, unmapped, formats)
from careerlens.cli import fetch  # noqa: E402,F401  (registers fetch)
from careerlens.cli import report  # noqa: E402,F401  (registers report)
from careerlens.cli import classify  # noqa: E402,F401  (registers train, classify, evaluate)
