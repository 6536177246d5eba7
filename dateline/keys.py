"""Every key a build decides by: of a view, a page, a template, the inputs, the saved state.

A page's key is the hash of exactly what its template or writer can see: its
view record (views.py), the SiteView, the template and every template it
includes, and Dateline's version. Equal keys give equal bytes, so a rebuild
renders only pages whose key changed; nothing else may decide that, and no
key is put together outside this module.
"""

from __future__ import annotations

import functools
import hashlib
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

    from .scan import FileStamp

from . import __version__
from .frozen import FrozenMap

# Bump when the saved state's layout changes.
STATE_FORMAT = 3
# Types whose repr is their exact, stable text (datetimes include their zone).
_PLAIN = frozenset({str, int, float, bool, type(None), date, datetime, bytes})


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def view_key(view: Any) -> str:
    """Hash of a view record's type and every field; nested views count by their own (cached) keys."""
    return _digest(view_text(view))


def view_text(view: Any) -> str:
    """A view record's type and every field as text; nested views count by their own (cached) keys.

    Raises TypeError for a field that is not plain data, since its text could
    not be trusted to change whenever what a template shows of it changes.
    """
    names = _FIELD_NAMES.get(type(view))
    if names is None:
        names = _FIELD_NAMES[type(view)] = tuple(field.name for field in fields(view))
    parts = [type(view).__qualname__]
    values = view.__dict__
    for name in names:
        value = values[name]
        kind = type(value)
        # The common cases inline: this runs for every page of every build.
        if kind in _PLAIN:
            parts.append(repr(value))
        elif isinstance(value, View):
            parts.append("@" + value.key)  # a nested view, hashed once however many pages hold it
        else:
            parts.append(_field_text(value, view, name))
    return "\x1f".join(parts)


class _StoredKey:
    """A view's key: computed on first use, then kept in the instance's __dict__, where later reads find it at C speed."""

    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        key = instance.__dict__["key"] = view_key(instance)
        return key


def remember_key(view: Any, key: str) -> None:
    """Give a freshly built view the key recorded for an identical one (views.ViewMemo)."""
    view.__dict__["key"] = key


@dataclass(frozen=True)
class View:
    """Base of every view record (views.py): frozen plain data whose `key` is the hash of its type and fields."""

    key = _StoredKey()


# Field names by view type, read once per type (a cache of class definitions, which never change).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_text(value: Any, view: Any, name: str) -> str:
    kind = type(value)
    if kind in _PLAIN:
        return repr(value)
    if isinstance(value, View):
        return "@" + value.key
    if kind is tuple:
        texts = [
            "@" + item.key if isinstance(item, View) else repr(item) if type(item) in _PLAIN else _field_text(item, view, name)
            for item in value
        ]
        return "(" + ",".join(texts) + ")"
    if kind is FrozenMap:
        return "{" + ",".join(f"{key!r}:{_field_text(item, view, name)}" for key, item in value.items()) + "}"
    raise TypeError(f"{type(view).__name__}.{name} holds a {kind.__name__}; views hold plain data only")


def asset_key(data: bytes) -> str:
    """The hash in a static file's URL (and so its key in the manifest): a new URL whenever its bytes change."""
    return hashlib.sha256(data).hexdigest()[:10]


def text_key(text: str) -> str:
    """Hash of a file's text: the same text under a new modification time is not parsed again."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_fingerprint(config_fingerprint: str, path: str, text: str) -> str:
    """What an article (and so its views) is a pure function of: the config, its path and its text."""
    return hashlib.sha256(f"{config_fingerprint}\0{path}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()[:20]


def template_key(environment: jinja2.Environment, name: str) -> str:
    """Hash of a template and every template it extends, includes or imports (by name, as the loader finds them)."""
    digest = hashlib.sha256()
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in seen:
            continue
        seen.add(current)
        source, filename, _ = environment.loader.get_source(environment, current)
        digest.update(current.encode() + b"\0" + source.encode() + b"\0")
        pending += _referenced_templates(source, current, filename)
    return digest.hexdigest()[:24]


# How Dateline's Jinja environment reads templates (render.py builds it with these).
JINJA_SYNTAX = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


@functools.lru_cache(maxsize=256)  # a pure function of its arguments: a session's builds parse each template once
def _referenced_templates(source: str, name: str, filename: str | None) -> tuple[str, ...]:
    import jinja2.meta  # here, not at the top: the up-to-date check imports this module and needs no Jinja

    parsed = _parsing_environment().parse(source, name, filename)
    return tuple(sorted(n for n in jinja2.meta.find_referenced_templates(parsed) if n))


@functools.cache
def _parsing_environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(**JINJA_SYNTAX)


def page_key(page: Any, site_view_key: str, template: str) -> str:
    """The key of one output file: its view, the site view, its template's key ("" for feeds and text), the version.

    Kept on the page view with what it was computed from, so a page a session
    reuses (`same_view`) is not hashed again while the site view and template stay.
    """
    kept = page.__dict__.get("_page_key")
    if kept is not None and kept[0] == site_view_key and kept[1] == template:
        return kept[2]
    key = _digest(f"{__version__}\0{site_view_key}\0{template}\0{view_text(page)}")
    page.__dict__["_page_key"] = (site_view_key, template, key)
    return key


# Plain types whose == is exactly "same text": not floats (0.0 == -0.0) nor datetimes (equal instants in other zones).
_EQUAL_MEANS_SAME = frozenset({str, int, bool, type(None), date, bytes})


def same_view(old: Any, new: Any) -> bool:
    """True if `new` holds exactly what `old` holds: the very same nested views, and plain values with the same text.

    Then `old` (with its cached keys) can stand for `new`; a False only costs hashing `new`.
    """
    if type(old) is not type(new):
        return False
    names = _FIELD_NAMES.get(type(new))
    if names is None:
        names = _FIELD_NAMES[type(new)] = tuple(field.name for field in fields(new))
    before, after = old.__dict__, new.__dict__
    for name in names:
        x, y = before[name], after[name]
        # Inline before the call: most fields of a lent page are the very same objects.
        if x is not y and not _same_value(x, y):
            return False
    return True


def _same_value(x: Any, y: Any) -> bool:
    if x is y:
        return True
    kind = type(x)
    if kind is not type(y):
        return False
    if kind in _PLAIN:
        return x == y if kind in _EQUAL_MEANS_SAME else repr(x) == repr(y)
    if kind is tuple:
        if len(x) != len(y):
            return False
        for p, q in zip(x, y, strict=True):  # noqa: SIM110 (as above)
            if p is not q and not _same_value(p, q):
                return False
        return True
    if kind is FrozenMap:
        # Custom front matter (every ingested page has some): the same keys in the same order, each value the same text.
        return list(x) == list(y) and all(_same_value(x[key], y[key]) for key in x)
    return isinstance(x, View) and same_view(x, y)


def search_key(manifest: Mapping[str, str]) -> str:
    """The search index reads every HTML page: a hash of their keys."""
    return _manifest_digest(manifest, [path for path in manifest if path.endswith(".html")])


def manifest_id(manifest: Mapping[str, str]) -> str:
    """A short hash naming one manifest (output path → key); the output folder's marker holds it."""
    return _manifest_digest(manifest, list(manifest))[:24]


def _manifest_digest(manifest: Mapping[str, str], paths: list[str]) -> str:
    # The paths sorted, then joined with their keys in C (no path or key holds a NUL): 150,000 entries in 60 ms, where
    # the repr of the sorted items took 200.
    paths.sort()
    digest = hashlib.blake2b(len(paths).to_bytes(8, "little"), digest_size=16)
    digest.update("\0".join(paths).encode("utf-8", "surrogatepass"))
    digest.update(b"\1")
    digest.update("\0".join(map(manifest.__getitem__, paths)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@functools.cache  # the source does not change while a process runs
def code_key() -> str:
    """Hash of Dateline's own source and the state format: state saved by other code (even unreleased) is not reused."""
    digest = hashlib.sha256(f"{__version__}\0{STATE_FORMAT}".encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def state_key(config_fingerprint: str) -> str:
    """The key parsed articles, view keys and related articles must match to be reused: the code and the config text.

    Output keys need only the code (code_key): they hash views, whatever config made them.
    """
    return _digest(f"{code_key()}\0{config_fingerprint}")


def relations_key(relations: Iterable[tuple]) -> str:
    """Hash of what related articles are computed from (path, date, topic slugs, tags of each article)."""
    digest = hashlib.blake2b(digest_size=16)
    for relation in relations:
        digest.update(repr(relation).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def story_input_key(title: str, moment: Any, source: str, story: str | None, slug: str, day: Any, body: str, source_url: str = "") -> str:
    """Hash of what story grouping reads of one article: headline, time, outlet, the editor's `story:`, slug and day (ids),
    the body its features come from, and the address it was read at (reports of one address are one story).

    The body itself, not its features: hashing text is C, while the features' repr cost a fifth of computing them.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((title, moment.isoformat(), source, story, slug, day.isoformat(), source_url)).encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(body.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


# A list of files with their stamps as the inputs key hashes it: the count, the paths joined, the stamps as integers.
PackedFiles = tuple[int, bytes, bytes]


def pack_files(files: Sequence[tuple[str, FileStamp]]) -> PackedFiles:
    """`files` (path, stamp) packed for hashing and saving: joined and packed in C, as this runs on every build over every file."""
    paths = "\0".join(map(itemgetter(0), files)).encode("utf-8", "surrogatepass")
    return len(files), paths, array("q", chain.from_iterable(map(itemgetter(1), files))).tobytes()


def inputs_key(
    state_key_: str,
    options: Sequence[Any],
    config_problems: Sequence[Any],
    content: Sequence[tuple[str, FileStamp]],
    theme_files: Sequence[tuple[str, FileStamp]],
) -> str:
    """Hash of every input's signature (content and theme file stats, config, code, options), for the up-to-date check."""
    return packed_inputs_key(state_key_, options, config_problems, pack_files(content), pack_files(theme_files))


def packed_inputs_key(
    state_key_: str, options: Sequence[Any], config_problems: Sequence[Any], content: PackedFiles, theme_files: PackedFiles
) -> str:
    """inputs_key over files already packed (pack_files)."""
    digest = hashlib.sha256()
    digest.update(repr((state_key_, tuple(options))).encode())
    digest.update(repr([str(p) for p in config_problems]).encode())
    for count, paths, stamps in (content, theme_files):
        digest.update(count.to_bytes(8, "little"))
        digest.update(paths)
        digest.update(stamps)
        digest.update(b"\1")
    return digest.hexdigest()
