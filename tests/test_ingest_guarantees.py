"""What every load promises: accounted rows, idempotence, all-or-nothing, clear errors."""

import gzip
import shutil

import pytest

import careerlens
from careerlens import InputError, SchemaVersionError, ingest, open_database
from tests.conftest import shared_file

KENJEE = "glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz"


def table_counts(db):
    return {t: int(db.sql(f"SELECT count(*) AS n FROM {t}").n[0])
            for t in ("sources", "rejects", "stored_postings", "posting_occurrences")}


def test_second_ingest_of_the_same_file_adds_nothing_and_says_so(db):
    path = shared_file(KENJEE)
    ingest(db, [path])
    before = table_counts(db)
    (again,) = ingest(db, [path])
    assert again.status == "already_loaded" and "nothing added" in again.notes
    assert table_counts(db) == before


def test_the_same_content_uncompressed_is_all_duplicates(db, tmp_path):
    path = shared_file(KENJEE)
    plain = tmp_path / "glassdoor_jobs.csv"
    plain.write_bytes(gzip.decompress(path.read_bytes()))
    ingest(db, [path])
    (second,) = ingest(db, [plain])
    assert second.status == "loaded"
    assert (second.rows_loaded, second.rows_duplicate) == (0, 956)


def truncated_copy(source, tmp_path, keep_fraction=0.5):
    """The first part of a CSV, cut mid-record (as an interrupted download leaves it)."""
    text = gzip.decompress(source.read_bytes())
    cut = tmp_path / "glassdoor_jobs_truncated.csv"
    cut.write_bytes(text[: int(len(text) * keep_fraction)])
    return cut


def test_a_truncated_file_fails_naming_file_row_and_field_and_changes_nothing(db_file, tmp_path):
    good = shared_file(KENJEE)
    bad = truncated_copy(good, tmp_path)
    with open_database(db_file) as db:
        ingest(db, [shared_file("glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz")])
        before = table_counts(db)
        with pytest.raises(InputError) as caught:
            ingest(db, [bad])
        assert table_counts(db) == before
    message = str(caught.value)
    assert "glassdoor_jobs_truncated.csv" in message
    assert caught.value.row is not None and caught.value.row > 400      # about half of 956 rows
    assert caught.value.field in careerlens.sources.probe_file(bad).columns
    with open_database(db_file) as reopened:                            # and the file on disk is intact
        assert table_counts(reopened) == before


def test_a_truncated_gzip_names_the_file(db, tmp_path):
    good = shared_file(KENJEE)
    cut = tmp_path / "cut.csv.gz"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(InputError, match="cut.csv.gz"):
        ingest(db, [cut])
    assert table_counts(db)["sources"] == 0


def test_rows_of_the_wrong_width_name_the_row_and_field(db, tmp_path):
    bad = tmp_path / "short_row.csv"
    header = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"
    bad.write_text(header
                   + "Data Analyst,$50K-$60K (Glassdoor est.),Build reports in SQL.,Acme,\"Austin, TX\",Banking,Finance\n"
                   + "Data Scientist,$90K-$100K (Glassdoor est.),Fit models.,Acme\n")
    with pytest.raises(InputError) as caught:
        ingest(db, [bad])
    assert (caught.value.row, caught.value.field) == (2, "Company Name")


def test_an_unknown_file_format_is_refused_with_its_header(db, tmp_path):
    odd = tmp_path / "notes.csv"
    odd.write_text("colour,size\nred,3\n")
    with pytest.raises(careerlens.UnknownFormatError, match="colour, size"):
        ingest(db, [odd])


def test_a_database_from_a_newer_careerlens_is_refused(db_file):
    with open_database(db_file) as db:
        db.execute("UPDATE careerlens_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(SchemaVersionError, match="newer careerlens"):
        open_database(db_file)


def test_a_duckdb_file_that_is_not_a_careerlens_store_is_refused(tmp_path):
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(SchemaVersionError, match="not a careerlens store"):
        open_database(other)


def test_a_folder_loads_every_file_in_it(db, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(shared_file(KENJEE), folder)
    (folder / "README.md").write_text("notes about these files\n")
    results = ingest(db, [folder])
    assert [r.path.name for r in results] == ["glassdoor_jobs.csv.gz"]
