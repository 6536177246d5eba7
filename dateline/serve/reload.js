// Dateline live reload. `serve` adds this script to HTML responses only; it is never in _site/.
// It listens for build events and reloads the page when a build re-rendered it,
// swaps stylesheets in place after a CSS-only change, and shows build errors.
(function () {
  "use strict";
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var epoch = Number(data.datelineEpoch) || 0;
  var session = data.datelineSession || "";
  // Served in place of a missing page: any build may have created it.
  var missing = data.datelineMissing === "1";
  var basePath = data.datelineBase || "/";
  var OVERLAY_ID = "dateline-error-overlay";

  // This page's URL as the build names pages: "" for the home page, "2021/slug/", "404.html".
  function pageUrl() {
    var path = decodeURIComponent(location.pathname);
    // 404.html links through the base_url's path (/repo/...), which the server also answers.
    if (basePath !== "/" && path.indexOf(basePath) === 0) path = "/" + path.slice(basePath.length);
    path = path.replace(/^\/+/, "");
    if (path === "index.html") return "";
    if (/\/index\.html$/.test(path)) return path.slice(0, -"index.html".length);
    return path;
  }

  function touchesThisPage(urls) {
    if (urls === null || missing) return true;
    return urls.indexOf(pageUrl()) >= 0;
  }

  function showProblems(problems) {
    var overlay = document.getElementById(OVERLAY_ID);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = OVERLAY_ID;
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);" +
        "color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2em";
      var title = document.createElement("p");
      title.style.cssText = "color:#ff6b6b;font-weight:bold;margin:0 0 1em";
      title.textContent = "Build failed: still showing the last good site.";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      document.body.appendChild(overlay);
    }
    overlay.querySelector("pre").textContent = problems.join("\n");
  }

  // Fetch this page again and take its stylesheet links: their URLs carry the new content hash.
  function swapStylesheets() {
    fetch(location.href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, "text/html");
        var newer = fresh.querySelectorAll('link[rel~="stylesheet"]');
        var older = document.querySelectorAll('link[rel~="stylesheet"]');
        if (newer.length !== older.length) {
          location.reload();
          return;
        }
        older.forEach(function (link, index) {
          var href = newer[index].getAttribute("href");
          if (link.getAttribute("href") !== href) link.setAttribute("href", href);
        });
      })
      .catch(function () { location.reload(); });
  }

  var source = new EventSource("/__dateline/events?epoch=" + epoch);
  source.onmessage = function (message) {
    var event = JSON.parse(message.data);
    if (event.session && session && event.session !== session) {
      location.reload();  // a new server: this page's epoch means nothing to it
      return;
    }
    if (event.kind === "hello" || event.epoch <= epoch) return;
    epoch = event.epoch;
    if (event.kind === "error") {
      showProblems(event.problems);
      return;
    }
    if (document.getElementById(OVERLAY_ID) || touchesThisPage(event.urls)) {
      if (event.kind === "css" && !document.getElementById(OVERLAY_ID)) swapStylesheets();
      else location.reload();
    }
  };
})();
