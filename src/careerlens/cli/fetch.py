"""The ``fetch`` command: download a public dataset, ready for ``careerlens ingest``."""

from __future__ import annotations

import sys
import textwrap

import click

from careerlens import settings
from careerlens.cli.base import main


@main.command()
@click.argument("name", required=False)
@click.option("--dest", type=click.Path(file_okay=False), envvar=settings.env_name("downloads"),
              help="Download folder [default: ./data-downloads; env CAREERLENS_DOWNLOADS].")
@click.option("--release", metavar="RELEASE",
              help="For datasets published in releases: which one (e.g. 24 for OEWS May 2024, 29_3 for O*NET 29.3).")
@click.option("--list", "list_only", is_flag=True, help="List the datasets, with their licences, and exit.")
@click.option("--force", is_flag=True, help="Download again even when a complete copy is present.")
def fetch(name, dest, release, list_only, force):
    """Download a public dataset (BLS OEWS, O*NET, aijobs.net salaries) into DEST/NAME/.

    Downloads resume where they stopped, and a complete copy is not fetched
    again. Zip archives are extracted, so `careerlens ingest DEST/NAME/` reads
    the files as they are. Set CAREERLENS_USER_AGENT to identify yourself
    (e.g. with your e-mail) if a server refuses the default User-Agent.

    \b
    Examples:
      careerlens fetch --list
      careerlens fetch oe                      # BLS OEWS time-series files, current release
      careerlens fetch oews-all --release 24   # OEWS May 2024 all-data workbook
      careerlens fetch onet --dest ~/data
      careerlens ingest data-downloads/oe/
    """
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
