"""The decision table: per topic and role group, hours taught against the hours its share of demand would give it.

A programme designer reads it as "SQL: 30 h taught; at its share of demand,
about 112 h". Demand per role group is summed from :func:`figures.topic_demand`'s
per-role rows (roles are disjoint, so the counts add up exactly), and the
alignment is :func:`figures.curriculum_alignment` of that demand: the same
arithmetic as the rest of the curriculum page, once per role group. The
explicit alignment uses no prerequisite link and the implicit one all of
them, so the two scores side by side are the verdict's sensitivity to the
curriculum's own ``requires`` links.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from careerlens.report import figures
from careerlens.stats import wilson_interval


@dataclass(frozen=True)
class RoleGroup:
    """Roles a programme designer thinks of together (``roles`` None: every target role)."""

    key: str
    label: str
    roles: tuple[str, ...] | None


#: The role groups of the decision table. They live in the report, not in the role taxonomy: they are a way of
#: reading demand (analysts against modellers), not a property of a posting.
ROLE_GROUPS = (
    RoleGroup("all", "All target roles", None),
    RoleGroup("analysts", "Analysts, statisticians and actuaries",
              ("data_analyst", "bi_analyst", "business_analyst", "quantitative_analyst", "operations_research_analyst",
               "market_research_analyst", "systems_analyst", "statistician", "actuary", "economist")),
    RoleGroup("modellers", "Data scientists, ML engineers and research scientists",
              ("data_scientist", "machine_learning_engineer", "research_scientist")),
    RoleGroup("engineers", "Data and software engineers",
              ("data_engineer", "software_engineer", "database_administrator")),
)

#: Columns of the decision table, in the order of its CSV.
COLUMNS = ["role_group", "role_group_label", "roles", "topic_id", "topic_name", "module", "basis", "hours_taught",
           "share_of_teaching", "n_postings",
           "n_asking", "share", "ci_low", "ci_high", "hours_at_demand", "gap_hours", "status",
           "n_asking_implicit", "share_implicit", "ci_low_implicit", "ci_high_implicit", "hours_at_demand_implicit",
           "gap_hours_implicit", "status_implicit"]


def group_demand(demand: pd.DataFrame, roles, *, min_n: int) -> pd.DataFrame:
    """Demand of a group of roles, as :func:`figures.topic_demand`'s ``dimension == 'all'`` rows.

    ``demand`` holds per-role rows (``dimension == 'role'``); those of ``roles`` are
    summed (n postings, n asking explicitly and implicitly) and given Wilson
    intervals, suppressed below ``min_n`` postings. ``roles`` None keeps the
    ``'all'`` rows as they are.
    """
    if roles is None:
        return demand[demand["dimension"] == "all"].copy()
    rows = demand[(demand["dimension"] == "role") & demand["value"].isin(list(roles))]
    frame = (rows.groupby("topic_id", as_index=False)[["n_postings", "n_asking", "n_asking_implicit"]].sum())
    frame.insert(0, "dimension", "all")
    frame.insert(1, "value", "all")
    for k_column, suffix in (("n_asking", ""), ("n_asking_implicit", "_implicit")):
        frame[f"share{suffix}"] = frame[k_column] / frame["n_postings"]
        frame[f"ci_low{suffix}"], frame[f"ci_high{suffix}"] = wilson_interval(frame[k_column].to_numpy(),
                                                                              frame["n_postings"].to_numpy())
    frame["suppressed"] = frame["n_postings"] < min_n
    estimates = ["share", "ci_low", "ci_high", "share_implicit", "ci_low_implicit", "ci_high_implicit"]
    frame.loc[frame["suppressed"], estimates] = np.nan
    return frame


def _hours(alignment: pd.DataFrame, total: float) -> pd.DataFrame:
    """The alignment with the demand share turned into hours at the programme's total."""
    out = alignment[["topic_id", "n_asking", "share", "ci_low", "ci_high", "status"]].copy()
    out["hours_at_demand"] = alignment["demand_weight"] * total
    out["gap_hours"] = out["hours_at_demand"] - alignment["size"]
    return out


def decision_table(demand: pd.DataFrame, weights: pd.DataFrame, *, target_roles, min_n: int,
                   groups=ROLE_GROUPS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per role group and topic: hours taught, share of teaching time, both demands and the gap in hours.

    Parameters
    ----------
    demand : DataFrame
        :func:`figures.topic_demand` of the target roles (its ``'all'`` and ``'role'`` rows are read).
    weights : DataFrame
        :func:`figures.curriculum_weights`: each topic's hours (``size``) and share of teaching time.
    target_roles : sequence of str
        The roles demand was counted over; a group keeps only these, and a group left without any is dropped.

    Returns
    -------
    (table, scores)
        ``table`` has :data:`COLUMNS`: ``hours_at_demand`` is the topic's share of demand
        (explicit; ``_implicit`` through the prerequisite links) times the programme's total
        hours, ``gap_hours`` that minus ``hours_taught`` (positive: under-taught).
        ``scores`` has per group ``n_postings`` and the alignment score without
        (``score``) and with the prerequisite links (``score_implicit``).
    """
    total = float(weights["size"].sum())
    target = set(target_roles)
    tables, scores = [], []
    for group in groups:
        roles = None if group.roles is None else tuple(r for r in group.roles if r in target)
        if roles == ():
            continue
        if roles is not None and set(roles) == target:
            continue                                    # the same postings as "all target roles"
        scoped = group_demand(demand, roles, min_n=min_n)
        if scoped.empty:
            continue
        explicit, score = figures.curriculum_alignment(scoped, weights)
        implicit, score_implicit = figures.curriculum_alignment(scoped, weights, measure="implicit")
        table = weights[["topic_id", "topic_name", "module", "basis", "size", "weight"]].rename(
            columns={"size": "hours_taught", "weight": "share_of_teaching"})
        table = table.merge(_hours(explicit, total), on="topic_id").merge(
            _hours(implicit, total).add_suffix("_implicit").rename(columns={"topic_id_implicit": "topic_id"}),
            on="topic_id")
        n_postings = int(scoped["n_postings"].max())
        listed = ", ".join(figures.role_labels().get(r, r) for r in (roles or target_roles))
        table.insert(0, "role_group", group.key)
        table.insert(1, "role_group_label", group.label)
        table.insert(2, "roles", listed)
        table["n_postings"] = n_postings
        tables.append(table[COLUMNS])
        scores.append({"role_group": group.key, "role_group_label": group.label, "roles": listed,
                       "n_postings": n_postings, "score": score, "score_implicit": score_implicit})
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=COLUMNS)
    return table, pd.DataFrame(scores, columns=["role_group", "role_group_label", "roles", "n_postings", "score",
                                                "score_implicit"])


# -- two curricula on the same postings -----------------------------------------------------
def _recognition(curriculum) -> dict:
    """What the classifier reads of each topic: two curricula equal here label postings alike."""
    return {t.id: (t.name, t.description, t.seeds, t.exclude, t.context_seeds) for t in curriculum.topics}


def comparison_model(db, curriculum, model: dict, other) -> dict:
    """The labels to count for ``other``: those of the newest model trained on it, or, when its topics are
    recognised exactly as ``curriculum``'s (only hours, modules or links differ), ``model``'s own.

    Raises
    ------
    UsageError
        ``other`` has topics of its own and no model has labelled postings for it (the message gives the commands).
    """
    from careerlens.errors import UsageError

    try:
        return figures.classifier_model(db, other)
    except UsageError:
        if _recognition(other) == _recognition(curriculum):
            return model
        raise


def compare_curricula(table: pd.DataFrame, scores: pd.DataFrame, other_table: pd.DataFrame,
                      other_scores: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two decision tables side by side: per role group and topic, hours and gaps in each (``_other``), and per
    role group both alignment scores. A topic in one curriculum only has blanks on the other side."""
    keep = ["role_group", "role_group_label", "topic_id", "topic_name", "hours_taught", "hours_at_demand",
            "gap_hours", "hours_at_demand_implicit", "gap_hours_implicit", "n_postings"]
    topics = table[keep].merge(other_table[keep], on=["role_group", "role_group_label", "topic_id"], how="outer",
                               suffixes=("", "_other"))
    topics["topic_name"] = topics["topic_name"].fillna(topics["topic_name_other"])
    topics["hours_change"] = topics["hours_taught_other"].fillna(0) - topics["hours_taught"].fillna(0)
    both = scores.merge(other_scores[["role_group", "score", "score_implicit"]], on="role_group", how="outer",
                        suffixes=("", "_other"))
    return topics.drop(columns=["topic_name_other"]), both
