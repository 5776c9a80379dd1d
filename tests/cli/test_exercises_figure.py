"""``sicoach exercises figure``: writes the picture, refuses bad input with status 2."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicoach.cli.main import app

runner = CliRunner()


def _figure(*args: str):
    return runner.invoke(app, ["exercises", "figure", *args])


def test_figure_writes_the_held_stretch_as_svg(tmp_path: Path) -> None:
    out = tmp_path / "hamstring.svg"
    result = _figure("hamstring-stretch", "--out", str(out))
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    assert "reaching both hands toward the toes" in root.findtext(
        "{http://www.w3.org/2000/svg}title", ""
    )
    assert [p.name for p in tmp_path.iterdir()] == ["hamstring.svg"]


def test_figure_writes_an_animation(tmp_path: Path) -> None:
    out = tmp_path / "rotation.svg"
    result = _figure("pelvic-rotation-stretch", "--out", str(out), "--animated", "--side", "right")
    assert result.exit_code == 0, result.output
    assert "<animate " in out.read_text(encoding="utf-8")


def test_figure_draws_a_chosen_pose(tmp_path: Path) -> None:
    out = tmp_path / "start.svg"
    assert _figure("press-up-stretch", "--out", str(out), "--pose", "start").exit_code == 0
    assert "Lying on the stomach" in out.read_text(encoding="utf-8")


def test_an_unknown_id_exits_2_naming_the_closest_ids(tmp_path: Path) -> None:
    result = _figure("hamstring", "--out", str(tmp_path / "x.svg"))
    assert result.exit_code == 2
    assert "hamstring-stretch" in result.output
    assert not (tmp_path / "x.svg").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["press-up-stretch", "--pose", "lotus"], "start, rising, stretched, straight-arms"),
        (["press-up-stretch", "--side", "left"], "both sides together"),
        (["press-up-stretch", "--pose", "start", "--animated"], "not both"),
    ],
)
def test_bad_options_exit_2_with_the_reason(tmp_path: Path, args: list[str], message: str) -> None:
    result = _figure(*args, "--out", str(tmp_path / "x.svg"))
    assert result.exit_code == 2
    assert message in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_exits_2(tmp_path: Path) -> None:
    result = _figure("press-up-stretch", "--out", str(tmp_path / "no" / "x.svg"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_show_tells_how_to_get_the_picture() -> None:
    result = runner.invoke(app, ["exercises", "show", "quadriceps-stretch"])
    assert result.exit_code == 0
    assert "sicoach exercises figure quadriceps-stretch --out" in result.output


def test_sheet_writes_every_stretch_on_one_picture(tmp_path: Path) -> None:
    out = tmp_path / "all.svg"
    result = runner.invoke(app, ["exercises", "sheet", "--out", str(out), "--columns", "3"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count("Seated hamstring stretch</text>") == 1
