"""The SOC title coder: cleaning titles, coding them, and what postings store.

Examples of cleaning are shaped like real posting titles; the ingest example
loads the real Indeed postings from the shared data.
"""

from __future__ import annotations

import pandas as pd
import pytest

import careerlens
from careerlens.errors import CareerlensError
from careerlens.titleclean import head_noun, occupation_phrase
from careerlens.titlecoder import TitleCoder
from tests.conftest import shared_file


@pytest.mark.parametrize("title, phrase, head", [
    ("Sr. Data Analyst - Secret Clearance", "data analyst", "analyst"),
    ("Software Tester (Entry Level) -- Houston, Texas", "software tester", "tester"),
    ("Heart Station Tech PRN (Pediatric Heart Institute)", "heart station tech", "tech"),
    ("Scientist, Immunology", "immunology scientist", "scientist"),
    ("#105009 Research Data Analyst", "research data analyst", "analyst"),
    ("Data Entry Clerk", "data entry clerk", "clerk"),
    ("Director of Nursing", "director of nursing", "director"),
    ("Senior iOS Developer at ABHI IT SYSTEMS INC", "ios developer", "developer"),
])
def test_title_cleaned_to_its_occupation(title, phrase, head):
    assert occupation_phrase(title) == phrase
    assert head_noun(occupation_phrase(title)) == head


ONET = pd.DataFrame({"onet_soc_code": ["29-1141.00", "29-1141.01", "53-7062.00"],
                     "soc_code": ["29-1141", "29-1141", "53-7062"],
                     "title": ["Registered Nurses", "Acute Care Nurse", "Warehouse Associate"],
                     "title_kind": ["occupation", "occupation", "alternate"]})


def test_coder_codes_exact_nearest_and_none():
    coded = TitleCoder(threshold=0.5).fit(ONET).code(["warehouse associate oakland", "warehouse associate",
                                                      "qzxv wpok"]).set_index("title_key")
    assert coded.loc["warehouse associate", ["soc_code", "soc_method"]].tolist() == ["53-7062", "onet_exact"]
    assert coded.loc["warehouse associate oakland", "soc_code"] == "53-7062"
    assert coded.loc["qzxv wpok", ["soc_code", "soc_method"]].tolist() == [None, "none"]


def test_coder_rolls_onet_codes_up_and_names_the_soc_title():
    coder = TitleCoder().fit(ONET)
    assert coder.code(["acute care nurse"])["soc_code"].tolist() == ["29-1141"]
    assert coder.soc_title(["29-1141", None]) == ["Registered Nurses", None]


def test_coder_refuses_bad_input():
    with pytest.raises(CareerlensError, match="not fitted"):
        TitleCoder().code(["nurse"])
    with pytest.raises(CareerlensError, match="title_kind"):
        TitleCoder().fit(ONET.drop(columns="title_kind"))
    with pytest.raises(CareerlensError, match="no O\\*NET titles"):
        TitleCoder().fit(ONET.iloc[:0])


def test_ingested_postings_store_soc_method_confidence_and_onet_title(tmp_path):
    path = shared_file("indeed_ethical_tech_postings_2020/postings.csv")
    with careerlens.open_database(tmp_path / "s.duckdb") as db:
        assert db.schema_version >= 4
        careerlens.ingest(db, [path])
        rows = db.execute("SELECT soc_code, soc_method, soc_confidence, onet_title FROM postings").df()
        unmapped = db.query("unmapped_titles")
    assert set(rows["soc_method"]) <= {"pattern", "onet_exact", "onet_nearest", "none"}
    assert rows["soc_code"].notna().mean() >= 0.9
    assert rows.loc[rows["soc_method"] == "onet_nearest", "onet_title"].notna().all()
    assert (rows.loc[rows["soc_method"] == "none", "soc_code"].isna()).all()
    assert list(unmapped.columns) == ["title", "best_guess", "guess_confidence", "n"]


def test_renormalise_fills_the_soc_columns_of_postings_stored_before(tmp_path):
    # A store migrated to schema 4 holds postings whose soc_method, soc_confidence and onet_title are empty
    # (they were loaded before); `careerlens normalise` fills them. The migration can run again harmlessly.
    from careerlens import normalise

    path = shared_file("indeed_ethical_tech_postings_2020/postings.csv")
    with careerlens.open_database(tmp_path / "s.duckdb") as db:
        careerlens.ingest(db, [path])
        db.execute("UPDATE stored_postings SET soc_method = NULL, soc_confidence = NULL, onet_title = NULL")
        db.run_script("schema/migrate_4")
        normalise.renormalise(db)
        (empty, coded), = db.execute("SELECT count(*) FILTER (soc_method IS NULL), count(soc_code) FROM postings").fetchall()
    assert empty == 0 and coded > 0
