// Concordance of the problems and improvements statements (analysis.concordance writes its data).
// Works from file://: the data are scripts that assign to globals, loaded with <script src>;
// report text is only ever set as textContent, never parsed as HTML.
(function () {
  "use strict";
  var root = document.getElementById("kwic");
  if (!root || !window.KWIC_INDEX) return;
  var base = root.getAttribute("data-base") || "";
  var index = window.KWIC_INDEX;
  var input = document.getElementById("kwic-term");
  var status = document.getElementById("kwic-status");
  var tbody = document.querySelector("#kwic-table tbody");
  var list = document.getElementById("kwic-terms");
  var rows = [];
  var sortKey = null, sortDir = 1;
  window.KWIC_SHARDS = window.KWIC_SHARDS || {};

  var terms = Object.keys(index.terms).sort(function (a, b) { return index.terms[b][1] - index.terms[a][1]; });
  terms.slice(0, 2000).forEach(function (t) { var o = document.createElement("option"); o.value = t; list.appendChild(o); });

  function loadShard(k, done) {
    if (window.KWIC_SHARDS[k]) return done();
    var s = document.createElement("script");
    s.src = base + "shard-" + ("00" + k).slice(-3) + ".js";
    s.onload = done;
    s.onerror = function () { status.textContent = "Could not load " + s.src; };
    document.head.appendChild(s);
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    var span = document.createElement("span");
    span.dir = "ltr";  // the left context is clipped on its left (the cell is right-to-left), its text reads left to right
    span.textContent = text == null ? "" : String(text);
    td.appendChild(span);
    if (cls) td.className = cls;
    tr.appendChild(td);
  }

  function render() {
    var sorted = rows.slice();
    if (sortKey) {
      sorted.sort(function (a, b) {
        var x = a[sortKey], y = b[sortKey];
        if (sortKey === "left") { x = x.split("").reverse().join(""); y = y.split("").reverse().join(""); }
        if (x == null) return 1; if (y == null) return -1;
        return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
      });
    }
    tbody.textContent = "";
    sorted.forEach(function (r) {
      var tr = document.createElement("tr");
      cell(tr, r.left, "kwic-left"); cell(tr, r.term, "kwic-term"); cell(tr, r.right, "kwic-right");
      cell(tr, r.report, "kwic-report"); cell(tr, r.year, "kwic-year"); cell(tr, r.part, "kwic-part");
      tbody.appendChild(tr);
    });
  }

  function show(term) {
    term = term.trim();
    rows = [];
    var entry = index.terms[term];
    if (!term) { status.textContent = ""; render(); return; }
    if (!entry) {
      var near = terms.filter(function (t) { return t.indexOf(term) >= 0; }).slice(0, 8);
      status.textContent = "“" + term + "” is not among the " + terms.length + " indexed terms" +
        (near.length ? "; try: " + near.join(", ") : "") + ".";
      render();
      return;
    }
    loadShard(entry[2], function () {
      var shard = window.KWIC_SHARDS[entry[2]] || { hits: {}, reports: [] };
      (shard.hits[term] || []).forEach(function (h) {
        var rep = shard.reports[h[2]] || [];
        rows.push({ left: h[0], term: term, right: h[1], report: rep[0] + (rep[1] ? " (" + rep[1] + ")" : ""),
                    year: rep[2], part: h[3] === 0 ? "problems" : "improvements" });
      });
      var rest = entry[0] - rows.length;
      status.textContent = entry[0] + " occurrences in " + entry[1] + " reports; showing " + rows.length +
        (rest > 0 ? " (" + rest + " more not shown: at most " + index.hits_per_term + " per term)" : "") + ".";
      render();
    });
  }

  document.querySelectorAll("#kwic-table th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () {
      var k = th.getAttribute("data-key");
      sortDir = sortKey === k ? -sortDir : 1;
      sortKey = k;
      render();
    });
  });
  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("change", function () { show(input.value); });
  var initial = (location.hash || "").replace(/^#/, "");
  if (initial) { input.value = decodeURIComponent(initial); show(input.value); }
})();
