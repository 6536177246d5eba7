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
from dataclasses import dataclass, field
from pathlib import Path

INDEX_NAME = "ingest-index.json"
FORMAT = 3  # 2: pages keep seed_entry too; 3: pages kept as columns
RACY_NS = 1_000_000_000

Stamp = tuple[int, int, int]


def stamp(stat: os.stat_result) -> Stamp:
    """The part of a file's stat that changes when its bytes do."""
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


@dataclass
class PageTable:
    """Content pages as columns: paths, their stamps three ints each, and the ingest keys of those that have any.

    Columns, not a list per page: 10,000 pages are then a few JSON objects, not 20,000, and load in
    half the time (a run with nothing new is mostly this load and the stats).
    """

    names: list[str] = field(default_factory=list)
    stamps: list[int] = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, stat: os.stat_result, keys: list[str] | None) -> None:
        """Remember a page's stamp and, if it has any, its ingest keys."""
        self.names.append(name)
        self.stamps += (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        if keys:
            self.keys[name] = keys

    def positions(self) -> dict[str, int]:
        """Each page's place in `names` (its stamp starts at three times that in `stamps`)."""
        return dict(zip(self.names, range(len(self.names)), strict=True))

    def as_json(self, horizon: int) -> dict:
        """The table without pages changed at or after `horizon` (racy), as JSON data."""
        names, stamps = [], []
        for position, name in enumerate(self.names):
            if self.stamps[3 * position] < horizon:
                names.append(name)
                stamps += self.stamps[3 * position : 3 * position + 3]
        kept = set(names)
        return {"names": names, "stamps": stamps, "keys": {name: keys for name, keys in sorted(self.keys.items()) if name in kept}}

    @classmethod
    def from_json(cls, data: object) -> PageTable:
        """A table read back, or an empty one when the data is not one (a broken or foreign file)."""
        if not isinstance(data, dict):
            return cls()
        names, stamps, keys = data.get("names"), data.get("stamps"), data.get("keys")
        if (
            not isinstance(names, list)
            or not isinstance(stamps, list)
            or not isinstance(keys, dict)
            or len(stamps) != 3 * len(names)
            or not all(type(name) is str for name in names)
        ):
            # Stamps of another type only fail to match, and keys are checked where they are used.
            return cls()
        return cls(names, stamps, keys)


class KeptIndex:
    """Entries read from the kept index, and the entries this run saw (kept on `save`)."""

    def __init__(self, cache_dir: Path | None):
        self._path = cache_dir / INDEX_NAME if cache_dir is not None else None
        self._old_seeds: dict[str, list] = {}
        self._new_seeds: dict[str, list] = {}
        self.old_pages = PageTable()
        self.new_pages = PageTable()
        if self._path is None:
            return
        try:
            loaded = json.loads(self._path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict) and loaded.get("format") == FORMAT:
            seeds = loaded.get("seeds")
            if isinstance(seeds, dict):
                self._old_seeds = seeds
            self.old_pages = PageTable.from_json(loaded.get("pages"))

    def recall(self, name: str, current: Stamp) -> list | None:
        """The values kept for seed `name` if its stamp is unchanged, else None."""
        entry = self._old_seeds.get(name)
        if isinstance(entry, list) and len(entry) == 4 and entry[:3] == list(current) and isinstance(entry[3], list):
            return entry[3]
        return None

    def note(self, name: str, current: Stamp, values: list) -> None:
        """Remember what was read from seed `name` at stamp `current`."""
        self._new_seeds[name] = [*current, values]

    def save(self) -> None:
        """Write the entries this run saw, atomically; recently changed files are left out (racy)."""
        # Every kept entry was already past the horizon when it was saved, so an unchanged run writes nothing
        # (the common case; filtering 12,000 entries first costs as much as the rest of the check).
        if self._path is None or (self._new_seeds == self._old_seeds and self.new_pages == self.old_pages):
            return
        horizon = time.time_ns() - RACY_NS
        seeds = {name: entry for name, entry in sorted(self._new_seeds.items()) if entry[0] < horizon}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".ingest-index-")
        except OSError:
            return  # a read-only project still ingests; it reads every file each time
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # dumps, not dump: only dumps uses the C encoder.
                stream.write(
                    json.dumps({"format": FORMAT, "pages": self.new_pages.as_json(horizon), "seeds": seeds}, separators=(",", ":"))
                )
            os.replace(temporary, self._path)
        except OSError:
            if os.path.exists(temporary):
                os.unlink(temporary)
