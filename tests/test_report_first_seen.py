"""The Demand page's demand over time by month first seen: job-board postings only, n per month, sources noted."""

import pandas as pd

from careerlens.report import build_report, figures
from tests.test_report_figures import MODEL, add_file, add_model, add_postings


def add_sightings(db, rows):
    """rows: (posting_id, source_key, provider, board, seen_at)."""
    for posting_id, key, provider, board, seen_at in rows:
        db.execute("INSERT INTO posting_sightings VALUES (?, ?, ?, ?, ?::TIMESTAMP, 1, NULL, NULL, NULL, NULL)",
                   [posting_id, key, provider, board, seen_at])
        db.execute("INSERT INTO board_snapshots SELECT 1, ?, ?, ?::TIMESTAMP, 1 WHERE NOT EXISTS "
                   "(SELECT 1 FROM board_snapshots WHERE provider = ? AND board = ? AND fetched_at = ?::TIMESTAMP)",
                   [provider, board, seen_at, provider, board, seen_at])


def labelled_board_postings(db):
    """November: 20 Greenhouse postings (5 ask for SQL). December: 10 more Greenhouse and 10 USAJOBS (all SQL).
    Postings from a plain file (ds-file*) have no first seen."""
    add_file(db)
    add_model(db)
    rows = [{"posting_id": f"gh{i}", "role": "data_scientist", "source": "greenhouse_snapshot",
             "topics": ("sql",) if i < 5 else ("python",)} for i in range(30)]
    rows += [{"posting_id": f"us{i}", "role": "data_scientist", "source": "usajobs_snapshot", "topics": ("sql",)}
             for i in range(10)]
    rows += [{"posting_id": f"ds-file{i}", "role": "data_scientist", "topics": ("sql",)} for i in range(7)]
    add_postings(db, rows)
    add_sightings(db, [(f"gh{i}", f"greenhouse:acme:{i}", "greenhouse", "acme",
                        "2026-11-03 08:00:00" if i < 20 else "2026-12-02 08:00:00") for i in range(30)])
    add_sightings(db, [(f"gh{i}", f"greenhouse:acme:{i}", "greenhouse", "acme", "2026-12-02 08:00:00")
                       for i in range(20)])                       # seen again: first seen stays November
    add_sightings(db, [(f"us{i}", f"usajobs:{i}", "usajobs", "series-1560", "2026-12-05 08:00:00")
                       for i in range(10)])
    return db


def test_demand_by_month_first_seen_counts_each_posting_in_its_first_month(db):
    labelled_board_postings(db)
    demand = figures.topic_demand(db, model_id=MODEL, min_n=5)
    sql = demand[(demand["dimension"] == "first_seen") & (demand["topic_id"] == "sql")].set_index("value")
    assert sql["n_postings"].to_dict() == {"2026-11": 20, "2026-12": 20}
    assert sql["n_asking"].to_dict() == {"2026-11": 5, "2026-12": 10}
    assert demand[demand["dimension"] == "all"]["n_postings"].max() == 47     # file postings count elsewhere


def test_the_demand_page_gives_n_per_month_and_notes_months_from_different_sources(db, tmp_path):
    labelled_board_postings(db)
    index = build_report(db, out=tmp_path / "r", min_n=5)
    page = (index.parent / "demand.html").read_text()
    assert "n per month: 2026-11: 20, 2026-12: 20." in page
    assert ("The months come from different sources (2026-11: greenhouse_snapshot; 2026-12: greenhouse_snapshot, "
            "usajobs_snapshot)") in page
    frame = pd.read_csv(index.parent / "demand-first-seen.csv")
    assert set(frame["value"]) == {"2026-11", "2026-12"}


def test_without_job_board_postings_the_page_says_how_to_get_them(db, tmp_path):
    add_file(db)
    add_model(db)
    add_postings(db, [{"posting_id": f"p{i}", "role": "data_scientist", "topics": ("sql",)} for i in range(6)])
    page = (build_report(db, out=tmp_path / "r", min_n=5).parent / "demand.html").read_text()
    assert "No posting in scope comes from a job-board snapshot" in page
