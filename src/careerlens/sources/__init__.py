"""The file formats careerlens reads, and how a file's format is recognised.

Each format is a :class:`SourceFormat`: a name, the kind of table it feeds, a
``detect`` test on a :class:`FileProbe` (file name and header), and a ``load``
function that stages the file with DuckDB's readers and hands the staged rows
to the shared normalisation for its kind. Formats are tried in the order of
:data:`FORMATS`; the first whose ``detect`` accepts the file wins.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from careerlens.errors import InputError, UnknownFormatError, UsageError


@dataclass(frozen=True)
class FileProbe:
    """What detection may look at: the path, the bare name and the header columns."""

    path: Path
    name: str                   # lower-case file name without .gz
    suffix: str                 # .csv, .txt, .xlsx, .parquet, .jsonl, ... (without .gz)
    columns: tuple[str, ...]    # header cells as written (BOM and surrounding spaces removed)
    delimiter: str = ","

    def has(self, *names: str) -> bool:
        """True when every name is a header column (case-insensitive)."""
        lower = {c.lower() for c in self.columns}
        return all(n.lower() in lower for n in names)

    def require(self, names, format_name: str) -> None:
        """Refuse, naming the first missing column, a file forced (``--source``) into a format it does not fit."""
        if not self.columns:
            raise InputError("the file is empty (no header line)", file=self.path, row=0)
        for name in names:
            if not self.has(name):
                shown = ", ".join(repr(c) for c in self.columns) or "none"
                raise InputError(f"no column {name!r}, which the {format_name} format needs; the header has {shown}",
                                 file=self.path, row=0, field=name)


@dataclass(frozen=True)
class SourceFormat:
    """A file format careerlens can ingest."""

    name: str
    kind: str                     # postings | salary_records | oews | onet | companion
    summary: str
    detect: Callable[[FileProbe], bool]
    load: Callable                # load(ctx: careerlens.ingest.LoadContext) -> LoadCounts
    examples: tuple[str, ...] = field(default_factory=tuple)


#: The delimiters a header may use; the one that splits the header most wins (comma on a tie).
DELIMITERS = (",", "\t", ";")


def _open_text(path: Path):
    raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")


def probe_file(path: Path) -> FileProbe:
    """Read just enough of ``path`` to recognise its format."""
    name = path.name.lower()
    bare = name[:-3] if name.endswith(".gz") else name
    suffix = Path(bare).suffix
    columns: tuple[str, ...] = ()
    delimiter = ","
    try:
        if suffix in (".xlsx", ".xls"):
            import fastexcel

            # n_rows=0: only the header, so fastexcel has no cell types to guess (or warn about).
            sheet = fastexcel.read_excel(str(path)).load_sheet(0, n_rows=0)
            columns = tuple(str(c.name) for c in sheet.available_columns())
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            columns = tuple(pq.read_schema(path).names)
        elif suffix in (".jsonl", ".ndjson", ".json"):
            with _open_text(path) as fh:
                first = fh.readline().strip()
            if first.startswith("{"):
                columns = tuple(json.loads(first).keys())
        else:
            with _open_text(path) as fh:
                head = fh.readline()
            head = head.lstrip("\ufeff").rstrip("\r\n")
            # Comma unless another candidate separates more header cells (tab: BLS and O*NET text files;
            # semicolon: spreadsheets saved where the decimal mark is a comma).
            delimiter = max(DELIMITERS, key=lambda d: (head.count(d), d == ","))
            columns = tuple(c.strip() for c in next(csv.reader([head], delimiter=delimiter), []))
    except (OSError, EOFError, ValueError, UnicodeError) as exc:
        raise InputError(f"cannot read the file's header: {exc}", file=path) from exc
    except Exception as exc:  # fastexcel and pyarrow raise their own error types
        raise InputError(f"cannot read the file's header: {exc}", file=path) from exc
    return FileProbe(path=path, name=bare, suffix=suffix, columns=columns, delimiter=delimiter)


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


def _registry() -> list[SourceFormat]:
    from careerlens.sources import aijobs, generic, glassdoor, indeed, linkedin, oews, onet

    return [
        *oews.FORMATS,
        *onet.FORMATS,
        *linkedin.FORMATS,
        *glassdoor.FORMATS,
        *indeed.FORMATS,
        *aijobs.FORMATS,
        *generic.FORMATS,
    ]


def all_formats() -> list[SourceFormat]:
    """Every format, in detection order."""
    return _registry()


def format_named(name: str) -> SourceFormat:
    """The format called ``name`` (``--source``); an unknown name is a usage error (exit code 2)."""
    for fmt in _registry():
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in _registry())
    raise UsageError(f"unknown source format {name!r}; known formats: {known}")


def detect_format(probe: FileProbe) -> SourceFormat:
    """The first format whose detector accepts the file, or a clear error.

    A ``<name>.careerlens.toml`` mapping beside the file wins over every other
    format: its author has said how the file is to be read.
    """
    from careerlens.sources import generic

    if generic.sidecar_mapping(probe.path).is_file():
        return format_named("generic")
    for fmt in _registry():
        if fmt.detect(probe):
            return fmt
    if not probe.columns and probe.suffix not in (".xlsx", ".xls", ".parquet"):
        raise UnknownFormatError("the file is empty (no header line)", file=probe.path)
    shown = ", ".join(probe.columns[:8]) + (" ..." if len(probe.columns) > 8 else "")
    raise UnknownFormatError(
        f"cannot tell which format this is (header: {shown or 'none'}); "
        "name one with --source (see `careerlens formats`)", file=probe.path)
