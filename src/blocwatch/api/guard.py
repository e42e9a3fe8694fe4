"""What every answer carries and every request must show, whatever route it reaches.

Security headers keep the dashboard's page from running script it did not load from this server, from
being framed by another site, and from leaking its URL; a `Host` allow-list makes a DNS-rebinding page
(a hostile site whose name is made to resolve to 127.0.0.1) get 421 instead of the API's data.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Plotly draws with inline styles, so styles may be inline; scripts may come only from this server.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def host_names(bind: str, extra: Iterable[str] = ()) -> list[str]:
    """The `Host` names a server bound to `bind` answers: the bind address, `localhost` beside a loopback
    address, and the names given.

    A wildcard address (0.0.0.0, ::) names no host a client would send, so it adds nothing: a server open
    to the network must be given its names.
    """
    names = [name.strip().lower().strip("[]") for name in extra if name.strip()]
    bind = bind.strip().lower().strip("[]")
    if bind not in ("0.0.0.0", "::", ""):
        names.append(bind)
    if bind in ("127.0.0.1", "::1", "localhost"):
        names += ["127.0.0.1", "::1", "localhost"]
    return list(dict.fromkeys(names))


class Guard:
    """ASGI middleware: refuses requests whose `Host` is not allowed (421) and adds the security headers
    to every answer, errors included.

    Args:
        app: the application.
        allowed_hosts: the host names served (no port); None serves any, for in-process test clients.
    """

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str] | None):
        self.app = app
        self.allowed = None if allowed_hosts is None else {name.lower() for name in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(pair for pair in SECURITY_HEADERS if pair[0] not in present)]
            await send(message)

        if self.allowed is not None:
            host = _host_name(dict(scope["headers"]).get(b"host", b"").decode("latin-1"))
            if host not in self.allowed:
                answer = JSONResponse({"error": "this server does not answer for the host named in the request "
                                                "(start it with --allowed-host NAME to add one)",
                                       "parameter": "Host"}, 421)
                await answer(scope, receive, send_with_headers)
                return
        await self.app(scope, receive, send_with_headers)


def _host_name(header: str) -> str:
    """The name in a `Host` header, without its port: "[::1]:8000" -> "::1", "Example.org:80" -> "example.org"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header
