"""Storing fitted classifiers in the database and choosing the one to use.

A store may hold models of several curricula. A command told the curriculum
uses the newest model trained for it (same content hash); told nothing, it
uses the newest model, and says so when other curricula have models too.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import shlex
from dataclasses import dataclass

from careerlens.classify.model import MODEL_FORMAT, TopicModel
from careerlens.curriculum import Curriculum, bundled_curriculum_names
from careerlens.db import Database
from careerlens.errors import UsageError

#: What unpickling a model written for another layout of the classes may raise.
UNREADABLE_PICKLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError,
                     IndexError, KeyError)


# == Storing and loading models ======================================================
def save_model(db: Database, model: TopicModel) -> None:
    """Store a model in ``classifier_models`` (replacing one with the same id), with its format in its metadata."""
    model.metadata["model_format"] = model.model_format
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    with db.transaction():
        db.run_script("classify/store_model", {
            "model_id": model.model_id, "curriculum_name": model.curriculum.name,
            "curriculum_hash": model.curriculum.content_hash,
            "trained_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            "metadata": json.dumps(model.metadata), "model_blob": blob})


def load_model(db: Database, *, model_id: str | None = None, curriculum: Curriculum | None = None) -> TopicModel:
    """The newest stored model (or the one named, or the newest for a curriculum): :func:`choose_model`'s model.

    Raises
    ------
    UsageError
        No model matches (``careerlens train`` first), or the model was stored by another careerlens.
    """
    return choose_model(db, model_id=model_id, curriculum=curriculum).model


# == Choosing the model ==============================================================
@dataclass(frozen=True)
class ModelChoice:
    """The model a command uses, and ``note``: what the user should know about the choice (None: nothing)."""

    model: TopicModel
    note: str | None = None


def trained_curricula(db: Database):
    """The curricula with a stored model, the newest trained first: a DataFrame of ``curriculum_hash``,
    ``curriculum_name``, ``curriculum_source``, ``n_models``, ``newest_model_id`` and ``newest_trained_at``."""
    return db.query("classify/trained_curricula")


def choose_model(db: Database, *, model_id: str | None = None, curriculum: Curriculum | None = None) -> ModelChoice:
    """The stored model to label or measure with.

    Parameters
    ----------
    model_id : str, optional
        This model. With ``curriculum``, it must have been trained for that curriculum.
    curriculum : Curriculum, optional
        The newest model trained for this curriculum (same content hash).

    Returns
    -------
    ModelChoice
        Given neither, the newest model; its ``note`` names the curriculum it was trained for and the
        others that have models, when there are any (otherwise None).

    Raises
    ------
    UsageError
        No model at all, none with this id, none for this curriculum, a model of another curriculum than
        the one named, or a model stored by a careerlens with another model layout. Each message says what
        to run.
    """
    if model_id is not None:
        row = _stored(db, model_id=model_id)
        if row is None:
            raise UsageError(f"no trained classifier {model_id!r} in the database: run `careerlens train` first")
        if curriculum is not None and row.curriculum_hash != curriculum.content_hash:
            raise UsageError(f"model {model_id!r} was trained for the curriculum {row.curriculum_name!r}, not for "
                             f"{curriculum.name!r} ({curriculum.bundled_name or curriculum.source}): name a model "
                             "trained for it, or no model to use its newest")
        return ModelChoice(_unpickle(db, row))
    if curriculum is not None:
        row = _stored(db, curriculum_hash=curriculum.content_hash)
        if row is None:
            argument = curriculum.bundled_name or curriculum.source
            raise UsageError(f"no classifier trained for the curriculum {curriculum.name!r} ({argument}) in the "
                             f"database: run `careerlens train{_curriculum_option(argument)}{db.cli_option}` first")
        return ModelChoice(_unpickle(db, row))
    curricula = trained_curricula(db)
    if curricula.empty:
        raise UsageError("no trained classifier in the database: run `careerlens train` first")
    newest = curricula.iloc[0]
    model = _unpickle(db, _stored(db, model_id=newest.newest_model_id))
    return ModelChoice(model, _several_curricula_note(model, curricula) if len(curricula) > 1 else None)


def _several_curricula_note(model: TopicModel, curricula) -> str:
    """'2 curricula have trained models; using m-..., the newest, trained for 'A' (--curriculum a.toml). ...'"""
    def named(row):
        if not isinstance(row.curriculum_source, str):
            return repr(row.curriculum_name)
        return f"{row.curriculum_name!r} (--curriculum {shlex.quote(_curriculum_argument(row.curriculum_source))})"

    used, others = curricula.iloc[0], curricula.iloc[1:]
    return (f"{len(curricula)} curricula have trained models; using {model.model_id}, the newest, trained for "
            f"{named(used)}. Also trained: {', '.join(named(row) for row in others.itertuples())}. "
            "Name the one to use with --curriculum NAME|FILE.")


def _stored(db: Database, *, model_id=None, curriculum_hash=None):
    """The stored row of the model named, or of the newest for a curriculum hash; None if there is none."""
    found = db.query("classify/model_blob", {"model_id": model_id, "curriculum_hash": curriculum_hash})
    return None if found.empty else found.iloc[0]


def _unpickle(db: Database, row) -> TopicModel:
    """The model stored in ``row``, refused with advice to train again when another layout wrote it."""
    metadata = json.loads(row.metadata) if isinstance(row.metadata, str) else {}
    stored_format = (metadata or {}).get("model_format", 1)
    model = None
    if stored_format == MODEL_FORMAT:
        try:
            model = pickle.loads(bytes(row.model_blob))
        except UNREADABLE_PICKLE:
            model = None
    if not isinstance(model, TopicModel) or model.model_format != MODEL_FORMAT:
        source = ((metadata or {}).get("curriculum") or {}).get("source")
        option = _curriculum_option(_curriculum_argument(source)) if source else ""
        raise UsageError(
            f"model {row.model_id!r} was stored by another version of careerlens (model format {stored_format}; "
            f"this version reads format {MODEL_FORMAT}): run `careerlens train{option}{db.cli_option}` again")
    model.model_id = row.model_id
    return model


def _curriculum_argument(source: str) -> str:
    """What ``--curriculum`` takes to name a curriculum again: a bundled one's name, else its file as given."""
    for name in bundled_curriculum_names():
        if source == f"data/curricula/{name}.toml":
            return name
    return source


def _curriculum_option(argument: str) -> str:
    return f" --curriculum {shlex.quote(argument)}"
