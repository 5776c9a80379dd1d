from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sicoach.catalog import Catalog, Exercise
from sicoach.documents.handout import HandoutDetails, Paper, Picture, handout_pdf, same_scale
from sicoach.program.plan_model import Plan, Referral, Urgency
from tests.documents.conftest import PlanFactory
from tests.needs import poppler

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60">'
    '<path d="M10 50 L50 20 L90 50" fill="none" stroke="black" stroke-width="3"/></svg>'
)


class RecordingPictures:
    """A picture source that draws one line per pose and remembers what it was asked for."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, exercise: Exercise) -> list[Picture]:
        self.asked.append(exercise.id)
        return [Picture("Start", SVG), Picture("Stretch", SVG)]


def _pdf(
    tmp_path: Path, plan: Plan, catalog: Catalog, details: HandoutDetails | None = None
) -> Path:
    path = tmp_path / "handout.pdf"
    details = details or HandoutDetails(made_on=date(2026, 11, 25))
    path.write_bytes(handout_pdf(plan, catalog, details, RecordingPictures()))
    return path


def _text(path: Path) -> str:
    return poppler("pdftotext", "-layout", str(path), "-")


def _info(path: Path) -> str:
    return poppler("pdfinfo", str(path))


@pytest.mark.poppler
def test_full_plan_has_a_cover_a_page_per_stretch_and_a_log(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory
) -> None:
    path = _pdf(tmp_path, make_plan(), catalog)
    assert "Pages:           9" in _info(path)
    text = _text(path)
    for number, exercise in enumerate(catalog.exercises, start=1):
        assert f"{number}. {exercise.name}" in text
    assert "start at 5 seconds, build up to 15 to 30 seconds" in text
    assert "Check with a doctor before you start new stretches" in text
    assert "Four-week log" in text and "28" in text
    assert "one written guide to stretches for SI joint pain" in text


@pytest.mark.poppler
def test_stretch_left_out_of_the_plan_gets_no_page(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory
) -> None:
    path = _pdf(tmp_path, make_plan(without=("press-up-stretch",)), catalog)
    assert "Pages:           8" in _info(path)
    text = _text(path)
    assert "Press-up stretch: left out for this test" in text
    assert ". Press-up stretch" not in text
    assert "Lie on your stomach." not in text


def test_pictures_are_asked_for_every_stretch_in_the_plan_only(
    catalog: Catalog, make_plan: PlanFactory
) -> None:
    pictures = RecordingPictures()
    plan = make_plan(without=("hamstring-stretch",))
    handout_pdf(plan, catalog, HandoutDetails(made_on=date(2026, 11, 25)), pictures)
    assert pictures.asked == [p.id for p in plan.exercises]


@pytest.mark.poppler
def test_cover_shows_name_clinician_and_date_in_unicode(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory
) -> None:
    details = HandoutDetails(
        made_on=date(2026, 11, 25), person_name="Zoë Łukasiewicz", clinician="Dr Ana Muñoz"
    )
    text = _text(_pdf(tmp_path, make_plan(), catalog, details))
    assert "Zoë Łukasiewicz" in text
    assert "Dr Ana Muñoz" in text
    assert "25 November 2026" in text


@pytest.mark.poppler
def test_without_a_name_the_cover_leaves_a_line_to_write_it(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory
) -> None:
    text = _text(_pdf(tmp_path, make_plan(), catalog))
    assert "Clinician" not in text.split("Today's stretches")[0]
    assert "name: ____" in text


@pytest.mark.parametrize(("paper", "size"), [(Paper.A4, "(A4)"), (Paper.LETTER, "(letter)")])
@pytest.mark.poppler
def test_paper_size_is_honoured(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory, paper: Paper, size: str
) -> None:
    details = HandoutDetails(made_on=date(2026, 11, 25), paper=paper)
    assert size in _info(_pdf(tmp_path, make_plan(), catalog, details))


@pytest.mark.poppler
def test_the_font_is_embedded(tmp_path: Path, catalog: Catalog, make_plan: PlanFactory) -> None:
    fonts = poppler("pdffonts", str(_pdf(tmp_path, make_plan(), catalog)))
    assert "DejaVuSans" in fonts
    assert all(" yes " in line for line in fonts.splitlines()[2:])


def test_plan_without_stretches_is_refused(catalog: Catalog) -> None:
    plan = Plan(
        eligible=False,
        referral=Referral(
            urgency=Urgency.EMERGENCY, reasons=["saddle numbness"], advice="Get care now."
        ),
        exercises=[],
        excluded=[],
        minutes=0,
    )
    with pytest.raises(ValueError, match="no stretches to print"):
        handout_pdf(plan, catalog, HandoutDetails(made_on=date(2026, 11, 25)), RecordingPictures())


def _svg(view_box: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="{view_box}">'
        "<title>A pose</title><circle cx='0' cy='0' r='5'/></svg>"
    )


def test_pictures_of_one_stretch_are_framed_alike_so_the_body_keeps_its_size() -> None:
    lying = Picture("Start", _svg("-100 -20 200 30"))
    raised = Picture("Hold", _svg("-80 -60 150 90"))
    framed = same_scale([lying, raised])
    assert [p.view_box for p in framed] == [(-100, -60, 200, 90)] * 2
    assert all('width="200" height="90"' in p.svg for p in framed)
    assert [p.caption for p in framed] == ["Start", "Hold"]
    assert framed[0].title == "A pose"


def test_a_picture_without_view_box_is_left_as_it_is() -> None:
    plain = Picture("Start", '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0 L1 1"/></svg>')
    assert same_scale([plain, Picture("Hold", _svg("0 0 10 10"))])[0] == plain
    assert plain.aspect == pytest.approx(4 / 3)


@pytest.mark.poppler
def test_a_plan_that_needs_review_says_so_on_the_cover(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory
) -> None:
    referral = Referral(
        urgency=Urgency.CLINICIAN_REVIEW,
        reasons=["Joint hypermobility: a clinician should review the plan"],
        advice="Show this plan to your clinician before you start.",
    )
    plan = make_plan().model_copy(update={"referral": referral})
    cover = _text(_pdf(tmp_path, plan, catalog)).split("Today's stretches")[0]
    assert "Ask your clinician to review this plan before you start" in cover
    assert "Joint hypermobility" in cover


@pytest.mark.poppler
def test_each_page_says_how_to_move_in_the_words_the_session_speaks(
    tmp_path: Path, catalog: Catalog, make_plan: PlanFactory
) -> None:
    text = " ".join(_text(_pdf(tmp_path, make_plan(), catalog)).split())
    # The seed: "Lying on the back, pull one knee up toward the chest while keeping the
    # other leg straight ... Cross the fingers behind the thigh and gently push the knee down"
    assert "How to do it (the pictures show the left side)" in text
    assert "Pull your left knee up toward your chest and cross your fingers behind" in text
    assert "Hold. Push the knee down gently against your hands." in text
    assert "Then the same with your right side." in text
    # "Lying on the stomach, raise the upper body to the elbows"
    assert "Push up onto your elbows; keep your hips on the floor." in text
    assert "Lower yourself down slowly." in text
