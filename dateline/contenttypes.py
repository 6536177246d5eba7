"""The Content-Type of each output file (used by `check` and `serve`)."""

from __future__ import annotations

import posixpath

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
}
# Dateline writes Atom feeds as feed.xml (home and every topic); other .xml is the sitemap.
FEED_NAMES = frozenset({"feed.xml", "atom.xml"})


def content_type(path: str, atom_feeds: bool = True) -> str:
    """The Content-Type for a file path or name (a fixed table, so it never depends on the machine).

    `atom_feeds=False` answers as GitHub Pages does, which sends every .xml as application/xml.
    """
    name = posixpath.basename(path)
    if atom_feeds and name in FEED_NAMES:
        return "application/atom+xml"
    suffix = posixpath.splitext(name)[1].lower()
    if not suffix:
        return "text/plain; charset=utf-8"  # CNAME, .nojekyll
    # Pagefind's index files (pf_meta, *.pf_fragment, …) are binary.
    return CONTENT_TYPES.get(suffix, "application/octet-stream")
