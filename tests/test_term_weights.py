"""The title coder's TF-IDF vectors without scikit-learn: equal to scikit-learn's bit for bit.

A coder read back from the cache folder codes titles with careerlens.termweights instead of
scikit-learn's vectorizers (importing scikit-learn cost 1.0-1.5 CPU s of every load, bench/README.md,
issue 20 part 7). Its codes may only be as fast, never different: every vector, and every norm, is
compared with scikit-learn's on the bundled O*NET titles and on the real titles of ../shared/data.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from careerlens import normalise
from careerlens.db import Database
from careerlens.termweights import TermWeights, l2_rows, word_1_2
from careerlens.titleclean import occupation_phrase
from careerlens.titlecoder import ANALYZERS, TitleCoder, _char_wb_2_4, _vectorizers
from tests.test_coder_cache import real_title_keys


@pytest.fixture(scope="module")
def phrases():
    """The bundled O*NET phrases (what the vectorizers are fitted on) and the real titles' phrases (what they code)."""
    with Database(":memory:") as db:
        normalise.index_onet_titles(db)
        titles, employment = normalise._coder_inputs(db)
    onet = TitleCoder().fit(titles, employment).index_["match"].tolist()
    return onet, [occupation_phrase(key) for key in real_title_keys()]


def same_bits(first, second) -> bool:
    return (first.shape == second.shape and np.array_equal(first.indptr, second.indptr)
            and np.array_equal(first.indices, second.indices) and np.array_equal(first.data, second.data))


@pytest.mark.parametrize("name", ["word", "char"])
def test_term_weights_are_scikit_learns_bit_for_bit(phrases, name):
    onet, titles = phrases
    fitted = dict(zip(["word", "char"], _vectorizers()))[name].fit(onet)
    mine = TermWeights(fitted.vocabulary_, fitted.idf_, ANALYZERS[name])
    assert len(titles) > 2000
    for documents in (onet, titles, ["", "x", "c++ c# .net", "nurse nurse nurse"]):
        assert same_bits(mine.transform(documents), csr_matrix(fitted.transform(documents)))


def test_the_analyzers_are_scikit_learns(phrases):
    onet, titles = phrases
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), token_pattern=r"[a-z0-9+#]+").build_analyzer()
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).build_analyzer()
    for phrase in [*onet, *titles, "data  scientist c++", "a"]:
        assert word_1_2(phrase) == word(phrase)
        assert _char_wb_2_4(phrase) == char(phrase)     # the coder's phrases are lower case already
    assert word_1_2("Data SCIENTIST (C++)") == word("Data SCIENTIST (C++)")
    assert word_1_2("Senior Data Scientist") == ["senior", "data", "scientist", "senior data", "data scientist"]


def test_rows_are_normalised_as_scikit_learn_normalises_them(phrases):
    # summed in stored order, one value after the other, as scikit-learn does: a pairwise sum rounds differently
    onet, titles = phrases
    counts = TfidfVectorizer(analyzer=_char_wb_2_4, sublinear_tf=True).fit(onet).transform(onet + titles)
    weighted = csr_matrix(counts) * np.sqrt(0.5)
    assert same_bits(l2_rows(weighted), csr_matrix(normalize(weighted)))
    pairwise = np.sqrt(np.add.reduceat(weighted.data ** 2, weighted.indptr[:-1]))
    assert not np.array_equal(np.repeat(pairwise, np.diff(weighted.indptr)), weighted.data / l2_rows(weighted).data)
    # a row of zeros stays a row of zeros; one value becomes 1
    rows = l2_rows(csr_matrix(np.array([[0.0, 0.0], [0.0, 3.0], [3.0, 4.0]])))
    assert rows.toarray().tolist() == [[0.0, 0.0], [0.0, 1.0], [0.6, 0.8]]


def test_a_kept_coder_codes_titles_without_importing_scikit_learn(tmp_path):
    # the cache file is written by a process that fits (with scikit-learn); one that reads it codes without it
    script = """
import sys
from careerlens import normalise
from careerlens.db import Database
with Database(':memory:') as db:
    normalise.index_onet_titles(db)
    coder = normalise.fitted_coder(db)
codes = coder.code(['registerd nurse', 'data scientist', 'warehouse associate ii'])
print(sorted(name for name in sys.modules if name.split('.')[0] == 'sklearn')[:3], list(codes['soc_method']))
"""
    env = {"CAREERLENS_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert list(tmp_path.glob("titlecoder-*.npz"))
    assert runs[0].stdout.startswith("['sklearn'")                 # fitted
    assert runs[1].stdout.startswith("[] ") and runs[1].stdout.split("] ", 1)[1] == runs[0].stdout.split("] ", 1)[1]
