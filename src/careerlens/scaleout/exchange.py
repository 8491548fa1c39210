"""Postings out of the store as partitioned Parquet, topics back in: the store's side of a Dask run.

``export_postings`` writes the ``postings`` view hive-partitioned by source and
month; ``import_topics`` brings a finished output folder (one with a manifest)
into ``posting_topics`` in one transaction; ``classify_on_dask`` does both
around :func:`~careerlens.scaleout.engine.score_on_dask`, so switching engine
is one flag.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from careerlens.classify import ClassifyResult, TopicModel
from careerlens.db import Database
from careerlens.errors import InputError, UsageError
from careerlens.scaleout.engine import OUTPUT_FORMAT, OUTPUT_MANIFEST, DaskRun, score_on_dask


#: What an export writes beside its partitions (ignored as input: it starts with ``_``).
EXPORT_MANIFEST = "_export.json"


@dataclass
class ExportResult:
    """What ``export`` wrote: the folder, its postings and its (source, month) partitions."""

    path: Path
    n_postings: int
    n_partitions: int


def export_postings(db: Database, out) -> ExportResult:
    """Write the stored postings to ``out`` as Parquet, hive-partitioned (``source=.../month=YYYY-MM/``).

    The folder appears whole or not at all (written beside it, then renamed); a folder that exists and holds
    anything is refused rather than mixed with. Beside the partitions, ``_export.json`` records the postings'
    number and fingerprint.
    """
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} exists and is not an empty folder: choose another --out, or remove it")
    out.parent.mkdir(parents=True, exist_ok=True)
    partitions = db.query("scaleout/exported_partitions")
    fingerprint = db.query("scaleout/postings_fingerprint").iloc[0]
    part = out.with_name(f".{out.name}.{os.getpid()}.part")
    shutil.rmtree(part, ignore_errors=True)
    try:
        db.run_script("scaleout/export_postings", {"path": str(part)})
        part.mkdir(exist_ok=True)                       # (no postings: an empty folder)
        (part / EXPORT_MANIFEST).write_text(json.dumps(
            {"n_postings": int(fingerprint.n_postings), "fingerprint": fingerprint.fingerprint,
             "partitions": len(partitions)}), encoding="utf-8")
        if out.exists():
            out.rmdir()
        os.replace(part, out)
    finally:
        shutil.rmtree(part, ignore_errors=True)
    return ExportResult(out, int(partitions.n_postings.sum()), len(partitions))


def exported_already(db: Database, out) -> ExportResult | None:
    """The export in ``out`` if it holds exactly the stored postings (a rerun of the round trip reuses it, so
    its partitions, and the parts scored from them, stay the same); None if there is none or it is stale."""
    try:
        written = json.loads((Path(out) / EXPORT_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    now = db.query("scaleout/postings_fingerprint").iloc[0]
    if written.get("n_postings") != int(now.n_postings) or written.get("fingerprint") != now.fingerprint:
        return None
    return ExportResult(Path(out), written["n_postings"], written["partitions"])


def read_output_manifest(folder) -> dict:
    """The manifest of a finished output folder, after checking every part it lists is there, whole.

    Raises
    ------
    InputError
        No manifest (the run did not finish: run it again with the same --output to finish it), a manifest
        of another layout, or a part missing or of another row count than the manifest says.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    path = folder / OUTPUT_MANIFEST
    if not path.is_file():
        raise InputError(f"no {OUTPUT_MANIFEST}: the scoring run did not finish; run `careerlens classify --engine "
                         "dask` again with the same --output to finish it (finished parts are kept)", file=folder)
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"not readable as JSON: {exc}", file=path) from exc
    if manifest.get("output_format") != OUTPUT_FORMAT:
        raise InputError(f"output of layout {manifest.get('output_format')!r}; this careerlens reads layout "
                         f"{OUTPUT_FORMAT}", file=path, field="output_format")
    for row, listed in enumerate(manifest.get("parts", []), start=1):
        part = folder / listed["path"]
        try:
            n_rows = pq.read_metadata(part).num_rows
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"part {listed['path']} is missing or unreadable ({exc})", file=path, row=row,
                             field="path") from exc
        if n_rows != listed["n_rows"]:
            raise InputError(f"part {listed['path']} holds {n_rows} rows, the manifest says {listed['n_rows']}",
                             file=path, row=row, field="n_rows")
    return manifest


def import_topics(db: Database, folder) -> ClassifyResult:
    """Replace the labels of the output's curriculum with a finished output folder's topics, in one transaction.

    Nothing is written unless every part the manifest lists is whole, the model that scored them is stored
    here, and every row is one of its postings and that model's; the labels of other curricula stay, as after
    ``classify``.
    """
    started = time.perf_counter()
    folder = Path(folder)
    manifest = read_output_manifest(folder)
    model_id = manifest["model_id"]
    if int(db.query("scaleout/model_is_stored", {"model_id": model_id}).iloc[0].n) == 0:
        raise UsageError(f"the topics in {folder} were scored by model {model_id}, which this database does not "
                         "hold: import them into the database whose model scored them")
    files = [str(folder / part["path"]) for part in manifest["parts"]]
    if files:
        foreign = db.query("scaleout/foreign_topic_rows", {"files": files, "model_id": model_id})
        if len(foreign):
            bad = foreign.iloc[0]
            what = "no such posting is stored" if bad.field == "posting_id" else f"not model {model_id}"
            raise InputError(f"{bad.value!r}: {what}", file=bad.file, row=int(bad.row), field=bad.field)
    db.run_script("classify/create_building_topics")
    if files:
        db.run_script("scaleout/insert_topic_parts", {"files": files})
    with db.transaction():
        db.run_script("classify/publish_posting_topics", {"curriculum_name": manifest["curriculum_name"]})
        positives = dict(db.query("classify/positives_per_topic", {"model_id": model_id}).itertuples(index=False))
    return ClassifyResult(model_id, manifest["n_postings"], 0,
                          {t: int(positives.get(t, 0)) for t in manifest["topic_ids"]}, time.perf_counter() - started)


@dataclass
class DaskClassifyResult:
    """``classify --engine dask``: the scoring run, and what the import stored (None when --output kept it)."""

    run: DaskRun
    imported: ClassifyResult | None
    exported: ExportResult | None
    seconds: float


def work_folder(db: Database) -> Path:
    """Where a round trip keeps its export and output: beside the store, so a cluster sharing its file system
    sees them (``careerlens.duckdb.dask/``)."""
    if db.path == ":memory:":
        raise UsageError("--engine dask without --input and --output needs a database file, not an in-memory one")
    return db.path.with_name(db.path.name + ".dask")


def classify_on_dask(db: Database, model: TopicModel, *, input_dir=None, output_dir=None, scheduler=None,
                     workers: int | None = None) -> DaskClassifyResult:
    """``careerlens classify --engine dask``: score on a Dask cluster, from the store or a Parquet folder.

    Without ``input_dir`` the stored postings are exported first; without ``output_dir`` the topics are
    imported into the store afterwards (one transaction) and the working folder is removed. A failed run
    leaves the working folder, so running again skips the partitions already scored.
    """
    started = time.perf_counter()
    work = work_folder(db) if input_dir is None or output_dir is None else None
    exported = None
    if input_dir is None:
        input_dir = work / "postings"
        exported = exported_already(db, input_dir)
        if exported is None:
            shutil.rmtree(input_dir, ignore_errors=True)   # none yet, or the store has changed since
            exported = export_postings(db, input_dir)
    run = score_on_dask(model, input_dir, output_dir or work / "topics", scheduler=scheduler, workers=workers)
    imported = None
    if output_dir is None:
        imported = import_topics(db, run.output)
        shutil.rmtree(work, ignore_errors=True)
    elif work is not None:
        shutil.rmtree(work / "postings", ignore_errors=True)
    return DaskClassifyResult(run, imported, exported, time.perf_counter() - started)
