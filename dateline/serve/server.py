"""The preview HTTP server: files from the output folder, a reload script, and a push channel.

The reload script and the error overlay are added to HTML responses as they
are sent, never to the files on disk, so the output folder stays exactly what
`build` would write.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..contenttypes import content_type

SERVE_PREFIX = "/__dateline/"
EVENTS_PATH = SERVE_PREFIX + "events"
SCRIPT_PATH = SERVE_PREFIX + "reload.js"
STATUS_PATH = SERVE_PREFIX + "status"
RELOAD_SCRIPT = Path(__file__).with_name("reload.js")

# Beyond this many re-rendered pages an event says "everything" instead of listing them.
MAX_URLS_IN_EVENT = 200
# How long a request waits for a running build, so a browser never sees half a site.
BUILD_WAIT_SECONDS = 10.0
# SSE comment interval: keeps proxies and the browser from dropping an idle stream.
KEEPALIVE_SECONDS = 15.0


@dataclass(frozen=True)
class BuildEvent:
    """What the latest build did, as pushed to open pages."""

    epoch: int
    kind: str  # "reload", "css" or "error"
    urls: tuple[str, ...] | None = None  # re-rendered pages; None means every page
    problems: tuple[str, ...] = ()

    def to_json(self) -> str:
        """The event as the JSON the reload script reads."""
        urls = None if self.urls is None else list(self.urls)
        return json.dumps({"epoch": self.epoch, "kind": self.kind, "urls": urls, "problems": list(self.problems)})


class SiteState:
    """The build epoch, the current errors and the latest event, shared by the builder and the request threads."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        # Tells a page still open from an earlier `serve` run that epochs started over.
        self.session = secrets.token_hex(6)
        self.epoch = 0
        self.problems: tuple[str, ...] = ()
        self.building = False
        self.closed = False
        self.latest: BuildEvent | None = None

    def begin_build(self) -> None:
        """Mark a build as running: HTML requests wait for it to finish."""
        with self._condition:
            self.building = True

    def finish_build(self, rendered_urls: tuple[str, ...] | None, css_only: bool = False) -> BuildEvent | None:
        """Record a good build; return the event pushed to pages, or None if nothing they show changed."""
        with self._condition:
            self.building = False
            had_errors = bool(self.problems)
            self.problems = ()
            if rendered_urls is not None and not rendered_urls and not had_errors:
                self._condition.notify_all()
                return None
            urls = None if rendered_urls is None or len(rendered_urls) > MAX_URLS_IN_EVENT or had_errors else tuple(rendered_urls)
            kind = "css" if css_only and not had_errors else "reload"
            return self._publish(BuildEvent(self.epoch + 1, kind, urls))

    def fail_build(self, problems: tuple[str, ...]) -> BuildEvent:
        """Record a failed build: pages show the problems until a good build."""
        with self._condition:
            self.building = False
            self.problems = tuple(problems)
            return self._publish(BuildEvent(self.epoch + 1, "error", problems=self.problems))

    def _publish(self, event: BuildEvent) -> BuildEvent:
        self.epoch = event.epoch
        self.latest = event
        self._condition.notify_all()
        return event

    def close(self) -> None:
        """End every open event stream."""
        with self._condition:
            self.closed = True
            self._condition.notify_all()

    def wait_until_idle(self, timeout: float = BUILD_WAIT_SECONDS) -> None:
        """Block while a build runs (at most `timeout` seconds)."""
        with self._condition:
            self._condition.wait_for(lambda: not self.building or self.closed, timeout)

    def snapshot(self) -> tuple[int, tuple[str, ...]]:
        """The current epoch and problems, read together."""
        with self._condition:
            return self.epoch, self.problems

    def next_event(self, seen: int, timeout: float) -> BuildEvent | None:
        """The event for a page at epoch `seen`, waiting up to `timeout`; None on timeout or close.

        A page that missed more than one event cannot know which of them
        touched it, so it is told to reload (or shown the errors) outright.
        """
        with self._condition:
            self._condition.wait_for(lambda: self.epoch > seen or self.closed, timeout)
            if self.closed or self.epoch <= seen or self.latest is None:
                return None
            latest = self.latest
            if latest.epoch == seen + 1 or latest.kind == "error":
                return latest
            return BuildEvent(latest.epoch, "reload")


@dataclass(frozen=True)
class PageContext:
    """What the reload script needs to know about the page it is injected into."""

    epoch: int
    session: str = ""
    base_path: str = "/"
    missing: bool = False


def inject(page: bytes, context: PageContext, problems: tuple[str, ...] = ()) -> bytes:
    """Add the reload script (and the error overlay while errors stand) before the last </body>."""
    attributes = {
        "data-dateline-epoch": str(context.epoch),
        "data-dateline-session": context.session,
        "data-dateline-base": context.base_path,
        "data-dateline-missing": "1" if context.missing else "0",
    }
    shown = " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes.items())
    snippet = f'<script src="{SCRIPT_PATH}" {shown}></script>'
    if problems:
        snippet = overlay_html(problems) + snippet
    data = snippet.encode("utf-8")
    at = page.lower().rfind(b"</body>")
    return page[:at] + data + page[at:] if at >= 0 else page + data


def overlay_html(problems: tuple[str, ...]) -> str:
    """The error overlay, as the reload script also draws it."""
    lines = "\n".join(html.escape(p) for p in problems)
    return (
        '<div id="dateline-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;'
        'background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2em">'
        '<p style="color:#ff6b6b;font-weight:bold;margin:0 0 1em">Build failed: still showing the last good site.</p>'
        f'<pre style="white-space:pre-wrap;margin:0">{lines}</pre></div>'
    )


def error_page(problems: tuple[str, ...], context: PageContext) -> bytes:
    """A page for when there is no built site to show behind the overlay."""
    page = b"<!doctype html><html><head><meta charset=utf-8><title>Build failed</title></head><body></body></html>"
    return inject(page, context, problems)


class PreviewServer(ThreadingHTTPServer):
    """Serves one output folder with live reload; binds when created, serves in `serve_forever`."""

    daemon_threads = True  # open event streams must not keep the process alive
    allow_reuse_address = True

    def __init__(self, site_dir: Path, state: SiteState, host: str = "127.0.0.1", port: int = 8000, base_path: str = "/"):
        self.site_dir = site_dir.resolve()
        self.state = state
        # Pages like 404.html link with the base_url's path (/repo/...): serve that prefix too.
        self.base_path = base_path if base_path.endswith("/") else base_path + "/"
        super().__init__((host, port), PreviewHandler)

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host, port = self.server_address[:2]
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
        if ":" in str(shown):
            shown = f"[{shown}]"
        return f"http://{shown}:{port}/"

    def shutdown(self) -> None:
        """Stop serving and end the open event streams."""
        self.state.close()
        super().shutdown()

    def resolve(self, url_path: str) -> Path | None:
        """The file or folder a URL path names inside the site folder, or None if it would leave it."""
        relative = url_path.lstrip("/")
        if "\x00" in relative or ".." in relative.split("/") or "\\" in relative:
            return None
        candidate = (self.site_dir / relative).resolve()
        # resolve() follows symlinks: a link pointing outside the site fails this check.
        if candidate != self.site_dir and not candidate.is_relative_to(self.site_dir):
            return None
        return candidate


class PreviewHandler(BaseHTTPRequestHandler):
    """GET/HEAD for site files, the reload script, the event stream and a status probe."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "DatelineServe"

    def log_message(self, format: str, *args) -> None:
        """Stay quiet: the terminal is for build output."""

    def do_HEAD(self) -> None:
        """Answer like GET, without the body."""
        self._handle(head=True)

    def do_GET(self) -> None:
        """Serve one request."""
        self._handle(head=False)

    def _handle(self, head: bool) -> None:
        try:
            url = urlsplit(self.path)
            path = unquote(url.path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            self._send_text(HTTPStatus.BAD_REQUEST, "bad request path\n", head)
            return
        try:
            if path == EVENTS_PATH:
                self._stream_events(url.query)
            elif path == SCRIPT_PATH:
                self._send(HTTPStatus.OK, "application/javascript; charset=utf-8", RELOAD_SCRIPT.read_bytes(), head)
            elif path == STATUS_PATH:
                epoch, problems = self.server.state.snapshot()
                body = json.dumps({"epoch": epoch, "problems": list(problems)}).encode()
                self._send(HTTPStatus.OK, "application/json", body, head)
            else:
                self._serve_file(path, url.query, head)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went away mid-response (a reload does that)

    def _serve_file(self, path: str, query: str, head: bool) -> None:
        server = self.server
        if ".." in path.split("/") or "\x00" in path or "\\" in path:
            self._send_text(HTTPStatus.BAD_REQUEST, "bad request path\n", head)
            return
        path = self._without_base_path(path)
        server.state.wait_until_idle()
        target = server.resolve(path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self._redirect(path + "/" + (f"?{query}" if query else ""))
                return
            target = target / "index.html"
        if target is None or not target.is_file() or not target.resolve().is_relative_to(server.site_dir):
            self._send_not_found(head)
            return
        try:
            data = target.read_bytes()
        except OSError:
            self._send_not_found(head)
            return
        self._send_page(HTTPStatus.OK, target.name, data, head)

    def _without_base_path(self, path: str) -> str:
        base = self.server.base_path
        if base != "/" and path.startswith(base):
            target = self.server.resolve(path)
            if target is None or not target.exists():
                return "/" + path[len(base) :]
        return path

    def _send_not_found(self, head: bool) -> None:
        page = self.server.site_dir / "404.html"
        epoch, problems = self.server.state.snapshot()
        if page.is_file():
            self._send_page(HTTPStatus.NOT_FOUND, page.name, page.read_bytes(), head, missing=True)
        elif problems:
            body = error_page(problems, self._page_context(epoch, missing=True))
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, head)
        else:
            self._send_text(HTTPStatus.NOT_FOUND, "404 not found\n", head)

    def _page_context(self, epoch: int, missing: bool = False) -> PageContext:
        return PageContext(epoch, self.server.state.session, self.server.base_path, missing)

    def _send_page(self, status: HTTPStatus, name: str, data: bytes, head: bool, missing: bool = False) -> None:
        kind = content_type(name)
        if kind.startswith("text/html"):
            epoch, problems = self.server.state.snapshot()
            data = inject(data, self._page_context(epoch, missing), problems)
        self._send(status, kind, data, head)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _send_text(self, status: HTTPStatus, text: str, head: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode(), head)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        # A preview must never show a cached page from before the last save.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _stream_events(self, query: str) -> None:
        state = self.server.state
        seen = _epoch_from(query, self.headers.get("Last-Event-ID"))
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        epoch, _ = state.snapshot()
        hello = json.dumps({"kind": "hello", "epoch": epoch, "session": state.session})
        self.wfile.write(f"retry: 500\ndata: {hello}\n\n".encode())
        self.wfile.flush()
        while not state.closed:
            event = state.next_event(seen, KEEPALIVE_SECONDS)
            if event is None:
                self.wfile.write(b": keepalive\n\n")
            else:
                self.wfile.write(f"id: {event.epoch}\ndata: {event.to_json()}\n\n".encode())
                seen = event.epoch
            self.wfile.flush()


def _epoch_from(query: str, last_event_id: str | None) -> int:
    # On a reconnect the browser's Last-Event-ID is newer than the epoch the page was served with.
    if last_event_id and last_event_id.isdigit():
        return int(last_event_id)
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name == "epoch" and value.isdigit():
            return int(value)
    return 0
