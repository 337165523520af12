// The organisers' questions on a delegate's form: show a question only to the categories it is
// for and when its condition is met, as the delegate answers. The same rule runs on the server
// (forum/questions/rules.py), which also ignores what a hidden question sends. A hidden
// question's inputs are disabled, so the browser does not send them. No inline scripts (CSP).
(function () {
  "use strict";
  var questions = document.querySelectorAll("[data-question]");
  if (!questions.length) { return; }
  var form = questions[0].closest("form");
  if (!form) { return; }

  function byId(id) { return form.querySelector('[data-question="' + id + '"]'); }

  // The requested category decides which questions show. A page whose form names it
  // otherwise says which field holds it (data-answers-category: the desk's badge category);
  // a badge category nobody can request counts as "delegate" there (data-requestable), as on
  // the server (forum.registration.desk.requested_category).
  function category() {
    var name = form.getAttribute("data-answers-category") || "requested_category";
    var select = form.querySelector('[name="' + name + '"]');
    var value = select ? select.value : "";
    var requestable = form.getAttribute("data-requestable");
    if (requestable && requestable.split(" ").indexOf(value) === -1) { return "delegate"; }
    return value;
  }

  // The values a condition can test in a question's answer: choice ids, or "yes"/"no".
  function values(id) {
    var found = [];
    var box = byId(id);
    if (!box || box.hidden) { return found; }
    Array.prototype.forEach.call(box.querySelectorAll("[name=q" + id + "]"), function (input) {
      if (input.disabled) { return; }
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { found.push(input.value); }
      } else if (input.value) {
        found.push(input.value);
      }
    });
    var locked = box.getAttribute("data-locked-values");
    return locked ? found.concat(locked.split(" ")) : found;
  }

  function allowed(box) {
    var categories = box.getAttribute("data-categories");
    return !categories || categories.split(" ").indexOf(category()) !== -1;
  }

  function shows(box) {
    if (!allowed(box)) { return false; }
    var condition = box.getAttribute("data-condition");
    if (!condition) { return true; }
    var other = byId(condition);
    if (!other || !allowed(other)) { return false; }
    return values(condition).indexOf(box.getAttribute("data-condition-value")) !== -1;
  }

  function update() {
    // Questions without a condition first: the conditions read their answers.
    var ordered = Array.prototype.slice.call(questions).sort(function (a, b) {
      return (a.hasAttribute("data-condition") ? 1 : 0) - (b.hasAttribute("data-condition") ? 1 : 0);
    });
    ordered.forEach(function (box) {
      var show = shows(box);
      box.hidden = !show;
      Array.prototype.forEach.call(box.querySelectorAll("input, select, textarea"), function (input) {
        if (!input.hasAttribute("data-full")) { input.disabled = !show; }
      });
    });
    Array.prototype.forEach.call(form.querySelectorAll("[data-question-section]"), function (section) {
      section.hidden = !section.querySelector("[data-question]:not([hidden])");
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", function (event) {
    if (event.target.matches("select, [type=radio], [type=checkbox]")) { update(); }
  });
  update();
})();
