"""Terminal output for the CLI: tables, progress bars and the ingest summary."""

from __future__ import annotations

import json
import math
import re
import sys

import click

#: Control characters (terminal escape sequences among them) that data may carry into a message.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes, so a file's bytes cannot drive the terminal.

    A header read from a binary file, or a value holding ``\\x1b]0;...``, is printed as
    ``\\x1b]0;...`` rather than sent to the terminal as an escape sequence.
    """
    return CONTROL_CHARACTERS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


#: The ``--format`` choices of the commands that print rows; json and jsonl print :meth:`Database.sql_records`.
OUTPUT_FORMATS = ("table", "csv", "json", "jsonl")
JSON_FORMATS = ("json", "jsonl")


def print_frame(frame, output_format: str, limit: int | None):
    """Print a DataFrame as an aligned table (at most ``limit`` rows) or CSV."""
    if output_format == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
        return
    shown = frame if limit is None else frame.head(limit)
    if shown.empty:
        click.echo("(no rows)")
        return
    with __import__("pandas").option_context("display.max_columns", None, "display.width", 200,
                                             "display.max_colwidth", 60):
        click.echo(shown.to_string(index=False))
    if limit is not None and len(frame) > limit:
        click.echo(f"... {len(frame) - limit} more rows (use --limit or --format csv)")


def json_value(value):
    """A value JSON cannot hold as it is, as JSON can: a date as '2024-01-15' (ISO 8601), a timestamp as
    '2024-01-15T10:30:00', a DECIMAL as a number, a BLOB as hex, NaN and infinities as null."""
    import datetime as dt
    import decimal

    if isinstance(value, (dt.date, dt.time)):          # datetime is a date too
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    return str(value)                                   # UUID, interval


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def print_records(records: list[dict], output_format: str):
    """Print rows as one JSON array of objects (``json``; ``[]`` when empty) or one object a line (``jsonl``)."""
    lines = [json.dumps(_finite(row), ensure_ascii=False, default=json_value, allow_nan=False) for row in records]
    if output_format == "jsonl":
        for line in lines:
            click.echo(line)
        return
    click.echo("[" + ",\n ".join(lines) + "]")


class StageProgress:
    """A progress bar on stderr for long work: a large file loading (DuckDB reports progress after
    ~2 s), or classify's batches."""

    def __init__(self):
        self.bar = None
        self.label = None
        self.interactive = sys.stderr.isatty()

    def update(self, label: str, fraction: float):
        if self.bar is None or label != self.label:
            self.close()
            self.label = label
            self.bar = click.progressbar(length=1000, label=f"  {label}", file=sys.stderr,
                                         show_eta=True, show_percent=True)
            self.bar.__enter__()
            self.shown = 0
        target = int(fraction * 1000)
        if target > self.shown:
            self.bar.update(target - self.shown)
            self.shown = target

    def file_done(self, result):
        self.close()
        click.echo(f"{result.status:<15} {result.path}", err=True)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def print_ingest_summary(results):
    """The table printed after ``careerlens ingest``: one line per file, then totals."""
    import pandas as pd

    rows = [{"file": r.path.name, "format": r.format, "status": r.status, "read": r.rows_read,
             "loaded": r.rows_loaded, "rejected": r.rows_rejected, "duplicates": r.rows_duplicate,
             "seconds": round(r.seconds, 2), "notes": r.notes or ""} for r in results]
    frame = pd.DataFrame(rows)
    print_frame(frame, "table", None)
    loaded = sum(r.status == "loaded" for r in results)
    skipped = sum(r.status == "already_loaded" for r in results)
    click.echo(f"\n{loaded} file(s) loaded, {skipped} already loaded (nothing added), "
               f"{sum(r.rows_loaded for r in results)} rows added.")
