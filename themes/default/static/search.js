/* Dateline search: progressive enhancement over Pagefind's JavaScript API.
 * The form ships hidden (invisible, keeping its place so revealing it shifts nothing); it is shown only once
 * the Pagefind bundle is known to exist. Pages without JS (a <noscript> style), opened from disk, or whose
 * index is missing take it out of the layout; pages built with --no-search have no form at all.
 * Every path comes from the page's relative data-pagefind URL, so any sub-path works. */
(function () {
  "use strict";

  var RESULT_LIMIT = 10;
  // With topics chosen, results are read (a fragment each) in batches until enough match, at most this many.
  var FILTER_BATCH = 20;
  var FILTER_READ_LIMIT = 200;
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
  var topicNames = (form.getAttribute("data-topics") || "").split("|").filter(Boolean);
  var languages = [];
  var loading = null;
  var generation = 0;
  var timer = null;

  function instance(language, primary) {
    // Pagefind indexes each page in its own language and searches the index of the page's <html lang>.
    // Each other language gets its own copy of the module (a distinct URL), started while <html lang> names it.
    var url = primary ? bundle.href : bundle.href + "?language=" + encodeURIComponent(language);
    return import(url).then(function (pagefind) {
      return Promise.resolve(pagefind.options({ baseUrl: siteRoot.pathname })).then(function () {
        if (primary) {
          return pagefind;
        }
        var root = document.documentElement;
        var own = root.getAttribute("lang");
        root.setAttribute("lang", language);
        var started = pagefind.init(); // reads <html lang> before its first await
        root.setAttribute("lang", own);
        return started.then(function () {
          return pagefind;
        });
      });
    });
  }

  function load() {
    if (!loading) {
      // Dynamic import works from a classic script and keeps the ~45 kB bundle off pages nobody searches.
      var own = (document.documentElement.getAttribute("lang") || "").toLowerCase();
      var others = languages.filter(function (language) {
        return language !== own && language !== own.split("-")[0];
      });
      loading = Promise.all(
        [instance(own, true)].concat(
          others.map(function (language) {
            return instance(language, false).catch(function () {
              return null; // a language that cannot load leaves the others searchable
            });
          })
        )
      ).then(function (found) {
        return found.filter(Boolean);
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

  function showTopics() {
    if (!topicNames.length || filterBox.querySelector("input")) {
      return;
    }
    topicNames.forEach(function (topic, index) {
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
  }

  function topicsOf(data) {
    return ((data.meta && data.meta.topics) || "").split("|").filter(Boolean);
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
    var topics = topicsOf(data);
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

  function searchAll(instances, term) {
    // One result list over every language's index, best first.
    return Promise.all(
      instances.map(function (pagefind) {
        return pagefind.search(term).then(function (found) {
          return (found && found.results) || [];
        });
      })
    ).then(function (lists) {
      return [].concat.apply([], lists).sort(function (a, b) {
        return b.score - a.score;
      });
    });
  }

  function matching(results, topics) {
    // Read results in batches until enough carry a chosen topic (or the reading limit is met).
    var kept = [];
    var read = 0;
    function next() {
      if (kept.length >= RESULT_LIMIT || read >= results.length || read >= FILTER_READ_LIMIT) {
        return Promise.resolve({ pages: kept, read: read });
      }
      var batch = results.slice(read, read + FILTER_BATCH);
      read += batch.length;
      return Promise.all(
        batch.map(function (result) {
          return result.data();
        })
      ).then(function (pages) {
        pages.forEach(function (data) {
          if (
            topicsOf(data).some(function (topic) {
              return topics.indexOf(topic) !== -1;
            })
          ) {
            kept.push(data);
          }
        });
        return next();
      });
    }
    return next();
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
      filterBox.hidden = !topicNames.length;
      say("Searching…");
      var topics = chosenTopics();
      load()
        .then(function (instances) {
          return searchAll(instances, term);
        })
        .then(function (results) {
          if (mine !== generation) {
            return null;
          }
          var reading = topics.length
            ? matching(results, topics)
            : Promise.all(
                results.slice(0, RESULT_LIMIT).map(function (result) {
                  return result.data();
                })
              ).then(function (pages) {
                return { pages: pages, read: results.length };
              });
          return reading.then(function (found) {
            if (mine !== generation) {
              return;
            }
            list.textContent = "";
            found.pages.slice(0, RESULT_LIMIT).forEach(function (data) {
              list.appendChild(renderResult(data));
            });
            var scope = topics.length ? " in " + topics.join(", ") : "";
            var count = topics.length ? found.pages.length : results.length;
            var partial = topics.length && found.read < results.length;
            var more = partial ? " (among the first " + found.read + ")" : count > RESULT_LIMIT ? " (showing the first " + RESULT_LIMIT + ")" : "";
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
      languages = Object.keys(entry.languages || {});
      form.hidden = false;
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) {
        input.value = query;
        search(query, 0);
      }
    })
    .catch(drop);
})();
