// The organisers' question editor: the settings that apply to the chosen type of answer only;
// sections and questions reordered by dragging (the numbers follow, then "Save the order");
// destructive buttons ask first. Without JavaScript every setting shows and the numbers are
// typed. No inline scripts (CSP).
(function () {
  "use strict";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // -- settings per type of answer
  var kind = document.querySelector("[data-question-form] [name=kind]");
  function showKinds() {
    document.querySelectorAll("[data-kinds]").forEach(function (box) {
      box.hidden = box.getAttribute("data-kinds").split(" ").indexOf(kind.value) === -1;
    });
  }
  if (kind) {
    kind.addEventListener("change", showKinds);
    showKinds();
  }

  // -- order by dragging
  var changed = document.querySelector("[data-order-changed]");
  function renumber(list) {
    var items = Array.prototype.filter.call(list.children, function (el) {
      return el.hasAttribute("data-sortable-item");
    });
    items.forEach(function (item, index) {
      var input = item.querySelector("[data-position]");
      if (input) { input.value = index + 1; }
    });
    if (changed) { changed.hidden = false; }
  }

  var dragged = null;
  document.querySelectorAll("[data-sortable]").forEach(function (list) {
    Array.prototype.forEach.call(list.children, function (item) {
      if (!item.hasAttribute("data-sortable-item")) { return; }
      var handle = item.querySelector("[data-drag-handle]");
      if (!handle) { return; }
      handle.addEventListener("mousedown", function () { item.draggable = true; });
      handle.addEventListener("touchstart", function () { item.draggable = true; }, { passive: true });
      item.addEventListener("dragstart", function (event) {
        if (!item.draggable) { return; }
        event.stopPropagation();
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
      });
      item.addEventListener("dragend", function () {
        item.draggable = false;
        item.classList.remove("dragging");
        if (dragged && dragged.parentNode) { renumber(dragged.parentNode); }
        dragged = null;
      });
    });
    list.addEventListener("dragover", function (event) {
      if (!dragged || dragged.parentNode !== list) { return; }
      event.preventDefault();
      var after = null;
      Array.prototype.some.call(list.children, function (item) {
        if (item === dragged || !item.hasAttribute("data-sortable-item")) { return false; }
        var box = item.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) { after = item; return true; }
        return false;
      });
      list.insertBefore(dragged, after);
    });
  });
  document.querySelectorAll("[data-position]").forEach(function (input) {
    input.addEventListener("input", function () { if (changed) { changed.hidden = false; } });
  });
})();
