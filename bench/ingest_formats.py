"""Ingest speed and memory per seed format at 1,000 files, on real BBC article text (issue 16).

    python bench/ingest_formats.py                          # every format, 250 and 1,000 files, empty content/
    python bench/ingest_formats.py --pages 0,10000          # also with 10,000 filed pages in content/
    python bench/ingest_formats.py --formats html,rss --files 1000

For each format (text; html, a saved page in real page chrome; rss, atom and json, feeds of 20
stories; eml, a newsletter of 5 stories with tracking links; mbox, 10 single-story messages) and
each file count, the script builds a temporary project (config.yaml with the five BBC topics and
`ingest: {default_date: 2024-01-15}`, content/ empty or with N filed pages), writes the seeds from
the BBC corpus in ../shared (the first line of each file is the headline) and runs
`ingest_seeds(config)` in a fresh child process. It reports files, stories written, seconds, ms
a file and a story, and the child's peak RSS (VmHWM, read by the child at its end; the parent
checks it against wait4's ru_maxrss). The 250-file seeds are the first 250 of the 1,000, so the
two runs differ only in count: a format whose memory is bounded by its largest file shows the
same peak at both. Ingest spills each story it reads to a temporary file until the topic model,
which adapts on a bounded sample of them, is trained (dateline/ingest/__init__.py): the second
table gives any growth left as MB per 1,000 stories and per MB of seed files. Past the model's
sample (600 seeds, topics.EM_SAMPLE) the peak should stay flat; compare --files 1000,2000.

Inputs are deterministic (fixed seeds); timings are not, on a busy machine: the load average is
printed before and after. Without the corpus the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import email.policy
import html
import importlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REFERENCE = date(2024, 1, 15)
TOPICS = ("Business", "Entertainment", "Politics", "Sport", "Tech")
SITE = "The Daily Ledger"
HOST = "https://news.example.com"
# Stories in one seed file of each format.
STORIES_PER_FILE = {"text": 1, "html": 1, "rss": 20, "atom": 20, "json": 20, "eml": 5, "mbox": 10}
SUFFIX = {"text": ".txt", "html": ".html", "rss": ".rss", "atom": ".atom", "json": ".json", "eml": ".eml", "mbox": ".mbox"}
AUTHORS = ("Jane Okafor", "Tom Brennan", "Priya Natarajan", "Luis Ortega", "Hannah Weiss", "Kenji Mori", "Amara Diallo", "Sofia Lind")
SECTIONS = ("Home", "UK", "World", "Business", "Politics", "Tech", "Science", "Health", "Entertainment", "Sport", "Weather", "Opinion")


@dataclass(frozen=True)
class Article:
    """One BBC article: its category (the topic), headline and paragraphs."""

    category: str
    headline: str
    paragraphs: tuple[str, ...]


def load_articles(folder: Path) -> list[Article]:
    """Every BBC file as an Article, in path order (decoded the way ingest decodes a seed)."""
    from dateline.ingest.text import decode_seed

    articles = []
    for path in sorted(folder.glob("*/*.txt")):
        text = decode_seed(path.read_bytes()).text or ""
        lines = [line.strip() for line in text.lstrip("\ufeff").split("\n")]
        headline, body = lines[0], [line for line in lines[1:] if line]
        if headline and body:
            articles.append(Article(path.parent.name.capitalize(), headline, tuple(body)))
    return articles


class Stories:
    """Which article the k-th story of a run is: a fixed shuffle of the corpus, cycled."""

    def __init__(self, articles: list[Article], seed: int) -> None:
        self.articles = articles
        self.order = list(range(len(articles)))
        random.Random(seed).shuffle(self.order)

    def __getitem__(self, k: int) -> Article:
        return self.articles[self.order[k % len(self.order)]]


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:80]


def published(k: int) -> datetime:
    """A story's publication time: spread over 2023, fixed by its number."""
    return datetime(2023, 1, 1, 6, 0, tzinfo=UTC) + timedelta(days=k % 365, minutes=(k * 37) % 900)


def story_url(k: int, article: Article) -> str:
    when = published(k)
    return f"{HOST}/{article.category.lower()}/{when:%Y/%m}/{slug(article.headline)}-{k}"


def tracking(url: str, campaign: str, position: int) -> str:
    """A newsletter click-tracking redirect around `url`, as mail services write them."""
    target = f"{url}?utm_source=newsletter&utm_medium=email&utm_campaign={campaign}&utm_content=story{position}"
    return f"https://click.mail.example.net/ls/click?upn=u001.{campaign}-{position}&u={quote(target, safe='')}"


def paragraphs_html(article: Article) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)


# ---------------------------------------------------------------------------------------------
# One seed file of each format. `n` is the file's number; story k of the run is stories[k].


def make_text(stories: Stories, n: int) -> bytes:
    article = stories[n]
    return (article.headline + "\n\n" + "\n\n".join(article.paragraphs) + "\n").encode("utf-8")


def make_html(stories: Stories, n: int) -> bytes:
    """A saved news page: head metadata, nav, cookie banner, the article with an inline aside, related and most-read lists, footer, scripts."""
    rng = random.Random(f"html-{n}")
    article, url, when = stories[n], story_url(n, stories[n]), published(n)
    author = AUTHORS[n % len(AUTHORS)]
    related = [stories[n + 1000 + i] for i in range(6)]
    most_read = [stories[n + 2000 + i] for i in range(10)]
    title = html.escape(article.headline)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "datePublished": when.isoformat(),
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": SITE},
        "mainEntityOfPage": url,
    }
    state = {"page": {"id": n, "section": article.category, "related": [r.headline for r in related]}, "ads": {"slots": list(range(12))}}
    nav = "".join(f'<li><a href="{HOST}/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    paragraphs = [f"<p>{html.escape(p)}</p>" for p in article.paragraphs]
    aside = f'<aside class="inline-related"><h3>Read more</h3><a href="{story_url(n + 1000, related[0])}">{html.escape(related[0].headline)}</a></aside>'
    paragraphs.insert(min(3, len(paragraphs)), aside)
    paragraphs.insert(min(6, len(paragraphs)), '<div class="ad-slot" id="mpu-1" data-size="300x250"></div>')
    related_html = "".join(
        f'<li><a href="{story_url(n + 1000 + i, r)}"><img src="{HOST}/img/{n}-{i}.jpg" alt="">{html.escape(r.headline)}</a></li>'
        for i, r in enumerate(related)
    )
    most_read_html = "".join(
        f'<li><span class="rank">{i + 1}</span><a href="{story_url(n + 2000 + i, r)}">{html.escape(r.headline)}</a></li>'
        for i, r in enumerate(most_read)
    )
    footer_links = "".join(f'<li><a href="{HOST}/about/{i}">{label}</a></li>' for i, label in enumerate(FOOTER_LINKS))
    analytics = ANALYTICS.replace("ID", f"UA-{rng.randrange(10**6, 10**7)}-1")
    page = f"""<!DOCTYPE html>
<!-- saved from url=({len(url)}){url} -->
<html lang="en-GB"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - {SITE}</title>
<link rel="canonical" href="{url}">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{SITE}">
<meta property="og:url" content="{url}"><meta property="og:image" content="{HOST}/img/{n}.jpg">
<meta property="og:type" content="article"><meta name="author" content="{author}">
<meta property="article:published_time" content="{when.isoformat()}">
<link rel="stylesheet" href="{HOST}/static/css/main.{rng.randrange(16**8):08x}.css">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>{analytics}</script>
<style>body{{font-family:Georgia,serif}}.nav li{{display:inline}}.ad-slot{{min-height:250px}}</style>
</head><body>
<div id="cookie-banner" role="dialog"><p>We use cookies to give you the best experience. By continuing you agree to our cookie policy.</p>
<button>Accept all</button><button>Manage settings</button></div>
<header><a class="logo" href="{HOST}/">{SITE}</a><nav class="nav"><ul>{nav}</ul></nav>
<form action="{HOST}/search"><input name="q" placeholder="Search"></form></header>
<div class="breadcrumb"><a href="{HOST}/">Home</a> › <a href="{HOST}/{article.category.lower()}">{article.category}</a></div>
<main><article>
<h1>{title}</h1>
<div class="byline">By <span class="author">{author}</span>, {article.category} reporter ·
<time datetime="{when.isoformat()}">{when:%d %B %Y}</time></div>
<div class="share"><a href="https://twitter.com/intent/tweet?url={quote(url)}">Share on X</a> <a href="https://www.facebook.com/sharer?u={quote(url)}">Facebook</a> <a href="mailto:?subject={quote(article.headline)}">Email</a></div>
<figure><img src="{HOST}/img/{n}.jpg" alt=""><figcaption>Photograph: agency</figcaption></figure>
{"".join(paragraphs)}
<div class="newsletter-signup"><h3>Get our morning briefing</h3><p>Sign up for the top stories every day.</p><input type="email"><button>Sign up</button></div>
</article>
<section class="related"><h2>Related stories</h2><ul>{related_html}</ul></section>
<section class="comments"><h2>Comments</h2><div id="comments-root" data-article="{n}">Loading comments…</div></section>
</main>
<aside class="most-read"><h2>Most read</h2><ol>{most_read_html}</ol></aside>
<footer><ul>{footer_links}</ul><p>© 2024 {SITE}. All rights reserved. The Daily Ledger is not responsible for the content of external sites.</p></footer>
<script>window.__INITIAL_STATE__ = {json.dumps(state)};</script>
<script src="{HOST}/static/js/vendor.{rng.randrange(16**8):08x}.js" defer></script>
<script src="{HOST}/static/js/app.{rng.randrange(16**8):08x}.js" defer></script>
</body></html>
"""
    return page.encode("utf-8")


FOOTER_LINKS = (
    "About us", "Contact", "Careers", "Advertise", "Terms of use", "Privacy policy", "Cookie policy", "Accessibility",
    "Help", "Newsletters", "Podcasts", "Apps", "Corrections", "Editorial standards", "Complaints", "Sitemap",
)  # fmt: skip

ANALYTICS = """(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;
j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','ID');
window.adConfig={slots:['mpu-1','mpu-2','leaderboard'],lazy:true,refresh:30000,targeting:{section:document.title}};"""


def make_rss(stories: Stories, n: int) -> bytes:
    per = STORIES_PER_FILE["rss"]
    items = []
    for j in range(per):
        k = n * per + j
        article, url = stories[k], story_url(k, stories[k])
        items.append(
            f"""<item>
<title>{escape(article.headline)}</title>
<link>{url}</link>
<guid isPermaLink="false">urn:ledger:rss:{n}:{j}</guid>
<pubDate>{format_datetime(published(k))}</pubDate>
<dc:creator>{AUTHORS[k % len(AUTHORS)]}</dc:creator>
<category>{article.category}</category>
<description>{escape(f"<p>{html.escape(article.paragraphs[0])}</p>")}</description>
<content:encoded><![CDATA[{paragraphs_html(article)}]]></content:encoded>
<media:content url="{HOST}/img/{k}.jpg" medium="image" width="976" height="549"/>
</item>"""
        )
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{SITE} - Top stories</title>
<link>{HOST}/</link>
<description>The latest stories from {SITE}</description>
<language>en-gb</language>
<atom:link href="{HOST}/feeds/{n}.rss" rel="self" type="application/rss+xml"/>
<image><url>{HOST}/logo.png</url><title>{SITE}</title><link>{HOST}/</link></image>
<ttl>15</ttl>
{"".join(items)}
</channel>
</rss>
"""
    return feed.encode("utf-8")


def make_atom(stories: Stories, n: int) -> bytes:
    per = STORIES_PER_FILE["atom"]
    entries = []
    for j in range(per):
        k = n * per + j
        article, url = stories[k], story_url(k, stories[k])
        entries.append(
            f"""<entry>
<title>{escape(article.headline)}</title>
<id>tag:news.example.com,2023:atom-{n}-{j}</id>
<link rel="alternate" type="text/html" href="{url}"/>
<published>{published(k).isoformat()}</published>
<updated>{published(k).isoformat()}</updated>
<author><name>{AUTHORS[k % len(AUTHORS)]}</name></author>
<category term="{article.category}"/>
<summary type="text">{escape(article.paragraphs[0])}</summary>
<content type="html">{escape(paragraphs_html(article))}</content>
<link rel="enclosure" type="image/jpeg" href="{HOST}/img/{k}.jpg"/>
</entry>"""
        )
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<title>{SITE}</title>
<subtitle>Top stories</subtitle>
<id>tag:news.example.com,2023:feed-{n}</id>
<link rel="self" href="{HOST}/feeds/{n}.atom"/>
<link rel="alternate" href="{HOST}/"/>
<updated>{published(n * per).isoformat()}</updated>
<generator>Ledger CMS</generator>
{"".join(entries)}
</feed>
"""
    return feed.encode("utf-8")


def make_json(stories: Stories, n: int) -> bytes:
    per = STORIES_PER_FILE["json"]
    items = []
    for j in range(per):
        k = n * per + j
        article = stories[k]
        items.append(
            {
                "id": f"json-{n}-{j}",
                "url": story_url(k, article),
                "title": article.headline,
                "content_html": paragraphs_html(article),
                "summary": article.paragraphs[0],
                "image": f"{HOST}/img/{k}.jpg",
                "date_published": published(k).isoformat(),
                "authors": [{"name": AUTHORS[k % len(AUTHORS)]}],
                "tags": [article.category],
            }
        )
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": SITE,
        "home_page_url": f"{HOST}/",
        "feed_url": f"{HOST}/feeds/{n}.json",
        "language": "en-GB",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")


def newsletter(subject: str, message_id: str, when: datetime, html_body: str, text_body: str) -> bytes:
    """A multipart/alternative message as a mail service sends it (quoted-printable parts)."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = f"{SITE} Briefing <briefing@news.example.com>"
    message["To"] = "reader@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = f"<{message_id}@mail.news.example.com>"
    message["List-Unsubscribe"] = f"<{HOST}/unsubscribe?id={message_id}>, <mailto:unsubscribe@news.example.com>"
    message.set_content(text_body, cte="quoted-printable")
    message.add_alternative(html_body, subtype="html", cte="quoted-printable")
    return bytes(message)


def mail_html(inner: str, campaign: str) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>td{{font-family:Arial}}h2 a{{color:#111}}</style></head>
<body><span style="display:none">Today's top stories from {SITE}</span>
<table width="100%"><tr><td align="center"><p><a href="{tracking(HOST + "/newsletter/web", campaign, 0)}">View this email in your browser</a></p></td></tr>
<tr><td><img src="{HOST}/logo.png" alt="{SITE}" width="200"></td></tr>
<tr><td>{inner}</td></tr>
<tr><td><p>You are receiving this email because you subscribed to the {SITE} Briefing.
<a href="{tracking(HOST + "/unsubscribe", campaign, 98)}">Unsubscribe</a> | <a href="{tracking(HOST + "/preferences", campaign, 99)}">Manage preferences</a></p>
<p>{SITE}, 1 Example Street, London EC1A 1AA. © 2024 {SITE}. All rights reserved.</p>
<img src="https://open.mail.example.net/o/{campaign}.gif" width="1" height="1" alt=""></td></tr></table></body></html>"""


MAIL_FOOTER = f"""--
You are receiving this email because you subscribed to the {SITE} Briefing.
Unsubscribe: {HOST}/unsubscribe
{SITE}, 1 Example Street, London EC1A 1AA. © 2024 {SITE}. All rights reserved.
"""


def make_eml(stories: Stories, n: int) -> bytes:
    """A newsletter of 5 stories: linked headline, a two-paragraph blurb and a tracked "Read more" each."""
    per = STORIES_PER_FILE["eml"]
    campaign = f"briefing-{n}"
    blocks, texts = ["<p>Good morning. Here is what you need to know today.</p>"], ["Good morning. Here is what you need to know today.\n"]
    for j in range(per):
        k = n * per + j
        article = stories[k]
        link = tracking(story_url(k, article), campaign, j + 1)
        blurb = article.paragraphs[:2]
        blocks.append(
            f'<h2><a href="{link}">{html.escape(article.headline)}</a></h2>'
            + "".join(f"<p>{html.escape(p)}</p>" for p in blurb)
            + f'<p><a href="{link}">Read more »</a></p><hr>'
        )
        texts.append(f"{article.headline}\n\n" + "\n\n".join(blurb) + f"\n\nRead more: {link}\n\n----------\n")
    subject = f"Morning Briefing: {stories[n * per].headline}"
    return newsletter(subject, f"eml-{n}", published(n * per), mail_html("".join(blocks), campaign), "\n".join(texts) + MAIL_FOOTER)


def make_mbox(stories: Stories, n: int) -> bytes:
    """An mbox of 10 single-story messages (a story a day, its full text and a tracked link to the web version)."""
    per = STORIES_PER_FILE["mbox"]
    out = []
    for j in range(per):
        k = n * per + j
        article, when = stories[k], published(k)
        campaign = f"story-{n}-{j}"
        link = tracking(story_url(k, article), campaign, 1)
        inner = f"<h1>{html.escape(article.headline)}</h1>{paragraphs_html(article)}<p><a href='{link}'>Read on the web</a></p>"
        text = f"{article.headline}\n\n" + "\n\n".join(article.paragraphs) + f"\n\nRead on the web: {link}\n\n" + MAIL_FOOTER
        raw = newsletter(article.headline, f"mbox-{n}-{j}", when, mail_html(inner, campaign), text)
        # mboxrd: a body line starting "From " (after any ">") gains one ">".
        lines = [b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in raw.replace(b"\r\n", b"\n").split(b"\n")]
        out.append(f"From briefing@news.example.com {when:%a %b %d %H:%M:%S %Y}\n".encode() + b"\n".join(lines).rstrip(b"\n") + b"\n\n")
    return b"".join(out)


# The reader module each format loads (text needs none beyond extract).
READER = {"text": "text", "html": "html", "rss": "feeds", "atom": "feeds", "json": "feeds", "eml": "mail", "mbox": "mail"}
MAKERS = {"text": make_text, "html": make_html, "rss": make_rss, "atom": make_atom, "json": make_json, "eml": make_eml, "mbox": make_mbox}


# ---------------------------------------------------------------------------------------------
# Projects and runs


def write_config(root: Path) -> None:
    config = {"title": "Bench", "topics": [{"name": name} for name in TOPICS], "ingest": {"default_date": REFERENCE}}
    (root / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def write_filed_pages(content: Path, stories: Stories, count: int) -> None:
    """`count` pages filed by hand in content/, each a corpus article under its BBC category."""
    for number in range(count):
        article = stories[number]
        front = yaml.safe_dump(
            {"title": article.headline, "date": date(2020 + number % 4, 1 + number % 12, 1 + number % 28), "topics": [article.category]},
            sort_keys=False,
            allow_unicode=True,
        )
        path = content / f"{2020 + number % 4}" / f"filed-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n\n" + "\n\n".join(article.paragraphs) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Run:
    """One child process's ingest of one format at one file count."""

    form: str
    files: int
    pages: int
    stories: int  # pages written
    statuses: dict[str, int]
    seconds: float
    base_mib: float  # RSS once the modules are imported, before ingest_seeds
    peak_mib: float  # VmHWM at the end
    maxrss_mib: float  # wait4 ru_maxrss, the kernel's view of the same peak
    largest_bytes: int
    input_bytes: int


def run_format(form: str, files: int, pages: int, stories: Stories, pages_dir: Path | None, work: Path, child_seed: int) -> Run | str:
    """Build a project with `files` seeds of `form` and ingest it in a child process; a string says why it failed."""
    root = work / f"{form}-{files}-{pages}"
    if root.exists():
        shutil.rmtree(root)
    (root / "seeds").mkdir(parents=True)
    write_config(root)
    if pages_dir is not None:
        # Ingest only adds files to content/, never changes filed ones, so hard links keep this copy cheap.
        shutil.copytree(pages_dir, root / "content", copy_function=os.link)
    else:
        (root / "content").mkdir()
    make, sizes = MAKERS[form], []
    for n in range(files):
        data = make(stories, n)
        (root / "seeds" / f"{form}-{n:05d}{SUFFIX[form]}").write_bytes(data)
        sizes.append(len(data))
    out = root / "result.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(root), "--format", form, "--result", str(out)]
    proc_pid = os.posix_spawn(sys.executable, command, dict(os.environ, PYTHONHASHSEED=str(child_seed)))
    _, status, usage = os.wait4(proc_pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not out.is_file():
        return f"{form} at {files} files: child exited {code}"
    result = json.loads(out.read_text(encoding="utf-8"))
    shutil.rmtree(root)
    return Run(
        form=form,
        files=files,
        pages=pages,
        stories=result["statuses"].get("written", 0),
        statuses=result["statuses"],
        seconds=result["seconds"],
        base_mib=result["base_kib"] / 1024,
        peak_mib=result["peak_kib"] / 1024,
        maxrss_mib=usage.ru_maxrss / 1024,
        largest_bytes=max(sizes),
        input_bytes=sum(sizes),
    )


def proc_status_kib(field: str) -> int:
    """A `kB` field of /proc/self/status (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def child(root: Path, form: str, result: Path) -> int:
    """In the child: import what ingest will load, note the RSS, ingest, note the peak."""
    from collections import Counter

    from dateline.config import parse_config
    from dateline.ingest import extract, ingest_seeds, topics  # noqa: F401  (loaded now so the base RSS includes them)

    importlib.import_module(f"dateline.ingest.{READER[form]}")
    config, problems = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
    if problems:
        print(problems, file=sys.stderr)
        return 1
    base = proc_status_kib("VmRSS")
    started = time.perf_counter()
    report = ingest_seeds(config)
    seconds = time.perf_counter() - started
    statuses = Counter(line.status for line in report.results)
    payload = {"seconds": seconds, "statuses": dict(statuses), "base_kib": base, "peak_kib": proc_status_kib("VmHWM")}
    result.write_text(json.dumps(payload), encoding="utf-8")
    return 0


# ---------------------------------------------------------------------------------------------
# Report


def mib(value: float) -> str:
    return f"{value:.0f} MB"


def size(value: int) -> str:
    return f"{value / 1024:.0f} KB" if value < 1024**2 else f"{value / 1024**2:.1f} MB"


def speed_table(runs: list[Run]) -> list[str]:
    lines = [
        "| format | stories/file | files | stories written | other results | s | ms/file | ms/story | largest file | seeds in all | peak RSS | peak − base |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        others = ", ".join(f"{count:,} {status}" for status, count in sorted(run.statuses.items()) if status != "written") or "—"
        lines.append(
            f"| {run.form} | {STORIES_PER_FILE[run.form]} | {run.files:,} | {run.stories:,} | {others} | {run.seconds:.1f} | "
            f"{1000 * run.seconds / run.files:.1f} | {1000 * run.seconds / max(run.stories, 1):.2f} | {size(run.largest_bytes)} | "
            f"{size(run.input_bytes)} | {mib(run.peak_mib)} | {mib(run.peak_mib - run.base_mib)} |"
        )
    return lines


def memory_table(runs: list[Run]) -> list[str]:
    """Peak RSS at the smallest and largest file count of each format, and the growth between them."""
    lines = [
        "| format | files | largest file | peak RSS | files | largest file | peak RSS | growth | MB per 1,000 stories | MB per MB of seeds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for form in MAKERS:
        mine = sorted((run for run in runs if run.form == form), key=lambda run: run.files)
        if len(mine) < 2:
            continue
        small, large = mine[0], mine[-1]
        grown = large.peak_mib - small.peak_mib
        per_story = 1000 * grown / max(large.stories - small.stories, 1)
        per_input = grown / max((large.input_bytes - small.input_bytes) / 1024**2, 1e-9)
        lines.append(
            f"| {form} | {small.files:,} | {size(small.largest_bytes)} | {mib(small.peak_mib)} | {large.files:,} | "
            f"{size(large.largest_bytes)} | {mib(large.peak_mib)} | {grown:+.0f} MB | {per_story:.1f} | {per_input:.1f} |"
        )
    return lines


def machine_line() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), "?"
    )
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M UTC}, nproc {len(os.sched_getaffinity(0))}, {cpu}, Python {sys.version.split()[0]}"


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def int_list(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run every format at every file count and page count; print the tables. Exit 0 with a message without the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--formats", default=",".join(MAKERS), help=f"comma-separated subset of {','.join(MAKERS)}")
    parser.add_argument("--files", default="250,1000", help="seed files per run, comma-separated (default 250,1000)")
    parser.add_argument("--pages", default="0", help="filed pages in content/, comma-separated (e.g. 0,10000)")
    parser.add_argument("--seed", type=int, default=16, help="the shuffle of the corpus (fixed: inputs are deterministic)")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--format", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        return child(args.child, args.format, args.result)

    forms = [form.strip() for form in args.formats.split(",") if form.strip()]
    unknown = sorted(set(forms) - set(MAKERS))
    if unknown:
        parser.error(f"unknown format(s) {', '.join(unknown)}; known: {', '.join(MAKERS)}")
    bbc = args.shared / "corpus" / "bbc"
    if not bbc.is_dir():
        print(f"ingest_formats: skipped, no BBC corpus at {bbc} (pass --shared PATH)")
        return 0
    stories = Stories(load_articles(bbc), args.seed)
    print(f"# Ingest per seed format ({len(stories.articles):,} BBC articles, shuffle seed {args.seed})\n")
    print(f"- {machine_line()}")
    print(f"- load average before: {load_average()}")
    failures: list[str] = []
    with tempfile.TemporaryDirectory(dir=args.work) as temp:
        work = Path(temp)
        for pages in int_list(args.pages):
            pages_dir = None
            if pages:
                pages_dir = work / f"filed-{pages}"
                write_filed_pages(pages_dir, stories, pages)
            runs: list[Run] = []
            for form in forms:
                for files in int_list(args.files):
                    outcome = run_format(form, files, pages, stories, pages_dir, work, args.seed)
                    if isinstance(outcome, str):
                        failures.append(outcome)
                        print(f"  {outcome}", file=sys.stderr)
                        continue
                    runs.append(outcome)
                    print(
                        f"  {form:>5} × {files:>5} files, {pages} pages: {outcome.stories:>6} stories in {outcome.seconds:6.1f} s, "
                        f"peak {outcome.peak_mib:.0f} MB (wait4 {outcome.maxrss_mib:.0f} MB)",
                        file=sys.stderr,
                    )
            if pages_dir is not None:
                shutil.rmtree(pages_dir)
            print(f"\n## {pages:,} filed pages in content/\n")
            print("\n".join(speed_table(runs)))
            memory = memory_table(runs)
            if len(memory) > 2:
                print(f"\nMemory against file count ({pages:,} filed pages):\n")
                print("\n".join(memory))
    print(f"\n- load average after: {load_average()}")
    for failure in failures:
        print(f"- failed: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
