# Minimal Pelican site for the build-speed benchmark (copied from shared/bench/pelican-site).
# The content path and the output path are given on the command line; the theme is the
# tiny one beside this file, producing the same HTML as the Hugo layouts.
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "theme"

# Same URL scheme as the Hugo site: /papers/<slug>/, /authors/<slug>/,
# /tags/<slug>/, /years/<yyyy>/ and the three index pages.
ARTICLE_URL = "papers/{slug}/"
ARTICLE_SAVE_AS = "papers/{slug}/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
YEAR_ARCHIVE_URL = "years/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "years/{date:%Y}/index.html"
ARCHIVES_SAVE_AS = "years/index.html"
# No category pages (every paper is in the default category), no static pages.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
PAGE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "authors", "archives"]
DEFAULT_PAGINATION = False

# Feeds off, as in the Hugo site.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Cold builds only: no content cache, nothing to copy.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
STATIC_PATHS = []
THEME_STATIC_PATHS = []
DELETE_OUTPUT_DIRECTORY = False
