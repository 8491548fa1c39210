"""Settings: every CAREERLENS_* variable declared once, checked on read, and read nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careerlens import settings
from careerlens.errors import UsageError

SRC = Path(__file__).resolve().parents[1] / "src" / "careerlens"


@pytest.mark.parametrize("name, environ, value", [
    ("db", {}, Path("careerlens.duckdb")),
    ("db", {"CAREERLENS_DB": ""}, Path("careerlens.duckdb")),
    ("db", {"CAREERLENS_DB": "wages.duckdb"}, Path("wages.duckdb")),
    ("lock_wait", {}, 30.0),
    ("lock_wait", {"CAREERLENS_LOCK_WAIT": " 2.5 "}, 2.5),
    ("downloads", {}, Path("data-downloads")),
    ("user_agent", {"CAREERLENS_USER_AGENT": "  "}, None),
    ("user_agent", {"CAREERLENS_USER_AGENT": " careerlens (jane@example.edu) "}, "careerlens (jane@example.edu)"),
    ("fetch_base_url", {"CAREERLENS_FETCH_BASE_URL": "http://mirror"}, "http://mirror"),
    ("memory_limit", {}, None),
    ("temp_dir", {"CAREERLENS_TEMP_DIR": "/tmp/spill"}, "/tmp/spill"),
    ("slice_rows", {}, None),
    ("slice_rows", {"CAREERLENS_SLICE_ROWS": " 50000 "}, 50000),
])
def test_a_setting_is_its_variable_or_its_default(name, environ, value):
    (setting,) = [s for s in settings.SETTINGS if s.name == name]
    assert setting.read(environ) == value


@pytest.mark.parametrize("environ, folder", [
    ({"CAREERLENS_CACHE_DIR": "/srv/cache/careerlens", "XDG_CACHE_HOME": "/xdg"}, "/srv/cache/careerlens"),
    ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/careerlens"),
    ({"XDG_CACHE_HOME": "relative/ignored"}, "/home/jane/.cache/careerlens"),   # the XDG spec: absolute only
    ({}, "/home/jane/.cache/careerlens"),
])
def test_the_cache_folder_is_the_setting_else_the_users_xdg_cache(environ, folder, monkeypatch):
    monkeypatch.setenv("HOME", "/home/jane")
    assert settings.cache_dir(environ) == Path(folder)


def test_a_bad_value_is_a_usage_error_naming_the_variable():
    (setting,) = [s for s in settings.SETTINGS if s.name == "lock_wait"]
    with pytest.raises(UsageError, match=r"CAREERLENS_LOCK_WAIT must be a number of seconds \(0 or more\), not 'x'"):
        setting.read({"CAREERLENS_LOCK_WAIT": " x "})


@pytest.mark.parametrize("raw", ["0", "-3", "1.5", "many"])
def test_slice_rows_must_be_a_whole_number_of_one_or_more(raw):
    (setting,) = [s for s in settings.SETTINGS if s.name == "slice_rows"]
    with pytest.raises(UsageError, match=r"CAREERLENS_SLICE_ROWS must be a whole number \(1 or more\)"):
        setting.read({"CAREERLENS_SLICE_ROWS": raw})


def test_only_the_settings_module_reads_the_environment():
    readers = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                     if re.search(r"os\.environ|os\.getenv|getenv\(", p.read_text(encoding="utf-8")))
    assert readers == ["settings.py"]


def test_every_variable_named_in_the_code_is_a_declared_setting():
    declared = {s.env for s in settings.SETTINGS}
    named = {m for p in SRC.rglob("*.py") for m in re.findall(r"CAREERLENS_[A-Z_]+", p.read_text(encoding="utf-8"))}
    assert named - declared == set()
