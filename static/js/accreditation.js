// Registration list: "select all", the selection counter ("3 selected") and, before a
// bulk action, a confirmation that names the count and what each delegate is mailed.
// The texts come from the form's data-texts (forum/registration/bulk_texts.py).
(function () {
  "use strict";
  var form = document.getElementById("bulk");
  if (!form) { return; }
  var texts = JSON.parse(form.getAttribute("data-texts"));
  var all = document.getElementById("select-all");
  var count = document.getElementById("selected-count");
  var dialog = document.getElementById("bulk-confirm");
  var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
  var idle = count.textContent;
  var confirmed = false;

  function boxes() { return document.querySelectorAll('input[name="ids"]'); }
  function selected() {
    return Array.prototype.filter.call(boxes(), function (b) { return b.checked; }).length;
  }
  function withCount(text, n) { return text.replace("{count}", String(n)); }

  function update() {
    var n = selected();
    count.textContent = n ? withCount(texts.selected, n) : idle;
    if (all) {
      var total = boxes().length;
      all.checked = total > 0 && n === total;
      all.indeterminate = n > 0 && n < total;
    }
  }

  if (all) {
    all.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      update();
    });
  }
  document.addEventListener("change", function (e) {
    if (e.target && e.target.name === "ids") { update(); }
  });

  function ask(action, n) {
    var text = texts.actions[action];
    var forms = text.question;
    var question = forms[plurals.select(n)] || forms.other || forms.one;
    document.getElementById("bulk-confirm-question").textContent = withCount(question, n);
    document.getElementById("bulk-confirm-mail").textContent = text.mail;
    var reason = document.getElementById("bulk-confirm-reason");
    reason.hidden = action !== "reject";
    reason.textContent = action === "reject" ? form.elements.reason.value.trim() : "";
    var yes = document.getElementById("bulk-confirm-button");
    yes.textContent = text.button;
    yes.className = "button " + (action === "reject" ? "button-danger" : "button-primary");
    document.getElementById("bulk-confirm-back").textContent = texts.back;
    dialog.returnValue = "";
    dialog.onclose = function () {
      if (dialog.returnValue !== "confirm") { return; }
      var hidden = form.querySelector('input[type="hidden"][name="action"]');
      if (!hidden) {
        hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = "action";
        form.appendChild(hidden);
      }
      hidden.value = action;
      confirmed = true;
      form.submit();
    };
    dialog.showModal();
  }

  form.addEventListener("submit", function (e) {
    if (confirmed) { return; }
    e.preventDefault();
    var action = e.submitter && e.submitter.value;
    var n = selected();
    if (!n) {
      count.textContent = texts.nothing;
      return;
    }
    if (action === "reject" && !form.elements.reason.value.trim()) {
      count.textContent = texts.reasonMissing;
      form.elements.reason.focus();
      return;
    }
    if (texts.actions[action]) { ask(action, n); }
  });
  update();
})();
