"""Docs tests: every CLI command is documented, and README gives the two set-up commands."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from realpolitik.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLI_DOC = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[str]:
    """Every command and subcommand of `group` as a space-separated path ("db info")."""
    out = []
    for name, cmd in sorted(group.commands.items()):
        if cmd.hidden:
            continue
        path = (*prefix, name)
        out.append(" ".join(path))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, path))
    return out


COMMANDS = _commands(main)


def test_the_cli_has_commands():
    assert {"analyze", "actors", "events", "db info", "kb lookup", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_cli_md(command):
    doc = CLI_DOC.read_text(encoding="utf-8")
    # a heading or inline code such as `db info` / `kb lookup NAME`, or an example line
    mentioned = f"`{command}`" in doc or f"`{command} " in doc or f"realpolitik {command}" in doc
    assert mentioned, f"docs/cli.md does not document `realpolitik {command}`"


@pytest.mark.parametrize("target", ["make demo", "make test"])
def test_readme_gives_the_set_up_command(target):
    assert target in README.read_text(encoding="utf-8"), f"README.md does not mention `{target}`"


@pytest.mark.parametrize("target", ["demo", "test"])
def test_the_makefile_has_the_target_readme_names(target):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"Makefile has no `{target}` target"


def test_readme_links_point_at_files():
    links = re.findall(r"\]\(([^)#]+)\)", README.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert local, "README.md links to no docs"
    missing = [link for link in local if not (ROOT / link).exists()]
    assert not missing, f"README.md links to missing files: {missing}"
