"""The subject index (editorial): the words people use for what each division does, and other agencies' matters."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import NegotiationDep, Paging, PagingDep, StoreDep
from app.routers.operations import csv_operation, operation
from app.routers.responses import csv_response, table_response, wants_csv, window
from app.schemas.public import Page, SubjectPublic
from app.web.csv_tables import subject_table

router = APIRouter(prefix="/v1", tags=["search"])


@router.get(
    "/subjects",
    **operation(
        Page[SubjectPublic],
        "检索主题词（编辑性）/ The subject index search uses (editorial)",
        "/v1/subjects?limit=1",
        invalid="/v1/subjects?limit=0",
    ),
)
async def list_subjects(request: Request, store: StoreDep, paging: PagingDep, negotiation: NegotiationDep) -> Response:
    """The subject terms with English, responsible divisions and cited items, then other agencies' matters."""
    csv = wants_csv(negotiation.format, negotiation.accept)
    return table_response(request, store.root, subject_table, subjects_page(store, paging), paging.limit, paging.offset, csv)


@router.get(
    "/subjects.csv",
    **csv_operation(
        "检索主题词表（CSV，编辑性）/ The subject index as CSV (editorial)",
        "/v1/subjects.csv?limit=1",
        invalid="/v1/subjects.csv?limit=0",
    ),
)
async def list_subjects_csv(request: Request, store: StoreDep, paging: PagingDep) -> Response:
    """The subject index as a CSV table, one row per term, in order."""
    return csv_response(request, store.root, subject_table, subjects_page(store, paging), paging.limit, paging.offset)


def subjects_page(store: Store, paging: Paging) -> Page[SubjectPublic]:
    """One page of the subject index."""
    return Page[SubjectPublic](items=window(store.subjects, paging.limit, paging.offset), total=len(store.subjects))
