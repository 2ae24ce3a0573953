/* Search on a static host: folds Vietnamese (tone marks dropped, đ -> d) like the index does. */
(function () {
  "use strict";
  var form = document.querySelector(".search-form");
  if (!form) { return; }
  document.documentElement.classList.add("js");
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var lang = document.documentElement.lang;
  var words = {
    vi: { none: "Không tìm thấy kết quả cho", found: "kết quả cho", loading: "Đang tải…", error: "Không tải được chỉ mục tìm kiếm." },
    en: { none: "No results for", found: "results for", loading: "Loading…", error: "The search index could not be loaded." }
  }[lang] || {};
  var index = null;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  function terms(text) { return fold(text).split(/[^a-z0-9]+/).filter(Boolean); }

  function load() {
    if (index) { return Promise.resolve(index); }
    status.textContent = words.loading;
    return fetch(form.getAttribute("data-index")).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (data) {
      index = data.docs.map(function (d) { d.set = " " + d.w + " "; return d; });
      return index;
    });
  }

  function score(doc, query) {
    var total = 0;
    for (var i = 0; i < query.length; i++) {
      var q = query[i];
      if (doc.set.indexOf(" " + q + " ") >= 0) { total += 2; }
      else if (doc.set.indexOf(" " + q) >= 0) { total += 1; }
      else { return 0; }
      if (doc.f.indexOf(q) >= 0) { total += 3; }
    }
    var phrase = query.join(" ");
    if (query.length > 1 && doc.set.indexOf(" " + phrase + " ") >= 0) { total += 4; }
    return total;
  }

  function render(query, raw) {
    list.textContent = "";
    var hits = index.map(function (d) { return { d: d, s: score(d, query) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; }).slice(0, 50);
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.d.u; a.textContent = h.d.t;
      var title = document.createElement("h3"); title.className = "teaser-title"; title.appendChild(a);
      li.appendChild(title);
      if (h.d.d) { var m = document.createElement("p"); m.className = "meta"; m.textContent = h.d.d; li.appendChild(m); }
      if (h.d.s) { var p = document.createElement("p"); p.textContent = h.d.s; li.appendChild(p); }
      list.appendChild(li);
    });
    status.textContent = hits.length ? hits.length + " " + words.found + " “" + raw + "”" : words.none + " “" + raw + "”";
  }

  function run() {
    var raw = input.value.trim();
    var query = terms(raw);
    if (!query.length) { list.textContent = ""; status.textContent = ""; return; }
    load().then(function () { render(query, raw); }, function () { status.textContent = words.error; });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run();
  });
  var timer = null;
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 200); });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { input.value = initial; run(); }
})();
