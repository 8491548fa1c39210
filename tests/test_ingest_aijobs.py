"""aijobs.net salary survey and its Kaggle extracts: records kept as published, identical rows counted."""

import pandas as pd
import pytest

import careerlens
from careerlens import ingest
from careerlens.sources import detect_format, probe_file
from tests.conftest import shared_file

SURVEY = "aijobs_salaries/salaries.csv.gz"
KAGGLE_2022 = "kaggle_ds_salaries/ds_salaries.csv"
KAGGLE_2023 = "kaggle_ds_salaries/ds_salaries_2023.csv"

HEADER = ("work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,"
          "employee_residence,remote_ratio,company_location,company_size")


@pytest.fixture(scope="module")
def survey():
    """One store holding the three survey files (loaded once: about a second)."""
    with careerlens.open_database(":memory:") as db:
        results = ingest(db, [shared_file(SURVEY), shared_file(KAGGLE_2022), shared_file(KAGGLE_2023)])
        yield db, {r.path.name: r for r in results}


def record_at(db, file_name, row):
    return db.sql("SELECT * FROM salary_records WHERE source_file = ? AND source_row = ?",
                  [file_name, row]).iloc[0]


# Read by hand from the raw files (row = 1-based record number after the header).
@pytest.mark.parametrize("file_name, row, job_title, salary, currency, salary_usd, residence, company, level, remote", [
    ("salaries.csv.gz", 1, "Consultant", 120_000, "USD", 120_000, "PL", "PL", "EX", 0),
    ("salaries.csv.gz", 2, "Prompt Engineer", 65_000, "EUR", 68_421, "AT", "AT", "MI", 0),
    ("salaries.csv.gz", 60_572, "AI Architect", 800_000, "USD", 800_000, "CA", "CA", "MI", 100),  # the maximum
    ("salaries.csv.gz", 74_301, "Data Scientist", 7_000_000, "INR", 94_665, "IN", "IN", "SE", 50),  # the last
    ("ds_salaries.csv", 1, "Data Scientist", 70_000, "EUR", 79_833, "DE", "DE", "MI", 0),  # index 0
    ("ds_salaries.csv", 3, "Big Data Engineer", 85_000, "GBP", 109_024, "GB", "GB", "SE", 50),
    ("ds_salaries_2023.csv", 1, "Principal Data Scientist", 80_000, "EUR", 85_847, "ES", "ES", "SE", 100),
    ("ds_salaries_2023.csv", 3_755, "Data Science Manager", 7_000_000, "INR", 94_665, "IN", "IN", "SE", 50),
])
def test_records_are_stored_as_published(survey, file_name, row, job_title, salary, currency, salary_usd,
                                         residence, company, level, remote):
    db, _ = survey
    record = record_at(db, file_name, row)
    assert record.job_title == job_title
    assert (record.salary, record.salary_currency, record.salary_usd) == (salary, currency, salary_usd)
    assert (record.employee_country, record.company_country) == (residence, company)
    assert (record.experience_level, record.remote_ratio) == (level, remote)
    assert record.source == "aijobs" and record.salary_flag is None


@pytest.mark.parametrize("file_name, per_year", [
    # PROVENANCE.md of each folder
    ("salaries.csv.gz", {2020: 75, 2021: 218, 2022: 1_660, 2023: 8_522, 2024: 62_229, 2025: 1_597}),
    ("ds_salaries.csv", {2020: 72, 2021: 217, 2022: 318}),
    ("ds_salaries_2023.csv", {2020: 76, 2021: 230, 2022: 1_664, 2023: 1_785}),
])
def test_records_per_work_year_match_the_provenance(survey, file_name, per_year):
    db, _ = survey
    counts = db.sql("SELECT work_year, count(*) AS n FROM salary_records WHERE source_file = ? GROUP BY work_year",
                    [file_name])
    assert dict(zip(counts.work_year, counts.n)) == per_year


@pytest.mark.parametrize("file_name, rows, identical", [
    ("salaries.csv.gz", 74_301, 39_304),       # provenance: "39,304 rows are exact duplicates of another row"
    ("ds_salaries_2023.csv", 3_755, 1_171),    # provenance: "1,171 rows are exact duplicates"
    # The row index makes every line unique; without it, pandas' df.iloc[:, 1:].duplicated().sum() is 42.
    ("ds_salaries.csv", 607, 42),
])
def test_identical_rows_are_kept_and_counted(survey, file_name, rows, identical):
    db, results = survey
    result = results[file_name]
    assert (result.rows_read, result.rows_loaded, result.identical_records) == (rows, rows, identical)
    assert (result.rows_rejected, result.rows_duplicate) == (0, 0)
    source = db.sql("SELECT * FROM sources WHERE file_name = ?", [file_name]).iloc[0]
    assert source.identical_records == identical
    assert source.rows_loaded + source.rows_rejected + source.rows_duplicate == source.rows_read
    stored = db.sql("SELECT count(*) AS n, count(DISTINCT record_id) AS ids FROM salary_records "
                    "WHERE source_file = ?", [file_name]).iloc[0]
    assert stored.n == stored.ids == rows


def test_record_ids_are_stable_across_stores(survey):
    db, _ = survey
    with careerlens.open_database(":memory:") as other:
        ingest(other, [shared_file(KAGGLE_2023)])
        again = other.sql("SELECT source_row, record_id FROM salary_records ORDER BY source_row")
    first = db.sql("SELECT source_row, record_id FROM salary_records WHERE source_file = 'ds_salaries_2023.csv' "
                   "ORDER BY source_row")
    assert list(first.record_id) == list(again.record_id)


def test_data_scientist_maps_to_role_and_soc(survey):
    db, _ = survey
    record = record_at(db, "ds_salaries.csv", 1)
    assert record.job_title == "Data Scientist"
    assert (record.role, record.soc_code) == ("data_scientist", "15-2051")


def test_implausible_usd_salaries_are_flagged_not_dropped(survey):
    db, _ = survey
    record = record_at(db, "ds_salaries.csv", 177)   # index 176: Data Scientist, 58000 MXN = 2859 USD, MX
    assert (record.salary_usd, record.employee_country) == (2_859, "MX")
    assert record.salary_flag == "implausibly low for an annual salary"
    flagged = db.sql("SELECT count(*) AS n FROM salary_records WHERE source_file = 'ds_salaries.csv' "
                     "AND salary_flag IS NOT NULL").n[0]
    assert flagged == 12                              # salary_in_usd below 10,000 in 12 rows


@pytest.mark.parametrize("index_name", ["index", "n", "", "Unnamed: 0"])
def test_the_kaggle_2022_extract_loads_whatever_its_index_column_is_called(db, tmp_path, index_name):
    original = shared_file(KAGGLE_2022).read_text(encoding="utf-8")
    header, rest = original.split("\n", 1)
    assert header.startswith("index,")
    copy = tmp_path / "ds_salaries.csv"
    copy.write_text(index_name + header[len("index"):] + "\n" + rest, encoding="utf-8")
    assert detect_format(probe_file(copy)).name == "aijobs"
    (result,) = ingest(db, [copy])
    assert (result.rows_read, result.rows_loaded) == (607, 607)
    assert repr(index_name) in result.notes
    assert record_at(db, "ds_salaries.csv", 1).salary_usd == 79_833


def test_the_kaggle_2023_extract_is_detected():
    assert detect_format(probe_file(shared_file(KAGGLE_2023))).name == "aijobs"


def write_survey(tmp_path, *rows):
    path = tmp_path / "survey.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_bad_values_are_reported_and_the_rest_of_the_row_kept(db, tmp_path):
    path = write_survey(
        tmp_path,
        "2024,SE,FT,Data Engineer,lots,USD,150000,US,0,US,M",          # salary not a number
        "2024,SE,FT,,150000,USD,150000,US,0,US,M",                     # no job title
        "2024,EX,FT,Data Scientist,5000000,USD,5000000,NA,100,NA,L",   # NA is Namibia; salary implausible
        "2024,EX,FT,Data Scientist,5000000,USD,5000000,NA,100,NA,L",   # identical to the row above
        "2024,MI,FT,Data Analyst,90000,USD,90000,US,75%,US,S",         # remote ratio not a number
    )
    (result,) = ingest(db, [path])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.identical_records) == (5, 4, 1, 1)
    rejects = db.sql("SELECT source_row, field, coalesce(raw_value, '') AS raw_value, action FROM rejects "
                     "ORDER BY source_row")
    assert rejects.values.tolist() == [
        [1, "salary", "lots", "field_cleared"],
        [2, "job_title", "", "row_rejected"],
        [5, "remote_ratio", "75%", "field_cleared"],
    ]
    first = record_at(db, "survey.csv", 1)
    assert pd.isna(first.salary) and first.salary_usd == 150_000            # cleared; the USD figure kept
    namibia = record_at(db, "survey.csv", 3)
    assert (namibia.employee_country, namibia.company_country) == ("NA", "NA")
    assert namibia.salary_flag == "implausibly high for an annual salary"
    assert pd.isna(record_at(db, "survey.csv", 5).remote_ratio)
