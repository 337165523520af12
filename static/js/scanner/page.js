/* The scanner page itself: its elements, the words it shows (in the staff member's
   language, from data-texts), and the door and direction chosen at the top. */

export const root = document.getElementById("scanner");

// The page shows no scanner to door staff who have no checkpoint yet.
export const hasScanner = Boolean(root && document.getElementById("checkpoint"));

export const texts = hasScanner ? JSON.parse(root.dataset.texts) : {};
export const categoryLabels = hasScanner ? JSON.parse(root.dataset.categories) : {};

export function el(id) { return document.getElementById(id); }

export const checkpointSelect = el("checkpoint");
export const codeInput = el("code");

export function checkpointId() { return parseInt(checkpointSelect.value, 10); }

export function direction() {
  return document.querySelector("input[name=direction]:checked").value;
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
