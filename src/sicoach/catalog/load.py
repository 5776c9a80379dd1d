"""Load and validate the exercise catalog, all or nothing.

Every file is read and checked before anything is returned, so a bad file reports
every problem in every file at once and the program never runs on half a catalog.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from sicoach.catalog.errors import CatalogFileError, FileProblem, UnknownExerciseError
from sicoach.catalog.schema import Exercise, Group, GroupId, GroupsFile, Reference

__all__ = ["CATALOG_SCHEMA", "Catalog", "default_catalog", "load_catalog", "parse_catalog"]

CATALOG_SCHEMA = "sicoach.catalog/1"
# libyaml's safe loader parses the catalog about 15 times faster than the pure-Python
# one (bench/catalog_figures.py); PyYAML falls back when it was built without it.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
GROUPS_FILE = "groups.yaml"


@dataclass(frozen=True)
class Catalog:
    """The seven stretches in the seed's order, with their groups."""

    exercises: tuple[Exercise, ...]
    groups: tuple[Group, ...]
    general_cautions: tuple[str, ...]
    references: tuple[Reference, ...]

    @property
    def ids(self) -> list[str]:
        """Every exercise id, in the seed's order."""
        return [e.id for e in self.exercises]

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id, or :class:`UnknownExerciseError` naming the closest."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        raise UnknownExerciseError(exercise_id, self.closest_ids(exercise_id))

    def name_of(self, exercise_id: str) -> str:
        """The stretch's name; for an id no longer in the catalog (an old record), its words."""
        known = {e.id: e.name for e in self.exercises}
        return known.get(exercise_id, exercise_id.replace("-", " "))

    def closest_ids(self, text: str, n: int = 3) -> list[str]:
        """The ids that look most like ``text`` (for 'did you mean')."""
        close = difflib.get_close_matches(text, self.ids, n=n, cutoff=0.4)
        if close:
            return close
        return [i for i in self.ids if any(part in i for part in text.split("-") if part)][:n]

    def group(self, group_id: GroupId) -> Group:
        """The group with this id."""
        return next(g for g in self.groups if g.id is group_id)

    def in_group(self, group_id: GroupId) -> list[Exercise]:
        """The exercises of one group, in the seed's order."""
        return [e for e in self.exercises if e.group is group_id]

    def export(self) -> dict[str, Any]:
        """The catalog as DESIGN.md contract 1 (``sicoach.catalog/1``)."""
        return {
            "schema": CATALOG_SCHEMA,
            "groups": [g.model_dump(mode="json") for g in self.groups],
            "general_cautions": list(self.general_cautions),
            "exercises": [_export_exercise(e) for e in self.exercises],
        }


def _export_exercise(exercise: Exercise) -> dict[str, Any]:
    data = exercise.model_dump(mode="json", by_alias=False, exclude={"schema_"})
    data["hold_seconds"] = {
        "start": list(exercise.hold_seconds.start),
        "goal": list(exercise.hold_seconds.goal),
    }
    return data


def _problems_from(path: str, error: ValidationError) -> list[FileProblem]:
    problems = []
    for item in error.errors():
        field = ".".join(str(part) for part in item["loc"]) or "(file)"
        problems.append(FileProblem(path, field.replace("schema_", "schema"), item["msg"]))
    return problems


def _parse_one(
    path: str, text: str, model: type[BaseModel]
) -> tuple[BaseModel | None, list[FileProblem]]:
    try:
        raw = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        return None, [FileProblem(path, where, f"not valid YAML: {exc}")]
    if not isinstance(raw, dict):
        return None, [FileProblem(path, "(file)", "expected a mapping of fields")]
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        return None, _problems_from(path, exc)


def parse_catalog(files: Mapping[str, str]) -> Catalog:
    """Build the catalog from file names and texts; raise with every problem found.

    ``files`` maps each file name to its text: ``groups.yaml`` plus one
    ``<exercise-id>.yaml`` per exercise, whose id must match its name.
    """
    problems: list[FileProblem] = []
    groups_file: GroupsFile | None = None
    exercises: list[Exercise] = []
    if GROUPS_FILE not in files:
        problems.append(FileProblem(GROUPS_FILE, "(file)", "missing"))
    for name in sorted(files):
        model: type[BaseModel] = GroupsFile if name == GROUPS_FILE else Exercise
        parsed, found = _parse_one(name, files[name], model)
        problems.extend(found)
        if isinstance(parsed, GroupsFile):
            groups_file = parsed
        elif isinstance(parsed, Exercise):
            if f"{parsed.id}.yaml" != name:
                problems.append(
                    FileProblem(name, "id", f"id {parsed.id!r} does not match the file name")
                )
            exercises.append(parsed)
    if groups_file is not None:
        problems.extend(_check_groups(groups_file, exercises))
    if problems:
        raise CatalogFileError(problems)
    assert groups_file is not None
    return Catalog(
        exercises=tuple(sorted(exercises, key=lambda e: _seed_order(groups_file, e))),
        groups=tuple(groups_file.groups),
        general_cautions=tuple(groups_file.general_cautions),
        references=tuple(groups_file.references),
    )


def _seed_order(groups_file: GroupsFile, exercise: Exercise) -> tuple[int, int]:
    group_rank = [g.id for g in groups_file.groups].index(exercise.group)
    return group_rank, exercise.order


def _check_groups(groups_file: GroupsFile, exercises: Iterable[Exercise]) -> list[FileProblem]:
    declared = {g.id for g in groups_file.groups}
    problems = [
        FileProblem(f"{e.id}.yaml", "group", f"group {e.group.value!r} is not in {GROUPS_FILE}")
        for e in exercises
        if e.group not in declared
    ]
    seen: dict[tuple[GroupId, int], str] = {}
    for e in exercises:
        key = (e.group, e.order)
        if key in seen:
            problems.append(
                FileProblem(f"{e.id}.yaml", "order", f"same order as {seen[key]} in its group")
            )
        seen[key] = e.id
    return problems


def load_catalog(directory: Path | None = None) -> Catalog:
    """Read every ``*.yaml`` in ``directory`` (default: the packaged data) and validate it."""
    if directory is None:
        root = resources.files("sicoach.catalog") / "data"
        files = {
            p.name: p.read_text(encoding="utf-8")
            for p in root.iterdir()
            if p.name.endswith(".yaml")
        }
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.yaml"))}
    return parse_catalog(files)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The packaged catalog, loaded once per process."""
    return load_catalog()
