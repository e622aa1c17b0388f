"""The ASGI app under the request gate: takes the gate's fields off each request, and tells the gate once answered."""

from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from app.web.middleware.request import CONNECTION_FIELD, GATE_REFUSAL, REFUSAL_FIELD


class GateFields:
    """Wraps the whole application, Starlette's own middleware and any a deployment adds included."""

    def __init__(self, app: ASGIApp, answered: Callable[[bytes], None]) -> None:
        self.app, self.answered = app, answered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        number, refusal = taken_off(scope["headers"])
        if refusal is not None:
            scope[GATE_REFUSAL] = refusal
        await self.app(scope, receive, send)
        if number is not None:  # not on an exception: Starlette then answers 500, uvicorn closes, nothing more is passed on
            self.answered(number)


def taken_off(headers: list[tuple[bytes, bytes]]) -> tuple[bytes | None, tuple[int, str] | None]:
    """Take the request gate's own fields off the end of the list: the connection number, and a refusal if it made one."""
    number = refusal = None
    if headers and headers[-1][0] == CONNECTION_FIELD:
        number = headers.pop()[1]
        if headers and headers[-1][0] == REFUSAL_FIELD:
            value = headers.pop()[1].decode("ascii")
            refusal = (int(value[:3]), value[4:])
    return number, refusal
