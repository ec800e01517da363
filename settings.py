"""Scrapy settings of Open Council Meetings. Every project setting is prefixed OCM_ and has its default here."""

from __future__ import annotations

import os

BOT_NAME = "open_council_meetings"

SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"
# One spider per council of the registry (`scrapy list`, `scrapy crawl LIC`).
SPIDER_LOADER_CLASS = "spiders.loader.CouncilSpiderLoader"

# --- The project's own settings -------------------------------------------------------------------
OCM_DB_PATH = "data/ocm.db"  # the SQLite store
OCM_REGISTRY = ""  # registry directory (TOML) or CSV; empty = registry/councils/, every UK principal council
OCM_COUNCILS = ""  # comma-separated register codes to crawl; empty = every active council
OCM_TRIGGER = "manual"  # what started the run: manual / nightly / demo / test
OCM_RUN_ID = 0  # the run a crawl records into, set by whoever starts it; 0 = a plain `scrapy crawl` opens its own
OCM_DISCOVERY_DEPTH = 5  # clicks followed from a council's start pages (the page budget bounds the cost)
OCM_DISCOVERY_INTERVAL_DAYS = 28  # walk each council's sites for new documents every N nights (spread)
OCM_LINK_PAGES_INTERVAL_DAYS = 7  # in between, read again the pages linking to its known documents every N nights
OCM_MAX_PAGES_PER_COUNCIL = 60  # discovery's page budget per council per run, spent best-scored link first
# (known sources that discovery found are charged to it first; registry documents are not)
OCM_MAX_PAGES_PER_LOCAL_COUNCIL = 25  # the same for a parish, town or community council: a small site of its own
OCM_MAX_SOURCES_PER_COUNCIL = 30  # discovered sources kept per council; beyond it the least linked are retired
OCM_COUNCIL_CONCURRENCY = 2  # discovery requests of one council in flight at once
OCM_OPEN_COUNCILS = 64  # councils a crawl process walks at once (more wait their turn): memory flat at 12,000
OCM_WORKERS = 2  # processes that extract and classify documents (use the cores); 0 = one thread in-process
OCM_CRAWL_PROCESSES = 2  # crawl processes a run's councils are shared out over (OCM_WORKERS is split among them)
OCM_CRAWL_SHARE = ""  # set by `ocm crawl` for the crawl processes it starts: which share of the run is theirs
OCM_MAX_PDF_PAGES = 2000  # a PDF with more pages is refused as unreadable (the longest constitutions ~1000)
OCM_EXTRACT_TIMEOUT = 60  # seconds a document's extraction, then its classification, may take each; 0 = no limit
OCM_WORKER_MEMORY_MB = 2048  # address space of each worker process (RLIMIT_AS); 0 = no limit
OCM_SOURCE_GONE_AFTER = 3  # consecutive failed nights before a `source_gone` flag
OCM_TEMPLATE_MIN_COUNCILS = 3  # new councils whose policies rest on one shared text that make it one review decision
OCM_NIGHTLY_TIME = "02:30"  # Europe/London
OCM_MISFIRE_GRACE_HOURS = 6  # a nightly run missed by up to this long still runs
OCM_CRAWL_TIMEOUT = 6 * 3600  # seconds a nightly crawl child process may take
OCM_OVERDUE_HOURS = 26  # `ocm status` fails when the last nightly run started longer ago than this
# Space-separated Apprise URLs for the nightly digest; empty = log it only. They carry tokens: set them in the
# environment (never passed to the crawl process) rather than with -s, which `ps` shows.
OCM_NOTIFY_URLS = os.environ.get("OCM_NOTIFY_URLS", "")
OCM_TEST_MODE = False  # allow loopback and private addresses: only for the sample council web (tests, demo)
OCM_TRUST_PROXY = False  # allow requests through an HTTP(S) proxy, which resolves names itself: see docs
OCM_REVIEW_URL = ""  # address of the review web page, named in the digest; empty = not mentioned
# the public site's address (https://...), for absolute links in its feeds; empty = relative links
OCM_PUBLIC_URL = os.environ.get("OCM_PUBLIC_URL", "")
OCM_PUBLISH_DIR = ""  # where the nightly run and `ocm serve` publish the public site; empty = `site` beside the store

# --- Politeness -----------------------------------------------------------------------------------
USER_AGENT = "OpenCouncilMeetings/0.1 (+https://github.com/open-council-meetings; contact: ocm@example.org)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32  # download slots at once, each a site (one council) at its own polite pace: 12,000 councils
# take 2.9 h on the first night at the page budget with 32, 5.9 h with 16 (bench/projection.py, docs/running-nightly.md)
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Items handled at once per response. A response yields one document at most (and requests), and Scrapy
# starts this many asyncio tasks for every response: its default of 100 cost a third of an unchanged night.
CONCURRENT_ITEMS = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024
DOWNLOAD_WARNSIZE = 20 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
OCM_RETRY_BACKOFF = 2.0  # seconds before the first retry, doubled for each further one
OCM_RETRY_BACKOFF_MAX = 60.0  # the longest wait before a retry, also for a server's Retry-After
REDIRECT_MAX_TIMES = 10
# Name resolution refusing internal addresses on every connection (outside OCM_TEST_MODE); the crawl will not
# start with another resolver, or with a download handler that resolves names its own way (spiders/safety.py).
TWISTED_DNS_RESOLVER = "spiders.resolver.SafeResolver"
COOKIES_ENABLED = False
# robots.txt only (spiders/robotscache.py), kept 20 hours: at most one fetch per site per night.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "spiders.robotscache.RobotsOnlyPolicy"
HTTPCACHE_EXPIRATION_SECS = 20 * 3600
HTTPCACHE_DIR = "httpcache"  # `ocm crawl` puts it beside the store
# No consoles: Scrapy's telnet console and (since 2.19) its remote-control server, which runs Python sent to a
# localhost port and leaves a job file with the token in the user's profile (stale ones after a killed crawl).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- Components -----------------------------------------------------------------------------------
ITEM_PIPELINES = {
    "pipeline.extract.ExtractPipeline": 100,
    "pipeline.classify.ClassifyPipeline": 200,
    "pipeline.persist.PersistPipeline": 300,
}
DOWNLOADER_MIDDLEWARES = {
    "spiders.safety.SafeDestinations": 40,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.retry.BackoffRetry": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "spiders.redirects.DocumentRedirect": 600,
}
EXTENSIONS = {
    "pipeline.runlog.RunLog": 100,
}
# A crawl started without OCM_RUN_ID (a plain `scrapy crawl`) opens a run of its own, before its components read it.
ADDONS = {
    "pipeline.ownrun.OwnRun": 0,
}

LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
