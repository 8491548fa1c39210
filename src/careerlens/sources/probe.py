"""Looking at a file before loading it: its header (to recognise the format), its hash and its quoting.

Everything here reads files and nothing else: no database, no format. The
formats, the load stage and ``careerlens fetch`` all use it; files may be
gzipped, and :func:`open_bytes` / :func:`open_text` read either kind.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from careerlens.errors import InputError

#: The delimiters a header may use; the one that splits the header most wins (comma on a tie).
DELIMITERS = (",", "\t", ";")
#: Suffixes (without .gz) of files that are not read as delimited text.
NOT_DELIMITED = (".xlsx", ".xls", ".parquet", ".jsonl", ".ndjson", ".json")


@dataclass(frozen=True)
class FileProbe:
    """What detection may look at: the path, the bare name and the header columns."""

    path: Path
    name: str                   # lower-case file name without .gz
    suffix: str                 # .csv, .txt, .xlsx, .parquet, .jsonl, ... (without .gz)
    columns: tuple[str, ...]    # header cells as written (BOM and surrounding spaces removed)
    delimiter: str = ","

    @property
    def delimited(self) -> bool:
        """True for text read as delimited records (CSV, TSV, BLS and O*NET text files)."""
        return self.suffix not in NOT_DELIMITED

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


def is_gzipped(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def open_bytes(path: Path):
    """The file's bytes, decompressed when its name ends in ``.gz``."""
    return gzip.open(path, "rb") if is_gzipped(path) else open(path, "rb")


def open_text(path: Path, errors: str = "strict"):
    """The file as UTF-8 text (decompressed when gzipped), line ends as written."""
    return io.TextIOWrapper(open_bytes(path), encoding="utf-8", errors=errors, newline="")


def plain_or_gzipped(path: Path) -> Path | None:
    """``path`` if it is a file, else ``path.gz`` if that is, else None (companion files may be either)."""
    for candidate in (path, path.with_name(f"{path.name}.gz")):
        if candidate.is_file():
            return candidate
    return None


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
            with open_text(path, errors="replace") as fh:
                first = fh.readline().strip()
            if first.startswith("{"):
                try:
                    columns = tuple(json.loads(first).keys())
                except ValueError:
                    columns = ()  # a pretty-printed or truncated object: a format that knows it reads the rest
        else:
            with open_text(path, errors="replace") as fh:
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


# -- the bytes ----------------------------------------------------------------------------
def file_sha256(path: Path) -> str:
    """The file's sha256 in hex, read in 1 MiB blocks (files may be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_quotes(path: Path) -> int:
    """The double quotes in the file (decompressed): odd when a quoted field is never closed."""
    quotes = 0
    try:
        with open_bytes(path) as fh:
            for block in iter(lambda: fh.read(1 << 24), b""):
                quotes += block.count(b'"')
    except (OSError, EOFError, zlib.error):
        return 0  # the single reader's own read error will say what is wrong
    return quotes
