"""careerlens.tfidf gives scikit-learn's TF-IDF vectors to the last bit, so the SOC title coder codes as it did.

The reference is scikit-learn's ``TfidfVectorizer`` with the settings the coder used
before (word 1-2 grams of ``[a-z0-9+#]+``; character 2-4 grams inside words), fitted
on the bundled O*NET phrases the coder indexes, and applied to real posting titles.
"""

from __future__ import annotations

import numpy as np
import pytest

import careerlens
from careerlens.normalise import fitted_coder, index_onet_titles, refresh_taxonomy
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
def coder():
    """The coder fitted on the bundled O*NET titles, as an ingest fits it."""
    with careerlens.open_database(":memory:") as db:
        refresh_taxonomy(db)
        index_onet_titles(db)
        return fitted_coder(db)


@pytest.fixture(scope="module")
def theirs(coder):
    """scikit-learn's vectorizers fitted on the O*NET phrases the coder indexes, and their matrices."""
    phrases = coder.index_["match"].tolist()
    fitted = {analyzer: scikit_learn(analyzer) for analyzer in ("word", "char_wb")}
    return {analyzer: (vectorizer, vectorizer.fit_transform(phrases)) for analyzer, vectorizer in fitted.items()}


@pytest.mark.parametrize("analyzer", ["word", "char_wb"])
def test_vectors_of_the_onet_phrases_and_of_titles_are_scikit_learns(coder, theirs, analyzer):
    vectorizer, matrix = theirs[analyzer]
    ours = TfidfVectors(analyzer=analyzer)
    assert_identical(ours.fit_transform(coder.index_["match"].tolist()), matrix)
    assert np.array_equal(ours.idf_, vectorizer.idf_)
    queries = [occupation_phrase(t) for t in TITLES] + TITLES     # the coder's phrases, and raw text
    assert_identical(ours.transform(queries), vectorizer.transform(queries))


def test_a_corpus_with_no_term_is_refused():
    with pytest.raises(ValueError, match="empty vocabulary"):
        TfidfVectors(analyzer="word").fit_transform(["", "--"])


def test_a_corpus_of_one_word_and_unknown_characters():
    ours, theirs = TfidfVectors(analyzer="char_wb"), scikit_learn("char_wb")
    assert_identical(ours.fit_transform(["ab"]), theirs.fit_transform(["ab"]))
    assert_identical(ours.transform(["ab", "zz", "ä b"]), theirs.transform(["ab", "zz", "ä b"]))


def test_rows_are_scaled_to_length_one_and_an_empty_row_stays_empty():
    from scipy.sparse import csr_matrix

    rows = l2_normalised(csr_matrix(np.array([[3.0, 0.0, 4.0], [0.0, 0.0, 0.0], [0.0, 2.0, 0.0]])))
    assert rows.toarray().tolist() == [[0.6, 0.0, 0.8], [0.0, 0.0, 0.0], [0.0, 1.0, 0.0]]


def test_the_coders_index_of_the_bundled_titles_is_the_one_scikit_learn_built(coder, theirs):
    from scipy.sparse import hstack
    from sklearn.preprocessing import normalize

    weight = coder.char_weight
    expected = normalize(hstack([theirs["word"][1] * np.sqrt(1 - weight),
                                 theirs["char_wb"][1] * np.sqrt(weight)]).tocsr())
    assert_identical(coder.neighbour_index(), expected.T.tocsr())
