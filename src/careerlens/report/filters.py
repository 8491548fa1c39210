"""What the report needs before drawing anything: postings, and filters that match some of them.

A store with no postings, or a ``--roles`` / ``--industries`` filter that matches
none, would give a report of empty charts. Instead the error says what to run,
or names the filter and lists the values the postings in scope do have, each
with its number of postings, so the next try can be the right one.
"""

from __future__ import annotations

from careerlens.errors import CareerlensError, UsageError
from careerlens.report import figures


def require_postings(db, *, roles=None, industries=None, curriculum=None) -> int:
    """Check that the store holds postings and that the filters match some; return how many do.

    Parameters
    ----------
    db : careerlens.db.Database
        The store.
    roles, industries : sequence of str, optional
        Canonical roles and NAICS sector codes, as :func:`careerlens.report.build_report` takes them
        (already checked to be known values).
    curriculum : careerlens.curriculum.Curriculum, optional
        The report's curriculum, named in the commands the message suggests.

    Raises
    ------
    UsageError
        The store holds no postings at all (a step to run first: exit 2). The message gives the
        commands that load, train and label, or rebuild the demonstration database.
    CareerlensError
        A filter matches no posting, e.g. ``no postings match --roles database_administrator;
        postings per role: data_analyst (248), data_scientist (246), ...``. ``--industries`` given with
        ``--roles`` is checked among those roles' postings.
    """
    counts = db.query("report/postings_per_role_and_sector")
    if counts.empty:
        raise UsageError(_no_postings(db, curriculum))
    if roles:
        matching = counts[counts["role"].isin(list(roles))]
        if matching.empty:
            raise CareerlensError(f"no postings match --roles {','.join(roles)}; postings per role: "
                                  f"{_per_value(counts, 'role', {})}")
        counts = matching
    if industries:
        matching = counts[counts["naics_sector"].isin(list(industries))]
        if matching.empty:
            together = f" with --roles {','.join(roles)}" if roles else ""
            scope = "postings of those roles" if roles else "postings"
            raise CareerlensError(f"no postings match --industries {','.join(industries)}{together}; "
                                  f"{scope} per NAICS sector: "
                                  + _per_value(counts, "naics_sector", figures.sector_labels()))
        counts = matching
    return int(counts["n_postings"].sum())


def _no_postings(db, curriculum) -> str:
    """What to run on a store without postings; every command works from any folder."""
    store = db.cli_option
    option = curriculum.cli_option if curriculum is not None else ""
    files = figures.summary_counts(db)["files"] or 0
    where = "the database" if db.path == ":memory:" else str(db.path)
    loaded = (f" ({files} file(s) loaded, none of them postings: `careerlens sources{store}` lists them)"
              if files else "")
    # --demo rebuilds only a store holding nothing else: one holding other files gets a store of its own
    demo = f"--demo{store}" if not files else "--demo --db careerlens-demo.duckdb"
    return (f"{where} holds no postings{loaded}. Load some with `careerlens ingest PATH...{store}`, then run "
            f"`careerlens train{option}{store}` and `careerlens classify{option}{store}`; or build the demonstration "
            f"database from the bundled default and report on it with `careerlens report {demo}{option}`")


def _per_value(counts, column: str, labels: dict) -> str:
    """'data_analyst (248), data_scientist (246), ...': each value with its postings, most first."""
    totals = counts.assign(value=counts[column].fillna("")).groupby("value")["n_postings"].sum()
    return ", ".join(f"{labels.get(value, value) if value else 'not mapped'} ({int(n):,})"
                     for value, n in sorted(totals.items(), key=lambda item: (-item[1], item[0])))
