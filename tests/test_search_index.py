"""Pagefind's index settled into one order: the same pages give the same files whatever order Pagefind wrote (issue 15)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import cbor2
from conftest import copy_sample_project

from dateline.builder import BuildOptions, build
from dateline.config import load_config
from dateline.search import SEARCH_DIR, SIGNATURE, settle_index


def every_file(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def document(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(SIGNATURE)
    return cbor2.loads(data[len(SIGNATURE) :])


def rewrite(path: Path, value: list) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value)))


def test_settling_a_shuffled_filter_index_gives_the_settled_files(tmp_path):
    root = copy_sample_project(tmp_path)
    config, _ = load_config(root / "config.yaml")
    build(config, BuildOptions(search=True, use_cache=False, output_dir=tmp_path / "site-out"))
    settled = tmp_path / "site-out" / SEARCH_DIR
    filters = sorted((settled / "filter").glob("*.pf_filter"))
    assert filters, "the sample's tags are indexed as Pagefind filters"
    index = document(filters[0])
    assert index[0] == "tag" and [value for value, _pages in index[1]] == sorted(value for value, _pages in index[1])

    # Pagefind as it writes on another run: values in another order, under another name.
    shuffled = tmp_path / "shuffled"
    shutil.copytree(settled, shuffled)
    [meta_path] = shuffled.glob("pagefind.*.pf_meta")
    meta = document(meta_path)
    [[name, old_hash]] = meta[3]
    (shuffled / "filter" / f"{old_hash}.pf_filter").unlink()
    rewrite(shuffled / "filter" / "en_0000000.pf_filter", [index[0], list(reversed(index[1]))])
    meta[3] = [[name, "en_0000000"]]
    meta_path.unlink()
    rewrite(shuffled / "pagefind.en_0000000000.pf_meta", meta)
    entry = (shuffled / "pagefind-entry.json").read_text()
    (shuffled / "pagefind-entry.json").write_text(entry.replace(meta_path.name[len("pagefind.") : -len(".pf_meta")], "en_0000000000"))

    settle_index(shuffled)
    assert every_file(shuffled) == every_file(settled)


def test_a_site_without_filters_keeps_pagefinds_files(tmp_path):
    root = copy_sample_project(tmp_path)
    for page in (root / "content").rglob("*.md"):
        page.write_text("\n".join(line for line in page.read_text().splitlines() if not line.startswith(("tags:", "  - "))) + "\n")
    config, _ = load_config(root / "config.yaml")
    build(config, BuildOptions(search=True, use_cache=False, output_dir=tmp_path / "out"))
    bundle = tmp_path / "out" / SEARCH_DIR
    assert not (bundle / "filter").exists() or not any((bundle / "filter").iterdir())
    before = every_file(bundle)
    settle_index(bundle)
    assert every_file(bundle) == before


def test_pagefind_reads_only_folders_with_marked_pages_and_indexes_the_same(tmp_path, monkeypatch):
    """The glob that spares Pagefind the unmarked listings gives the index reading every page gives (the sample site)."""
    import dateline.search as search

    root = copy_sample_project(tmp_path)
    config, _ = load_config(root / "config.yaml")
    build(config, BuildOptions(search=True, use_cache=False, output_dir=tmp_path / "narrow"))
    wanted = search.pages_to_read(tmp_path / "narrow")
    # Articles (year folders) and day pages are marked; topic pages and the archive are not.
    assert wanted is not None and "topics/" not in wanted and "archive/" not in wanted
    assert any(part.startswith("20") for part in wanted.strip("{}").split(","))
    monkeypatch.setattr(search, "pages_to_read", lambda site_dir: None)
    build(config, BuildOptions(search=True, use_cache=False, output_dir=tmp_path / "wide"))
    assert every_file(tmp_path / "narrow" / SEARCH_DIR) == every_file(tmp_path / "wide" / SEARCH_DIR)


def test_pages_to_read_leaves_pagefinds_own_rule_alone_where_it_must(tmp_path):
    from dateline.search import pages_to_read

    site = tmp_path / "site"
    (site / "2021" / "x").mkdir(parents=True)
    (site / "topics" / "a").mkdir(parents=True)
    (site / "2021" / "x" / "index.html").write_text("<main data-pagefind-body>story</main>")
    (site / "topics" / "a" / "index.html").write_text("<main>listing</main>")
    (site / "index.html").write_text("<main>home</main>")
    (site / "about.html").write_text("<main data-pagefind-body>about</main>")
    (site / "feed.xml").write_text("<feed/>")
    assert pages_to_read(site) == "{2021/**/*.html,about.html}"
    # No page marked: Pagefind indexes every page, so it must read them all.
    (site / "2021" / "x" / "index.html").write_text("<main>story</main>")
    (site / "about.html").write_text("<main>about</main>")
    assert pages_to_read(site) is None
    # Every folder and page marked: nothing to spare.
    for page in site.rglob("*.html"):
        page.write_text("<main data-pagefind-body>page</main>")
    assert pages_to_read(site) is None
    # A name a glob would read as syntax: no glob at all.
    (site / "a,b").mkdir()
    (site / "topics" / "a" / "index.html").write_text("<main>listing</main>")
    assert pages_to_read(site) is None
