"""Load files into the store: one file, one transaction, every row accounted for.

For each file: recognise its format, skip it if its sha256 was loaded before,
then stage it with DuckDB's own readers, normalise it with set-based SQL and
insert it, all inside one transaction. ``sources`` records what happened and
``rejects`` why any row or field was refused, so that for every file
``rows_loaded + rows_rejected + rows_duplicate == rows_read``.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import duckdb

from careerlens.db import Database
from careerlens.errors import CareerlensError, InputError, StorageError
from careerlens.normalise import refresh_taxonomy, renormalise
from careerlens.sources import detect_format, format_named
from careerlens.sources.base import LoadContext, LoadCounts, ParallelReadFailed, SourceFormat
from careerlens.sources.probe import FileProbe, count_quotes, file_sha256, probe_file
from careerlens.sources.readers import explain_failure, is_read_error
from careerlens.storage import check_room_to_load, storage_error
from careerlens.version import __version__


@dataclass
class FileResult:
    """The outcome of ingesting one file (one line of the summary table)."""

    path: Path
    format: str
    kind: str
    status: str                  # loaded | already_loaded | skipped
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_duplicate: int = 0
    identical_records: int | None = None
    seconds: float = 0.0
    notes: str | None = None


def expand_paths(paths) -> list[Path]:
    """Files named directly, and the files inside named folders (sorted, hidden ones skipped)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                                and p.suffix.lower() != ".md" and p.name.lower() not in {"read me.txt"}))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise InputError("not a regular file", file=path)
        else:
            raise InputError("no such file or folder", file=path)
    return found


def ingest(db: Database, paths, *, source: str | None = None, options: dict | None = None,
           progress: Callable[[str, float], None] | None = None,
           on_file: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Load files into the store.

    Parameters
    ----------
    db : Database
        An open, writable store.
    paths : iterable of str or Path
        Files, or folders whose files are all loaded.
    source : str, optional
        Force a format by name (see :func:`careerlens.sources.all_formats`)
        instead of detecting it from the file name and header.
    options : dict, optional
        Format options, e.g. ``{"mapping": "columns.toml"}`` for generic files.
    progress : callable, optional
        ``progress(label, fraction)``, called while a large file loads.
    on_file : callable, optional
        Called with each :class:`FileResult` as soon as its file is done.

    Returns
    -------
    list of FileResult
        One per file. The first file that fails raises :class:`InputError`;
        files before it stay loaded, and the failing file leaves nothing behind.
        Folders with no file in them at all raise :class:`InputError` too.
    """
    results = []
    if source is None and options and options.get("mapping"):
        source = "generic"  # a column mapping only makes sense for the generic format
    forced = format_named(source) if source else None
    files = expand_paths(paths)
    if not files:
        raise InputError("nothing to load: no files in it (hidden files and .md notes are left out)",
                         file=", ".join(str(path) for path in paths))
    for path in files:
        result = ingest_file(db, path, fmt=forced, options=options or {}, progress=progress)
        results.append(result)
        if on_file:
            on_file(result)
    if any(r.kind == "onet" and r.status == "loaded" for r in results):
        renormalise(db)  # titles no pattern matched may now get a SOC code from O*NET
    return results


def ingest_file(db: Database, path: Path, *, fmt: SourceFormat | None = None, options: dict | None = None,
                progress=None) -> FileResult:
    """Load one file in one transaction (see :func:`ingest`).

    A delimited file is read with DuckDB's parallel reader; if that read fails
    (see :class:`ParallelReadFailed`), the transaction is rolled back and the
    file read once more with a single reader, whose verdict stands, unless its
    quotes do not pair up: then the file is broken, and the parallel reader's
    error, which names the row, is the one given.
    """
    started = time.perf_counter()
    probe = probe_file(path)
    fmt = fmt or detect_format(probe)
    if fmt.kind == "companion":
        return FileResult(path, fmt.name, fmt.kind, "skipped", notes=fmt.summary)
    sha256 = file_sha256(path)
    known = db.query("ingest/file_loaded_before", {"sha256": sha256})
    if len(known):
        first = known.iloc[0]
        return FileResult(path, fmt.name, fmt.kind, "already_loaded",
                          notes=f"same content as {first.file_name}, loaded {first.loaded_at:%Y-%m-%d %H:%M}; "
                                "nothing added")
    if db.path != ":memory:":
        check_room_to_load(path, db.path)
    load = functools.partial(_load_in_one_transaction, db, probe, fmt, sha256, options, progress, started)
    try:
        try:
            counts = load(parallel_read=True)
        except ParallelReadFailed as failed:
            if count_quotes(path) % 2 == 1:
                # A quoted field is never closed: the single reader would drop that record without a word.
                raise explain_failure(probe, failed.__cause__) from failed.__cause__
            counts = load(parallel_read=False)
    except StorageError as error:
        error.doing = error.doing or f"cannot load {path}"
        raise
    try:
        db.checkpoint()             # the load is in the database file, not only in its write-ahead log
    except CareerlensError as error:
        prefix = f"{path} was loaded ({counts.rows_loaded} rows), but "
        if isinstance(error, StorageError):
            error.doing = prefix + "the database file could not take it"
            raise
        raise CareerlensError(prefix + str(error)) from error
    return FileResult(path, fmt.name, fmt.kind, "loaded", counts.rows_read, counts.rows_loaded,
                      counts.rows_rejected, counts.rows_duplicate, counts.identical_records,
                      time.perf_counter() - started, counts.notes)


def _load_in_one_transaction(db: Database, probe: FileProbe, fmt: SourceFormat, sha: str, options, progress,
                             started: float, *, parallel_read: bool) -> LoadCounts:
    """Stage, check, normalise and insert one file, and record it in ``sources``; all or nothing."""
    path = probe.path
    if not parallel_read:
        db.run_script("ingest/read_csv_sequentially")
    try:
        with db.transaction():
            refresh_taxonomy(db)
            file_id = int(db.query("ingest/next_file_id").file_id.iloc[0])
            ctx = LoadContext(db=db, probe=probe, fmt=fmt, file_id=file_id, sha256=sha,
                              progress=progress or (lambda label, fraction: None), options=options or {},
                              parallel_read=parallel_read)
            try:
                counts: LoadCounts = fmt.load(ctx)
            except duckdb.Error as exc:
                if is_read_error(exc):
                    raise ctx.read_failure(exc) from exc
                raise CareerlensError(f"{path}: loading failed: {exc}") from exc
            accounted = counts.rows_loaded + counts.rows_rejected + counts.rows_duplicate
            if accounted != counts.rows_read:
                raise CareerlensError(
                    f"{path}: internal error: {counts.rows_read} rows read but {accounted} accounted for "
                    f"({counts.rows_loaded} loaded, {counts.rows_rejected} rejected, "
                    f"{counts.rows_duplicate} duplicates); nothing was loaded")
            db.run_script("ingest/record_source", {
                "file_id": file_id, "file_name": path.name, "file_path": str(path.resolve()), "sha256": sha,
                "format": fmt.name, "kind": fmt.kind, "rows_read": counts.rows_read,
                "rows_loaded": counts.rows_loaded, "rows_rejected": counts.rows_rejected,
                "rows_duplicate": counts.rows_duplicate, "identical_records": counts.identical_records,
                "load_seconds": time.perf_counter() - started, "careerlens_version": __version__,
                "notes": counts.notes})
    finally:
        if not parallel_read:
            db.run_script("ingest/read_csv_in_parallel")
    return counts
