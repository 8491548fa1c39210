"""The Salary ranges page: posting salaries beside OEWS wages, OEWS by state, the salary survey."""

from __future__ import annotations

from careerlens.report import figures
from careerlens.report.blocks import Html, Table, e
from careerlens.report.catalogue import figure_block
from careerlens.report.text import salary_banner, salary_totals, salary_years_text, scope_text

FILE = "salaries.html"
TITLE = "Salary ranges"


def _evidence(d) -> list:
    """What the posting salaries rest on, per source: n, distinct values, estimates, what was left out."""
    evidence = d.salary_evidence
    if evidence.empty:
        return []
    totals = salary_totals(d)
    shown = evidence.assign(estimate_share=evidence["n_estimate"] / evidence["n_salary"].where(evidence["n_salary"] > 0))
    return [Table(shown[["source", "n_salary", "n_distinct", "n_employer", "n_estimate", "estimate_share",
                         "n_below_floor", "n_flagged", "first_year", "last_year"]],
                  caption=f"US posting salaries in scope, per source. Distinct values: how many different salary "
                          "figures the n postings carry (a site estimate repeated over many postings counts once). "
                          f"{totals['n_below_floor']:,} salaries below ${figures.SALARY_FLOOR:,} a year are left "
                          f"out as implausible for these roles, and {totals['n_flagged']:,} flagged when loaded "
                          "(under $10,000 or over $1,000,000); see Data and method.",
                  formats={"estimate_share": ".0%", "first_year": ".0f", "last_year": ".0f"},
                  headers={"n_salary": "n salaries used", "n_distinct": "distinct values",
                           "n_employer": "employer-stated", "n_estimate": "site estimates",
                           "estimate_share": "share estimated", "n_below_floor": "left out: implausible",
                           "n_flagged": "left out: flagged at load", "first_year": "first year posted",
                           "last_year": "last year posted"})]


def blocks(d, synthetic):
    labels = figures.role_labels()
    target_text = ", ".join(e(labels.get(r, r)) for r in d.target_roles)
    oews_national = d.oews_industry[d.oews_industry["naics_sector"] == "all"]
    survey_note = ("" if not d.survey.empty else
                   " No salary-survey records are loaded: <code>careerlens ingest salaries.csv</code> "
                   "(ai-jobs.net) adds them.")
    return [
        salary_banner(d, on_salaries_page=True),
        Html(f'<p class="lead">What the roles pay, in US dollars a year: advertised ranges from postings (US), '
             "beside the official BLS OEWS wages for the role's SOC occupation, by industry and by state, and a "
             f"salary survey by experience and country. {scope_text(d)} Box: 25th-75th percentile; whiskers: "
             f"10th-90th; black tick: median. Posting cells with fewer than {d.min_n} salaries are suppressed. "
             f"Charts show the target roles ({target_text}); each chart's CSV holds every role.</p>"
             f"<p>{salary_years_text(d)}</p>"),
        *_evidence(d),
        Html("<h2>By role and industry: postings beside OEWS</h2>"),
        figure_block(d, "role-industry", synthetic),
        Html("<h2>OEWS by state</h2>"),
        figure_block(d, "oews-state", synthetic),
        Table(oews_national[["soc_code", "occupation", "employment", "p10", "p25", "median", "p75", "p90", "flags"]],
              caption="OEWS national annual wages, all industries, for the SOC codes of the roles in scope.",
              formats={c: "$,.0f" for c in ("p10", "p25", "median", "p75", "p90")} | {"employment": ",.0f"},
              headers={"soc_code": "SOC", "flags": "BLS notes"}),
        Html(f"<h2>Salary survey: by role, experience level and country</h2>{survey_note}"),
        figure_block(d, "survey", synthetic),
    ]
