"""Web, serving: the app under uvicorn, in the foreground (``formkit serve``) or a thread (the preview, tests).

The socket is bound before uvicorn starts, so ``port=0`` takes a free port and the address is
known (and printed) before the first request.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import uvicorn

__all__ = ["Server", "bind"]


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


class Server:
    """uvicorn serving ``app`` on ``host:port`` (``idle``: seconds an idle connection is kept)."""

    def __init__(self, app: Any, *, host: str = "127.0.0.1", port: int = 0, idle: float = 5.0,
                 log_level: str = "warning") -> None:
        self.sock = bind(host, port)
        self.host, self.port = self.sock.getsockname()[:2]
        config = uvicorn.Config(app, log_level=log_level, timeout_keep_alive=max(1, round(idle)),
                                lifespan="off", access_log=log_level in ("info", "debug"), server_header=False)
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
