// The guided session: plays a contract-8 script (sicoach.script/1) in the browser.
// Time is kept by deadlines on performance.now(): each step ends at the previous
// step's deadline plus its own seconds, so nothing drifts, and a tab that was paused
// by the browser in the background catches up on its next tick.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("session-data").textContent);
  const steps = data.script.steps;
  const speed = data.speed;
  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const PHASE = {
    "get-ready": "Get ready", hold: "Hold", release: "Release",
    "switch-side": "Switch sides", rest: "Rest", done: "Done",
  };

  // How many reps each exercise and side has, for "rep 2 of 5".
  const repsOf = {};
  for (const s of steps) {
    if (s.phase === "hold" && s.rep) {
      const key = `${s.exercise}|${s.side}`;
      repsOf[key] = Math.max(repsOf[key] || 0, s.rep);
    }
  }
  const results = steps.map((s, i) => ({
    index: i, exercise: s.exercise, side: s.side, rep: s.rep, phase: s.phase,
    planned_seconds: s.seconds, actual_seconds: 0, outcome: "not-reached",
  }));
  const startedBefore = steps.map((_, i) => steps.slice(0, i).reduce((t, s) => t + s.seconds, 0));

  let index = -1;
  let stepStart = 0;
  let stepEnd = 0;
  let pausedRemaining = null;
  let finished = false;
  let startedAt = null;
  let warned = false;
  let audio = null;
  let wakeLock = null;
  let timer = null;
  let voiceOn = localStorage.getItem("sicoach-voice") !== "off";

  function name(id) { return id ? data.names[id] || id : ""; }
  function sideWords(side) {
    if (side === "both") return "both sides";
    return side ? `${side} side` : "";
  }
  function describe(step) {
    const parts = [];
    if (step.side) parts.push(sideWords(step.side));
    if (step.rep && step.exercise) {
      const total = repsOf[`${step.exercise}|${step.side}`] || step.rep;
      parts.push(`rep ${step.rep} of ${total}`);
    }
    return parts.join(" · ");
  }
  // The next hold that is not the one the current step leads into or belongs to.
  function nextHold(from) {
    const now = steps[from];
    const same = (s) => s.exercise === now.exercise && s.side === now.side && s.rep === now.rep;
    for (let i = from + 1; i < steps.length; i++) {
      if (steps[i].phase === "hold" && !(now.exercise && same(steps[i]))) return steps[i];
    }
    return null;
  }

  // The picture follows the step (sicoach.session.pictures): a still of the pose the person
  // is in, a movement into the coming hold in the step's last seconds, the held pose still
  // during a hold, and the movement back out over a release. Mirrored for the side worked.
  let moveTimer = null;
  let plays = 0;
  function setPicture(url, pose, moving) {
    const img = $("picture");
    if (img.getAttribute("src") !== url) img.src = url;
    img.dataset.pose = pose;
    img.dataset.moving = moving ? "yes" : "no";
  }
  function playMovement(pic, seconds) {
    // A fresh address each time, so the browser starts the movement from its beginning.
    plays += 1;
    const url = `${pic.movement}&seconds=${Math.max(0.05, seconds).toFixed(2)}&play=${plays}`;
    setPicture(url, pic.poses[pic.poses.length - 1], true);
  }
  function showPicture(now) {
    clearTimeout(moveTimer);
    const pic = data.pictures[index];
    if (!pic) return;
    const img = $("picture");
    img.alt = pic.alt;
    img.dataset.exercise = pic.exercise;
    img.dataset.side = pic.side;
    img.dataset.held = pic.held;
    if (pic.motion === "still") { setPicture(pic.still, pic.poses[0], false); return; }
    const left = remainingSeconds(now);
    if (pic.motion === "whole-step") { playMovement(pic, left / speed); return; }
    if (left <= pic.move_seconds) { playMovement(pic, left / speed); return; }
    setPicture(pic.still, pic.poses[0], false);
    if (pausedRemaining !== null) return;
    moveTimer = setTimeout(() => playMovement(pic, pic.move_seconds / speed),
      ((left - pic.move_seconds) * 1000) / speed);
  }

  function tone(frequency) {
    if (!audio) return;
    const t = audio.currentTime;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.25, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.22);
  }
  // One cue at a time, never cut mid-sentence: a cue that comes while another is being said
  // waits for it, and a newer one replaces a waiting one (never more than one behind), so a
  // movement line ("Bend your right knee...") is heard whole even when the hold has begun.
  // A key (skip, pause, stop) hushes at once.
  let waiting = null;
  function speak(text) {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = 0.95;
    utterance.onend = utterance.onerror = () => {
      const next = waiting;
      waiting = null;
      if (next && voiceOn) speak(next);
    };
    window.speechSynthesis.speak(utterance);
  }
  function say(text) {
    if (!voiceOn || !("speechSynthesis" in window) || !text) return;
    const synth = window.speechSynthesis;
    if (synth.speaking || synth.pending) { waiting = text; return; }
    speak(text);
  }
  function hush() {
    waiting = null;
    if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  }
  function announce(text) { $("announce").textContent = text; }

  async function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock || finished) return;
    try {
      wakeLock = await navigator.wakeLock.request("screen");
      wakeLock.addEventListener("release", () => { wakeLock = null; });
    } catch (_) { wakeLock = null; }
  }

  function remainingSeconds(now) {
    const ms = pausedRemaining !== null ? pausedRemaining : stepEnd - now;
    return Math.max(0, (ms * speed) / 1000);
  }

  function render(now) {
    const step = steps[index];
    $("now-name").textContent = step.exercise ? name(step.exercise) : PHASE[step.phase];
    $("now-detail").textContent = describe(step);
    const phase = $("phase");
    phase.textContent = PHASE[step.phase];
    phase.className = `phase ${step.phase}`;
    $("cue").textContent = step.cue;
    showPicture(now);
    const next = nextHold(index);
    $("next").textContent = next ? `Next: ${name(next.exercise)}, ${describe(next)}` : "Next: the end";
    updateClock(now);
  }

  function updateClock(now) {
    const left = remainingSeconds(now);
    $("countdown").textContent = String(Math.ceil(left - 1e-6));
    const done = startedBefore[index] + (steps[index].seconds - left);
    const total = data.script.total_seconds || 1;
    const percent = Math.min(100, (100 * done) / total);
    $("bar").style.width = `${percent}%`;
    $("bar-wrap").setAttribute("aria-valuenow", String(Math.round(percent)));
    const step = steps[index];
    if (!warned && step.phase === "hold" && step.seconds >= 20 && left <= 10 && pausedRemaining === null) {
      warned = true;
      announce("10 seconds left");
    }
  }

  function begin(i, at, quiet) {
    index = i;
    stepStart = at;
    stepEnd = at + (steps[i].seconds * 1000) / speed;
    warned = false;
    if (steps[i].phase === "done") { finish(true); return; }
    if (!quiet) cueStep(performance.now());
  }
  function cueStep(now) {
    const step = steps[index];
    render(now);
    tone(step.phase === "hold" ? 880 : 520);
    say(step.cue);
    const detail = describe(step);
    const seconds = Math.round(step.seconds);
    announce(`${PHASE[step.phase]}. ${name(step.exercise)}${detail ? ", " + detail : ""}. ${seconds} seconds. ${step.cue}`);
  }

  function complete(i) {
    results[i].actual_seconds = steps[i].seconds;
    results[i].outcome = "completed";
  }

  function tick() {
    if (finished || index < 0 || pausedRemaining !== null) return;
    const now = performance.now();
    if (now < stepEnd) { updateClock(now); return; }
    // Catch up on every step whose deadline has passed (a backgrounded tab), cue only the last.
    while (!finished && now >= stepEnd) {
      complete(index);
      begin(index + 1, stepEnd, true);
    }
    if (!finished) cueStep(now);
  }

  function start() {
    if (chosen("pain-before") === null) {
      $("before-error").textContent = "Please choose your pain before you start, from 0 to 10.";
      return;
    }
    $("before-error").textContent = "";
    if (!audio && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
    }
    startedAt = new Date();
    clockStart = performance.now();
    $("before").hidden = true;
    $("live").hidden = false;
    document.body.classList.add("live");
    window.scrollTo(0, 0);
    keepAwake();
    begin(0, performance.now(), false);
    timer = setInterval(tick, 100);
    $("pause").focus({ preventScroll: true });
  }

  function togglePause() {
    if (finished || index < 0) return;
    const now = performance.now();
    const button = $("pause");
    if (pausedRemaining === null) {
      pausedRemaining = Math.max(0, stepEnd - now);
      button.textContent = "Resume";
      button.setAttribute("aria-pressed", "true");
      hush();
      clearTimeout(moveTimer);
      announce("Paused");
    } else {
      stepEnd = now + pausedRemaining;
      pausedRemaining = null;
      button.textContent = "Pause";
      button.setAttribute("aria-pressed", "false");
      announce("Going again");
      keepAwake();
      if (data.pictures[index] && data.pictures[index].motion === "at-end") showPicture(now);
    }
    updateClock(now);
  }

  function skip() {
    if (finished || index < 0) return;
    hush();
    const now = performance.now();
    results[index].actual_seconds = steps[index].seconds - remainingSeconds(now);
    results[index].outcome = "skipped";
    pausedRemaining = null;
    $("pause").textContent = "Pause";
    begin(index + 1, now, false);
  }

  function stop() {
    if (finished || index < 0) return;
    results[index].actual_seconds = steps[index].seconds - remainingSeconds(performance.now());
    results[index].outcome = "skipped";
    finish(false);
  }

  // Ending is asked first: Esc is easy to press by mistake. The session waits meanwhile.
  const confirmStop = $("confirm-stop");
  let pausedToAsk = false;
  function askStop() {
    if (finished || index < 0 || confirmStop.open) return;
    pausedToAsk = pausedRemaining === null;
    if (pausedToAsk) togglePause();
    confirmStop.returnValue = "";
    confirmStop.showModal();
  }
  confirmStop.addEventListener("close", () => {
    if (confirmStop.returnValue === "end") stop();
    else if (pausedToAsk) togglePause();
    pausedToAsk = false;
  });

  // The session's own clock: wall time, run `speed` times faster in a demo or test, so a
  // sped-up session is recorded as if it had taken its planned time.
  let clockStart = 0;
  function sessionTime() {
    return new Date(startedAt.getTime() + (performance.now() - clockStart) * speed);
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "s" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${response.status}`);
    return response.json();
  }

  let record = null;
  async function finish(completed) {
    finished = true;
    clearInterval(timer);
    clearTimeout(moveTimer);
    if (wakeLock) wakeLock.release();
    const last = steps[steps.length - 1];
    if (completed) {
      results[results.length - 1].outcome = "completed";
      tone(660);
      say(last.cue);
    } else {
      hush();
    }
    record = {
      schema: "sicoach.session/1", id: uuid(),
      started_at: startedAt.toISOString(), ended_at: sessionTime().toISOString(),
      completed, steps: results,
    };
    const before = chosen("pain-before");
    if (before !== null) record.pain_before = before;
    $("live").hidden = true;
    document.body.classList.remove("live");
    $("after").hidden = false;
    $("after-title").textContent = completed ? "Session complete" : "Session stopped";
    $("after-title").focus();
    announce(completed ? "Session complete. How is your pain now?" : "Session stopped. How is your pain now?");
    try {
      await post(data.record_url, record);
      $("saved").textContent = completed ? "Your session is saved." : "What you did is saved.";
    } catch (error) {
      $("saved").textContent = "We could not save the session. Check the app is still running and reload.";
    }
  }

  function chosen(name) {
    const input = document.querySelector(`input[name="${name}"]:checked`);
    return input ? Number(input.value) : null;
  }

  async function sendPain(event) {
    event.preventDefault();
    const now = chosen("pain-now");
    const during = chosen("pain-during");
    const problem = $("pain-error");
    if (now === null) { problem.textContent = "Please choose your pain now, from 0 to 10."; return; }
    problem.textContent = "";
    try {
      const url = `${data.record_url}/${encodeURIComponent(record.id)}/pain`;
      const answer = await post(url, { during, after: now });
      const box = $("thanks");
      box.className = answer.verdict === "within-limit" ? "ok" : "alert";
      $("verdict-message").textContent = answer.message;
      $("morning-hint").hidden = answer.verdict !== "within-limit";
      $("pain-form").hidden = true;
      box.hidden = false;
      box.focus();
    } catch (error) {
      problem.textContent = "That did not save. Please try again.";
    }
  }

  $("start").addEventListener("click", start);
  $("pause").addEventListener("click", togglePause);
  $("skip").addEventListener("click", skip);
  $("stop").addEventListener("click", askStop);
  $("pain-form").addEventListener("submit", sendPain);
  const voice = $("voice");
  voice.checked = voiceOn;
  voice.addEventListener("change", () => {
    voiceOn = voice.checked;
    localStorage.setItem("sicoach-voice", voiceOn ? "on" : "off");
    if (!voiceOn) hush();
  });
  document.addEventListener("keydown", (event) => {
    if ($("live").hidden || confirmStop.open) return;
    if (event.target.closest("input, button, a") && event.key === " ") return;
    if (event.key === " ") { event.preventDefault(); togglePause(); }
    else if (event.key === "n" || event.key === "ArrowRight") skip();
    else if (event.key === "Escape") { event.preventDefault(); askStop(); }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") { tick(); if (pausedRemaining === null) keepAwake(); }
  });
})();
