"""The API's middleware: every HTTP request passes its small parts in turn; cached responses skip the framework."""

# The parts: guards, CORS, the response cache, representation, access log. Under `lnst-api serve` it also answers the
# request gate's refusals (taken off each request by app/server/gate_fields.py) and hands the gate cached responses.

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.web.middleware import guards
from app.web.middleware.access_log import flushing_at_shutdown, log_request
from app.web.middleware.cors import Cors
from app.web.middleware.negotiation import choose_coding
from app.web.middleware.queries import DeclaredQueries
from app.web.middleware.representation import NO_STORE_PATHS, Headers, Representation, Validators, not_modified, represent, wire
from app.web.middleware.request import GATE_REFUSAL, RequestHead, RequestIds, read_head
from app.web.middleware.response_cache import Answer, Key, ResponseCache
from app.web.problems import ALLOWED_METHODS, PROBLEM_JSON, problem_body

error_logger = logging.getLogger("lnst_api")
REFUSAL_HEADERS = {405: [(b"allow", ALLOWED_METHODS.encode())], 503: [(b"retry-after", b"1")]}


class ServerHooks:
    """Where the middleware meets `lnst-api serve`'s request gate, which asks it for the cached responses to write."""

    def __init__(self) -> None:
        self.middleware: ApiMiddleware | None = None  # built by Starlette after these hooks, at the first event (the lifespan's)

    def cached_response(self, scope: Scope) -> tuple[int, bytes, bytes] | None:
        """The middleware's cached response to this request, or None (also before the middleware is built)."""
        return None if self.middleware is None else self.middleware.cached_response(scope)


class ApiMiddleware:
    """The API's middleware, added as Starlette adds any; it reads the dataset's validators from the app's loaded store."""

    def __init__(self, app: ASGIApp, settings: Settings, cache: ResponseCache, hooks: ServerHooks) -> None:
        self.app, self.cache, self.queries = app, cache, DeclaredQueries()
        if hooks.middleware is None:  # the first built serves; a later build of the stack (none is made) would not
            hooks.middleware = self
        self.cors = Cors(settings.cors_origins, settings.cors_max_age)
        self.log, self.max_age, self.ids = settings.access_log, settings.cache_max_age, RequestIds()
        self.codings: dict[bytes, str] = {}
        self.store: Any = None
        self.validators = Validators.of("", 0, settings.cache_max_age)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, flushing_at_shutdown(send) if scope["type"] == "lifespan" else send)
            return
        await self._handle(scope, receive, send, scope.get(GATE_REFUSAL))

    def cached_response(self, scope: Scope) -> tuple[int, bytes, bytes] | None:
        """A GET or HEAD's cached response, logged, without the framework: status, header lines as written, body."""
        # None when the middleware cannot answer the request by itself: the gate then hands it to uvicorn.
        started = time.perf_counter() if self.log else 0.0
        head = read_head(scope["headers"])
        if head.forwarded or guards.refusal(scope, head) is not None:
            return None
        method = scope["method"]
        reply = self._cached(scope["path"], self.queries.canonical(scope["path"], scope["query_string"]), head, method)
        if reply is None:
            return None
        status, representation = reply
        request_id = self.ids.resolve(head.request_id)
        _, lines, body = sent(status, representation, method)
        extra = b"x-request-id: " + request_id + b"\r\n" + (b"" if head.origin is None else wire(self.cors.simple(head.origin)))
        if self.log:
            log_request(scope, request_id, status, len(body), started)
        return status, lines + extra, body

    async def _handle(self, scope: Scope, receive: Receive, send: Send, gate_refusal: tuple[int, str] | None) -> None:
        """Answer one HTTP request (refused, OPTIONS, cached or routed) and log it."""
        started = time.perf_counter() if self.log else 0.0
        head = read_head(scope["headers"])
        request_id = self.ids.resolve(head.request_id)
        refused = gate_refusal or guards.refusal(scope, head)
        if refused is None and scope["method"] == "OPTIONS":
            await self.cors.answer_options(send, head.origin, head.preflight, request_id)
            status, size = 204, 0
        else:
            status, size = await self._answer(scope, receive, send, head, request_id, refused)
        if self.log:
            log_request(scope, request_id, status, size, started)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, head: RequestHead, request_id: bytes, refused: tuple[int, str] | None
    ) -> tuple[int, int]:
        """Send the answer (cached, routed or refused) in the negotiated coding, or 304; return status and body size."""
        path, method = scope["path"], scope["method"]
        reply: tuple[int, Representation] | None
        if refused is not None:
            reply = self._reply(problem_answer(refused[0], refused[1], path), None, head)
        else:
            query = self.queries.canonical(path, scope["query_string"])  # what the route reads: the key, and its query
            reply = self._cached(path, query, head, method)
            if reply is None:
                reply = self._reply(*await self._route_and_cache(scope, query, receive, head), head)
        status, representation = reply
        headers, _, body = sent(status, representation, method)
        extra = [(b"x-request-id", request_id), *self.cors.simple(head.origin)]
        await send({"type": "http.response.start", "status": status, "headers": headers + extra})
        await send({"type": "http.response.body", "body": body})
        return status, len(body)

    def _cached(self, path: str, query: bytes, head: RequestHead, method: str) -> tuple[int, Representation] | None:
        """The status and representation of the cached response to a GET or HEAD; None if none is cached."""
        if method not in ("GET", "HEAD"):
            return None
        key = self.cache.key(path, query, head.accept)
        answer = self.cache.get(key)
        return None if answer is None else self._reply(answer, key, head)

    def _reply(self, answer: Answer, key: Key | None, head: RequestHead) -> tuple[int, Representation]:
        """The representation in the negotiated coding, with its status: 304 when the client's validator matches."""
        coding = self.codings.get(head.accept_encoding) or self._coding(head.accept_encoding)
        representation = answer.variants.get(coding) or self._represent(answer, coding, key)
        etag = representation.etag
        if head.conditional and etag is not None:
            if not_modified(etag, self.validators.modified, head.if_none_match, head.if_modified_since):
                return 304, representation
        return representation.status, representation

    async def _route_and_cache(self, scope: Scope, query: bytes, receive: Receive, head: RequestHead) -> tuple[Answer, Key]:
        """The route's answer to the query as it reads it, offered to the response cache, and its key there."""
        path, method = scope["path"], scope["method"]
        answer, routed = await self._call_framework(scope, query, receive)
        if self.queries.learn(routed):  # the path's first answer: ask again with the query as its route reads it
            query = self.queries.canonical(path, query)
            answer, routed = await self._call_framework(scope, query, receive)
        if method in ("GET", "HEAD") and path not in NO_STORE_PATHS:  # never cache the probes: readiness changes on stop
            self.cache.offer(path, query, head.accept, answer)
        return answer, self.cache.key(path, query, head.accept)  # the route may just have shown that its answers vary

    async def _call_framework(self, scope: Scope, query: bytes, receive: Receive) -> tuple[Answer, Scope]:
        """Ask the framework (HEAD as GET) with a scope of its own, holding this query; capture its answer whole."""
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": []}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"], captured["headers"] = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))

        method, path = scope["method"], scope["path"]
        routed = {**scope, "method": "GET" if method == "HEAD" else method, "query_string": query}
        try:
            await self.app(routed, receive, capture)
        except Exception:
            error_logger.exception("unhandled error on %s %s", method, path)
            return problem_answer(500, "The server met an unexpected condition; it has been logged.", path), routed
        self._watch_store(scope)
        return Answer(captured["status"], captured["headers"], b"".join(captured["body"]), path), routed

    def _watch_store(self, scope: Scope) -> None:
        """Take the validators of the store the app serves; a new store empties the cache."""
        store = getattr(scope["app"].state, "store", None)
        if store is not self.store and store is not None:
            self.store = store
            self.validators = Validators.of(store.version, store.modified, self.max_age)
            self.cache.clear()

    def _represent(self, answer: Answer, coding: str, key: Key | None) -> Representation:
        representation = represent(answer.status, answer.headers, answer.body, answer.path, coding, self.validators)
        if key is not None:
            self.cache.keep_variant(key, answer, coding, representation)
        return representation

    def _coding(self, accept_encoding: bytes) -> str:
        chosen = choose_coding(accept_encoding.decode("latin-1"))
        if len(self.codings) < 256 and len(accept_encoding) <= 256:
            self.codings[accept_encoding] = chosen
        return chosen


def sent(status: int, representation: Representation, method: str) -> tuple[Headers, bytes, bytes]:
    """The headers sent (as a list and as written) and the body: a 304 has headers of its own and no body, HEAD none."""
    if status == 304:
        return representation.not_modified_headers, representation.not_modified_wire, b""
    return representation.headers, representation.wire, b"" if method == "HEAD" else representation.body


def problem_answer(status: int, detail: str, path: str) -> Answer:
    """An error answer in the one problem format (405 with Allow, 503 with Retry-After)."""
    headers = [(b"content-type", PROBLEM_JSON.encode()), *REFUSAL_HEADERS.get(status, [])]
    return Answer(status, headers, problem_body(status, detail, path[:200]), path)
