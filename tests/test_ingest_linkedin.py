"""LinkedIn: the 2023-24 export with its companion files, and the 2018 California scrape."""

import csv
import gzip
import shutil

import pandas as pd
import pytest

import careerlens
from careerlens import ingest
from careerlens.errors import InputError
from careerlens.sources import detect_format, probe_file
from tests.conftest import posting_at, shared_file

EXPORT = "linkedin_job_postings_2023_2024"
POSTINGS = f"{EXPORT}/postings_first500.csv"
CALIFORNIA = "linkedin_california_data_jobs_2018"
SCIENTIST = f"{CALIFORNIA}/DataScientist.csv.gz"
ANALYST = f"{CALIFORNIA}/DataAnalyst.csv.gz"


def records(path, column):
    """``column`` of every record, in the numbering Python's csv module (and pandas) gives."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return [record[column] for record in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def export():
    """The 500-row sample loaded once, with the companion files beside it."""
    with careerlens.open_database(":memory:") as store:
        ingest(store, [shared_file(POSTINGS)])
        yield store


# --- 2023-24 export -------------------------------------------------------------------------------

# Figures read by hand from postings_first500.csv (row = record number after the header).
@pytest.mark.parametrize("row, job_id, low, high, period", [
    (1, "921716", 17 * 2080, 20 * 2080, "hour"),          # min 17.0, max 20.0, HOURLY
    (17, "95428182", 25 * 2080, 25 * 2080, "hour"),       # med_salary 25.0 only, HOURLY
    (3, "10998357", 45_000, 65_000, "year"),              # min 45000.0, max 65000.0, YEARLY
    (38, "280496925", 4061 * 12, 4817 * 12, "month"),     # min 4061.0, max 4817.0, MONTHLY
])
def test_pay_becomes_annual_usd(export, row, job_id, low, high, period):
    posting = posting_at(export, "postings_first500.csv", row)
    assert posting.source_key == job_id
    assert (posting.salary_min_usd, posting.salary_max_usd, posting.salary_period) == (low, high, period)
    assert (posting.salary_currency, posting.salary_kind) == ("USD", "employer")


def test_first_row_fields_and_companions(export):
    posting = posting_at(export, "postings_first500.csv", 1)
    assert (posting.title, posting.company) == ("Marketing Coordinator", "Corcoran Sawyer Smith")
    assert (posting.country, posting.state, posting.employment_type) == ("US", "NJ", "Full-time")
    # original_listed_time 1713400000000.0 ms = 2024-04-18 00:26:40 UTC
    assert posting.posted_date == pd.Timestamp("2024-04-18")
    # jobs/job_industries.csv.gz line 74741 '921716,44'; mappings/industries.csv '44,Real Estate'
    assert posting.industry_raw == "Real Estate"
    # jobs/job_skills.csv.gz lines 97706-7 '921716,MRKT', '921716,SALE'
    assert list(posting.skills) == ["Marketing", "Sales"]


def test_industry_is_the_lowest_industry_id(export):
    # Row 56, job 1168783207: job_industries lists 133 (Wholesale), 61 (Paper and Forest Product
    # Manufacturing), 49 (Wholesale Building Materials), in that order.
    assert posting_at(export, "postings_first500.csv", 56).industry_raw == "Wholesale Building Materials"


@pytest.mark.parametrize("row, remote, seniority_raw, employment_type, company", [
    (130, True, "Mid-Senior level", "Full-time", "Webologix Ltd/ INC"),   # remote_allowed 1.0, 'United States'
    (86, False, "Mid-Senior level", "Contract", "I.T. Solutions, Inc."),  # remote_allowed empty, 'Foster City, CA'
    (2, False, None, "Full-time", None),                                  # company_name empty
])
def test_flags_and_blanks(export, row, remote, seniority_raw, employment_type, company):
    posting = posting_at(export, "postings_first500.csv", row)
    assert (bool(posting.remote), posting.employment_type) == (remote, employment_type)
    stored = export.sql("SELECT seniority_raw, company FROM stored_postings WHERE source_row = ?", [row]).iloc[0]
    assert (stored.seniority_raw, stored.company) == (seniority_raw, company)


def test_every_row_is_accounted_for(export):
    source = export.sql("SELECT * FROM sources").iloc[0]
    assert (source.rows_read, source.rows_loaded, source.rows_rejected, source.rows_duplicate) == (500, 500, 0, 0)
    counts = export.sql(
        "SELECT count(salary_min_usd) AS paid, count(industry_raw) AS industry, count(skills) AS skills "
        "FROM postings").iloc[0]
    # PROVENANCE.md: 212 rows with pay, 453 job_ids in job_industries, 418 in job_skills; none of the
    # other 47 has a company in company_industries.csv.
    assert (counts.paid, counts.industry, counts.skills) == (212, 453, 418)
    assert "not found" not in source.notes


def test_source_row_is_the_csv_record_number(export):
    stored = export.sql("SELECT source_row, source_key FROM stored_postings ORDER BY source_row")
    assert list(stored.source_row) == list(range(1, 501))
    assert list(stored.source_key) == records(shared_file(POSTINGS), "job_id")


def test_loads_without_companions(db, tmp_path):
    postings = tmp_path / "postings.csv"
    shutil.copy(shared_file(POSTINGS), postings)
    (result,) = ingest(db, [postings])
    assert (result.rows_read, result.rows_loaded) == (500, 500)
    assert "not found, loaded without: jobs/job_industries.csv" in result.notes
    counts = db.sql("SELECT count(salary_min_usd) AS paid, count(industry_raw) AS industry, "
                    "count(skills) AS skills FROM postings").iloc[0]
    assert (counts.paid, counts.industry, counts.skills) == (212, 0, 0)


def test_whole_folder_skips_the_companions(db):
    results = ingest(db, [shared_file(POSTINGS).parent])
    by_name = {r.path.name: r for r in results}
    assert by_name["postings_first500.csv"].status == "loaded"
    skipped = [r for r in results if r.status == "skipped"]
    assert {r.path.name for r in skipped} == {
        "company_industries.csv", "employee_counts.csv", "job_industries.csv.gz", "job_skills.csv.gz",
        "salaries.csv.gz", "industries.csv", "skills.csv"}
    assert all(r.kind == "companion" and "never loaded on its own" in r.notes for r in skipped)
    assert db.sql("SELECT count(*) AS n FROM sources").n[0] == 1


@pytest.mark.parametrize("relative, fmt", [
    ("postings_first500.csv", "linkedin_postings"),
    ("jobs/job_industries.csv.gz", "linkedin_job_industries"),
    ("jobs/job_skills.csv.gz", "linkedin_job_skills"),
    ("jobs/salaries.csv.gz", "linkedin_salaries"),
    ("mappings/industries.csv", "linkedin_industries"),
    ("mappings/skills.csv", "linkedin_skills"),
    ("companies/company_industries.csv", "linkedin_company_industries"),
    ("companies/employee_counts.csv", "linkedin_employee_counts"),
])
def test_detected_by_header(relative, fmt):
    found = detect_format(probe_file(shared_file(f"{EXPORT}/{relative}")))
    assert found.name == fmt
    assert found.kind == ("postings" if fmt == "linkedin_postings" else "companion")


# A hand-written export covering what the 500-row sample lacks.
HEADER = ["job_id", "company_name", "title", "description", "max_salary", "med_salary", "min_salary",
          "pay_period", "currency", "location", "company_id", "formatted_work_type",
          "formatted_experience_level", "remote_allowed", "original_listed_time"]
ROWS = [
    # no pay on the row: jobs/salaries.csv has it; no job industry: the company's first one is used
    ["101", "Acme Analytics", "Data Analyst", "Build dashboards.", "", "", "", "", "", "Austin, TX",
     "7.0", "Full-time", "Associate", "", "1705276800000.0"],
    ["102", "Acme Analytics", "Data Engineer", "Build pipelines.", "5000", "", "4000", "BIWEEKLY", "USD",
     "Denver, CO", "7.0", "Full-time", "", "1.0", "1705276800000.0"],
    # a pay period nobody knows and a listing time in seconds instead of milliseconds
    ["103", "Beta Labs", "Statistician", "Fit models.", "300", "", "200", "DAILY", "USD", "Boston, MA",
     "", "Contract", "", "", "1705276800.0"],
]


def write_csv(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows([header, *rows])
    return path


@pytest.fixture
def small_export(tmp_path):
    write_csv(tmp_path / "jobs" / "salaries.csv",
              ["salary_id", "job_id", "max_salary", "med_salary", "min_salary", "pay_period", "currency",
               "compensation_type"],
              [["9", "101", "", "1000.0", "", "WEEKLY", "USD", "BASE_SALARY"],
               ["8", "102", "1.0", "", "1.0", "YEARLY", "USD", "BASE_SALARY"]])
    write_csv(tmp_path / "companies" / "company_industries.csv", ["company_id", "industry"],
              [["7", "Software Development"], ["7", "IT Services and IT Consulting"]])
    return write_csv(tmp_path / "postings.csv", HEADER, ROWS)


def test_salary_and_industry_fall_back_to_companions(db, small_export):
    (result,) = ingest(db, [small_export])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 3, 0)
    assert "not found, loaded without: jobs/job_industries.csv, mappings/industries.csv" in result.notes
    first, second, third = (posting_at(db, "postings.csv", row) for row in (1, 2, 3))
    assert (first.salary_min_usd, first.salary_max_usd, first.salary_period) == (52_000, 52_000, "week")
    assert first.industry_raw == "Software Development"
    assert first.posted_date == pd.Timestamp("2024-01-15")
    # the row's own pay wins over salaries.csv
    assert (second.salary_min_usd, second.salary_max_usd, second.salary_period) == (104_000, 130_000, "biweek")
    assert (third.salary_min, third.salary_period) == (200, None) and pd.isna(third.salary_min_usd)
    assert pd.isna(third.posted_date)


def test_field_problems_are_recorded(db, small_export):
    ingest(db, [small_export])
    rejects = db.sql("SELECT source_row, field, raw_value, action FROM rejects ORDER BY field")
    assert rejects.values.tolist() == [
        [3, "original_listed_time", "1705276800.0", "field_cleared"],
        [3, "pay_period", "DAILY", "field_cleared"],
    ]


def test_companion_with_the_wrong_columns_is_named(db, small_export):
    write_csv(small_export.parent / "jobs" / "salaries.csv", ["salary_id", "job_id", "amount"], [["1", "101", "5"]])
    with pytest.raises(InputError, match=r"salaries\.csv: expected a LinkedIn jobs/salaries\.csv"):
        ingest(db, [small_export])
    assert db.sql("SELECT count(*) AS n FROM stored_postings").n[0] == 0


# --- 2018 California scrape ---------------------------------------------------------------------

@pytest.mark.parametrize("relative", [SCIENTIST, ANALYST])
def test_california_detected_by_header(relative):
    assert detect_format(probe_file(shared_file(relative))).name == "linkedin_california_2018"


# DuckDB's sniffer counts 976 records in DataScientist.csv: the header's first cell is empty and the
# index column is numeric, so it takes the header line for data. Reading with header = true gives 975.
# The rejected rows are placeholders holding only an index ('4,,,,,,,,' at DS rows 915, 973-975;
# ',,,,,,,' at DA rows 490, 845, 974, 975). Duplicates: pandas finds 2 (DS) and 1 (DA) rows repeating
# (title, company, location, description); in DS one more pair differs only in case or punctuation.
@pytest.mark.parametrize("relative, loaded, rejected, duplicate, rejected_rows", [
    (SCIENTIST, 968, 4, 3, [915, 973, 974, 975]),
    (ANALYST, 970, 4, 1, [490, 845, 974, 975]),
])
def test_california_rows_are_accounted_for(db, relative, loaded, rejected, duplicate, rejected_rows):
    (result,) = ingest(db, [shared_file(relative)])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_duplicate) == (
        975, loaded, rejected, duplicate)
    assert list(db.sql("SELECT source_row FROM rejects ORDER BY 1").source_row) == rejected_rows


@pytest.mark.parametrize("relative", [SCIENTIST, ANALYST])
def test_california_source_row_is_the_csv_record_number(db, relative):
    path = shared_file(relative)
    ingest(db, [path])
    titles = records(path, "title")
    stored = db.sql("SELECT source_row, title FROM stored_postings")
    assert len(stored) > 960
    assert all(titles[row - 1].strip() == title for row, title in zip(stored.source_row, stored.title))


def test_california_analyst_search_overlaps_the_scientist_search(db):
    ingest(db, [shared_file(ANALYST), shared_file(SCIENTIST)])
    counts = db.sql("SELECT file_name, rows_duplicate FROM sources ORDER BY file_id").values.tolist()
    # 240 DataScientist rows repeat a DataAnalyst posting and 2 more an earlier DataScientist row; one more
    # (row 225) repeats DataAnalyst row 354 with its line breaks lost ('depth analysisrequirements 2').
    assert counts == [["DataAnalyst.csv.gz", 1], ["DataScientist.csv.gz", 243]]


@pytest.mark.parametrize("file_name, title, company, state, industry, skills, seniority", [
    ("DataScientist.csv.gz", "Data Scientist, Machine Learning", "DoorDash", "CA", "Consumer Services",
     ["Engineering", "Information Technology"], "Entry level"),
    ("DataAnalyst.csv.gz", "Payments Data Analyst", "Logix Federal Credit Union", "CA",
     "Financial Services Banking Consumer Services", ["Analyst", "Product Management", "Research"],
     "Mid-Senior level"),
])
def test_california_first_row(db, file_name, title, company, state, industry, skills, seniority):
    ingest(db, [shared_file(f"{CALIFORNIA}/{file_name}")])
    posting = db.sql("SELECT * FROM stored_postings WHERE source_row = 1").iloc[0]
    assert (posting.title, posting.company, posting.state) == (title, company, state)
    assert (posting.industry_raw, list(posting.skills), posting.seniority_raw) == (industry, skills, seniority)
    assert posting.employment_type == "Full-time"
    assert pd.isna(posting.posted_date) and pd.isna(posting.salary_min_usd)
