"""Cutting a delimited file into pieces at record boundaries, so that DuckDB reads them all at once.

DuckDB's parallel CSV reader starts each thread at a guessed record boundary
and fails on a sound file when a quoted field holds a line that opens with
``""`` (see :class:`~careerlens.sources.base.ParallelReadFailed`); such files
used to be read by one reader. Here the file is cut where a line break has an
even number of quotes before it, each piece (the header repeated) is written to
a temporary folder, and ``strict_csv`` reads the list of pieces with one reader
per piece, in order, so the records and their numbers are those of the whole file.

Counting quotes is exact for a file whose quotes all sit in quoted fields; a
stray quote inside an unquoted field (which DuckDB's strict mode accepts) would
shift the count. So every piece but the last ends in a marker record,
``"<marker>",,...``: if the cut fell inside a quoted field, its opening quote
closes that field and the marker's letters follow the closing quote, which the
strict reader refuses; the load then reads the whole file with one reader,
whose verdict stands. When the cut is sound the marker is a record of its own,
which ``strict_csv_records`` leaves out.
"""

from __future__ import annotations

import mmap
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

#: Files smaller than this are read by one reader: cutting costs more than it saves.
MIN_PIECE_BYTES = 16 << 20
_BLOCK = 16 << 20


@dataclass(frozen=True)
class Pieces:
    """The pieces a file was cut into, in order, and the first field of the marker records that end them."""

    paths: tuple[Path, ...]
    marker: str


def piece_count(size: int, readers: int) -> int:
    """How many pieces a file of ``size`` bytes is cut into for ``readers`` readers (1: do not cut)."""
    return max(1, min(readers, size // MIN_PIECE_BYTES))


def _quotes(data, start: int, stop: int) -> int:
    return sum(data[i:min(i + _BLOCK, stop)].count(b'"') for i in range(start, stop, _BLOCK))


def record_boundaries(data, count: int) -> list[int]:
    """Offsets that split ``data`` (a file's bytes, header first) into about ``count`` equal runs of records.

    Offset 0 is the start of the records (just after the header line); each
    other offset follows a line break with an even number of quotes before it.
    """
    size = len(data)
    boundaries, quotes, position = [], 0, 0
    for target in [0] + [size * k // count for k in range(1, count)]:
        target = max(target, position)
        quotes += _quotes(data, position, target)
        position = target
        while True:
            line_end = data.find(b"\n", position)
            if line_end < 0:
                return boundaries          # no boundary after this point: fewer pieces
            quotes += data[position:line_end].count(b'"')
            position = line_end + 1
            if quotes % 2 == 0:
                break
        if not boundaries or position > boundaries[-1]:
            boundaries.append(position)
    return boundaries


def cut_into_pieces(path: Path, count: int, folder: Path, *, delimiter: str, columns: int) -> Pieces | None:
    """Write ``path`` as up to ``count`` pieces into ``folder``; None when it has no record to cut at.

    Each piece starts with the file's header line; each but the last ends in a
    marker record of ``columns`` fields (see the module docstring).
    """
    marker = f"careerlens-piece-end-{secrets.token_hex(8)}"
    ending = (f'"{marker}"' + delimiter * (columns - 1) + "\n").encode()
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        starts = [start for start in record_boundaries(data, count) if start < len(data)]
        if len(starts) < 2:
            return None
        header = data[:starts[0]]
        if not header.endswith(b"\n"):
            return None
        paths = []
        for i, start in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else len(data)
            piece = folder / f"{i:03d}-{path.name}"
            with open(piece, "wb") as out:
                out.write(header)
                for block in range(start, stop, _BLOCK):
                    out.write(data[block:min(block + _BLOCK, stop)])
                if stop < len(data):
                    out.write(ending)
            paths.append(piece)
    return Pieces(tuple(paths), marker)


def default_readers() -> int:
    """The readers to cut for: one per core, at most 8."""
    return max(1, min(os.cpu_count() or 1, 8))
