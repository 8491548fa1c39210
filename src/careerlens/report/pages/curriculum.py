"""The Curriculum alignment page: teaching time against explicit and implicit demand, O*NET, skills no topic covers."""

from __future__ import annotations

from careerlens.report import figures
from careerlens.report.blocks import Download, Html, Table, e
from careerlens.report.catalogue import UNCOVERED, figure_block, uncovered_scope
from careerlens.report.text import headline, score_text, topic_list

FILE = "curriculum.html"
TITLE = "Curriculum alignment"


def _onet_source_text(d) -> str:
    ratings = d.onet_ratings
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


def _implicit_paths(d, n_links: int) -> list:
    paths = d.implicit_paths
    if paths.empty:
        return [Html("<p>No posting counts for a topic only implicitly"
                     + ("" if n_links else ": the curriculum declares no prerequisite links") + ".</p>")]
    summary = paths.drop_duplicates(["topic_id", "via_topic"])
    return [
        Table(summary[["topic_name", "via_topic_name", "n_postings"]],
              caption="Postings counted for a topic only through a topic that requires it.",
              headers={"topic_name": "topic (counted implicitly)", "via_topic_name": "brought in by",
                       "n_postings": "n postings"}),
        Table(paths[["topic_name", "path_names", "title", "role_label", "evidence"]],
              caption="Examples (at most three per topic and requiring topic): the chain of "
                      "prerequisite links and the requiring topic's evidence sentence.",
              headers={"topic_name": "topic (counted implicitly)", "path_names": "path of links",
                       "title": "posting title", "role_label": "role",
                       "evidence": "evidence sentence (of the requiring topic)"}),
    ]


def _share_text(share, low, high, k, n) -> str:
    """"12.3% (10.1-14.8%), 45 of 380": a share with its 95% interval and n, or why there is none."""
    if share != share:
        return f"too few postings ({int(n):,})"
    return f"{share:.1%} ({low:.1%}-{high:.1%}), {int(k):,} of {int(n):,}"


def _decision_view(rows, unit: str):
    """One role group's decision table as shown: shares with interval and n in one cell, hours rounded."""
    view = rows[["topic_name", "module", "hours_taught", "share_of_teaching"]].copy()
    for suffix in ("", "_implicit"):
        view[f"demand{suffix}"] = [_share_text(*r) for r in zip(
            rows[f"share{suffix}"], rows[f"ci_low{suffix}"], rows[f"ci_high{suffix}"], rows[f"n_asking{suffix}"],
            rows["n_postings"])]
        view[f"hours_at_demand{suffix}"] = rows[f"hours_at_demand{suffix}"]
        view[f"gap_hours{suffix}"] = rows[f"gap_hours{suffix}"]
    headers = {"topic_name": "topic", "hours_taught": f"{unit} taught", "share_of_teaching": "share of teaching time",
               "demand": "explicit demand (95% interval), n", "hours_at_demand": f"{unit} at explicit demand",
               "gap_hours": f"gap ({unit}), explicit", "demand_implicit": "implicit demand (95% interval), n",
               "hours_at_demand_implicit": f"{unit} at implicit demand", "gap_hours_implicit": f"gap ({unit}), implicit"}
    formats = {"hours_taught": ",.0f", "share_of_teaching": ".1%", "hours_at_demand": ",.0f", "gap_hours": "+,.0f",
               "hours_at_demand_implicit": ",.0f", "gap_hours_implicit": "+,.0f"}
    return view, headers, formats


def _decisions(d) -> list:
    """The decision table per role group, behind a role-group choice, its CSV, and the sensitivity to the links."""
    table, scores = d.decisions, d.decision_scores
    if table.empty:
        return [Html("<p>No decision table: no labelled target-role postings.</p>")]
    basis = table["basis"].iloc[0]
    unit = "hours" if basis == "hours" else "credits"
    total = table[table["role_group"] == table["role_group"].iloc[0]]["hours_taught"].sum()
    groups = list(dict.fromkeys(table["role_group"]))
    options = "".join(f'<option value="{e(g)}">{e(label)}</option>' for g, label in
                      dict(zip(table["role_group"], table["role_group_label"])).items())
    blocks = [Html(f"<p>For each topic: the {unit} the programme gives it, and the {unit} it would get if the "
                   f"programme's {total:,.0f} {unit} were shared out as the postings' demand is (its share of "
                   "demand, over all topics' shares, times the total). The gap is the difference: positive means "
                   "the topic is under-taught for these roles. Choose the role group above the table; every group's "
                   "rows are in one file below it.</p>"
                   f'<label class="choose" for="role-group">Role group</label>'
                   f'<select id="role-group" name="role_group" data-choose="decisions">{options}</select>')]
    for i, group in enumerate(groups):
        rows = table[table["role_group"] == group]
        view, headers, formats = _decision_view(rows, unit)
        blocks += [Html(f'<div class="decision-table" data-choice-of="decisions" data-choice="{e(group)}"'
                        f'{"" if i == 0 else " hidden"}>'),
                   Table(view, headers=headers, formats=formats,
                         caption=f"{e(rows['role_group_label'].iloc[0])}: {e(rows['roles'].iloc[0])}; "
                                 f"n = {int(rows['n_postings'].iloc[0]):,} labelled postings. Demand: share of "
                                 "postings asking for the topic, its 95% Wilson interval, and n asking of n "
                                 "postings; implicit demand counts postings asking for a topic that requires it."),
                   Html("</div>")]
    blocks.append(Download("curriculum-decisions", table, "The decision table, every role group"))
    blocks.append(Html("<h3>How much the verdict rests on the prerequisite links</h3><p>The alignment score "
                       "without the curriculum's prerequisite links (explicit demand) and with them (implicit "
                       "demand), per role group: a large difference means the verdict rests on the curriculum's "
                       "own <code>requires</code> links rather than on what postings name.</p>"))
    sensitivity = scores[["role_group_label", "n_postings", "score", "score_implicit"]].copy()
    sensitivity["difference"] = (sensitivity["score_implicit"] - sensitivity["score"]) * 100
    blocks.append(Table(sensitivity, headers={"role_group_label": "role group", "n_postings": "n postings",
                                              "score": "score without links", "score_implicit": "score with links",
                                              "difference": "difference (pp)"},
                        formats={"score": ".0%", "score_implicit": ".0%", "difference": "+.0f"},
                        caption="pp: percentage points."))
    return blocks


def _comparison(d) -> list:
    """The --compare curriculum beside this one on the same postings: scores per role group, hours and gaps."""
    if d.compared is None:
        return []
    other, topics, scores = d.compared, d.comparison, d.comparison_scores
    blocks = [Html(f"<h2>Compared with {e(other.name)}</h2><p>The same postings and target roles, read against "
                   f"<b>{e(other.name)}</b> ({e(other.source)}): what moving teaching time between topics does to "
                   "the alignment score and to each topic's gap in hours. Choose the role group above the "
                   "table.</p>"),
              Table(scores[["role_group_label", "n_postings", "score", "score_other", "score_implicit",
                            "score_implicit_other"]],
                    headers={"role_group_label": "role group", "n_postings": "n postings",
                             "score": "score, this curriculum (explicit)", "score_other": "score, other (explicit)",
                             "score_implicit": "score, this curriculum (implicit)",
                             "score_implicit_other": "score, other (implicit)"},
                    formats={c: ".0%" for c in ("score", "score_other", "score_implicit", "score_implicit_other")},
                    caption="Alignment score of each curriculum per role group, on explicit demand (no prerequisite "
                            "links) and implicit demand (each curriculum's own links).")]
    labels = dict(zip(topics["role_group"], topics["role_group_label"]))
    blocks.append(Html('<label class="choose" for="compare-group">Role group</label>'
                       '<select id="compare-group" name="compare_group" data-choose="comparison">'
                       + "".join(f'<option value="{e(g)}">{e(label)}</option>' for g, label in labels.items())
                       + "</select>"))
    columns = ["topic_name", "hours_taught", "hours_taught_other", "hours_change", "gap_hours", "gap_hours_other",
               "gap_hours_implicit", "gap_hours_implicit_other"]
    for i, group in enumerate(labels):
        rows = topics[topics["role_group"] == group][columns]
        blocks += [Html(f'<div data-choice-of="comparison" data-choice="{e(group)}"{"" if i == 0 else " hidden"}>'),
                   Table(rows, headers={"topic_name": "topic", "hours_taught": "hours, this curriculum",
                                        "hours_taught_other": "hours, other", "hours_change": "change (hours)",
                                        "gap_hours": "gap (h), this, explicit", "gap_hours_other": "gap (h), other, "
                                        "explicit", "gap_hours_implicit": "gap (h), this, implicit",
                                        "gap_hours_implicit_other": "gap (h), other, implicit"},
                         formats={c: "+,.0f" if c.startswith("gap") or c == "hours_change" else ",.0f"
                                  for c in columns[1:]},
                         caption=f"{e(labels[group])}: each topic's hours in both curricula and its gap in hours "
                                 "(hours at demand minus hours taught; positive: under-taught). Blank: the topic is "
                                 "not in that curriculum."),
                   Html("</div>")]
    blocks.append(Download("curriculum-comparison", topics, "Both curricula, every role group"))
    return blocks


def _uncovered(d, synthetic) -> list:
    blocks = []
    functions = d.uncovered[d.uncovered["kind"] == "job function"]
    if len(functions):
        blocks.append(Html(f"<p>Left out: {len(functions)} labels the postings list as skills that are LinkedIn job "
                           f"functions ({e(', '.join(functions['term'].head(5)))}...), which name a department, not "
                           "something a topic could teach; and place names among the phrases.</p>"))
    for key, (kind, _, what) in UNCOVERED.items():
        n_scope = uncovered_scope(d, key)
        if kind == "listed on postings" and n_scope == 0:
            continue
        if n_scope < d.min_n:
            blocks.append(Html(f"<p>{e(what)}: only {n_scope} target-role postings to read, fewer than the "
                               f"minimum n of {d.min_n}; not shown.</p>"))
            continue
        blocks.append(figure_block(d, key, synthetic))
    return blocks


def blocks(d, synthetic):
    a, ai = d.alignment, d.alignment_implicit
    labels = figures.role_labels()
    target = ", ".join(e(labels.get(r, r)) for r in d.target_roles)
    n_target = int(a["n_postings"].max()) if len(a) and a["n_postings"].notna().any() else 0
    basis = a["basis"].iloc[0] if len(a) else "hours"
    by_measure = {"explicit": a, "implicit": ai}
    gaps = {m: f[f["status"] == "under-taught (gap)"] for m, f in by_measure.items()}
    surpluses = {m: f[f["status"] == "over-taught (surplus)"].sort_values("gap") for m, f in by_measure.items()}
    side = d.alignment_side_by_side()
    n_links = len(d.curriculum.prerequisite_links)
    target_onet = d.onet_of_target_roles()
    rated = set(target_onet["role"]) if not target_onet.empty else set()
    unrated = [labels.get(r, r) for r in d.target_roles if r not in rated]
    return [
        Html(f'<p class="lead">Where <b>{e(d.curriculum.name)}</b> invests its teaching time, against what '
             f"the target roles' {n_target:,} labelled postings ask for. Target roles: {target}. Teaching time is "
             f"measured in {e(basis)} from the curriculum file ({e(d.curriculum.source)}).</p>"
             "<p>Demand is shown two ways. <b>Explicit demand</b>: the share of postings that name the topic. "
             "<b>Implicit demand</b>: the share that name it or any topic that requires it, through the "
             f"curriculum's {n_links} prerequisite links (a posting asking for machine learning also counts for "
             "linear algebra). Postings rarely name the foundations, so explicit demand alone undersells them; "
             "implicit demand credits them with what they enable. Beside both, <b>O*NET</b>'s survey ratings of "
             "how important each knowledge area is to the roles' occupations: evidence that does not come from "
             "postings.</p>"),
        headline([("alignment score, explicit demand", score_text(d)),
                  ("alignment score, implicit demand", score_text(d, "implicit")),
                  ("gaps / surpluses, explicit", f"{len(gaps['explicit'])} / {len(surpluses['explicit'])}"),
                  ("gaps / surpluses, implicit", f"{len(gaps['implicit'])} / {len(surpluses['implicit'])}")]),
        Html("<p>The alignment score is the share of teaching time that sits where the demand is "
             "(1 - half the summed differences between share of demand and share of teaching time), computed once "
             "on explicit and once on implicit demand; see <a href='method.html'>Data and method</a>.</p>"
             "<ul id='gap-lists'>"
             f"<li>Under-taught by <b>explicit</b> demand: {topic_list(gaps['explicit'])}.</li>"
             f"<li>Over-taught by <b>explicit</b> demand: {topic_list(surpluses['explicit'])}.</li>"
             f"<li>Under-taught by <b>implicit</b> demand: {topic_list(gaps['implicit'])}.</li>"
             f"<li>Over-taught by <b>implicit</b> demand: {topic_list(surpluses['implicit'])}.</li></ul>"),
        Html("<h2>Decision table: hours taught against hours at demand</h2>"),
        *_decisions(d),
        *_comparison(d),
        Html("<h2>Explicit and implicit demand</h2>"),
        figure_block(d, "demand-views", synthetic),
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
        figure_block(d, "alignment", synthetic),
        figure_block(d, "gaps", synthetic),
        figure_block(d, "gaps-implicit", synthetic),
        Html("<h2>Where implicit demand comes from</h2><p>For each topic, the postings that count for it only "
             "implicitly, by the topic that brought them in (each posting is credited once: the shortest chain of "
             "prerequisite links, then the best-scored topic), and examples with that topic's evidence sentence "
             "in the posting.</p>"),
        *_implicit_paths(d, n_links),
        Html("<h2>O*NET: what the roles' occupations need, by survey</h2><p>O*NET rates each occupation's "
             "knowledge areas by surveying workers: importance from 1 (not important) to 5 (extremely "
             "important) and level from 0 to 7. Shown for Mathematics and the knowledge areas the curriculum's "
             f"topics map to (<code>onet_knowledge</code> in the curriculum file). {_onet_source_text(d)}"
             + (f" No O*NET Knowledge ratings for: {', '.join(e(r) for r in unrated)}." if unrated else "")
             + "</p>"),
        figure_block(d, "onet", synthetic),
        Html("<h2>What the curriculum does not cover</h2><p>The most frequent skills in the target roles' "
             "postings that no topic's seed phrases cover: candidates for new topics, or for phrases to add to "
             "an existing topic.</p>"),
        *_uncovered(d, synthetic),
    ]
