"""The test tooling: pre-commit runs the test command's checks; PDF tests say what they need."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from tests.needs import POPPLER, require_poppler

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


def test_a_missing_pdf_program_skips_the_test_locally_and_fails_it_under_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing installed
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="pdfinfo not found: install poppler-utils"):
        require_poppler(("pdfinfo",))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run these tests"):
        require_poppler(("pdfinfo",))


def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _marks(function: ast.FunctionDef) -> set[str]:
    return {ast.unparse(d).split("(")[0] for d in function.decorator_list}


def test_every_test_that_reads_a_pdf_with_poppler_is_marked_poppler() -> None:
    unmarked = []
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
        direct = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.List)
            and any(isinstance(e, ast.Constant) and e.value in POPPLER for e in n.elts)
        ]
        assert direct == [], f"{path.name}: run poppler's programs through tests.needs.poppler"
        readers = {"poppler"}
        for function in functions:  # helpers first, as a module defines them
            if not function.name.startswith("test_") and _names_used(function) & readers:
                readers.add(function.name)
        unmarked += [
            f"{path.name}::{f.name}"
            for f in functions
            if f.name.startswith("test_")
            and _names_used(f) & readers
            and "pytest.mark.poppler" not in _marks(f)
        ]
    assert unmarked == []
