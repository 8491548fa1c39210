"""Commands around scaling out: postings out of the store as partitioned Parquet, scored topics back in."""

from __future__ import annotations

import click

from careerlens.cli.base import db_option, main


@main.command()
@click.option("--out", "out", type=click.Path(file_okay=False), default="postings-parquet", show_default=True,
              help="The folder to write (refused if it exists and holds anything).")
@db_option(read_only=True)
def export(out, db):
    """Write the stored postings as Parquet, hive-partitioned by source and month.

    The folder holds one subfolder a source and month of posting
    (`source=linkedin_postings/month=2024-03/`; month `unknown` for postings
    without a date): the input of `careerlens classify --engine dask --input`,
    and readable by DuckDB, Dask, Spark or pandas.

    \b
    Examples:
      careerlens export
      careerlens export --out /shared/project/postings
    """
    from careerlens.scaleout import export_postings

    done = export_postings(db, out)
    click.echo(f"exported {done.n_postings} postings in {done.n_partitions} partitions (source, month) -> {done.path}")


@main.command("import-topics")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option(create=False)
def import_topics(folder, db):
    """Store the topics of a finished `classify --engine dask --output` run, in one transaction.

    Only a finished run is imported: its folder has a manifest, written last,
    and every part it lists is whole. Its curriculum's labels are replaced, as
    after `careerlens classify`; other curricula's stay. The model that scored
    them must be stored in this database.

    \b
    Examples:
      careerlens import-topics topics/
    """
    from careerlens.cli.classify import echo_positives
    from careerlens.scaleout import import_topics as store_topics

    result = store_topics(db, folder)
    click.echo(f"imported {result.n_texts} postings' topics of {result.model_id} from {folder} -> posting_topics")
    echo_positives(result.positives)
