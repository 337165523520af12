// Long forms: the error summary takes the focus when the page opens and its links focus
// their field; switching the language keeps what was typed (forms marked
// data-keep-on-language), as the language links reload the page.
(function () {
  "use strict";
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (e) {
      var link = e.target.closest("a[data-field]");
      var field = link && document.getElementById(link.getAttribute("data-field"));
      if (!field) { return; }
      e.preventDefault();
      var box = field.closest(".field") || field;
      box.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  var form = document.querySelector("form[data-keep-on-language]");
  if (!form || !window.sessionStorage) { return; }
  var key = "forum-form:" + location.pathname;
  var SKIP = { password: true, file: true, hidden: true, submit: true, button: true };

  function kept(element) {
    return element.name && !SKIP[element.type] && !element.disabled && !element.readOnly;
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest("a.lang[hreflang]");
    if (!link) { return; }
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element)) { return; }
      values[element.name] = element.type === "checkbox" || element.type === "radio"
        ? (element.checked ? element.value : null) : element.value;
    });
    try { sessionStorage.setItem(key, JSON.stringify(values)); } catch (err) { /* full */ }
  });

  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (err) { saved = null; }
  sessionStorage.removeItem(key);
  if (!saved || summary) { return; }  // a form that came back from the server has its own values
  Array.prototype.forEach.call(form.elements, function (element) {
    if (!kept(element) || !(element.name in saved)) { return; }
    var value = saved[element.name];
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = value === element.value;
    } else if (value !== null) {
      element.value = value;
    }
  });
  // Scripts that follow the fields (the passport spelling) see the restored values.
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (kept(element) && element.name in saved) {
        element.dispatchEvent(new Event("input", { bubbles: true }));
      }
    });
  });
})();
