"""The pre-commit hooks run exactly the lint and type checks of the test command."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _hook_commands() -> set[str]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    entries = [hook["entry"] for repo in config["repos"] for hook in repo["hooks"]]
    return {entry.removeprefix(".venv/bin/") for entry in entries}


def _test_script_checks() -> set[str]:
    script = (ROOT / "scripts" / "test.sh").read_text(encoding="utf-8")
    lint = script.split('echo "== lint and types"', 1)[1].split('echo "== tests"', 1)[0]
    found = re.findall(r'^"\$VENV/bin/(\w+)"(.*?)(?: \.)?$', lint, flags=re.MULTILINE)
    return {f"{tool}{rest}" for tool, rest in found}


def test_pre_commit_runs_the_same_checks_as_the_test_command() -> None:
    checks = _test_script_checks()
    assert checks == {"ruff check", "ruff format --check", "mypy"}
    assert _hook_commands() == checks


def test_every_hook_uses_the_project_environment_and_fetches_nothing() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    for hook in config["repos"][0]["hooks"]:
        assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/")
