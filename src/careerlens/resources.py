"""Access to the SQL in ``queries/`` and the data files in ``data/``.

Both folders ship inside the wheel (as ``careerlens.queries`` and
``careerlens.data``) and are read with :mod:`importlib.resources`, so nothing
depends on where the repository was checked out.
"""

from __future__ import annotations

import contextlib
import functools
import re
from importlib import resources
from pathlib import Path

from careerlens.errors import CareerlensError


def _root(package: str):
    return resources.files(f"careerlens.{package}")


@functools.cache
def read_query(name: str) -> str:
    """Return the text of ``queries/<name>.sql`` (``name`` may contain ``/``)."""
    node = _root("queries").joinpath(*f"{name}.sql".split("/"))
    if not node.is_file():
        raise CareerlensError(f"no query named {name!r} (looked for queries/{name}.sql)")
    return node.read_text(encoding="utf-8")


def query_names(folder: str = "") -> list[str]:
    """List the queries in ``queries/<folder>``, without the ``.sql`` suffix."""
    node = _root("queries").joinpath(*[p for p in folder.split("/") if p])
    prefix = f"{folder.strip('/')}/" if folder.strip("/") else ""
    return sorted(prefix + n.name[:-4] for n in node.iterdir() if n.name.endswith(".sql"))


def query_summary(name: str) -> str:
    """The first-line comment of a query, which says what it returns."""
    first = read_query(name).lstrip().splitlines()[0]
    return re.sub(r"^--\s*", "", first)


@contextlib.contextmanager
def data_file(*parts: str):
    """Yield a real filesystem path for ``data/<parts...>`` (for DuckDB readers)."""
    node = _root("data").joinpath(*parts)
    if not node.is_file():
        raise CareerlensError(f"careerlens data file missing: data/{'/'.join(parts)}")
    with resources.as_file(node) as path:
        yield Path(path)


def data_text(*parts: str) -> str:
    """Return the text of ``data/<parts...>``."""
    node = _root("data").joinpath(*parts)
    if not node.is_file():
        raise CareerlensError(f"careerlens data file missing: data/{'/'.join(parts)}")
    return node.read_text(encoding="utf-8")
