"""Camera check analysis: pose landmarks to held stretches, sides, reps and form cues."""

from sicoach.vision.check import CheckResult, NoPersonError, check_recording
from sicoach.vision.landmarks import LandmarkFileError, Recording, parse_recording
from sicoach.vision.report import CHECK_SCHEMA

__all__ = [
    "CHECK_SCHEMA",
    "CheckResult",
    "LandmarkFileError",
    "NoPersonError",
    "Recording",
    "check_recording",
    "parse_recording",
]
