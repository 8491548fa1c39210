"""The file formats careerlens reads, and how a file's format is recognised.

Each format is a :class:`~careerlens.sources.base.SourceFormat`: a name, the
kind of table it feeds, a ``detect`` test on a
:class:`~careerlens.sources.probe.FileProbe` (file name and header), and a
``load`` function that stages the file with DuckDB's readers and hands the
staged rows to the shared normalisation for its kind. Formats are tried in the
order of :func:`all_formats`; the first whose ``detect`` accepts the file wins.

The package holds formats only: :mod:`.base` (the format contract, the load
context and counts), :mod:`.probe` (looking at a file), :mod:`.readers`
(strict CSV reads and their errors, spreadsheets) and one module per format.
"""

from __future__ import annotations

from careerlens.errors import UnknownFormatError, UsageError
from careerlens.sources.base import SourceFormat
from careerlens.sources.probe import FileProbe, probe_file

__all__ = ["FileProbe", "SourceFormat", "all_formats", "detect_format", "format_named", "probe_file"]


def _registry() -> list[SourceFormat]:
    from careerlens.sources import aijobs, generic, glassdoor, indeed, jobboards, linkedin, oews, onet

    return [
        *oews.FORMATS,
        *onet.FORMATS,
        *linkedin.FORMATS,
        *glassdoor.FORMATS,
        *indeed.FORMATS,
        *aijobs.FORMATS,
        *jobboards.FORMATS,
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
