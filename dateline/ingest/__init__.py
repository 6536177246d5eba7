"""Seeds → content pages: plain-text articles in seeds/ become Markdown pages in content/.

The "nothing to do" path (every seed already has a page) reads each seed once to hash it and
line-scans the front matter of each content page; the topic model is only trained when at least
one seed needs writing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Sequence, Set
from concurrent.futures import Future
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from stat import S_ISLNK
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..content import ProblemError, canonical_tags, find_content_files, resolve_topics, split_front_matter
from ..languages import detect_language
from ..scan import walk_inside
from ..slugs import slugify
from .entries import SeedEntry, SkippedEntry
from .index import KeptIndex, stamp
from .text import decode_seed
from .topics import Explanation, Guess, TopicModel
from .write import (
    OutsideContentError,
    PageRecord,
    PageWriter,
    choose_page_path,
    is_unedited,
    page_year,
    render_page,
    replace_page,
    scan_pages,
    write_new_page,
)

if TYPE_CHECKING:
    from ..fetch import FeedSource
    from .dateline import PlaceNames
    from .extract import Extracted

__all__ = [
    "Extracted",
    "IngestReport",
    "SeedResult",
    "explain_topics",
    "extract_article",
    "ingest_seeds",
    "list_seeds",
    "train_topic_model",
]

STATUSES = ("written", "updated", "skipped", "changed", "refused", "unreadable")


@dataclass(frozen=True)
class SeedResult:
    """What ingest did with one seed, and the one line that says so."""

    seed: str
    status: str
    page: str | None
    line: str


@dataclass(frozen=True)
class IngestReport:
    """The results of one ingest run, in seed order."""

    results: tuple[SeedResult, ...]

    def summary(self) -> str:
        """One count line, e.g. `ingest: 3 written, 1 skipped, 0 refused`."""
        counts = Counter(result.status for result in self.results)
        parts = [f"{counts[status]} {status}" for status in STATUSES if counts[status] or status in ("written", "skipped", "refused")]
        return "ingest: " + ", ".join(parts)


def list_seeds(seeds_dir: Path, outside: list[tuple[str, str]] | None = None) -> list[Path]:
    """Every file under seeds/, sorted, skipping hidden files and folders; links leading out of the project go to `outside`.

    The `<name>_files/` folder a browser's "Save as… complete" writes beside `<name>.html` holds the
    page's images and scripts, not stories: it is skipped.
    """
    return [Path(name) for name in _seed_names(seeds_dir, outside)]


def _seed_names(seeds_dir: Path, outside: list[tuple[str, str]] | None = None) -> list[str]:
    """list_seeds as path strings (a run with nothing new makes no Path for a seed it skips)."""
    if not seeds_dir.is_dir():
        return []
    found = walk_inside(seeds_dir, seeds_dir.parent, outside=outside)
    names = {relative for relative, _ in found}
    return [path for relative, path in found if not _inside_saved_page_folder(relative, names)]


def _inside_saved_page_folder(relative: str, names: set[str]) -> bool:
    parts = relative.split("/")
    for depth in range(len(parts) - 1):
        folder = parts[depth]
        if folder.endswith("_files"):
            page = "/".join([*parts[:depth], folder[: -len("_files")]])
            if any(page + suffix in names for suffix in WEB_PAGE_SUFFIXES):
                return True
    return False


# Seed formats by file suffix; anything else is read as plain text.
WEB_PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom", ".json")
MAIL_SUFFIXES = (".eml", ".mbox")


def seed_format(path: Path | str) -> str:
    """How a seed is read: `text`, `html` (one saved page), or a file of many stories: `feed`, `eml`, `mbox`."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix in WEB_PAGE_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in MAIL_SUFFIXES:
        return suffix[1:]
    return "text"


def train_topic_model(config: Config, unlabelled: Sequence[str] = (), *, leave_out: Path | None = None) -> TopicModel:
    """Train the topic classifier on config's declared topics and the filed articles in content/.

    `unlabelled` are the texts about to be filed (their topics unknown): the model adapts to their
    words. `leave_out` is a content page not to learn from (to explain the decision for it fairly).
    """
    model = TopicModel(config.topics)
    model.adapt(unlabelled)
    learn_filed(model, config, leave_out=leave_out)
    return model


def learn_filed(model: TopicModel, config: Config, *, leave_out: Path | None = None) -> None:
    """Teach `model` the topics of the articles filed in content/ (at most MAX_FILED_PER_TOPIC of each), except `leave_out`."""
    skip = leave_out.resolve() if leave_out is not None else None
    paths = [path for path in find_content_files(config.content_dir) if skip is None or path.resolve() != skip]

    def read(position: int) -> tuple[str, list[str]] | None:
        try:
            front = split_front_matter(paths[position].read_bytes().decode("utf-8"), str(paths[position]))
        except (OSError, UnicodeDecodeError, ProblemError):
            return None
        raw = front.data.get("topics")
        names = [raw] if isinstance(raw, str) else [str(n) for n in raw] if isinstance(raw, list) else []
        topics, _ = resolve_topics([n for n in names if n.strip()], config)
        if not topics:
            return None
        return f"{front.data.get('title') or ''}\n{front.body}", [topic.name for topic in topics]

    for text, topics in filed_sample(len(paths), read, MAX_FILED_PER_TOPIC, {topic.name for topic in config.topics}):
        model.learn(text, topics)


# Filed articles a topic learns from at most: past a few hundred a topic's words are known, and training
# time (reading every word of every article) would grow with the archive (10,000 pages: 2.5 s).
MAX_FILED_PER_TOPIC = 500


def filed_sample(
    count: int, read: Callable[[int], tuple[str, list[str]] | None], limit: int, declared: Set[str] = frozenset()
) -> list[tuple[str, list[str]]]:
    """At most `limit` articles of each topic among pages 0..count-1, spread evenly over the archive, in page order.

    `read(position)` gives a page's text and topics (None: no topics). Pages are visited in an order
    that spreads every prefix of it over the whole archive, so every era counts; once each of the
    `declared` topics (every topic a page can name) has `limit`, no later page could be taken, and
    the rest are not read: 1,500 of 10,000 pages with three topics.
    """
    taken: Counter[str] = Counter()
    chosen: dict[int, tuple[str, list[str]]] = {}
    for position in _spread_order(count):
        if declared and all(taken[topic] >= limit for topic in declared):
            break
        page = read(position)
        if page is not None and any(taken[topic] < limit for topic in page[1]):
            chosen[position] = page
            taken.update(page[1])
    return [chosen[position] for position in sorted(chosen)]


def _spread_order(count: int) -> list[int]:
    """0..count-1 in bit-reversed order of their place: every prefix is spread evenly over the range."""
    bits = max(1, (count - 1).bit_length())
    order = (int(format(i, f"0{bits}b")[::-1], 2) for i in range(1 << bits))
    return [i for i in order if i < count]


def explain_topics(config: Config, path: Path) -> Explanation:
    """The topic decision for a seed or a content page, as ingest would make it for that text alone (a page is not learned from)."""
    data = path.read_bytes()
    form = seed_format(path)
    if path.suffix == ".md":
        front = split_front_matter(data.decode("utf-8"), str(path))
        text = f"{front.data.get('title') or ''}\n{front.body}"
    elif form in ("feed", "eml", "mbox"):
        # Their stories are filed one by one: explain the page ingest wrote for the story in question.
        raise ValueError("a file of many stories; explain one of the content pages ingest wrote from it")
    elif form == "html":
        entries = _read_entries(form, data)
        if not entries or isinstance(entries[0], SkippedEntry):
            raise ValueError(entries[0].reason if entries else "no article text found")
        text = "\n".join((entries[0].title, *entries[0].paragraphs))
    else:
        from .extract import extract_article

        decoded = decode_seed(data)
        if decoded.text is None:
            raise ValueError(f"{path}: unreadable ({decoded.reason})")
        text = extract_article(decoded.text, _reference_date(config, path), config.zone, config.ingest.max_tags).plain_text
    model = train_topic_model(config, [text], leave_out=path)
    return model.explain(text, config.ingest.topic_threshold)


def _relative(path: Path, root: Path) -> str:
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


@dataclass(frozen=True)
class _Pending:
    index: int
    seed: Path
    rel: str
    sha: str
    page: PageRecord | None
    format: str = "text"


@dataclass(frozen=True)
class _Story:
    """One story to file: from a seed file, or one entry of a feed or newsletter."""

    item: _Pending
    in_file: bool  # one of the stories of a feed, newsletter or saved page (not a plain-text seed)
    article: Extracted
    language: str | None
    label: str  # how the lines name it: the seed, or `seed#n` for the n-th story of a file


def ingest_seeds(config: Config, paths: Sequence[Path] | None = None, *, update: bool = False, writers: int = 2) -> IngestReport:
    """Write a content page for every seed without one; `paths` None means every file under seeds/.

    `writers` threads write the pages (0: each is written before the next is rendered; the same pages result).
    """
    outside: list[tuple[str, str]] = []
    seeds: Sequence[Path | str] = _seed_names(config.seeds_dir, outside) if paths is None else [Path(p) for p in paths]
    if not seeds and not outside:
        # Nothing to file: content/ need not be scanned (100,000 pages take a second), nor the index saved.
        return IngestReport(())
    from ..state import CACHE_DIR

    kept = KeptIndex(config.root / CACHE_DIR)
    by_seed: dict[str, PageRecord] = {}
    by_sha: dict[str, PageRecord] = {}
    by_entry: dict[str, PageRecord] = {}
    for record in scan_pages(config.content_dir, config.root, kept):
        if record.seed:
            by_seed.setdefault(record.seed, record)
        if record.seed_sha256:
            by_sha.setdefault(record.seed_sha256, record)
        if record.seed_entry:
            by_entry.setdefault(record.seed_entry, record)

    results: dict[int, list[SeedResult]] = {}
    pending: list[_Pending] = []
    relative = _relative_to(config.root)
    for index, seed in enumerate(seeds):
        try:
            # One lstat answers both "is it a link?" (relative) and "has it changed?" (the kept hash).
            status = os.lstat(seed)
        except OSError:
            status = None
        rel = relative(seed, status)
        try:
            sha = _seed_hash(seed, kept, status)
        except OSError as exc:
            results[index] = [SeedResult(rel, "unreadable", None, f"{rel}: unreadable ({exc.strerror or exc})")]
            continue
        form = seed_format(seed)
        if form in ("feed", "eml", "mbox"):
            # A file of many stories is never "changed": a new export of it adds the entries no page has yet.
            known = by_sha.get(sha)
            if known is not None:
                results[index] = [SeedResult(rel, "skipped", known.rel, f"{rel}: skipped, no new stories since it was ingested")]
            else:
                pending.append(_Pending(index, Path(seed), rel, sha, None, form))
            continue
        page = by_seed.get(rel)
        # A page whose seed_sha256 the editor removed is theirs now: it is never reported as changed.
        if page is not None and page.seed_sha256 and page.seed_sha256 != sha:
            if not update:
                line = f"{rel}: changed since it was ingested as {page.rel}; run `python build.py ingest --update` to regenerate it"
                results[index] = [SeedResult(rel, "changed", page.rel, line)]
            elif not is_unedited(page.path):
                line = f"{rel}: changed, but {page.rel} was edited since it was generated; not overwritten, merge the seed into it by hand"
                results[index] = [SeedResult(rel, "refused", page.rel, line)]
            else:
                pending.append(_Pending(index, Path(seed), rel, sha, page, form))
            continue
        page = page or by_sha.get(sha)
        if page is not None:
            results[index] = [SeedResult(rel, "skipped", page.rel, f"{rel}: skipped, already ingested as {page.rel}")]
            continue
        pending.append(_Pending(index, Path(seed), rel, sha, None, form))

    shown = _relative(config.seeds_dir, config.root)
    refused = [
        SeedResult(
            f"{shown}/{link}", "refused", None, f"{shown}/{link}: a link to {target}, outside the project; not read (copy the file in)"
        )
        for link, target in outside
    ]
    if pending:
        _read_and_file(config, pending, by_entry, results, writers)
    kept.save()
    return IngestReport((*refused, *(line for i in sorted(results) for line in results[i])))


# Pages rendered but not yet on disk at most (their texts wait in memory).
PAGES_ON_THEIR_WAY = 64


def _read_and_file(
    config: Config, pending: Sequence[_Pending], by_entry: dict[str, PageRecord], results: dict[int, list[SeedResult]], writers: int
) -> None:
    """Read every pending seed's stories, then file each under its topics and write its page; lines go to `results`."""
    from ..state import CACHE_DIR

    places: PlaceNames | None = None
    taken: set[str] = set()  # entry ids filed in this run: a story in two files is filed once
    # Every story must be read before any is filed (the topic model learns from all of them together), but
    # keeping them all would make memory grow with the run: each waits in a spill file instead, so memory is
    # bounded by the largest seed file. The file is anonymous (gone when closed) and holds only what this
    # run pickled itself a moment earlier.
    model = TopicModel(config.topics)
    with tempfile.TemporaryFile(prefix="dateline-ingest-") as spill:
        spilled = 0
        for item in pending:
            try:
                data = item.seed.read_bytes()
            except OSError as exc:
                results[item.index] = [SeedResult(item.rel, "unreadable", None, f"{item.rel}: unreadable ({exc.strerror or exc})")]
                continue
            # The page records the bytes it was made from, should the file have changed since it was hashed.
            item = replace(item, sha=hashlib.sha256(data).hexdigest())
            if places is None:
                from .dateline import kept_places

                places = kept_places(config.root / CACHE_DIR)
            stories: list[_Story] = []
            if item.format == "text":
                decoded = decode_seed(data)
                if decoded.text is None:
                    line = f"{item.rel}: unreadable ({decoded.reason}), skipped"
                    results[item.index] = [SeedResult(item.rel, "unreadable", None, line)]
                    continue
                stories.append(_Story(item, False, *_read_seed(config, item, decoded.text, places), item.rel))
            else:
                stories += _file_stories(config, item, data, places, by_entry, taken, results.setdefault(item.index, []))
            del data
            for story in stories:
                if not story.language:
                    # Seeds in another language are left out: they get no topic.
                    model.adapt([story.article.plain_text])
                pickle.dump(story, spill, protocol=pickle.HIGHEST_PROTOCOL)
                spilled += 1
        if spilled:
            learn_filed(model, config)
            spill.seek(0)
            taken: set[Path] = set()  # names of new pages on their way to disk
            on_their_way: deque[tuple[_Story, _PlannedPage, Future]] = deque()
            folders: dict[Path, str] = {}

            def finish() -> None:
                story, page, written = on_their_way.popleft()
                try:
                    line = _page_written(config, story, model, page, written.result(), taken, folders)
                except OutsideContentError as exc:
                    line = SeedResult(story.label, "refused", None, f"{story.label}: not written: {exc}")
                results.setdefault(story.item.index, []).append(line)
                taken.discard(page.path)  # on disk now: choose_page_path sees it there

            with PageWriter(writers) as writer:
                for _ in range(spilled):
                    story = pickle.load(spill)
                    page = _plan_page(config, story, model, taken)
                    on_their_way.append((story, page, writer.write(page.job(config.content_dir))))
                    while on_their_way and (len(on_their_way) > PAGES_ON_THEIR_WAY or on_their_way[0][2].done()):
                        finish()
                while on_their_way:
                    finish()


def _file_stories(
    config: Config,
    item: _Pending,
    data: bytes,
    places: PlaceNames,
    by_entry: dict[str, PageRecord],
    taken: set[str],
    lines: list[SeedResult],
) -> list[_Story]:
    """The new stories of a saved page, feed or newsletter; a line in `lines` for each one left out."""
    stories: list[_Story] = []
    many = item.format != "html"
    for position, entry in enumerate(_read_entries(item.format, data), 1):
        label = f"{item.rel}#{position}" if many else item.rel
        if isinstance(entry, SkippedEntry):
            # A whole file (key "") is unreadable; one story of it (a footer, an empty item) is left out.
            status = "unreadable" if not entry.key else "skipped"
            shown = label if entry.key else item.rel
            lines.append(SeedResult(shown, status, None, f"{shown}: skipped ({entry.reason})"))
            continue
        known = by_entry.get(entry.key) if entry.key else None
        if known is not None or (entry.key and entry.key in taken):
            where = known.rel if known is not None else "a page written now"
            lines.append(SeedResult(label, "skipped", known.rel if known else None, f"{label}: skipped, already ingested as {where}"))
            continue
        taken.add(entry.key)
        stories.append(_Story(item, True, *_read_entry(config, item, entry, places), label))
    return stories


def _read_entries(form: str, data: bytes) -> list[SeedEntry | SkippedEntry]:
    """The stories of a saved page, feed or newsletter (the readers load only when such a seed is new)."""
    if form == "html":
        from .html import read_html

        return read_html(data)
    if form == "feed":
        from .feeds import read_feed

        return read_feed(data)
    from .mail import read_mail

    return read_mail(data, mbox=form == "mbox")


def _seed_hash(seed: Path | str, kept: KeptIndex, status: os.stat_result | None = None) -> str:
    """A seed's SHA-256, from the kept index when its stat is unchanged, else read in chunks.

    `status` is the seed's lstat when the caller has it: a link's target is stat-ed here.
    """
    name = os.fspath(seed)
    current = stamp(status if status is not None and not S_ISLNK(status.st_mode) else os.stat(name))
    remembered = kept.recall(name, current)
    if remembered and isinstance(remembered[0], str):
        kept.note(name, current, remembered)
        return remembered[0]
    with open(name, "rb") as file:
        sha = hashlib.file_digest(file, "sha256").hexdigest()
    kept.note(name, current, [sha])
    return sha


def _relative_to(root: Path) -> Callable[..., str]:
    """A function giving a path's POSIX form relative to `root`, resolving links (once per folder, not per file)."""
    resolved_root = os.path.realpath(root) + os.sep
    folders: dict[str, str] = {}

    def relative(path: Path | str, status: os.stat_result | None = None) -> str:
        name = os.fspath(path)
        if S_ISLNK(status.st_mode) if status is not None else os.path.islink(name):
            return _relative(Path(path), root)
        folder, base = os.path.split(name)
        prefix = folders.get(folder)
        if prefix is None:
            # What every file of this folder starts with: its path inside the project, or its whole real path.
            real = os.path.join(os.path.realpath(folder), "")
            prefix = folders[folder] = (real[len(resolved_root) :] if real.startswith(resolved_root) else real).replace(os.sep, "/")
        return prefix + base.replace(os.sep, "/")

    return relative


def _reference_date(config: Config, seed: Path) -> date:
    if config.ingest.default_date is not None:
        return config.ingest.default_date
    try:
        return datetime.fromtimestamp(seed.stat().st_mtime, tz=config.zone).date()
    except OSError:
        return datetime.now(tz=config.zone).date()


def _read_seed(config: Config, item: _Pending, text: str, places: PlaceNames | None = None) -> tuple[Extracted, str | None]:
    from .extract import extract_article  # the extractors' regexes and dateutil load only when a seed is new

    article = extract_article(text, _reference_date(config, item.seed), config.zone, config.ingest.max_tags, places)
    # Written as the site names them (config `tags:`), so `content/` says `United States`, not `U.S.`.
    article = replace(article, tags=canonical_tags(article.tags, config))
    language = detect_language(article.plain_text)
    if language is not None and language.split("-")[0] == config.language.split("-")[0].lower():
        language = None  # the site's own language needs no tag
    return article, language


def _read_entry(config: Config, item: _Pending, entry: SeedEntry, places: PlaceNames) -> tuple[Extracted, str | None]:
    """A story the file stated fields for: its paragraphs mined like a seed's, then what the file said wins."""
    body = "\n\n".join(entry.paragraphs)
    # The stated headline goes first, as a seed's headline line would, so the lede is not mistaken for one.
    text = f"{entry.title}\n\n{body}" if entry.title and body else body or entry.title
    article, language = _read_seed(config, item, text, places)
    feed = _feed_source(config, item.seed)
    changes: dict[str, Any] = {
        "author": entry.author or article.author,
        # An agency named in the dateline is the source; else the site, sender or feed.
        "source": article.source or entry.source or (feed.name if feed else ""),
        "source_url": entry.source_url,
        "image_url": entry.image_url,
        "entry_key": entry.key,
    }
    if entry.title:
        changes["title"] = article.title if article.original_title == entry.title else entry.title
    if entry.published is not None:
        changes["date"], changes["date_inferred"] = entry.published, False
    if entry.summary:
        from ..markup import shorten

        changes["summary"] = shorten(" ".join(entry.summary.split()), 300)
    return replace(article, **changes), language


def _feed_source(config: Config, seed: Path) -> FeedSource | None:
    """The configured source a fetched feed file came from (seeds/feeds/<slug>.*), for its name and topic."""
    if seed.parent.name != "feeds" or seed.parent.parent != config.seeds_dir:
        return None
    return next((source for source in config.sources if source.slug == seed.stem), None)


@dataclass(frozen=True)
class _PlannedPage:
    """A page about to be written: where, what, and the topic decision it records."""

    path: Path
    text: str
    guess: Guess
    update: bool  # replaces the page of a changed seed (else a new file)

    def job(self, content_dir: Path) -> Callable[[], bool]:
        """The write, for PageWriter: True when done, False when a new page's name was taken meanwhile."""
        if self.update:
            return lambda: replace_page(content_dir, self.path, self.text) or True
        return lambda: write_new_page(content_dir, self.path, self.text)


def _plan_page(config: Config, story: _Story, model: TopicModel, taken: set[Path]) -> _PlannedPage:
    """Decide a story's topics and its page's name and text; a new page's name joins `taken`."""
    item, article, language = story.item, story.article, story.language
    feed = _feed_source(config, item.seed) if story.in_file else None
    if feed is not None and feed.topic:
        # Every story of a feed configured with a topic is filed under it.
        guess = Guess((feed.topic,), feed.topic, 1.0)
    elif language:
        # The topic model learned the site's language: a text in another has nothing to go on, and gets no topic.
        guess = Guess((), "", 0.0)
    else:
        guess = model.classify(article.plain_text, config.ingest.topic_threshold)
    if item.page is not None:
        path = item.page.path
    else:
        path = choose_page_path(config.content_dir, page_year(article.date, config.zone), article.title, item.seed.stem, taken)
        taken.add(path)
    front = page_front_matter(article, guess, item.rel, item.sha, path.stem, language)
    return _PlannedPage(path, render_page(front, article.body), guess, item.page is not None)


def _page_written(
    config: Config, story: _Story, model: TopicModel, page: _PlannedPage, written: bool, taken: set[Path], folders: dict[Path, str]
) -> SeedResult:
    """The line for a story whose page was written (`written` False: its name was taken meanwhile, so it is written now).

    `folders` keeps each content folder's shown path for the run: a new page is a plain file in one, and
    resolving every page's path again cost 0.2 ms a page.
    """
    item, article = story.item, story.article
    while not written:
        # Another program took the name between choosing and writing it: choose again.
        path = choose_page_path(config.content_dir, page_year(article.date, config.zone), article.title, item.seed.stem, taken)
        front = page_front_matter(article, page.guess, item.rel, item.sha, path.stem, story.language)
        page = replace(page, path=path, text=render_page(front, article.body))
        written = page.job(config.content_dir)()
    if page.update:
        page_rel = _relative(page.path, config.root)  # an edited page may be a link
    else:
        folder = page.path.parent
        if folder not in folders:
            folders[folder] = _relative(folder, config.root)
        page_rel = f"{folders[folder]}/{page.path.name}"
    line = describe(article, page.guess, config.ingest.topic_threshold, story.language, model.topics != ())
    return SeedResult(story.label, "updated" if page.update else "written", page_rel, f"{story.label} → {page_rel}: {line}")


def page_front_matter(article: Extracted, guess: Guess, seed: str, seed_sha: str, stem: str, language: str | None = None) -> dict[str, Any]:
    """The front matter of a generated page, in the documented key order."""
    front: dict[str, Any] = {"title": article.title}
    if article.original_title:
        front["original_title"] = article.original_title
    # The URL slug comes from the title; only a renamed (de-duplicated) file needs its own.
    if stem != slugify(article.title):
        front["slug"] = stem
    front["date"] = article.date
    if article.date_inferred:
        front["date_inferred"] = True
    for key in ("location", "source", "author", "summary", "source_url"):
        value = getattr(article, key)
        if value:
            front[key] = value
    if article.image_url:
        front["image"] = article.image_url
    if language:
        front["language"] = language
    if guess.topics:
        front["topics"] = list(guess.topics)
    if article.tags:
        front["tags"] = list(article.tags)
    front["seed"] = seed
    if article.entry_key:
        front["seed_entry"] = article.entry_key
    front["seed_sha256"] = seed_sha
    return front


def dateline_confidence(evidence: str) -> str:
    """How sure a dateline is, from its evidence: `sure` with two kinds of it, else `likely`."""
    kinds = {part.split()[0] for part in evidence.replace(";", ",").split(", ") if part}
    return "sure" if len(kinds) >= 2 or "agency" in kinds else "likely"


def describe(article: Extracted, guess: Guess, threshold: float, language: str | None = None, has_topics: bool = True) -> str:
    """The human line for a written page: date, location, source, title, language, topics, and why anything is missing."""
    when = article.date.isoformat()
    parts = [f"{when} (inferred: no date in the text)" if article.date_inferred else when]
    parts.extend(value for value in (article.location, article.source) if value)
    if article.dateline_evidence:
        parts.append(f"dateline {dateline_confidence(article.dateline_evidence)}: {article.dateline_evidence}")
    elif article.source:
        parts.append("source as the file states it")
    else:
        parts.append("no dateline read")
    parts.append(f'"{article.title}"')
    if language:
        parts.append(f"language {language} (from its script)")
    if guess.topics:
        parts.append(f"topics: {', '.join(guess.topics)} ({guess.confidence:.2f})")
    elif guess.best:
        parts.append(f"no topic (best {guess.best} {guess.confidence:.2f} < {threshold:.2f})")
    elif language:
        parts.append(f"no topic (the topic model knows the site's language, not {language})")
    elif has_topics:
        parts.append("no topic (none of its words are in the filed articles or topic keywords)")
    else:
        parts.append("no topic (nothing to learn from: declare topics or file articles)")
    return " · ".join(parts)


def __getattr__(name: str) -> Any:
    """`extract_article` and `Extracted` load on first use, keeping `build` (which ingests first) quick to start."""
    if name in ("extract_article", "Extracted"):
        from . import extract

        return getattr(extract, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
