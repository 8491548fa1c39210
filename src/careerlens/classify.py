"""Map postings to curriculum topics, with the sentence that justifies every mapping.

One data flow, whatever the curriculum:

1. **Candidate pass (DuckDB).** Each text is split into sentences and one
   compiled alternation of every seed, context-seed and exclusion phrase
   (RE2, vectorised, multi-threaded) keeps only the sentences that hold one,
   with the phrases found and the sentence's word tokens
   (``queries/classify/candidate_sentences.sql``). Most sentences of a
   posting never reach Python.
2. **Context model (scikit-learn).** Per topic, a logistic regression over
   word unigrams and bigrams and character n-grams of the words, learned
   from the corpus itself: sentences with a seed phrase are the topic's
   positives; sentences whose only mention sits inside an excluded phrase
   ("R&D", "NoSQL", "process optimization") and a sample of ordinary sentences
   are its negatives; labelled postings, when given, add sentences of known
   class. Because every feature is a sum over words, the fitted model
   collapses to one weight per word and topic, so scoring a batch is a
   few sparse products (no per-sentence Python).
3. **Decision.** A sentence counts for a topic when it holds a seed phrase of
   the topic (score 0.5 + p/2), or only a context seed ("optimization",
   "classification", "AI": words that name the topic in some sentences and not
   in others) and the context model gives p >= 0.5 (score p); never in a
   sentence where the employer describes itself ("Our research spans ...").
   A posting asks for the topic when a sentence counts; the best two such
   sentences are its evidence.

The keyword baseline that ``careerlens.evaluate`` reports beside the model is plain
matching of the same seed and context-seed phrases, with no exclusions and no
model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import queue
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from careerlens.curriculum import GAP_WORDS, Curriculum, load_curriculum
from careerlens.db import Database
from careerlens.errors import CareerlensError, InputError, UsageError
from careerlens.labels import resolve_labels, topic_set

#: Marks where a scraped text had words glued together (U+2060 WORD JOINER: invisible, not a
#: word character); evidence drops it again, so it shows the text as published.
GLUE_MARK = "\u2060"
#: Where a sentence ends: . ! ? ; before a space, line breaks, bullets, wide gaps.
SENTENCE_BOUNDARY = r"(?:[.!?;](?:[\s" + GLUE_MARK + r"]+|$)|[\n\r]+|\s*[•·▪●○◦■□➢►✓✔*]\s*|\s{3,})"
#: The words the context model sees (on lower-cased text): "c++" and "c#" stay whole.
TOKEN = r"[a-z0-9]+[+#]*"
#: A sentence (or a posting) counts for a topic from this score on.
THRESHOLD = 0.5
#: Sentences in which the employer describes itself ("Our research spans ...", "We use ...",
#: "We are a ...", "At Acme, we ..."): a topic named only there is not asked of the candidate
#: (docs/annotation.md), so they never count. RE2 syntax, matched case-blind on whole sentences.
SELF_DESCRIPTION = r"(?i)^\W*(?:our|we use|we are an?|we['’]re an?|at (?:[\w&.'’-]+ ?){1,4},? we)\b"
#: ... except where such a sentence turns to the hire: "Our ideal candidate has ...", "Our client is
#: looking for an analyst with SQL", "At Acme, we are seeking ...".
ABOUT_THE_HIRE = (r"(?i)^\W*our (?:ideal|successful|perfect|preferred|new) (?:candidate|applicant|hire)"
                  r"|\b(?:looking for|seeking|searching for|is hiring|are hiring)\b")
#: Kinds of mention of a topic in a sentence, weakest first.
EXCLUDED, CONTEXT, SEED = 1, 2, 3
#: Sentence positions the model tells apart: the title, then fifths of the text.
N_POSITIONS = 6
#: How many other topics a sentence names (0, 1, 2, 3+): skill lists name several.
N_TOPIC_COUNTS = 4


# == Phrases -> patterns ===========================================================
def is_short_acronym(phrase: str) -> bool:
    """One or two capital letters ("R", "ML", "AI", "D3"): matched in capitals only.

    Written in lower case these collide with ordinary text ("mL", "ai" in
    URLs), so the curriculum's capitals are taken as meant.
    """
    letters = re.sub(r"[^A-Za-z]", "", phrase)
    return 1 <= len(letters) <= 2 and phrase == phrase.upper()


#: Words and sentences glued by scraping: "preferredMachine", "RESPONSIBILITIESMaintain", "ours.We".
GLUED = r"([a-z])([A-Z][a-z])|([A-Z]{2})([A-Z][a-z]{2})|([a-z0-9][.!?])([A-Z])"
UNGLUED = r"\1\3\5" + GLUE_MARK + r"\2\4\6"


def split_camel_case(text: str) -> str:
    """Mark the word break that scraping removed ("preferredMachine" -> "preferred|Machine").

    The same substitution runs in SQL on every text (``candidate_sentences.sql``,
    with these patterns as parameters) and here on every phrase, so "PyTorch"
    (-> "Py|Torch") still finds "PyTorch" and "pytorch".
    """
    return re.sub(GLUED, UNGLUED, text)


#: What a ``*`` in a phrase matches: up to GAP_WORDS words between the words around it.
GAP = r"(?:[^A-Za-z0-9]+[A-Za-z0-9]+){0,%d}[^A-Za-z0-9]+" % GAP_WORDS


def phrase_pattern(phrase: str) -> str:
    """The regular expression (RE2 and Python alike) that finds ``phrase`` as whole words.

    Case-insensitive (except short acronyms, and acronyms inside a phrase
    that spell a common word: "OR" in "OR-Tools"); a trailing "s"/"es" also
    matches; a space or hyphen inside the phrase also matches a hyphen, a
    space or nothing ("power bi" finds "PowerBI", "Power-BI"); a ``*`` between
    two words stands for up to GAP_WORDS (4) words ("deploy * model" finds
    "deploy models" and "deploy, monitor and retrain ML models"); the phrase
    must not be glued to a letter or digit on either side.
    """
    phrase = split_camel_case(phrase.strip())
    acronym = is_short_acronym(phrase)
    body = GAP.join(                     # the words on either side of each " * "
        (r"[\s\-" + GLUE_MARK + "]*").join(re.escape(w) if acronym else _word_pattern(w)
                                          for w in re.split(r"[\s\-" + GLUE_MARK + "]+", part) if w)
        for part in re.split(r"\s\*\s", phrase))
    if re.search(r"[A-Za-z0-9]$", phrase):
        body += "s?" if acronym else "(?:e?s)?"
    if acronym:
        body = f"(?-i:{body})"
    if re.match(r"[A-Za-z0-9]", phrase):
        body = r"\b" + body
    if re.search(r"[A-Za-z0-9]$", phrase):
        body += r"\b"
    return body


def _word_pattern(word: str) -> str:
    """A phrase's word, any case; except an acronym that spells a common word ("OR" in
    "OR-Tools"), which counts in capitals only, so "techniques or tools" is not OR-Tools."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    if re.fullmatch(r"[A-Z]{1,2}", word) and word.lower() in ENGLISH_STOP_WORDS:
        return f"(?-i:{word})"
    return re.escape(word.lower())


def alternation(phrases) -> str:
    """One case-insensitive pattern for many phrases, or a pattern that matches nothing."""
    parts = [phrase_pattern(p) for p in phrases]
    return "(?i)(?:" + "|".join(parts) + ")" if parts else r"[^\s\S]"


class PhraseMatcher:
    """A curriculum's phrases compiled for the candidate pass and for reading its hits.

    ``trigger`` is the one pattern DuckDB runs; :meth:`kinds` says what one
    found phrase means for each topic. Its phrases are in alphabetical order,
    except that a phrase comes before every shorter phrase it begins with
    ("R&D" before "R", "Spark SQL" before "Spark"), so the longer one is found
    whole. Alphabetical order puts phrases with the same beginning side by
    side, where RE2 factors them into one branch: the compiled automaton stays
    small enough for RE2's fast path (ordered by length, the candidate scan
    of the same phrases ran 7x slower once the pattern passed about 19,000
    characters).

    A phrase with a gap ("deploy * model") is not in ``trigger``: its words
    before the gap are, so that its sentences become candidates, and
    :meth:`sentence_kinds` looks for the whole phrase (with Python's ``re``)
    only in the sentences where such words were found. In the trigger, ten
    gap phrases made the scan of every sentence 25% slower; a second DuckDB
    pattern over every candidate sentence cost 8% of ``classify``.
    """

    def __init__(self, curriculum: Curriculum):
        self.topic_ids = curriculum.topic_ids
        phrases, gapped, leads = {}, {}, {}
        for topic in curriculum.topics:
            for phrase in topic.seeds + topic.context_seeds + topic.exclude:
                key = phrase if is_short_acronym(phrase) else phrase.lower()
                if "*" in phrase:
                    gapped.setdefault(key, phrase)
                    lead = re.split(r"\s\*\s", phrase)[0].strip()
                    lead_key = lead if is_short_acronym(lead) else lead.lower()
                    phrases.setdefault(lead_key, lead)
                    leads.setdefault(lead.lower(), lead)
                else:
                    phrases.setdefault(key, phrase)
        ordered = sorted(phrases.values(), key=_trigger_order)
        self.trigger = alternation(ordered)
        self._gapped = re.compile(alternation(sorted(gapped.values(), key=_trigger_order)), re.ASCII) if gapped else None
        self._leads = _string_array(leads)
        flags = re.ASCII
        self._seed = [re.compile(alternation(t.seeds), flags) for t in curriculum.topics]
        self._context = [re.compile(alternation(t.context_seeds), flags) for t in curriculum.topics]
        self._exclude = [re.compile(alternation(t.exclude) + r"\Z", flags) for t in curriculum.topics]
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def kinds(self, hit: str) -> tuple[np.ndarray, np.ndarray]:
        """What a found phrase means per topic: (kind, plain) arrays over the topics.

        ``kind`` is SEED, CONTEXT, EXCLUDED (a seed inside an excluded phrase) or
        0; ``plain`` is 1 where any seed or context seed is in the phrase,
        exclusions ignored: what keyword matching alone would count.
        """
        found = self._cache.get(hit)
        if found is None:
            kind = np.zeros(len(self.topic_ids), dtype=np.int8)
            plain = np.zeros(len(self.topic_ids), dtype=np.int8)
            for t in range(len(self.topic_ids)):
                seed, context = self._seed[t].search(hit), self._context[t].search(hit)
                excluded = self._exclude[t].match(hit)
                plain[t] = bool(seed or context)
                if excluded:
                    kind[t] = EXCLUDED if (seed or context) else 0
                else:
                    kind[t] = SEED if seed else (CONTEXT if context else 0)
            found = self._cache[hit] = (kind, plain)
        return found

    def sentence_kinds(self, hits_column, sentences=None):
        """Per sentence and topic: the strongest kind of mention, the keyword-baseline mention,
        and the first phrase of that kind (its index among the flattened hits, -1 if none counts).

        ``hits_column`` is the Arrow list column of phrases found per sentence
        (by ``trigger``); ``sentences``, the sentences themselves, are needed
        to find phrases with a gap. Returns (kind, plain, anchor, flat_hits).
        """
        import pyarrow.compute as pc

        n, n_topics = len(hits_column), len(self.topic_ids)
        flat = pc.list_flatten(hits_column)
        parents = pc.list_parent_indices(hits_column).to_numpy()
        if self._gapped is not None and sentences is not None and len(flat):
            flat, parents = self._with_gap_phrases(flat, parents, sentences)
        kind = np.zeros((n, n_topics), np.int8)
        plain = np.zeros((n, n_topics), np.int8)
        anchor = np.full((n, n_topics), -1, np.int64)
        if len(flat) == 0:
            return kind, plain, anchor, flat
        uniques = pc.unique(flat)
        table = [self.kinds(h) for h in uniques.to_pylist()]
        which = pc.index_in(flat, value_set=uniques).to_numpy()
        flat_kind = np.stack([k for k, _ in table])[which]
        np.maximum.at(kind, parents, flat_kind)
        np.maximum.at(plain, parents, np.stack([p for _, p in table])[which])
        for t in range(n_topics):
            for level in (CONTEXT, SEED):       # a seed phrase, where there is one, over a context seed
                counting = np.flatnonzero(flat_kind[:, t] == level)
                first_parent, first = np.unique(parents[counting], return_index=True)
                anchor[first_parent, t] = counting[first]
        return kind, plain, anchor, flat

    def _with_gap_phrases(self, flat, parents, sentences):
        """The hits plus the phrases with a gap, looked for in the sentences where the trigger
        found a gap phrase's first words."""
        import pyarrow as pa
        import pyarrow.compute as pc

        has_lead = pc.is_in(pc.utf8_lower(flat), value_set=self._leads).to_numpy(zero_copy_only=False)
        rows = np.unique(parents[has_lead])
        # RE2, vectorised, keeps the few sentences that hold a whole gap phrase; Python reads those.
        rows = rows[pc.match_substring_regex(sentences.take(rows), self._gapped.pattern).to_numpy(zero_copy_only=False)]
        extra_hits, extra_parents = [], []
        for row in rows:
            for found in self._gapped.finditer(sentences[int(row)].as_py()):
                extra_hits.append(found.group(0))
                extra_parents.append(row)
        if not extra_hits:
            return flat, parents
        return (pa.concat_arrays([flat, pa.array(extra_hits, flat.type)]),
                np.concatenate([parents, np.asarray(extra_parents, parents.dtype)]))


def self_description(sentences) -> np.ndarray:
    """Which sentences (a pyarrow string array) are the employer describing itself (SELF_DESCRIPTION)."""
    import pyarrow.compute as pc

    own = pc.match_substring_regex(sentences, SELF_DESCRIPTION)
    hire = pc.match_substring_regex(sentences, ABOUT_THE_HIRE)
    return pc.fill_null(pc.and_not(own, hire), False).to_numpy(zero_copy_only=False)


def seeds_pattern(curriculum: Curriculum) -> str:
    """One RE2 pattern for every seed phrase of the curriculum (longer phrases first), gaps included."""
    seeds = {phrase.lower(): phrase for topic in curriculum.topics for phrase in topic.seeds}
    return alternation(sorted(seeds.values(), key=_trigger_order))


def _trigger_order(phrase: str):
    """Sort key: alphabetical, ignoring case, spaces and hyphens (which ``phrase_pattern``
    lets match nothing), with a phrase after every longer phrase it begins with."""
    return re.sub(r"[\s\-]+", "", phrase.lower()) + "\U0010ffff", phrase


# == Features =====================================================================
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

        self.words = _string_array(words)
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


def _string_array(values):
    import pyarrow as pa

    return values if isinstance(values, pa.Array) else pa.array(list(values), pa.string())


def _one_hot(values, width):
    import scipy.sparse as sp

    values = np.asarray(values, dtype=np.int64)
    return sp.csr_matrix((np.ones(len(values), np.float32), (np.arange(len(values)), values)),
                         shape=(len(values), width))


# == The model ======================================================================
@dataclass
class TrainingParameters:
    """What ``train`` may be told; everything else follows from the curriculum and the corpus."""

    seed: int = 0
    max_postings: int = 20_000        # training corpus: a deterministic sample of this many postings
    max_positives: int = 5_000        # seed sentences per topic used as positives
    background_every: int = 10        # 1 in N ordinary sentences joins the background
    max_background: int = 5_000       # background sentences per topic
    exclusion_weight: float = 3.0     # a sentence whose only mention is excluded: a sure negative
    label_weight: float = 5.0         # a sentence of a labelled posting
    regularisation: float = 1.0       # C of the logistic regression

    def as_dict(self):
        return dict(self.__dict__)


@dataclass
class TopicModel:
    """A fitted classifier: the curriculum, its phrases, and per-topic weights per word.

    ``word_weights`` (words x topics) already adds each word's
    character-n-gram weights to its own; ``char_weights`` score words the
    training corpus never had. A topic's context-seed words weigh nothing
    for it (``hidden``): its model judges their sentences by the other words.
    """

    curriculum: Curriculum
    params: TrainingParameters
    words: np.ndarray
    bigrams: np.ndarray
    chars: object                     # fitted char_wb CountVectorizer
    word_weights: np.ndarray
    bigram_weights: np.ndarray
    char_weights: np.ndarray
    position_weights: np.ndarray
    topic_count_weights: np.ndarray
    bias: np.ndarray
    hidden: list                      # per topic, the set of words it does not weigh
    metadata: dict = field(default_factory=dict)
    model_id: str = ""

    @property
    def topic_ids(self):
        return self.curriculum.topic_ids

    def matcher(self) -> PhraseMatcher:
        if getattr(self, "_matcher", None) is None:
            self._matcher = PhraseMatcher(self.curriculum)
        return self._matcher

    def _features(self) -> WordFeatures:
        if getattr(self, "_feature_maker", None) is None:
            feats = WordFeatures()
            feats.words_, feats.bigrams_, feats.chars_ = self.words, self.bigrams, self.chars
            self._feature_maker = feats
        return self._feature_maker

    def probabilities(self, batch: SentenceBatch, other_topics: np.ndarray) -> np.ndarray:
        """P(topic | sentence) from the context model, sentences x topics.

        ``other_topics`` (sentences x topics): how many other topics each sentence names.
        """
        index = self._features().index
        ids, offsets, unseen = index.encode(batch.tokens)
        weights = self.word_weights
        if len(unseen):
            # Words the corpus never had still carry their character n-grams' weights.
            unseen = unseen.to_pylist()
            extra = np.asarray(self._features().char_vectors(unseen) @ self.char_weights, dtype=np.float32)
            for t, hidden in enumerate(self.hidden):
                extra[[i for i, w in enumerate(unseen) if w in hidden], t] = 0.0
            weights = np.vstack([weights, extra])
        text = index.rows(ids, offsets, len(weights)) @ weights + index.pair_rows(ids, offsets) @ self.bigram_weights
        logits = (np.asarray(text) / np.sqrt(np.maximum(np.diff(offsets), 1))[:, None]
                  + self.position_weights[position_bucket(batch.sentence_no, batch.n_sentences)]
                  + self.topic_count_weights[np.minimum(other_topics, N_TOPIC_COUNTS - 1),
                                             np.arange(len(self.bias))[None, :]]
                  + self.bias)
        return 1.0 / (1.0 + np.exp(-logits))

    def warm(self) -> "TopicModel":
        """Build the cached matcher, feature maker and word index now, before threads share the model."""
        self.matcher()
        self._features().index
        return self

    def score_sentences(self, batch: SentenceBatch):
        """Each candidate (sentence, topic)'s score: SEED -> 0.5 + p/2, CONTEXT -> p, else 0;
        0 in a sentence where the employer describes itself."""
        kind, plain, anchor, flat_hits = self.matcher().sentence_kinds(batch.hits, batch.sentence)
        p = self.probabilities(batch, other_topic_counts(kind))
        score = np.where(kind == SEED, 0.5 + p / 2, np.where(kind == CONTEXT, p, 0.0))
        score[self_description(batch.sentence)] = 0.0
        return ScoredSentences(kind=kind, plain=plain, score=score, anchor=anchor, flat_hits=flat_hits)

    def __getstate__(self):
        state = dict(self.__dict__)
        for cached in ("_matcher", "_feature_maker"):
            state.pop(cached, None)
        return state


@dataclass
class ScoredSentences:
    """A batch's sentences x topics: kind of mention, keyword-baseline mention, score, anchor phrase."""

    kind: np.ndarray
    plain: np.ndarray        # what keyword matching alone would count
    score: np.ndarray
    anchor: np.ndarray       # index into flat_hits of the first phrase that counts, -1 if none
    flat_hits: object


# == Training =======================================================================
def train(db: Database, curriculum: Curriculum | None = None, *, labels=None,
          params: TrainingParameters | None = None, store: bool = True) -> TopicModel:
    """Fit a topic classifier for a curriculum on the postings in the database.

    Parameters
    ----------
    db : Database
        A store holding postings (``careerlens ingest``).
    curriculum : Curriculum, optional
        Defaults to the bundled ``maths-for-ml`` curriculum.
    labels : str or Path, optional
        A CSV of hand labels (dataset, row, [split,] topics; see
        ``docs/annotation.md``). Rows whose split is ``test`` are never used.
    params : TrainingParameters, optional
        Seed and sizes; the same seed on the same corpus gives the same model.
    store : bool
        Save the model in ``classifier_models`` (``classify`` uses the newest).
    """
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    curriculum = curriculum or load_curriculum()
    params = params or TrainingParameters()
    started = time.perf_counter()
    matcher = PhraseMatcher(curriculum)
    db.run_script("classify/texts_from_sample", {"seed": params.seed, "max_postings": params.max_postings})
    corpus = db.query("classify/corpus_fingerprint").iloc[0]
    if int(corpus.n_postings) == 0:
        raise CareerlensError("no postings to learn from: load some with `careerlens ingest` first")
    candidates = _sorted(_sentences(db, "classify/candidate_sentences", _pattern_params(matcher)))
    background = _sorted(_sentences(db, "classify/background_sentences",
                                {**_pattern_params(matcher), "every": params.background_every,
                                 "seed": params.seed}))
    labelled = resolve_labels(db, labels, purpose="training") if labels else None
    if labelled is not None:
        # Labelled postings may lie outside the training sample; their sentences are needed too.
        _choose_postings(db, labelled.posting_id.dropna().tolist())
        db.run_script("classify/texts_from_ids")
        extra = _sorted(_sentences(db, "classify/candidate_sentences", _pattern_params(matcher)))
        candidates = _concat_unique(candidates, extra)

    cand = SentenceBatch.from_arrow(candidates)
    back = SentenceBatch.from_arrow(background)
    kind = matcher.sentence_kinds(cand.hits, cand.sentence)[0]
    others = other_topic_counts(kind)
    import pyarrow as pa

    features = WordFeatures().fit(pa.concat_arrays([cand.tokens, back.tokens]))
    cand_counts, back_counts = features.count(cand), features.count(back)
    no_topics = np.zeros(len(back), np.int64)
    label_of = _sentence_labels(cand, labelled, curriculum) if labelled is not None else None

    rng = np.random.RandomState(params.seed)
    n_topics = len(curriculum.topic_ids)
    coef, bias, hidden, per_topic = None, np.zeros(n_topics), [], {}
    for t, topic in enumerate(curriculum.topics):
        hide = context_words(topic)
        hidden.append(hide)
        masks = features.masks(hide) if hide else None
        x_cand = features.assemble(cand_counts, cand, others[:, t], masks)
        x_back = features.assemble(back_counts, back, no_topics, masks)
        if coef is None:
            coef = np.zeros((n_topics, x_cand.shape[1]))
        rows, y, w = _training_rows(kind[:, t], label_of[:, t] if label_of is not None else None, params, rng)
        n_back = min(params.max_background, len(back))
        back_rows = np.sort(rng.choice(len(back), n_back, replace=False))
        x = sp.vstack([x_cand[rows], x_back[back_rows]]).tocsr()
        y = np.concatenate([y, np.zeros(n_back)])
        w = np.concatenate([w, np.ones(n_back)])
        per_topic[topic.id] = {"positives": int((y == 1).sum()), "negatives": int((y == 0).sum())}
        if len(set(y)) < 2:
            continue    # no seed in the corpus: every sentence scores p = 0.5 for this topic
        fit = LogisticRegression(C=params.regularisation, max_iter=2000, random_state=params.seed)
        fit.fit(x, y, sample_weight=w)
        coef[t], bias[t] = fit.coef_[0], fit.intercept_[0]

    model = _collapse(curriculum, params, features, coef, bias, hidden)
    model.metadata = {
        "curriculum": {"name": curriculum.name, "source": curriculum.source, "hash": curriculum.content_hash,
                       "topics": list(curriculum.topic_ids)},
        "corpus": {"postings": int(corpus.n_postings), "fingerprint": corpus.fingerprint,
                   "candidate_sentences": len(cand), "background_sentences": len(back)},
        "labels": _label_summary(labelled, labels),
        "parameters": params.as_dict(),
        "per_topic": per_topic,
        "threshold": THRESHOLD,
        "versions": _versions(),
        "seconds": round(time.perf_counter() - started, 2),
    }
    identity = json.dumps({k: model.metadata[k] for k in ("curriculum", "corpus", "labels", "parameters")},
                          sort_keys=True)
    model.model_id = "m-" + hashlib.sha256(identity.encode()).hexdigest()[:12]
    if store:
        save_model(db, model)
    return model


def _training_rows(kind, labels, params, rng):
    """Rows, targets and weights of one topic's training set among the candidate sentences.

    Seed sentences are positives, sentences whose only mention is excluded are
    negatives; a labelled posting's sentences take its label instead.
    """
    labelled = labels >= 0 if labels is not None else np.zeros(len(kind), bool)
    positives = np.flatnonzero((kind == SEED) & ~labelled)
    if len(positives) > params.max_positives:
        positives = np.sort(rng.choice(positives, params.max_positives, replace=False))
    negatives = np.flatnonzero((kind == EXCLUDED) & ~labelled)
    rows = [positives, negatives]
    y = [np.ones(len(positives)), np.zeros(len(negatives))]
    w = [np.ones(len(positives)), np.full(len(negatives), params.exclusion_weight)]
    if labels is not None:
        known = np.flatnonzero(labelled & (kind >= CONTEXT))
        rows.append(known)
        y.append(labels[known].astype(float))
        w.append(np.full(len(known), params.label_weight))
    return np.concatenate(rows).astype(np.int64), np.concatenate(y), np.concatenate(w)


def _collapse(curriculum, params, features, coef, bias, hidden) -> TopicModel:
    """Fold the character n-gram weights into one weight per word and topic."""
    n_words, n_bigrams = len(features.words_), len(features.bigrams_)
    n_chars = len(features.chars_.vocabulary_)
    char_w = coef[:, n_words + n_bigrams:n_words + n_bigrams + n_chars].T
    word_w = np.asarray(coef[:, :n_words].T + features.word_chars_ @ char_w)
    for t, hide in enumerate(hidden):
        word_w[np.isin(features.words_, list(hide)), t] = 0.0
    rest = coef[:, n_words + n_bigrams + n_chars:].T
    return TopicModel(curriculum=curriculum, params=params, words=features.words_, bigrams=features.bigrams_,
                      chars=features.chars_, word_weights=word_w.astype(np.float32),
                      bigram_weights=np.asarray(coef[:, n_words:n_words + n_bigrams].T, np.float32),
                      char_weights=np.asarray(char_w, np.float32),
                      position_weights=np.asarray(rest[:N_POSITIONS], np.float32),
                      topic_count_weights=np.asarray(rest[N_POSITIONS:], np.float32),
                      bias=np.asarray(bias, np.float32), hidden=hidden)


def _sentence_labels(cand: SentenceBatch, labelled, curriculum) -> np.ndarray:
    """Per candidate sentence and topic: 1/0 from its posting's hand label, -1 if unlabelled."""
    topics_of = {row.posting_id: topic_set(row.topics)
                 for row in labelled.itertuples() if isinstance(row.posting_id, str)}
    ids = np.asarray(cand.posting_id.to_pylist(), dtype=object)
    is_labelled = np.isin(ids, list(topics_of))
    out = np.full((len(ids), len(curriculum.topic_ids)), -1, np.int8)
    for t, topic_id in enumerate(curriculum.topic_ids):
        positive = [p for p, topics in topics_of.items() if topic_id in topics]
        out[:, t] = np.where(is_labelled, np.isin(ids, positive).astype(np.int8), -1)
    return out


def _label_summary(labelled, path):
    if labelled is None:
        return None
    ids = sorted(set(labelled.posting_id.dropna()))
    return {"file": str(path), "postings": len(ids), "posting_ids": ids}


def _versions():
    import duckdb
    import sklearn

    from careerlens import __version__

    return {"careerlens": __version__, "scikit-learn": sklearn.__version__, "duckdb": duckdb.__version__,
            "numpy": np.__version__}


# == Storing and loading models ======================================================
def save_model(db: Database, model: TopicModel) -> None:
    """Store a model in ``classifier_models`` (replacing one with the same id)."""
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    with db.transaction():
        db.run_script("classify/store_model", {
            "model_id": model.model_id, "curriculum_name": model.curriculum.name,
            "curriculum_hash": model.curriculum.content_hash,
            "trained_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            "metadata": json.dumps(model.metadata), "model_blob": blob})


def load_model(db: Database, *, model_id: str | None = None, curriculum: Curriculum | None = None) -> TopicModel:
    """The newest stored model (or the one named, or the newest for a curriculum).

    Raises
    ------
    UsageError
        No model matches: ``careerlens train`` first.
    """
    found = db.query("classify/model_blob", {"model_id": model_id,
                                             "curriculum_hash": curriculum.content_hash if curriculum else None})
    if found.empty:
        which = f" {model_id!r}" if model_id else (f" for curriculum {curriculum.name!r}" if curriculum else "")
        raise UsageError(f"no trained classifier{which} in the database: run `careerlens train` first")
    row = found.iloc[0]
    model = pickle.loads(bytes(row.model_blob))
    model.model_id = row.model_id
    return model


# == Classifying ======================================================================
@dataclass
class ClassifyResult:
    """What ``classify`` did: how many texts, positives per topic, and how fast."""

    model_id: str
    n_texts: int
    n_candidate_sentences: int
    positives: dict
    seconds: float

    @property
    def texts_per_second(self):
        return self.n_texts / self.seconds if self.seconds else float("inf")


def classify_postings(db: Database, model: TopicModel | None = None, *, batch_size: int = 10_000,
                      workers: int | None = None, progress=None) -> ClassifyResult:
    """Label every posting in the database, replacing ``posting_topics``.

    One row per (posting, topic): score, whether the posting asks for the
    topic, and for every positive the sentence(s) that carried the decision.
    Postings are read ``batch_size`` at a time (by rowid), so memory stays
    bounded whatever their number; ``workers`` threads label batches at once
    (:func:`_label_in_batches`). ``progress(done, total)`` is called after each batch.
    """
    model = model or load_model(db)
    started = time.perf_counter()
    span = db.query("classify/posting_rowid_span").iloc[0]
    topics = {"model_id": model.model_id, "topic_ids": list(model.topic_ids)}
    firsts = range(0, int(span.rowid_end), batch_size)
    # Batches go to a temp table (DuckDB spills it past its memory limit); one transaction then
    # swaps them in. Appending every batch inside that transaction held them all in memory.
    db.run_script("classify/create_building_topics")
    n_candidates = _label_in_batches(
        db, model, firsts, len(firsts),
        lambda connection, first: _label_batch(connection, model, first, batch_size, topics),
        lambda labelled: _append(db, "classify/insert_posting_topics", labelled),
        workers=workers, progress=progress)
    with db.transaction():
        db.run_script("classify/publish_posting_topics")
        positives = dict(db.query("classify/positives_per_topic").itertuples(index=False))
    return ClassifyResult(model.model_id, int(span.n_postings), n_candidates,
                          {t: int(positives.get(t, 0)) for t in model.topic_ids}, time.perf_counter() - started)


def _label_in_batches(db: Database, model: TopicModel, jobs, n_jobs: int, label, store, *,
                      workers: int | None, progress) -> int:
    """Run ``label(connection, job)`` for every job on worker threads, and ``store(result)`` on this
    thread in job order; returns the sum of what ``store`` returns.

    Each worker has its own connection (its own temp tables): DuckDB runs a
    batch's queries on one core and releases Python's lock meanwhile, so
    other batches keep the other cores busy. At most ``workers + 1`` batches
    are in memory, and results are stored in order, so the outcome does not
    depend on thread timing. ``workers`` defaults to one per core, at most four.
    """
    from collections import deque
    from concurrent.futures import ThreadPoolExecutor

    model.warm()
    workers = max(1, workers or min(4, os.cpu_count() or 1))
    idle = queue.SimpleQueue()          # the worker connections not in use

    def run(job):
        connection = idle.get()
        try:
            return label(connection, job)
        finally:
            idle.put(connection)

    total, pending = 0, deque()
    connections = [db.cursor() for _ in range(workers)]
    pool = ThreadPoolExecutor(workers, thread_name_prefix="classify")
    try:
        for connection in connections:
            idle.put(connection)
        for n_submitted, job in enumerate(jobs, start=1):
            pending.append(pool.submit(run, job))
            while pending and (len(pending) > workers or n_submitted == n_jobs):
                total += store(pending.popleft().result())
                if progress is not None:
                    progress(n_submitted - len(pending), n_jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        for connection in connections:
            connection.close()
    return total


def _label_batch(db: Database, model: TopicModel, first: int, count: int, topics: dict):
    """One batch of stored postings labelled on ``db`` (a worker's connection): (labels as Arrow, candidates)."""
    db.run_script("classify/texts_from_postings", {"first": first, "count": count})
    n_candidates = _score_batch(db, model)
    return _arrow(db, "classify/batch_posting_topics", topics), n_candidates


def _label_texts(db: Database, model: TopicModel, texts):
    """One batch of input lines (Arrow: line_no, title, text) labelled on ``db`` (a worker's connection):
    (per-text topic scores as Arrow, candidates)."""
    db.con.register("input_batch", texts)
    try:
        db.run_script("classify/texts_from_input")
    finally:
        db.con.unregister("input_batch")
    n_candidates = _score_batch(db, model)
    return _arrow(db, "classify/batch_text_scores"), n_candidates


def _append(db: Database, script: str, labelled) -> int:
    """Run ``script`` on one batch's result (registered as ``batch_rows``); returns its candidates."""
    table, n_candidates = labelled
    db.con.register("batch_rows", table)
    try:
        db.run_script(script)
    finally:
        db.con.unregister("batch_rows")
    return n_candidates


def classify_jsonl(db: Database, input_path, output_path, model: TopicModel | None = None, *,
                   batch_size: int = 10_000, workers: int | None = None, progress=None) -> ClassifyResult:
    """Label arbitrary texts with a stored model: JSON lines in, JSON lines out.

    Input lines are ``{"id": ..., "text": ..., "title": ...}`` (title optional);
    output lines ``{"id", "topics", "scores", "evidence"}`` in input order.
    Batches are labelled on ``workers`` threads as in :func:`classify_postings`.
    The output appears whole or not at all (written beside it, then renamed),
    and nothing is written to the database.
    """
    model = model or load_model(db)
    input_path, output_path = Path(input_path), Path(output_path)
    if not input_path.is_file():
        raise InputError("no such file", file=input_path)
    started = time.perf_counter()
    try:
        db.run_script("classify/texts_from_jsonl", {"path": str(input_path)})
    except CareerlensError as exc:
        raise InputError(f"not a JSON-lines file of {{\"id\": ..., \"text\": ...}} objects: "
                         f"{exc.__cause__ or exc}", file=input_path) from exc
    import pandas as pd

    check = db.query("classify/input_problems").iloc[0]
    if not pd.isna(check.bad_line):
        raise InputError("every line needs an \"id\" and a \"text\"", file=input_path, row=int(check.bad_line),
                         field="id" if check.id_missing else "text", line=True)
    db.run_script("classify/create_text_topic_scores")
    firsts = range(0, int(check.n_lines), batch_size)
    batches = (_arrow(db, "classify/input_batch", {"first": first, "count": batch_size}) for first in firsts)
    n_candidates = _label_in_batches(db, model, batches, len(firsts),
                                     lambda connection, texts: _label_texts(connection, model, texts),
                                     lambda scored: _append(db, "classify/append_text_topic_scores", scored),
                                     workers=workers, progress=progress)
    part = output_path.with_name(f".{output_path.name}.{os.getpid()}.part")
    try:
        db.run_script("classify/write_jsonl", {"path": str(part), "topic_ids": list(model.topic_ids)})
        os.replace(part, output_path)
    except (CareerlensError, OSError) as exc:
        part.unlink(missing_ok=True)
        raise InputError(f"cannot write the output: {exc.__cause__ or exc}", file=output_path) from exc
    positives = dict(db.query("classify/text_positives_per_topic").itertuples(index=False))
    return ClassifyResult(model.model_id, int(check.n_lines), n_candidates,
                          {t: int(positives.get(t, 0)) for t in model.topic_ids}, time.perf_counter() - started)


def _best_sentences(batch: SentenceBatch, scored: ScoredSentences, topic_ids):
    """Per (text, topic) with a candidate: its best score and its best two counting sentences.

    One Arrow row per (text, topic, rank) with the group's best score; rank 1
    always (evidence only if it counts), rank 2 when a second sentence counts.
    A batch holds whole texts, so no group spans two batches.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    rows, topics = np.nonzero(scored.score > 0)
    if not len(rows):
        return None
    score = scored.score[rows, topics]
    text = pc.dictionary_encode(batch.posting_id).indices.to_numpy(zero_copy_only=False)[rows]
    order = np.lexsort((batch.sentence_no[rows], -score, topics, text))
    rows, topics, score, text = rows[order], topics[order], score[order], text[order]
    starts = np.r_[True, (text[1:] != text[:-1]) | (topics[1:] != topics[:-1])]
    start_of = np.maximum.accumulate(np.where(starts, np.arange(len(rows)), 0))
    rank = np.arange(len(rows)) - start_of
    keep = (rank == 0) | ((rank == 1) & (score >= THRESHOLD))
    rows, topics, rank = rows[keep], topics[keep], rank[keep]
    best, counts = score[start_of][keep], score[keep] >= THRESHOLD
    take = pa.array(rows)
    return pa.table({
        "posting_id": batch.posting_id.take(take),
        "topic_id": pa.array(np.asarray(topic_ids, dtype=object)[topics], pa.string()),
        "score": pa.array(best.astype(np.float64)),
        "rank": pa.array((rank + 1).astype(np.int32)),
        "evidence": pc.if_else(pa.array(counts), batch.sentence.take(take), pa.scalar(None, pa.string())),
        "anchor": scored.flat_hits.take(pa.array(scored.anchor[rows, topics])),
    })


def _score_batch(db: Database, model: TopicModel) -> int:
    """Score the candidate sentences of ``classify_texts`` (one batch of whole texts) into
    ``posting_topic_scores``: per text and topic, the best score and the evidence."""
    db.run_script("classify/create_sentence_scores")
    table = _sentences(db, "classify/candidate_sentences", _pattern_params(model.matcher()))
    if table.num_rows == 0:
        db.run_script("classify/posting_topic_scores", {"threshold": THRESHOLD, "glue_mark": GLUE_MARK})
        return 0
    batch = SentenceBatch.from_arrow(table)
    scored = _best_sentences(batch, model.score_sentences(batch), model.topic_ids)
    if scored is not None:
        db.con.register("scored_batch", scored)
        try:
            db.run_script("classify/insert_sentence_scores")
        finally:
            db.con.unregister("scored_batch")
    db.run_script("classify/posting_topic_scores", {"threshold": THRESHOLD, "glue_mark": GLUE_MARK})
    return len(batch)


# == Predictions for evaluation ======================================================
def predict_postings(db: Database, model: TopicModel, posting_ids):
    """Topic sets per posting from the model and from plain keyword matching (for ``evaluate``)."""
    _choose_postings(db, posting_ids)
    db.run_script("classify/texts_from_ids")
    table = _sentences(db, "classify/candidate_sentences", _pattern_params(model.matcher()))
    predicted: dict[str, set] = {}
    baseline: dict[str, set] = {}
    if table.num_rows == 0:
        return predicted, baseline
    batch = SentenceBatch.from_arrow(table)
    scored = model.score_sentences(batch)
    ids = np.asarray(batch.posting_id.to_pylist(), dtype=object)
    topics = np.asarray(model.topic_ids, dtype=object)
    for r, t in zip(*np.nonzero(scored.score >= THRESHOLD)):
        predicted.setdefault(ids[r], set()).add(topics[t])
    for r, t in zip(*np.nonzero(scored.plain)):
        baseline.setdefault(ids[r], set()).add(topics[t])
    return predicted, baseline


# == Small helpers ===================================================================
def _pattern_params(matcher: PhraseMatcher) -> dict:
    return {"boundary": SENTENCE_BOUNDARY, "trigger": matcher.trigger, "token": TOKEN,
            "glued": GLUED, "unglued": UNGLUED}


def published_text(text: str) -> str:
    """A sentence as the posting wrote it (without the glue marks)."""
    return text.replace(GLUE_MARK, "")


def _sentences(db: Database, name: str, params):
    """``queries/<name>.sql`` over the sentences of ``classify_texts`` (split by ``classify/sentences_macro``)."""
    db.run_script("classify/sentences_macro")
    return _arrow(db, name, params)


def _arrow(db: Database, name: str, params=None):
    """The result of ``queries/<name>.sql`` as an Arrow table."""
    import duckdb

    from careerlens.db import bound_parameters, split_statements
    from careerlens.resources import read_query

    (statement,) = split_statements(read_query(name))
    try:
        if db.tracer:
            db.tracer(statement)
        return db.con.sql(statement, params=bound_parameters(statement, params)).to_arrow_table()
    except duckdb.Error as exc:
        raise CareerlensError(f"queries/{name}.sql failed: {exc}") from exc


def _sorted(table):
    """Sentences in (posting, sentence) order, so that training does not depend on thread timing."""
    return table.sort_by([("posting_id", "ascending"), ("sentence_no", "ascending")])


def _concat_unique(first, second):
    import pyarrow as pa
    import pyarrow.compute as pc

    if second.num_rows == 0:
        return first
    known = pc.is_in(second.column("posting_id"), value_set=pc.unique(first.column("posting_id")))
    extra = second.filter(pc.invert(known))
    return _sorted(pa.concat_tables([first, extra.cast(first.schema)]))


def _choose_postings(db: Database, posting_ids):
    import pyarrow as pa

    db.con.register("chosen_postings_arrow", pa.table({"posting_id": pa.array(list(posting_ids), pa.string())}))
    try:
        db.run_script("classify/choose_postings")
    finally:
        db.con.unregister("chosen_postings_arrow")
