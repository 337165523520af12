/* The full-screen answer (green, amber or red, with the door and direction, the
   delegate's name and its passport form, organisation, category, photo and the officers'
   attention note), its beeps and vibration. It stays until the next scan or a tap (or
   Escape, or the Next button), or goes after the door's own number of seconds when
   organisers set one. While a scan is on its way the scanner takes no other. */
import {
  answerSeconds, categoryLabels, codeInput, directionLabel, doorName, el, texts,
} from "./page.js";

const answer = el("answer");
let busy = false;
let hideTimer = null;
let audio = null;

export function isBusy() { return busy; }

export function setBusy(value) { busy = value !== false; }

export function isAnswerShown() { return !answer.hidden; }

/* Browsers start sound only after a touch or a key: the first one creates the context. */
function unlockAudio() {
  if (!audio && (window.AudioContext || window.webkitAudioContext)) {
    audio = new (window.AudioContext || window.webkitAudioContext)();
  }
  if (audio && audio.state === "suspended") audio.resume();
}

function beep(frequency, start, length, type) {
  if (!audio) return;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = type || "sine";
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, audio.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + start + length);
  osc.connect(gain).connect(audio.destination);
  osc.start(audio.currentTime + start);
  osc.stop(audio.currentTime + start + length + 0.02);
}

const SOUNDS = {
  green: function () { beep(880, 0, 0.12); beep(1320, 0.14, 0.18); },
  amber: function () { beep(660, 0, 0.15, "triangle"); beep(660, 0.22, 0.15, "triangle"); },
  red: function () { beep(196, 0, 0.6, "square"); },
};

/* The officers' note and tags for the door ({note, labels}), or nothing. */
function showAttention(attention) {
  const box = el("answer-attention");
  const tags = el("answer-tags");
  tags.textContent = "";
  if (!attention || (!attention.note && !(attention.labels || []).length)) {
    box.hidden = true;
    return;
  }
  (attention.labels || []).forEach(function (label) {
    const chip = document.createElement("li");
    chip.textContent = label;
    tags.appendChild(chip);
  });
  el("answer-note").textContent = attention.note || "";
  box.hidden = false;
}

/* The organisers' chosen answer ({label, text}: "Interpretation: French") on a green entry,
   from the scan API (forum.checkin.services.ScanAnswer); nothing otherwise. */
function showDoorAnswer(answer) {
  const line = el("answer-question");
  if (!line) return;
  line.hidden = !(answer && answer.text);
  el("answer-question-label").textContent = answer && answer.label ? answer.label + ":" : "";
  el("answer-question-text").textContent = answer && answer.text ? answer.text : "";
}

export function showAnswer(colour, title, delegate, message) {
  clearTimeout(hideTimer);
  busy = false;
  answer.className = "answer answer-" + colour;
  el("answer-where").textContent = doorName() + " · " + directionLabel();
  el("answer-title").textContent = title;
  el("answer-name").textContent = delegate && delegate.name ? delegate.name : "";
  el("answer-latin").textContent = delegate && delegate.passport_name ? delegate.passport_name : "";
  const org = [];
  if (delegate && delegate.organisation) org.push(delegate.organisation);
  if (delegate && (delegate.country_name || delegate.country)) {
    org.push(delegate.country_name || delegate.country);
  }
  el("answer-org").textContent = org.join(" · ");
  const category = el("answer-category");
  category.textContent = delegate && delegate.category
    ? (delegate.category_label || categoryLabels[delegate.category] || delegate.category) : "";
  category.className = "answer-category" + (delegate && delegate.category
    ? " category-chip category-" + delegate.category : "");
  const photo = el("answer-photo");
  if (delegate && delegate.photo_url) {
    photo.src = delegate.photo_url;
    photo.hidden = false;
  } else {
    photo.removeAttribute("src");
    photo.hidden = true;
  }
  showAttention(delegate ? delegate.attention : null);
  showDoorAnswer(colour === "green" && delegate ? delegate.answer : null);
  el("answer-message").textContent = message || "";
  answer.hidden = false;
  (SOUNDS[colour] || SOUNDS.red)();
  if (navigator.vibrate) navigator.vibrate(colour === "green" ? 80 : [200, 80, 200]);
  const seconds = answerSeconds();
  if (seconds > 0) hideTimer = setTimeout(hideAnswer, seconds * 1000);
}

export function hideAnswer() {
  clearTimeout(hideTimer);
  answer.hidden = true;
  codeInput.focus();
}

/* The answer's title for the server's verdict on a scan. */
export function titleFor(result) {
  if (result.colour === "green") return result.direction === "out" ? texts.exit : texts.green;
  return result.colour === "amber" ? texts.amber : texts.red;
}

export function setUpAnswer() {
  document.addEventListener("pointerdown", unlockAudio);
  document.addEventListener("keydown", unlockAudio);
  answer.addEventListener("click", hideAnswer);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isAnswerShown()) hideAnswer();
  });
}
