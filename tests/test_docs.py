"""Every section the code cites exists in docs/, and nothing points outside the repository.

The code cites "clinical-facts §N" (docs/clinical-basis.md), "physician-finder.md §N"
or "§N.M" (docs/physician-finder.md) and "DESIGN.md contract N" (docs/design.md).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CITING = [
    *sorted((ROOT / "src" / "sicoach").rglob("*.py")),
    *sorted((ROOT / "src" / "sicoach").rglob("*.yaml")),
    *sorted((ROOT / "tests").rglob("*.py")),
    ROOT / "README.md",
    ROOT / "CONTRIBUTING.md",
    *sorted(DOCS.glob("*.md")),
]


def _cited(pattern: str) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for path in CITING:
        text = " ".join(path.read_text(encoding="utf-8").split())
        found.update(tuple(g or "" for g in m.groups()) for m in re.finditer(pattern, text))
    return found


def _sections(page: Path) -> dict[str, str]:
    """Each ``## §N. Title`` section of a page, by N, with its text."""
    parts = re.split(r"^## §(\d+)\. ", page.read_text(encoding="utf-8"), flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_code_cites_sections_at_all() -> None:
    assert len(_cited(r"clinical-facts(?:\.md)? §(\d+)")) >= 5
    assert len(_cited(r"physician-finder(?:\.md)? §(\d+)")) >= 3


def test_every_cited_clinical_facts_section_is_in_the_clinical_basis() -> None:
    sections = _sections(DOCS / "clinical-basis.md")
    cited = {n for (n,) in _cited(r"clinical-facts(?:\.md)? §(\d+)")}
    assert sorted(cited - set(sections)) == []
    assert sorted(sections) == [str(n) for n in range(1, 8)]


def test_every_cited_physician_finder_section_and_rule_exists() -> None:
    sections = _sections(DOCS / "physician-finder.md")
    missing = []
    for number, rule in _cited(r"physician-finder(?:\.md)? §(\d+)(?:\.(\d+))?"):
        if number not in sections:
            missing.append(f"§{number}")
        elif rule and not re.search(rf"^{rule}\. ", sections[number], flags=re.M):
            missing.append(f"§{number}.{rule}")
    assert missing == []


def test_every_cited_contract_is_in_the_design() -> None:
    design = (DOCS / "design.md").read_text(encoding="utf-8")
    contracts = set(re.findall(r"^(\d+)\. \*\*", design, flags=re.M))
    assert contracts == {str(n) for n in range(1, 14)}
    cited = {n for (n,) in _cited(r"(?:DESIGN\.md )?contract (\d+)")}
    assert sorted(cited - contracts, key=int) == []


@pytest.mark.parametrize(
    "path",
    [p for p in CITING if p.suffix in {".md", ".yaml"} or "src" in p.parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_nothing_points_to_the_shared_folder_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"(?:\.\./|\b)shared/(?:DESIGN|clinical|physician|seed|style)", text) == []
