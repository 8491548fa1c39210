"""Hand labels: a CSV of (dataset file, row) -> topics, resolved to the stored postings it names.

The format is docs/annotation.md's: columns ``dataset`` (a loaded file's name,
or folder/name), ``row`` (its 1-based data row), ``split`` (``dev`` or
``test``; optional) and ``topics`` (topic ids joined by ";", empty for none).
Training uses the rows that are not ``test``; evaluation reports on ``test``.
"""

from __future__ import annotations

from pathlib import Path

from careerlens.db import Database
from careerlens.errors import CareerlensError, InputError


def resolve_labels(db: Database, path, *, purpose: str):
    """Read a labels CSV and find the posting each (dataset file, row) names.

    Returns a DataFrame (line_no, dataset, source_row, split, topics,
    posting_id, rejected); posting_id is missing where the file is not loaded
    or ingest refused the row. For training, rows whose split is ``test`` are
    dropped.

    Raises
    ------
    InputError
        Missing columns, an ambiguous file name, a row the file does not have,
        or no row naming a loaded file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such labels file", file=path)
    try:
        db.run_script("classify/label_rows", {"path": str(path)})
    except CareerlensError as exc:
        raise InputError(f"cannot read labels CSV: {exc.__cause__ or exc}", file=path) from exc
    columns = set(db.query("classify/label_columns").column_name)
    missing = [c for c in ("dataset", "row", "topics") if c not in columns]
    if missing:
        raise InputError(f"labels CSV needs columns dataset, row, [split,] topics; missing {missing}", file=path)
    if "split" not in columns:
        db.run_script("classify/label_rows_add_split")
    rows = db.query("classify/resolve_labels")
    ambiguous = rows[rows.n_files > 1]
    if not ambiguous.empty:
        first = ambiguous.iloc[0]
        raise InputError(f"dataset {first.dataset!r} matches {int(first.n_files)} loaded files of that name; "
                         "write the dataset's folder too (folder/file)", file=path, row=int(first.line_no),
                         line=True, field="dataset")
    bad_row = rows[rows.file_id.notna() & rows.posting_id.isna() & ~rows.rejected]
    if not bad_row.empty:
        first = bad_row.iloc[0]
        raise InputError(f"{first.dataset} has no data row {first.source_row!r} in the database",
                         file=path, row=int(first.line_no), line=True, field="row")
    if rows.file_id.isna().all():
        raise InputError("none of the datasets it names is loaded: run `careerlens ingest` on them first",
                         file=path)
    if purpose == "training":
        rows = rows[rows.split != "test"]
    return rows


def topic_set(cell) -> set[str]:
    """The topic ids of a labels CSV's ``topics`` cell ("a;b", or empty for none)."""
    return set(filter(None, str(cell).split(";")))
