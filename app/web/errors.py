"""The API's one error body (RFC 9457 problem details) and the handlers that produce it."""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from app.schemas.public import FieldError, ProblemPublic
from app.web.problems import ALLOWED_METHODS, PROBLEM_JSON, problem_body

PATTERN_MESSAGE = "must contain a visible character, and no control characters or invalid UTF-8 (which decodes to U+FFFD)"


def problem_response(status: int, detail: str, instance: str, **extra: Any) -> Response:
    """Render one problem as application/problem+json."""
    headers = extra.pop("headers", None)
    return Response(problem_body(status, detail, instance, **extra), status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    detail = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else ""
    if exc.status_code == 404 and not detail:
        detail = f"Nothing is served at {request.url.path}: see /v1 for the collections."
    elif exc.status_code == 405:
        headers["Allow"] = ALLOWED_METHODS
        detail = f"{request.method} is not allowed: this API is read-only and answers {ALLOWED_METHODS}."
    return problem_response(exc.status_code, detail or HTTPStatus(exc.status_code).description, request.url.path, headers=headers)


def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = []
    for error in exc.errors():
        location, *rest = [str(part) for part in error["loc"]] or ["request"]
        message = PATTERN_MESSAGE if error["type"] == "string_pattern_mismatch" else error["msg"]
        errors.append(FieldError(name=".".join(rest) or location, location=location, message=message))
    detail = "; ".join(f"{e.location} parameter {e.name!r}: {e.message}" for e in errors)
    return problem_response(422, f"Invalid request: {detail}", request.url.path, errors=errors)


def _unexpected(request: Request, exc: Exception) -> Response:
    return problem_response(500, "The server met an unexpected condition; it has been logged.", request.url.path)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error, expected or not, through the one problem format."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ProblemPublic, "description": "No item has that number or key."}}
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": ProblemPublic, "description": "A parameter is malformed: the body names which, and why."}
}
