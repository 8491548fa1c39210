"""The fitted SOC title coder, kept between processes as plain arrays in a per-user cache folder.

Fitting the coder on the O*NET titles and building its TF-IDF neighbour index costs
3-5 CPU seconds, the same every time for the same titles (bench/README.md, issue 20
part 4). So the first process that fits a coder writes what it learned to
``<cache folder>/titlecoder-<fingerprint>.npz`` and later processes read it back.

The file holds strings and numbers only (:meth:`~careerlens.titlecoder.TitleCoder.learned_arrays`),
read with ``allow_pickle=False``: a pickled scikit-learn object read back from a file
is code that file could run; arrays are not. It is written to a temporary file and
renamed, so it is whole or absent. A file that cannot be read, or that was written
for other titles or by other library versions, is ignored with a one-line warning
(:class:`~careerlens.errors.CareerlensWarning`) and the coder fitted again: the
cache may make coding faster, never different.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import warnings
from importlib import metadata
from pathlib import Path

import numpy as np

from careerlens import settings
from careerlens.errors import CareerlensWarning

#: Bumped when the layout of the file changes.
FORMAT = 1
#: The libraries whose code turns the arrays into codes: a file written under other versions is refitted.
LIBRARIES = ("numpy", "scipy", "scikit-learn", "pandas")
#: Coder files kept in the folder (one per set of O*NET titles in use); older ones are removed.
KEEP_FILES = 3


def coder_path(fingerprint: str) -> Path:
    """Where the coder with this fingerprint (``normalise._coder_key``) is kept under the libraries installed: two
    installations of careerlens with other versions of them (a project's environment and another) keep a file each,
    rather than each refitting and overwriting the other's on every load."""
    return settings.cache_dir() / f"titlecoder-{hashlib.sha256(_stamp(fingerprint).encode()).hexdigest()[:32]}.npz"


def _stamp(fingerprint: str) -> str:
    """What a file must say it was written for: the coder, the file layout and the library versions."""
    versions = " ".join(f"{name}={metadata.version(name)}" for name in LIBRARIES)
    return f"careerlens title coder {fingerprint} format {FORMAT} {versions}"


def _packed(name: str, value, out: dict) -> None:
    """``value`` into ``out``: a list of str as UTF-8 bytes and each string's end (in characters), else as is."""
    if isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise TypeError(f"{name}: not all strings")
        out[f"{name}:text"] = np.frombuffer("".join(value).encode("utf-8"), dtype=np.uint8)
        out[f"{name}:ends"] = np.cumsum([len(item) for item in value], dtype=np.int64)
    else:
        out[name] = np.asarray(value)


def _unpacked(stored) -> dict:
    """The values ``_packed`` stored: lists of str again, and arrays."""
    arrays = {}
    for member in stored.files:
        name, _, part = member.partition(":")
        if part == "ends":
            text = stored[f"{name}:text"].tobytes().decode("utf-8")
            ends = stored[member].tolist()
            arrays[name] = [text[start:end] for start, end in zip([0, *ends[:-1]], ends)]
        elif not part:
            arrays[name] = stored[member]
    return arrays


def load_coder(fingerprint: str, **params):
    """The coder kept for ``fingerprint``, or None (nothing kept, or a file not to trust: warned about)."""
    from careerlens.titlecoder import TitleCoder

    path = "in the cache folder"   # until the folder is known (a home folder that cannot be found)
    try:
        path = coder_path(fingerprint)
        if not path.exists():
            return None
        with open(path, "rb") as handle, np.load(handle, allow_pickle=False) as stored:   # closed on any error
            if str(stored["stamp"]) != _stamp(fingerprint):
                raise ValueError("written for other O*NET titles, or by other library versions")
            arrays = _unpacked(stored)
        return TitleCoder.from_learned_arrays(arrays, **params)
    except Exception as error:  # whatever a damaged file makes the readers raise, fitting again is safe
        warnings.warn(f"ignoring the cached title coder {path} ({type(error).__name__}: {error}); fitting it again",
                      CareerlensWarning, stacklevel=2)
        return None


def save_coder(fingerprint: str, coder) -> None:
    """Keep ``coder`` for ``fingerprint``, written whole or not at all; a folder that refuses it is warned about."""
    folder = "the cache folder"
    try:
        path = coder_path(fingerprint)
        folder = path.parent
        arrays = {"stamp": np.array(_stamp(fingerprint))}
        for name, value in coder.learned_arrays().items():
            _packed(name, value, arrays)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                np.savez(out, **arrays)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _remove_older(path)
    except Exception as error:  # a cache that cannot be written costs time, never the load
        warnings.warn(f"cannot keep the title coder in {folder} ({type(error).__name__}: {error}); "
                      "it is fitted again next time",
                      CareerlensWarning, stacklevel=2)


def _remove_older(kept: Path) -> None:
    """Remove coder files beyond the :data:`KEEP_FILES` newest (files of O*NET titles no longer in use); quietly,
    as another process may be removing them too."""
    with contextlib.suppress(OSError):
        files = sorted(kept.parent.glob("titlecoder-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            if old != kept:
                old.unlink(missing_ok=True)
