// The intake form one question group at a time. Without this script every group shows
// and the form still works; the server checks every answer either way.
"use strict";
(() => {
  const form = document.querySelector("form.intake");
  if (!form) return;
  const groups = [...form.querySelectorAll("fieldset[data-group]")];
  const back = form.querySelector("[data-back]");
  const next = form.querySelector("[data-next]");
  const submit = form.querySelector("[data-submit]");
  let current = Math.max(0, Number(form.dataset.firstGroup || 1) - 1);

  function show(index, focus) {
    current = index;
    groups.forEach((g, i) => {
      g.hidden = i !== index;
      g.querySelector(".step-count").hidden = false;
    });
    back.hidden = index === 0;
    next.hidden = index === groups.length - 1;
    submit.hidden = index !== groups.length - 1;
    if (focus) {
      const legend = groups[index].querySelector("legend");
      legend.setAttribute("tabindex", "-1");
      legend.focus();
      groups[index].scrollIntoView({ block: "start" });
    }
  }
  back.addEventListener("click", () => show(current - 1, true));
  next.addEventListener("click", () => show(current + 1, true));
  show(current, false);
  // A possible cauda equina sign is told at once, not after the remaining questions.
  const emergency = document.getElementById("emergency-now");
  const urgent = [...form.querySelectorAll("[data-emergency] input[value='true']")];
  function warn() {
    emergency.hidden = !urgent.some((input) => input.checked);
  }
  form.querySelectorAll("[data-emergency] input").forEach((input) => {
    input.addEventListener("change", warn);
  });
  warn();
  const problems = document.getElementById("form-problems");
  if (problems) problems.focus();
})();
