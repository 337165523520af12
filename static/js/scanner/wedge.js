/* The keyboard wedge: a handheld scanner types the code and Enter into the code field,
   and a key typed anywhere else on the page goes to that field. */
import { codeInput, el } from "./page.js";
import { submit } from "./scan.js";

export function setUpWedge() {
  el("wedge").addEventListener("submit", function (event) {
    event.preventDefault();
    const code = codeInput.value.trim();
    codeInput.value = "";
    if (code) submit({ code: code });
  });
  document.addEventListener("keydown", function (event) {
    const tag = (event.target.tagName || "").toLowerCase();
    if (tag !== "input" && tag !== "select" && tag !== "textarea" && event.key.length === 1) {
      codeInput.focus();
    }
  });
}
