"""The README is true: every command is documented, and every example prints what it shows."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _examples() -> list[tuple[str, str]]:
    """(command, expected output) pairs from the ```console blocks, in order."""
    pairs: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", README, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output))
    return pairs


def test_every_command_documented():
    """Each CLI command has its own section in the README and an example run."""
    commands = [c for c in _examples()]
    for name in cli.commands:
        assert f"### `taskgraph {name}" in README, name
        assert any(cmd.startswith(f"taskgraph {name}") for cmd, _ in commands), name


def test_two_commands_shown():
    """The README shows make demo and make test."""
    assert "make demo" in README and "make test" in README


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", work / "data")
    (work / "tests" / "fixtures").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "shenxian-2024.gold.json", work / "tests" / "fixtures")
    return work


def test_console_examples(workdir, monkeypatch):
    """Every `$ taskgraph …` line, run from a copy of the repository root, prints exactly what follows it."""
    monkeypatch.chdir(workdir)
    runner = CliRunner()
    examples = _examples()
    assert len(examples) >= 14
    for command, expected in examples:
        args = shlex.split(command)
        assert args[0] == "taskgraph"
        result = runner.invoke(cli, args[1:])
        assert result.output == expected, (
            f"$ {command}\n--- README ---\n{expected}--- actual ---\n{result.output}"
        )


def test_python_api_example(workdir, monkeypatch):
    """The Python API example runs as written."""
    monkeypatch.chdir(workdir)
    block = re.search(r"## Python API.*?```python\n(.*?)```", README, re.S).group(1)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["task"].lead_units[0].as_written == "县财政局〔县国资局〕"
    assert (workdir / "report" / "index.html").exists()
