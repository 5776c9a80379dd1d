"""The one-page summary of a patient for the chart: a PDF a clinician prints or files.

Who the patient is and what they answered, where the plan stands and its flags, the
prescription in force against the patient's time, adherence over the last weeks, the
pain trend, and the PSFS and Oswestry scores with their minimal important changes
(clinical-facts §5). Black on white with grey rules, DejaVu Sans from matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sicoach.catalog import Catalog
from sicoach.documents.wording import (
    minutes_text,
    outcome_texts,
    repetitions_text,
    seconds_text,
    sides_text,
)
from sicoach.outcomes.pain import PainKind
from sicoach.outcomes.summary import ProgressSummary
from sicoach.program.lifecycle import CareStatus
from sicoach.program.plan_model import Plan
from sicoach.program.questions import QUESTIONS
from sicoach.program.screening import RED_FLAGS

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["LastChange", "PatientSummary", "SummaryDetails", "summary_pdf"]

FONT = "DejaVu"
INK = 0
RULE = 150
SHADE = 238
# The weeks of adherence the page has room for, the latest last.
ADHERENCE_WEEKS = 6
PAIN_WORDS = {
    PainKind.BEFORE: "Before a session",
    PainKind.DURING: "During a session",
    PainKind.AFTER: "After a session",
    PainKind.NEXT_MORNING: "On waking",
}
# The answers a chart needs at a glance, in this order.
KEY_ANSWERS = ("pain.sides", "pain.areas", "pain.weeks", "age", "minutes_per_day")


@dataclass(frozen=True)
class SummaryDetails:
    """What the page says about itself: the day it was made and the clinician printing it."""

    made_on: date
    clinician: str


@dataclass(frozen=True)
class LastChange:
    """The plan version in force: when, by whom and why it was made."""

    created_at: datetime
    changed_by: str
    reason: str


@dataclass(frozen=True)
class PatientSummary:
    """What the page shows about one patient, as plain values (the clinic service fills it).

    ``answers`` are the latest answers with nested sections as dotted fields
    ("pain.weeks"), in the file's order; ``answered_at`` is None before any answers.
    """

    name: str
    status: CareStatus
    version: int | None
    answered_at: datetime | None
    answers: dict[str, Any]
    plan: Plan | None
    minutes_per_day: int | None
    over_time: bool
    last_change: LastChange | None
    progress: ProgressSummary


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _new_pdf(details: SummaryDetails, name: str) -> FPDF:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(auto=True, margin=14)
    fonts = _font_dir()
    pdf.add_font(FONT, "", fonts / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.set_title(f"Patient summary: {name}")
    pdf.set_author("sicoach")
    pdf.set_creation_date(datetime.combine(details.made_on, time(), tzinfo=UTC))
    pdf.set_text_color(INK)
    return pdf


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2.5)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.2)


def _line(pdf: FPDF, text: str, *, size: float = 9, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.multi_cell(0, size * 0.47, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _table(
    pdf: FPDF, widths: Sequence[int], rows: Sequence[Sequence[str]], align: Sequence[str]
) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, "", 8.5)
    pdf.set_draw_color(RULE)
    with pdf.table(
        col_widths=tuple(widths),
        text_align=tuple(align),
        headings_style=FontFace(emphasis="BOLD", fill_color=SHADE),
        line_height=4.4,
        padding=(0.9, 1.4),
    ) as table:
        for row in rows:
            table.row(list(row))


def _words(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return "not given" if value is None else str(value)


def _who(pdf: FPDF, record: PatientSummary) -> None:
    version = record.version
    state = f"Plan {record.status.state.label}" + (f", version {version}" if version else "")
    _line(pdf, state, size=10, bold=True)
    if record.answered_at is None:
        _line(pdf, "No answers yet.")
        return
    answers = record.answers
    _line(pdf, f"Answers given on {record.answered_at:%-d %b %Y}.")
    for field in KEY_ANSWERS:
        if field in answers:
            _line(pdf, f"{QUESTIONS.get(field, field)} {_words(answers[field])}")
    precautions = [
        field.removeprefix("precautions.").replace("_", " ")
        + ("" if value is True else f" {_words(value)}")
        for field, value in answers.items()
        if field.startswith("precautions.") and value not in (False, None, [], 0)
    ]
    names = {f"red_flags.{flag.key}": flag.name for flag in RED_FLAGS}
    yes_flags = [
        names.get(field, field) for field, value in answers.items() if field in names and value
    ]
    _line(pdf, f"Precautions: {', '.join(precautions) or 'none'}.")
    _line(pdf, f"Warning signs answered yes: {', '.join(yes_flags) or 'none'}.")


def _flags(pdf: FPDF, record: PatientSummary) -> None:
    _heading(pdf, "Flags")
    flags = record.status.flags
    if not flags:
        _line(pdf, "None.")
    for flag in flags:
        _line(pdf, f"{flag.kind.label.capitalize()} since {flag.since:%-d %b %Y}: {flag.text}")


def _prescription(pdf: FPDF, record: PatientSummary, catalog: Catalog) -> None:
    _heading(pdf, "Prescription")
    plan = record.plan
    if plan is None or not plan.eligible:
        _line(pdf, "No plan: " + ("the answers raised a red flag." if plan else "no answers yet."))
        return
    rows = [["Stretch", "Hold", "Repetitions", "Sides", "Set by"]]
    for planned in plan.exercises:
        exercise = catalog.get(planned.id)
        rows.append(
            [
                exercise.name,
                seconds_text(planned.hold_seconds),
                repetitions_text(planned, exercise),
                sides_text(planned),
                "clinician" if planned.clinician_dose else "sicoach",
            ]
        )
    _table(pdf, (62, 18, 46, 30, 22), rows, ("LEFT", "RIGHT", "LEFT", "LEFT", "LEFT"))
    pdf.ln(1)
    time_line = f"The plan takes {minutes_text(plan.minutes)} a day"
    if record.minutes_per_day is not None:
        time_line += f"; the patient has {record.minutes_per_day} minutes"
        if record.over_time:
            time_line += ": more than their time"
    _line(pdf, time_line + ".")
    last = record.last_change
    if last is not None:
        _line(pdf, f"Last changed {last.created_at:%-d %b %Y} by {last.changed_by}: {last.reason}")


def _adherence(pdf: FPDF, record: PatientSummary) -> None:
    _heading(pdf, "Sessions each week")
    weeks = record.progress.adherence[-ADHERENCE_WEEKS:]
    if not weeks:
        _line(pdf, "No plan or session yet.")
        return
    rows = [["Week of", "Done", "Stopped part-way", "Planned", "Share done"]]
    for week in weeks:
        share = f"{round(100 * week.done / week.planned)} %" if week.planned else "–"
        rows.append(
            [f"{week.week:%-d %b %Y}", str(week.done), str(week.partial), str(week.planned), share]
        )
    _table(pdf, (40, 25, 40, 25, 25), rows, ("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"))


def _pain(pdf: FPDF, record: PatientSummary) -> None:
    _heading(pdf, "Pain (0 no pain, 10 the worst imaginable)")
    series = [s for s in record.progress.pain if s.points]
    if not series:
        _line(pdf, "No pain ratings yet.")
        return
    rows = [["When", "First", "Latest", "Change"]]
    for kind in series:
        change = kind.change
        words = "–"
        if change:
            words = f"{change.change:+d}" + (", an important change" if change.important else "")
            words += f" ({change.note})"
        first = change.baseline if change else kind.points[0][1]
        rows.append([PAIN_WORDS[kind.kind], f"{first}", f"{kind.points[-1][1]}", words])
    _table(pdf, (40, 16, 16, 106), rows, ("LEFT", "RIGHT", "RIGHT", "LEFT"))


def _outcomes(pdf: FPDF, record: PatientSummary) -> None:
    _heading(pdf, "Function and disability")
    summary = record.progress
    psfs_change, odi_change = outcome_texts(summary)
    if summary.psfs:
        latest = summary.psfs[-1]
        ratings = ", ".join(f"{name} {value}" for name, value in latest.ratings.items())
        _line(
            pdf,
            f"PSFS (0 unable, 10 as before) on {latest.recorded_at:%-d %b %Y}: "
            f"mean {latest.mean:.1f} ({ratings}).",
        )
        if psfs_change:
            _line(pdf, f"First to latest: {psfs_change}.")
    else:
        _line(pdf, "PSFS: not rated yet.")
    scored = [p for p in summary.odi if p.percent is not None]
    if scored:
        last = scored[-1]
        _line(
            pdf,
            f"Oswestry Disability Index on {last.recorded_at:%-d %b %Y}: "
            f"{last.percent} % ({last.band}).",
        )
        if odi_change:
            _line(pdf, f"First to latest: {odi_change}.")
    else:
        _line(pdf, "Oswestry Disability Index: not answered yet.")


def summary_pdf(record: PatientSummary, catalog: Catalog, details: SummaryDetails) -> bytes:
    """The patient's one-page summary for the chart, as PDF bytes."""
    name = record.name
    pdf = _new_pdf(details, name)
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.cell(0, 7, f"Patient summary: {name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 8.5)
    pdf.cell(
        0,
        4.5,
        f"Made on {details.made_on:%-d %b %Y} by {details.clinician} with sicoach.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _heading(pdf, "Patient")
    _who(pdf, record)
    _flags(pdf, record)
    _prescription(pdf, record, catalog)
    _adherence(pdf, record)
    _pain(pdf, record)
    _outcomes(pdf, record)
    return bytes(pdf.output())
