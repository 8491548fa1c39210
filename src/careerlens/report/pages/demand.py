"""The Demand page: how often postings ask for each topic, by role, industry, state, month posted and month first seen."""

from __future__ import annotations

from careerlens.report.blocks import Html
from careerlens.report.catalogue import figure_block
from careerlens.report.text import scope_text

FILE = "demand.html"
TITLE = "Demand"


def blocks(d, synthetic):
    month = figure_block(d, "month", synthetic)
    first_seen = figure_block(d, "first-seen", synthetic)
    return [
        Html(f'<p class="lead">How often postings ask for each topic of the curriculum. {scope_text(d)} '
             f"Every share comes with its 95% interval and n; cells on fewer than {d.min_n} postings are grey "
             "and carry no number. Shares are explicit demand (postings that name the topic) unless marked "
             "implicit (postings that name it or a topic that requires it: by role below, and on the "
             "<a href='curriculum.html'>Curriculum alignment</a> page); every CSV here carries both "
             "(<code>share_implicit</code>).</p><h2>By role</h2>"),
        figure_block(d, "role-topic", synthetic),
        figure_block(d, "role-topic-implicit", synthetic),
        Html("<h2>By industry (NAICS sector)</h2>"),
        figure_block(d, "sector", synthetic),
        Html("<h2>By US state</h2>"),
        figure_block(d, "state", synthetic),
        Html("<h2>By month posted</h2>"),
        month or Html("<p>No posting in scope has a date, so there is no trend over time.</p>"),
        Html("<h2>By month first seen (current postings)</h2>"),
        first_seen or Html("<p>No posting in scope comes from a job-board snapshot: fetch current postings with "
                           "<code>careerlens fetch greenhouse|lever|ashby|usajobs</code> (see README, Current "
                           "postings) to follow demand over time.</p>"),
    ]
