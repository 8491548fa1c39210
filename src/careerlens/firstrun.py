"""First run: a store built from the bundled default, so `careerlens report` works with no setup.

The bundled default is real BLS OEWS May 2025 wages for the occupations a
maths, data and AI curriculum feeds into, and a synthetic demonstration corpus
of postings (``data/demo``, written by a seeded generator; every page that
uses it says so). The classifier is trained on that corpus from the default
curriculum's seed phrases, then labels it.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from careerlens.resources import data_file

BUNDLED_FILES = (("oews", "oews_may2025_curriculum.parquet"), ("demo", "demo_postings.csv"))


def build_default_database(path, *, replace: bool = False, echo: Callable[[str], None] = lambda line: None) -> Path:
    """Create the store at ``path`` from the bundled default data, trained and classified.

    The store is built in a temporary file beside ``path`` and renamed into
    place at the end, so an interrupted first run leaves no half-built store.

    Parameters
    ----------
    path : str or Path
        Where the store goes; must not exist yet, unless ``replace``.
    replace : bool
        Rebuild a store that exists already (``careerlens report --demo``), provided it holds
        nothing but the bundled default: an empty one (say, left by an older careerlens after a
        failed first ``ingest``), or one built from the default before.
    echo : callable
        Called with one line per step, for the user to see what happens.

    Raises
    ------
    UsageError
        ``path`` exists (without ``replace``), or holds files a user loaded.
    """
    from careerlens.classify import classify_postings, train
    from careerlens.db import open_database, remove_database
    from careerlens.errors import UsageError
    from careerlens.ingest import ingest

    target = Path(path)
    if target.exists():
        if not replace:
            raise UsageError(f"{target} exists already; the default data is only loaded into a new store")
        _check_replaceable(target)
    echo(f"{f'Rebuilding {target}' if target.exists() else f'No database at {target}: building one'} from the "
         "bundled default data (BLS OEWS May 2025 wages and a synthetic demonstration corpus of postings).")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".careerlens-firstrun-") as tmp:
        building = Path(tmp) / target.name
        with contextlib.ExitStack() as stack, open_database(building) as db:
            paths = [stack.enter_context(data_file(*parts)) for parts in BUNDLED_FILES]
            for result in ingest(db, paths):
                echo(f"  loaded {result.rows_loaded:,} rows from {result.path.name} ({result.format})")
            model = train(db)
            echo(f"  trained the topic classifier for {model.curriculum.name!r}")
            labelled = classify_postings(db, model)
            echo(f"  labelled {labelled.n_texts:,} postings")
            db.checkpoint()
        remove_database(target)          # a replaced store's write-ahead log must not meet the new file
        shutil.move(str(building), str(target))
    return target


def _check_replaceable(target: Path) -> None:
    """Refuse to rebuild a store holding files other than the bundled default's (a user's data)."""
    from careerlens.db import open_database
    from careerlens.errors import UsageError
    from careerlens.sources.probe import file_sha256

    bundled = set()
    for parts in BUNDLED_FILES:
        with data_file(*parts) as bundled_path:
            bundled.add(file_sha256(bundled_path)[:12])
    with open_database(target, read_only=True) as db:
        loaded = db.query("loaded_sources")
    others = loaded[~loaded["sha256"].isin(bundled)]["file_name"].tolist()
    if others:
        raise UsageError(
            f"{target} holds files you loaded ({', '.join(others[:3])}{', ...' if len(others) > 3 else ''}); "
            "--demo only rebuilds a database that holds nothing else. Build the demonstration in a database of "
            "its own: `careerlens report --demo --db careerlens-demo.duckdb`")
