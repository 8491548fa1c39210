"""Reading files strictly: delimited text with DuckDB (and why a read failed), spreadsheets as text.

DuckDB's CSV sniffer is forgiving: a file truncated mid-record can load as if
nothing were wrong. careerlens therefore always names the dialect and the
columns (taken from the header) and reads in strict mode, so a broken file
fails. When it fails, :func:`explain_failure` re-reads the file with Python's
``csv`` module (only on this error path) to name the row and the field.
Spreadsheets are read with :func:`read_sheet`, every cell as text.
"""

from __future__ import annotations

import csv
import gzip
import re
import zlib
from pathlib import Path

import duckdb

from careerlens.errors import InputError
from careerlens.sources.probe import FileProbe, open_text


def csv_params(probe: FileProbe) -> dict:
    """Bound parameters for a strict ``read_csv`` of the probed file.

    Staging queries read a delimited file with the ``strict_csv_unnumbered`` table
    macro, or ``strict_csv`` to have each record numbered (``source_row``; one
    thread), both in ``queries/macros.sql``::

        SELECT * FROM strict_csv_unnumbered($path, $delim, $quote, $columns)

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


_UNDECODABLE = re.compile("[\udc80-\udcff]")
OTHER_DELIMITERS = (";", "\t", "|")


def explain_failure(probe: FileProbe, exc: Exception) -> InputError:
    """Turn a DuckDB read error into an :class:`InputError` naming the row and field."""
    message = str(exc)
    header = list(probe.columns)
    rows = 0
    try:
        # surrogateescape: bytes that are not UTF-8 survive as lone surrogates, so the reader keeps counting
        # records and we can say in which row and field they are.
        with open_text(probe.path, errors="surrogateescape") as fh:
            reader = csv.reader(fh, delimiter=probe.delimiter,
                                quoting=csv.QUOTE_NONE if probe.delimiter == "\t" else csv.QUOTE_MINIMAL)
            next(reader, None)
            for record in reader:
                rows += 1
                for position, value in enumerate(record):
                    if _UNDECODABLE.search(value):
                        return _not_utf8(probe, rows, header, position, value)
                if len(record) != len(header):
                    last = next(reader, None) is None
                    return _wrong_width(probe, rows, header, record, last)
    except (EOFError, zlib.error, gzip.BadGzipFile) as err:
        return InputError(f"the gzip stream is truncated or corrupt after {rows} complete rows "
                          f"(an incomplete download?): {err}", file=probe.path, row=rows + 1)
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


def _not_utf8(probe: FileProbe, row: int, header: list, position: int, value: str) -> InputError:
    """Name the row, field and bytes that are not UTF-8, and what the text would read as in Windows-1252.

    careerlens does not guess encodings: Latin-1, Windows-1252 and the other single-byte encodings differ in
    exactly the characters that matter (quotes, dashes, currency signs), and a wrong guess stores wrong text.
    """
    raw = value.encode("utf-8", "surrogateescape")
    bad = _UNDECODABLE.search(value).group(0).encode("utf-8", "surrogateescape")
    as_cp1252 = raw.decode("cp1252", "replace")
    field = header[position] if position < len(header) else None
    shown = as_cp1252 if len(as_cp1252) <= 80 else as_cp1252[:77] + "..."
    return InputError(
        f"not valid UTF-8: byte 0x{bad[0]:02X} in this field (read as Windows-1252 it would say {shown!r}); "
        "the file looks Latin-1 or Windows-1252 encoded. Re-save it as UTF-8, e.g. "
        f"`iconv -f cp1252 -t utf-8 {probe.path.name} > utf8-{probe.path.name}`",
        file=probe.path, row=row, field=field)


def _wrong_width(probe: FileProbe, row: int, header: list, record: list, last: bool) -> InputError:
    """Why a record has the wrong number of fields: a stray quote, another delimiter, truncation, or surplus cells."""
    expected, found = len(header), len(record)

    def accounts_for_missing(value):     # the separators inside it would make up the missing fields
        return value.count(probe.delimiter) + found >= expected

    spanning = next((i for i, value in enumerate(record) if ("\n" in value or "\r" in value)
                     and (last or accounts_for_missing(value))), None)
    if spanning is not None and found < expected:
        lines = record[spanning].count("\n") + 1
        where = "before the end of the file" if last else f"on its line (it runs over {lines} lines)"
        return InputError(
            f"a quote opened in this field is never closed {where}: a stray quote, or a file cut off mid-record "
            f"(expected {expected} fields, found {found})",
            file=probe.path, row=row, field=header[spanning] if spanning < len(header) else None)
    swallowing = next((i for i, value in enumerate(record) if probe.delimiter in value
                       and accounts_for_missing(value)), None)
    if swallowing is not None and found < expected:
        return InputError(
            f"a quote in this field is closed too late, so it swallows {record[swallowing].count(probe.delimiter)} "
            f"{probe.delimiter!r} separators (a stray quote?): expected {expected} fields, found {found}",
            file=probe.path, row=row, field=header[swallowing] if swallowing < len(header) else None)
    if found > expected:
        return InputError(f"expected {expected} fields, found {found}: more cells than the header names "
                          f"(an unquoted {probe.delimiter!r} inside a value?)",
                          file=probe.path, row=row, field=header[-1] if header else None)
    other = next((d for d in OTHER_DELIMITERS if d != probe.delimiter
                  and sum(value.count(d) for value in record) + found >= expected), None)
    at = max(found - 1, 0)
    field = header[at] if header else None
    if other is not None:
        return InputError(f"expected {expected} fields, found {found}: this row looks separated by {other!r} "
                          f"while the header uses {probe.delimiter!r}", file=probe.path, row=row, field=field)
    why = "the file ends in the middle of this record (truncated?): " if last else ""
    return InputError(f"{why}expected {expected} fields, found {found}", file=probe.path, row=row, field=field)


def _last_record_field(probe: FileProbe):
    """Index of the field in which the last record is cut off, if it ends inside quotes."""
    try:
        with open_text(probe.path) as fh:
            text = fh.read()
    except Exception:
        return None
    in_quotes, field = False, 0
    for ch in text:
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch == probe.delimiter:
            field += 1
        elif not in_quotes and ch == "\n":
            field = 0
    return field if in_quotes else None


def is_read_error(exc: Exception) -> bool:
    """True for DuckDB errors that come from reading a file rather than from our SQL.

    Besides bad input, that is the parallel CSV reader giving up on a file it cannot split ("The Parallel CSV
    Reader currently does not support a full read on this file"), which it does instead of a strict-mode error
    on some files, depending on where its threads start.
    """
    if isinstance(exc, duckdb.NotImplementedException):
        return "Parallel CSV Reader" in str(exc)
    return isinstance(exc, (duckdb.InvalidInputException, duckdb.IOException, duckdb.ConversionException))


def read_sheet(path: Path):
    """The first sheet of an Excel file as an Arrow table, every cell as text.

    Text keeps BLS and O*NET markers such as ``'#'`` or ``'n/a'`` that a typed
    read would turn into NULL; the queries cast what they need. Header names are
    stripped of surrounding spaces, and a ``source_row`` column numbers the rows
    (1 = the first row under the header, as for delimited files).
    """
    import fastexcel
    import pyarrow as pa

    try:
        reader = fastexcel.read_excel(str(path))
        # A dtype for each column by position, so that fastexcel has nothing to infer (or to warn about).
        width = len(reader.load_sheet(0, n_rows=0).available_columns())
        table = reader.load_sheet(0, dtypes={i: "string" for i in range(width)}).to_arrow()
    except Exception as exc:  # fastexcel raises its own error types, one per problem
        raise InputError(f"cannot read the spreadsheet: {exc}", file=path) from exc
    table = table.rename_columns([str(name).strip() for name in table.column_names])
    return table.add_column(0, "source_row", pa.array(range(1, table.num_rows + 1), pa.int64()))
