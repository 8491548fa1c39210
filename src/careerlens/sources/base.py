"""The contract between the load stage and a format: what a format is, what its loader gets and returns.

A format is a :class:`SourceFormat`: a name, the kind of table it feeds, a
``detect`` test on a :class:`~careerlens.sources.probe.FileProbe` and a ``load``
function. ``load`` gets a :class:`LoadContext` (the open store inside the
file's transaction, the probed file, bound parameters, progress) and returns
:class:`LoadCounts`. A format module imports this module, the probe and the
readers, and :mod:`careerlens.normalise` for the shared normalisation; never
the load stage that calls it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from careerlens.errors import CareerlensError
from careerlens.sources.probe import FileProbe
from careerlens.sources.readers import csv_params, explain_failure, is_read_error

if TYPE_CHECKING:
    from careerlens.db import Database


@dataclass(frozen=True)
class SourceFormat:
    """A file format careerlens can ingest."""

    name: str
    kind: str                     # postings | salary_records | oews | onet | companion
    summary: str
    detect: Callable[[FileProbe], bool]
    load: Callable                # load(ctx: LoadContext) -> LoadCounts
    examples: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class LoadCounts:
    """What a format's loader reports back for one file."""

    rows_read: int
    rows_loaded: int
    rows_rejected: int = 0
    rows_duplicate: int = 0
    identical_records: int | None = None
    notes: str | None = None


class ParallelReadFailed(CareerlensError):
    """DuckDB's parallel reader failed on a delimited file: read it again with one reader before calling it broken.

    The parallel reader starts each thread at a guessed record boundary; a line
    inside a quoted field that reads as a record of its own (as many fields as
    the header) can pass for one, and the strict read then fails on a sound
    file. It fails loudly (tests/test_ingest_quoted_lines.py), so reading in
    parallel first and once more with one reader on failure loses nothing.
    """


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
    parallel_read: bool = True   # False on the second attempt at a file (see careerlens.ingest.ingest_file)

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
        if self.probe.delimited:
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
        if self.parallel_read and self.probe.delimited:
            return ParallelReadFailed(str(error))
        return explain_failure(self.probe, error)

    def counts(self, query: str) -> LoadCounts:
        """The file's row accounting from ``queries/<query>.sql``.

        The query returns one row: ``rows_read``, ``rows_loaded``, ``rows_rejected``
        and ``rows_duplicate`` (or ``identical_records``, for survey answers, which
        are kept however often they repeat).
        """
        row = self.db.query(query, self.params()).iloc[0]
        return LoadCounts(rows_read=int(row.rows_read), rows_loaded=int(row.rows_loaded),
                          rows_rejected=int(row.rows_rejected),
                          rows_duplicate=int(row.rows_duplicate) if "rows_duplicate" in row else 0,
                          identical_records=int(row.identical_records) if "identical_records" in row else None)

    def stage_companion(self, probe: FileProbe, query: str, params: dict | None = None,
                        rename: Callable[[dict], dict] | None = None) -> None:
        """Read a file that goes with the one being loaded (a LinkedIn companion, a BLS dimension file).

        Runs ``queries/<query>.sql`` with ``$companion_path``, ``$companion_delim``,
        ``$companion_quote`` and ``$companion_columns`` (the header's columns, as
        ``rename`` maps them if given) bound, plus ``params``; a read error names
        that file, not the one being loaded.
        """
        dialect = csv_params(probe)
        columns = rename(dialect["columns"]) if rename else dialect["columns"]
        bound = {"companion_path": str(probe.path), "companion_delim": dialect["delim"],
                 "companion_quote": dialect["quote"], "companion_columns": columns, **(params or {})}
        try:
            self.db.run_script(query, bound)
        except CareerlensError as exc:
            if exc.__cause__ is not None and is_read_error(exc.__cause__):
                raise explain_failure(probe, exc.__cause__) from exc.__cause__
            raise


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
        fraction = db.query_progress()
        if fraction is not None and fraction >= 0:
            progress(label, min(float(fraction) / 100.0, 1.0))
    if error:
        raise error[0]
