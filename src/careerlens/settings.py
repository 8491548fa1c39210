"""Settings read from the environment, declared in one place as datasette declares its settings.

Every ``CAREERLENS_*`` variable careerlens reads is a :class:`Setting` in
:data:`SETTINGS`: its name, default, help and the parser that checks its text.
Modules read a setting with :func:`get` at the moment they need it (never at
import), so a test or a shell can change the environment between calls. A value
that does not parse is a usage error (exit code 2) naming the variable.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from careerlens.errors import UsageError


def _text(raw: str) -> str | None:
    """The text as it is; unset or empty means the default."""
    return raw or None


def _stripped(raw: str) -> str | None:
    """The text without surrounding spaces; blank means the default."""
    return raw.strip() or None


def _path(raw: str) -> Path | None:
    return Path(raw) if raw else None


def _seconds(raw: str) -> float | None:
    """A number of seconds, 0 or more; blank means the default."""
    text = raw.strip()
    if not text:
        return None
    seconds = float(text)
    if not 0 <= seconds < math.inf:
        raise ValueError(text)
    return seconds


def _count(raw: str) -> int | None:
    """A whole number, 1 or more; blank means the default."""
    text = raw.strip()
    if not text:
        return None
    count = int(text)
    if count < 1:
        raise ValueError(text)
    return count


@dataclass(frozen=True)
class Setting:
    """One environment variable careerlens reads.

    Parameters
    ----------
    name : str
        The short name modules ask for (``"lock_wait"``); the variable is
        ``CAREERLENS_<NAME>`` (:attr:`env`).
    default : object
        The value when the variable is unset (or blank); None means "not set".
    help : str
        What it is for, in the words of README's Environment paragraph.
    parse : callable
        Text -> value, None for "use the default"; raises ValueError on bad text.
    expects : str
        What a good value is, for the error message ("a number of seconds (0 or more)").
    """

    name: str
    default: object
    help: str
    parse: Callable[[str], object] = _text
    expects: str = "text"

    @property
    def env(self) -> str:
        return f"CAREERLENS_{self.name.upper()}"

    def read(self, environ=None):
        """The setting's value in ``environ`` (default ``os.environ``), checked."""
        raw = (os.environ if environ is None else environ).get(self.env, "")
        try:
            value = self.parse(raw)
        except ValueError:
            raise UsageError(f"{self.env} must be {self.expects}, not {raw.strip()!r}") from None
        return self.default if value is None else value


SETTINGS = (
    Setting("db", Path("careerlens.duckdb"), "the careerlens database file", _path, "a file path"),
    Setting("lock_wait", 30.0, "seconds to wait for another careerlens process using the same database",
            _seconds, "a number of seconds (0 or more)"),
    Setting("downloads", Path("data-downloads"), "where `careerlens fetch` puts files", _path, "a folder path"),
    Setting("user_agent", None, "the User-Agent `careerlens fetch` sends (BLS refuses anonymous clients)",
            _stripped),
    Setting("fetch_base_url", None, "a mirror's base URL for `careerlens fetch`", _text, "a URL"),
    Setting("greenhouse_url", "https://boards-api.greenhouse.io",
            "the Greenhouse job board API's base URL (mirrors, tests)", _stripped, "a URL"),
    Setting("lever_url", "https://api.lever.co", "the Lever postings API's base URL (mirrors, tests)",
            _stripped, "a URL"),
    Setting("ashby_url", "https://api.ashbyhq.com", "the Ashby job posting API's base URL (mirrors, tests)",
            _stripped, "a URL"),
    Setting("usajobs_url", "https://data.usajobs.gov", "the USAJOBS API's base URL (mirrors, tests)",
            _stripped, "a URL"),
    Setting("memory_limit", None, "DuckDB's memory limit, e.g. 3GB (by default DuckDB may use 80% of RAM)"),
    Setting("temp_dir", None, "the folder DuckDB spills to past its memory limit"),
    Setting("slice_rows", None, "postings staged and inserted at a time from a large file (default: as many as "
            "fit in an eighth of DuckDB's memory limit, so that no step spills to disk)", _count,
            "a whole number (1 or more)"),
    Setting("cache_dir", None, "where careerlens keeps what it computes once for every store (the fitted SOC "
            "title coder); default $XDG_CACHE_HOME/careerlens, else ~/.cache/careerlens", _path, "a folder path"),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str):
    """The value of the setting ``name`` (``"db"``, ``"lock_wait"``, ...), read from the environment now."""
    return _BY_NAME[name].read()


def env_name(name: str) -> str:
    """The environment variable of the setting ``name`` (``"lock_wait"`` -> ``"CAREERLENS_LOCK_WAIT"``)."""
    return _BY_NAME[name].env


def cache_dir(environ=None) -> Path:
    """``$CAREERLENS_CACHE_DIR``, else ``careerlens`` in ``$XDG_CACHE_HOME`` (when absolute, as the XDG base
    directory specification asks) or in ``~/.cache``: per user, so a fresh store benefits too."""
    environ = os.environ if environ is None else environ
    chosen = _BY_NAME["cache_dir"].read(environ)
    if chosen is not None:
        return chosen
    xdg = environ.get("XDG_CACHE_HOME", "")
    return (Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache") / "careerlens"
