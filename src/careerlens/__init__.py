"""careerlens: evidence for curriculum design from job postings and wage statistics.

The data flow is sources -> normalise -> classify -> queries -> report; the
public functions below are the library API that the ``careerlens`` CLI wraps.
"""

from careerlens.db import Database, open_database
from careerlens.errors import (
    CareerlensError,
    DatabaseBusyError,
    InputError,
    SchemaVersionError,
    UnknownFormatError,
)
from careerlens.ingest import FileResult, ingest
from careerlens.version import __version__

__all__ = [
    "CareerlensError",
    "Database",
    "DatabaseBusyError",
    "FileResult",
    "InputError",
    "SchemaVersionError",
    "UnknownFormatError",
    "ingest",
    "open_database",
    "__version__",
]
