"""The report says when its topic labels are out of date, on stderr and on the Overview page, with the command.

Two ways labels go stale: postings loaded after the last classify (here the real Glassdoor
``Uncleaned_DS_jobs.csv.gz`` loaded into the demonstration store), and a curriculum edited after its
model was trained (here a copy of the bundled curriculum, trained on, then given one topic more).
"""

import shutil

from click.testing import CliRunner

from careerlens.cli import main
from careerlens.resources import data_file
from tests.conftest import shared_file

OUT_OF_DATE = "The topic labels are out of date."


def run(*args):
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_postings_loaded_after_the_last_classify_are_named_with_the_command(tmp_path, first_report):
    store, out = tmp_path / "store.duckdb", tmp_path / "reports"
    shutil.copy(first_report[0], store)
    assert run("ingest", shared_file("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz"), "--db", store) \
        .exit_code == 0

    stale = run("report", "--db", store, "--out", out)

    assert stale.exit_code == 0, stale.output
    warning = (f"Warning: 494 postings (from Uncleaned_DS_jobs.csv.gz) were loaded after the last classify and have "
               f"no topic labels: the report's demand figures leave them out. Run `careerlens classify --db {store}`")
    assert warning in " ".join(stale.stderr.split())
    page = (out / "index.html").read_text()
    assert OUT_OF_DATE in page and f"<code>careerlens classify --db {store}</code>" in page

    assert run("classify", "--db", store).exit_code == 0
    fresh = run("report", "--db", store, "--out", out)
    assert fresh.exit_code == 0 and "Warning" not in fresh.stderr
    assert OUT_OF_DATE not in (out / "index.html").read_text()


def test_a_curriculum_edited_after_training_is_named_with_the_commands(tmp_path, first_report):
    store, out, curriculum = tmp_path / "store.duckdb", tmp_path / "reports", tmp_path / "programme.toml"
    shutil.copy(first_report[0], store)
    with data_file("curricula", "maths-for-ml.toml") as bundled:
        curriculum.write_text(bundled.read_text())
    for step in ("train", "classify"):
        assert run(step, "--curriculum", curriculum, "--db", store).exit_code == 0
    assert "Warning" not in run("report", "--curriculum", curriculum, "--db", store, "--out", out).stderr
    curriculum.write_text(curriculum.read_text() + '\n[[module.topic]]\nid = "graph_theory"\nname = "Graph theory"\n'
                          'description = "Graphs, networks and paths."\nseeds = ["graph theory"]\n')

    edited = run("report", "--curriculum", curriculum, "--db", store, "--out", out)

    assert edited.exit_code == 0, edited.output
    said = " ".join(edited.stderr.split())
    assert f"Warning: the curriculum {curriculum} changed since its model was trained" in said
    assert "(new topics: graph_theory)" in said
    assert f"Run `careerlens train --curriculum {curriculum} --db {store}`, then " \
           f"`careerlens classify --curriculum {curriculum} --db {store}`" in said
    assert OUT_OF_DATE in (out / "index.html").read_text()
