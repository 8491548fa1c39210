"""Load files into the store: one file, one transaction, every row accounted for.

For each file: recognise its format, skip it if its sha256 was loaded before,
then stage it with DuckDB's own readers, normalise it with set-based SQL and
insert it, all inside one transaction. ``sources`` records what happened and
``rejects`` why any row or field was refused, so that for every file
``rows_loaded + rows_rejected + rows_duplicate == rows_read``.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import gzip
import hashlib
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import duckdb

from careerlens import taxonomy
from careerlens.csvfiles import csv_params, explain_failure, is_read_error
from careerlens.db import Database
from careerlens.errors import CareerlensError, InputError
from careerlens.sources import FileProbe, SourceFormat, detect_format, format_named, probe_file

PROGRESS_MIN_ROWS = 10_000
NOT_DELIMITED = (".xlsx", ".xls", ".parquet", ".jsonl", ".ndjson", ".json")


@dataclass
class LoadCounts:
    """What a format's loader reports back for one file."""

    rows_read: int
    rows_loaded: int
    rows_rejected: int = 0
    rows_duplicate: int = 0
    identical_records: int | None = None
    notes: str | None = None


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


@dataclass
class LoadContext:
    """Everything a format's loader needs for one file."""

    db: Database
    probe: FileProbe
    fmt: SourceFormat
    file_id: int
    sha256: str
    progress: Callable[[str, float], None] = field(default=lambda label, fraction: None)
    options: dict = field(default_factory=dict)
    source: str | None = None    # the ``source`` recorded on rows; the format's name unless a loader names it
    parallel_read: bool = True   # False on the second attempt at a file (see :func:`ingest_file`)

    @property
    def path(self) -> Path:
        return self.probe.path

    @property
    def file_name(self) -> str:
        return self.probe.path.name

    def params(self, **extra) -> dict:
        """Bound parameters every staging query may use.

        ``$path``, ``$file_id``, ``$file_name``, ``$source``, and for delimited
        files ``$delim``, ``$quote`` and ``$columns`` (see :func:`csv_params`).
        """
        base = {"path": str(self.path), "file_id": self.file_id, "file_name": self.file_name,
                "source": self.source or self.fmt.name}
        if _is_delimited(self.probe):
            base.update(csv_params(self.probe))
        return {**base, **extra}

    def run(self, name: str, **extra):
        """Run ``queries/<name>.sql`` with progress reporting, translating read errors."""
        params = self.params(**extra)
        try:
            _with_progress(self.db, lambda: self.db.run_script(name, params), self.progress, name)
        except CareerlensError as exc:
            cause = exc.__cause__
            if cause is not None and is_read_error(cause):
                raise self.read_failure(cause) from cause
            raise

    def read_failure(self, error: Exception) -> CareerlensError:
        """What a DuckDB read error means: retry with one reader (parallel read of a delimited file), or bad data."""
        if self.parallel_read and _is_delimited(self.probe):
            return ParallelReadFailed(str(error))
        return explain_failure(self.probe, error)

    def count(self, sql: str, params=None) -> int:
        return int(self.db.execute(sql, params).fetchone()[0])


class ParallelReadFailed(CareerlensError):
    """DuckDB's parallel reader failed on a delimited file: read it again with one reader before calling it broken.

    The parallel reader starts each thread at a guessed record boundary; a quoted
    line break followed by a line that opens with ``""`` (an escaped quote) can
    pass for one, and the strict read then fails on a sound file.
    """


def _is_delimited(probe: FileProbe) -> bool:
    return probe.suffix not in NOT_DELIMITED


def _count_quotes(path: Path) -> int:
    """The double quotes in the file (decompressed): odd when a quoted field is never closed."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    quotes = 0
    try:
        with opener(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 24), b""):
                quotes += block.count(b'"')
    except (OSError, EOFError, zlib.error):
        return 0  # the single reader's own read error will say what is wrong
    return quotes


def _with_progress(db: Database, work: Callable[[], None], progress, label: str):
    """Run ``work`` while polling DuckDB's query progress into ``progress(label, fraction)``."""
    error: list[BaseException] = []

    def target():
        try:
            work()
        except BaseException as exc:  # re-raised in the caller's thread
            error.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(0.2)
        try:
            fraction = db.con.query_progress()
        except duckdb.Error:
            fraction = -1
        if fraction is not None and fraction >= 0:
            progress(label, min(float(fraction) / 100.0, 1.0))
    if error:
        raise error[0]


def file_sha256(path: Path) -> str:
    """The file's sha256 in hex, read in 1 MiB blocks (files may be large)."""
    return scan_file(path).sha256


@dataclass(frozen=True)
class FileScan:
    """What one pass over a file's bytes tells: its sha256 and, if counted, its quoting."""

    sha256: str
    quotes: int | None = None                 # double quotes in the file
    quoted_line_starts: int | None = None     # line breaks followed by '""' (see ParallelReadFailed)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan_file(path: Path, *, count_quotes: bool = False) -> FileScan:
    """Hash the file in 1 MiB blocks; with ``count_quotes``, also count its quotes.

    The hash runs in a second thread (hashlib releases the GIL) while this one
    counts, so the two passes over a large file take the time of one.
    """
    if not count_quotes:
        return FileScan(_sha256(path))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        sha = pool.submit(_sha256, path)
        quotes = line_starts = 0
        tail = b""
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                quotes += block.count(b'"')
                line_starts += block.count(b'\n""') + (tail + block[:2]).count(b'\n""')
                tail = block[-2:]
        return FileScan(sha.result(), quotes, line_starts)


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

    A delimited file is read with DuckDB's parallel reader, unless a quoted
    field holds a line that opens with ``""`` (see :class:`ParallelReadFailed`);
    if the parallel read fails, the transaction is rolled back and the file read
    once more with a single reader, whose verdict stands.
    """
    started = time.perf_counter()
    probe = probe_file(path)
    fmt = fmt or detect_format(probe)
    if fmt.kind == "companion":
        return FileResult(path, fmt.name, fmt.kind, "skipped", notes=fmt.summary)
    scan = scan_file(path, count_quotes=_is_delimited(probe) and not path.name.lower().endswith(".gz"))
    known = db.execute("SELECT file_name, loaded_at FROM sources WHERE sha256 = ?", [scan.sha256]).fetchone()
    if known:
        return FileResult(path, fmt.name, fmt.kind, "already_loaded",
                          notes=f"same content as {known[0]}, loaded {known[1]:%Y-%m-%d %H:%M}; nothing added")
    load = functools.partial(_load_in_one_transaction, db, probe, fmt, scan.sha256, options, progress, started)
    try:
        # An odd number of quotes means a broken file: the parallel reader is the one that says so.
        counts = load(parallel_read=not (scan.quoted_line_starts and scan.quotes % 2 == 0))
    except ParallelReadFailed as failed:
        quotes = scan.quotes if scan.quotes is not None else _count_quotes(path)
        if quotes % 2 == 1:
            # A quoted field is never closed: the single reader would drop that record without a word.
            raise explain_failure(probe, failed.__cause__) from failed.__cause__
        counts = load(parallel_read=False)
    return FileResult(path, fmt.name, fmt.kind, "loaded", counts.rows_read, counts.rows_loaded,
                      counts.rows_rejected, counts.rows_duplicate, counts.identical_records,
                      time.perf_counter() - started, counts.notes)


def _load_in_one_transaction(db: Database, probe: FileProbe, fmt: SourceFormat, sha: str, options, progress,
                             started: float, *, parallel_read: bool) -> LoadCounts:
    """Stage, check, normalise and insert one file, and record it in ``sources``; all or nothing."""
    path = probe.path
    if not parallel_read:
        db.execute("SET VARIABLE strict_csv_parallel = false")
    try:
        with db.transaction():
            taxonomy.refresh(db)
            file_id = int(db.execute("SELECT coalesce(max(file_id), 0) + 1 FROM sources").fetchone()[0])
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
            seconds = time.perf_counter() - started
            from careerlens import __version__

            db.execute(
                "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp::TIMESTAMP, ?, ?, ?)",
                [file_id, path.name, str(path.resolve()), sha, fmt.name, fmt.kind, counts.rows_read,
                 counts.rows_loaded, counts.rows_rejected, counts.rows_duplicate, counts.identical_records,
                 seconds, __version__, counts.notes])
    finally:
        if not parallel_read:
            db.execute("RESET VARIABLE strict_csv_parallel")
    return counts


def load_postings(ctx: LoadContext, staging_query: str, **params) -> LoadCounts:
    """Stage a postings file with ``queries/<staging_query>.sql``, then normalise and insert it.

    The staging query must create the temp table ``staged_postings`` with the
    columns listed in ``queries/postings/prepare.sql``; the shared script
    does the rest (rejects, role/SOC, NAICS, location, annual USD, dedup).
    """
    ctx.run(staging_query, **params)
    try:
        ctx.run("postings/prepare")
    except BaseException:
        # prepare turns preserve_insertion_order off for one statement and back on after it; if it failed in
        # between, turn it back on here (quietly: the error that got us here is the one to report).
        with contextlib.suppress(duckdb.Error):
            ctx.db.execute("RESET preserve_insertion_order")
        raise
    taxonomy.map_titles(ctx.db)
    for step in ("normalise/locations", "normalise/industries", "postings/insert"):
        ctx.run(step)
    return _counts_from(ctx, "postings/counts")


def load_salary_records(ctx: LoadContext, staging_query: str, **params) -> LoadCounts:
    """Stage a survey file with ``queries/<staging_query>.sql``, then check, map and insert its records.

    The staging query must create the temp table ``staged_salary_records`` with
    the columns listed in ``queries/salary_records/prepare.sql``; the shared
    scripts do the rest (rejects, role and SOC code from the job title,
    implausible-salary flags, insert). Identical records are loaded (survey
    answers are individual responses), so ``rows_duplicate`` is 0 and
    ``identical_records`` says how many rows repeat an earlier one.
    """
    ctx.run(staging_query, **params)
    ctx.run("salary_records/prepare")
    taxonomy.map_titles(ctx.db)
    ctx.run("salary_records/insert", sha256=ctx.sha256)
    row = ctx.db.query("salary_records/counts", ctx.params()).iloc[0]
    return LoadCounts(rows_read=int(row.rows_read), rows_loaded=int(row.rows_loaded),
                      rows_rejected=int(row.rows_rejected), rows_duplicate=0,
                      identical_records=int(row.identical_records))


def _counts_from(ctx: LoadContext, counts_query: str) -> LoadCounts:
    row = ctx.db.query(counts_query, ctx.params()).iloc[0]
    return LoadCounts(rows_read=int(row.iloc[0]), rows_loaded=int(row.iloc[1]),
                      rows_rejected=int(row.iloc[2]), rows_duplicate=int(row.iloc[3]))


def renormalise(db: Database) -> None:
    """Re-apply the role, SOC, location and industry mappings to everything stored.

    Run after the mappings change: a new careerlens version, an edited
    ``data/taxonomy``, or O*NET titles loaded after the postings (titles no
    pattern matches then get their SOC code from O*NET).
    """
    with db.transaction():
        taxonomy.refresh(db)
        db.run_script("normalise/collect_stored")
        taxonomy.map_titles(db)
        for step in ("normalise/locations", "normalise/industries", "normalise/apply_to_stored"):
            db.run_script(step)
