"""``sicoach physicians``: import, search (readable and contract 6), exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sicoach.cli.main import app
from sicoach.physicians.specialties import CONTRACT_KEYS
from sicoach.physicians.synthetic import nppes_header
from tests.physicians.fixtures import MONTHLY_ZIP, npi, organization, person, write

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


@pytest.fixture
def imported(tmp_path: Path, data_dir: Path) -> Path:
    specs = [
        person(1, "60611", first="ZOE", last="ADAMS"),
        person(2, "60611", first="AMY", last="BAKER", taxonomies=[("111N00000X", True)]),
        organization(3, "60622", "WICKER PARK CHIROPRACTIC, INC"),
    ]
    path = write(tmp_path, specs)
    result = runner.invoke(app, ["physicians", "import", str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
    return data_dir


def test_the_import_summary_names_the_file_and_its_month(tmp_path: Path, data_dir: Path) -> None:
    path = write(
        tmp_path, [person(1, "60611"), person(2, "60611", taxonomies=[("207R00000X", True)])]
    )
    result = runner.invoke(app, ["physicians", "import", str(path)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert (
        f"Imported {MONTHLY_ZIP} (November 2026 file): 2 rows read, 1 providers kept"
        in result.output
    )
    assert "no listed specialty: 1" in result.output


def test_the_readable_search_puts_red_flags_first_and_the_limits_and_date_last(
    imported: Path,
) -> None:
    result = runner.invoke(app, ["physicians", "search", "--zip", "60611"], env=WIDE)
    assert result.exit_code == 0, result.output
    text = result.output
    red_flags = text.index("Get emergency care now")
    first_provider = text.index("AMY BAKER")
    limits = text.index("An NPI record does not show a licence")
    assert red_flags < first_provider < text.index("ZOE ADAMS") < limits
    assert text.index("November 2026 file") > first_provider
    assert "≈ 0.0 mi" in text and "ZIP code centres" in text
    assert "(312) 555-0100" in text
    lowered = text.lower()
    assert "best" not in lowered and "recommended" not in lowered and "top " not in lowered


def test_json_prints_contract_6(imported: Path) -> None:
    result = runner.invoke(
        app,
        ["physicians", "search", "--zip", "60611", "--radius", "10", "--specialty",
         "chiropractic", "--format", "json"],
        env=WIDE,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    contract = json.loads(result.stdout)
    assert contract["schema"] == "sicoach.physicians/1"
    assert contract["query"] == {
        "zip": "60611",
        "radius_miles": 10.0,
        "specialties": ["chiropractic"],
    }
    assert [r["npi"] for r in contract["results"]] == [npi(2), npi(3)]
    assert contract["results"][1]["kind"] == "organization"


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--zip", "6061"], "'6061'"),
        (["--zip", "00000"], "00000"),
        (["--zip", "60611", "--specialty", "massage"], "'massage'"),
        (["--zip", "60611", "--radius", "-3"], "radius -3"),
    ],
)
def test_bad_input_exits_2_naming_it(imported: Path, arguments: list[str], named: str) -> None:
    result = runner.invoke(app, ["physicians", "search", *arguments], env=WIDE)
    assert result.exit_code == 2
    assert named in result.stderr


def test_an_unknown_specialty_lists_the_valid_keys(imported: Path) -> None:
    result = runner.invoke(
        app, ["physicians", "search", "--zip", "60611", "--specialty", "yoga"], env=WIDE
    )
    assert all(key in result.stderr for key in CONTRACT_KEYS)


def test_searching_with_nothing_imported_says_how_to_get_a_directory(data_dir: Path) -> None:
    result = runner.invoke(app, ["physicians", "search", "--zip", "60611"], env=WIDE)
    assert result.exit_code == 1
    assert "sicoach physicians import" in result.stderr and "--online" in result.stderr


def test_a_file_missing_a_column_is_refused_with_exit_2(tmp_path: Path, data_dir: Path) -> None:
    header = [h for h in nppes_header() if h != "NPI Reactivation Date"]
    path = write(tmp_path, [person(1, "60611")], header=header)
    result = runner.invoke(app, ["physicians", "import", str(path)], env=WIDE)
    assert result.exit_code == 2
    assert "'NPI Reactivation Date'" in result.stderr


def test_generate_writes_a_file_the_import_reads(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "demo.zip"
    made = runner.invoke(app, ["physicians", "generate", "--rows", "300", "--out", str(out)])
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["physicians", "import", str(out)], env=WIDE)
    assert result.exit_code == 0 and "300 rows read" in result.output


def test_specialties_lists_every_key_with_its_codes() -> None:
    result = runner.invoke(app, ["physicians", "specialties"], env=WIDE)
    assert result.exit_code == 0
    assert all(key in result.output for key in CONTRACT_KEYS)
    assert "204D00000X" in result.output


def test_a_header_only_monthly_file_exits_2_and_keeps_the_directory(
    tmp_path: Path, imported: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    path = write(empty, [], name="NPPES_Data_Dissemination_December_2026.zip")
    result = runner.invoke(app, ["physicians", "import", str(path)], env=WIDE)
    assert result.exit_code == 2, result.output
    assert "was not imported: it has a header but no rows" in result.stderr
    assert "directory was kept" in result.stderr
    search = runner.invoke(app, ["physicians", "search", "--zip", "60611", "--format", "json"])
    assert search.exit_code == 0
    assert json.loads(search.stdout)["source"]["file"] == MONTHLY_ZIP
