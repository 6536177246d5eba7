"""What one build hands the next: parsed files, article views, related articles, output keys and the stamp.

Each stage of a build returns its new slice of this state; the builder puts
the slices together into a new BuildState, which `serve` keeps in memory and
the command line saves in `.dateline-cache/`. Everything here is a pure
optimisation: deleting the folder, or a corrupt file in it, only costs time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import sys
import tempfile
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem

if TYPE_CHECKING:  # only named in annotations: the up-to-date check must not load the model's modules
    from datetime import datetime

    from .content import Article
    from .scan import ContentScan
    from .views import ArticleViews, PageView, SiteView

CACHE_DIR = ".dateline-cache"
STATE_FILE = "state.pickle"
# Parsed files are saved in shards by the week of the article's date (by path, a stable CRC, when the file has no
# article), so a small edit rewrites little, and the articles of a few weeks (a story's neighbourhood, an article's
# neighbours in time) are in a few shards: a light build reads those only (light_build.py).
SHARD_FILE = "files-{:02d}.pickle"
FILE_SHARDS = 64
# The stories' memo (StoryMemo) apart from the rest: a light build whose edit may regroup a week reads it alone.
STORIES_FILE = "stories.pickle"
# The output record (every output file's key) apart from the rest: a build after light edits reads and rewrites it
# without the rest of the state (light_build.py).
OUTPUT_FILE = "output.bin"
_OUTPUT_MAGIC = b"dateline-output 1\n"
# What that build reads instead of the whole state: the record of the last build's content scan and feed pages, and
# each article page's skeleton (URL, neighbours, related articles, story), in shards by content path (shard_of).
LIGHT_FILE = "light.pickle"
PAGES_SHARD_FILE = "pages-{:02d}.pickle"
STAMP_FILE = "stamp.json"
# The state of every output file the last build left, apart from the stamp: only the check of the outputs reads it,
# in a forked child at the size where it matters, while this process scans content/.
OUTPUTS_FILE = "stamp-outputs.bin"
_OUTPUTS_MAGIC = b"dateline-outputs 1\n"


# A story as the model keeps it: id, member paths (oldest first), sets of copies (paths), pinned by an editor.
StoryEntry = tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...], bool]


@dataclass(frozen=True)
class StoryMemo:
    """The stories of the last build and what finds the next build's change: each article's input key, block and story."""

    window_days: int = 0
    # The stories in the order of their leads, and each one's lead as (seconds since the epoch, path).
    entries: tuple[StoryEntry, ...] | None = None
    leads: tuple[tuple[float, str], ...] = ()
    # Every article's path, newest first, and its story input key (keys.story_input_key).
    order: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    # Path → (block number, or None when the article is not free and plain; story id).
    paths: Mapping[str, tuple[int | None, str]] = field(default_factory=dict)
    # Block number → key of its articles (grouping.BlockCache), to drop a touched block's stale results.
    block_keys: Mapping[int, str] = field(default_factory=dict)
    # Each block of days' grouping and each seam's, by the key of their articles' grouping inputs.
    blocks: Mapping[tuple[str, Any], Any] = field(default_factory=dict)
    # Story id → lead slug of the stories (not an editor's) whose id is not their lead's slug.
    renamed: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RelatedMemo:
    """The site model's costly parts kept between builds, each with the key of the inputs it was computed from.

    Related articles (path → paths) come from the relations (keys.relations_key); the
    stories (story_groups.stories_of) from every article's path and story input key.
    """

    key: str = ""
    related: Mapping[str, tuple[str, ...]] | None = None
    stories: StoryMemo = field(default_factory=StoryMemo)


@dataclass(frozen=True)
class ViewMemo:
    """Article views kept between builds by article fingerprint: the objects within a session, only their keys on disk.

    An article's views are a pure function of its fingerprint (config, path,
    text), so views and keys recorded under one stay right for as long as the code does.
    """

    views: Mapping[str, ArticleViews] = field(default_factory=dict)
    keys: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def for_disk(self) -> ViewMemo:
        """The memo as saved: keys only (rebuilding a view costs less than unpickling it; hashing it costs more)."""
        return ViewMemo({}, self.keys)


@dataclass(frozen=True)
class ParsedFile:
    """One content file as last parsed: its stat signature (mtime, size), text hash and result."""

    signature: tuple[int, int]
    text_hash: str
    article: Article | None
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class OutputRecord:
    """The output folder as the last build left it: every file's key, and the manifest id in its marker."""

    keys: Mapping[str, str] = field(default_factory=dict)
    manifest_id: str = ""


@dataclass(frozen=True)
class SessionModel:
    """What a session keeps of its last model stage beside the page views, so that a build after edits that leave the
    site's shape alone can reuse it (light_edits.py)."""

    problems: tuple[Problem, ...]  # the site model's and the page views' own (unknown topics, URL clashes)
    html_pages: int
    articles: int
    topics: int
    site_view: SiteView


@dataclass(frozen=True)
class BuildState:
    """Everything a build remembers; `key` (code and config) must match for it to be reused, `code` for its output record."""

    key: str = ""
    code: str = ""
    # Project-relative content path → the file as last parsed.
    files: Mapping[str, ParsedFile] = field(default_factory=dict)
    # Article fingerprint → its views and their keys.
    views: ViewMemo = field(default_factory=ViewMemo)
    related: RelatedMemo = field(default_factory=RelatedMemo)
    output: OutputRecord = field(default_factory=OutputRecord)
    # The scan of content/ (path relative to it, stamp) the state was built from, for watcher-hinted rescans.
    content: ContentScan = ()
    # The last build's page views by URL, lent to the next build of a session (keys.same_view); never saved.
    pages: Mapping[str, PageView] = field(default_factory=dict)
    # A session's compiled templates (render.CompiledTemplates); never saved (the command line keeps them on disk).
    compiled: Any = field(default=None, compare=False)
    # The last model stage's problems, counts and site view, kept with `pages` by a session; never saved.
    model: SessionModel | None = None


# An article page's skeleton: its URL, the paths of its newer and older neighbours and of its related articles, and
# its story link (views.StoryLink, or None): with the articles' views, the page view itself (light_build.py).
PageSkeleton = tuple[str, str | None, str | None, tuple[str, ...], Any]


@dataclass(frozen=True)
class LightRecord:
    """What a command-line build after light edits reads of the last build instead of its whole state (light_build.py)."""

    # The inputs key of the stamp written with it: the record is that build's, or it is not used.
    inputs: str
    # The content scan that build read, packed as keys.pack_files packs it.
    content: tuple[int, bytes, bytes]
    # Its pages, other than article pages, that hold an article's body (the feeds), in build order.
    body_pages: tuple[Any, ...]
    # A digest of each shard of page skeletons as saved, so a build rewrites only those that changed.
    page_shards: tuple[str, ...]
    # Each page template's key (keys.template_key): the theme's files are the stamped ones, so they hold.
    template_keys: Mapping[str, str] = field(default_factory=dict)
    # The shard each content file's parse is saved in (file_shard), one byte per file in the order of `content`.
    file_shards: bytes = b""


def load_light_record(folder: Path) -> LightRecord | None:
    """The light record in `folder`, or None if it is missing or unreadable."""
    try:
        with open(folder / LIGHT_FILE, "rb") as stream:
            record = pickle.load(stream)
    except Exception:  # as good as none: the plain path runs
        return None
    return record if isinstance(record, LightRecord) else None


def load_page_shard(folder: Path, key: str, shard: int) -> dict[str, PageSkeleton] | None:
    """One shard of the article pages' skeletons (content path → skeleton), if saved under the state `key`."""
    try:
        with open(folder / PAGES_SHARD_FILE.format(shard), "rb") as stream:
            saved_key, skeletons = pickle.load(stream)
    except Exception:  # as good as none: the plain path runs
        return None
    return skeletons if saved_key == key else None


def save_light_record(folder: Path, key: str, record: LightRecord, skeletons: Mapping[str, PageSkeleton] | None = None) -> LightRecord:
    """Write the page skeletons' shards that changed (`skeletons` None: keep them) and then the record; return it as saved.

    Failures are ignored, and the record is removed first: a record beside
    half-written shards would describe pages that are not those on disk.
    """
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        saved = load_light_record(folder)
        old = saved.page_shards if saved is not None and len(saved.page_shards) == FILE_SHARDS else None
        (folder / LIGHT_FILE).unlink(missing_ok=True)
        if skeletons is not None:
            shards: list[dict[str, PageSkeleton]] = [{} for _ in range(FILE_SHARDS)]
            for path, skeleton in skeletons.items():
                shards[shard_of(path)][path] = skeleton
            digests = []
            for shard, entries in enumerate(shards):
                data = pickle.dumps((key, entries), protocol=pickle.HIGHEST_PROTOCOL)
                digest = hashlib.blake2b(data, digest_size=16).hexdigest()
                if old is None or old[shard] != digest or not (folder / PAGES_SHARD_FILE.format(shard)).exists():
                    _replace_file(folder / PAGES_SHARD_FILE.format(shard), data)
                digests.append(digest)
            record = replace(record, page_shards=tuple(digests))
        _write_atomically(folder / LIGHT_FILE, record)
    return record


# Output path → (size, mtime_ns) of every file a build left.
OutputStats = Mapping[str, tuple[int, int]]


@dataclass(frozen=True)
class Stamp:
    """What the last command-line build saw and reported, read without loading the state: the up-to-date check.

    The output files' stats are kept beside it (`write_stamp`, `read_stamp_outputs`), under `outputs_token`.
    """

    inputs: str
    pages: int
    articles: int
    topics: int
    warnings: tuple[Problem, ...]
    output_count: int = 0
    outputs_token: str = ""


def load_state(folder: Path) -> BuildState | None:
    """The saved state in `folder`, or None if it is missing or corrupt (a missing or stale shard only loses its files)."""
    try:
        with open(folder / STATE_FILE, "rb") as stream:
            state = pickle.load(stream)
    except Exception:  # any unreadable state is as good as none
        return None
    # State pickled by other code may lack fields this code has: as good as none (its key would not match anyway).
    if not isinstance(state, BuildState) or any(name not in state.__dict__ for name in BuildState.__dataclass_fields__):
        return None
    files: dict[str, ParsedFile] = {}
    for shard in range(FILE_SHARDS):
        files.update(load_file_shard(folder, state.key, shard) or {})  # a lost or stale shard's files are parsed again
    stories = load_story_memo(folder, state.key)
    related = replace(state.related, stories=stories) if stories is not None else state.related
    return replace(state, files=files, related=related, output=load_output_record(folder, state.code))


def load_story_memo(folder: Path, key: str) -> StoryMemo | None:
    """The stories' memo saved under the state `key`, or None (the stories are then grouped afresh)."""
    try:
        with open(folder / STORIES_FILE, "rb") as stream:
            saved_key, memo = pickle.load(stream)
    except Exception:  # any unreadable memo is as good as none
        return None
    return memo if saved_key == key and isinstance(memo, StoryMemo) else None


def load_output_record(folder: Path, code: str) -> OutputRecord:
    """The output record saved by a build of this code, or an empty one (every page is then compared with the folder)."""
    try:
        data = (folder / OUTPUT_FILE).read_bytes()
        if not data.startswith(_OUTPUT_MAGIC):
            return OutputRecord()
        head_end = data.index(b"\n", len(_OUTPUT_MAGIC))
        saved_code, manifest_id, count, length, keys_length = data[len(_OUTPUT_MAGIC) : head_end].decode("ascii").split(" ")
        paths_end = head_end + 1 + int(length)
        if len(data) != paths_end + int(keys_length):
            return OutputRecord()  # cut short, or grown: not what was saved
        paths = data[head_end + 1 : paths_end].decode("utf-8", "surrogatepass").split("\0") if int(count) else []
        keys = data[paths_end:].decode("utf-8", "surrogatepass").split("\0") if int(count) else []
    except (OSError, ValueError):  # any unreadable record is as good as none
        return OutputRecord()
    if saved_code != code or len(paths) != int(count) or len(keys) != int(count):
        return OutputRecord()
    return OutputRecord(dict(zip(paths, keys, strict=True)), "" if manifest_id == "-" else manifest_id)


def save_output_record(folder: Path, code: str, record: OutputRecord) -> None:
    """Write the output record atomically; failures are ignored (the next build then checks the folder's files).

    Paths and keys joined, not pickled: 150,000 of them written and read back in a fifth of the time.
    """
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        paths = "\0".join(record.keys).encode("utf-8", "surrogatepass")
        keys = "\0".join(record.keys.values()).encode("utf-8", "surrogatepass")
        head = f"{code} {record.manifest_id or '-'} {len(record.keys)} {len(paths)} {len(keys)}\n".encode("ascii")
        _replace_file(folder / OUTPUT_FILE, _OUTPUT_MAGIC + head + paths + keys)


def load_file_shard(folder: Path, key: str, shard: int) -> dict[str, ParsedFile] | None:
    """One shard of the parsed files, if it was saved under `key`."""
    try:
        with open(folder / SHARD_FILE.format(shard), "rb") as stream:
            saved_key, entries = pickle.load(stream)
    except Exception:  # a lost shard: the caller takes the plain path
        return None
    return entries if saved_key == key else None


def save_file_shard(folder: Path, key: str, shard: int, entries: Mapping[str, ParsedFile]) -> None:
    """Write one shard of the parsed files atomically; failures are ignored."""
    with contextlib.suppress(OSError):
        _write_atomically(folder / SHARD_FILE.format(shard), (key, dict(entries)))


def shard_of(path: str) -> int:
    """The shard an article page's skeleton is saved in, by its content path: a stable CRC, not a salted hash."""
    return zlib.crc32(path.encode("utf-8", "surrogatepass")) % FILE_SHARDS


# Weeks are counted as grouping counts its blocks of days (grouping.BLOCK_ALIGN): a story's block spans whole weeks.
_WEEK_ALIGN = 3
# date(1970, 1, 1).toordinal(): day numbers since the epoch.
_EPOCH_ORDINAL = 719163


def week_of(moment: datetime) -> int:
    """The number of the week a moment falls in, as the shards of parsed files count weeks.

    By the moment's own calendar day (toordinal, in C: this runs for every file of every build that saves the state),
    which is at most a day off its day in UTC; `shards_of_days` allows a week each side.
    """
    return (moment.toordinal() - _EPOCH_ORDINAL + _WEEK_ALIGN) // 7


def file_shard(path: str, parsed: ParsedFile) -> int:
    """The shard a parsed file is saved in: by its article's week, or by its path when it has no article."""
    return week_of(parsed.article.date) % FILE_SHARDS if parsed.article is not None else shard_of(path)


def file_shard_map(paths: Iterable[str], files: Mapping[str, ParsedFile]) -> bytes:
    """The shard of each of `paths` (content paths, as `files` has them), one byte each, for the light record."""
    return bytes(file_shard(path, files[path]) for path in paths)


def shards_of_days(first_day: float, last_day: float) -> set[int]:
    """The file shards holding every article dated from `first_day` to `last_day` (days since the epoch), a week's margin each side."""
    first, last = int((first_day + _WEEK_ALIGN) // 7) - 1, int((last_day + _WEEK_ALIGN) // 7) + 1
    return {week % FILE_SHARDS for week in range(first, min(last, first + FILE_SHARDS) + 1)}


def carried_over(state: BuildState | None, key: str, code: str) -> BuildState:
    """What of `state` a build with this key and code may use: all of it, only the output record (the config changed), or nothing."""
    if state is not None and state.key == key:
        return state
    if state is not None and state.code == code:
        return BuildState(key, code, output=state.output, compiled=state.compiled)
    return BuildState(key, code)


def save_state(folder: Path, state: BuildState, previous: BuildState | None = None) -> None:
    """Write the state, each file atomically; failures are ignored (it is only a cache).

    Parsed files go into FILE_SHARDS shards by path, and a shard whose entries
    are all the very objects `previous` (the state as loaded) held is not
    written again: one edited article rewrites one sixty-fourth of them.
    """
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        same_key = previous is not None and previous.key == state.key
        dirty = _dirty_shards(previous.files, state.files) if previous is not None and same_key else set(range(FILE_SHARDS))
        for shard, entries in enumerate(_shards(state.files)):
            if shard in dirty:
                save_file_shard(folder, state.key, shard, entries)
        save_output_record(folder, state.code, state.output)
        _write_atomically(folder / STORIES_FILE, (state.key, state.related.stories))
        # What only a session in memory gains from is left out: view objects, the content scan, page views.
        related = replace(state.related, stories=StoryMemo())
        _write_atomically(
            folder / STATE_FILE,
            replace(
                state,
                files={},
                views=state.views.for_disk(),
                related=related,
                output=OutputRecord(),
                content=(),
                pages={},
                compiled=None,
                model=None,
            ),
        )


def _dirty_shards(before: Mapping[str, ParsedFile], after: Mapping[str, ParsedFile]) -> set[int]:
    """The shards whose files differ between two states: those of the files added, removed or parsed again, before and
    after (a file kept is the very object, in the very shard)."""
    dirty = set()
    for path, parsed in after.items():
        old = before.get(path)
        if old is not parsed:
            dirty.add(file_shard(path, parsed))
            if old is not None:
                dirty.add(file_shard(path, old))
    for path in before.keys() - after.keys():
        dirty.add(file_shard(path, before[path]))
    return dirty


def _shards(files: Mapping[str, ParsedFile]) -> list[dict[str, ParsedFile]]:
    shards: list[dict[str, ParsedFile]] = [{} for _ in range(FILE_SHARDS)]
    for path, parsed in files.items():
        shards[file_shard(path, parsed)][path] = parsed
    return shards


def _write_atomically(path: Path, value: object) -> None:
    _replace_file(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


LOCK_FILE = "build.lock"


@contextlib.contextmanager
def project_lock(folder: Path):
    """Hold the project's build lock: two builds of one project run one after the other, never interleaved.

    Builds swap output folders and rewrite the saved state; two at once (a
    build while `serve` rebuilds, two terminals) could swap a half-made folder
    over a whole one. The lock is an advisory flock on a file in `folder`
    (.dateline-cache/), released when the build ends, even by a crash.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: builds are not serialised
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def output_files_state(output_dir: Path, paths: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Size and modification time of each listed output file (missing files are left out)."""
    state = {}
    root = str(output_dir) + os.sep
    for path in paths:
        try:
            stat = os.stat(root + path)
        except OSError:
            continue
        state[path] = (stat.st_size, stat.st_mtime_ns)
    return state


def outputs_as_stamped(output_dir: Path, folder: Path, stamp: Stamp) -> bool:
    """True if every output file the stamp kept is there with the size and modification time it saw."""
    table = _stamp_table(folder, stamp)
    if table is None:
        return False
    paths, numbers = table
    root = str(output_dir) + os.sep
    try:
        # Stat calls mapped in C (this is a no-change build's longest task): the first missing file ends the check.
        seen = array("q", chain.from_iterable(map(_SIZE_AND_MTIME, map(os.stat, map(root.__add__, paths)))))
    except OSError:
        return False
    return seen == numbers


_SIZE_AND_MTIME = attrgetter("st_size", "st_mtime_ns")


def read_stamp(folder: Path) -> Stamp | None:
    """The last build's stamp, if there is a readable one (without its output stats: `read_stamp_outputs`)."""
    try:
        saved = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
        warnings = tuple(Problem(*fields) for fields in saved["warnings"])
        return Stamp(
            saved["inputs"], saved["pages"], saved["articles"], saved["topics"], warnings, saved["output_count"], saved["outputs_token"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def read_stamp_outputs(folder: Path, stamp: Stamp) -> OutputStats | None:
    """The output stats kept with `stamp`, or None if they are missing, damaged or another build's."""
    table = _stamp_table(folder, stamp)
    if table is None:
        return None
    paths, numbers = table
    return dict(zip(paths, zip(numbers[0::2], numbers[1::2], strict=True), strict=True))


def _stamp_table(folder: Path, stamp: Stamp) -> tuple[list[str], array] | None:
    """The output stats kept with `stamp` as written: the paths, and each one's size and mtime in a row of integers."""
    try:
        data = (folder / OUTPUTS_FILE).read_bytes()
    except OSError:
        return None
    head = len(_OUTPUTS_MAGIC)
    token = stamp.outputs_token.encode("ascii")
    numbers_end = head + len(token) + 1 + 16 * stamp.output_count
    if not token or data[:head] != _OUTPUTS_MAGIC or data[head : head + len(token) + 1] != token + b"\n" or len(data) < numbers_end:
        return None
    numbers = array("q")
    numbers.frombytes(data[head + len(token) + 1 : numbers_end])
    if sys.byteorder == "big":
        numbers.byteswap()
    try:
        paths = data[numbers_end:].decode("utf-8").split("\0") if stamp.output_count else []
    except UnicodeDecodeError:
        return None
    if len(paths) != stamp.output_count:
        return None
    return paths, numbers


def write_stamp(folder: Path, stamp: Stamp, outputs: OutputStats) -> None:
    """Save the stamp and the output stats it was made with; failures are ignored (the next build is then a full one).

    The stats are written first, as a table (sizes and times as 64-bit integers, then the paths): 150,000 of them read
    back in ~30 ms where JSON took 300. Their digest, in both files, pairs them: stats left by another build are not read.
    """
    _write_stamp_table(folder, stamp, list(outputs), array("q", chain.from_iterable(outputs.values())))


def write_stamp_patched(folder: Path, stamp: Stamp, previous: Stamp, fresh: OutputStats) -> bool:
    """Save the stamp with `previous`'s output stats, those of the `fresh` files replaced: a light build wrote only them.

    False, and nothing written, when the previous stats are unreadable or do not list every fresh file.
    """
    table = _stamp_table(folder, previous)
    if table is None:
        return False
    paths, numbers = table
    positions = {path: index for index, path in enumerate(paths) if path in fresh}
    if len(positions) != len(fresh):
        return False
    for path, (size, mtime) in fresh.items():
        numbers[2 * positions[path]] = size
        numbers[2 * positions[path] + 1] = mtime
    _write_stamp_table(folder, stamp, paths, numbers)
    return True


def _write_stamp_table(folder: Path, stamp: Stamp, paths: list[str], numbers: array) -> None:
    if sys.byteorder == "big":
        numbers = array("q", numbers)
        numbers.byteswap()
    body = numbers.tobytes() + "\0".join(paths).encode("utf-8")
    token = hashlib.blake2b(body, digest_size=16).hexdigest()
    stamp = replace(stamp, output_count=len(paths), outputs_token=token)
    record = {
        "inputs": stamp.inputs,
        "pages": stamp.pages,
        "articles": stamp.articles,
        "topics": stamp.topics,
        "warnings": [[p.path, p.line, p.message, p.hint, p.level] for p in stamp.warnings],
        "output_count": stamp.output_count,
        "outputs_token": stamp.outputs_token,
    }
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        _replace_file(folder / OUTPUTS_FILE, _OUTPUTS_MAGIC + token.encode("ascii") + b"\n" + body)
        _replace_file(folder / STAMP_FILE, json.dumps(record, separators=(",", ":")).encode("utf-8"))


def _replace_file(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: a temporary file beside it, then a rename (removed if that fails)."""
    handle, temp = tempfile.mkstemp(prefix=".state-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_stamp(folder: Path) -> None:
    """Forget the stamp, so the next build does not trust an output this build may have left half-updated."""
    with contextlib.suppress(OSError):
        (folder / STAMP_FILE).unlink()
