"""The request gate in process: heads as it reads and rewrites them, its fields taken off before any middleware, and
stock uvicorn serving through it (its shutdown asks the gate, which answers what was received before it closes)."""

import asyncio
import re
import socket
import time

import pytest
import uvicorn
from starlette.types import Message, Receive, Scope, Send

from app.config import Settings
from app.main import create_app
from app.server.connection_limits import ConnectionLimits
from app.server.gate_fields import GateFields
from app.server.request_gate import WorkerGates, gate_class
from app.server.request_heads import MAX_HEAD_BYTES, PASSED, HeadReader, Refused, passed_head
from app.web.middleware.request import CONNECTION_FIELD, GATE_REFUSAL, REFUSAL_FIELD


def refusal(head: bytes) -> tuple[int, str]:
    """The status and detail passed_head() refuses a head with."""
    with pytest.raises(Refused) as raised:
        passed_head(head)
    return raised.value.status, raised.value.detail


def test_a_raw_utf8_target_becomes_its_percent_encoded_form() -> None:
    head = passed_head("GET /v1/divisions/人事处?q=科研 HTTP/1.1\r\nHost: a\r\n\r\n".encode()).head
    assert head == b"GET /v1/divisions/%E4%BA%BA%E4%BA%8B%E5%A4%84?q=%E7%A7%91%E7%A0%94 HTTP/1.1\r\nhost: a\r\n\r\n"


def test_upgrade_and_the_gates_own_fields_are_never_passed_on() -> None:
    head = passed_head(
        b"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: h2c\r\nLnst-Gate-Refusal: 200 ok\r\nLnst-Gate-Connection: 9\r\n\r\n"
    ).head
    assert head == b"GET / HTTP/1.1\r\nhost: a\r\n\r\n"


def test_list_fields_are_combined_in_order_and_singletons_refused() -> None:
    head = passed_head(b"GET / HTTP/1.1\r\nHost: a\r\nAccept: text/csv\r\nX-A: 1\r\nAccept: */*\r\n\r\n").head
    assert head == b"GET / HTTP/1.1\r\nhost: a\r\naccept: text/csv, */*\r\nx-a: 1\r\n\r\n"
    for name in (b"Host", b"Origin", b"If-Modified-Since", b"X-Request-Id", b"Content-Length"):
        status, detail = refusal(b"GET / HTTP/1.1\r\nHost: a\r\n%s: 0\r\n%s: 0\r\n\r\n" % (name, name))
        assert status == 400 and name.lower().decode() in detail


@pytest.mark.parametrize(
    ("head", "status"),
    [
        (b"GET / HTTP/1.1\r\n\r\n", 400),  # no Host
        (b"GET / HTTP/1.1\r\nHost: a b/c\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n  folded\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: a\r\nX-A\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n", 400),
        (b"GET / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        (b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n", 405),
        (b"CONNECT a:80 HTTP/1.1\r\nHost: a\r\n\r\n", 405),
        (b"get / HTTP/1.1\r\nHost: a\r\n\r\n", 405),
        (b"GET / HTTP/2.0\r\nHost: a\r\n\r\n", 400),
        (b"GET /a b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET a HTTP/1.1\r\nHost: a\r\n\r\n", 400),  # the targets llhttp's URL parser refuses, and a fragment
        (b"GET ?x HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET h:80 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET http://h HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET http:// HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
        (b"GET /v1?limit=3#&limit=5 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ],
)
def test_heads_that_are_not_passed_on(head: bytes, status: int) -> None:
    assert refusal(head)[0] == status


def test_http_1_0_needs_no_host_and_an_empty_content_length_zero_passes() -> None:
    assert passed_head(b"GET / HTTP/1.0\r\n\r\n").head == b"GET / HTTP/1.0\r\n\r\n"
    for host in (b"example.gov.cn", b"127.0.0.1:8000", b"[::1]:8000", b""):
        assert passed_head(b"GET / HTTP/1.1\r\nHost: %s\r\n\r\n" % host).head.startswith(b"GET / HTTP/1.1\r\nhost: ")
    assert passed_head(b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").head.endswith(b"content-length: 0\r\n\r\n")


def test_the_reader_hands_out_one_head_at_a_time_and_nothing_after_a_refusal() -> None:
    reader = HeadReader()
    reader.feed(b"\r\nGET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\n")
    assert reader.next_head() == b"GET /a HTTP/1.1\r\nhost: a\r\n\r\n"
    assert reader.next_head() is None and not reader.has_head()
    reader.feed(b"\r\nGET /c HTTP/1.1\r\nHost: a\r\n\r\n")
    refused = reader.next_head()  # /b had no Host
    assert refused is not None and b"lnst-gate-refusal: 400 " in refused and refused.startswith(b"GET /b HTTP/1.1")
    assert reader.next_head() is None and reader.waiting_bytes() == 0


def test_a_refusal_after_a_passed_head_leaves_nothing_of_it_to_answer() -> None:
    reader = HeadReader()
    reader.feed(b"GET /v1 HTTP/1.1\r\nHost: a\r\n\r\nBAD LINE\r\n")
    assert reader.next_head() is not None and reader.passed is not None
    assert b"lnst-gate-refusal: 400 " in (reader.next_head() or b"") and reader.passed is None


def test_only_small_heads_are_remembered() -> None:
    many = b"GET /many HTTP/1.1\r\nHost: a\r\n" + b"".join(b"x-%d: v\r\n" % n for n in range(40)) + b"\r\n"
    few = b"GET /few HTTP/1.1\r\nHost: a\r\n\r\n"
    passed_head(many), passed_head(few)
    assert few in PASSED and many not in PASSED


def test_a_tls_hello_is_refused_at_once_and_an_endless_head_at_the_limit() -> None:
    reader = HeadReader()
    reader.feed(b"\x16\x03\x01\x00\xa5")
    assert b"lnst-gate-refusal: 400 " in (reader.next_head() or b"")
    endless = HeadReader()
    start = b"GET / HTTP/1.1\r\nX-A: "
    endless.feed(start + b"a" * (MAX_HEAD_BYTES - len(start) - 1))
    assert endless.next_head() is None and not endless.overflowing()
    endless.feed(b"a")  # exactly the limit, unfinished: it cannot end within it any more
    assert endless.next_head() is None and endless.overflowing()
    assert b"lnst-gate-refusal: 431 " in endless.too_large()
    line = HeadReader()
    line.feed(b"GET /" + b"a" * (MAX_HEAD_BYTES + 1))
    assert line.next_head() is None and b"lnst-gate-refusal: 414 " in line.too_large()


async def serve_through_the_gate() -> tuple[float, list[bytes]]:
    """Stock uvicorn with the gate: 400 requests (16 MB) pipelined on a connection that reads nothing yet, then the
    server told to stop; what the client read, and how long after the stop the connection closed."""
    settings = Settings(access_log=False)
    app = create_app(settings)
    gates = WorkerGates(ConnectionLimits(100, 1000), 10.0, 5.0, 10.0, 3.0)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(GateFields(app, gates.answered), http=gate_class(gates), log_level="error", timeout_graceful_shutdown=10)
    )
    serving = asyncio.create_task(server.serve(sockets=[listener]))
    while not server.started:
        await asyncio.sleep(0.01)
    client = socket.socket()
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)  # the answers back up: most requests wait in the gate
    client.connect(("127.0.0.1", port))
    reader, writer = await asyncio.open_connection(sock=client)
    writer.write(b"GET /v1/export HTTP/1.1\r\nHost: a\r\n\r\n" * 400)
    await writer.drain()
    await asyncio.sleep(0.2)
    stopped = time.monotonic()
    server.should_exit = True
    await asyncio.sleep(0.3)  # uvicorn notices within a tick, and asks every connection to shut down
    received = await asyncio.wait_for(reader.read(), timeout=8)  # until the server closes
    closed = time.monotonic() - stopped
    writer.close()
    await asyncio.wait_for(serving, timeout=10)
    return closed, re.findall(rb"HTTP/1\.1 \d+ [A-Za-z ]+\r\n", received)


def test_uvicorns_shutdown_asks_the_gate_which_answers_what_was_received_then_closes() -> None:
    closed, statuses = asyncio.run(serve_through_the_gate())
    assert statuses == [b"HTTP/1.1 200 OK\r\n"] * 400
    assert closed < 4.0  # well inside the keep-alive and the grace period: uvicorn's shutdown reached the gate


def test_the_gate_fields_are_taken_off_before_any_middleware_and_the_gate_told_whoever_answers() -> None:
    told: list[bytes] = []
    seen: list[list[tuple[bytes, bytes]]] = []

    async def answers_itself(scope: Scope, receive: Receive, send: Send) -> None:
        """A middleware a deployment adds that answers without the API (a host check, say)."""
        seen.append(list(scope["headers"]))
        await send({"type": "http.response.start", "status": 400, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app = GateFields(answers_itself, told.append)
    headers = [(b"host", b"a"), (REFUSAL_FIELD, b"405 no such method"), (CONNECTION_FIELD, b"7")]
    scope: Scope = {"type": "http", "method": "GET", "path": "/v1", "headers": headers}

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    async def ignore(message: Message) -> None:
        return None

    asyncio.run(app(scope, nothing, ignore))
    assert told == [b"7"] and seen == [[(b"host", b"a")]] and scope[GATE_REFUSAL] == (405, "no such method")
