"""What `careerlens sql` and `careerlens rejects` print: a table, CSV, one JSON document, or JSON lines."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import careerlens
from careerlens.cli import main


FIXTURES = Path(__file__).parent / "fixtures" / "generic"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """tests/fixtures/generic/jobs.csv loaded: four postings, one dateless, and three rejects."""
    db_path = tmp_path_factory.mktemp("output") / "store.duckdb"
    with careerlens.open_database(db_path) as db:
        careerlens.ingest(db, [FIXTURES / "jobs.csv"])
    return db_path


def run(store, *args):
    result = CliRunner().invoke(main, [*map(str, args), "--db", str(store)])
    assert result.exit_code == 0, result.output
    return result.output


QUERY = ("SELECT title, posted_date, 1.50::DECIMAL(5, 2) AS fee, 'nan'::DOUBLE AS ratio FROM postings "
         "WHERE title LIKE 'Data%' ORDER BY title")


def test_json_is_one_document_an_array_of_objects_with_iso_dates(store):
    rows = json.loads(run(store, "sql", QUERY, "--format", "json"))
    assert rows == [
        {"title": "Data Analyst", "posted_date": "2024-01-15", "fee": 1.5, "ratio": None},
        {"title": "Data Scientist", "posted_date": "2024-04-03", "fee": 1.5, "ratio": None},
    ]


def test_jsonl_is_one_object_a_line(store):
    lines = run(store, "sql", QUERY, "--format", "jsonl").splitlines()
    assert [json.loads(line)["posted_date"] for line in lines] == ["2024-01-15", "2024-04-03"]


def test_an_empty_result_is_an_empty_array_or_no_lines(store):
    assert json.loads(run(store, "sql", "SELECT * FROM postings WHERE false", "--format", "json")) == []
    assert run(store, "sql", "SELECT * FROM postings WHERE false", "--format", "jsonl") == ""


def test_a_timestamp_keeps_its_time(store):
    (row,) = json.loads(run(store, "sql", "SELECT TIMESTAMP '2024-01-15 10:30:00' AS at", "--format", "json"))
    assert row == {"at": "2024-01-15T10:30:00"}


def test_rejects_print_as_json_too(store):
    rows = json.loads(run(store, "rejects", "--format", "json"))
    assert [(r["source_row"], r["field"], r["action"]) for r in rows] == [
        (3, "Posted", "field_cleared"), (4, "Pay", "field_cleared"), (5, "title", "row_rejected")]
    assert [json.loads(line) for line in run(store, "rejects", "--format", "jsonl").splitlines()] == rows


def test_an_unknown_format_is_bad_usage(store):
    result = CliRunner().invoke(main, ["sql", "SELECT 1", "--format", "yaml", "--db", str(store)])
    assert result.exit_code == 2 and "'yaml' is not one of 'table', 'csv', 'json', 'jsonl'" in result.output


@pytest.mark.parametrize("table, kept", [("wages", None), ("posting", 'Did you mean "postings"?')])
def test_a_table_that_does_not_exist_gets_the_public_views_not_a_system_table(store, table, kept):
    result = CliRunner().invoke(main, ["sql", f"SELECT * FROM {table}", "--db", str(store)])
    assert result.exit_code == 1
    assert f"Table with name {table} does not exist" in result.output
    assert ("The public views are board_postings, oews_wages, postings, salary_records, survey_releases; SHOW TABLES "
            "lists every table.") in result.output
    assert "pg_" not in result.output                    # DuckDB guessed pg_views for 'wages'
    assert kept is None or kept in result.output
