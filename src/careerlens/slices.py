"""Slices of a large postings file: how many records are staged and inserted at a time.

A file is loaded in one transaction whatever its size, but staging a million postings at once holds
more text than DuckDB's memory limit (3.3 GB for ``generic_1M.parquet``), so the staging and, worse, the
insert's join spill to disk and take several times their share (bench/README.md, issue 20 part 6).
:func:`careerlens.normalise.load_postings` therefore stages, checks and inserts a large Parquet file a
slice of whole row groups at a time, still in the file's one transaction: records are numbered by their
place in the file, duplicates are found against everything stored before, earlier slices included, and
the counts are summed over the slices. A slice holds about an eighth of the memory limit (or
``CAREERLENS_SLICE_ROWS`` records). Delimited and JSON files are one slice: cutting them needs record
boundaries found in the bytes (not done yet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careerlens import settings

#: The share of DuckDB's memory limit one slice's text may take: it is held twice at once (the staged rows in the
#: staging area, the insert's join in the store), beside the title tables and the store's blocks.
MEMORY_SHARE = 8

#: The share of the memory limit the staging area of a file read in slices takes from the store while the file
#: loads: a slice's staged rows, the raw records being read through a view (bench/README.md issue 20 part 6).
STAGING_AREA_SHARE = 4

_UNITS = {"bytes": 1, "b": 1, "kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40,
          "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}


@dataclass(frozen=True)
class Slice:
    """Records ``first_row + 1`` to ``first_row + rows`` of a file (its ``source_row`` numbers)."""

    first_row: int
    rows: int


def memory_bytes(text: str) -> int:
    """DuckDB's way of writing an amount of memory, in bytes: ``'2.7 GiB'`` -> 2899102924."""
    found = re.fullmatch(r"\s*([0-9.]+)\s*([A-Za-z]+)\s*", text)
    if not found or found.group(2).lower() not in _UNITS:
        raise ValueError(f"not an amount of memory: {text!r}")
    return int(float(found.group(1)) * _UNITS[found.group(2).lower()])


def rows_per_slice(memory_limit: str, bytes_per_row: float) -> int:
    """How many records a slice holds: ``CAREERLENS_SLICE_ROWS``, else what fits in a share of ``memory_limit``."""
    chosen = settings.get("slice_rows")
    if chosen is not None:
        return chosen
    return max(1, int(memory_bytes(memory_limit) // MEMORY_SHARE // max(bytes_per_row, 1.0)))


def row_group_slices(group_rows, rows: int) -> list[Slice]:
    """Slices of whole row groups (their record counts in file order, ``group_rows``), each at most ``rows``
    records unless one row group alone holds more (it is then a slice of its own: a Parquet page is read
    whole, so a row group cut in two would be read twice)."""
    slices: list[Slice] = []
    first, size = 0, 0
    for count in group_rows:
        if size and size + count > rows:
            slices.append(Slice(first, size))
            first, size = first + size, 0
        size += count
    if size:
        slices.append(Slice(first, size))
    return slices
