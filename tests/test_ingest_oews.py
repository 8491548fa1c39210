"""Loading BLS OEWS wages: the time-series flat files (oe.data + oe.* dimensions) and the "all data" spreadsheets.

Figures are read by hand from shared/data/oews-2025/oe.data.0.Current.gz; "data line" is the
record number after the header (see tests/fixtures/oews/README.md for the fixture rows).
"""

import shutil
from pathlib import Path

import pytest

import careerlens
from careerlens import InputError, ingest
from careerlens.sources.oews import release_from
from tests.conftest import shared_file

FIXTURES = Path(__file__).parent / "fixtures" / "oews"
SERIES = FIXTURES / "series"
SHEET_CSV = FIXTURES / "all_data_M_2025.csv"

MEASURES = ("employment", "annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90",
            "hourly_mean", "hourly_median")


def wage(db, area_code, soc_code, industry_code="000000"):
    """The oews_wages row for one estimate, as a dict (NULL as None)."""
    cursor = db.execute("SELECT * FROM oews_wages WHERE area_code = ? AND soc_code = ? AND industry_code = ?",
                        [area_code, soc_code, industry_code])
    rows = cursor.fetchall()
    assert len(rows) == 1, rows
    return dict(zip([d[0] for d in cursor.description], rows[0]))


def stored(db, where="true"):
    """Every stored estimate (names and file aside), sorted, for comparing two loads."""
    return db.execute(f"SELECT release, area_type, area_code, industry_code, naics_sector, soc_code, "
                      f"{', '.join(MEASURES)}, flags FROM oews_wages WHERE {where} "
                      "ORDER BY area_code, industry_code, soc_code").fetchall()


def series_copy(tmp_path, extra_lines=(), drop=None, replace=None):
    """A copy of the fixture folder, with data lines appended, a dimension file left out or rewritten."""
    folder = tmp_path / "oe"
    shutil.copytree(SERIES, folder)
    if drop:
        (folder / drop).unlink()
    for name, text in (replace or {}).items():
        (folder / name).write_text(text)
    if extra_lines:
        with open(folder / "oe.data.0.Current", "a") as fh:
            fh.writelines(f"{line}\n" for line in extra_lines)
    return folder


def data_line(series_id, value, footnote="", period="A01"):
    """A data line padded as BLS pads them."""
    return f"{series_id:<30}\t2025\t{period}\t{value:>12}\t{footnote}"


# -- the real May 2025 file ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def oews_2025():
    """A store holding the whole May 2025 time-series file (1.5 million lines, about 4 s), and its result."""
    path = shared_file("oews-2025/oe.data.0.Current.gz")
    with careerlens.open_database(":memory:") as store:
        (result,) = ingest(store, [path])
        yield store, result


@pytest.mark.slow
def test_every_data_line_is_accounted_for(oews_2025):
    db, result = oews_2025
    assert (result.status, result.format, result.kind) == ("loaded", "oews_series", "oews")
    assert result.rows_read == 1_546_965                   # PROVENANCE.md: 1,546,965 rows plus header
    assert (result.rows_loaded, result.rows_rejected, result.rows_duplicate) == (1_546_965, 0, 0)
    # nine datatypes per estimate: 134,477 national and 37,408 state series of each (counted with awk)
    assert int(db.sql("SELECT count(*) AS n FROM oews_wages").n[0]) == 171_885


@pytest.mark.slow
def test_national_data_scientists_are_the_published_figures(oews_2025):
    db, _ = oews_2025
    row = wage(db, "0000000", "15-2051")
    assert row["annual_median"] == 120230      # OEUN000000000000015205113, data line 1051
    assert row["employment"] == 262440         # OEUN000000000000015205101, data line 1045
    assert row["hourly_median"] == 57.80       # ...08, data line 1048
    assert (row["annual_p10"], row["annual_p90"]) == (67240, 199130)
    assert (row["release"], row["area_type"], row["area_name"], row["occupation"]) == \
        ("May 2025", "national", "National", "Data Scientists")
    assert row["naics_sector"] is None and row["flags"] == []


@pytest.mark.slow
def test_a_state_figure(oews_2025):
    db, _ = oews_2025
    row = wage(db, "0600000", "15-2051")
    assert (row["area_type"], row["area_name"]) == ("state", "California")
    assert row["annual_median"] == 141590      # OEUS060000000000015205113, data line 1235653
    assert row["employment"] == 39310          # OEUS060000000000015205101, data line 1235647


@pytest.mark.slow
def test_a_top_coded_wage_is_null_and_flagged(oews_2025):
    db, _ = oews_2025
    row = wage(db, "0600000", "27-2021")       # California athletes, data lines 1237357-1237365
    assert row["annual_p75"] == 149490
    assert row["annual_p90"] is None
    assert row["flags"] == ["annual_p90:top_coded", "hourly_mean:not_available:annual_only",
                            "hourly_median:not_available:annual_only"]


@pytest.mark.slow
@pytest.mark.parametrize("industry_code, industry_name, naics_sector", [
    ("000000", "Cross-Industry, Private, Federal, State, and Local", None),
    ("000001", "Cross-industry, Private Ownership only", None),
    ("51--52", "Sector 51 - Information", "51"),
    ("31--34", "Sectors 31, 32, and 33 - Manufacturing", "31-33"),
    ("311000", "Food Manufacturing", "31-33"),
    ("44--46", "Sectors 44 and 45 - Retail Trade", "44-45"),
    ("48--50", "Sectors 48 and 49 - Transportation and Warehousing", "48-49"),
    ("99-100", "Sector 99 - Federal, State, and Local Government, excl. State & Local Schools & Hospitals & USPS",
     None),
])
def test_industries_keep_the_bls_code_and_get_their_naics_sector(oews_2025, industry_code, industry_name,
                                                                 naics_sector):
    db, _ = oews_2025
    found = db.execute("SELECT DISTINCT industry_name, naics_sector FROM oews_wages WHERE industry_code = ?",
                       [industry_code]).fetchall()
    assert found == [(industry_name, naics_sector)]


@pytest.mark.slow
def test_the_same_file_again_adds_nothing(oews_2025):
    db, _ = oews_2025
    before = int(db.sql("SELECT count(*) AS n FROM oews_wages").n[0])
    (again,) = ingest(db, [shared_file("oews-2025/oe.data.0.Current.gz")])
    assert again.status == "already_loaded" and "nothing added" in again.notes
    assert int(db.sql("SELECT count(*) AS n FROM oews_wages").n[0]) == before


# -- the time-series layout, on the fixture -------------------------------------------------------------

def test_a_folder_loads_the_data_file_and_skips_its_dimension_files(db):
    results = ingest(db, [SERIES])
    assert {r.path.name: r.status for r in results} == {
        "oe.area": "skipped", "oe.data.0.Current": "loaded", "oe.datatype": "skipped", "oe.footnote": "skipped",
        "oe.industry": "skipped", "oe.occupation": "skipped"}
    (loaded,) = [r for r in results if r.status == "loaded"]
    assert (loaded.rows_read, loaded.rows_loaded, loaded.rows_rejected, loaded.rows_duplicate) == (27, 27, 0, 0)
    assert wage(db, "0600000", "15-2051")["annual_median"] == 141590


def test_a_dash_is_null_with_the_reason_its_footnote_gives(db):
    ingest(db, [SERIES / "oe.data.0.Current"])
    row = wage(db, "0600000", "27-2021")       # '-' with footnote 4 on 03 and 08, footnote 5 on 15
    assert (row["hourly_mean"], row["hourly_median"], row["annual_p90"]) == (None, None, None)
    assert (row["annual_mean"], row["annual_p75"]) == (294080, 149490)
    assert row["flags"] == ["annual_p90:top_coded", "hourly_mean:not_available:annual_only",
                            "hourly_median:not_available:annual_only"]


def test_a_dimension_file_alone_is_recognised_and_skipped(db):
    (result,) = ingest(db, [SERIES / "oe.area"])
    assert (result.status, result.kind, result.format) == ("skipped", "companion", "oews_dimension")
    assert "oe.data" in result.notes


@pytest.mark.parametrize("missing", ["oe.area", "oe.industry", "oe.occupation", "oe.datatype", "oe.footnote"])
def test_a_missing_dimension_file_is_named(db, tmp_path, missing):
    folder = series_copy(tmp_path, drop=missing)
    with pytest.raises(InputError, match=missing.replace(".", r"\.")) as caught:
        ingest(db, [folder / "oe.data.0.Current"])
    assert "same folder" in str(caught.value)
    assert int(db.sql("SELECT count(*) AS n FROM sources").n[0]) == 0


@pytest.mark.parametrize("line, field", [
    (data_line("OEUN000000000000015205199", "12345"), "datatype"),                # no datatype 99 in oe.datatype
    (data_line("OEUX000000000000015205113", "120230"), "series_id"),              # area type X
    (data_line("OEUN00000000000001520511", "120230"), "series_id"),               # one character short
    (data_line("OEUN000000000000027202113", "12a"), "value"),
    (data_line("OEUN000000000000027202113", "120230", period="M05"), "period"),   # a monthly period
], ids=["unknown-datatype", "area-type-X", "short-series-id", "not-a-number", "monthly-period"])
def test_a_bad_line_is_rejected_with_its_field_and_the_rest_loads(db, tmp_path, line, field):
    folder = series_copy(tmp_path, extra_lines=[line])
    (result,) = ingest(db, [folder / "oe.data.0.Current"])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_duplicate) == (28, 27, 1, 0)
    rejects = db.sql("SELECT source_row, field, action FROM rejects")
    assert rejects.values.tolist() == [[28, field, "row_rejected"]]
    assert int(db.sql("SELECT count(*) AS n FROM oews_wages").n[0]) == 3


def test_a_datatype_careerlens_does_not_store_is_counted_and_summarised(db, tmp_path):
    folder = series_copy(tmp_path, extra_lines=[data_line("OEUN000000000000015205102", "2.1"),
                                                data_line("OEUS060000000000015205102", "6.5")])
    (result,) = ingest(db, [folder / "oe.data.0.Current"])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (29, 27, 2)
    # one summary row for the datatype, not one per line: a full BLS file holds millions of them
    (summary,) = db.execute("SELECT source_row, field, reason, raw_value FROM rejects").fetchall()
    source_row, field, reason, raw_value = summary
    assert (source_row, field, raw_value) == (None, "datatype", "02")
    assert "Employment percent relative standard error" in reason and "2 lines" in reason


def test_a_line_given_twice_is_a_duplicate(db, tmp_path):
    folder = series_copy(tmp_path, extra_lines=[data_line("OEUN000000000000015205113", "120230")])
    (result,) = ingest(db, [folder / "oe.data.0.Current"])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_duplicate) == (28, 27, 0, 1)
    assert wage(db, "0000000", "15-2051")["annual_median"] == 120230


def test_a_missing_datatype_line_leaves_null_and_says_so(db, tmp_path):
    folder = series_copy(tmp_path)
    data = folder / "oe.data.0.Current"
    data.write_text("".join(line for line in data.read_text().splitlines(keepends=True)
                            if not line.startswith("OEUN000000000000015205104")))
    ingest(db, [data])
    row = wage(db, "0000000", "15-2051")
    assert row["annual_mean"] is None                          # not 0
    assert row["flags"] == ["annual_mean:not_in_file"]


def test_a_renumbered_datatype_fails_rather_than_storing_the_wrong_measure(db, tmp_path):
    text = (SERIES / "oe.datatype").read_text().replace("13\tAnnual median wage", "13\tAnnual mode wage")
    folder = series_copy(tmp_path, replace={"oe.datatype": text})
    with pytest.raises(InputError, match="datatype 13 is 'Annual mode wage'"):
        ingest(db, [folder / "oe.data.0.Current"])


# -- the "all data" spreadsheet layout --------------------------------------------------------------------

def test_the_spreadsheet_layout_gives_the_same_figures_as_the_time_series(db):
    (result,) = ingest(db, [SHEET_CSV])
    assert (result.format, result.rows_read, result.rows_loaded, result.rows_rejected) == ("oews_all_data", 5, 5, 0)
    assert result.notes == "release May 2025"
    national = wage(db, "0000000", "15-2051")
    assert (national["release"], national["employment"], national["annual_median"], national["hourly_median"]) == \
        ("May 2025", 262440, 120230, 57.80)      # "262,440" and "120,230" in the file
    assert wage(db, "0600000", "15-2051")["annual_median"] == 141590
    sector = wage(db, "0000000", "15-2051", industry_code="51--52")   # NAICS '51' in the spreadsheet
    assert (sector["naics_sector"], sector["annual_median"]) == ("51", 141440)


@pytest.mark.parametrize("area_code, soc_code, flags", [
    ("0600000", "27-2021", ["annual_p90:top_coded", "hourly_mean:not_available:annual_only",
                            "hourly_median:not_available:annual_only"]),          # '#', and '*' with ANNUAL TRUE
    ("1000000", "15-1254", ["employment:not_available:not_released"]),            # '**'
])
def test_spreadsheet_special_values_are_null_and_flagged_as_in_the_time_series(db, area_code, soc_code, flags):
    ingest(db, [SHEET_CSV])
    row = wage(db, area_code, soc_code)
    assert row["flags"] == flags
    for flag in flags:
        measure = flag.split(":")[0]
        assert row[measure] is None             # never 0


def test_both_layouts_agree_on_the_rows_they_share():
    with careerlens.open_database(":memory:") as from_series, careerlens.open_database(":memory:") as from_sheet:
        ingest(from_series, [SERIES / "oe.data.0.Current"])
        ingest(from_sheet, [SHEET_CSV])
        shared = "area_code IN ('0000000', '0600000') AND industry_code = '000000'"
        assert len(stored(from_series)) == 3
        assert stored(from_series) == stored(from_sheet, shared)


def test_the_same_estimates_from_another_file_are_duplicates(db):
    ingest(db, [SERIES / "oe.data.0.Current"])
    (sheet,) = ingest(db, [SHEET_CSV])
    # the three series-fixture estimates are already stored; Delaware and sector 51 are new
    assert (sheet.rows_read, sheet.rows_loaded, sheet.rows_duplicate) == (5, 2, 3)
    assert int(db.sql("SELECT count(*) AS n FROM oews_wages").n[0]) == 5


def write_xlsx(csv_path, xlsx_path):
    """The CSV fixture as an Excel workbook, text cells as BLS writes them."""
    import csv

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    with open(csv_path, newline="") as fh:
        for record in csv.reader(fh):
            book.active.append(record)
    book.save(xlsx_path)
    return xlsx_path


def test_the_xlsx_spreadsheet_loads_like_its_csv(tmp_path):
    xlsx = write_xlsx(SHEET_CSV, tmp_path / "all_data_M_2025.xlsx")
    with careerlens.open_database(":memory:") as from_csv, careerlens.open_database(":memory:") as from_xlsx:
        ingest(from_csv, [SHEET_CSV])
        (result,) = ingest(from_xlsx, [xlsx])
        assert (result.format, result.rows_read, result.rows_loaded) == ("oews_all_data", 5, 5)
        assert stored(from_xlsx) == stored(from_csv)


def test_the_xlsx_after_its_csv_is_all_duplicates(db, tmp_path):
    ingest(db, [SHEET_CSV])
    (again,) = ingest(db, [write_xlsx(SHEET_CSV, tmp_path / "all_data_M_2025.xlsx")])
    assert (again.status, again.rows_loaded, again.rows_duplicate) == ("loaded", 0, 5)


def test_a_bad_spreadsheet_row_is_rejected_and_a_bad_value_cleared(db, tmp_path):
    lines = SHEET_CSV.read_text().splitlines()
    lines[1] = lines[1].replace("99,U.S.,1,", "99,U.S.,9,", 1)                   # unknown area type
    lines[2] = lines[2].replace('"141,590"', "n.a.")                            # California median
    bad = tmp_path / "all_data_M_2025.csv"
    bad.write_text("\n".join(lines) + "\n")
    (result,) = ingest(db, [bad])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (5, 4, 1)
    assert db.sql("SELECT source_row, field, raw_value, action FROM rejects ORDER BY source_row").values.tolist() == [
        [1, "AREA_TYPE", "9", "row_rejected"], [2, "A_MEDIAN", "n.a.", "field_cleared"]]
    assert wage(db, "0600000", "15-2051")["flags"] == ["annual_median:rejected"]


@pytest.mark.parametrize("name, override, release", [
    ("all_data_M_2025.xlsx", None, "May 2025"),
    ("national_M2025_dl.xlsx", None, "May 2025"),
    ("state_M2024_dl.csv", None, "May 2024"),
    ("wages.csv", "May 2023", "May 2023"),
    ("wages.csv", "2023", "May 2023"),
    ("all_data_M_2025.xlsx", "2024A01", "May 2024"),
])
def test_the_spreadsheet_release_comes_from_the_file_name_or_the_caller(name, override, release):
    assert release_from(name, override) == release


def test_a_spreadsheet_whose_name_does_not_tell_the_release_fails_clearly(db, tmp_path):
    renamed = tmp_path / "wages.csv"
    shutil.copy(SHEET_CSV, renamed)
    with pytest.raises(InputError, match="cannot tell the OEWS release"):
        ingest(db, [renamed])
    (result,) = ingest(db, [renamed], options={"release": "May 2025"})
    assert (result.rows_loaded, result.notes) == (5, "release May 2025")
