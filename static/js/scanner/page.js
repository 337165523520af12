/* The scanner page itself: its elements, the words it shows (in the staff member's
   language, from data-texts), and the door and direction chosen at the top. */

export const root = document.getElementById("scanner");

// The page shows no scanner to door staff who have no checkpoint yet.
export const hasScanner = Boolean(root && document.getElementById("checkpoint"));

export const texts = hasScanner ? JSON.parse(root.dataset.texts) : {};
export const categoryLabels = hasScanner ? JSON.parse(root.dataset.categories) : {};
// The rules of forum.translit.search_key as data (search-key.js).
export const translitTable = hasScanner ? JSON.parse(root.dataset.translit) : {};

export function el(id) { return document.getElementById(id); }

export const checkpointSelect = el("checkpoint");
export const codeInput = el("code");

export function checkpointId() { return parseInt(checkpointSelect.value, 10); }

export function doorName() {
  return checkpointSelect.options[checkpointSelect.selectedIndex].textContent.trim();
}

/* Seconds after which this door's answer goes back to scanning; 0: it stays. */
export function answerSeconds() {
  return parseInt(checkpointSelect.options[checkpointSelect.selectedIndex].dataset.answerSeconds || "0", 10);
}

export function direction() {
  return document.querySelector("input[name=direction]:checked").value;
}

export function directionLabel() {
  return direction() === "out" ? texts.directionOut : texts.directionIn;
}

/* Puts values into a text's {placeholders}: fill("{n} waiting", { n: 2 }). */
export function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, function (m, key) {
    return values[key] !== undefined ? values[key] : m;
  });
}

export function hhmm(date) {
  return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hour12: false });
}
