"""The Overview page (index.html): what was loaded, the most asked-for topics, headline salaries."""

from __future__ import annotations

from careerlens.report.blocks import Html, e
from careerlens.report.catalogue import figure_block
from careerlens.report.pages.claims import verdict_lines
from careerlens.report.text import commands_as_code, count, headline, salary_banner, scope_text, score_text

FILE = "index.html"
TITLE = "Overview"


def blocks(d, synthetic):
    s = d.summary
    dates = (f"{s['first_posted']:%b %Y} to {s['last_posted']:%b %Y}" if s.get("first_posted") is not None
             else "no posting dates")
    overall = d.demand_by("all")
    top = overall[~overall["suppressed"]].nlargest(3, "share")
    top_text = ", ".join(f"{e(r.topic_name)} ({r.share:.0%})" for r in top.itertuples()) or "none yet"
    gaps = d.alignment[d.alignment["status"] == "under-taught (gap)"]["topic_name"].head(3)
    stale = [Html('<div class="notice"><b>The topic labels are out of date.</b><ul>'
                  + "".join(f"<li>{commands_as_code(e(warning))}</li>" for warning in d.warnings) + "</ul></div>")] if d.warnings else []
    return stale + [
        Html(f'<p class="lead">Which of the topics of <b>{e(d.curriculum.name)}</b> employers ask for, in which '
             f"roles and industries, and what those roles pay, from {count(s['postings'])} job postings and the "
             f"official BLS OEWS wage statistics. {scope_text(d)} Most asked-for topics: {top_text}. "
             f"Alignment of the curriculum with the target roles' explicit demand (postings naming a topic): "
             f"<b>{score_text(d)}</b>"
             + (f", biggest gaps: {', '.join(e(g) for g in gaps)}" if len(gaps) else "")
             + f"; with implicit demand (a posting asking for a topic also counts for the topics it requires): "
             f"<b>{score_text(d, 'implicit')}</b>.</p>"),
        headline([("postings", count(s["postings"])), ("labelled with topics", count(s["postings_labelled"])),
                  ("with an annual salary", count(s["postings_with_salary"])),
                  ("salary-survey records", count(s["salary_records"])),
                  ("OEWS release", s.get("oews_releases") or "none loaded"), ("posting dates", dates),
                  ("files loaded", count(s["files"]))]),
        Html("<h2>What the programme promises: claims checked</h2><ul class=\"claims\">" + verdict_lines(d)
             + "</ul><p>The evidence of each is on the <a href='claims.html'>Claims</a> page.</p>") if d.claims else None,
        figure_block(d, "top-topics", synthetic),
        salary_banner(d),
        figure_block(d, "headline-salaries", synthetic),
        Html("<h2>Where to look next</h2><ul>"
             "<li><a href='demand.html'>Demand</a>: each topic by role, industry, state and month.</li>"
             "<li><a href='salaries.html'>Salary ranges</a>: by role and industry, OEWS by state, the salary survey "
             "by experience and country.</li>"
             "<li><a href='premium.html'>Topic salary premium</a>: which topics go with higher pay in the same role."
             "</li><li><a href='curriculum.html'>Curriculum alignment</a>: gaps, surpluses and skills no topic "
             "covers.</li><li><a href='claims.html'>Claims</a>: what the programme promises about careers, checked "
             "against OEWS wages and the postings.</li><li><a href='method.html'>Data and method</a>: sources, rejects, the classifier's "
             "accuracy, definitions and caveats.</li></ul>"),
    ]
