"""`formkit preview` as a local tool (SPEC §5 preview, §9 "refuses cross-site form posts, bounds
request sizes"): a real server process on 127.0.0.1 and a free port, spoken to with raw sockets
and http.client, over loopback only. It binds 127.0.0.1 and nothing else, answers only requests
addressed to it, refuses cross-site and unbounded posts, answers every request shape, and closes
idle connections."""

from __future__ import annotations

import http.client
import inspect
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import formkit
from formkit.cli.main import app
from formkit.cli.preview import MAX_BODY, Preview, PreviewServer

LABOR = formkit.examples_dir() / "labor_archive_stock.yaml"
SRC = Path(__file__).resolve().parent.parent / "src"
BODY = b'{"values": {"received": 5, "released": 2}}'
WAIT = 60.0  # seconds: a socket operation that never completes fails the test instead of stalling it


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    """`formkit preview` in a process of its own on a free port (--port 0), stopped by Ctrl+C."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    child = subprocess.Popen([sys.executable, "-m", "formkit", "preview", str(LABOR), "--port", "0",
                              "--period", "2026W45"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert "at http://127.0.0.1:" in line, line
        yield int(line.split("http://127.0.0.1:")[1].split("/")[0])
    finally:
        child.send_signal(signal.SIGINT)
        child.wait(timeout=WAIT)
        assert child.stdout is not None
        child.stdout.close()


def _raw(port: int, request: bytes, host: str = "127.0.0.1") -> bytes:
    """Send ``request`` as it is (then half-close) and read the answer: until its
    ``Content-Length`` is read, or until the server closes."""
    with socket.create_connection((host, port), timeout=WAIT) as s:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
            head, sep, body = answer.partition(b"\r\n\r\n")
            length = [line.split(b":", 1)[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:")]
            if sep and length and len(body) >= int(length[0]):
                break
    return answer


def _status(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1."), answer[:80]
    return int(answer.split(b" ", 2)[1])


def _post(port: int, headers: dict[str, str], body: bytes = BODY) -> tuple[int, dict[str, object]]:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        con.putrequest("POST", "/validate", skip_host="Host" in headers, skip_accept_encoding=True)
        for k, v in {"Content-Length": str(len(body)), **headers}.items():
            con.putheader(k, v)
        con.endheaders(body)
        r = con.getresponse()
        return r.status, json.loads(r.read())
    finally:
        con.close()


JSON = {"Content-Type": "application/json"}


def test_it_binds_127_0_0_1_and_nothing_else(port: int) -> None:
    """A local tool: the port answers on 127.0.0.1 only (another loopback address of the same
    machine is refused), and neither the command nor the server take another address."""
    assert _status(_raw(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port)) == 200
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", port), timeout=WAIT).close()
    assert "host" not in inspect.signature(PreviewServer).parameters
    shown = CliRunner().invoke(app, ["preview", "--help"], terminal_width=200).output
    assert "127.0.0.1" in shown and "--host" not in shown and "--bind" not in shown


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("LOCALHOST:{port}", 200),
    ("evil.example:{port}", 421), ("evil.example", 421), ("127.0.0.1:1", 421), ("127.0.0.1", 421),
])
def test_only_requests_for_this_host_and_port_are_answered(port: int, host: str, status: int) -> None:
    """DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends its own
    name as Host; the preview answers it 421 and shows it nothing."""
    named = host.format(port=port).encode()
    answer = _raw(port, b"GET / HTTP/1.1\r\nHost: " + named + b"\r\nConnection: close\r\n\r\n")
    assert _status(answer) == status
    assert (b"labor_archive_stock" in answer) == (status == 200)


def test_a_request_without_host_is_refused(port: int) -> None:
    """Not addressed to this server: misdirected (421), as a request for another host is."""
    assert _status(_raw(port, b"GET / HTTP/1.0\r\n\r\n")) == 421


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"}, {"Origin": "http://127.0.0.1:1"},
])
def test_a_cross_site_post_is_refused(port: int, headers: dict[str, str]) -> None:
    """SPEC §9 (refuses cross-site form posts): a post another origin's page made is 403."""
    status, result = _post(port, {**JSON, **headers})
    assert status == 403 and result["code"] == "cross-site-request" and "another site" in str(result["detail"])


def test_the_page_own_post_is_taken(port: int) -> None:
    """What the preview's own page sends (same origin, JSON) is validated as before."""
    status, result = _post(port, {**JSON, "Origin": f"http://127.0.0.1:{port}", "Sec-Fetch-Site": "same-origin"})
    assert status == 200 and result["ok"] is True
    assert _post(port, {**JSON, "Origin": f"http://localhost:{port}"})[0] == 200


@pytest.mark.parametrize(("kind", "status"), [("text/plain", 415), ("application/x-www-form-urlencoded", 415),
                                              ("application/json; charset=utf-8", 200), (None, 415)])
def test_a_post_must_be_json(port: int, kind: str | None, status: int) -> None:
    """A cross-site <form> can post text/plain without a CORS preflight: only JSON is taken."""
    assert _post(port, {"Content-Type": kind} if kind else {})[0] == status


def _post_raw(port: int, head: str, body: bytes = b"") -> int:
    request = f"POST /validate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n{head}\r\n"
    return _status(_raw(port, request.encode() + body))


def test_a_negative_length_cannot_carry_a_body_past_the_limit(port: int) -> None:
    """``Content-Length: -1`` was read to the end of the stream (so 30 MB passed the 8 MB
    limit, and a client that keeps the connection open waited for ever): it is a 400 now,
    answered before any body is read, and the connection is closed."""
    head = f"POST /validate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode() + b"Content-Length: -1\r\n\r\n" + BODY)  # and the stream stays open
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    assert _status(answer) == 400 and b"Connection: close" in answer
    assert _post(port, JSON)[0] == 200  # the server is still there


@pytest.mark.parametrize(("head", "status"), [
    ("", 400), ("Transfer-Encoding: chunked\r\n", 400), ("Content-Length: abc\r\n", 400),
    ("Content-Length: 1e3\r\n", 400), ("Content-Length: +5\r\n", 400),
    (f"Content-Length: {MAX_BODY + 1}\r\n", 413),
])
def test_a_post_needs_a_plain_length_within_the_limit(port: int, head: str, status: int) -> None:
    """No length is an empty body (not a submission: 400); a chunked body that never ends is
    answered 400 once the client stops sending; a length that is no number is refused by the
    HTTP parser (400); one over the limit is ``request-too-large`` (413)."""
    assert _post_raw(port, head) == status


_JSON_POST = b"POST /validate HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"


@pytest.mark.parametrize(("request_bytes", "status"), [
    (_JSON_POST + b"Content-Length: 3\r\n\r\n[[[", 400),
    (_JSON_POST + b"Content-Length: 200002\r\n\r\n" + b"[" * 100_001 + b"]" * 100_001, 400),
    (_JSON_POST + b"Content-Length: 2\r\n\r\n\xff\xfe", 400),
    (_JSON_POST + b"Content-Length: 2\r\n\r\n[]", 400),
    (b"PUT / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n\r\n", 415),  # a write, not JSON
    (b"PUT / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: 0\r\n\r\n",
     405),
    (b"GET /static/%00 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n", 404),
    (b"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: -1\r\n\r\n", 400),  # h11 refuses it
    (b"GET / HTTP/2.0\r\nHost: 127.0.0.1:{port}\r\n\r\n", 200),  # h11 answers it in HTTP/1.1
    (b"GARBAGE\r\n\r\n", 400),
], ids=["short-json", "deep-json", "not-utf8", "not-an-object", "put", "put-json", "nul-path", "get-negative-length",
        "http2", "garbage"])
def test_every_request_gets_an_answer(port: int, request_bytes: bytes, status: int) -> None:
    """No request shape leaves the client without an HTTP answer (a status line and headers)."""
    assert _status(_raw(port, request_bytes.replace(b"{port}", str(port).encode()))) == status


def test_an_idle_connection_is_closed() -> None:
    """A client that connects and sends nothing (or half a request) is let go after the idle
    timeout instead of holding a thread for ever (a short one here; 30 s by default)."""
    server = PreviewServer(Preview.load(LABOR, period="2026W45"), idle_timeout=0.2).start()
    try:
        port = server.server_address[1]
        for sent in (b"", b"GET / HTTP/1.1\r\nHost: 127.0.0"):
            with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as s:
                s.sendall(sent)
                assert s.recv(1024) == b""  # closed by the server (our own timeout would raise)
        with socket.create_connection(("127.0.0.1", port), timeout=WAIT) as s:
            request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port
            s.sendall(request)
            answer = b""
            while b"</html>" not in answer:
                answer += s.recv(65536)
            assert _status(answer) == 200
            while s.recv(65536):  # keep-alive: the server closes it once it has been idle
                pass
    finally:
        server.stop()
