"""Measure a topic classifier on hand labels, beside keyword matching and a second reader.

``evaluate`` gives per-topic precision, recall and F1 (each F1 with a 95%
bootstrap interval), micro and macro averages, and the same for two keyword
baselines: plain matching of the curriculum's seed and context-seed phrases,
and the topic names alone. ``reader_agreement`` compares a second reading of
some labelled postings with the first: the ceiling the labels set.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from careerlens.classify import TopicModel, load_model, predict_postings
from careerlens.db import Database
from careerlens.errors import CareerlensError, InputError, UsageError
from careerlens.labels import resolve_labels, topic_set


@dataclass
class Evaluation:
    """Per-topic precision, recall and F1 of the model and of the keyword baseline."""

    per_topic: object            # DataFrame
    summary: object              # DataFrame: micro and macro rows
    n_postings: int
    split: str
    model_id: str
    skipped: dict                # dataset -> rows not evaluated (file not loaded)
    seen_in_training: int        # evaluated postings that were training labels


def evaluate(db: Database, gold_path, *, split: str = "test", model: TopicModel | None = None) -> Evaluation:
    """Measure the stored classifier on hand labels, beside plain keyword matching.

    Parameters
    ----------
    gold_path : str or Path
        Labels CSV (dataset, row, split, topics; ``docs/annotation.md``).
    split : {"test", "dev", "all"}
        Which rows to measure on; report figures on ``test`` only.
    """
    import pandas as pd

    if split not in ("test", "dev", "all"):
        raise UsageError(f"split must be test, dev or all, not {split!r}")
    model = model or load_model(db)
    rows = resolve_labels(db, gold_path, purpose="evaluation")
    skipped = rows[rows.posting_id.isna()].groupby("dataset").size().to_dict()   # not loaded, or refused
    rows = rows[rows.posting_id.notna()]
    if split != "all":
        rows = rows[rows.split == split]
    if rows.empty:
        raise InputError(f"no labelled rows in split {split!r} name a loaded posting", file=gold_path)
    predicted, baseline = predict_postings(db, model, rows.posting_id.unique().tolist())
    gold = [topic_set(t) for t in rows.topics]
    _check_topics(gold, model, gold_path)
    model_sets = [predicted.get(p, set()) for p in rows.posting_id]
    base_sets = [baseline.get(p, set()) for p in rows.posting_id]
    named = name_keyword_topics(db, model)
    name_sets = [named.get(p, set()) for p in rows.posting_id]
    table = pd.DataFrame([{"topic": t, "support": sum(t in g for g in gold),
                           **_prf(t, gold, model_sets, ""), **_prf(t, gold, base_sets, "baseline_"),
                           **_prf(t, gold, name_sets, "name_baseline_")}
                          for t in model.topic_ids])
    summary = pd.DataFrame([_average(kind, table, "") | _average(kind, table, "baseline_")
                            | _average(kind, table, "name_baseline_") for kind in ("micro", "macro")])
    intervals = f1_intervals(gold, model_sets, model.topic_ids)
    table[["f1_low", "f1_high"]] = intervals["per_topic"]
    summary[["f1_low", "f1_high"]] = intervals["summary"]
    summary = summary[["average", "precision", "recall", "f1", "f1_low", "f1_high",
                       *[c for c in summary.columns if c.startswith(("baseline_", "name_baseline_"))]]]
    training_ids = set((model.metadata.get("labels") or {}).get("posting_ids", []))
    return Evaluation(per_topic=table, summary=summary, n_postings=len(rows), split=split,
                      model_id=model.model_id, skipped=skipped,
                      seen_in_training=len(set(rows.posting_id) & training_ids))


def _check_topics(topic_sets, model: TopicModel, path) -> None:
    unknown = sorted(set().union(*topic_sets) - set(model.topic_ids))
    if unknown:
        raise InputError(f"labels name topics the model's curriculum does not have: {unknown}", file=path)


@dataclass
class Agreement:
    """A second reading of labelled postings against the first, and the model against the first on them."""

    per_topic: object            # DataFrame: topic, support, second_support, readers_*, model_*
    summary: object              # DataFrame: micro and macro rows
    n_postings: int


def reader_agreement(db: Database, gold_path, second_path, *, model: TopicModel | None = None) -> Agreement:
    """How far a second reader agrees with the first, topic by topic, on the postings both labelled.

    Where two careful readers agree at 0.8 on a topic, the labels cannot tell
    a classifier at 0.8 from a better one; the readers' F1 is the ceiling the
    labels set. Both files use the labels format; every split counts.
    """
    import pandas as pd

    model = model or load_model(db)
    first = resolve_labels(db, gold_path, purpose="evaluation")
    second = resolve_labels(db, second_path, purpose="evaluation")
    both = (first[first.posting_id.notna()].drop_duplicates("posting_id")
            .merge(second[second.posting_id.notna()].drop_duplicates("posting_id")[["posting_id", "topics"]],
                   on="posting_id", suffixes=("", "_second")))
    if both.empty:
        raise InputError(f"labels no posting that {Path(gold_path).name} labels", file=second_path)
    gold = [topic_set(t) for t in both.topics]
    other = [topic_set(t) for t in both.topics_second]
    _check_topics(gold, model, gold_path)
    _check_topics(other, model, second_path)
    predicted, _ = predict_postings(db, model, both.posting_id.tolist())
    model_sets = [predicted.get(p, set()) for p in both.posting_id]
    table = pd.DataFrame([{"topic": t, "support": sum(t in g for g in gold),
                           "second_support": sum(t in o for o in other),
                           **_prf(t, gold, other, "readers_"), **_prf(t, gold, model_sets, "model_")}
                          for t in model.topic_ids])
    summary = pd.DataFrame([_average(kind, table, "readers_") | _average(kind, table, "model_")
                            for kind in ("micro", "macro")])
    return Agreement(per_topic=table, summary=summary, n_postings=len(both))


def f1_intervals(gold, predicted, topic_ids, *, resamples: int = 2000, seed: int = 0) -> dict:
    """95% bootstrap intervals of each topic's F1 and of the micro and macro F1, resampling postings.

    A topic with a handful of labelled examples has an F1 that one posting
    moves a long way (2 of 3 found is 0.8, and 1.0 or 0.5 in a resample that
    draws one posting more or less); the interval says how far.
    """
    topics, n = list(topic_ids), len(gold)
    g = np.array([[t in labels for t in topics] for labels in gold], bool).reshape(n, len(topics))
    p = np.array([[t in labels for t in topics] for labels in predicted], bool).reshape(n, len(topics))
    hits = np.hstack([g & p, ~g & p, g & ~p]).astype(np.float64)      # tp | fp | fn, per posting
    rng = np.random.default_rng(seed)
    counts = np.zeros((resamples, hits.shape[1]))
    for chunk in np.array_split(np.arange(resamples), max(1, resamples // 200)):
        draws = rng.integers(0, n, (len(chunk), n)) + n * np.arange(len(chunk))[:, None]
        times_drawn = np.bincount(draws.ravel(), minlength=len(chunk) * n).reshape(len(chunk), n)
        counts[chunk] = times_drawn @ hits
    tp, fp, fn = np.split(counts, 3, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(tp + fp + fn > 0, 2 * tp / (2 * tp + fp + fn), np.nan)
        micro = 2 * tp.sum(1) / (2 * tp.sum(1) + fp.sum(1) + fn.sum(1))
    macro = _nanmean_rows(f1)

    def bounds(values):
        return np.nanpercentile(values, [2.5, 97.5]) if np.isfinite(values).any() else np.full(2, np.nan)

    per_topic = np.array([bounds(f1[:, t]) for t in range(len(topics))]).reshape(len(topics), 2)
    return {"per_topic": per_topic, "summary": np.array([bounds(micro), bounds(macro)])}


def _nanmean_rows(values):
    """Row means ignoring NaN; NaN for a row that is all NaN (no warning)."""
    known = ~np.isnan(values)
    total = np.where(known, values, 0).sum(axis=1)
    return np.where(known.any(axis=1), total / np.maximum(known.sum(axis=1), 1), np.nan)


def evaluation_record(result: Evaluation, gold_path) -> dict:
    """An evaluation as kept with a model (and as published for a bundled curriculum): summary figures and
    ``per_topic`` -> {topic: {precision, recall, f1, f1_low, f1_high, baseline_f1, name_baseline_f1, support}}."""
    def number(value):
        value = float(value)
        return None if value != value else round(value, 4)   # NaN (no support) is not JSON

    summary = result.summary.set_index("average")
    return {
        "gold_file": Path(gold_path).name, "split": result.split, "postings": int(result.n_postings),
        **{f"{avg}_{m}": number(summary.loc[avg, m])
           for avg in ("micro", "macro")
           for m in ("precision", "recall", "f1", "f1_low", "f1_high", "baseline_f1", "name_baseline_f1")},
        "per_topic": {row.topic: {k: number(getattr(row, k))
                                  for k in ("precision", "recall", "f1", "f1_low", "f1_high", "baseline_f1",
                                            "name_baseline_f1")}
                      | {"support": int(row.support)} for row in result.per_topic.itertuples()},
    }


def record_evaluation(db: Database, result: Evaluation, gold_path) -> None:
    """Keep a held-out evaluation with its model, so the report's method page can show it."""
    db.run_script("classify/record_evaluation", {"evaluation": json.dumps(evaluation_record(result, gold_path)),
                                                 "model_id": result.model_id})


def published_accuracy(curriculum) -> dict | None:
    """The held-out accuracy careerlens publishes for a bundled curriculum (``data/accuracy/<name>.json``, the
    figures of docs/accuracy.md), when ``curriculum`` is that curriculum unchanged (same content hash); else None.

    A model trained on the user's own postings is not the one measured, so whoever shows these figures says so.
    """
    from careerlens.curriculum import bundled_curriculum_names
    from careerlens.resources import data_text

    for name in bundled_curriculum_names():
        try:
            published = json.loads(data_text("accuracy", f"{name}.json"))
        except CareerlensError:
            continue
        if published.get("curriculum_hash") == curriculum.content_hash:
            return published
    return None


def name_keyword_topics(db: Database, model: TopicModel) -> dict[str, set]:
    """Topic sets from the topic names alone, whole-word and case-blind, over ``classify_texts``.

    The weakest keyword baseline, and the one the speed benchmark scans for:
    it cannot see that "A/B tests" is statistics or "PyTorch" deep learning.
    """
    names = [{"topic_id": topic.id, "pattern": rf"(?i)\b{re.escape(topic.name.lower())}\b"}
             for topic in model.curriculum.topics]
    found: dict[str, set] = {}
    for posting_id, topic_id in db.query("classify/name_keyword_topics", {"names": names}).itertuples(index=False):
        found.setdefault(posting_id, set()).add(topic_id)
    return found


def _prf(topic, gold, predicted, prefix):
    tp = sum(topic in g and topic in p for g, p in zip(gold, predicted))
    fp = sum(topic not in g and topic in p for g, p in zip(gold, predicted))
    fn = sum(topic in g and topic not in p for g, p in zip(gold, predicted))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    if tp + fp + fn == 0:
        f1 = float("nan")       # nothing to find and nothing found: not counted in the macro average
    else:
        f1 = 2 * tp / (2 * tp + fp + fn)
    return {f"{prefix}tp": tp, f"{prefix}fp": fp, f"{prefix}fn": fn, f"{prefix}precision": precision,
            f"{prefix}recall": recall, f"{prefix}f1": f1}


def _average(kind, table, prefix):
    if kind == "micro":
        tp, fp, fn = (table[f"{prefix}{c}"].sum() for c in ("tp", "fp", "fn"))
        values = {"precision": tp / (tp + fp) if tp + fp else float("nan"),
                  "recall": tp / (tp + fn) if tp + fn else float("nan"),
                  "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else float("nan")}
    else:
        values = {m: float(table[f"{prefix}{m}"].mean(skipna=True)) for m in ("precision", "recall", "f1")}
    return {"average": kind, **{f"{prefix}{k}": v for k, v in values.items()}}
