/* The door and direction chosen at the top of the page: kept in localStorage for the next
   visit; another door loads its offline list and its figure. */
import { loadList } from "./offline.js";
import { checkpointSelect, codeInput, direction, el } from "./page.js";
import { refreshStats } from "./stats.js";

const SAVED_KEY = "forum-scanner";

function remember() {
  try {
    localStorage.setItem(SAVED_KEY, JSON.stringify({ checkpoint: checkpointSelect.value, direction: direction() }));
  } catch (e) { /* private mode */ }
}

function restore() {
  try {
    const saved = JSON.parse(localStorage.getItem(SAVED_KEY) || "null");
    if (saved && checkpointSelect.querySelector("option[value='" + saved.checkpoint + "']")) {
      checkpointSelect.value = saved.checkpoint;
    }
    if (saved && saved.direction === "out") el("dir-out").checked = true;
  } catch (e) { /* ignore */ }
}

export function setUpDoorChoice() {
  restore();
  checkpointSelect.addEventListener("change", function () {
    remember(); loadList(); refreshStats(); codeInput.focus();
  });
  document.querySelectorAll("input[name=direction]").forEach(function (radio) {
    radio.addEventListener("change", function () { remember(); codeInput.focus(); });
  });
}
