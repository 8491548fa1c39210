"""Topic scoring as a pure function of an Arrow batch of postings: what every engine runs on its workers.

:func:`score_postings` takes postings (``posting_id``, ``title``, ``description``)
and a fitted model and returns their rows of ``posting_topics``; it reads and
writes no store. The sentence splitting and phrase search it needs run in a
scratch in-memory DuckDB of the calling thread. The local engine labels through
the same :func:`careerlens.classify.labelling.label_posting_batch`, on a worker
connection of the store instead, so both engines give the same rows.
"""

from __future__ import annotations

import threading

from careerlens.classify import TopicModel
from careerlens.classify.labelling import label_posting_batch
from careerlens.db import Database

#: Postings scored at once: the local engine's batch size, so memory per worker stays as bounded as there.
BATCH_SIZE = 10_000
#: The columns of ``posting_topics``, in its order: what :func:`score_postings` returns.
TOPIC_COLUMNS = ("posting_id", "topic_id", "score", "is_positive", "evidence", "model_id")
POSTING_COLUMNS = ("posting_id", "title", "description")

_scratch = threading.local()


def scratch_database() -> Database:
    """This thread's in-memory DuckDB for classify's temp tables (opened on first use, kept for the next batch)."""
    if getattr(_scratch, "db", None) is None:
        _scratch.db = Database(None)
    return _scratch.db


def score_postings(model: TopicModel, postings, *, batch_size: int = BATCH_SIZE):
    """Label postings with a fitted model, without a store.

    Parameters
    ----------
    model : TopicModel
        A fitted model (``careerlens train``; on a worker, from :func:`~careerlens.scaleout.artifact.read_model_artifact`).
    postings : pyarrow.Table or pyarrow.RecordBatch
        ``posting_id``, ``title``, ``description`` (other columns are ignored); each posting_id once.

    Returns
    -------
    pyarrow.Table
        One row per posting and topic, in the shape of ``posting_topics``: ``posting_id``, ``topic_id``,
        ``score``, ``is_positive``, ``evidence`` (the sentence(s) that carried a positive), ``model_id``.
    """
    import pyarrow as pa

    table = pa.Table.from_batches([postings]) if isinstance(postings, pa.RecordBatch) else postings
    missing = [c for c in POSTING_COLUMNS if c not in table.column_names]
    if missing:
        raise ValueError(f"postings need the columns {', '.join(POSTING_COLUMNS)}; missing {', '.join(missing)}")
    table = table.select(list(POSTING_COLUMNS))
    db = scratch_database()
    model.warm()
    pieces = [label_posting_batch(db, model, table.slice(first, batch_size))[0]
              for first in range(0, table.num_rows, batch_size)]
    if not pieces:
        return empty_topics()
    return pa.concat_tables(pieces).select(list(TOPIC_COLUMNS)).cast(topics_schema())


def topics_schema():
    """The Arrow schema of ``posting_topics`` rows (what the engines write and ``import-topics`` reads)."""
    import pyarrow as pa

    return pa.schema([("posting_id", pa.string()), ("topic_id", pa.string()), ("score", pa.float64()),
                      ("is_positive", pa.bool_()), ("evidence", pa.string()), ("model_id", pa.string())])


def empty_topics():
    return topics_schema().empty_table()
