"""A session on a phone, from the keyboard alone: the picture follows every step, pose and side."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from sicoach.catalog import default_catalog
from sicoach.figures import pose_words
from tests.e2e.conftest import Server, new_page, snap
from tests.e2e.test_person_journey import answer_intake

pytestmark = pytest.mark.browser

CATALOG = default_catalog()
START = 1_800_000_000_000  # the page's clock, in ms since 1970
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "intakes"


def _shown(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => {
          const img = document.getElementById('picture');
          return {src: img.getAttribute('src'), pose: img.dataset.pose, side: img.dataset.side,
                  exercise: img.dataset.exercise, moving: img.dataset.moving, alt: img.alt,
                  loaded: String(img.complete && img.naturalWidth > 0)};
        }"""
    )


def _drawn_title(page: Page, src: str) -> str:
    """The <title> of the SVG the page shows: the stretch and the pose it draws."""
    svg = page.evaluate("(src) => fetch(src).then((r) => r.text())", src)
    return svg.split("<title>", 1)[1].split("</title>", 1)[0]


def _started(
    browser: Browser, server: Server, shots: Path, init_script: str = "", intake: str = ""
) -> Page:
    """A phone whose page clock moves only when told, a plan, and today's session started
    from the keyboard: the pain before chosen with the arrow keys, Tab to Start, Enter.

    The plan comes from the intake form, or from an example intake file sent to the API.
    """
    page = new_page(browser, "phone")
    if init_script:
        page.add_init_script(init_script)
    page.clock.install(time=START)
    page.goto(server.url + "/start")
    if intake:
        answers = yaml.safe_load((EXAMPLES / intake).read_text(encoding="utf-8"))
        token = page.locator('meta[name="csrf-token"]').get_attribute("content") or ""
        sent = page.request.put(
            server.url + "/api/v1/intake", data=answers, headers={"X-CSRF-Token": token}
        )
        assert sent.ok and sent.json()["state"] == "active", sent.text()
    else:
        answer_intake(page, shots)
    page.goto(server.url + "/session")
    page.clock.pause_at(START + 3_600_000)
    page.locator("input[name='pain-before'][value='0']").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#live")).to_be_visible()
    return page


@pytest.mark.parametrize("intake", ["", "stiff-joint.yaml"], ids=["form", "stiff-joint"])
def test_the_picture_shows_each_steps_pose_and_side(
    browser: Browser, local_server: Server, shots: Path, intake: str
) -> None:
    page = _started(browser, local_server, shots, intake=intake)
    steps = page.evaluate(
        "() => JSON.parse(document.getElementById('session-data').textContent).script.steps"
    )
    held_in_turn: dict[str, list[str]] = {}  # the poses shown in each stretch's holds
    sides_seen: set[str] = set()
    # The page's clock runs exactly each step's seconds, 50 ms into it for the first look.
    for index, step in enumerate(steps[:-1]):
        page.clock.run_for(50)
        shown = _shown(page)
        if step["exercise"] is None:  # the rest between stretches: the next one's start
            assert (shown["pose"], shown["moving"]) == ("start", "no"), (index, shown)
            page.clock.run_for(step["seconds"] * 1000 - 50)
            continue
        exercise = CATALOG.get(step["exercise"])
        held = [p.name for p in exercise.poses if p.held]
        assert (shown["exercise"], shown["side"]) == (step["exercise"], step["side"]), index
        if step["side"] != "both":
            assert f"side={step['side']}" in shown["src"]
            assert f"({step['side']} side)" in shown["alt"]
            sides_seen.add(step["side"])
        phase = step["phase"]
        if phase == "hold":
            # The held pose, still, for the whole hold.
            assert shown["moving"] == "no" and shown["pose"] in held, (index, shown)
            assert f"/poses/{shown['pose']}.svg" in shown["src"]
            expect(page.locator("#picture")).to_have_js_property("complete", True)
            title = _drawn_title(page, shown["src"])
            assert title == f"{exercise.name}: {pose_words(exercise, shown['pose'], step['side'])}"
            held_in_turn.setdefault(step["exercise"], []).append(shown["pose"])
            page.clock.run_for(step["seconds"] * 1000 - 200)
            assert _shown(page)["src"] == shown["src"], "a hold's picture stays still"
            page.clock.run_for(150)
        elif phase == "release":
            assert shown["moving"] == "yes" and "/movement.svg" in shown["src"], (index, shown)
            assert shown["pose"] not in held
            page.clock.run_for(step["seconds"] * 1000 - 50)
        else:  # getting ready, a rest or a change of side: still, then moving into the hold
            assert shown["moving"] == "no" and shown["pose"] not in held, (index, shown)
            if index == 0:
                snap(page, shots / "01-get-ready.png", full_page=False)
            page.clock.run_for(step["seconds"] * 1000 - 2000)
            moving = _shown(page)
            assert moving["moving"] == "yes" and moving["pose"] in held, (index, moving)
            assert "/movement.svg" in moving["src"]
            page.clock.run_for(1950)
        if index < 3:
            snap(page, shots / f"0{index + 2}-{phase}.png", full_page=False)
    assert sides_seen == {"left", "right"}
    assert set(held_in_turn) == {s["exercise"] for s in steps if s["phase"] == "hold"}
    if intake:
        # "Turn the foot ... slightly away from the body ... Then, turn the foot ... toward
        # the middle of the body": each side turns out, then in, every repetition.
        turns = held_in_turn["pelvic-rotation-stretch"]
        assert turns == ["outward-turn", "inward-turn"] * (len(turns) // 2)
    page.clock.run_for(1000)
    expect(page.get_by_role("heading", name="Session complete")).to_be_focused()


def test_skipping_and_pausing_from_the_keyboard_keep_the_picture_on_the_step(
    browser: Browser, local_server: Server, shots: Path
) -> None:
    page = _started(browser, local_server, shots)
    page.clock.run_for(1000)
    assert _shown(page)["moving"] == "no"
    page.keyboard.press("Space")  # pause in getting ready: the picture waits too
    page.clock.run_for(60_000)
    assert _shown(page)["moving"] == "no"
    page.keyboard.press("Space")
    page.keyboard.press("n")  # skip to the hold: the held pose at once
    page.clock.run_for(50)
    shown = _shown(page)
    exercise = CATALOG.get(shown["exercise"])
    assert exercise.pose(shown["pose"]).held and shown["moving"] == "no"
    snap(page, shots / "01-skipped-to-hold.png", full_page=False)


# A stand-in for the browser's speech: it takes 0.4 s a word on the page's clock, and
# keeps what it said, when, and whether it was cut short.
FAKE_SPEECH = """
window.__said = [];
const speech = {
  speaking: false, pending: false, timer: null,
  speak(utterance) {
    this.speaking = true;
    const said = {text: utterance.text, at: performance.now(), cut: false};
    window.__said.push(said);
    this.timer = setTimeout(() => {
      this.speaking = false; said.end = performance.now(); utterance.onend && utterance.onend();
    }, utterance.text.split(" ").length * 400);
  },
  cancel() {
    if (!this.speaking) return;
    clearTimeout(this.timer); this.speaking = false; window.__said.at(-1).cut = true;
  },
  getVoices() { return []; },
};
Object.defineProperty(window, "speechSynthesis", {value: speech});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def test_a_movement_line_is_heard_whole_even_when_the_next_step_begins(
    browser: Browser, local_server: Server, shots: Path
) -> None:
    page = _started(browser, local_server, shots, FAKE_SPEECH)
    steps = page.evaluate(
        "() => JSON.parse(document.getElementById('session-data').textContent).script.steps"
    )
    switch = next(i for i, s in enumerate(steps) if s["phase"] == "switch-side")
    page.clock.run_for(sum(s["seconds"] for s in steps[: switch + 2]) * 1000)
    said = page.evaluate("() => window.__said")
    assert not [s for s in said if s["cut"]], said
    line = next(s for s in said if s["text"] == steps[switch]["cue"])
    assert line["end"] - line["at"] > steps[switch]["seconds"] * 1000  # longer than its step
    after = [s for s in said if s["at"] > line["at"]]
    assert after and after[0]["at"] >= line["end"]  # the next cue waited for it
    assert page.evaluate("() => speechSynthesis.speaking")
    page.keyboard.press("n")  # moving on: what is being said stops at once
    page.clock.run_for(50)
    said = page.evaluate("() => window.__said")
    assert said[-2]["cut"]
    assert said[-1]["text"] == steps[switch + 3]["cue"] and not said[-1]["cut"]
