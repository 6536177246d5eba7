"""Full-text search: index the built site with Pagefind, run as a separate process."""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from .errors import BuildError, Problem

SEARCH_DIR = "pagefind"


def search_available() -> bool:
    """True when the `pagefind_bin` package (which ships Pagefind's binary) is installed."""
    return importlib.util.find_spec("pagefind_bin") is not None


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index and UI into `site_dir/pagefind/`, or raise BuildError."""
    if not search_available():
        raise BuildError(
            [Problem("search", None, "Pagefind is not installed", "pip install -r requirements.txt, or build with --no-search")]
        )
    # The Python API of pagefind is ~300x slower than its binary; always use the binary.
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--output-subdir", SEARCH_DIR, "--silent"]
    wanted = pages_to_read(site_dir)
    if wanted is not None:
        command += ["--glob", wanted]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip().splitlines()
        detail = output[-1] if output else f"exit code {completed.returncode}"
        raise BuildError([Problem("search", None, f"Pagefind failed: {detail}", "build with --no-search to skip the search index")])
    settle_index(site_dir / SEARCH_DIR)


# Once one page has it, Pagefind indexes only pages with this attribute and reads the others for nothing.
BODY_MARKER = b"data-pagefind-body"
_GLOB_SPECIAL = frozenset("{}[]*?,!\\")


def pages_to_read(site_dir: Path) -> str | None:
    """A Pagefind glob of the top-level folders and pages where some page carries BODY_MARKER; None for every page.

    The index is the same either way (Pagefind skips unmarked pages once any page is marked), but
    a site's listings (topic pages, month archives, the home page's pages) are a third of its files.
    None when no page is marked (then Pagefind indexes every page), when every folder holds a marked
    page, or when a name would need escaping in a glob.
    """
    kept: list[str] = []
    candidates = 0
    for entry in sorted(site_dir.iterdir(), key=lambda path: path.name):
        if entry.name == SEARCH_DIR:
            continue
        if any(char in _GLOB_SPECIAL for char in entry.name):
            return None
        if entry.is_dir():
            pages = entry.rglob("*.html")
            pattern = f"{entry.name}/**/*.html"
        elif entry.suffix == ".html":
            pages = iter((entry,))
            pattern = entry.name
        else:
            continue
        candidates += 1
        # A folder needs one marked page to be read; only unmarked folders are read to the end.
        if any(BODY_MARKER in page.read_bytes() for page in pages):
            kept.append(pattern)
    if not kept or len(kept) == candidates:
        return None
    return "{" + ",".join(kept) + "}"


ENTRY_FILE = "pagefind-entry.json"
# Pagefind's compressed files: gzip around this signature and a CBOR document.
SIGNATURE = b"pagefind_dcd"


def settle_index(bundle: Path) -> None:
    """Make Pagefind's output the same on every run for the same pages.

    Pagefind 1.5 writes three things in hash-map order: the languages in its entry
    file, the values in each filter index, and the filters listed in each language's
    metadata (so their file names change too). Rewrite each in sorted order and name
    the rewritten files by the hash of what they hold, as Pagefind does; the search
    client reads them the same way, because it looks values up by name.
    """
    entry_path = bundle / ENTRY_FILE
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        language["hash"] = _settle_language(bundle, language["hash"])
    entry_path.write_text(json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def _settle_language(bundle: Path, meta_hash: str) -> str:
    """Sort one language's filter indexes and their list in its metadata; return the metadata's new hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read_document(meta_path)
    filters = meta[FILTERS_FIELD]
    if not filters:
        return meta_hash
    prefix = meta_hash.rsplit("_", 1)[0]
    settled = []
    for name, filter_hash in filters:
        filter_path = bundle / "filter" / f"{filter_hash}.pf_filter"
        index = _read_document(filter_path)
        index[1] = sorted(index[1], key=lambda value: value[0])
        new_hash = _write_document(bundle / "filter", "", ".pf_filter", prefix, FILTER_HASH_LENGTH, index)
        if new_hash != filter_hash:
            filter_path.unlink()
        settled.append([name, new_hash])
    meta[FILTERS_FIELD] = sorted(settled)
    new_meta_hash = _write_document(bundle, "pagefind.", ".pf_meta", prefix, META_HASH_LENGTH, meta)
    if new_meta_hash != meta_hash:
        meta_path.unlink()
    return new_meta_hash


# Where Pagefind 1.5's metadata lists [filter name, index hash] pairs, and how long its hashes are.
FILTERS_FIELD = 3
FILTER_HASH_LENGTH = 7
META_HASH_LENGTH = 10


def _read_document(path: Path) -> list:
    """A Pagefind file's CBOR document."""
    import cbor2  # only sites whose pages set search filters need it

    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BuildError([Problem(str(path), None, "not a Pagefind index file", "rebuild; check pagefind-bin is the pinned version")])
    return cbor2.loads(data[len(SIGNATURE) :])


def _write_document(folder: Path, stem_prefix: str, suffix: str, hash_prefix: str, length: int, document: list) -> str:
    """Write `document` as a Pagefind file named by its content's hash; return the hash."""
    import cbor2

    data = SIGNATURE + cbor2.dumps(document)
    name = f"{hash_prefix}_{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{stem_prefix}{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name
