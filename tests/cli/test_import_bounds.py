"""``sicoach import`` refuses out-of-bounds values and damaged files with exit 2 and a reason
(issue 13, findings 3 and 8), and never reads more than it must."""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sicoach.cli import store_access
from sicoach.cli.main import app
from sicoach.services.exchange import export_person
from sicoach.services.export_formats import EXPORT_FORMATS
from sicoach.services.people import local_person
from tests import history

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_store(data_dir: Path) -> Iterator[Path]:
    """Each test imports into its own empty database."""
    store_access.store.cache_clear()
    yield data_dir
    store_access.store().engine.dispose()
    store_access.store.cache_clear()


def _document() -> dict[str, Any]:
    """An export of one person with a pain rating, made in a throwaway database."""
    from sicoach.store.db import open_database
    from sicoach.store.unit_of_work import SqlAlchemyUnitOfWork

    engine = open_database("sqlite://")
    uow = SqlAlchemyUnitOfWork(engine)
    person = local_person(uow)
    history.keep_pain(uow, person.id, "before", 5)
    document = export_person(uow, person.id)
    engine.dispose()
    return document


def _import(tmp_path: Path, raw: bytes) -> tuple[int, str]:
    file = tmp_path / "import.bin"
    file.write_bytes(raw)
    result = runner.invoke(app, ["import", str(file)])
    assert "Traceback" not in result.output
    return result.exit_code, result.stderr


def _json(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()


def _far_session(document: dict[str, Any]) -> None:
    document["sessions"].append(
        {
            "id": "s1",
            "started_at": "9999-12-31T00:00:00+00:00",
            "ended_at": "9999-12-31T00:10:00+00:00",
            "completed": True,
            "plan_version": None,
            "steps": [],
        }
    )


def _year_one_pain(document: dict[str, Any]) -> None:
    document["pain_ratings"][0]["recorded_at"] = "0001-01-01T00:00:00+05:00"


def _huge_value(document: dict[str, Any]) -> None:
    document["psfs_activities"].append(
        {
            "name": "walking",
            "position": 2**63,
            "created_at": document["exported_at"],
            "retired_at": None,
        }
    )


def _nul_name(document: dict[str, Any]) -> None:
    document["person"]["display_name"] = "Ann\u0000"


@pytest.mark.parametrize("change", [_far_session, _year_one_pain, _huge_value, _nul_name])
def test_a_json_import_with_a_value_out_of_bounds_exits_2_and_names_it(
    tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    document = _document()
    change(document)
    code, stderr = _import(tmp_path, _json(document))
    assert code == 2 and "problem" in stderr


def test_json_nested_ten_thousand_deep_exits_2(tmp_path: Path) -> None:
    code, stderr = _import(tmp_path, b"[" * 10_000 + b"]" * 10_000)
    assert code == 2 and "nested" in stderr


def _zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _csv_files() -> dict[str, bytes]:
    raw = EXPORT_FORMATS["csv"].write(_document())
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _bad_crc() -> bytes:
    raw = bytearray(_zip(_csv_files(), zipfile.ZIP_STORED))
    at = raw.index(b"schema,exported_at")
    raw[at] = ord("S")
    return bytes(raw)


def _truncated() -> bytes:
    raw = _zip(_csv_files())
    return raw[: len(raw) // 2]


def _bad_central_directory() -> bytes:
    raw = bytearray(_zip(_csv_files()))
    at = raw.index(b"PK\x01\x02")
    raw[at : at + 4] = b"PK\x09\x09"  # the first entry's signature
    return bytes(raw)


@pytest.mark.parametrize("damaged", [_bad_crc, _truncated, _bad_central_directory])
def test_a_damaged_zip_exits_2_with_a_clear_message(
    tmp_path: Path, damaged: Callable[[], bytes]
) -> None:
    code, stderr = _import(tmp_path, damaged())
    assert code == 2 and "zip" in stderr


def _with_cell(files: dict[str, bytes], name: str, column: str, value: bytes) -> dict[str, bytes]:
    header, *rows = files[name].split(b"\r\n")
    columns = header.split(b",")
    cells = rows[0].split(b",")
    cells[columns.index(column.encode())] = value
    return {**files, name: b"\r\n".join([header, b",".join(cells), *rows[1:]])}


@pytest.mark.parametrize(
    ("name", "column", "value", "problem"),
    [
        ("person.csv", "display_name", b"\xff\xfeAnn", "UTF-8"),
        ("person.csv", "display_name", secrets.token_hex(70_000).encode(), "CSV"),
        ("pain_ratings.csv", "value", "²".encode(), "value"),
        ("pain_ratings.csv", "value", b"9" * 5000, "value"),
    ],
)
def test_a_bad_csv_cell_exits_2_and_names_it(
    tmp_path: Path, name: str, column: str, value: bytes, problem: str
) -> None:
    code, stderr = _import(tmp_path, _zip(_with_cell(_csv_files(), name, column, value)))
    assert code == 2 and problem in stderr


def test_a_zip_that_unpacks_to_far_more_than_it_holds_is_refused_unread(tmp_path: Path) -> None:
    files = _csv_files()
    files["pain_ratings.csv"] += b"\r\n" * 20_000_000
    code, stderr = _import(tmp_path, _zip(files))
    assert code == 2 and "unpacks to more" in stderr
