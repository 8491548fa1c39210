"""The ``careerlens`` command: a thin layer over the library, one module per stage.

Each command parses its options, calls one library function and prints the
result. Library errors become ``click`` errors: bad data exits 1, bad usage 2.
"""

from __future__ import annotations

from careerlens.cli.base import main

# Each stage's commands live in their own module and register on ``main`` when imported.
from careerlens.cli import load  # noqa: F401  (registers ingest, sql, sources, rejects, unmapped, formats)
from careerlens.cli import fetch  # noqa: F401  (registers fetch)
from careerlens.cli import report  # noqa: F401  (registers report)
from careerlens.cli import classify  # noqa: F401  (registers train, classify, evaluate)
from careerlens.cli import curriculum  # noqa: F401  (registers curriculum suggest)
from careerlens.cli import claims  # noqa: F401  (registers claims)
from careerlens.cli import scaleout  # noqa: F401  (registers export, import-topics)

__all__ = ["main"]
