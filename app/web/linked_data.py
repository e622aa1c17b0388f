"""The dataset as JSON-LD: schema.org and W3C ORG terms, with the context embedded so nothing is fetched."""

# Official text is tagged zh-Hans; this project's English translation is tagged en (and is editorial, as the dataset
# node says). Node identifiers are relative IRIs (`/v1/divisions/11`), resolved against wherever the document was
# retrieved from. Terms under `editorial:` are this project's additions, not official text.

from typing import Any

from app.data.store import Store
from app.schemas.public import DivisionPublic

JSONLD_MEDIA_TYPE = "application/ld+json"
ZH = "zh-Hans"
EDITORIAL_VOCABULARY = "urn:lnst-api:editorial:"
OWN_VOCABULARY = "urn:lnst-api:vocab:"  # official text that no standard term fits

CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "editorial": EDITORIAL_VOCABULARY,
    "lnst": OWN_VOCABULARY,
    "name": {"@id": "schema:name", "@language": ZH},
    "prefLabel": {"@id": "skos:prefLabel", "@language": ZH},
    "altLabel": {"@id": "skos:altLabel", "@language": ZH},
    "alternateName": {"@id": "schema:alternateName", "@language": ZH},
    "notation": "skos:notation",
    "purpose": {"@id": "org:purpose", "@language": ZH},
    "hasUnit": {"@id": "org:hasUnit", "@type": "@id"},
    "unitOf": {"@id": "org:unitOf", "@type": "@id"},
    "hasPost": {"@id": "org:hasPost", "@type": "@id"},
    "postIn": {"@id": "org:postIn", "@type": "@id"},
    "heldBy": {"@id": "org:heldBy", "@type": "@id"},
    "hasSite": {"@id": "org:hasSite", "@type": "@id"},
    "siteAddress": {"@id": "org:siteAddress", "@type": "@id"},
    "address": {"@id": "schema:address", "@type": "@id"},
    "streetAddress": {"@id": "schema:streetAddress", "@language": ZH},
    "addressLocality": {"@id": "schema:addressLocality", "@language": ZH},
    "addressRegion": {"@id": "schema:addressRegion", "@language": ZH},
    "description": {"@id": "dcterms:description", "@language": ZH},
    "valid": {"@id": "dcterms:valid", "@type": "xsd:date"},
    "source": "dcterms:source",
    "version": "schema:version",
    "isBasedOn": {"@id": "schema:isBasedOn", "@type": "@id"},
    "about": {"@id": "schema:about", "@type": "@id"},
    "dateModified": {"@id": "schema:dateModified", "@type": "xsd:dateTime"},
    "functionTransformation": {"@id": "lnst:functionTransformation", "@language": ZH},
    "englishName": {"@id": "editorial:englishName", "@language": "en"},
    "carriesDuty": {"@id": "editorial:carriesDuty", "@type": "@id"},
    "notice": "editorial:notice",
}
# The same properties in this project's English: `nameEn` is schema:name tagged en, and so on.
CONTEXT |= {
    f"{term}En": {"@id": CONTEXT[term]["@id"], "@language": "en"}
    for term in ("name", "prefLabel", "purpose", "functionTransformation")
}


DEPARTMENT = "/v1#department"


def export_jsonld(store: Store) -> dict[str, Any]:
    """The department, its units, duties, posts and address, and the dataset's provenance, as one JSON-LD document."""
    duties = [
        {
            "@id": duty.url,
            "@type": "skos:Concept",
            "notation": duty.label,
            "prefLabel": duty.text,
            "prefLabelEn": duty.editorial.text_en,
        }
        for duty in store.duties
    ]
    return {"@context": CONTEXT, "@graph": [_dataset(store), _regulation(store), _department(store), *duties]}


def _department(store: Store) -> dict[str, Any]:
    root = store.root
    return {
        "@id": DEPARTMENT,
        "@type": ["schema:GovernmentOrganization", "org:FormalOrganization"],
        "prefLabel": root.department.name,
        "name": root.department.name,
        "purpose": [duty.text for duty in store.duties],
        "purposeEn": [duty.editorial.text_en for duty in store.duties if duty.editorial.text_en],
        "hasUnit": [_division(division) for division in store.divisions],
        "hasPost": _posts(store),
        **_site(store),
        "functionTransformation": store.transformation.text if store.transformation else None,  # null: JSON-LD omits it
        "functionTransformationEn": store.transformation.editorial.text_en if store.transformation else None,
        "englishName": root.department.name_en,
        "nameEn": root.department.name_en,
    }


def _division(division: DivisionPublic) -> dict[str, Any]:
    return {
        "@id": division.url,
        "@type": "org:OrganizationalUnit",
        "unitOf": DEPARTMENT,
        "notation": division.label,
        "prefLabel": division.name,
        "name": division.name,
        "altLabel": [other.name for other in division.other_names],
        "alternateName": [other.name for other in division.other_names],
        "purpose": [item.text for item in division.mandate],
        "purposeEn": [item.editorial.text_en for item in division.mandate if item.editorial.text_en],
        "englishName": division.editorial.name_en,
        "nameEn": division.editorial.name_en,
        "carriesDuty": [duty.url for duty in division.editorial.duties],
    }


def _posts(store: Store) -> list[dict[str, Any]]:
    return [
        {
            "@id": f"/v1/leaders#post-{index}-{post_index}",
            "@type": "org:Post",
            "prefLabel": post,
            "postIn": DEPARTMENT,
            "heldBy": {"@type": "schema:Person", "name": leader.name},
        }
        for index, leader in enumerate(store.leaders, start=1)
        for post_index, post in enumerate(leader.posts, start=1)
    ]


def _site(store: Store) -> dict[str, Any]:
    """The office and its address, where the text prints one."""
    address = store.root.department.address
    if address is None:
        return {}
    postal = {
        "@id": "/v1#address",
        "@type": "schema:PostalAddress",
        "name": address.text,
        "addressRegion": address.province,
        "addressLocality": address.city,
        "streetAddress": "".join(part or "" for part in (address.district, address.subdistrict, address.street)) or None,
    }
    return {"hasSite": {"@id": "/v1#site", "@type": "org:Site", "siteAddress": postal}, "address": "/v1#address"}


def _regulation(store: Store) -> dict[str, Any]:
    regulation = store.root.regulation
    effective = regulation.effective_date if regulation else None
    facts = {"valid": effective.isoformat() if effective else None, "description": regulation.source if regulation else None}
    return {"@id": "/v1#regulation", "@type": "schema:Legislation", "about": DEPARTMENT, **facts}


def _dataset(store: Store) -> dict[str, Any]:
    dataset = store.root.dataset
    return {
        "@id": "/v1/export.jsonld",
        "@type": "schema:Dataset",
        "about": DEPARTMENT,
        "isBasedOn": "/v1#regulation",
        "source": dataset.source,
        "version": dataset.version,
        "dateModified": dataset.modified.isoformat(),
        "notice": dataset.editorial,
    }
