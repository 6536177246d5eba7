"""The site model read from content/ for commands that show it rather than build it (`edition`, `stories`)."""

from __future__ import annotations

from .config import Config
from .errors import BuildError
from .site import Site


def load_site(config: Config, drafts: bool = False) -> Site:
    """The site model of content/ (reusing the last build's parsed files), or BuildError listing every error."""
    from .keys import code_key, state_key
    from .places import Gazetteer
    from .scan import scan
    from .site import make_site
    from .sources import read_articles
    from .state import CACHE_DIR, carried_over, load_state

    content, problems = scan(config)
    previous = carried_over(load_state(config.root / CACHE_DIR), state_key(config.fingerprint), code_key())
    read = read_articles(config, content, previous.files, drafts=drafts)
    site, site_problems, _ = make_site(config, read.articles, previous.related, Gazetteer(config.root / CACHE_DIR))
    errors = [p for p in (*problems, *read.problems, *site_problems) if p.level == "error"]
    if errors:
        raise BuildError(errors)
    return site
