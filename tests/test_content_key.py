"""The content key (posting_id): its meaning, its SQL twin, and the migration that moved stores onto it.

The key drops every character but ASCII letters, digits, '+' and '#' (careerlens.contentkey);
the key before it (schema 4) folded runs of them into one space (``text_key``). Dropping the
spaces of two equal folded keys leaves them equal, so every duplicate the old key caught is
still caught; the one exception is the two non-ASCII capitals that Unicode lower-cases to ASCII
(U+0130 'İ' and U+212A KELVIN SIGN), which the old key read as 'i' and 'k' and this one drops.
"""

from __future__ import annotations

import hashlib

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import careerlens
from careerlens import contentkey, normalise
from careerlens.contentkey import key_text, posting_id, posting_ids
from careerlens.db import SCHEMA_VERSION
from careerlens.ingest import ingest
from careerlens.titleclean import text_key
from tests.conftest import shared_file

#: What schema 4 (careerlens before this key) computed in postings/prepare.sql.
OLD_POSTING_ID = ("md5(concat_ws(chr(31), coalesce(text_key(title), ''), coalesce(text_key(company), ''), "
                  "coalesce(text_key(location_raw), ''), coalesce(text_key(description), '')))")
HOSTILE = ["Senior C++ Engineer, NYC", "  C# dev\n\t(remote) ", "Café – Barista’s “lead”", "", None, "---",
           "İstanbul KELVIN \u212a", "日本語 テキスト", "a\x00b", "emoji 🚀 rocket", "-1"]


@pytest.mark.parametrize("text, key", [
    ("Senior C++ Engineer, NYC", b"seniorc++engineernyc"),
    ("Data Scientist - NYC", b"datascientistnyc"),
    ("data scientist,NYC", b"datascientistnyc"),
    ("Café – Barista’s “lead”", b"cafbaristaslead"),
    (None, b""),
])
def test_key_text_examples(text, key):
    assert key_text(text) == key


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\u0130\u212a")))
def test_the_key_is_the_old_key_without_its_spaces(text):
    # (no lone surrogates: stored text is UTF-8)
    assert key_text(text) == text_key(text).replace(" ", "").encode()


@pytest.fixture(scope="module")
def sql():
    with careerlens.open_database(":memory:") as db:
        normalise.refresh_taxonomy(db)
        yield db


def test_python_and_sql_twins_agree_on_hostile_values(sql):
    rows = [(t, c, loc, d) for t in HOSTILE[:4] for c in HOSTILE[4:8] for loc in HOSTILE[8:] for d in HOSTILE]
    table = pa.table({name: pa.array([r[i] for r in rows], pa.string())
                      for i, name in enumerate(["title", "company", "location_raw", "description"])})
    with sql.registered("hostile", table):
        expected = [r[0] for r in sql.execute(
            "SELECT posting_content_id(title, company, location_raw, description) FROM hostile").fetchall()]
    assert posting_ids(*table.columns).to_pylist() == expected
    assert [posting_id(*r) for r in rows] == expected


def test_python_and_sql_twins_agree_on_real_postings(sql):
    path = shared_file("glassdoor_uncleaned_ds_jobs")
    table = sql.con.sql(f"""SELECT "Job Title" AS title, "Company Name" AS company, "Location" AS location_raw,
                                   "Job Description" AS description
                            FROM read_csv('{next(path.glob('*.csv*'))}')""").to_arrow_table()
    with sql.registered("real", table):
        expected = [r[0] for r in sql.execute(
            "SELECT posting_content_id(title, company, location_raw, description) FROM real").fetchall()]
    assert len(expected) > 500
    assert posting_ids(*table.columns, threads=2).to_pylist() == expected


# Rows as posting_ids keys them in blocks: any text (None included), with the bytes the block code treats specially
# nearby: the field separator chr(31), 'ÿ' (U+00FF, whose UTF-8 bytes C3 BF are not the 0xFF mark) and U+FFFF.
FIELDS = st.one_of(st.none(), st.text(alphabet=st.one_of(
    st.characters(blacklist_categories=("Cs",)), st.sampled_from("\x1f\xff\uffff+#-_ AZaz09"))))


@settings(deadline=None)  # the first example imports pyarrow.compute
@given(st.lists(st.tuples(FIELDS, FIELDS, FIELDS, FIELDS), max_size=12))
def test_posting_ids_keys_a_block_as_posting_id_keys_each_row(rows):
    table = [pa.array([row[i] for row in rows], pa.string()) for i in range(4)]
    assert posting_ids(*table).to_pylist() == [posting_id(*row) for row in rows]


def test_posting_ids_across_blocks_and_threads(monkeypatch):
    # rows 2-11 of 12 (a slice, as a batch can be) in blocks of 3 rows on 2 threads
    monkeypatch.setattr(contentkey, "ROWS_PER_TASK", 3)
    monkeypatch.setattr(contentkey, "_CHUNK_BYTES", 16)   # and the byte filter in chunks of 16 bytes
    rows = [(f"Data Scientist {i}", "Acme, Inc." if i % 2 else None, "NYC", "Python & SQL; C++/C#! " * i)
            for i in range(12)]
    columns = [pa.array([r[i] for r in rows], pa.string()).slice(2) for i in range(4)]
    assert posting_ids(*columns, threads=2).to_pylist() == [posting_id(*r) for r in rows[2:]]


def test_staged_rows_are_keyed_in_blocks_on_two_threads(monkeypatch, sql):
    # 50 staged rows in blocks of 4: more blocks than the three kept in flight, each row keyed as posting_id keys it
    monkeypatch.setattr(contentkey, "ROWS_PER_TASK", 4)
    sql.execute("CREATE OR REPLACE TEMP TABLE staged_postings AS SELECT i + 1 AS source_row, "
                "'Data Engineer ' || i AS title, CASE WHEN i % 3 > 0 THEN 'Acme' END AS company, "
                "'Austin, TX' AS location_raw, repeat('Spark, SQL & C#. ', i) AS description FROM range(50) t(i)")
    ids = normalise.staged_posting_ids(sql, threads=2).to_pydict()
    assert ids["source_row"] == list(range(1, 51))
    assert ids["posting_id"] == [posting_id(f"Data Engineer {i}", "Acme" if i % 3 else None, "Austin, TX",
                                            "Spark, SQL & C#. " * i) for i in range(50)]


def test_the_keying_takes_a_second_thread_once_it_may(monkeypatch, sql):
    # threads as a function (1 while the coder's read runs, then 2): asked before every block, the same ids
    monkeypatch.setattr(contentkey, "ROWS_PER_TASK", 4)
    sql.execute("CREATE OR REPLACE TEMP TABLE staged_postings AS SELECT i + 1 AS source_row, "
                "'Analyst ' || i AS title, 'Acme' AS company, 'Austin, TX' AS location_raw, "
                "repeat('SQL. ', i) AS description FROM range(30) t(i)")
    answers, running, seen = [], [], []
    keyed = contentkey.posting_ids

    def counted(*columns, **options):
        running.append(1)
        seen.append((len(running), answers[-1]))      # blocks keying now, and what the last answer allowed
        try:
            return keyed(*columns, **options)
        finally:
            running.pop()

    def threads():
        answers.append(1 if len(answers) < 4 else 2)
        return answers[-1]

    monkeypatch.setattr(contentkey, "posting_ids", counted)
    ids = normalise.staged_posting_ids(sql, threads=threads).to_pydict()
    assert ids["posting_id"] == [posting_id(f"Analyst {i}", "Acme", "Austin, TX", "SQL. " * i) for i in range(30)]
    assert ids["source_row"] == list(range(1, 31))
    assert len(seen) == 8 and len(answers) >= 8         # 8 blocks, each asked for (and asked again while waiting)
    assert all(keying == 1 for keying, allowed in seen if allowed == 1)
    assert seen[-1][1] == 2


def test_text_that_is_not_utf8_is_keyed_row_by_row():
    # 0xFF is the mark between fields in a block; text holding it (never UTF-8) is keyed as posting_id keys it
    data, offsets = b"Data\xffAnalystSQL", [0, 4, 12, 15]
    bad = pa.Array.from_buffers(pa.string(), 3, [None, pa.py_buffer(pa.array(offsets, pa.int32()).buffers()[1]),
                                                 pa.py_buffer(data)])
    empty = pa.array(["", "", ""], pa.string())
    assert posting_ids(bad, empty, empty, empty).to_pylist() == [
        posting_id(b"Data", b"", b"", b""), posting_id(b"\xffAnalyst", b"", b"", b""), posting_id(b"SQL", b"", b"", b"")]
    assert posting_id(b"\xffAnalyst", b"", b"", b"") == posting_id("analyst", None, None, None)


NEAR_DUPLICATES = (
    "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"
    '"Data Analyst",$50K-$60K (Glassdoor est.),"Our team brings exceptional service. Apply now!",Acme,"Norfolk, VA",-1,-1\n'
    '"Data Analyst",$50K-$60K (Glassdoor est.),"Our team bringsexceptional service. Apply now!",Acme,"Norfolk, VA",-1,-1\n'
    '"Data Engineer",$70K-$90K (Glassdoor est.),"Pipelines, pipelines.",Acme,"Norfolk, VA",-1,-1\n'
    '"Data Engineer",$70K-$90K (Glassdoor est.),"PIPELINES pipelines",Acme,"Norfolk,  VA",-1,-1\n')


def _as_schema_4_made_it(monkeypatch, db_path, files):
    """A store as careerlens at schema 4 wrote it: the same load, posting ids from the old key."""
    def old_ids(db, **options):
        return db.con.sql(f"SELECT source_row, {OLD_POSTING_ID} AS posting_id FROM staged_postings").to_arrow_table()

    with monkeypatch.context() as patched:
        patched.setattr(normalise, "staged_posting_ids", old_ids)
        with careerlens.open_database(db_path) as db:
            ingest(db, files)
            ids = [r[0] for r in db.execute("SELECT posting_id FROM stored_postings ORDER BY file_id, source_row").fetchall()]
            # labels and a model that names them: what classify and train leave behind
            db.execute("INSERT INTO posting_topics SELECT posting_id, 'sql', 0.9, true, 'SQL', 'm1' FROM stored_postings")
            db.execute("INSERT INTO posting_sightings (posting_id, source_key, provider, board, seen_at, file_id) "
                       "VALUES (?, 'greenhouse:acme:1', 'greenhouse', 'acme', now(), 1)", [ids[1]])
            db.execute("INSERT INTO classifier_models VALUES ('m1', 'c', 'h', now(), ?, ''::BLOB)",
                       [f'{{"labels": {{"posting_ids": ["{ids[1]}", "{ids[0]}", "gone"]}}, "seed": 7}}'])
            db.execute("UPDATE careerlens_meta SET value = '4' WHERE key = 'schema_version'")
    return ids


def test_migration_moves_a_schema_4_store_onto_the_new_key(monkeypatch, tmp_path):
    csv_file = tmp_path / "near_duplicates.csv"
    csv_file.write_text(NEAR_DUPLICATES)
    real = shared_file("indeed_ethical_tech_postings_2020/postings.csv")
    store = tmp_path / "old.duckdb"
    old_ids = _as_schema_4_made_it(monkeypatch, store, [csv_file, real])

    with careerlens.open_database(store) as db:
        assert db.schema_version == SCHEMA_VERSION
        stored = db.execute("SELECT posting_id, title, company, location_raw, description, file_id, source_row "
                            "FROM stored_postings ORDER BY file_id, source_row").fetchall()
        # every id is the new key of the stored text, and the near duplicates (rows 1-2) are one posting now
        assert [r[0] for r in stored] == [posting_id(*r[1:5]) for r in stored]
        assert [(r[5], r[6]) for r in stored][:2] == [(1, 1), (1, 3)]
        assert len(stored) == len(old_ids) - 1        # rows 3 and 4 were one posting under the old key already
        sources = db.execute("SELECT rows_read, rows_loaded, rows_rejected, rows_duplicate, "
                             "(SELECT count(*) FROM stored_postings p WHERE p.file_id = s.file_id) "
                             "FROM sources s ORDER BY file_id").fetchall()
        assert sources[0][:4] == (4, 2, 0, 2)
        assert all(read == loaded + rejected + duplicate and loaded == stored_rows
                   for read, loaded, rejected, duplicate, stored_rows in sources)
        # every table that names postings names stored ones
        for table in ("posting_occurrences", "posting_topics", "posting_sightings"):
            orphans = db.execute(f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "
                                 "(SELECT 1 FROM stored_postings p WHERE p.posting_id = t.posting_id)").fetchall()
            assert orphans == [(0,)], table
        assert db.execute("SELECT count(*), count(DISTINCT posting_id) FROM posting_topics").fetchall() == \
            [(len(stored), len(stored))]
        occurrences = db.execute("SELECT source_row, posting_id FROM posting_occurrences WHERE file_id = 1 "
                                 "ORDER BY source_row").fetchall()
        assert occurrences[0][1] == occurrences[1][1] == stored[0][0]
        assert db.execute("SELECT posting_id FROM posting_sightings").fetchall() == [(stored[0][0],)]
        import json
        metadata = json.loads(db.execute("SELECT metadata FROM classifier_models").fetchall()[0][0])
        assert metadata["labels"]["posting_ids"] == [stored[0][0], stored[0][0], "gone"] and metadata["seed"] == 7

        before = db.execute("SELECT * FROM stored_postings ORDER BY ALL").fetchall()
        db.run_script("schema/migrate_5")          # again: nothing changes
        assert db.execute("SELECT * FROM stored_postings ORDER BY ALL").fetchall() == before
        assert db.execute("SELECT rows_loaded, rows_duplicate FROM sources ORDER BY file_id").fetchall() == \
            [(s[1], s[3]) for s in sources]

        # and a file loaded now keys its rows as the migrated ones
        header, *rows = NEAR_DUPLICATES.splitlines(keepends=True)
        reordered = tmp_path / "near_duplicates_reordered.csv"
        reordered.write_text(header + "".join(reversed(rows)))
        again = ingest(db, [reordered])
        assert again[0].rows_duplicate == 4 and again[0].rows_loaded == 0


def test_ingest_keys_rows_with_the_new_key(tmp_path, db):
    csv_file = tmp_path / "near_duplicates.csv"
    csv_file.write_text(NEAR_DUPLICATES)
    (result,) = ingest(db, [csv_file])
    assert (result.rows_read, result.rows_loaded, result.rows_duplicate) == (4, 2, 2)
    ids = [r[0] for r in db.execute("SELECT posting_id FROM posting_occurrences ORDER BY source_row").fetchall()]
    assert ids[0] == ids[1] == posting_id("Data Analyst", "Acme", "Norfolk, VA",
                                          "Our team brings exceptional service. Apply now!")
    assert ids[0] == hashlib.md5(b"dataanalyst\x1facme\x1fnorfolkva\x1fourteambringsexceptionalserviceapplynow"
                                 ).hexdigest()
