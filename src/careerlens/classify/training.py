"""Fitting a topic classifier for a curriculum on the postings in the database (no hand labels needed)."""

from __future__ import annotations

import hashlib
import json
import time

import numpy as np

from careerlens.classify.acronyms import DEFINITION, acronym_terms, defined_acronyms
from careerlens.classify.features import (N_POSITIONS, SentenceBatch, WordFeatures, context_words,
                                          other_topic_counts)
from careerlens.classify.learned import learn_terms, rephrased_phrases, with_learned_terms
from careerlens.classify.model import THRESHOLD, TopicModel, TrainingParameters, context_bars
from careerlens.classify.phrases import CONTEXT, EXCLUDED, SEED, PhraseMatcher
from careerlens.classify.sentences import choose_postings, concat_unique, pattern_params, sentences, sorted_sentences
from careerlens.classify.store import save_model
from careerlens.classify.termspace import TermSpace
from careerlens.curriculum import Curriculum, load_curriculum
from careerlens.db import Database
from careerlens.errors import CareerlensError
from careerlens.labels import resolve_labels, topic_set

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
    import pyarrow.compute as pc
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    curriculum = curriculum or load_curriculum()
    params = params or TrainingParameters()
    started = time.perf_counter()
    db.run_script("classify/texts_from_sample", {"seed": params.seed, "max_postings": params.max_postings})
    db.release_cached_blocks()      # sampling read every stored description: not to be kept under training's arrays
    corpus = db.query("classify/corpus_fingerprint").iloc[0]
    if int(corpus.n_postings) == 0:
        raise CareerlensError("no postings to learn from: load some with `careerlens ingest` first")
    # Terms the sample ties to each topic beyond its seeds count as seeds from here on.
    tokens = sentences(db, "classify/sample_tokens", pattern_params(PhraseMatcher(curriculum))).column("tokens")
    tokens = tokens.combine_chunks()
    space = TermSpace.fit(tokens, seed=params.seed)
    learned = learn_terms(curriculum, space, min_similarity=params.learned_similarity)
    defined = defined_acronyms(db.query("classify/acronym_definitions", {"definition": DEFINITION}).definition)
    for topic_id, terms in acronym_terms(curriculum, defined).items():
        have = learned.get(topic_id, ())
        learned[topic_id] = have + tuple(term for term in terms if term not in have)
    said = pc.binary_join(tokens, " ")
    turned, coordinated = rephrased_phrases(curriculum, said)
    del tokens, said
    matcher = PhraseMatcher(with_learned_terms(curriculum, learned), turned, coordinated)
    candidates = sorted_sentences(sentences(db, "classify/candidate_sentences", pattern_params(matcher)))
    background = sorted_sentences(sentences(db, "classify/background_sentences",
                                {**pattern_params(matcher), "every": params.background_every,
                                 "seed": params.seed}))
    labelled = resolve_labels(db, labels, purpose="training") if labels else None
    if labelled is not None:
        # Labelled postings may lie outside the training sample; their sentences are needed too.
        choose_postings(db, labelled.posting_id.dropna().tolist())
        db.run_script("classify/texts_from_ids")
        db.release_cached_blocks()
        extra = sorted_sentences(sentences(db, "classify/candidate_sentences", pattern_params(matcher)))
        candidates = concat_unique(candidates, extra)

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
    prior = np.zeros(n_topics)
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
        prior[t] = w[y == 1].sum() / w.sum() if len(w) else 0.0     # no sentence to learn from
        if len(set(y)) < 2:
            continue    # no seed in the corpus: every sentence scores p = 0.5 for this topic
        fit = LogisticRegression(C=params.regularisation, max_iter=2000, random_state=params.seed)
        fit.fit(x, y, sample_weight=w)
        coef[t], bias[t] = fit.coef_[0], fit.intercept_[0]

    model = _collapse(curriculum, params, features, coef, bias, hidden)
    model.learned_terms, model.turned_phrases, model.coordinated_phrases = learned, turned, coordinated
    model.context_bars = context_bars(params.context_bar, [per_topic[t]["positives"] for t in curriculum.topic_ids],
                                      prior).astype(np.float32)
    for topic_id, bar in zip(curriculum.topic_ids, model.context_bars):
        per_topic[topic_id]["context_bar"] = round(float(bar), 4)
    for topic_id, coverage in _coverage(model, curriculum, cand).items():
        per_topic[topic_id].update(coverage, learned_terms=list(learned.get(topic_id, ())))
    model.metadata = {
        "curriculum": {"name": curriculum.name, "source": curriculum.source, "hash": curriculum.content_hash,
                       "topics": list(curriculum.topic_ids)},
        "corpus": {"postings": int(corpus.n_postings), "fingerprint": corpus.fingerprint,
                   "candidate_sentences": len(cand), "background_sentences": len(back)},
        "labels": _label_summary(labelled, labels),
        "parameters": params.as_dict(),
        "per_topic": per_topic,
        "turned_phrases": list(turned),
        "coordinated_phrases": list(coordinated),
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


def _coverage(model: TopicModel, curriculum: Curriculum, cand: SentenceBatch) -> dict:
    """Per topic, on the training sample: postings a seed of the curriculum names, postings the model adds
    beyond them (through learned terms and context seeds), its mean score on the postings it counts, and per
    seed the postings that say it (0: a seed to check or replace)."""
    import pandas as pd
    import pyarrow.compute as pc

    scored = model.score_sentences(cand)
    matcher = PhraseMatcher(curriculum)
    own = matcher.sentence_kinds(cand.hits, cand.sentence)[0] == SEED
    own &= scored.score > 0                                       # not where the employer describes itself
    frame = pd.DataFrame({"posting": np.repeat(np.asarray(cand.posting_id.to_pylist(), dtype=object),
                                               len(curriculum.topic_ids)),
                          "topic": np.tile(np.asarray(curriculum.topic_ids, dtype=object), len(cand)),
                          "score": scored.score.ravel(), "seeded": own.ravel()})
    postings = frame.groupby(["topic", "posting"]).agg(score=("score", "max"), seeded=("seeded", "any"))
    postings = postings[postings.score >= THRESHOLD].reset_index()
    posting_of = pc.dictionary_encode(cand.posting_id).indices.to_numpy(zero_copy_only=False)
    per_seed = {seed: len(np.unique(posting_of[rows]))
                for seed, rows in matcher.sentences_per_seed(cand.hits, cand.sentence).items()}
    coverage = {}
    for topic in curriculum.topics:
        mine = postings[postings.topic == topic.id]
        coverage[topic.id] = {"seed_postings": int(mine.seeded.sum()), "added_postings": int((~mine.seeded).sum()),
                              "mean_score": round(float(mine.score.mean()), 3) if len(mine) else None,
                              "postings_per_seed": {seed: per_seed[seed] for seed in topic.seeds}}
    return coverage


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


