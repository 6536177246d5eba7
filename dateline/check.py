"""Check a built site the way GitHub Pages and browsers will see it: links, HTML, feeds, sitemap, HTTP."""

from __future__ import annotations

import concurrent.futures
import http.client
import http.server
import os
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from .contenttypes import content_type
from .errors import Problem

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# Pagefind's bundle is generated and has no HTML pages; it is still fetched over HTTP.
GENERATED_DIRS = ("pagefind/",)
# Beyond this many pages the HTML5 parse runs in worker processes: html5lib costs
# ~2-5 ms per page in pure Python, while a process pool costs ~50 ms to start.
PARALLEL_FROM = 200
HTML_ERRORS_PER_PAGE = 5
MISSING_PROBE = "dateline-check-no-such-page/"
SKIPPED_SCHEMES = ("mailto:", "tel:", "sms:", "data:", "javascript:", "blob:", "about:")

# What each attribute is, so a problem says "image" or "stylesheet" rather than "URL".
LINK_ATTRIBUTES = {
    ("a", "href"): "link",
    ("area", "href"): "link",
    ("img", "src"): "image",
    ("img", "srcset"): "image",
    ("source", "src"): "media",
    ("source", "srcset"): "image",
    ("video", "src"): "media",
    ("video", "poster"): "image",
    ("audio", "src"): "media",
    ("track", "src"): "media",
    ("iframe", "src"): "frame",
    ("script", "src"): "script",
    ("form", "action"): "form action",
}
# <link rel=…> values that name a resource the page needs or points to.
CHECKED_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "alternate",
    "canonical",
    "prev",
    "next",
    "manifest",
    "preload",
    "modulepreload",
}
CHECKED_META = {"og:url", "og:image", "twitter:image"}


@dataclass(frozen=True)
class PageScan:
    """What one HTML page contains that the checks need."""

    path: str
    links: tuple[tuple[str, str, int], ...]
    ids: frozenset[str]
    duplicate_ids: tuple[str, ...]
    h1_count: int
    title: str | None
    lang: str | None
    html_errors: tuple[tuple[int, str], ...]


@dataclass
class CheckReport:
    """The outcome of a check: every problem, and what was looked at."""

    problems: list[Problem] = field(default_factory=list)
    pages: int = 0
    files: int = 0
    requests: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    def summary(self) -> str:
        """The one line printed after a check."""
        stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in self.timings.items())
        verdict = "no problems" if self.ok else f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        return f"Checked {self.pages} pages and {self.files} files ({self.requests} HTTP requests): {verdict} [{stages}]"


@dataclass(frozen=True)
class SiteBase:
    """Where the site is served from: `https://user.github.io/repo/` and its path `/repo/`."""

    url: str
    path: str

    @classmethod
    def from_url(cls, base_url: str, base_path: str | None = None) -> SiteBase:
        """Normalise a base URL (trailing slash) and take its path unless one is given."""
        url = base_url if base_url.endswith("/") else base_url + "/"
        path = base_path if base_path is not None else (urlsplit(url).path or "/")
        path = "/" + path.strip("/") + "/" if path.strip("/") else "/"
        return cls(url, path)


# ---------------------------------------------------------------- reading pages


class _PageFacts:
    """Links, ids, headings, title and lang of one page, fed one element at a time by either parser."""

    def __init__(self) -> None:
        self.links: list[tuple[str, str, int]] = []
        self.ids: Counter[str] = Counter()
        self.anchor_names: set[str] = set()
        self.h1_count = 0
        self.title: str | None = None
        self.lang: str | None = None
        self.canonical: str | None = None

    def element(self, tag: str, values: dict[str, str], line: int) -> None:
        """Record one start tag and its attributes."""
        if "id" in values:
            self.ids[values["id"]] += 1
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "a" and "name" in values:
            self.anchor_names.add(values["name"])
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if "canonical" in rels and self.canonical is None:
                self.canonical = values.get("href")
            if rels & CHECKED_LINK_RELS and "href" in values:
                kind = "stylesheet" if "stylesheet" in rels else "icon" if "icon" in rels else "link"
                self.links.append((kind, values["href"], line))
            return
        if tag == "meta":
            if values.get("property", values.get("name", "")) in CHECKED_META and values.get("content"):
                self.links.append(("meta", values["content"], line))
            return
        for name, value in values.items():
            kind = LINK_ATTRIBUTES.get((tag, name))
            if kind is None:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.links.append((kind, candidate.split()[0], line))
            elif not (tag == "form" and value == ""):
                self.links.append((kind, value, line))

    def scan(self, path: str, html_errors: Iterable[tuple[int, str]] = ()) -> PageScan:
        """Freeze what was collected into a PageScan."""
        return PageScan(
            path=path,
            links=tuple(self.links),
            ids=frozenset(self.ids) | frozenset(self.anchor_names),
            duplicate_ids=tuple(sorted(i for i, n in self.ids.items() if n > 1)),
            h1_count=self.h1_count,
            title=self.title,
            lang=self.lang,
            html_errors=tuple(html_errors),
        )


class _PageParser(HTMLParser):
    """The stdlib parser feeding _PageFacts: fast, keeps line numbers, but does not validate."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = _PageFacts()
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.facts.element(tag, {name: value or "" for name, value in attrs}, self.getpos()[0])
        if tag == "title":
            self._in_title = True
            self.facts.title = self.facts.title or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.facts.title = (self.facts.title or "") + data


def _parse_html5(text: str) -> tuple[_PageFacts, list[tuple[int, str]]]:
    """Parse with html5lib (the WHATWG algorithm): its parse errors, and the facts read off its tree."""
    import html5lib
    from html5lib.constants import E

    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"), namespaceHTMLElements=False)
    document = parser.parse(text)
    errors = []
    for (line, _column), code, values in parser.errors:
        try:
            message = E.get(code, code) % (values or {})
        except (TypeError, KeyError):
            message = code
        errors.append((line, message))
    # Walking the tree costs a fraction of a second stdlib pass; the tree has no line numbers, so links get 0.
    facts = _PageFacts()
    for element in document.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("<"):
            facts.element(element.tag, dict(element.attrib), 0)
            if element.tag == "title" and facts.title is None:
                facts.title = "".join(element.itertext())
    return facts, errors


def scan_page(site_dir: Path, path: str, validate: bool = True) -> PageScan:
    """Read one HTML page (path relative to the site folder) and collect what the checks need."""
    text = (site_dir / path).read_bytes().decode("utf-8", errors="replace")
    if validate:
        facts, errors = _parse_html5(text)
        return facts.scan(path, errors)
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.facts.scan(path)


def _scan_chunk(site_dir: Path, paths: list[str]) -> list[PageScan]:
    return [scan_page(site_dir, path) for path in paths]


def scan_pages(site_dir: Path, paths: list[str], workers: int | None = None, parallel_from: int = PARALLEL_FROM) -> list[PageScan]:
    """Scan every page, in worker processes from `parallel_from` pages on (html5lib is pure Python)."""
    workers = workers or os.cpu_count() or 1
    if len(paths) < parallel_from or workers < 2:
        return [scan_page(site_dir, path) for path in paths]
    size = max(20, len(paths) // (workers * 8))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        return [scan for chunk in pool.map(_scan_chunk, [site_dir] * len(chunks), chunks) for scan in chunk]


def list_files(site_dir: Path) -> list[str]:
    """Every file of the site, relative and POSIX-style, skipping dot-files GitHub Pages does not serve as pages."""
    files = []
    for folder, dirs, names in os.walk(site_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        files += [prefix + name for name in sorted(names) if not name.startswith(".")]
    return files


def folders_of(files: Iterable[str]) -> set[str]:
    """Every folder that holds a file, as relative POSIX paths without a trailing slash."""
    return {"/".join(f.split("/")[:i]) for f in files for i in range(1, f.count("/") + 1)}


# ---------------------------------------------------------------- resolving URLs


@dataclass(frozen=True)
class Target:
    """Where a URL found on a page leads: outside, nowhere (with why), or a path in the site."""

    external: bool = False
    path: str | None = None
    fragment: str = ""
    error: str = ""


def resolve_url(url: str, page: str, base: SiteBase) -> Target:
    """Resolve a URL written on `page` (a file path in the site) to a site path, as a browser would."""
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(SKIPPED_SCHEMES):
        return Target()
    if lowered.startswith(("http://", "https://", "//")):
        absolute = url if not url.startswith("//") else urlsplit(base.url).scheme + ":" + url
        if absolute.startswith(base.url):
            return _site_target(base.path + absolute[len(base.url) :], base)
        if absolute.rstrip("/") + "/" == base.url:
            return _site_target(base.path, base)
        return Target(external=True)
    if url.startswith("/"):
        return _site_target(url, base)
    if page == "404.html" and not url.startswith("#"):
        # GitHub Pages serves 404.html at whatever path was missing, so a relative link breaks there.
        return Target(error="is relative: 404.html is served at any missing path, so it needs links from the base path")
    return _site_target(urljoin(base.path + _page_url(page), url), base)


def _page_url(page: str) -> str:
    return page[: -len("index.html")] if page == "index.html" or page.endswith("/index.html") else page


def _site_target(server_path: str, base: SiteBase) -> Target:
    parts = urlsplit(server_path)
    path = parts.path
    if not path.startswith(base.path) and path + "/" != base.path:
        return Target(error=f"is outside the base path {base.path} (it breaks when the site is served from {base.path})")
    return Target(path=unquote(path[len(base.path) :]), fragment=unquote(parts.fragment))


def find_file(path: str, files: set[str], folders: set[str]) -> str | None:
    """The file GitHub Pages would serve for a site path, or None: folder → index.html, `x` → `x.html`."""
    if path == "" or path.endswith("/"):
        index = path + "index.html"
        return index if index in files else None
    if path in files:
        return path
    if path in folders and path + "/index.html" in files:
        return path + "/index.html"
    if path + ".html" in files:
        return path + ".html"
    return None


# ---------------------------------------------------------------- the checks


def check_pages(scans: Iterable[PageScan]) -> list[Problem]:
    """Structure of every page: one <h1>, a <title>, lang on <html>, unique ids, no HTML5 parse errors."""
    problems = []
    for scan in scans:
        for line, message in scan.html_errors[:HTML_ERRORS_PER_PAGE]:
            problems.append(Problem(scan.path, line, f"HTML: {message}", "fix the template or the article's HTML"))
        if len(scan.html_errors) > HTML_ERRORS_PER_PAGE:
            problems.append(Problem(scan.path, None, f"HTML: {len(scan.html_errors) - HTML_ERRORS_PER_PAGE} more parse errors"))
        if scan.h1_count != 1:
            problems.append(Problem(scan.path, None, f"has {scan.h1_count} <h1> elements", "a page needs exactly one <h1>"))
        if not (scan.title or "").strip():
            problems.append(Problem(scan.path, None, "has no <title>" if scan.title is None else "has an empty <title>"))
        if not (scan.lang or "").strip():
            problems.append(Problem(scan.path, None, "<html> has no lang attribute", "set `language` in config.yaml"))
        for duplicate in scan.duplicate_ids:
            problems.append(Problem(scan.path, None, f"duplicate id {duplicate!r}", "ids must be unique on a page"))
    return problems


def check_links(
    scans: Iterable[PageScan], files: set[str], base: SiteBase, external: dict[str, list[str]] | None = None
) -> tuple[list[Problem], set[str]]:
    """Every internal link, asset and #fragment resolves; returns the problems and the site paths linked to."""
    scans = list(scans)
    ids_by_file = {scan.path: scan.ids for scan in scans}
    folders = folders_of(files)
    problems = []
    linked: set[str] = set()
    for scan in scans:
        for kind, url, line in scan.links:
            target = resolve_url(url, scan.path, base)
            if target.error:
                problems.append(Problem(scan.path, line, f"{kind} {url!r} {target.error}"))
                continue
            if target.external:
                if external is not None:
                    external.setdefault(url.strip(), []).append(scan.path)
                continue
            if target.path is None:
                continue
            found = find_file(target.path, files, folders)
            if found is None:
                problems.append(Problem(scan.path, line, f"broken {kind} {url!r}: /{target.path} does not exist in the site"))
                continue
            linked.add(target.path)
            fragment = target.fragment
            # `#top` and text fragments (`#:~:text=`) need no id; other files' fragments are not ids.
            checkable = fragment and not fragment.startswith(":~:") and fragment != "top" and found in ids_by_file
            if checkable and fragment not in ids_by_file[found]:
                problems.append(Problem(scan.path, line, f"{kind} {url!r}: no id {fragment!r} on {found}"))
    return problems, linked


def check_feeds(site_dir: Path, files: Iterable[str], base: SiteBase, html_pages: Iterable[str]) -> list[Problem]:
    """Every Atom feed parses cleanly in feedparser; sitemap.xml is valid and lists every page but 404.html."""
    import feedparser

    problems = []
    all_files = set(files)
    folders = folders_of(all_files)
    for path in sorted(f for f in all_files if f.endswith(".xml") and f != "sitemap.xml"):
        data = (site_dir / path).read_bytes()
        if ATOM_NS.encode() not in data and b"<feed" not in data:
            continue
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(Problem(path, None, f"feed does not parse cleanly: {parsed.bozo_exception}", "feed readers may reject it"))
            continue
        for entry in parsed.entries:
            link = entry.get("link", "")
            target = resolve_url(link, path, base) if link else Target(error="has no link")
            if target.error or (target.path is not None and find_file(target.path, all_files, folders) is None):
                problems.append(
                    Problem(path, None, f"entry {entry.get('title', '?')!r} links to {link!r}, which is not a page of the site")
                )
    problems += check_sitemap(site_dir, all_files, base, html_pages, folders)
    return problems


def check_sitemap(
    site_dir: Path, files: set[str], base: SiteBase, html_pages: Iterable[str], folders: set[str] = frozenset()
) -> list[Problem]:
    """sitemap.xml is well-formed, under base_url, and lists every HTML page except 404.html."""
    if "sitemap.xml" not in files:
        return [Problem("sitemap.xml", None, "is missing", "search engines use it to find every page")]
    try:
        root = ET.fromstring((site_dir / "sitemap.xml").read_bytes())
    except ET.ParseError as exc:
        return [Problem("sitemap.xml", exc.position[0], f"is not well-formed XML: {exc}")]
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        return [Problem("sitemap.xml", None, f"root element is {root.tag}, not <urlset> in the sitemap namespace")]
    problems = []
    listed = set()
    for loc in root.iter(f"{{{SITEMAP_NS}}}loc"):
        url = (loc.text or "").strip()
        target = resolve_url(url, "sitemap.xml", base) if url.startswith(("http://", "https://")) else Target(error="is not absolute")
        if target.error or target.external or target.path is None:
            problems.append(Problem("sitemap.xml", None, f"lists {url!r}, which is not under {base.url}"))
            continue
        found = find_file(target.path, files, folders)
        if found is None:
            problems.append(Problem("sitemap.xml", None, f"lists {url!r}, but no such page exists"))
        else:
            listed.add(found)
    for page in sorted(set(html_pages) - listed - {"404.html"}):
        problems.append(Problem("sitemap.xml", None, f"does not list {page}"))
    return problems


def check_pages_setup(files: set[str], site_dir: Path, cname: str = "") -> list[Problem]:
    """What GitHub Pages itself needs: .nojekyll, a 404 page, and the CNAME of a custom domain."""
    problems = []
    if not (site_dir / ".nojekyll").is_file():
        problems.append(
            Problem(".nojekyll", None, "is missing", "without it GitHub Pages runs Jekyll, which drops folders starting with _")
        )
    if "404.html" not in files:
        problems.append(Problem("404.html", None, "is missing", "GitHub Pages then shows its own 404 page"))
    if cname:
        found = (site_dir / "CNAME").read_text().strip() if "CNAME" in files else None
        if found != cname.strip():
            problems.append(
                Problem(
                    "CNAME",
                    None,
                    f"holds {found!r}, not the configured domain {cname!r}" if found else "is missing",
                    "set `cname` in config.yaml",
                )
            )
    return problems


# ---------------------------------------------------------------- serving like GitHub Pages


@dataclass(frozen=True)
class Answer:
    """How GitHub Pages answers one request path: a status and a file or a redirect."""

    status: int
    file: str | None = None
    location: str | None = None


def pages_answer(request_path: str, base_path: str, files: set[str], folders: set[str]) -> Answer:
    """Answer a request the way GitHub Pages does: folder → index.html, `/x` → 301 `/x/`, else 404.html with 404."""
    path = unquote(urlsplit(request_path).path)
    missing = Answer(404, "404.html" if "404.html" in files else None)
    if not path.startswith(base_path):
        return Answer(301, location=base_path) if path + "/" == base_path else missing
    relative = path[len(base_path) :]
    if ".." in relative.split("/"):
        return missing
    if relative == "" or relative.endswith("/"):
        index = relative + "index.html"
        return Answer(200, index) if index in files else missing
    if relative in files:
        return Answer(200, relative)
    if relative in folders:
        return Answer(301, location=quote(path + "/"))
    if relative + ".html" in files:
        return Answer(200, relative + ".html")
    return missing


class PagesServer:
    """A tiny HTTP server on 127.0.0.1 that serves a site folder under a base path like GitHub Pages.

    Use as a context manager; `url` is the site's address, e.g. `http://127.0.0.1:PORT/repo/`.
    """

    def __init__(self, site_dir: Path, base_path: str = "/"):
        self.site_dir = Path(site_dir).resolve()
        self.base_path = SiteBase.from_url("http://127.0.0.1/", base_path).path
        self.url = ""
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PagesServer:
        files = set(list_files(self.site_dir))
        folders = folders_of(files)
        site_dir, base_path = self.site_dir, self.base_path

        class Handler(http.server.BaseHTTPRequestHandler):
            # HTTP/1.1 keeps connections open, which makes fetching thousands of files fast.
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, each keep-alive response stalls ~40 ms.
            disable_nagle_algorithm = True

            def do_GET(self) -> None:
                self._answer(body=True)

            def do_HEAD(self) -> None:
                self._answer(body=False)

            def _answer(self, body: bool) -> None:
                answer = pages_answer(self.path, base_path, files, folders)
                data = (site_dir / answer.file).read_bytes() if answer.file else b"Not found\n"
                if answer.location:
                    data = b""
                self.send_response(answer.status)
                if answer.location:
                    self.send_header("Location", answer.location)
                self.send_header("Content-Type", content_type(answer.file, atom_feeds=False) if answer.file else "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                if body:
                    self.wfile.write(data)

            def log_message(self, format: str, *args) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{self.base_path}"
        # A short poll interval keeps shutdown (which waits for one poll) from costing half a second.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="pages-server", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def fetch_all(host: str, port: int, paths: Iterable[str], workers: int = 8) -> dict[str, tuple[int, str]]:
    """GET every path over keep-alive connections, following redirects; returns path → (final status, final path)."""
    local = threading.local()

    def connection() -> http.client.HTTPConnection:
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection(host, port, timeout=30)
        return local.conn

    def get(path: str) -> tuple[int, str]:
        current = path
        for _ in range(5):
            conn = connection()
            try:
                conn.request("GET", current)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                del local.conn
                return (0, current)
            if response.status in (301, 302, 307, 308) and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location"))
                continue
            return (response.status, current)
        return (310, current)

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        paths = list(paths)
        return dict(zip(paths, pool.map(get, paths), strict=True))


def check_served(site_dir: Path, files: Iterable[str], linked: Iterable[str], base: SiteBase) -> tuple[list[Problem], int]:
    """Serve the site under its base path and fetch every file and every linked URL over HTTP."""
    files = list(files)
    wanted: dict[str, str] = {}
    for path in files:
        # Pages are fetched by their folder URL, the form every link uses.
        folder_url = path == "index.html" or path.endswith("/index.html")
        wanted[base.path + quote(path[: -len("index.html")] if folder_url else path)] = path
    for path in linked:
        wanted.setdefault(base.path + quote(path), f"linked /{path}")
    problems = []
    with PagesServer(site_dir, base.path) as server:
        host, port = "127.0.0.1", int(urlsplit(server.url).port or 80)
        probe = base.path + MISSING_PROBE
        results = fetch_all(host, port, [*wanted, probe])
    for request, (status, final) in results.items():
        if request == probe:
            if status != 404:
                problems.append(Problem("404.html", None, f"a missing page answered {status}, not 404"))
            continue
        if status != 200:
            shown = f"{status}" if status else "no answer"
            problems.append(Problem(wanted[request], None, f"GET {request} answered {shown} (final URL {final})"))
    return problems, len(results)


def check_external(links: dict[str, list[str]], workers: int = 16, timeout: float = 10.0) -> list[Problem]:
    """Try every external http(s) link (HEAD, then GET when HEAD is refused)."""
    import urllib.error
    import urllib.request

    def status_of(url: str) -> str:
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": "Dateline link check"})
            try:
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    return "" if response.status < 400 else str(response.status)
            except urllib.error.HTTPError as exc:
                if method == "HEAD" and exc.code in (403, 405, 501):
                    continue
                return f"answered {exc.code}"
            except (OSError, ValueError) as exc:
                return f"failed: {exc}"
        return "failed"

    urls = sorted(u for u in links if u.lower().startswith(("http://", "https://")))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = dict(zip(urls, pool.map(status_of, urls), strict=True))
    problems = []
    for url, outcome in outcomes.items():
        if outcome:
            pages = sorted(set(links[url]))
            more = f" (and {len(pages) - 1} more pages)" if len(pages) > 1 else ""
            problems.append(Problem(pages[0], None, f"external link {url!r} {outcome}{more}", "", "warning"))
    return problems


# ---------------------------------------------------------------- the whole check


def base_url_of_site(site_dir: Path) -> str | None:
    """The base URL a built site was made for, read from the canonical link of its home page."""
    index = site_dir / "index.html"
    if not index.is_file():
        return None
    parser = _PageParser()
    parser.feed(index.read_text(encoding="utf-8", errors="replace"))
    canonical = parser.facts.canonical or ""
    return canonical if canonical.startswith(("http://", "https://")) else None


def check_site(
    site_dir: Path,
    base_url: str,
    *,
    base_path: str | None = None,
    cname: str = "",
    serve: bool = True,
    external: bool = False,
    workers: int | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> CheckReport:
    """Run every check on a built site folder; the report lists each problem with its page."""
    site_dir = Path(site_dir).resolve()
    report = CheckReport()
    if not (site_dir / "index.html").is_file():
        report.problems.append(Problem(str(site_dir), None, "has no index.html", "build the site first: python build.py"))
        return report
    base = SiteBase.from_url(base_url, base_path)
    with _timed(report, "files"):
        files = list_files(site_dir)
        file_set = set(files)
        html_pages = [f for f in files if f.endswith(".html") and not f.startswith(GENERATED_DIRS)]
    with _timed(report, "pages"):
        scans = scan_pages(site_dir, html_pages, workers, parallel_from)
        report.problems += check_pages(scans)
    outside: dict[str, list[str]] = defaultdict(list)
    with _timed(report, "links"):
        problems, linked = check_links(scans, file_set, base, outside)
        report.problems += problems
    with _timed(report, "feeds"):
        report.problems += check_feeds(site_dir, files, base, html_pages)
        report.problems += check_pages_setup(file_set, site_dir, cname)
    if serve:
        with _timed(report, "http"):
            problems, report.requests = check_served(site_dir, files, linked, base)
            report.problems += problems
    if external:
        with _timed(report, "external"):
            report.problems += check_external(outside)
    report.pages, report.files = len(html_pages), len(files)
    report.problems = list(dict.fromkeys(report.problems))
    return report


class _timed:
    def __init__(self, report: CheckReport, stage: str):
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *exc_info) -> None:
        self.report.timings[self.stage] = time.perf_counter() - self.started
