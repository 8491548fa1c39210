"""The numbers behind every chart of the report, as pandas DataFrames.

Each function runs one query of ``queries/report/`` (bound parameters only)
and adds what SQL does poorly: Wilson intervals, intervals of median differences, labels,
suppression of cells below the minimum n. A user can call these directly to
get the figures without the HTML::

    from careerlens import open_database
    from careerlens.report import figures
    with open_database("careerlens.duckdb", read_only=True) as db:
        model = figures.classifier_model(db)
        demand = figures.topic_demand(db, model_id=model["model_id"])

Suppressed cells keep their ``n`` and carry ``suppressed = True``; their
estimates are NaN, so that nothing downstream can show them as reliable.
"""

from __future__ import annotations

import functools
import io
import json
import re

import numpy as np
import pandas as pd

from careerlens.classify import seeds_pattern
from careerlens.errors import UsageError
from careerlens.stats import Z95, median_difference, wilson_interval
from careerlens.resources import data_text

#: The roles a maths-for-ML graduate targets: the default scope of the curriculum alignment.
DEFAULT_TARGET_ROLES = (
    "data_scientist", "machine_learning_engineer", "data_analyst", "research_scientist", "statistician",
    "quantitative_analyst", "data_engineer", "operations_research_analyst", "actuary",
)

DEFAULT_MIN_N = 30

#: Posting salaries below this (USD a year) are left out of every salary figure of the report as implausible for the
#: roles careerlens maps, and counted: about $12 an hour full-time, and well under the lowest OEWS national 10th
#: percentile of any role in data/taxonomy/roles.csv. (Loading already flags under $10,000 and over $1,000,000.)
SALARY_FLOOR = 25_000
PERCENTILES = ("p10", "p25", "median", "p75", "p90")

#: A demand/curriculum difference (in shares of teaching time) below this is "in balance".
ALIGNMENT_TOLERANCE = 0.02

#: Words of job-advert boilerplate (equal-opportunity statements, stock phrases) that say nothing
#: about skills; with scikit-learn's English stop words they are left out of frequent phrases.
JOB_AD_WORDS = frozenset("""
    ability able applicants apply benefits bonus candidate candidates career color company compensation
    competitive disability eeo employee employees employer employment equal ethnicity experience
    environment excellent gender genetic global identity including job jobs join location marital
    minimum national origin opportunities opportunity orientation paid pay plus position preferred
    pregnancy protected qualifications qualified race related religion required requirements responsibilities
    role salary sex sexual status strong team teams united veteran veterans work working year years
    description duties summary world people help new looking provide just like make makes
    insurance 401k dental vision medical holidays health time hours day days week weeks remote office
    affirmative action receive consideration regard regardless law applicable federal state local
    analyst analysts scientist scientists engineer engineers manager managers senior junior lead
    degree bachelor bachelors master masters phd field fields preferred desired must
""".split())

#: Two-word phrases every data-job advert uses that name no skill a curriculum could teach.
JOB_AD_PHRASES = frozenset({
    "data analysis", "data science", "data sets", "data sources", "data analytics", "data driven",
    "computer science", "fast paced", "ad hoc", "best practices", "cross functional", "work closely",
    "complex data", "large data", "data scientist", "data analyst", "data engineer", "detail oriented",
    "self starter", "high quality", "decision making", "attention detail", "wide range", "day day",
    "long term", "large scale", "track record", "high level", "subject matter", "solving skills", "fast growing",
    "business needs", "business problems", "skills ability", "written verbal", "verbal written",
})

#: LinkedIn's job functions, which its postings carry in their skills list ("Information Technology", "Analyst"):
#: they name a department, not something a curriculum teaches, so they are kept out of the skills no topic covers.
JOB_FUNCTIONS = frozenset(function.strip() for function in """
    accounting/auditing|administrative|advertising|analyst|art/creative|business development|consulting|
    customer service|design|distribution|education|engineering|finance|general business|health care provider|
    human resources|information technology|legal|management|manufacturing|marketing|other|product management|
    production|project management|public relations|purchasing|quality assurance|research|sales|science|
    strategy/planning|supply chain|training|writing/editing
""".split("|"))


# -- labels -------------------------------------------------------------------------
@functools.cache
def _taxonomy(name: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(data_text("taxonomy", f"{name}.csv")), dtype=str, keep_default_na=False)


@functools.cache
def role_labels() -> dict[str, str]:
    """Canonical role -> its label ("data_scientist" -> "Data scientist")."""
    return dict(zip(_taxonomy("roles")["role"], _taxonomy("roles")["label"]))


@functools.cache
def role_soc_codes() -> dict[str, str]:
    """Canonical role -> SOC 2018 code (roles without one are left out)."""
    roles = _taxonomy("roles")
    return {r: s for r, s in zip(roles["role"], roles["soc_code"]) if s}


@functools.cache
def sector_labels() -> dict[str, str]:
    """NAICS sector code -> its name, plus the report's own 'all' and 'unmapped'."""
    sectors = _taxonomy("naics_sectors")
    labels = dict(zip(sectors["naics_sector"], sectors["naics_sector"] + " " + sectors["sector_name"]))
    return {**labels, "all": "All industries", "unmapped": "Industry not mapped"}


@functools.cache
def state_names() -> dict[str, str]:
    """US state abbreviation -> name."""
    states = _taxonomy("us_states")
    return dict(zip(states["state"], states["name"]))


@functools.cache
def state_by_fips() -> dict[str, str]:
    """Two-digit FIPS code -> state abbreviation (OEWS state area codes start with it)."""
    states = _taxonomy("us_states")
    return dict(zip(states["fips"], states["state"]))


def _label_roles(frame: pd.DataFrame, column: str = "role") -> pd.DataFrame:
    frame[f"{column}_label"] = _relabel(frame[column], role_labels())
    return frame


def _relabel(values: pd.Series, labels: dict) -> pd.Series:
    """Codes -> labels, keeping a code that has no label."""
    return values.map(labels).fillna(values)


def _bind(roles, industries, **extra) -> dict:
    """Query parameters: ``None`` means "no filter", a sequence is bound as a VARCHAR[] list."""
    return {"roles": list(roles) if roles else None, "industries": list(industries) if industries else None,
            **extra}


def _suppress(frame: pd.DataFrame, n_column: str, min_n: int, columns) -> pd.DataFrame:
    frame["suppressed"] = frame[n_column] < min_n
    frame.loc[frame["suppressed"], list(columns)] = np.nan
    return frame


# -- what was loaded ----------------------------------------------------------------
def summary_counts(db, *, model_id=None) -> dict:
    """Files, postings (all, demonstration, with salary, dated, labelled), survey and OEWS rows, date range."""
    row = db.query("report/summary_counts", {"model_id": model_id}).iloc[0].to_dict()
    return {k: (None if pd.isna(v) else v) for k, v in row.items()}


def postings_by_source(db) -> pd.DataFrame:
    """Per posting source: postings, with salary (employer, estimate), dated, with role, sector, state."""
    return db.query("report/postings_by_source")


def loaded_files(db) -> pd.DataFrame:
    """Every loaded file with rows read, loaded, rejected and duplicated (as ``careerlens sources``)."""
    return db.query("loaded_sources")


def rejects_per_file(db) -> pd.DataFrame:
    """Refused rows and cleared fields per file, field and reason, with an example value."""
    return db.query("report/rejects_per_file")


def evidence_sample(db, *, model_id, per_topic: int = 10, seed: int = 0) -> pd.DataFrame:
    """Per topic, up to ``per_topic`` random postings the model counts for it (title, evidence sentence, score)."""
    return db.query("report/evidence_sample", {"model_id": model_id, "per_topic": per_topic, "seed": seed})


def classifier_models(db) -> pd.DataFrame:
    """The trained classifiers, newest first, with parsed metadata and postings labelled."""
    models = db.query("report/classifier_models")
    models["metadata"] = models["metadata"].map(json.loads)
    return models


def classifier_model(db, curriculum=None) -> dict:
    """The classifier whose labels the report uses: the newest one trained on ``curriculum``.

    Parameters
    ----------
    curriculum : careerlens.curriculum.Curriculum, optional
        When given, only a model trained on this curriculum (same content hash) will do.

    Raises
    ------
    UsageError
        No model (or none for this curriculum) has labelled any posting. The message gives the
        commands to run, naming a bundled curriculum by name and a store other than the default
        by ``--db``, so that they work from any folder.
    """
    models = classifier_models(db)
    models = models[models["postings_labelled"] > 0]
    if curriculum is not None:
        models = models[models["curriculum_hash"] == curriculum.content_hash]
    if models.empty:
        which = f" for the curriculum {curriculum.bundled_name or curriculum.source}" if curriculum is not None else ""
        option = curriculum.cli_option if curriculum is not None else ""
        store = db.cli_option
        raise UsageError(
            f"no postings have been labelled with topics{which}: run `careerlens train{option}{store}` "
            f"and then `careerlens classify{option}{store}` before `careerlens report{option}{store}`")
    return models.iloc[0].to_dict()


# -- demand -------------------------------------------------------------------------
def _links(links) -> list[dict]:
    """Prerequisite links as the queries bind them: ``[{'topic': ..., 'requires': ...}]``."""
    return [{"topic": link["topic"], "requires": link["requires"]} for link in links or ()]


def _add_share(frame: pd.DataFrame, k_column: str, suffix: str = "") -> pd.DataFrame:
    frame[f"share{suffix}"] = frame[k_column] / frame["n_postings"]
    frame[f"ci_low{suffix}"], frame[f"ci_high{suffix}"] = wilson_interval(frame[k_column].to_numpy(),
                                                                          frame["n_postings"].to_numpy())
    return frame


def topic_demand(db, *, model_id, roles=None, industries=None, min_n=DEFAULT_MIN_N, links=()) -> pd.DataFrame:
    """Share of postings asking for each topic, explicitly and implicitly, overall and by role, NAICS sector, US state,
    month posted and month first seen (``first_seen``: postings from job-board snapshots).

    Explicit demand counts the postings that ask for the topic (``n_asking``,
    ``share``, ``ci_low``, ``ci_high``). Implicit demand also counts those that
    ask for any topic that requires it, directly or through other topics
    (``n_asking_implicit``, ``share_implicit``, ``ci_low_implicit``,
    ``ci_high_implicit``): a posting asking for machine learning asks for its
    linear algebra. Both are over the same ``n_postings``, with 95% Wilson
    intervals; cells on fewer than ``min_n`` postings are suppressed.

    Parameters
    ----------
    links : sequence of dict
        The curriculum's prerequisite links, ``{'topic': ..., 'requires': ...}``
        (:attr:`careerlens.curriculum.Curriculum.prerequisite_links`); without
        them implicit demand equals explicit demand.
    """
    db.run_script("report/prerequisite_closure_macro")
    frame = db.query("report/topic_demand", _bind(roles, industries, model_id=model_id, links=_links(links)))
    frame = _add_share(_add_share(frame, "n_asking"), "n_asking_implicit", "_implicit")
    frame = _suppress(frame, "n_postings", min_n, ["share", "ci_low", "ci_high", "share_implicit", "ci_low_implicit",
                                                   "ci_high_implicit"])
    labels = {"role": role_labels(), "naics_sector": sector_labels(), "state": state_names()}
    frame["value_label"] = [labels.get(d, {}).get(v, v) for d, v in zip(frame["dimension"], frame["value"])]
    return frame


def demand_by_month_and_source(db, *, model_id, roles=None, industries=None, min_n=DEFAULT_MIN_N,
                               links=()) -> pd.DataFrame:
    """Demand per month and posting source: :func:`topic_demand`'s ``'month'`` and ``'first_seen'`` rows, split
    by ``source``.

    A month's postings may all come from one source and the next month's from
    another, so a month series pooled over sources can show a change of source as
    a change of demand; kept apart, each point is one source's month. Cells on
    fewer than ``min_n`` postings are suppressed (NaN share and interval, n kept).
    """
    db.run_script("report/prerequisite_closure_macro")
    frame = db.query("report/topic_demand_by_month_and_source",
                     _bind(roles, industries, model_id=model_id, links=_links(links)))
    frame = _add_share(_add_share(frame, "n_asking"), "n_asking_implicit", "_implicit")
    return _suppress(frame, "n_postings", min_n, ["share", "ci_low", "ci_high", "share_implicit", "ci_low_implicit",
                                                  "ci_high_implicit"])


def first_seen_sources(db, *, model_id, roles=None, industries=None) -> pd.DataFrame:
    """Job-board postings per month of first seen and source (``first_seen``, ``source``, ``n_postings``).

    What demand by month of first seen rests on: a month whose postings come
    from another mix of sources than its neighbours' may move for that reason alone.
    """
    return db.query("report/first_seen_sources", _bind(roles, industries, model_id=model_id))


def implicit_demand_paths(db, *, model_id, links, roles=None, industries=None, per_path=3) -> pd.DataFrame:
    """The evidence behind implicit demand: which requiring topic brought each posting in, with its sentence.

    One row per example: ``topic_id`` (the topic counted implicitly), ``via_topic``
    (the topic the posting asks for that requires it), ``n_postings`` (postings
    that count for ``topic_id`` only through ``via_topic``: each is credited to
    the shortest path, then the best-scored requiring topic), ``path``
    ("deep_learning -> machine_learning -> probability"), and the posting's
    ``posting_id``, ``title``, ``role`` and ``evidence`` (the requiring topic's
    evidence sentence). At most ``per_path`` examples per (topic, via) pair.
    """
    db.run_script("report/prerequisite_closure_macro")
    frame = db.query("report/topic_demand_implicit_paths",
                     _bind(roles, industries, model_id=model_id, links=_links(links), per_path=per_path))
    return _label_roles(frame)


# -- salaries -----------------------------------------------------------------------
def salary_ranges(db, *, roles=None, industries=None, min_n=DEFAULT_MIN_N) -> pd.DataFrame:
    """Annual-USD percentiles of US posting salaries by role x NAICS sector x salary kind.

    ``naics_sector`` and ``salary_kind`` are ``'all'`` on the rows that pool them;
    ``salary_kind`` tells employer-stated ranges from site estimates (Glassdoor's);
    ``'unstated'`` where the source does not say which. ``n_distinct`` counts the distinct
    salary values behind ``n`` (site estimates repeat in blocks). Salaries below
    :data:`SALARY_FLOOR` are left out (:func:`salary_evidence` counts them).
    """
    frame = db.query("report/salary_ranges_by_role_industry", _bind(roles, industries, salary_floor=SALARY_FLOOR))
    frame = _suppress(frame, "n", min_n, PERCENTILES)
    frame["sector_label"] = _relabel(frame["naics_sector"], sector_labels())
    return _label_roles(frame)


def salary_evidence(db, *, roles=None, industries=None) -> pd.DataFrame:
    """Per posting source, what the posting salaries rest on: how many are used, employer-stated or site estimates,
    how many distinct values, how many were left out as implausible (below :data:`SALARY_FLOOR`, or flagged at
    load), how many are dated and their first and last year."""
    return db.query("report/salary_evidence", _bind(roles, industries, salary_floor=SALARY_FLOOR))


def oews_by_industry(db, *, roles=None) -> pd.DataFrame:
    """OEWS national annual wages for the roles' SOC codes, all industries and by NAICS sector."""
    soc = _soc_codes(roles)
    frame = db.query("report/oews_wages_by_industry", {"soc_codes": sorted(set(soc.values()))})
    frame["sector_label"] = _relabel(frame["naics_sector"], sector_labels())
    return frame


def oews_by_state(db, *, roles=None) -> pd.DataFrame:
    """OEWS annual wages by US state (all industries) for the roles' SOC codes."""
    soc = _soc_codes(roles)
    frame = db.query("report/oews_wages_by_state", {"soc_codes": sorted(set(soc.values()))})
    frame["state"] = frame["area_code"].str[:2].map(state_by_fips())
    return frame


def _soc_codes(roles) -> dict[str, str]:
    """Role -> SOC code for ``roles`` (all curated roles when None); an occupation role is its own SOC title."""
    soc = role_soc_codes()
    if roles:
        from careerlens.occupations import soc_occupations

        by_title = {title: code for code, title in soc_occupations().items()}
        soc = {r: s for r, s in soc.items() if r in set(roles)}
        soc.update({r: by_title[r] for r in roles if r not in soc and r in by_title})
    return soc


def roles_for_soc(roles=None) -> pd.DataFrame:
    """Which roles each SOC code stands for (several roles share 15-2051), for joining OEWS to postings."""
    soc = _soc_codes(roles)
    frame = pd.DataFrame({"role": list(soc), "soc_code": list(soc.values())}, dtype=str)
    return _label_roles(frame)


def survey_salaries(db, *, roles=None, min_n=DEFAULT_MIN_N) -> pd.DataFrame:
    """Salary-survey (ai-jobs.net and similar) percentiles by role, experience level and country."""
    frame = db.query("report/survey_salaries", _bind(roles, None))
    frame = _suppress(frame, "n", min_n, PERCENTILES)
    return _label_roles(frame)


def topic_premium(db, *, model_id, roles=None, industries=None, min_n=DEFAULT_MIN_N) -> pd.DataFrame:
    """Median salary of postings asking for a topic against those that do not, within each role.

    Comparing inside a role keeps role mix from posing as a premium (machine-learning
    postings pay more partly because they are for better-paid roles). Only employer-stated
    salaries count (a site estimate is the site's model of pay, and the same estimate is
    repeated over many postings), and only recognised roles (``'other'`` is not a role). Each (topic, role)
    cell needs ``min_n`` postings on both sides; a pooled row per topic (``role`` =
    ``'within_role'``) averages the shown role cells' premiums weighted by
    ``n_with * n_without / (n_with + n_without)``; its ``n_with`` and ``n_without``
    count the postings of the roles it averages, ``n_roles`` how many.

    Intervals are Bonett and Price's for a difference of medians
    (:func:`careerlens.stats.median_difference`): the estimate plus or minus 1.96
    standard errors taken from order statistics, which stay sensible where salaries
    tie; the pooled row's standard error is that of the weighted average of the
    roles' (independent) estimates.
    """
    # One row per (topic, role, asks) holding its salaries: a million postings stay a few hundred rows.
    obs = db.query("report/topic_salary_observations", _bind(roles, industries, model_id=model_id,
                                                             salary_floor=SALARY_FLOOR))
    salaries = {(row.topic_id, row.role, bool(row.asks)): np.asarray(row.salaries, dtype=float)
                for row in obs.itertuples(index=False)}
    no_salaries = np.empty(0)
    rows = []
    for topic_id in sorted({topic for topic, _, _ in salaries}):
        pooled_weight = pooled_sum = pooled_variance = 0.0
        pooled_with = pooled_without = shown_roles = 0
        for role in sorted({r for t, r, _ in salaries if t == topic_id}):
            with_topic = salaries.get((topic_id, role, True), no_salaries)
            without = salaries.get((topic_id, role, False), no_salaries)
            row = {"topic_id": topic_id, "role": role, "n_with": len(with_topic), "n_without": len(without),
                   "n_roles": 1, "median_with": np.nan, "median_without": np.nan, "premium": np.nan,
                   "se": np.nan, "ci_low": np.nan, "ci_high": np.nan}
            if min(len(with_topic), len(without)) >= max(min_n, 2):
                premium, se, low, high = median_difference(with_topic, without)
                row.update(median_with=float(np.median(with_topic)), median_without=float(np.median(without)),
                           premium=premium, se=se, ci_low=low, ci_high=high)
                weight = len(with_topic) * len(without) / (len(with_topic) + len(without))
                pooled_weight += weight
                pooled_sum += weight * premium
                pooled_variance += weight**2 * se**2
                pooled_with += len(with_topic)
                pooled_without += len(without)
                shown_roles += 1
            rows.append(row)
        # The pooled row's n counts the postings of the roles it averages, and no other: n and estimate agree.
        pooled = {"topic_id": topic_id, "role": "within_role", "n_with": pooled_with,
                  "n_without": pooled_without, "n_roles": shown_roles, "median_with": np.nan,
                  "median_without": np.nan, "premium": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan}
        if pooled_weight > 0:
            premium, se = pooled_sum / pooled_weight, np.sqrt(pooled_variance) / pooled_weight
            pooled.update(premium=premium, se=se, ci_low=premium - Z95 * se, ci_high=premium + Z95 * se)
        rows.append(pooled)
    frame = pd.DataFrame(rows, columns=["topic_id", "role", "n_with", "n_without", "n_roles", "median_with",
                                        "median_without", "premium", "se", "ci_low", "ci_high"])
    frame["premium_pct"] = frame["premium"] / frame["median_without"]
    frame["suppressed"] = frame["premium"].isna()
    labels = {**role_labels(), "within_role": "All roles (within-role average)"}
    frame["role_label"] = frame["role"].map(lambda r: labels.get(r, r))
    return frame


# -- curriculum alignment -----------------------------------------------------------
def curriculum_weights(curriculum, *, basis=None) -> pd.DataFrame:
    """Each topic's share of the curriculum: its module's hours (or credits) split evenly among the module's topics.

    Parameters
    ----------
    curriculum : careerlens.curriculum.Curriculum
    basis : {'hours', 'credits'}, optional
        Which size to use; by default hours when every module gives them, else credits.

    Raises
    ------
    UsageError
        The chosen basis is missing from a module.
    """
    if basis is None:
        basis = "hours" if all(m.hours for m in curriculum.modules) else "credits"
    if basis not in ("hours", "credits"):
        raise UsageError(f"curriculum weight basis must be 'hours' or 'credits', not {basis!r}")
    missing = [m.name for m in curriculum.modules if not getattr(m, basis)]
    if missing:
        raise UsageError(f"{curriculum.source}: modules without {basis} ({', '.join(missing)}): "
                         "give every module hours, or every module credits")
    rows = [{"topic_id": t.id, "topic_name": t.name, "module": m.name, "module_size": getattr(m, basis),
             "size": getattr(m, basis) / len(m.topics)}
            for m in curriculum.modules for t in m.topics]
    frame = pd.DataFrame(rows)
    frame["weight"] = frame["size"] / frame["size"].sum()
    frame["basis"] = basis
    return frame


#: The two demand measures the curriculum page compares teaching time with: measure -> share column.
DEMAND_MEASURES = {"explicit": "share", "implicit": "share_implicit"}


def curriculum_alignment(demand: pd.DataFrame, weights: pd.DataFrame,
                         tolerance: float = ALIGNMENT_TOLERANCE, *, measure: str = "explicit"
                         ) -> tuple[pd.DataFrame, float]:
    """Compare each topic's share of demand with its share of teaching time.

    ``demand`` is :func:`topic_demand`'s ``dimension == 'all'`` rows for the target
    roles. A topic's *demand weight* is its share of postings divided by the sum of
    all topics' shares (postings ask for several topics, so shares add up to more
    than 1). ``gap = demand_weight - weight``: positive means under-taught.

    Parameters
    ----------
    measure : {'explicit', 'implicit'}
        Which demand: postings that name the topic (explicit), or postings that
        name it or a topic that requires it (implicit, :func:`topic_demand`).
        The returned frame's ``share``, ``n_asking`` and intervals are that
        measure's, and its ``measure`` column says which.

    Returns
    -------
    (frame, score) : the per-topic table, and the alignment score
        ``1 - 0.5 * sum(|demand_weight - weight|)``: 1 when teaching time is split
        exactly as demand is, 0 when the curriculum teaches only what nobody asks for.
    """
    if measure not in DEMAND_MEASURES:
        raise UsageError(f"demand measure must be one of {', '.join(DEMAND_MEASURES)}, not {measure!r}")
    suffix = "" if measure == "explicit" else "_implicit"
    columns = {f"n_asking{suffix}": "n_asking", f"share{suffix}": "share", f"ci_low{suffix}": "ci_low",
               f"ci_high{suffix}": "ci_high"}
    overall = demand[demand["dimension"] == "all"][["topic_id", "n_postings", *columns, "suppressed"]]
    overall = overall.rename(columns=columns)
    frame = weights.merge(overall, on="topic_id", how="left")
    frame["n_asking"] = frame["n_asking"].fillna(0).astype(int)
    frame["n_postings"] = frame["n_postings"].fillna(overall["n_postings"].max() if len(overall) else 0)
    total = frame["share"].sum()
    frame["demand_weight"] = frame["share"] / total if total > 0 else np.nan
    frame["gap"] = frame["demand_weight"] - frame["weight"]
    frame["status"] = np.select([frame["gap"].isna(), frame["gap"] >= tolerance, frame["gap"] <= -tolerance],
                                ["not enough postings", "under-taught (gap)", "over-taught (surplus)"],
                                "in balance")
    frame["measure"] = measure
    score = float(1 - 0.5 * frame["gap"].abs().sum()) if frame["gap"].notna().all() else float("nan")
    return frame.sort_values("gap", ascending=False, ignore_index=True), score


# -- O*NET --------------------------------------------------------------------------
def onet_knowledge_ratings(db, *, roles=None) -> pd.DataFrame:
    """O*NET Knowledge ratings of the occupations under the roles' SOC codes: survey evidence beside the postings.

    One row per (O*NET-SOC occupation, knowledge area): ``importance`` (IM, 1-5),
    ``level`` (LV, 0-7; NaN where O*NET marks it not relevant), ``n`` respondents,
    ``recommend_suppress`` (O*NET's low-precision flag), ``release`` and ``origin``:
    ``'loaded'`` from the store's ``onet_knowledge`` (latest release), or
    ``'bundled'`` from the O*NET 29.3 extract shipped in ``data/onet`` when the
    store holds no Knowledge ratings.
    """
    from careerlens.resources import data_file

    soc = _soc_codes(roles)
    with data_file("onet", "onet_knowledge_curriculum.csv") as bundled:
        return db.query("report/onet_knowledge_ratings",
                        {"soc_codes": sorted(set(soc.values())), "bundled_path": str(bundled)})


def onet_knowledge_by_role(ratings: pd.DataFrame, *, roles=None) -> pd.DataFrame:
    """Each role's O*NET rating per knowledge area: the mean over the O*NET occupations under its SOC code.

    Several O*NET occupations can share a SOC code (15-2051.01 and 15-2051.02 under
    15-2051), and O*NET 29.3 rates some SOC codes only through them; ratings O*NET
    recommends suppressing are left out of the mean. ``occupations`` names the
    O*NET occupations averaged; a role whose SOC code has no rating has no rows.
    """
    soc = _soc_codes(roles)
    roles_frame = pd.DataFrame({"role": list(soc), "soc_code": list(soc.values())}, dtype=str)
    kept = ratings[~ratings["recommend_suppress"].astype(bool)]
    per_soc = kept.groupby(["soc_code", "element_id", "element_name"], as_index=False).agg(
        importance=("importance", "mean"), level=("level", "mean"), n_occupations=("onet_soc_code", "nunique"),
        release=("release", "first"), origin=("origin", "first"))
    names = (ratings.drop_duplicates("onet_soc_code").assign(
        label=lambda f: f["onet_soc_code"] + " " + f["title"].fillna(""))
        .groupby("soc_code")["label"].agg("; ".join).rename("occupations").reset_index())
    frame = roles_frame.merge(per_soc, on="soc_code").merge(names, on="soc_code", how="left")
    return _label_roles(frame).sort_values(["role", "element_id"], ignore_index=True)


def topic_onet_ratings(curriculum, by_role: pd.DataFrame, *, roles) -> pd.DataFrame:
    """Per topic with an ``onet_knowledge`` area: that area's mean importance and level over the roles' SOC codes.

    Each SOC code counts once (several roles share 15-2051); ``n_soc`` says how many were averaged.
    """
    rows = []
    scope = by_role[by_role["role"].isin(list(roles))].drop_duplicates(["soc_code", "element_name"])
    for topic in curriculum.topics:
        area = scope[scope["element_name"] == topic.onet_knowledge] if topic.onet_knowledge else scope.iloc[0:0]
        rows.append({"topic_id": topic.id, "onet_area": topic.onet_knowledge,
                     "onet_importance": area["importance"].mean() if len(area) else np.nan,
                     "onet_level": area["level"].mean() if len(area) else np.nan, "onet_n_soc": len(area)})
    return pd.DataFrame(rows, columns=["topic_id", "onet_area", "onet_importance", "onet_level", "onet_n_soc"])


@functools.cache
def _place_pattern() -> re.Pattern:
    """Place names a phrase may be: the metro-area patterns and US state names of ``data/taxonomy``."""
    metros = [f"(?:{pattern})" for pattern in _taxonomy("metro_areas")["pattern"]]
    states = [rf"\b{re.escape(name.lower())}\b" for name in _taxonomy("us_states")["name"]]
    return re.compile("|".join([*metros, *states, r"\bunited states\b"]))


def is_place(phrase: str) -> bool:
    """Whether a frequent phrase is a place ("san francisco", "new york"), not a skill."""
    return bool(_place_pattern().search(phrase.lower()))


def _seed_matcher(curriculum):
    """A regex that finds any seed phrase of any topic as the classifier does, and the seeds."""
    seeds = sorted({s.lower() for t in curriculum.topics for s in t.seeds}, key=len, reverse=True)
    return re.compile(seeds_pattern(curriculum), re.ASCII), seeds


def _covered(term: str, matcher, seeds) -> bool:
    """A term is covered when it contains a seed phrase or is itself part of one ("learning" in "machine learning")."""
    term = term.lower()
    if matcher.search(term):
        return True
    padded = f" {term} "
    return any(padded in f" {seed} " for seed in seeds)


def uncovered_skills(db, curriculum, *, roles=None, industries=None, limit=25, max_postings=20_000):
    """The most frequent skills and phrases in the target roles' postings that no topic's seeds cover.

    Two lists: skills the postings list themselves (LinkedIn's job_skills, where
    loaded), and two-word phrases from descriptions (a fixed sample of at most
    ``max_postings``) once the seed phrases are cut out of them (so "machine
    learning models" leaves neither "learning models" nor "build machine"),
    boilerplate and place names removed. LinkedIn's job functions, which its postings
    list as skills, are set apart (``kind`` 'job function'). Returns a DataFrame with ``kind``
    ('listed on postings', 'phrase' or 'job function'), ``term``, ``n_postings`` and ``share``.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    matcher, seeds = _seed_matcher(curriculum)
    scope = _bind(roles, industries)
    skills = db.query("report/posting_skills", scope)
    listed_total = int(skills["n_scope"].iloc[0]) if not skills.empty else 0
    functions = skills[skills["skill"].str.lower().str.strip().isin(JOB_FUNCTIONS)]
    skills = skills[~skills.index.isin(functions.index)
                    & ~skills["skill"].map(lambda s: _covered(s, matcher, seeds)).astype(bool)].head(limit)
    stopwords = sorted(set(ENGLISH_STOP_WORDS) | JOB_AD_WORDS)
    phrases = db.query("report/frequent_phrases", {**scope, "stopwords": stopwords, "max_postings": max_postings,
                                                    "seeds": seeds_pattern(curriculum)})
    n_scope = int(phrases["n_scope"].iloc[0]) if not phrases.empty else 0
    phrases = phrases[~phrases["phrase"].isin(JOB_AD_PHRASES) & ~phrases["phrase"].map(is_place).astype(bool)
                      & ~phrases["phrase"].map(lambda p: _covered(p, matcher, seeds)).astype(bool)].head(limit)
    frame = pd.concat([
        pd.DataFrame({"kind": "listed on postings", "term": skills["skill"], "n_postings": skills["n_postings"],
                      "n_scope": listed_total}),
        pd.DataFrame({"kind": "phrase", "term": phrases["phrase"], "n_postings": phrases["n_postings"],
                      "n_scope": n_scope}),
        pd.DataFrame({"kind": "job function", "term": functions["skill"], "n_postings": functions["n_postings"],
                      "n_scope": listed_total}),
    ], ignore_index=True)
    frame["share"] = frame["n_postings"] / frame["n_scope"].where(frame["n_scope"] > 0)
    return frame
