/* The code field. A handheld scanner (a keyboard wedge) types the code and Enter into it;
   a printable key typed outside every control goes to it too, so the scanner works with
   no field focused. Keys on a control stay there (WCAG 2.1.1): Space and Enter on a
   button press the button, arrows move between In and Out, and so on.

   On a phone the field asks for no on-screen keyboard (inputmode=none), which would cover
   the camera; the keyboard button next to it brings the keyboard for typing a code. */
import { hideAnswer, isAnswerShown } from "./answer.js";
import { codeInput, el } from "./page.js";
import { submit } from "./scan.js";

// Where keys belong to the element itself.
const CONTROLS = "input, select, textarea, button, a[href], summary, [contenteditable], [role=button], dialog";

function typeCode() {
  codeInput.blur();  // focused again with inputmode=text, the field brings the keyboard
  codeInput.setAttribute("inputmode", "text");
  codeInput.focus();
}

export function setUpWedge() {
  el("wedge").addEventListener("submit", function (event) {
    event.preventDefault();
    const code = codeInput.value.trim();
    codeInput.value = "";
    if (code) submit({ code: code });
    else if (isAnswerShown()) hideAnswer();  // Enter alone: back to scanning
  });
  el("type-code").addEventListener("click", typeCode);
  // The menu closed: back to the code field, where a handheld scanner types.
  const menu = document.querySelector(".scanner-menu");
  if (menu) menu.addEventListener("toggle", function () { if (!menu.open) codeInput.focus(); });
  codeInput.addEventListener("blur", function () { codeInput.setAttribute("inputmode", "none"); });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key.length !== 1) return;  // printable characters only, not Tab, Enter, arrows
    const target = event.target instanceof Element ? event.target : null;
    if (target && target.closest(CONTROLS)) return;
    codeInput.focus();
  });
}
