"""Reading and writing an intake file (YAML or JSON); the checks are the core's.

``<data_dir>/intake.yaml`` is the current intake: ``sicoach start`` writes it and
the commands that need a plan read it when no ``--intake`` is given.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from sicoach.files import write_atomically
from sicoach.program.intake import Intake, IntakeError, parse_intake

__all__ = ["INTAKE_FILE_NAME", "current_intake_path", "read_intake", "write_intake"]

INTAKE_FILE_NAME = "intake.yaml"


def current_intake_path() -> Path:
    """Where the current intake lives: ``<data_dir>/intake.yaml``."""
    from sicoach.settings import get_settings

    return get_settings().data_dir / INTAKE_FILE_NAME


def _looks_like_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or text.lstrip().startswith("{")


def read_intake(path: Path) -> Intake:
    """The intake in ``path``; :class:`IntakeError` lists every problem (file or answers)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise IntakeError([f"(file): cannot read {path}: {exc.strerror or exc}"]) from None
    try:
        data = json.loads(text) if _looks_like_json(path, text) else yaml.safe_load(text)
    except json.JSONDecodeError as exc:
        raise IntakeError([f"line {exc.lineno}: not valid JSON: {exc.msg}"]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else "(file)"
        raise IntakeError([f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}"]) from None
    except RecursionError:
        raise IntakeError(["(file): nested far too deep to be an intake"]) from None
    try:
        return parse_intake(data)
    except RecursionError:
        raise IntakeError(["(file): nested far too deep to be an intake"]) from None


def write_intake(path: Path, intake: Intake) -> None:
    """Write ``intake`` as YAML, all or nothing (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(intake.to_file_dict(), sort_keys=False, allow_unicode=True)
    write_atomically(path, text)
