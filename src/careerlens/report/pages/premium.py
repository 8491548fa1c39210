"""The Topic salary premium page: within a role, the pay of postings asking for a topic against those that do not."""

from __future__ import annotations

from careerlens.report.blocks import Html, Table, e
from careerlens.report.catalogue import figure_block
from careerlens.report.text import salary_totals, scope_text

FILE = "premium.html"
TITLE = "Topic salary premium"


def cannot_be_computed(d) -> str | None:
    """Why no topic has a within-role premium, or None when some topic has one."""
    p = d.premium
    if len(p) and not p[(p["role"] == "within_role") & ~p["suppressed"]].empty:
        return None
    totals = salary_totals(d)
    if not totals["n_employer"]:
        return (f"The premium cannot be computed: none of the {totals['n_salary']:,} US posting salaries in scope is "
                f"employer-stated ({totals['n_estimate']:,} are site estimates), and a site's estimate says what the "
                "site's model pays, not what the employer offers.")
    return (f"The premium cannot be computed: no role has at least {d.min_n} postings with an employer-stated salary "
            f"both asking and not asking for a topic ({totals['n_employer']:,} employer-stated salaries in scope).")


def blocks(d, synthetic):
    p = d.premium
    reason = cannot_be_computed(d)
    hidden = p[(p["role"] != "within_role") & p["suppressed"]]
    table = p[p["role"] == "within_role"][["topic_name", "n_with", "n_without", "n_roles", "premium", "ci_low",
                                          "ci_high"]]
    return [
        Html(f'<p class="lead">Does asking for a topic go with higher pay? For each role, the median annual '
             "salary of postings that ask for the topic minus the median of those that do not, so that a topic "
             "common in better-paid roles does not look like a premium. Only employer-stated salaries count (site "
             "estimates are left out), and only recognised roles ('other' is not averaged). The first view averages "
             "the roles; "
             f"choose a role to see it alone. A role's cell needs at least {d.min_n} postings with a salary "
             f"on each side ({len(hidden)} role-topic cells are hidden for that); the 95% interval is Bonett and "
             f"Price's for a difference of medians. {scope_text(d)} This is an association, not a causal effect.</p>"),
        Html(f'<div class="notice" role="note" id="premium-reason">{e(reason)}</div>') if reason else None,
        figure_block(d, "premium", synthetic),
        None if reason else Table(table.sort_values("premium", ascending=False, na_position="last"),
              caption="Within-role average premium per topic (USD a year); blank where every role cell is below "
                      "the minimum n. n asking and n not asking count the postings of the roles averaged.",
              formats={"premium": "+,.0f", "ci_low": "+,.0f", "ci_high": "+,.0f"},
              headers={"topic_name": "topic", "n_with": "n asking", "n_without": "n not asking",
                       "n_roles": "roles averaged",
                       "premium": "premium (USD)", "ci_low": "95% CI low", "ci_high": "95% CI high"}),
    ]
