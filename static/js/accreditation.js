// Registration list: "select all" and a live count of the selected rows.
(function () {
  "use strict";
  var all = document.getElementById("select-all");
  var count = document.getElementById("selected-count");
  var boxes = function () { return document.querySelectorAll('input[name="ids"]'); };
  var label = count ? count.textContent : "";
  function update() {
    var n = Array.prototype.filter.call(boxes(), function (b) { return b.checked; }).length;
    if (count) { count.textContent = n ? n + " ✓" : label; }
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
})();
