"""Files that appear whole or not at all: a worker killed mid-write must leave nothing a rerun would take as done."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


@contextlib.contextmanager
def written_whole(path):
    """Yield a hidden path beside ``path`` to write; on success it is renamed to ``path``, on failure removed."""
    path = Path(path)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
