"""careerlens.tfidf gives scikit-learn's TF-IDF vectors to the last bit, so the SOC title coder codes as it did.

The reference is scikit-learn's ``TfidfVectorizer`` with the settings the coder used
before (word 1-2 grams of ``[a-z0-9+#]+``; character 2-4 grams inside words), fitted
on the bundled O*NET phrases the coder indexes, and applied to real posting titles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import careerlens
from careerlens.normalise import fitted_coder, index_onet_titles, refresh_taxonomy
from careerlens.resources import data_file
from careerlens.tfidf import TfidfVectors, l2_normalised
from careerlens.titleclean import occupation_phrase

#: Title shapes from postings, hostile ones included: an accent, a lone letter, nothing at all, many words.
TITLES = ["Registered Nurse - ICU", "Data Scientist, NLP (Remote)", "C++ / C# Developer", "Técnico de campo",
          "x", "", "   ", "Sr. Software Engineer II - Payments Platform Team - Austin, TX",
          "a b c d e f g h i j k l m n o p", "nurse nurse nurse", "QA Tester (Entry Level)"]


def scikit_learn(analyzer: str):
    from sklearn.feature_extraction.text import TfidfVectorizer

    if analyzer == "word":
        return TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"[a-z0-9+#]+")
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)


def assert_identical(ours, theirs):
    """Same shape, same stored order and the same float64 values bit for bit."""
    assert ours.shape == theirs.shape
    assert np.array_equal(ours.indptr, theirs.indptr)
    assert np.array_equal(ours.indices, theirs.indices)
    assert np.array_equal(ours.data, theirs.data)


@pytest.fixture(scope="module")
def onet_phrases():
    with data_file("onet", "onet_titles.csv.gz") as path:
        phrases = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["phrase"])["phrase"]
    return sorted(set(phrases) - {""})


@pytest.mark.parametrize("analyzer", ["word", "char_wb"])
def test_vectors_of_the_onet_phrases_and_of_titles_are_scikit_learns(onet_phrases, analyzer):
    ours, theirs = TfidfVectors(analyzer=analyzer), scikit_learn(analyzer)
    assert_identical(ours.fit_transform(onet_phrases), theirs.fit_transform(onet_phrases))
    assert np.array_equal(ours.idf_, theirs.idf_)
    queries = [occupation_phrase(t) for t in TITLES] + TITLES     # the coder's phrases, and raw text
    assert_identical(ours.transform(queries), theirs.transform(queries))


def test_a_corpus_of_one_word_and_unknown_characters():
    ours, theirs = TfidfVectors(analyzer="char_wb"), scikit_learn("char_wb")
    assert_identical(ours.fit_transform(["ab"]), theirs.fit_transform(["ab"]))
    assert_identical(ours.transform(["ab", "zz", "ä b"]), theirs.transform(["ab", "zz", "ä b"]))


def test_rows_are_scaled_to_length_one_and_an_empty_row_stays_empty():
    from scipy.sparse import csr_matrix

    rows = l2_normalised(csr_matrix(np.array([[3.0, 0.0, 4.0], [0.0, 0.0, 0.0], [0.0, 2.0, 0.0]])))
    assert rows.toarray().tolist() == [[0.6, 0.0, 0.8], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]]


def test_the_coders_index_of_the_bundled_titles_is_the_one_scikit_learn_built():
    from scipy.sparse import hstack
    from sklearn.preprocessing import normalize

    with careerlens.open_database(":memory:") as db:
        refresh_taxonomy(db)
        index_onet_titles(db)
        coder = fitted_coder(db)
    matches = coder.index_["match"].tolist()
    weight = coder.char_weight
    theirs = normalize(hstack([scikit_learn("word").fit_transform(matches) * np.sqrt(1 - weight),
                               scikit_learn("char_wb").fit_transform(matches) * np.sqrt(weight)]).tocsr())
    assert_identical(coder.neighbour_index(), theirs.T.tocsr())
