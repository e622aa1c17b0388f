"""The response cache: the bytes of every 200 a route sent to a GET, least recently used out first, bounded in bytes."""

# Every byte cached counts against the bound: the key (path, query, Accept), the header lists and each coding's body and
# header lines.

from collections import OrderedDict

from app.web.middleware.representation import Headers, Representation

ENTRY_OVERHEAD = 1024  # bytes a cached response or coding costs beyond what is counted: the objects themselves
MAX_KEY_BYTES = 4096  # an answer whose path, query and Accept are longer is not cached (the same long query seldom comes twice)
Key = tuple[str, bytes]


def header_bytes(headers: Headers) -> int:
    """The bytes of a header list's names and values."""
    return sum(len(name) + len(value) for name, value in headers)


class Answer:
    """What a route answered to one request, and its representations by content-coding, made on demand."""

    __slots__ = ("status", "headers", "body", "path", "variants", "size")

    def __init__(self, status: int, headers: Headers, body: bytes, path: str) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.path = path
        self.variants: dict[str, Representation] = {}
        self.size = 0  # bytes counted against the cache's limit while cached


class ResponseCache:
    """Cached responses by path and query (and Accept, for the paths whose answers vary on it)."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit = limit_bytes
        self.answers: OrderedDict[Key, Answer] = OrderedDict()
        self.size = 0
        self.accept_varying: set[str] = set()

    def key(self, path: str, query: bytes, accept: bytes) -> Key:
        """Where an answer is cached: by path and query, and by Accept too where the path's answers vary on it."""
        return (path, query + b"\0" + accept) if path in self.accept_varying else (path, query)

    def get(self, key: Key) -> Answer | None:
        """A cached response, marked as just used."""
        answer = self.answers.get(key)
        if answer is not None:
            self.answers.move_to_end(key)
        return answer

    def offer(self, path: str, query: bytes, accept: bytes, answer: Answer) -> None:
        """Keep a 200 unless it varies on request headers other than Accept or is too large to be worth it."""
        vary = [value.lower() for name, value in answer.headers if name == b"vary"]
        if vary == [b"accept"]:
            self.accept_varying.add(path)
        key = self.key(path, query, accept)
        if answer.status != 200 or vary not in ([], [b"accept"]) or key in self.answers:
            return
        size = len(key[0]) + len(key[1]) + len(answer.path) + len(answer.body) + header_bytes(answer.headers) + ENTRY_OVERHEAD
        if len(key[0]) + len(key[1]) <= MAX_KEY_BYTES and size * 2 < self.limit:
            self.answers[key] = answer
            answer.size = size
            self._account(size)

    def keep_variant(self, key: Key, answer: Answer, coding: str, representation: Representation) -> None:
        """Remember a representation of a cached response."""
        if self.answers.get(key) is answer and coding not in answer.variants:
            answer.variants[coding] = representation
            lines = len(representation.wire) + len(representation.not_modified_wire)  # held twice: as lists and as written
            size = len(representation.body) + 2 * lines + ENTRY_OVERHEAD
            answer.size += size
            self._account(size)

    def clear(self) -> None:
        """Forget every cached response."""
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
            self.size -= evicted.size
