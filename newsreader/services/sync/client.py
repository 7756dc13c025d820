"""The Google Reader API, spoken with the bounded :class:`~newsreader.net.api.ApiClient`.

Every server difference lives in this module, in :class:`Dialect` and the
methods that read it:

- **FreshRSS** serves ``stream/contents/<stream>`` (pages with ``c=``, ``ot=`` in
  seconds against its item ids, which are crawl times in microseconds).
  ``stream/items/ids?s=user/-/state/com.google/read`` is *not* filtered there
  (it returns every item), so read state always comes from the reading list
  with ``xt=…/read`` (the unread ids), which every server filters.
- **Miniflux** has no ``stream/contents`` (404): new items are found by
  diffing ``stream/items/ids`` against what is stored, and fetched with
  ``POST stream/items/contents`` (``i=`` per item). Its ``ot=`` filters by
  publication date, not arrival, so it is never used there; it ignores ``it=``
  on the reading list (only ``xt=…/read`` works); its continuation is an offset.
- ClientLogin answers ``Auth=…`` lines (FreshRSS, Miniflux) or JSON (Miniflux
  with ``output=json``); both are read. A rejected POST token (401, or
  ``X-Reader-Google-Bad-Token``) is fetched again once.

Errors are :class:`SyncError` (one readable line; ``status`` when the server
answered): wrong URL, not an API endpoint, bad password, TLS, limits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

import httpx

from newsreader.config import Config
from newsreader.formats.greader import (
    READ,
    READING_LIST,
    STARRED,
    GReaderFormatError,
    IdsPage,
    StreamPage,
    Subscription,
    long_item_id,
    parse_ids,
    parse_login,
    parse_stream,
    parse_subscriptions,
    parse_tags,
)
from newsreader.net.api import ApiClient, ApiError, ApiResponse
from newsreader.sanitize import clean_text

MAX_PAGES = 10_000  # a stream walk stops here whatever the server says
MAX_IDS = 1_000_000  # ids one walk may collect
IDS_PAGE = 10_000  # ids asked for per page


class SyncError(Exception):
    """A sync failed: one readable line (``status``: the HTTP status, when there was one)."""

    def __init__(self, message: str, *, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class AuthError(SyncError):
    """The server refused the credentials."""


@dataclass(slots=True)
class Dialect:
    """What this server does differently (learned as the sync goes)."""

    name: str = "greader"
    stream_contents: bool = True  # False: ids + POST stream/items/contents (Miniflux)
    use_ot: bool = True  # ``ot=`` means "arrived after" (FreshRSS); not on Miniflux


def _error_text(response: ApiResponse) -> str:
    """A short, cleaned quote of an error body (error bodies are content too)."""
    text = clean_text(response.body[:400].decode("utf-8", "replace"), 120)
    return f": {text}" if text else ""


class GReaderClient:
    """One session with a server; ``async with GReaderClient(...) as c: await c.login()``."""

    def __init__(
        self,
        config: Config,
        url: str,
        user: str,
        password: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base = url.rstrip("/")
        self.user = user
        self._password = password
        self.config = config
        self.api = ApiClient(config, config.sync_max_bytes, transport=transport)
        self.dialect = Dialect()
        self._auth = ""
        self._token = ""

    async def __aenter__(self) -> GReaderClient:
        await self.api.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.api.__aexit__(*exc)

    # -- transport -----------------------------------------------------------
    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: list[tuple[str, str]] | None = None,
        data: list[tuple[str, str]] | None = None,
        auth: bool = True,
    ) -> ApiResponse:
        headers = {"Authorization": f"GoogleLogin auth={self._auth}"} if auth else {}
        try:
            return await self.api.request(
                method, self.base + path, params=params, data=data, headers=headers
            )
        except ApiError as error:
            where = clean_text(self.base, 200)
            raise SyncError(f"{where}: {error}") from None

    def _check(self, response: ApiResponse, what: str) -> ApiResponse:
        status = response.status
        if 200 <= status < 300:
            return response
        if status in (301, 302, 303, 307, 308):
            target = clean_text(response.headers.get("location", ""), 200)
            raise SyncError(
                f"{what}: the server redirects to {target or 'elsewhere'}, so this is not the "
                "Google Reader API; set [sync] url to its address (FreshRSS: "
                "…/api/greader.php, Miniflux: the server's root)",
                status=status,
            )
        if status in (401, 403):
            detail = _error_text(response)
            raise AuthError(
                f"{what}: the server refused the credentials (HTTP {status}){detail}",
                status=status,
            )
        if status == 404:
            raise SyncError(
                f"{what}: not found (HTTP 404): is [sync] url the Google Reader API root "
                "(FreshRSS: …/api/greader.php, Miniflux: the server's root)?",
                status=status,
            )
        raise SyncError(f"{what}: HTTP {status}{_error_text(response)}", status=status)

    async def _get(self, path: str, params: list[tuple[str, str]], what: str) -> ApiResponse:
        return self._check(await self._call("GET", path, params=params), what)

    async def _post(self, path: str, data: list[tuple[str, str]], what: str) -> ApiResponse:
        """A POST that needs the token; a rejected token is fetched again once."""
        for attempt in (1, 2):
            if not self._token:
                await self.token()
            response = await self._call("POST", path, data=[*data, ("T", self._token)])
            bad_token = response.headers.get("x-reader-google-bad-token", "").lower() == "true"
            if (response.status == 401 or bad_token) and attempt == 1:
                self._token = ""
                continue
            return self._check(response, what)
        raise AssertionError("unreachable")

    @staticmethod
    def _parsed(what: str, parse, body: bytes):
        try:
            return parse(body)
        except GReaderFormatError as error:
            raise SyncError(f"{what}: {error}") from None

    # -- the API -------------------------------------------------------------
    async def login(self) -> None:
        """ClientLogin; raises :class:`AuthError` for bad credentials, :class:`SyncError` else."""
        response = await self._call(
            "POST",
            "/accounts/ClientLogin",
            data=[("Email", self.user), ("Passwd", self._password)],
            auth=False,
        )
        if response.status in (401, 403):
            raise AuthError(
                f"login refused: wrong user or password (HTTP {response.status}); FreshRSS "
                "wants the API password set in its profile page",
                status=response.status,
            )
        self._check(response, "login")
        self._auth = self._parsed("login", parse_login, response.body)

    async def token(self) -> str:
        """The POST token (``T=``) for edits."""
        response = await self._get("/reader/api/0/token", [], "token")
        token = clean_text(response.body[:512].decode("utf-8", "replace"), 512)
        if not token or " " in token:
            raise SyncError("token: the server sent no usable token")
        self._token = token
        return token

    async def subscriptions(self) -> list[Subscription]:
        response = await self._get(
            "/reader/api/0/subscription/list", [("output", "json")], "subscription list"
        )
        return self._parsed("subscription list", parse_subscriptions, response.body)

    async def tags(self) -> list[str]:
        response = await self._get("/reader/api/0/tag/list", [("output", "json")], "tag list")
        return self._parsed("tag list", parse_tags, response.body)

    async def subscribe(self, url: str, title: str = "", folders: Sequence[str] = ()) -> None:
        """Add a subscription (``subscription/edit``, ``ac=subscribe``)."""
        data = [("ac", "subscribe"), ("s", f"feed/{url}")]
        if title:
            data.append(("t", title))
        data += [("a", f"user/-/label/{name}") for name in folders]
        await self._post("/reader/api/0/subscription/edit", data, "subscribe")

    async def unsubscribe(self, stream_id: str) -> None:
        data = [("ac", "unsubscribe"), ("s", stream_id)]
        await self._post("/reader/api/0/subscription/edit", data, "unsubscribe")

    async def edit_subscription(
        self,
        stream_id: str,
        *,
        title: str = "",
        add: Sequence[str] = (),
        remove: Sequence[str] = (),
    ) -> None:
        """Rename a subscription, move it between folders (``ac=edit``; ``t=``, ``a=``, ``r=``)."""
        data = [("ac", "edit"), ("s", stream_id)]
        if title:
            data.append(("t", title))
        data += [("a", f"user/-/label/{name}") for name in add]
        data += [("r", f"user/-/label/{name}") for name in remove]
        await self._post("/reader/api/0/subscription/edit", data, "subscription edit")

    async def edit_tag(self, item_ids: Sequence[str], *, add: str = "", remove: str = "") -> None:
        """Add or remove a state (``READ``, ``STARRED``) on many items in one request."""
        data = [("i", long_item_id(i)) for i in item_ids]
        if add:
            data.append(("a", add))
        if remove:
            data.append(("r", remove))
        await self._post("/reader/api/0/edit-tag", data, "marking items")

    async def mark_all_as_read(self, stream_id: str, before_usec: int = 0) -> None:
        """``mark-all-as-read`` for a stream (items that arrived before ``before_usec``)."""
        data = [("s", stream_id)]
        if before_usec:
            data.append(("ts", str(before_usec)))
        await self._post("/reader/api/0/mark-all-as-read", data, "mark all as read")

    async def stream_page(
        self, stream: str, *, count: int, newer_than: int = 0, continuation: str = ""
    ) -> StreamPage | None:
        """A page of ``stream/contents``, oldest first; ``None`` if the server has none (404)."""
        params = [("n", str(count)), ("output", "json"), ("r", "o")]
        if newer_than and self.dialect.use_ot:
            params.append(("ot", str(newer_than)))
        if continuation:
            params.append(("c", continuation))
        response = await self._call(
            "GET", "/reader/api/0/stream/contents/" + quote(stream, safe="/:"), params=params
        )
        if response.status in (404, 405) and not continuation:
            self.dialect = Dialect("miniflux", stream_contents=False, use_ot=False)
            return None
        self._check(response, "stream contents")
        return self._parsed("stream contents", parse_stream, response.body)

    async def item_contents(self, item_ids: Sequence[str]) -> StreamPage:
        """``POST stream/items/contents`` for these items."""
        data = [("i", long_item_id(i)) for i in item_ids]
        response = await self._post("/reader/api/0/stream/items/contents", data, "item contents")
        return self._parsed("item contents", parse_stream, response.body)

    async def ids_page(
        self,
        stream: str,
        *,
        exclude: str = "",
        include: str = "",
        continuation: str = "",
        count: int = IDS_PAGE,
    ) -> IdsPage:
        params = [("s", stream), ("n", str(count)), ("output", "json")]
        if exclude:
            params.append(("xt", exclude))
        if include:
            params.append(("it", include))
        if continuation:
            params.append(("c", continuation))
        response = await self._get("/reader/api/0/stream/items/ids", params, "item ids")
        return self._parsed("item ids", parse_ids, response.body)

    async def all_ids(self, stream: str, *, exclude: str = "") -> list[str]:
        """Every id of a stream, page by page (a repeated continuation is an error)."""
        ids: list[str] = []
        seen: set[str] = set()
        continuation = ""
        for _ in range(MAX_PAGES):
            page = await self.ids_page(stream, exclude=exclude, continuation=continuation)
            ids += page.ids
            if len(ids) > MAX_IDS:
                raise SyncError(f"item ids: the server lists more than {MAX_IDS:,} items")
            if not page.continuation or not page.ids:
                return ids
            if page.continuation in seen:
                raise SyncError("item ids: the server repeats the same continuation (a loop)")
            seen.add(page.continuation)
            continuation = page.continuation
        raise SyncError(f"item ids: more than {MAX_PAGES:,} pages")

    async def unread_ids(self) -> list[str]:
        """Every unread item (the reading list without ``…/read``: filtered everywhere)."""
        return await self.all_ids(READING_LIST, exclude=READ)

    async def starred_ids(self) -> list[str]:
        return await self.all_ids(STARRED)
