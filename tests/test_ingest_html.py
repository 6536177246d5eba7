"""Saved web pages: the article's text without markup or page furniture, the fields the page states, and bounds."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dateline.ingest.entries import MAX_SEED_BYTES, SeedEntry, SkippedEntry
from dateline.ingest.html import _first_told_heading, _paragraphs, _shown_part, _story_of, read_html

ROOT = Path(__file__).resolve().parents[1]

ARTICLE_PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a decade of argument over the crumbling 1930s structure.",
    "Engineers told councillors that the bridge’s steel deck had lost almost a third of its strength since the last full survey, and that repairs would cost more than a new crossing.",
    "“We have patched it for ten years & it is time to stop,” said the council leader, Maria Okafor, after the vote, which passed by 31 votes to 12.",
    "Shop owners on the north bank warned that the closure would cut trade, and asked for a free shuttle bus during the two years of building work.",
    "A new cycle and foot bridge is due to open in 2027, the council said, with a tram crossing planned for the decade after that.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<!-- saved from url=(0062)https://www.dailyplanet.example/news/2019/11/harbour-bridge -->
<html lang="en"><head>
<meta charset="utf-8">
<title>Council votes to close harbour bridge to cars | The Daily Planet</title>
<meta property="og:title" content="Council votes to close harbour bridge to cars | The Daily Planet">
<meta property="og:site_name" content="The Daily Planet">
<meta property="og:image" content="https://cdn.dailyplanet.example/img/bridge.jpg">
<meta property="og:url" content="https://www.dailyplanet.example/news/2019/11/harbour-bridge?utm_source=share">
<meta name="description" content="Councillors back closing the 1930s crossing &amp; building a new foot bridge.">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2019-11-19T14:05:00+01:00">
<link rel="canonical" href="https://www.dailyplanet.example/news/2019/11/harbour-bridge">
<link rel="stylesheet" href="./Council votes_files/site.css">
<style>.ad {{ display: block; }} body {{ font-family: serif; }}</style>
<script>window.dataLayer = []; function track() {{ document.cookie = "x=1"; }}</script>
<script src="./Council votes_files/analytics.js"></script>
</head>
<body onload="track()">
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button onclick="accept()">Accept all cookies</button></div>
<header class="site-header">
  <a href="/" class="logo">The Daily Planet</a>
  <nav class="main-menu"><ul>
    <li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
    <li><a href="javascript:void(0)" onclick="openMenu()">More sections</a></li>
  </ul></nav>
</header>
<div class="ad ad-leaderboard"><iframe src="https://ads.example/serve?slot=1" width="728" height="90"></iframe>
  <a href="https://ads.example/click">Advertisement: Buy cheap holiday flights today</a></div>
<main>
<article class="story">
  <h1 class="headline">Council votes to close harbour bridge to cars</h1>
  <p class="byline">By <a href="/authors/jane">Jane Reporter</a>, <time datetime="2019-11-19T14:05:00+01:00">19 November 2019</time></p>
  <figure><img src="./Council votes_files/bridge.jpg" alt="The harbour bridge"><figcaption>The bridge in 2018</figcaption></figure>
  <div class="story-body">
    <p>{ARTICLE_PARAGRAPHS[0]}</p>
    <p>Engineers told councillors that the bridge&#8217;s steel deck had lost almost a third of its strength since the last full survey, and that repairs would cost more than a new crossing.</p>
    <div class="ad ad-inline"><script>document.write('<div>Sponsored: miracle diet</div>')</script><a href="javascript:alert('x')">Sponsored content from our partners</a></div>
    <p>&ldquo;We have patched it for ten years &amp; it is time to stop,&rdquo; said the council leader, <a href="/people/okafor" onclick="track()">Maria Okafor</a>, after the vote, which passed by 31 votes to 12.</p>
    <p>{ARTICLE_PARAGRAPHS[3]}</p>
    <iframe src="https://www.youtube.example/embed/abc"></iframe>
    <p>{ARTICLE_PARAGRAPHS[4]}</p>
  </div>
  <div class="share-tools"><a href="javascript:share('facebook')">Share on Facebook</a> <a href="javascript:share('x')">Share on X</a></div>
</article>
<aside class="related-links"><h2>Related stories</h2><ul>
  <li><a href="/news/2019/10/ferry">Ferry fares to rise again next year after fuel costs jump</a></li>
  <li><a href="/news/2019/09/tram">Tram plan delayed by funding row at city hall</a></li>
</ul></aside>
<section id="comments" class="comments"><h2>Comments (2)</h2>
  <div class="comment"><p class="comment-author">Harbourfan77</p><p>This is a disgrace, the bridge has stood for ninety years and will stand ninety more.</p></div>
  <div class="comment"><p class="comment-author">NorthBankShop</p><p>Who is going to pay for my lost customers while they build the new one?</p></div>
</section>
</main>
<footer class="site-footer"><p>© 2019 The Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
<script>(function(){{ var s = document.createElement('script'); s.src = 'https://tracker.example/t.js'; }})();</script>
</body></html>
"""

FURNITURE = [
    "cookies",
    "Accept all",
    "More sections",
    "Weather",
    "Advertisement",
    "holiday flights",
    "Sponsored",
    "miracle diet",
    "Share on",
    "Related stories",
    "Ferry fares",
    "Tram plan delayed",
    "Comments (2)",
    "Harbourfan77",
    "disgrace",
    "lost customers",
    "All rights reserved",
    "Privacy policy",
    "The bridge in 2018",
]


def read_one(page: bytes | str) -> SeedEntry | SkippedEntry:
    result = read_html(page.encode("utf-8") if isinstance(page, str) else page)
    assert len(result) == 1
    assert result[0].key == ""
    return result[0]


def read_entry(page: bytes | str) -> SeedEntry:
    entry = read_one(page)
    assert isinstance(entry, SeedEntry), entry
    return entry


def article_page(body: str, head: str = "", charset: str = "utf-8") -> str:
    """A minimal saved page around an article body."""
    return f'<!DOCTYPE html><html><head><meta charset="{charset}">{head}</head><body><article>{body}</article></body></html>'


def long_paragraphs(words: str = "the harbour bridge council vote") -> str:
    return "".join(
        f"<p>Paragraph {n} of the story says that {words} mattered to many people in the city, for reasons given at length.</p>"
        for n in range(4)
    )


# --- the article's text -------------------------------------------------------------------


def test_main_paragraphs_are_all_there_in_order_with_entities_decoded():
    entry = read_entry(NEWS_PAGE)
    assert [p for p in entry.paragraphs if p in ARTICLE_PARAGRAPHS] == ARTICLE_PARAGRAPHS


def test_no_menu_ad_cookie_comment_related_or_footer_text():
    text = "\n".join(read_entry(NEWS_PAGE).paragraphs)
    for phrase in FURNITURE:
        assert phrase not in text, phrase


def test_no_markup_survives():
    entry = read_entry(NEWS_PAGE)
    for paragraph in entry.paragraphs:
        # A real parser finds no element in it, and none of the page's code or attributes are left as text.
        assert BeautifulSoup(paragraph, "html5lib").body.find(True) is None, paragraph
        assert "<" not in paragraph and ">" not in paragraph
        for leftover in ("javascript:", "onclick", "onload", "track()", "document.", "window.", "font-family", "iframe", "&amp;", "&#"):
            assert leftover not in paragraph, (leftover, paragraph)
    for field in (entry.title, entry.author, entry.source, entry.summary):
        assert BeautifulSoup(field, "html5lib").body.find(True) is None


def test_fields_of_an_open_graph_page():
    entry = read_entry(NEWS_PAGE)
    assert entry.title == "Council votes to close harbour bridge to cars"
    assert entry.author == "Jane Reporter"
    assert entry.published == datetime(2019, 11, 19, 14, 5, tzinfo=timezone(timedelta(hours=1)))
    assert entry.source == "The Daily Planet"
    assert entry.source_url == "https://www.dailyplanet.example/news/2019/11/harbour-bridge"
    assert entry.image_url == "https://cdn.dailyplanet.example/img/bridge.jpg"
    assert entry.summary == "Councillors back closing the 1930s crossing & building a new foot bridge."


def test_reading_is_deterministic():
    assert read_html(NEWS_PAGE.encode()) == read_html(NEWS_PAGE.encode())


# --- JSON-LD and titles -------------------------------------------------------------------------

JSON_LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Harbour Gazette", "url": "https://gazette.example/"},
        {
            "@type": "NewsArticle",
            "headline": "Ferry strike ends after pay deal",
            "datePublished": "2021-03-04T08:30:00Z",
            "dateModified": "2021-03-05T10:00:00Z",
            "author": [{"@type": "Person", "name": "Sam Lee"}, {"@type": "Person", "name": "Ana Ruiz"}],
            "publisher": {"@type": "Organization", "name": "Harbour Gazette"},
            "image": {"@type": "ImageObject", "url": "https://gazette.example/img/ferry.jpg"},
            "mainEntityOfPage": {"@type": "WebPage", "@id": "https://gazette.example/2021/03/ferry-strike-ends"},
        },
    ],
}


def test_fields_of_a_json_ld_page():
    head = f'<title>Ferry strike ends after pay deal - Harbour Gazette</title><script type="application/ld+json">{json.dumps(JSON_LD)}</script>'
    entry = read_entry(article_page("<h1>Ferry strike ends after pay deal</h1>" + long_paragraphs("the ferry strike"), head))
    assert entry.title == "Ferry strike ends after pay deal"
    assert entry.author == "Sam Lee, Ana Ruiz"
    assert entry.published == datetime(2021, 3, 4, 8, 30, tzinfo=UTC)
    assert entry.source == "Harbour Gazette"
    assert entry.source_url == "https://gazette.example/2021/03/ferry-strike-ends"
    assert entry.image_url == "https://gazette.example/img/ferry.jpg"
    assert not any("Ferry strike ends" in p or "@context" in p for p in entry.paragraphs)


def test_malformed_json_ld_is_ignored():
    head = '<script type="application/ld+json">{"headline": "broken", </script><title>Tram fares frozen</title>'
    entry = read_entry(article_page(long_paragraphs("tram fares"), head))
    assert entry.title == "Tram fares frozen"


@pytest.mark.parametrize(
    ("title", "head", "expected"),
    [
        # The suffix is the site's name, stated in the page's own meta tags.
        ("Best gadgets of 2019 | ZDNet", '<meta name="application-name" content="ZDNet">', "Best gadgets of 2019"),
        ("Best gadgets of 2019 - ZDNet", '<meta name="twitter:site" content="@zdnet">', "Best gadgets of 2019"),
        ("Best gadgets of 2019 — ZDNet", '<meta property="og:site_name" content="ZDNet">', "Best gadgets of 2019"),
        ("ZDNet :: Best gadgets of 2019", '<meta property="og:site_name" content="ZDNet">', "Best gadgets of 2019"),
        # The suffix is the host of the page's canonical address.
        (
            "Best gadgets of 2019 | ZDNet.com",
            '<link rel="canonical" href="https://www.zdnet.com/article/best-gadgets/">',
            "Best gadgets of 2019",
        ),
        # Section and site both: only the site's part names the site, so only it goes.
        ("Best gadgets of 2019 | Reviews | ZDNet", '<meta property="og:site_name" content="ZDNet">', "Best gadgets of 2019 | Reviews"),
        # A part that starts with the host's name is the site's, before or after, when the headline is the longer part.
        (
            "Jane Doe's Notebook | Why I left the city for the coast",
            '<link rel="canonical" href="https://janedoe.example/2021/coast/">',
            "Why I left the city for the coast",
        ),
        (
            "Le retour des trains de nuit en Europe | Railsmag - Analyse et critique",
            '<link rel="canonical" href="https://railsmag.fr/trains/">',
            "Le retour des trains de nuit en Europe",
        ),
        # ... and a headline that opens with the host's name is not taken for the site (nothing names the tail one either).
        (
            "NYTimes sues OpenAI - The New York Times",
            '<link rel="canonical" href="https://www.nytimes.com/2023/12/27/openai.html">',
            "NYTimes sues OpenAI - The New York Times",
        ),
        # A date stamp after a separator is the page's, not the headline's; a score is the headline's.
        ("Storm closes the harbour : 31.10.2023, 10.19 Uhr", "", "Storm closes the harbour"),
        ("Storm closes the harbour | 06/11/2023", "", "Storm closes the harbour"),
        ("Derby ends 3 - 1", "", "Derby ends 3 - 1"),
        # Nothing in the page says the tail is a site: it is part of the headline.
        ("Star Wars - The Last Jedi review", "", "Star Wars - The Last Jedi review"),
        ("Brexit - what happens next", '<meta property="og:site_name" content="ZDNet">', "Brexit - what happens next"),
    ],
)
def test_title_loses_a_site_affix_only_when_it_names_the_site(title, head, expected):
    entry = read_entry(article_page(long_paragraphs(), f"<title>{title}</title>{head}"))
    assert entry.title == expected


def test_a_number_with_a_point_in_the_headline_does_not_make_it_the_site():
    # trafilatura takes a <title> part holding a "." for the site's name ("example.com"); here it is "9.087".
    headline = "Border crossings reach 9.087 in the first nine months of the year"
    page = article_page(f"<h1>{headline}</h1>" + long_paragraphs(), f"<title>Federal Police - News - {headline}</title>")
    entry = read_entry(page)
    assert entry.title == headline
    assert entry.source == ""  # nothing on the page names its site


def test_title_prefers_the_headline_element_over_the_title_tag():
    page = article_page("<h1>Best gadgets of 2019</h1>" + long_paragraphs(), "<title>Best gadgets of 2019 | ZDNet</title>")
    assert read_entry(page).title == "Best gadgets of 2019"


@pytest.mark.parametrize(
    ("head", "h1", "expected"),
    [
        # The <h1> is found whole in og:title between separators: what is around it is a kicker, section or date.
        (
            '<meta property="og:title" content="Ski jumping | Row over suits at the Four Hills">',
            "Row over suits at the Four Hills",
            "Row over suits at the Four Hills",
        ),
        (
            '<meta property="og:title" content="Long covid after vaccines: what we know – DW – 13.06.2023">',
            "Long covid after vaccines: what we know",
            "Long covid after vaccines: what we know",
        ),
        # A kicker before a colon is part of the headline unless two statements agree without it.
        ('<meta property="og:title" content="Kenya: Nairobi from below">', "Nairobi from below", "Kenya: Nairobi from below"),
        (
            '<meta property="og:title" content="Kenya: Nairobi from below | Daily Planet">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Nairobi from below"}</script>',
            "Nairobi from below",
            "Nairobi from below",
        ),
        # An <h1> much shorter than the title never cuts it: "Brexit" is a kicker, not the headline.
        ('<meta property="og:title" content="Brexit - what happens next">', "Brexit", "Brexit - what happens next"),
        # The <h1> is the site's logo or a section: the <title> is the headline.
        (
            '<title>Insiders: Trump will sink Pence in VP debate - POLITICO</title><link rel="canonical" href="https://www.politico.com/story/1">',
            "POLITICO Logo",
            "Insiders: Trump will sink Pence in VP debate",
        ),
        (
            "<title>Babies who eat peanuts early may avoid allergy</title>",
            "Allergies Health Center",
            "Babies who eat peanuts early may avoid allergy",
        ),
        # Chinese and Japanese sites join their name without spaces; an <h1> that is the title's last part is the site.
        (
            "<title>这个约会软件，想用你和对方的相似好恶来帮你找对象_智能_好奇心日报</title>",
            "好奇心日报",
            "这个约会软件，想用你和对方的相似好恶来帮你找对象",
        ),
        (
            '<meta property="og:title" content="宮崎県で震度5弱 気象庁：朝日新聞デジタル"><meta property="og:site_name" content="朝日新聞デジタル">',
            "",
            "宮崎県で震度5弱 気象庁",
        ),
        # A breadcrumb <title> ends with the site, and the <h1> carries it glued on as its logo link.
        (
            '<meta name="twitter:title" content="Prosecutors will decide in Madrid whether to appeal the ruling">'
            "<title>Prosecutors will decide in Madrid whether to appeal the ruling » Local » News » Daily Island</title>",
            '<span>Prosecutors will decide in Madrid whether to appeal the ruling</span><a href="/">Daily Island</a>',
            "Prosecutors will decide in Madrid whether to appeal the ruling",
        ),
    ],
)
def test_title_is_the_headline_the_page_states_without_what_surrounds_it(head, h1, expected):
    body = (f"<h1>{h1}</h1>" if h1 else "") + long_paragraphs()
    assert read_entry(article_page(body, head)).title == expected


@pytest.mark.parametrize(
    ("og_title", "h1", "expected"),
    [
        # The page sets its headline with low-opening quotes or real dashes; the metadata has typewriter ones.
        ('"Welches Europa wir wollen"', "„Welches Europa wir wollen“", "„Welches Europa wir wollen“"),
        (
            "Termine Januar - Mai 2020 in Halle und Dessau",
            "Termine Januar – Mai 2020 in Halle und Dessau",
            "Termine Januar – Mai 2020 in Halle und Dessau",
        ),
        # English curly quotes and apostrophes as the <h1> shows them: what readers see.
        (
            "Mexico's economy grew 1.1% in the first quarter",
            "Mexico’s economy grew 1.1% in the first quarter",
            "Mexico’s economy grew 1.1% in the first quarter",
        ),
        ('Nintendo plans "a big E3"', "Nintendo plans “a big E3”", "Nintendo plans “a big E3”"),
        # Other words are another headline, not a typesetting of this one.
        ('"Welches Europa wir wollen"', "„Welches Europa wir brauchen“", '"Welches Europa wir wollen"'),
        # Its ellipsis, and the case readers see in the <h1>, but not an <h1> in capitals.
        ("Só quem se Ama...", "Só quem se Ama…", "Só quem se Ama…"),
        (
            "Cannabis use disorder is rising in U.S. states where weed is legal",
            "Cannabis Use Disorder is Rising in U.S. States Where Weed is Legal",
            "Cannabis Use Disorder is Rising in U.S. States Where Weed is Legal",
        ),
        ("Storm closes the harbour", "STORM CLOSES THE HARBOUR", "Storm closes the harbour"),
    ],
)
def test_title_takes_the_pages_own_dashes_and_low_quotes(og_title, h1, expected):
    head = f'<meta property="og:title" content="{og_title.replace(chr(34), "&quot;")}">'
    assert read_entry(article_page(f"<h1>{h1}</h1>" + long_paragraphs(), head)).title == expected


def test_title_is_typeset_as_the_one_of_several_h1s_that_shows_it():
    head = '<meta property="og:title" content="Elon Musk says Tesla&#x27;s AI will let cars predict trips">'
    body = (
        "<header><h1>Site News</h1></header><h1>Elon Musk Says Tesla’s AI Will Let Cars Predict Trips</h1>"
        + long_paragraphs()
        + "<aside><h1>Subscribe</h1></aside>"
    )
    assert read_entry(article_page(body, head)).title == "Elon Musk Says Tesla’s AI Will Let Cars Predict Trips"
    # Two <h1>s showing it in different type leave the metadata's as it is.
    twice = "<h1>Elon Musk Says Tesla’s AI Will Let Cars Predict Trips</h1><h1>Elon musk says Tesla's AI will let cars predict trips</h1>"
    assert read_entry(article_page(twice + long_paragraphs(), head)).title == "Elon Musk says Tesla's AI will let cars predict trips"


def test_title_is_typeset_as_the_h2_that_shows_it_when_no_h1_does():
    # A blog's or an old CMS's post title stands in an <h2> under a logo's <h1>: its quotes are what readers see.
    head = '<meta property="og:title" content="Nike&#039;s Olander: &quot;Sports data is an opportunity&quot;">'
    body = "<h1>Tech Blog</h1><div class=post><h2>Nike’s Olander: “Sports data is an opportunity”</h2>" + long_paragraphs() + "</div>"
    assert read_entry(article_page(body, head)).title == "Nike’s Olander: “Sports data is an opportunity”"
    # An <h2> with other words is another heading: the metadata's headline stays as it is set.
    other = "<h1>Tech Blog</h1><h2>Nike’s Olander on data</h2>" + long_paragraphs()
    assert read_entry(article_page(other, head)).title == 'Nike\'s Olander: "Sports data is an opportunity"'


def test_title_is_the_fuller_headline_that_an_h1_and_the_title_both_state():
    # og:title shortens the headline for sharing; one of the page's <h1>s (beside a section's) and the <title> state it whole.
    head = (
        '<meta property="og:title" content="US Soccer Faces Must-Win Pressure"><meta property="og:site_name" content="Sports Site">'
        "<title>2012 Olympics: US Soccer Faces Must-Win Pressure to Reach Gold | Sports Site</title>"
    )
    body = "<h1>Olympics</h1><h1>2012 Olympics: US Soccer Faces Must-Win Pressure to Reach Gold</h1>" + long_paragraphs()
    assert read_entry(article_page(body, head)).title == "2012 Olympics: US Soccer Faces Must-Win Pressure to Reach Gold"
    # Without the <title>'s word for it, the <h1> is one statement against another: og:title stays.
    alone = '<meta property="og:title" content="US Soccer Faces Must-Win Pressure"><title>Sports Site</title>'
    assert read_entry(article_page(body, alone)).title == "US Soccer Faces Must-Win Pressure"


STORY_ABOUT_USC = long_paragraphs("USC, which faced Memphis and Kansas and pushed each team,")


@pytest.mark.parametrize(
    ("head", "h1", "expected"),
    [
        # No headline metadata: the <title> part the story tells of is the headline, the other a name it never uses.
        ("<title>San Bernardino County Sun - USC has imposing challenge</title>", "", "USC has imposing challenge"),
        ("<title>USC has imposing challenge | The Valley Press</title>", "", "USC has imposing challenge"),
        # A heading states the whole title: its parts are one headline.
        (
            "<title>USC has imposing challenge - Memphis and Kansas next</title>",
            "USC has imposing challenge - Memphis and Kansas next",
            "USC has imposing challenge - Memphis and Kansas next",
        ),
        # A part the story also tells of is a subtitle, not a site's name.
        ("<title>USC faced Memphis - Kansas pushed each team</title>", "", "USC faced Memphis - Kansas pushed each team"),
        # With og:title, the page has said what its headline is.
        (
            '<title>San Bernardino County Sun - USC has imposing challenge</title><meta property="og:title" '
            'content="San Bernardino County Sun - USC has imposing challenge">',
            "",
            "San Bernardino County Sun - USC has imposing challenge",
        ),
    ],
)
def test_title_without_metadata_is_the_part_the_story_tells_of(head, h1, expected):
    body = (f"<h1>{h1}</h1>" if h1 else "") + STORY_ABOUT_USC
    assert read_entry(article_page(body, head)).title == expected


STORY_IN_VALLEY_SPORTS = long_paragraphs("USC, the pride of Valley sports, faced Memphis and Kansas and pushed each team,")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A section's one word ("Sports") that the story happens to use is no rival headline.
        ("USC has imposing challenge - Sports - Chronicle Online", "USC has imposing challenge"),
        # Nor is a site's name of which the story (or the page's chrome, read with it) uses one word in two.
        ("USC faced Memphis and Kansas - Valley Chronicle", "USC faced Memphis and Kansas"),
        # A subtitle the story tells of as much as the headline still makes one headline with it.
        ("USC faced Memphis - Kansas pushed each team", "USC faced Memphis - Kansas pushed each team"),
    ],
)
def test_title_part_the_story_tells_of_wins_over_section_names_and_half_told_site_names(title, expected):
    assert read_entry(article_page(STORY_IN_VALLEY_SPORTS, f"<title>{title}</title>")).title == expected


def test_site_heading_taken_for_a_title_gives_way_to_the_title_part_the_story_tells_of():
    # The page's one <h1> is its logo; the <title> holds the headline after the site's name, which the story never uses.
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Valley Press Archive - USC faced Memphis and Kansas again</title>'
        f"</head><body><header><h1>Valley Press Archive</h1></header><article>{STORY_ABOUT_USC}</article></body></html>"
    )
    assert read_entry(page).title == "USC faced Memphis and Kansas again"


def test_title_naming_only_the_site_gives_way_to_the_line_above_the_story():
    # A table-laid page of 2007: the <title> is the site's, the headline a <font> in the cell above the story.
    def page(title: str, line: str) -> str:
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body><table>'
            f"<tr><td><b>Sports Wire</b></td></tr><tr><td><font size=4>{line}</font><br>{STORY_ABOUT_USC}</td></tr>"
            "</table></body></html>"
        )

    assert read_entry(page("cbs4denver.com", "USC faced Memphis and Kansas")).title == "USC faced Memphis and Kansas"
    # Not a line in capitals, nor one the story does not tell of, nor over a title the story tells of.
    assert read_entry(page("cbs4denver.com", "MEMPHIS AND KANSAS NEXT")).title == "cbs4denver.com"
    assert read_entry(page("cbs4denver.com", "Weather and traffic updates")).title == "cbs4denver.com"
    assert read_entry(page("USC pushed each team", "USC faced Memphis and Kansas")).title == "USC pushed each team"


def test_line_above_the_story_counts_from_its_short_first_paragraph_and_skips_wordless_lines():
    # The story's first paragraph is shorter than the rest, and text-size buttons ("A", "|") stand between it and
    # the headline: neither may push the headline out of reach.
    chrome = "".join(f"<span>{text}</span>" for text in ("Save", "Print", "A", "|", "A", "|", "A", "|", "A", "0 comments"))
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>WKXT - Sports section front</title></head><body>'
        f"<div><b>USC faced Memphis and Kansas</b></div>{chrome}"
        "<p>LOS ANGELES (AP) — USC faced Memphis on Saturday.</p>"
        f"{STORY_ABOUT_USC}</body></html>"
    )
    assert read_entry(page).title == "USC faced Memphis and Kansas"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A section before a dash or a colon, a site after an underscore, a dash or in brackets, when the page shows
        # the headline without them.
        ("Music- USC faced Memphis and Kansas again", "USC faced Memphis and Kansas again"),
        ("xbox360: USC faced Memphis and Kansas again", "USC faced Memphis and Kansas again"),
        ("USC faced Memphis and Kansas again_English_Wire", "USC faced Memphis and Kansas again"),
        ("=> USC faced Memphis and Kansas again <=", "USC faced Memphis and Kansas again"),
        ("USC Faced Memphis And Kansas Again (from Valley Times)", "USC faced Memphis and Kansas again"),
        # A slash parts a headline as often as a title; words not set off by a separator are the headline's.
        ("USC faced Memphis and Kansas again / Week 3", "USC faced Memphis and Kansas again / Week 3"),
        ("Valley Wire USC faced Memphis and Kansas again", "Valley Wire USC faced Memphis and Kansas again"),
    ],
)
def test_title_without_metadata_loses_what_the_shown_headline_leaves_out(title, expected):
    page = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
        "<div>Sports Central</div>"
        f"<table><tr><td><font size=4>USC faced Memphis and Kansas again</font></td></tr>"
        f"<tr><td>{STORY_ABOUT_USC}</td></tr></table></body></html>"
    )
    assert read_entry(page).title == expected


def test_of_several_title_parts_shown_the_headline_is_the_last_before_the_story():
    # The site's name is shown too, as its logo, and is longer than the headline.
    title = "Slow start cost the Majors - Sports Central - Independent and Minor League Sports News"
    lines = ["Independent and Minor League Sports News", "Hockey", "Slow start cost the Majors", "01/13/08", "OTTAWA - The Majors lost."]
    assert _shown_part(title, lines, 4) == "Slow start cost the Majors"
    assert _shown_part(title, lines, None) == "Slow start cost the Majors"
    # Not a line below the story's start: related links and the footer.
    assert _shown_part(title, ["Hockey", "OTTAWA - The Majors lost.", "Slow start cost the Majors"], 1) == ""
    assert _shown_part("Slow start cost the Majors", lines, 4) == ""
    # An ellipsis before the part, which the typewriter's three dots would lengthen, does not shift it.
    assert _shown_part("Weekend… Music: Lavigne lawsuit settled", ["Lavigne lawsuit settled"], None) == "Lavigne lawsuit settled"
    assert _shown_part("Slow start cost the Majors in Ottawa | Hockey", ["Slow start cost the Majors in Ottawa"], None) == (
        "Slow start cost the Majors in Ottawa"
    )


NAVIGATION = "".join(
    f"<a href=/{name.lower()}>{name}</a> | " for name in ("Home", "Baseball", "Football", "Hockey", "Soccer", "Tennis", "Golf", "Search")
)


def test_section_title_not_shown_above_the_story_gives_way_to_the_headline_line_there():
    # The <title> and the <h1> name the section ("Local Sports Wire"), which the story barely tells of, and stand far
    # above the story; the headline is a line just above it.
    def page(title: str, line: str) -> str:
        return (
            f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
            f"<h1>Valley Sports Wire</h1><div>{NAVIGATION}</div><table>"
            f"<tr><td><font size=4>{line}</font><br>Print<br>E-mail<br>{STORY_ABOUT_USC}</td></tr></table></body></html>"
        )

    assert read_entry(page("Valley Sports Wire", "USC faced Memphis and Kansas")).title == "USC faced Memphis and Kansas"
    # A title the story tells of more than half is the headline; so is a section's line that is no headline.
    assert read_entry(page("USC pushed each team", "USC faced Memphis and Kansas")).title == "USC pushed each team"
    assert read_entry(page("Valley Sports Wire", "Weather and traffic updates")).title == "Valley Sports Wire"


def test_section_heading_shown_just_above_the_story_gives_way_to_the_headline_line_below_it():
    # A wire page of 2008: the section's <h1> stands a few lines above the story, so it is "shown above" it, but the
    # story's headline line stands between the two; the story never uses the section's words.
    def page(first: str, second: str) -> str:
        return (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>wxyz.example - Valley Sports Wire</title></head><body>'
            f"{first}<div>E-mail</div><div>Print</div>{second}{STORY_ABOUT_USC}</body></html>"
        )

    assert read_entry(page("<h1>Valley Sports Wire</h1>", "<h2>USC faced Memphis and Kansas</h2>")).title == (
        "USC faced Memphis and Kansas"
    )
    # Not when the section's heading stands below that line, nor when the story tells of the heading's words.
    assert read_entry(page("<div>USC faced Memphis and Kansas</div>", "<h1>Valley Sports Wire</h1>")).title == "Valley Sports Wire"
    assert read_entry(page("<h1>USC pushed each team</h1>", "<h2>USC faced Memphis and Kansas</h2>")).title == "USC pushed each team"


def test_a_byline_with_its_date_and_time_is_no_headline_line():
    # The line just above the story is the wire's credit and time stamp, whose words the story uses too; the headline
    # stands above it.
    story = long_paragraphs("USC, which the Associated Press saw face Memphis and Kansas in January,")
    for stamp in ("Associated Press - January 11, 2008 4:13 PM ET", "Associated Press, 11 January 2008", "Associated Press 11/01/2008"):
        page = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>wxyz.example</title></head><body><table><tr><td>'
            f"<font size=4>USC faced Memphis and Kansas</font><br>{stamp}<br>{story}</td></tr></table></body></html>"
        )
        assert read_entry(page).title == "USC faced Memphis and Kansas", stamp


def test_piece_of_a_sentence_beside_a_link_is_no_headline_line():
    # A text node that runs on into a link is a piece of a sentence, however many of its words the story uses.
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>valleypress.example</title></head><body>'
        "<p>USC faced Memphis and Kansas and pushed <a href=/more>each team</a> to the end</p><br>"
        f"{STORY_ABOUT_USC}</body></html>"
    )
    assert read_entry(page).title == "valleypress.example"
    assert read_entry(page.replace(" and pushed <a href=/more>each team</a> to the end", "")).title == "USC faced Memphis and Kansas"


def test_a_tables_empty_cells_are_no_paragraph():
    # How the extractor writes a layout table's empty cells, then a cell of the story.
    text = "| | |\n| | | | | |\n| Ottawa, ON - The team lost | 3-1 |\n|\nThe coach said so."
    assert _paragraphs(text) == ["| Ottawa, ON - The team lost | 3-1 |", "The coach said so."]


def test_page_stating_no_title_takes_its_first_heading_the_story_tells_of():
    story = _story_of(["USC faced Memphis and Kansas and pushed each team in turn, the coach said on Monday."])
    boxes = ("MOST POPULAR STORIES NOW", "Make a Donation", "Weather")
    assert _first_told_heading((*boxes, "USC faced Memphis", "Kansas next for USC"), story) == "USC faced Memphis"
    assert _first_told_heading(boxes, story) == ""


def test_date_without_zone_is_a_date_and_relative_addresses_are_dropped():
    head = (
        '<meta property="article:published_time" content="2020-06-01T09:00:00">'
        '<meta property="og:image" content="./page_files/lead.jpg"><link rel="canonical" href="javascript:alert(1)">'
    )
    entry = read_entry(article_page(long_paragraphs(), head))
    assert entry.published == date(2020, 6, 1)
    assert entry.image_url == ""
    assert entry.source_url == ""


# --- encodings ------------------------------------------------------------------------------------

CP1252_BODY = "<p>Caf\xe9 owners said the \x93new rules\x94 would cost them \x80500 a month \x96 more in winter.</p>"
CP1252_TEXT = "Café owners said the “new rules” would cost them €500 a month – more in winter."


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1"])
def test_windows_1252_page_by_its_meta_charset(charset):
    body = (CP1252_BODY + long_paragraphs().replace("story", "st\xf6ry")).encode("latin-1")
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>Caf\xe9 rules</title>'.encode("latin-1")
    page = b"<html><head>" + head + b"</head><body><article>" + body + b"</article></body></html>"
    entry = read_entry(page)
    assert CP1252_TEXT in entry.paragraphs
    assert entry.title == "Café rules"
    assert any("störy" in p for p in entry.paragraphs)


def test_windows_1252_page_without_a_charset_falls_back_from_utf8():
    page = b"<html><body><article>" + (CP1252_BODY + long_paragraphs()).encode("latin-1") + b"</article></body></html>"
    assert CP1252_TEXT in read_entry(page).paragraphs


def test_utf8_with_bom_and_a_wrong_meta_charset():
    page = article_page("<p>Zürich’s “Bahnhofstrasse” reopened.</p>" + long_paragraphs(), charset="windows-1252")
    entry = read_entry(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert "Zürich’s “Bahnhofstrasse” reopened." in entry.paragraphs


@pytest.mark.parametrize("charset", ["iso-8859-1", "windows-1252", "shift_jis"])
def test_utf8_bytes_under_an_old_meta_charset_are_read_as_utf8(charset):
    # A page re-saved as UTF-8 that kept its old <meta>: reading the declared charset gives "fÃ¼r".
    page = article_page("<p>Toller Tarif für nur 5,99 Euro, sagte der Händler in Zürich.</p>" + long_paragraphs(), charset=charset)
    entry = read_entry(page.encode("utf-8"))
    assert "Toller Tarif für nur 5,99 Euro, sagte der Händler in Zürich." in entry.paragraphs


def test_ascii_bytes_keep_their_declared_seven_bit_charset():
    text = "東京で会議が開かれた。"
    page = article_page(f"<p>{text}</p>" + long_paragraphs(), charset="iso-2022-jp")
    assert text in read_entry(page.encode("iso-2022-jp")).paragraphs


def test_a_control_character_in_the_text_does_not_lose_the_article():
    # A stray \x10 (invisible in a browser) made the extractor drop the whole text.
    page = article_page("<p>The rats were running around\x10 and the pumps had failed.</p>" + long_paragraphs())
    entry = read_entry(page.encode("utf-8"))
    assert "The rats were running around and the pumps had failed." in entry.paragraphs


def test_utf16_page():
    page = article_page("<p>Zürich’s “Bahnhofstrasse” reopened.</p>" + long_paragraphs())
    assert "Zürich’s “Bahnhofstrasse” reopened." in read_entry(page.encode("utf-16")).paragraphs


# --- files that are not articles --------------------------------------------------------------------


def test_binary_file_named_html():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    assert read_one(png) == SkippedEntry("", "not a web page: its bytes are binary (looks like PNG)")
    assert read_one(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").reason == "not a web page: its bytes are binary (looks like PDF)"
    assert read_one(bytes(range(256)) * 8).reason == "not a web page: its bytes are binary"


@pytest.mark.parametrize("page", [b"", b"  \r\n\t ", b"<html><head><title></title></head><body>\n</body></html>", b"<!-- nothing -->"])
def test_empty_page(page):
    entry = read_one(page)
    assert isinstance(entry, SkippedEntry)
    assert entry.reason.startswith("empty page")


def test_page_without_article_text():
    page = "<html><body><nav><ul>" + "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(30)) + "</ul></nav></body></html>"
    entry = read_one(page)
    assert isinstance(entry, SkippedEntry)
    assert entry.reason.startswith("no article text found")


def test_nested_tag_bomb_is_refused_with_a_reason():
    entry = read_one("<html><body>" + "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000 + "</body></html>")
    assert isinstance(entry, SkippedEntry)
    assert entry.reason.startswith("page nested too deeply")


def test_deep_but_real_nesting_is_read():
    page = article_page("<div><section>" * 60 + long_paragraphs("the deep layout") + "</section></div>" * 60)
    assert len(read_entry(page).paragraphs) == 4


def test_oversized_page_is_narrowed_to_its_one_article():
    menu = "<nav>" + "".join(f'<a href="/s{n}">Section {n}</a>' for n in range(25_000)) + "</nav>"
    page = article_page("").replace("<body><article></article>", f"<body>{menu}<article>{long_paragraphs('the narrowed page')}</article>")
    entry = read_entry(page)
    assert len(entry.paragraphs) == 4
    assert not any("Section" in p for p in entry.paragraphs)


def test_page_over_the_size_limit_is_refused_unread():
    entry = read_one(b"<p>" + b"a" * MAX_SEED_BYTES)
    assert isinstance(entry, SkippedEntry)
    assert entry.reason.startswith("page too large")


# --- hostile pages: bounded time and memory ------------------------------------------------------------

HOSTILE = {
    "nested-divs": "'<html><body>' + '<div>' * 100_000 + 'deep text ' * 50 + '</div>' * 100_000 + '</body></html>'",
    "50-MB": "'<html><body><article>' + '<p>' + 'word ' * 10_000_000 + '</p></article></body></html>'",
    "many-tags": "'<html><body>' + '<div><a href=\"#\">x</a></div>' * 700_000 + '</body></html>'",
    "elements-under-tag-cap": "'<html><body>' + '<div><a href=\"#\">x</a> y</div>' * 140_000 + '</body></html>'",
    "elements-just-under-cap": "'<html><body><article>' + '<div><a href=\"#\">x</a> y</div>' * 9_900 + '</article></body></html>'",
    "text-just-under-cap": "'<html><body><article>' + ('<p>' + 'A sentence of a long page goes on. ' * 30 + '</p>') * 1_900 + '</article></body></html>'",
    "text-over-cap": "'<html><body><article>' + ('<p>' + 'A sentence of a long page goes on. ' * 30 + '</p>') * 2_500 + '</article></body></html>'",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_page_is_refused_or_read_within_seconds_and_bounded_memory(name):
    # A child process, so its peak memory is its own; the page is built there to keep this process small.
    script = textwrap.dedent(
        f"""
        import json, resource, time
        from dateline.ingest.html import read_html
        page = ({HOSTILE[name]}).encode()
        start = time.perf_counter()
        result = read_html(page)
        elapsed = time.perf_counter() - start
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({{"seconds": elapsed, "peak_mb": peak_mb, "kinds": [type(r).__name__ for r in result], "size_mb": len(page) / 1e6}}))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(done.stdout.splitlines()[-1])
    assert len(report["kinds"]) == 1
    assert report["seconds"] < 6, report
    # The page itself (up to 50 MB), its decoded copy and the parsed tree: a few hundred MB, never gigabytes.
    assert report["peak_mb"] < 600, report


def test_title_cut_short_by_an_unescaped_quote_in_a_meta_tag_is_made_whole():
    head = '<meta property="og:title" content="Senator calls the plan "unworkable"" /><title>Senator calls the plan "unworkable"</title>'
    assert read_entry(article_page(long_paragraphs(), head)).title == 'Senator calls the plan "unworkable"'


def test_heading_is_read_without_the_style_sheets_inside_it():
    h1 = "<style>.css-1x{font-size:16px}</style><span>Vaccines stay</span> <em>available</em><script>track()</script> until February"
    assert read_entry(article_page(f"<h1>{h1}</h1>" + long_paragraphs())).title == "Vaccines stay available until February"


@pytest.mark.parametrize(
    ("og_title", "h1", "expected"),
    [
        # A meta title padded for search around the page's own <h1>: the <h1>.
        ("Recipe for Lemon Drizzle Cake | Bakes", "Lemon Drizzle Cake", "Lemon Drizzle Cake"),
        ("Dead bumblebees under lime trees: the explanation", "Dead bumblebees under lime trees", "Dead bumblebees under lime trees"),
        # A kicker before the <h1> belongs to the headline the page shows.
        ("After the storm: Harbour stays closed", "Harbour stays closed", "After the storm: Harbour stays closed"),
    ],
)
def test_title_prefers_the_visible_heading_inside_a_padded_meta_title(og_title, h1, expected):
    head = f'<meta property="og:title" content="{og_title}">'
    assert read_entry(article_page(f"<h1>{h1}</h1>" + long_paragraphs(), head)).title == expected


@pytest.mark.parametrize("tag", ["h2", "h3", "h4"])
def test_title_part_the_page_sets_as_a_heading_is_the_headline(tag):
    head = "<title>Eastham Port Authority | Harbour board publishes its annual report</title>"
    body = f"<{tag}>Harbour board publishes its annual report</{tag}>" + long_paragraphs()
    assert read_entry(article_page(body, head)).title == "Harbour board publishes its annual report"
    # Every title the page gives may add its section: the headline stands alone in a heading of its own.
    head = '<meta property="og:title" content="Gardens make rural towns more self-reliant | District">'
    body = f"<{tag}>Gardens make rural towns more self-reliant</{tag}>" + long_paragraphs()
    assert read_entry(article_page(body, head)).title == "Gardens make rural towns more self-reliant"
    # A short heading (a section's name) that matches a part is not taken for the headline.
    head = "<title>Harbour board publishes its annual report | News | Eastham</title>"
    assert read_entry(article_page("<h2>News</h2>" + long_paragraphs(), head)).title.startswith("Harbour board publishes")
