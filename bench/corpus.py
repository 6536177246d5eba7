"""Make a deterministic digest corpus of N articles from the real texts in ../shared/corpus.

    python bench/corpus.py --n 10000 --out bench/work/10000

writes a Dateline project (config.yaml, content/, themes/ copied from this checkout) and the
same articles in Pelican's and Hugo's native formats, each with the minimal site from
bench/peers/ (pelican/: pelicanconf.py, theme/, content/; hugo/: config.toml, layouts/,
static/, content/posts/), so the three generators build the same pages side by side:
article pages, the home page and one page per topic paginated 10 a page, monthly archive
pages, feeds and the sitemap.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
PEERS = REPO / "bench" / "peers"
TOPICS = ("Business", "Entertainment", "Politics", "Sport", "Technology", "World", "Markets", "Energy")
START = datetime(2019, 1, 1, 6, 0, tzinfo=UTC)


def source_texts(shared: Path) -> list[tuple[str, str, str]]:
    """(title, body, topic) for every corpus article, in a fixed order."""
    texts = []
    bbc = shared / "corpus" / "bbc"
    for folder in sorted(p for p in bbc.iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_bytes().decode("utf-8", errors="replace")
            title, _, body = raw.strip().partition("\n")
            texts.append((title.strip(), body.strip(), {"tech": "Technology"}.get(folder.name, folder.name.capitalize())))
    reuters = shared / "corpus" / "reuters21578"
    expected = json.loads((reuters / "expected.json").read_text())
    for name in sorted(expected):
        raw = (reuters / "seeds" / name).read_text(encoding="utf-8", errors="replace")
        title, _, body = raw.strip().partition("\n")
        topic = "Markets" if expected[name]["topics"] else ("Energy" if "oil" in body.lower() else "World")
        paragraphs = [" ".join(p.split()) for p in body.replace("\n    ", "\n\n").split("\n\n") if p.strip()]
        texts.append((title.strip().title(), "\n\n".join(paragraphs[:-1] or paragraphs), topic))
    return texts


def yaml_string(text: str) -> str:
    """Quote a one-line string for YAML (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def story_tags(title: str, body: str) -> list[str]:
    """The tags ingest would write for a story: the names it mentions most (up to 5)."""
    sys.path.insert(0, str(REPO))
    from dateline.ingest.tags import extract_tags

    return extract_tags(title, [line for line in body.split("\n") if line.strip()], 5)


def make_corpus(n: int, out: Path, shared: Path, tags: bool = False) -> None:
    """Write the Dateline, Pelican and Hugo projects for `n` articles into `out` (with `tags`: ingest's tags in Dateline's)."""
    texts = source_texts(shared)
    tags_of: dict[int, list[str]] = {}
    if out.exists():
        shutil.rmtree(out)
    content = out / "content"
    pelican = out / "pelican" / "content"
    hugo = out / "hugo" / "content" / "posts"
    for folder in (content, pelican, hugo):
        folder.mkdir(parents=True)
    for index in range(n):
        title, body, topic = texts[index % len(texts)]
        if tags and index % len(texts) not in tags_of:
            tags_of[index % len(texts)] = story_tags(title, body)
        tag_line = f"tags: {json.dumps(tags_of[index % len(texts)], ensure_ascii=False)}\n" if tags else ""
        cycle = index // len(texts)
        if cycle:
            title = f"{title} ({cycle + 1})"
        # About 14 articles a day, at varied times, over the years N needs.
        moment = START + timedelta(minutes=103 * index)
        second_topic = TOPICS[(index * 7) % len(TOPICS)]
        topics = [topic] if second_topic == topic else [topic, second_topic]
        slug = f"a{index:06d}"
        summary = " ".join(body.split()[:40])
        date = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        (content / f"{slug}.md").write_text(
            f"---\ntitle: {yaml_string(title)}\ndate: {date}\nslug: {slug}\ntopics: {json.dumps(topics)}\n"
            f"{tag_line}summary: {yaml_string(summary)}\n---\n\n{body}\n",
            encoding="utf-8",
        )
        (pelican / f"{slug}.md").write_text(
            f"Title: {title}\nDate: {moment.strftime('%Y-%m-%d %H:%M')}\nSlug: {slug}\nCategory: {topic}\n"
            f"Tags: {', '.join(topics)}\nSummary: {summary}\n\n{body}\n",
            encoding="utf-8",
        )
        # Hugo has no month archive: a second taxonomy ("archive") whose terms are months.
        (hugo / f"{slug}.md").write_text(
            f"---\ntitle: {yaml_string(title)}\ndate: {date}\nslug: {slug}\ntopics: {json.dumps(topics)}\n"
            f'archive: ["{moment.strftime("%Y-%m")}"]\nsummary: {yaml_string(summary)}\n---\n\n{body}\n',
            encoding="utf-8",
        )
    topics_yaml = "".join(f"  - name: {t}\n" for t in TOPICS)
    (out / "config.yaml").write_text(
        f"title: Benchmark digest\nbase_url: https://example.com/\npaginate: 10\nfeed_limit: 20\ntopics:\n{topics_yaml}",
        encoding="utf-8",
    )
    # A copy, not a link: Dateline refuses theme files whose real path is outside the project.
    shutil.copytree(REPO / "themes", out / "themes")
    # The peers' minimal sites (bench/peers/), copied so each corpus folder is self-contained.
    shutil.copy2(PEERS / "pelican" / "pelicanconf.py", out / "pelican" / "pelicanconf.py")
    shutil.copytree(PEERS / "pelican" / "theme", out / "pelican" / "theme")
    shutil.copy2(PEERS / "hugo" / "config.toml", out / "hugo" / "config.toml")
    shutil.copytree(PEERS / "hugo" / "layouts", out / "hugo" / "layouts")
    shutil.copytree(PEERS / "hugo" / "static", out / "hugo" / "static")


def main() -> int:
    """Parse arguments and write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to (re)create")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder with corpus/")
    parser.add_argument(
        "--tags", action="store_true", help="give Dateline's articles the tags ingest would write (tag pages; the peers get none)"
    )
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        print(f"no corpus at {args.shared / 'corpus'}: benchmarks need ../shared beside the checkout", file=sys.stderr)
        return 2
    make_corpus(args.n, args.out, args.shared, args.tags)
    print(f"wrote {args.n} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
