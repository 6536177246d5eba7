"""The GitHub Pages workflow: valid YAML that builds for the Pages URL, checks, and deploys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"
# The first major of each official action that runs on Node 24 (the Node 20 majors are deprecated).
MINIMUM_MAJORS = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def uses(workflow: dict) -> dict[str, str]:
    return dict(step["uses"].split("@", 1) for step in steps(workflow) if "uses" in step)


def test_triggers_on_push_to_main_and_by_hand(workflow):
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_permissions_and_concurrency(workflow):
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_uses_the_official_actions_at_current_majors(workflow):
    found = uses(workflow)
    assert set(found) == set(MINIMUM_MAJORS)
    for action, minimum in MINIMUM_MAJORS.items():
        version = re.fullmatch(r"v(\d+)", found[action])
        assert version, f"{action}@{found[action]}: pin a major tag such as v{minimum}"
        assert int(version.group(1)) >= minimum, f"{action}@{found[action]} runs on a deprecated Node version"


def test_sets_up_python_311(workflow):
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"


def test_builds_for_the_pages_url_then_checks_then_uploads(workflow):
    build_job = workflow["jobs"]["build"]["steps"]
    commands = [s.get("run", "") for s in build_job]
    names = [s.get("uses", s.get("run", "")) for s in build_job]
    install = next(i for i, c in enumerate(commands) if "pip install -r requirements.txt" in c)
    configure = next(i for i, n in enumerate(names) if n.startswith("actions/configure-pages@"))
    assert build_job[configure]["id"] == "pages"
    build = next(i for i, c in enumerate(commands) if re.search(r"python build\.py\s+(?!check)", c))
    assert '--base-url "${{ steps.pages.outputs.base_url }}"' in commands[build]
    check = next(i for i, c in enumerate(commands) if "python build.py check" in c)
    upload = next(i for i, n in enumerate(names) if n.startswith("actions/upload-pages-artifact@"))
    assert install < configure < build < check < upload
    assert build_job[upload]["with"]["path"].rstrip("/") == "_site"


def test_deploys_to_the_github_pages_environment(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    step = deploy["steps"][-1]
    assert step["uses"].startswith("actions/deploy-pages@") and step["id"] == "deployment"
