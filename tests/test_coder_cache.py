"""The fitted title coder kept between processes: codes as a fresh one, bit for bit; a damaged file is refitted.

The coder is kept as plain arrays (careerlens.codercache); every test here points
``CAREERLENS_CACHE_DIR`` at a folder of its own.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from careerlens import codercache, normalise
from careerlens.db import Database
from careerlens.errors import CareerlensWarning
from careerlens.titleclean import text_key
from careerlens.titlecoder import TitleCoder
from tests.conftest import shared_file

#: Real posting files of ../shared/data and the column holding their titles.
TITLE_FILES = {
    "glassdoor_data_analyst_2020/DataAnalyst.csv.gz": "Job Title",
    "glassdoor_kenjee_ds_salary_proj/glassdoor_jobs.csv.gz": "Job Title",
    "glassdoor_uncleaned_ds_jobs/Uncleaned_DS_jobs.csv.gz": "Job Title",
    "indeed_ethical_tech_postings_2020/postings.csv": "Title",
    "linkedin_california_data_jobs_2018/DataAnalyst.csv.gz": "title",
    "linkedin_california_data_jobs_2018/DataScientist.csv.gz": "title",
    "linkedin_job_postings_2023_2024/postings_first500.csv": "title",
}
#: What is ingested with the cache damaged in each way (``damage`` below).
DAMAGES = ["truncated", "one byte flipped", "not a zip file", "empty", "another coder's file",
           "arrays that do not fit together", "a pickled object inside"]
RAN = []    # what the pickled object in DAMAGES' last case appends to, were it ever unpickled


@pytest.fixture(scope="module")
def onet():
    """The bundled O*NET titles and OEWS employment the coder is fitted on, and their fingerprint."""
    with Database(":memory:") as db:
        normalise.index_onet_titles(db)
        titles, employment = normalise._coder_inputs(db)
    return titles, employment, normalise._coder_key(titles, employment)


@pytest.fixture(scope="module")
def fresh_coder(onet):
    titles, employment, _ = onet
    return TitleCoder(threshold=normalise.SOC_CONFIDENCE_THRESHOLD).fit(titles, employment)


@pytest.fixture(scope="module")
def kept_file(onet, fresh_coder, tmp_path_factory):
    """The fresh coder's cache file, written once for the module."""
    folder = tmp_path_factory.mktemp("kept")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAREERLENS_CACHE_DIR", str(folder))
        codercache.save_coder(onet[2], fresh_coder)
        return codercache.coder_path(onet[2])


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache folder of this test's own, and no coder held by the process."""
    monkeypatch.setenv("CAREERLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(normalise, "_FITTED_CODERS", {})
    return tmp_path / "cache"


def real_title_keys() -> list[str]:
    keys = set()
    for relative, column in TITLE_FILES.items():
        path = shared_file(relative)
        titles = pd.read_csv(path, usecols=[column], dtype=str)[column].dropna()
        keys |= {text_key(title) for title in titles}
    return sorted(keys - {""})


def test_a_kept_coder_codes_real_titles_as_a_fresh_one_bit_for_bit(onet, fresh_coder, kept_file, cache):
    keys = real_title_keys()
    kept_copy(kept_file, cache)
    kept = codercache.load_coder(onet[2], threshold=normalise.SOC_CONFIDENCE_THRESHOLD)
    assert kept is not None and kept is not fresh_coder
    coded = fresh_coder.code(keys)
    assert len(keys) > 2000 and (coded["soc_method"] == "onet_nearest").sum() > 500
    pd.testing.assert_frame_equal(kept.code(keys), coded, check_exact=True)
    pd.testing.assert_frame_equal(kept.guesses(keys, k=3), fresh_coder.guesses(keys, k=3), check_exact=True)
    assert kept.soc_title(["29-1141", "15-2051", None]) == fresh_coder.soc_title(["29-1141", "15-2051", None])


def test_a_kept_coder_holds_what_fit_learned(fresh_coder, kept_file, onet, cache):
    kept_copy(kept_file, cache)
    kept = codercache.load_coder(onet[2], threshold=normalise.SOC_CONFIDENCE_THRESHOLD)
    for name in ("exact_", "index_"):
        pd.testing.assert_frame_equal(getattr(kept, name), getattr(fresh_coder, name), check_exact=True)
        pd.testing.assert_index_equal(getattr(kept, name).index, getattr(fresh_coder, name).index, exact=True)
    pd.testing.assert_series_equal(kept.soc_titles_, fresh_coder.soc_titles_, check_exact=True)
    assert (kept.soc_words_, kept.employment_, kept.phrase_index_) == \
        (fresh_coder.soc_words_, fresh_coder.employment_, fresh_coder.phrase_index_)
    assert kept.heads_.tolist() == fresh_coder.heads_.tolist()
    assert (kept.nn_ != fresh_coder.neighbour_index()).nnz == 0
    assert kept.word_.vocabulary_ == fresh_coder.word_.vocabulary_
    assert np.array_equal(kept.char_.idf_, fresh_coder.char_.idf_)


def test_a_load_fits_the_coder_once_then_reads_it_back(cache):
    with Database(":memory:") as db:
        normalise.index_onet_titles(db)
        fitted = normalise.fitted_coder(db)
        (written,) = cache.glob("titlecoder-*.npz")
        assert list(cache.glob("*.tmp")) == []
        normalise._FITTED_CODERS.clear()          # as a new process
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            read_back = normalise.fitted_coder(db)
    assert read_back is not fitted and read_back.nn_ is not None
    assert list(cache.glob("titlecoder-*.npz")) == [written]


def test_installations_with_other_library_versions_keep_a_file_each(cache, monkeypatch):
    """Two environments on one machine (pandas 3.1.1 in one, 3.1.2 in the other) would otherwise refit the coder and
    overwrite each other's file on every load."""
    here = codercache.coder_path("0" * 32)
    installed = codercache.metadata.version
    monkeypatch.setattr(codercache.metadata, "version",
                        lambda name: "0.0.1" if name == "pandas" else installed(name))
    other = codercache.coder_path("0" * 32)
    assert here != other and here.parent == other.parent
    assert codercache.coder_path("1" * 32) != other


def kept_copy(kept_file, cache) -> Path:
    """The module's cache file, copied into this test's cache folder."""
    cache.mkdir()
    return Path(shutil.copy(kept_file, cache))


def damage(path, how):
    """Damage the cache file at ``path`` in the way ``how`` names (one of DAMAGES)."""
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "one byte flipped":     # inside the neighbour index's numbers: the zip member's CRC no longer holds
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:])
    elif how == "not a zip file":
        path.write_text("titles\nnurse\n")
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "another coder's file":
        path.rename(codercache.coder_path("0" * 32))
        shutil.copy(codercache.coder_path("0" * 32), path)
        with np.load(path) as stored:
            arrays = dict(stored)
        arrays["stamp"] = np.array(codercache._stamp("0" * 32))
        np.savez(path, **arrays)
    elif how == "arrays that do not fit together":
        with np.load(path) as stored:
            arrays = dict(stored)
        arrays["nn.shape"] = arrays["nn.shape"] - [0, 1]
        arrays["nn.indices"] = np.minimum(arrays["nn.indices"], arrays["nn.shape"][1] - 1)
        np.savez(path, **arrays)
    elif how == "a pickled object inside":
        with np.load(path) as stored:
            arrays = dict(stored)
        payload = np.empty(1, dtype=object)
        payload[0] = Unpickled()
        arrays["heads"] = payload
        np.savez(path, **arrays)
    else:
        raise ValueError(how)


class Unpickled:
    def __reduce__(self):
        return (exec, ("import tests.test_coder_cache as t; t.RAN.append('unpickled')",))


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_cache_file_is_ignored_with_a_warning(how, onet, fresh_coder, kept_file, cache):
    path = kept_copy(kept_file, cache)
    damage(path, how)
    with pytest.warns(CareerlensWarning, match=r"ignoring the cached title coder .*; fitting it again") as caught:
        assert codercache.load_coder(onet[2], threshold=normalise.SOC_CONFIDENCE_THRESHOLD) is None
    assert len(caught) == 1 and "\n" not in str(caught[0].message)
    assert RAN == []


def test_a_damaged_cache_file_is_refitted_and_replaced(onet, fresh_coder, kept_file, cache):
    path = kept_copy(kept_file, cache)
    damage(path, "truncated")
    keys = ["registered nurse", "senior data analyst", "forklift driver nights", "qzxv wpok"]
    with Database(":memory:") as db:
        normalise.index_onet_titles(db)
        with pytest.warns(CareerlensWarning, match="truncated|zip"):
            refitted = normalise.fitted_coder(db)
    pd.testing.assert_frame_equal(refitted.code(keys), fresh_coder.code(keys), check_exact=True)
    assert path.read_bytes() == kept_file.read_bytes()


def test_a_cache_that_cannot_be_written_costs_a_warning_not_the_load(tmp_path, monkeypatch, fresh_coder, onet):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("CAREERLENS_CACHE_DIR", str(blocker / "careerlens"))
    with pytest.warns(CareerlensWarning, match="cannot keep the title coder"):
        codercache.save_coder(onet[2], fresh_coder)


def test_a_write_cut_short_leaves_no_file(cache, monkeypatch, fresh_coder, onet):
    def savez(out, **arrays):
        out.write(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(codercache.np, "savez", savez)
    with pytest.warns(CareerlensWarning, match="No space left"):
        codercache.save_coder(onet[2], fresh_coder)
    assert list(cache.iterdir()) == []


def test_only_the_newest_coder_files_are_kept(cache, kept_file, onet):
    cache.mkdir()
    for n in range(5):
        shutil.copy(kept_file, cache / f"titlecoder-{n:032d}.npz")
    codercache._remove_older(cache / f"titlecoder-{4:032d}.npz")
    assert len(list(cache.glob("titlecoder-*.npz"))) == codercache.KEEP_FILES


def test_the_cli_warns_in_one_line_and_loads(cache, kept_file, onet, fresh_coder, tmp_path):
    from click.testing import CliRunner

    from careerlens.cli import main

    damage(kept_copy(kept_file, cache), "truncated")
    postings = shared_file("indeed_ethical_tech_postings_2020/postings.csv")
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "s.duckdb"), str(postings)])
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warned) == 1 and "ignoring the cached title coder" in warned[0]

