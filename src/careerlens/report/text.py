"""Small pieces of page text the figure table and the pages share: counts, scope, scores, the synthetic-data notice."""

from __future__ import annotations

import re

import pandas as pd

from careerlens.report import figures
from careerlens.report.blocks import Html, e


def commands_as_code(text: str) -> str:
    """Escaped text with its `backquoted commands` as ``<code>`` elements."""
    return re.sub(r"`([^`<>]+)`", r"<code>\1</code>", text)


def count(n) -> str:
    return "0" if n is None else f"{int(n):,}"


def scope_text(data) -> str:
    """Which roles and industries the report is restricted to, as a sentence."""
    parts = []
    if data.roles:
        labels = figures.role_labels()
        parts.append("roles: " + ", ".join(e(labels.get(r, r)) for r in data.roles))
    if data.industries:
        sectors = figures.sector_labels()
        parts.append("industries: " + ", ".join(e(sectors.get(s, s)) for s in data.industries))
    return ("Restricted to " + "; ".join(parts) + ".") if parts else "All roles and industries."


def demo_notice(data) -> tuple[str | None, str | None]:
    """The page notice and the chart subtitle when some postings are synthetic demonstration data."""
    demo, total = data.summary.get("postings_demo") or 0, data.summary.get("postings") or 0
    if not demo:
        return None, None
    share = "All" if demo == total else f"{demo:,} of {total:,}"
    notice = (f"<b>Synthetic demonstration data.</b> {share} job postings in this report are synthetic: "
              "careerlens generated them to show how the report works, so the demand, posting-salary, premium "
              "and alignment figures that use them describe no real employer. (OEWS wages are real BLS figures.) "
              "Load real postings with <code>careerlens ingest PATH...</code> (files you downloaded, or see "
              "<code>careerlens fetch --list</code>), then <code>careerlens train</code>, <code>careerlens "
              "classify</code> and <code>careerlens report</code> again.")
    subtitle = ("Synthetic demonstration postings, not real demand: load real data with careerlens ingest"
                if demo == total else f"{demo:,} of {total:,} postings are synthetic demonstration data")
    return notice, subtitle


def score_text(data, measure: str = "explicit") -> str:
    score = data.alignment_score if measure == "explicit" else data.alignment_score_implicit
    return f"{score:.0%}" if score == score else f"n/a (fewer than {data.min_n} target-role postings)"


def headline(items) -> Html:
    """A row of headline figures: (label, value) pairs."""
    return Html('<div class="headline">' + "".join(f"<div>{e(label)}<b>{e(value)}</b></div>"
                                                   for label, value in items) + "</div>")


def topic_list(frame: pd.DataFrame) -> str:
    """Topics with their gap in percentage points ("SQL (+23.9 pp)"): a difference of two shares is not a %."""
    return ", ".join(f"{e(r.topic_name)} ({r.gap * 100:+.1f} pp)" for r in frame.itertuples()) or "none"


def salary_totals(data) -> dict:
    """The posting salaries of the report's scope, summed over sources (see :func:`figures.salary_evidence`)."""
    columns = ("n_salary", "n_employer", "n_estimate", "n_below_floor", "n_flagged", "n_dated")
    evidence = data.salary_evidence
    return {c: int(evidence[c].sum()) if len(evidence) else 0 for c in columns}


def salary_banner(data, *, on_salaries_page: bool = False) -> Html | None:
    """A warning when most posting salaries are site estimates: their ranges show the site's model, not offers.

    It names the sources whose salaries are estimates, and points to the distinct values: on the Salary
    ranges page, to the table below it; elsewhere, to that page.
    """
    totals = salary_totals(data)
    if not totals["n_salary"] or totals["n_estimate"] * 2 <= totals["n_salary"]:
        return None
    evidence = data.salary_evidence
    estimating = ", ".join(e(str(source)) for source in evidence.loc[evidence.n_estimate > 0, "source"])
    where = ("in the table below" if on_salaries_page else
             "on the <a href='salaries.html'>Salary ranges</a> page")
    return Html(f'<div class="notice" role="note"><b>Most posting salaries here are site estimates.</b> '
                f"{totals['n_estimate']:,} of the {totals['n_salary']:,} US posting salaries "
                f"({totals['n_estimate'] / totals['n_salary']:.0%}) are a job site's estimate ({estimating}), not "
                "a figure the employer stated. The site repeats one estimate over many postings, so their ranges "
                f"reflect its model and n overstates the evidence: see the distinct values {where}. "
                "The topic premium uses employer-stated salaries only.</div>")


def salary_years_text(data) -> str:
    """Which years each salary source describes, and a note when they are years apart (no inflation adjustment)."""
    parts, years = [], []
    for row in data.salary_evidence.itertuples():
        if not row.n_salary:
            continue
        undated = row.n_salary - row.n_dated
        span = ("undated" if not row.n_dated else
                f"{row.first_year}" if row.first_year == row.last_year else f"{row.first_year}-{row.last_year}")
        if row.n_dated:
            years += [int(row.first_year), int(row.last_year)]
        parts.append(f"{e(row.source)}: {span}" + (f" ({undated:,} of {row.n_salary:,} undated)"
                                                      if row.n_dated and undated else ""))
    survey = getattr(data, "survey", None)
    if survey is not None and len(survey) and survey["first_year"].notna().any():
        first, last = int(survey["first_year"].min()), int(survey["last_year"].max())
        years += [first, last]
        parts.append(f"salary survey (work years): {first}" + ("" if first == last else f"-{last}"))
    releases = data.summary.get("oews_releases")
    oews_years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", releases or "")]
    text = "Salaries by source and year: " + ("; ".join(parts) or "none") + ". "
    text += f"OEWS: {e(releases)}." if releases else "No OEWS release is loaded."
    if years and oews_years and max(max(oews_years), max(years)) - min(min(oews_years), min(years)) >= 2:
        text += (f" The sources are up to {max(max(oews_years), max(years)) - min(min(oews_years), min(years))} "
                 "years apart and no figure is adjusted for inflation: wages of the same job rise from year to "
                 "year, so compare sources years apart with care.")
    return text
