"""``careerlens fetch greenhouse|lever|ashby|usajobs ...``: current postings from job boards, as snapshots.

Called by the ``fetch`` command (:mod:`careerlens.cli.fetch`) when its first
argument names a job-board provider; this module only turns the options into
board requests, shows progress and prints the summary.
"""

from __future__ import annotations

import datetime as dt
import sys

import click

from careerlens.errors import CareerlensError, UsageError

BOARD_PROVIDERS = ("greenhouse", "lever", "ashby", "usajobs")


def board_requests(provider: str, boards, boards_file, known: bool, limit, series, opened_from, opened_to):
    """The board requests the command line asks for, and whether the run resumes (lists do)."""
    from careerlens.boards.known import known_boards
    from careerlens.boards.providers import BoardRequest, check_board_name, usajobs_request
    from careerlens.boards.run import read_board_list

    if provider == "usajobs":
        if boards or boards_file or known:
            raise UsageError("usajobs takes no board names: choose announcements with --series, --from and --to")
        from careerlens.sources.jobboards import series_with_soc

        codes = series.split(",") if series else sorted(series_with_soc())
        today = dt.datetime.now(dt.timezone.utc).date()
        return [usajobs_request(codes, opened_from or today - dt.timedelta(days=365), opened_to or today)], False
    if series or opened_from or opened_to:
        raise UsageError("--series, --from and --to are for usajobs only")
    names = [check_board_name(b, provider) for b in boards]
    if boards_file:
        names += read_board_list(boards_file)
    if known:
        names += known_boards(provider, limit)
    elif limit is not None:
        raise UsageError("--limit goes with --known")
    if not names:
        raise UsageError(f"name at least one {provider} board (careerlens fetch {provider} BOARD...), "
                         "or use --boards FILE or --known")
    unique = list(dict.fromkeys(names))
    return [BoardRequest(provider, name) for name in unique], bool(boards_file or known)


def run_board_fetch(provider, boards, *, boards_file, known, limit, series, opened_from, opened_to, dest, force,
                    ingest, db_path):
    """Fetch the boards, print a line per board that needs one and the summary; ingest when asked."""
    from careerlens.boards.run import fetch_boards

    requests, resume = board_requests(provider, boards, boards_file, known, limit, series, opened_from, opened_to)
    with click.progressbar(length=len(requests), label=f"{provider} boards", file=sys.stderr,
                           show_pos=True) as bar:
        def progress(outcome, done, total):
            bar.update(1)
            if not outcome.saved and outcome.status != "already_today":
                click.echo(f"\n  {outcome.board}: {outcome.message}", err=True)

        result = fetch_boards(provider, requests, dest, resume=resume and not force, progress=progress)
    for outcome in result.outcomes:
        if outcome.saved:
            note = f"  ({outcome.message})" if outcome.message else ""
            click.echo(f"{outcome.status:<13} {outcome.path}{note}")
    skipped = result.count("already_today")
    click.echo(f"\nboards fetched {len(result.fetched)} of {len(requests)}"
               f" ({result.count('not_found')} not found, {result.count('failed')} failed"
               f"{f', {skipped} already fetched today' if skipped else ''}); postings {result.postings}, "
               f"new {result.new}, closed {result.closed}, with pay range {result.with_pay}; "
               f"{result.requests} request(s)")
    if not result.fetched and not skipped:
        raise CareerlensError(f"nothing could be fetched from {provider} (see the messages above)")
    paths = result.paths + [o.path for o in result.outcomes if o.status == "already_today"]
    if ingest and paths:
        _ingest(paths, db_path)
    elif paths:
        folder = paths[0].parent.parent
        click.echo(f"\nNext: careerlens ingest {folder}")


def _ingest(paths, db_path):
    from pathlib import Path

    from careerlens.clioutput import print_ingest_summary
    from careerlens.db import default_db_path, open_for_run
    from careerlens.ingest import ingest

    click.echo("")
    with open_for_run(Path(db_path) if db_path else default_db_path()) as db:
        print_ingest_summary(ingest(db, paths))
