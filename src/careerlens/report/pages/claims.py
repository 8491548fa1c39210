"""The Claims page: each claim of the curriculum, the evidence beside it, a chart and the verdict."""

from __future__ import annotations

from careerlens.report import charts
from careerlens.report.blocks import Chart, Html, Table, e
from careerlens.report.catalogue import spec

FILE = "claims.html"
TITLE = "Claims"

#: The CSS class of each verdict's badge (report/templates/page.html).
VERDICT_CLASS = {"supported": "ok", "partly supported": "partly", "not supported": "no",
                 "cannot be checked": "unknown"}


def verdict_badge(verdict: str) -> str:
    return f'<b class="verdict {VERDICT_CLASS[verdict]}">{e(verdict)}</b>'


def verdict_lines(d) -> str:
    """The verdicts one line each, linked to the claim on this page: what the Overview shows."""
    return "".join(f'<li>{verdict_badge(c.verdict)} <a href="{FILE}#claim-{c.claim.number}">'
                   f"{e(_short(c.claim.text))}</a></li>" for c in d.claims)


def _short(text: str, words: int = 18) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def blocks(d, synthetic):
    from careerlens.claims import wage_ranges

    if not d.claims:
        return [Html(f'<p class="lead">{e(d.curriculum.name)} records no claims about careers. Add them to its '
                     "curriculum file as <code>[[claims]]</code> (see docs/curriculum-format.md), and each is "
                     "checked here against OEWS wages and the postings.</p>")]
    out = [Html('<p class="lead">What the programme promises about careers, each claim as published beside the '
                "evidence careerlens holds: OEWS wages (printed as BLS prints them, the release named) and the "
                "postings. A verdict is <b>supported</b>, <b>partly supported</b>, <b>not supported</b> or "
                "<b>cannot be checked</b> (with the reason); the rules are in docs/curriculum-format.md. "
                f"<code>careerlens claims{e(d.curriculum.cli_option)}</code> prints the same verdicts.</p>")]
    for check in d.claims:
        claim = check.claim
        out.append(Html(f'<h2 id="claim-{claim.number}">Claim {claim.number}: {verdict_badge(check.verdict)}</h2>'
                        f'<div class="side-by-side"><blockquote>{e(claim.text)}</blockquote>'
                        f"<p><b>Finding.</b> {e(check.finding)}</p></div>"))
        if check.evidence.empty:
            continue
        if check.measure == "wage":
            out.append(Table(wage_ranges(check.evidence).drop(columns="counted"),
                             caption=f"OEWS {e(check.release or '')} annual medians by group: the lowest and the "
                                     "highest, where, and the highest 90th percentile. Top-coded values show at "
                                     "BLS's floor ($239,200).",
                             formats={c: "$,.0f" for c in ("lowest", "highest", "highest_p90")},
                             headers={"highest_p90": "highest 90th percentile", "cells": "places", "lowest_in": "where",
                                      "highest_in": "where"}))
        shown = check.evidence.drop(columns="counted")
        chart = charts.claim_evidence(check.evidence, measure=check.measure, targets=check.targets,
                                      title=f"Claim {claim.number}: the evidence")
        synthetic_note = synthetic if check.measure != "wage" else None
        out.append(Chart(f"claim-{claim.number}", spec(chart, synthetic_note),
                         _caption(check), shown))
    return out


def _caption(check) -> str:
    if check.measure == "wage":
        return ("Each point a median (blue: counted towards the verdict; grey: left out, such as detailed industries "
                "with fewer than 1,000 employed); orange ticks the 90th percentile; red dashes the claim's figures. "
                "Hover for the place, employment and notes.")
    if check.measure == "share":
        return "Share of postings, with n and the 95% interval in the tooltip; red dashes the share claimed."
    return "Postings per role, and OEWS employment of each role's occupation in each sector named."
