"""The camera check as one call: a recording in, the analysis and its report (contract 3) out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sicoach.vision.landmarks import Recording
from sicoach.vision.recognise import Analysis, Template, analyse
from sicoach.vision.report import build_report
from sicoach.vision.templates import default_templates

__all__ = ["CheckResult", "NoPersonError", "check_recording"]


class NoPersonError(ValueError):
    """The recording has no frame with a person in it."""


@dataclass(frozen=True)
class CheckResult:
    """What the check found, and the report that says it."""

    analysis: Analysis
    report: dict[str, Any]


def check_recording(
    recording: Recording, templates: Sequence[Template] | None = None
) -> CheckResult:
    """Analyse ``recording`` against every stretch (or ``templates``) and report.

    A recording that never shows a person raises :class:`NoPersonError`; one that
    shows a person only part of the time is reported for what was seen.
    """
    if recording.frames == 0 or not recording.present.any():
        raise NoPersonError(f"no person was found in the recording ({recording.frames} frames)")
    analysis = analyse(recording, default_templates() if templates is None else templates)
    return CheckResult(analysis, build_report(analysis))
