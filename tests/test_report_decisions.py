"""The decision table: hours taught against the hours each topic's share of demand would give it, per role group.

Every figure is checked against a hand count on a table small enough to do on paper.
"""

import pandas as pd
import pytest

from careerlens.report import decisions, figures
from careerlens.report.collect import collect
from careerlens.report import folder as report_folder
from careerlens.report.blocks import Download, Html
from careerlens.report.pages import curriculum as curriculum_page
from careerlens.stats import wilson_interval
from tests.test_report_figures import one, store  # noqa: F401  (the fixture)

#: A programme of 100 hours: a 60-hour module teaching SQL and Python (30 h each), a 40-hour one teaching statistics.
WEIGHTS = pd.DataFrame({"topic_id": ["sql", "python", "statistics"], "topic_name": ["SQL", "Python", "Statistics"],
                        "module": ["Programming", "Programming", "Statistics"], "module_size": [60, 60, 40],
                        "size": [30.0, 30.0, 40.0], "weight": [0.3, 0.3, 0.4], "basis": "hours"})


def demand_rows():
    """10 data analysts (SQL 8, Python 5, statistics 2) and 20 data scientists (SQL 4, Python 16, statistics 10).

    Statistics is also asked for implicitly by every posting asking for Python (a link python -> statistics),
    so its implicit count is the postings asking for either: 6 analysts and 18 data scientists.
    """
    counts = {"data_analyst": (10, {"sql": (8, 8), "python": (5, 5), "statistics": (2, 6)}),
              "data_scientist": (20, {"sql": (4, 4), "python": (16, 16), "statistics": (10, 18)})}
    rows = []
    for role, (n, topics) in counts.items():
        for topic, (k, k_implicit) in topics.items():
            rows.append({"dimension": "role", "value": role, "topic_id": topic, "n_postings": n, "n_asking": k,
                         "n_asking_implicit": k_implicit})
    for topic in ("sql", "python", "statistics"):
        mine = [r for r in rows if r["topic_id"] == topic]
        rows.append({"dimension": "all", "value": "all", "topic_id": topic, "n_postings": 30,
                     "n_asking": sum(r["n_asking"] for r in mine),
                     "n_asking_implicit": sum(r["n_asking_implicit"] for r in mine)})
    frame = pd.DataFrame(rows)
    for k, suffix in (("n_asking", ""), ("n_asking_implicit", "_implicit")):
        frame[f"share{suffix}"] = frame[k] / frame["n_postings"]
        frame[f"ci_low{suffix}"], frame[f"ci_high{suffix}"] = wilson_interval(frame[k], frame["n_postings"])
    frame["suppressed"] = False
    return frame


def test_an_analyst_groups_hours_at_demand_by_hand():
    """Analysts: shares 0.8, 0.5, 0.2 (sum 1.5), so demand weights 8/15, 5/15, 2/15 of 100 hours:
    53.3 h, 33.3 h and 13.3 h against 30, 30 and 40 taught. Score: 1 - (23.3 + 3.3 + 26.7) / 200 = 0.7333."""
    table, scores = decisions.decision_table(demand_rows(), WEIGHTS, target_roles=["data_analyst", "data_scientist"],
                                             min_n=5)
    analysts = table[table["role_group"] == "analysts"].set_index("topic_id")
    assert analysts.loc["sql", "hours_taught"] == 30 and analysts.loc["sql", "share_of_teaching"] == 0.3
    assert analysts["hours_at_demand"].to_dict() == pytest.approx({"sql": 800 / 15, "python": 500 / 15,
                                                                    "statistics": 200 / 15})
    assert analysts["gap_hours"].to_dict() == pytest.approx({"sql": 800 / 15 - 30, "python": 500 / 15 - 30,
                                                             "statistics": 200 / 15 - 40})
    assert (analysts.loc["sql", "n_asking"], analysts.loc["sql", "n_postings"]) == (8, 10)
    assert (analysts.loc["sql", "ci_low"], analysts.loc["sql", "ci_high"]) == pytest.approx(wilson_interval(8, 10))
    assert analysts.loc["sql", "roles"] == "Data analyst"
    assert one(scores, role_group="analysts").score == pytest.approx(1 - 0.5 * (8 / 15 - 0.3 + 5 / 15 - 0.3
                                                                               + 0.4 - 2 / 15))


def test_implicit_hours_follow_the_links_and_the_scores_show_how_much_they_move_the_verdict():
    """Data scientists, implicit: shares 0.2, 0.8, 0.9 (sum 1.9): statistics gets 0.9 / 1.9 of 100 h = 47.4 h."""
    table, scores = decisions.decision_table(demand_rows(), WEIGHTS, target_roles=["data_analyst", "data_scientist"],
                                             min_n=5)
    modellers = table[table["role_group"] == "modellers"].set_index("topic_id")
    assert modellers.loc["statistics", "hours_at_demand_implicit"] == pytest.approx(90 / 1.9)
    assert modellers.loc["statistics", "gap_hours_implicit"] == pytest.approx(90 / 1.9 - 40)
    assert modellers.loc["statistics", "n_asking_implicit"] == 18
    row = one(scores, role_group="modellers")
    explicit = 1 - 0.5 * (abs(0.2 / 1.5 - 0.3) + abs(0.8 / 1.5 - 0.3) + abs(0.5 / 1.5 - 0.4))
    implicit = 1 - 0.5 * (abs(0.2 / 1.9 - 0.3) + abs(0.8 / 1.9 - 0.3) + abs(0.9 / 1.9 - 0.4))
    assert (row.score, row.score_implicit, row.n_postings) == (pytest.approx(explicit), pytest.approx(implicit), 20)


def test_all_target_roles_is_the_curriculum_pages_own_alignment():
    table, scores = decisions.decision_table(demand_rows(), WEIGHTS, target_roles=["data_analyst", "data_scientist"],
                                             min_n=5)
    _, score = figures.curriculum_alignment(demand_rows(), WEIGHTS)
    assert one(scores, role_group="all").score == pytest.approx(score)
    everyone = table[table["role_group"] == "all"].set_index("topic_id")
    assert everyone.loc["sql", "hours_at_demand"] == pytest.approx(12 / 30 / (12 / 30 + 21 / 30 + 12 / 30) * 100)


def test_groups_without_target_roles_or_equal_to_all_are_left_out_and_small_ones_are_suppressed():
    table, scores = decisions.decision_table(demand_rows(), WEIGHTS, target_roles=["data_analyst"], min_n=5)
    assert list(scores.role_group) == ["all"]                  # analysts = all target roles; no modeller is a target
    table, scores = decisions.decision_table(demand_rows(), WEIGHTS, target_roles=["data_analyst", "data_scientist"],
                                             min_n=15)
    analysts = table[table["role_group"] == "analysts"]
    assert analysts["hours_at_demand"].isna().all() and analysts["n_postings"].eq(10).all()
    assert one(scores, role_group="analysts").score != one(scores, role_group="analysts").score   # NaN, not a guess


@pytest.fixture(scope="module")
def collected():
    """The report's data over test_report_figures' store (40 data scientists: 10 asking for SQL, all for Python;
    5 actuaries, all asking for SQL), beside :func:`moved_hours`."""
    import careerlens
    from tests.test_report_figures import add_file, add_model, add_postings

    rows = [{"posting_id": f"ds{i}", "role": "data_scientist", "naics_sector": "52" if i < 20 else "54",
             "state": "CA" if i < 35 else "NY", "salary": 100_000 + 1_000 * i,
             "topics": ("sql", "python") if i < 10 else ("python",)} for i in range(40)]
    rows += [{"posting_id": f"ac{i}", "role": "actuary", "naics_sector": "52", "state": "CA", "salary": 90_000,
              "topics": ("sql",)} for i in range(5)]
    with careerlens.open_database(":memory:") as db:
        add_file(db)
        add_model(db)
        add_postings(db, rows)
        return collect(db, min_n=1, compare=moved_hours())


def test_the_report_collects_every_group_and_the_page_shows_one_at_a_time(collected):
    data = collected
    weights = figures.curriculum_weights(data.curriculum)
    total = weights["size"].sum()
    modellers = data.decisions[data.decisions["role_group"] == "modellers"].set_index("topic_id")
    # Explicitly, data scientists ask for SQL (10 of 40) and Python (40 of 40) only: shares 0.25 and 1.
    assert modellers.loc["sql", "hours_at_demand"] == pytest.approx(0.25 / 1.25 * total)
    assert modellers.loc["python", "hours_at_demand"] == pytest.approx(1 / 1.25 * total)
    assert (modellers.loc["sql", "n_asking"], modellers.loc["sql", "n_postings"]) == (10, 40)
    analysts = data.decisions[data.decisions["role_group"] == "analysts"].set_index("topic_id")
    assert (analysts.loc["sql", "n_asking"], analysts.loc["sql", "n_postings"]) == (5, 5)
    assert analysts.loc["sql", "hours_at_demand"] == pytest.approx(total)
    blocks = curriculum_page.blocks(data, None)
    download = {b.stem: b for b in blocks if isinstance(b, Download)}
    assert download["curriculum-decisions"].frame is data.decisions
    choices = [b.markup for b in blocks if isinstance(b, Html) and 'data-choice-of="decisions"' in b.markup]
    assert len(choices) == 3 and sum(" hidden" in c for c in choices) == 2      # one group shown at a time


def test_the_decision_file_is_written_as_csv_and_xlsx_defused_for_spreadsheets(tmp_path):
    frame = pd.DataFrame({"topic_name": ["=cmd|' /C calc'!A0", "SQL"], "gap_hours": [-3.5, 12.0]})
    names = report_folder.write_table(frame, tmp_path, "curriculum-decisions", taken=["curriculum-decisions.csv"])
    assert names[0] == "curriculum-decisions-2.csv"
    written = pd.read_csv(tmp_path / names[0])
    assert written.topic_name.tolist() == ["'=cmd|' /C calc'!A0", "SQL"] and written.gap_hours.tolist() == [-3.5, 12]
    pytest.importorskip("openpyxl")
    assert names[1] == "curriculum-decisions.xlsx"
    pd.testing.assert_frame_equal(pd.read_excel(tmp_path / names[1]), written)


# -- two curricula on the same postings ------------------------------------------------------
def moved_hours():
    """The bundled curriculum with 60 hours moved from Professional Practice (150 -> 90) to Programming (150 -> 210):
    the same topics, so the same labels."""
    from careerlens.curriculum import parse_curriculum
    from careerlens.resources import data_text

    text = data_text("curricula", "maths-for-ml.toml")
    lines = text.split("\n")
    hours = [i for i, line in enumerate(lines) if line.startswith("hours = ")]
    lines[hours[2]], lines[hours[4]] = "hours = 210", "hours = 90"
    return parse_curriculum("\n".join(lines), source="moved-hours.toml")


def test_two_curricula_side_by_side_show_what_moving_hours_does(collected):
    """Data scientists ask for SQL (10 of 40) and Python (40 of 40): 150 h and 600 h at demand of 750. SQL is taught
    30 h here and 210 / 5 = 42 h there, so its gap falls from +120 h to +108 h. Scores by hand: 1 - (0.16 + 0.76 +
    0.92) / 2 = 0.08 here; 1 - (0.144 + 0.744 + 0.888) / 2 = 0.112 there."""
    data = collected
    modellers = data.comparison[data.comparison["role_group"] == "modellers"].set_index("topic_id")
    assert (modellers.loc["sql", "hours_taught"], modellers.loc["sql", "hours_taught_other"]) == (30, 42)
    assert (modellers.loc["sql", "gap_hours"], modellers.loc["sql", "gap_hours_other"]) == pytest.approx((120, 108))
    assert modellers.loc["communication", "hours_change"] == -60
    scores = one(data.comparison_scores, role_group="modellers")
    assert (scores.score, scores.score_other) == pytest.approx((0.08, 0.112))
    blocks = curriculum_page.blocks(data, None)
    assert any(isinstance(b, Download) and b.stem == "curriculum-comparison" for b in blocks)
    assert any(isinstance(b, Html) and "Compared with" in b.markup for b in blocks)


def test_a_curriculum_with_topics_of_its_own_needs_its_own_labels(store):  # noqa: F811
    """Renaming a topic changes what the classifier reads: the labels of the first curriculum will not do."""
    from careerlens.curriculum import parse_curriculum
    from careerlens.errors import UsageError

    from careerlens.resources import data_text

    text = data_text("curricula", "maths-for-ml.toml")
    other = parse_curriculum(text.replace('name = "SQL"', 'name = "SQL and databases"'), source="renamed.toml")
    with pytest.raises(UsageError, match=r"careerlens train --curriculum renamed.toml"):
        collect(store, min_n=1, compare=other)
