"""Print a list of changes for people (text) or programs (JSON)."""

import json
from collections import Counter
from typing import Any

from app.changes.diff import Change

SIGNS = {"added": "+", "removed": "-"}


def summary(changes: list[Change]) -> str:
    """One line: how many changes of each kind."""
    counts = Counter(change.kind for change in changes)
    kinds = ", ".join(f"{counts[kind]} {kind}" for kind in ("added", "removed", "changed") if counts[kind])
    return f"{len(changes)} change(s): {kinds}" if changes else "no changes"


def as_text(old: str, new: str, changes: list[Change]) -> str:
    """A heading per change, then its text: the inline difference, or the whole text added or removed."""
    lines = [f"--- {old}", f"+++ {new}"]
    for change in changes:
        lines.append(f"{change.kind} {change.part} {change.where} ({change.resource})")
        text = change.marked() or change.new or change.old
        if text is not None:
            lines.append(f"  {SIGNS.get(change.kind, '')}{text}")
    lines.append(summary(changes))
    return "\n".join(lines) + "\n"


def as_json(old: str, new: str, changes: list[Change]) -> str:
    """The changes as one JSON document."""
    document: dict[str, Any] = {
        "old": old,
        "new": new,
        "equal": not changes,
        "summary": summary(changes),
        "changes": [change.as_json() for change in changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
