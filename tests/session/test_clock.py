"""Session time: sped up, frozen spans left out, worked out from the clock each time."""

from __future__ import annotations

import pytest

from sicoach.session.clock import SessionClock


class Wall:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def test_session_time_runs_at_the_chosen_speed() -> None:
    wall = Wall()
    clock = SessionClock(wall, speed=20)
    wall.now += 1.5
    assert clock.elapsed() == pytest.approx(30)
    assert clock.wall_seconds_until(40) == pytest.approx(0.5)


def test_frozen_time_is_left_out_of_every_later_reading() -> None:
    wall = Wall()
    clock = SessionClock(wall)
    wall.now += 2
    clock.set_frozen(True)
    clock.set_frozen(True)
    wall.now += 100
    assert clock.elapsed() == pytest.approx(2)
    clock.set_frozen(False)
    wall.now += 3
    assert clock.elapsed() == pytest.approx(5)
    assert not clock.frozen


def test_a_time_already_passed_is_zero_seconds_away() -> None:
    wall = Wall()
    clock = SessionClock(wall)
    wall.now += 10
    assert clock.wall_seconds_until(4) == 0


@pytest.mark.parametrize("speed", [0, -1])
def test_speed_must_be_positive(speed: float) -> None:
    with pytest.raises(ValueError, match="speed must be above 0"):
        SessionClock(Wall(), speed=speed)
