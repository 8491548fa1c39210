"""The Salary ranges page: posting salaries beside OEWS wages, OEWS by state, the salary survey."""

from __future__ import annotations

from careerlens.report import figures
from careerlens.report.blocks import Html, Table, e
from careerlens.report.catalogue import figure_block
from careerlens.report.text import scope_text

FILE = "salaries.html"
TITLE = "Salary ranges"


def blocks(d, synthetic):
    labels = figures.role_labels()
    target_text = ", ".join(e(labels.get(r, r)) for r in d.target_roles)
    oews_national = d.oews_industry[d.oews_industry["naics_sector"] == "all"]
    survey_note = ("" if not d.survey.empty else
                   " No salary-survey records are loaded: <code>careerlens ingest salaries.csv</code> "
                   "(ai-jobs.net) adds them.")
    return [
        Html(f'<p class="lead">What the roles pay, in US dollars a year: advertised ranges from postings (US), '
             "beside the official BLS OEWS wages for the role's SOC occupation, by industry and by state, and a "
             f"salary survey by experience and country. {scope_text(d)} Box: 25th-75th percentile; whiskers: "
             f"10th-90th; black tick: median. Posting cells with fewer than {d.min_n} salaries are suppressed. "
             f"Charts show the target roles ({target_text}); each chart's CSV holds every role.</p>"
             "<h2>By role and industry: postings beside OEWS</h2>"),
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
