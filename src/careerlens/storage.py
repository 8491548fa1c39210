"""A full disk, a read-only file system, a refused permission: recognised wherever a write fails, and said plainly.

DuckDB reports these as text inside its own errors (``Could not write file
"careerlens.duckdb.wal": No space left on device``), Python as an ``OSError``
carrying the errno. :func:`storage_error` turns either into a
:class:`~careerlens.errors.StorageError` naming the file and the problem;
:func:`check_room_to_load` refuses a load that will not fit before it starts.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
from pathlib import Path

from careerlens.errors import StorageError

#: errno -> how the message puts it, and what to do.
PROBLEMS = {
    errno.ENOSPC: ("no space left on the device", "free some space there, or choose a database elsewhere (--db)"),
    errno.EDQUOT: ("the disk quota is used up", "free some space there, or choose a database elsewhere (--db)"),
    errno.EROFS: ("the file system is read-only", "choose a folder on a writable file system"),
    errno.EACCES: ("permission denied", "choose a folder you may write to, or ask for write access"),
}
#: How DuckDB words each (its errors carry the C library's text, not the errno).
DUCKDB_WORDING = {"no space left on device": errno.ENOSPC, "disk quota exceeded": errno.EDQUOT,
                  "read-only file system": errno.EROFS, "permission denied": errno.EACCES}
#: A load needs about this many times the file's uncompressed size free beside the database while it runs: the
#: rows written into the database file and the write-ahead log the commit writes (measured: DataAnalyst.csv,
#: 7.6 MB, takes 10.5 MB of blocks and an 8.1 MB log at its peak).
ROOM_FACTOR = 3
#: Formats stored compressed: their uncompressed size is guessed as this many times the file's.
COMPRESSED_SUFFIXES = {".parquet": 5, ".xlsx": 5, ".zip": 5}


def _chain(exc: BaseException):
    """``exc`` and the errors it was raised from or during."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def storage_errno(exc: BaseException) -> int | None:
    """The errno of a full disk, read-only file system or refused permission behind ``exc``; None for anything else."""
    for error in _chain(exc):
        if isinstance(error, StorageError):
            return None                     # already said plainly
        if isinstance(error, OSError) and error.errno in PROBLEMS:
            return error.errno
        text = str(error).lower()
        for wording, code in DUCKDB_WORDING.items():
            if wording in text:
                return code
    return None


def _file_named(exc: BaseException) -> str | None:
    for error in _chain(exc):
        if isinstance(error, OSError) and error.filename:
            return str(error.filename)
        found = re.search(r'file "([^"]+)"', str(error))
        if found:
            return found.group(1)
    return None


def storage_error(exc: BaseException, *, doing=None, file=None, outcome=None) -> StorageError | None:
    """``exc`` as a :class:`StorageError` (the file it names, else ``file``), or None when it is not one of these.

    A :class:`StorageError` already in ``exc`` is returned as it is, with ``doing`` and ``outcome`` filled in
    where it has none.
    """
    for error in _chain(exc):
        if isinstance(error, StorageError):
            error.doing = error.doing or doing
            error.outcome = error.outcome or outcome
            return error
    code = storage_errno(exc)
    if code is None:
        return None
    problem, advice = PROBLEMS[code]
    where = _file_named(exc) or file
    free = human_bytes(free_bytes(where)) if code in (errno.ENOSPC, errno.EDQUOT) and where else None
    return StorageError(problem, file=where, doing=doing, free=free, outcome=outcome, advice=advice)


def free_bytes(path) -> int | None:
    """Bytes free to this user on the file system holding ``path`` (or its nearest existing folder)."""
    folder = Path(path).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def human_bytes(count) -> str | None:
    """``18_612_345`` -> ``'18.6 MB'``."""
    if count is None:
        return None
    for unit in ("bytes", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:,.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000


def expanded_size(path: Path) -> int:
    """The size of ``path`` once read: a gzip file's uncompressed size (its trailer's, modulo 4 GiB, so never
    below four times the compressed size), an estimate for a compressed format, else the file's size."""
    size = path.stat().st_size
    if path.suffix.lower() == ".gz" and size >= 18:
        with open(path, "rb") as fh:
            fh.seek(-4, os.SEEK_END)
            return max(int.from_bytes(fh.read(4), "little"), size * 4 if size > 2**32 else 0, size)
    return size * COMPRESSED_SUFFIXES.get(path.suffix.lower(), 1)


def check_room_to_load(path: Path, database) -> None:
    """Refuse, before anything is written, to load ``path`` into ``database`` (a file path) when the file system
    holding it has clearly too little room (see :data:`ROOM_FACTOR`)."""
    needed = ROOM_FACTOR * expanded_size(path)
    free = free_bytes(database)
    if free is not None and free < needed:
        raise StorageError(
            "too little space on the device holding the database", file=database, doing=f"not enough room to load {path}",
            needed=human_bytes(needed), free=human_bytes(free),
            outcome="nothing was loaded and the database is unchanged",
            advice=f"free some space there, or load into a database elsewhere (--db); the estimate is "
                   f"{ROOM_FACTOR} times the file's uncompressed size")


@contextlib.contextmanager
def written_whole(path):
    """Yield a hidden path beside ``path`` to write; on success it is renamed to ``path``, on failure removed.

    A file written so appears whole or not at all: a process killed mid-write leaves nothing a reader, or a
    rerun looking for finished work, would take as done.
    """
    path = Path(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
