"""The progress of a long build: an updating line on a terminal, stage lines in a pipe, nothing for a quick build."""

from __future__ import annotations

import io

from conftest import MINIMAL_CONFIG, article_text, make_project

from dateline.builder import BuildOptions, build
from dateline.config import load_config
from dateline.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_one_line_redrawn_with_stage_count_and_rate():
    clock, stream = Clock(), io.StringIO()
    progress = Progress(stream, terminal=True, after=2.0, clock=clock)
    progress.stage("read", 100)
    clock.now = 1.0
    progress.advance(50)
    assert stream.getvalue() == ""  # under two seconds: nothing yet
    clock.now = 3.0
    progress.stage("render+write", 1000)
    clock.now = 5.0
    progress.advance(400)
    progress.finish()
    out = stream.getvalue()
    assert "\rrender+write: 400/1,000 (200/s)" in out.replace("\033[K", "")
    assert "\n" not in out and out.endswith("\r\033[K")  # redrawn in place, cleared before the summary


def test_a_pipe_gets_plain_stage_lines_once_the_build_is_long():
    clock, stream = Clock(), io.StringIO()
    progress = Progress(stream, terminal=False, after=2.0, clock=clock)
    progress.stage("read", 10)
    progress.advance(10)
    clock.now = 0.5
    progress.stage("model")
    clock.now = 2.5
    progress.stage("render+write", 3)
    progress.advance(3)
    clock.now = 3.0
    progress.finish()
    assert stream.getvalue().splitlines() == ["read: 10 of 10 in 0.5 s", "model: in 2.0 s", "render+write: 3 of 3 in 0.5 s"]
    assert "\r" not in stream.getvalue()


def test_a_quick_build_prints_no_progress():
    stream = io.StringIO()
    progress = Progress(stream, terminal=False, after=2.0)
    for stage in ("read", "model", "render+write"):
        progress.stage(stage, 5)
        progress.advance(5)
    progress.finish()
    assert stream.getvalue() == ""


def test_a_real_build_reports_every_page_it_renders(tmp_path):
    files = {f"content/a{n}.md": article_text(f"Story number {n}", f"2024-01-{1 + n % 9:02d}", "Text.") for n in range(30)}
    root = make_project(tmp_path, MINIMAL_CONFIG, files)
    stream = io.StringIO()
    progress = Progress(stream, terminal=False, after=0.0)
    result = build(load_config(root / "config.yaml")[0], BuildOptions(search=False, progress=progress, parallel_from=10))
    progress.finish()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("read: 30 of 30 in ") and lines[1].startswith("model: in ")
    assert lines[2].startswith(f"render+write: {result.rendered} of {result.rendered} in ") and result.rendered > 30
