"""Measure the classifier on every hand-labelled curriculum, with all its seeds and with the first two.

For each (curriculum, labels) pair: train on the postings in the store, then per-topic precision, recall and
F1 (with 95% bootstrap intervals) on the labels' held-out split, beside plain matching of the seed phrases.
Prints markdown tables (docs/accuracy.md, "Any curriculum") and writes the figures as JSON for the tests.

    .venv/bin/python scripts/measure_curricula.py --db store.duckdb --split test --out docs/curricula_figures.json

The store holds the six posting folders of tests/test_evaluate.py (docs/accuracy.md says how to load them).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from careerlens.classify import train
from careerlens.curriculum import load_curriculum
from careerlens.db import open_database
from careerlens.evaluate import evaluate

ROOT = Path(__file__).resolve().parents[1]
#: (name, curriculum, labels): the default curriculum and the two written by a stand-in user (tests/curricula).
CURRICULA = [
    ("maths-for-ml", None, ROOT / "tests/labels/topics_gold.csv"),
    ("data-engineering", ROOT / "tests/curricula/data-engineering.toml", ROOT / "tests/labels/data_engineering_gold.csv"),
    ("business-analytics", ROOT / "tests/curricula/business-analytics.toml",
     ROOT / "tests/labels/business_analytics_gold.csv"),
]
#: The bars count topics with at least this many labelled examples in the macro average.
MIN_EXAMPLES = 5


def measure(db, curriculum, labels, split: str) -> dict:
    started = time.perf_counter()
    model = train(db, curriculum, store=False)
    result = evaluate(db, labels, split=split, model=model)
    summary = result.summary.set_index("average")
    topics = result.per_topic
    counted = topics[topics.support >= MIN_EXAMPLES]
    return {
        "postings": result.n_postings,
        "micro_f1": round(float(summary.loc["micro", "f1"]), 3),
        "micro_f1_interval": [round(float(summary.loc["micro", "f1_low"]), 3), round(float(summary.loc["micro", "f1_high"]), 3)],
        "macro_f1": round(float(summary.loc["macro", "f1"]), 3),
        "macro_f1_interval": [round(float(summary.loc["macro", "f1_low"]), 3), round(float(summary.loc["macro", "f1_high"]), 3)],
        f"macro_f1_topics_with_{MIN_EXAMPLES}": round(float(counted.f1.mean()), 3),
        "micro_precision": round(float(summary.loc["micro", "precision"]), 3),
        "micro_recall": round(float(summary.loc["micro", "recall"]), 3),
        "seed_baseline_micro_f1": round(float(summary.loc["micro", "baseline_f1"]), 3),
        "seed_baseline_macro_f1": round(float(summary.loc["macro", "baseline_f1"]), 3),
        f"seed_baseline_macro_f1_topics_with_{MIN_EXAMPLES}": round(float(counted.baseline_f1.mean()), 3),
        "per_topic": [{"topic": r.topic, "labelled": int(r.support), "precision": round(float(r.precision), 3),
                       "recall": round(float(r.recall), 3), "f1": round(float(r.f1), 3),
                       "f1_interval": [round(float(r.f1_low), 3), round(float(r.f1_high), 3)],
                       "seed_baseline_f1": round(float(r.baseline_f1), 3)} for r in topics.itertuples()],
        "learned_terms": {t: list(v) for t, v in model.learned_terms.items() if v},
        "seconds": round(time.perf_counter() - started, 1),
    }


def markdown(name: str, seeds: str, figures: dict, split: str = "test") -> str:
    what = "held-out" if split == "test" else split
    lines = [f"### {name}, {seeds} ({figures['postings']} {what} postings)", "",
             "| topic | labelled | precision | recall | F1 | 95% interval | seed-phrase baseline F1 |",
             "|---|---:|---:|---:|---:|---|---:|"]
    for t in figures["per_topic"]:
        low, high = t["f1_interval"]
        lines.append(f"| `{t['topic']}` | {t['labelled']} | {t['precision']:.2f} | {t['recall']:.2f} | {t['f1']:.2f} "
                     f"| {low:.2f}–{high:.2f} | {t['seed_baseline_f1']:.2f} |")
    low, high = figures["micro_f1_interval"]
    lines.append(f"| **micro** | | {figures['micro_precision']:.3f} | {figures['micro_recall']:.3f} | "
                 f"**{figures['micro_f1']:.3f}** | {low:.3f}–{high:.3f} | {figures['seed_baseline_micro_f1']:.3f} |")
    low, high = figures["macro_f1_interval"]
    lines.append(f"| **macro** | | | | **{figures['macro_f1']:.3f}** | {low:.3f}–{high:.3f} | "
                 f"{figures['seed_baseline_macro_f1']:.3f} |")
    key = f"macro_f1_topics_with_{MIN_EXAMPLES}"
    lines.append(f"| **macro, topics with {MIN_EXAMPLES}+ examples** | | | | **{figures[key]:.3f}** | | "
                 f"{figures['seed_baseline_' + key]:.3f} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store holding the six posting folders")
    parser.add_argument("--split", default="test", choices=["test", "dev", "all"])
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--only", help="only this curriculum (maths-for-ml, data-engineering, business-analytics)")
    args = parser.parse_args()
    figures = {}
    with open_database(args.db) as db:
        for name, path, labels in CURRICULA:
            if args.only and name != args.only:
                continue
            curriculum = load_curriculum(path)
            for seeds, variant in (("all seeds", curriculum), ("first 2 seeds", curriculum.with_first_seeds(2))):
                found = measure(db, variant, labels, args.split)
                figures[f"{name} / {seeds}"] = found
                print(markdown(name, seeds, found, args.split), flush=True)
    if args.out:
        args.out.write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
