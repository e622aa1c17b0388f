"""Carry the editorial layer of an earlier data file over a new import: keep what cites unchanged text, list the rest."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.schemas.source import SourceData

KNOWN = {
    "department_name_en",
    "division_names_en",
    "duty_links",
    "subjects",
    "outside_remit",
    "subject_roles",
    "abbreviations",
    "ask_examples",
    "english",
}


@dataclass(frozen=True)
class Review:
    """An editorial entry left out because the official text it cites changed or disappeared."""

    entry: str
    cited: list[str]


def official_texts(data: SourceData) -> dict[str, str]:
    """Every official text a cite can name, by its place: department, duty.N, division.ID, item.ID.I, …"""
    texts = {"department": data.department.name}
    texts |= {f"duty.{d.n}": d.text for d in data.duties}
    for division in data.divisions:
        texts[f"division.{division.id}"] = division.name + "".join(f"({o.name})" for o in division.other_names)
        texts |= {f"item.{division.id}.{i}": text for i, text in enumerate(division.mandate, start=1)}
    whole = data.model_dump(mode="json", exclude={"editorial", "dataset"})
    texts |= {f"part.{key}": repr(value) for key, value in whole.items() if key not in ("duties", "divisions")}
    return texts


def carry_ids(new: dict[str, Any], old: SourceData) -> None:
    """Give each imported division the id its name had in the earlier file, and point honours at the new ids."""
    by_name = {d.name: d.id for d in old.divisions}
    renamed = {}
    for division in new.get("divisions", []):
        if division["name"] in by_name:
            renamed[division["id"]] = division["id"] = by_name[division["name"]]
    for honour in new.get("honours", []):
        honour["division"] = renamed.get(honour["division"], honour["division"])


def carry_editorial(new: SourceData, old: SourceData, old_raw: dict[str, Any]) -> tuple[dict[str, Any], list[Review]]:
    """The earlier editorial section's entries whose cited text is unchanged, and the others for review."""
    before, after = official_texts(old), official_texts(new)
    whole = "".join(after.values())
    kept: dict[str, Any] = {}
    reviews: list[Review] = []
    for key, value, cited in _entries(old, old_raw.get("editorial", {})):
        changed = [place for place in cited if _changed(place, before, after, whole)]
        if changed:
            reviews.append(Review(key if isinstance(key, str) else f"{key[0]}.{key[1]}", changed))
        elif isinstance(key, str):
            kept[key] = value
        else:
            kept.setdefault(key[0], {} if isinstance(value, tuple) else [])
            _add(kept[key[0]], value)
    reviews += _roles_of_kept_terms(kept)
    return kept, reviews


def _roles_of_kept_terms(kept: dict[str, Any]) -> list[Review]:
    """Keep a term's role only while the term is kept (a subject left out for review takes its role with it)."""
    terms = kept.get("subjects", {}).keys() | kept.get("outside_remit", {}).keys()
    reviews = []
    for role, listed in kept.get("subject_roles", {}).items():
        kept["subject_roles"][role] = [term for term in listed if term in terms]
        reviews += [Review(f"subject_roles.{role}.{term}", [f"subjects.{term}"]) for term in listed if term not in terms]
    return reviews


def _changed(place: str, before: dict[str, str], after: dict[str, str], whole: str) -> bool:
    if place.startswith("words:"):  # an abbreviation needs one of its words somewhere in the official text
        return not any(word in whole for word in place.removeprefix("words:").split("|"))
    return before.get(place) != after.get(place)


def _add(container: dict[str, Any] | list[Any], value: Any) -> None:
    if isinstance(container, dict):
        container[value[0]] = value[1]
    else:
        container.append(value)


def _entries(old: SourceData, raw: dict[str, Any]) -> Iterator[tuple[str | tuple[str, str], Any, list[str]]]:
    """(entry, raw value, the places it cites) for every editorial entry."""
    editorial = old.editorial
    if "department_name_en" in raw:
        yield "department_name_en", raw["department_name_en"], ["department"]
    for division_id, name in raw.get("division_names_en", {}).items():
        yield ("division_names_en", division_id), (division_id, name), [f"division.{division_id}"]
    for link, link_raw in zip(editorial.duty_links, raw.get("duty_links", []), strict=True):
        cited = [f"duty.{link.duty}"] + [f"item.{e.division}.{i}" for e in link.evidence for i in e.items]
        yield ("duty_links", f"duty {link.duty}"), link_raw, cited
    for term, subject in editorial.subjects.items():
        cited = [f"item.{item}" for item in subject.items] + [f"duty.{n}" for n in subject.duties]
        yield ("subjects", term), (term, raw["subjects"][term]), cited
    for term, value in raw.get("outside_remit", {}).items():
        yield ("outside_remit", term), (term, value), []
    for abbreviation in raw.get("abbreviations", []):
        yield ("abbreviations", abbreviation["short"]), abbreviation, ["words:" + "|".join(abbreviation["expands_to"])]
    if "subject_roles" in raw:  # terms' roles: kept with the terms they name (see _roles_of_kept_terms)
        yield "subject_roles", {role: list(terms) for role, terms in raw["subject_roles"].items()}, []
    if "ask_examples" in raw:  # questions in the public's words: they cite no official text
        yield "ask_examples", raw["ask_examples"], []
    if "english" in raw:
        yield "english", raw["english"], sorted(official_texts(old))
    for key in raw.keys() - KNOWN:  # a kind of entry this importer does not know: kept as it is, for review by eye
        yield key, raw[key], []


def carried_dataset(new: SourceData, old: SourceData, old_raw: dict[str, Any]) -> dict[str, Any] | None:
    """The earlier `dataset` facts; dated today when the official text changed."""
    if "dataset" not in old_raw:
        return None
    if official_texts(new) == official_texts(old):
        return dict(old_raw["dataset"])
    made_from = new.dataset.source if new.dataset else None
    return {**old_raw["dataset"], "modified": datetime.datetime.now(datetime.UTC).date(), "source": made_from}
