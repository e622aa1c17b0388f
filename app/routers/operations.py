"""How a route describes itself to OpenAPI, on its decorator: `@router.get(path, **operation(...))`."""

from typing import Any

from app.linked_data import JSONLD_MEDIA_TYPE
from app.openapi import EXAMPLE_URLS
from app.schemas.public import ProblemPublic

CSV_SCHEMA = {"type": "string", "description": "CSV，带BOM / CSV with a byte-order mark."}
ERRORS = {
    "404": "No item has that number or key.",
    "422": "A parameter is malformed: the body names which, and why.",
    "503": "The data is not loaded yet.",
}


def operation(
    model: Any,
    summary: str,
    ok: str | None,
    *,
    csv: str | None = None,
    jsonld: str | None = None,
    not_found: str | None = None,
    invalid: str | None = None,
    unavailable: bool = False,
) -> dict[str, Any]:
    """The decorator's arguments: the response model, a bilingual summary, the answers it can give, an example URL for each."""
    examples = {"200": ok, "text/csv": csv, JSONLD_MEDIA_TYPE: jsonld, "404": not_found, "422": invalid}
    responses: dict[int | str, dict[str, Any]] = {
        int(status): {"model": ProblemPublic, "description": ERRORS[status]}
        for status, url in (("404", not_found), ("422", invalid), ("503", unavailable or None))
        if url
    }
    alternatives = {"text/csv": {"schema": CSV_SCHEMA}} if csv else {}
    if jsonld:
        alternatives[JSONLD_MEDIA_TYPE] = {"schema": {"type": "object"}}
    if alternatives:
        responses[200] = {"content": alternatives}
    return {
        "response_model": model,
        "responses": responses,
        "summary": summary,
        "response_description": summary,
        "openapi_extra": {EXAMPLE_URLS: {key: url for key, url in examples.items() if url}},
    }
