"""Editorial: the duty × division table, as JSON or CSV."""

from fastapi import APIRouter
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import NegotiationDep, StoreDep
from app.routers.operations import csv_operation, operation
from app.routers.responses import json_response, wants_csv
from app.schemas.public import DivisionRef, MatrixPublic, MatrixRow
from app.web.csv_tables import CSV_MEDIA_TYPE, LIST_SEPARATOR, to_csv

router = APIRouter(prefix="/v1", tags=["duties"])


@router.get(
    "/matrix",
    **operation(
        MatrixPublic,
        "职责与处室对照表（编辑性）/ The duty × division table (editorial)",
        "/v1/matrix",
        invalid="/v1/matrix?format=xlsx",
    ),
)
async def get_matrix(store: StoreDep, negotiation: NegotiationDep) -> Response:
    """Which divisions carry which duty (editorial): one row per duty (?format=csv answers as getMatrixCsv)."""
    matrix = build_matrix(store)
    response = matrix_response(matrix, store) if wants_csv(negotiation.format, negotiation.accept) else json_response(matrix)
    response.headers["Vary"] = "Accept"
    return response


@router.get(
    "/matrix.csv",
    **csv_operation(
        "职责与处室对照表（CSV，编辑性）/ The duty × division table as CSV (editorial)", "/v1/matrix.csv", paged=False
    ),
)
async def get_matrix_csv(store: StoreDep) -> Response:
    """The duty × division table as CSV: a row per duty, a column per division, cells holding evidence item numbers."""
    return matrix_response(build_matrix(store), store)


def build_matrix(store: Store) -> MatrixPublic:
    """The table: one row per duty, one column per division, cells holding evidence item numbers."""
    columns = [DivisionRef(n=d.n, id=d.id, name=d.name) for d in store.divisions]
    rows = []
    for duty in store.duties:
        evidence = {link.n: [item.i for item in link.evidence] for link in duty.editorial.divisions}
        rows.append(MatrixRow(duty=duty.n, label=duty.label, cells=[evidence.get(c.n, []) for c in columns]))
    return MatrixPublic(columns=columns, rows=rows)


def matrix_response(matrix: MatrixPublic, store: Store) -> Response:
    """The table as CSV: a row per duty, a column per division, cells holding evidence item numbers."""
    header = ["duty", "label", *(f"{c.n} {c.name}" for c in matrix.columns)]
    rows = [[row.duty, row.label, *(LIST_SEPARATOR.join(str(i) for i in cell) for cell in row.cells)] for row in matrix.rows]
    return Response(to_csv((header, rows), store.root), media_type=CSV_MEDIA_TYPE)
