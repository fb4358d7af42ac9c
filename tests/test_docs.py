"""Every command documents itself: `--help` works and shows an `Example:` block with at least one `kg` line;
`kg --version` says which version runs."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from kg import __version__
from kg.cli import main


def commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((*path, name))
        if isinstance(command, click.Group):
            found.extend(commands(command, (*path, name)))
    return found


COMMANDS = commands(main)


def test_the_commands_are_all_found():
    assert {"build", "query", "path", "show", "export", "serve", "push"} <= {c[0] for c in COMMANDS}


@pytest.mark.parametrize("command", [(), *COMMANDS], ids=lambda c: " ".join(("kg", *c)))
def test_help_has_an_example(command):
    result = CliRunner().invoke(main, [*command, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout, f"`kg {' '.join(command)} --help` has no Example: block"
    example = result.stdout.split("Example:", 1)[1].split("Options:", 1)[0]
    assert any(line.strip().startswith("kg ") for line in example.splitlines()), example


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"kg, version {__version__}\n"
