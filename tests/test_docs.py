"""The docs keep up with the code, as sqlite-utils' test_docs: every command and option is in README's CLI reference."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from careerlens import settings
from careerlens.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


CLI_REFERENCE = _section("CLI reference")
#: Options every command that opens the database shares (careerlens.cli.db_option): documented once.
SHARED_OPTIONS = ("--db",)


def _rows(command: str) -> list[str]:
    """The CLI reference's table rows whose first cell names ``careerlens <command>``."""
    return [line for line in CLI_REFERENCE.splitlines()
            if line.startswith("|") and re.search(rf"`careerlens {command}\b", line.split("|")[1])]


COMMANDS = sorted(main.commands)
OPTIONS = [(name, flag) for name in COMMANDS for param in main.commands[name].params
           if isinstance(param, click.Option) for flag in param.opts if flag.startswith("--")]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_row_in_the_cli_reference(command):
    assert (main.commands[command].help or "").strip(), f"careerlens {command} has no help text"
    assert _rows(command), f"README's CLI reference has no row for careerlens {command}"


@pytest.mark.parametrize("command, option", OPTIONS)
def test_every_option_is_in_the_cli_reference(command, option):
    if option in SHARED_OPTIONS:
        assert f"`{option}" in CLI_REFERENCE, f"README's CLI reference does not mention {option}"
    else:
        assert any(re.search(rf"{re.escape(option)}\b", row) for row in _rows(command)), \
            f"README's CLI reference row for careerlens {command} does not mention {option}"


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_in_the_readme(setting):
    assert f"`{setting.env}`" in CLI_REFERENCE, f"README's Environment paragraph does not mention {setting.env}"
