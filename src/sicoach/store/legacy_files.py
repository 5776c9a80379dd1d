"""Files older sicoach versions wrote before there was a database.

``<data_dir>/intake.yaml`` (the current intake) and ``<data_dir>/sessions/<id>.json``
(one session record each). They are read here and imported by
:mod:`sicoach.services.legacy`; they are never changed or deleted. A session the
database refuses is written the same way (:func:`keep_session_file`), so the next
start imports it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

from sicoach.files import write_atomically
from sicoach.session.script_model import SessionRecord

__all__ = ["LegacyFile", "keep_session_file", "read_legacy_files"]


@dataclass(frozen=True)
class LegacyFile:
    """One legacy file: path under the data directory, content hash, kind, when it was last
    written, and its parsed data (or the problem that stopped it being read)."""

    path: str
    sha256: str
    kind: str
    modified_at: datetime
    data: object
    problem: str | None


def _read(data_dir: Path, path: Path, kind: str) -> LegacyFile:
    raw = path.read_bytes()
    relative = path.relative_to(data_dir).as_posix()
    digest = hashlib.sha256(raw).hexdigest()
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    try:
        data = yaml.safe_load(raw) if kind == "intake" else json.loads(raw)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        return LegacyFile(relative, digest, kind, modified, None, f"cannot be read: {exc}")
    return LegacyFile(relative, digest, kind, modified, data, None)


def read_legacy_files(data_dir: Path) -> list[LegacyFile]:
    """The intake file and session files under ``data_dir``, sessions in name order."""
    files = []
    intake = data_dir / "intake.yaml"
    if intake.is_file():
        files.append(_read(data_dir, intake, "intake"))
    sessions = data_dir / "sessions"
    if sessions.is_dir():
        files.extend(_read(data_dir, p, "session") for p in sorted(sessions.glob("*.json")))
    return files


def keep_session_file(record: SessionRecord, data_dir: Path) -> Path:
    """Write ``record`` to ``<data_dir>/sessions/<id>.json``, whole or not at all."""
    folder = data_dir / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.id}.json"
    text = json.dumps(record.model_dump(mode="json", by_alias=True), indent=2) + "\n"
    write_atomically(path, text)
    return path
