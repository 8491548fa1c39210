"""`careerlens report` on a fresh machine: builds the bundled default store, then the report.

And the first-run trap: no command that fails, or only reads, leaves a database
file behind (which would stop `report` from building the default), and `report`
on a store with nothing to show says what to run, with commands that work from
any folder.
"""

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

import careerlens
from careerlens.cli import main
from careerlens.db import open_database
from careerlens.resources import data_file

FIXTURES = Path(__file__).parent / "fixtures"


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


# -- the first-run trap: nothing that fails, or only reads, leaves a database behind -------------------------


def run_in(folder, monkeypatch, *args):
    monkeypatch.chdir(folder)
    monkeypatch.delenv("CAREERLENS_DB", raising=False)
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def inputs(tmp_path):
    """A folder with an unreadable file, an empty folder and a folder of OEWS dimension files only."""
    (tmp_path / "unknown.csv").write_text("a,b\n1,2\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "README.md").write_text("notes\n")
    (tmp_path / "dimensions").mkdir()
    (tmp_path / "dimensions" / "oe.area").write_bytes((FIXTURES / "oews" / "series" / "oe.area").read_bytes())
    return tmp_path


@pytest.mark.parametrize("args, code, message", [
    (["ingest", "unknown.csv"], 1, "unknown.csv: cannot tell which format this is"),
    (["ingest", "empty"], 1, "empty: nothing to load: no files in it"),
    (["ingest", "dimensions"], 1, "nothing loadable"),
    (["classify"], 2, "no trained classifier in the database: run `careerlens train` first"),
    (["train"], 1, "no postings to learn from"),
    (["normalise"], 1, "no careerlens database at careerlens.duckdb"),
    (["sources"], 1, "no careerlens database at careerlens.duckdb"),
    (["rejects"], 1, "no careerlens database at careerlens.duckdb"),
    (["sql", "SELECT 1"], 1, "no careerlens database at careerlens.duckdb"),
    (["unmapped", "titles"], 1, "no careerlens database at careerlens.duckdb"),
])
def test_a_command_that_fails_or_only_reads_leaves_no_database(inputs, monkeypatch, args, code, message):
    result = run_in(inputs, monkeypatch, *args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert not list(inputs.glob("careerlens.duckdb*"))


def test_after_a_failed_first_ingest_report_still_builds_the_default(inputs, monkeypatch):
    assert run_in(inputs, monkeypatch, "ingest", "unknown.csv").exit_code == 1
    result = run_in(inputs, monkeypatch, "report")
    assert result.exit_code == 0, result.output
    assert "building one from the bundled default" in result.output


def test_a_failure_keeps_a_database_that_existed_or_that_holds_what_loaded_before_it(inputs, monkeypatch):
    careerlens.open_database(inputs / "careerlens.duckdb").close()           # existed, empty
    assert run_in(inputs, monkeypatch, "ingest", "unknown.csv").exit_code == 1
    assert (inputs / "careerlens.duckdb").exists()
    demo = inputs / "demo"
    demo.mkdir()
    with data_file("demo", "demo_postings.csv") as postings, data_file("demo", "demo_postings.careerlens.toml") as toml:
        (demo / "a_postings.csv").write_bytes(postings.read_bytes())
        (demo / "a_postings.careerlens.toml").write_bytes(toml.read_bytes())
    (demo / "z_unknown.csv").write_text("a,b\n1,2\n")
    result = run_in(inputs, monkeypatch, "ingest", "demo", "--db", "fresh.duckdb")   # created, then a file fails
    assert result.exit_code == 1 and "z_unknown.csv" in result.output
    with careerlens.open_database(inputs / "fresh.duckdb", read_only=True) as db:
        assert db.sql("SELECT count(*) AS n FROM postings").n[0] == 1500


def test_report_on_a_database_without_postings_says_what_to_run_from_any_folder(tmp_path, monkeypatch):
    store = tmp_path / "data" / "empty.duckdb"
    store.parent.mkdir()
    careerlens.open_database(store).close()                 # as an older careerlens left it after a failed ingest
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    refused = run_in(tmp_path, monkeypatch, "report", "--db", store)
    assert refused.exit_code == 2, refused.output
    assert f"{store} holds no postings. Load some with `careerlens ingest PATH... --db {store}`" in refused.output
    assert "data/curricula" not in refused.output
    suggested = re.findall(r"`(careerlens report --demo[^`]*)`", refused.output)
    assert suggested == [f"careerlens report --demo --db {store}"]
    rebuilt = run_in(elsewhere, monkeypatch, *shlex.split(suggested[0])[1:])   # from another folder
    assert rebuilt.exit_code == 0, rebuilt.output
    assert f"Rebuilding {store} from the bundled default data" in rebuilt.output
    assert (elsewhere / "reports" / "index.html").exists()


def test_report_without_labels_names_the_bundled_curriculum_by_name(tmp_path, monkeypatch):
    store = tmp_path / "store.duckdb"
    with data_file("demo", "demo_postings.csv") as postings, careerlens.open_database(store) as db:
        careerlens.ingest(db, [postings])
    default = run_in(tmp_path, monkeypatch, "report", "--db", store)
    assert default.exit_code == 2, default.output
    assert (f"run `careerlens train --db {store}` and then `careerlens classify --db {store}` before "
            f"`careerlens report --db {store}`") in default.output
    own = FIXTURES / "curricula" / "spreadsheets.toml"
    mine = run_in(tmp_path, monkeypatch, "report", "--curriculum", own, "--db", store)
    assert mine.exit_code == 2 and f"`careerlens train --curriculum {own} --db {store}`" in mine.output


def test_demo_refuses_a_database_holding_files_a_user_loaded(tmp_path, monkeypatch):
    store = tmp_path / "careerlens.duckdb"
    with careerlens.open_database(store) as db:
        careerlens.ingest(db, [FIXTURES / "generic" / "jobs.csv"])
    before = store.read_bytes()
    result = run_in(tmp_path, monkeypatch, "report", "--demo")
    assert result.exit_code == 2, result.output
    assert "careerlens.duckdb holds files you loaded (jobs.csv)" in result.output
    assert "`careerlens report --demo --db careerlens-demo.duckdb`" in result.output
    assert store.read_bytes() == before and not (tmp_path / "reports").exists()
