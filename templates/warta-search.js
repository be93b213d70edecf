// warta's search page: runs pagefind (served from the site's /pagefind/)
// in the page's language and lists the results with the site's own
// messages, which the page carries in data-messages.
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) { return; }
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var messages = JSON.parse(root.getAttribute("data-messages"));
  var lang = document.documentElement.lang || "en";
  var plurals = new Intl.PluralRules(lang);
  var engine = null;
  var latest = 0;

  function countText(count) {
    var template = messages.results[plurals.select(count)] || messages.results.other;
    return template.split("{count}").join(String(count));
  }

  // The index is in parts (a language's other pages, then its news by
  // year): pagefind is loaded from the first and merges the others, so
  // that one query searches them all and ranks the results together.
  function load() {
    if (!engine) {
      var bundles = JSON.parse(root.getAttribute("data-bundles"));
      if (!bundles.length) { return Promise.reject(new Error("no index")); }
      engine = import(bundles[0] + "pagefind.js").then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: root.getAttribute("data-base") })).then(function () {
          return Promise.all(bundles.slice(1).map(function (bundle) {
            // A part that cannot be loaded leaves the others searchable.
            return Promise.resolve(pagefind.mergeIndex(bundle)).catch(function () {});
          }));
        }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      item.className = "search-result";
      var title = document.createElement("h2");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      title.appendChild(link);
      item.appendChild(title);
      var details = [result.meta && result.meta.directorate, result.meta && result.meta.date].filter(Boolean);
      if (details.length) {
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = details.join(" · ");
        item.appendChild(meta);
      }
      if (result.excerpt) {
        var excerpt = document.createElement("p");
        // pagefind escapes the text and marks the matches with <mark>.
        excerpt.innerHTML = result.excerpt;
        item.appendChild(excerpt);
      }
      list.appendChild(item);
    });
  }

  function run(query) {
    var ticket = ++latest;
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = messages.searching;
    load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); })).then(function (data) {
        if (ticket !== latest) { return; }
        status.textContent = data.length ? countText(search.results.length) : messages.none;
        show(data);
      });
    }).catch(function () {
      if (ticket === latest) { status.textContent = messages.unavailable; }
    });
  }

  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  if (query) { run(query); }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    run(input.value);
  });
})();
