"""The content key: which rows are one posting, whatever their spacing, punctuation or letter case.

A posting's ``posting_id`` is the md5 (hex) of its title, company, location and
description, each reduced to its ASCII letters (lower-cased), digits, ``+`` and
``#``, joined by ``chr(31)``. A posting scraped twice ("Data Scientist - NYC"
and "data scientist, NYC") keeps one id. Everything else is dropped rather than
folded into one space: dropping is one table lookup per byte (``bytes.translate``)
where folding runs of punctuation took a regular expression, which cost more than
the whole bare read of a file (bench/README.md). Two texts the folded key called
equal are still equal (dropping the spaces of two equal strings leaves them
equal); texts that differ only in where words break now merge too.

:func:`posting_ids` is pure (Arrow arrays in, Arrow array out), so a batch can
be keyed wherever it is read; ``posting_content_id`` in ``queries/macros.sql``
is its SQL twin (slower; the schema migration uses it).
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa

#: Bytes a key keeps: ASCII letters (upper case is lowered), digits, '+' and '#' ("C++", "C#").
KEPT = b"abcdefghijklmnopqrstuvwxyz0123456789+#"
_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
# Every other byte, UTF-8 continuation and lead bytes included, so a non-ASCII character goes as a whole.
_DROPPED = bytes(b for b in range(256) if b not in KEPT and not 65 <= b <= 90)
_SEPARATOR = b"\x1f"
#: Rows keyed per task: big enough that a task's md5 work (which releases the GIL) dwarfs its setup.
ROWS_PER_TASK = 8192


def key_text(text: str | bytes | None) -> bytes:
    """One field as the key sees it: ``'Senior C++ Engineer, NYC'`` -> ``b'seniorc++engineernyc'``."""
    if text is None:
        return b""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return raw.translate(_LOWER, _DROPPED)


def posting_id(title, company, location, description) -> str:
    """The ``posting_id`` of one posting (see the module docstring); None counts as empty."""
    return hashlib.md5(_SEPARATOR.join(key_text(v) for v in (title, company, location, description))).hexdigest()


def _field_slices(column: pa.Array):
    """The column's UTF-8 bytes and its row offsets (a null is an empty slice)."""
    column = column.cast(pa.large_string()) if column.type != pa.large_string() else column
    if column.null_count:
        column = column.fill_null("")
    offsets_buffer, data_buffer = column.buffers()[1:3]
    offsets = memoryview(offsets_buffer).cast("q")[column.offset:column.offset + len(column) + 1].tolist()
    return (data_buffer.to_pybytes() if data_buffer is not None else b""), offsets


def _ids_of_rows(fields, start: int, stop: int) -> list[str]:
    md5, lower, dropped, sep = hashlib.md5, _LOWER, _DROPPED, _SEPARATOR
    (t, to), (c, co), (l, lo), (d, do) = fields
    return [md5(sep.join((t[to[i]:to[i + 1]].translate(lower, dropped), c[co[i]:co[i + 1]].translate(lower, dropped),
                          l[lo[i]:lo[i + 1]].translate(lower, dropped), d[do[i]:do[i + 1]].translate(lower, dropped)))
                ).hexdigest()
            for i in range(start, stop)]


def posting_ids(title, company, location, description, *, threads: int = 2) -> pa.Array:
    """The ``posting_id`` of every row of four string arrays of one length (Arrow arrays, or chunked).

    Rows are keyed in tasks of :data:`ROWS_PER_TASK` on ``threads`` threads: md5
    releases the GIL on long texts, so descriptions hash on several cores.
    """
    columns = [pa.concat_arrays(c.chunks) if isinstance(c, pa.ChunkedArray) else c
               for c in (title, company, location, description)]
    rows = len(columns[0])
    if any(len(c) != rows for c in columns):
        raise ValueError("posting_ids: the four columns differ in length")
    fields = [_field_slices(c) for c in columns]
    tasks = [(start, min(start + ROWS_PER_TASK, rows)) for start in range(0, rows, ROWS_PER_TASK)]
    if threads <= 1 or len(tasks) <= 1:
        parts = [_ids_of_rows(fields, start, stop) for start, stop in tasks]
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            parts = list(pool.map(lambda task: _ids_of_rows(fields, *task), tasks))
    return pa.array([i for part in parts for i in part], pa.string())
