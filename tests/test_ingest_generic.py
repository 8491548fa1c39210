"""Generic CSV, TSV, Parquet and JSONL files, read through a TOML mapping of their columns."""

import gzip
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from careerlens import InputError, ingest, open_database
from careerlens.cli import main
from careerlens.sources import detect_format, probe_file

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
JOBS_CSV = FIXTURES / "jobs.csv"                       # read through jobs.careerlens.toml, beside it
JOBS_JSONL = FIXTURES / "postings.jsonl"
JSONL_MAPPING = FIXTURES / "jsonl_columns.toml"
PARQUET_MAPPING = FIXTURES / "parquet_columns.toml"


def posting_at(db, file_name, row):
    return db.sql(
        "SELECT p.* FROM posting_occurrences o JOIN sources s USING (file_id) "
        "JOIN postings p USING (posting_id) WHERE s.file_name = ? AND o.source_row = ?",
        [file_name, row]).iloc[0]


def rejects_of(db, file_name):
    return db.sql("SELECT source_row, field, coalesce(raw_value, '') AS raw_value, action FROM rejects "
                  "WHERE file_name = ? "
                  "ORDER BY source_row", [file_name]).values.tolist()


def table_counts(db):
    return {t: int(db.sql(f"SELECT count(*) AS n FROM {t}").n[0])
            for t in ("sources", "rejects", "stored_postings", "posting_occurrences")}


# -- a CSV with its mapping beside it ------------------------------------------------------------

def test_a_mapping_beside_the_file_makes_it_recognisable():
    assert detect_format(probe_file(JOBS_CSV)).name == "generic"
    assert detect_format(probe_file(FIXTURES / "jobs.careerlens.toml")).kind == "companion"


def test_csv_rows_load_with_hand_checkable_values(db):
    (result,) = ingest(db, [JOBS_CSV])
    assert (result.format, result.rows_read, result.rows_loaded, result.rows_rejected) == ("generic", 5, 4, 1)
    first = posting_at(db, "jobs.csv", 1)              # AC-101, '$20-$25 Per Hour', posted 03/04/2024
    assert (first.source, first.source_key, first.title, first.company) == (
        "acme_jobs", "AC-101", "Data Scientist", "Northwind Analytics")
    assert (first.salary_min_usd, first.salary_max_usd) == (20 * 2080, 25 * 2080)   # 41,600 and 52,000
    assert first.salary_period == "hour" and first.salary_currency == "USD"
    assert first.posted_date == pd.Timestamp("2024-04-03")                         # %d/%m/%Y
    assert (first.role, first.soc_code, first.country, first.state) == ("data_scientist", "15-2051", "US", "TX")
    assert first.naics_sector == "52"                                               # Sector 'Banking'
    second = posting_at(db, "jobs.csv", 2)             # '$60K-$75K (Employer est.)', 15/01/2024
    assert (second.salary_min_usd, second.salary_max_usd, second.salary_period) == (60_000, 75_000, "year")
    assert second.posted_date == pd.Timestamp("2024-01-15")
    fourth = posting_at(db, "jobs.csv", 4)             # an ISO date needs no format
    assert fourth.posted_date == pd.Timestamp("2024-05-06")


def test_csv_problems_are_recorded_by_the_data_files_column_names(db):
    ingest(db, [JOBS_CSV])
    assert rejects_of(db, "jobs.csv") == [
        [3, "Posted", "31/02/2024", "field_cleared"],     # no 31 February
        [4, "Pay", "competitive", "field_cleared"],
        [5, "title", "", "row_rejected"],               # an empty row: no title, no description
    ]
    assert pd.isna(posting_at(db, "jobs.csv", 3).posted_date)


@pytest.mark.parametrize("name", ["jobs.csv.gz", "jobs.tsv"])
def test_gzip_and_tab_separated_files_read_the_same(db, tmp_path, name):
    text = JOBS_CSV.read_text(encoding="utf-8")
    data = tmp_path / name
    if name.endswith(".gz"):
        data.write_bytes(gzip.compress(text.encode("utf-8")))
    else:   # no cell holds a tab or needs quotes once the quoted commas are tabs
        rows = pd.read_csv(JOBS_CSV, dtype=str, keep_default_na=False)
        rows.to_csv(data, sep="\t", index=False, quoting=3)
    shutil.copy(FIXTURES / "jobs.careerlens.toml", tmp_path / "jobs.careerlens.toml")
    (result,) = ingest(db, [data])
    assert (result.rows_read, result.rows_loaded) == (5, 4)
    assert posting_at(db, name, 1).salary_max_usd == 52_000


# -- Parquet and JSON Lines, mapping given explicitly --------------------------------------------

@pytest.fixture
def parquet_file(tmp_path):
    frame = pd.DataFrame({
        "job_id": [501, 502],
        "title": ["Data Analyst", "Quantitative Analyst"],
        "body": ["Weekly sales reporting in SQL and Excel.", "Price options and validate risk models in Python."],
        "org": ["Copper Mill", "Granite Capital"],
        "place": ["Denver, CO", "New York, NY"],
        "posted_at": pd.to_datetime(["2024-07-01 09:30", "2024-08-15 00:00"]),
        "min_pay": [30.0, 28.5],
        "max_pay": [40.0, None],
    })
    path = tmp_path / "board.parquet"
    frame.to_parquet(path)
    return path


def test_parquet_numbers_with_a_fixed_period_become_annual_usd(db, parquet_file):
    (result,) = ingest(db, [parquet_file], source="generic", options={"mapping": PARQUET_MAPPING})
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    first = posting_at(db, "board.parquet", 1)
    assert (first.source, first.source_key, first.state) == ("parquet_board", "501", "CO")
    assert (first.salary_min_usd, first.salary_max_usd, first.salary_mid_usd) == (62_400, 83_200, 72_800)
    assert first.posted_date == pd.Timestamp("2024-07-01")          # a Parquet timestamp
    second = posting_at(db, "board.parquet", 2)                     # min only: the range is one figure
    assert (second.salary_min_usd, second.salary_max_usd) == (28.5 * 2080, 28.5 * 2080)


def test_jsonl_periods_and_currencies_from_columns(db):
    (result,) = ingest(db, [JOBS_JSONL], source="generic", options={"mapping": JSONL_MAPPING})
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (4, 4, 0)
    berlin = posting_at(db, "postings.jsonl", 1)      # 4000-5000 EUR a month in 2023; EUR 2023 = 1.0813 USD
    assert (berlin.source, berlin.country, berlin.salary_period, berlin.salary_kind) == ("generic", "DE", "month", "employer")
    assert berlin.salary_min_usd == pytest.approx(4000 * 12 * 1.0813)
    assert berlin.salary_max_usd == pytest.approx(5000 * 12 * 1.0813)
    leeds = posting_at(db, "postings.jsonl", 2)       # 2000 'gbp' a fortnight in 2024; GBP 2024 = 1.2781 USD
    assert (leeds.salary_currency, leeds.salary_period) == ("GBP", "biweek")
    assert leeds.salary_mid_usd == pytest.approx(2000 * 26 * 1.2781)
    no_currency = posting_at(db, "postings.jsonl", 3)
    assert pd.isna(no_currency.salary_min_usd) and pd.isna(no_currency.salary_kind)
    per_shift = posting_at(db, "postings.jsonl", 4)
    assert per_shift.salary_flag == "unknown pay period" and pd.isna(per_shift.salary_mid_usd)
    assert rejects_of(db, "postings.jsonl") == [
        [3, "currency", "60000", "field_cleared"],
        [4, "per", "per shift", "field_cleared"],
    ]


def test_column_names_reach_sql_only_as_values(db, tmp_path):
    odd = 'Pay "gross"; DROP TABLE sources; --'
    data = tmp_path / "odd.csv"
    pd.DataFrame({"Title": ["Data Engineer"], "Text": ["Build the warehouse loads."], odd: ["$50K-$70K"]}).to_csv(
        data, index=False)
    mapping = tmp_path / "odd.toml"
    mapping.write_text(f'[columns]\ntitle = "title"\ndescription = "Text"\n\n[salary]\ntext_column = """{odd}"""\n')
    ingest(db, [data], source="generic", options={"mapping": mapping})
    posting = posting_at(db, "odd.csv", 1)
    assert posting.title == "Data Engineer"               # 'title' matched 'Title': case is forgiven
    assert (posting.salary_min_usd, posting.salary_max_usd) == (50_000, 70_000)
    assert table_counts(db)["sources"] == 1


def test_the_cli_takes_the_mapping(tmp_path):
    db_path = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(JOBS_JSONL), "--source", "generic",
                                       "--mapping", str(JSONL_MAPPING), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    with open_database(db_path, read_only=True) as db:
        assert table_counts(db)["stored_postings"] == 4


# -- mapping errors: named file, key and line, and nothing loaded --------------------------------

GOOD_COLUMNS = '[columns]\ntitle = "Job Title"\ndescription = "About the role"\n'


@pytest.mark.parametrize("toml, key, line, words", [
    ('[columns]\ntitle = "Job Title\n', None, None, ["not valid TOML", "line 2"]),
    ('sauce = "hot"\n' + GOOD_COLUMNS, "sauce", 1, ["unknown key 'sauce'"]),
    (GOOD_COLUMNS + 'salary = "Pay"\n', "columns.salary", 4, ["unknown key 'salary' in [columns]"]),
    (GOOD_COLUMNS + '\n[salary]\nminimum = "Pay"\n', "salary.minimum", 6, ["unknown key 'minimum' in [salary]"]),
    ('[columns]\ndescription = "About the role"\n', "columns.title", None, ["must name the title column"]),
    ('[columns]\ntitle = "Job Title"\n', "columns.description", None, ["must name the description column"]),
    (GOOD_COLUMNS + 'company = "Employer Name"\n', "columns.company", 4,
     ["'Employer Name' is not in jobs.csv", "'Ref', 'Job Title', 'Employer', 'Sector'"]),
    (GOOD_COLUMNS + '\n[salary]\ntext_column = "Pay"\nmin_column = "Pay"\n', "salary.min_column", 7,
     ["either text_column or min_column"]),
    (GOOD_COLUMNS + '\n[salary]\nmin_column = "Pay"\ncurrency = "USD"\n', "salary", 5, ["need a period"]),
    (GOOD_COLUMNS + '\n[salary]\nmin_column = "Pay"\nperiod = "daily"\ncurrency = "USD"\n', "salary.period", 7,
     ["unknown pay period 'daily'", "hour"]),
    ('date_format = "%Q"\n' + GOOD_COLUMNS + 'date = "Posted"\n', "date_format", 1, ["not a strftime format"]),
    (GOOD_COLUMNS + 'title = "Again"\n', None, None, ["not valid TOML", "line 4"]),
])
def test_a_bad_mapping_names_file_key_and_line_and_loads_nothing(db, tmp_path, toml, key, line, words):
    ingest(db, [JOBS_JSONL], source="generic", options={"mapping": JSONL_MAPPING})
    before = table_counts(db)
    data = tmp_path / "jobs.csv"
    shutil.copy(JOBS_CSV, data)
    mapping = tmp_path / "bad_mapping.toml"
    mapping.write_text(toml, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest(db, [data], source="generic", options={"mapping": mapping})
    message = str(caught.value)
    assert "bad_mapping.toml" in message
    for expected in words:
        assert expected in message
    assert caught.value.field == key
    assert caught.value.row == line
    assert table_counts(db) == before


def test_a_generic_file_without_a_mapping_says_how_to_give_one(db, tmp_path):
    data = tmp_path / "board.csv"
    shutil.copy(JOBS_CSV, data)
    with pytest.raises(InputError, match=r"--mapping.*board\.careerlens\.toml"):
        ingest(db, [data], source="generic")
    assert table_counts(db)["sources"] == 0
