"""A fitted model as one file a cluster's workers can load: the pickled model and a manifest that says what it needs.

The manifest (``manifest.json`` inside a zip, beside ``model.pickle``) records
the artifact layout, the model's id and layout (``MODEL_FORMAT``), the
curriculum's name and content hash, the careerlens, scikit-learn and numpy
that wrote it, and the sha256 of the pickle. Loading checks every one of them
before unpickling, so a worker with another scikit-learn, a truncated copy or
a model of another layout is refused with a message that says which, rather
than scoring with a model it misreads.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import zipfile
from pathlib import Path

from careerlens.classify import MODEL_FORMAT, TopicModel
from careerlens.errors import InputError
from careerlens.storage import written_whole

#: The layout of the artifact file itself; raise it when the manifest's fields or the file's members change.
ARTIFACT_FORMAT = 1
MANIFEST = "manifest.json"
PICKLE = "model.pickle"


def _versions() -> dict:
    import numpy
    import sklearn

    from careerlens.version import __version__

    return {"careerlens": __version__, "scikit_learn": sklearn.__version__, "numpy": numpy.__version__}


def write_model_artifact(model: TopicModel, path) -> dict:
    """Write ``model`` to ``path`` (whole or not at all: written beside it, then renamed); returns its manifest."""
    path = Path(path)
    blob = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
    manifest = {"artifact_format": ARTIFACT_FORMAT, "model_id": model.model_id, "model_format": model.model_format,
                "curriculum_name": model.curriculum.name, "curriculum_hash": model.curriculum.content_hash,
                "topic_ids": list(model.topic_ids), **_versions(), "sha256": hashlib.sha256(blob).hexdigest()}
    with written_whole(path) as part, zipfile.ZipFile(part, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        archive.writestr(PICKLE, blob)
    return manifest


def read_artifact_manifest(path) -> dict:
    """The manifest of the artifact at ``path``, checked to be one this careerlens reads.

    Raises
    ------
    InputError
        No such file, not a careerlens model artifact, or one of another artifact layout.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such model artifact", file=path)
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read(MANIFEST))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"not a careerlens model artifact (no readable {MANIFEST}: {exc})", file=path) from exc
    if manifest.get("artifact_format") != ARTIFACT_FORMAT:
        raise InputError(f"model artifact of layout {manifest.get('artifact_format')!r}; this careerlens reads "
                         f"layout {ARTIFACT_FORMAT}: write it again with this careerlens", file=path,
                         field="artifact_format")
    return manifest


def read_model_artifact(path, *, expected_sha256: str | None = None) -> TopicModel:
    """The model of the artifact at ``path``, after checking its manifest against this environment.

    Parameters
    ----------
    expected_sha256 : str, optional
        The pickle's sha256 the caller was told (a worker is told the one its client wrote), so a file
        replaced in between is refused.

    Raises
    ------
    InputError
        The manifest's model layout, scikit-learn version or sha256 does not match, or the model's
        curriculum is not the one the manifest names. The message names the field and both values.
    """
    path = Path(path)
    manifest = read_artifact_manifest(path)
    with zipfile.ZipFile(path) as archive:
        blob = archive.read(PICKLE)
    here = _versions()
    checks = [("model_format", manifest.get("model_format"), MODEL_FORMAT,
               "train the model again with this careerlens"),
              ("scikit_learn", manifest.get("scikit_learn"), here["scikit_learn"],
               "install the same scikit-learn on every worker as where the artifact was written"),
              ("sha256", hashlib.sha256(blob).hexdigest(), manifest.get("sha256"),
               "the file is damaged or was changed after it was written: write it again")]
    if expected_sha256 is not None:
        checks.append(("sha256", manifest.get("sha256"), expected_sha256,
                       "the file was replaced while the run used it: start the run again"))
    for field, found, wanted, advice in checks:
        if found != wanted:
            raise InputError(f"{field} is {found!r}, expected {wanted!r}: {advice}", file=path, field=field)
    model = pickle.loads(blob)
    if not isinstance(model, TopicModel) or model.curriculum.content_hash != manifest.get("curriculum_hash"):
        raise InputError("the model inside is not the manifest's (curriculum hash differs)", file=path,
                         field="curriculum_hash")
    model.model_id = manifest["model_id"]
    return model
