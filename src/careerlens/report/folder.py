"""The report folder on disk: written aside, swapped in, recovered after a kill, its CSVs safe to open.

A run writes its pages into ``.<name>.building-XXXX`` beside the report folder
``<name>``, then swaps the two in one atomic step (Linux ``renameat2`` with
``RENAME_EXCHANGE``, macOS ``renamex_np`` with ``RENAME_SWAP``), so that at
every moment ``<name>`` is a complete report, the old one or the new one; the
old one, left under the staging name, is then removed. ``<name>`` stays a
plain folder (not a symlink), so ``<name>/index.html`` opens as before.

- Killed while writing, or before the swap: the old report is untouched; the
  next run removes the half-written staging folder.
- Killed after the swap: the new report is in place; the next run removes
  the old one from beside it.

Where no atomic exchange exists (Windows, or a file system that refuses it),
the swap takes two renames: the old report moves to ``.<name>.old-XXXX``, the
new one takes its name. A kill between the two leaves ``<name>`` missing,
with the old report complete beside it; the next run puts it back before it
does anything else (:func:`recover`).

A run holds an advisory lock on its staging folder while it writes, and on the
parent folder while it creates, swaps or tidies, so a run never removes a
folder that another live run is writing.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import functools
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from careerlens.errors import CareerlensError, UsageError
from careerlens.storage import storage_error

try:
    import fcntl
except ImportError:          # Windows: no advisory locks; leftovers are removed once they are an hour old
    fcntl = None

STALE_SECONDS = 3600
#: The list of the files a report run wrote, kept in the report folder.
MANIFEST = ".careerlens-report.json"
#: What a spreadsheet reads as the start of a formula (OWASP's CSV-injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# -- locks ------------------------------------------------------------------------------
def _flock(fd: int, blocking: bool) -> bool:
    """Lock ``fd`` exclusively; False if another process holds it (only when not blocking)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError:          # a file system without locks (some network mounts): carry on unlocked
        pass
    return True


@contextlib.contextmanager
def _locked(folder: Path, *, blocking: bool = True):
    """Hold an advisory lock on ``folder`` for the block; yields whether it was had."""
    if fcntl is None:
        yield True
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        yield _flock(fd, blocking)
    finally:
        os.close(fd)


def _leftovers(out: Path, kind: str) -> list[Path]:
    """The ``.<name>.building-*`` or ``.<name>.old-*`` folders beside ``out``."""
    prefix = f".{out.name}.{kind}-"
    return [entry for entry in out.parent.iterdir() if entry.name.startswith(prefix) and entry.is_dir()]


def _abandoned(staging: Path) -> bool:
    """True when no live run is writing ``staging`` (its writer holds a lock on it)."""
    if fcntl is None:
        return time.time() - staging.stat().st_mtime > STALE_SECONDS
    with _locked(staging, blocking=False) as free:
        return free


# -- the folder's life -------------------------------------------------------------------
def prepare(out) -> Path:
    """Create the folder the report goes in, and recover from a killed run (see :func:`recover`)."""
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CareerlensError(f"cannot create the folder for the report {out}: {exc}") from exc
    recover(out)
    return out


def recover(out) -> Path | None:
    """Put back a report a killed run left aside, and remove folders killed runs left half-written.

    Returns the report folder when it was put back, else None.
    """
    out = Path(out)
    try:
        return _recover(out) if out.parent.is_dir() else None
    except OSError as exc:
        raise CareerlensError(f"cannot tidy up beside the report folder {out}: {exc}") from exc


def _recover(out: Path) -> Path | None:
    restored = None
    with _locked(out.parent):
        for staging in _leftovers(out, "building"):
            if _abandoned(staging):
                shutil.rmtree(staging, ignore_errors=True)
        olds = _leftovers(out, "old")
        if olds and not out.exists():
            newest = max(olds, key=lambda folder: folder.stat().st_mtime)
            os.replace(newest, out)
            olds.remove(newest)
            restored = out
        if out.exists():
            for old in olds:
                shutil.rmtree(old, ignore_errors=True)
    return restored


@contextlib.contextmanager
def staging(out: Path):
    """A new folder beside ``out`` to write the report into; removed again if the block fails."""
    out = Path(out)
    try:
        with _locked(out.parent):
            folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
            fd = os.open(folder, os.O_RDONLY) if fcntl is not None else None
            if fd is not None:
                _flock(fd, blocking=True)      # taken before the parent's lock is let go: never seen unheld
        # mkdtemp makes a private (0700) folder; the report is for reading, like any folder the user makes.
        umask = os.umask(0)
        os.umask(umask)
        folder.chmod(0o777 & ~umask)
    except OSError as exc:
        raise storage_error(exc, doing=f"cannot write the report beside {out}") or \
            CareerlensError(f"cannot write the report beside {out}: {exc}") from exc
    try:
        yield folder
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise storage_error(exc, doing=f"cannot write the report to {out}", outcome="the previous report is as it "
                            "was") or CareerlensError(f"cannot write the report to {out}: {exc}") from exc
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        if fd is not None:
            os.close(fd)


def swap_in(folder: Path, out: Path):
    """Replace ``out`` by ``folder``: in one atomic exchange where the system has one, else with two renames
    (the old report is put back if the second fails, and by :func:`recover` if the run is killed between them)."""
    with _locked(out.parent):
        if not out.exists():
            os.replace(folder, out)
            return
        if exchange(folder, out):
            shutil.rmtree(folder, ignore_errors=True)        # the old report, now under the staging name
            return
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        os.replace(out, old)
        try:
            os.replace(folder, out)
        except BaseException:
            os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)


# -- swapping two folders in one step ---------------------------------------------------
AT_FDCWD = -100
RENAME_EXCHANGE = 2          # linux/fs.h
RENAME_SWAP = 2              # macOS stdio.h
#: What the exchange call answers when the kernel or the file system does not offer it.
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


@functools.lru_cache(maxsize=1)
def _exchange_call():
    """The C library's call that swaps two paths atomically, as ``call(first, second) -> 0 or -1``; None if none."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):
        return None
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        call = libc.renameat2
        call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        return lambda first, second: call(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE)
    if sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        call = libc.renamex_np
        call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_uint]
        return lambda first, second: call(first, second, RENAME_SWAP)
    return None


def exchange(first: Path, second: Path) -> bool:
    """Swap what the two paths name, in one atomic step; False where the system or file system cannot.

    Either both have moved or neither has: there is no moment when ``second`` is missing.
    """
    call = _exchange_call()
    if call is None:
        return False
    if call(os.fsencode(first), os.fsencode(second)) == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


# -- what goes in it ---------------------------------------------------------------------
def safe_file_name(name: str, taken=()) -> str:
    """``name`` as a plain file name inside the report folder: ``../x/y.csv`` -> ``x-y.csv``.

    Only ASCII letters, digits, ``.``, ``_`` and ``-`` are kept (runs of anything else,
    path separators and NUL included, become one ``-``); no leading dot; at most 120
    characters; a number is added when the name is in ``taken``.
    """
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    clean = lambda text: re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip(".-")   # noqa: E731
    stem, suffix = clean(stem)[:110] or "data", clean(suffix)[:9]
    candidate = f"{stem}.{suffix}" if dot and suffix else stem
    number = 2
    while candidate in taken:
        candidate = f"{stem}-{number}.{suffix}" if dot and suffix else f"{stem}-{number}"
        number += 1
    return candidate


def spreadsheet_safe(frame):
    """A copy of ``frame`` whose text cells cannot start a spreadsheet formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe (``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)``), which spreadsheets
    show as text; numbers, dates and missing values are left as they are.
    """
    def defuse(value):
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype) in ("string", "str"):
            safe[column] = safe[column].map(defuse)
    safe.columns = [defuse(str(column)) for column in safe.columns]
    return safe


def write_csv(frame, folder: Path, name: str):
    """Write ``frame`` as ``folder/name``, defused for spreadsheets; refuses a name that leaves ``folder``."""
    path = folder / name
    if path.parent != folder or name in ("", ".", ".."):
        raise CareerlensError(f"refusing to write {name!r} outside the report folder {folder}")
    # RFC 4180 line ends: with them Python's csv module also quotes a text holding a lone
    # carriage return, which would otherwise end the row early for every reader.
    spreadsheet_safe(frame).to_csv(path, index=False, lineterminator="\r\n")
    return path


def write_table(frame, folder: Path, stem: str, taken=()) -> list[str]:
    """Write ``frame`` as ``stem.csv``, and as ``stem.xlsx`` when openpyxl is installed (``careerlens[xlsx]``).

    Returns the names written. Both are defused for spreadsheets (:func:`spreadsheet_safe`).
    """
    names = [safe_file_name(f"{stem}.csv", taken)]
    write_csv(frame, folder, names[0])
    try:
        import openpyxl  # noqa: F401  (pandas writes XLSX through it)
    except ImportError:
        return names
    names.append(safe_file_name(f"{stem}.xlsx", [*taken, *names]))
    spreadsheet_safe(frame).to_excel(folder / names[1], index=False, engine="openpyxl")
    return names


def write_manifest(folder: Path, written) -> None:
    """List the files careerlens wrote into the report folder, so that the next run can tell them from others."""
    (folder / MANIFEST).write_text(json.dumps({"files": sorted(written)}, indent=1), encoding="utf-8")


def entries_to_keep(out: Path) -> list[Path]:
    """Files in ``out`` that are not ours (a README, .gitkeep), carried into the new report.

    Refuses to replace a folder holding other files careerlens did not write, so a
    mistyped ``--out`` cannot delete someone's work.
    """
    if not out.exists():
        return []
    if not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder for the report")
    ours = set()
    manifest = out / MANIFEST
    if manifest.is_file():
        try:
            listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
            ours = {str(name) for name in listed} | {MANIFEST}
        except (ValueError, KeyError, TypeError) as error:
            raise UsageError(f"{manifest} is damaged ({error}), so careerlens cannot tell its own files from "
                             "yours there; remove that folder or choose another --out") from None
    keep, foreign = [], []
    for entry in out.iterdir():
        if entry.name in ours:
            continue
        if entry.name.startswith(".") or entry.name.lower().startswith("readme"):
            keep.append(entry)
        else:
            foreign.append(entry.name)
    if foreign:
        raise UsageError(f"--out {out} holds files careerlens did not write ({', '.join(sorted(foreign)[:5])}); "
                         "choose an empty or new folder for the report")
    return keep
