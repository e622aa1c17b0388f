"""The OpenAPI document, with every error response typed as application/problem+json."""

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.errors import PROBLEM_JSON


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """Generate the document once; error bodies are declared as problem details with an example."""
    if app.openapi_schema is not None:
        return app.openapi_schema
    document = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    for path, operations in document["paths"].items():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if status.isdigit() and int(status) >= 400:
                    schema = {"$ref": "#/components/schemas/ProblemPublic"}
                    example = {
                        "type": "about:blank",
                        "title": HTTPStatus(int(status)).phrase,
                        "status": int(status),
                        "detail": response.get("description", ""),
                        "instance": path,
                    }
                    response["content"] = {PROBLEM_JSON: {"schema": schema, "example": example}}
    app.openapi_schema = document
    return document
