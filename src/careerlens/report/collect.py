"""Collect the report's data: run every query and statistic the pages show, and no HTML.

:func:`collect` returns a :class:`ReportData`: the frames of
:mod:`careerlens.report.figures` for the scope asked for (roles, industries,
minimum n), plus the frames of any figure that declares a query of its own in
:data:`careerlens.report.catalogue.FIGURES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from careerlens.claims import check_claims
from careerlens.errors import UsageError
from careerlens.evaluate import published_accuracy
from careerlens.report import catalogue, charts, decisions, figures, freshness
from careerlens.report.filters import require_postings


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
    figure_frames: dict = field(default_factory=dict)    # figure key -> the frame its own query returned
    warnings: list = field(default_factory=list)         # why the labels may be out of date, with what to run
    published_accuracy: dict | None = None               # careerlens's own figures for a bundled curriculum
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame)   # random evidence sentences per topic
    claims: list = field(default_factory=list)           # careerlens.claims.ClaimCheck of each curriculum claim
    salary_evidence: pd.DataFrame = field(default_factory=pd.DataFrame)  # figures.salary_evidence per source
    decisions: pd.DataFrame = field(default_factory=pd.DataFrame)        # decisions.decision_table, every group
    decision_scores: pd.DataFrame = field(default_factory=pd.DataFrame)  # alignment with/without links per group
    compared: object = None                              # the --compare curriculum, or None
    comparison: pd.DataFrame = field(default_factory=pd.DataFrame)         # decisions.compare_curricula, topics
    comparison_scores: pd.DataFrame = field(default_factory=pd.DataFrame)  # and scores per role group

    def demand_by(self, dimension: str) -> pd.DataFrame:
        """Demand by ``'role'``, ``'naics_sector'``, ``'state'`` or ``'month'``, or over all postings (``'all'``)."""
        return self.demand[self.demand["dimension"] == dimension]

    def onet_of_target_roles(self) -> pd.DataFrame:
        """O*NET knowledge ratings of the target roles."""
        onet = self.onet_by_role
        return onet[onet["role"].isin(self.target_roles)] if not onet.empty else onet

    def salary_comparison(self, roles=None) -> pd.DataFrame:
        """Posting salary ranges beside OEWS wages per role (only ``roles`` when given)."""
        frame = charts.salary_comparison_data(self.salaries, self.oews_industry, self.role_soc)
        if roles:
            frame = frame[frame["role"].isin(roles)]
        return frame

    def alignment_side_by_side(self) -> pd.DataFrame:
        """Per topic: teaching time, explicit and implicit demand (share, share of demand, status), O*NET rating."""
        explicit = self.alignment[["topic_id", "topic_name", "module", "weight", "n_postings", "n_asking", "share",
                                   "ci_low", "ci_high", "demand_weight", "gap", "status"]]
        implicit = self.alignment_implicit[["topic_id", "n_asking", "share", "ci_low", "ci_high", "demand_weight",
                                            "gap", "status"]].add_suffix("_implicit").rename(
            columns={"topic_id_implicit": "topic_id"})
        frame = explicit.merge(implicit, on="topic_id", how="left")
        onet = self.topic_onet if not self.topic_onet.empty else pd.DataFrame(
            {"topic_id": frame["topic_id"], "onet_area": None, "onet_importance": np.nan, "onet_level": np.nan,
             "onet_n_soc": 0})
        return _in_curriculum_order(frame.merge(onet, on="topic_id", how="left"), self.curriculum)


def _check_filters(db, roles, industries, min_n) -> list | None:
    """Check the filters; return ``roles`` as the role values postings carry (SOC codes expanded)."""
    if isinstance(min_n, bool) or not isinstance(min_n, int) or min_n < 1:
        raise UsageError(f"--min-n must be a whole number of at least 1, not {min_n!r}")
    roles = _resolve_roles(db, roles) if roles else None
    known_sectors = [s for s in figures.sector_labels() if s not in ("all", "unmapped")]
    unknown = [s for s in industries or () if s not in known_sectors]
    if unknown:
        raise UsageError(f"unknown NAICS sector(s) {', '.join(map(repr, unknown))}; "
                         f"use sector codes: {', '.join(known_sectors)}")
    return roles


def _resolve_roles(db, roles) -> list:
    """``--roles`` values as roles: a curated role (``data_scientist``), a role the postings carry (a SOC
    occupation title, ``Registered Nurses``), or a SOC code (``29-1141``), which stands for the curated roles
    carrying it and the occupation role of its other postings."""
    from careerlens.occupations import SOC_CODE, soc_code_problem

    curated = figures.role_labels()
    carried = set(db.query("report/postings_per_role_and_sector")["role"].dropna())
    resolved, unknown = [], []
    for role in roles:
        if SOC_CODE.match(role) or re.fullmatch(r"\d{2}-\d{4}\.\d{2}", role):
            problem = soc_code_problem(role)
            if problem:
                raise UsageError(f"--roles: {problem}")
            resolved += occupation_roles(db, [role])
        elif role in curated or role in carried:
            resolved.append(role)
        else:
            unknown.append(role)
    if unknown:
        raise UsageError(f"unknown role(s) {', '.join(map(repr, unknown))}; known roles: {', '.join(curated)}; "
                         "or a SOC code such as 29-1141, or an occupation the postings carry as their role")
    return list(dict.fromkeys(resolved))


def occupation_roles(db, soc_codes) -> list:
    """The roles that stand for the SOC codes ``soc_codes``: the curated roles carrying one, then the occupation
    roles of the other postings coded to one, most postings first; a code with neither stands as its SOC
    occupation title (the role its postings would carry), so that a filter on it matches nothing rather than all."""
    from careerlens.occupations import soc_occupations

    curated = [role for role, soc in figures.role_soc_codes().items() if soc in soc_codes]
    carried = db.query("report/occupation_roles", {"soc_codes": list(soc_codes),
                                                    "curated_roles": list(figures.role_labels())})
    have = set(carried["soc_code"]) | {figures.role_soc_codes()[role] for role in curated}
    missing = [soc_occupations().get(code, code) for code in soc_codes if code not in have]
    return list(dict.fromkeys(curated + list(carried["role"]) + missing))


def _target_roles(db, curriculum) -> list:
    """The roles of the curriculum's ``target_occupations`` (SOC codes), else the built-in
    :data:`figures.DEFAULT_TARGET_ROLES`."""
    if curriculum.target_occupations:
        return occupation_roles(db, curriculum.target_occupations)
    return list(figures.DEFAULT_TARGET_ROLES)


#: How many occupation roles (SOC occupation titles) the demand-by-role figures show besides the curated and
#: target roles: the most posted, each on at least min_n postings.
MOST_POSTED_OCCUPATIONS = 20


def _most_posted_occupations(demand, target_roles, min_n):
    """Demand by role for the curated and target roles and the :data:`MOST_POSTED_OCCUPATIONS` other occupation
    roles with most postings (at least ``min_n``): a corpus of every occupation would otherwise draw hundreds of
    mostly suppressed rows. The other dimensions are kept whole."""
    by_role = demand["dimension"] == "role"
    kept = set(figures.role_labels()) | set(target_roles)
    sizes = (demand[by_role & ~demand["value"].isin(kept)].groupby("value", as_index=False)["n_postings"].max()
             .sort_values(["n_postings", "value"], ascending=[False, True]))
    sizes = sizes[sizes["n_postings"] >= min_n].head(MOST_POSTED_OCCUPATIONS)
    return demand[~by_role | demand["value"].isin(kept | set(sizes["value"]))].reset_index(drop=True)


def _unmatched_targets(db, curriculum, target_roles) -> list[str]:
    """A warning when no posting is coded to any of the curriculum's target occupations."""
    if not curriculum.target_occupations:
        return []
    counts = db.query("report/postings_per_role_and_sector")
    if counts["role"].isin(target_roles).any():
        return []
    return [f"no posting is coded to the target occupations of {curriculum.source} "
            f"({', '.join(curriculum.target_occupations)}): the curriculum page's figures are empty; "
            "`careerlens unmapped titles` lists the titles no occupation was found for"]


def _in_curriculum_order(frame: pd.DataFrame, curriculum) -> pd.DataFrame:
    """Rows by their topic's place in the curriculum (the order of every table of topics), stable within one."""
    order = {topic.id: i for i, topic in enumerate(curriculum.topics)}
    return frame.sort_values("topic_id", key=lambda ids: ids.map(order), kind="stable").reset_index(drop=True)


def _add_comparison(db, data: ReportData, other, model, *, industries) -> None:
    """The decision table of the curriculum ``other`` (labelled by ``model``) on the same postings, beside
    ``data``'s own."""
    names = {t.id: t.name for t in other.topics}
    demand = figures.topic_demand(db, model_id=model["model_id"], roles=data.target_roles, industries=industries,
                                  min_n=data.min_n, links=other.prerequisite_links)
    demand["topic_name"] = demand["topic_id"].map(lambda t: names.get(t, t))
    table, scores = decisions.decision_table(demand, figures.curriculum_weights(other),
                                             target_roles=data.target_roles, min_n=data.min_n)
    data.compared = other
    data.comparison, data.comparison_scores = decisions.compare_curricula(data.decisions, data.decision_scores,
                                                                          table, scores)


def collect(db, *, curriculum=None, roles=None, industries=None, min_n=figures.DEFAULT_MIN_N,
            seed=0, compare=None) -> ReportData:
    """Run every figure of the report (no HTML): what :func:`~careerlens.report.build_report` draws.

    ``compare`` (a curriculum name, path or Curriculum) adds a second curriculum's decision table on the same
    postings, for the side-by-side view of the curriculum page.
    """
    from careerlens.curriculum import Curriculum, load_curriculum

    roles = list(roles) if roles else None
    industries = list(industries) if industries else None
    roles = _check_filters(db, roles, industries, min_n)
    cur = curriculum if isinstance(curriculum, Curriculum) else load_curriculum(curriculum)
    require_postings(db, roles=roles, industries=industries, curriculum=cur)
    try:
        model = figures.classifier_model(db, cur)
    except UsageError:
        model = freshness.model_of_earlier_version(db, cur)     # the curriculum was edited since training
        if model is None:
            raise
    model_id = model["model_id"]
    if compare is not None:      # a curriculum without labels is refused before the queries, not after
        other = compare if isinstance(compare, Curriculum) else load_curriculum(compare)
        other_model = decisions.comparison_model(db, cur, model, other)
    target_roles = roles or _target_roles(db, cur)
    # OEWS wages: the roles asked for; else every curated role, and the curriculum's target occupations
    wage_roles = roles or (list(figures.role_labels()) + target_roles if cur.target_occupations else None)
    names = {t.id: t.name for t in cur.topics}

    def named(frame):
        frame["topic_name"] = frame["topic_id"].map(lambda t: names.get(t, t))
        return frame

    links = cur.prerequisite_links
    demand = named(figures.topic_demand(db, model_id=model_id, roles=roles, industries=industries, min_n=min_n,
                                        links=links))
    demand = _most_posted_occupations(demand, target_roles, min_n)
    target_demand = named(figures.topic_demand(db, model_id=model_id, roles=target_roles, industries=industries,
                                               min_n=min_n, links=links))
    weights = figures.curriculum_weights(cur)
    decision_rows, decision_scores = decisions.decision_table(target_demand, weights, target_roles=target_roles,
                                                              min_n=min_n)
    alignment, score = figures.curriculum_alignment(target_demand, weights)
    alignment_implicit, score_implicit = figures.curriculum_alignment(target_demand, weights, measure="implicit")
    paths = named(figures.implicit_demand_paths(db, model_id=model_id, links=links, roles=target_roles,
                                                industries=industries))
    paths["via_topic_name"] = paths["via_topic"].map(lambda t: names.get(t, t))
    # The chain as a reader knows it: "Deep learning -> Machine learning -> Calculus", not topic ids.
    paths["path_names"] = paths["path"].map(lambda p: " -> ".join(names.get(t, t) for t in str(p).split(" -> ")))
    onet_ratings = figures.onet_knowledge_ratings(db)
    onet_by_role = figures.onet_knowledge_by_role(onet_ratings)
    data = ReportData(
        curriculum=cur, model=model, roles=roles, industries=industries, target_roles=target_roles, min_n=min_n,
        summary=figures.summary_counts(db, model_id=model_id),
        by_source=figures.postings_by_source(db),
        files=figures.loaded_files(db),
        rejects=figures.rejects_per_file(db),
        demand=demand,
        target_demand=target_demand,
        salaries=figures.salary_ranges(db, roles=roles, industries=industries, min_n=min_n),
        oews_industry=figures.oews_by_industry(db, roles=wage_roles),
        oews_state=figures.oews_by_state(db, roles=wage_roles),
        survey=figures.survey_salaries(db, roles=roles, min_n=min_n),
        premium=named(figures.topic_premium(db, model_id=model_id, roles=roles, industries=industries,
                                            min_n=min_n)),
        alignment=alignment,
        alignment_score=score,
        uncovered=figures.uncovered_skills(db, cur, roles=target_roles, industries=industries),
        role_soc=figures.roles_for_soc(wage_roles),
        alignment_implicit=alignment_implicit,
        alignment_score_implicit=score_implicit,
        implicit_paths=paths,
        onet_ratings=onet_ratings,
        onet_by_role=onet_by_role,
        topic_onet=figures.topic_onet_ratings(cur, onet_by_role, roles=target_roles),
        warnings=freshness.stale_label_warnings(db, model, cur) + _unmatched_targets(db, cur, target_roles),
        published_accuracy=published_accuracy(cur),
        evidence=_in_curriculum_order(named(figures.evidence_sample(db, model_id=model_id, seed=seed)), cur),
        claims=check_claims(db, cur, model_id=model_id, min_n=min_n),
        salary_evidence=figures.salary_evidence(db, roles=roles, industries=industries),
        decisions=decision_rows,
        decision_scores=decision_scores,
    )
    if compare is not None:
        _add_comparison(db, data, other, other_model, industries=industries)
    for figure in catalogue.FIGURES:
        if figure.query is not None:
            data.figure_frames[figure.key] = figure.query(db, data)
    return data
