"""Hostile and broken input files, run through the real ``careerlens`` CLI against a store that already holds data.

Every file here is written by the test into ``tmp_path``; every posting text is our own. Each case states its
expected outcome, one of two:

* ``Refused``: exit code 1 (bad data) or 2 (bad usage), a one-line ``Error:`` naming the file, and where one
  exists the row (or line) and the field; the store is unchanged, table by table, in row count and content.
* ``Loaded``: the file loads, and every problem is recorded in ``rejects`` (``field_cleared`` /
  ``row_rejected``) or in the row's ``salary_flag``; what the file says verbatim (HTML, Vega expressions, SQL)
  is stored verbatim, as data.

Never a Python traceback.

=========================  ===========================================================================
case                       expected outcome
=========================  ===========================================================================
unbalanced_quote           refused, exit 1: row 2, field 'Job Title' (the quote opened there never closes)
stray_quote_same_line      refused, exit 1: row 2, field 'Job Title', "closed too late", "swallows"
unclosed_quote_at_end      refused, exit 1: row 2, field 'Job Description', "never closed"
semicolon_delimiter        loaded: the ';' dialect is recognised from the header (European Excel exports)
delimiter_changes_midway   refused, exit 1: row 2, "expected 7 fields, found 2", says it looks separated by ';'
bom                        loaded: the BOM is not part of the first column's name or value
latin1_text                refused, exit 1: row 2, field 'Company Name', names the byte, shows the text as
                           Windows-1252 would read it, and how to re-save it as UTF-8 (careerlens does not
                           guess encodings: a wrong guess would store wrong text without a word)
cp1252_text                refused, exit 1: row 2, field 'Job Description', as above (smart quotes, euro sign)
nul_byte                   loaded: the NUL is stored as written (the store keeps text verbatim; DuckDB text
                           holds it, and the report escapes what it shows)
megabyte_field             loaded: a 1,000,000-character description, intact
empty_file                 refused, exit 1: "the file is empty"
empty_file_forced          refused, exit 1: row 0, "the file is empty" (with --source glassdoor)
header_only                loaded: 0 rows read, the file recorded in sources
duplicate_column           refused, exit 1: row 0 (the header), field 'Job Title', "twice"
missing_column_detected    refused, exit 1: "cannot tell which format", shows the header
missing_column_forced      refused, exit 1: row 0, field 'Salary Estimate' (glassdoor forced)
missing_survey_column      refused, exit 1: row 0, field 'salary_in_usd' (aijobs forced)
unknown_source_name        refused, exit 2 (bad usage): names the known formats
row_too_short              refused, exit 1: row 2, field 'Company Name', "expected 7 fields, found 4"
row_too_wide               refused, exit 1: row 2, "found 8", not called truncated
salary_not_a_number        loaded: 'Salary Estimate' cleared, reject "salary not understood"
negative_salary_text       loaded: salary cleared, reject "negative salary"
survey_salary_words        loaded: salary and salary_usd cleared, rejects "not a non-negative number"
survey_negative_salary     loaded: salary and salary_usd cleared, rejects "not a non-negative number"
linkedin_salary_words      loaded: max_salary cleared, reject "salary is not a number"
generic_salary_words       loaded: 'Pay From' and 'Pay To' cleared, rejects "not a number"
generic_negative_salary    loaded: salary cleared, reject "negative salary"
120_per_year               loaded: salary_flag "implausibly low for an annual salary"
95000_per_hour             loaded: salary_flag "implausibly high for an annual salary"
linkedin_95000_hourly      loaded: salary_flag "implausibly high", and 120 YEARLY "implausibly low"
generic_95000_per_hour     loaded: salary_flag "implausibly high"
survey_120_usd             loaded: salary_flag "implausibly low"
generic_future_date        loaded: posted_date cleared, reject "date in the future"
generic_unparseable_date   loaded: posted_date cleared, reject "date not understood"
linkedin_future_date       loaded: posted_date cleared, rejects "date in the future" / "not a date in epoch ms"
survey_future_year         loaded: work_year cleared, reject "year in the future"
survey_unparseable_year    loaded: work_year cleared, reject "not a year"
truncated_gzip             refused, exit 1: "gzip stream is truncated", with the row where the stream breaks
oews_unknown_datatype      loaded: the line rejected (field 'datatype', "is not in oe.datatype"), the rest stored
oews_sheet_bad_wage        loaded: A_MEAN cleared, flags 'annual_mean:rejected', reject on field A_MEAN
oews_sheet_not_a_workbook  refused, exit 1: all_data_M_2025.xlsx, "cannot read the file's header"
generic_broken_jsonl       refused, exit 1: jobs.jsonl, "cannot read the file as JSON"
generic_not_parquet        refused, exit 1: jobs.parquet, "cannot read the file's header"
mapping_syntax_error       refused, exit 1: the sidecar .careerlens.toml, line 7 (tomllib's position)
mapping_unknown_key        refused, exit 1: the sidecar, line 12, field 'salary.colour'
mapping_missing_column     refused, exit 1: the sidecar, field 'columns.title', lists the data file's columns
curriculum_syntax_error    refused, exit 1 (careerlens train): the curriculum file, line 2
curriculum_unknown_key     refused, exit 1 (careerlens train): line 12, field 'module[1].topic[1].seed'
curriculum_latin1          refused, exit 1 (careerlens train): names the file, "not valid UTF-8"
markup_and_code_in_text    loaded: <script>, </script>, <img onerror=...>, Vega expressions and SQL stored verbatim
hostile_file_name          loaded: a file named with markup and a quote; its name stored verbatim
=========================  ===========================================================================
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb
import pytest
from click.testing import CliRunner

from careerlens.cli import main

GLASSDOOR_HEADER = ("Job Title", "Salary Estimate", "Job Description", "Company Name", "Location", "Industry",
                    "Sector")
SURVEY_HEADER = ("work_year", "experience_level", "employment_type", "job_title", "salary", "salary_currency",
                 "salary_in_usd", "employee_residence", "remote_ratio", "company_location", "company_size")
LINKEDIN_HEADER = ("job_id", "company_name", "title", "description", "max_salary", "med_salary", "min_salary",
                   "pay_period", "currency", "location", "company_id", "formatted_work_type",
                   "formatted_experience_level", "remote_allowed", "original_listed_time")
GENERIC_HEADER = ("Ref", "Role", "About", "Posted", "Pay From", "Pay To", "Unit")
GENERIC_MAPPING = """\
source = "hostile_board"
[columns]
id = "Ref"
title = "Role"
description = "About"
date = "Posted"
[salary]
min_column = "Pay From"
max_column = "Pay To"
period_column = "Unit"
currency = "USD"
"""
APRIL_2024_MS = "1713400000000.0"
#: Rows of the file under test only (the store already holds two files, see ``baseline_store``).
NEW = "source_file NOT IN ('glassdoor_jobs.csv', 'ds_salaries.csv')"


def csv_line(*cells: str, delimiter: str = ",") -> str:
    """One CSV record, quoting only the cells that need it."""
    def quoted(cell):
        if any(ch in cell for ch in (delimiter, '"', "\n")):
            return '"' + cell.replace('"', '""') + '"'
        return cell
    return delimiter.join(quoted(c) for c in cells) + "\n"


def glassdoor_row(n: int, *, title="Data Analyst", salary="$50K-$60K (Glassdoor est.)", description=None,
                  company="Northwind Data", location="Austin, TX", industry="Banking", sector="Finance") -> tuple:
    description = description or f"Posting {n}: build weekly dashboards in SQL and explain them to the sales team."
    return (title, salary, description, company, location, industry, sector)


def glassdoor_text(*rows: tuple, delimiter=",") -> str:
    return csv_line(*GLASSDOOR_HEADER, delimiter=delimiter) + "".join(csv_line(*r, delimiter=delimiter)
                                                                      for r in rows)


def survey_row(*, year="2024", title="Data Scientist", salary="150000", usd="150000") -> tuple:
    return (year, "SE", "FT", title, salary, "USD", usd, "US", "0", "US", "M")


def survey_text(*rows: tuple) -> str:
    return csv_line(*SURVEY_HEADER) + "".join(csv_line(*r) for r in rows)


def linkedin_row(n: int, *, max_salary="", min_salary="", period="", listed=APRIL_2024_MS) -> tuple:
    return (str(1000 + n), "Contoso Analytics", "Data Engineer",
            f"Role {n}: move data between warehouses with Python and dbt.",
            max_salary, "", min_salary, period, "USD" if period else "", "Austin, TX", "77", "Full-time",
            "Mid-Senior level", "0", listed)


def linkedin_text(*rows: tuple) -> str:
    return csv_line(*LINKEDIN_HEADER) + "".join(csv_line(*r) for r in rows)


def generic_row(n: int, *, posted="2024-02-02", pay_from="50000", pay_to="60000", unit="year") -> tuple:
    return (f"R{n}", "Data Analyst", f"Advert {n}: report on churn with SQL and spreadsheets.", posted,
            pay_from, pay_to, unit)


def generic_files(folder: Path, *rows: tuple, mapping: str = GENERIC_MAPPING) -> Path:
    """A generic CSV with its sidecar mapping beside it (so it is recognised without --source)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "jobs.careerlens.toml").write_text(mapping)
    data = folder / "jobs.csv"
    data.write_text(csv_line(*GENERIC_HEADER) + "".join(csv_line(*r) for r in rows))
    return data


OEWS_DIMENSIONS = {
    "oe.area": "area_code\tareatype_code\tarea_name\n0000000\tN\tNational\n",
    "oe.industry": "industry_code\tindustry_name\tdisplay_level\n000000\tCross-industry\t0\n",
    "oe.occupation": "occupation_code\toccupation_name\tdisplay_level\n152051\tData Scientists\t3\n",
    "oe.datatype": ("datatype_code\tdatatype_name\n01\tEmployment\n03\tHourly mean wage\n04\tAnnual mean wage\n"
                    "08\tHourly median wage\n11\tAnnual 10th percentile wage\n12\tAnnual 25th percentile wage\n"
                    "13\tAnnual median wage\n14\tAnnual 75th percentile wage\n15\tAnnual 90th percentile wage\n"),
    "oe.footnote": "footnote_code\tfootnote_text\n5\tThis wage is equal to or greater than $115.00 per hour.\n",
}


def oews_series_folder(folder: Path, *lines: tuple[str, str]) -> Path:
    """A BLS time-series folder: our own dimension files and data lines (datatype code, value)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in OEWS_DIMENSIONS.items():
        (folder / name).write_text(text)
    data = folder / "oe.data.0.Current"
    data.write_text("series_id\tyear\tperiod\tvalue\tfootnote_codes\n" + "".join(
        f"{'OEUN0000000000000152051' + code:<30}\t2025\tA01\t{value:>12}\t\n" for code, value in lines))
    return data


SHEET_HEADER = ("AREA", "AREA_TITLE", "AREA_TYPE", "NAICS", "NAICS_TITLE", "OCC_CODE", "OCC_TITLE", "TOT_EMP",
                "H_MEAN", "A_MEAN", "H_MEDIAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")


def sheet_row(area, title, area_type, a_mean) -> tuple:
    return (area, title, area_type, "000000", "Cross-industry", "15-2051", "Data Scientists", "1,000", "60.00",
            a_mean, "57.00", "60,000", "80,000", "110,000", "150,000", "190,000")


CURRICULUM = """\
[programme]
name = "Hostile test certificate"

[[module]]
name = "Statistics"
hours = 30

[[module.topic]]
id = "regression"
name = "Regression"
description = "Fitting linear models."
seeds = ["linear regression", "regression analysis"]
"""


# -- expected outcomes --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Refused:
    """The command fails cleanly and the store is unchanged."""

    file: str | None                  # a name the message must contain
    says: str                         # a phrase the message must contain
    row: str | None = None            # e.g. "row 2" or "line 6"
    field: str | None = None
    exit_code: int = 1


@dataclass(frozen=True)
class Loaded:
    """The file loads; every problem is a reject or a salary flag, and the text is kept verbatim."""

    rows_loaded: int
    rejects: frozenset = frozenset()   # {(source_row, field, reason phrase, action)}
    flags: dict = field(default_factory=dict)   # {source_row: salary_flag phrase}
    sql: str | None = None             # a query on the store ...
    expect: list | None = None         # ... and its exact result


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], list]      # writes the files into tmp_path, returns the CLI arguments
    outcome: object
    marks: tuple = ()


def ingest_args(path, *extra) -> list:
    return ["ingest", str(path), *extra]


def write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def truncated_gzip(tmp: Path) -> list:
    rows = [glassdoor_row(n, description=f"Posting {n}: {hashlib.sha256(str(n).encode()).hexdigest()}")
            for n in range(1, 2001)]
    whole = gzip.compress(glassdoor_text(*rows).encode())
    return ingest_args(write(tmp / "DataAnalyst.csv.gz", whole[: len(whole) // 2]))


def curriculum_args(tmp: Path, text, name="programme.toml") -> list:
    return ["train", "--curriculum", str(write(tmp / name, text))]


MARKUP_TITLE = "<script>window.__pwned = 1</script>Data Scientist"
MARKUP_DESCRIPTION = ('Apply here: <img src=x onerror="window.__pwned=1"> </script><script>alert(1)</script> '
                      '{"signal": "x", "update": "window.__pwned = 1"} datum.title + alert(1) {{datum.x}} '
                      "'); DROP TABLE stored_postings; -- and \" OR 1=1 --")
MARKUP_COMPANY = "Robert'); DROP TABLE sources;--"

CASES = [
    Case("unbalanced_quote",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1)).replace(
             "\n", "\n", 1) + '"Data Scientist,$50K,no closing quote,Acme,Austin,Banking,Finance\n'
             + csv_line(*glassdoor_row(3)))),
         Refused("DataAnalyst.csv", "never closed", row="row 2", field="Job Title")),
    Case("stray_quote_same_line",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1))
                                       + '"Data Scientist,$90K,Fit models,Acme,"Austin, TX",Banking,Finance\n'
                                       + csv_line(*glassdoor_row(3)))),
         Refused("DataAnalyst.csv", "closed too late", row="row 2", field="Job Title")),
    Case("unclosed_quote_at_end",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1))
                                       + 'Data Scientist,$90K,"Fit models and\n')),
         Refused("DataAnalyst.csv", "never closed", row="row 2", field="Job Description")),
    Case("semicolon_delimiter",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1), glassdoor_row(2, title="Data Engineer"), delimiter=";"))),
         Loaded(2, sql=f"SELECT source_row, title, company, salary_min_usd FROM postings WHERE {NEW} "
                       "ORDER BY source_row",
                expect=[(1, "Data Analyst", "Northwind Data", 50000.0),
                        (2, "Data Engineer", "Northwind Data", 50000.0)])),
    Case("delimiter_changes_midway",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1))
                                       + csv_line(*glassdoor_row(2), delimiter=";"))),
         Refused("DataAnalyst.csv", "separated by ';'", row="row 2")),
    Case("bom",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", b"\xef\xbb\xbf"
                                       + glassdoor_text(glassdoor_row(1)).encode())),
         Loaded(1, sql=f"SELECT title, salary_max_usd FROM postings WHERE {NEW}", expect=[("Data Analyst", 60000.0)])),
    Case("latin1_text",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1), glassdoor_row(2, company="Café Zürich Analytics")).encode("latin-1"))),
         Refused("DataAnalyst.csv", "not valid UTF-8: byte 0xE9 in this field (read as Windows-1252 it would say "
                 "'Café Zürich Analytics')", row="row 2", field="Company Name")),
    Case("cp1252_text",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1), glassdoor_row(2, description="We pay \u20ac60k and say \u201cthanks\u201d.")
         ).encode("cp1252"))),
         Refused("DataAnalyst.csv", "it would say 'We pay €60k and say “thanks”.'", row="row 2",
                 field="Job Description")),
    Case("nul_byte",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, description="Write SQL\x00 every day."), glassdoor_row(2)))),
         Loaded(2, sql=f"SELECT source_row, description FROM postings WHERE {NEW} ORDER BY source_row",
                expect=[(1, "Write SQL\x00 every day."),
                        (2, glassdoor_row(2)[2])])),
    Case("megabyte_field",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, description="SQL " * 250_000), glassdoor_row(2)))),
         Loaded(2, sql=f"SELECT source_row, length(description) FROM postings WHERE {NEW} ORDER BY source_row",
                expect=[(1, 999_999), (2, len(glassdoor_row(2)[2]))])),
    Case("empty_file",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", b"")),
         Refused("DataAnalyst.csv", "the file is empty")),
    Case("empty_file_forced",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", b""), "--source", "glassdoor"),
         Refused("DataAnalyst.csv", "the file is empty", row="row 0")),
    Case("header_only",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text())),
         Loaded(0, sql="SELECT file_name, rows_read FROM sources WHERE file_name = 'DataAnalyst.csv'",
                expect=[("DataAnalyst.csv", 0)])),
    Case("duplicate_column",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", csv_line(*GLASSDOOR_HEADER, "Job Title")
                                       + csv_line(*glassdoor_row(1), "Analyst"))),
         Refused("DataAnalyst.csv", "twice", row="row 0", field="Job Title")),
    Case("missing_column_detected",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", csv_line(*GLASSDOOR_HEADER[:1], *GLASSDOOR_HEADER[2:])
                                       + csv_line(*glassdoor_row(1)[:1], *glassdoor_row(1)[2:]))),
         Refused("DataAnalyst.csv", "cannot tell which format")),
    Case("missing_column_forced",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", csv_line(*GLASSDOOR_HEADER[:1], *GLASSDOOR_HEADER[2:])
                                       + csv_line(*glassdoor_row(1)[:1], *glassdoor_row(1)[2:])),
                                 "--source", "glassdoor"),
         Refused("DataAnalyst.csv", "no column", row="row 0", field="Salary Estimate")),
    Case("missing_survey_column",
         lambda tmp: ingest_args(write(tmp / "salaries.csv",
                                       csv_line(*(c for c in SURVEY_HEADER if c != "salary_in_usd"))
                                       + csv_line(*(v for i, v in enumerate(survey_row()) if i != 6))),
                                 "--source", "aijobs"),
         Refused("salaries.csv", "no column", row="row 0", field="salary_in_usd")),
    Case("unknown_source_name",
         lambda tmp: ingest_args(write(tmp / "salaries.csv", survey_text(survey_row())), "--source", "glasdoor"),
         Refused(None, "glassdoor", exit_code=2)),
    Case("row_too_short",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1))
                                       + csv_line(*glassdoor_row(2)[:4]) + csv_line(*glassdoor_row(3)))),
         Refused("DataAnalyst.csv", "expected 7 fields, found 4", row="row 2", field="Company Name")),
    Case("row_too_wide",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1))
                                       + csv_line(*glassdoor_row(2), "surplus"))),
         Refused("DataAnalyst.csv", "found 8", row="row 2")),
    Case("salary_not_a_number",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, salary="competitive"), glassdoor_row(2)))),
         Loaded(2, rejects={(1, "Salary Estimate", "salary not understood", "field_cleared")})),
    Case("negative_salary_text",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, salary="-$50K-$60K (Glassdoor est.)"), glassdoor_row(2)))),
         Loaded(2, rejects={(1, "salary", "negative salary", "field_cleared")},
                sql=f"SELECT source_row, salary_min_usd FROM postings WHERE {NEW} ORDER BY source_row",
                expect=[(1, None), (2, 50000.0)])),
    Case("survey_salary_words",
         lambda tmp: ingest_args(write(tmp / "salaries.csv", survey_text(
             survey_row(salary="lots", usd="plenty"), survey_row(title="Data Analyst")))),
         Loaded(2, rejects={(1, "salary", "not a non-negative number", "field_cleared"),
                            (1, "salary_usd", "not a non-negative number", "field_cleared")})),
    Case("survey_negative_salary",
         lambda tmp: ingest_args(write(tmp / "salaries.csv", survey_text(
             survey_row(salary="-5000", usd="-5000"), survey_row(title="Data Analyst")))),
         Loaded(2, rejects={(1, "salary", "not a non-negative number", "field_cleared"),
                            (1, "salary_usd", "not a non-negative number", "field_cleared")})),
    Case("linkedin_salary_words",
         lambda tmp: ingest_args(write(tmp / "postings.csv", linkedin_text(
             linkedin_row(1, max_salary="lots", min_salary="100000", period="YEARLY"), linkedin_row(2)))),
         Loaded(2, rejects={(1, "max_salary", "salary is not a number", "field_cleared")})),
    Case("generic_salary_words",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1, pay_from="fifty", pay_to="sixty"),
                                               generic_row(2))),
         Loaded(2, rejects={(1, "Pay From", "not a number", "field_cleared"),
                            (1, "Pay To", "not a number", "field_cleared")})),
    Case("generic_negative_salary",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1, pay_from="-50000"), generic_row(2))),
         Loaded(2, rejects={(1, "salary", "negative salary", "field_cleared")})),
    Case("120_per_year",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, salary="$120 per year"), glassdoor_row(2)))),
         Loaded(2, flags={1: "implausibly low for an annual salary"})),
    Case("95000_per_hour",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, salary="$95,000 per hour"), glassdoor_row(2)))),
         Loaded(2, flags={1: "implausibly high for an annual salary"})),
    Case("linkedin_95000_hourly",
         lambda tmp: ingest_args(write(tmp / "postings.csv", linkedin_text(
             linkedin_row(1, max_salary="95000", min_salary="95000", period="HOURLY"),
             linkedin_row(2, max_salary="120", min_salary="120", period="YEARLY")))),
         Loaded(2, flags={1: "implausibly high", 2: "implausibly low"})),
    Case("generic_95000_per_hour",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1, pay_from="95000", pay_to="95000",
                                                                           unit="hour"), generic_row(2))),
         Loaded(2, flags={1: "implausibly high"})),
    Case("survey_120_usd",
         lambda tmp: ingest_args(write(tmp / "salaries.csv", survey_text(
             survey_row(salary="120", usd="120"), survey_row(title="Data Analyst")))),
         Loaded(2, flags={1: "implausibly low"})),
    Case("generic_future_date",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1, posted="2099-01-01"), generic_row(2))),
         Loaded(2, rejects={(1, "posted_date", "date in the future", "field_cleared")},
                sql=f"SELECT source_row, posted_date::VARCHAR FROM postings WHERE {NEW} ORDER BY source_row",
                expect=[(1, None), (2, "2024-02-02")])),
    Case("generic_unparseable_date",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1, posted="31/31/2024"), generic_row(2))),
         Loaded(2, rejects={(1, "Posted", "date not understood", "field_cleared")})),
    Case("linkedin_future_date",
         lambda tmp: ingest_args(write(tmp / "postings.csv", linkedin_text(
             linkedin_row(1, listed="4000000000000.0"), linkedin_row(2, listed="99999999999999"),
             linkedin_row(3)))),
         Loaded(3, rejects={(1, "posted_date", "date in the future", "field_cleared"),
                            (2, "original_listed_time", "not a date in epoch milliseconds", "field_cleared")})),
    Case("survey_future_year",
         lambda tmp: ingest_args(write(tmp / "salaries.csv", survey_text(
             survey_row(year="2099"), survey_row(title="Data Analyst")))),
         Loaded(2, rejects={(1, "work_year", "year in the future", "field_cleared")},
                sql=f"SELECT source_row, work_year FROM salary_records WHERE {NEW} ORDER BY source_row",
                expect=[(1, None), (2, 2024)])),
    Case("survey_unparseable_year",
         lambda tmp: ingest_args(write(tmp / "salaries.csv", survey_text(
             survey_row(year="next year"), survey_row(title="Data Analyst")))),
         Loaded(2, rejects={(1, "work_year", "not a year", "field_cleared")})),
    Case("truncated_gzip", truncated_gzip,
         Refused("DataAnalyst.csv.gz", "gzip stream is truncated")),
    Case("oews_unknown_datatype",
         lambda tmp: ingest_args(oews_series_folder(tmp / "oe", ("01", "1000"), ("04", "126800"), ("77", "5"))),
         Loaded(2, rejects={(3, "datatype", "datatype code 77 is not in oe.datatype", "row_rejected")},
                sql="SELECT soc_code, employment, annual_mean FROM oews_wages WHERE release = 'May 2025'",
                expect=[("15-2051", 1000.0, 126800.0)])),
    Case("oews_sheet_bad_wage",
         lambda tmp: ingest_args(write(tmp / "all_data_M_2025.csv", csv_line(*SHEET_HEADER)
                                       + csv_line(*sheet_row("99", "U.S.", "1", "lots of money"))
                                       + csv_line(*sheet_row("06", "California", "2", "150,000")))),
         Loaded(2, rejects={(1, "A_MEAN", "", "field_cleared")},
                sql="SELECT area_code, annual_mean, list_contains(flags, 'annual_mean:rejected') FROM oews_wages "
                    "WHERE release = 'May 2025' ORDER BY area_code",
                expect=[("0000000", None, True), ("0600000", 150000.0, False)])),
    Case("oews_sheet_not_a_workbook",
         lambda tmp: ingest_args(write(tmp / "all_data_M_2025.xlsx", b"PK\x03\x04" + bytes(range(256)) * 8)),
         Refused("all_data_M_2025.xlsx", "cannot read the file's header")),
    Case("generic_broken_jsonl",
         lambda tmp: ingest_args(write(tmp / "board" / "jobs.jsonl",
                                       '{"Role": "Data Analyst", "About": "SQL reports."}\n{"Role": "Data Sci\n'),
                                 "--mapping", str(write(tmp / "map.toml", '[columns]\ntitle = "Role"\n'
                                                                           'description = "About"\n'))),
         Refused("jobs.jsonl", "cannot read the file as JSON")),
    Case("generic_not_parquet",
         lambda tmp: ingest_args(write(tmp / "board" / "jobs.parquet", b"PAR1" + b"\x00" * 64),
                                 "--mapping", str(write(tmp / "map.toml", '[columns]\ntitle = "Role"\n'
                                                                           'description = "About"\n'))),
         Refused("jobs.parquet", "cannot read the file's header")),
    Case("mapping_syntax_error",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1),
                                               mapping=GENERIC_MAPPING.replace("[salary]", "[salary"))),
         Refused("jobs.careerlens.toml", "not valid TOML", row="line 7")),
    Case("mapping_unknown_key",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1),
                                               mapping=GENERIC_MAPPING + 'colour = "red"\n')),
         Refused("jobs.careerlens.toml", "unknown key 'colour'", row="line 12", field="salary.colour")),
    Case("mapping_missing_column",
         lambda tmp: ingest_args(generic_files(tmp / "board", generic_row(1),
                                               mapping=GENERIC_MAPPING.replace('"Role"', '"Job Role"'))),
         Refused("jobs.careerlens.toml", "column 'Job Role' is not in jobs.csv", field="columns.title")),
    Case("curriculum_syntax_error",
         lambda tmp: curriculum_args(tmp, CURRICULUM.replace('name = "Hostile', 'name = Hostile')),
         Refused("programme.toml", "not valid TOML", row="line 2")),
    Case("curriculum_unknown_key",
         lambda tmp: curriculum_args(tmp, CURRICULUM.replace("seeds =", "seed =")),
         Refused("programme.toml", "unknown key 'seed'", row="line 12", field="module[1].topic[1].seed")),
    Case("curriculum_latin1",
         lambda tmp: curriculum_args(tmp, CURRICULUM.replace("Fitting", "Régression: fitting").encode("latin-1")),
         Refused("programme.toml", "not valid UTF-8")),
    Case("markup_and_code_in_text",
         lambda tmp: ingest_args(write(tmp / "DataAnalyst.csv", glassdoor_text(
             glassdoor_row(1, title=MARKUP_TITLE, description=MARKUP_DESCRIPTION, company=MARKUP_COMPANY),
             glassdoor_row(2)))),
         Loaded(2, sql=f"SELECT title, description, company FROM postings WHERE {NEW} AND source_row = 1",
                expect=[(MARKUP_TITLE, MARKUP_DESCRIPTION, MARKUP_COMPANY)])),
    Case("hostile_file_name",
         lambda tmp: ingest_args(write(tmp / "<img src=x onerror=alert(1)> '; DROP TABLE sources; --.csv",
                                       glassdoor_text(glassdoor_row(1)))),
         Loaded(1, sql="SELECT count(*) FROM sources WHERE file_name LIKE '<img src=x onerror=alert(1)> ''; DROP%'",
                expect=[(1,)])),
]


# -- the store every case runs against ------------------------------------------------------------------

@pytest.fixture(scope="module")
def baseline_store(tmp_path_factory):
    """A store file already holding postings and survey records (our own text), built once per module."""
    folder = tmp_path_factory.mktemp("baseline")
    db = folder / "careerlens.duckdb"
    postings = write(folder / "glassdoor_jobs.csv", glassdoor_text(
        glassdoor_row(101, title="Senior Data Scientist", salary="$120K-$150K (Glassdoor est.)"),
        glassdoor_row(102, title="Machine Learning Engineer", salary="$60-$70 Per Hour(Glassdoor est.)")))
    survey = write(folder / "ds_salaries.csv", survey_text(survey_row(), survey_row(title="ML Engineer")))
    result = CliRunner().invoke(main, ["ingest", str(postings), str(survey), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def snapshot(db_path: Path) -> dict:
    """Every table's row count and a checksum of its content (order-independent)."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name").fetchall()]
        return {t: con.execute(
            f'SELECT count(*), md5(coalesce(string_agg(h, \'\' ORDER BY h), \'\')) '
            f'FROM (SELECT md5(CAST(x AS VARCHAR)) AS h FROM "{t}" AS x)').fetchone() for t in tables}
    finally:
        con.close()


def run_cli(args, db: Path):
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def query(db: Path, sql: str):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name, marks=c.marks) for c in CASES])
def test_hostile_input(case, baseline_store, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(baseline_store, db)
    before = snapshot(db)
    before_bytes = hashlib.sha256(db.read_bytes()).hexdigest()
    args = case.build(tmp_path)
    result = run_cli(args, db)
    outcome = case.outcome
    if isinstance(outcome, Refused):
        assert result.exit_code == outcome.exit_code, result.output
        # A slow load may print a progress label first (DuckDB reports progress after about 2 s); the
        # refusal is the last thing said.
        message = result.output.strip()
        assert "Error:" in message or result.exit_code == 2, message
        if "Error:" in message:
            message = message[message.index("Error:"):]
        assert outcome.says in message, message
        for part in (outcome.file, outcome.row, outcome.field and f"field {outcome.field!r}"):
            if part:
                assert part in message, message
        assert snapshot(db) == before
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before_bytes   # not even a page rewritten
        return

    assert result.exit_code == 0, result.output
    after = snapshot(db)
    file_id = max(r[0] for r in query(db, "SELECT file_id FROM sources"))
    (loaded, read, rejected, duplicate), = query(
        db, f"SELECT rows_loaded, rows_read, rows_rejected, rows_duplicate FROM sources WHERE file_id = {file_id}")
    assert loaded == outcome.rows_loaded and loaded + rejected + duplicate == read
    # what the store held before is still there, untouched
    for table in ("stored_postings", "stored_salary_records", "posting_occurrences"):
        assert query(db, f"SELECT count(*) FROM {table} WHERE file_id < {file_id}")[0][0] == before[table][0]
    assert after["sources"][0] == before["sources"][0] + 1
    rejects = query(db, f"SELECT source_row, field, reason, action FROM rejects WHERE file_id = {file_id}")
    expected = sorted(outcome.rejects)
    assert len(rejects) == len(expected), rejects
    for (row, fld, phrase, action), got in zip(expected, sorted(rejects, key=lambda r: (r[0] or 0, r[1]))):
        assert (got[0], got[1], got[3]) == (row, fld, action) and phrase in got[2], (got, expected)
    flags = dict(query(db, f"SELECT source_row, salary_flag FROM stored_postings WHERE file_id = {file_id} "
                           f"AND salary_flag IS NOT NULL UNION ALL SELECT source_row, salary_flag "
                           f"FROM stored_salary_records WHERE file_id = {file_id} AND salary_flag IS NOT NULL"))
    assert set(flags) == set(outcome.flags), flags
    for row, phrase in outcome.flags.items():
        assert phrase in flags[row]
    if outcome.sql:
        assert query(db, outcome.sql) == outcome.expect


def test_every_case_is_in_the_docstring_table():
    documented = {line.split()[0] for line in __doc__.splitlines()
                  if line and not line.startswith(("=", "case", " ")) and "  " in line}
    assert documented >= {c.name for c in CASES}


def test_a_refusal_through_the_installed_command_prints_no_traceback(baseline_store, tmp_path):
    """The real console script, in its own process: the message and exit code a user sees."""
    import subprocess
    import sys

    db = tmp_path / "store.duckdb"
    shutil.copy(baseline_store, db)
    bad = write(tmp_path / "DataAnalyst.csv", glassdoor_text(glassdoor_row(1), glassdoor_row(
        2, company="Café Zürich Analytics")).encode("latin-1"))
    command = Path(sys.executable).with_name("careerlens")
    if not command.exists():
        pytest.skip(f"no careerlens console script beside {sys.executable}")
    done = subprocess.run([str(command), "ingest", str(bad), "--db", str(db)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.startswith("Error: ") and "row 2" in done.stderr and "Company Name" in done.stderr
