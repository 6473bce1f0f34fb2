"""Web, security: the checks every request passes before a route sees it, and the headers every answer carries.

- **cross-site refusal**: a request that changes something (POST, PUT, PATCH, DELETE) is refused
  (``cross-site-request``, 403) when its ``Origin`` is not the app's own (or one the host
  allows) or its ``Sec-Fetch-Site`` says another site sent it. A client that sends neither
  (a script, curl) is let through: it is not a browser tricked by another site's page, and the
  JSON content type below is something a cross-site HTML form cannot send without a CORS
  preflight, which the app never answers;
- **JSON bodies only** (``unsupported-media-type``, 415) on those requests;
- **size**: a body over ``max_body`` bytes (by its ``Content-Length``, or counted as it arrives
  when chunked) is refused (``request-too-large``, 413) before any route reads it;
- **host** (optional, the preview's): a ``Host`` other than the ones given is refused 421 (DNS
  rebinding: another site's name resolved to 127.0.0.1);
- every answer carries a strict Content-Security-Policy (scripts, styles and connections from
  the app's own origin only, no inline script, no frames, no form posts), ``nosniff``, no
  referrer and no caching.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

from formkit.core import errors
from formkit.web.problems import Problem, refusal

__all__ = ["CSP", "DEFAULT_MAX_BODY", "HEADERS", "Guard"]

#: The policy of every answer: formkit's runtime needs nothing more (no eval, no inline script).
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "cache-control": "no-store", "x-frame-options": "DENY"}
DEFAULT_MAX_BODY = 1024 * 1024  # a submission of 1,000 fields is ~60 kB; a 10,000-row roster fits
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_SAME = ("same-origin", "none")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGI = Callable[[Scope, Receive, Send], Awaitable[None]]


class Guard:
    """ASGI middleware: the checks of the module docstring around ``app``."""

    def __init__(self, app: ASGI, *, max_body: int = DEFAULT_MAX_BODY, origins: Sequence[str] = (),
                 hosts: Sequence[str] = ()) -> None:
        self.app = app
        self.max_body = max_body
        self.origins = frozenset(o.lower().rstrip("/") for o in origins)
        self.hosts = frozenset(h.lower() for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        try:
            self.check(scope, headers)
            if scope["method"] in UNSAFE:
                body = await self.read(receive, headers)
                receive = _replay(body)
        except Problem as p:
            await refusal(p.error, p.status)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def check(self, scope: Scope, headers: dict[str, str]) -> None:
        """Host, origin and content type (raises :class:`Problem`)."""
        where = f"{scope['method']} {scope.get('path', '')}"
        if self.hosts and headers.get("host", "").lower() not in self.hosts:
            raise Problem(errors.CROSS_SITE_REQUEST, f"this server answers only to {sorted(self.hosts)[0]}",
                          where=where, status=421, hint="open the address the server printed")
        if scope["method"] not in UNSAFE:
            return
        origin = headers.get("origin")
        site = headers.get("sec-fetch-site")
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
        if (origin is not None and origin.lower().rstrip("/") not in self.origins | {own}) or \
                (site is not None and site not in _SAME):
            raise Problem(errors.CROSS_SITE_REQUEST, f"a {scope['method']} sent by another site's page "
                          f"(Origin {origin or 'none'}, Sec-Fetch-Site {site or 'none'}) is refused", where=where,
                          hint="post from the app's own pages, or add the host page's origin to `origins=`")
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise Problem(errors.UNSUPPORTED_MEDIA_TYPE, f"a request body is application/json, not {kind or 'none'}",
                          where=where, hint="send the SPEC §5 JSON with Content-Type: application/json")

    async def read(self, receive: Receive, headers: dict[str, str]) -> bytes:
        """The whole body, refused once it passes ``max_body`` (declared or counted)."""
        declared = headers.get("content-length", "").strip()
        if declared and (not declared.isdigit() or not declared.isascii()):
            raise Problem(errors.REQUEST_TOO_LARGE, f"Content-Length {declared!r} is not a length", status=400)
        if declared and int(declared) > self.max_body:
            raise Problem(errors.REQUEST_TOO_LARGE, f"the body is {declared} bytes; this app takes at most "
                          f"{self.max_body}", hint="send fewer rows at once, or ask the host to raise max_body")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise Problem(errors.REQUEST_TOO_LARGE, f"the body passed {self.max_body} bytes, this app's limit",
                              hint="send fewer rows at once, or ask the host to raise max_body")
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    """A ``receive`` that gives the body read already, then waits for the disconnect."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            given = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in given]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped
