"""A newer download of a salary survey supersedes the older one; identical records within one file still count.

The releases are the real aijobs.net snapshot (74,301 records, 39,304 of them identical to another) and a
re-download written at test time: the same file plus three new records, as the publisher's next week would be.
"""

import gzip

import pytest
from click.testing import CliRunner

import careerlens
from careerlens import ingest
from careerlens.cli import main
from careerlens.db import SCHEMA_VERSION
from tests.conftest import shared_file

SURVEY = "aijobs_salaries/salaries.csv.gz"
SNAPSHOT_RECORDS, SNAPSHOT_IDENTICAL = 74_301, 39_304
NEW_RECORDS = ("2025,SE,FT,Machine Learning Engineer,210000,USD,210000,US,0,US,M\r\n"
               "2025,MI,FT,Data Scientist,98000,EUR,103000,DE,100,DE,L\r\n"
               "2025,SE,FT,Machine Learning Engineer,210000,USD,210000,US,0,US,M\r\n")


@pytest.fixture
def releases(tmp_path):
    """The real snapshot, and a re-download of it (its bytes, then three new records) named as browsers do."""
    older = shared_file(SURVEY)
    newer = tmp_path / "downloads" / "salaries (1).csv"
    newer.parent.mkdir()
    newer.write_bytes(gzip.decompress(older.read_bytes()) + NEW_RECORDS.encode())
    return older, newer


def survey_counts(db):
    return db.sql("SELECT count(*) AS n, count(DISTINCT (work_year, experience_level, employment_type, job_title, "
                  "salary, salary_currency, salary_usd, employee_country, company_country, company_size, "
                  "remote_ratio)) AS distinct_answers FROM salary_records").iloc[0]


@pytest.mark.parametrize("order", ["older first", "newer first"])
def test_the_newer_release_replaces_the_older_and_keeps_identical_records(releases, order):
    older, newer = releases
    files = [older, newer] if order == "older first" else [newer, older]
    with careerlens.open_database(":memory:") as db:
        results = ingest(db, files)
        counts = survey_counts(db)
        release = db.query("loaded_sources").set_index("file_name")["release"]

    assert [r.status for r in results] == ["loaded", "loaded"]              # both are on record
    assert counts.n == SNAPSHOT_RECORDS + 3                                # not 148,605: each record once
    # Identical answers stay as the publisher keeps them: the two identical new ones count twice.
    assert counts.n - counts.distinct_answers == SNAPSHOT_IDENTICAL + 1
    assert release["salaries (1).csv"] == "current"
    newer_id = 2 if order == "older first" else 1
    assert release["salaries.csv.gz"] == f"superseded by salaries (1).csv (#{newer_id})"


def test_careerlens_sources_says_which_release_is_current(releases, tmp_path):
    older, newer = releases
    store = str(tmp_path / "store.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(older), str(newer), "--db", store]).exit_code == 0

    listed = CliRunner().invoke(main, ["sources", "--db", store]).output

    assert "superseded by salaries (1).csv (#2)" in listed and "current" in listed


@pytest.mark.parametrize("first, second, same_survey", [
    ("salaries.csv", "salaries (1).csv", True),
    ("salaries.csv", "salaries-2025-02-02.csv.gz", True),
    ("salaries.csv", "Salaries copy.csv", True),
    ("ds_salaries.csv", "ds_salaries_2023.csv", False),       # two Kaggle extracts, each published once
    ("salaries.csv", "ds_salaries.csv", False),
])
def test_a_survey_is_its_format_and_its_file_name_without_download_marks(tmp_path, first, second, same_survey):
    header = ("work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,"
              "employee_residence,remote_ratio,company_location,company_size\n")
    answer = "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\n"
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    (tmp_path / "a" / first).write_text(header + answer)
    later = tmp_path / "b" / second
    if later.suffix == ".gz":
        later.write_bytes(gzip.compress((header + answer * 2).encode()))
    else:
        later.write_text(header + answer * 2)
    with careerlens.open_database(":memory:") as db:
        ingest(db, [tmp_path / "a" / first, later])
        assert db.sql("SELECT count(*) AS n FROM salary_records").n[0] == (2 if same_survey else 3)


def test_a_store_of_schema_version_1_is_migrated(tmp_path):
    """A store written before survey releases (schema 1) gets them when opened for writing."""
    store = tmp_path / "store.duckdb"
    with careerlens.open_database(store) as db:
        ingest(db, [shared_file("kaggle_ds_salaries/ds_salaries.csv")])
        db.execute("DROP VIEW salary_records")
        db.execute("DROP VIEW survey_releases")
        db.execute("CREATE VIEW salary_records AS SELECT * FROM stored_salary_records")
        db.execute("UPDATE careerlens_meta SET value = '1' WHERE key = 'schema_version'")
    with careerlens.open_database(store) as db:
        assert db.sql("SELECT value FROM careerlens_meta WHERE key = 'schema_version'").value[0] == str(SCHEMA_VERSION)
        assert db.query("loaded_sources").release.tolist() == ["current"]
        assert db.sql("SELECT count(*) AS n FROM salary_records").n[0] == 607
