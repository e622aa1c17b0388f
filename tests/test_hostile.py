"""Hostile requests, sent as raw bytes to a real uvicorn process over loopback: each gets a deliberate status,
the API's problem body wherever the app answers, never a 5xx or a stack trace, and the server keeps serving."""

import json
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from tests.helpers import free_port, start_server, wait_ready

pytestmark = pytest.mark.process

PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class Hostile:
    """One raw request and the answer it must get."""

    name: str
    request: bytes
    status: int
    problem: bool  # the body is a problem document (False: it is not an error)


def get(target: str | bytes, headers: bytes = b"", method: bytes = b"GET", body: bytes = b"") -> bytes:
    """A raw HTTP/1.1 request that closes the connection after its answer."""
    raw_target = target.encode() if isinstance(target, str) else target
    return method + b" " + raw_target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + headers + b"\r\n" + body


CHINESE_Q = quote("科" * 10_000)
CORPUS = [
    # Long paths and query strings
    Hostile("9 KB query, q over 1,000 characters", get("/v1/search?q=" + "a" * 9_000), 422, True),
    Hostile("10,000-character q", get("/v1/search?q=" + "x" * 10_000), 422, True),
    Hostile("20 KB query", get("/v1/duties?q=ab&pad=" + "a" * 20_000), 414, True),
    Hostile("10,000 Chinese characters, 90 KB encoded", get("/v1/search?q=" + CHINESE_Q), 414, True),
    Hostile("17 KB path", get("/v1/divisions/" + "a" * 17_000), 414, True),
    Hostile("9 KB division key", get("/v1/divisions/" + "a" * 9_000), 422, True),
    Hostile("10,000 query parameters", get("/v1/duties?" + "&".join(["a=1"] * 10_000)), 414, True),
    # NUL bytes, invalid UTF-8, broken percent-encoding
    Hostile("encoded NUL in q", get("/v1/search?q=%00"), 422, True),
    Hostile("NUL inside q", get("/v1/search?q=ab%00cd"), 422, True),
    Hostile("raw NUL in path", get(b"/v1/du\x00ties"), 400, True),
    Hostile("NUL in a header value", get("/v1", b"X-Note: a\x00b\r\n"), 400, True),
    Hostile("invalid UTF-8 in q", get("/v1/search?q=%FF%FE"), 422, True),
    Hostile("truncated UTF-8 in q", get("/v1/divisions?q=%E4%B8"), 422, True),
    Hostile("invalid UTF-8 in path", get("/v1/divisions/%FF%FE"), 404, True),
    Hostile("raw non-ASCII path bytes", get("/v1/divisions/人事处".encode()), 200, False),
    Hostile("percent sign without hex", get("/v1/search?q=%ZZ%"), 200, False),
    # Path traversal
    Hostile("dot-dot segments", get("/v1/../../etc/passwd"), 404, True),
    Hostile("encoded dot-dot segments", get("/%2e%2e/%2e%2e/etc/passwd"), 404, True),
    Hostile("encoded slashes in a key", get("/v1/divisions/..%2F..%2Fhealthz"), 404, True),
    Hostile("traversal into the docs assets", get("/docs/assets/..%2F..%2Fpyproject.toml"), 404, True),
    Hostile("backslashes", get("/v1\\..\\..\\app\\main.py"), 404, True),
    # Numbers
    Hostile("negative duty", get("/v1/duties/-1"), 404, True),
    Hostile("duty zero", get("/v1/duties/0"), 404, True),
    Hostile("float duty", get("/v1/duties/1.5"), 422, True),
    Hostile("2^64 duty", get("/v1/duties/18446744073709551616"), 404, True),
    Hostile("10^100 duty", get("/v1/duties/1" + "0" * 100), 404, True),
    Hostile("1e100 duty", get("/v1/duties/1e100"), 422, True),
    Hostile("negative limit", get("/v1/duties?limit=-1"), 422, True),
    Hostile("zero limit", get("/v1/mandates?limit=0"), 422, True),
    Hostile("float limit", get("/v1/mandates?limit=2.5"), 422, True),
    Hostile("2^64 limit", get("/v1/divisions?limit=18446744073709551616"), 422, True),
    Hostile("10^100 offset", get("/v1/divisions?offset=1" + "0" * 100), 422, True),
    Hostile("NaN offset", get("/v1/divisions?offset=NaN"), 422, True),
    # SQL- and regex-looking text
    Hostile("SQL in q", get("/v1/search?q=" + quote("' OR '1'='1'; DROP TABLE division; --")), 200, False),
    Hostile("SQL in a key", get("/v1/divisions/" + quote("1 OR 1=1")), 404, True),
    Hostile("catastrophic regex in q", get("/v1/divisions?q=" + quote("(a+)+$" * 100)), 200, False),
    Hostile("LIKE wildcards in q", get("/v1/mandates?q=" + quote("%_%_%")), 200, False),
    # Unknown and repeated parameters
    Hostile("unknown parameter", get("/v1/duties?debug=1&__proto__=x"), 200, False),
    Hostile("repeated limit", get("/v1/duties?limit=1&limit=2"), 200, False),
    Hostile("unknown kind", get("/v1/search?q=ab&kind=table"), 422, True),
    Hostile("unknown format", get("/v1/honours?format=../../etc"), 422, True),
    # Header injection
    Hostile("CRLF encoded in the path", get("/v1/divisions/a%0d%0aSet-Cookie:%20x=1"), 404, True),
    Hostile("request id with a script", get("/v1", b"X-Request-Id: <script>alert(1)</script>\r\n"), 200, False),
    Hostile("folded header line", get("/v1", b"X-A: a\r\n b\r\n"), 400, True),
    # Conditional and range requests, odd negotiation
    Hostile("malformed If-None-Match", get("/v1", b'If-None-Match: "unterminated, W/\r\n'), 200, False),
    Hostile("If-None-Match star", get("/v1", b"If-None-Match: *\r\n"), 304, False),
    Hostile("malformed If-Modified-Since", get("/v1", b"If-Modified-Since: yesterday-ish\r\n"), 200, False),
    Hostile("Range", get("/v1/export", b"Range: bytes=0-10\r\n"), 200, False),
    Hostile("multi-range", get("/v1/export", b"Range: bytes=0-1,5-6,-1\r\n"), 200, False),
    Hostile("odd Accept", get("/v1/duties", b"Accept: application/xml;q=bogus, */*;;;\r\n"), 200, False),
    Hostile("odd Accept-Encoding", get("/v1/export", b"Accept-Encoding: br;q=abc, gzip;q=1e9999, x;q=-1\r\n"), 200, False),
    # Every other method
    Hostile("POST", get("/v1/duties", method=b"POST"), 405, True),
    Hostile("PUT", get("/v1/duties/1", method=b"PUT"), 405, True),
    Hostile("PATCH", get("/v1/duties/1", method=b"PATCH"), 405, True),
    Hostile("DELETE", get("/v1/duties/1", method=b"DELETE"), 405, True),
    Hostile("TRACE", get("/v1", method=b"TRACE"), 405, True),
    Hostile("PROPFIND", get("/v1", method=b"PROPFIND"), 405, True),
    Hostile("CONNECT", get("127.0.0.1:80", method=b"CONNECT"), 405, True),
    Hostile("OPTIONS on no route", get("/nowhere", method=b"OPTIONS"), 404, True),
    Hostile("lower-case method", get("/v1", method=b"get"), 405, True),
    # Oversized headers, bodies, and things that are not HTTP/1.1
    Hostile("40 KB header", get("/v1", b"X-Big: " + b"a" * 40_000 + b"\r\n"), 431, True),
    Hostile("1,000 headers", get("/v1", b"".join(b"X-H%d: v\r\n" % i for i in range(1_000))), 431, True),
    Hostile("40 KB cookie", get("/v1", b"Cookie: a=" + b"b" * 40_000 + b"\r\n"), 431, True),
    Hostile("body on GET", get("/v1", b"Content-Length: 5\r\n", body=b"hello"), 400, True),
    Hostile("chunked body on GET", get("/v1", b"Transfer-Encoding: chunked\r\n", body=b"5\r\nhello\r\n0\r\n\r\n"), 400, True),
    Hostile(
        "smuggling: both lengths",
        get("/v1", b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", body=b"0\r\n\r\n"),
        400,
        True,
    ),
    Hostile("HTTP/2 preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, True),
    Hostile("TLS handshake", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 60, 400, True),
]


def send_raw(port: int, request: bytes) -> bytes:
    """Send bytes, read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def parse(answer: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of one raw HTTP/1.1 answer."""
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split(" ")[1]), headers, body


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """A server of its own, so that its error output can be read at the end."""
    port = free_port()
    process = start_server(port)
    wait_ready(f"http://127.0.0.1:{port}", process)
    yield port, process
    process.terminate()
    process.communicate(timeout=10)


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 40
    assert len({case.name for case in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=[case.name for case in CORPUS])
def test_hostile_request_gets_a_deliberate_answer(hostile_server: tuple[int, subprocess.Popen[bytes]], case: Hostile) -> None:
    status, headers, body = parse(send_raw(hostile_server[0], case.request))
    assert status == case.status, body[:300]
    assert b"Traceback" not in body and b'File "' not in body
    assert "set-cookie" not in headers
    if case.problem:
        assert headers["content-type"] == PROBLEM
        problem = json.loads(body)
        assert problem["status"] == status and problem["detail"]
        assert headers["cache-control"] == "no-store"
    if status == 405:
        assert headers["allow"] == "GET, HEAD, OPTIONS"
    if status == 200:
        assert headers["content-type"].startswith(("application/json", "text/csv"))
        assert "content-range" not in headers
    if "x-request-id" in headers:
        assert "<" not in headers["x-request-id"]


def test_the_server_still_answers_normally_and_logged_no_stack_trace(hostile_server: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, process = hostile_server
    for case in CORPUS:  # once more, back to back
        assert parse(send_raw(port, case.request))[0] == case.status, case.name
    status, headers, body = parse(send_raw(port, get("/v1/duties/7")))
    assert status == 200 and json.loads(body)["n"] == 7
    assert process.poll() is None
    process.terminate()
    _, errors = process.communicate(timeout=10)
    assert b"Traceback" not in errors and b"Exception" not in errors, errors.decode()[-2000:]
