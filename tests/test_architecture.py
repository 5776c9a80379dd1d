"""Which packages each part of sicoach may import: an allow-list (docs/design.md, "Imports").

Every package and top-level module of ``src/sicoach`` has an entry in :data:`ALLOWED`
naming the other sicoach packages it may import and the libraries it may import. An
import that is not listed fails, whether it is absolute or relative, at module level,
inside a function or under ``TYPE_CHECKING``. A new package without an entry fails too.

"Libraries" are third-party packages plus the few standard-library modules that talk to
the outside world (:data:`IO_STDLIB`); the rest of the standard library is free to use.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "sicoach"
DESIGN = ROOT / "docs" / "design.md"


@dataclass(frozen=True)
class May:
    """What one package may import: sicoach packages and libraries (top-level names)."""

    sicoach: frozenset[str]
    libraries: frozenset[str]


def may(sicoach: str = "", libraries: str = "") -> May:
    return May(frozenset(sicoach.split()), frozenset(libraries.split()))


# Standard-library modules that reach processes, sockets, terminals or databases: each
# package that uses one must list it like a library.
IO_STDLIB = frozenset(
    "asyncio http multiprocessing select signal smtplib socket sqlite3 ssl subprocess termios "
    "tty urllib".split()
)

# Libraries of the adapters (storage, web, terminal, documents, camera, network): no
# core package may be allowed one of these.
ADAPTER_LIBRARIES = (
    frozenset(
        "alembic argon2 cv2 fastapi fhir fpdf httpx icalendar itsdangerous jinja2 markupsafe "
        "matplotlib mediapipe platformdirs psycopg rich segno sqlalchemy starlette typer uvicorn "
        "zipcodes".split()
    )
    | IO_STDLIB
)

# The core: pure logic and data, no I/O beyond reading its own package data.
CORE = frozenset("catalog figures program session outcomes vision rules physicians".split())
CORE_LIBRARIES = frozenset("numpy pydantic yaml".split())

ALLOWED: dict[str, May] = {
    # The core.
    "rules": may(),
    "catalog": may("", "pydantic yaml"),
    "figures": may("catalog", "numpy"),
    "program": may("catalog rules", "pydantic"),
    "session": may("catalog program rules", "pydantic"),
    "outcomes": may("rules"),
    "vision": may("catalog figures rules", "numpy"),
    "physicians": may("rules", "pydantic yaml"),
    # Small shared modules.
    "__init__": may(),
    "files": may(),
    "settings": may("", "platformdirs pydantic pydantic_settings urllib"),
    # The adapters.
    "store": may("files outcomes physicians program session", "alembic sqlalchemy yaml"),
    "services": may(
        "catalog documents outcomes physicians program rules session settings store",
        "argon2 httpx pydantic smtplib sqlalchemy ssl urllib",
    ),
    "documents": may(
        "catalog figures outcomes program rules session",
        "fhir fpdf icalendar matplotlib",
    ),
    "capture": may("files vision", "cv2 mediapipe numpy"),
    "bootstrap": may("catalog services settings store", "sqlalchemy"),
    "web": may(
        "catalog documents figures outcomes physicians program rules services session settings "
        "store",
        "asyncio fastapi markupsafe pydantic segno socket sqlalchemy starlette urllib uvicorn",
    ),
    "cli": may(
        "bootstrap capture catalog documents figures files outcomes physicians program rules "
        "services session settings store vision web",
        "pydantic rich select signal sqlalchemy subprocess termios tty typer uvicorn yaml",
    ),
}

# Modules that are adapters inside a core package: they may use these libraries too.
ALSO_ALLOWED: dict[str, May] = {
    "physicians.npi_registry": may("", "httpx"),  # the online NPI Registry (--online)
    "physicians.zip_centres": may("", "zipcodes"),  # ZIP centres from the zipcodes wheel
}


@dataclass(frozen=True)
class Import:
    line: int
    module: str  # absolute dotted name, relative imports resolved


def _module_name(path: Path) -> list[str]:
    parts = ["sicoach", *path.relative_to(SRC).with_suffix("").parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports_in(source: str, module: list[str], is_package: bool) -> Iterator[Import]:
    """Every module ``source`` imports, with ``from .x import y`` made absolute.

    ``module`` is the dotted name of the file, split; ``is_package`` is true for an
    ``__init__.py`` (its relative imports start from itself, not its parent).
    """
    here = module if is_package else module[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (Import(node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level - 1 >= len(here):
                raise AssertionError(f"{'.'.join(module)}:{node.lineno} imports beyond sicoach")
            base = here[: len(here) - node.level + 1] if node.level else []
            base = base + (node.module.split(".") if node.module else [])
            if node.module is None or base == ["sicoach"]:
                # ``from . import plan``, ``from sicoach import rules``: each name is a module.
                dotted = ".".join(base)
                yield from (Import(node.lineno, f"{dotted}.{a.name}") for a in node.names)
            else:
                yield Import(node.lineno, ".".join(base))


def _unit(path: Path) -> str:
    """The entry of :data:`ALLOWED` a file belongs to: its package or top-level module."""
    return path.relative_to(SRC).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[Import]:
    return list(
        imports_in(path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py")
    )


def _is_library(top: str) -> bool:
    if top in IO_STDLIB:
        return True
    return top not in ("sicoach", "__future__") and top not in sys.stdlib_module_names


def _sicoach_target(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "sicoach":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def _units_on_disk() -> set[str]:
    return {_unit(path) for path in _files()}


def test_every_package_has_an_entry_and_every_entry_a_package() -> None:
    assert _units_on_disk() == set(ALLOWED)
    for dotted in ALSO_ALLOWED:
        assert (SRC / (dotted.replace(".", "/") + ".py")).exists(), dotted


def test_the_allow_list_names_only_packages_that_exist() -> None:
    unknown = {u: sorted(m.sicoach - set(ALLOWED)) for u, m in ALLOWED.items()}
    assert {u: names for u, names in unknown.items() if names} == {}


def test_the_core_is_allowed_only_the_core_and_pure_libraries() -> None:
    for unit in sorted(CORE):
        allowed = ALLOWED[unit]
        assert allowed.sicoach <= CORE, unit
        assert allowed.libraries <= CORE_LIBRARIES, unit
        assert not allowed.libraries & ADAPTER_LIBRARIES, unit


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(SRC)))
def test_module_imports_only_what_its_package_allows(path: Path) -> None:
    unit = _unit(path)
    assert unit in ALLOWED, f"{unit!r} has no entry in ALLOWED: say what it may import"
    allowed = ALLOWED[unit]
    dotted = ".".join(_module_name(path)[1:])
    extra = ALSO_ALLOWED.get(dotted, may())
    offending = []
    for imported in _imports(path):
        target = _sicoach_target(imported.module)
        top = imported.module.split(".")[0]
        if target is not None:
            ok = target == unit or target in allowed.sicoach | extra.sicoach
        elif _is_library(top):
            ok = top in allowed.libraries | extra.libraries
        else:
            ok = True
        if not ok:
            offending.append(f"line {imported.line}: {imported.module}")
    assert offending == [], (
        f"{path.relative_to(SRC)} ({unit}) imports what {unit!r} may not: {offending}; "
        "see docs/design.md, 'Imports'"
    )


def _package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {unit: set() for unit in _units_on_disk()}
    for path in _files():
        unit = _unit(path)
        for imported in _imports(path):
            target = _sicoach_target(imported.module)
            if target is not None and target != unit:
                graph[unit].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected groups of more than one package (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group: set[str] = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_two_packages_import_each_other_even_through_others() -> None:
    assert _cycles(_package_graph()) == [], "an import cycle between packages"


def test_cycles_are_found_in_a_small_graph() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]


@pytest.mark.parametrize(
    ("source", "module", "is_package", "expected"),
    [
        ("from ..store import db", "sicoach.services.people", False, "sicoach.store"),
        ("from . import plan", "sicoach.program.intake", False, "sicoach.program.plan"),
        ("from .plan import x", "sicoach.program", True, "sicoach.program.plan"),
        ("from .. import rules", "sicoach.services.people", False, "sicoach.rules"),
        ("from sicoach import rules", "sicoach.web.app", False, "sicoach.rules"),
        ("import sicoach.store.db as db", "sicoach.cli.main", False, "sicoach.store.db"),
        ("from ..rules import X", "sicoach.program.screening", False, "sicoach.rules"),
    ],
)
def test_relative_and_package_imports_are_resolved(
    source: str, module: str, is_package: bool, expected: str
) -> None:
    [imported] = imports_in(source, module.split("."), is_package)
    assert imported.module == expected


def test_imports_inside_functions_and_type_checking_count() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sicoach.store import db\n"
        "def f():\n    import httpx\n"
    )
    names = [i.module for i in imports_in(source, ["sicoach", "program", "plan"], False)]
    assert names == ["typing", "sicoach.store", "httpx"]


def _names(names: frozenset[str]) -> str:
    return ", ".join(f"`{name}`" for name in sorted(names)) or "none"


def allow_list_rows() -> list[str]:
    """The allow-list as the rows of the table in docs/design.md, "Imports"."""
    rows = [
        "| Package | Layer | May import from sicoach | May import libraries |",
        "|---|---|---|---|",
    ]
    for unit, allowed in ALLOWED.items():
        layer = (
            "core"
            if unit in CORE
            else "adapter"
            if allowed.libraries & ADAPTER_LIBRARIES
            else "shared"
        )
        rows.append(
            f"| `{unit}` | {layer} | {_names(allowed.sicoach)} | {_names(allowed.libraries)} |"
        )
    for dotted, allowed in ALSO_ALLOWED.items():
        rows.append(
            f"| `{dotted}` | adapter module | as `{dotted.split('.')[0]}` | "
            f"also {_names(allowed.libraries)} |"
        )
    return rows


def test_the_design_page_shows_this_allow_list() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    begin, end = "<!-- allowed-imports: begin", "<!-- allowed-imports: end -->"
    assert begin in text and end in text, f"{DESIGN} lost its allowed-imports markers"
    block = text.split(begin, 1)[1].split("\n", 1)[1].split(end, 1)[0]
    shown = [line for line in block.splitlines() if line.startswith("|")]
    expected = "\n".join(allow_list_rows())
    assert shown == allow_list_rows(), f"paste this table into docs/design.md:\n{expected}"
