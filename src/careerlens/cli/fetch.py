"""The ``fetch`` command: download a public dataset, ready for ``careerlens ingest``."""

from __future__ import annotations

import sys
import textwrap

import click

from careerlens import settings
from careerlens.cli.base import main


@main.command()
@click.argument("name", required=False)
@click.argument("boards", nargs=-1)
@click.option("--dest", type=click.Path(file_okay=False), envvar=settings.env_name("downloads"),
              help="Download folder [default: ./data-downloads; env CAREERLENS_DOWNLOADS].")
@click.option("--release", metavar="RELEASE",
              help="For datasets published in releases: which one (e.g. 24 for OEWS May 2024, 29_3 for O*NET 29.3).")
@click.option("--list", "list_only", is_flag=True, help="List the datasets, with their licences, and exit.")
@click.option("--force", is_flag=True,
              help="Download again even when a complete copy is present; for job boards, ask again the boards "
                   "of a --boards or --known list already fetched today.")
@click.option("--boards", "boards_file", type=click.Path(exists=True, dir_okay=False),
              help="Job boards: read board names from FILE (one a line, # comments).")
@click.option("--known", is_flag=True, help="Job boards: the provider's boards in careerlens's list of known public boards.")
@click.option("--limit", type=click.IntRange(min=1), help="With --known: only the first N boards.")
@click.option("--series", metavar="CODES",
              help="usajobs: occupational series, comma-separated (default: the series data/taxonomy/usajobs_series_soc.csv maps).")
@click.option("--from", "opened_from", type=click.DateTime(["%Y-%m-%d"]),
              help="usajobs: announcements opened on or after this date [default: 365 days ago].")
@click.option("--to", "opened_to", type=click.DateTime(["%Y-%m-%d"]),
              help="usajobs: announcements opened on or before this date [default: today].")
@click.option("--ingest", is_flag=True, help="Job boards: load the snapshots into the database in the same command.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), envvar=settings.env_name("db"),
              help="With --ingest: the careerlens database file [default: ./careerlens.duckdb; env CAREERLENS_DB].")
def fetch(name, boards, dest, release, list_only, force, boards_file, known, limit, series, opened_from, opened_to,
          ingest, db_path):
    """Download a public dataset (BLS OEWS, O*NET, aijobs.net salaries) into DEST/NAME/,
    or current postings from job boards (greenhouse, lever, ashby, usajobs) as dated snapshots.

    Downloads resume where they stopped, and a complete copy is not fetched
    again. Zip archives are extracted, so `careerlens ingest DEST/NAME/` reads
    the files as they are. Set CAREERLENS_USER_AGENT to identify yourself
    (e.g. with your e-mail) if a server refuses the default User-Agent.

    Job boards are saved as DEST/PROVIDER/BOARD/<UTC time>.json, the raw answers
    of the public APIs (4 requests at most in flight, Lever one a second,
    retried on 429 and 5xx); a board that answers 404 is reported and skipped.
    The summary counts postings new and closed since the board's last snapshot.
    A --boards or --known run skips boards already fetched today (UTC), so an
    interrupted run resumes.

    \b
    Examples:
      careerlens fetch --list
      careerlens fetch oe                      # BLS OEWS time-series files, current release
      careerlens fetch oews-all --release 24   # OEWS May 2024 all-data workbook
      careerlens fetch onet --dest ~/data
      careerlens ingest data-downloads/oe/
      careerlens fetch greenhouse acme-analytics --ingest
      careerlens fetch lever --boards my-boards.txt
      careerlens fetch usajobs --series 1560,1515 --from 2025-12-01 --ingest
      careerlens fetch ashby --known --limit 20
    """
    from careerlens.cli.boards import BOARD_PROVIDERS, run_board_fetch

    if name in BOARD_PROVIDERS and not list_only:
        run_board_fetch(name, boards, boards_file=boards_file, known=known, limit=limit, series=series,
                        opened_from=opened_from.date() if opened_from else None,
                        opened_to=opened_to.date() if opened_to else None, dest=dest, force=force,
                        ingest=ingest, db_path=db_path)
        return
    if boards or boards_file or known or limit or series or opened_from or opened_to or ingest:
        raise click.UsageError("board names, --boards, --known, --limit, --series, --from, --to and --ingest are "
                               f"for job boards ({', '.join(BOARD_PROVIDERS)})")
    from careerlens.fetch import fetch as download, list_datasets

    if list_only:
        _print_catalogue(list_datasets())
        return
    if not name:
        raise click.UsageError("name a dataset, or use --list to see them")
    bar = _DownloadBar()
    try:
        result = download(name, dest, release=release, force=force, progress=bar.update)
    finally:
        bar.close()
    for fetched in result.files:
        click.echo(f"{fetched.status:<11} {fetched.path}" +
                   (f"  ({fetched.bytes_received / 1e6:,.1f} MB)" if fetched.bytes_received else ""))
    if result.extracted:
        click.echo(f"extracted   {len(result.extracted)} file(s) into {result.folder}")
    click.echo(f"\nLicence: {result.dataset.licence}\nAttribution: {result.dataset.attribution}")
    click.echo(f"\nNext: careerlens ingest {result.folder}")


def _print_catalogue(datasets):
    for dataset in datasets:
        release = f" (release {dataset.release}; --release picks another)" if dataset.release else ""
        click.echo(f"{dataset.name}{release}")
        click.echo(textwrap.indent(textwrap.fill(dataset.title, 96), "    "))
        click.echo(f"    licence:   {dataset.licence}")
        click.echo(f"    integrity: {dataset.integrity}")
        if dataset.known_releases:
            click.echo(f"    releases:  {', '.join(dataset.known_releases)} (known when this list was written)")
        for remote in dataset.files:
            click.echo(f"    {remote.url}")
        click.echo("")


class _DownloadBar:
    """One click progress bar per file; files of unknown size just print their name."""

    def __init__(self):
        self.bar, self.label, self.shown = None, None, 0

    def update(self, label: str, done: int, total: int | None):
        if label != self.label:
            self.close()
            self.label = label
            if total:
                self.bar = click.progressbar(length=total, label=f"  {label}", file=sys.stderr,
                                             show_eta=True, show_percent=True)
                self.bar.__enter__()
                self.shown = 0
            else:
                click.echo(f"  {label} (size not announced by the server) ...", err=True)
        if self.bar is not None and done > self.shown:
            self.bar.update(done - self.shown)
            self.shown = done

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
