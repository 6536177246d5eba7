"""What ingest read last time, kept in .dateline-cache/, so a run with nothing new stats files instead of reading them.

Each content page's ingest keys and each seed's SHA-256 are kept under the file's path with
its (mtime_ns, size, inode). A file whose stat still matches is not read again. As in git's
index, an entry whose mtime is within RACY_NS of the moment the index is written is not
kept: a second write in the same clock tick could leave the stat unchanged. The kept index
is only a shortcut: tests compare every answer with reading the files (tests/test_ingest_index.py).
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

INDEX_NAME = "ingest-index.json"
FORMAT = 2  # 2: pages keep seed_entry too
RACY_NS = 1_000_000_000

Stamp = tuple[int, int, int]


def stamp(stat: os.stat_result) -> Stamp:
    """The part of a file's stat that changes when its bytes do."""
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class KeptIndex:
    """Entries read from the kept index, and the entries this run saw (kept on `save`)."""

    def __init__(self, cache_dir: Path | None):
        self._path = cache_dir / INDEX_NAME if cache_dir is not None else None
        self._old: dict[str, dict[str, list]] = {"pages": {}, "seeds": {}}
        self._new: dict[str, dict[str, list]] = {"pages": {}, "seeds": {}}
        if self._path is None:
            return
        try:
            loaded = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict) and loaded.get("format") == FORMAT:
            for kind in ("pages", "seeds"):
                entries = loaded.get(kind)
                if isinstance(entries, dict):
                    self._old[kind] = entries

    def tables(self, kind: str) -> tuple[dict[str, list], dict[str, list]]:
        """The kept and the new entries of `kind`, for a caller's tight loop (see `recall` for what an entry holds)."""
        return self._old[kind], self._new[kind]

    def recall(self, kind: str, name: str, current: Stamp) -> list | None:
        """The values kept for `name` if its stamp is unchanged, else None."""
        entry = self._old[kind].get(name)
        if isinstance(entry, list) and len(entry) == 4 and entry[:3] == list(current) and isinstance(entry[3], list):
            return entry[3]
        return None

    def note(self, kind: str, name: str, current: Stamp, values: list) -> None:
        """Remember what was read from `name` at stamp `current`."""
        self._new[kind][name] = [*current, values]

    def save(self) -> None:
        """Write the entries this run saw, atomically; recently changed files are left out (racy)."""
        if self._path is None:
            return
        horizon = time.time_ns() - RACY_NS
        kept = {kind: {name: entry for name, entry in sorted(entries.items()) if entry[0] < horizon} for kind, entries in self._new.items()}
        if kept == self._old:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".ingest-index-")
        except OSError:
            return  # a read-only project still ingests; it reads every file each time
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # dumps, not dump: only dumps uses the C encoder.
                stream.write(json.dumps({"format": FORMAT, **kept}, separators=(",", ":")))
            os.replace(temporary, self._path)
        except OSError:
            if os.path.exists(temporary):
                os.unlink(temporary)
