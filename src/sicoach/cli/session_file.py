"""Session records as JSON files in ``<data_dir>/sessions/`` until the database holds them.

Each file is exactly the :class:`SessionRecord` model's JSON, written all or nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from sicoach.session.script_model import SessionRecord

__all__ = ["save_session_record", "sessions_dir"]


def sessions_dir() -> Path:
    """``<data_dir>/sessions``."""
    from sicoach.settings import get_settings

    return get_settings().data_dir / "sessions"


def save_session_record(record: SessionRecord, directory: Path | None = None) -> Path:
    """Write ``record`` to ``<directory>/<id>.json`` (temporary file renamed into place)."""
    folder = directory or sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.id}.json"
    text = json.dumps(record.model_dump(mode="json", by_alias=True), indent=2)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
