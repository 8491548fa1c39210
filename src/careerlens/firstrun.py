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


def build_default_database(path, *, echo: Callable[[str], None] = lambda line: None) -> Path:
    """Create the store at ``path`` from the bundled default data, trained and classified.

    The store is built in a temporary file beside ``path`` and renamed into
    place at the end, so an interrupted first run leaves no half-built store.

    Parameters
    ----------
    path : str or Path
        Where the store goes; must not exist yet.
    echo : callable
        Called with one line per step, for the user to see what happens.
    """
    from careerlens.classify import classify_postings, train
    from careerlens.db import open_database
    from careerlens.errors import CareerlensError
    from careerlens.ingest import ingest

    target = Path(path)
    if target.exists():
        raise CareerlensError(f"{target} exists already; the default data is only loaded into a new store")
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
        shutil.move(str(building), str(target))
    return target
