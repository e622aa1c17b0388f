"""The generated Python client in use, as an integrator would use it (docs/api.md, Generated clients).

Generate the client, then run this against a server:

    openapi-python-client generate --path openapi.json --meta none --output-path lnst_api_client
    python clients/python/example.py http://127.0.0.1:8000

The test suite does exactly this (tests/test_generated_clients.py), and type-checks both with mypy --strict.
"""

import sys
from http import HTTPStatus

from lnst_api_client import Client
from lnst_api_client.api.divisions import get_division, list_divisions, list_divisions_csv, search_divisions
from lnst_api_client.models import DivisionHitPage, DivisionPage, DivisionPublic, ProblemPublic


def main(base_url: str) -> None:
    """List, read by key, search, download CSV, meet a 404 problem, and revalidate with a conditional GET."""
    with Client(base_url=base_url, raise_on_unexpected_status=True) as client:
        page = list_divisions.sync(client=client)
        assert isinstance(page, DivisionPage)
        print(f"list: {page.total} divisions, the first {page.items[0].name}")

        for key in ("人事处", "14"):
            division = get_division.sync(key, client=client)
            assert isinstance(division, DivisionPublic)
            print(f"read {key}: division {division.n} {division.name} ({division.editorial.name_en})")

        hits = search_divisions.sync(client=client, q="高新技术企业认定", limit=3)
        assert isinstance(hits, DivisionHitPage)
        best = hits.items[0]
        print(f"search: {best.name}, score {best.search.score:.2f}, {best.search.reason}, {len(best.search.matches)} match(es)")

        table = list_divisions_csv.sync(client=client, limit=2)
        assert isinstance(table, str) and table.startswith("\ufeff")
        print(f"csv: {table.splitlines()[0][1:60]}…")

        missing = get_division.sync_detailed("财务处", client=client)
        assert missing.status_code == HTTPStatus.NOT_FOUND and isinstance(missing.parsed, ProblemPublic)
        print(f"404: {missing.parsed.title}: {missing.parsed.detail}")

        first = get_division.sync_detailed("人事处", client=client)
        again = get_division.sync_detailed("人事处", client=client, if_none_match=first.headers["etag"])
        assert again.status_code == HTTPStatus.NOT_MODIFIED and again.content == b""
        print(f"conditional GET: {again.status_code.value} with ETag {again.headers['etag']}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
