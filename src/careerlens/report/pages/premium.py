"""The Topic salary premium page: within a role, the pay of postings asking for a topic against those that do not."""

from __future__ import annotations

from careerlens.report.blocks import Html, Table
from careerlens.report.catalogue import figure_block
from careerlens.report.text import scope_text

FILE = "premium.html"
TITLE = "Topic salary premium"


def blocks(d, synthetic):
    p = d.premium
    hidden = p[(p["role"] != "within_role") & p["suppressed"]]
    table = p[p["role"] == "within_role"][["topic_name", "n_with", "n_without", "n_roles", "premium", "ci_low",
                                          "ci_high"]]
    return [
        Html(f'<p class="lead">Does asking for a topic go with higher pay? For each role, the median annual '
             "salary of postings that ask for the topic minus the median of those that do not, so that a topic "
             "common in better-paid roles does not look like a premium. The first view averages the roles; "
             f"choose a role to see it alone. A role's cell needs at least {d.min_n} postings with a salary "
             f"on each side ({len(hidden)} role-topic cells are hidden for that), and the 95% interval is a "
             f"bootstrap. {scope_text(d)} This is an association, not a causal effect.</p>"),
        figure_block(d, "premium", synthetic),
        Table(table.sort_values("premium", ascending=False, na_position="last"),
              caption="Within-role average premium per topic (USD a year); blank where every role cell is below "
                      "the minimum n.",
              formats={"premium": "+,.0f", "ci_low": "+,.0f", "ci_high": "+,.0f"},
              headers={"topic_name": "topic", "n_with": "n asking", "n_without": "n not asking",
                       "n_roles": "roles averaged",
                       "premium": "premium (USD)", "ci_low": "95% CI low", "ci_high": "95% CI high"}),
    ]
