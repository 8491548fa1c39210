"""Storing fitted classifiers in the database and choosing the one to use."""

from __future__ import annotations

import datetime as dt
import json
import pickle

from careerlens.classify.model import TopicModel
from careerlens.curriculum import Curriculum
from careerlens.db import Database
from careerlens.errors import UsageError

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


