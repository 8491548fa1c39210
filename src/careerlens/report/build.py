"""Build the report: query every figure, draw the charts, write the pages and their CSVs.

The pages are written to a temporary folder beside ``out`` and swapped in at
the end, so a run that fails leaves the previous report as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd

from careerlens.errors import UsageError
from careerlens.report import charts, figures
from careerlens.report import folder as report_folder
from careerlens.report.filters import require_postings
from careerlens.report.pages import PAGES, Chart, Html, Table, e, javascript_bundle, render_page, vegalite_version

MANIFEST = ".careerlens-report.json"

#: Definitions of every figure, shown on the method page (docs/report.md says the same).
DEFINITIONS = (
    ("Posting", "One job advert after exact duplicates are removed (same title, company, location and "
                "description). Its role, SOC code, NAICS sector and US state come from the mappings in "
                "data/taxonomy; 'other' is a role no pattern recognised."),
    ("Labelled posting", "A posting the topic classifier has scored. Only labelled postings count in demand "
                         "shares; the classifier version is given below."),
    ("Demand share (explicit demand)", "Of the labelled postings in a group (a role, sector, state or month), "
                                       "the share the classifier says ask for the topic: n asking / n postings. "
                                       "Unless a figure says otherwise, demand means explicit demand."),
    ("Implicit demand", "Of the same labelled postings, the share that ask for the topic or for any topic that "
                        "requires it, directly or through other topics, by the curriculum's prerequisite links "
                        "(requires = [...] in the curriculum file, each with its reason): a posting asking for "
                        "machine learning counts for linear algebra, calculus, probability, statistics and "
                        "optimisation. Computed in SQL from the same posting labels, over the same n, with the same "
                        "Wilson intervals and minimum n; it is never below explicit demand, and equals it for a "
                        "topic nothing requires."),
    ("Evidence path", "For a posting counted for a topic only implicitly: the topic it asks for that requires it "
                      "(the shortest chain of links, then the best-scored topic, when several do), the chain of "
                      "links, and that topic's evidence sentence in the posting."),
    ("O*NET knowledge rating", "O*NET's survey of workers and occupational analysts rates each occupation's "
                               "knowledge areas for importance (1 = not important to 5 = extremely important) and "
                               "level (0-7: how much is needed). A role is matched through its SOC code; where "
                               "O*NET rates several occupations under one SOC code (15-2051.01 and 15-2051.02) "
                               "their ratings are averaged, leaving out ratings O*NET recommends suppressing. A "
                               "topic's rating is that of its curriculum onet_knowledge area, averaged over the "
                               "target roles' SOC codes (each once). Survey-based evidence, independent of the "
                               "postings."),
    ("95% interval of a share", "The Wilson score interval for n asking out of n postings. It stays inside "
                                "0-100% and is honest for small n."),
    ("Minimum n", "A cell (share, salary range or premium) resting on fewer postings than the minimum n "
                  "(--min-n, default 30) is suppressed: drawn grey with its n, never as a number."),
    ("Annual salary of a posting", "The midpoint of the advertised range, converted to US dollars a year "
                                   "(hourly x 2080, monthly x 12, ...). Postings whose annual figure is "
                                   "flagged as doubtful are left out. Only US postings enter salary figures."),
    ("Employer-stated vs site estimate", "Employer-stated ranges were written by the employer in the advert; "
                                         "site estimates (Glassdoor's 'Glassdoor est.') were computed by the "
                                         "job site. They are shown as separate series; a source that does not "
                                         "say which is a third series ('source not stated')."),
    ("Salary percentiles", "p10, p25, median, p75, p90 of the postings' annual salaries in a group, with "
                           "linear interpolation between order statistics (as pandas and numpy compute them)."),
    ("OEWS wages", "BLS Occupational Employment and Wage Statistics: annual wage percentiles of employees in "
                   "an occupation (SOC code), nationally by NAICS sector and by state, from the latest release "
                   "loaded. A role is matched to OEWS through its SOC code (several roles share 15-2051)."),
    ("Salary-survey ranges", "Percentiles of self-reported salaries (ai-jobs.net) in US dollars, all work "
                             "years pooled, by role, experience level and the employee's country."),
    ("Topic salary premium", "Within one role: median annual salary of postings asking for the topic minus "
                             "the median of those that do not; both sides need the minimum n. The within-role "
                             "average weights each shown role's "
                             "premium by n_with x n_without / (n_with + n_without), so role mix cannot pose as "
                             "a premium. 95% intervals are percentile bootstraps (1,000 resamples of each side, "
                             "seeded, so a rebuilt report shows the same numbers)."),
    ("Share of teaching time", "A topic's share of the curriculum: its module's hours (or credits, when a "
                               "module gives no hours) split evenly among the module's topics, over the total."),
    ("Share of demand", "A topic's demand share among the target roles' postings, divided by the sum of all "
                        "topics' demand shares (a posting asks for several topics). Computed twice: from explicit "
                        "demand and from implicit demand; every figure says which."),
    ("Gap and surplus", "Share of demand minus share of teaching time. At least +2 points: under-taught (a gap); "
                        "at most -2 points: over-taught (a surplus); in between: in balance. Listed separately "
                        "for explicit and for implicit demand."),
    ("Alignment score", "1 - 0.5 x the sum over topics of |share of demand - share of teaching time|: the share "
                        "of teaching time that is where the demand is. 100% means teaching time is split exactly "
                        "as demand is; it falls as time moves to topics fewer postings ask for. Given for explicit "
                        "and for implicit demand."),
    ("Uncovered skills", "Skills listed on the target roles' postings (LinkedIn's job skills, where loaded) and "
                         "two-word phrases from their descriptions, most frequent first, that no topic's seed "
                         "phrases cover; stop words and job-advert boilerplate (equal-opportunity text, 'years "
                         "experience') are left out. A sample of at most 20,000 postings is read."),
)

CAVEATS = (
    "Glassdoor salary estimates are the site's model, not offers: they are shown apart from employer-stated ranges.",
    "OEWS counts employees on payrolls: it excludes the self-employed and owners, and its wages are base pay "
    "(no bonuses or equity), so advertised tech salaries can exceed it.",
    "OEWS releases are not a time series: BLS pools three years of survey panels in each release and changes "
    "methods between them. Compare occupations within a release, not releases with each other.",
    "Postings are adverts, not hires: a role advertised often is not necessarily a role with many jobs, and "
    "scraped datasets over-represent the sites and months they were scraped from.",
    "A topic counts when the classifier finds it asked of the candidate; its measured accuracy is below. "
    "Shares inherit its errors.",
    "The salary premium is an association within a role, not a causal effect: postings that ask for a topic "
    "may differ in seniority, location or employer.",
    "Implicit demand is only as right as the curriculum's prerequisite links: it says what a posting's topics "
    "rest on by the curriculum's account, not that the employer asked for it.",
    "O*NET ratings describe occupations (SOC codes), not the roles' postings, and come from surveys run over "
    "several years.",
)


@dataclass
class ReportData:
    """Every figure the pages show (each a DataFrame from :mod:`figures`, plus a few scalars)."""

    curriculum: object
    model: dict
    roles: list | None
    industries: list | None
    target_roles: list
    min_n: int
    summary: dict
    by_source: pd.DataFrame
    files: pd.DataFrame
    rejects: pd.DataFrame
    demand: pd.DataFrame
    target_demand: pd.DataFrame
    salaries: pd.DataFrame
    oews_industry: pd.DataFrame
    oews_state: pd.DataFrame
    survey: pd.DataFrame
    premium: pd.DataFrame
    alignment: pd.DataFrame
    alignment_score: float
    uncovered: pd.DataFrame
    role_soc: pd.DataFrame
    alignment_implicit: pd.DataFrame = field(default_factory=pd.DataFrame)
    alignment_score_implicit: float = float("nan")
    implicit_paths: pd.DataFrame = field(default_factory=pd.DataFrame)
    onet_ratings: pd.DataFrame = field(default_factory=pd.DataFrame)
    onet_by_role: pd.DataFrame = field(default_factory=pd.DataFrame)
    topic_onet: pd.DataFrame = field(default_factory=pd.DataFrame)


def build_report(db, *, curriculum=None, roles=None, industries=None, min_n=figures.DEFAULT_MIN_N,
                 out="reports", n_boot=1000, seed=0) -> Path:
    """Write the report's pages into ``out`` and return the path of its ``index.html``.

    Parameters
    ----------
    db : careerlens.db.Database
        The store, with postings labelled by ``careerlens classify``.
    curriculum : str, Path or Curriculum, optional
        The curriculum to align with; the bundled default when None. The labels used
        are the newest classifier's trained on this curriculum.
    roles, industries : sequence of str, optional
        Restrict every page to these canonical roles / NAICS sector codes. The
        curriculum page compares against ``roles``, or by default the roles a
        maths-for-ML graduate targets (:data:`figures.DEFAULT_TARGET_ROLES`).
    min_n : int
        Cells resting on fewer postings are suppressed.
    out : str or Path
        The report folder; replaced as a whole at the end of a successful run.
    n_boot, seed : int
        Bootstrap resamples and seed of the salary-premium intervals.
    """
    report_folder.recover(out)        # a report a killed run left aside is back before anything can fail
    _entries_to_keep(Path(out))       # and a bad --out is refused before the queries, not after
    data = collect(db, curriculum=curriculum, roles=roles, industries=industries, min_n=min_n,
                   n_boot=n_boot, seed=seed)
    return write_report(data, out)


def _check_filters(roles, industries, min_n):
    if isinstance(min_n, bool) or not isinstance(min_n, int) or min_n < 1:
        raise UsageError(f"--min-n must be a whole number of at least 1, not {min_n!r}")
    known_roles = figures.role_labels()
    unknown = [r for r in roles or () if r not in known_roles]
    if unknown:
        raise UsageError(f"unknown role(s) {', '.join(map(repr, unknown))}; known roles: {', '.join(known_roles)}")
    known_sectors = [s for s in figures.sector_labels() if s not in ("all", "unmapped")]
    unknown = [s for s in industries or () if s not in known_sectors]
    if unknown:
        raise UsageError(f"unknown NAICS sector(s) {', '.join(map(repr, unknown))}; "
                         f"use sector codes: {', '.join(known_sectors)}")


def collect(db, *, curriculum=None, roles=None, industries=None, min_n=figures.DEFAULT_MIN_N,
            n_boot=1000, seed=0) -> ReportData:
    """Run every figure of the report (no HTML): what :func:`build_report` draws."""
    from careerlens.curriculum import Curriculum, load_curriculum

    roles = list(roles) if roles else None
    industries = list(industries) if industries else None
    _check_filters(roles, industries, min_n)
    cur = curriculum if isinstance(curriculum, Curriculum) else load_curriculum(curriculum)
    require_postings(db, roles=roles, industries=industries, curriculum=cur)
    model = figures.classifier_model(db, cur)
    model_id = model["model_id"]
    target_roles = roles or list(figures.DEFAULT_TARGET_ROLES)
    names = {t.id: t.name for t in cur.topics}

    def named(frame):
        frame["topic_name"] = frame["topic_id"].map(lambda t: names.get(t, t))
        return frame

    links = cur.prerequisite_links
    demand = named(figures.topic_demand(db, model_id=model_id, roles=roles, industries=industries, min_n=min_n,
                                        links=links))
    target_demand = named(figures.topic_demand(db, model_id=model_id, roles=target_roles, industries=industries,
                                               min_n=min_n, links=links))
    weights = figures.curriculum_weights(cur)
    alignment, score = figures.curriculum_alignment(target_demand, weights)
    alignment_implicit, score_implicit = figures.curriculum_alignment(target_demand, weights, measure="implicit")
    paths = named(figures.implicit_demand_paths(db, model_id=model_id, links=links, roles=target_roles,
                                                industries=industries))
    paths["via_topic_name"] = paths["via_topic"].map(lambda t: names.get(t, t))
    onet_ratings = figures.onet_knowledge_ratings(db)
    onet_by_role = figures.onet_knowledge_by_role(onet_ratings)
    return ReportData(
        curriculum=cur, model=model, roles=roles, industries=industries, target_roles=target_roles, min_n=min_n,
        summary=figures.summary_counts(db, model_id=model_id),
        by_source=figures.postings_by_source(db),
        files=figures.loaded_files(db),
        rejects=figures.rejects_per_file(db),
        demand=demand,
        target_demand=target_demand,
        salaries=figures.salary_ranges(db, roles=roles, industries=industries, min_n=min_n),
        oews_industry=figures.oews_by_industry(db, roles=roles),
        oews_state=figures.oews_by_state(db, roles=roles),
        survey=figures.survey_salaries(db, roles=roles, min_n=min_n),
        premium=named(figures.topic_premium(db, model_id=model_id, roles=roles, industries=industries,
                                            min_n=min_n, n_boot=n_boot, seed=seed)),
        alignment=alignment,
        alignment_score=score,
        uncovered=figures.uncovered_skills(db, cur, roles=target_roles, industries=industries),
        role_soc=figures.roles_for_soc(roles),
        alignment_implicit=alignment_implicit,
        alignment_score_implicit=score_implicit,
        implicit_paths=paths,
        onet_ratings=onet_ratings,
        onet_by_role=onet_by_role,
        topic_onet=figures.topic_onet_ratings(cur, onet_by_role, roles=target_roles),
    )


# -- writing ------------------------------------------------------------------------
def write_report(data: ReportData, out) -> Path:
    """Render ``data`` into a temporary folder beside ``out``, then swap it in (see :mod:`.folder`)."""
    out = report_folder.prepare(out)
    keep = _entries_to_keep(out)
    bundle = javascript_bundle(vegalite_version())
    generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    with report_folder.staging(out) as staging:
        written = []
        for file_name, title, blocks, notice in assemble(data):
            for block in blocks:
                if isinstance(block, Chart) and block.frame is not None:
                    block.csv_name = report_folder.safe_file_name(f"{Path(file_name).stem}-{block.key}.csv", written)
                    report_folder.write_csv(block.frame, staging, block.csv_name)
                    written.append(block.csv_name)
            page = render_page(file_name=file_name, title=title, programme=data.curriculum.name, blocks=blocks,
                               notice=notice, bundle=bundle, generated=generated)
            (staging / file_name).write_text(page, encoding="utf-8")
            written.append(file_name)
        (staging / MANIFEST).write_text(json.dumps({"files": sorted(written)}, indent=1), encoding="utf-8")
        for entry in keep:
            target = staging / entry.name
            if entry.is_dir():
                shutil.copytree(entry, target)
            else:
                shutil.copy2(entry, target)
        report_folder.swap_in(staging, out)
    return out / "index.html"


def _entries_to_keep(out: Path) -> list[Path]:
    """Files in ``out`` that are not ours (a README, .gitkeep), carried into the new report.

    Refuses to replace a folder holding other files careerlens did not write, so a
    mistyped ``--out`` cannot delete someone's work.
    """
    if not out.exists():
        return []
    if not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder for the report")
    ours = set()
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            ours = {str(name) for name in listed} | {MANIFEST}
        except (ValueError, KeyError, TypeError) as error:
            raise UsageError(f"{manifest} is damaged ({error}), so careerlens cannot tell its own files from "
                             "yours there; remove that folder or choose another --out") from None
    keep, foreign = [], []
    for entry in out.iterdir():
        if entry.name in ours:
            continue
        if entry.name.startswith(".") or entry.name.lower().startswith("readme"):
            keep.append(entry)
        else:
            foreign.append(entry.name)
    if foreign:
        raise UsageError(f"--out {out} holds files careerlens did not write ({', '.join(sorted(foreign)[:5])}); "
                         "choose an empty or new folder for the report")
    return keep


# -- the pages ----------------------------------------------------------------------
def _spec(chart: alt.TopLevelMixin, subtitle: str | None = None) -> dict:
    """The chart's Vega-Lite spec, with the synthetic-data warning as a subtitle (it then shows in exports too).

    Validation against the Vega-Lite schema is left to the chart tests: run on inline
    data it takes most of the build's time and checks the same structure every run.
    """
    if subtitle:
        title = chart.title if isinstance(chart.title, str) else ""
        chart = chart.properties(title=alt.Title(text=title, subtitle=subtitle, subtitleColor="#b35900"))
    return charts.to_spec(chart, validate=False)


def _count(n) -> str:
    return "0" if n is None else f"{int(n):,}"


def _scope_text(data: ReportData) -> str:
    parts = []
    if data.roles:
        labels = figures.role_labels()
        parts.append("roles: " + ", ".join(e(labels.get(r, r)) for r in data.roles))
    if data.industries:
        sectors = figures.sector_labels()
        parts.append("industries: " + ", ".join(e(sectors.get(s, s)) for s in data.industries))
    return ("Restricted to " + "; ".join(parts) + ".") if parts else "All roles and industries."


def _demo_notice(data: ReportData) -> tuple[str | None, str | None]:
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


def assemble(data: ReportData):
    """The pages as (file name, title, blocks, notice), in menu order."""
    notice, demo = _demo_notice(data)
    titles = dict(PAGES)
    return [
        ("index.html", titles["index.html"], overview_blocks(data, demo), notice),
        ("demand.html", titles["demand.html"], demand_blocks(data, demo), notice),
        ("salaries.html", titles["salaries.html"], salary_blocks(data, demo), notice),
        ("premium.html", titles["premium.html"], premium_blocks(data, demo), notice),
        ("curriculum.html", titles["curriculum.html"], curriculum_blocks(data, demo), notice),
        ("method.html", titles["method.html"], method_blocks(data), notice),
    ]


def _score_text(data: ReportData, measure: str = "explicit") -> str:
    score = data.alignment_score if measure == "explicit" else data.alignment_score_implicit
    return f"{score:.0%}" if score == score else f"n/a (fewer than {data.min_n} target-role postings)"


def _headline(items) -> Html:
    return Html('<div class="headline">' + "".join(f"<div>{e(label)}<b>{e(value)}</b></div>"
                                                   for label, value in items) + "</div>")


def _salary_data(data: ReportData, roles=None) -> pd.DataFrame:
    frame = charts.salary_comparison_data(data.salaries, data.oews_industry, data.role_soc)
    if roles:
        frame = frame[frame["role"].isin(roles)]
    return frame


def overview_blocks(data: ReportData, demo):
    s = data.summary
    dates = (f"{s['first_posted']:%b %Y} to {s['last_posted']:%b %Y}" if s.get("first_posted") is not None
             else "no posting dates")
    overall = data.demand[data.demand["dimension"] == "all"]
    n_scope = int(overall["n_postings"].max()) if len(overall) else 0
    top = overall[~overall["suppressed"]].nlargest(3, "share")
    top_text = ", ".join(f"{e(r.topic_name)} ({r.share:.0%})" for r in top.itertuples()) or "none yet"
    gaps = data.alignment[data.alignment["status"] == "under-taught (gap)"]["topic_name"].head(3)
    blocks = [
        Html(f'<p class="lead">Which of the topics of <b>{e(data.curriculum.name)}</b> employers ask for, in which '
             f"roles and industries, and what those roles pay, from {_count(s['postings'])} job postings and the "
             f"official BLS OEWS wage statistics. {_scope_text(data)} Most asked-for topics: {top_text}. "
             f"Alignment of the curriculum with the target roles' explicit demand (postings naming a topic): "
             f"<b>{_score_text(data)}</b>"
             + (f", biggest gaps: {', '.join(e(g) for g in gaps)}" if len(gaps) else "")
             + f"; with implicit demand (a posting asking for a topic also counts for the topics it requires): "
             f"<b>{_score_text(data, 'implicit')}</b>.</p>"),
        _headline([("postings", _count(s["postings"])), ("labelled with topics", _count(s["postings_labelled"])),
                   ("with an annual salary", _count(s["postings_with_salary"])),
                   ("salary-survey records", _count(s["salary_records"])),
                   ("OEWS release", s.get("oews_releases") or "none loaded"), ("posting dates", dates),
                   ("files loaded", _count(s["files"]))]),
        Chart("top-topics", _spec(charts.demand_bars(data.demand, min_n=data.min_n), demo),
              f"Share of the {_count(n_scope)} labelled postings in scope that ask for each topic; "
              "the black line is the 95% interval. Hover a bar for n.", data.demand[data.demand["dimension"] == "all"]),
        Chart("headline-salaries", _spec(charts.salary_ranges(_salary_data(data, data.target_roles),
                                                              min_n=data.min_n, selector=False), demo),
              "Annual salaries of the target roles, all industries: postings (employer-stated and site "
              "estimates, US) beside OEWS for the role's SOC code. Box: 25th-75th percentile; whiskers: "
              "10th-90th; tick: median. Salary ranges by industry and state are on the Salary ranges page.",
              _salary_data(data, data.target_roles)),
        Html("<h2>Where to look next</h2><ul>"
             "<li><a href='demand.html'>Demand</a>: each topic by role, industry, state and month.</li>"
             "<li><a href='salaries.html'>Salary ranges</a>: by role and industry, OEWS by state, the salary survey "
             "by experience and country.</li>"
             "<li><a href='premium.html'>Topic salary premium</a>: which topics go with higher pay in the same role."
             "</li><li><a href='curriculum.html'>Curriculum alignment</a>: gaps, surpluses and skills no topic "
             "covers.</li><li><a href='method.html'>Data and method</a>: sources, rejects, the classifier's "
             "accuracy, definitions and caveats.</li></ul>"),
    ]
    return blocks


def demand_blocks(data: ReportData, demo):
    d = data.demand
    n_month = d[d["dimension"] == "month"]["value"].nunique()
    # Dropdowns open on the most asked-for topic, so the first view is never an empty chart.
    overall = d[d["dimension"] == "all"].sort_values("share", ascending=False, na_position="last")
    topics = overall["topic_name"].tolist() or [t.name for t in data.curriculum.topics]
    blocks = [
        Html(f'<p class="lead">How often postings ask for each topic of the curriculum. {_scope_text(data)} '
             f"Every share comes with its 95% interval and n; cells on fewer than {data.min_n} postings are grey "
             "and carry no number. Shares are explicit demand (postings that name the topic) unless marked "
             "implicit (postings that name it or a topic that requires it: by role below, and on the "
             "<a href='curriculum.html'>Curriculum alignment</a> page); every CSV here carries both "
             "(<code>share_implicit</code>).</p><h2>By role</h2>"),
        Chart("role-topic", _spec(charts.demand_heatmap(
                  d, min_n=data.min_n,
                  title="Explicit demand: share of each role's postings naming the topic (grey: too few)"), demo),
              "Each cell: the share of that role's labelled postings asking for the topic. Hover for the 95% "
              "interval and n.", d[d["dimension"] == "role"]),
        Chart("role-topic-implicit", _spec(charts.demand_heatmap(
                  charts.implicit_view(d), min_n=data.min_n,
                  title="Implicit demand: share of each role's postings asking for the topic or a topic requiring it"),
                  demo),
              "The same with implicit demand: a posting counts for a topic when it asks for it or for a topic that "
              "requires it (the curriculum's prerequisite links). Same n; hover for the 95% interval.",
              d[d["dimension"] == "role"]),
        Html("<h2>By industry (NAICS sector)</h2>"),
        Chart("sector", _spec(charts.demand_by(d, "naics_sector", min_n=data.min_n, topics=topics,
                                               title="Share of postings asking for the topic, by industry"), demo),
              "Choose a topic above the chart. Industries are NAICS 2022 sectors mapped from the posting's "
              "industry; postings whose industry maps to no sector are left out.", d[d["dimension"] == "naics_sector"]),
        Html("<h2>By US state</h2>"),
        Chart("state", _spec(charts.demand_by(d, "state", min_n=data.min_n, topics=topics,
                                              title="Share of postings asking for the topic, by US state"), demo),
              "Choose a topic above the chart. Remote postings without a state are left out.",
              d[d["dimension"] == "state"]),
        Html("<h2>By month posted</h2>"),
    ]
    if n_month:
        blocks.append(Chart("month", _spec(charts.demand_by(d, "month", min_n=data.min_n, topics=topics,
                                                            title="Share of postings asking for the topic, by month"),
                                           demo),
                            "Choose a topic above the chart; the band is the 95% interval. Only postings with a "
                            "date count; months with too few postings are left out of the line.",
                            d[d["dimension"] == "month"]))
    else:
        blocks.append(Html("<p>No posting in scope has a date, so there is no trend over time.</p>"))
    return blocks


def salary_blocks(data: ReportData, demo):
    comparison = _salary_data(data)
    target = data.target_roles
    labels = figures.role_labels()
    target_text = ", ".join(e(labels.get(r, r)) for r in target)
    survey = data.survey[data.survey["role"].isin(target)]
    oews_national = data.oews_industry[data.oews_industry["naics_sector"] == "all"]
    states = data.oews_state.copy()
    occupations = None
    if not states.empty:
        order = {soc: i for i, soc in enumerate(figures.role_soc_codes()[r] for r in data.target_roles
                                                if r in figures.role_soc_codes())}
        labels = (states["soc_code"] + " " + states["occupation"].fillna("")).drop_duplicates()
        occupations = sorted(labels, key=lambda label: (order.get(label[:7], 99), label))
    survey_note = ("" if not data.survey.empty else
                   " No salary-survey records are loaded: <code>careerlens ingest salaries.csv</code> "
                   "(ai-jobs.net) adds them.")
    return [
        Html(f'<p class="lead">What the roles pay, in US dollars a year: advertised ranges from postings (US), '
             "beside the official BLS OEWS wages for the role's SOC occupation, by industry and by state, and a "
             f"salary survey by experience and country. {_scope_text(data)} Box: 25th-75th percentile; whiskers: "
             f"10th-90th; black tick: median. Posting cells with fewer than {data.min_n} salaries are suppressed. "
             f"Charts show the target roles ({target_text}); each chart's CSV holds every role.</p>"
             "<h2>By role and industry: postings beside OEWS</h2>"),
        Chart("role-industry", _spec(charts.salary_ranges(comparison[comparison["role"].isin(target)],
                                                          min_n=data.min_n), demo),
              "Choose an industry above the chart; click a legend entry to highlight one source. Site "
              "estimates (Glassdoor) are the site's model of pay, not offers. OEWS n is the occupation's "
              "employment.", comparison),
        Html("<h2>OEWS by state</h2>"),
        Chart("oews-state", _spec(charts.oews_by_state(data.oews_state, occupations=occupations)),
              "BLS OEWS wages by state, all industries, for the occupation chosen above the chart (real BLS "
              "figures). Top-coded percentiles (BLS publishes no number above its cap) are missing.",
              data.oews_state),
        Table(oews_national[["soc_code", "occupation", "employment", "p10", "p25", "median", "p75", "p90", "flags"]],
              caption="OEWS national annual wages, all industries, for the SOC codes of the roles in scope.",
              formats={c: "$,.0f" for c in ("p10", "p25", "median", "p75", "p90")} | {"employment": ",.0f"},
              headers={"soc_code": "SOC", "flags": "BLS notes"}),
        Html(f"<h2>Salary survey: by role, experience level and country</h2>{survey_note}"),
        Chart("survey", _spec(charts.survey_ranges(survey, min_n=data.min_n)),
              "Self-reported salaries (ai-jobs.net survey, all work years pooled), in US dollars. Choose the "
              "employee's country above the chart ('all' pools every country).", data.survey),
    ]


def premium_blocks(data: ReportData, demo):
    p = data.premium
    shown = p[(p["role"] == "within_role") & ~p["suppressed"]]
    hidden = p[(p["role"] != "within_role") & p["suppressed"]]
    table = p[p["role"] == "within_role"][["topic_name", "n_with", "n_without", "n_roles", "premium", "ci_low",
                                          "ci_high"]]
    return [
        Html(f'<p class="lead">Does asking for a topic go with higher pay? For each role, the median annual '
             "salary of postings that ask for the topic minus the median of those that do not, so that a topic "
             "common in better-paid roles does not look like a premium. The first view averages the roles; "
             f"choose a role to see it alone. A role's cell needs at least {data.min_n} postings with a salary "
             f"on each side ({len(hidden)} role-topic cells are hidden for that), and the 95% interval is a "
             f"bootstrap. {_scope_text(data)} This is an association, not a causal effect.</p>"),
        Chart("premium", _spec(charts.topic_premium(p, min_n=data.min_n), demo),
              f"{len(shown)} topics have a within-role estimate. Red points: the 95% interval excludes zero. Hover "
              "for both medians and both n.", p),
        Table(table.sort_values("premium", ascending=False, na_position="last"),
              caption="Within-role average premium per topic (USD a year); blank where every role cell is below "
                      "the minimum n.",
              formats={"premium": "+,.0f", "ci_low": "+,.0f", "ci_high": "+,.0f"},
              headers={"topic_name": "topic", "n_with": "n asking", "n_without": "n not asking",
                       "n_roles": "roles averaged",
                       "premium": "premium (USD)", "ci_low": "95% CI low", "ci_high": "95% CI high"}),
    ]


def _topic_list(frame: pd.DataFrame) -> str:
    return ", ".join(f"{e(r.topic_name)} ({r.gap:+.1%})" for r in frame.itertuples()) or "none"


def alignment_side_by_side(data: ReportData) -> pd.DataFrame:
    """Per topic: teaching time, explicit and implicit demand (share, share of demand, status), O*NET rating."""
    explicit = data.alignment[["topic_id", "topic_name", "module", "weight", "n_postings", "n_asking", "share",
                               "ci_low", "ci_high", "demand_weight", "gap", "status"]]
    implicit = data.alignment_implicit[["topic_id", "n_asking", "share", "ci_low", "ci_high", "demand_weight", "gap",
                                        "status"]].add_suffix("_implicit").rename(
        columns={"topic_id_implicit": "topic_id"})
    frame = explicit.merge(implicit, on="topic_id", how="left")
    onet = data.topic_onet if not data.topic_onet.empty else pd.DataFrame(
        {"topic_id": frame["topic_id"], "onet_area": None, "onet_importance": np.nan, "onet_level": np.nan,
         "onet_n_soc": 0})
    frame = frame.merge(onet, on="topic_id", how="left")
    order = {t.id: i for i, t in enumerate(data.curriculum.topics)}
    return frame.sort_values("topic_id", key=lambda ids: ids.map(order), ignore_index=True)


def _onet_source_text(data: ReportData) -> str:
    ratings = data.onet_ratings
    if ratings.empty:
        return "No O*NET Knowledge ratings are available for these roles' SOC codes."
    release = e(str(ratings["release"].iloc[0]))
    if ratings["origin"].iloc[0] == "bundled":
        where = (f"the O*NET {release} Knowledge ratings bundled with careerlens (data/onet; load your own with "
                 "<code>careerlens ingest Knowledge.xlsx</code>)")
    else:
        where = f"the O*NET Knowledge ratings loaded into this store (release {release}, the latest loaded)"
    return (f"From {where}. O*NET Skills ratings are not shown: the O*NET {release} download careerlens was built "
            "from has no Skills file. Attribution: O*NET database by the U.S. Department of Labor, Employment and "
            "Training Administration (USDOL/ETA), used under the CC BY 4.0 licence; careerlens keeps a subset of "
            "it and averages occupations under one SOC code; USDOL/ETA has not approved these changes.")


def curriculum_blocks(data: ReportData, demo):
    a, ai = data.alignment, data.alignment_implicit
    labels = figures.role_labels()
    target = ", ".join(e(labels.get(r, r)) for r in data.target_roles)
    n_target = int(a["n_postings"].max()) if len(a) and a["n_postings"].notna().any() else 0
    basis = a["basis"].iloc[0] if len(a) else "hours"
    by_measure = {"explicit": a, "implicit": ai}
    gaps = {m: f[f["status"] == "under-taught (gap)"] for m, f in by_measure.items()}
    surpluses = {m: f[f["status"] == "over-taught (surplus)"].sort_values("gap") for m, f in by_measure.items()}
    side = alignment_side_by_side(data)
    n_links = len(data.curriculum.prerequisite_links)
    paths = data.implicit_paths
    listed = data.uncovered[data.uncovered["kind"] == "listed on postings"]
    blocks = [
        Html(f'<p class="lead">Where <b>{e(data.curriculum.name)}</b> invests its teaching time, against what '
             f"the target roles' {n_target:,} labelled postings ask for. Target roles: {target}. Teaching time is "
             f"measured in {e(basis)} from the curriculum file ({e(data.curriculum.source)}).</p>"
             "<p>Demand is shown two ways. <b>Explicit demand</b>: the share of postings that name the topic. "
             "<b>Implicit demand</b>: the share that name it or any topic that requires it, through the "
             f"curriculum's {n_links} prerequisite links (a posting asking for machine learning also counts for "
             "linear algebra). Postings rarely name the foundations, so explicit demand alone undersells them; "
             "implicit demand credits them with what they enable. Beside both, <b>O*NET</b>'s survey ratings of "
             "how important each knowledge area is to the roles' occupations: evidence that does not come from "
             "postings.</p>"),
        _headline([("alignment score, explicit demand", _score_text(data)),
                   ("alignment score, implicit demand", _score_text(data, "implicit")),
                   ("gaps / surpluses, explicit", f"{len(gaps['explicit'])} / {len(surpluses['explicit'])}"),
                   ("gaps / surpluses, implicit", f"{len(gaps['implicit'])} / {len(surpluses['implicit'])}")]),
        Html("<p>The alignment score is the share of teaching time that sits where the demand is "
             "(1 - half the summed differences between share of demand and share of teaching time), computed once "
             "on explicit and once on implicit demand; see <a href='method.html'>Data and method</a>.</p>"
             "<ul id='gap-lists'>"
             f"<li>Under-taught by <b>explicit</b> demand: {_topic_list(gaps['explicit'])}.</li>"
             f"<li>Over-taught by <b>explicit</b> demand: {_topic_list(surpluses['explicit'])}.</li>"
             f"<li>Under-taught by <b>implicit</b> demand: {_topic_list(gaps['implicit'])}.</li>"
             f"<li>Over-taught by <b>implicit</b> demand: {_topic_list(surpluses['implicit'])}.</li></ul>"),
        Html("<h2>Explicit and implicit demand</h2>"),
        Chart("demand-views", _spec(charts.demand_views(data.target_demand, min_n=data.min_n), demo),
              "Per topic, the share of the target roles' postings that name it (explicit) and that name it or a "
              "topic requiring it (implicit), with 95% Wilson intervals over the same n. Hover for n.",
              data.target_demand[data.target_demand["dimension"] == "all"]),
        Table(side[["topic_name", "module", "weight", "share", "share_implicit", "onet_area", "onet_importance",
                    "onet_level", "status", "status_implicit", "n_asking", "n_asking_implicit", "n_postings"]],
              caption="Every topic: share of teaching time; share of target-role postings asking for it, explicitly "
                      "and implicitly; the O*NET rating of its knowledge area (importance 1-5, level 0-7, averaged "
                      "over the target roles' SOC codes); and its status against each demand.",
              formats={"weight": ".1%", "share": ".1%", "share_implicit": ".1%", "onet_importance": ".2f",
                       "onet_level": ".2f"},
              headers={"topic_name": "topic", "weight": "share of teaching time", "share": "explicit demand",
                       "share_implicit": "implicit demand", "onet_area": "O*NET knowledge area",
                       "onet_importance": "O*NET importance", "onet_level": "O*NET level",
                       "status": "status (explicit demand)", "status_implicit": "status (implicit demand)",
                       "n_asking": "n asking (explicit)", "n_asking_implicit": "n counted (implicit)",
                       "n_postings": "n postings"}),
        Html("<h2>Teaching time against demand</h2>"),
        Chart("alignment", _spec(charts.alignment_bars(a, ai), demo),
              "For each topic: its share of the target roles' demand (postings counted for it, over all topics' "
              "shares), explicit and implicit, beside its share of teaching time. Click the legend to highlight "
              "one measure.", side),
        Chart("gaps", _spec(charts.alignment_gaps(a, "Gaps (right) and surpluses (left), explicit demand"), demo),
              "Share of explicit demand minus share of teaching time, in percentage points: red topics are "
              "under-taught (a gap of at least 2 points), blue over-taught.", a),
        Chart("gaps-implicit", _spec(charts.alignment_gaps(ai, "Gaps (right) and surpluses (left), implicit demand"),
                                     demo),
              "The same with implicit demand: the foundations are credited with the postings of the topics that "
              "require them.", ai),
        Html("<h2>Where implicit demand comes from</h2><p>For each topic, the postings that count for it only "
             "implicitly, by the topic that brought them in (each posting is credited once: the shortest chain of "
             "prerequisite links, then the best-scored topic), and examples with that topic's evidence sentence "
             "in the posting.</p>"),
    ]
    if paths.empty:
        blocks.append(Html("<p>No posting counts for a topic only implicitly"
                           + ("" if n_links else ": the curriculum declares no prerequisite links") + ".</p>"))
    else:
        summary = paths.drop_duplicates(["topic_id", "via_topic"])
        blocks.append(Table(summary[["topic_name", "via_topic_name", "n_postings"]],
                            caption="Postings counted for a topic only through a topic that requires it.",
                            headers={"topic_name": "topic (counted implicitly)", "via_topic_name": "brought in by",
                                     "n_postings": "n postings"}))
        blocks.append(Table(paths[["topic_name", "path", "title", "role_label", "evidence"]],
                            caption="Examples (at most three per topic and requiring topic): the chain of "
                                    "prerequisite links and the requiring topic's evidence sentence.",
                            headers={"topic_name": "topic (counted implicitly)", "path": "path of links",
                                     "title": "posting title", "role_label": "role",
                                     "evidence": "evidence sentence (of the requiring topic)"}))
    areas = list(dict.fromkeys(["Mathematics"] + [t.onet_knowledge for t in data.curriculum.topics
                                                  if t.onet_knowledge]))
    onet = data.onet_by_role
    target_onet = onet[onet["role"].isin(data.target_roles)] if not onet.empty else onet
    rated = set(target_onet["role"]) if not target_onet.empty else set()
    unrated = [labels.get(r, r) for r in data.target_roles if r not in rated]
    blocks += [
        Html("<h2>O*NET: what the roles' occupations need, by survey</h2><p>O*NET rates each occupation's "
             "knowledge areas by surveying workers: importance from 1 (not important) to 5 (extremely "
             "important) and level from 0 to 7. Shown for Mathematics and the knowledge areas the curriculum's "
             f"topics map to (<code>onet_knowledge</code> in the curriculum file). {_onet_source_text(data)}"
             + (f" No O*NET Knowledge ratings for: {', '.join(e(r) for r in unrated)}." if unrated else "")
             + "</p>"),
        Chart("onet", _spec(charts.onet_heatmap(onet, areas=areas, roles=data.target_roles)),
              "Importance of each knowledge area to the target roles' O*NET occupations (where O*NET rates several "
              "occupations under the role's SOC code, their mean). Hover for the level and the occupations.",
              target_onet),
    ]
    blocks += [
        Html("<h2>What the curriculum does not cover</h2><p>The most frequent skills in the target roles' "
             "postings that no topic's seed phrases cover: candidates for new topics, or for phrases to add to "
             "an existing topic.</p>"),
    ]
    phrases = data.uncovered[data.uncovered["kind"] == "phrase"]
    for key, kind, rows, title, caption in (
            ("uncovered-listed", "listed on postings", listed, "Skills listed on postings that no topic covers",
             "From the skills the postings list themselves (LinkedIn job skills)"),
            ("uncovered-phrases", "phrase", phrases, "Frequent phrases in postings that no topic covers",
             "Two-word phrases from the target roles' descriptions, boilerplate removed, by share of postings "
             "using them")):
        n_scope = int(rows["n_scope"].max()) if len(rows) else 0
        if kind == "listed on postings" and n_scope == 0:
            continue
        if n_scope < data.min_n:
            blocks.append(Html(f"<p>{e(caption)}: only {n_scope} target-role postings to read, fewer than the "
                               f"minimum n of {data.min_n}; not shown.</p>"))
            continue
        blocks.append(Chart(key, _spec(charts.uncovered_terms(data.uncovered, kind, title), demo),
                            f"{e(caption)}; n = {n_scope:,} target-role postings.", rows))
    return blocks


def _flatten(value, prefix="", skip=()) -> list[dict]:
    """Nested metadata as (key, value) rows, long lists and skipped keys left out."""
    rows = []
    if isinstance(value, dict):
        for key, inner in value.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if name not in skip:
                rows.extend(_flatten(inner, name, skip))
        return rows
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)
    return [{"key": prefix, "value": text if len(text) <= 160 else text[:157] + "..."}]


def classifier_blocks(model: dict) -> list:
    """The classifier's identity, training summary and, when stored with it, its measured accuracy.

    The accuracy is read from ``metadata['evaluation']`` (held-out hand labels): a dict of
    summary figures, optionally with ``per_topic`` -> {topic: {precision, recall, f1, ...}}.
    """
    metadata = model["metadata"] if isinstance(model["metadata"], dict) else {}
    blocks = [Html(f"<h2>Topic classifier</h2><p>Labels from model <code>{e(str(model['model_id']))}</code>, "
                   f"trained {e(str(model['trained_at'])[:16])} on curriculum <i>{e(str(model['curriculum_name']))}"
                   f"</i> (hash {e(str(model['curriculum_hash'])[:12])}); {int(model['postings_labelled']):,} "
                   "postings labelled.</p>")]
    evaluation = metadata.get("evaluation")
    if isinstance(evaluation, dict) and evaluation:
        per_topic = evaluation.get("per_topic")
        summary = {k: v for k, v in evaluation.items() if k != "per_topic"}
        blocks.append(Table(pd.DataFrame(_flatten(summary), columns=["key", "value"]),
                            caption="Measured accuracy on held-out hand-labelled postings "
                                    "(<code>careerlens evaluate</code>).", headers={"key": "measure"}))
        if isinstance(per_topic, dict) and per_topic:
            blocks.append(Table(pd.DataFrame.from_dict(per_topic, orient="index").rename_axis("topic").reset_index(),
                                caption="Per topic, on the held-out postings; f1_low to f1_high is a 95% "
                                        "bootstrap interval (postings resampled), wide where a topic has few "
                                        "labelled examples.",
                                formats={c: ".2f" for c in ("precision", "recall", "f1", "f1_low", "f1_high",
                                                             "baseline_f1", "name_baseline_f1")}))
    else:
        blocks.append(Html("<p><b>This model's accuracy is not stored with it.</b> <code>careerlens evaluate "
                           "--gold FILE</code> measures precision, recall and F1 per topic on held-out "
                           "hand-labelled postings, beside the keyword baseline.</p>"))
    blocks.append(Table(pd.DataFrame(_flatten(metadata, skip=("evaluation", "per_topic", "curriculum.topics")),
                                     columns=["key", "value"]),
                        caption="How the model was trained, as stored in classifier_models.metadata.",
                        max_rows=60))
    return blocks


def method_blocks(data: ReportData):
    m = data.model
    files = data.files[["file_name", "format", "kind", "rows_read", "rows_loaded", "rows_rejected",
                        "rows_duplicate", "loaded_at"]]
    definitions = "".join(f"<dt>{e(term)}</dt><dd>{e(text)}</dd>" for term, text in DEFINITIONS)
    caveats = "".join(f"<li>{e(c)}</li>" for c in CAVEATS)
    rejects = data.rejects if not data.rejects.empty else pd.DataFrame({"note": ["No row was refused."]})
    return [
        Html("<p class='lead'>Where every number comes from: the files loaded (every row accounted for), what was "
             "refused and why, the classifier that labels postings with topics, the definition of every figure, "
             "and what the data cannot tell.</p><h2>Files loaded</h2>"),
        Table(files, caption="Per file: rows read = loaded + rejected + duplicates."),
        Table(data.by_source, caption="Postings per source: how many carry a salary (employer-stated or site "
                                      "estimate), a date, a known role, NAICS sector and US state."),
        Html("<h2>Refused rows and cleared fields</h2>"),
        Table(rejects, caption="Per file, field and reason (from the rejects table; <code>careerlens rejects "
                               "--file NAME</code> lists every row)."),
        *classifier_blocks(m),
        Html(f"<h2>Definitions</h2><dl>{definitions}</dl><h2>Caveats</h2><ul>{caveats}</ul>"),
    ]
