"""The JSON Schemas wired to editors (issue 18): every shipped example names its schema in a
`yaml-language-server` modeline that resolves to the schema shipped beside it, and the scaffold
of `formkit new` does too (docs/templates.md, "Editing templates in VS Code").

With yaml-language-server installed (pinned in tests/browser/package.json, installed by
scripts/browser-setup; or on PATH, or named by FORMKIT_YAMLLS) the examples are also opened in
it, as VS Code's YAML extension does: none gets a diagnostic, and a misspelt field type does, on
its line.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import formkit

EXAMPLES = formkit.examples_dir()
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
FILES = sorted(p for p in EXAMPLES.rglob("*.yaml"))


def kind_of(path: Path) -> str:
    if path.name.endswith(".pool.yaml"):
        return "pool"
    return "elements" if path.name.endswith(".elements.yaml") else "template"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(EXAMPLES)) for p in FILES])
def test_every_example_names_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    found = MODELINE.match(first)
    assert found, f"{path.name}: the first line is not a yaml-language-server modeline"
    target = (path.parent / found.group(1)).resolve()
    assert target == (EXAMPLES.parent / "dsl" / f"{kind_of(path)}.schema.json").resolve()
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith(f"/{kind_of(path)}.schema.json")


# Installed, pinned, by scripts/browser-setup (`npm ci` in tests/browser).
_PINNED = Path(__file__).parent / "browser" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def _server() -> list[str] | None:
    program = os.environ.get("FORMKIT_YAMLLS") or (str(_PINNED) if _PINNED.is_file() else None) or shutil.which(
        "yaml-language-server")
    if not program or shutil.which("node") is None:
        return None
    return ["node", program, "--stdio"] if program.endswith(("yaml-language-server", ".js")) else [program, "--stdio"]


class _Client:
    """Just enough of an LSP client to open documents and read their diagnostics."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.buf = b""
        self.send({"id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}})
        next(m for m in self.messages() if m.get("id") == 1)
        self.send({"method": "initialized", "params": {}})
        self.send({"method": "workspace/didChangeConfiguration",
                   "params": {"settings": {"yaml": {"validate": True, "schemaStore": {"enable": False}}}}})

    def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def messages(self, timeout: float = 30) -> Iterator[dict[str, Any]]:
        assert self.proc.stdout is not None
        fd, end = self.proc.stdout.fileno(), time.monotonic() + timeout
        while time.monotonic() < end:
            while b"\r\n\r\n" in self.buf:
                head, rest = self.buf.split(b"\r\n\r\n", 1)
                size = int(re.search(rb"Content-Length: (\d+)", head).group(1))  # type: ignore[union-attr]
                if len(rest) < size:
                    break
                self.buf = rest[size:]
                message = json.loads(rest[:size])
                if "id" in message and "method" in message:  # a request of the server's: no answer to give
                    self.send({"id": message["id"], "result": None})
                yield message
            if select.select([fd], [], [], 0.5)[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    return
                self.buf += chunk
        raise TimeoutError("yaml-language-server sent no diagnostics")

    def diagnostics(self, path: Path) -> list[dict[str, Any]]:
        uri = path.resolve().as_uri()
        self.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "yaml", "version": 1, "text": path.read_text(encoding="utf-8")}}})
        for m in self.messages():
            if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri:
                return list(m["params"]["diagnostics"])
        return []

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()


@pytest.fixture(scope="module")
def yamlls() -> Iterator[_Client]:
    command = _server()
    if command is None:
        pytest.skip("yaml-language-server not installed (npm install yaml-language-server; set FORMKIT_YAMLLS)")
    client = _Client(command, EXAMPLES)
    yield client
    client.close()


def test_examples_have_no_editor_diagnostics(yamlls: _Client) -> None:
    """What VS Code's YAML extension shows for each shipped example: nothing."""
    assert {p.name: yamlls.diagnostics(p) for p in FILES} == {p.name: [] for p in FILES}


def test_editor_flags_a_misspelt_type_on_its_line(yamlls: _Client, tmp_path: Path) -> None:
    """A copy of an example beside the schemas, with `type: integr`: flagged where it stands."""
    shutil.copytree(EXAMPLES.parent / "dsl", tmp_path / "dsl")
    (tmp_path / "examples").mkdir()
    text = (EXAMPLES / "labor_archive_stock.yaml").read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.split("\n")) if t.strip() == "type: integer")
    lines = text.split("\n")
    lines[line] = lines[line].replace("integer", "integr")
    bad = tmp_path / "examples" / "bad.yaml"
    bad.write_text("\n".join(lines), encoding="utf-8")
    found = yamlls.diagnostics(bad)
    assert [d["range"]["start"]["line"] for d in found] == [line]
    assert "integer" in found[0]["message"]
