"""Fetching feeds over HTTP: bounded, conditional, concurrent. No parsing here.

:class:`Fetcher` wraps one ``httpx.AsyncClient`` for a whole refresh. Every
fetch is bounded: a total and a per-host concurrency limit, connect and read
timeouts, an overall deadline per feed (a server dripping one byte a second
never trips a read timeout), a cap on the *decoded* body size (raw bytes are
decoded here, in bounded steps, by :mod:`newsreader.net.decode`: a gzip bomb
is stopped at the cap, not after inflating it), and a redirect limit. Redirects
are followed here, one hop at a time, so each target is checked (http/https
only, no well-known non-web port) and a chain of permanent redirects can move
the stored URL. A redirect target is cleaned like every URL from the network
(:func:`newsreader.sanitize.clean_url`), so no control character in a
``Location`` header reaches the store or the terminal. A failure is a
:class:`FetchError` with a one-line message.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader import __version__
from newsreader.config import Config
from newsreader.net.decode import (
    ACCEPT_ENCODING,
    BodyTooLarge,
    DecodeError,
    read_bounded,
)
from newsreader.sanitize import clean_text, clean_url

USER_AGENT = f"newsreader/{__version__} (terminal news reader)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.8, text/html;q=0.5, */*;q=0.1"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"  # article pages
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})

# Ports browsers refuse to fetch from (the Fetch standard's "bad ports").
BAD_PORTS = frozenset(
    {1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95}
    | {101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143}
    | {161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554}
    | {556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045}
    | {5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080}
)


class FetchError(Exception):
    """One feed could not be fetched; ``str()`` is a readable one-line message."""

    def __init__(self, message: str, *, status: int = 0, retry_after: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A fetched feed: 200 with a body, or 304 (not modified, no body)."""

    url: str  # the URL the body came from (after redirects)
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    permanent_url: str | None = None  # set when every hop was a permanent redirect
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def client_timeout(config: Config) -> httpx.Timeout:
    """The connect and read timeouts of every HTTP client (the deadline is separate)."""
    return httpx.Timeout(
        connect=config.connect_timeout,
        read=config.read_timeout,
        write=config.read_timeout,
        pool=None,
    )


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL newsreader may fetch; else raise :class:`FetchError`."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError(f"not a valid URL: {clean_text(url, 200)}") from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = clean_text(parts.scheme or url, 40)
        raise FetchError(f"only http and https URLs are allowed (not {shown}:)")
    if not parts.hostname:
        raise FetchError(f"not a valid URL (no host): {clean_text(url, 200)}")
    if port is not None and port in BAD_PORTS:
        raise FetchError(f"refusing to fetch from port {port} (not a web port)")
    return url


def is_local_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is in the user's own machine or network (IPv4-mapped IPv6 unwrapped)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address.is_site_local:
            return True
    return (
        address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified
    )


async def resolve(host: str) -> list[str]:
    """The addresses ``host`` resolves to (as the connection would); ``[]`` if it does not."""
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError):
        return []
    return [str(info[4][0]).split("%", 1)[0] for info in infos]


async def is_local_host(host: str) -> bool:
    """Whether ``host`` is, or resolves to, a local address (loopback, private, link-local, 0).

    Judged by the address, not the spelling: ``127.1``, ``2130706433``,
    ``0x7f000001``, ``0``, ``[::ffff:127.0.0.1]`` and a name that resolves to
    127.0.0.1 are all local. A name that does not resolve is not (its fetch
    fails anyway).
    """
    name = host.strip("[]").lower().rstrip(".")
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        addresses = [ipaddress.ip_address(name)]
    except ValueError:
        addresses = []
        for text in await resolve(name):
            with contextlib.suppress(ValueError):
                addresses.append(ipaddress.ip_address(text))
    return any(is_local_address(a) for a in addresses)


def is_local_url(url: str) -> bool:
    """Whether a URL's host is written as this machine or a private network, unresolved.

    For filtering without the network (which picture URLs of an article to ask
    for); every fetch judges the resolved address (:func:`is_local_host`).
    Numeric spellings (``127.1``, ``2130706433``, ``0x7f000001``) count as what
    they mean.
    """
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return False
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        try:  # the forms inet_aton accepts: 127.1, 2130706433, 0x7f000001, 0
            address = ipaddress.ip_address(socket.inet_aton(host))
        except (OSError, ValueError):
            return False
    return is_local_address(address)


async def leads_into_local_network(source: str, target: str) -> bool:
    """Whether going from ``source`` to ``target`` goes from a public host to a local one."""
    if not await is_local_host(urlsplit(target).hostname or ""):
        return False
    return not await is_local_host(urlsplit(source).hostname or "")


async def refuse_local_redirect(original: str, target: str) -> None:
    """Raise :class:`FetchError` when a redirect leads from a public feed into a local network.

    What the rule protects: the user's own machine and network (a router's admin
    page, a local service) from a feed on the internet that redirects there, so
    that nothing of theirs is fetched, stored or shown on a public server's say.
    The URL the user gives is never judged (subscribing to a feed on
    ``localhost`` or the LAN is fine), and a local feed may redirect within the
    local network. Both hosts are judged by the address they resolve to; the
    check resolves the name separately from the connection, so it is not a
    defence against DNS rebinding.
    """
    if await leads_into_local_network(original, target):
        raise FetchError("redirect refused: a public feed may not redirect to a local address")


def _status_message(status: int, reason: str, headers: Mapping[str, str]) -> FetchError:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = clean_text(reason, 60) or "error"
    message = f"HTTP {status} {phrase}"
    retry_after = ""
    if status == 410:
        message += ": the feed is gone; consider unsubscribing (newsreader remove)"
    elif status in (429, 503) and headers.get("retry-after"):
        retry_after = clean_text(headers["retry-after"], 60)
        message += f"; the server asks to retry after {_retry_after_text(retry_after)}"
    return FetchError(message, status=status, retry_after=retry_after)


def _retry_after_text(value: str) -> str:
    if value.isdigit():
        return f"{int(value)} s"
    try:
        return parsedate_to_datetime(value).strftime("%Y-%m-%d %H:%M UTC")
    except (TypeError, ValueError, IndexError):
        return value


def describe_error(error: BaseException) -> str:
    """A transport-level exception as one readable line."""
    if isinstance(error, httpx.ConnectTimeout):
        return "timed out connecting to the server"
    if isinstance(error, httpx.ReadTimeout):
        return "timed out waiting for the server (read timeout)"
    if isinstance(error, httpx.TimeoutException):
        return "timed out talking to the server"
    if isinstance(error, httpx.ConnectError):
        detail = str(error) or type(error).__name__
        if "CERTIFICATE" in detail.upper() or "SSL" in detail.upper():
            return f"TLS error: {clean_text(detail, 160)}"
        return f"cannot connect: {clean_text(detail, 160)}"
    if isinstance(error, httpx.RemoteProtocolError):
        detail = clean_text(str(error), 160) or "the server broke the connection"
        return f"incomplete or malformed response: {detail}"
    if isinstance(error, httpx.DecodingError):
        return f"cannot decode the compressed body: {clean_text(str(error), 120)}"
    if isinstance(error, httpx.HTTPError):
        return f"network error: {clean_text(str(error), 160) or type(error).__name__}"
    return f"{type(error).__name__}: {clean_text(str(error), 160)}"


class Fetcher:
    """One HTTP client for a refresh; use ``async with Fetcher(config) as f``."""

    def __init__(
        self,
        config: Config,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        noun: str = "feed",
        accept: str = ACCEPT,
    ):
        self.config = config
        self.noun = noun  # what is fetched, for messages ("feed", "page")
        self.accept = accept
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._total = asyncio.Semaphore(config.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        cfg = self.config
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=client_timeout(cfg),
            limits=httpx.Limits(
                max_connections=cfg.concurrency,
                max_keepalive_connections=cfg.concurrency,
                keepalive_expiry=10,
            ),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": self.accept,
                "Accept-Encoding": ACCEPT_ENCODING,
            },
            transport=self._transport,
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.config.per_host)
        return self._hosts[host]

    async def fetch(
        self, url: str, *, etag: str = "", last_modified: str = "", origin: str = ""
    ) -> FetchResult:
        """Fetch ``url`` (conditionally when ``etag``/``last_modified`` are given).

        ``origin`` is the feed or page that named ``url`` (an article's link, a
        picture's article): a public origin may not lead to a local address, as a
        redirect may not (:func:`refuse_local_redirect`). Raises
        :class:`FetchError` for every failure, including the deadline.
        """
        check_url(url)
        async with self._host_limit(url), self._total:
            try:
                async with asyncio.timeout(self.config.feed_deadline):
                    if origin and await leads_into_local_network(origin, url):
                        raise FetchError(
                            "refused: a link from a public feed may not lead to a local address"
                        )
                    return await self._fetch(url, etag, last_modified)
            except TimeoutError:
                limit = f"{self.config.feed_deadline:g}"
                raise FetchError(f"no complete response within {limit} s (deadline)") from None
            except httpx.HTTPError as error:
                raise FetchError(describe_error(error)) from None

    async def _fetch(self, url: str, etag: str, last_modified: str) -> FetchResult:
        assert self._client is not None, "use Fetcher as an async context manager"
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        original = url
        permanent = True
        seen = {url}
        for _hop in range(self.config.max_redirects + 1):
            async with self._open(url, original, headers) as response:
                status = response.status_code
                if status in REDIRECTS:
                    target = self._redirect_target(url, response)
                    await refuse_local_redirect(original, target)
                    permanent = permanent and status in PERMANENT
                    if target in seen:
                        raise FetchError("too many redirects (a redirect loop)")
                    seen.add(target)
                    url = target
                    continue
                if status == 304:
                    return FetchResult(
                        url=url,
                        status=304,
                        headers=dict(response.headers),
                        permanent_url=url if permanent and url != original else None,
                        etag=response.headers.get("etag", etag),
                        last_modified=response.headers.get("last-modified", last_modified),
                    )
                if status >= 300:
                    raise _status_message(status, response.reason_phrase, response.headers)
                body = await self._read_body(response)
                return FetchResult(
                    url=url,
                    status=status,
                    body=body,
                    headers=dict(response.headers),
                    permanent_url=url if permanent and url != original else None,
                    etag=response.headers.get("etag", ""),
                    last_modified=response.headers.get("last-modified", ""),
                )
        raise FetchError(f"too many redirects (more than {self.config.max_redirects})")

    @contextlib.asynccontextmanager
    async def _open(self, url: str, original: str, headers: dict[str, str]):
        assert self._client is not None
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                yield response
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            # httpx parses Location itself, even when it does not follow it.
            where = "redirect refused" if url == original else "not a valid URL"
            raise FetchError(f"{where}: {clean_text(str(error), 120)}") from None

    def _redirect_target(self, url: str, response: httpx.Response) -> str:
        location = response.headers.get("location", "").strip()
        if not location:
            raise FetchError(f"HTTP {response.status_code} redirect without a Location")
        try:
            joined = urljoin(url, location)
        except ValueError:
            raise FetchError("redirect to an invalid URL refused") from None
        # The same cleaning as a link in content: controls, escapes, bidi and
        # zero-width characters go, so the URL is safe to store, show and fetch.
        target = clean_url(location, url)
        try:
            check_url(target or joined)
        except FetchError as error:
            raise FetchError(f"redirect refused: {error}") from None
        if not target:
            raise FetchError("redirect refused: not a usable http(s) URL")
        return target

    async def _read_body(self, response: httpx.Response) -> bytes:
        try:
            return await read_bounded(response, self.config.max_feed_bytes)
        except BodyTooLarge as error:
            raise FetchError(f"{self.noun} {error}") from None
        except DecodeError as error:
            raise FetchError(str(error)) from None
