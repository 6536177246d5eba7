"""`serve`: preview the site locally, rebuilding on every save and reloading open pages.

watch.py classifies changes and batches them, server.py serves the output
folder with a reload channel, session.py ties them to the build.
"""

from .server import PreviewServer, SiteState
from .session import LiveSite, Rebuilder, ServeOptions, serve
from .watch import Action, ChangeBatcher, ChangeKind, RebuildPlan, classify, plan_changes

__all__ = [
    "Action",
    "ChangeBatcher",
    "ChangeKind",
    "LiveSite",
    "PreviewServer",
    "RebuildPlan",
    "Rebuilder",
    "ServeOptions",
    "SiteState",
    "classify",
    "plan_changes",
    "serve",
]
