"""Labelling texts with a fitted classifier: every stored posting, or JSON lines, batch by batch on worker threads."""

from __future__ import annotations

import os
import queue
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from careerlens.classify.features import SentenceBatch
from careerlens.classify.model import THRESHOLD, ScoredSentences, TopicModel
from careerlens.classify.phrases import GLUE_MARK
from careerlens.classify.sentences import choose_postings, pattern_params, sentences
from careerlens.classify.store import load_model
from careerlens.db import Database
from careerlens.errors import CareerlensError, InputError
from careerlens.storage import written_whole

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
    firsts = range(0, int(span.rowid_end), batch_size)
    # Batches go to a temp table (DuckDB spills it past its memory limit); one transaction then
    # swaps them in. Appending every batch inside that transaction held them all in memory.
    db.run_script("classify/create_building_topics")
    n_candidates = _label_in_batches(
        db, model, firsts, len(firsts),
        lambda connection, first: _label_batch(connection, model, first, batch_size),
        lambda labelled: _append(db, "classify/insert_posting_topics", labelled),
        workers=workers, progress=progress)
    with db.transaction():
        db.run_script("classify/publish_posting_topics", {"curriculum_name": model.curriculum.name})
        positives = dict(db.query("classify/positives_per_topic", {"model_id": model.model_id}).itertuples(index=False))
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


def _label_batch(db: Database, model: TopicModel, first: int, count: int):
    """One batch of stored postings labelled on ``db`` (a worker's connection): (labels as Arrow, candidates)."""
    return label_posting_batch(db, model, db.arrow("classify/posting_batch", {"first": first, "count": count}))


def label_posting_batch(db: Database, model: TopicModel, postings):
    """Postings (Arrow: posting_id, title, description) labelled, with ``db`` used only for its temp tables:
    (rows in the shape of ``posting_topics`` as Arrow, candidate sentences).

    Every engine labels through this function (the local pass on a worker connection of the store,
    :mod:`careerlens.scaleout` on a scratch database of a Dask worker), so they cannot drift apart.
    """
    with db.registered("posting_batch", postings):
        db.run_script("classify/texts_from_batch")
    n_candidates = _score_batch(db, model)
    topics = {"model_id": model.model_id, "topic_ids": list(model.topic_ids)}
    return db.arrow("classify/batch_posting_topics", topics), n_candidates


def _label_texts(db: Database, model: TopicModel, texts):
    """One batch of input lines (Arrow: line_no, title, text) labelled on ``db`` (a worker's connection):
    (per-text topic scores as Arrow, candidates)."""
    with db.registered("input_batch", texts):
        db.run_script("classify/texts_from_input")
    n_candidates = _score_batch(db, model)
    return db.arrow("classify/batch_text_scores"), n_candidates


def _append(db: Database, script: str, labelled) -> int:
    """Run ``script`` on one batch's result (registered as ``batch_rows``); returns its candidates."""
    table, n_candidates = labelled
    with db.registered("batch_rows", table):
        db.run_script(script)
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
    batches = (db.arrow("classify/input_batch", {"first": first, "count": batch_size}) for first in firsts)
    n_candidates = _label_in_batches(db, model, batches, len(firsts),
                                     lambda connection, texts: _label_texts(connection, model, texts),
                                     lambda scored: _append(db, "classify/append_text_topic_scores", scored),
                                     workers=workers, progress=progress)
    try:
        with written_whole(output_path) as part:
            db.run_script("classify/write_jsonl", {"path": str(part), "topic_ids": list(model.topic_ids)})
    except (CareerlensError, OSError) as exc:
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
        return _scored_schema().empty_table()
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
    }, schema=_scored_schema())


def _scored_schema():
    """The columns of :func:`_best_sentences`, which ``classify/posting_topic_scores.sql`` reads."""
    import pyarrow as pa

    return pa.schema([("posting_id", pa.string()), ("topic_id", pa.string()), ("score", pa.float64()),
                      ("rank", pa.int32()), ("evidence", pa.string()), ("anchor", pa.string())])


def _score_batch(db: Database, model: TopicModel) -> int:
    """Score the candidate sentences of ``classify_texts`` (one batch of whole texts) into
    ``posting_topic_scores``: per text and topic, the best score and the evidence."""
    table = sentences(db, "classify/candidate_sentences", pattern_params(model.matcher()))
    if table.num_rows == 0:
        scored, n_candidates = _scored_schema().empty_table(), 0
    else:
        batch = SentenceBatch.from_arrow(table)
        scored, n_candidates = _best_sentences(batch, model.score_sentences(batch), model.topic_ids), len(batch)
    with db.registered("scored_batch", scored):
        db.run_script("classify/posting_topic_scores", {"threshold": THRESHOLD, "glue_mark": GLUE_MARK})
    return n_candidates


# == Predictions for evaluation ======================================================
def predict_postings(db: Database, model: TopicModel, posting_ids):
    """Topic sets per posting from the model and from plain keyword matching (for ``evaluate``)."""
    choose_postings(db, posting_ids)
    db.run_script("classify/texts_from_ids")
    table = sentences(db, "classify/candidate_sentences", pattern_params(model.matcher()))
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


