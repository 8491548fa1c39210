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
    return ", ".join(f"{e(r.topic_name)} ({r.gap:+.1%})" for r in frame.itertuples()) or "none"
