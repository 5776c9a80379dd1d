"""Joint names and ranges load without the kinematics, so the catalog stays quick to load."""

from __future__ import annotations

import subprocess
import sys

import pytest

import sicoach.figures
from sicoach.figures import JOINT_NAMES, JOINTS, SEGMENTS


def test_loading_the_catalog_does_not_load_numpy() -> None:
    code = (
        "import sys; from sicoach.catalog import default_catalog; default_catalog(); "
        "sys.exit('numpy' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_drawing_functions_load_on_first_use() -> None:
    assert callable(sicoach.figures.render_svg)
    assert callable(sicoach.figures.joint_positions)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'draw'"):
        sicoach.figures.draw  # noqa: B018


def test_joint_names_are_unique_and_limbs_come_in_pairs() -> None:
    assert len(set(JOINT_NAMES)) == len(JOINTS)
    for name in JOINT_NAMES:
        if name.endswith("_left"):
            assert name.removesuffix("_left") + "_right" in JOINT_NAMES
    assert all(j.allows(0.0) for j in JOINTS), "a missing angle means 0, so 0 must be allowed"


def test_every_segment_joins_two_known_points() -> None:
    from sicoach.figures import POINTS

    assert all(a in POINTS and b in POINTS for a, b in SEGMENTS)
