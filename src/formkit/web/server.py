"""Web, serving: the app under uvicorn, in the foreground (``formkit serve``) or a thread (the preview, tests).

The socket is bound before uvicorn starts, so ``port=0`` takes a free port and the address is
known (and printed) before the first request.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any, cast

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["PatientH11", "Server", "bind"]


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()  # a port taken: the caller says so, and no socket is left behind
        raise
    sock.set_inheritable(True)
    return sock


class PatientH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's head too: uvicorn arms its
    keep-alive timer only after a response, so a client that connects and sends nothing, or
    half a request line, would hold the connection for ever; here it is let go after the same
    ``timeout_keep_alive`` seconds. A request whose head has arrived is never cut short."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def eof_received(self) -> bool:  # type: ignore[override]
        """A client that half-closes after a whole request still gets its answer; one that
        half-closes in the middle of a body (it can never end now) gets a 400 at once."""
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE):  # MUST_CLOSE: done, with Connection: close
            return True
        if self.cycle is not None and not self.cycle.response_started and self.conn.their_state is h11.SEND_BODY:
            self.cycle.disconnected = True  # the app, waiting for the rest, hears the client is gone
            self.cycle.message_event.set()
            self.send_400_response("the request ended before its body did")
        return False

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        waiting = self.cycle is None or self.cycle.response_complete  # still no whole request head
        if waiting and self.timeout_keep_alive_task is None and not self.transport.is_closing():
            self._arm()

    def _arm(self) -> None:
        self._unset_keepalive_if_required()
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)


class Server:
    """uvicorn serving ``app`` on ``host:port`` (``idle``: seconds an idle connection is kept)."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0, idle: float = 5.0,
                 log_level: str = "warning") -> None:
        self.sock = bind(host, port)
        self.host, self.port = self.sock.getsockname()[:2]
        # uvicorn takes whole seconds by its annotation; the timer itself takes any delay
        config = uvicorn.Config(app, log_level=log_level, timeout_keep_alive=cast(int, idle), http=PatientH11,
                                lifespan="off", access_log=log_level in ("info", "debug"), server_header=False,
                                timeout_graceful_shutdown=2)
        self.uvicorn = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def run(self) -> None:
        """Serve in the foreground until interrupted (Ctrl+C, SIGTERM)."""
        self.uvicorn.run(sockets=[self.sock])

    def start(self) -> Server:
        """Serve in a daemon thread (signals stay the caller's)."""
        self.thread = threading.Thread(target=self.uvicorn.run, kwargs={"sockets": [self.sock]},
                                       name="formkit-web", daemon=True)
        self.thread.start()
        while not self.uvicorn.started and self.thread.is_alive():
            threading.Event().wait(0.01)
        return self

    def stop(self) -> None:
        self.uvicorn.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.sock.close()
