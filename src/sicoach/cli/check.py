"""``sicoach check`` and ``sicoach record``: the camera form check.

The landmark-file path needs nothing beyond sicoach itself; videos and cameras
need the ``sicoach[camera]`` extra (MediaPipe and OpenCV), imported only here.
"""

from __future__ import annotations

import json
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.markup import escape
from rich.table import Table

from sicoach.cli.common import fail as _fail
from sicoach.cli.common import out

if TYPE_CHECKING:
    from sicoach.vision import CheckResult, Recording

__all__ = ["check", "record", "register"]


def fail(message: str) -> NoReturn:
    """Stop with exit status 2, showing ``message`` as written (brackets are not markup)."""
    _fail(escape(message))


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


VideoArgument = Annotated[
    Path | None, typer.Argument(help="A video file to check.", show_default=False)
]
CameraOption = Annotated[
    int | None,
    typer.Option(
        "--camera", help="Check live from this camera (0: the first).", show_default=False
    ),
]
SecondsOption = Annotated[
    float, typer.Option("--seconds", help="How long to watch a live camera.", min=1.0)
]


def _read_landmarks(path: Path) -> Recording:
    from sicoach.vision import LandmarkFileError, parse_recording

    try:
        with path.open(encoding="utf-8") as handle:
            return parse_recording(handle)
    except OSError as exc:
        fail(f"{path}: cannot read the landmark file ({exc.strerror or exc})")
    except UnicodeDecodeError:
        fail(f"{path}: not a text file of JSON lines")
    except LandmarkFileError as exc:
        fail(f"{path}: {exc}")


def _open(video: Path | None, camera: int | None) -> Any:
    from sicoach.capture.pose import CameraExtraMissing, CaptureError, open_camera, open_video

    try:
        return open_video(video) if video is not None else open_camera(camera or 0)
    except (CameraExtraMissing, CaptureError) as exc:
        fail(str(exc))


def _record_source(
    video: Path | None, camera: int | None, seconds: float, keep_to: Path | None
) -> Recording:
    """Landmarks from a video or a live camera; a live camera's pictures go to ``keep_to``."""
    from sicoach.capture.pose import Frame, load_camera_libraries
    from sicoach.capture.record import record_landmarks

    capture = _open(video, camera)
    if video is not None or keep_to is None:
        return record_landmarks(capture, live=video is None, max_seconds=None if video else seconds)
    cv2, _ = load_camera_libraries()
    size = (int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))
    writer = cv2.VideoWriter(str(keep_to), cv2.VideoWriter_fourcc(*"mp4v"), 30.0, size)
    if not writer.isOpened():
        capture.release()
        fail(f"{keep_to}: cannot keep the camera's pictures for the annotated video")

    def keep(frame: Frame) -> None:
        writer.write(frame.image)

    try:
        return record_landmarks(capture, live=True, max_seconds=seconds, keep=keep)
    finally:
        writer.release()


def _pictures(video: Path) -> Any:
    from sicoach.capture.pose import frames_from, open_video

    return (frame.image for frame in frames_from(open_video(video), live=False))


def _annotate(result: CheckResult, video: Path | None, target: Path) -> None:
    from sicoach.capture.annotate import annotate_video
    from sicoach.capture.pose import CameraExtraMissing, CaptureError
    from sicoach.catalog import default_catalog

    names = {e.id: e.name for e in default_catalog().exercises}
    try:
        pictures = _pictures(video) if video is not None else None
        annotate_video(pictures, result.analysis, names, target)
    except (CameraExtraMissing, CaptureError) as exc:
        fail(str(exc))


def _print_summary(report: dict[str, Any]) -> None:
    from sicoach.catalog import default_catalog

    names = {e.id: e.name for e in default_catalog().exercises}
    summary = report["summary"]
    out.print(
        f"[bold]Camera check[/]: {report['frames']} frames, {summary['seconds']:g} s, "
        f"person seen in {summary['person_seen']:.0%} of them"
    )
    if not report["holds"]:
        out.print("No held stretch was recognised.")
    else:
        table = Table("#", "Stretch", "Side", "From", "To", "Held", "To work on")
        for number, hold in enumerate(report["holds"], start=1):
            table.add_row(
                str(number),
                names.get(hold["exercise"], hold["exercise"]),
                hold["side"],
                f"{hold['start']:.1f} s",
                f"{hold['end']:.1f} s",
                f"{hold['held_seconds']:.1f} s",
                "\n".join(hold["faults"]) or "-",
            )
        out.print(table)
        for exercise, sides in summary["reps"].items():
            counts = ", ".join(f"{side} {n}" for side, n in sides.items())
            out.print(f"Repetitions of {names.get(exercise, exercise)}: {counts}")
    confidence = summary["confidence"]
    view = confidence["view_degrees_from_side"]
    seen_from = "" if view is None else f", camera about {view}° from side-on"
    out.print(
        f"Confidence: [bold]{confidence['level']}[/] "
        f"(visibility {confidence['visibility']:.2f}{seen_from})"
    )
    for reason in confidence["reasons"]:
        out.print(f"  - {reason}")


def check(
    video: VideoArgument = None,
    camera: CameraOption = None,
    landmarks: Annotated[
        Path | None,
        typer.Option(
            "--landmarks", help="A landmark file (JSON lines) to check.", show_default=False
        ),
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", help="json: the sicoach.check/1 report.")
    ] = (CheckFormat.TEXT),
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Also write this MP4 with the skeleton, hold timer and cue.",
            show_default=False,
        ),
    ] = None,
    seconds: SecondsOption = 60.0,
) -> None:
    """Check held stretches: which one, which side, how long, how many, and what to fix."""
    from sicoach.vision import NoPersonError, check_recording

    sources = [s for s in (video, camera, landmarks) if s is not None]
    if len(sources) != 1:
        fail("give exactly one of: a VIDEO file, --camera N, or --landmarks FILE")
    with tempfile.TemporaryDirectory(prefix="sicoach-camera-") as scratch:
        live_pictures = Path(scratch) / "camera.mp4" if camera is not None and annotate else None
        if landmarks is not None:
            recording = _read_landmarks(landmarks)
        else:
            recording = _record_source(video, camera, seconds, live_pictures)
        try:
            result = check_recording(recording)
        except NoPersonError as exc:
            fail(str(exc))
        if annotate is not None:
            _annotate(result, video or live_pictures, annotate)
    if output is CheckFormat.JSON:
        typer.echo(json.dumps(result.report, indent=2, ensure_ascii=False))
    else:
        _print_summary(result.report)


def record(
    video: VideoArgument = None,
    camera: CameraOption = None,
    to: Annotated[
        Path, typer.Option("--out", help="The landmark file to write (JSON lines).")
    ] = Path("landmarks.jsonl"),
    seconds: SecondsOption = 60.0,
) -> None:
    """Save the pose landmarks of a video or a live camera (sicoach.landmarks/1)."""
    from sicoach.capture.record import write_recording

    if (video is None) == (camera is None):
        fail("give exactly one of: a VIDEO file or --camera N")
    recording = _record_source(video, camera, seconds, None)
    write_recording(recording, to)
    seen = int(recording.present.sum())
    out.print(f"Wrote {recording.frames} frames ({seen} with a person) to {to}")


def register(app: typer.Typer) -> None:
    """Add ``check`` and ``record`` to the main command."""
    app.command("check")(check)
    app.command("record")(record)
