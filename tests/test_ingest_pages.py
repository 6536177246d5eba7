"""Ingest end to end: tiny projects in tmp_path, seeds in, content pages out, editors' work kept."""

from __future__ import annotations

import os
import random
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dateline import ingest
from dateline.config import parse_config
from dateline.content import split_front_matter
from dateline.ingest import ingest_seeds
from dateline.ingest.topics import TopicModel
from dateline.ingest.write import is_unedited, scan_pages
from dateline.markup import MarkdownRenderer

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SAMPLE = FIXTURES / "000_9c5e82f933cbf2fe.txt"
CONFIG = """\
title: Test
topics:
  - name: World
    keywords: [ambassador, embassy, diplomat, sanctions]
  - name: Sport
    keywords: [match, goal, championship, coach]
ingest:
  default_date: 2024-01-15
  max_tags: 3
"""


def project(root: Path, config_text: str = CONFIG):
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "config.yaml").write_text(config_text, encoding="utf-8")
    config, _ = parse_config(config_text, root)
    return config


def seed(root: Path, name: str, text: str | bytes) -> Path:
    path = root / "seeds" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def front_of(root: Path, page: str) -> dict:
    return split_front_matter((root / page).read_text(encoding="utf-8"), page).data


def test_sample_seed_becomes_a_page(tmp_path):
    config = project(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "seeds" / SAMPLE.name)
    report = ingest_seeds(config)
    (result,) = report.results
    assert result.status == "written" and result.seed == f"seeds/{SAMPLE.name}"
    assert result.page == "content/2021/russian-ambassador-to-the-united-states-anatoly-antonov-will-leave-washington.md"
    front = front_of(tmp_path, result.page)
    assert list(front) == ["title", "date", "location", "source", "summary", "topics", "tags", "seed", "seed_sha256", "generated_sha256"]
    assert (front["location"], front["source"], front["date"]) == ("WASHINGTON", "UrduPoint News / Sputnik", date(2021, 3, 20))
    assert front["topics"] == ["World"] and front["seed"] == f"seeds/{SAMPLE.name}"
    assert len(front["tags"]) <= 3 and "Joe Biden" in front["tags"]
    assert "WASHINGTON" in result.line and "UrduPoint News / Sputnik" in result.line and "World" in result.line
    assert report.summary() == "ingest: 1 written, 0 skipped, 0 refused"


def test_tags_are_written_with_the_names_config_declares(tmp_path):
    declared = CONFIG + "tags:\n  - name: President Biden\n    aliases: [Joe Biden]\n  - name: Russian Federation\n    aliases: [RUSSIA]\n"
    config = project(tmp_path, declared)
    shutil.copy(SAMPLE, tmp_path / "seeds" / SAMPLE.name)
    (result,) = ingest_seeds(config).results
    tags = front_of(tmp_path, result.page)["tags"]
    assert "President Biden" in tags and "Joe Biden" not in tags
    assert "Russian Federation" in tags and "Russia" not in tags  # aliases match whatever their case


def test_output_is_deterministic(tmp_path):
    pages = []
    for name in ("one", "two"):
        config = project(tmp_path / name)
        shutil.copy(SAMPLE, tmp_path / name / "seeds" / "a.txt")
        (result,) = ingest_seeds(config).results
        pages.append((tmp_path / name / result.page).read_bytes())
    assert pages[0] == pages[1]


def test_body_renders_literally(tmp_path):
    config = project(tmp_path)
    hostile = (
        "Hostile markup test\n\n<script>alert(1)</script> and *stars* and [x](http://evil.example) here.\n\n"
        "# not a heading\n\n    indented code?\n\n1. not a list\n\n---\n\n=====\n"
    )
    seed(tmp_path, "hostile.txt", hostile)
    (result,) = ingest_seeds(config).results
    body = split_front_matter((tmp_path / result.page).read_text(encoding="utf-8"), result.page).body
    soup = BeautifulSoup(MarkdownRenderer().render(body), "html.parser")
    assert soup.find("script") is None and soup.find("a") is None and soup.find("h1") is None and soup.find("h2") is None
    assert soup.find("em") is None and soup.find("pre") is None and soup.find("ol") is None and soup.find("hr") is None
    text = soup.get_text()
    for literal in ("<script>alert(1)</script>", "*stars*", "[x](http://evil.example)", "# not a heading", "1. not a list"):
        assert literal in text


def test_unreadable_seeds_are_reported_not_fatal(tmp_path):
    config = project(tmp_path)
    seed(tmp_path, "a-empty.txt", b"")
    seed(tmp_path, "b-binary.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 20)
    seed(tmp_path, "c-good.txt", "Good story\n\nA good story about a match and a goal.\n")
    seed(tmp_path, ".hidden.txt", "Hidden\n\nNever ingested.\n")
    report = ingest_seeds(config)
    assert [(r.seed, r.status) for r in report.results] == [
        ("seeds/a-empty.txt", "unreadable"),
        ("seeds/b-binary.bin", "unreadable"),
        ("seeds/c-good.txt", "written"),
    ]
    assert "empty" in report.results[0].line and "binary" in report.results[1].line
    assert report.summary() == "ingest: 1 written, 0 skipped, 0 refused, 2 unreadable"


def test_second_run_skips_and_does_not_train(tmp_path, monkeypatch):
    config = project(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "seeds" / "a.txt")
    (first,) = ingest_seeds(config).results
    before = (tmp_path / first.page).read_bytes()

    def no_training(_config):
        raise AssertionError("the topic model must not be trained when nothing needs writing")

    monkeypatch.setattr(ingest, "train_topic_model", no_training)
    (second,) = ingest_seeds(config).results
    assert second.status == "skipped" and second.page == first.page and "already ingested" in second.line
    assert (tmp_path / first.page).read_bytes() == before


def test_moved_and_renamed_page_still_matched(tmp_path):
    config = project(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "seeds" / "a.txt")
    (first,) = ingest_seeds(config).results
    moved = tmp_path / "content" / "archive" / "deep" / "renamed.md"
    moved.parent.mkdir(parents=True)
    os.replace(tmp_path / first.page, moved)
    (second,) = ingest_seeds(config).results
    assert (second.status, second.page) == ("skipped", "content/archive/deep/renamed.md")
    # The seed renamed too: matched by its hash.
    os.replace(tmp_path / "seeds" / "a.txt", tmp_path / "seeds" / "b.txt")
    (third,) = ingest_seeds(config).results
    assert (third.status, third.page) == ("skipped", "content/archive/deep/renamed.md")


def test_changed_seed_is_reported_and_update_rewrites_unedited_page(tmp_path):
    config = project(tmp_path)
    path = seed(tmp_path, "story.txt", "Team wins the match\n\nThe team won the match with a late goal.\n")
    (first,) = ingest_seeds(config).results
    page = tmp_path / first.page
    assert is_unedited(page)
    path.write_text("Team wins the match\n\nThe team won the match with a late goal from the coach's son.\n", encoding="utf-8")
    (changed,) = ingest_seeds(config).results
    assert changed.status == "changed" and "--update" in changed.line and first.page in changed.line
    (updated,) = ingest_seeds(config, update=True).results
    assert (updated.status, updated.page) == ("updated", first.page)
    assert "coach's son" in page.read_text(encoding="utf-8") and is_unedited(page)
    assert list((tmp_path / "content").rglob("*.md")) == [page]
    (again,) = ingest_seeds(config, update=True).results
    assert again.status == "skipped"


def test_update_refuses_an_edited_page(tmp_path):
    config = project(tmp_path)
    path = seed(tmp_path, "story.txt", "Team wins the match\n\nThe team won the match with a late goal.\n")
    (first,) = ingest_seeds(config).results
    page = tmp_path / first.page
    edited = page.read_text(encoding="utf-8").replace("late goal", "late, brilliant goal")
    page.write_text(edited, encoding="utf-8")
    path.write_text("Team wins the match\n\nThe team won the match with a goal.\n", encoding="utf-8")
    (refused,) = ingest_seeds(config, update=True).results
    assert refused.status == "refused" and first.page in refused.line and "by hand" in refused.line
    assert page.read_text(encoding="utf-8") == edited


def test_edited_page_never_overwritten_by_plain_ingest(tmp_path):
    config = project(tmp_path)
    seed(tmp_path, "story.txt", "Team wins the match\n\nThe team won the match with a late goal.\n")
    (first,) = ingest_seeds(config).results
    page = tmp_path / first.page
    page.write_text("---\ntitle: Mine now\ndate: 2024-01-01\nseed: seeds/story.txt\n---\n\nMy words.\n", encoding="utf-8")
    for update in (False, True):
        (second,) = ingest_seeds(config, update=update).results
        assert second.status == "skipped"
        assert page.read_text(encoding="utf-8").endswith("My words.\n")


def test_slug_clash_gets_a_number_and_its_own_slug(tmp_path):
    config = project(tmp_path)
    existing = tmp_path / "content" / "2024" / "team-wins-the-match.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\ntitle: Team wins the match\ndate: 2024-01-01\n---\n\nBy hand.\n", encoding="utf-8")
    seed(tmp_path, "a.txt", "Team wins the match\n\nThe team won the match.\n")
    seed(tmp_path, "b.txt", "Team wins the match\n\nThe team won the match again.\n")
    results = ingest_seeds(config).results
    assert [r.page for r in results] == ["content/2024/team-wins-the-match-2.md", "content/2024/team-wins-the-match-3.md"]
    assert front_of(tmp_path, results[0].page)["slug"] == "team-wins-the-match-2"
    assert existing.read_text(encoding="utf-8").endswith("By hand.\n")


@pytest.mark.parametrize(
    "title", ["../../../etc/passwd", "..", "/", "CON", "a" * 300, "\u00c9t\u00e9 \u00e0 Z\u00fcrich \u2014 \u65e5\u672c"]
)
def test_slugs_are_safe(tmp_path, title):
    config = project(tmp_path)
    seed(tmp_path, "x.txt", f"{title}\n\nSomething happened in the story today.\n")
    (result,) = ingest_seeds(config).results
    page = (tmp_path / result.page).resolve()
    assert page.is_relative_to((tmp_path / "content").resolve())
    slug = page.stem
    assert slug == slug.lower() and len(slug) <= 80 and len(slug.encode()) <= 200 and ".." not in slug and "/" not in slug and slug


def test_topics_learned_from_filed_articles(tmp_path):
    config = project(tmp_path, "title: T\ningest:\n  default_date: 2024-01-15\n")
    folder = tmp_path / "content" / "filed"
    folder.mkdir()
    stories = {
        "Markets": "shares stocks investors market index trading prices fell rose bank interest rates bond",
        "Weather": "rain storm snow wind forecast temperatures cold heat flood weather clouds",
    }
    for topic, words in stories.items():
        for number in range(3):
            (folder / f"{topic}-{number}.md").write_text(
                f"---\ntitle: {topic} {number}\ndate: 2024-01-01\ntopics: [{topic}]\n---\n\n{words}\n", encoding="utf-8"
            )
    seed(tmp_path, "a.txt", "Storm warning\n\nA storm will bring rain, snow and wind, the forecast says; temperatures fall.\n")
    seed(tmp_path, "b.txt", "Nothing in common\n\nA quiet poem about a lighthouse keeper and his cat.\n")
    first, second = ingest_seeds(config).results
    assert front_of(tmp_path, first.page)["topics"] == ["Weather"]
    assert "topics" not in front_of(tmp_path, second.page)
    assert "no topic" in second.line


def test_topic_model_threshold_and_keywords():
    model = TopicModel()
    model.learn("rain storm snow wind", ["Weather"])
    model.learn("shares stocks market bank", ["Markets"])
    assert model.classify("heavy rain and snow", 0.5).topics == ("Weather",)
    assert model.classify("heavy rain and snow", 1.01).topics == ()
    assert model.classify("nothing known here", 0.5).topics == ()


def test_explicit_paths_and_seeds_outside_seeds_folder(tmp_path):
    config = project(tmp_path)
    elsewhere = tmp_path / "inbox" / "wire.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_text("LONDON (Reuters) - A diplomat said the embassy would close.\n", encoding="utf-8")
    (result,) = ingest_seeds(config, [elsewhere]).results
    front = front_of(tmp_path, result.page)
    assert result.seed == "inbox/wire.txt" and front["seed"] == "inbox/wire.txt"
    assert (front["location"], front["source"], front["date_inferred"], front["date"]) == ("LONDON", "Reuters", True, date(2024, 1, 15))
    assert front["title"] == "A diplomat said the embassy would close"


def test_scan_reads_quoted_seed_paths(tmp_path):
    config = project(tmp_path)
    seed(tmp_path, "it's: a #1 story.txt", "A story\n\nSomething happened in the story today.\n")
    (first,) = ingest_seeds(config).results
    records = scan_pages(config.content_dir, config.root)
    assert [r.seed for r in records] == ["seeds/it's: a #1 story.txt"]
    assert ingest_seeds(config).results[0].status == "skipped" != first.status


# Real leads from news sites in each language (issue 12): (seed text, language, words the title must keep); the Urdu
# lead's dateline names Islamabad in Urdu, which the gazetteer knows (big cities' names in other scripts).
FOREIGN_DATELINES = {"urdu": "اسلام آباد"}
FOREIGN_SEEDS = {
    "urdu": (
        "اسلام آباد: پاکستان کے وزیر خارجہ نے ہفتے کو کہا کہ حکومت بھارت کے ساتھ بات چیت کے لیے تیار ہے۔\n\n"
        "انہوں نے صحافیوں کو بتایا کہ دونوں ممالک کو مسائل کا پرامن حل تلاش کرنا چاہیے۔\n",
        "ur",
        "پاکستان کے وزیر خارجہ",
    ),
    "arabic": ("غادر السفير الروسي واشنطن يوم السبت للتشاور في موسكو.\n\nوقالت السفارة إن الزيارة كانت مقررة.\n", "ar", "السفير الروسي"),
    "chinese": (
        "中国外交部发言人20日表示，中方愿同各方加强沟通。发言人在例行记者会上作上述表示。\n\n中方一贯主张通过对话协商解决分歧。\n",
        "zh",
        "中国外交部发言人",
    ),
    "hindi": (
        "केंद्र सरकार ने शनिवार को कहा कि देश में बारिश से फसलों को नुकसान हुआ है।\n\nकृषि मंत्री ने कहा कि किसानों को मुआवजा दिया जाएगा।\n",
        "hi",
        "केंद्र सरकार",
    ),
    "russian": (
        "Посол России покинул Вашингтон в субботу для консультаций в Москве.\n\nОб этом сообщило посольство.\n",
        "ru",
        "Посол России",
    ),
}


@pytest.mark.parametrize("language", FOREIGN_SEEDS)
def test_a_seed_in_another_language_is_ingested_whole_and_says_what_it_could_not_read(tmp_path, language):
    text, tag, title_words = FOREIGN_SEEDS[language]
    config = project(tmp_path)
    seed(tmp_path, "story.txt", text)
    (result,) = ingest_seeds(config).results
    front = front_of(tmp_path, result.page)
    assert title_words in front["title"] and front["language"] == tag
    body = (tmp_path / result.page).read_text(encoding="utf-8").split("---", 2)[2]
    first_paragraph = text.split("\n\n")[0].strip()
    place = FOREIGN_DATELINES.get(language)
    if place:
        assert front["location"] == place and first_paragraph.removeprefix(f"{place}: ")[:20] in body
    else:
        assert first_paragraph[:20] in body  # the lede is kept, not taken away as a headline
        assert "no dateline read" in result.line
    assert "inferred: no date in the text" in result.line
    assert f"no topic (the topic model knows the site's language, not {tag})" in result.line
    assert "topics" not in front


def test_an_english_seed_gets_no_language_tag(tmp_path):
    config = project(tmp_path)
    seed(tmp_path, "story.txt", "LONDON (Reuters) - Britain's finance minister said on Tuesday the budget would be cut.\n")
    (result,) = ingest_seeds(config).results
    assert "language" not in front_of(tmp_path, result.page)


def test_filed_sample_caps_each_topic_and_spreads_over_the_archive():
    filed = [(f"text {i}", ["World"] if i % 4 else ["World", "Sport"]) for i in range(1000)]
    chosen = ingest.filed_sample(len(filed), filed.__getitem__, 100)
    counts = {topic: sum(topic in topics for _, topics in chosen) for topic in ("World", "Sport")}
    assert counts["World"] <= 100 + counts["Sport"] and counts["Sport"] <= 100 + counts["World"]
    assert max(counts.values()) >= 100  # every topic is learned from as many as the cap allows
    positions = [int(text.split()[1]) for text, _ in chosen]
    assert positions == sorted(positions) and positions[0] < 100 and positions[-1] > 900  # spread, in order
    assert ingest.filed_sample(50, filed.__getitem__, 100) == filed[:50]  # under the cap: everything
    assert ingest.filed_sample(len(filed), filed.__getitem__, 100) == chosen  # deterministic


@pytest.mark.parametrize("seed", range(8))
def test_filed_sample_stopping_once_every_topic_is_full_equals_reading_every_page(seed):
    rng = random.Random(seed)
    declared = {f"T{n}" for n in range(rng.randint(1, 5))}
    pages = [
        None if rng.random() < 0.3 else (f"page {i}", rng.sample(sorted(declared), rng.randint(1, min(2, len(declared)))))
        for i in range(rng.randint(0, 700))
    ]
    read = []
    limit = rng.choice([1, 5, 40, 200])
    early = ingest.filed_sample(len(pages), lambda position: read.append(position) or pages[position], limit, declared)
    assert early == ingest.filed_sample(len(pages), pages.__getitem__, limit)
    if all(sum(topic in page[1] for page in pages if page) >= limit for topic in declared):
        assert pages[read[-1]] in early  # reading stopped at the page that filled the last topic
    else:
        assert sorted(read) == list(range(len(pages)))
    archive = [(f"page {i}", ["World"]) for i in range(1000)]
    read.clear()
    ingest.filed_sample(len(archive), lambda position: read.append(position) or archive[position], 100, {"World"})
    assert len(read) == 100


def test_front_matter_from_libyaml_equals_the_pure_python_emitter_on_generated_pages():
    """The fast path (libyaml's emitter) against PyYAML's own, on fronts full of YAML's special characters."""
    import random
    from datetime import UTC, datetime

    import yaml

    from dateline.ingest import write

    class PlainDumper(yaml.SafeDumper):
        pass

    for kind, represent in write._PageDumper.yaml_representers.items():
        if kind in (datetime, list):
            PlainDumper.add_representer(kind, represent)
    rng = random.Random(3)
    alphabet = "abcXYZ :'\"#-–—éüç中文ـ\\{}[],&*!|>%@`?\t0123456789.\u2028"

    def text(longest: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))

    for _ in range(400):
        front = {
            "title": text(80),
            "date": datetime(2020, 1, rng.randint(1, 28), rng.randint(0, 23), tzinfo=UTC),
            "location": text(20),
            "summary": text(300),
            "topics": [text(10) for _ in range(rng.randint(0, 3))],
            "date_inferred": rng.random() < 0.5,
        }
        assert yaml.dump(front, Dumper=write._PageDumper, **write.PAGE_YAML_OPTIONS) == yaml.dump(
            front, Dumper=PlainDumper, **write.PAGE_YAML_OPTIONS
        ), front


def _generated_seeds(rng: random.Random, count: int) -> dict[str, str]:
    # Few headlines and few days: most pages compete for a name, so the -2, -3 ... choice is exercised.
    headlines = ["Oil prices rise", "Talks resume in Geneva", "Storm hits coast", "Election results delayed"]
    places = ["LONDON (Reuters)", "GENEVA (AFP)", "TOKYO (Kyodo)", "NAIROBI (AP)"]
    return {
        f"seed-{n:03d}.txt": f"{rng.choice(headlines)}\n\n{rng.choice(places)} - "
        f"{' '.join(rng.choices(['ambassador', 'match', 'goal', 'sanctions', 'coach', 'market', 'rain'], k=rng.randint(8, 40)))}.\n"
        for n in range(count)
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rng_seed", range(4))
def test_pages_written_on_threads_equal_pages_written_one_by_one(tmp_path, monkeypatch, rng_seed):
    # A few pages may wait at a time here, so the bound on pages on their way is exercised too.
    monkeypatch.setattr(ingest, "PAGES_ON_THEIR_WAY", 3)
    rng = random.Random(rng_seed)
    first, second = _generated_seeds(rng, rng.randint(5, 40)), _generated_seeds(rng, rng.randint(5, 40))
    changed = rng.sample(sorted(first), min(3, len(first)))
    runs = {}
    for writers in (0, 3):
        root = tmp_path / f"writers-{writers}"
        config = project(root)
        # A page already filed under a headline's name: new pages must step around it.
        (root / "content" / "2024").mkdir(parents=True)
        (root / "content" / "2024" / "oil-prices-rise.md").write_text("---\ntitle: Mine\ndate: 2024-01-01\n---\nMine.\n")
        lines = []
        for name, text in first.items():
            seed(root, name, text)
        lines += [r.line for r in ingest_seeds(config, writers=writers).results]
        for name, text in second.items():
            seed(root, f"later-{name}", text)
        for name in changed:
            seed(root, name, first[name] + "A correction was added.\n")
        lines += [r.line for r in ingest_seeds(config, update=True, writers=writers).results]
        runs[writers] = (_tree(root), lines)
    assert runs[0] == runs[3]
    assert sum("updated" in line or "→" in line for line in runs[0][1]) >= len(first) + len(second)


@pytest.mark.parametrize("writers", [0, 2])
def test_a_content_folder_linked_out_of_the_project_gets_no_page(tmp_path, writers):
    config = project(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "site" / "content" / "1987").symlink_to(elsewhere, target_is_directory=True)
    seed(tmp_path / "site", "old.txt", "Old story\n\nLONDON, March 3 1987 (Reuters) - A story of 1987 about sanctions.\n")
    seed(tmp_path / "site", "new.txt", "New story\n\nLONDON, March 3 2024 (Reuters) - A story of 2024 about sanctions.\n")
    report = ingest_seeds(config, writers=writers)
    old, new = sorted(report.results, key=lambda r: r.seed)[::-1]
    assert (old.status, new.status) == ("refused", "written"), report.results
    assert "outside" in old.line and "1987" in old.line
    assert list(elsewhere.iterdir()) == []
