"""Loading O*NET reference tables: occupations, titles, technology skills and knowledge, from text and Excel.

Counts are PROVENANCE.md's (shared/data/onet); values are read by hand from the files ("row" = the
record number after the header, as careerlens counts it).
"""

import shutil

import pytest

from careerlens import InputError, ingest
from tests.conftest import shared_file


def count(db, sql, params=None):
    return db.execute(sql, params).fetchone()[0]


@pytest.mark.parametrize("relative, fmt, read, loaded, duplicate", [
    ("db_27_0_text/Occupation Data.txt", "onet_occupations", 1016, 1016, 0),
    # the same title twice for 21-1014.00, once with and once without its short title (rows 9237 and 9240)
    ("db_27_0_text/Alternate Titles.txt.gz", "onet_alternate_titles", 52754, 52752, 2),
    ("db_27_0_text/Sample of Reported Titles.txt", "onet_reported_titles", 7541, 7541, 0),
    ("db_27_0_text/Technology Skills.txt.gz", "onet_technology_skills", 30826, 30826, 0),
    ("db_29_3/Alternate Titles.xlsx", "onet_alternate_titles", 56560, 56558, 2),
    ("db_29_3/Sample of Reported Titles.txt", "onet_reported_titles", 7796, 7796, 0),
    ("db_29_3/Technology Skills.txt.gz", "onet_technology_skills", 32681, 32681, 0),
    ("db_29_3/Knowledge.xlsx", "onet_knowledge", 58014, 58014, 0),
])
def test_every_row_of_each_file_is_accounted_for(db, relative, fmt, read, loaded, duplicate):
    (result,) = ingest(db, [shared_file(f"onet/{relative}")])
    assert (result.format, result.kind, result.status) == (fmt, "onet", "loaded")
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_duplicate) == \
        (read, loaded, 0, duplicate)
    table = {"onet_occupations": "onet_occupations", "onet_knowledge": "onet_knowledge",
             "onet_technology_skills": "onet_technology_skills"}.get(fmt, "onet_titles")
    assert count(db, f"SELECT count(*) FROM {table}") == loaded


@pytest.mark.parametrize("folder, release", [("db_27_0_text", "27.0"), ("db_29_3", "29.3")])
def test_the_release_comes_from_the_read_me_beside_the_file(db, folder, release):
    (result,) = ingest(db, [shared_file(f"onet/{folder}/Sample of Reported Titles.txt")])
    assert result.notes == f"O*NET {release}"
    assert db.execute("SELECT DISTINCT release FROM onet_titles").fetchall() == [(release,)]


def test_without_a_read_me_the_release_is_null_and_the_notes_say_so(db, tmp_path):
    alone = tmp_path / "Occupation Data.txt"
    shutil.copy(shared_file("onet/db_29_3/Occupation Data.txt"), alone)
    (result,) = ingest(db, [alone])
    assert "no Read Me.txt" in result.notes
    assert db.execute("SELECT DISTINCT release FROM onet_occupations").fetchall() == [(None,)]


def test_occupation_data_gives_occupations_and_their_own_titles(db):
    ingest(db, [shared_file("onet/db_27_0_text/Occupation Data.txt")])
    assert db.execute("SELECT soc_code, title, left(description, 39) FROM onet_occupations "
                      "WHERE onet_soc_code = '15-2051.00'").fetchall() == \
        [("15-2051", "Data Scientists", "Develop and implement a set of techniqu")]
    assert db.execute("SELECT title, title_key, title_kind FROM onet_titles WHERE onet_soc_code = '15-2051.01'"
                      ).fetchall() == [("Business Intelligence Analysts", "business intelligence analysts",
                                        "occupation")]


def test_knowledge_keeps_importance_and_level_by_element(db):
    ingest(db, [shared_file("onet/db_29_3/Knowledge.xlsx")])
    # Knowledge.xlsx rows 7815 and 7816 (sheet rows 7816-7817): Statisticians, 2.C.4.a Mathematics
    ratings = db.execute(
        "SELECT scale_id, data_value, n, recommend_suppress, not_relevant, release FROM onet_knowledge "
        "WHERE onet_soc_code = '15-2041.00' AND element_name = 'Mathematics' ORDER BY scale_id").fetchall()
    assert ratings == [("IM", 4.67, 21.0, None, None, "29.3"), ("LV", 6.24, 21.0, None, False, "29.3")]
    # 29.3 has no Knowledge ratings for 15-2051.00 Data Scientists (only .01 and .02): none are made up
    assert count(db, "SELECT count(*) FROM onet_knowledge WHERE onet_soc_code = '15-2051.00'") == 0
    assert count(db, "SELECT count(*) FROM onet_knowledge WHERE onet_soc_code LIKE '15-2051.%'") > 0


@pytest.mark.parametrize("folder, in_demand", [("db_27_0_text", None), ("db_29_3", False)])
def test_technology_skills_are_read_by_column_name_in_both_layouts(db, folder, in_demand):
    ingest(db, [shared_file(f"onet/{folder}/Technology Skills.txt.gz")])
    # row 2 of both layouts: 11-1011.00, AdSense Tracker, 43232306, Hot Technology N (and In Demand N in 29.3)
    rows = db.execute("SELECT example, commodity_code, commodity_title, hot_technology, in_demand FROM "
                      "onet_technology_skills WHERE onet_soc_code = '11-1011.00' AND example = 'AdSense Tracker'"
                      ).fetchall()
    assert rows == [("AdSense Tracker", "43232306", "Data base user interface and query software", False,
                     in_demand)]


def test_the_29x_reported_titles_take_the_reported_title_not_the_occupation_title(db):
    ingest(db, [shared_file("onet/db_29_3/Sample of Reported Titles.txt")])
    # row 1: 11-1011.00, Title 'Chief Executives', Reported Job Title 'CEO (Chief Executive Officer)'
    titles = db.execute("SELECT title, title_key, title_kind FROM onet_titles WHERE onet_soc_code = '11-1011.00'"
                        ).fetchall()
    assert ("CEO (Chief Executive Officer)", "ceo chief executive officer", "reported") in titles
    assert "Chief Executives" not in [title for title, _, _ in titles]


def test_posting_titles_find_their_soc_code_through_the_title_key(db):
    ingest(db, [shared_file("onet/db_27_0_text/Alternate Titles.txt.gz")])
    # 'Data Scientist' is an alternate title of 15-2051.00 and 19-2011.00 (Astronomers), rows 5050 and 7612
    found = db.execute(
        "SELECT p.title, list(DISTINCT o.soc_code ORDER BY o.soc_code) FROM (VALUES ('DATA SCIENTIST'), "
        "('Data  Scientist!'), ('Data Engineer')) p(title) JOIN onet_titles o ON o.title_key = text_key(p.title) "
        "GROUP BY p.title ORDER BY p.title").fetchall()
    assert found == [("DATA SCIENTIST", ["15-2051", "19-2011"]), ("Data  Scientist!", ["15-2051", "19-2011"]),
                     ("Data Engineer", ["15-1243", "15-2051"])]


def test_the_same_titles_again_for_the_same_release_are_duplicates(db, tmp_path):
    source = shared_file("onet/db_27_0_text/Sample of Reported Titles.txt")
    ingest(db, [source])
    shutil.copy(source.parent / "Read Me.txt", tmp_path)          # the same release, 27.0
    edited = tmp_path / "Sample of Reported Titles.txt"
    edited.write_text(source.read_text(encoding="utf-8") + "15-2051.00\tMachine Learning Scientist\tN\n",
                      encoding="utf-8")
    (result,) = ingest(db, [edited])
    assert (result.rows_read, result.rows_loaded, result.rows_duplicate) == (7542, 1, 7541)
    assert count(db, "SELECT count(*) FROM onet_titles") == 7542


def test_another_release_of_the_same_titles_is_new_rows(db):
    ingest(db, [shared_file("onet/db_27_0_text/Alternate Titles.txt.gz")])
    (result,) = ingest(db, [shared_file("onet/db_29_3/Alternate Titles.xlsx")])
    assert (result.rows_loaded, result.rows_duplicate) == (56558, 2)
    assert db.execute("SELECT release, count(*) FROM onet_titles GROUP BY release ORDER BY release").fetchall() == \
        [("27.0", 52752), ("29.3", 56558)]


def test_a_row_with_a_bad_code_or_no_title_is_rejected(db, tmp_path):
    bad = tmp_path / "Alternate Titles.txt"
    bad.write_text("O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n"
                   "15-2051.00\tAnalytics Consultant\tn/a\t08\n"
                   "15-2051\tData Analyst\tn/a\t08\n"
                   "15-2051.00\t\tn/a\t08\n")
    (result,) = ingest(db, [bad])
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 1, 2)
    assert db.execute("SELECT source_row, field, raw_value, action FROM rejects ORDER BY source_row").fetchall() == \
        [(2, "O*NET-SOC Code", "15-2051", "row_rejected"), (3, "title", None, "row_rejected")]


def test_a_file_forced_to_a_format_whose_columns_it_lacks_is_refused(db, tmp_path):
    other = tmp_path / "titles.txt"
    other.write_text("O*NET-SOC Code\tTitle\n15-2051.00\tData Scientists\n")
    with pytest.raises(InputError, match="needs the columns Alternate Title"):
        ingest(db, [other], source="onet_alternate_titles")


def test_o_net_tables_careerlens_does_not_use_are_skipped(db, tmp_path):
    skills = tmp_path / "Skills.txt"
    skills.write_text("O*NET-SOC Code\tTitle\tElement ID\tElement Name\tScale ID\tData Value\n"
                      "15-2051.00\tData Scientists\t2.A.1.a\tReading Comprehension\tIM\t4.00\n")
    (result,) = ingest(db, [skills])          # the same columns as Knowledge, but not Knowledge
    assert (result.status, result.format) == ("skipped", "onet_other")
    assert count(db, "SELECT count(*) FROM onet_knowledge") == 0
