"""The content key: which rows are one posting, whatever their spacing, punctuation or letter case.

A posting's ``posting_id`` is the md5 (hex) of its title, company, location and
description, each reduced to its ASCII letters (lower-cased), digits, ``+`` and
``#``, joined by ``chr(31)``. A posting scraped twice ("Data Scientist - NYC"
and "data scientist, NYC") keeps one id. Everything else is dropped rather than
folded into one space: dropping is one test per byte, where folding runs of
punctuation took a regular expression, which cost more than the whole bare read
of a file (bench/README.md). Two texts the folded key called equal are still
equal (dropping the spaces of two equal strings leaves them equal); texts that
differ only in where words break now merge too.

:func:`posting_ids` is pure (Arrow arrays in, Arrow array out), so a batch can
be keyed wherever it is read. It keys a whole block of rows at once with numpy
(which, unlike ``bytes.translate`` row by row, lets go of Python's lock, so
blocks are keyed on several cores); :func:`posting_id` keys one posting and is
the definition the block code is tested against. ``posting_content_id`` in
``queries/macros.sql`` is the SQL twin (slower; the schema migration uses it).
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
#: Rows keyed per task (a block): about 28 MB of posting text, enough that numpy's passes dwarf a task's setup.
ROWS_PER_TASK = 8192
# The mark the block code puts after each field: 0xFF never occurs in UTF-8 text, so after dropping
# every other byte the marks are the only bytes that are not key bytes.
_MARK = b"\xff"
# Bytes filtered per numpy step: small enough that the step's temporary arrays stay in the CPU's cache.
_CHUNK_BYTES = 1 << 19


def key_text(text: str | bytes | None) -> bytes:
    """One field as the key sees it: ``'Senior C++ Engineer, NYC'`` -> ``b'seniorc++engineernyc'``."""
    if text is None:
        return b""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return raw.translate(_LOWER, _DROPPED)


def posting_id(title, company, location, description) -> str:
    """The ``posting_id`` of one posting (see the module docstring); None counts as empty."""
    return hashlib.md5(_SEPARATOR.join(key_text(v) for v in (title, company, location, description))).hexdigest()


def _marked_rows(columns) -> pa.Array:
    """The four fields of every row as one binary value: ``title FF company FF location FF description FF``."""
    import pyarrow.compute as pc

    fields = [c.cast(pa.large_binary()) for c in columns]
    return pc.binary_join_element_wise(*fields, pa.scalar(b"", pa.large_binary()), pa.scalar(_MARK, pa.large_binary()),
                                       null_handling="replace", null_replacement=b"")


def _key_bytes(marked: pa.Array):
    """Every kept byte of ``marked`` (upper case lowered, the marks kept), as a numpy uint8 array.

    numpy steps over chunks of the buffer (a few passes each, in cache) rather than
    one table lookup per byte, which numpy runs holding Python's lock.
    """
    import numpy as np

    offsets = memoryview(marked.buffers()[1]).cast("q")
    start, stop = offsets[marked.offset], offsets[marked.offset + len(marked)]
    data = np.frombuffer(marked.buffers()[2], np.uint8, count=stop - start, offset=start)
    kept = np.empty(len(data), np.uint8)
    size = 0
    lowered, keep, test, scratch = (np.empty(min(_CHUNK_BYTES, len(data)), dtype)
                                    for dtype in (np.uint8, np.bool_, np.bool_, np.uint8))
    for begin in range(0, len(data), _CHUNK_BYTES):
        chunk = data[begin:begin + _CHUNK_BYTES]
        n = len(chunk)
        low, k, t, s = lowered[:n], keep[:n], test[:n], scratch[:n]
        np.bitwise_or(chunk, 0x20, out=low)                     # 'A'-'Z' -> 'a'-'z' (and other bytes elsewhere)
        np.less(np.subtract(low, ord("a"), out=s), 26, out=k)   # a letter of either case
        np.less(np.subtract(chunk, ord("0"), out=s), 10, out=t)
        k |= t
        for byte in (ord("+"), ord("#")):
            k |= np.equal(chunk, byte, out=t)
        k |= np.equal(chunk, _MARK[0], out=t)
        block = np.compress(k, low)
        kept[size:size + len(block)] = block
        size += len(block)
    return kept[:size]


def _ids_of_block(columns) -> list[str]:
    """The ``posting_id`` of every row of four equal-length string arrays (one task)."""
    import numpy as np

    rows = len(columns[0])
    kept = _key_bytes(_marked_rows(columns))
    marks = np.flatnonzero(kept == _MARK[0])
    if len(marks) != 4 * rows:
        # a mark byte inside the text (so not UTF-8): key these rows one by one
        return [posting_id(*values) for values in zip(*(c.cast(pa.large_binary()).to_pylist() for c in columns))]
    kept[marks] = _SEPARATOR[0]
    ends = marks[3::4].tolist()                 # each row's fourth mark ends it; the first three join its fields
    text = memoryview(kept)
    md5 = hashlib.md5
    return [md5(text[start:end]).hexdigest() for start, end in zip([0, *(e + 1 for e in ends[:-1])], ends)]


def posting_ids(title, company, location, description, *, threads: int = 2) -> pa.Array:
    """The ``posting_id`` of every row of four string arrays of one length (Arrow arrays, or chunked).

    Rows are keyed in tasks of :data:`ROWS_PER_TASK` on ``threads`` threads: numpy
    and md5 let go of Python's lock, so tasks run on several cores.
    """
    columns = [pa.concat_arrays(c.chunks) if isinstance(c, pa.ChunkedArray) else c
               for c in (title, company, location, description)]
    rows = len(columns[0])
    if any(len(c) != rows for c in columns):
        raise ValueError("posting_ids: the four columns differ in length")
    tasks = [[c.slice(start, ROWS_PER_TASK) for c in columns] for start in range(0, rows, ROWS_PER_TASK)]
    if threads <= 1 or len(tasks) <= 1:
        parts = [_ids_of_block(task) for task in tasks]
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            parts = list(pool.map(_ids_of_block, tasks))
    return pa.array([i for part in parts for i in part], pa.string())
