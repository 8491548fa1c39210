"""Term similarity learned from the ingested postings themselves: which words and word pairs are used alike.

A seed list names some of the ways postings ask for a topic; the corpus knows
the rest. Words that appear in the same contexts as a topic's seeds
("Looker" and "Qlik" beside "Tableau", "Hive" and "HDFS" beside "Hadoop",
"verbal" and "interpersonal" beside "communication") are found here as
vectors: counts of the words within a few places of each term, weighted by
positive pointwise mutual information (PPMI) and reduced with scikit-learn's
TruncatedSVD. Word pairs ("map reduce", "star schema") are folded into the
same space, so a phrase of two words has a vector of its own rather than an
average of two words' meanings. Offline, CPU-only, deterministic for a seed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from careerlens.classify.phrases import TOKEN, split_camel_case
from careerlens.classify.wordforms import FUNCTION_WORDS

#: Words within this many places of a term are its context (nearer ones weigh more: 1/distance).
WINDOW = 4
#: Dimensions of the reduced space.
DIMENSIONS = 200
#: A word or word pair needs this many occurrences in the sample to get a vector.
MIN_COUNT = 5
#: A word pair is a term only when its words go together more than by chance (normalised PMI).
MIN_PAIR_ASSOCIATION = 0.35


@dataclass
class TermSpace:
    """Unit vectors for the sample's frequent words and word pairs (``terms``), and how often each occurs."""

    terms: np.ndarray            # object array of "word" or "word word"
    counts: np.ndarray
    vectors: np.ndarray          # terms x DIMENSIONS, unit length
    association: np.ndarray      # normalised PMI of a pair's words (1 for single words)

    @classmethod
    def fit(cls, token_lists, *, seed: int = 0) -> "TermSpace":
        """Learn the space from a pyarrow list array of sentence tokens (one list per sentence)."""
        import pyarrow.compute as pc
        import scipy.sparse as sp
        from sklearn.decomposition import TruncatedSVD
        from sklearn.preprocessing import normalize

        flat = pc.list_flatten(token_lists)
        sentence = pc.list_parent_indices(token_lists).to_numpy()
        encoded = pc.dictionary_encode(flat)
        # Words numbered in alphabetical order, so the space does not depend on the order sentences came in.
        words = np.asarray(encoded.dictionary.to_pylist(), dtype=object)
        order = np.argsort(words)
        rank = np.empty(len(words), np.int64)
        rank[order] = np.arange(len(words))
        codes, words = rank[encoded.indices.to_numpy(zero_copy_only=False)], words[order]
        counts = np.bincount(codes, minlength=len(words))
        frequent = counts >= MIN_COUNT
        renumber = np.full(len(words), -1)
        renumber[frequent] = np.arange(frequent.sum())
        ids, words, counts = renumber[codes], words[frequent], counts[frequent]
        n_words, n_tokens = len(words), len(ids)
        if n_words < 2:
            return cls(np.asarray([], dtype=object), np.zeros(0, np.int64), np.zeros((0, 1), np.float32), np.zeros(0))

        # Word pairs: adjacent frequent words of one sentence, themselves frequent.
        adjacent = (sentence[:-1] == sentence[1:]) & (ids[:-1] >= 0) & (ids[1:] >= 0)
        pair_code = np.where(adjacent, ids[:-1] * n_words + ids[1:], -1)
        unique_pairs, pair_of, pair_counts = np.unique(pair_code, return_inverse=True, return_counts=True)
        keep = (unique_pairs >= 0) & (pair_counts >= MIN_COUNT)
        pairs, pair_counts = unique_pairs[keep], pair_counts[keep]
        pair_id = np.full(len(unique_pairs), -1)
        pair_id[keep] = np.arange(keep.sum())
        pair_at = np.append(pair_id[pair_of], -1)             # the pair starting at each position, or -1

        # Context counts (1/distance within WINDOW, same sentence) of every word and pair, one distance at a
        # time: a distance's (term, context) pairs are summed into a sparse matrix before the next is made.
        ids, n_terms = ids.astype(np.int32), n_words + len(pairs)
        pair_at = np.where(pair_at >= 0, n_words + pair_at, -1).astype(np.int32)
        position = np.arange(n_tokens, dtype=np.int64)
        context_counts = sp.csr_matrix((n_terms, n_words))
        for distance in range(1, WINDOW + 1):
            left, right = ids[:-distance], ids[distance:]
            together = (sentence[:-distance] == sentence[distance:]) & (left >= 0) & (right >= 0)
            left, right = left[together], right[together]
            near = _cooccurrences(np.concatenate([left, right]), np.concatenate([right, left]), (n_terms, n_words))
            for context in (position - distance, position + 1 + distance):     # around a pair at (i, i+1)
                inside = (pair_at >= 0) & (context >= 0) & (context < n_tokens)
                at = np.flatnonzero(inside)
                at = at[(sentence[context[at]] == sentence[at]) & (ids[context[at]] >= 0)]
                near = near + _cooccurrences(pair_at[at], ids[context[at]], (n_terms, n_words))
            context_counts = context_counts + near * (1.0 / distance)
        word_contexts = context_counts[:n_words]
        # Context-distribution smoothing (alpha 0.75), as in Levy, Goldberg & Dagan (2015).
        context_share = np.asarray(word_contexts.sum(axis=0)).ravel() ** 0.75
        context_share /= context_share.sum()
        svd = TruncatedSVD(min(DIMENSIONS, n_words - 1), random_state=seed, n_iter=5)
        svd.fit(_ppmi(word_contexts, context_share))
        vectors = _ppmi(context_counts, context_share) @ svd.components_.T / np.sqrt(svd.singular_values_)
        terms = np.concatenate([words, np.asarray([f"{words[p // n_words]} {words[p % n_words]}" for p in pairs],
                                                  dtype=object)])
        total = counts.sum()
        first, second = counts[pairs // n_words] / total, counts[pairs % n_words] / total
        together = pair_counts / total
        association = np.concatenate([np.ones(n_words), np.log(together / (first * second)) / -np.log(together)])
        return cls(terms, np.concatenate([counts, pair_counts]), normalize(vectors).astype(np.float32),
                   association)

    @property
    def index(self) -> dict:
        if getattr(self, "_index", None) is None:
            self._index = {term: i for i, term in enumerate(self.terms)}
        return self._index

    def vector(self, phrase: str):
        """The vector of a phrase: its own if it is a known term, else the mean of its known word pairs
        (or words); None when the sample never used it."""
        from sklearn.preprocessing import normalize

        words = phrase_tokens(phrase)
        whole = " ".join(words)
        if whole in self.index:
            return self.vectors[self.index[whole]]
        parts = [" ".join(words[i:i + 2]) for i in range(len(words) - 1)] or words
        found = [self.vectors[self.index[p]] for p in parts if p in self.index]
        if not found:
            return None
        return normalize(np.mean(found, axis=0)[None])[0]

    def candidates(self) -> np.ndarray:
        """Terms that can stand for a topic: no little words or digits, word pairs that go together."""
        return np.asarray([not (set(t.split(" ")) & FUNCTION_WORDS) and not re.search(r"\d", t) and len(t) > 2
                           for t in self.terms]) & (self.association >= MIN_PAIR_ASSOCIATION)


def phrase_tokens(phrase: str) -> list[str]:
    """A curriculum phrase as the words the sentence tokeniser would make of it ("PyTorch" -> py, torch)."""
    return re.findall(TOKEN, split_camel_case(phrase).lower().replace("*", " "))


def _cooccurrences(rows, cols, shape):
    """How often each (row, col) pair occurs, as a sparse count matrix."""
    import scipy.sparse as sp

    return sp.csr_matrix((np.ones(len(rows), np.int32), (rows, cols)), shape=shape)


def _ppmi(counts, context_share):
    """Positive PMI of a (term x context) count matrix, with the contexts' smoothed shares."""
    ppmi = counts.tocsr(copy=True)
    row_totals = np.asarray(ppmi.sum(axis=1)).ravel()
    ppmi.data /= np.repeat(row_totals, np.diff(ppmi.indptr))
    ppmi.data /= context_share[ppmi.indices]
    np.log(ppmi.data, out=ppmi.data)
    ppmi.data[ppmi.data < 0] = 0
    ppmi.eliminate_zeros()
    return ppmi
