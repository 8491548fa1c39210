"""TF-IDF vectors of titles as a fitted scikit-learn ``TfidfVectorizer`` makes them, without importing scikit-learn.

The SOC title coder (:mod:`careerlens.titlecoder`) fits two vectorizers with scikit-learn, but coding titles
needs only their transform: a vocabulary, the idf weights and an analyzer. A coder read back from the cache
folder (:mod:`careerlens.codercache`) used to import scikit-learn for that transform alone, 1.0-1.5 CPU s of a
100k-posting load (most of it ``scipy.stats``, which scikit-learn imports) on the core the staging wants, and
about a third of a small file's load (bench/README.md, issue 20 part 7).

:class:`TermWeights` does scikit-learn's arithmetic in scikit-learn's order, so its vectors equal scikit-learn's
bit for bit (``tests/test_term_weights.py``): a document's term counts with its term indices sorted,
``1 + log(count)`` (``sublinear_tf``), times the term's idf, then :func:`l2_rows`.
"""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

#: What the coder's word vectorizer calls a token (its ``token_pattern``), in lower-cased text.
WORD_TOKEN = re.compile(r"[a-z0-9+#]+")


def word_1_2(phrase: str) -> list[str]:
    """Words and word pairs, as scikit-learn's ``analyzer='word'`` makes them with the coder's ``token_pattern``,
    ``ngram_range=(1, 2)`` and lower-casing: ``'Data Scientist'`` -> ``['data', 'scientist', 'data scientist']``."""
    words = WORD_TOKEN.findall(phrase.lower())
    return words + [f"{first} {second}" for first, second in zip(words, words[1:])]


class TermWeights:
    """The transform of a fitted ``TfidfVectorizer(sublinear_tf=True)`` (idf on, L2 norm), from what it learned.

    Parameters
    ----------
    vocabulary : dict
        Term -> column, the vectorizer's ``vocabulary_``.
    idf : numpy.ndarray
        The vectorizer's ``idf_``, one weight per column.
    analyzer : callable
        Document -> its terms, as the vectorizer's analyzer gives them (:func:`word_1_2`, or the coder's
        character n-grams).
    """

    def __init__(self, vocabulary: dict, idf: np.ndarray, analyzer: Callable[[str], list[str]]):
        self.vocabulary_ = vocabulary
        self.idf_ = idf
        self.analyzer = analyzer

    def transform(self, documents):
        """One L2-normalised row of TF-IDF weights per document (a SciPy CSR matrix of float64)."""
        from scipy.sparse import csr_matrix

        vocabulary, analyze = self.vocabulary_, self.analyzer
        columns, counts, ends = [], [], [0]
        for document in documents:
            found: dict[int, int] = {}
            for term in analyze(document):
                column = vocabulary.get(term)
                if column is not None:
                    found[column] = found.get(column, 0) + 1
            columns.extend(found)
            counts.extend(found.values())
            ends.append(len(columns))
        matrix = csr_matrix((np.asarray(counts, dtype=np.float64), np.asarray(columns, dtype=np.int32),
                             np.asarray(ends, dtype=np.int32)), shape=(len(ends) - 1, len(vocabulary)))
        matrix.sort_indices()
        np.log(matrix.data, out=matrix.data)
        matrix.data += 1.0
        matrix.data *= self.idf_[matrix.indices]
        return l2_rows(matrix)


def l2_rows(matrix):
    """``matrix`` (sparse) as CSR with every row divided by its L2 norm; a row of zeros stays as it is.

    As scikit-learn's ``normalize`` (``inplace_csr_row_normalize_l2``): each row's squares are summed one after
    the other in stored order (a numpy sum would add them pairwise, which rounds differently), then each
    value is divided by the square root. Summed here a stored position at a time, over all rows at once.
    """
    out = matrix.tocsr(copy=True)
    data, starts = out.data, out.indptr[:-1]
    lengths = np.diff(out.indptr)
    sums = np.zeros(len(lengths))
    for position in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > position)
        values = data[starts[rows] + position]
        sums[rows] += values * values
    data /= np.repeat(np.where(sums == 0.0, 1.0, np.sqrt(sums)), lengths)
    return out
