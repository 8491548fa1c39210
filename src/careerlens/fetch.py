"""Download the public datasets careerlens reads: resumable, cached and checked.

The catalogue ``data/datasets.toml`` names each dataset with its address,
licence and attribution. :func:`fetch` downloads one into a folder that
``careerlens ingest`` then reads unchanged::

    DEST/<folder>/                     the files (zip archives already extracted)
    DEST/<folder>/.careerlens-fetch/   partial downloads (*.part), archives, manifest.json

``DEST`` defaults to ``./data-downloads``; ``<folder>`` is the dataset name,
followed by the release for datasets published in releases (``onet-29_3``).
The work folder starts with a dot, so ``careerlens ingest`` skips it.

Everything goes through :mod:`urllib` with a descriptive User-Agent (BLS
refuses anonymous clients). An interrupted transfer keeps its ``.part`` file
and the next call resumes it with an HTTP Range request; a file already
complete is not requested again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import http.client
import json
import os
import re
import shutil
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Mapping

from careerlens import settings
from careerlens.errors import CareerlensError, InputError, UsageError
from careerlens.sources.probe import file_sha256
from careerlens.version import __version__

WORK_FOLDER = ".careerlens-fetch"
CHUNK_BYTES = 1 << 16

Progress = Callable[[str, int, "int | None"], None]


@dataclass(frozen=True)
class RemoteFile:
    """One file of a dataset: its address, and what the publisher guarantees about it."""

    url: str
    name: str
    sha256: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Dataset:
    """A catalogue entry (see ``data/datasets.toml`` for the meaning of each field)."""

    name: str
    title: str
    description: str
    publisher: str
    homepage: str
    licence: str
    attribution: str
    integrity: str
    files: tuple[RemoteFile, ...]
    unzip: bool = False
    release: str | None = None
    release_pattern: str | None = None
    known_releases: tuple[str, ...] = ()

    @property
    def folder(self) -> str:
        """The folder under DEST: the name, plus the release when there is one."""
        return self.name if self.release is None else f"{self.name}-{self.release}"

    def for_release(self, release: str | None = None) -> "Dataset":
        """This entry with ``{release}`` filled in (the default release when ``release`` is None).

        Parameters
        ----------
        release : str, optional
            A release such as ``"24"`` (OEWS May 2024) or ``"29_3"`` (O*NET 29.3).
        """
        if self.release is None:
            if release is not None:
                raise UsageError(f"dataset {self.name!r} has no releases; leave out --release")
            return self
        chosen = self.release if release is None else release.strip()
        if self.release_pattern and not re.fullmatch(self.release_pattern, chosen):
            shown = ", ".join(self.known_releases) or self.release
            raise UsageError(f"{chosen!r} is not a release of {self.name!r} (releases look like: {shown})")

        def fill(text: str) -> str:
            return text.replace("{release}", chosen).replace("{release_dots}", chosen.replace("_", "."))

        files = tuple(dataclasses.replace(f, url=fill(f.url), name=fill(f.name)) for f in self.files)
        return dataclasses.replace(self, title=fill(self.title), description=fill(self.description),
                                   attribution=fill(self.attribution), files=files, release=chosen)


@dataclass
class FetchedFile:
    """What happened to one file: ``downloaded``, ``resumed`` or ``cached`` (no request made)."""

    name: str
    path: Path
    status: str
    bytes_received: int = 0


@dataclass
class FetchResult:
    """The outcome of :func:`fetch`: where the files are, and what was transferred."""

    dataset: Dataset
    folder: Path
    files: list[FetchedFile] = field(default_factory=list)
    extracted: list[Path] = field(default_factory=list)

    @property
    def bytes_received(self) -> int:
        return sum(f.bytes_received for f in self.files)


# -- the catalogue ---------------------------------------------------------------------------

_TEXT_FIELDS = ("title", "description", "publisher", "homepage", "licence", "attribution", "integrity")


def parse_catalogue(text: str, source: str = "data/datasets.toml") -> dict[str, Dataset]:
    """Read a catalogue in the ``data/datasets.toml`` format, checking every entry.

    Parameters
    ----------
    text : str
        The TOML text.
    source : str
        The file name errors are reported against.

    Returns
    -------
    dict of str to Dataset
        By name, in file order.
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"not valid TOML: {exc}", file=source) from exc
    entries = raw.get("datasets")
    if not isinstance(entries, dict) or not entries:
        raise InputError("no [datasets.NAME] tables", file=source)
    catalogue = {}
    for name, entry in entries.items():
        catalogue[name] = _parse_entry(name, entry, source)
    return catalogue


def _parse_entry(name: str, entry, source: str) -> Dataset:
    def bad(key: str, why: str):
        return InputError(why, file=source, field=f"datasets.{name}.{key}")

    if not isinstance(entry, dict):
        raise bad("", "must be a table")
    unknown = set(entry) - {*_TEXT_FIELDS, "files", "unzip", "release", "release_pattern", "known_releases"}
    if unknown:
        raise bad(sorted(unknown)[0], "unknown key")
    for key in _TEXT_FIELDS:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise bad(key, "missing, or not a non-empty string")
    files = entry.get("files")
    if not isinstance(files, list) or not files:
        raise bad("files", "needs at least one [[datasets.NAME.files]] table with a url")
    parsed = []
    for i, spec in enumerate(files):
        if not isinstance(spec, dict) or not isinstance(spec.get("url"), str):
            raise bad(f"files[{i}].url", "missing")
        url = spec["url"]
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise bad(f"files[{i}].url", f"not an http(s) address: {url!r}")
        sha = spec.get("sha256")
        if sha is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", str(sha)):
            raise bad(f"files[{i}].sha256", "must be 64 hexadecimal digits")
        size = spec.get("size")
        if size is not None and (not isinstance(size, int) or size < 0):
            raise bad(f"files[{i}].size", "must be a whole number of bytes")
        file_name = spec.get("name") or urllib.parse.unquote(PurePosixPath(urllib.parse.urlsplit(url).path).name)
        if not file_name or "/" in file_name or file_name.startswith("."):
            raise bad(f"files[{i}].name", f"not a plain file name: {file_name!r}")
        parsed.append(RemoteFile(url=url, name=file_name, sha256=sha.lower() if sha else None, size=size))
    names = [f.name for f in parsed]
    if len(set(names)) != len(names):
        raise bad("files", "two files share a name")
    release = entry.get("release")
    if release is not None and not isinstance(release, str):
        raise bad("release", "must be a string, e.g. \"25\"")
    uses_release = any("{release" in text for text in [*(f.url for f in parsed), entry["title"]])
    if uses_release and release is None:
        raise bad("release", "the entry uses {release} but names no default release")
    return Dataset(name=name, **{k: entry[k].strip() for k in _TEXT_FIELDS}, files=tuple(parsed),
                   unzip=bool(entry.get("unzip", False)), release=release,
                   release_pattern=entry.get("release_pattern"),
                   known_releases=tuple(entry.get("known_releases", ())))


def load_catalogue() -> dict[str, Dataset]:
    """The datasets careerlens knows, from the bundled ``data/datasets.toml``."""
    from careerlens.resources import data_text

    return parse_catalogue(data_text("datasets.toml"))


def list_datasets(catalogue: Mapping[str, Dataset] | None = None) -> list[Dataset]:
    """Every catalogue entry, with its default release filled in (for ``fetch --list``)."""
    return [d.for_release() for d in (catalogue or load_catalogue()).values()]


# -- downloading -----------------------------------------------------------------------------

def default_user_agent() -> str:
    """``$CAREERLENS_USER_AGENT``, else ``careerlens/<version> (+<project URL>)``.

    BLS blocks clients that do not say who they are; the project URL comes
    from the package metadata so that it stays right when the project moves.
    """
    override = settings.get("user_agent")
    if override:
        return override

    contact = _project_url()
    return f"careerlens/{__version__} ({f'+{contact}; ' if contact else ''}dataset download for curriculum analytics)"


def _project_url() -> str | None:
    from importlib import metadata

    try:
        meta = metadata.metadata("careerlens")
    except metadata.PackageNotFoundError:
        meta = None
    for entry in (meta.get_all("Project-URL") or []) if meta else []:
        url = entry.split(",", 1)[-1].strip()
        if url.startswith("http"):
            return url
    if meta and (meta.get("Home-page") or "").startswith("http"):
        return meta["Home-page"]
    return None


def fetch(name: str, dest=None, *, release: str | None = None,
          catalogue: Mapping[str, Dataset] | None = None, base_url: str | None = None,
          force: bool = False, progress: Progress | None = None, user_agent: str | None = None,
          timeout: float = 60.0) -> FetchResult:
    """Download a catalogue dataset into ``DEST/<folder>/``, ready for ``careerlens ingest``.

    Parameters
    ----------
    name : str
        A catalogue name (see :func:`list_datasets`), e.g. ``"oe"`` or ``"onet"``.
    dest : str or Path, optional
        The download folder; default ``./data-downloads``.
    release : str, optional
        For datasets published in releases: which one (default: the catalogue's).
    catalogue : mapping of str to Dataset, optional
        Use these entries instead of the bundled catalogue (tests, private mirrors).
    base_url : str, optional
        Fetch every file from this server instead, keeping each URL's path
        (default ``$CAREERLENS_FETCH_BASE_URL``): for mirrors and tests.
    force : bool
        Download again even when a complete copy is present.
    progress : callable, optional
        ``progress(file_name, bytes_done, bytes_total_or_None)``, called as bytes arrive.
    user_agent : str, optional
        Default :func:`default_user_agent`.
    timeout : float
        Seconds to wait for the server before giving up (connect, or a stalled transfer).

    Returns
    -------
    FetchResult
        Raises :class:`CareerlensError` with a message saying what to do for
        every failure: no network, HTTP 403/404/other, checksum mismatch,
        disk full, interrupted transfer (run again to resume).
    """
    entries = catalogue if catalogue is not None else load_catalogue()
    if name not in entries:
        raise UsageError(f"no dataset named {name!r}; known: {', '.join(entries)} (see `careerlens fetch --list`)")
    dataset = entries[name].for_release(release)
    base_url = base_url if base_url is not None else settings.get("fetch_base_url")
    session = _Session(user_agent or default_user_agent(), timeout, progress or (lambda *args: None))
    folder = Path(dest if dest is not None else settings.get("downloads")) / dataset.folder
    work = folder / WORK_FOLDER
    try:
        work.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CareerlensError(f"cannot create the download folder {folder}: {exc.strerror or exc}") from exc
    manifest = _read_manifest(work)
    result = FetchResult(dataset=dataset, folder=folder)
    for remote in dataset.files:
        target = (work if dataset.unzip else folder) / remote.name
        url = _rebase(remote.url, base_url)
        fetched = session.download(url, remote, target, work, dataset, force=force)
        result.files.append(fetched)
        if fetched.status != "cached" or remote.name not in manifest["files"]:
            manifest["files"][remote.name] = {"url": url, "bytes": target.stat().st_size,
                                              "sha256": file_sha256(target),
                                              "fetched_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if dataset.unzip:
        for fetched in result.files:
            record = manifest["extracted"].get(fetched.name)
            done = (record and record["bytes"] == fetched.path.stat().st_size and fetched.status == "cached"
                    and all((folder / p).exists() for p in record["files"]))
            if done and not force:
                result.extracted.extend(folder / p for p in record["files"])
                continue
            paths = _extract(fetched.path, folder, work)
            manifest["extracted"][fetched.name] = {"bytes": fetched.path.stat().st_size,
                                                   "files": [p.relative_to(folder).as_posix() for p in paths]}
            result.extracted.extend(paths)
    manifest.update(dataset=dataset.name, release=dataset.release, licence=dataset.licence,
                    attribution=dataset.attribution, user_agent=session.user_agent)
    (work / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return result


def _rebase(url: str, base_url: str | None) -> str:
    """``url`` with its scheme and host replaced by ``base_url`` (path and query kept)."""
    if not base_url:
        return url
    parts = urllib.parse.urlsplit(url)
    return base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def _read_manifest(work: Path) -> dict:
    path = work / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    manifest.setdefault("files", {})
    manifest.setdefault("extracted", {})
    return manifest


def _megabytes(n: int | None) -> str:
    if n is None:
        return "an unknown size"
    return f"{n / 1e3:,.0f} kB" if n < 1e6 else f"{n / 1e6:,.1f} MB"


class _Session:
    """One fetch's settings, shared by the files it downloads."""

    def __init__(self, user_agent: str, timeout: float, progress: Progress):
        self.user_agent, self.timeout, self.progress = user_agent, timeout, progress

    def download(self, url: str, remote: RemoteFile, target: Path, work: Path, dataset: Dataset,
                 *, force: bool) -> FetchedFile:
        """Make ``target`` a complete, verified copy of ``url``, resuming a ``.part`` if there is one."""
        part, meta = work / f"{remote.name}.part", work / f"{remote.name}.part.json"
        if force:
            for stale in (target, part, meta):
                stale.unlink(missing_ok=True)
        if target.exists():
            if _matches(target, remote):
                return FetchedFile(remote.name, target, "cached")
            target.unlink()  # an old or damaged copy: the publisher's pinned checksum says so
        # A second attempt happens only after a clean restart (the server would not resume).
        for _ in range(2):
            offset = part.stat().st_size if part.exists() else 0
            response = self._open(url, offset, _read_json(meta).get("validator") if offset else None, dataset)
            if response is None:          # 416: our partial file is no prefix of the server's
                _discard(part, meta)
                continue
            with response:
                start = _resume_start(response, offset)
                if start is None:
                    _discard(part, meta)
                    continue
                if start == 0:
                    _discard(part, meta)
                    validator = response.headers.get("ETag") or response.headers.get("Last-Modified")
                    if validator:
                        meta.write_text(json.dumps({"url": url, "validator": validator}), encoding="utf-8")
                length = response.headers.get("Content-Length")
                total = start + int(length) if length and length.isdigit() else remote.size
                _check_space(work, None if total is None else total - start)
                received = self._copy(response, part, start, total, url, remote.name)
            break
        else:
            raise CareerlensError(f"{url}: the server would not send the file from the start; try again later")
        self._verify(part, meta, remote, url)
        os.replace(part, target)
        meta.unlink(missing_ok=True)
        return FetchedFile(remote.name, target, "resumed" if start else "downloaded", received)

    def _open(self, url: str, offset: int, validator: str | None, dataset: Dataset):
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            if validator:
                # The server sends the whole file instead when it changed since the .part began.
                headers["If-Range"] = validator
        request = urllib.request.Request(url, headers=headers)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 416 and offset:
                return None
            raise _http_error(exc.code, exc.reason, url, self.user_agent, dataset) from exc
        except urllib.error.URLError as exc:
            raise _network_error(url, exc.reason) from exc
        except (TimeoutError, ConnectionError, http.client.HTTPException, OSError) as exc:
            raise _network_error(url, exc) from exc

    def _copy(self, response, part: Path, start: int, total: int | None, url: str, label: str) -> int:
        """Append the body to ``part``; an early end keeps ``part`` for the next run to resume."""
        done, problem = start, None
        self.progress(label, done, total)
        try:
            with open(part, "ab" if start else "wb") as fh:
                while True:
                    try:
                        chunk = response.read(CHUNK_BYTES)
                    except (http.client.HTTPException, ConnectionError, TimeoutError, OSError) as exc:
                        problem = exc
                        break
                    if not chunk:
                        break
                    fh.write(chunk)
                    done += len(chunk)
                    self.progress(label, done, total)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise CareerlensError(
                    f"disk full while writing {part} ({_megabytes(done)} of {_megabytes(total)} saved): "
                    "free some space and run the same command again to resume") from exc
            raise CareerlensError(f"cannot write {part}: {exc.strerror or exc}") from exc
        if problem is not None or (total is not None and done < total):
            why = f" ({problem})" if problem else " (the connection closed early)"
            raise CareerlensError(
                f"download of {url} was interrupted after {_megabytes(done)} of {_megabytes(total)}{why}; "
                f"the partial file is kept at {part}: run the same command again to resume")
        return done - start

    def _verify(self, part: Path, meta: Path, remote: RemoteFile, url: str):
        size = part.stat().st_size
        if remote.size is not None and size != remote.size:
            _discard(part, meta)
            raise CareerlensError(
                f"size mismatch for {remote.name} from {url}: expected {remote.size:,} bytes, got {size:,}; "
                "the download was deleted. Run again; if it repeats, the publisher has changed the file "
                "and the catalogue (data/datasets.toml) needs updating")
        if remote.sha256 is not None:
            got = file_sha256(part)
            if got != remote.sha256:
                _discard(part, meta)
                raise CareerlensError(
                    f"checksum mismatch for {remote.name} from {url}: expected sha256 {remote.sha256}, "
                    f"got {got}; the download was deleted. Run again; if it repeats, the publisher has "
                    "changed the file and the catalogue (data/datasets.toml) needs updating")


def _matches(path: Path, remote: RemoteFile) -> bool:
    """A complete file is trusted as it is unless the catalogue pins its size or checksum."""
    if remote.size is not None and path.stat().st_size != remote.size:
        return False
    return remote.sha256 is None or file_sha256(path) == remote.sha256


def _resume_start(response, offset: int) -> int | None:
    """Where the body starts in the file: 0 for a whole file, ``offset`` for a resumed one.

    None when the server answered a range we did not ask for (start over).
    """
    if response.status != 206:
        return 0                       # 200: the server ignored Range, or the file changed (If-Range)
    match = re.match(r"bytes\s+(\d+)-", response.headers.get("Content-Range", ""))
    return offset if match and int(match.group(1)) == offset else None


def _discard(*paths: Path):
    for path in paths:
        path.unlink(missing_ok=True)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _check_space(folder: Path, needed: int | None):
    if needed is None:
        return
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise CareerlensError(
            f"disk full: the download needs {_megabytes(needed)} but only {_megabytes(free)} is free "
            f"in {folder}; free some space or choose another folder with --dest")


def _http_error(code: int, reason: str, url: str, user_agent: str, dataset: Dataset) -> CareerlensError:
    if code == 403:
        return CareerlensError(
            f"HTTP 403 Forbidden from {url}: the server refused the download. BLS refuses clients "
            f"without a descriptive User-Agent; careerlens sent {user_agent!r}. "
            f"Set {settings.env_name('user_agent')} to "
            "one that includes your e-mail address (e.g. 'careerlens (jane@example.edu)') and try again, "
            f"or download the file in a browser from {dataset.homepage} into {dataset.folder}/")
    if code == 404:
        releases = (f" (is release {dataset.release} published? known releases: "
                    f"{', '.join(dataset.known_releases)})" if dataset.release else "")
        return CareerlensError(
            f"HTTP 404 Not Found: {url} does not exist{releases}. The publisher may have moved it; "
            f"see {dataset.homepage}")
    return CareerlensError(f"HTTP {code} {reason} from {url}; the server may be busy: try again later")


def _network_error(url: str, reason) -> CareerlensError:
    host = urllib.parse.urlsplit(url).netloc
    return CareerlensError(
        f"cannot reach {host} ({reason}): check the network connection (or proxy settings, "
        f"HTTPS_PROXY) and run the same command again")


def _extract(archive: Path, folder: Path, work: Path) -> list[Path]:
    """Unpack ``archive`` into ``folder``, dropping a single top-level folder the zip may wrap its files in."""
    staging = work / "unpacking"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
            paths = [PurePosixPath(m.filename) for m in members]
            for p in paths:
                if p.is_absolute() or ".." in p.parts:
                    raise CareerlensError(f"{archive}: refusing to extract {p} (outside the folder)")
            tops = {p.parts[0] for p in paths}
            strip = 1 if len(tops) == 1 and all(len(p.parts) > 1 for p in paths) else 0
            relative = [PurePosixPath(*p.parts[strip:]) for p in paths]
            for member, rel in zip(members, relative):
                out = staging.joinpath(*rel.parts)
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst, CHUNK_BYTES)
    except zipfile.BadZipFile as exc:
        archive.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise CareerlensError(f"{archive.name} is not a readable zip archive ({exc}); it was deleted: "
                              "run the same command again to download it afresh") from exc
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if exc.errno == errno.ENOSPC:
            raise CareerlensError(f"disk full while extracting {archive.name} into {folder}: free some "
                                  "space and run the same command again") from exc
        raise CareerlensError(f"cannot extract {archive.name} into {folder}: {exc.strerror or exc}") from exc
    placed = []
    for rel in relative:
        final = folder.joinpath(*rel.parts)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging.joinpath(*rel.parts), final)
        placed.append(final)
    shutil.rmtree(staging, ignore_errors=True)
    return placed
