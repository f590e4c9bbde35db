"""Every command documents itself: `--help` works and its help ends with an example.

The commands are discovered from the app, so a new command without help fails here.
"""

from __future__ import annotations

from typing import Any

import pytest
import typer.main

from claimgraph.cli.app import app, main


def all_commands() -> list[tuple[list[str], Any]]:
    """(path, command) for the root, every group and every command under it."""
    found: list[tuple[list[str], Any]] = []

    def walk(path: list[str], command: Any) -> None:
        found.append((path, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk([*path, name], sub)

    walk([], typer.main.get_command(app))
    return found


COMMANDS = all_commands()


def test_cli_help_registers_the_documented_commands():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {
        "extract",
        "eval",
        "kb",
        "demo",
        "kb stats",
        "kb check",
        "kb actors",
        "kb places",
        "ingest",
        "events",
        "show",
        "actors",
        "reconcile",
        "review",
        "review confirm",
        "review edit",
        "eval-clusters",
    } <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_cli_help_ends_with_an_example(path, command):
    text = (command.help or "").strip()
    assert text, f"`claimgraph {' '.join(path)}` has no help"
    last = text.splitlines()[-1].strip()
    assert last.startswith("Example: claimgraph " + " ".join(path)), (
        f"help of `claimgraph {' '.join(path)}` must end with 'Example: claimgraph {' '.join(path)} ...', not {last!r}"
    )


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_cli_help_option_prints_the_example(cli_runner, path, command):
    result = cli_runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    example = command.help.strip().splitlines()[-1].strip()
    assert " ".join(example.split()) in " ".join(result.stdout.split())


def test_cli_help_no_arguments_shows_help(cli_runner):
    result = cli_runner.invoke(app, [])
    assert "Usage: claimgraph" in result.output
    assert "extract" in result.output


def test_cli_help_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("claimgraph ")
