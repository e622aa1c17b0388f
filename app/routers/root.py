"""The department, the regulation's facts, the function transformation and the whole export."""

import json

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import AcceptHeader, StoreDep
from app.routers.operations import jsonld_operation, operation
from app.routers.responses import json_response
from app.schemas.public import ExportPublic, RootPublic, TransformationPublic
from app.web.linked_data import JSONLD_MEDIA_TYPE, export_jsonld
from app.web.middleware.negotiation import prefers

router = APIRouter(prefix="/v1", tags=["department"])


@router.get("", **operation(RootPublic, "部门概况与API导航 / The department and a map of the API", "/v1"))
async def get_root(store: StoreDep) -> Response:
    """Read the department, its address, the regulation's facts, the dataset version and every collection's URL."""
    return json_response(store.root)


@router.get(
    "/transformation",
    **operation(TransformationPublic, "职能转变 / The function transformation", "/v1/transformation", not_found=""),
)
async def get_transformation(store: StoreDep) -> Response:
    """Read the function transformation (职能转变) paragraph, whole and by sentence (404 if the text prints none)."""
    if store.transformation is None:
        raise HTTPException(404, "This department's text prints no function transformation (职能转变).")
    return json_response(store.transformation)


@router.get("/export", **operation(ExportPublic, "全部数据 / The whole dataset", "/v1/export"))
async def get_export(store: StoreDep, accept: AcceptHeader = None) -> Response:
    """The whole validated dataset in one JSON document (Accept: application/ld+json answers as getExportJsonld)."""
    response = jsonld_response(store) if prefers(accept, JSONLD_MEDIA_TYPE) else json_response(store.export())
    response.headers["Vary"] = "Accept"
    return response


@router.get("/export.jsonld", **jsonld_operation("关联数据 / The dataset as JSON-LD", "/v1/export.jsonld"))
async def get_export_jsonld(store: StoreDep) -> Response:
    """Read the department, divisions, duties, posts and address as JSON-LD (schema.org and W3C ORG)."""
    return jsonld_response(store)


def jsonld_response(store: Store) -> Response:
    """The JSON-LD document as a 200 answer."""
    body = json.dumps(export_jsonld(store), ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, media_type=JSONLD_MEDIA_TYPE)
