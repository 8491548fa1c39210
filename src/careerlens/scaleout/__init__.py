"""Classify beyond one machine: scoring as a pure function of Arrow batches, run on a Dask cluster.

- :mod:`~careerlens.scaleout.scoring`: :func:`score_postings`, postings in, ``posting_topics`` rows out
  (the function the local engine labels with too);
- :mod:`~careerlens.scaleout.artifact`: a fitted model as one file with a manifest, checked on load;
- :mod:`~careerlens.scaleout.engine`: ``read_parquet`` + ``map_partitions`` over a Parquet folder, parts
  written whole, a manifest last, reruns skipping finished parts (needs the ``dask`` extra);
- :mod:`~careerlens.scaleout.exchange`: the store's side: export postings as partitioned Parquet, import
  finished topics in one transaction, and the round trip of ``classify --engine dask``.
"""

from careerlens.scaleout.artifact import read_artifact_manifest, read_model_artifact, write_model_artifact
from careerlens.scaleout.engine import DaskRun, require_dask, score_on_dask
from careerlens.scaleout.exchange import (DaskClassifyResult, ExportResult, classify_on_dask, export_postings,
                                          import_topics, read_output_manifest)
from careerlens.scaleout.scoring import score_postings

__all__ = ["DaskClassifyResult", "DaskRun", "ExportResult", "classify_on_dask", "export_postings", "import_topics",
           "read_artifact_manifest", "read_model_artifact", "read_output_manifest", "require_dask", "score_on_dask",
           "score_postings", "write_model_artifact"]
