"""The output folder: refused when unsafe, never deleted when not ours, swapped in whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import article_text, build_project, make_project, snapshot

from dateline.cli import main
from dateline.errors import BuildError


def project(tmp_path: Path, output: str | None = None) -> Path:
    """A one-article project, with `output:` set in config.yaml when given."""
    config = "title: Desk\nbase_url: https://example.org/\n" + (f"output: {output}\n" if output else "")
    return make_project(tmp_path, config, {"content/x.md": article_text("Story")})


def refusal(root: Path, **options) -> str:
    """Build and return the message the build was refused with."""
    with pytest.raises(BuildError) as caught:
        build_project(root, **options)
    return str(caught.value)


def entries(folder: Path) -> list[str]:
    """The names in folder, to show a build left nothing else behind."""
    return sorted(p.name for p in folder.iterdir())


def test_output_equal_to_project_root_is_refused(tmp_path):
    root = project(tmp_path, output=".")
    assert "would replace the project" in refusal(root)
    assert (root / "content/x.md").is_file()


def test_output_above_the_project_is_refused(tmp_path):
    root = project(tmp_path)
    assert "would replace the project" in refusal(root, output_dir=root.parent)


@pytest.mark.parametrize("inside", ["content", "content/out", "themes"])
def test_output_overlapping_a_source_folder_is_refused(tmp_path, inside):
    root = project(tmp_path, output=inside)
    assert "overlaps" in refusal(root)
    assert (root / "content/x.md").is_file()


def test_output_folder_holding_a_content_folder_is_refused(tmp_path):
    root = project(tmp_path, output="other")
    (root / "other/content").mkdir(parents=True)
    (root / "other/content/keep.md").write_text("keep")
    assert "content/" in refusal(root)
    assert (root / "other/content/keep.md").read_text() == "keep"


def test_output_outside_the_project_needs_the_command_line_option(tmp_path):
    root = project(tmp_path, output="../elsewhere")
    assert "--output" in refusal(root)
    assert not (tmp_path / "elsewhere").exists()


def test_output_outside_the_project_is_fine_with_the_option(tmp_path, capsys):
    root = project(tmp_path)
    outside = tmp_path / "public"
    assert main(["--config", str(root / "config.yaml"), "--no-search", "--output", str(outside)]) == 0
    assert (outside / "index.html").is_file()
    assert not (root / "_site").exists()


def test_non_empty_folder_not_made_by_dateline_is_refused_and_kept(tmp_path, capsys):
    root = project(tmp_path)
    (root / "_site").mkdir()
    (root / "_site/notes.txt").write_text("mine")
    before = snapshot(root / "_site")
    assert main(["--config", str(root / "config.yaml"), "--no-search"]) == 1
    assert "was not made by Dateline" in capsys.readouterr().err
    assert snapshot(root / "_site") == before


def test_empty_existing_folder_is_used(tmp_path):
    root = project(tmp_path)
    (root / "_site").mkdir()
    build_project(root)
    assert (root / "_site/index.html").is_file()


def test_output_path_that_is_a_file_is_refused(tmp_path):
    root = project(tmp_path)
    (root / "_site").write_text("a file")
    assert "is a file" in refusal(root)
    assert (root / "_site").read_text() == "a file"


def test_rebuild_replaces_the_previous_output_and_drops_stale_files(tmp_path):
    root = project(tmp_path)
    build_project(root)
    before = entries(root)
    (root / "content/x.md").write_text(article_text("Renamed story"))
    build_project(root)
    assert (root / "_site/2021/03/renamed-story/index.html").is_file()
    assert not (root / "_site/2021/03/story").exists()
    assert entries(root) == before


def test_failed_build_leaves_no_temporary_folders(tmp_path):
    root = project(tmp_path)
    build_project(root)
    template = root / "themes/default/templates/list.html"
    template.write_text(template.read_text().replace("{{ heading }}", "{{ heading.nope() }}"))
    before = entries(root)
    with pytest.raises(BuildError):
        build_project(root)
    assert entries(root) == before
