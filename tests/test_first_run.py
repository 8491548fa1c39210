"""`careerlens report` on a fresh machine: builds the bundled default store, then the report."""

from click.testing import CliRunner

from careerlens.cli import main
from careerlens.db import open_database


def test_report_with_no_database_builds_the_default_and_says_what_it_did(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAREERLENS_DB", raising=False)
    result = CliRunner().invoke(main, ["report"])
    assert result.exit_code == 0, result.output
    index = tmp_path / "reports" / "index.html"
    assert f"report written: {index}" in result.output
    assert "building one from the bundled default" in result.output
    assert "synthetic demonstration corpus" in result.output
    assert "careerlens ingest" in result.output                     # what to do next
    page = index.read_text()
    assert "Synthetic demonstration data" in page and "May 2025" in page
    with open_database(tmp_path / "careerlens.duckdb", read_only=True) as db:
        counts = db.sql("SELECT (SELECT count(*) FROM postings) AS postings, "
                        "(SELECT count(DISTINCT posting_id) FROM posting_topics) AS labelled, "
                        "(SELECT count(*) FROM oews_wages) AS wages").iloc[0]
    assert counts.postings == 1500 and counts.labelled > 1000 and counts.wages > 20_000
    assert not list(tmp_path.glob(".careerlens-firstrun-*"))        # no half-built store left behind


def test_second_report_reuses_the_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAREERLENS_DB", raising=False)
    runner = CliRunner()
    assert runner.invoke(main, ["report"]).exit_code == 0
    again = runner.invoke(main, ["report"])
    assert again.exit_code == 0 and "building one" not in again.output
