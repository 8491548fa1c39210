"""The fitted classifier: per-topic weights per word, and how a batch of candidate sentences is scored."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from careerlens.classify.features import (N_TOPIC_COUNTS, SentenceBatch, WordFeatures,
                                          other_topic_counts, position_bucket)
from careerlens.classify.learned import LEARNED_SIMILARITY, with_learned_terms
from careerlens.classify.phrases import CONTEXT, SEED, PhraseMatcher, self_description
from careerlens.curriculum import Curriculum

#: A sentence (or a posting) counts for a topic from this score on.
THRESHOLD = 0.5

#: The layout of a stored :class:`TopicModel`; raise it whenever a field is added, removed or changes meaning,
#: so that a model pickled by an older careerlens is refused with advice to train again rather than misread.
#: 1: before ``learned_terms``; 2: ``learned_terms``; 3: ``turned_phrases``; 4: ``coordinated_phrases``;
#: 5: ``context_bars``.
MODEL_FORMAT = 5

#: Below this many seed sentences in its sample, a topic's context model has too little to judge by: its
#: bar falls to the training prior (:func:`context_bars`). Chosen on ``dev`` (docs/accuracy.md, change 10).
MIN_JUDGE_POSITIVES = 100


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
    learned_similarity: float = LEARNED_SIMILARITY    # a corpus term this near a topic's seeds counts as one
    context_bar: float = 0.5          # a context seed's sentence counts from this context probability on
                                      # (lower for a topic with few seed sentences: model.context_bars)

    def as_dict(self):
        return dict(self.__dict__)


@dataclass
class TopicModel:
    """A fitted classifier: the curriculum, its phrases, and per-topic weights per word.

    ``word_weights`` (words x topics) already adds each word's
    character-n-gram weights to its own; ``char_weights`` score words the
    training corpus never had. A topic's context-seed words weigh nothing
    for it (``hidden``): its model judges their sentences by the other words.
    ``learned_terms`` are the terms the corpus tied to each topic beyond its
    seeds (:mod:`careerlens.classify.learned`); they count as seeds. ``turned_phrases``
    are the phrases the corpus also says verb first, where that form counts too, and
    ``coordinated_phrases`` those it also says in a coordination ("data reliability and quality").
    ``context_bars`` are the per-topic context probabilities from which a context seed's sentence counts.
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
    learned_terms: dict = field(default_factory=dict)      # topic id -> learned terms
    turned_phrases: tuple = ()                             # phrases also found verb first ("validate data")
    coordinated_phrases: tuple = ()                        # ... and in a coordination ("data X and quality")
    context_bars: np.ndarray | None = None                 # per topic, the bar of :func:`context_bars`
    metadata: dict = field(default_factory=dict)
    model_id: str = ""
    model_format: int = MODEL_FORMAT

    @property
    def topic_ids(self):
        return self.curriculum.topic_ids

    def matcher(self) -> PhraseMatcher:
        """The phrases this model finds: the curriculum's, and the terms it learned."""
        if getattr(self, "_matcher", None) is None:
            self._matcher = PhraseMatcher(with_learned_terms(self.curriculum, self.learned_terms),
                                          self.turned_phrases, self.coordinated_phrases)
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
        The words' part is computed once per distinct sentence (boilerplate repeats).
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        distinct = pc.dictionary_encode(batch.sentence)
        which = distinct.indices.to_numpy(zero_copy_only=False)
        first = np.unique(which, return_index=True)[1]      # codes follow first appearance
        words = self._words_part(batch.tokens.take(pa.array(first)))[which]
        logits = (words
                  + self.position_weights[position_bucket(batch.sentence_no, batch.n_sentences)]
                  + self.topic_count_weights[np.minimum(other_topics, N_TOPIC_COUNTS - 1),
                                             np.arange(len(self.bias))[None, :]]
                  + self.bias)
        return 1.0 / (1.0 + np.exp(-logits))

    def _words_part(self, tokens) -> np.ndarray:
        """The words' and word pairs' share of each sentence's logits (a pyarrow list array of tokens),
        scaled by 1/sqrt(number of words)."""
        index = self._features().index
        ids, offsets, unseen = index.encode(tokens)
        weights = self.word_weights
        if len(unseen):
            # Words the corpus never had still carry their character n-grams' weights.
            unseen = unseen.to_pylist()
            extra = np.asarray(self._features().char_vectors(unseen) @ self.char_weights, dtype=np.float32)
            for t, hidden in enumerate(self.hidden):
                extra[[i for i, w in enumerate(unseen) if w in hidden], t] = 0.0
            weights = np.vstack([weights, extra])
        text = index.rows(ids, offsets, len(weights)) @ weights + index.pair_rows(ids, offsets) @ self.bigram_weights
        return np.asarray(text) / np.sqrt(np.maximum(np.diff(offsets), 1))[:, None]

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
        score = np.where(kind == SEED, 0.5 + p / 2, np.where(kind == CONTEXT, context_score(p, self.context_bars), 0.0))
        score[self_description(batch.sentence)] = 0.0
        return ScoredSentences(kind=kind, plain=plain, score=score, anchor=anchor, flat_hits=flat_hits)

    def __getstate__(self):
        state = dict(self.__dict__)
        for cached in ("_matcher", "_feature_maker"):
            state.pop(cached, None)
        return state

    def __setstate__(self, state):
        # A model pickled before MODEL_FORMAT existed has none in its state; the class default would hide that.
        self.__dict__.update({"model_format": 1, **state})


def seed_coverage(model: TopicModel):
    """Per topic, what training found on its sample: a DataFrame of ``topic``, ``seed_postings`` (postings a
    curriculum seed names), ``added_postings`` (postings the model counts only through learned terms or context
    seeds), ``mean_score`` (its mean best score on the postings it counts; NaN if none), ``learned_terms``
    (comma-joined) and ``seeds_not_found``: the seeds no posting of the sample says (comma-joined; a typo, or a
    word the postings do not use)."""
    return coverage_frame(model.topic_ids, model.metadata)


def coverage_frame(topic_ids, metadata: dict):
    """:func:`seed_coverage` from a model's stored metadata (the report reads it from ``classifier_models``)."""
    import pandas as pd

    per_topic = metadata.get("per_topic", {}) if isinstance(metadata, dict) else {}
    rows = []
    for topic_id in topic_ids:
        topic = per_topic.get(topic_id, {})
        rows.append({"topic": topic_id, "seed_postings": topic.get("seed_postings"),
                     "added_postings": topic.get("added_postings"), "mean_score": topic.get("mean_score"),
                     "learned_terms": ", ".join(topic.get("learned_terms", ())),
                     "seeds_not_found": ", ".join(seed for seed, n in topic.get("postings_per_seed", {}).items()
                                                  if n == 0)})
    return pd.DataFrame(rows, columns=["topic", "seed_postings", "added_postings", "mean_score", "learned_terms",
                                       "seeds_not_found"])


@dataclass
class ScoredSentences:
    """A batch's sentences x topics: kind of mention, keyword-baseline mention, score, anchor phrase."""

    kind: np.ndarray
    plain: np.ndarray        # what keyword matching alone would count
    score: np.ndarray
    anchor: np.ndarray       # index into flat_hits of the first phrase that counts, -1 if none
    flat_hits: object


def context_bars(bar: float, n_positives, prior) -> np.ndarray:
    """Per topic, the context probability from which a context seed's sentence counts.

    ``bar`` where the topic had enough seed sentences to learn from
    (``n_positives``). Below MIN_JUDGE_POSITIVES the model's probabilities
    mostly say how rare its positives were in training (its intercept), not
    whether a sentence is about the topic: a two-seed "MLOps" topic had 3 seed
    sentences and rejected every context sentence. There the bar is the
    topic's ``prior`` in training (the positives' share of the weight), where a
    sentence looks as much like its seed sentences as like the background.
    """
    return np.where(too_few_to_judge(n_positives), np.minimum(np.asarray(prior, float), bar), bar)


def too_few_to_judge(n_positives):
    """Whether a topic with ``n_positives`` seed sentences (a number, or one per topic) has some, but too few
    for its context model to judge its context seeds strictly (:func:`context_bars`)."""
    n_positives = np.asarray(n_positives)
    return (n_positives > 0) & (n_positives < MIN_JUDGE_POSITIVES)


def context_score(p: np.ndarray, bar) -> np.ndarray:
    """A context seed's sentence score: the context probability, stretched so that ``bar`` (per topic: the
    last axis) scores THRESHOLD."""
    return np.where(p < bar, THRESHOLD * p / bar, THRESHOLD + (1 - THRESHOLD) * (p - bar) / (1 - bar))
