"""The edge: every HTTP request passes its small parts in turn (guards, CORS, the response cache, representation,
access log); answers already kept are sent without entering the framework."""

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import Settings
from app.edge import guards
from app.edge.access_log import log_request, write_to_stdout
from app.edge.cors import Cors
from app.edge.negotiation import choose_coding
from app.edge.representation import NO_STORE_PATHS, Representation, Validators, not_modified, represent
from app.edge.request import RequestHead, RequestIds, read_head
from app.edge.response_cache import Answer, Key, ResponseCache
from app.problems import PROBLEM_JSON, problem_body

error_logger = logging.getLogger("lnst_api")


class Edge:
    """The ASGI layer outside the framework; it reads the dataset's validators from the app's loaded store."""

    def __init__(self, app: ASGIApp, settings: Settings, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache
        self.cors = Cors(settings.cors_origins, settings.cors_max_age)
        self.log = settings.access_log
        self.max_age = settings.cache_max_age
        self.ids = RequestIds()
        self.codings: dict[bytes, str] = {}
        self.store: Any = None
        self.validators = Validators.of("", 0, settings.cache_max_age)
        if self.log:
            write_to_stdout()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter() if self.log else 0.0
        head = read_head(scope["headers"])
        request_id = self.ids.resolve(head.request_id)
        refused = guards.refusal(scope, head)
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
        """Send the answer (kept, routed or refused) in the negotiated coding, or 304; return status and body size."""
        path, query, method = scope["path"], scope["query_string"], scope["method"]
        key = self.cache.key(path, query, head.accept)
        if refused is not None:
            answer = problem_answer(refused[0], refused[1], path)
        else:
            answer = (self.cache.get(key) if method in ("GET", "HEAD") else None) or await self._route(scope, receive, head)
            key = self.cache.key(path, query, head.accept)  # the route may just have shown that its answers vary
        coding = self.codings.get(head.accept_encoding) or self._coding(head.accept_encoding)
        representation = answer.variants.get(coding) or self._represent(answer, coding, key)
        extra = [(b"x-request-id", request_id), *self.cors.simple(head.origin)]
        if head.conditional and representation.etag is not None and self._unchanged(representation, head):
            status, headers, body = 304, representation.not_modified_headers, b""
        else:
            status, headers = representation.status, representation.headers
            body = b"" if method == "HEAD" else representation.body
        await send({"type": "http.response.start", "status": status, "headers": headers + extra})
        await send({"type": "http.response.body", "body": body})
        return status, len(body)

    async def _route(self, scope: Scope, receive: Receive, head: RequestHead) -> Answer:
        """Ask the framework (HEAD as GET), capture its answer whole, and offer a 200 to a GET to the cache."""
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": []}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"], captured["headers"] = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))

        method, path = scope["method"], scope["path"]
        try:
            await self.app({**scope, "method": "GET"} if method == "HEAD" else scope, receive, capture)
        except Exception:
            error_logger.exception("unhandled error on %s %s", method, path)
            return problem_answer(500, "The server met an unexpected condition; it has been logged.", path)
        self._watch_store(scope)
        answer = Answer(captured["status"], captured["headers"], b"".join(captured["body"]), path)
        if method in ("GET", "HEAD") and path not in NO_STORE_PATHS:  # never keep the probes: readiness changes on stop
            self.cache.offer(path, scope["query_string"], head.accept, answer)
        return answer

    def _watch_store(self, scope: Scope) -> None:
        """Take the validators of the store the app serves; a new store empties the cache."""
        store = getattr(scope["app"].state, "store", None)
        if store is not self.store and store is not None:
            self.store = store
            self.validators = Validators.of(store.version, store.modified, self.max_age)
            self.cache.clear()

    def _represent(self, answer: Answer, coding: str, key: Key) -> Representation:
        representation = represent(answer.status, answer.headers, answer.body, answer.path, coding, self.validators)
        self.cache.keep_variant(key, answer, coding, representation)
        return representation

    def _coding(self, accept_encoding: bytes) -> str:
        chosen = choose_coding(accept_encoding.decode("latin-1"))
        if len(self.codings) < 256:
            self.codings[accept_encoding] = chosen
        return chosen

    def _unchanged(self, representation: Representation, head: RequestHead) -> bool:
        assert representation.etag is not None
        return not_modified(representation.etag, self.validators.modified, head.if_none_match, head.if_modified_since)


def problem_answer(status: int, detail: str, path: str) -> Answer:
    """An error answer in the one problem format."""
    return Answer(status, [(b"content-type", PROBLEM_JSON.encode())], problem_body(status, detail, path[:200]), path)
