"""Compare two data files part by part: duties, divisions and their items, leaders, dates, honours, address."""

import difflib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

from app.schemas.source import Division, SourceData

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference: what it is, where, the text before and after, and the API resource that shows it."""

    kind: Kind
    part: str
    where: str
    old: str | None
    new: str | None
    resource: str

    def marked(self) -> str | None:
        """The text difference inline: [-removed-]{+added+} (None unless both texts exist)."""
        if self.old is None or self.new is None:
            return None
        return marked(self.old, self.new)

    def as_json(self) -> dict[str, Any]:
        """The change as JSON values, with its inline difference."""
        return {**asdict(self), "diff": self.marked()}


def marked(old: str, new: str) -> str:
    """Two texts as one, character by character, deletions as [-…-] and insertions as {+…+}."""
    out = []
    for op, a, b, c, d in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(old[a:b])
            continue
        out.append(f"[-{old[a:b]}-]" if b > a else "")
        out.append(f"{{+{new[c:d]}+}}" if d > c else "")
    return "".join(out)


def _compare(part: str, where: str, old: str | None, new: str | None, resource: str) -> Iterator[Change]:
    if old == new:
        return
    kind: Kind = "added" if old is None else "removed" if new is None else "changed"
    yield Change(kind, part, where, old, new, resource)


def differences(old: SourceData, new: SourceData) -> list[Change]:
    """Every difference between two data files' official parts, in the order of the file, then the editorial section."""
    found = list(_department(old, new))
    found += _numbered("duties", {d.n: d.text for d in old.duties}, {d.n: d.text for d in new.duties})
    found += _divisions(old.divisions, new.divisions)
    found += _compare("transformation", "职能转变", _text(old.transformation), _text(new.transformation), "/v1/transformation")
    found += _leaders(old, new)
    found += _numbered("honours", {h.n: h.source for h in old.honours}, {h.n: h.source for h in new.honours})
    before = {k: f"{p.section} {p.text}" for k, p in enumerate(old.provisions, start=1)}
    after = {k: f"{p.section} {p.text}" for k, p in enumerate(new.provisions, start=1)}
    found += [replace(c, resource="/v1") for c in _numbered("provisions", before, after)]
    if old.editorial != new.editorial:
        found.append(Change("changed", "editorial", "editorial", None, None, "/v1"))
    return found


def _text(part: Any) -> str | None:
    return None if part is None else str(part.text)


def _department(old: SourceData, new: SourceData) -> Iterator[Change]:
    yield from _compare("department", "name", old.department.name, new.department.name, "/v1")
    yield from _compare("department", "address", _text(old.department.address), _text(new.department.address), "/v1")
    before, after = _regulation(old), _regulation(new)
    for key in dict.fromkeys([*before, *after]):
        yield from _compare("regulation", key, before.get(key), after.get(key), "/v1")


def _regulation(data: SourceData) -> dict[str, str]:
    regulation = data.regulation
    if regulation is None:
        return {}
    sources = {"effective_date": regulation.source}
    sources |= {"interpretation": regulation.interpretation.source} if regulation.interpretation else {}
    sources |= {"repeals": regulation.repeals.source} if regulation.repeals else {}
    return {key: value for key, value in sources.items() if value is not None}


def _numbered(part: str, old: dict[int, str], new: dict[int, str]) -> Iterator[Change]:
    for n in sorted(old.keys() | new.keys()):
        yield from _compare(part, str(n), old.get(n), new.get(n), f"/v1/{part}/{n}" if part == "duties" else f"/v1/{part}")


def _divisions(old: list[Division], new: list[Division]) -> Iterator[Change]:
    before, after = {d.id: d for d in old}, {d.id: d for d in new}
    for division_id in dict.fromkeys([*before, *after]):
        was, now = before.get(division_id), after.get(division_id)
        resource = f"/v1/divisions/{division_id}"
        yield from _compare("divisions", division_id, _heading(was), _heading(now), resource)
        items_before = was.mandate if was else []
        items_after = now.mandate if now else []
        for i in range(1, max(len(items_before), len(items_after)) + 1):
            old_item = items_before[i - 1] if i <= len(items_before) else None
            new_item = items_after[i - 1] if i <= len(items_after) else None
            yield from _compare("mandates", f"{division_id}.{i}", old_item, new_item, resource)


def _heading(division: Division | None) -> str | None:
    if division is None:
        return None
    return f"{division.label}{division.name}" + "".join(f"({o.name})" for o in division.other_names)


def _leaders(old: SourceData, new: SourceData) -> Iterator[Change]:
    before = {p.name: p.source for p in old.leaders.people} if old.leaders else {}
    after = {p.name: p.source for p in new.leaders.people} if new.leaders else {}
    for name in dict.fromkeys([*before, *after]):
        yield from _compare("leaders", name, before.get(name), after.get(name), "/v1/leaders")
    was, now = (data.leaders.as_of_source if data.leaders else None for data in (old, new))
    yield from _compare("leaders", "as_of", was, now, "/v1/leaders")
