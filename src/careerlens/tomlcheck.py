"""Checking a parsed TOML file against a declared format, with errors that name the file, the line and the key.

``tomllib`` reports lines only for syntax errors. :class:`KeyLines` finds the
line each key is written on, and the checks here call ``fail(message, key_path)``,
which the format's parser turns into an :class:`~careerlens.errors.InputError`
naming the file, that line and the dotted key (``module[2].topic[1].id``).
Curriculum files and their claims (:mod:`careerlens.curriculum`,
:mod:`careerlens.claimspec`) share them.
"""

from __future__ import annotations

import difflib
import math
import re


def check_keys(table, keys, at, fail):
    if not isinstance(table, dict):
        fail("must be a table", at)
    required, optional = keys
    for key in table:
        if key not in required and key not in optional:
            allowed = sorted(required | optional)
            guess = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            fail(f"unknown key {key!r} ({hint}allowed here: {', '.join(allowed)})", at + (key,))
    for key in sorted(required):
        if key not in table:
            fail(f"missing required key {key!r}", at)


def text_value(table, key, at, fail) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        fail("must be a non-empty string", at + (key,))
    return value.strip()


def number_value(table, key, at, fail) -> float | None:
    if key not in table:
        return None
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        fail("must be a positive number", at + (key,))
    return float(value)


def data_at(data, key_path):
    for part in key_path:
        data = data[part]
    return data


def dotted(key_path) -> str:
    """``('module', 1, 'topic', 0, 'id')`` -> ``module[2].topic[1].id`` (1-based, as a person counts)."""
    out = ""
    for part in key_path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class KeyLines:
    """Where each key of a TOML text is written, for error messages.

    ``tomllib`` reports lines only for syntax errors; for a semantic error
    (an unknown key, a duplicate id) we find the line of the key ourselves by
    following table headers and ``key =`` lines. Good enough for the files
    this format describes: tables, arrays of tables, and keys at line starts.
    """

    HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
    KEY = re.compile(r'^\s*("[^"]+"|[A-Za-z0-9_\-]+)\s*=')

    def __init__(self, text: str):
        self.lines: dict[tuple, int] = {}
        counts: dict[tuple, int] = {}
        table: tuple = ()
        open_brackets = 0
        in_long_string = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_long_string:
                in_long_string = line.count('"""') % 2 == 0
                continue
            header = self.HEADER.match(line) if open_brackets == 0 else None
            if header:
                names = tuple(part.strip() for part in header.group(2).split("."))
                table = self._resolve(names, counts, is_array=header.group(1) == "[[")
                self.lines.setdefault(table, number)
                continue
            key = self.KEY.match(line) if open_brackets == 0 else None
            if key:
                self.lines.setdefault(table + (key.group(1).strip('"'),), number)
            in_long_string = line.count('"""') % 2 == 1
            open_brackets = max(0, open_brackets + self._bracket_balance(line))

    def _resolve(self, names, counts, *, is_array):
        """Turn ``module.topic`` into ``('module', 2, 'topic', 0)`` for the current arrays."""
        path: tuple = ()
        for i, name in enumerate(names):
            path += (name,)
            last = i == len(names) - 1
            if last and is_array:
                counts[path] = counts.get(path, -1) + 1
                # A new element of a parent array restarts the counts of its children.
                for other in [k for k in counts if len(k) > len(path) and k[:len(path)] == path]:
                    del counts[other]
                path += (counts[path],)
            elif path in counts:
                path += (counts[path],)
        return path

    @staticmethod
    def _bracket_balance(line: str) -> int:
        """Open minus closed square brackets outside strings and comments (multi-line arrays)."""
        balance, quote = 0, None
        for ch in line:
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "#":
                break
            elif ch == "[":
                balance += 1
            elif ch == "]":
                balance -= 1
        return balance

    def line_of(self, key_path) -> int | None:
        """The line of the key (or of the nearest enclosing table that was written)."""
        path = tuple(key_path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None
