"""Feed sources → seeds/feeds/: validate config `sources:`, download each feed politely and safely.

Every byte here comes from a server nobody vetted, so each request is bounded:
one deadline per source (enforced by a timer that shuts the socket, so a server
that trickles bytes cannot hold it open), a size cap applied while streaming and
to the decompressed bytes of a gzip body, and at most `max_redirects` hops, each
re-checked to be http(s). A file is written only whole (temp file + os.replace),
only when its bytes changed, and only under seeds/feeds/ with a name made from
the configured name, never from the server. The ETag and Last-Modified of each
feed are kept in a small JSON state file; deleting it only costs a full download.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import http.client
import json
import os
import socket
import ssl
import tempfile
import threading
import time
import unicodedata
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from . import __version__
from .slugs import slugify
from .state import CACHE_DIR

FEEDS_DIR = "feeds"
STATE_NAME = "fetch-state.json"
STATUSES = ("updated", "unchanged", "failed")
FEED_EXTENSIONS = (".xml", ".rss", ".atom", ".json")
SOURCE_KEYS = ("url", "name", "topic")
# One source may take this long in all (redirects and a slow body included), be this big unpacked, and redirect this often.
DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
# Feeds are fetched a few at a time: quicker than one by one, and no burden on any server.
PARALLEL_FETCHES = 4
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_CHUNK = 64 * 1024
_ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
# A validator is sent back as a header: anything longer or stranger than this is not kept.
_MAX_VALIDATOR = 512


@dataclass(frozen=True)
class FeedSource:
    """One feed config.yaml lists: its http(s) address, display name and optional topic."""

    url: str
    name: str
    topic: str = ""

    @property
    def slug(self) -> str:
        """The stem of the feed's file in seeds/feeds/: a slug of the name (never of anything the server says)."""
        return (
            slugify(self.name) or slugify(urlsplit(self.url).hostname or "") or "feed-" + hashlib.sha256(self.url.encode()).hexdigest()[:8]
        )


@dataclass(frozen=True)
class FetchResult:
    """What fetching one source did: status "updated", "unchanged" or "failed", the feed file, and the line that says so."""

    source: FeedSource
    status: str
    path: Path | None
    message: str


# ---------------------------------------------------------------------------- config


def parse_sources(raw: object, topics: set[str]) -> tuple[tuple[FeedSource, ...], list[str]]:
    """Validate config `sources:` into FeedSources; also return one message per problem (sources[1] is the first)."""
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [f"sources: must be a list of feeds, not {raw!r}; write `sources: [{{url: https://example.com/feed.xml}}]`"]
    sources: list[FeedSource] = []
    messages: list[str] = []
    seen_urls: dict[str, int] = {}
    seen_slugs: dict[str, int] = {}
    for index, item in enumerate(raw, 1):
        key = f"sources[{index}]"
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict):
            messages.append(f"{key}: {item!r} is not a feed; write `- url: https://example.com/feed.xml` with optional name and topic")
            continue
        problems_before = len(messages)
        for unknown in sorted(str(k) for k in item if k not in SOURCE_KEYS):
            close = difflib.get_close_matches(unknown, SOURCE_KEYS, n=1)
            fix = f"did you mean `{close[0]}`?" if close else "a source has url, name and topic"
            messages.append(f"{key}: unknown key `{unknown}`; {fix}")

        url = item.get("url")
        if url is None or (isinstance(url, str) and not url.strip()):
            messages.append(f"{key}.url: missing; write `url: https://example.com/feed.xml`")
            url = None
        elif not isinstance(url, str):
            messages.append(f"{key}.url: {url!r} is not an address; write `url: https://example.com/feed.xml`")
            url = None
        else:
            written = url.strip()
            url, problem = check_url(written)
            if problem:
                messages.append(f"{key}.url: {problem}")
                url = None

        name = item.get("name")
        if name is not None and (isinstance(name, bool) or not isinstance(name, (str, int, float))):
            messages.append(f"{key}.name: {name!r} is not a name; write e.g. `name: Example News`")
            name = None
        name = " ".join(str(name).split()) if name is not None else ""

        topic = item.get("topic")
        if topic is not None and not isinstance(topic, str):
            messages.append(f"{key}.topic: {topic!r} is not a topic name; write e.g. `topic: World`")
            topic = None
        topic = (topic or "").strip()
        if topic and topic not in topics:
            same = next((t for t in sorted(topics) if t.casefold() == topic.casefold()), None)
            close = same or next(iter(difflib.get_close_matches(topic, sorted(topics), n=1)), None)
            if close:
                fix = f"did you mean `topic: {close}`?"
            elif topics:
                fix = f"use one of {', '.join(sorted(topics))}, or declare it under `topics:`"
            else:
                fix = "declare it under `topics:`, or remove `topic:`"
            messages.append(f"{key}.topic: {topic!r} is not a declared topic; {fix}")

        if url is None or len(messages) > problems_before:
            continue
        source = FeedSource(url, name or (urlsplit(url).hostname or url), topic)
        same_url = _url_key(url)
        if same_url in seen_urls:
            messages.append(f"{key}.url: {written} is already sources[{seen_urls[same_url]}]; remove one of them")
            continue
        if source.slug in seen_slugs:
            messages.append(
                f"{key}.name: {source.name!r} would share the file seeds/{FEEDS_DIR}/{source.slug}.* with "
                f"sources[{seen_slugs[source.slug]}]; give one of them another `name:`"
            )
            continue
        seen_urls[same_url] = index
        seen_slugs[source.slug] = index
        sources.append(source)
    return tuple(sources), messages


def check_url(url: str) -> tuple[str, str]:
    """An http(s) address without its #fragment, and "" ; or ("", why it is refused and what to write)."""
    shown = display_url(url)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "", f"{shown!r} contains spaces or control characters; write the address as one word (spaces as %20)"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "", f"{shown} is not a valid address; write e.g. `https://example.com/feed.xml`"
    if parts.scheme.lower() not in ("http", "https"):
        return "", f"{shown} is not http or https; write an http(s) address"
    if parts.username is not None or parts.password is not None:
        return "", f"{shown} has a user name or password in it; Dateline fetches public feeds only, remove the `user:password@` part"
    if not parts.hostname:
        return "", f"{shown} names no host; write e.g. `https://example.com/feed.xml`"
    if port == 0:
        return "", f"{shown} names port 0; remove `:0` or write the server's port"
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, "")), ""


def display_url(url: str) -> str:
    """The address as messages show it: any `user:password@` replaced by `***@`."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit((parts.scheme, "***@" + parts.netloc.rsplit("@", 1)[1], parts.path, parts.query, parts.fragment))


def _url_key(url: str) -> str:
    """What makes two addresses the same feed: case-insensitive scheme and host, default ports dropped."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port if parts.port not in (None, 80 if scheme == "http" else 443) else None
    host = (parts.hostname or "") + (f":{port}" if port else "")
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


# ---------------------------------------------------------------------------- fetching


class _Failure(Exception):
    """A source could not be fetched; the text says why and what to do, after the URL."""


@dataclass(frozen=True)
class _Validators:
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class _Download:
    status: int  # 200 or 304
    body: bytes = b""
    content_type: str = ""
    validators: _Validators = _Validators()
    moved_to: str = ""  # the final address, when every hop was a permanent redirect


class _Deadline:
    """One source's time limit: a timer shuts the current socket when it passes, waking any blocked read."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = threading.Event()
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0 or self.expired.is_set():
            raise TimeoutError
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.expired.is_set():
                self._shut()

    def _expire(self) -> None:
        with self._lock:
            self.expired.set()
            self._shut()

    def _shut(self) -> None:
        if self._sock is not None:
            # The plain socket's shutdown, also for TLS: SSLSocket.shutdown would unwrap under the reading thread.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


class _Limited:
    """The body as it streams in, decompressed when gzip, refused the moment it passes `max_bytes`."""

    def __init__(self, encoding: str, max_bytes: int):
        self.max_bytes = max_bytes
        self.data = bytearray()
        self.received = 0
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None

    def feed(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.received > self.max_bytes:
            raise _Failure(f"larger than {_size(self.max_bytes)}, the most Dateline takes; not saved (ask the site for a shorter feed)")
        if self._inflater is None:
            self.data += chunk
            return
        while chunk:
            # Never ask zlib for more than one byte past the cap: a gzip bomb stops here, not in memory.
            self.data += self._inflater.decompress(chunk, self.max_bytes - len(self.data) + 1)
            if len(self.data) > self.max_bytes:
                raise _Failure(
                    f"unpacks to more than {_size(self.max_bytes)}; not saved (a feed that size is likely a mistake or an attack)"
                )
            if self._inflater.eof:
                rest = self._inflater.unused_data
                if not rest.startswith(b"\x1f\x8b"):
                    return  # padding after the gzip stream is ignored, as every browser does
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # another gzip member follows
                chunk = rest
            else:
                chunk = self._inflater.unconsumed_tail

    def finish(self) -> bytes:
        if self._inflater is not None:
            self.feed(b"")
            while not self._inflater.eof:
                piece = self._inflater.decompress(self._inflater.unconsumed_tail, self.max_bytes - len(self.data) + 1)
                if not piece:
                    raise _Failure("the compressed feed ended early; the server may be busy, try again later")
                self.data += piece
                if len(self.data) > self.max_bytes:
                    raise _Failure(
                        f"unpacks to more than {_size(self.max_bytes)}; not saved (a feed that size is likely a mistake or an attack)"
                    )
        return bytes(self.data)


def _download(url: str, validators: _Validators, *, timeout: float, max_bytes: int, max_redirects: int, user_agent: str) -> _Download:
    """GET `url` within one deadline, following at most `max_redirects` http(s) redirects; raise _Failure or TimeoutError."""
    deadline = _Deadline(timeout)
    try:
        current, hops, permanent = url, 0, True
        while True:
            response_or_location = _request(current, validators, deadline, max_bytes=max_bytes, user_agent=user_agent)
            if isinstance(response_or_location, _Download):
                return replace(response_or_location, moved_to=current if permanent and hops else "")
            status, location = response_or_location
            if hops >= max_redirects:
                raise _Failure(f"more than {max_redirects} redirects; open it in a browser to see where it leads, then write that address")
            target = urljoin(current, location)
            refused = _refused_redirect(target)
            if refused:
                raise _Failure(refused)
            hops += 1
            permanent = permanent and status in _PERMANENT
            current = target
    except TimeoutError:
        raise
    except OSError as exc:
        if deadline.expired.is_set():
            raise TimeoutError from None
        raise _Failure(_network_reason(exc)) from None
    except http.client.HTTPException as exc:
        if deadline.expired.is_set():
            raise TimeoutError from None
        raise _Failure(f"the server sent a broken response ({type(exc).__name__}); try again later") from None
    except ValueError as exc:  # an address http.client cannot send (e.g. a host name IDNA cannot encode)
        raise _Failure(f"cannot request this address ({exc}); check it in config.yaml") from None
    finally:
        deadline.cancel()


def _refused_redirect(target: str) -> str:
    try:
        parts = urlsplit(target)
    except ValueError:
        return f"redirected to {target!r}, which is not a valid address; refused"
    if parts.scheme.lower() not in ("http", "https"):
        return f"redirected to {display_url(target)}, which is not http or https; refused (write the feed's real address)"
    if parts.username is not None or parts.password is not None:
        return f"redirected to {display_url(target)}, an address with a user name or password; refused"
    if not parts.hostname:
        return f"redirected to {target!r}, which names no host; refused"
    return ""


def _request(url: str, validators: _Validators, deadline: _Deadline, *, max_bytes: int, user_agent: str) -> _Download | tuple[int, str]:
    """One GET: the download, or a redirect's (status, Location)."""
    parts = urlsplit(url)
    port = parts.port
    connection_type = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    kwargs = {"context": ssl.create_default_context()} if connection_type is http.client.HTTPSConnection else {}
    connection = connection_type(parts.hostname, port, timeout=deadline.remaining(), **kwargs)
    try:
        connection.connect()
        sock = connection.sock
        deadline.watch(sock)
        headers = {
            "User-Agent": user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip",
            "Connection": "close",
        }
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        connection.request("GET", _request_target(parts.path, parts.query), headers=headers)
        sock.settimeout(deadline.remaining())
        response = connection.getresponse()
        if response.status in _REDIRECTS:
            location = (response.getheader("Location") or "").strip()
            if not location:
                raise _Failure(f"the server answered HTTP {response.status} (a redirect) without saying where to; try again later")
            return response.status, location
        if response.status == 304:
            if not (validators.etag or validators.last_modified):
                raise _Failure("the server answered 304 Not Modified to a plain request; try again later")
            return _Download(304)
        if response.status != 200:
            raise _Failure(_status_reason(response.status, response.reason))
        return _read_body(response, sock, deadline, max_bytes)
    finally:
        connection.close()


def _read_body(response: http.client.HTTPResponse, sock: socket.socket, deadline: _Deadline, max_bytes: int) -> _Download:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    encoding = {"x-gzip": "gzip", "": "identity"}.get(encoding, encoding)
    if encoding not in ("identity", "gzip"):
        raise _Failure(f"the server sent the feed compressed as {encoding!r}, which Dateline cannot read; ask the site for a plain feed")
    if response.length is not None and response.length > max_bytes:
        raise _Failure(
            f"{_size(response.length)}, larger than {_size(max_bytes)}, the most Dateline takes; not saved (ask the site for a shorter feed)"
        )
    body = _Limited(encoding, max_bytes)
    while True:
        # Each read waits at most until the deadline; the deadline's timer covers a read already waiting.
        sock.settimeout(deadline.remaining())
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        body.feed(chunk)
    if deadline.expired.is_set():
        raise TimeoutError
    if response.length:
        raise _Failure(f"the connection closed after {_size(body.received)}, before the end of the feed; try again later")
    data = body.finish()
    if not data.strip():
        raise _Failure("the server sent an empty feed; check the address, or try again later")
    validators = _Validators(_validator(response.getheader("ETag")), _validator(response.getheader("Last-Modified")))
    return _Download(200, data, (response.getheader("Content-Type") or "").split(";")[0].strip().lower(), validators)


def _request_target(path: str, query: str) -> str:
    # Non-ASCII paths are sent percent-encoded; what is already encoded stays as it is.
    target = quote(path or "/", safe="/%:@!$&'()*+,;=-._~")
    return target + ("?" + quote(query, safe="/%:@!$&'()*+,;=-._~?") if query else "")


def _validator(value: str | None) -> str:
    value = (value or "").strip()
    if not value or len(value) > _MAX_VALIDATOR or not all(32 <= ord(ch) < 127 for ch in value):
        return ""
    return value


def _status_reason(status: int, reason: str) -> str:
    said = f"HTTP {status}{' ' + reason if reason else ''}"
    if status == 404:
        return f"not found ({said}); check the address in config.yaml"
    if status == 410:
        return f"the feed is gone for good ({said}); remove the source from config.yaml"
    if status in (401, 403):
        return f"the server refused access ({said}); the feed may need a login Dateline cannot give, or it blocks automated readers"
    if status == 429:
        return f"the server says too many requests ({said}); fetch less often, try again later"
    if status >= 500:
        return f"the server failed ({said}); the server may be down, try again later"
    return f"unexpected answer {said}; check the address in config.yaml"


def _network_reason(exc: OSError) -> str:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"its TLS certificate is not valid ({exc.verify_message}); check the address, or tell the site"
    if isinstance(exc, ssl.SSLError):
        return f"the secure connection failed ({exc.reason or exc}); check the address, or try again later"
    if isinstance(exc, socket.gaierror):
        return "the host name was not found; check the address in config.yaml, or your network"
    if isinstance(exc, ConnectionRefusedError):
        return "the connection was refused; the server may be down or the port wrong, try again later"
    if isinstance(exc, ConnectionResetError):
        return "the server closed the connection; the server may be busy, try again later"
    return f"network error ({exc.strerror or exc}); check your connection, or try again later"


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / (1024 * 1024):.1f} MB"


def feed_extension(content_type: str, body: bytes) -> str | None:
    """.rss, .atom, .json or .xml for a feed body (what it is wins over what the server calls it); None if it is no feed."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return ".json"
    if not head.startswith(b"<"):
        return None
    if b"<rss" in head or b"<rdf:rdf" in head:
        return ".rss"
    if b"<feed" in head:
        return ".atom"
    if b"<html" in head or head.startswith(b"<!doctype html"):
        return None  # a web page (often a login or error page) served where the feed was
    return {"application/rss+xml": ".rss", "application/atom+xml": ".atom"}.get(content_type, ".xml")


# ---------------------------------------------------------------------------- files and state


def _load_state(state_path: Path) -> dict[str, dict[str, str]]:
    """The kept validators by URL; a missing or broken state file is an empty one (it only saves downloads)."""
    try:
        data = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    feeds = data.get("feeds") if isinstance(data, dict) else None
    if not isinstance(feeds, dict):
        return {}
    return {str(url): {k: v for k, v in entry.items() if isinstance(v, str)} for url, entry in feeds.items() if isinstance(entry, dict)}


def _write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all; the temporary file is hidden, so ingest never reads it."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _kept_file(feeds_dir: Path, source: FeedSource, entry: dict[str, str]) -> Path | None:
    # Only a name this source could have written is trusted from the state file.
    name = entry.get("file", "")
    if name in {source.slug + ext for ext in FEED_EXTENSIONS} and (feeds_dir / name).is_file():
        return feeds_dir / name
    return None


def fetch_sources(
    sources: Sequence[FeedSource],
    seeds_dir: Path,
    state_path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    user_agent: str = f"Dateline/{__version__} (news digest generator)",
) -> list[FetchResult]:
    """Download every source into seeds/feeds/<slug>.<ext>, in order; one failing source never stops the others.

    `timeout` is the total time one source may take, redirects and slow bodies included.
    """
    feeds_dir = seeds_dir / FEEDS_DIR
    shown_dir = f"{seeds_dir.name}/{FEEDS_DIR}"
    try:
        feeds_dir.mkdir(parents=True, exist_ok=True)
        inside = feeds_dir.resolve().is_relative_to(seeds_dir.resolve()) and not feeds_dir.is_symlink()
    except OSError as exc:
        return [FetchResult(s, "failed", None, f"{s.url}: cannot make {shown_dir}/ ({exc.strerror or exc})") for s in sources]
    if not inside:
        message = f"{shown_dir} is a link out of {seeds_dir.name}/; nothing written (make it a real folder)"
        return [FetchResult(s, "failed", None, f"{display_url(s.url)}: {message}") for s in sources]
    state = _load_state(state_path)

    def fetch_one(source: FeedSource) -> tuple[FetchResult, dict[str, str] | None]:
        entry = state.get(source.url, {})
        kept = _kept_file(feeds_dir, source, entry)
        # Validators are sent only while the file they vouch for is still there.
        validators = _Validators(entry.get("etag", ""), entry.get("last_modified", "")) if kept else _Validators()
        url = display_url(source.url)
        try:
            download = _download(
                source.url, validators, timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, user_agent=user_agent
            )
            moved = f"; it moved to {download.moved_to}, write that address in config.yaml" if download.moved_to else ""
            if download.status == 304:
                assert kept is not None
                return FetchResult(source, "unchanged", kept, f"{url} → {shown_dir}/{kept.name}: unchanged{moved}"), entry
            extension = feed_extension(download.content_type, download.body)
            if extension is None:
                raise _Failure(
                    f"not a feed (the server sent {download.content_type or 'something'} that is not RSS, Atom or JSON); check the address"
                )
            path = feeds_dir / (source.slug + extension)
            new_entry = {"file": path.name, "etag": download.validators.etag, "last_modified": download.validators.last_modified}
            new_entry = {k: v for k, v in new_entry.items() if v}
            shown = f"{url} → {shown_dir}/{path.name}"
            if path.is_file() and not path.is_symlink() and path.read_bytes() == download.body:
                return FetchResult(source, "unchanged", path, f"{shown}: unchanged (same bytes){moved}"), new_entry
            _write_atomically(path, download.body)
            return FetchResult(source, "updated", path, f"{shown}: updated ({_size(len(download.body))}){moved}"), new_entry
        except TimeoutError:
            reason = f"timed out after {timeout:g} s; the server may be down, try again later"
        except _Failure as failure:
            reason = str(failure)
        except OSError as exc:  # writing the file
            reason = f"could not write the feed ({exc.strerror or exc}); check the folder {shown_dir}/"
        return FetchResult(source, "failed", None, f"{url}: {reason}"), entry or None

    with ThreadPoolExecutor(max_workers=max(1, min(PARALLEL_FETCHES, len(sources)))) as pool:
        outcomes = list(pool.map(fetch_one, sources))
    # Only configured sources are kept: a removed source's validators go with it.
    feeds = {source.url: entry for source, (_, entry) in zip(sources, outcomes, strict=True) if entry}
    with contextlib.suppress(OSError):  # the state only saves downloads; failing to keep it costs nothing else
        state_path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(state_path, (json.dumps({"version": 1, "feeds": feeds}, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return [result for result, _ in outcomes]


def user_agent_for(site_url: str = "", site_title: str = "") -> str:
    """A User-Agent that names Dateline and the site fetching, so a feed's owner knows who asks and where to look."""
    # Header values travel as Latin-1 at best: keep the ASCII of each part, or a non-ASCII title would fail every request.
    parts = (
        " ".join(unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode().replace(";", ",").split())
        for part in (site_title, site_url)
    )
    about = "; ".join(part for part in parts if part.isprintable() and part.strip("()"))
    return f"Dateline/{__version__} (news digest generator{'; ' + about if about else ''})"


def summary(results: Sequence[FetchResult]) -> str:
    """One count line, e.g. `fetch: 2 updated, 1 unchanged, 0 failed`."""
    counts = Counter(result.status for result in results)
    return "fetch: " + ", ".join(f"{counts[status]} {status}" for status in STATUSES)


def run_fetch(
    config_root: Path,
    sources: Sequence[FeedSource],
    seeds_dir: Path,
    *,
    site_url: str = "",
    site_title: str = "",
    out: Callable[[str], None] = print,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
) -> int:
    """`fetch`: download every source, print a line per source and a count; 1 if any failed, else 0."""
    if not sources:
        out("fetch: no sources in config.yaml; add e.g. `sources: [{url: https://example.com/feed.xml}]`")
        return 0
    state_path = config_root / CACHE_DIR / STATE_NAME
    user_agent = user_agent_for(site_url, site_title)
    results = fetch_sources(
        sources, seeds_dir, state_path, timeout=timeout, max_bytes=max_bytes, max_redirects=max_redirects, user_agent=user_agent
    )
    for result in results:
        out(result.message)
    out(summary(results))
    return 1 if any(result.status == "failed" for result in results) else 0
