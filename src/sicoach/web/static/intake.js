// The intake form one question group at a time. Each group's "Next" posts the form, and
// the server checks that group's answers and sends back the next group (or the problems).
// Without this script every group shows and the form works the same way.
"use strict";
(() => {
  const form = document.querySelector("form.intake");
  if (!form) return;
  const groups = [...form.querySelectorAll("fieldset[data-group]")];
  let current = Math.max(0, Number(form.dataset.firstGroup || 1) - 1);

  function show(index, focus) {
    current = index;
    groups.forEach((g, i) => {
      g.hidden = i !== index;
      g.querySelector(".step-count").hidden = false;
      g.querySelector("[data-back]").hidden = i === 0;
    });
    if (focus) {
      const legend = groups[index].querySelector("legend");
      legend.setAttribute("tabindex", "-1");
      legend.focus();
      groups[index].scrollIntoView({ block: "start" });
    }
  }
  form.querySelectorAll("[data-back]").forEach((back) => {
    back.addEventListener("click", () => show(current - 1, true));
  });
  // Enter in a field goes on from the group shown, not from the form's first button.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    event.preventDefault();
    form.requestSubmit(groups[current].querySelector("button[type='submit']"));
  });
  show(current, form.dataset.firstGroup !== "1");
  // A possible cauda equina sign ends the questions at once: the server answers with
  // the emergency advice and the number to call.
  const emergency = document.getElementById("emergency-now");
  form.querySelectorAll("[data-emergency] input[value='true']").forEach((input) => {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      emergency.hidden = false;
      form.requestSubmit(input.closest("fieldset").querySelector("button[type='submit']"));
    });
  });
  const problems = document.getElementById("form-problems");
  if (problems) problems.focus();
})();
