/* Dateline search: progressive enhancement over Pagefind's JavaScript API.
 * The form ships hidden (invisible, keeping its place so revealing it shifts nothing); it is shown only once
 * the Pagefind bundle is known to exist. Pages without JS (a <noscript> style), opened from disk, or whose
 * index is missing take it out of the layout; pages built with --no-search have no form at all.
 * Every path comes from the page's relative data-pagefind URL, so any sub-path works. */
(function () {
  "use strict";

  var RESULT_LIMIT = 10;
  var DEBOUNCE_MS = 200;
  var form = document.querySelector("form.site-search[data-pagefind]");
  if (!form) {
    return;
  }
  function drop() {
    form.classList.add("search-off");
  }
  if (!window.fetch || !window.URL || !window.Promise) {
    drop();
    return;
  }
  var bundle = new URL(form.getAttribute("data-pagefind"), document.baseURI);
  if (!/^https?:$/.test(bundle.protocol)) {
    drop(); // Pagefind needs fetch() and WebAssembly over HTTP; file:// pages keep no search box.
    return;
  }
  var siteRoot = new URL("../", bundle);
  var input = form.querySelector("input[type=search]");
  var panel = document.getElementById(form.getAttribute("data-results"));
  var status = panel.querySelector(".search-status");
  var list = panel.querySelector(".search-list");
  var filterBox = panel.querySelector(".search-filters");
  var indexHtml = form.hasAttribute("data-index-html");
  var loading = null;
  var generation = 0;
  var timer = null;

  function load() {
    if (!loading) {
      // Dynamic import works from a classic script and keeps the ~45 kB bundle off pages nobody searches.
      loading = import(bundle.href).then(function (pagefind) {
        return Promise.resolve(pagefind.options({ baseUrl: siteRoot.pathname })).then(function () {
          return pagefind;
        });
      });
      loading.then(showTopics).catch(function () {});
    }
    return loading;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function showTopics(pagefind) {
    return pagefind.filters().then(function (filters) {
      var topics = Object.keys((filters && filters.topic) || {}).sort();
      if (!topics.length || filterBox.querySelector("input")) {
        return;
      }
      topics.forEach(function (topic, index) {
        var id = "search-topic-" + index;
        var box = element("input");
        box.type = "checkbox";
        box.id = id;
        box.value = topic;
        box.addEventListener("change", function () {
          search(input.value, 0);
        });
        var label = element("label", "search-topic", topic);
        label.htmlFor = id;
        var item = element("span", "search-topic-item");
        item.appendChild(box);
        item.appendChild(label);
        filterBox.appendChild(item);
      });
    });
  }

  function chosenTopics() {
    return Array.prototype.map.call(filterBox.querySelectorAll("input:checked"), function (box) {
      return box.value;
    });
  }

  function resultUrl(url) {
    // Pagefind gives paths as files are named (東京/); links elsewhere are percent-encoded, so encode here too.
    var encoded = encodeURI(decodeURI(url));
    return indexHtml && /\/$/.test(encoded) ? encoded + "index.html" : encoded;
  }

  function renderResult(data) {
    var item = element("li", "search-result");
    var title = element("p", "search-result-title");
    var link = element("a", "", (data.meta && data.meta.title) || data.url);
    link.href = resultUrl(data.url);
    title.appendChild(link);
    item.appendChild(title);
    var meta = element("p", "search-result-meta");
    if (data.meta && data.meta.date) {
      var time = element("time", "", data.meta.date);
      if (data.meta.published) {
        time.setAttribute("datetime", data.meta.published);
      }
      meta.appendChild(time);
    }
    var topics = (data.filters && data.filters.topic) || [];
    if (topics.length) {
      meta.appendChild(document.createTextNode((meta.firstChild ? " · " : "") + topics.join(", ")));
    }
    if (meta.firstChild) {
      item.appendChild(meta);
    }
    var excerpt = element("p", "search-result-excerpt");
    // Pagefind escapes the page text and adds only <mark> around the matches.
    excerpt.innerHTML = data.excerpt;
    item.appendChild(excerpt);
    return item;
  }

  function say(text) {
    status.textContent = text;
  }

  function clear() {
    generation += 1;
    list.textContent = "";
    say("");
    panel.hidden = true;
  }

  function search(term, delay) {
    window.clearTimeout(timer);
    if (!term.trim()) {
      clear();
      return;
    }
    var mine = ++generation;
    timer = window.setTimeout(function () {
      panel.hidden = false;
      filterBox.hidden = false;
      say("Searching…");
      var topics = chosenTopics();
      var options = topics.length ? { filters: { topic: { any: topics } } } : {};
      load()
        .then(function (pagefind) {
          return pagefind.search(term, options);
        })
        .then(function (found) {
          if (mine !== generation) {
            return null;
          }
          var shown = found.results.slice(0, RESULT_LIMIT);
          return Promise.all(
            shown.map(function (result) {
              return result.data();
            })
          ).then(function (pages) {
            if (mine !== generation) {
              return;
            }
            list.textContent = "";
            pages.forEach(function (data) {
              list.appendChild(renderResult(data));
            });
            var count = found.results.length;
            var scope = topics.length ? " in " + topics.join(", ") : "";
            var more = count > shown.length ? " (showing the first " + shown.length + ")" : "";
            say(count ? count + (count === 1 ? " result" : " results") + " for “" + term + "”" + scope + more : "No results for “" + term + "”" + scope + ".");
          });
        })
        .catch(function () {
          if (mine === generation) {
            say("Search is not available right now.");
          }
        });
    }, delay);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value, 0);
  });
  input.addEventListener("input", function () {
    search(input.value, DEBOUNCE_MS);
  });
  input.addEventListener("focus", load, { once: true });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      input.value = "";
      clear();
      input.focus();
    }
  });

  // Show the box only when this build has a search index (not with --no-search).
  // A small GET read to the end (a HEAD, or an unread body, shows up as an aborted request).
  fetch(new URL("pagefind-entry.json", bundle).href)
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (entry) {
      if (!entry) {
        drop();
        return;
      }
      form.hidden = false;
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) {
        input.value = query;
        search(query, 0);
      }
    })
    .catch(drop);
})();
