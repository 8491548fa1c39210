"""TF-IDF vectors of short texts, equal to the last bit to scikit-learn's ``TfidfVectorizer``, without it.

The SOC title coder compares titles with the O*NET titles by TF-IDF vectors over
words (1-2 grams) and character 2-4 grams inside words (``analyzer='char_wb'``),
``sublinear_tf=True``. Importing scikit-learn and fitting its vectorizers on the
46,061 O*NET phrases took about 3 s of every ingest, more than DuckDB's bare read
of 100k postings; here the character grams are counted with numpy (each gram packed
into one integer), the words in plain dicts, in well under a second.

The floating-point operations are scikit-learn's, in its order: ``log(tf) + 1``,
times ``idf = log((n + 1) / (df + 1)) + 1``, then each row divided by its L2 norm
summed in the row's stored order (the order a fitted matrix keeps: terms by first
appearance in the corpus, then renumbered alphabetically). So the coder's
neighbours and scores are those it had with scikit-learn; tests/test_tfidf.py
compares the matrices element by element.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import scipy.sparse as sp

WORD_TOKEN = re.compile(r"[a-z0-9+#]+")


def l2_normalised(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Each row divided by its L2 norm, in place, its squares summed in stored order (scikit-learn's
    ``normalize``); an all-zero row is left as it is."""
    data, indptr = matrix.data, matrix.indptr
    lengths = np.diff(indptr)
    sums = np.zeros(len(lengths))
    for position in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > position)
        values = data[indptr[rows] + position]
        sums[rows] += values * values
    nonzero = sums != 0.0
    norms = np.sqrt(sums, where=nonzero, out=np.ones_like(sums))
    data /= np.repeat(norms, lengths)
    return matrix


def _counts(docs: np.ndarray, terms: np.ndarray, n_docs: int, n_terms: int) -> sp.csr_matrix:
    """The count matrix of (document, term) occurrences, each row in term order."""
    keys, counts = np.unique(docs.astype(np.int64) * n_terms + terms, return_counts=True)
    indptr = np.searchsorted(keys // n_terms, np.arange(n_docs + 1)).astype(np.int32)
    return sp.csr_matrix((counts.astype(np.float64), (keys % n_terms).astype(np.int32), indptr),
                         shape=(n_docs, n_terms))


class TfidfVectors:
    """Fits and applies TF-IDF vectors (l2 norm, smooth idf, sublinear tf) of one analyzer.

    Parameters
    ----------
    analyzer : {'word', 'char_wb'}
        ``'word'``: tokens of ``[a-z0-9+#]+`` of the lower-cased text, 1 and 2 grams
        (scikit-learn's ``analyzer='word', ngram_range=(1, 2), token_pattern=WORD_TOKEN``);
        ``'char_wb'``: character 2-4 grams inside each space-padded word of the text split on
        white space, of the lower-cased text (scikit-learn's ``analyzer='char_wb', ngram_range=(2, 4)``).
    """

    def __init__(self, *, analyzer: str):
        if analyzer not in ("word", "char_wb"):
            raise ValueError(f"unknown analyzer {analyzer!r}")
        self.analyzer = analyzer

    def fit_transform(self, texts) -> sp.csr_matrix:
        """Learn the vocabulary and idf of ``texts``; return their vectors."""
        texts = list(texts)
        if self.analyzer == "word":
            docs, terms, vocabulary = self._word_terms(texts, None)
            names = sorted(vocabulary, key=vocabulary.get)         # by first appearance
            alphabetical = np.argsort(np.argsort(np.array(names, dtype=object)))
            self.vocabulary_ = dict(zip(names, alphabetical.tolist()))
        else:
            characters = " ".join(texts + [" "]).lower().encode("utf-32-le")
            self.alphabet_ = np.unique(np.frombuffer(characters, dtype=np.uint32))
            docs, codes = self._char_terms(texts)
            terms, first_seen = pd.factorize(codes, sort=False)               # ids by first appearance
            self.codes_ = np.sort(first_seen)                                   # alphabetical order
            alphabetical = np.searchsorted(self.codes_, first_seen)
        if not len(alphabetical):
            raise ValueError("empty vocabulary: the texts hold no term")
        # scikit-learn counts with ids by first appearance, sorts each row by them, then renumbers
        counts = _counts(docs, terms, len(texts), len(alphabetical))
        counts.indices = alphabetical[counts.indices].astype(np.int32)
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
        df += 1.0
        self.idf_ = np.full_like(df, fill_value=len(texts) + 1)
        self.idf_ /= df
        np.log(self.idf_, out=self.idf_)
        self.idf_ += 1.0
        return self._weighted(counts)

    def transform(self, texts) -> sp.csr_matrix:
        """The vectors of ``texts`` over the fitted vocabulary (unknown terms are left out)."""
        texts = list(texts)
        if self.analyzer == "word":
            docs, terms, _ = self._word_terms(texts, self.vocabulary_)
        else:
            docs, codes = self._char_terms(texts)
            terms = np.searchsorted(self.codes_, codes)
            known = terms < len(self.codes_)
            known[known] = self.codes_[terms[known]] == codes[known]
            docs, terms = docs[known], terms[known]
        return self._weighted(_counts(docs, terms, len(texts), len(self.idf_)))

    def _weighted(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        np.log(counts.data, out=counts.data)
        counts.data += 1.0
        counts.data *= self.idf_[counts.indices]
        return l2_normalised(counts)

    @staticmethod
    def _word_terms(texts, vocabulary):
        """(document, term id) of each word 1 and 2 gram in order; ids by first appearance when fitting."""
        fitting = vocabulary is None
        if fitting:
            vocabulary = {}
        docs, terms = [], []
        for doc, text in enumerate(texts):
            tokens = WORD_TOKEN.findall(text.lower())
            grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
            if fitting:
                ids = [vocabulary.setdefault(gram, len(vocabulary)) for gram in grams]
            else:
                ids = [i for i in map(vocabulary.get, grams) if i is not None]
            terms += ids
            docs += [doc] * len(ids)
        return np.array(docs, dtype=np.int64), np.array(terms, dtype=np.int64), vocabulary

    def _char_terms(self, texts):
        """(document, gram code) of each character 2-4 gram, in the analyzer's order (by word, a word's
        2-grams, then its 3-grams, then its 4-grams). A gram's code packs the ranks (1-based, in the fitted
        alphabet) of its characters 16 bits each, first character highest, so that codes sort as the grams
        do as strings; a character outside the alphabet gets a rank no fitted gram holds."""
        if len(self.alphabet_) >= 0xFFFF:
            raise ValueError("more than 65,534 distinct characters: a gram's code cannot hold them")
        words = [text.lower().split() for text in texts]
        sizes = np.array([len(w) + 2 for ws in words for w in ws], dtype=np.int64)
        word_doc = np.repeat(np.arange(len(texts)), [len(ws) for ws in words])
        chars = np.frombuffer("".join(f" {w} " for ws in words for w in ws).encode("utf-32-le"), dtype=np.uint32)
        ranks = np.searchsorted(self.alphabet_, chars)
        seen = ranks < len(self.alphabet_)
        seen[seen] = self.alphabet_[ranks[seen]] == chars[seen]
        ranks = np.append(np.where(seen, ranks + 1, 0xFFFF).astype(np.uint64), np.zeros(3, np.uint64))
        # the 4 characters from each place; an n-gram keeps the first n of them
        four = ranks[:-3] << np.uint64(48) | ranks[1:-2] << np.uint64(32) | ranks[2:-1] << np.uint64(16) | ranks[3:]
        starts = np.cumsum(sizes) - sizes
        grams_of_word = sum(np.maximum(sizes - n + 1, 0) for n in (2, 3, 4))
        place = np.cumsum(grams_of_word) - grams_of_word     # where the word's first gram goes
        docs = np.empty(int(grams_of_word.sum()), dtype=np.int64)
        codes = np.empty(len(docs), dtype=np.uint64)
        for n in (2, 3, 4):
            per_word = np.maximum(sizes - n + 1, 0)
            word = np.repeat(np.arange(len(sizes)), per_word)
            offset = np.arange(len(word)) - np.repeat(np.cumsum(per_word) - per_word, per_word)
            at = place[word] + offset
            docs[at] = word_doc[word]
            codes[at] = four[starts[word] + offset] & np.uint64(((1 << (16 * n)) - 1) << (16 * (4 - n)))
            place += per_word
        return docs, codes
