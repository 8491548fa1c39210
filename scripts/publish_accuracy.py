"""Write data/accuracy/<curriculum>.json: the held-out accuracy docs/accuracy.md publishes for a bundled curriculum.

The report's method page shows it when a model of that curriculum, unchanged, has no evaluation of its own.
The store must hold the six posting folders of docs/accuracy.md; the default classifier is trained on it and
measured on the test split of the curriculum's hand labels::

    .venv/bin/python scripts/publish_accuracy.py --db store.duckdb --date 2026-12-07
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from careerlens.classify import train
from careerlens.curriculum import load_curriculum
from careerlens.db import open_database
from careerlens.evaluate import evaluate, evaluation_record

ROOT = Path(__file__).resolve().parents[1]
#: Bundled curriculum -> its hand labels.
LABELS = {"maths-for-ml": ROOT / "tests/labels/topics_gold.csv"}
CORPUS = ("the six posting folders of docs/accuracy.md (Glassdoor 2020 data analysts, Glassdoor data science "
          "projects, Glassdoor uncleaned data science jobs, Indeed ethical-tech postings 2020, LinkedIn California "
          "2018, LinkedIn 2023-2024)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--date", required=True, help="the day of the measurement (YYYY-MM-DD)")
    args = parser.parse_args()
    for name, labels in LABELS.items():
        curriculum = load_curriculum(name)
        with open_database(args.db) as db:
            model = train(db, curriculum, store=False)
            result = evaluate(db, labels, split="test", model=model)
        published = {"curriculum": name, "curriculum_name": curriculum.name,
                     "curriculum_hash": curriculum.content_hash, "measured_on": args.date,
                     "trained_on": CORPUS, "source": "docs/accuracy.md",
                     **evaluation_record(result, labels)}
        out = ROOT / "data" / "accuracy" / f"{name}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(published, indent=1) + "\n")
        print(f"{out}: micro F1 {published['micro_f1']}, macro F1 {published['macro_f1']}")


if __name__ == "__main__":
    main()
