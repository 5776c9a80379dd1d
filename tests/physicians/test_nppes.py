"""The NPPES reader on generated files: columns by name, who is kept, what is read."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sicoach.physicians.nppes import (
    NEEDED_COLUMNS,
    NppesColumnsError,
    ProviderRecord,
    ReadCounts,
    Removal,
    file_date_of,
    literal_trie,
    open_nppes,
    read_providers,
)
from sicoach.physicians.specialties import default_specialties
from sicoach.physicians.synthetic import (
    MAILING_MARK,
    ProviderSpec,
    nppes_header,
    random_specs,
    weekly_member_name,
)
from sicoach.physicians.zip_centres import default_zip_index
from tests.physicians.fixtures import WEEKLY_ZIP, npi, organization, person, write


def _read(path: Path) -> tuple[list[ProviderRecord | Removal], ReadCounts]:
    counts = ReadCounts()
    with open_nppes(path) as source:
        items = list(read_providers(source, default_specialties(), default_zip_index(), counts))
    return items, counts


def _kept(path: Path) -> dict[str, ProviderRecord]:
    return {i.npi: i for i in _read(path)[0] if isinstance(i, ProviderRecord)}


def test_the_generated_header_has_the_real_width_and_every_needed_column() -> None:
    for variant in ("v1", "v2"):
        header = nppes_header(variant)
        assert len(header) == 330 and len(set(header)) == 330
        assert set(NEEDED_COLUMNS) <= set(header)
    assert nppes_header("v1") != nppes_header("v2")


def test_v1_and_v2_layouts_and_zip_or_csv_read_the_same(tmp_path: Path) -> None:
    specs = list(random_specs(600, default_zip_index(), seed=3, listed_share=0.3))
    answers = [
        _kept(write(tmp_path, specs, name="a.zip", variant="v1")),
        _kept(write(tmp_path, specs, name="b.zip", variant="v2")),
        _kept(write(tmp_path, specs, name="c.csv", variant="v2")),
    ]
    assert len(answers[0]) > 100
    assert answers[0] == answers[1] == answers[2]


def test_a_zip_is_read_in_place_without_unpacking(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = write(folder, [person(1, "60611")])
    _read(path)
    assert sorted(p.name for p in folder.iterdir()) == [path.name]


@pytest.mark.parametrize(
    "missing", ["NPI Deactivation Date", "Healthcare Provider Taxonomy Code_7"]
)
def test_a_file_missing_a_needed_column_is_refused_naming_it(tmp_path: Path, missing: str) -> None:
    header = [h for h in nppes_header() if h != missing]
    path = write(tmp_path, [person(1, "60611")], header=header)
    with pytest.raises(NppesColumnsError) as caught:
        _read(path)
    assert repr(missing) in str(caught.value) and caught.value.missing == [missing]


def test_only_active_providers_with_a_listed_taxonomy_are_kept(tmp_path: Path) -> None:
    specs = [
        person(1, "60611"),
        person(2, "60611", deactivated=date(2025, 1, 2)),
        person(3, "60611", deactivated=date(2025, 1, 2), reactivated=date(2025, 6, 1)),
        person(4, "60611", deactivated=date(2025, 6, 1), reactivated=date(2025, 1, 2)),
        person(5, "60611", taxonomies=[("207R00000X", True)]),
        person(6, "00000"),
        person(7, "60611", country="DE"),
    ]
    path = write(tmp_path, specs)
    kept = _kept(path)
    counts = _read(path)[1]
    assert set(kept) == {npi(1), npi(3)}
    assert counts.rows_read == 7 and counts.rows_kept == 2
    assert counts.dropped == {
        "deactivated": 2, "no listed specialty": 1, "unknown ZIP": 1, "outside the US": 1,
    }  # fmt: skip


def test_a_provider_matches_any_slot_and_the_primary_switch_is_read_where_it_is(
    tmp_path: Path,
) -> None:
    taxonomies = [
        ("207R00000X", False),
        ("225100000X", False),
        ("2251S0007X", False),
        ("111N00000X", True),
        ("183500000X", False),
        ("207T00000X", False),
    ]
    path = write(tmp_path, [person(1, "60611", taxonomies=taxonomies)])
    record = _kept(path)[npi(1)]
    assert [(m.key, m.code, m.is_primary) for m in record.specialties] == [
        ("physical-therapy", "225100000X", False),
        ("sports-medicine", "2251S0007X", False),
        ("chiropractic", "111N00000X", True),
        ("neurosurgery", "207T00000X", False),
    ]


def test_the_practice_location_is_read_and_the_mailing_address_never(tmp_path: Path) -> None:
    path = write(tmp_path, [person(1, "606113012"), organization(2, "60611", "LAKE SPINE, LLC")])
    kept = _kept(path)
    one, two = kept[npi(1)], kept[npi(2)]
    assert (one.address, one.city, one.state, one.zip5) == (
        "1 N MICHIGAN AVE, SUITE 200", "CHICAGO", "IL", "60611",
    )  # fmt: skip
    assert (one.kind, one.name, one.credential) == ("person", "ANNA SMITH", "PT, DPT")
    assert (two.kind, two.name) == ("organization", "LAKE SPINE, LLC")
    assert MAILING_MARK not in repr(kept)
    assert one.lat == pytest.approx(41.8971) and one.lon == pytest.approx(-87.6223)


def test_quoted_commas_quotes_and_line_breaks_survive(tmp_path: Path) -> None:
    spec = person(1, "60611", first='JO "JJ"', last="O'NEIL, JR", line2="SUITE 5\nREAR")
    assert _kept(write(tmp_path, [spec, person(2, "60611")]))[npi(1)].name == 'JO "JJ" O\'NEIL, JR'
    record = _kept(write(tmp_path, [spec, person(2, "60611")], name="x.csv"))[npi(1)]
    assert record.address == "1 N MICHIGAN AVE, SUITE 5\nREAR"


def test_a_weekly_file_also_yields_the_npis_to_remove(tmp_path: Path) -> None:
    specs = [
        person(1, "60611"),
        person(2, "60611", deactivated=date(2026, 11, 18)),
        person(3, "60611", taxonomies=[("207R00000X", True)]),
    ]
    path = write(
        tmp_path,
        specs,
        name=WEEKLY_ZIP,
        member=weekly_member_name(date(2026, 11, 16), date(2026, 11, 22)),
    )
    items, _ = _read(path)
    assert [type(i).__name__ for i in items] == ["ProviderRecord", "Removal", "Removal"]
    assert [i.npi for i in items] == [npi(1), npi(2), npi(3)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("npidata_pfile_20050523-20261109.csv", date(2026, 11, 9)),
        ("npidata_pfile_20261116-20261122.csv", date(2026, 11, 22)),
        ("NPPES_Data_Dissemination_November_2026.zip", date(2026, 11, 1)),
        ("NPPES_Data_Dissemination_111626_112226_Weekly.zip", date(2026, 11, 22)),
        ("providers.csv", None),
    ],
)
def test_the_file_date_comes_from_its_name(name: str, expected: date | None) -> None:
    assert file_date_of(name) == expected


@pytest.mark.parametrize(
    ("name", "member", "is_update"),
    [
        (
            "NPPES_Data_Dissemination_November_2026.zip",
            "npidata_pfile_20050523-20261109.csv",
            False,
        ),
        (
            "NPPES_Data_Dissemination_111626_112226_Weekly.zip",
            "npidata_pfile_20261116-20261122.csv",
            True,
        ),
        ("anything.zip", "npidata_pfile_20261116-20261122.csv", True),
    ],
)
def test_a_weekly_file_is_recognised_by_its_names(
    tmp_path: Path, name: str, member: str, is_update: bool
) -> None:
    path = write(tmp_path, [person(1, "60611")], name=name, member=member)
    with open_nppes(path) as source:
        assert source.is_update is is_update
        assert source.file_date == file_date_of(member)


@given(
    st.lists(st.from_regex(r"\A[0-9A-Z]{1,6}\Z"), min_size=1, max_size=12, unique=True), st.text()
)
def test_the_code_trie_matches_exactly_what_the_plain_alternation_matches(
    words: list[str], text: str
) -> None:
    haystack = text + "".join(words[::2])
    plain = re.compile("|".join(re.escape(w) for w in words))
    assert bool(re.search(literal_trie(words), haystack)) == bool(plain.search(haystack))
    assert bool(re.search(literal_trie(words), text)) == bool(plain.search(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("03/01/2025", date(2025, 3, 1)), ("", None), ("13/01/2025", None), ("2025-03-01", None)],
)
def test_nppes_dates_are_month_day_year(text: str, expected: date | None) -> None:
    specs = [person(1, "60611", extras={"Last Update Date": text})]
    assert _nppes_date_of(specs) == expected


def _nppes_date_of(specs: list[ProviderSpec]) -> date | None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        return _kept(write(Path(folder), specs))[npi(1)].last_update
