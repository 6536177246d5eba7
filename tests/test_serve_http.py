"""The preview server over real sockets: content types, 404, redirects, containment, reload channel."""

from __future__ import annotations

import http.client
import io
import json
import os
import socket
import time
from urllib.parse import urlsplit

import pytest
from conftest import copy_sample_project

from dateline.config import load_config
from dateline.serve.session import LiveSite, ServeOptions, serve

ARTICLE = "content/examples/trade-ministers-meet.md"


def wait_for(predicate, timeout: float = 5.0):
    """Poll until predicate() is truthy; return its value or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    pytest.fail(f"timed out after {timeout} s waiting for {predicate}")


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The sample project served on a free port, search off."""
    root = copy_sample_project(tmp_path_factory.mktemp("serve-http"))
    config, _ = load_config(root / "config.yaml")
    site = LiveSite(root / "config.yaml", config, ServeOptions(port=0, search=False), io.StringIO(), io.StringIO())
    site.start()
    yield site
    site.stop()


class Response:
    """Status, headers and body of one raw request."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8", "replace")


def fetch(live: LiveSite, path: str, method: str = "GET") -> Response:
    """Send `path` exactly as given (no client-side normalisation of `..`)."""
    host, port = live.server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def status(live: LiveSite) -> dict:
    """The server's epoch and problems."""
    return json.loads(fetch(live, "/__dateline/status").body)


def test_binds_localhost_by_default(live):
    assert live.server.server_address[0] == "127.0.0.1"
    assert urlsplit(live.url).hostname == "127.0.0.1"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/feed.xml", "application/atom+xml"),
        ("/topics/world/feed.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__dateline/reload.js", "application/javascript; charset=utf-8"),
    ],
)
def test_content_types(live, path, expected):
    response = fetch(live, path)
    assert response.status == 200
    assert response.headers["content-type"] == expected


def test_theme_asset_and_wasm_types(live):
    site = live.server.site_dir
    css = next((site / "static").glob("style.*.css")).name
    svg = next((site / "static").glob("favicon.*.svg")).name
    (site / "pagefind").mkdir(exist_ok=True)
    (site / "pagefind" / "pagefind.en.wasm").write_bytes(b"\0asm")
    (site / "pagefind" / "pagefind.js").write_text("export {};\n")
    assert fetch(live, f"/static/{css}").headers["content-type"] == "text/css; charset=utf-8"
    assert fetch(live, f"/static/{svg}").headers["content-type"] == "image/svg+xml"
    assert fetch(live, "/pagefind/pagefind.en.wasm").headers["content-type"] == "application/wasm"
    assert fetch(live, "/pagefind/pagefind.js").headers["content-type"] == "application/javascript; charset=utf-8"


def test_missing_page_serves_404_html_with_status_404(live):
    response = fetch(live, "/no/such/page/")
    assert response.status == 404
    assert "Page not found" in response.text
    assert 'data-dateline-missing="1"' in response.text


def test_head_has_headers_and_no_body(live):
    response = fetch(live, "/", method="HEAD")
    assert response.status == 200
    assert int(response.headers["content-length"]) > 0
    assert response.body == b""


def test_folder_without_slash_redirects(live):
    response = fetch(live, "/topics/world?x=1")
    assert response.status in (301, 302)
    assert response.headers["location"] == "/topics/world/?x=1"


def test_base_path_of_404_links_is_answered(live):
    # 404.html links through base_url's path (/dateline/...), which only exists on the real host.
    assert fetch(live, "/dateline/topics/world/").status == 200


@pytest.mark.parametrize(
    "path",
    ["/../config.yaml", "/%2e%2e/config.yaml", "/%2E%2E/%2e%2e/config.yaml", "/topics/..%2f..%2fconfig.yaml", "/..%5cconfig.yaml", "/%00"],
)
def test_paths_that_leave_the_site_are_refused(live, path):
    response = fetch(live, path)
    assert response.status in (400, 404)
    assert "base_url" not in response.text


def test_symlinks_pointing_outside_the_site_are_not_followed(live):
    site = live.server.site_dir
    root = live.rebuilder.config.root
    (site / "escape").symlink_to(root, target_is_directory=True)
    (site / "secret.txt").symlink_to(root / "config.yaml")
    try:
        for path in ("/escape/config.yaml", "/secret.txt", "/escape/"):
            response = fetch(live, path)
            assert response.status == 404, path
            assert "base_url" not in response.text
    finally:
        (site / "escape").unlink()
        (site / "secret.txt").unlink()


def test_reload_script_is_served_but_never_written_to_disk(live):
    assert '<script src="/__dateline/reload.js"' in fetch(live, "/").text
    for path in live.server.site_dir.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".js"):
            assert b"__dateline" not in path.read_bytes(), path


def read_event(stream) -> dict:
    """The next `data:` message of an event stream."""
    while True:
        line = stream.readline()
        assert line, "event stream closed"
        if line.startswith(b"data: "):
            return json.loads(line[6:])


def test_a_save_pushes_an_event_naming_the_rebuilt_page(live):
    epoch = status(live)["epoch"]
    host, port = live.server.server_address[:2]
    stream = socket.create_connection((host, port), timeout=5)
    try:
        stream.sendall(f"GET /__dateline/events?epoch={epoch} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        reader = stream.makefile("rb")
        assert reader.readline().startswith(b"HTTP/1.1 200")
        assert read_event(reader)["kind"] == "hello"
        story = live.rebuilder.config.root / ARTICLE
        story.write_text(story.read_text(encoding="utf-8").replace("Trade ministers from", "Farm ministers from"), encoding="utf-8")
        event = read_event(reader)
        assert event["kind"] == "reload"
        assert event["epoch"] == epoch + 1
        assert "2021/03/trade-ministers-meet-to-revive-stalled-tariff-talks/" in event["urls"]
    finally:
        stream.close()
    assert "Farm ministers from" in fetch(live, "/2021/03/trade-ministers-meet-to-revive-stalled-tariff-talks/").text


def test_an_error_shows_in_served_pages_until_fixed(live):
    story = live.rebuilder.config.root / ARTICLE
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("---\n", "---\ntitle: [unclosed\n", 1), encoding="utf-8")
    problems = wait_for(lambda: status(live)["problems"])
    assert problems[0].startswith(f"{ARTICLE}:")
    page = fetch(live, "/")
    assert page.status == 200  # the last good site is still served
    assert 'id="dateline-error-overlay"' in page.text
    assert ARTICLE in page.text
    story.write_text(good, encoding="utf-8")
    wait_for(lambda: not status(live)["problems"])
    assert "dateline-error-overlay" not in fetch(live, "/").text


def test_a_busy_port_is_reported_with_a_free_one(tmp_path):
    root = copy_sample_project(tmp_path)
    config, _ = load_config(root / "config.yaml")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        err = io.StringIO()
        code = serve(root / "config.yaml", config, ServeOptions(port=port, search=False), io.StringIO(), err)
    assert code == 1
    assert f"port {port} on 127.0.0.1 is already in use" in err.getvalue()
    assert "--port" in err.getvalue()
    assert not (root / "_site").exists()  # it refused before building anything


def test_serve_folder_is_left_clean_of_temp_files(live):
    leftovers = [p for p in live.server.site_dir.rglob(".write-*")]
    assert leftovers == []
    assert os.access(live.server.site_dir / "index.html", os.R_OK)
