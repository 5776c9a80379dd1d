"""The printed home program: a PDF a clinician hands over or a person prints.

A cover (name, date, clinician, today's dose table, the advice to check with a
doctor), one page per stretch in the plan (start and stretched pictures from the
figure model, numbered steps, key points, dose with its build-up, cautions in a
box), and a four-week log with where the content comes from. Stretches the plan
leaves out are not printed.

Black on white with grey rules only, so it prints and photocopies cleanly. Text
is set in DejaVu Sans, embedded from the copy matplotlib ships (full Unicode, no
download).
"""

from __future__ import annotations

import html
import io
import logging
import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from sicoach.catalog import Catalog, Exercise
from sicoach.documents.wording import (
    build_up_text,
    dose_text,
    holding_seconds,
    minutes_text,
    repetitions_text,
    seconds_text,
    sides_text,
)
from sicoach.program.plan_model import Plan, PlannedExercise
from sicoach.program.screening import EMERGENCY_SIGNS
from sicoach.session.script import one_round

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["HandoutDetails", "Paper", "Picture", "PictureSource", "handout_pdf", "same_scale"]

FONT = "DejaVu"
INK = 0
RULE = 150
SHADE = 238
LOG_DAYS = 28
REVIEW_TITLE = "Ask your clinician to review this plan before you start"
PICTURES_MAX_H = 110.0
# Below this the pictures would be too small to read; the cautions move on instead.
PICTURES_MIN_H = 50.0
PICTURE_GAP = 5.0
CAPTION_H = 6.0
# A layout with fewer rows wins unless the other draws pictures this much larger.
GRID_SIZE_TOLERANCE = 0.75


class Paper(StrEnum):
    """Paper sizes the handout is laid out for."""

    A4 = "a4"
    LETTER = "letter"


@dataclass(frozen=True)
class HandoutDetails:
    """What the cover says besides the plan."""

    made_on: date
    person_name: str | None = None
    clinician: str | None = None
    paper: Paper = Paper.A4


@dataclass(frozen=True)
class Picture:
    """One key pose of a stretch, as SVG, with the caption printed under it."""

    caption: str
    svg: str

    @property
    def view_box(self) -> tuple[float, float, float, float] | None:
        """The SVG's viewBox as (x, y, width, height), if it has one."""
        found = _VIEW_BOX.search(self.svg)
        if found is None:
            return None
        x, y, w, h = (float(v) for v in re.split(r"[\s,]+", found.group(1).strip()))
        return (x, y, w, h) if w > 0 and h > 0 else None

    @property
    def aspect(self) -> float:
        """Width over height, from the SVG's viewBox (4:3 if it has none)."""
        box = self.view_box
        return box[2] / box[3] if box else 4 / 3

    def framed(self, box: tuple[float, float, float, float]) -> Picture:
        """The same picture with another viewBox (and matching width and height)."""
        x, y, w, h = box
        svg = _VIEW_BOX.sub(f'viewBox="{x:g} {y:g} {w:g} {h:g}"', self.svg, count=1)
        svg = re.sub(r'(<svg\b[^>]*?)\swidth="[^"]*"', rf'\1 width="{w:g}"', svg, count=1)
        svg = re.sub(r'(<svg\b[^>]*?)\sheight="[^"]*"', rf'\1 height="{h:g}"', svg, count=1)
        return Picture(self.caption, svg)

    @property
    def title(self) -> str | None:
        """The SVG's <title>, used as the picture's alternative text in the PDF."""
        found = re.search(r"<title>(.*?)</title>", self.svg, re.DOTALL)
        return html.unescape(found.group(1)).strip() if found else None


PictureSource = Callable[[Exercise], Sequence[Picture]]
_VIEW_BOX = re.compile(r'viewBox="([^"]*)"')


def same_scale(pictures: Sequence[Picture]) -> list[Picture]:
    """The pictures framed by one shared viewBox, so the body is drawn the same size in each.

    The figure model draws every pose of a stretch in the same units, each framed
    tightly; side by side on paper that makes a raised pose look smaller.
    """
    boxes = [p.view_box for p in pictures]
    if not pictures or any(b is None for b in boxes):
        return list(pictures)
    known = [b for b in boxes if b is not None]
    left = min(b[0] for b in known)
    top = min(b[1] for b in known)
    right = max(b[0] + b[2] for b in known)
    bottom = max(b[1] + b[3] for b in known)
    return [p.framed((left, top, right - left, bottom - top)) for p in pictures]


@lru_cache(maxsize=1)
def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _new_pdf(details: HandoutDetails, name_line: str) -> FPDF:
    from fpdf import FPDF

    class _Handout(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_draw_color(RULE)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.set_font(FONT, "", 8)
            self.set_text_color(INK)
            self.cell(0, 6, f"SI joint stretches · {name_line}", align="L")
            self.set_x(self.l_margin)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="R")

    pdf = _Handout(format="A4" if details.paper is Paper.A4 else "Letter", unit="mm")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=20)
    fonts = _font_dir()
    pdf.add_font(FONT, "", fonts / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", fonts / "DejaVuSans-Bold.ttf")
    pdf.set_title("SI joint stretches: home program")
    pdf.set_author("sicoach")
    pdf.set_creation_date(datetime.combine(details.made_on, time(), tzinfo=UTC))
    pdf.set_text_color(INK)
    pdf.set_draw_color(INK)
    return pdf


def _heading(pdf: FPDF, text: str, size: float = 12, space_before: float = 4) -> None:
    pdf.ln(space_before)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _text_width(pdf: FPDF, indent: float = 0) -> float:
    return pdf.w - pdf.l_margin - pdf.r_margin - indent


def _heading_height(pdf: FPDF, text: str, size: float, space_before: float) -> float:
    pdf.set_font(FONT, "B", size)
    return space_before + _lines_needed(pdf, _text_width(pdf), size * 0.5, text) * size * 0.5 + 1


def _paragraph(pdf: FPDF, text: str, size: float = 10.5, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")


def _paragraph_height(pdf: FPDF, text: str, size: float) -> float:
    pdf.set_font(FONT, "", size)
    return _lines_needed(pdf, _text_width(pdf), size * 0.5, text) * size * 0.5


LIST_INDENT = 7


def _list_height(pdf: FPDF, items: Sequence[str], size: float) -> float:
    pdf.set_font(FONT, "", size)
    width = _text_width(pdf, LIST_INDENT)
    return sum(_lines_needed(pdf, width, size * 0.5, item) * size * 0.5 + 1.2 for item in items)


def _list(pdf: FPDF, items: Sequence[str], *, numbered: bool, size: float = 10.5) -> None:
    pdf.set_font(FONT, "", size)
    indent = LIST_INDENT
    for number, item in enumerate(items, start=1):
        marker = f"{number}." if numbered else "•"
        y = pdf.get_y()
        pdf.set_font(FONT, "B" if numbered else "", size)
        pdf.cell(indent, size * 0.5, marker)
        pdf.set_font(FONT, "", size)
        pdf.set_xy(pdf.l_margin + indent, y)
        pdf.multi_cell(0, size * 0.5, item, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.2)


def _lines_needed(pdf: FPDF, width: float, line_h: float, text: str) -> int:
    lines = pdf.multi_cell(width, line_h, text, dry_run=True, output="LINES")
    assert isinstance(lines, list)
    return len(lines)


BOX_PAD = 3.5


def _box_height(pdf: FPDF, lines: Sequence[str], size: float) -> float:
    text_width = _text_width(pdf) - 2 * BOX_PAD - 5
    pdf.set_font(FONT, "", size)
    line_h = size * 0.5
    return (
        BOX_PAD * 2
        + line_h
        + 2
        + sum(_lines_needed(pdf, text_width, line_h, line) * line_h + 1 for line in lines)
    )


def _boxed(pdf: FPDF, title: str, lines: Sequence[str], *, size: float = 10) -> None:
    """A ruled box with a bold title and bulleted lines (cautions, advice)."""
    pad = BOX_PAD
    width = _text_width(pdf)
    text_width = width - 2 * pad - 5
    line_h = size * 0.5
    box_h = _box_height(pdf, lines, size)
    if pdf.get_y() + box_h > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_line_width(0.6)
    pdf.rect(pdf.l_margin, top, width, box_h)
    pdf.set_line_width(0.2)
    pdf.set_xy(pdf.l_margin + pad, top + pad)
    pdf.set_font(FONT, "B", size + 0.5)
    pdf.cell(0, line_h, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for line in lines:
        pdf.set_x(pdf.l_margin + pad)
        pdf.set_font(FONT, "B", size)
        pdf.cell(5, line_h, "!")
        pdf.set_font(FONT, "", size)
        pdf.multi_cell(text_width, line_h, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.set_y(top + box_h)


def _cover(pdf: FPDF, plan: Plan, catalog: Catalog, details: HandoutDetails) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 22)
    pdf.cell(0, 12, "Your SI joint stretches", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    pdf.cell(0, 6, "A home program for sacroiliac joint pain", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    rows = [
        ("Name", details.person_name),
        ("Date", f"{details.made_on.day} {details.made_on:%B %Y}"),
    ]
    if details.clinician:
        rows.append(("Clinician", details.clinician))
    for label, value in rows:
        pdf.set_font(FONT, "B", 11)
        pdf.cell(28, 8, label)
        pdf.set_font(FONT, "", 11)
        if value:
            pdf.cell(0, 8, value, new_x="LMARGIN", new_y="NEXT")
        else:
            y = pdf.get_y() + 6.5
            pdf.set_draw_color(INK)
            pdf.line(pdf.get_x(), y, pdf.get_x() + 100, y)
            pdf.ln(8)
    pdf.ln(5)
    if plan.referral is not None:
        # An eligible plan with a referral needs a clinician's review first (clinician-review).
        _boxed(pdf, REVIEW_TITLE, [*plan.referral.reasons, plan.referral.advice])
        pdf.ln(3)
    # Every handout says which signs mean emergency care, whatever the plan's age.
    _boxed(pdf, "Before you start", [*catalog.general_cautions, EMERGENCY_SIGNS])
    _heading(pdf, "Today's stretches", 13, space_before=6)
    _paragraph(
        pdf,
        f"Once a day, in this order. The whole session takes {minutes_text(plan.minutes)}, "
        "with rests and changing sides. Each stretch has its own page with pictures.",
    )
    pdf.ln(3)
    _dose_table(pdf, plan, catalog)
    if plan.excluded:
        _heading(pdf, "Left out of your plan", 11)
        _list(
            pdf,
            [f"{catalog.get(x.id).name}: {x.reason}" for x in plan.excluded],
            numbered=False,
            size=9.5,
        )
    # The plan repeats the catalog's general cautions, which the box above already shows.
    advice = [
        line
        for line in plan.advice
        if line not in catalog.general_cautions and line != EMERGENCY_SIGNS
    ]
    if advice:
        _heading(pdf, "Good to know", 11)
        _list(pdf, advice, numbered=False, size=9.5)


def _holding_minutes(seconds: float) -> str:
    """Minutes of holding as people say them: 'under 1', '2', '2½'."""
    if seconds < 60:
        return "under 1"
    whole, half = divmod(round(seconds / 30), 2)
    return f"{whole}½" if half else str(whole)


def _dose_table(pdf: FPDF, plan: Plan, catalog: Catalog) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, "", 9.5)
    pdf.set_draw_color(RULE)
    header = FontFace(emphasis="BOLD", fill_color=SHADE)
    with pdf.table(
        col_widths=(7, 50, 22, 29, 25, 17),
        text_align=("RIGHT", "LEFT", "LEFT", "LEFT", "LEFT", "RIGHT"),
        headings_style=header,
        line_height=5.2,
        padding=(1.6, 1.6),
    ) as table:
        table.row(["", "Stretch", "Hold", "Repetitions", "Sides", "Minutes"])
        for number, planned in enumerate(plan.exercises, start=1):
            exercise = catalog.get(planned.id)
            table.row(
                [
                    str(number),
                    exercise.name,
                    seconds_text(planned.hold_seconds),
                    repetitions_text(planned, exercise),
                    sides_text(planned),
                    _holding_minutes(holding_seconds(planned, exercise)),
                ]
            )
    pdf.set_draw_color(INK)
    pdf.set_font(FONT, "", 8.5)
    pdf.ln(1)
    pdf.multi_cell(
        0,
        4.2,
        "Minutes: time spent holding. Rests and changing position come on top.",
        new_x="LMARGIN",
        new_y="NEXT",
    )


@dataclass(frozen=True)
class _Grid:
    columns: int
    rows: int
    cell_w: float
    panel_w: float
    image_h: float

    @property
    def area(self) -> float:
        return self.panel_w * self.image_h

    @property
    def height(self) -> float:
        return self.rows * (self.image_h + CAPTION_H + PICTURE_GAP)


def _grid(pictures: Sequence[Picture], width: float, max_height: float) -> _Grid:
    """How many pictures to a row: nearly the largest pictures in the least height.

    Standing poses are tall and sit best side by side; lying poses are long and
    flat and may be bigger one to a row, but only a clear gain in size is worth
    the extra height.
    """
    aspect = max(p.aspect for p in pictures)
    grids = []
    for columns in range(1, min(3, len(pictures)) + 1):
        rows = math.ceil(len(pictures) / columns)
        cell_w = (width - PICTURE_GAP * (columns - 1)) / columns
        room_h = max_height / rows - CAPTION_H - PICTURE_GAP
        image_h = min(room_h, (cell_w - 4) / aspect + 4)
        panel_w = min(cell_w, (image_h - 4) * aspect + 4)
        grids.append(_Grid(columns, rows, cell_w, panel_w, image_h))
    largest = max(g.area for g in grids)
    return min(
        (g for g in grids if g.area >= GRID_SIZE_TOLERANCE * largest), key=lambda g: g.height
    )


@contextmanager
def _quiet_svg_log() -> Iterator[None]:
    """fpdf2 logs a warning for every SVG <title>; the title becomes alt text instead."""
    logger = logging.getLogger("fpdf.svg")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _pictures(pdf: FPDF, pictures: Sequence[Picture], *, max_height: float) -> None:
    if not pictures:
        return
    pictures = same_scale(pictures)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    grid = _grid(pictures, width, max_height)
    top = pdf.get_y()
    pdf.set_draw_color(RULE)
    for index, picture in enumerate(pictures):
        row, column = divmod(index, grid.columns)
        # A last row with fewer pictures is centred under the rows above.
        in_row = min(grid.columns, len(pictures) - row * grid.columns)
        indent = (grid.columns - in_row) * (grid.cell_w + PICTURE_GAP) / 2
        x = (
            pdf.l_margin
            + indent
            + column * (grid.cell_w + PICTURE_GAP)
            + (grid.cell_w - grid.panel_w) / 2
        )
        y = top + row * (grid.image_h + CAPTION_H + PICTURE_GAP)
        pdf.rect(x, y, grid.panel_w, grid.image_h)
        with _quiet_svg_log():
            pdf.image(
                io.BytesIO(picture.svg.encode("utf-8")),
                x=x + 2,
                y=y + 2,
                w=grid.panel_w - 4,
                h=grid.image_h - 4,
                keep_aspect_ratio=True,
                alt_text=picture.title,
            )
        pdf.set_xy(x, y + grid.image_h + 1)
        pdf.set_font(FONT, "B", 9.5)
        pdf.cell(grid.panel_w, CAPTION_H - 1, f"{index + 1}  {picture.caption}", align="C")
    pdf.set_draw_color(INK)
    pdf.set_xy(pdf.l_margin, top + grid.height)


@dataclass(frozen=True)
class _Block:
    """One piece of a stretch page's text, which can say how tall it will be."""

    kind: Literal["heading", "steps", "points", "paragraph", "gap", "box"]
    text: str = ""
    items: tuple[str, ...] = ()
    space: float = 0

    def height(self, pdf: FPDF) -> float:
        if self.kind == "heading":
            return _heading_height(pdf, self.text, 12, self.space)
        if self.kind in ("steps", "points"):
            return _list_height(pdf, self.items, 10.5)
        if self.kind == "paragraph":
            return _paragraph_height(pdf, self.text, 10.5)
        if self.kind == "box":
            return _box_height(pdf, self.items, 10)
        return self.space

    def draw(self, pdf: FPDF) -> None:
        if self.kind == "heading":
            _heading(pdf, self.text, 12, space_before=self.space)
        elif self.kind in ("steps", "points"):
            _list(pdf, self.items, numbered=self.kind == "steps")
        elif self.kind == "paragraph":
            _paragraph(pdf, self.text)
        elif self.kind == "box":
            _boxed(pdf, self.text, self.items)
        else:
            pdf.ln(self.space)


def _how_to_move(planned: PlannedExercise, exercise: Exercise) -> tuple[str, tuple[str, ...]]:
    """The heading and the lines a session speaks for one round, on the side the pictures
    show (as written in the catalog), then where the other side comes in."""
    sides = [s.value for s in planned.sides]
    shown = exercise.working_side.value if exercise.one_side_at_a_time else "both"
    side = shown if shown in sides else sides[0]
    lines = one_round(planned, exercise, side)
    if not exercise.one_side_at_a_time:
        return "How to do it", tuple(lines)
    others = [s for s in sides if s != side]
    if others:
        lines.append(f"Then the same with your {others[0]} side.")
    return f"How to do it (the pictures show the {shown} side)", tuple(lines)


def _stretch_text(planned: PlannedExercise, exercise: Exercise) -> list[_Block]:
    heading, lines = _how_to_move(planned, exercise)
    return [
        _Block("heading", heading, space=1),
        _Block("steps", items=lines),
        _Block("heading", "Key points", space=2),
        _Block("points", items=tuple(exercise.as_shown(cue) for cue in exercise.cues)),
        _Block("heading", "What you should feel", space=2),
        _Block("paragraph", exercise.feel),
        _Block("gap", space=4),
        _Block(
            "box",
            "Take care",
            items=(*(exercise.as_shown(c) for c in exercise.cautions), *planned.notes),
        ),
    ]


def _stretch_page(
    pdf: FPDF,
    number: int,
    planned: PlannedExercise,
    exercise: Exercise,
    catalog: Catalog,
    pictures: Sequence[Picture],
) -> None:
    """Title, dose, pictures as large as the page allows, then steps, points and cautions."""
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, f"{number}. {exercise.name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    equipment = ", ".join(e.value.replace("-", " ") for e in exercise.equipment)
    pdf.cell(
        0,
        5,
        f"{catalog.group(exercise.group).name} · {exercise.position.value.replace('-', ' ')} · "
        f"you need: {equipment}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    _dose_band(pdf, planned, exercise)
    pdf.ln(4)
    text = _stretch_text(planned, exercise)
    room = pdf.page_break_trigger - pdf.get_y() - sum(block.height(pdf) for block in text)
    _pictures(pdf, pictures, max_height=max(PICTURES_MIN_H, min(PICTURES_MAX_H, room - 2)))
    for block in text:
        block.draw(pdf)


def _dose_band(pdf: FPDF, planned: PlannedExercise, exercise: Exercise) -> None:
    """A shaded band with today's dose and how the hold builds up."""
    width = pdf.w - pdf.l_margin - pdf.r_margin
    start, goal = exercise.hold_seconds.start, exercise.hold_seconds.goal
    label = "Hold" if start == goal else "Build-up"
    dose = f"Today: {dose_text(planned, exercise)}"
    line_h = 5.5
    pdf.set_font(FONT, "B", 11)
    dose_lines = _lines_needed(pdf, width - 6, line_h, dose)
    top = pdf.get_y()
    height = 4 + line_h * (dose_lines + 1)
    pdf.set_fill_color(SHADE)
    pdf.rect(pdf.l_margin, top, width, height, style="F")
    pdf.set_xy(pdf.l_margin + 3, top + 2)
    pdf.multi_cell(width - 6, line_h, dose, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + 3)
    pdf.set_font(FONT, "", 10)
    pdf.cell(0, line_h, f"{label}: {build_up_text(exercise)}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(top + height)


def _log_page(pdf: FPDF, catalog: Catalog) -> None:
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, "Four-week log", new_x="LMARGIN", new_y="NEXT")
    _paragraph(
        pdf,
        "Write the date, tick the box when you have done the stretches, and note your pain "
        "from 0 (no pain) to 10 (worst imaginable). Bring this page to your next appointment.",
        size=10,
    )
    pdf.ln(3)
    top = pdf.get_y()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    column_w = (width - 8) / 2
    row_h = 8.0
    per_column = LOG_DAYS // 2
    for column in range(2):
        x0 = pdf.l_margin + column * (column_w + 8)
        _log_column(
            pdf, x0, top, column_w, row_h, first_day=column * per_column + 1, days=per_column
        )
    pdf.set_xy(pdf.l_margin, top + row_h * (per_column + 1) + 6)
    _sources(pdf, catalog)


def _log_column(
    pdf: FPDF, x0: float, top: float, width: float, row_h: float, *, first_day: int, days: int
) -> None:
    cols = (("Day", 0.16), ("Date", 0.36), ("Done", 0.18), ("Pain 0–10", 0.30))
    widths = [width * share for _, share in cols]
    pdf.set_fill_color(SHADE)
    pdf.rect(x0, top, width, row_h, style="F")
    pdf.set_font(FONT, "B", 9)
    x = x0
    for (label, _), w in zip(cols, widths, strict=True):
        pdf.set_xy(x, top)
        pdf.cell(w, row_h, label, align="C")
        x += w
    pdf.set_draw_color(RULE)
    pdf.set_font(FONT, "", 9)
    for row in range(days):
        y = top + row_h * (row + 1)
        day = first_day + row
        pdf.set_xy(x0, y)
        pdf.cell(widths[0], row_h, str(day), align="C")
        box = 3.6
        box_x = x0 + widths[0] + widths[1] + (widths[2] - box) / 2
        pdf.set_draw_color(INK)
        pdf.rect(box_x, y + (row_h - box) / 2, box, box)
        pdf.set_draw_color(RULE)
        heavy = day % 7 == 0
        pdf.set_line_width(0.5 if heavy else 0.2)
        pdf.line(x0, y + row_h, x0 + width, y + row_h)
        pdf.set_line_width(0.2)
    bottom = top + row_h * (days + 1)
    pdf.rect(x0, top, width, bottom - top)
    x = x0
    for w in widths[:-1]:
        x += w
        pdf.line(x, top, x, bottom)
    pdf.set_draw_color(INK)


def _sources(pdf: FPDF, catalog: Catalog) -> None:
    _heading(pdf, "Where this comes from", 11, space_before=0)
    sections = list(dict.fromkeys(e.source.section for e in catalog.exercises))
    _paragraph(
        pdf,
        "The stretches, their steps, hold times and repetitions follow one written guide to "
        f"stretches for SI joint pain (its parts: {'; '.join(sections)}). Where the guide "
        "gives no number or advice, sicoach chooses one and says so beside it "
        "(“sicoach's own number”, “sicoach's own advice”). The pictures are drawn by "
        "sicoach: the same poses the app shows. "
        "sicoach is not a clinician.",
        size=9,
    )


def handout_pdf(
    plan: Plan, catalog: Catalog, details: HandoutDetails, pictures: PictureSource
) -> bytes:
    """The handout for ``plan`` as PDF bytes.

    ``pictures`` gives the key poses of a stretch as SVG. Raises ``ValueError`` for a
    plan with no stretches (a referral is not a home program).
    """
    if not plan.eligible or not plan.exercises:
        raise ValueError("the plan has no stretches to print (see the referral advice instead)")
    pdf = _new_pdf(details, details.person_name or "name: ____________________")
    _cover(pdf, plan, catalog, details)
    for number, planned in enumerate(plan.exercises, start=1):
        exercise = catalog.get(planned.id)
        _stretch_page(pdf, number, planned, exercise, catalog, pictures(exercise))
    _log_page(pdf, catalog)
    return bytes(pdf.output())
