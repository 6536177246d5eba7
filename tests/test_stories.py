"""Stories in the site: one entry per story in listings, a full-coverage page, editors' `story:`, and `stories --json`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import MINIMAL_CONFIG, article_text, make_project, read_html, sitemap_locations

from dateline.builder import BuildOptions, build
from dateline.cli import main
from dateline.config import load_config

WIRE = (
    "Oil prices rose more than 3 percent on Tuesday after the Organization of the Petroleum Exporting Countries "
    "agreed in Vienna to cut output by 1.2 million barrels a day from January, the first cut in eight years. "
    "Brent crude futures settled at 52 dollars a barrel, while U.S. West Texas Intermediate crude ended at 49 dollars. "
    "Saudi Arabia will shoulder the largest share of the reduction, the cartel's energy ministers said after a "
    "meeting that ran late into the evening, and Russia signalled it would join with cuts of its own."
)


def report(title: str, source: str, date: str, body: str, **front: str) -> str:
    return article_text(title, date, body, source=source, **front)


FILES = {
    # One wire text carried by two outlets, and a third report of the same event in other words.
    # Outlets running one headline need slugs of their own (ingest writes them).
    "content/oil-reuters.md": report(
        "Oil jumps as OPEC agrees first output cut in eight years", "Reuters", "2021-03-02T09:00:00Z", WIRE, slug="oil-reuters"
    ),
    "content/oil-post.md": report(
        "Oil jumps as OPEC agrees first output cut in eight years",
        "The Daily Post",
        "2021-03-02T11:00:00Z",
        WIRE + " Copyright The Daily Post.",
        slug="oil-post",
    ),
    "content/oil-ap.md": report(
        "OPEC agrees to cut oil output in Vienna; Brent crude jumps",
        "AP",
        "2021-03-02T10:00:00Z",
        "OPEC members meeting in Vienna agreed on Tuesday to cut oil output by 1.2 million barrels a day from January, "
        "the group's first cut since 2008. Brent crude jumped more than 3 percent. Saudi Arabia will make the largest "
        "cut, and Russia said it would join.",
        slug="oil-ap",
    ),
    # Unrelated stories: a digest's day holds many, and what is rare is read against them.
    "content/rail.md": report("Rail strike halts trains across the north", "AP", "2021-03-02T12:00:00Z", "No trains ran on Tuesday."),
    "content/museum.md": report("City museum reopens its Roman gallery", "Local News", "2021-03-01T12:00:00Z", "The gallery reopened."),
}
OTHER_NEWS = [
    ("Storm knocks out power to thousands on the coast", "Winds of 120 km/h brought down lines overnight."),
    ("Central bank holds interest rates steady", "Policymakers voted to keep the benchmark rate unchanged."),
    ("Football club sacks its manager after five defeats", "The club said the decision was taken with regret."),
    ("New vaccine trial begins in three countries", "Researchers will enrol volunteers over six months."),
    ("Parliament passes the housing bill at last", "The bill caps rents for existing tenants."),
    ("Tech giant unveils a folding phone", "The device goes on sale next month at a high price."),
    ("Wildfire forces evacuations near the national park", "Firefighters battled the blaze through the night."),
    ("Airline cancels flights as pilots walk out", "Thousands of passengers were stranded at airports."),
    ("Court jails former mayor for corruption", "The judge said the crimes betrayed the public."),
    ("Scientists map the genome of an ancient wheat", "The work could help breeders make hardier crops."),
    ("Carmaker recalls a million vehicles over airbags", "Owners will be contacted by letter."),
    ("Film festival opens with a documentary on refugees", "The director thanked the families who took part."),
]
for number, (title, body) in enumerate(OTHER_NEWS):
    FILES[f"content/other-{number}.md"] = report(title, f"Outlet {number}", f"2021-03-0{1 + number % 3}T0{number % 9}:30:00Z", body)


def built(tmp_path: Path, files: dict[str, str] = FILES, config: str = MINIMAL_CONFIG) -> Path:
    root = make_project(tmp_path, config, files)
    build(load_config(root / "config.yaml")[0], BuildOptions(search=False))
    return root


def stories_json(root: Path, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["stories", "--json", "--config", str(root / "config.yaml")]) == 0
    out = capsys.readouterr().out
    return json.loads(out)  # nothing but the JSON on standard output


def group_of(records: list[dict], path: str) -> set[str]:
    return next(set(r["articles"]) for r in records if path in r["articles"])


def test_stories_json_puts_every_article_in_exactly_one_story(tmp_path, capsys):
    root = built(tmp_path)
    records = stories_json(root, capsys)
    paths = [p for r in records for p in r["articles"]]
    assert sorted(paths) == sorted(FILES) and len(set(paths)) == len(paths)
    assert group_of(records, "content/oil-reuters.md") == {"content/oil-reuters.md", "content/oil-post.md", "content/oil-ap.md"}
    assert group_of(records, "content/rail.md") == {"content/rail.md"}
    oil = next(r for r in records if "content/oil-ap.md" in r["articles"])
    assert oil["articles"][0] == "content/oil-reuters.md"  # the first report leads, the rest in time order
    assert oil["sources"] == ["Reuters", "AP", "The Daily Post"]
    assert all(len(r["articles"]) == 1 for r in records if r is not oil)
    assert oil["copies"] == [["content/oil-post.md", "content/oil-reuters.md"]]


def test_listings_show_one_entry_per_story_linking_its_full_coverage(tmp_path):
    site = built(tmp_path) / "_site"
    home = read_html(site / "index.html")
    titles = [h.get_text(strip=True) for h in home.select("h3.entry-title")]
    assert titles.count("Oil jumps as OPEC agrees first output cut in eight years") == 1
    assert "OPEC agrees to cut oil output in Vienna; Brent crude jumps" not in titles
    note = home.select_one(".entry-story")
    assert "Also carried by The Daily Post" in note.get_text() and "3 reports from 3 sources" in note.get_text()
    coverage = site / "stories" / "oil-reuters" / "index.html"  # the lead's slug is the story's id
    assert note.a["href"] == "stories/oil-reuters/"
    page = read_html(coverage)
    timeline = [h.get_text(strip=True) for h in page.select(".timeline h3")]
    assert timeline == [
        "Oil jumps as OPEC agrees first output cut in eight years",
        "OPEC agrees to cut oil output in Vienna; Brent crude jumps",
        "Oil jumps as OPEC agrees first output cut in eight years",
    ]
    assert "Reported by Reuters, AP, The Daily Post." in page.select_one(".story-sources").get_text()
    # Each report links its story; the unrelated ones do not.
    for name in ("oil-reuters", "oil-post", "oil-ap"):
        assert read_html(site / "2021/03" / name / "index.html").select_one(".story-coverage a")["href"] == "../../../stories/oil-reuters/"
    rail = read_html(site / "2021/03/rail-strike-halts-trains-across-the-north/index.html")
    assert rail.select_one(".story-coverage") is None
    assert "https://news.example.org/desk/stories/oil-reuters/" in sitemap_locations(site)


def test_the_editors_story_wins(tmp_path, capsys):
    files = dict(FILES)
    # Pinned together though nothing links them; the AP report kept apart though it is the same event.
    files["content/rail.md"] = report(
        "Rail strike halts trains across the north", "AP", "2021-03-02T12:00:00Z", "No trains.", story="strikes"
    )
    files["content/museum.md"] = report("City museum reopens its Roman gallery", "Local", "2021-03-01T12:00:00Z", "Open.", story="strikes")
    files["content/oil-ap.md"] = files["content/oil-ap.md"].replace("---\n\n", "story: false\n---\n\n", 1)
    records = stories_json(built(tmp_path, files), capsys)
    strikes = next(r for r in records if r["id"] == "strikes")
    assert strikes["articles"] == ["content/museum.md", "content/rail.md"] and strikes["pinned"]
    assert group_of(records, "content/oil-ap.md") == {"content/oil-ap.md"}
    assert group_of(records, "content/oil-post.md") == {"content/oil-reuters.md", "content/oil-post.md"}


def test_a_story_id_must_be_a_slug(tmp_path):
    root = make_project(tmp_path, MINIMAL_CONFIG, {"content/a.md": report("A", "AP", "2021-03-01T10:00:00Z", "x", story="'Big Story'")})
    assert main(["build", "--no-search", "--config", str(root / "config.yaml")]) == 1


def test_grouping_can_be_turned_off(tmp_path, capsys):
    root = built(tmp_path, config=MINIMAL_CONFIG + "stories:\n  group: false\n")
    assert not (root / "_site" / "stories").exists()
    home = read_html(root / "_site" / "index.html")
    assert len(home.select("h3.entry-title")) == min(len(FILES), 10)
    assert home.select_one(".entry-story") is None
    # Still every article in exactly one story, its own.
    records = stories_json(root, capsys)
    assert sorted(p for r in records for p in r["articles"]) == sorted(FILES) and all(len(r["articles"]) == 1 for r in records)


def test_stories_are_deterministic_and_incremental_equals_clean(tmp_path, capsys):
    first = built(tmp_path / "one")
    second = built(tmp_path / "two")
    assert stories_json(first, capsys) == stories_json(second, capsys)
    # An edit that splits the story, built incrementally, equals a clean build of the edited project.
    edited = first / "content" / "oil-ap.md"
    edited.write_text(edited.read_text().replace("---\n\n", "story: false\n---\n\n", 1))
    build(load_config(first / "config.yaml")[0], BuildOptions(search=False))
    clean = tmp_path / "clean"
    shutil.copytree(first, clean, ignore=shutil.ignore_patterns("_site", ".dateline-cache"))
    build(load_config(clean / "config.yaml")[0], BuildOptions(search=False))
    incremental = {p.relative_to(first / "_site"): p.read_bytes() for p in (first / "_site").rglob("*") if p.is_file()}
    fresh = {p.relative_to(clean / "_site"): p.read_bytes() for p in (clean / "_site").rglob("*") if p.is_file()}
    assert incremental.keys() == fresh.keys()
    assert [path for path in incremental if incremental[path] != fresh[path]] == []


@pytest.mark.parametrize(
    ("text", "fault"), [("stories:\n  window_days: 90\n", "window_days"), ("stories:\n  groups: true\n", "stories.groups")]
)
def test_stories_config_is_validated(tmp_path, text, fault, capsys):
    root = make_project(tmp_path, MINIMAL_CONFIG + text, {})
    assert main(["build", "--no-search", "--config", str(root / "config.yaml")]) == 1
    assert fault in capsys.readouterr().err


def test_stories_kept_from_the_last_build_equal_stories_grouped_afresh(monkeypatch):
    """The memo's shortcuts (reuse, and regrouping only the weeks an edit touched), compared with the plain path over random edits."""
    import random

    import dateline.story_groups as story_groups
    from dateline.config import parse_config
    from dateline.content import parse_article
    from dateline.markup import MarkdownRenderer
    from dateline.site import make_site

    config = parse_config(MINIMAL_CONFIG, Path("/project"))[0]
    renderer = MarkdownRenderer()
    rng = random.Random(7)
    names = ["OPEC", "Icahn", "eBay", "Gox", "Titanfall", "Sbarro", "Plosser", "Noyer", "Vienna", "Brent", "Putin", "Antonov"]
    words = ["cuts", "output", "rejects", "board", "bankruptcy", "review", "taper", "euro", "talks", "price", "shares", "deal"]
    plain_paths = []
    plain = story_groups.story_entries
    monkeypatch.setattr(story_groups, "story_entries", lambda *args: plain_paths.append(1) or plain(*args))

    def spec(number: int) -> dict:
        title = " ".join(rng.sample(names, 2) + rng.sample(words, 3)).capitalize()
        body = " ".join(rng.choice(names + words) for _ in range(rng.choice((10, 60))))
        day = rng.randint(1, 30)
        return {"title": title, "body": body, "day": day, "source": rng.choice(["AP", "Reuters", "AFP"]), "front": {}}

    def parsed(number: int, item: dict):
        when = f"2021-03-{item['day']:02d}T{number % 24:02d}:00:00Z"
        text = article_text(item["title"], when, item["body"], source=item["source"], **item["front"])
        result, problems = parse_article(f"content/s{number}.md", text, config, renderer)
        assert result is not None, problems
        return result

    specs = {n: spec(n) for n in range(90)}
    # Copies of one text on neighbouring days, so that copy sets and stories cross weeks too.
    for n in range(0, 90, 9):
        specs[n + 1] = {**specs[n], "day": min(30, specs[n]["day"] + 1), "source": "AFP"}
    memo, reused, regrouped, patched = None, 0, 0, 0
    ordinary = ["title", "body", "date", "add", "remove"]
    kinds = ordinary * 3 + ["pin", "split", "unpin", "tags", "address", "none"]
    for step in range(120):
        number = rng.choice(sorted(specs))
        edit = rng.choice(kinds)
        if edit == "title":
            specs[number]["title"] = spec(number)["title"]
        elif edit == "body":
            specs[number]["body"] = spec(number)["body"]
        elif edit == "date":
            specs[number]["day"] = rng.randint(1, 30)
        elif edit == "add":
            specs[max(specs) + 1] = {**rng.choice(list(specs.values())), "source": "UPI"} if rng.random() < 0.5 else spec(0)
        elif edit == "remove" and len(specs) > 40:
            del specs[number]
        elif edit in ("pin", "split"):
            specs[number]["front"] = {**specs[number]["front"], "story": "pinned" if edit == "pin" else "false"}
        elif edit == "unpin":
            specs[number]["front"] = {key: value for key, value in specs[number]["front"].items() if key not in ("story", "source_url")}
        elif edit == "address":  # reports of one address are one story, whatever their words
            specs[number]["front"] = {**specs[number]["front"], "source_url": f"https://news.example/{rng.randrange(3)}"}
        elif edit == "tags":  # not read by grouping: the kept stories stay
            specs[number]["front"] = {**specs[number]["front"], "tags": f"[Tag {step}]"}
        articles = [parsed(n, item) for n, item in specs.items()]
        before = memo
        plain_paths.clear()
        kept, _, memo = make_site(config, articles, memo)
        if before is not None and memo.stories is before.stories:
            reused += 1
        elif edit in ("tags", "none") and before is not None:
            raise AssertionError(f"step {step}: an edit grouping does not read regrouped the site")
        elif before is not None and edit in ordinary:
            regrouped += 1
            patched += not plain_paths
        fresh, _, fresh_memo = make_site(config, articles)
        assert kept.stories == fresh.stories, (step, edit)
        # What the next build starts from is the same too, whichever path made it.
        for name in ("entries", "leads", "order", "keys"):
            assert getattr(memo.stories, name) == getattr(fresh_memo.stories, name), (step, edit, name)
        for name in ("paths", "renamed", "block_keys"):
            assert getattr(memo.stories, name) == getattr(fresh_memo.stories, name), (step, edit, name)
    assert reused and any(len(s.articles) > 1 for s in fresh.stories) and any(s.copies for s in fresh.stories)
    # Many ordinary edits regrouped only the weeks they touched; those near a pin, an address or a slug another story
    # holds took the plain path (the shares vary with the stories the random corpus makes; every step was compared).
    assert regrouped / 3 <= patched < regrouped, (patched, regrouped)


def test_a_story_across_the_seam_of_two_weeks_is_one_story(tmp_path, capsys):
    # Blocks of days are grouped on their own (so an edit regroups one week); stories crossing
    # from Sunday night into Monday are stitched back together.
    files = dict(FILES)
    files["content/oil-reuters.md"] = files["content/oil-reuters.md"].replace("2021-03-02T09:00:00Z", "2021-03-07T22:00:00Z")
    files["content/oil-ap.md"] = files["content/oil-ap.md"].replace("2021-03-02T10:00:00Z", "2021-03-07T23:00:00Z")
    files["content/oil-post.md"] = files["content/oil-post.md"].replace("2021-03-02T11:00:00Z", "2021-03-08T01:00:00Z")
    records = stories_json(built(tmp_path, files), capsys)
    oil = group_of(records, "content/oil-post.md")
    assert oil == {"content/oil-reuters.md", "content/oil-ap.md", "content/oil-post.md"}
    story = next(r for r in records if "content/oil-post.md" in r["articles"])
    assert story["copies"] == [["content/oil-post.md", "content/oil-reuters.md"]]


def test_grouping_with_kept_blocks_equals_grouping_afresh_and_reuses_unchanged_weeks():
    """The block cache's shortcut, compared with the plain path on generated weeks of news."""
    import random
    from datetime import UTC, datetime, timedelta

    from dateline.grouping import BlockCache, StoryInput, stories_and_copies, story_features

    rng = random.Random(11)
    names = ["OPEC", "Icahn", "eBay", "Gox", "Titanfall", "Sbarro", "Plosser", "Noyer", "Vienna", "Brent", "Putin", "Antonov"]
    words = ["cuts", "output", "rejects", "board", "bankruptcy", "review", "taper", "euro", "talks", "price", "shares", "deal"]
    start = datetime(2021, 3, 1, tzinfo=UTC)

    def item(number: int) -> StoryInput:
        title = " ".join(rng.sample(names, 2) + rng.sample(words, 2))
        body = " ".join(rng.choice(names + words) for _ in range(rng.choice((0, 50))))
        moment = start + timedelta(hours=rng.randrange(24 * 35))
        return StoryInput(f"content/{number}.md", title, body, moment, rng.choice(["AP", "Reuters", "AFP"]))

    items = [item(n) for n in range(300)]
    previous: dict = {}
    for step in range(8):
        changed = rng.randrange(len(items))
        if step % 2:
            items[changed] = item(changed)
        else:  # an added article shifts every later index: kept answers must not depend on them
            items.insert(changed, item(1000 + step))
        features = [story_features(i) for i in items]
        keys = [f"{i.key}\0{i.title}\0{i.moment.isoformat()}\0{i.source}\0{f!r}" for i, f in zip(items, features, strict=True)]
        cache = BlockCache(previous)
        kept = stories_and_copies(items, features, 3, item_keys=keys, cache=cache)
        assert kept == stories_and_copies(items, features, 3), step
        reused = sum(1 for key in cache.used if key in previous and key[0] == "block")
        if previous:
            assert reused >= 3, step  # five weeks, one edit: at least three weeks kept
        previous = cache.used
    assert any(len(group) > 1 for group in kept[0])


def test_reports_of_one_address_are_one_story_and_copies(tmp_path, capsys):
    files = dict(FILES)
    # The same story filed twice, from a feed's entry and from the saved page: different words, one address.
    address = "https://news.example.org/2021/03/museum"
    files["content/museum.md"] = report(
        "City museum reopens its Roman gallery", "Local News", "2021-03-01T12:00:00Z", "The gallery reopened.", source_url=address
    )
    files["content/museum-feed.md"] = report(
        "Roman finds back on show", "Local News feed", "2021-03-01T13:00:00Z", "Visitors queued from dawn.", source_url=address
    )
    root = built(tmp_path, files)
    records = stories_json(root, capsys)
    assert group_of(records, "content/museum.md") == {"content/museum.md", "content/museum-feed.md"}
    page = read_html(root / "_site" / "2021" / "03" / "roman-finds-back-on-show" / "index.html")
    assert page.select_one("a.source-link")["href"] == address


def test_grouping_in_worker_processes_equals_grouping_in_one(monkeypatch):
    """The parallel path (blocks and seams in forked workers), compared with the plain one on generated months of news."""
    import random
    from datetime import UTC, datetime, timedelta

    from dateline import grouping
    from dateline.grouping import BlockCache, StoryInput, stories_and_copies, story_features

    rng = random.Random(23)
    names = ["OPEC", "Icahn", "eBay", "Gox", "Titanfall", "Sbarro", "Plosser", "Noyer", "Vienna", "Brent", "Putin", "Antonov"]
    words = ["cuts", "output", "rejects", "board", "bankruptcy", "review", "taper", "euro", "talks", "price", "shares", "deal"]
    start = datetime(2021, 1, 4, tzinfo=UTC)
    items = [
        StoryInput(
            f"content/{n}.md",
            " ".join(rng.sample(names, 2) + rng.sample(words, 2)),
            " ".join(rng.choice(names + words) for _ in range(rng.choice((0, 50)))),
            start + timedelta(hours=rng.randrange(24 * 7 * 12)),
            rng.choice(["AP", "Reuters", "AFP"]),
        )
        for n in range(500)
    ]
    features = [story_features(i) for i in items]
    keys = [f"{i.key}\0{i.title}" for i in items]
    monkeypatch.setattr(grouping, "PARALLEL_BLOCKS", 2)  # twelve weeks: both blocks and seams go to workers
    plain = stories_and_copies(items, features, 3, processes=1)
    cache = BlockCache()
    parallel = stories_and_copies(items, features, 3, item_keys=keys, cache=cache, processes=2)
    assert parallel == plain and any(len(group) > 1 for group in plain[0])
    assert sum(key[0] == "block" for key in cache.used) == 12 and sum(key[0] == "seam" for key in cache.used) == 11
    # Kept from the parallel run, the answer is the same again.
    assert stories_and_copies(items, features, 3, item_keys=keys, cache=BlockCache(cache.used), processes=1) == plain
