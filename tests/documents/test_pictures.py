from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from sicoach.catalog import Catalog
from sicoach.documents.handout import HandoutDetails, Paper, handout_pdf
from sicoach.documents.pictures import pose_pictures
from sicoach.figures.render import render_svg
from tests.documents.conftest import PlanFactory


@pytest.mark.parametrize(
    ("exercise_id", "captions"),
    [
        ("hamstring-stretch", ["Get ready", "Hold"]),
        ("pelvic-rotation-stretch", ["Get ready", "Outward turn", "Inward turn"]),
        ("press-up-stretch", ["Get ready", "Hold", "Advanced press-up"]),
    ],
)
def test_pictures_are_the_start_and_every_held_pose(
    catalog: Catalog, exercise_id: str, captions: list[str]
) -> None:
    exercise = catalog.get(exercise_id)
    pictures = pose_pictures(exercise)
    assert [p.caption for p in pictures] == captions
    held = ["start", *(p.name for p in exercise.poses if p.held)]
    assert [p.svg for p in pictures] == [render_svg(exercise, name) for name in held]


@pytest.mark.parametrize("paper", list(Paper))
def test_every_stretch_fits_its_page_with_the_real_pictures(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory, paper: Paper
) -> None:
    path = tmp_path / "handout.pdf"
    details = HandoutDetails(made_on=date(2026, 11, 25), paper=paper)
    path.write_bytes(handout_pdf(make_plan(), catalog, details, pose_pictures))
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    assert "Pages:           9" in info.stdout
