"""The SOC title coder: cleaning titles, coding them, and what postings store.

Examples of cleaning are shaped like real posting titles; the ingest example
loads the real Indeed postings from the shared data.
"""

from __future__ import annotations

import re

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
    ("ACME Staffing LLC - Registered Nurse", "registered nurse", "nurse"),
    ("Staff Accountant | Big Four Partners, LLP", "staff accountant", "accountant"),
    ("Marine Corps Recruiter", "marine corps recruiter", "recruiter"),   # 'corps' is no legal form
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
    # ... and `careerlens unmapped titles` lists the titles left without a code with the coder's best guesses
    from click.testing import CliRunner

    from careerlens.cli import main
    from careerlens.normalise import unmapped_titles

    path = shared_file("indeed_ethical_tech_postings_2020/postings.csv")
    store = tmp_path / "s.duckdb"
    with careerlens.open_database(store) as db:
        assert db.schema_version >= 4
        careerlens.ingest(db, [path])
        rows = db.execute("SELECT soc_code, soc_method, soc_confidence, onet_title FROM postings").df()
        unmapped = db.query("unmapped_titles")
        listed = unmapped_titles(db, limit=5)
    assert set(rows["soc_method"]) <= {"pattern", "onet_exact", "onet_nearest", "none"}
    assert rows["soc_code"].notna().mean() >= 0.9
    assert rows.loc[rows["soc_method"] == "onet_nearest", "onet_title"].notna().all()
    assert (rows.loc[rows["soc_method"] == "none", "soc_code"].isna()).all()
    assert list(unmapped.columns) == ["title", "best_guess", "guess_confidence", "n"]
    assert list(listed.columns) == ["title", "best_guess", "guess_confidence", "n", "guesses"]
    shown, rest = listed.head(5), listed.iloc[5:]
    assert (rest["guesses"] == "").all()
    for best, guesses in zip(shown["best_guess"], shown["guesses"]):
        parts = guesses.split("; ")
        assert 1 <= len(parts) <= 3 and all(re.fullmatch(r"\d{2}-\d{4} .+ \(\d\.\d\d\)", p) for p in parts)
        assert best is None or best != best or parts[0].split(" ", 1)[1].startswith(best)   # the stored best first
    result = CliRunner().invoke(main, ["unmapped", "titles", "--limit", "3", "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert "guesses" in result.output.splitlines()[0] and shown["title"].iloc[0][:20] in result.output


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


def test_the_bundled_onet_phrases_are_those_titleclean_gives_today():
    # scripts/build_bundled_onet_titles.py cleans the 65k O*NET titles once, so an ingest need not; a change to
    # titleclean must rebuild the file, or the coder would match posting titles against stale phrases.
    from careerlens.resources import data_file

    with data_file("onet", "onet_titles.csv.gz") as path:
        bundled = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["title", "phrase"])
    stale = bundled[[occupation_phrase(t) != p for t, p in zip(bundled["title"], bundled["phrase"])]]
    assert stale.empty, f"{len(stale)} stale phrases, e.g. {stale.head(3).to_dict('records')}: rebuild the file"


def test_the_nearest_titles_are_those_a_brute_force_cosine_search_finds():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.neighbors import NearestNeighbors

    from careerlens.titlecoder import _char_wb_2_4

    phrases = ["registered nurse", "dental hygienist", "warehouse associate", "ab", "x y z", "nurse practitioner"]
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer()
    assert [_char_wb_2_4(p) for p in phrases] == [analyzer(p) for p in phrases]
    onet = pd.DataFrame({"onet_soc_code": [f"29-{1000 + i}.00" for i in range(len(phrases))],
                         "soc_code": [f"29-{1000 + i}" for i in range(len(phrases))],
                         "title": phrases, "title_kind": "alternate"})
    coder = TitleCoder(neighbours=3).fit(onet)
    queries = ["registerd nurse", "hygienist", "nurse"]
    rows, similarity = coder._nearest(queries)
    vectors = coder._vectors(list(coder.index_["match"]))
    distance, expected = NearestNeighbors(n_neighbors=3, metric="cosine").fit(vectors).kneighbors(
        coder._vectors(queries))
    assert similarity == pytest.approx(1 - distance)
    assert rows[:, 0].tolist() == expected[:, 0].tolist()


GLASSDOOR_HEADER = "Job Title,Salary Estimate,Job Description,Company Name,Location,Industry,Sector\n"


def glassdoor_file(folder, name, titles):
    path = folder / name
    path.write_text(GLASSDOOR_HEADER + "".join(
        f'{title},-1,"{title} wanted at {name}, row {i}.",Acme,"Austin, TX",-1,-1\n' for i, title in enumerate(titles)))
    return path


def test_a_later_load_codes_only_the_titles_the_store_has_not_seen(tmp_path, monkeypatch):
    # What the coder made of a title is kept in the store (coded_title_cache), per coder: a later load of
    # the same store codes only new titles, and a title served from the cache is stored as coding gives it.
    from careerlens import normalise

    coded = []
    code = TitleCoder.code
    monkeypatch.setattr(TitleCoder, "code", lambda self, keys: coded.append(sorted(keys)) or code(self, keys))
    first = glassdoor_file(tmp_path, "first.csv", ["Registered Nurse", "Dental Hygienist"])
    second = glassdoor_file(tmp_path, "second.csv", ["Registered Nurse", "Forklift Operator"])
    columns = ("SELECT title, soc_code, soc_method, soc_confidence, onet_title FROM stored_postings "
               "JOIN sources USING (file_id) WHERE file_name = 'second.csv'")
    with careerlens.open_database(tmp_path / "twice.duckdb") as db:
        careerlens.ingest(db, [first, second])
        served = db.sql(columns)
    with careerlens.open_database(tmp_path / "once.duckdb") as db:
        careerlens.ingest(db, [second])
        fresh = db.sql(columns)
    assert coded == [["dental hygienist", "registered nurse"], ["forklift operator"],
                     ["forklift operator", "registered nurse"]]
    assert served.sort_values("title").reset_index(drop=True).equals(fresh.sort_values("title").reset_index(drop=True))
    assert served["soc_method"].isin(["onet_exact", "onet_nearest"]).all()

    # another coder (here: another confidence threshold) codes every title again
    coded.clear()
    monkeypatch.setattr(normalise, "SOC_CONFIDENCE_THRESHOLD", 0.5)
    with careerlens.open_database(tmp_path / "twice.duckdb") as db:
        careerlens.ingest(db, [glassdoor_file(tmp_path, "third.csv", ["Registered Nurse"])])
    assert coded == [["registered nurse"]]
