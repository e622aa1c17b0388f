"""The response cache: the bytes of every 200 a route sent to a GET, least recently used out first, bounded in bytes."""

from collections import OrderedDict

from app.edge.representation import Headers, Representation

KEPT_OVERHEAD = 1024  # bytes a kept answer costs beyond its body: objects, header lists
Key = tuple[str, bytes]


class Answer:
    """What a route answered to one request, and its representations by content-coding, made on demand."""

    __slots__ = ("status", "headers", "body", "path", "variants")

    def __init__(self, status: int, headers: Headers, body: bytes, path: str) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.path = path
        self.variants: dict[str, Representation] = {}


class ResponseCache:
    """Kept answers by path and query (and Accept, for the paths whose answers vary on it)."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit = limit_bytes
        self.answers: OrderedDict[Key, Answer] = OrderedDict()
        self.size = 0
        self.accept_varying: set[str] = set()

    def key(self, path: str, query: bytes, accept: bytes) -> Key:
        """Where an answer is kept: by path and query, and by Accept too where the path's answers vary on it."""
        return (path, query + b"\0" + accept) if path in self.accept_varying else (path, query)

    def get(self, key: Key) -> Answer | None:
        """A kept answer, marked as just used."""
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
        return answer

    def offer(self, path: str, query: bytes, accept: bytes, answer: Answer) -> None:
        """Keep a 200 unless it varies on request headers other than Accept or is too large to be worth it."""
        vary = [value.lower() for name, value in answer.headers if name == b"vary"]
        if vary == [b"accept"]:
            self.accept_varying.add(path)
        if answer.status == 200 and vary in ([], [b"accept"]) and len(answer.body) * 2 < self.limit:
            self.answers[self.key(path, query, accept)] = answer
            self._account(len(answer.body) + KEPT_OVERHEAD)

    def keep_variant(self, key: Key, answer: Answer, coding: str, representation: Representation) -> None:
        """Remember a representation of a kept answer."""
        if self.answers.get(key) is answer:
            answer.variants[coding] = representation
            self._account(len(representation.body) + KEPT_OVERHEAD)

    def clear(self) -> None:
        """Forget every kept answer."""
        self.answers.clear()
        self.size = 0

    def __contains__(self, key: object) -> bool:
        return key in self.answers

    def __len__(self) -> int:
        return len(self.answers)

    def _account(self, added: int) -> None:
        self.size += added
        while self.size > self.limit and self.answers:
            _, evicted = self.answers.popitem(last=False)
            bodies = [evicted.body, *(variant.body for variant in evicted.variants.values())]
            self.size -= sum(len(body) + KEPT_OVERHEAD for body in bodies)
