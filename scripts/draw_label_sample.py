"""Draw postings to hand-label, spread evenly over the posting files of a store (seeded).

The held-out supplement of tests/labels/topics_gold.csv (120 `test` postings, 2026-11-25)
was drawn from a store holding the six posting folders of tests/test_evaluate.py, with the
432 labels before it excluded:

    .venv/bin/python scripts/draw_label_sample.py --db store.duckdb \\
        --exclude topics_gold_before.csv --split test -n 120 --out sample.csv

`--titles` and `--text` narrow the draw to postings whose title or description matches a
regular expression; the `dev` supplement on optimisation and deployment (2026-11-25) was

    .venv/bin/python scripts/draw_label_sample.py --db store.duckdb --exclude topics_gold.csv \\
        --split dev -n 160 --titles . --text '(?i)(optimi[sz]|deploy|production)' \\
        --salt :dev-optimisation-deployment-2026-11-25 --out sample.csv

Labellers then fill in the `topics` column by reading each posting (docs/annotation.md).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from careerlens.labels import resolve_labels
from careerlens.db import open_database

#: Titles of roles where the rarer topics (linear algebra, optimisation, MLOps, deep learning) turn up.
TECHNICAL_TITLES = (r"(?i)(machine learning|\bml\b|\bai\b|artificial intelligence|research|scientist|quant|optimi[sz]"
                    r"|model|deep learning|computer vision|\bnlp\b|natural language|algorithm|statistic"
                    r"|data engineer|operations research|mathematic)")


def draw(db, exclude: Path | None, n: int, *, titles: str = TECHNICAL_TITLES, text: str = "",
         salt: str = ":supplement-2026-11-25"):
    """n postings: n // files from each posting file in seeded order, the rest from the next ranks."""
    labelled = resolve_labels(db, exclude, purpose="evaluation").posting_id.dropna() if exclude else []
    db.con.register("already_labelled", pd.DataFrame({"posting_id": pd.Series(list(labelled), dtype=str)}))
    try:
        ranked = db.query("classify/label_sample", {"titles": titles, "text": text, "salt": salt})
    finally:
        db.con.unregister("already_labelled")
    per_file = n // max(ranked.file_id.nunique(), 1)
    first = ranked[ranked.rank_in_file <= per_file]
    rest = ranked[ranked.rank_in_file > per_file].head(n - len(first))
    return pd.concat([first, rest]).sort_values(["dataset", "row"])[["dataset", "row"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True, help="a store holding the posting files")
    parser.add_argument("--exclude", type=Path, help="a labels CSV whose postings are not drawn again")
    parser.add_argument("-n", type=int, default=120, help="how many postings [default: 120]")
    parser.add_argument("--titles", default=TECHNICAL_TITLES,
                        help="regular expression a drawn posting's title matches [default: technical roles]")
    parser.add_argument("--text", default="",
                        help="regular expression a drawn posting's description matches [default: any]")
    parser.add_argument("--split", default="test", help="the split the labels will belong to [default: test]")
    parser.add_argument("--salt", default=":supplement-2026-11-25",
                        help="text the seeded order hashes with each posting id; a new salt, a new draw")
    parser.add_argument("--out", type=Path, required=True, help="CSV to write: dataset,row,split,topics")
    args = parser.parse_args()
    with open_database(args.db, read_only=True) as db:
        sample = draw(db, args.exclude, args.n, titles=args.titles, text=args.text, salt=args.salt)
    sample.assign(split=args.split, topics="").to_csv(args.out, index=False)
    print(f"wrote {len(sample)} postings to label to {args.out}")


if __name__ == "__main__":
    main()
