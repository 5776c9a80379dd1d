"""Loading the catalog is all or nothing, and a bad file says exactly what is wrong."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sicoach.catalog import (
    CatalogFileError,
    UnknownExerciseError,
    default_catalog,
    load_catalog,
    parse_catalog,
)

DATA = Path(str(resources.files("sicoach.catalog") / "data"))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = data
        *parents, leaf = dotted.split("__")
        for key in parents:
            node = node[key]
        if value is _DELETE:
            del node[leaf]
        else:
            node[leaf] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


_DELETE = object()


def test_packaged_catalog_loads_all_seven_stretches() -> None:
    assert len(default_catalog().exercises) == 7


def test_every_problem_in_every_file_is_reported_at_once(data_copy: Path) -> None:
    _edit(data_copy / "hamstring-stretch.yaml", hold_seconds__start=[30, 15])
    _edit(data_copy / "press-up-stretch.yaml", laterality="sideways", steps=[])
    _edit(data_copy / "quadriceps-stretch.yaml", cues=_DELETE, colour="blue")
    (data_copy / "lower-trunk-rotation.yaml").write_text("id: [unclosed\n", encoding="utf-8")

    with pytest.raises(CatalogFileError) as caught:
        load_catalog(data_copy)

    found = {(p.path, p.field) for p in caught.value.problems}
    assert found >= {
        ("hamstring-stretch.yaml", "hold_seconds"),
        ("press-up-stretch.yaml", "laterality"),
        ("press-up-stretch.yaml", "steps"),
        ("quadriceps-stretch.yaml", "cues"),
        ("quadriceps-stretch.yaml", "colour"),
        ("lower-trunk-rotation.yaml", "line 2"),
    }
    message = str(caught.value)
    assert "hamstring-stretch.yaml: hold_seconds" in message
    assert "press-up-stretch.yaml: laterality" in message


@pytest.mark.parametrize(
    ("file", "changes", "field", "reason"),
    [
        ("hamstring-stretch.yaml", {"id": "hamstrings"}, "id", "does not match the file name"),
        ("hamstring-stretch.yaml", {"id": "Ham String"}, "id", "should match pattern"),
        ("press-up-stretch.yaml", {"repetitions": {"min": 10, "max": 5, "per": "session"}},
         "repetitions", "above max"),
        ("hip-adductor-stretch.yaml", {"gaps": []}, "(file)", "source gives no repetitions"),
        ("knee-to-chest-isometric.yaml", {"hold_seconds": {"start": [5, 5], "goal": [0, 5]}},
         "hold_seconds", "0 < min"),
        ("quadriceps-stretch.yaml", {"schema": "sicoach.exercise/9"}, "schema", "sicoach.exercise/1"),
        ("quadriceps-stretch.yaml", {"order": 1}, "order", "same order as"),
    ],
)  # fmt: skip
def test_a_bad_field_names_the_file_the_field_and_the_reason(
    data_copy: Path, file: str, changes: dict[str, object], field: str, reason: str
) -> None:
    _edit(data_copy / file, **changes)
    with pytest.raises(CatalogFileError) as caught:
        load_catalog(data_copy)
    matching = [p for p in caught.value.problems if field in p.field and reason in p.reason]
    assert matching, caught.value.problems


def test_a_missing_groups_file_is_reported(data_copy: Path) -> None:
    (data_copy / "groups.yaml").unlink()
    with pytest.raises(CatalogFileError, match="groups.yaml: \\(file\\): missing"):
        load_catalog(data_copy)


def test_unknown_id_names_the_closest_ids() -> None:
    with pytest.raises(UnknownExerciseError) as caught:
        default_catalog().get("knee-to-chest")
    assert caught.value.suggestions[0] == "knee-to-chest-isometric"


@given(st.text(max_size=300))
def test_any_text_as_an_exercise_file_loads_or_raises_a_catalog_error(text: str) -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in DATA.glob("*.yaml")}
    files["hamstring-stretch.yaml"] = text
    with pytest.raises(CatalogFileError) as caught:
        parse_catalog(files)
    assert all(p.path == "hamstring-stretch.yaml" for p in caught.value.problems)
