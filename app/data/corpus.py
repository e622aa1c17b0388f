"""The texts search answers from: every served text, Chinese and English, and the editorial subject terms."""

from collections.abc import Iterator

from app.schemas.public import DivisionPublic, DutyPublic, HonourPublic, SubjectPublic, TransformationPublic
from app.search import NAME_WEIGHT, Document, Subject


def documents(
    duties: list[DutyPublic],
    divisions: list[DivisionPublic],
    transformation: TransformationPublic | None,
    honours: list[HonourPublic],
    subjects: list[SubjectPublic],
) -> Iterator[Document]:
    """Every piece of served text, and every subject term, as a search document."""
    for duty in duties:
        yield Document.of("duty", str(duty.n), "text", duty.text)
        if duty.editorial.text_en:
            yield Document.of("duty", str(duty.n), "editorial.text_en", duty.editorial.text_en)
    for division in divisions:
        yield from _division(division)
    if transformation is not None:
        yield from _transformation(transformation)
    for honour in honours:
        n = honour.division.n if honour.division else None
        yield Document.of("honour", str(honour.n), "source", honour.source, n)
        if honour.editorial.source_en:
            yield Document.of("honour", str(honour.n), "editorial.source_en", honour.editorial.source_en, n)
    for subject in subjects:
        yield from _subject(subject)


def _transformation(transformation: TransformationPublic) -> Iterator[Document]:
    for k, sentence in enumerate(transformation.sentences):
        yield Document.of("transformation", str(k + 1), f"sentences.{k}", sentence)
    for k, sentence in enumerate(transformation.editorial.sentences_en):
        yield Document.of("transformation", str(k + 1), f"editorial.sentences_en.{k}", sentence)


def _division(division: DivisionPublic) -> Iterator[Document]:
    n, ref = division.n, division.id
    yield Document.of("division", ref, "name", division.name, n, "name", NAME_WEIGHT)
    for k, other in enumerate(division.other_names):
        place = f"other_names.{k}.name"
        yield Document.of("division", ref, place, other.name, n, place, NAME_WEIGHT)
    if division.editorial.name_en:
        yield Document.of("division", ref, "editorial.name_en", division.editorial.name_en, n, "editorial.name_en")
    for k, item in enumerate(division.mandate):
        yield Document.of("mandate", item.id, "text", item.text, n, f"mandate.{k}.text")
        if item.editorial.text_en:
            place = f"mandate.{k}.editorial.text_en"
            yield Document.of("mandate", item.id, "editorial.text_en", item.editorial.text_en, n, place)


def _subject(subject: SubjectPublic) -> Iterator[Document]:
    if subject.agency is not None:
        kind, label = "outside", subject.agency
    else:
        kind = "subject"
        label = " / ".join(division.name for division in subject.divisions) + f" (item {', '.join(subject.items)})"
    numbers = tuple(division.n for division in subject.divisions)
    english = f" “{subject.en[0]}”" if subject.en else ""
    label = f"{subject.term}{english} → {label}"
    cited = Subject(subject.term, tuple(subject.items), tuple(subject.duties), subject.agency, label, subject.role)
    yield Document.of(kind, subject.term, "term", subject.term, divisions=numbers, subject=cited)
    for j, term in enumerate(subject.en):
        yield Document.of(kind, subject.term, f"en.{j}", term, divisions=numbers, subject=cited)
