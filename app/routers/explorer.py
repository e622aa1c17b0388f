"""The explorer: a page for people at /, in Chinese or English, whose every asset is served from app/explorer/."""

from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from app.routers.assets import Assets

router = APIRouter(include_in_schema=False)

ASSETS_URL = "/explorer"
# Stricter than the docs pages' policy: no inline style either, and forms submit only here.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
ASSETS = (
    "explorer.css",
    "favicon.svg",
    "main.js",
    "api.js",
    "types.js",
    "i18n.js",
    "dom.js",
    "router.js",
    "ask.js",
    "chart.js",
    "card.js",
    "matrix.js",
    "facts.js",
    "reasons.js",
    "referral.js",
)
EXPLORER_ASSETS = Assets(lambda name: files("app").joinpath("explorer", name), ASSETS, MEDIA_TYPES)


@router.get("/")
async def read_explorer() -> HTMLResponse:
    """The explorer page: ask who is responsible, see the organisation (its scripts read ?q=, ?division=, ?lang=)."""
    return HTMLResponse(EXPLORER_ASSETS.read("index.html"), headers={"Content-Security-Policy": CSP})


@router.get(ASSETS_URL + "/{name}")
async def read_explorer_asset(name: str) -> Response:
    """One explorer asset, by name from an allow-list."""
    return EXPLORER_ASSETS.response(name)
