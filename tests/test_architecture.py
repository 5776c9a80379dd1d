"""The layers of DESIGN.md: the core imports nothing from the adapters or their libraries."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "sicoach"

CORE = ["catalog", "figures", "screening", "program", "session", "outcomes", "vision", "rules"]
ADAPTER_PACKAGES = ["store", "services", "web", "cli", "documents", "capture", "settings"]
ADAPTER_LIBRARIES = [
    "sqlalchemy",
    "alembic",
    "psycopg",
    "fastapi",
    "starlette",
    "uvicorn",
    "jinja2",
    "typer",
    "rich",
    "httpx",
    "cv2",
    "mediapipe",
    "fpdf",
    "matplotlib",
    "platformdirs",
    "icalendar",
    "fhir",
    "subprocess",
    "socket",
    "sqlite3",
]


def _core_files() -> list[Path]:
    files: list[Path] = []
    for name in CORE:
        package = SRC / name
        if package.is_dir():
            files.extend(sorted(package.rglob("*.py")))
        elif (SRC / f"{name}.py").exists():
            files.append(SRC / f"{name}.py")
    return files


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def test_there_is_a_core_to_check() -> None:
    assert len(_core_files()) >= 5


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_module_imports_no_adapter(path: Path) -> None:
    forbidden = [f"sicoach.{p}" for p in ADAPTER_PACKAGES] + ADAPTER_LIBRARIES
    offending = [
        name
        for name in _imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]
    assert offending == [], f"{path.relative_to(SRC)} imports {offending}"


# Adapters call inward too: nothing calls the command line or the web app, and the
# store is below the services that use it.
ADAPTER_LIMITS = {
    "services": ["sicoach.cli", "sicoach.web"],
    "store": ["sicoach.cli", "sicoach.web", "sicoach.services", "sicoach.documents"],
    "documents": ["sicoach.cli", "sicoach.web"],
    "web": ["sicoach.cli"],
    "capture": ["sicoach.cli", "sicoach.web"],
}


def _adapter_files() -> list[tuple[Path, list[str]]]:
    return [
        (path, forbidden)
        for package, forbidden in ADAPTER_LIMITS.items()
        for path in sorted((SRC / package).rglob("*.py"))
    ]


@pytest.mark.parametrize(
    ("path", "forbidden"), _adapter_files(), ids=lambda p: str(p) if isinstance(p, Path) else ""
)
def test_adapter_module_imports_only_inward(path: Path, forbidden: list[str]) -> None:
    offending = [
        name
        for name in _imported_modules(path)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]
    assert offending == [], f"{path.relative_to(SRC)} imports {offending}"
