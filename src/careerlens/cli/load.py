"""Commands of the load stage: ingest files, inspect what was loaded, query it."""

from __future__ import annotations

import click

from careerlens.cli.base import db_option, main, output_options
from careerlens.clioutput import JSON_FORMATS


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--source", "source", metavar="NAME",
              help="Read every file as this format instead of detecting it (see `careerlens formats`).")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False),
              help="TOML file naming the columns of a generic CSV/Parquet/JSONL file.")
@db_option()
def ingest(paths, source, mapping, db):
    """Load job-posting, salary and wage files into the database.

    The format of each file is detected from its name and header; gzip files
    are read directly. Each file loads in one transaction: a file that fails
    leaves the database as it was. A file already loaded (same sha256) is skipped.
    The SOC title coder, fitted on the O*NET titles, is kept between runs in
    CAREERLENS_CACHE_DIR (default ~/.cache/careerlens); deleting it is safe.

    \b
    Examples:
      careerlens ingest DataAnalyst.csv.gz glassdoor_jobs.csv
      careerlens ingest ~/Downloads/linkedin/           # a folder: every file in it
      careerlens ingest oe/ --db wages.duckdb           # BLS OEWS flat files
      careerlens ingest export.parquet --source generic --mapping columns.toml
    """
    from careerlens.ingest import ingest as load_files
    from careerlens.clioutput import StageProgress, print_ingest_summary

    from careerlens.errors import CareerlensError

    progress = StageProgress()
    options = {"mapping": mapping} if mapping else {}
    try:
        results = load_files(db, paths, source=source, options=options,
                                       progress=progress.update, on_file=progress.file_done)
    except CareerlensError:
        raise
    except Exception as exc:
        from careerlens.storage import storage_error

        problem = storage_error(exc, doing="cannot load", outcome="nothing from the file being loaded was kept")
        if problem is not None:
            raise problem from exc
        # A careerlens bug rather than bad data: the failing file's transaction was rolled back, so say that
        # in one line instead of printing a traceback at someone who only gave us a file.
        raise CareerlensError(f"internal error while loading ({type(exc).__name__}: {exc}); nothing from the "
                              "file being loaded was kept. Please report this with the file's first lines.") from exc
    finally:
        progress.close()
    print_ingest_summary(results)
    if all(r.status == "skipped" for r in results):
        raise CareerlensError("nothing loadable: every file found is one careerlens reads only beside its main file, "
                              "or does not use (see the notes above and `careerlens formats`)")


@main.command()
@click.argument("query")
@output_options(limit=200)
@db_option(read_only=True)
def sql(query, output_format, limit, db):
    """Run a SQL query against the database and print the result.

    \b
    Examples:
      careerlens sql "SELECT role, count(*) AS n FROM postings GROUP BY role ORDER BY n DESC"
      careerlens sql "SELECT * FROM oews_wages WHERE soc_code = '15-2051'" --format csv > ds.csv
      careerlens sql "SELECT title, posted_date FROM postings LIMIT 5" --format json
    """
    from careerlens.clioutput import print_frame, print_records

    if output_format in JSON_FORMATS:
        print_records(db.sql_records(query), output_format)
    else:
        print_frame(db.sql(query), output_format, limit)


@main.command()
@db_option(read_only=True)
def sources(db):
    """List the files loaded so far, with rows read, loaded, rejected and duplicated.

    For every file, rows loaded + rejected + duplicates = rows read. A salary
    survey file is marked `current`, or `superseded by` the newer release of
    the same survey whose records replace its own in salary_records.

    \b
    Examples:
      careerlens sources
      careerlens sources --db wages.duckdb
    """
    from careerlens.clioutput import print_frame

    print_frame(db.query("loaded_sources"), "table", None)


@main.command()
@click.option("--file", "file_name", help="Only rejects from this file name.")
@output_options(limit=50)
@db_option(read_only=True)
def rejects(file_name, output_format, limit, db):
    """Show refused rows and cleared fields, with file, row, field, reason and raw value.

    \b
    Examples:
      careerlens rejects
      careerlens rejects --file DataAnalyst.csv --limit 200
      careerlens rejects --format csv > rejects.csv
    """
    from careerlens.clioutput import print_frame, print_records

    params = {"file_name": file_name}
    if output_format in JSON_FORMATS:
        print_records(db.query_records("rejects_by_file", params), output_format)
    else:
        print_frame(db.query("rejects_by_file", params), output_format, limit)


@main.command()
@click.argument("what", type=click.Choice(["industries", "titles", "locations"]), default="industries")
@click.option("--limit", type=int, default=50, show_default=True)
@db_option(read_only=True)
def unmapped(what, limit, db):
    """List values that map to nothing (industries with no NAICS sector, titles with no SOC code, ...).

    Titles come with the SOC title coder's three best guesses, each with its confidence.

    \b
    Examples:
      careerlens unmapped industries
      careerlens unmapped titles --limit 100
    """
    from careerlens.clioutput import print_frame

    if what == "titles":
        from careerlens.normalise import unmapped_titles

        print_frame(unmapped_titles(db, limit=limit), "table", limit)
    else:
        print_frame(db.query(f"unmapped_{what}"), "table", limit)


@main.command()
@db_option(create=False)
def normalise(db):
    """Re-apply the role, SOC, industry and location mappings to everything loaded.

    Useful after upgrading careerlens (new mappings) or after loading O*NET
    titles into a database that already holds postings.

    \b
    Examples:
      careerlens normalise
      careerlens normalise --db wages.duckdb
    """
    from careerlens.normalise import renormalise

    renormalise(db)
    click.echo("mappings re-applied to all postings and salary records")


@main.command()
def formats():
    """List the file formats careerlens can ingest, and how each is recognised.

    Each line gives the format's name (what `ingest --source NAME` takes), what
    it feeds, and the files it reads.

    \b
    Examples:
      careerlens formats
      careerlens formats | grep postings
    """
    from careerlens.sources import all_formats

    found = all_formats()
    width = max(len(fmt.name) for fmt in found)
    for fmt in found:
        examples = f" (e.g. {', '.join(fmt.examples)})" if fmt.examples else ""
        click.echo(f"{fmt.name:<{width}} {fmt.kind:<15} {fmt.summary}{examples}")
