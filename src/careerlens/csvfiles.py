"""Reading delimited files with DuckDB strictly, and explaining why one failed.

DuckDB's CSV sniffer is forgiving: a file truncated mid-record can load as if
nothing were wrong. careerlens therefore always names the dialect and the
columns (taken from the header) and reads in strict mode, so a broken file
fails. When it fails, :func:`explain_failure` re-reads the file with Python's
``csv`` module (only on this error path) to name the row and the field.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import zlib
from pathlib import Path

import duckdb

from careerlens.errors import InputError
from careerlens.sources import FileProbe


def csv_params(probe: FileProbe) -> dict:
    """Bound parameters for a strict ``read_csv`` of the probed file.

    Staging queries read a delimited file with the ``strict_csv`` table macro
    (``queries/macros.sql``)::

        SELECT * FROM strict_csv($path, $delim, $quote, $columns)

    with every column VARCHAR and named as in the header (an empty header cell
    becomes ``column00``, ``column01``... by position, as DuckDB names it).
    """
    seen: set[str] = set()
    columns: dict[str, str] = {}
    for i, col in enumerate(probe.columns):
        name = col or f"column{i:02d}"
        if name.lower() in seen:
            raise InputError(f"the header names column {name!r} twice", file=probe.path, row=0, field=name)
        seen.add(name.lower())
        columns[name] = "VARCHAR"
    if not columns:
        raise InputError("the file is empty (no header line)", file=probe.path, row=0)
    tab = probe.delimiter == "\t"
    return {"delim": probe.delimiter, "quote": "" if tab else '"', "columns": columns}


def _open_text(path: Path):
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")


def explain_failure(probe: FileProbe, exc: Exception) -> InputError:
    """Turn a DuckDB read error into an :class:`InputError` naming the row and field."""
    message = str(exc)
    header = list(probe.columns)
    rows = 0
    try:
        with _open_text(probe.path) as fh:
            reader = csv.reader(fh, delimiter=probe.delimiter,
                                quoting=csv.QUOTE_NONE if probe.delimiter == "\t" else csv.QUOTE_MINIMAL)
            next(reader, None)
            for record in reader:
                rows += 1
                if len(record) != len(header):
                    at = min(len(record), len(header)) - 1
                    field = header[at] if header and at >= 0 else None
                    last = next(reader, None) is None
                    why = ("the file ends in the middle of this record (truncated?): " if last else "")
                    return InputError(
                        f"{why}expected {len(header)} fields, found {len(record)}", file=probe.path,
                        row=rows, field=field)
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        return InputError(f"the gzip stream is truncated or corrupt after {rows} complete rows "
                          f"(an incomplete download?): {err}", file=probe.path, row=rows + 1)
    except UnicodeDecodeError as err:
        return InputError(f"not valid UTF-8 ({err.reason} at byte {err.start}); re-save the file as UTF-8",
                          file=probe.path, row=rows + 1)
    except csv.Error as err:
        return InputError(f"malformed CSV: {err}", file=probe.path, row=rows + 1)
    except OSError as err:
        return InputError(f"cannot read file: {err}", file=probe.path)
    # Python's reader accepted every record: the usual cause is a quote left open at the end.
    if "unterminated quote" in message.lower() or rows:
        line = re.search(r"Line: (\d+)", message)
        field = header[-1] if header else None
        last = _last_record_field(probe)
        if last is not None:
            field = header[last] if last < len(header) else field
        return InputError(
            "a quoted value is never closed (the file looks truncated mid-record)"
            + (f"; DuckDB stopped at line {line.group(1)}" if line else ""),
            file=probe.path, row=rows, field=field)
    first = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return InputError(f"cannot read file: {first}", file=probe.path)


def _last_record_field(probe: FileProbe):
    """Index of the field in which the last record is cut off, if it ends inside quotes."""
    try:
        with _open_text(probe.path) as fh:
            text = fh.read()
    except Exception:
        return None
    in_quotes, field, start_of_record = False, 0, 0
    for i, ch in enumerate(text):
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch == probe.delimiter:
            field += 1
        elif not in_quotes and ch == "\n":
            field, start_of_record = 0, i + 1
    return field if in_quotes else None


def is_read_error(exc: Exception) -> bool:
    """True for DuckDB errors that come from reading a file rather than from our SQL."""
    return isinstance(exc, (duckdb.InvalidInputException, duckdb.IOException, duckdb.ConversionException))
