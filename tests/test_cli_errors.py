"""Every refusal is a message and an exit code, never a traceback: bad data exits 1, bad usage 2.

Each case runs the command the way a user would, checks the exit code and that
the message says what is wrong, and that the store is exactly as it was.
"""

import pytest
from click.testing import CliRunner

from careerlens.cli import main
from tests.test_crash_safety import fingerprint

CURRICULUM_UNKNOWN_KEY = """[programme]
name = "Certificate"

[[module]]
name = "Module"
hours = 10
bogus = 1
"""
CURRICULUM_SYNTAX_ERROR = '[programme\nname = "Certificate"\n'
OTHER_CURRICULUM = """[programme]
name = "A certificate no model was trained for"

[[module]]
name = "Programming"
hours = 10

[[module.topic]]
id = "python"
name = "Python"
description = "Python programming."
seeds = ["python"]
"""


def run(*args, **env):
    """Invoke the CLI in-process; an exception that escaped the CLI fails the test (it would be a traceback)."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env or None)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def ready(tmp_path_factory):
    """A store built from the bundled default (loaded, trained, labelled), and a folder of bad inputs."""
    from careerlens.firstrun import build_default_database

    folder = tmp_path_factory.mktemp("cli")
    db_path = build_default_database(folder / "store.duckdb")
    files = {
        "unknown_key.toml": CURRICULUM_UNKNOWN_KEY,
        "syntax.toml": CURRICULUM_SYNTAX_ERROR,
        "other.toml": OTHER_CURRICULUM,
        "no_topics_column.csv": "dataset,row,split\ndemo_postings.csv,1,test\n",
        "unknown_topic.csv": "dataset,row,split,topics\ndemo_postings.csv,1,test,no_such_topic\n",
        "not_loaded.csv": "dataset,row,split,topics\nnever_loaded.csv,1,test,python\n",
        "broken.jsonl": '{"id": 1, "text": "Python and SQL"}\nthis is not json\n',
        "texts.jsonl": '{"id": 1, "text": "Python and SQL"}\n',
        "a_file": "not a folder\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text)
    (folder / "someone_elses").mkdir()
    (folder / "damaged_report").mkdir()
    (folder / "damaged_report" / ".careerlens-report.json").write_text('{"files": ["index.html"')
    (folder / "someone_elses" / "thesis.docx").write_text("work")
    return db_path, folder


CASES = [
    # report
    (["report", "--out", "{dir}/a_file"], 2, "is a file"),
    (["report", "--out", "{dir}/someone_elses"], 2, "did not write (thesis.docx)"),
    (["report", "--out", "{dir}/damaged_report"], 2, ".careerlens-report.json is damaged"),
    (["report", "--out", "{dir}/a_file/reports"], 1, "cannot create the folder for the report"),
    (["report", "--min-n", "0"], 2, "--min-n"),
    (["report", "--min-n", "many"], 2, "--min-n"),
    (["report", "--industries", "99"], 2, "unknown NAICS sector(s) '99'"),
    (["report", "--curriculum", "{dir}/missing.toml"], 2, "does not exist"),
    (["report", "--curriculum", "maths"], 2, "'maths' does not exist: no such curriculum file, and no bundled "
                                             "curriculum of that name; the bundled curricula, named without a "
                                             "folder or .toml, are: maths-for-ml"),
    (["report", "--curriculum", "{dir}/syntax.toml"], 1, "syntax.toml, line 1: not valid TOML"),
    (["report", "--curriculum", "{dir}/unknown_key.toml"], 1, "unknown key 'bogus'"),
    (["report", "--curriculum", "{dir}/other.toml"], 2, "run `careerlens train --curriculum"),
    # classify
    (["classify", "--model", "m-no-such-model"], 2, "no trained classifier 'm-no-such-model'"),
    (["classify", "--input", "{dir}/broken.jsonl", "--output", "{dir}/out.jsonl"], 1, "not a JSON-lines file"),
    (["classify", "--output", "{dir}/out.jsonl"], 2, "--input and --output go together"),
    (["classify", "--curriculum", "{dir}/other.toml"], 2, "no classifier trained for the curriculum 'A certificate"),
    (["classify", "--curriculum", "{dir}/other.toml", "--model", "m-no-such-model"], 2, "no trained classifier"),
    (["classify", "--input", "{dir}/texts.jsonl", "--output", "{dir}/a_file/out.jsonl"], 1, "a_file"),
    # evaluate
    (["evaluate"], 2, "Missing option '--gold'"),
    (["evaluate", "--gold", "{dir}/missing.csv"], 2, "does not exist"),
    (["evaluate", "--gold", "{dir}/unknown_topic.csv", "--split", "sometimes"], 2, "--split"),
    (["evaluate", "--gold", "{dir}/no_topics_column.csv"], 1, "missing ['topics']"),
    (["evaluate", "--gold", "{dir}/unknown_topic.csv"], 1, "['no_such_topic']"),
    (["evaluate", "--gold", "{dir}/not_loaded.csv"], 1, "none of the datasets it names is loaded"),
    (["evaluate", "--gold", "{dir}/unknown_topic.csv", "--model", "m-no-such-model"], 2, "no trained classifier"),
    (["evaluate", "--gold", "{dir}/unknown_topic.csv", "--curriculum", "{dir}/other.toml"], 2,
     "run `careerlens train --curriculum"),
    # train
    (["train", "--curriculum", "{dir}/unknown_key.toml"], 1, "line 7, field 'module[1].bogus'"),
    (["train", "--labels", "{dir}/no_topics_column.csv"], 1, "missing ['topics']"),
    (["train", "--seed", "one"], 2, "--seed"),
    (["train", "--curriculum", "maths"], 2, "'maths' does not exist"),
    # querying
    (["sql", "SELEC 1"], 1, "SQL error"),
    (["sql", "DROP TABLE stored_postings"], 1, "read-only"),
    (["unmapped", "everything"], 2, "everything"),
]


@pytest.mark.parametrize("args, code, message", CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_a_refusal_is_a_message_and_an_exit_code(ready, args, code, message):
    db_path, folder = ready
    before = fingerprint(db_path)
    result = run(*[a.format(dir=folder) for a in args], "--db", db_path)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert fingerprint(db_path) == before
    assert not (folder / "out.jsonl").exists()


def test_a_bundled_curriculum_is_named_by_its_name_on_the_command_line(ready):
    db_path, folder = ready
    result = run("report", "--curriculum", "maths-for-ml", "--out", folder / "named", "--db", db_path)
    assert result.exit_code == 0, result.output
    assert (folder / "named" / "curriculum.html").exists()


def test_training_on_an_empty_store_says_to_load_postings_first(tmp_path):
    result = run("train", "--db", tmp_path / "empty.duckdb")
    assert result.exit_code == 1 and "no postings to learn from" in result.output


@pytest.mark.parametrize("command", [["report", "--out", "{dir}/reports"], ["classify"]])
def test_commands_on_a_store_with_nothing_labelled_say_what_to_run_first(tmp_path, command):
    from careerlens import ingest, open_database
    from careerlens.resources import data_file

    db_path = tmp_path / "store.duckdb"
    with data_file("demo", "demo_postings.csv") as demo, open_database(db_path) as db:
        ingest(db, [demo])
    result = run(*[a.format(dir=tmp_path) for a in command], "--db", db_path)
    assert result.exit_code == 2, result.output        # a step to run first, as for a bad option
    assert "careerlens train" in result.output
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize("command", [["sources"], ["rejects"], ["sql", "SELECT 1"]])
def test_reading_a_store_that_is_not_there_or_not_ours(tmp_path, command):
    import duckdb

    missing = run(*command, "--db", tmp_path / "missing.duckdb")
    assert missing.exit_code == 1 and "no careerlens database at" in missing.output
    assert not (tmp_path / "missing.duckdb").exists()
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    foreign = run(*command, "--db", other)
    assert foreign.exit_code == 1 and "not a careerlens store" in foreign.output


def test_an_unreadable_file_is_named_and_its_bytes_do_not_reach_the_terminal(tmp_path):
    binary = tmp_path / "mystery.bin"
    binary.write_bytes(b"\x1b]0;pwned\x07\x1b[2J\x00\x01binary junk\r\n")
    result = run("ingest", binary, "--db", tmp_path / "store.duckdb")
    assert result.exit_code == 1 and "mystery.bin: cannot tell which format this is" in result.output
    assert "\x1b" not in result.output and "\x00" not in result.output and "\r" not in result.output
    assert "\\x1b[2J" in result.output


def test_a_missing_input_path_is_bad_usage(tmp_path):
    result = run("ingest", tmp_path / "nowhere.csv", "--db", tmp_path / "store.duckdb")
    assert result.exit_code == 2 and "does not exist" in result.output
