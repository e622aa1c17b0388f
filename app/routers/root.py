"""The department, the regulation's facts, the function transformation and the whole export."""

import json
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from app.edge.negotiation import prefers
from app.linked_data import JSONLD_MEDIA_TYPE, export_jsonld
from app.routers.dependencies import AcceptHeader, StoreDep
from app.routers.operations import operation
from app.routers.responses import json_response
from app.schemas.public import ExportPublic, RootPublic, TransformationPublic
from app.store import Store

router = APIRouter(prefix="/v1", tags=["department"])

JSONLD_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {JSONLD_MEDIA_TYPE: {"schema": {"type": "object"}}}}}


@router.get("", **operation(RootPublic, "部门概况与API导航 / The department and a map of the API", "/v1"))
async def read_root(store: StoreDep) -> Response:
    """Read the department, its address, the regulation's facts, the dataset version and every collection's URL."""
    return json_response(store.root)


@router.get("/transformation", **operation(TransformationPublic, "职能转变 / The function transformation", "/v1/transformation"))
async def read_transformation(store: StoreDep) -> Response:
    """Read the function transformation (职能转变) paragraph, whole and by sentence."""
    return json_response(store.transformation)


@router.get("/export", **operation(ExportPublic, "全部数据 / The whole dataset", "/v1/export", jsonld="/v1/export.jsonld"))
async def read_export(store: StoreDep, accept: AcceptHeader = None) -> Response:
    """Read the whole validated dataset in one JSON document, or as JSON-LD with Accept: application/ld+json."""
    response = jsonld_response(store) if prefers(accept, JSONLD_MEDIA_TYPE) else json_response(store.export())
    response.headers["Vary"] = "Accept"
    return response


@router.get(
    "/export.jsonld",
    response_class=Response,
    **operation(None, "关联数据 / The dataset as JSON-LD", None, jsonld="/v1/export.jsonld"),
)
async def read_export_jsonld(store: StoreDep) -> Response:
    """Read the department, divisions, duties, posts and address as JSON-LD (schema.org and W3C ORG)."""
    return jsonld_response(store)


def jsonld_response(store: Store) -> Response:
    """The JSON-LD document as a 200 answer."""
    body = json.dumps(export_jsonld(store), ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, media_type=JSONLD_MEDIA_TYPE)
