"""`careerlens fetch` against a local HTTP server: resume, cache, checksums, every failure."""

from __future__ import annotations

import errno
import hashlib
import io
import random
import re
import socket
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

import careerlens
from careerlens import fetch as fetching
from careerlens.cli import main
from careerlens.errors import CareerlensError, InputError, UsageError
from careerlens.fetch import fetch, list_datasets, parse_catalogue

PAYLOAD = random.Random(7).randbytes(300_000)       # several read chunks, so a cut lands mid-file
PAYLOAD_SHA = hashlib.sha256(PAYLOAD).hexdigest()


class FakePublisher(ThreadingHTTPServer):
    """Serves ``files`` (path -> bytes) and misbehaves on request, recording every request."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files: dict[str, bytes] = {}
        self.behaviour: dict[str, set[str]] = {}    # path -> {"cut_once", "ignore_range", "403", "404"}
        self.requests: list[tuple[str, dict]] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def requests_for(self, path: str) -> list[dict]:
        return [headers for p, headers in self.requests if p == path]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server: FakePublisher = self.server
        server.requests.append((self.path, dict(self.headers)))
        behaviour = server.behaviour.get(self.path, set())
        for code in (403, 404):
            if str(code) in behaviour or (code == 404 and self.path not in server.files):
                self.send_error(code)
                return
        body = server.files[self.path]
        etag = f'"{hashlib.md5(body).hexdigest()}"'
        start = 0
        wanted = self.headers.get("Range")
        if wanted and "ignore_range" not in behaviour and self.headers.get("If-Range", etag) == etag:
            start = int(wanted.removeprefix("bytes=").split("-")[0])
            if start >= len(body):
                self.send_error(416)
                return
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(body) - start))
        self.send_header("ETag", etag)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        if "cut_once" in behaviour:
            behaviour.discard("cut_once")
            self.wfile.write(body[start:len(body) // 2])   # then hang up, as a dropped connection does
            return
        self.wfile.write(body[start:])


@pytest.fixture
def publisher():
    server = FakePublisher()
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def one_file_catalogue(url: str, *, sha256: str | None = None, unzip: bool = False, name: str = "sample"):
    pinned = f'sha256 = "{sha256}"' if sha256 else ""
    return parse_catalogue(f"""
[datasets.{name}]
title = "A test dataset"
description = "Served by the test's own HTTP server."
publisher = "tests"
homepage = "http://127.0.0.1/"
licence = "CC0 1.0"
attribution = "none needed"
integrity = "sha256 pinned" 
unzip = {str(unzip).lower()}
[[datasets.{name}.files]]
url = "{url}"
{pinned}
""", source="test catalogue")


@pytest.fixture
def sample(publisher):
    """The 300 kB payload at /files/sample.bin, catalogued with its sha256."""
    publisher.files["/files/sample.bin"] = PAYLOAD
    return one_file_catalogue(publisher.url("/files/sample.bin"), sha256=PAYLOAD_SHA)


def test_download_is_complete_checked_and_recorded(sample, tmp_path):
    calls = []
    result = fetch("sample", tmp_path, catalogue=sample, progress=lambda *a: calls.append(a))
    (fetched,) = result.files
    assert fetched.status == "downloaded" and fetched.bytes_received == len(PAYLOAD)
    assert fetched.path == tmp_path / "sample" / "sample.bin"
    assert fetched.path.read_bytes() == PAYLOAD
    assert not list(tmp_path.rglob("*.part"))
    assert calls[0] == ("sample.bin", 0, len(PAYLOAD)) and calls[-1] == ("sample.bin", len(PAYLOAD), len(PAYLOAD))
    manifest = (tmp_path / "sample" / ".careerlens-fetch" / "manifest.json").read_text()
    assert PAYLOAD_SHA in manifest and '"licence": "CC0 1.0"' in manifest


def test_interrupted_transfer_keeps_the_part_file_and_the_next_call_resumes(publisher, sample, tmp_path):
    publisher.behaviour["/files/sample.bin"] = {"cut_once"}
    with pytest.raises(CareerlensError, match=r"interrupted after 150 kB of 300 kB.*run the same command again"):
        fetch("sample", tmp_path, catalogue=sample)
    part = tmp_path / "sample" / ".careerlens-fetch" / "sample.bin.part"
    assert part.stat().st_size == len(PAYLOAD) // 2
    assert not (tmp_path / "sample" / "sample.bin").exists()

    (fetched,) = fetch("sample", tmp_path, catalogue=sample).files
    assert fetched.status == "resumed" and fetched.bytes_received == len(PAYLOAD) - len(PAYLOAD) // 2
    assert fetched.path.read_bytes() == PAYLOAD
    second = publisher.requests_for("/files/sample.bin")[-1]
    assert second["Range"] == f"bytes={len(PAYLOAD) // 2}-" and second["If-Range"].startswith('"')


def test_server_that_ignores_range_is_downloaded_again_from_the_start(publisher, sample, tmp_path):
    publisher.behaviour["/files/sample.bin"] = {"cut_once", "ignore_range"}
    with pytest.raises(CareerlensError, match="interrupted"):
        fetch("sample", tmp_path, catalogue=sample)
    (fetched,) = fetch("sample", tmp_path, catalogue=sample).files
    assert fetched.status == "downloaded" and fetched.path.read_bytes() == PAYLOAD


def test_file_changed_on_the_server_since_the_part_began_is_fetched_whole(publisher, sample, tmp_path):
    publisher.behaviour["/files/sample.bin"] = {"cut_once"}
    with pytest.raises(CareerlensError, match="interrupted"):
        fetch("sample", tmp_path, catalogue=sample)
    publisher.files["/files/sample.bin"] = PAYLOAD[::-1]     # new ETag: If-Range makes the server send all of it
    catalogue = one_file_catalogue(publisher.url("/files/sample.bin"),
                                   sha256=hashlib.sha256(PAYLOAD[::-1]).hexdigest())
    (fetched,) = fetch("sample", tmp_path, catalogue=catalogue).files
    assert fetched.status == "downloaded" and fetched.path.read_bytes() == PAYLOAD[::-1]


def test_wrong_checksum_deletes_the_download_and_says_expected_and_got(publisher, tmp_path):
    publisher.files["/files/sample.bin"] = PAYLOAD + b"tampered"
    catalogue = one_file_catalogue(publisher.url("/files/sample.bin"), sha256=PAYLOAD_SHA)
    got = hashlib.sha256(PAYLOAD + b"tampered").hexdigest()
    with pytest.raises(CareerlensError, match=f"expected sha256 {PAYLOAD_SHA}, got {got}"):
        fetch("sample", tmp_path, catalogue=catalogue)
    assert [p.name for p in (tmp_path / "sample").rglob("*") if p.is_file()] == []


@pytest.mark.parametrize("status, message", [
    ("403", r"HTTP 403 Forbidden .* BLS refuses clients without a descriptive User-Agent; careerlens sent "
            r"'careerlens/0\.1\.0 .*CAREERLENS_USER_AGENT"),
    ("404", r"HTTP 404 Not Found: http://127\.0\.0\.1:\d+/files/sample\.bin does not exist"),
])
def test_refusals_say_what_to_do(publisher, sample, tmp_path, status, message):
    publisher.behaviour["/files/sample.bin"] = {status}
    with pytest.raises(CareerlensError, match=message):
        fetch("sample", tmp_path, catalogue=sample)


def test_404_for_a_release_names_the_known_releases(publisher, tmp_path):
    with pytest.raises(CareerlensError, match=r"is release 99_9 published\? known releases: .*29_3"):
        fetch("onet", tmp_path, release="99_9", base_url=publisher.url(""))
    assert publisher.requests[-1][0] == "/dl_files/database/db_99_9_text.zip"


def test_no_network_is_a_clear_message(tmp_path):
    with socket.socket() as probe:          # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    catalogue = one_file_catalogue(f"http://127.0.0.1:{port}/x.csv")
    with pytest.raises(CareerlensError, match=rf"cannot reach 127\.0\.0\.1:{port} .*check the network connection"):
        fetch("sample", tmp_path, catalogue=catalogue)


def test_complete_file_is_not_requested_again(publisher, sample, tmp_path):
    fetch("sample", tmp_path, catalogue=sample)
    before = len(publisher.requests)
    (fetched,) = fetch("sample", tmp_path, catalogue=sample).files
    assert fetched.status == "cached" and len(publisher.requests) == before
    fetch("sample", tmp_path, catalogue=sample, force=True)
    assert len(publisher.requests) == before + 1


def test_local_copy_that_fails_its_pinned_checksum_is_replaced(publisher, sample, tmp_path):
    fetch("sample", tmp_path, catalogue=sample)
    (tmp_path / "sample" / "sample.bin").write_bytes(b"damaged")
    (fetched,) = fetch("sample", tmp_path, catalogue=sample).files
    assert fetched.status == "downloaded" and fetched.path.read_bytes() == PAYLOAD


def test_user_agent_is_descriptive_and_configurable(publisher, sample, tmp_path, monkeypatch):
    fetch("sample", tmp_path / "a", catalogue=sample)
    assert publisher.requests[-1][1]["User-Agent"].startswith(f"careerlens/{careerlens.__version__} (")
    monkeypatch.setenv("CAREERLENS_USER_AGENT", "careerlens (jane@example.edu)")
    fetch("sample", tmp_path / "b", catalogue=sample)
    assert publisher.requests[-1][1]["User-Agent"] == "careerlens (jane@example.edu)"


def test_not_enough_free_space_is_refused_before_writing(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(fetching.shutil, "disk_usage", lambda path: type("Usage", (), {"free": 1000})())
    with pytest.raises(CareerlensError, match=r"disk full: the download needs 300 kB but only 1 kB is free"):
        fetch("sample", tmp_path, catalogue=sample)


def test_disk_filling_up_mid_transfer_keeps_what_was_written(sample, tmp_path, monkeypatch):
    real_open = open

    class FillsUp(io.FileIO):
        def write(self, data):
            if self.tell() + len(data) > 100_000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return super().write(data)

    monkeypatch.setattr(fetching, "open", lambda path, mode: FillsUp(path, mode.replace("b", "")),
                        raising=False)
    with pytest.raises(CareerlensError, match="disk full while writing .*sample.bin.part .*run the same command again"):
        fetch("sample", tmp_path, catalogue=sample)
    monkeypatch.setattr(fetching, "open", real_open, raising=False)
    (fetched,) = fetch("sample", tmp_path, catalogue=sample).files
    assert fetched.status == "resumed" and fetched.path.read_bytes() == PAYLOAD


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_zip_is_extracted_into_the_dataset_folder_without_its_wrapper_folder(publisher, tmp_path):
    # O*NET zips wrap their files in one folder (db_29_3_text/...); the dataset folder replaces it.
    publisher.files["/dl_files/database/db_29_3_text.zip"] = zip_of({
        "db_29_3_text/Occupation Data.txt": b"O*NET-SOC Code\tTitle\tDescription\n",
        "db_29_3_text/Read Me.txt": b"test"})
    result = fetch("onet", tmp_path, base_url=publisher.url(""))
    folder = tmp_path / "onet-29_3"
    assert result.folder == folder
    assert sorted(p.name for p in result.extracted) == ["Occupation Data.txt", "Read Me.txt"]
    assert (folder / "Occupation Data.txt").read_bytes().startswith(b"O*NET-SOC Code\t")
    assert (folder / ".careerlens-fetch" / "db_29_3_text.zip").exists()   # kept out of `ingest folder/`

    (folder / "Read Me.txt").unlink()        # a second call re-extracts what is missing, without a request
    before = len(publisher.requests)
    again = fetch("onet", tmp_path, base_url=publisher.url(""))
    assert again.files[0].status == "cached" and len(publisher.requests) == before
    assert (folder / "Read Me.txt").read_bytes() == b"test"


def test_zip_with_paths_outside_the_folder_is_refused(publisher, tmp_path):
    publisher.files["/evil.zip"] = zip_of({"../outside.txt": b"x"})
    catalogue = one_file_catalogue(publisher.url("/evil.zip"), unzip=True)
    with pytest.raises(CareerlensError, match="refusing to extract ../outside.txt"):
        fetch("sample", tmp_path, catalogue=catalogue)
    assert not (tmp_path / "outside.txt").exists()


def test_oe_files_are_fetched_as_a_group(publisher, tmp_path):
    names = ["oe.data.0.Current", "oe.occupation", "oe.industry", "oe.area", "oe.datatype", "oe.footnote"]
    for name in names:
        publisher.files[f"/pub/time.series/oe/{name}"] = f"{name} header\n".encode()
    result = fetch("oe", tmp_path, base_url=publisher.url(""))
    assert [f.path.name for f in result.files] == names
    assert all(f.path.parent == tmp_path / "oe" for f in result.files)


# A tiny file in the aijobs.net layout (written for this test; CRLF line ends as the publisher's).
AIJOBS_CSV = (
    "work_year,experience_level,employment_type,job_title,salary,salary_currency,salary_in_usd,"
    "employee_residence,remote_ratio,company_location,company_size\r\n"
    "2024,SE,FT,Data Scientist,150000,USD,150000,US,0,US,M\r\n"
    "2024,MI,FT,Machine Learning Engineer,90000,EUR,97000,DE,100,DE,L\r\n"
    "2023,EN,PT,Data Analyst,50000,USD,50000,US,50,US,S\r\n"
).encode()


def test_fetched_salaries_csv_ingests_unchanged(publisher, tmp_path, db):
    publisher.files["/foorilla/ai-jobs-net-salaries/main/salaries.csv"] = AIJOBS_CSV
    result = fetch("aijobs-salaries", tmp_path, base_url=publisher.url(""))
    assert result.files[0].path.read_bytes() == AIJOBS_CSV
    (loaded,) = careerlens.ingest(db, [result.folder])          # the work folder is skipped
    assert (loaded.format, loaded.rows_read, loaded.rows_loaded) == ("aijobs", 3, 3)


def test_catalogue_lists_every_dataset_with_its_licence():
    datasets = {d.name: d for d in list_datasets()}
    assert set(datasets) == {"oews-all", "oe", "aijobs-salaries", "onet"}
    assert datasets["oews-all"].files[0].url == "https://www.bls.gov/oes/special-requests/oesm25all.zip"
    assert datasets["onet"].licence == "CC BY 4.0" and "O*NET 29.3 Database" in datasets["onet"].attribution
    assert datasets["aijobs-salaries"].licence.startswith("CC0")
    assert len(datasets["oe"].files) == 6


@pytest.mark.parametrize("release, url", [
    ("24", "https://www.bls.gov/oes/special-requests/oesm24all.zip"),
    (None, "https://www.bls.gov/oes/special-requests/oesm25all.zip"),
])
def test_release_fills_the_address(release, url):
    dataset = fetching.load_catalogue()["oews-all"].for_release(release)
    assert dataset.files[0].url == url and dataset.folder == f"oews-all-{release or '25'}"


@pytest.mark.parametrize("name, release, message", [
    ("nope", None, "no dataset named 'nope'; known: oews-all, oe, aijobs-salaries, onet"),
    ("oews-all", "2024", "'2024' is not a release of 'oews-all'"),
    ("oe", "25", "dataset 'oe' has no releases"),
])
def test_usage_errors(tmp_path, name, release, message):
    with pytest.raises(UsageError, match=message):
        fetch(name, tmp_path, release=release)


@pytest.mark.parametrize("entry, field", [
    ('title = "t"', "datasets.x.description"),
    ('title = "t"\ndescription = "d"\npublisher = "p"\nhomepage = "h"\nlicence = "l"\nattribution = "a"\n'
     'integrity = "i"\n[[datasets.x.files]]\nurl = "ftp://example.org/f"', "datasets.x.files[0].url"),
    ('title = "t"\ndescription = "d"\npublisher = "p"\nhomepage = "h"\nlicence = "l"\nattribution = "a"\n'
     'integrity = "i"\n[[datasets.x.files]]\nurl = "https://example.org/f"\nsha256 = "abc"',
     "datasets.x.files[0].sha256"),
])
def test_bad_catalogue_entries_name_the_key(entry, field):
    with pytest.raises(InputError, match=re.escape(f"my.toml, field '{field}'")) as info:
        parse_catalogue(f"[datasets.x]\n{entry}\n", source="my.toml")
    assert info.value.field == field


def test_cli_lists_datasets_with_licences():
    result = CliRunner().invoke(main, ["fetch", "--list"])
    assert result.exit_code == 0
    assert "aijobs-salaries" in result.output and "licence:   CC BY 4.0" in result.output


def test_cli_downloads_and_says_what_to_ingest(publisher, tmp_path, monkeypatch):
    publisher.files["/foorilla/ai-jobs-net-salaries/main/salaries.csv"] = AIJOBS_CSV
    monkeypatch.setenv("CAREERLENS_FETCH_BASE_URL", publisher.url(""))
    result = CliRunner().invoke(main, ["fetch", "aijobs-salaries", "--dest", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"Next: careerlens ingest {tmp_path / 'aijobs-salaries'}" in result.output
    assert "Licence: CC0 1.0" in result.output


@pytest.mark.parametrize("args, code, message", [
    (["fetch"], 2, "name a dataset, or use --list"),
    (["fetch", "nope"], 2, "no dataset named 'nope'"),
    (["fetch", "aijobs-salaries"], 1, "HTTP 404 Not Found"),
])
def test_cli_errors_exit_cleanly(publisher, tmp_path, monkeypatch, args, code, message):
    monkeypatch.setenv("CAREERLENS_FETCH_BASE_URL", publisher.url(""))
    result = CliRunner().invoke(main, [*args, "--dest", str(tmp_path)])
    assert result.exit_code == code and message in result.output


def test_partial_file_longer_than_the_servers_is_discarded_and_fetched_whole(sample, tmp_path):
    work = tmp_path / "sample" / ".careerlens-fetch"
    work.mkdir(parents=True)
    (work / "sample.bin.part").write_bytes(PAYLOAD + b"left over from another version")   # -> 416
    (fetched,) = fetch("sample", tmp_path, catalogue=sample).files
    assert fetched.status == "downloaded" and fetched.path.read_bytes() == PAYLOAD
