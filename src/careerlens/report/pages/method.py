"""The Data and method page: files loaded, rows refused, the classifier and its accuracy, definitions, caveats."""

from __future__ import annotations

import json

import pandas as pd

from careerlens.classify.model import coverage_frame
from careerlens.report.blocks import Html, Table, e

FILE = "method.html"
TITLE = "Data and method"

#: Definitions of every figure, shown on the method page (docs/report.md says the same).
DEFINITIONS = (
    ("Posting", "One job advert after exact duplicates are removed (same title, company, location and "
                "description). Its role, SOC code, NAICS sector and US state come from the mappings in "
                "data/taxonomy and the SOC title coder: a title no curated role claims takes its SOC "
                "occupation title as its role ('Registered Nurses'); 'other' is a title nothing recognised."),
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
                             "the median of those that do not, from employer-stated salaries only (site estimates "
                             "are left out) and recognised roles only ('other' is not averaged); both sides need "
                             "the minimum n. The within-role average weights each shown role's premium by n_with x "
                             "n_without / (n_with + n_without), so role mix cannot pose as a premium; its n counts "
                             "the postings of the roles it averages. 95% intervals are Bonett and Price's for a "
                             "difference of medians: the estimate plus or minus 1.96 standard errors taken from "
                             "order statistics, which stay sensible where salaries tie."),
    ("Implausible salary", "A posting salary below $25,000 a year (about $12 an hour full-time, well under the "
                           "lowest OEWS national 10th percentile of any role careerlens maps) is left out of every "
                           "salary figure and counted on the Salary ranges page; loading already flags salaries "
                           "under $10,000 or over $1,000,000."),
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
    ("Hours at demand", "A topic's share of demand times the programme's total hours (or credits): the teaching "
                        "time it would get if time were shared out as the postings' demand is. The gap in hours is "
                        "hours at demand minus hours taught; positive means under-taught. Given per role group, for "
                        "explicit and for implicit demand; a role group's demand sums its roles' postings."),
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
    "A topic counts when the classifier finds it asked of the candidate; its measured accuracy, where one is "
    "known, is under Topic classifier above, with random evidence sentences to judge it by. Shares inherit its "
    "errors.",
    "The salary premium is an association within a role, not a causal effect: postings that ask for a topic "
    "may differ in seniority, location or employer.",
    "Implicit demand is only as right as the curriculum's prerequisite links: it says what a posting's topics "
    "rest on by the curriculum's account, not that the employer asked for it.",
    "O*NET ratings describe occupations (SOC codes), not the roles' postings, and come from surveys run over "
    "several years.",
)


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


def classifier_blocks(model: dict, published: dict | None = None, evidence: pd.DataFrame | None = None,
                      names: dict | None = None) -> list:
    """The classifier's identity, training summary, its measured accuracy and a sample of its evidence.

    The accuracy is the model's own evaluation (``metadata['evaluation']``, from ``careerlens evaluate``) or,
    failing that, the figures careerlens publishes for a bundled curriculum used unchanged (``published``);
    otherwise the page says that none is known. Each is a dict of summary figures, optionally with
    ``per_topic`` -> {topic: {precision, recall, f1, ...}}.
    """
    metadata = model["metadata"] if isinstance(model["metadata"], dict) else {}
    blocks = [Html(f"<h2>Topic classifier</h2><p>Labels from model <code>{e(str(model['model_id']))}</code>, "
                   f"trained {e(str(model['trained_at'])[:16])} on curriculum <i>{e(str(model['curriculum_name']))}"
                   f"</i> (hash {e(str(model['curriculum_hash'])[:12])}); {int(model['postings_labelled']):,} "
                   "postings labelled.</p>")]
    evaluation = metadata.get("evaluation")
    if isinstance(evaluation, dict) and evaluation:
        blocks += _accuracy_blocks(evaluation, "Measured accuracy of this model on held-out hand-labelled "
                                               "postings (<code>careerlens evaluate</code>).", names=names)
    elif published:
        blocks.append(Html(
            f"<p><b>Accuracy published by careerlens for this curriculum</b>, measured on "
            f"{e(str(published.get('measured_on', '')))} on {int(published.get('postings', 0)):,} held-out "
            f"hand-labelled postings ({e(str(published.get('source', 'docs/accuracy.md')))}), with a model of "
            f"the same curriculum trained on {e(str(published.get('trained_on', 'careerlens test corpora')))}. "
            "This model was trained on the postings loaded here, so its accuracy on them may differ; "
            "<code>careerlens evaluate --gold FILE</code> measures it on labels of your own.</p>"))
        blocks += _accuracy_blocks(published, "Published accuracy for this curriculum (micro and macro F1 over "
                                              "topics; baselines: plain matching of the seed phrases and of "
                                              "the topic names).",
                                   skip=("curriculum", "curriculum_name", "curriculum_hash", "trained_on",
                                         "source", "measured_on"), names=names)
    else:
        blocks.append(Html(f"<p><b>No measured accuracy is known for the curriculum "
                           f"<i>{e(str(model['curriculum_name']))}</i>.</b> Its demand figures rest on a "
                           "classifier nobody has checked against hand labels for these topics. Label a sample "
                           "of postings (docs/annotation.md) and run <code>careerlens evaluate --gold FILE</code> "
                           "to measure precision, recall and F1 per topic, beside the keyword baseline.</p>"))
    if evidence is not None and len(evidence):
        blocks.append(Table(evidence[["topic_name", "title", "evidence", "score"]],
                            caption="Ten postings per topic drawn at random from those the classifier counts, "
                                    "with the sentence that decided it: read them to judge the labels.",
                            headers={"topic_name": "topic", "title": "posting title"},
                            formats={"score": ".2f"}, max_rows=len(evidence)))
    coverage = coverage_frame(metadata.get("curriculum", {}).get("topics", []), metadata)
    if coverage["seed_postings"].notna().any():
        blocks.append(Table(coverage, caption="Seed coverage, per topic on the training sample: postings the "
                                              "curriculum's own seeds name, postings the model counts beyond them "
                                              "(through terms it learned from the postings, listed, or context "
                                              "seeds), its mean score on the postings it counts, and the seeds no "
                                              "posting of the sample says (a typo, or a word the postings do not "
                                              "use). A topic whose seeds name few postings needs more seeds: "
                                              "<code>careerlens curriculum suggest</code> lists candidates.",
                            formats={"mean_score": ".2f"}))
    blocks.append(Table(pd.DataFrame(_flatten(metadata, skip=("evaluation", "per_topic", "curriculum.topics")),
                                     columns=["key", "value"]),
                        caption="How the model was trained, as stored in classifier_models.metadata.",
                        max_rows=60))
    return blocks


def _accuracy_blocks(evaluation: dict, caption: str, skip=(), names: dict | None = None) -> list:
    per_topic = evaluation.get("per_topic")
    summary = {k: v for k, v in evaluation.items() if k != "per_topic" and k not in skip}
    blocks = [Table(pd.DataFrame(_flatten(summary), columns=["key", "value"]), caption=caption,
                    headers={"key": "measure"})]
    if isinstance(per_topic, dict) and per_topic:
        table = pd.DataFrame.from_dict(per_topic, orient="index").rename_axis("topic").reset_index()
        table["topic"] = table["topic"].map(lambda t: (names or {}).get(t, t))
        blocks.append(Table(table,
                            caption="Per topic, on the held-out postings; f1_low to f1_high is a 95% "
                                    "bootstrap interval (postings resampled), wide where a topic has few "
                                    "labelled examples.",
                            formats={c: ".2f" for c in ("precision", "recall", "f1", "f1_low", "f1_high",
                                                         "baseline_f1", "name_baseline_f1")}))
    return blocks


def blocks(d, synthetic):
    files = d.files[["file_name", "format", "kind", "rows_read", "rows_loaded", "rows_rejected",
                        "rows_duplicate", "loaded_at"]]
    definitions = "".join(f"<dt>{e(term)}</dt><dd>{e(text)}</dd>" for term, text in DEFINITIONS)
    caveats = "".join(f"<li>{e(c)}</li>" for c in CAVEATS)
    rejects = d.rejects if not d.rejects.empty else pd.DataFrame({"note": ["No row was refused."]})
    return [
        Html("<p class='lead'>Where every number comes from: the files loaded (every row accounted for), what was "
             "refused and why, the classifier that labels postings with topics, the definition of every figure, "
             "and what the data cannot tell.</p><h2>Files loaded</h2>"),
        Table(files, caption="Per file: rows read = loaded + rejected + duplicates.",
              headers={c: c.replace("_", " ") for c in files.columns}),      # headers that can wrap to fit
        Table(d.by_source, caption="Postings per source: how many carry a salary (employer-stated or site "
                                      "estimate), a date, a known role, NAICS sector and US state.",
              headers={c: c.replace("_", " ") for c in d.by_source.columns}),
        Html("<h2>Refused rows and cleared fields</h2>"),
        Table(rejects, caption="Per file, field and reason (from the rejects table; <code>careerlens rejects "
                               "--file NAME</code> lists every row)."),
        *classifier_blocks(d.model, d.published_accuracy, d.evidence,
                           names={t.id: t.name for t in d.curriculum.topics}),
        Html(f"<h2>Definitions</h2><dl>{definitions}</dl><h2>Caveats</h2><ul>{caveats}</ul>"),
    ]
