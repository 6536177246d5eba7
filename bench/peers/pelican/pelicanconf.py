"""Pelican settings for bench/compare.py: the same pages as Dateline's benchmark site.

bench/corpus.py copies this file and theme/ beside the corpus' pelican/content/. Pages built:
article pages at /YYYY/MM/slug/, the home page paginated 10 a page (/page/N/), one paginated
page per topic (Pelican tags: /topics/SLUG/, /topics/SLUG/page/N/) with its Atom feed, the
topics index, the archive (/archive/) with paginated month pages, the site Atom feed
(/feed.xml, 20 entries) and sitemap.xml. Categories, authors and drafts get no pages.
Caching is off here; compare.py turns it on for the warm runs with
`-e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true`.
"""

SITENAME = "Benchmark digest"
SITEURL = "https://example.com"
RELATIVE_URLS = False
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PATH = "content"
THEME = "theme"
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "period_archives": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# The same Markdown extensions as Dateline (dateline/markup.py).
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.smarty": {},
        "markdown.extensions.footnotes": {},
        "markdown.extensions.tables": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
INDEX_SAVE_AS = "index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
TAGS_URL = "topics/"
TAGS_SAVE_AS = "topics/index.html"
ARCHIVES_URL = "archive/"
ARCHIVES_SAVE_AS = "archive/index.html"
MONTH_ARCHIVE_URL = "archive/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archive/{date:%Y}/{date:%m}/index.html"
DIRECT_TEMPLATES = ["index", "tags", "archives", "sitemap"]
SITEMAP_SAVE_AS = "sitemap.xml"

# Nothing Dateline does not build.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DRAFT_SAVE_AS = ""
PAGE_SAVE_AS = ""
STATIC_PATHS = []

FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = 20
FEED_ALL_ATOM = "feed.xml"
TAG_FEED_ATOM = "topics/{slug}/feed.xml"
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = "cache"
