"""The same input gives byte-identical files, the search index included, however the builds are run (issue 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, article_text, copy_sample_project

from dateline.builder import BuildOptions, build
from dateline.config import load_config

URDU = article_text(
    "روسی سفیر واشنگٹن سے روانہ", date="2021-03-21T09:00:00", body="سفیر نے واشنگٹن چھوڑ دیا۔", language="ur", topics="[World]"
)


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def project(tmp_path: Path) -> Path:
    """The sample project with an article in a second language (so Pagefind writes two indexes)."""
    root = copy_sample_project(tmp_path)
    (root / "content/urdu.md").write_text(URDU, encoding="utf-8")
    return root


def test_two_fresh_builds_are_byte_identical_search_index_included(tmp_path):
    root = project(tmp_path)
    config, _ = load_config(root / "config.yaml")
    for name in ("first", "second"):
        build(config, BuildOptions(search=True, use_cache=False, output_dir=tmp_path / name))
    first, second = every_file(tmp_path / "first"), every_file(tmp_path / "second")
    assert any(path.startswith("pagefind/filter/") for path in first)  # tags are filters, which Pagefind writes in random order
    assert first.keys() == second.keys()
    assert [path for path in first if first[path] != second[path]] == []


def test_two_builds_racing_for_one_site_end_with_a_clean_builds_files(tmp_path):
    root = project(tmp_path)
    command = [sys.executable, str(REPO / "build.py"), "build", "--config", str(root / "config.yaml"), "--no-ingest"]
    racing = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for process in racing:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
    config, _ = load_config(root / "config.yaml")
    build(config, BuildOptions(search=True, use_cache=False, output_dir=tmp_path / "clean"))
    raced, clean = every_file(root / "_site"), every_file(tmp_path / "clean")
    assert raced.keys() == clean.keys()
    assert [path for path in raced if raced[path] != clean[path]] == []
    assert not [p.name for p in root.iterdir() if p.name.startswith("._site")]  # no half-made folder left
