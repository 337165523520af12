/* Live attendance: fetch the figures every 5 seconds and redraw the tables and the chart. */
(function () {
  "use strict";
  var root = document.getElementById("attendance");
  if (!root) return;
  var T = JSON.parse(root.dataset.texts);
  var el = function (id) { return document.getElementById(id); };

  function cell(row, text, className) {
    var td = document.createElement("td");
    if (text instanceof Node) td.appendChild(text); else td.textContent = text === null || text === undefined ? "" : text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }
  function pill(text, kind) {
    var span = document.createElement("span");
    span.className = "pill pill-" + kind;
    span.textContent = text;
    return span;
  }
  function replaceRows(tbody, items, build, emptyText, columns) {
    tbody.textContent = "";
    if (!items.length) {
      var row = document.createElement("tr");
      var td = cell(row, emptyText, "muted");
      td.colSpan = columns;
      tbody.appendChild(row);
      return;
    }
    items.forEach(function (item) { tbody.appendChild(build(item)); });
  }
  function meter(inside, capacity) {
    var outer = document.createElement("span");
    outer.className = "meter" + (capacity && inside >= capacity ? " full" : "");
    var bar = document.createElement("span");
    bar.style.width = capacity ? Math.min(100, Math.round(100 * inside / capacity)) + "%" : "0";
    outer.appendChild(bar);
    outer.title = capacity ? Math.round(100 * inside / capacity) + "%" : "";
    return outer;
  }

  function render(data) {
    el("accredited").textContent = data.accredited;
    el("checked-in").textContent = data.checked_in;
    el("inside-venue").textContent = data.inside_venue + (data.venue_capacity ? " / " + data.venue_capacity : "");
    el("already-inside").textContent = data.already_inside;

    replaceRows(el("checkpoints"), data.checkpoints, function (c) {
      var row = document.createElement("tr");
      cell(row, c.name);
      cell(row, c.kind === "room" ? T.room : T.venue);
      cell(row, c.inside);
      cell(row, c.capacity === null ? "–" : c.capacity);
      cell(row, meter(c.inside, c.capacity));
      return row;
    }, T.none, 5);

    var chart = el("minutes");
    chart.textContent = "";
    var peak = 1, total = 0;
    data.per_minute.forEach(function (m) {
      var all = m.accepted + m.already_inside + m.rejected;
      peak = Math.max(peak, all);
      total += all;
    });
    data.per_minute.forEach(function (m) {
      var column = document.createElement("div");
      column.className = "minute";
      column.title = m.label + ": " + m.accepted + " / " + m.already_inside + " / " + m.rejected;
      [["ok", m.accepted], ["amber", m.already_inside], ["refused", m.rejected]].forEach(function (part) {
        var bar = document.createElement("span");
        bar.className = part[0];
        bar.style.height = (100 * part[1] / peak) + "%";
        column.appendChild(bar);
      });
      chart.appendChild(column);
    });
    if (data.per_minute.length) {
      el("axis-start").textContent = data.per_minute[0].label;
      el("axis-end").textContent = data.per_minute[data.per_minute.length - 1].label;
    }
    el("per-minute-total").textContent = T.total.replace("{n}", total);

    replaceRows(el("refusals"), data.refusals, function (r) {
      var row = document.createElement("tr");
      cell(row, r.label);
      cell(row, r.count);
      return row;
    }, T.none, 2);

    replaceRows(el("flagged"), data.flagged, function (s) {
      var row = document.createElement("tr");
      cell(row, s.time);
      cell(row, s.name);
      cell(row, s.checkpoint);
      return row;
    }, T.noFlagged, 3);

    replaceRows(el("latest"), data.latest, function (s) {
      var row = document.createElement("tr");
      cell(row, s.time);
      cell(row, s.checkpoint);
      cell(row, s.direction === "in" ? T.in : T.out);
      var result = document.createElement("span");
      var kind = s.status === "accepted" ? "approved" : (s.reason === "already_inside" ? "amber" : "rejected");
      result.appendChild(pill(s.status === "accepted" ? T.accepted : s.reason_label, kind));
      if (s.offline) result.appendChild(document.createTextNode(" " + T.offline));
      if (s.annulled) result.appendChild(document.createTextNode(" " + T.annulled));
      cell(row, result);
      cell(row, s.name);
      cell(row, s.scanner);
      return row;
    }, T.none, 6);

    el("updated").textContent = T.updated.replace("{t}", data.generated_label);
  }

  function refresh() {
    fetch(root.dataset.url, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(render)
      .catch(function () { el("updated").textContent = T.stale; });
  }
  refresh();
  setInterval(refresh, 5000);
})();
