"""What a build remembers for the next one: parsed articles and the keys of the pages it wrote.

Everything here is a pure optimisation: deleting `.dateline-cache/`, or a
corrupt cache file, only costs time. The cache is keyed by Dateline's version
and the config's fingerprint, since both change how an article parses.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .content import Article
from .errors import Problem

CACHE_DIR = ".dateline-cache"
CACHE_FILE = "build.pickle"
FORMAT = 1


@dataclass(frozen=True)
class ParsedFile:
    """One content file as last parsed: its stat signature, text hash and result."""

    signature: tuple[int, int]
    text_hash: str
    article: Article | None
    problems: tuple[Problem, ...]


@dataclass
class BuildCache:
    """Parsed files by path, and the output folder's page keys as last written."""

    key: str
    files: dict[str, ParsedFile] = field(default_factory=dict)
    # Output path → page key of the files now in the output folder, and that
    # folder's manifest id (also in its marker file, to detect a foreign folder).
    output_keys: dict[str, str] = field(default_factory=dict)
    output_id: str = ""
    # Memo of the related-articles map, keyed by the relations it was computed from.
    related_key: str = ""
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The last site model, for a session that keeps this cache in memory (serve); never saved.
    live: Any = field(default=None, compare=False, repr=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["live"] = None
        return state

    def save(self, folder: Path) -> None:
        """Write the cache atomically; failures are ignored (it is only a cache)."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".build-", dir=folder)
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((FORMAT, self), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, folder / CACHE_FILE)
        except OSError:
            pass


def code_fingerprint() -> str:
    """Hash of Dateline's own source: a cache from other code (even unreleased) is not reused."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(config_fingerprint: str) -> str:
    """The key a cache must match to be reused."""
    return hashlib.sha256(f"{code_fingerprint()}\0{FORMAT}\0{config_fingerprint}".encode()).hexdigest()[:16]


def load_cache(folder: Path, config_fingerprint: str) -> BuildCache:
    """Load the cache in `folder`, or start an empty one if it is missing, stale or corrupt."""
    key = cache_key(config_fingerprint)
    try:
        with open(folder / CACHE_FILE, "rb") as stream:
            version, cache = pickle.load(stream)
        if version == FORMAT and isinstance(cache, BuildCache) and cache.key == key:
            return cache
    except Exception:  # any unreadable cache is as good as none
        pass
    return BuildCache(key)
