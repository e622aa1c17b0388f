"""The bundled data serves the source text completely and verbatim, and invents none of it."""

import re
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.helpers import SOURCE_TEXT

HEADINGS = ["主要职责", "内设机构", "职能转变", "现任领导", "其他事项", "所获荣誉", "办公地址"]
PROSE_SECTIONS = {"主要职责", "内设机构", "职能转变", "其他事项", "所获荣誉"}
LABEL = re.compile(r"^\([一二三四五六七八九十]+\)")


def source_sections() -> dict[str, list[str]]:
    """The source's lines, grouped under the heading lines."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in SOURCE_TEXT.read_text(encoding="utf-8").split("\n"):
        if line in HEADINGS:
            current = line
            sections[current] = []
        else:
            assert current is not None, f"text before the first heading: {line!r}"
            sections[current].append(line)
    return sections


def paragraphs(lines: list[str]) -> list[str]:
    """Join each line that does not end a sentence with the next (the copy artefact)."""
    joined: list[str] = []
    pending = ""
    for line in lines:
        pending += line
        if pending.endswith("。"):
            joined.append(pending)
            pending = ""
    if pending:
        joined.append(pending)
    return joined


def source_sentences() -> Iterator[str]:
    """Every sentence of the source (each line, outside prose sections)."""
    for heading, lines in source_sections().items():
        if heading not in PROSE_SECTIONS:
            yield from lines
            continue
        for paragraph in paragraphs(lines):
            paragraph = LABEL.sub("", paragraph)
            yield from (part + "。" for part in paragraph.split("。") if part)


def strings_in(value: Any) -> Iterator[str]:
    """Every string anywhere in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


@pytest.fixture(scope="module")
def served(client: TestClient) -> list[str]:
    """Every string the API serves across its documents."""
    documents = [client.get(path).json() for path in ("/v1/export", "/v1/mandates")]
    return list(strings_in(documents))


def test_source_has_the_expected_sections() -> None:
    assert list(source_sections()) == HEADINGS


def test_every_source_line_is_served(served: list[str]) -> None:
    pieces = [LABEL.sub("", piece) for lines in source_sections().values() for line in lines for piece in line.split("。")]
    missing = [piece for piece in pieces if not any(piece in text for text in served)]
    assert missing == []


def test_every_source_sentence_is_served_verbatim(served: list[str]) -> None:
    sentences = list(source_sentences())
    assert len(sentences) >= 90
    missing = [s for s in sentences if not any(s.removesuffix("。") in text for text in served)]
    assert missing == []


def test_every_heading_is_served(client: TestClient) -> None:
    assert [section["heading"] for section in client.get("/v1").json()["sections"]] == HEADINGS


def test_each_duty_text_equals_the_source(client: TestClient) -> None:
    printed = paragraphs(source_sections()["主要职责"])
    served = [duty["label"] + duty["text"] for duty in client.get("/v1/duties").json()["items"]]
    assert served == printed


def test_each_division_reassembles_to_its_source_paragraph(client: TestClient) -> None:
    printed = [p for p in paragraphs(source_sections()["内设机构"]) if LABEL.match(p)]
    divisions = client.get("/v1/divisions").json()["items"]
    served = [d["label"] + d["heading"] + "。" + "".join(item["text"] for item in d["mandate"]) for d in divisions]
    assert served == printed


def test_served_official_text_is_all_in_the_source(client: TestClient) -> None:
    source = SOURCE_TEXT.read_text(encoding="utf-8").replace("\n", "")
    export = client.get("/v1/export").json()
    official = [export["transformation"]["text"], export["root"]["department"]["address"]["text"]]
    official += [duty["text"] for duty in export["duties"]]
    official += [item["text"] for division in export["divisions"] for item in division["mandate"]]
    official += [other["source"] for division in export["divisions"] for other in division["other_names"]]
    official += [leader["source"] for leader in export["leaders"]] + [leader["as_of_source"] for leader in export["leaders"]]
    official += [honour["source"] for honour in export["honours"]]
    regulation = export["root"]["regulation"]
    official += [regulation["source"], regulation["interpretation"]["source"], regulation["repeals"]["source"]]
    invented = [text for text in official if text not in source]
    assert invented == []
    assert len(official) >= 60


def test_no_served_text_keeps_a_line_break(served: list[str]) -> None:
    assert [s for s in served if "\n" in s] == []
