"""Editorial: the duty × division table, as JSON or CSV."""

import csv
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Header, Query
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import StoreDep, json_response
from app.schemas.public import DivisionRef, MatrixPublic, MatrixRow
from app.store import Store

router = APIRouter(prefix="/v1", tags=["duties"])

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"


@router.get(
    "/matrix",
    response_model=MatrixPublic,
    responses={**INVALID, 200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The table."}},
)
async def read_matrix(
    store: StoreDep,
    format: Annotated[
        Literal["json", "csv"] | None, Query(description="json 或 csv（否则按 Accept）/ json or csv (else by Accept).")
    ] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """Read which divisions carry which duty (editorial): JSON, or CSV by ?format=csv or Accept: text/csv."""
    matrix = build_matrix(store)
    wants_csv = format == "csv" or (format is None and accept is not None and _prefers_csv(accept))
    if wants_csv:
        return Response(matrix_csv(matrix), media_type=CSV_MEDIA_TYPE, headers={"Vary": "Accept"})
    response = json_response(matrix)
    response.headers["Vary"] = "Accept"
    return response


def build_matrix(store: Store) -> MatrixPublic:
    """The table: one row per duty, one column per division, cells holding evidence item numbers."""
    columns = [DivisionRef(n=d.n, id=d.id, name=d.name, url=d.url) for d in store.divisions]
    rows = []
    for duty in store.duties:
        evidence = {link.n: [item.i for item in link.evidence] for link in duty.editorial.divisions}
        rows.append(MatrixRow(duty=duty.n, label=duty.label, url=duty.url, cells=[evidence.get(c.n, []) for c in columns]))
    return MatrixPublic(columns=columns, rows=rows)


def matrix_csv(matrix: MatrixPublic) -> bytes:
    """The table as CSV with a byte-order mark, so spreadsheet programs read the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["duty", "label", *(f"{c.n} {c.name}" for c in matrix.columns)])
    for row in matrix.rows:
        writer.writerow([row.duty, row.label, *(";".join(str(i) for i in cell) for cell in row.cells)])
    return ("\ufeff" + out.getvalue()).encode()


def _prefers_csv(accept: str) -> bool:
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return "text/csv" in kinds and kinds.index("text/csv") < min(
        (kinds.index(k) for k in ("application/json", "*/*") if k in kinds), default=len(kinds)
    )
