"""The ``report`` command: the offline HTML report on what is loaded."""

from __future__ import annotations

import click

from careerlens.cli.base import curriculum_option, db_option, main


def _split(values) -> list[str] | None:
    """``--roles a,b --roles c`` -> ``['a', 'b', 'c']``; nothing given -> None (no filter)."""
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    return items or None


@main.command()
@curriculum_option("Curriculum TOML file to align with, or a bundled curriculum by name "
                   "[default: maths-for-ml, the bundled maths-for-ML certificate]; the report uses the labels of "
                   "the newest model trained for it.")
@click.option("--roles", multiple=True, metavar="ROLE[,ROLE...]",
              help="Only these roles: canonical roles (e.g. data_scientist,data_analyst), occupation roles the "
                   "postings carry, or SOC codes (29-1141); also the target roles of the curriculum page "
                   "[default: the curriculum's target_occupations, else the roles a maths-for-ML graduate targets].")
@click.option("--industries", multiple=True, metavar="SECTOR[,SECTOR...]",
              help="Only postings in these NAICS sectors (codes, e.g. 52,54).")
@click.option("--min-n", type=click.IntRange(min=1), default=30, show_default=True,
              help="Suppress shares, salary ranges and premiums resting on fewer postings.")
@click.option("--out", type=click.Path(file_okay=False), default="reports", show_default=True,
              help="Folder for the pages and their CSVs (replaced as a whole when the build succeeds).")
@click.option("--compare", metavar="NAME|FILE",
              help="A second curriculum (TOML file or bundled name) to set beside the first on the same postings: "
                   "the curriculum page then shows both decision tables, scores and gaps in hours.")
@db_option(read_only=True, first_run=True)
def report(curriculum, roles, industries, min_n, out, compare, db):
    """Write the HTML report: demand, salary ranges, topic premiums, curriculum alignment, method.

    The pages open offline in any browser; each chart's data is written beside
    it as CSV. Postings must be labelled first (`careerlens train`, then
    `careerlens classify`). With no database yet, one is built from the bundled
    default (real BLS OEWS wages, synthetic demonstration postings); --demo
    rebuilds it on request, into a new file or one that holds nothing else.

    \b
    Examples:
      careerlens report
      careerlens report --demo --db demo.duckdb --out demo-report/
      careerlens report --curriculum my-programme.toml --out my-report/
      careerlens report --curriculum maths-for-ml       # a bundled curriculum, by name
      careerlens report --roles data_scientist,machine_learning_engineer --industries 52,54 --min-n 50
      careerlens report --roles 29-1141,29-1021         # occupations by SOC code: registered nurses, dentists
      careerlens report --curriculum my-programme.toml --compare my-programme-more-sql.toml
    """
    from careerlens.report import build_report

    index = build_report(db, curriculum=curriculum, roles=_split(roles), industries=_split(industries),
                         min_n=min_n, out=out, compare=compare,
                         warn=lambda warning: click.echo(f"Warning: {warning}", err=True))
    click.echo(f"report written: {index.resolve()}")
    if db.query("report/demo_postings").n[0]:
        store = db.cli_option
        click.echo("Demand figures come from the synthetic demonstration corpus. For real evidence, load postings "
                   f"(e.g. `careerlens ingest DataAnalyst.csv{store}`), then `careerlens train{store}` and "
                   f"`careerlens classify{store}`; `careerlens fetch --list` shows public datasets.", err=True)
