"""The bundled OEWS extract: real BLS figures, loadable like any other file."""

from careerlens import ingest
from careerlens.resources import data_file
from tests.conftest import shared_file


def load_bundled(db):
    with data_file("oews", "oews_may2025_curriculum.parquet") as path:
        (result,) = ingest(db, [path])
    return result


def test_the_bundled_extract_loads_every_row(db):
    result = load_bundled(db)
    assert result.format == "oews_extract"
    assert result.rows_read == result.rows_loaded > 20_000
    assert result.rows_rejected == result.rows_duplicate == 0


def test_data_scientists_national_median_is_the_published_figure(db):
    load_bundled(db)
    row = db.sql("SELECT annual_median, employment FROM oews_wages WHERE area_type = 'national' "
                 "AND industry_code = '000000' AND soc_code = '15-2051'").iloc[0]
    # BLS series OEUN000000000000015205113 (annual median) and ...01 (employment), May 2025.
    assert (row.annual_median, row.employment) == (120_230, 262_440)


def test_unpublished_values_are_null_with_their_reason(db):
    load_bundled(db)
    unexplained = db.sql("SELECT count(*) AS n FROM oews_wages WHERE employment IS NULL "
                         "AND NOT list_contains(flags, 'employment:not_available:not_released')").n[0]
    explained = db.sql("SELECT count(*) AS n FROM oews_wages WHERE employment IS NULL").n[0]
    assert unexplained == 0 and explained > 0


def test_the_extract_matches_a_fresh_load_of_the_bls_files(db):
    """Rebuilding from ../shared/data/oews-2025 gives the same rows as the committed file."""
    ingest(db, [shared_file("oews-2025/oe.data.0.Current.gz")])
    from careerlens.resources import read_query

    fresh = db.sql(read_query("bundled_oews_extract"))
    with data_file("oews", "oews_may2025_curriculum.parquet") as path:
        committed = db.sql("SELECT * FROM read_parquet(?)", [str(path)])
    assert len(fresh) == len(committed)
    assert fresh.annual_median.sum() == committed.annual_median.sum()
    assert sorted(map(tuple, fresh["flags"])) == sorted(map(tuple, committed["flags"]))
