"""Build data/boards/known_boards.csv: careerlens's hand-compiled boards, then the ats-jobs-mcp directory's.

The directory (MIT licence, (c) 2026 Ground Truth; its notice is kept in data/boards/README.md) lists
Greenhouse and Ashby board tokens confirmed against each provider's public API. Only provider, board token
and company name are taken. Run with the package's wheel unpacked or installed::

    pip download ats-jobs-mcp==1.1.0 --no-deps -d /tmp/ats && unzip -o /tmp/ats/*.whl -d /tmp/ats/x
    python scripts/build_known_boards.py /tmp/ats/x/ats_jobs_mcp/directory.json

Order: the hand-compiled rows first (well-known employers, Lever included), then the directory's Ashby
boards by their job count when checked (largest first) and its Greenhouse boards by name, so that
``fetch PROVIDER --known --limit N`` asks the boards most likely to hold postings first.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "boards" / "known_boards.csv"
PROVIDERS = ("greenhouse", "lever", "ashby")


def main(directory_json: str) -> None:
    with OUT.open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["source"] == "careerlens"]
    seen = {(r["provider"], r["board"].lower()) for r in rows}
    listed = json.loads(Path(directory_json).read_text(encoding="utf-8"))["boards"]
    listed.sort(key=lambda r: (r["ats"], -(r["jobs"] or 0), r["board"].lower()))
    for entry in listed:
        key = (entry["ats"], entry["board"].lower())
        if entry["ats"] in PROVIDERS and key not in seen:
            seen.add(key)
            rows.append({"provider": entry["ats"], "board": entry["board"], "company": entry["company"] or "",
                         "source": f"ats-jobs-mcp 1.1.0 (checked {entry['checked']})"})
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["provider", "board", "company", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} boards")


if __name__ == "__main__":
    main(sys.argv[1])
