"""Errors raised while loading the exercise catalog.

CatalogError
 ├── CatalogFileError      one or more files failed validation (all problems listed)
 └── UnknownExerciseError  an id that is not in the catalog (with the closest ids)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CatalogError", "CatalogFileError", "FileProblem", "UnknownExerciseError"]


class CatalogError(Exception):
    """Base class for catalog errors."""


@dataclass(frozen=True)
class FileProblem:
    """One problem in one data file: which file, which field, and why."""

    path: str
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.reason}"


class CatalogFileError(CatalogError):
    """The catalog could not be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the exercise catalog has {len(problems)} problem(s):\n{lines}")


class UnknownExerciseError(CatalogError):
    """No exercise has this id; ``suggestions`` holds the closest ids."""

    def __init__(self, exercise_id: str, suggestions: list[str]) -> None:
        self.exercise_id = exercise_id
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown exercise {exercise_id!r}.{hint}")
