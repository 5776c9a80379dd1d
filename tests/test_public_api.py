"""Each core package declares its public surface: a sorted ``__all__`` of names that exist."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

import sicoach

CORE_PACKAGES = [
    "catalog",
    "figures",
    "screening",
    "program",
    "session",
    "outcomes",
    "vision",
    "rules",
]


def _isort_style(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: CONSTANTS, then Classes, then functions."""
    if name.isupper():
        return 0, name
    return (1 if name[0].isupper() else 2), name


def _core_modules() -> list[str]:
    names: list[str] = []
    for info in pkgutil.walk_packages(sicoach.__path__, "sicoach."):
        top = info.name.split(".")[1]
        if top in CORE_PACKAGES:
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("module_name", _core_modules())
def test_all_is_sorted_and_every_name_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    exported = getattr(module, "__all__", None)
    if exported is None:
        public = [
            name
            for name, value in vars(module).items()
            if not name.startswith("_")
            and name != "annotations"
            and not isinstance(value, ModuleType)
        ]
        assert public == [], f"{module_name} has public names but no __all__"
        return
    assert list(exported) == sorted(exported, key=_isort_style), f"{module_name}.__all__ order"
    missing = [name for name in exported if not hasattr(module, name)]
    assert missing == []


def test_every_rule_is_public_and_listed_once() -> None:
    import sicoach.rules as rules

    declared = {n for n, v in vars(rules).items() if isinstance(v, rules.Rule)}
    assert declared <= set(rules.__all__)
    assert len({rule.name for rule in rules.RULES}) == len(rules.RULES)
