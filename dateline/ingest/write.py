"""Content pages made by ingest: finding them again fast, rendering them, writing them atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Set
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from ..scan import content_entries
from ..slugs import slugify
from .index import KeptIndex, PageTable

SLUG_LIMIT = 80
# Front matter of a generated page is well under this; longer ones are read in full.
_HEAD_BYTES = 4096
_KEYS = ("seed", "seed_sha256", "generated_sha256", "seed_entry")
GENERATED_KEY = "generated_sha256"


@dataclass(frozen=True)
class PageRecord:
    """The ingest keys of one content page, read without parsing its YAML."""

    name: str  # the file's path as found; `path` makes the Path only when asked (10,000 Paths cost 30 ms)
    rel: str
    seed: str = ""
    seed_sha256: str = ""
    generated_sha256: str = ""
    seed_entry: str = ""

    @property
    def path(self) -> Path:
        """The page's file."""
        return Path(self.name)


def scan_pages(content_dir: Path, root: Path, index: KeptIndex | None = None) -> list[PageRecord]:
    """Read `seed`, `seed_sha256` and `generated_sha256` of every page under content/ by a line scan.

    With a kept `index`, a page whose stat is unchanged since the last run is not read again.
    """
    records: list[PageRecord] = []
    root_prefix = os.path.join(os.fspath(root), "")
    entries = content_entries(content_dir)
    if index is not None:
        old, new = index.old_pages, index.new_pages
        unchanged = _unchanged_pages([name for _, name in entries], old)
        if unchanged is not None:
            index.new_pages = PageTable(list(old.names), list(old.stamps), dict(old.keys))
            for name in unchanged:
                rel = name[len(root_prefix) :] if name.startswith(root_prefix) else os.path.relpath(name, root)
                records.append(PageRecord(name, rel.replace(os.sep, "/"), **dict(zip(_KEYS, map(str, old.keys[name]), strict=False))))
            return records
        positions, stamps, kept_keys = old.positions(), old.stamps, old.keys
    for _, name in entries:
        if index is None:
            values = _front_matter_keys(name)
        else:
            try:
                stat = os.stat(name)
            except OSError:
                continue
            # The hot loop of a run with nothing new (10,000 pages): the stamp is compared in place.
            at = positions.get(name)
            if (
                at is not None
                and stamps[3 * at] == stat.st_mtime_ns
                and stamps[3 * at + 1] == stat.st_size
                and stamps[3 * at + 2] == stat.st_ino
                and type(kept_keys.get(name, [])) is list
            ):
                kept = kept_keys.get(name)
                new.add(name, stat, kept)
                if not kept:
                    continue  # a page without ingest keys (most, written by hand)
                values = dict(zip(_KEYS, map(str, kept), strict=False))
            else:
                values = _front_matter_keys(name)
                new.add(name, stat, [values.get(key, "") for key in _KEYS] if values else None)
        if values:
            rel = name[len(root_prefix) :] if name.startswith(root_prefix) else os.path.relpath(name, root)
            records.append(PageRecord(name, rel.replace(os.sep, "/"), **values))
    return records


def _unchanged_pages(names: list[str], old: PageTable) -> list[str] | None:
    """When content/ holds the kept pages and no other, every stamp unchanged: the pages with ingest keys, in order; else None.

    The common run (nothing new) in a few C loops: the stats as one flat list compared with the kept one,
    instead of a comparison per page.
    """
    if names != old.names or not all(type(keys) is list and keys for keys in old.keys.values()):
        return None
    try:
        stats = list(map(os.stat, names))
    except OSError:
        return None
    now = [value for stat in stats for value in (stat.st_mtime_ns, stat.st_size, stat.st_ino)]
    if now != old.stamps:
        return None
    return [name for name in names if name in old.keys]


def _front_matter_keys(name: str) -> dict[str, str]:
    try:
        handle = os.open(name, os.O_RDONLY)
        try:
            head = os.read(handle, _HEAD_BYTES)
            if not head.startswith((b"---", b"\xef\xbb\xbf---")):
                return {}
            if b"\n---" not in head[3:] and b"\n..." not in head[3:]:
                while chunk := os.read(handle, 1 << 20):
                    head += chunk
        finally:
            os.close(handle)
    except OSError:
        return {}
    # Cheap pre-check: most pages (written by hand) have no ingest keys at all.
    if b"\nseed" not in head:
        return {}
    values: dict[str, str] = {}
    for number, raw in enumerate(head.decode("utf-8", "replace").splitlines()):
        if number and raw.strip() in ("---", "..."):
            break
        key, colon, value = raw.partition(":")
        if colon and key in _KEYS:
            values[key] = _scalar(raw, key, value.strip())
    return values


def _scalar(line: str, key: str, value: str) -> str:
    if value[:1] in ("'", '"'):
        try:
            loaded = yaml.safe_load(line)
            return str(loaded[key]) if isinstance(loaded, dict) else value
        except yaml.YAMLError:
            return value
    return value.split(" #", 1)[0].strip()


def hash_text(text: str) -> str:
    """SHA-256 of a text's UTF-8 bytes, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _without_generated_line(text: str) -> tuple[str, str]:
    """Return the text without its `generated_sha256:` front matter line, and that line's value."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            break
        if line.startswith(GENERATED_KEY + ":"):
            return "".join(lines[:index] + lines[index + 1 :]), line.partition(":")[2].strip()
    return text, ""


def is_unedited(path: Path) -> bool:
    """True if a page's text still hashes to the `generated_sha256` written into it."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    rest, recorded = _without_generated_line(text)
    return bool(recorded) and hash_text(rest) == recorded


# libyaml's emitter writes the same text five times faster (tests/test_ingest_pages.py compares the two).
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _PageDumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe YAML, but datetimes written as ISO 8601 with a `T`."""


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _represent_list(dumper: yaml.SafeDumper, value: list) -> yaml.Node:
    # `topics: [World, Politics]` on one line, as an editor writes it.
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_PageDumper.add_representer(datetime, _represent_datetime)
_PageDumper.add_representer(list, _represent_list)
PAGE_YAML_OPTIONS = {"sort_keys": False, "allow_unicode": True, "default_flow_style": False, "width": 4096}


def render_page(front: dict[str, Any], body: str) -> str:
    """Render a page: YAML front matter (keys in the given order), the body, and its generated_sha256."""
    dumped = yaml.dump(front, Dumper=_PageDumper, **PAGE_YAML_OPTIONS)
    # The hash covers the page exactly as written, minus its own line.
    unhashed = f"---\n{dumped}---\n\n{body}"
    return f"---\n{dumped}{GENERATED_KEY}: {hash_text(unhashed)}\n---\n\n{body}"


def page_year(moment: date | datetime, zone: Any) -> int:
    """The year folder a page goes in (the date's year in the site's timezone)."""
    if isinstance(moment, datetime):
        return moment.astimezone(zone).year if moment.tzinfo else moment.year
    return moment.year


def choose_page_path(content_dir: Path, year: int, title: str, fallback: str, taken: Set[Path] = frozenset()) -> Path:
    """Pick `content/<yyyy>/<slug>.md`, adding -2, -3 … until no file has that name and it is not `taken` (by a page on its way)."""
    base = slugify(title, SLUG_LIMIT) or slugify(fallback, SLUG_LIMIT) or "article"
    folder = content_dir / f"{year:04d}"
    number = 1
    while True:
        suffix = "" if number == 1 else f"-{number}"
        slug = base[: SLUG_LIMIT - len(suffix)].rstrip("-") + suffix
        path = folder / f"{slug}.md"
        if path not in taken and not path.exists():
            return path  # checked to be inside content/ where it is written
        number += 1


class OutsideContentError(ValueError):
    """A page's path leads out of content/ (through a link): it is not written."""


def inside(content_dir: Path, path: Path) -> Path:
    """Return `path` if it resolves inside content/, else raise: no seed text (nor a link in content/) may steer a write elsewhere."""
    resolved_root = content_dir.resolve()
    resolved = path.resolve()
    if not resolved.is_relative_to(resolved_root) or resolved == resolved_root:
        raise OutsideContentError(f"{path} leads to {resolved}, outside {content_dir}; make {path.parent.name}/ a real folder")
    return path


def write_new_page(content_dir: Path, path: Path, text: str) -> bool:
    """Atomically create `path` with `text`; False (and nothing written) if a file already has that name."""
    inside(content_dir, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_file(path, text)
    try:
        try:
            # A hard link publishes the finished file only if the name is still free.
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:
            if path.exists():
                return False
            os.replace(temp, path)
        return True
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def replace_page(content_dir: Path, path: Path, text: str) -> None:
    """Atomically replace an existing page (the caller has checked it is unedited)."""
    inside(content_dir, path)
    temp = _temp_file(path, text)
    try:
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


class PageWriter:
    """Writes pages on a few threads while the caller renders the next: creating and syncing a file is ~1.5 ms of
    waiting on the disk here, longer than rendering the page. `workers=0` writes each page before `write` returns.

    Each page is written as `write_new_page` or `replace_page` would write it; the caller passes the names
    of pages still on their way to `choose_page_path` (`taken`), so it chooses the names a one-by-one run
    would, and bounds how many wait (their texts are in memory until written).
    """

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="dateline-write") if workers else None

    def write(self, job: Callable[[], bool]) -> Future:
        """Run `job` (a page write that answers whether it wrote) on a writer thread; its answer comes in the future."""
        if self._pool is not None:
            return self._pool.submit(job)
        done: Future = Future()
        try:
            done.set_result(job())
        except BaseException as exc:  # re-raised by result(), as a thread's would be
            done.set_exception(exc)
        return done

    def __enter__(self) -> PageWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def _temp_file(path: Path, text: str) -> str:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:40]}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        os.unlink(temp)
        raise
    return temp
