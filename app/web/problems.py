"""The API's one error body: RFC 9457 problem details, as bytes any layer can send."""

from http import HTTPStatus
from typing import Any

from app.schemas.public import ProblemPublic

PROBLEM_JSON = "application/problem+json"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"


def problem_body(status: int, detail: str, instance: str, **extra: Any) -> bytes:
    """One problem, rendered as compact JSON."""
    problem = ProblemPublic(
        type="about:blank", title=HTTPStatus(status).phrase, status=status, detail=detail, instance=instance, **extra
    )
    return problem.model_dump_json(exclude_none=True).encode()
