"""The report's filters: ``--roles`` and ``--industries`` that match no posting are refused up front.

A filter that matches nothing would give a report of empty charts. Instead the
error names the filter and lists the values the postings in scope do have, each
with its number of postings, so the next try can be the right one.
"""

from __future__ import annotations

from careerlens.errors import CareerlensError
from careerlens.report import figures


def require_matching_postings(db, *, roles=None, industries=None) -> int:
    """Check that some postings match ``roles`` and ``industries``; return how many do.

    Parameters
    ----------
    db : careerlens.db.Database
        The store.
    roles, industries : sequence of str, optional
        Canonical roles and NAICS sector codes, as :func:`careerlens.report.build_report` takes them
        (already checked to be known values).

    Raises
    ------
    CareerlensError
        A filter matches no posting, e.g. ``no postings match --roles database_administrator;
        postings per role: data_analyst (248), data_scientist (246), ...``. ``--industries`` given with
        ``--roles`` is checked among those roles' postings.
    """
    counts = db.query("report/postings_per_role_and_sector")
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


def _per_value(counts, column: str, labels: dict) -> str:
    """'data_analyst (248), data_scientist (246), ...': each value with its postings, most first."""
    totals = counts.assign(value=counts[column].fillna("")).groupby("value")["n_postings"].sum()
    return ", ".join(f"{labels.get(value, value) if value else 'not mapped'} ({int(n):,})"
                     for value, n in sorted(totals.items(), key=lambda item: (-item[1], item[0])))
