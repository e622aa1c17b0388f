"""The change log consumers poll: the dataset's versions as JSON and as an Atom feed."""

import datetime
from xml.etree import ElementTree

from fastapi import APIRouter
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import StoreDep
from app.routers.operations import ATOM_MEDIA_TYPE, atom_operation, operation
from app.routers.responses import json_response
from app.schemas.public import ChangesPublic

router = APIRouter(prefix="/v1", tags=["changes"])
ATOM = "http://www.w3.org/2005/Atom"


@router.get("/changes", **operation(ChangesPublic, "数据版本与变更 / The dataset's versions", "/v1/changes"))
async def list_changes(store: StoreDep) -> Response:
    """List the dataset's versions, newest first: date, version, a summary and the URLs of the resources that changed."""
    return json_response(store.changes)


@router.get("/changes.atom", **atom_operation("数据变更订阅（Atom）/ The dataset's versions as an Atom feed", "/v1/changes.atom"))
async def get_changes_atom(store: StoreDep) -> Response:
    """The dataset's versions as an Atom 1.0 feed, an entry a version, linking the resources that changed."""
    return Response(atom_feed(store), media_type=ATOM_MEDIA_TYPE)


def atom_feed(store: Store) -> bytes:
    """The feed: links are relative to the feed's own URL; ids are URNs of the versions."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", "urn:lnst-api:changes")
    _text(feed, "title", f"{store.root.department.name} · 数据变更 / changes")
    _text(feed, "updated", store.changes.modified.isoformat())
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href="/v1/changes.atom", type=ATOM_MEDIA_TYPE)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href="/v1/changes", type="application/json")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "lnst-api")
    for change in store.changes.items:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"urn:lnst-api:version:{change.version}")
        _text(entry, "title", f"{change.date.isoformat()} {change.summary}")
        _text(entry, "updated", datetime.datetime.combine(change.date, datetime.time(), datetime.UTC).isoformat())
        _text(entry, "summary", f"version {change.version}: {change.summary}")
        for url in change.resources:
            ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="related", href=url)
    body: bytes = ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def _text(parent: ElementTree.Element, tag: str, text: str) -> None:
    ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}").text = text
