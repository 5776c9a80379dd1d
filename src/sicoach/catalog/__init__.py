"""The exercise catalog: the seed's seven stretches as validated data."""

from sicoach.catalog.errors import (
    CatalogError,
    CatalogFileError,
    FileProblem,
    UnknownExerciseError,
)
from sicoach.catalog.load import (
    CATALOG_SCHEMA,
    Catalog,
    default_catalog,
    load_catalog,
    parse_catalog,
)
from sicoach.catalog.schema import (
    Equipment,
    Exercise,
    Group,
    GroupId,
    HoldSeconds,
    Laterality,
    Position,
    Repetitions,
    RepetitionUnit,
)

__all__ = [
    "CATALOG_SCHEMA",
    "Catalog",
    "CatalogError",
    "CatalogFileError",
    "Equipment",
    "Exercise",
    "FileProblem",
    "Group",
    "GroupId",
    "HoldSeconds",
    "Laterality",
    "Position",
    "RepetitionUnit",
    "Repetitions",
    "UnknownExerciseError",
    "default_catalog",
    "load_catalog",
    "parse_catalog",
]
