"""The department, the regulation's facts, the function transformation and the whole export."""

from fastapi import APIRouter
from fastapi.responses import Response

from app.routers.common import StoreDep, json_response
from app.schemas.public import ExportPublic, RootPublic, TransformationPublic

router = APIRouter(prefix="/v1", tags=["department"])


@router.get("", response_model=RootPublic)
async def read_root(store: StoreDep) -> Response:
    """Read the department, its address, the regulation's facts, the dataset version and every collection's URL."""
    return json_response(store.root)


@router.get("/transformation", response_model=TransformationPublic)
async def read_transformation(store: StoreDep) -> Response:
    """Read the function transformation (职能转变) paragraph, whole and by sentence."""
    return json_response(store.transformation)


@router.get("/export", response_model=ExportPublic)
async def read_export(store: StoreDep) -> Response:
    """Read the whole validated dataset in one JSON document."""
    return json_response(store.export())
