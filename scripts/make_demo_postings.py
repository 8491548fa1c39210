"""Regenerate the bundled demonstration postings in data/demo/ (synthetic; seed 2025).

Run from the repository root after changing careerlens/demo.py:

    .venv/bin/python scripts/make_demo_postings.py

tests/test_demo.py fails until the committed files equal a fresh generation.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from careerlens.demo import write_demo_files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "demo",
                        help="output folder [default: data/demo next to this script]")
    parser.add_argument("-n", type=int, default=1500, help="number of postings [default: 1500]")
    parser.add_argument("--seed", type=int, default=2025, help="random seed [default: 2025]")
    args = parser.parse_args()
    for path in write_demo_files(args.out, n=args.n, seed=args.seed):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
