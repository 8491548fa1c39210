"""Sentences as features: word and word-pair counts, character n-grams, position, other topics named."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from careerlens.classify.phrases import CONTEXT, TOKEN, split_camel_case, string_array

#: Sentence positions the model tells apart: the title, then fifths of the text.
N_POSITIONS = 6
#: How many other topics a sentence names (0, 1, 2, 3+): skill lists name several.
N_TOPIC_COUNTS = 4


@dataclass
class SentenceBatch:
    """Candidate (or background) sentences as arrays, straight from DuckDB's Arrow result."""

    posting_id: object          # pyarrow array
    sentence_no: np.ndarray
    n_sentences: np.ndarray
    sentence: object            # pyarrow array
    tokens: object              # pyarrow list array
    hits: object = None         # pyarrow list array (None for background sentences)

    @classmethod
    def from_arrow(cls, table) -> "SentenceBatch":
        def column(name):
            return table.column(name).combine_chunks()

        return cls(posting_id=column("posting_id"),
                   sentence_no=column("sentence_no").to_numpy(zero_copy_only=False),
                   n_sentences=column("n_sentences").to_numpy(zero_copy_only=False),
                   sentence=column("sentence"), tokens=column("tokens"),
                   hits=column("hits") if "hits" in table.column_names else None)

    def __len__(self):
        return len(self.sentence_no)


def position_bucket(sentence_no: np.ndarray, n_sentences: np.ndarray) -> np.ndarray:
    """0 for the title (first sentence), then 1-5 for the fifth of the text a sentence is in."""
    fifth = ((sentence_no - 1) / np.maximum(n_sentences, 1) * 5).astype(np.int64)
    return np.where(sentence_no <= 1, 0, 1 + np.minimum(fifth, 4))


@dataclass
class SentenceCounts:
    """A batch's sentences as counts of known words and word pairs (sparse), and their lengths."""

    words: object        # sentences x words
    pairs: object        # sentences x bigrams
    n_tokens: np.ndarray


class WordFeatures:
    """Word unigrams and bigrams, and character 3-5-grams of each word, as one sparse matrix.

    Each word's character n-grams form a unit vector, so a sentence's
    features are a sum over its words (and adjacent pairs), scaled by
    1/sqrt(number of words), plus its position and how many topics it names.
    Being a sum over words is what lets a fitted linear model become one
    weight per word (:class:`TopicModel`).
    """

    def __init__(self, *, char_ngrams=(3, 5), min_bigram_count=2):
        self.char_ngrams = char_ngrams
        self.min_bigram_count = min_bigram_count

    def fit(self, token_lists) -> "WordFeatures":
        """Learn the vocabularies from a pyarrow list array of tokens."""
        import pyarrow.compute as pc
        from sklearn.feature_extraction.text import CountVectorizer

        self.words_ = np.array(sorted(pc.unique(pc.list_flatten(token_lists)).to_pylist()), dtype=object)
        counts = pc.value_counts(_bigrams(token_lists)[0])
        keep = pc.greater_equal(counts.field("counts"), self.min_bigram_count)
        self.bigrams_ = np.array(sorted(pc.filter(counts.field("values"), keep).to_pylist()), dtype=object)
        self.chars_ = CountVectorizer(analyzer="char_wb", ngram_range=self.char_ngrams, binary=True,
                                      min_df=2, dtype=np.float32).fit(self.words_)
        self.word_chars_ = self.char_vectors(self.words_)
        return self

    def char_vectors(self, words):
        """Unit-length character n-gram vectors of words (rows of a sparse matrix)."""
        from sklearn.preprocessing import normalize

        return normalize(self.chars_.transform(list(words)))

    @property
    def index(self) -> "WordIndex":
        """The vocabulary as integer codes (built once)."""
        if getattr(self, "_index", None) is None:
            self._index = WordIndex(self.words_, self.bigrams_)
        return self._index

    def count(self, batch: SentenceBatch) -> SentenceCounts:
        """Count each sentence's known words and bigrams."""
        ids, offsets, _ = self.index.encode(batch.tokens)
        return SentenceCounts(words=self.index.rows(ids, offsets, len(self.words_)),
                              pairs=self.index.pair_rows(ids, offsets), n_tokens=np.diff(offsets))

    def assemble(self, counts: SentenceCounts, batch: SentenceBatch, other_topics, masked=None):
        """The design matrix [words | bigrams | word chars] / sqrt(n) | position | other topics named.

        ``masked`` (word and bigram column masks, 0 = hidden) hides a topic's
        context-seed words, so that its model judges their sentences by the
        other words only.
        """
        import scipy.sparse as sp

        words, pairs = counts.words, counts.pairs
        if masked is not None:
            words = words @ sp.diags(masked[0])
            pairs = pairs @ sp.diags(masked[1])
        chars = words @ self.word_chars_
        scale = sp.diags(1.0 / np.sqrt(np.maximum(counts.n_tokens, 1)))
        text = scale @ sp.hstack([words, pairs, chars]).tocsr()
        return sp.hstack([text, _one_hot(position_bucket(batch.sentence_no, batch.n_sentences), N_POSITIONS),
                          _one_hot(np.minimum(other_topics, N_TOPIC_COUNTS - 1), N_TOPIC_COUNTS)]).tocsr()

    def masks(self, hidden_words) -> tuple[np.ndarray, np.ndarray]:
        """Column masks (1 keep, 0 hide) for the words in ``hidden_words`` and the bigrams holding one."""
        word_mask = np.array([w not in hidden_words for w in self.words_], np.float32)
        pair_mask = np.array([not any(part in hidden_words for part in b.split(" ")) for b in self.bigrams_],
                             np.float32)
        return word_mask, pair_mask


def other_topic_counts(kind: np.ndarray) -> np.ndarray:
    """Per sentence and topic, how many other topics the sentence names (seed or context seed)."""
    named = (kind >= CONTEXT).astype(np.int64)
    return named.sum(axis=1, keepdims=True) - named


def context_words(topic) -> set[str]:
    """The words of a topic's context seeds, as the tokeniser writes them ("AI" -> "ai")."""
    return {w for phrase in topic.context_seeds for w in re.findall(TOKEN, split_camel_case(phrase).lower())}


def _bigrams(token_lists):
    """Adjacent word pairs inside each sentence, and the sentence each pair belongs to."""
    import pyarrow as pa
    import pyarrow.compute as pc

    flat = pc.list_flatten(token_lists)
    parents = pc.list_parent_indices(token_lists).to_numpy()
    if len(flat) < 2:
        return pa.array([], pa.string()), np.zeros(0, np.int64)
    same = parents[:-1] == parents[1:]
    joined = pc.binary_join_element_wise(flat.slice(0, len(flat) - 1), flat.slice(1), " ")
    return pc.filter(joined, pa.array(same)), parents[:-1][same]


class WordIndex:
    """A model's vocabulary as integer codes, so a batch's words and word pairs become sparse rows
    without building a string per pair: each distinct word of the batch is looked up once.

    Bigrams are known by the codes of their two words (first * n_words + second).
    """

    def __init__(self, words, bigrams):
        import pandas as pd
        import pyarrow as pa

        self.words = string_array(words)
        self.n_words = len(words)
        position = {w: i for i, w in enumerate(words)}
        firsts, seconds = zip(*(b.split(" ", 1) for b in bigrams)) if len(bigrams) else ((), ())
        codes = (np.array([position[w] for w in firsts], np.int64) * self.n_words
                 + np.array([position[w] for w in seconds], np.int64))
        self.bigram_codes = pd.Index(codes)
        self.bigram_codes.get_indexer(codes[:1])     # builds its hash table now, before threads share it
        self.n_bigrams = len(bigrams)
        self._empty = pa.array([], pa.string())

    def encode(self, tokens):
        """(token ids, sentence offsets, words the vocabulary lacks) of a pyarrow list array of tokens.

        Ids of unknown words follow the vocabulary (n_words + i for the i-th of the returned words).
        """
        import pyarrow.compute as pc

        offsets = tokens.offsets.to_numpy()
        offsets = offsets - offsets[0]
        flat = pc.list_flatten(tokens)
        if len(flat) == 0:
            return np.zeros(0, np.int64), offsets, self._empty
        encoded = pc.dictionary_encode(flat)
        distinct = encoded.dictionary
        known = pc.fill_null(pc.index_in(distinct, value_set=self.words), -1).to_numpy().astype(np.int64)
        unknown = np.flatnonzero(known < 0)
        known[unknown] = self.n_words + np.arange(len(unknown))
        ids = known[encoded.indices.to_numpy(zero_copy_only=False)]
        return ids, offsets, distinct.take(unknown)

    def rows(self, ids, offsets, width):
        """Sentences x word ids below ``width`` as a CSR count matrix (tokens are grouped by sentence)."""
        import scipy.sparse as sp

        keep = ids < width
        if not keep.all():
            offsets = np.concatenate([[0], np.cumsum(keep)])[offsets]
            ids = ids[keep]
        return sp.csr_matrix((np.ones(len(ids), np.float32), ids, offsets), shape=(len(offsets) - 1, width))

    def pair_rows(self, ids, offsets):
        """Sentences x known bigrams as a CSR count matrix."""
        import scipy.sparse as sp

        n = len(offsets) - 1
        sentence = np.repeat(np.arange(n), np.diff(offsets))
        first, second = ids[:-1], ids[1:]
        inside = (sentence[:-1] == sentence[1:]) & (first < self.n_words) & (second < self.n_words)
        codes = first[inside] * self.n_words + second[inside]
        columns = self.bigram_codes.get_indexer(codes)
        found = columns >= 0
        columns = columns[found]
        owners = sentence[:-1][inside][found]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(owners, minlength=n))])
        return sp.csr_matrix((np.ones(len(columns), np.float32), columns, indptr), shape=(n, self.n_bigrams))



def _one_hot(values, width):
    import scipy.sparse as sp

    values = np.asarray(values, dtype=np.int64)
    return sp.csr_matrix((np.ones(len(values), np.float32), (np.arange(len(values)), values)),
                         shape=(len(values), width))


