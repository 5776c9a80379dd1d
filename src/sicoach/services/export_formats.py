"""File formats for the export document (schema sicoach.export/1), in one registry.

- ``json``: the document itself, UTF-8, indented.
- ``csv``: a zip of CSV files, one per kind of record (see :data:`CSV_TABLES`). Empty
  cells are "none"; nested data (intake answers, plans, screenings) is a JSON cell.

A new format is one more entry in :data:`EXPORT_FORMATS`; ``sicoach export`` lists
whatever is registered, and the FHIR bundle (:func:`sicoach.services.printouts.export_file`),
which is made from the stored records rather than from this document. A format with a
``read`` can also be imported.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sicoach.outcomes.oswestry import SECTIONS
from sicoach.services.bounds import MAX_DEPTH, json_depth
from sicoach.services.errors import ImportRefused

__all__ = ["CSV_TABLES", "EXPORT_FORMATS", "ExportFormat", "read_export"]

Document = dict[str, Any]


@dataclass(frozen=True)
class ExportFormat:
    """How one format writes the document, its file suffix, and how it reads back (if it can)."""

    name: str
    suffix: str
    description: str
    write: Callable[[Document], bytes]
    read: Callable[[bytes], Document] | None


def _write_json(document: Document) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _loads(text: str | bytes, where: str) -> Any:
    """JSON text, refused (not a RecursionError) when nested deeper than the bounds allow."""
    raw = text.encode() if isinstance(text, str) else text
    if json_depth(raw) > MAX_DEPTH:
        raise ImportRefused("the import file", [f"{where}: nested more than {MAX_DEPTH} deep"])
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ImportRefused("the import file", [f"{where}: not valid JSON: {exc}"]) from None


def _read_json(raw: bytes) -> Document:
    data = _loads(raw, "(file)")
    if not isinstance(data, dict):
        raise ImportRefused("the import file", ["(file): expected a sicoach.export/1 document"])
    return data


# --- CSV: one table per kind of record ----------------------------------------------

_STEP = [
    "index",
    "exercise",
    "side",
    "rep",
    "phase",
    "planned_seconds",
    "actual_seconds",
    "outcome",
]
CSV_TABLES: dict[str, list[str]] = {
    "person.csv": ["schema", "exported_at", "id", "display_name", "created_at", "time_zone"],
    "intakes.csv": ["recorded_at", "source", "answers", "screening"],
    "plan_versions.csv": ["number", "created_at", "changed_by", "reason", "plan"],
    "sessions.csv": ["id", "started_at", "ended_at", "completed", "plan_version"],
    "session_steps.csv": ["session_id", *_STEP],
    "pain_ratings.csv": ["kind", "value", "recorded_at", "session_id"],
    "psfs_activities.csv": ["name", "position", "created_at", "retired_at"],
    "psfs_ratings.csv": ["assessment", "recorded_at", "activity", "value"],
    "odi_responses.csv": ["recorded_at", "score", "band", *SECTIONS],
    "care_status.csv": ["status"],
    "care_events.csv": ["at", "kind", "role", "by", "from_state", "to_state", "detail"],
}
# Tables an export made before the plan's life was kept does not have.
OPTIONAL_TABLES = {"care_status.csv", "care_events.csv"}
# Columns an older export does not have (the person's time zone came later).
OPTIONAL_COLUMNS = {"person.csv": ("time_zone",)}
_JSON_CELLS = {"answers", "screening", "plan", "status"}
_INT_CELLS = {"number", "plan_version", "index", "rep", "value", "position", "score", "assessment"}
_FLOAT_CELLS = {"planned_seconds", "actual_seconds"}
_INTEGER = re.compile(r"-?[0-9]{1,18}")
# A zip bomb stops here: the CSV files may unpack to this much in all, and each to at
# most this many times its packed size (text compresses about 5-10 times).
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_UNZIP_RATIO = 200


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in _JSON_CELLS:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _value(name: str, cell: str) -> Any:
    if cell == "":
        return None
    if name in _JSON_CELLS:
        return _loads(cell, f"a {name} cell")
    if name == "completed":
        return {"true": True, "false": False}.get(cell, cell)
    if name in _INT_CELLS or name in SECTIONS:
        # ASCII digits only ("²" is a digit to str.isdigit, not to int), and few enough
        # of them that int() is cheap; anything else stays text for the checks to name.
        return int(cell) if _INTEGER.fullmatch(cell) else cell
    if name in _FLOAT_CELLS:
        try:
            return float(cell)
        except ValueError:
            return cell
    return cell


def _rows(document: Document) -> dict[str, list[dict[str, Any]]]:
    person = document["person"]
    steps = [{"session_id": s["id"], **step} for s in document["sessions"] for step in s["steps"]]
    ratings = [
        {"assessment": n, "recorded_at": a["recorded_at"], "activity": name, "value": value}
        for n, a in enumerate(document["psfs_assessments"])
        for name, value in a["ratings"].items()
    ]
    odi = [
        {"recorded_at": r["recorded_at"], "score": r["score"], "band": r["band"], **r["answers"]}
        for r in document["odi_responses"]
    ]
    return {
        "person.csv": [
            {"schema": document["schema"], "exported_at": document["exported_at"], **person}
        ],
        "intakes.csv": document["intakes"],
        "plan_versions.csv": document["plan_versions"],
        "sessions.csv": document["sessions"],
        "session_steps.csv": steps,
        "pain_ratings.csv": document["pain_ratings"],
        "psfs_activities.csv": document["psfs_activities"],
        "psfs_ratings.csv": ratings,
        "odi_responses.csv": odi,
        "care_status.csv": [{"status": status}] if (status := document.get("care_status")) else [],
        "care_events.csv": document.get("care_events", []),
    }


def _write_csv(document: Document) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in _rows(document).items():
            text = io.StringIO(newline="")
            writer = csv.DictWriter(text, fieldnames=CSV_TABLES[name], extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: _cell(k, row.get(k)) for k in CSV_TABLES[name]})
            archive.writestr(name, text.getvalue())
    return buffer.getvalue()


def _member(archive: zipfile.ZipFile, name: str, budget: list[int]) -> str:
    """One CSV file from the zip as text, read at most up to what is left of ``budget``."""
    info = archive.getinfo(name)
    if info.file_size > budget[0] or info.file_size > MAX_UNZIP_RATIO * max(info.compress_size, 1):
        raise ImportRefused(
            "the import file",
            [f"{name}: unpacks to more than sicoach reads ({info.file_size} bytes)"],
        )
    with archive.open(info) as member:
        data = member.read(budget[0] + 1)
    if len(data) > budget[0]:
        raise ImportRefused("the import file", [f"{name}: unpacks to more than sicoach reads"])
    budget[0] -= len(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused("the import file", [f"{name}: not UTF-8 text: {exc}"]) from None


def _read_tables(raw: bytes) -> dict[str, list[dict[str, Any]]]:
    problems: list[str] = []
    tables: dict[str, list[dict[str, Any]]] = {}
    budget = [MAX_UNZIPPED_BYTES]
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for name, columns in CSV_TABLES.items():
                if name not in archive.namelist():
                    if name not in OPTIONAL_TABLES:
                        problems.append(f"{name}: missing from the zip")
                    continue
                reader = csv.DictReader(io.StringIO(_member(archive, name, budget), newline=""))
                try:
                    older = [c for c in columns if c not in OPTIONAL_COLUMNS.get(name, ())]
                    if reader.fieldnames not in (columns, older):
                        problems.append(f"{name}: expected columns {', '.join(columns)}")
                        continue
                    tables[name] = [{k: _value(k, v) for k, v in row.items()} for row in reader]
                except csv.Error as exc:
                    problems.append(f"{name}: not readable as CSV: {exc}")
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportRefused(
            "the import file", [f"(file): not a zip of CSV files, or a damaged one: {exc}"]
        ) from None
    if problems:
        raise ImportRefused("the import file", problems)
    return tables


def _read_csv(raw: bytes) -> Document:
    tables = _read_tables(raw)
    if len(tables["person.csv"]) != 1:
        raise ImportRefused("the import file", ["person.csv: expected exactly one person"])
    head = dict(tables["person.csv"][0])
    steps: dict[str, list[dict[str, Any]]] = {}
    for row in tables["session_steps.csv"]:
        steps.setdefault(row.pop("session_id"), []).append(row)
    assessments: dict[Any, dict[str, Any]] = {}
    for row in tables["psfs_ratings.csv"]:
        item = assessments.setdefault(
            row["assessment"], {"recorded_at": row["recorded_at"], "ratings": {}}
        )
        item["ratings"][row["activity"]] = row["value"]
    return {
        "schema": head.pop("schema"),
        "exported_at": head.pop("exported_at"),
        "person": head,
        "intakes": tables["intakes.csv"],
        "plan_versions": tables["plan_versions.csv"],
        "sessions": [{**s, "steps": steps.get(s["id"], [])} for s in tables["sessions.csv"]],
        "pain_ratings": tables["pain_ratings.csv"],
        "psfs_activities": tables["psfs_activities.csv"],
        "psfs_assessments": list(assessments.values()),
        "odi_responses": [
            {
                "recorded_at": r["recorded_at"],
                "score": r["score"],
                "band": r["band"],
                "answers": {s: r[s] for s in SECTIONS},
            }
            for r in tables["odi_responses.csv"]
        ],
        "care_status": next((r["status"] for r in tables.get("care_status.csv", [])), None),
        "care_events": tables.get("care_events.csv", []),
    }


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", ".json", "one JSON document", _write_json, _read_json),
    "csv": ExportFormat(
        "csv", ".zip", "a zip of CSV files, one per kind of record", _write_csv, _read_csv
    ),
}


def read_export(raw: bytes) -> Document:
    """The export document from a file's bytes: a zip is read as CSV, anything else as JSON."""
    reader = _read_csv if raw[:4] == b"PK\x03\x04" else _read_json
    return reader(raw)
