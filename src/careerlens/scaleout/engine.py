"""Scoring a Parquet folder of postings on a Dask cluster: ``careerlens classify --engine dask``.

``dask.dataframe.read_parquet`` reads the postings, ``map_partitions`` scores
each partition with :func:`~careerlens.scaleout.scoring.score_postings` (the
function the local engine labels with), each worker loading the model once
from its artifact file. Each partition's topics go to their own Parquet file,
named by a hash of its posting ids and written whole (beside it, then
renamed), so a rerun after a failure skips the partitions already done. The
output's ``manifest.json`` is written last, listing every part and its row
count: a folder without one is not finished, and ``import-topics`` refuses it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from careerlens.classify import TopicModel
from careerlens.errors import InputError, UsageError
from careerlens.scaleout.artifact import read_artifact_manifest, read_model_artifact, write_model_artifact
from careerlens.scaleout.scoring import POSTING_COLUMNS, score_postings
from careerlens.storage import written_whole

#: The layout of an output folder's manifest; raise it when its fields change.
OUTPUT_FORMAT = 1
OUTPUT_MANIFEST = "manifest.json"
ARTIFACT = "model.clmodel"
PARTS = "parts"
INSTALL_ADVICE = "--engine dask needs Dask: pip install 'careerlens[dask]' (dask and distributed of one release)"


def require_dask():
    """Import dask.dataframe and distributed, or say how to install them (a usage error: exit 2)."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"{INSTALL_ADVICE} ({exc})") from exc


@dataclass
class DaskRun:
    """What a Dask scoring run did: parts scored now and skipped as done before, postings and rows in total."""

    output: Path
    model_id: str
    n_parts: int
    n_skipped: int
    n_postings: int
    n_rows: int
    seconds: float

    @property
    def postings_per_second(self):
        return self.n_postings / self.seconds if self.seconds else float("inf")


def input_files(input_dir) -> list[Path]:
    """The Parquet files of a folder (hive partitions included), sorted; hidden and ``_`` files left out."""
    input_dir = Path(input_dir)
    if not input_dir.is_dir():
        raise InputError("not a folder of Parquet files", file=input_dir)
    files = sorted(path for path in input_dir.rglob("*.parquet")
                   if not any(part.startswith((".", "_")) for part in path.relative_to(input_dir).parts))
    if not files:
        raise InputError("no Parquet files in this folder: write them with `careerlens export`", file=input_dir)
    import pyarrow as pa
    import pyarrow.parquet as pq

    for path in files:
        try:
            names = pq.read_schema(path).names
        except (OSError, pa.ArrowException) as exc:
            raise InputError(f"not a readable Parquet file: {exc}", file=path) from exc
        missing = [column for column in POSTING_COLUMNS if column not in names]
        if missing:
            raise InputError(f"a posting needs {', '.join(POSTING_COLUMNS)}; this file has no {missing[0]}",
                             file=path, field=missing[0])
    return files


def score_on_dask(model: TopicModel, input_dir, output_dir, *, scheduler: str | None = None,
                  workers: int | None = None) -> DaskRun:
    """Score every posting of a Parquet folder on a Dask cluster into a folder of topic parts with a manifest.

    Parameters
    ----------
    model : TopicModel
        The fitted model; written to ``OUTPUT/model.clmodel`` for the workers to load.
    input_dir : path
        Parquet files with ``posting_id``, ``title``, ``description`` (``careerlens export`` writes them).
    output_dir : path
        Where the parts and ``manifest.json`` go; on a cluster, a folder every worker can write.
    scheduler : str, optional
        An existing scheduler's address (``tcp://host:8786``); without it, a local cluster of ``workers``
        processes (default one a core).
    """
    require_dask()
    import dask
    import dask.dataframe as dd
    import pandas as pd

    started = time.perf_counter()
    files = input_files(input_dir)
    output = Path(output_dir)
    (output / PARTS).mkdir(parents=True, exist_ok=True)
    (output / OUTPUT_MANIFEST).unlink(missing_ok=True)          # unfinished until this run writes it again
    artifact = _artifact_for(model, output)
    meta = pd.DataFrame({"part": pd.Series([], dtype=object), "n_postings": pd.Series([], dtype="int64"),
                         "n_rows": pd.Series([], dtype="int64"), "skipped": pd.Series([], dtype=bool)})
    # A partition a row group (careerlens export writes them of about 10,000 postings, the local engine's batch),
    # not fused into fewer: small partitions keep every worker busy to the end and bound a worker's memory.
    # (Dask fuses the partitions of a read that names a few of the columns, so every column is read.)
    with _client(scheduler, workers), dask.config.set({"dataframe.parquet.minimum-partition-size": 1}):
        frame = dd.read_parquet([str(path) for path in files], split_row_groups=True)
        done = frame.map_partitions(score_partition, artifact=str(artifact["path"]), sha256=artifact["sha256"],
                                    output=str(output / PARTS), meta=meta).compute()
    done = done[done.n_postings > 0]
    n_topics = len(model.topic_ids)
    bad = done[done.n_rows != done.n_postings * n_topics]
    if len(bad):
        raise InputError(f"part {bad.part.iloc[0]} holds {bad.n_rows.iloc[0]} rows for {bad.n_postings.iloc[0]} "
                         f"postings and {n_topics} topics", file=output / PARTS)
    parts = [{"path": f"{PARTS}/{row.part}", "n_postings": int(row.n_postings), "n_rows": int(row.n_rows)}
             for row in done.sort_values("part").itertuples()]
    manifest = {"output_format": OUTPUT_FORMAT, "model_id": model.model_id, "model_sha256": artifact["sha256"],
                "curriculum_name": model.curriculum.name, "topic_ids": list(model.topic_ids),
                "input": str(Path(input_dir).resolve()), "parts": parts,
                "n_postings": int(done.n_postings.sum()), "n_rows": int(done.n_rows.sum()),
                "written_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    with written_whole(output / OUTPUT_MANIFEST) as part:
        part.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return DaskRun(output, model.model_id, len(parts), int(done.skipped.sum()), manifest["n_postings"],
                   manifest["n_rows"], time.perf_counter() - started)


def _artifact_for(model: TopicModel, output: Path) -> dict:
    """The output's model artifact: written now, or kept when an earlier run wrote this model's.

    An output folder belongs to one model: its parts are that model's topics.
    """
    path = output / ARTIFACT
    if path.exists():
        found = read_artifact_manifest(path)
        if found.get("model_id") != model.model_id:
            raise UsageError(f"{output} holds the topics of model {found.get('model_id')}, not of {model.model_id}: "
                             "choose another --output, or remove that folder")
        read_model_artifact(path)            # checks it is whole and readable here
        return {"path": path, "sha256": found["sha256"]}
    return {"path": path, "sha256": write_model_artifact(model, path)["sha256"]}


class _client:
    """A Dask client of the scheduler named, or of a local cluster of one single-threaded process a worker."""

    def __init__(self, scheduler, workers):
        self.scheduler, self.workers = scheduler, workers

    def __enter__(self):
        from distributed import Client, LocalCluster

        if self.scheduler:
            self.cluster = None
            self.client = Client(self.scheduler)
        else:
            # One thread a process: DuckDB and the sparse products already use their core fully.
            self.cluster = LocalCluster(n_workers=self.workers or os.cpu_count() or 1, threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc):
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# == On the workers =================================================================
_models: dict = {}
_models_lock = threading.Lock()


def worker_model(artifact: str, sha256: str) -> TopicModel:
    """The model of an artifact, read once per worker process (checked against the sha256 the client wrote)."""
    with _models_lock:
        if (artifact, sha256) not in _models:
            _models[(artifact, sha256)] = read_model_artifact(artifact, expected_sha256=sha256).warm()
        return _models[(artifact, sha256)]


def score_partition(frame, *, artifact: str, sha256: str, output: str):
    """Score one partition into ``output/<hash of its posting ids>.parquet``, unless that part is done;
    returns one summary row (part, n_postings, n_rows, skipped)."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    if len(frame) == 0:
        return pd.DataFrame({"part": [""], "n_postings": [0], "n_rows": [0], "skipped": [False]})
    ids = frame["posting_id"].astype(str)
    key = hashlib.sha256(("\n".join(sorted(ids)) + "\n" + sha256).encode()).hexdigest()[:32]
    name = f"{key}.parquet"
    target = Path(output) / name
    if target.exists():
        try:
            n_rows = pq.read_metadata(target).num_rows
            return pd.DataFrame({"part": [name], "n_postings": [len(frame)], "n_rows": [n_rows], "skipped": [True]})
        except (OSError, pa.ArrowException):
            pass                                   # unreadable: score it again
    postings = pa.Table.from_pandas(frame[list(POSTING_COLUMNS)], preserve_index=False)
    topics = score_postings(worker_model(artifact, sha256), postings)
    with written_whole(target) as part:
        pq.write_table(topics, part)
    return pd.DataFrame({"part": [name], "n_postings": [len(frame)], "n_rows": [topics.num_rows], "skipped": [False]})

