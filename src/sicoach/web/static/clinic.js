// The clinician's pages: a "Copy" button beside a read-only field copies its text.
// A file of its own, since the Content-Security-Policy refuses inline scripts.
"use strict";

function copyField(button) {
  const field = document.getElementById(button.dataset.copyTarget);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!field) {
    return;
  }
  const said = (words) => {
    if (status) {
      status.textContent = words;
    }
  };
  const fallback = () => {
    field.focus();
    field.select();
    said(document.execCommand("copy") ? "Copied." : "Select the link and copy it.");
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(() => said("Copied."), fallback);
  } else {
    fallback();
  }
}

document.querySelectorAll("button[data-copy-target]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => copyField(button));
});
