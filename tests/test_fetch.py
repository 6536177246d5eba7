"""Feed sources: config validation, and downloads from a real local HTTP server (never the internet)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dateline.fetch import FeedSource, feed_extension, fetch_sources, parse_sources, run_fetch, user_agent_for

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local News</title><link>http://127.0.0.1/</link><description>Test</description>
<item><title>Council meets</title><link>http://127.0.0.1/1</link><guid>1</guid></item>
</channel></rss>
"""
ATOM = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title></feed>\n'
ETAG = '"rss-v1"'
LAST_MODIFIED = "Mon, 01 Jan 2024 10:00:00 GMT"
MAX_BYTES = 64 * 1024
# 20 MB of zeros packs into ~20 KB: far under the cap when compressed, far over it unpacked.
BOMB = gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=9)


class FeedHandler(BaseHTTPRequestHandler):
    """The routes the tests fetch; every request's headers are kept on the server for assertions."""

    def log_message(self, format, *args):  # keep pytest's output clean
        pass

    def send_body(self, body: bytes, content_type: str = "application/rss+xml", status: int = 200, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def trickle(self, data: bytes) -> None:
        """Send one byte a second until the client gives up."""
        for byte in data:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(1)

    def do_GET(self):
        server = self.server
        server.requests.append((self.path, dict(self.headers)))
        path = self.path
        if path == "/good.rss":
            if server.fail_good:
                self.send_body(b"down", "text/plain", status=503)
                return
            if self.headers.get("If-None-Match") == ETAG or self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send_response(304)
                self.send_header("ETag", ETAG)
                self.end_headers()
                return
            self.send_body(RSS, "application/rss+xml; charset=utf-8", ETag=ETAG, Last_Modified=LAST_MODIFIED)
        elif path == "/changing.xml":
            server.version += 1
            self.send_body(RSS.replace(b"Council meets", f"Edition {server.version}".encode()), "text/xml")
        elif path == "/same-bytes.xml":
            self.send_body(RSS, "text/xml")  # no validators: the bytes decide
        elif path == "/atom":
            self.send_body(ATOM, "application/octet-stream")
        elif path == "/gzip.rss":
            self.send_body(gzip.compress(RSS), Content_Encoding="gzip")
        elif path == "/bomb.rss":
            self.send_body(BOMB, Content_Encoding="gzip")
        elif path == "/slow-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(RSS)))
            self.end_headers()
            self.wfile.flush()
            self.trickle(RSS)
        elif path == "/slow-headers":
            self.trickle(b"HTTP/1.0 200 OK\r\nContent-Type: application/rss+xml\r\nX-Padding: " + b"x" * 100)
        elif path == "/huge-declared":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(MAX_BYTES * 100))
            self.end_headers()
            self.wfile.write(b"<rss>" + b" " * 1000)
        elif path == "/huge-streamed":
            # No Content-Length: the body ends when the connection does, so only the streaming cap can stop it.
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                self.wfile.write(b"<rss>")
                for _ in range(200):
                    self.wfile.write(b" " * 8192)
            except OSError:
                return
        elif path == "/truncated.rss":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(RSS)))
            self.end_headers()
            self.wfile.write(RSS[:40])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        elif path == "/error":
            self.send_body(b"oops", "text/plain", status=500)
        elif path == "/missing":
            self.send_body(b"no such page", "text/plain", status=404)
        elif path == "/page.html":
            self.send_body(b"<!DOCTYPE html><html><body>Please log in</body></html>", "text/html")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/good.rss" if left == 0 else f"hop/{left - 1}"  # relative Locations, as many servers send
            self.send_body(b"", "text/plain", status=302, Location=target)
        elif path == "/moved":
            self.send_body(b"", "text/plain", status=301, Location=f"http://127.0.0.1:{server.server_port}/same-bytes.xml")
        elif path == "/to-file":
            self.send_body(b"", "text/plain", status=302, Location="file:///etc/passwd")
        elif path == "/to-ftp":
            self.send_body(b"", "text/plain", status=307, Location="ftp://127.0.0.1/feed.xml")
        else:
            self.send_body(b"not here", "text/plain", status=404)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    httpd.requests = []
    httpd.version = 0
    httpd.fail_good = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """The same routes over TLS, with a self-signed certificate for 127.0.0.1 (its file is the `cafile` attribute)."""
    assert shutil.which("openssl"), "openssl makes the test certificate: run scripts/system-deps.sh"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"]
    subprocess.run(
        [*request, "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.requests, httpd.version, httpd.fail_good, httpd.cafile = [], 0, False, cert
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def source(server, path: str, name: str | None = None) -> FeedSource:
    return FeedSource(f"http://127.0.0.1:{server.server_port}{path}", name or path.strip("/").replace("/", " "))


def fetch(tmp_path: Path, *sources: FeedSource, **options):
    options.setdefault("timeout", 5.0)
    options.setdefault("max_bytes", MAX_BYTES)
    return fetch_sources(sources, tmp_path / "seeds", tmp_path / ".dateline-cache" / "fetch-state.json", **options)


def files_in(tmp_path: Path) -> list[str]:
    """Every file under seeds/, hidden ones too: a failed fetch leaves no partial or temporary file."""
    seeds = tmp_path / "seeds"
    return sorted(p.relative_to(seeds).as_posix() for p in seeds.rglob("*") if p.is_file())


def requests_to(server, path: str) -> list[dict[str, str]]:
    return [headers for requested, headers in server.requests if requested == path]


# ---------------------------------------------------------------------------- downloads


def test_a_feed_is_saved_then_fetched_conditionally_and_left_untouched(server, tmp_path):
    feed = source(server, "/good.rss", "Local News")
    [first] = fetch(tmp_path, feed, user_agent=user_agent_for("https://news.example.org/", "Test Desk"))
    saved = tmp_path / "seeds" / "feeds" / "local-news.rss"
    assert (first.status, first.path) == ("updated", saved)
    assert saved.read_bytes() == RSS
    assert first.message == f"{feed.url} → seeds/feeds/local-news.rss: updated ({len(RSS)} bytes)"
    headers = requests_to(server, "/good.rss")[-1]
    assert "Dateline/" in headers["User-Agent"] and "https://news.example.org/" in headers["User-Agent"]
    assert "If-None-Match" not in headers
    state = json.loads((tmp_path / ".dateline-cache" / "fetch-state.json").read_text())
    assert state["feeds"][feed.url] == {"etag": ETAG, "last_modified": LAST_MODIFIED, "file": "local-news.rss"}

    os.utime(saved, ns=(1_000_000_000, 1_000_000_000))
    [second] = fetch(tmp_path, feed)
    headers = requests_to(server, "/good.rss")[-1]
    assert (headers["If-None-Match"], headers["If-Modified-Since"]) == (ETAG, LAST_MODIFIED)
    assert (second.status, second.path) == ("unchanged", saved)
    assert second.message.endswith(": unchanged")
    assert saved.stat().st_mtime_ns == 1_000_000_000
    assert files_in(tmp_path) == ["feeds/local-news.rss"]


def test_validators_are_not_sent_once_the_file_is_gone(server, tmp_path):
    feed = source(server, "/good.rss", "Local News")
    fetch(tmp_path, feed)
    (tmp_path / "seeds" / "feeds" / "local-news.rss").unlink()
    [result] = fetch(tmp_path, feed)
    assert "If-None-Match" not in requests_to(server, "/good.rss")[-1]
    assert result.status == "updated"
    assert (tmp_path / "seeds" / "feeds" / "local-news.rss").read_bytes() == RSS


def test_changed_bytes_replace_the_file_and_same_bytes_do_not(server, tmp_path):
    changing, same = source(server, "/changing.xml", "Changing"), source(server, "/same-bytes.xml", "Same")
    first = fetch(tmp_path, changing, same)
    assert [r.status for r in first] == ["updated", "updated"]
    text = (tmp_path / "seeds" / "feeds" / "changing.rss").read_bytes()
    same_file = tmp_path / "seeds" / "feeds" / "same.rss"
    os.utime(same_file, ns=(1_000_000_000, 1_000_000_000))
    second = fetch(tmp_path, changing, same)
    assert [r.status for r in second] == ["updated", "unchanged"]
    assert second[1].message.endswith("unchanged (same bytes)")
    assert (tmp_path / "seeds" / "feeds" / "changing.rss").read_bytes() != text
    assert same_file.stat().st_mtime_ns == 1_000_000_000


def test_the_extension_comes_from_the_body_and_the_name_from_the_config(server, tmp_path):
    results = fetch(tmp_path, source(server, "/atom", "../../Etc/Passwd"), source(server, "/gzip.rss", "Ünïcode Desk"))
    assert [r.status for r in results] == ["updated", "updated"]
    assert files_in(tmp_path) == ["feeds/etc-passwd.atom", "feeds/unicode-desk.rss"]
    assert (tmp_path / "seeds" / "feeds" / "unicode-desk.rss").read_bytes() == RSS  # gzip unpacked


def test_a_slow_body_times_out_within_the_deadline_and_writes_nothing(server, tmp_path):
    started = time.monotonic()
    [result] = fetch(tmp_path, source(server, "/slow-body"), timeout=1.5)
    assert time.monotonic() - started < 2.5
    assert result.status == "failed" and result.path is None
    assert result.message == f"{result.source.url}: timed out after 1.5 s; the server may be down, try again later"
    assert files_in(tmp_path) == []


def test_slow_headers_time_out_too(server, tmp_path):
    started = time.monotonic()
    [result] = fetch(tmp_path, source(server, "/slow-headers"), timeout=1.0)
    assert time.monotonic() - started < 2.0
    assert "timed out after 1 s" in result.message


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/huge-declared", "6.2 MB, larger than 64 KB, the most Dateline takes; not saved"),
        ("/huge-streamed", "larger than 64 KB, the most Dateline takes; not saved"),
        ("/bomb.rss", "unpacks to more than 64 KB; not saved"),
    ],
)
def test_bodies_over_the_cap_are_refused_whole(server, tmp_path, path, expected):
    [result] = fetch(tmp_path, source(server, path))
    assert result.status == "failed"
    assert expected in result.message
    assert files_in(tmp_path) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/error", "the server failed (HTTP 500 Internal Server Error); the server may be down, try again later"),
        ("/missing", "not found (HTTP 404 Not Found); check the address in config.yaml"),
        ("/truncated.rss", "the connection closed after 40 bytes, before the end of the feed; try again later"),
        ("/page.html", "not a feed (the server sent text/html that is not RSS, Atom or JSON); check the address"),
    ],
)
def test_broken_responses_fail_with_a_reason(server, tmp_path, path, expected):
    [result] = fetch(tmp_path, source(server, path))
    assert (result.status, result.path) == ("failed", None)
    assert result.message == f"{result.source.url}: {expected}"
    assert files_in(tmp_path) == []


def test_redirects_are_followed_within_the_limit(server, tmp_path):
    [result] = fetch(tmp_path, source(server, "/hop/3", "Hops"), max_redirects=5)
    assert result.status == "updated"
    assert (tmp_path / "seeds" / "feeds" / "hops.rss").read_bytes() == RSS
    assert "moved" not in result.message  # 302s are temporary: the configured address stays right


def test_a_permanent_redirect_suggests_the_new_address(server, tmp_path):
    [result] = fetch(tmp_path, source(server, "/moved", "Moved"))
    assert result.status == "updated"
    assert result.message.endswith(f"; it moved to http://127.0.0.1:{server.server_port}/same-bytes.xml, write that address in config.yaml")


def test_too_many_redirects_are_refused(server, tmp_path):
    [result] = fetch(tmp_path, source(server, "/hop/6"), max_redirects=5)
    assert result.status == "failed"
    assert "more than 5 redirects" in result.message
    assert files_in(tmp_path) == []


@pytest.mark.parametrize(("path", "target"), [("/to-file", "file:///etc/passwd"), ("/to-ftp", "ftp://127.0.0.1/feed.xml")])
def test_a_redirect_away_from_http_is_refused(server, tmp_path, path, target):
    [result] = fetch(tmp_path, source(server, path))
    assert result.status == "failed"
    assert f"redirected to {target}, which is not http or https; refused" in result.message
    assert files_in(tmp_path) == []


def test_an_unreachable_server_fails_and_the_others_are_still_fetched(server, tmp_path):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    unreachable = FeedSource(f"http://127.0.0.1:{port}/feed.xml", "Gone")
    results = fetch(tmp_path, unreachable, source(server, "/error"), source(server, "/same-bytes.xml", "Fine"))
    assert [r.status for r in results] == ["failed", "failed", "updated"]
    assert "the connection was refused; the server may be down or the port wrong" in results[0].message
    assert files_in(tmp_path) == ["feeds/fine.rss"]


def test_a_failed_fetch_keeps_the_last_good_file_and_its_validators(server, tmp_path):
    feed = source(server, "/good.rss", "Local")
    fetch(tmp_path, feed)
    state_path = tmp_path / ".dateline-cache" / "fetch-state.json"
    before = state_path.read_text()
    server.fail_good = True
    try:
        [result] = fetch(tmp_path, feed)
    finally:
        server.fail_good = False
    assert result.status == "failed"
    assert "the server failed (HTTP 503 Service Unavailable)" in result.message
    assert (tmp_path / "seeds" / "feeds" / "local.rss").read_bytes() == RSS
    assert json.loads(state_path.read_text()) == json.loads(before)
    [again] = fetch(tmp_path, feed)
    assert again.status == "unchanged"


def test_a_corrupt_state_file_only_costs_a_download(server, tmp_path):
    state_path = tmp_path / ".dateline-cache" / "fetch-state.json"
    state_path.parent.mkdir()
    state_path.write_text("{not json")
    [result] = fetch(tmp_path, source(server, "/good.rss", "Local"))
    assert result.status == "updated"
    assert json.loads(state_path.read_text())["version"] == 1


def test_a_feeds_folder_linking_out_of_seeds_is_refused(server, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "feeds").symlink_to(outside)
    [result] = fetch(tmp_path, source(server, "/good.rss", "Local"))
    assert result.status == "failed"
    assert "seeds/feeds is a link out of seeds/" in result.message
    assert list(outside.iterdir()) == []


def test_run_fetch_prints_a_line_per_source_and_a_count(server, tmp_path):
    lines: list[str] = []
    sources = (source(server, "/same-bytes.xml", "Fine"), source(server, "/missing"))
    status = run_fetch(tmp_path, sources, tmp_path / "seeds", site_url="https://news.example.org/", out=lines.append, timeout=5.0)
    assert status == 1
    assert len(lines) == 3
    assert lines[0].endswith("→ seeds/feeds/fine.rss: updated (" + f"{len(RSS)} bytes)")
    assert lines[2] == "fetch: 1 updated, 0 unchanged, 1 failed"
    assert (tmp_path / ".dateline-cache" / "fetch-state.json").is_file()
    lines.clear()
    assert run_fetch(tmp_path, sources[:1], tmp_path / "seeds", out=lines.append) == 0
    assert lines[-1] == "fetch: 0 updated, 1 unchanged, 0 failed"


def test_run_fetch_without_sources_says_how_to_add_them(tmp_path):
    lines: list[str] = []
    assert run_fetch(tmp_path, (), tmp_path / "seeds", out=lines.append) == 0
    assert "add e.g. `sources:" in lines[0]


def test_a_site_title_in_any_script_makes_a_user_agent_that_can_be_sent(server, tmp_path):
    agent = user_agent_for("https://news.example.org/", "Résumé – 東京 Desk; daily")
    assert agent == "Dateline/0.1.0 (news digest generator; Resume Desk, daily; https://news.example.org/)"
    [result] = fetch(tmp_path, source(server, "/same-bytes.xml", "Fine"), user_agent=agent)
    assert result.status == "updated"
    assert requests_to(server, "/same-bytes.xml")[-1]["User-Agent"] == agent


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/xml", RSS, ".rss"),
        ("application/xml", ATOM, ".atom"),
        ("application/json", b'{"version": "https://jsonfeed.org/version/1.1"}', ".json"),
        ("application/atom+xml", b"<?xml version='1.0'?><!-- a long comment -->" + b" " * 3000 + b"<feed/>", ".atom"),
        ("text/xml", b"<?xml version='1.0'?><rdf:RDF></rdf:RDF>", ".rss"),
        ("application/xml", b"<?xml version='1.0'?><opml/>", ".xml"),
        ("text/html", b"<!doctype html><html></html>", None),
        ("text/plain", b"Service unavailable", None),
    ],
)
def test_feed_extension(content_type, body, expected):
    assert feed_extension(content_type, body) == expected


def test_https_with_a_certificate_nobody_vouches_for_is_refused(tls_server, tmp_path):
    [result] = fetch(tmp_path, FeedSource(f"https://127.0.0.1:{tls_server.server_port}/good.rss", "Secure"))
    assert result.status == "failed"
    assert "its TLS certificate is not valid" in result.message
    assert files_in(tmp_path) == []


def test_https_downloads_and_times_out_like_http(tls_server, tmp_path, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server.cafile))  # read by ssl.create_default_context()
    base = f"https://127.0.0.1:{tls_server.server_port}"
    started = time.monotonic()
    good, slow = fetch(tmp_path, FeedSource(base + "/good.rss", "Secure"), FeedSource(base + "/slow-body", "Slow"), timeout=1.0)
    assert time.monotonic() - started < 2.0
    assert good.status == "updated"
    assert (tmp_path / "seeds" / "feeds" / "secure.rss").read_bytes() == RSS
    assert "timed out after 1 s" in slow.message
    assert files_in(tmp_path) == ["feeds/secure.rss"]


# ---------------------------------------------------------------------------- config


def test_sources_are_read_with_defaults():
    raw = [
        {"url": "https://example.com/feed.xml", "name": "Example News", "topic": "World"},
        {"url": "http://Other.example.org:8080/rss#top"},
        "https://third.example.net/atom",
    ]
    sources, messages = parse_sources(raw, {"World", "Politics"})
    assert messages == []
    assert sources == (
        FeedSource("https://example.com/feed.xml", "Example News", "World"),
        FeedSource("http://Other.example.org:8080/rss", "other.example.org", ""),
        FeedSource("https://third.example.net/atom", "third.example.net", ""),
    )
    assert [s.slug for s in sources] == ["example-news", "other-example-org", "third-example-net"]


def test_no_sources_is_no_error():
    assert parse_sources(None, set()) == ((), [])
    assert parse_sources([], set()) == ((), [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "https://example.com/feed",
            "sources: must be a list of feeds, not 'https://example.com/feed'; write `sources: [{url: https://example.com/feed.xml}]`",
        ),
        ([{"name": "x"}], "sources[1].url: missing; write `url: https://example.com/feed.xml`"),
        ([{"url": 42}], "sources[1].url: 42 is not an address; write `url: https://example.com/feed.xml`"),
        ([{"url": "https://a.example/"}, {"url": "ftp://x"}], "sources[2].url: ftp://x is not http or https; write an http(s) address"),
        ([{"url": "file:///etc/passwd"}], "sources[1].url: file:///etc/passwd is not http or https; write an http(s) address"),
        ([{"url": "example.com/feed.xml"}], "sources[1].url: example.com/feed.xml is not http or https; write an http(s) address"),
        (
            [{"url": "https://me:secret@example.com/feed"}],
            "sources[1].url: https://***@example.com/feed has a user name or password in it; "
            "Dateline fetches public feeds only, remove the `user:password@` part",
        ),
        ([{"url": "https:///feed"}], "sources[1].url: https:///feed names no host; write e.g. `https://example.com/feed.xml`"),
        (
            [{"url": "https://example.com:99999/"}],
            "sources[1].url: https://example.com:99999/ is not a valid address; write e.g. `https://example.com/feed.xml`",
        ),
        (
            [{"url": "https://example.com/my feed"}],
            "sources[1].url: 'https://example.com/my feed' contains spaces or control characters; write the address as one word (spaces as %20)",
        ),
        ([{"url": "https://example.com/", "nmae": "X"}], "sources[1]: unknown key `nmae`; did you mean `name`?"),
        ([{"url": "https://example.com/", "name": ["X"]}], "sources[1].name: ['X'] is not a name; write e.g. `name: Example News`"),
        (
            [["https://example.com/"]],
            "sources[1]: ['https://example.com/'] is not a feed; write `- url: https://example.com/feed.xml` with optional name and topic",
        ),
        (
            [{"url": "https://example.com/", "topic": "world"}],
            "sources[1].topic: 'world' is not a declared topic; did you mean `topic: World`?",
        ),
        (
            [{"url": "https://example.com/", "topic": "Sport"}],
            "sources[1].topic: 'Sport' is not a declared topic; use one of Politics, World, or declare it under `topics:`",
        ),
        (
            [{"url": "https://example.com/feed"}, {"url": "HTTPS://EXAMPLE.com:443/feed#latest"}],
            "sources[2].url: HTTPS://EXAMPLE.com:443/feed#latest is already sources[1]; remove one of them",
        ),
        (
            [{"url": "https://example.com/world.xml"}, {"url": "https://example.com/sport.xml"}],
            "sources[2].name: 'example.com' would share the file seeds/feeds/example-com.* with sources[1]; give one of them another `name:`",
        ),
    ],
)
def test_invalid_sources_name_the_key_and_the_fix(raw, expected):
    _, messages = parse_sources(raw, {"World", "Politics"})
    assert expected in messages


def test_unknown_topic_with_no_topics_declared():
    _, messages = parse_sources([{"url": "https://example.com/", "topic": "World"}], set())
    assert messages == ["sources[1].topic: 'World' is not a declared topic; declare it under `topics:`, or remove `topic:`"]


def test_valid_sources_survive_beside_invalid_ones():
    sources, messages = parse_sources(["https://a.example/feed", "ftp://b.example/feed", "https://c.example/feed"], set())
    assert [s.url for s in sources] == ["https://a.example/feed", "https://c.example/feed"]
    assert len(messages) == 1
