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
