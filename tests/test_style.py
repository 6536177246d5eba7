"""The code stays uniform: ruff's lint rules and formatter (configured in pyproject.toml) report nothing."""

import subprocess
import sys

from conftest import REPO

CHECKED = ["dateline", "tests", "bench", "scripts", "build.py"]


def ruff(*arguments: str) -> subprocess.CompletedProcess:
    """Run the pinned ruff from this environment in the repository."""
    return subprocess.run([sys.executable, "-m", "ruff", *arguments, *CHECKED], cwd=REPO, capture_output=True, text=True)


def test_ruff_lint_finds_nothing():
    result = ruff("check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_would_change_nothing():
    result = ruff("format", "--check", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
