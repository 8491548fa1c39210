"""The ``claims`` command: check what a programme promises about careers against OEWS wages and the postings."""

from __future__ import annotations

import textwrap

import click

from careerlens.cli.base import curriculum_option, db_option, main, output_options
from careerlens.clioutput import JSON_FORMATS


@main.command()
@curriculum_option("Curriculum TOML file whose [[claims]] to check, or a bundled curriculum by name "
                   "[default: maths-for-ml, the bundled maths-for-ML certificate].")
@click.option("--min-n", type=click.IntRange(min=1), default=30, show_default=True,
              help="A share of postings resting on fewer postings cannot be checked.")
@click.option("--fail-on", type=click.Choice(["never", "not-supported", "partly"]), default="never",
              show_default=True,
              help="Exit 1 when a claim is not supported (not-supported), or also when only partly supported "
                   "(partly): for checking a draft in a script or CI.")
@output_options(limit=200)
@db_option(read_only=True, first_run=True)
def claims(curriculum, min_n, fail_on, output_format, limit, db):
    """Check the curriculum's claims about careers: salaries, roles, industries, demand.

    Each claim gets a verdict (supported, partly supported, not supported,
    cannot be checked), a sentence saying which part holds or fails, with the
    figures: OEWS wages of the latest release loaded, and the postings. json and
    jsonl add every claim's evidence rows. The rules are in
    docs/curriculum-format.md. With no database yet, one is built from the
    bundled default (real BLS OEWS wages, synthetic demonstration postings).

    \b
    Examples:
      careerlens claims
      careerlens claims --curriculum my-programme.toml
      careerlens claims --format csv > verdicts.csv
      careerlens claims --format json --db wages.duckdb
      careerlens claims --curriculum draft.toml --fail-on not-supported
    """
    from careerlens.claims import check_claims, check_records, checks_frame
    from careerlens.clioutput import print_frame, print_records, printable
    from careerlens.curriculum import load_curriculum
    from careerlens.errors import UsageError
    from careerlens.report import figures

    chosen = curriculum or load_curriculum()
    if not chosen.claims:
        click.echo(f"{chosen.name!r} ({chosen.source}) has no [[claims]]: see docs/curriculum-format.md", err=True)
    try:
        model_id = figures.classifier_model(db, chosen)["model_id"]
    except UsageError:
        model_id = None                     # claims about topics then say they cannot be checked, and why
    checks = check_claims(db, chosen, model_id=model_id, min_n=min_n)
    if output_format in JSON_FORMATS:
        print_records(check_records(checks), output_format)
    elif output_format == "csv":
        print_frame(checks_frame(checks), "csv", None)
    else:
        for check in checks[:limit]:
            click.echo(f"claim {check.claim.number} ({check.claim.kind}): {check.verdict.upper()}")
            for label, text in (("claim", check.claim.text), ("finding", check.finding)):
                click.echo(textwrap.fill(printable(text), width=100, initial_indent=f"  {label}: ",
                                         subsequent_indent=" " * (len(label) + 4)))
    failing = {"never": (), "not-supported": ("not supported",),
               "partly": ("not supported", "partly supported")}[fail_on]
    failed = [check for check in checks if check.verdict in failing]
    if failed:
        click.echo(f"{len(failed)} claim(s) {' or '.join(failing)}: "
                   f"{', '.join(f'claim {check.claim.number}' for check in failed)} (--fail-on {fail_on})", err=True)
        raise click.exceptions.Exit(1)
