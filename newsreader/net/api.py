"""A bounded HTTP client for JSON and text APIs (a sync server), built like the feed fetcher.

Each request has connect and read timeouts and an overall deadline (four times
``[refresh] deadline``: a page of a thousand items is bigger than a feed; a server
that drips a byte a second never trips a read timeout), its decoded body is capped (a
gzip bomb or a 100 MB answer stops at the cap), and redirects are not followed: an
API that redirects is misconfigured, and following one could send the credentials
elsewhere. Every failure is an :class:`ApiError` with a one-line message; a
response of any status is returned for the caller to judge.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import httpx

from newsreader.config import Config
from newsreader.net.decode import (
    ACCEPT_ENCODING,
    BodyTooLarge,
    DecodeError,
    read_bounded,
)
from newsreader.net.fetch import (
    USER_AGENT,
    FetchError,
    check_url,
    client_timeout,
    describe_error,
)
from newsreader.sanitize import clean_text

Params = Mapping[str, str] | Sequence[tuple[str, str]]


class ApiError(Exception):
    """A request failed before a whole response arrived (one readable line)."""

    def __init__(self, message: str, *, tls: bool = False) -> None:
        super().__init__(message)
        self.tls = tls


@dataclass(frozen=True, slots=True)
class ApiResponse:
    """A whole response: status, decoded body (within the cap) and headers."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def _tls_problem(error: BaseException) -> str:
    """The TLS failure behind a transport error (``""`` when it was not TLS)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            reason = getattr(current, "reason", None) or getattr(current, "verify_message", None)
            return clean_text(reason or str(current) or type(current).__name__, 160)
        current = current.__cause__ or current.__context__
    return ""


class ApiClient:
    """``async with ApiClient(config, max_bytes) as api: await api.request(...)``."""

    def __init__(
        self,
        config: Config,
        max_bytes: int,
        *,
        deadline: float | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self.max_bytes = max_bytes
        self.deadline = deadline if deadline is not None else config.feed_deadline * 4
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> ApiClient:
        cfg = self.config
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=client_timeout(cfg),
            limits=httpx.Limits(max_connections=4, max_keepalive_connections=4),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
            transport=self._transport,
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Params | None = None,
        data: Params | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ApiResponse:
        """One request, whole and bounded; raises :class:`ApiError` on any transport failure."""
        if self._client is None:
            raise RuntimeError("use ApiClient as `async with`")
        try:
            check_url(url)
        except FetchError as error:
            raise ApiError(str(error)) from None
        try:
            async with asyncio.timeout(self.deadline):
                return await self._request(method, url, params, data, headers)
        except TimeoutError:
            raise ApiError(f"no complete response within {self.deadline:g} s (deadline)") from None
        except httpx.HTTPError as error:
            tls = _tls_problem(error)
            message = f"TLS error: {tls}" if tls else describe_error(error)
            raise ApiError(message, tls=message.startswith("TLS")) from None

    async def _request(
        self,
        method: str,
        url: str,
        params: Params | None,
        data: Params | None,
        headers: Mapping[str, str] | None,
    ) -> ApiResponse:
        assert self._client is not None
        body = None
        send_headers = dict(headers or {})
        if data is not None:
            body = str(httpx.QueryParams(data)).encode("ascii")
            send_headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            request = self._client.build_request(
                method, url, params=params, content=body, headers=send_headers
            )
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise ApiError(f"not a valid URL: {clean_text(str(error), 120)}") from None
        response = await self._client.send(request, stream=True)
        try:
            return ApiResponse(
                response.status_code, await self._read(response), dict(response.headers)
            )
        finally:
            await response.aclose()

    async def _read(self, response: httpx.Response) -> bytes:
        try:
            return await read_bounded(response, self.max_bytes)
        except BodyTooLarge as error:
            raise ApiError(f"the server's answer is {error}") from None
        except DecodeError as error:
            raise ApiError(str(error)) from None
