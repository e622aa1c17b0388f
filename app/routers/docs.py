"""API documentation pages (Swagger UI and ReDoc) whose every asset is served by this API, for offline networks."""

from importlib.resources import files
from importlib.resources.abc import Traversable

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from app.routers.assets import Assets

router = APIRouter(include_in_schema=False)

ASSETS_URL = "/docs/assets"
MEDIA_TYPES = {".js": "application/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png"}
ASSETS = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon.png", "swagger-init.js")


def locate(name: str) -> Traversable:
    """Where one asset is: ours in app/static, the rest in the fastapi-offline package."""
    package = "app" if name == "swagger-init.js" else "fastapi_offline"
    return files(package).joinpath("static", name)


DOCS_ASSETS = Assets(locate, ASSETS, MEDIA_TYPES)

SWAGGER_PAGE = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lnst-api — Swagger UI</title>
<link rel="icon" type="image/png" href="{ASSETS_URL}/favicon.png">
<link rel="stylesheet" href="{ASSETS_URL}/swagger-ui.css">
</head>
<body data-openapi-url="/openapi.json">
<div id="swagger-ui"></div>
<script src="{ASSETS_URL}/swagger-ui-bundle.js"></script>
<script src="{ASSETS_URL}/swagger-init.js"></script>
</body>
</html>
"""

REDOC_PAGE = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lnst-api — ReDoc</title>
<link rel="icon" type="image/png" href="{ASSETS_URL}/favicon.png">
</head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="{ASSETS_URL}/redoc.standalone.js"></script>
</body>
</html>
"""


@router.get("/docs")
async def read_swagger_page() -> HTMLResponse:
    """Swagger UI, loading its script and styles from this server."""
    return HTMLResponse(SWAGGER_PAGE)


@router.get("/redoc")
async def read_redoc_page() -> HTMLResponse:
    """ReDoc, loading its script from this server and no web fonts."""
    return HTMLResponse(REDOC_PAGE)


@router.get(ASSETS_URL + "/{name}")
async def read_asset(name: str) -> Response:
    """One documentation asset: Swagger UI and ReDoc as the fastapi-offline package ships them, plus our start-up script."""
    return DOCS_ASSETS.response(name)
