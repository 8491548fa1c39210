"""README.md against the code, in the spirit of sqlite-utils' test_docs: the docs keep up with the code.

Every command has help with examples and a row in README's CLI reference, every
option is in its row, every setting in the Environment paragraph. And every name
README mentions exists: commands and their options (in code blocks and in `code`
spans), the choices it lists (``--format table|csv|json|jsonl``), format names,
public views and their columns, environment variables and repository paths.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest

import careerlens
from careerlens import settings
from careerlens.cli import main
from careerlens.cli.boards import BOARD_PROVIDERS
from careerlens.fetch import load_catalogue
from careerlens.sources import all_formats

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CODE_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
PROSE = CODE_BLOCK.sub("", README)
SPANS = [" ".join(span.split()) for span in re.findall(r"`([^`]+)`", PROSE)]
ENDS_A_COMMAND = {"&&", "||", "|", ";", ">", ">>", "<"}


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, re.MULTILINE | re.DOTALL)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


CLI_REFERENCE = _section("CLI reference")
#: Options every command that opens the database shares (careerlens.cli.base.db_option): documented once.
SHARED_OPTIONS = ("--db",)


def _rows(command: str) -> list[str]:
    """The CLI reference's table rows whose first cell names ``careerlens <command>``."""
    return [line for line in CLI_REFERENCE.splitlines()
            if line.startswith("|") and re.search(rf"`careerlens {command}\b", line.split("|")[1])]


COMMANDS = sorted(main.commands)


def _leaf_commands():
    """(name as README writes it, command) for every command, a group's subcommands included."""
    for name in COMMANDS:
        command = main.commands[name]
        if isinstance(command, click.Group):
            for sub in sorted(command.commands):
                yield f"{name} {sub}", command.commands[sub]
        else:
            yield name, command


OPTIONS = [(name, flag) for name, command in _leaf_commands() for param in command.params
           if isinstance(param, click.Option) for flag in param.opts if flag.startswith("--")]


def commands_in_blocks() -> list[list[str]]:
    """Each `careerlens ...` command of README's shell blocks, as its words (comments and redirections cut)."""
    found = []
    for language, body in CODE_BLOCK.findall(README):
        if language not in ("bash", "sh"):
            continue
        current = None
        for token in shlex.split(body, comments=True):
            if token == "careerlens" or token.endswith("/bin/careerlens"):
                current = []
                found.append(current)
            elif token in ENDS_A_COMMAND:
                current = None
            elif current is not None:
                current.append(token)
    return [words for words in found if words]          # a bare `careerlens` (shell completion) names nothing


def commands_in_spans() -> list[list[str]]:
    """Each `careerlens ...` span of README's prose (and `classify --input ...`, a command named without it)."""
    found = []
    for span in SPANS:
        words = span.replace("\\|", "|").split()
        if words[0] == "careerlens" and len(words) > 1:
            found.append(words[1:])
        elif words[0] in main.commands and any(w.startswith("--") for w in words):
            found.append(words)
    return found


MENTIONS = commands_in_blocks() + commands_in_spans()


def options_of(command: click.Command) -> dict[str, click.Parameter]:
    return {name: param for param in command.params for name in param.opts + param.secondary_opts} | {
        "--help": None, "-h": None}


def choices(param) -> list[str] | None:
    return list(param.type.choices) if param is not None and isinstance(param.type, click.Choice) else None


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_examples(name):
    command = main.commands[name]
    assert command.help and "Examples:" in command.help, f"`careerlens {name} --help` has no examples"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_row_in_the_cli_reference(command):
    assert _rows(command), f"README's CLI reference has no row for careerlens {command}"


@pytest.mark.parametrize("command, option", OPTIONS)
def test_every_option_is_in_the_cli_reference(command, option):
    if option in SHARED_OPTIONS:
        assert f"`{option}" in CLI_REFERENCE, f"README's CLI reference does not mention {option}"
    else:
        assert any(re.search(rf"{re.escape(option)}\b", row) for row in _rows(command)), \
            f"README's CLI reference row for careerlens {command} does not mention {option}"


def test_readme_mentions_every_command_at_least_once():
    assert {words[0] for words in MENTIONS} >= set(main.commands)
    assert len(commands_in_blocks()) >= 10 and len(commands_in_spans()) >= 15


@pytest.mark.parametrize("words", MENTIONS, ids=[" ".join(w)[:50] for w in MENTIONS])
def test_every_command_option_and_choice_readme_names_exists(words):
    name, *rest = words
    assert name in main.commands, f"README names `careerlens {name}`, which is no command"
    command = main.commands[name]
    while isinstance(command, click.Group) and rest and rest[0] in command.commands:   # curriculum suggest
        command, rest = command.commands[rest[0]], rest[1:]
    options = options_of(command)
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    previous, named = None, False
    for word in rest:
        bare = word.strip("[],.")
        option = re.match(r"--[a-z][a-z0-9-]*", bare)
        if option:
            assert option.group() in options, f"README: `careerlens {name}` has no option {option.group()}"
            previous = options[option.group()]
            continue
        allowed = choices(previous) if previous is not None and not previous.is_flag else None
        if allowed is None and previous is None and arguments and not named:
            # fetch NAME: a dataset or a job-board provider; the board names after a provider are free
            allowed = choices(arguments[0]) or (sorted(load_catalogue()) + list(BOARD_PROVIDERS) if name == "fetch" else None)
            named = name == "fetch"
        if allowed is not None and bare and not bare.isupper() and bare != "...":
            for value in bare.split("|"):
                assert value in allowed, f"README: `{value}` is not one of {allowed} (careerlens {' '.join(words)})"
        previous = None


def test_every_option_readme_names_on_its_own_belongs_to_a_command():
    every = set().union(*(options_of(c) for c in main.commands.values()))
    alone = [span.split()[0] for span in SPANS if span.startswith("--")]
    assert alone and [o for o in alone if o not in every] == []


def test_the_format_table_names_each_source_format_by_its_source_name():
    table = README[README.index("| format | files | feeds |"):].split("\n\n")[0]
    named = [name for row in table.splitlines()[2:] for name in re.findall(r"`([^`]+)`", row.split("|")[1])]
    formats = {fmt.name: fmt.kind for fmt in all_formats()}
    assert [n for n in named if not fnmatch.filter(formats, n)] == []
    listed = {f for n in named for f in fnmatch.filter(formats, n)}
    assert {f for f, kind in formats.items() if kind != "companion"} - listed == set()


def test_public_views_and_their_columns_exist():
    section = README[README.index("Public views"):README.index("```", README.index("Public views"))]
    bullets = re.findall(r"^- `(\w+)`: (.*?)(?=^- |\Z)", section, re.S | re.M)
    assert [view for view, _ in bullets] == ["postings", "salary_records", "survey_releases", "oews_wages",
                                            "board_postings"]
    with careerlens.open_database(":memory:") as db:
        for view, text in bullets:
            columns = set(db.sql(f"SELECT * FROM {view} LIMIT 0").columns)
            text = " ".join(text.split()).split(" plus ")[0]
            named = {item.split()[0] for item in re.sub(r"\(.*?\)|\band\b", "", text).split(",") if item.strip()}
            named = {n.strip("`.…") for n in named} | set(re.findall(r"`(\w+_\w+)`", text))
            assert named - {""} <= columns, f"README: {view} has no column {sorted(named - columns - {''})}"


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.env)
def test_every_setting_is_in_the_readme(setting):
    assert f"`{setting.env}`" in CLI_REFERENCE, f"README's Environment paragraph does not mention {setting.env}"


def test_environment_variables_readme_names_are_settings():
    named = set(re.findall(r"\bCAREERLENS_[A-Z_]+\b", README))
    assert named and sorted(named - {s.env for s in settings.SETTINGS}) == []


def test_repository_paths_and_links_exist():
    paths = [s for s in SPANS if re.match(r"(data|queries|docs|tests|src|bench|\.ci)/", s)]
    links = [link.split("#")[0] for link in re.findall(r"\]\(([^)]+)\)", README) if "://" not in link]
    assert paths and links
    assert [p for p in paths + links if not (ROOT / p.rstrip("/")).exists()] == []


def test_the_shell_completion_readme_shows_works():
    line = next(line for line in README.splitlines() if "_CAREERLENS_COMPLETE=bash_source" in line)
    assert 'eval "$(_CAREERLENS_COMPLETE=bash_source careerlens)"' in line
    script = subprocess.run([str(Path(sys.executable).with_name("careerlens"))], capture_output=True, text=True,
                            env={**os.environ, "_CAREERLENS_COMPLETE": "bash_source"}, check=True).stdout
    assert "complete -o nosort -F _careerlens_completion careerlens" in script
    completed = subprocess.run([str(Path(sys.executable).with_name("careerlens"))], capture_output=True, text=True,
                               env={**os.environ, "_CAREERLENS_COMPLETE": "bash_complete",
                                    "COMP_WORDS": "careerlens report --curriculum ma", "COMP_CWORD": "3"},
                               check=True).stdout
    assert "plain,maths-for-ml" in completed.splitlines()


def test_the_python_example_runs_on_the_bundled_default(tmp_path, monkeypatch):
    from careerlens.firstrun import build_default_database

    build_default_database(tmp_path / "careerlens.duckdb")
    monkeypatch.chdir(tmp_path)
    (example,) = [body for language, body in CODE_BLOCK.findall(README) if language == "python"]
    names = {}
    exec(compile(example, "README.md", "exec"), names)
    assert len(names["demand"]) > 0 and set(names["wages"]["soc_code"]) == {"15-2051"}
