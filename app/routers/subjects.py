"""The subject index (editorial): the words people use for what each division does, and other agencies' matters."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.csv_tables import subject_table
from app.routers.dependencies import AcceptHeader, Format, Limit, Offset, StoreDep
from app.routers.operations import operation
from app.routers.responses import table_response, wants_csv, window
from app.schemas.public import Page, SubjectPublic

router = APIRouter(prefix="/v1", tags=["search"])


@router.get(
    "/subjects",
    **operation(
        Page[SubjectPublic],
        "检索主题词（编辑性）/ The subject index search uses (editorial)",
        "/v1/subjects?limit=2",
        csv="/v1/subjects?format=csv&limit=2",
        invalid="/v1/subjects?limit=0",
    ),
)
async def list_subjects(
    request: Request, store: StoreDep, limit: Limit = None, offset: Offset = 0, format: Format = None, accept: AcceptHeader = None
) -> Response:
    """List the subject terms with English, responsible divisions (in order) and cited items, then other agencies' matters."""
    page = Page[SubjectPublic](items=window(store.subjects, limit, offset), total=len(store.subjects))
    return table_response(request, store.root, subject_table, page, limit, offset, wants_csv(format, accept))
