"""The kept ingest index is a shortcut only: every run gives what reading every file gives (differential, generated edits)."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

from dateline.config import parse_config
from dateline.ingest import ingest_seeds
from dateline.ingest.index import FORMAT, INDEX_NAME, KeptIndex
from dateline.ingest.write import scan_pages

CONFIG = "title: Test\ningest:\n  default_date: 2024-01-15\n"
OLD = 1_600_000_000  # a moment long past, so the index keeps what it saw (nothing is racy)


def _project(root: Path):
    (root / "seeds").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return parse_config(CONFIG, root)[0]


def _age(root: Path, step: int) -> None:
    """Give every file a distinct old mtime (as files are between an editor's saves), so the index keeps them."""
    for number, path in enumerate(sorted(p for p in root.rglob("*") if p.is_file() and ".dateline-cache" not in p.parts)):
        moment = OLD + step * 100_000 + number
        os.utime(path, (moment, moment))


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and ".dateline-cache" not in p.parts
    }


def _lines(report, root: Path) -> list[str]:
    return [result.line.replace(str(root), "ROOT") for result in report.results]


def _edit(rng: random.Random, root: Path, step: int) -> None:
    seeds = sorted((root / "seeds").glob("*.txt"))
    pages = sorted((root / "content").rglob("*.md"))
    choice = rng.choice(
        ["new seed", "new seed", "same-size seed edit", "longer seed edit", "drop page", "hand page", "strip keys", "touch"]
    )
    if choice == "new seed" or not seeds:
        (root / "seeds" / f"s{step:03d}.txt").write_text(
            f"Headline {step}\n\nLONDON (Reuters) - Story {step} {rng.random()}.\n", encoding="utf-8"
        )
    elif choice == "same-size seed edit":
        path = rng.choice(seeds)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Story", "Stori", 1) if "Story" in text else text.replace("Stori", "Story", 1), encoding="utf-8")
    elif choice == "longer seed edit":
        path = rng.choice(seeds)
        path.write_text(path.read_text(encoding="utf-8") + "Another line.\n", encoding="utf-8")
    elif choice == "drop page" and pages:
        rng.choice(pages).unlink()
    elif choice == "hand page":
        (root / "content" / f"hand-{step}.md").write_text(f"---\ntitle: Hand {step}\ndate: 2024-01-01\n---\n\nMine.\n", encoding="utf-8")
    elif choice == "strip keys" and pages:
        path = rng.choice(pages)
        text = path.read_text(encoding="utf-8")
        path.write_text("\n".join(line for line in text.split("\n") if not line.startswith("seed_sha256:")), encoding="utf-8")
    elif choice == "same-size page edit" and any("seed_sha256: " in p.read_text(encoding="utf-8") for p in pages):
        path = rng.choice([p for p in pages if "seed_sha256: " in p.read_text(encoding="utf-8")])
        text = path.read_text(encoding="utf-8")
        # One hex digit of seed_sha256 flipped: the page no longer matches its seed, and its size is the same.
        at = text.find("seed_sha256: ")
        if at >= 0:
            digit = at + len("seed_sha256: ")
            path.write_text(text[:digit] + ("0" if text[digit] != "0" else "1") + text[digit + 1 :], encoding="utf-8")
    else:
        path = rng.choice(seeds + pages)
        os.utime(path, None)


def test_kept_index_equals_reading_every_file(tmp_path):
    rng = random.Random(13)
    kept_root, plain_root = tmp_path / "kept", tmp_path / "plain"
    kept_config, plain_config = _project(kept_root), _project(plain_root)
    for step in range(60):
        state = rng.getstate()
        _edit(rng, kept_root, step)
        rng.setstate(state)
        _edit(rng, plain_root, step)
        _age(kept_root, step)
        _age(plain_root, step)
        (plain_root / ".dateline-cache" / INDEX_NAME).unlink(missing_ok=True)
        update = step % 2 == 1  # often, so pages match their seeds again and a missed edit shows
        kept_report = ingest_seeds(kept_config, update=update)
        plain_report = ingest_seeds(plain_config, update=update)
        assert _lines(kept_report, kept_root) == _lines(plain_report, plain_root), f"step {step}"
        assert _tree(kept_root) == _tree(plain_root), f"step {step}"
    kept = json.loads((kept_root / ".dateline-cache" / INDEX_NAME).read_text(encoding="utf-8"))
    assert kept["pages"]["names"] and kept["pages"]["keys"] and kept["seeds"]  # the shortcut was really taken


def test_scan_with_and_without_the_index_agree(tmp_path):
    config = _project(tmp_path)
    for number in range(12):
        (tmp_path / "seeds" / f"s{number}.txt").write_text(f"Title {number}\n\nPARIS - Text {number}.\n", encoding="utf-8")
    ingest_seeds(config)
    _age(tmp_path, 1)
    index = KeptIndex(tmp_path / ".dateline-cache")
    first = scan_pages(config.content_dir, tmp_path, index)
    index.save()
    again = scan_pages(config.content_dir, tmp_path, KeptIndex(tmp_path / ".dateline-cache"))
    assert first == again == scan_pages(config.content_dir, tmp_path)


def test_files_changed_within_the_last_second_are_not_kept(tmp_path):
    config = _project(tmp_path)
    seed = tmp_path / "seeds" / "a.txt"
    seed.write_text("Title\n\nPARIS - Text.\n", encoding="utf-8")
    # Stamped a few seconds ahead, the seed is as recent as the index whatever the time ingest takes on a busy machine.
    ahead = time.time_ns() + 3_000_000_000
    os.utime(seed, ns=(ahead, ahead))
    ingest_seeds(config)
    kept_path = tmp_path / ".dateline-cache" / INDEX_NAME
    empty = {"pages": {"names": [], "stamps": [], "keys": {}}, "seeds": {}}
    kept = json.loads(kept_path.read_text(encoding="utf-8")) if kept_path.exists() else empty
    recent = time.time_ns() - 2_000_000_000
    assert all(entry[0] < recent for entry in kept["seeds"].values())  # nothing recent kept (here: nothing at all)
    assert all(mtime < recent for mtime in kept["pages"]["stamps"][0::3])
    assert not kept["seeds"] and not kept["pages"]["names"] and not kept["pages"]["keys"]


def test_a_broken_index_is_ignored(tmp_path):
    config = _project(tmp_path)
    (tmp_path / "seeds" / "a.txt").write_text("Title\n\nPARIS - Text.\n", encoding="utf-8")
    (tmp_path / ".dateline-cache").mkdir()
    broken_tables = [
        {"names": [["not", "a", "name"]], "stamps": [1, 2, 3], "keys": {}},
        {"names": ["content/x.md"], "stamps": [1, 2], "keys": {}},
        {"names": [], "stamps": [], "keys": {"content/x.md": "not a list"}},
        ["names"],
    ]
    junks = ["{not json", json.dumps({"format": 1, "pages": {"x": "y"}, "seeds": []}), json.dumps([1, 2])]
    junks += [json.dumps({"format": FORMAT, "pages": table, "seeds": {"x": "y"}}) for table in broken_tables]
    for junk in junks:
        (tmp_path / ".dateline-cache" / INDEX_NAME).write_text(junk, encoding="utf-8")
        report = ingest_seeds(config)
        assert [r.status for r in report.results] in (["written"], ["skipped"])


def test_a_same_size_edit_of_a_kept_page_is_seen(tmp_path):
    config = _project(tmp_path)
    for number in range(3):
        (tmp_path / "seeds" / f"s{number}.txt").write_text(f"Headline {number}\n\nLONDON (Reuters) - Story {number}.\n", encoding="utf-8")
    ingest_seeds(config)
    _age(tmp_path, 1)
    assert {r.status for r in ingest_seeds(config).results} == {"skipped"}  # now every file is in the kept index
    page = sorted((tmp_path / "content").rglob("*.md"))[0]
    text = page.read_text(encoding="utf-8")
    digit = text.index("seed_sha256: ") + len("seed_sha256: ")
    page.write_text(text[:digit] + ("0" if text[digit] != "0" else "1") + text[digit + 1 :], encoding="utf-8")
    _age(tmp_path, 2)
    assert [r.status for r in ingest_seeds(config).results] == ["changed", "skipped", "skipped"]


def test_seed_paths_relative_fast_equal_resolving_each(tmp_path):
    """The per-folder shortcut of ingest's relative paths, compared with resolving every path (links included)."""
    import random

    from dateline import ingest

    rng = random.Random(3)
    seeds = tmp_path / "seeds"
    for number in range(60):
        folder = seeds.joinpath(*[f"d{rng.randrange(3)}" for _ in range(rng.randrange(3))])
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"s{number}.txt").write_text("x", encoding="utf-8")
    (seeds / "linked-folder").symlink_to(seeds / "d1", target_is_directory=True)
    (seeds / "d0").mkdir(exist_ok=True)
    (seeds / "linked.txt").symlink_to(seeds / "s0.txt" if (seeds / "s0.txt").exists() else next(seeds.rglob("*.txt")))
    relative = ingest._relative_to(tmp_path)
    names = ingest._seed_names(seeds)
    assert len(names) > 60
    for name in names:
        assert relative(name, os.lstat(name)) == relative(Path(name)) == ingest._relative(Path(name), tmp_path), name


def test_scan_of_unchanged_pages_in_one_comparison_equals_reading_every_page(tmp_path, monkeypatch):
    """write._unchanged_pages (every page's stat compared at once) against the plain scan, over random edits of content/."""
    import dateline.ingest.write as write

    taken = []
    shortcut = write._unchanged_pages
    monkeypatch.setattr(write, "_unchanged_pages", lambda names, old: taken.append(result := shortcut(names, old)) or result)
    rng = random.Random(29)
    config = _project(tmp_path)
    for number in range(15):
        (tmp_path / "seeds" / f"s{number}.txt").write_text(f"Title {number}\n\nPARIS - Text {number}.\n", encoding="utf-8")
    ingest_seeds(config)
    (tmp_path / "content" / "hand.md").write_text("---\ntitle: Hand\ndate: 2024-01-01\n---\n\nMine.\n", encoding="utf-8")
    _age(tmp_path, 0)
    for step in range(1, 40):
        pages = sorted((tmp_path / "content").rglob("*.md"))
        change = rng.choice(["nothing", "nothing", "touch", "strip keys", "drop", "add"])
        if change == "touch":
            os.utime(rng.choice(pages), (OLD + step, OLD + step))
        elif change == "strip keys":
            path = rng.choice(pages)
            path.write_text(path.read_text(encoding="utf-8").replace("seed_sha256:", "note:", 1), encoding="utf-8")
            os.utime(path, (OLD + step, OLD + step))
        elif change == "drop" and len(pages) > 3:
            rng.choice(pages).unlink()
        elif change == "add":
            path = tmp_path / "content" / f"added-{step}.md"
            path.write_text(f"---\ntitle: Added {step}\nseed: seeds/s{step % 15}.txt\n---\n\nText.\n", encoding="utf-8")
            os.utime(path, (OLD + step, OLD + step))
        index = KeptIndex(tmp_path / ".dateline-cache")
        assert scan_pages(config.content_dir, tmp_path, index) == scan_pages(config.content_dir, tmp_path), f"step {step}"
        index.save()
    assert any(found is not None for found in taken) and any(found is None for found in taken)


def test_no_seeds_means_no_page_is_read_and_no_index_is_written(tmp_path, monkeypatch):
    config = _project(tmp_path)
    (tmp_path / "content" / "hand.md").write_text("---\ntitle: Mine\ndate: 2024-01-02\n---\nText.\n", encoding="utf-8")
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *args, **kw: opened.append(str(path)) or real_open(path, *args, **kw))

    assert ingest_seeds(config).results == ()

    # content/ is scanned only to match seeds to their pages: with none, a 100,000-page site skips a second of stats.
    assert not [path for path in opened if path.endswith(".md")]
    assert not (tmp_path / ".dateline-cache" / INDEX_NAME).exists()
    (tmp_path / "seeds" / "one.txt").write_text("Headline\n\nLONDON (Reuters) - Story.\n", encoding="utf-8")
    assert [result.status for result in ingest_seeds(config).results] == ["written"]
    assert (tmp_path / ".dateline-cache" / INDEX_NAME).exists()
