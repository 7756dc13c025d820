"""Synthetic feeds for the refresh benchmark, and a server for them on 127.0.0.1.

Feed ``i`` is RSS 2.0 (even ``i``) or Atom (odd ``i``) with 50 entries whose
HTML is realistic for a news site: paragraphs, figures with captions and
credits, ad slots, video embeds and related-link boxes, about 8 KB an entry
(about 400 KB a feed). All text is invented. Bodies come from a seeded pool,
so generating a feed costs a string join; guids, titles and links are unique.
The server answers conditional GETs with 304 (ETag and Last-Modified).
"""

from __future__ import annotations

import random
import threading
import time
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ENTRIES = 50
LAST_MODIFIED = "Tue, 02 Jan 2024 08:00:00 GMT"
_WORDS = [
    "harbour",
    "council",
    "river",
    "budget",
    "storm",
    "ferry",
    "village",
    "market",
    "museum",
    "library",
    "station",
    "volunteers",
    "reported",
    "season",
    "engineers",
    "residents",
    "festival",
    "bridge",
    "tunnel",
    "coastal",
    "winter",
    "summer",
    "orchard",
    "fishermen",
    "committee",
    "survey",
    "archive",
    "lantern",
    "meadow",
    "quarry",
    "parish",
    "tidal",
    "weather",
    "timber",
    "granary",
    "mill",
    "canal",
    "valley",
    "ridge",
    "beacon",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(9, 22))]
    return " ".join(words).capitalize() + "."


def _article_html(rng: random.Random, n: int) -> str:
    parts: list[str] = []
    for p in range(14):
        parts.append("<p>" + " ".join(_sentence(rng) for _ in range(rng.randint(3, 5))) + "</p>")
        if p == 1:
            parts.append(
                f'<figure class="lead"><img src="https://img.example.test/{n}/lead.jpg" '
                f'alt="{escape(_sentence(rng))}" width="1200" height="800">'
                f"<figcaption>{escape(_sentence(rng))} "
                f'<span class="credit">Photo: Ana Ortiz/Valley Wire</span></figcaption></figure>'
            )
        if p == 4:
            parts.append(
                '<div class="ad-slot" data-ad="mid"><span>Advertisement</span>'
                '<script>window.ads=window.ads||[];ads.push("mid")</script></div>'
            )
        if p == 6:
            parts.append(
                f'<div class="video-embed"><iframe src="https://video.example.test/embed/{n}" '
                'width="640" height="360" allowfullscreen></iframe>'
                f'<p class="video-title">WATCH | {escape(_sentence(rng))}</p></div>'
            )
        if p == 9:
            parts.append(
                f'<figure><img src="https://img.example.test/{n}/second.jpg" alt="">'
                f"<figcaption>{escape(_sentence(rng))} (Jon Park/Coast Trust)</figcaption>"
                "</figure>"
            )
        if p == 11:
            parts.append(
                '<aside class="related"><h3>Related</h3><ul>'
                + "".join(
                    f'<li><a href="https://news.example.test/r/{n}/{k}">{_sentence(rng)}</a></li>'
                    for k in range(3)
                )
                + "</ul></aside>"
            )
    parts.append("<p><em>With files from the Valley Wire.</em></p>")
    return "".join(parts)


@cache
def _pool() -> tuple[str, ...]:
    rng = random.Random(42)
    return tuple(_article_html(rng, n) for n in range(120))


def feed_body(i: int, version: int = 1) -> bytes:
    """The bytes of feed ``i``."""
    pool = _pool()
    site = f"https://site{i}.example.test"
    entries: list[str] = []
    for e in range(ENTRIES):
        body = pool[(i * 7 + e) % len(pool)]
        title = f"Story {e} of feed {i}: {_WORDS[(i + e) % len(_WORDS)]} news (v{version})"
        link = f"{site}/news/{e}"
        day = 1 + e % 28
        if i % 2 == 0:
            entries.append(
                f"<item><title>{escape(title)}</title><link>{link}</link>"
                f'<guid isPermaLink="false">feed{i}-entry{e}</guid>'
                f"<pubDate>Mon, {day:02d} Jan 2024 10:{e % 60:02d}:00 GMT</pubDate>"
                f"<author>desk@site{i}.example.test (Desk {i})</author>"
                f"<category>Region</category>"
                f"<description>{escape(title)} in brief.</description>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
            )
        else:
            entries.append(
                f'<entry><title>{escape(title)}</title><link href="{link}"/>'
                f"<id>urn:feed{i}:entry{e}</id>"
                f"<updated>2024-01-{day:02d}T10:{e % 60:02d}:00Z</updated>"
                f"<author><name>Desk {i}</name></author><summary>{escape(title)} in brief."
                f'</summary><content type="html">{escape(body)}</content></entry>'
            )
    if i % 2 == 0:
        text = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Bench feed {i}</title><link>{site}/</link>"
            f"<description>Synthetic feed {i}</description>{''.join(entries)}</channel></rss>"
        )
    else:
        text = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Bench feed {i}</title><id>urn:feed{i}</id><link href="{site}/"/>'
            f"<updated>2024-01-02T08:00:00Z</updated>{''.join(entries)}</feed>"
        )
    return text.encode()


# Set by serve(): every answer waits LATENCY seconds; feeds whose number falls in the
# slow fraction (every SLOW_EVERY-th feed) wait SLOW_SECONDS instead.
LATENCY = 0.0
SLOW_EVERY = 0
SLOW_SECONDS = 2.0
FIRST_ANSWER = None  # set by serve(): a shared double, time.monotonic() of the first body sent


def delay_of(i: int) -> float:
    """How long the server waits before answering feed ``i``."""
    if SLOW_EVERY and i % SLOW_EVERY == SLOW_EVERY - 1:
        return SLOW_SECONDS
    return LATENCY


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        try:
            i = int(self.path.strip("/").split(".")[0].removeprefix("feed"))
        except ValueError:
            self.send_error(404)
            return
        if delay := delay_of(i):
            time.sleep(delay)
        etag = f'"bench-{i}-1"'
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = feed_body(i)
        self.send_response(200)
        kind = "application/rss+xml" if i % 2 == 0 else "application/atom+xml"
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)
        if FIRST_ANSWER is not None and not FIRST_ANSWER.value:
            FIRST_ANSWER.value = time.monotonic()  # CLOCK_MONOTONIC: comparable across processes


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 2048


def serve(
    port_queue, stop_event, latency: float = 0.0, slow_fraction: float = 0.0, first_answer=None
) -> None:
    """Run the server (in its own process) until ``stop_event`` is set.

    ``latency`` seconds are added to every answer; a ``slow_fraction`` of the feeds
    answer after 2 s instead. ``first_answer`` (a ``multiprocessing.Value("d")``, reset
    to 0 by the caller) gets the ``time.monotonic()`` of the first feed body sent.
    """
    global LATENCY, SLOW_EVERY, FIRST_ANSWER
    FIRST_ANSWER = first_answer
    LATENCY = latency
    SLOW_EVERY = round(1 / slow_fraction) if slow_fraction > 0 else 0
    _pool()
    server = _Server(("127.0.0.1", 0), _Handler)
    port_queue.put(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2})
    thread.daemon = True
    thread.start()
    stop_event.wait()
    server.shutdown()
    server.server_close()
