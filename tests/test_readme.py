"""The README is true: every command is documented, and every example prints what it shows.

Each ``$ taskgraph …`` line of a ```console block is run from a copy of the repository's data
and must print exactly the lines under it. ``pytest tests/test_readme.py --regen-golden``
rewrites those lines from the current code (then read the diff before committing it).
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from taskgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README_PATH = ROOT / "README.md"
README = README_PATH.read_text(encoding="utf-8")
BLOCK = re.compile(r"(```console\n)(.*?)(```)", re.S)


def _examples(text: str = README) -> list[tuple[str, str]]:
    """(command, expected output) pairs from the ```console blocks, in order."""
    pairs: list[tuple[str, str]] = []
    for block in BLOCK.finditer(text):
        for chunk in re.split(r"^\$ ", block.group(2), flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output))
    return pairs


def _run(command: str) -> str:
    args = shlex.split(command)
    assert args[0] == "taskgraph", command
    result = CliRunner().invoke(cli, args[1:])
    return result.output


def test_every_command_documented():
    """Each CLI command has its own section in the README and an example run."""
    commands = _examples()
    for name in cli.commands:
        assert f"### `taskgraph {name}" in README, name
        assert any(cmd.startswith(f"taskgraph {name}") for cmd, _ in commands), name


def test_every_measure_in_the_glossary_table():
    """The README's glossary lists every measure the glossary defines with a formula."""
    from taskgraph.analysis.glossary import GLOSSARY

    for name, measure in GLOSSARY.items():
        if measure.formula not in ("", "—"):
            assert f"| `{name}` |" in README, name


def test_two_commands_shown():
    """The README shows make demo and make test, and CI calls the README's test command."""
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A copy of what the examples read: data/, the gold annotation, the bundled examples."""
    work = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", work / "data")
    (work / "tests" / "fixtures").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "fixtures" / "shenxian-2024.gold.json", work / "tests" / "fixtures")
    return work


def test_console_examples(workdir, monkeypatch, request):
    """Every `$ taskgraph …` line, run from a copy of the repository root, prints exactly what follows it."""
    monkeypatch.chdir(workdir)
    if request.config.getoption("--regen-golden"):

        def fill(match: re.Match[str]) -> str:
            body = ""
            for chunk in re.split(r"^\$ ", match.group(2), flags=re.M)[1:]:
                command = chunk.partition("\n")[0]
                body += f"$ {command}\n{_run(command)}"
            return match.group(1) + body + match.group(3)

        README_PATH.write_text(BLOCK.sub(fill, README), encoding="utf-8")
        return
    examples = _examples()
    assert len(examples) >= 14
    for command, expected in examples:
        actual = _run(command)
        assert actual == expected, f"$ {command}\n--- README ---\n{expected}--- actual ---\n{actual}"


def test_python_api_example(workdir, monkeypatch):
    """The Python API example runs as written."""
    monkeypatch.chdir(workdir)
    block = re.search(r"## Python API.*?```python\n(.*?)```", README, re.S).group(1)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)
    assert namespace["task"].lead_units[0].as_written == "县财政局〔县国资局〕"
    assert (workdir / "report" / "index.html").exists()
