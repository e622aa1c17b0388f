"""Editorial: the duty × division table, as JSON or CSV."""

from fastapi import APIRouter
from fastapi.responses import Response

from app.csv_tables import CSV_MEDIA_TYPE, LIST_SEPARATOR, to_csv
from app.routers.dependencies import AcceptHeader, Format, StoreDep
from app.routers.operations import operation
from app.routers.responses import json_response, wants_csv
from app.schemas.public import DivisionRef, MatrixPublic, MatrixRow
from app.store import Store

router = APIRouter(prefix="/v1", tags=["duties"])


@router.get(
    "/matrix",
    **operation(
        MatrixPublic,
        "职责与处室对照表（编辑性）/ The duty × division table (editorial)",
        "/v1/matrix",
        csv="/v1/matrix?format=csv",
        invalid="/v1/matrix?format=xlsx",
    ),
)
async def read_matrix(
    store: StoreDep,
    format: Format = None,
    accept: AcceptHeader = None,
) -> Response:
    """Read which divisions carry which duty (editorial): JSON, or CSV by ?format=csv or Accept: text/csv."""
    matrix = build_matrix(store)
    if wants_csv(format, accept):
        return Response(matrix_csv(matrix, store), media_type=CSV_MEDIA_TYPE, headers={"Vary": "Accept"})
    response = json_response(matrix)
    response.headers["Vary"] = "Accept"
    return response


def build_matrix(store: Store) -> MatrixPublic:
    """The table: one row per duty, one column per division, cells holding evidence item numbers."""
    columns = [DivisionRef(n=d.n, id=d.id, name=d.name) for d in store.divisions]
    rows = []
    for duty in store.duties:
        evidence = {link.n: [item.i for item in link.evidence] for link in duty.editorial.divisions}
        rows.append(MatrixRow(duty=duty.n, label=duty.label, cells=[evidence.get(c.n, []) for c in columns]))
    return MatrixPublic(columns=columns, rows=rows)


def matrix_csv(matrix: MatrixPublic, store: Store) -> bytes:
    """The table as CSV: a row per duty, a column per division, cells holding evidence item numbers."""
    header = ["duty", "label", *(f"{c.n} {c.name}" for c in matrix.columns)]
    rows = [[row.duty, row.label, *(LIST_SEPARATOR.join(str(i) for i in cell) for cell in row.cells)] for row in matrix.rows]
    return to_csv((header, rows), store.root)
