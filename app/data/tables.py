"""The SQLModel tables the validated data is loaded into; filled once at start-up, then read-only."""

# A table and its public shape share their fields' declarations (app/schemas/shared_fields.py) where the table holds
# them in the same order (the columns' order is what `lnst-api export --format sqlite` publishes); the others list their
# columns here. tests/test_shared_fields.py holds every column to a public field, or to the reason it has none.

from typing import Any

from sqlalchemy import JSON, Column, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.schemas.shared_fields import (
    AddressFields,
    InterpretationFields,
    LeaderFields,
    ProvisionFields,
    ProvisionKind,
    RegulationFields,
    RepealedFields,
)


class HeadingRow(SQLModel, table=True):
    """A printed section heading, by the key of its section."""

    __tablename__ = "heading"
    key: str = Field(primary_key=True)
    position: int
    heading: str


def json_list() -> Any:
    """A list column: SQLite has no array type, so the list is stored as JSON (a Column of its own for each table)."""
    return Field(sa_column=Column(JSON, nullable=False))


class OneRow(SQLModel):
    """Base of a table that holds one row; listed after the shared fields' base, so `id` is the first column."""

    id: int = Field(default=1, primary_key=True)


class PositionKey(SQLModel):
    """Base of a table keyed by printed order; listed after the shared fields' base, so `position` comes first."""

    position: int = Field(primary_key=True)


class DepartmentRow(OneRow, table=True):
    """The department (one row)."""

    __tablename__ = "department"
    name: str
    name_en: str | None = None


class AddressRow(AddressFields, OneRow, table=True):
    """The office address, as printed and in its parts (one row)."""

    __tablename__ = "address"


class RegulationRow(RegulationFields, OneRow, table=True):
    """The regulation's effective date and its sentence (one row)."""

    __tablename__ = "regulation"


class InterpretationRow(InterpretationFields, OneRow, table=True):
    """Who interprets the regulation and how it is amended (one row)."""

    __tablename__ = "interpretation"


class RepealedRow(RepealedFields, OneRow, table=True):
    """The regulation this one repealed (one row)."""

    __tablename__ = "repealed"
    issued_by: list[str] = json_list()


class DutyRow(SQLModel, table=True):
    """A numbered main duty."""

    __tablename__ = "duty"
    n: int = Field(primary_key=True)
    label: str
    text: str
    unassigned_reason: str | None = None


class DivisionRow(SQLModel, table=True):
    """An internal division."""

    __tablename__ = "division"
    n: int = Field(primary_key=True)
    id: str = Field(unique=True)
    label: str
    name: str = Field(unique=True)
    name_en: str | None = None


class OtherNameRow(SQLModel, table=True):
    """Another name a division bears."""

    __tablename__ = "other_name"
    name: str = Field(primary_key=True)
    division_n: int = Field(foreign_key="division.n", index=True)
    position: int
    kind: str
    source: str


class MandateItemRow(SQLModel, table=True):
    """One sentence of a division's mandate."""

    __tablename__ = "mandate_item"
    __table_args__ = (UniqueConstraint("division_n", "i"),)
    key: int | None = Field(default=None, primary_key=True)
    division_n: int = Field(foreign_key="division.n", index=True)
    i: int
    text: str


class ProvisionRow(ProvisionFields, PositionKey, table=True):
    """A paragraph of an article or section no other part holds, kept whole, in printed order."""

    __tablename__ = "provision"
    kind: ProvisionKind = Field(sa_type=String)  # SQLModel maps no Literal: stored as text


class DutyEvidenceRow(SQLModel, table=True):
    """Editorial: a mandate item that is evidence that its division carries a duty."""

    __tablename__ = "duty_evidence"
    duty_n: int = Field(foreign_key="duty.n", primary_key=True)
    mandate_key: int = Field(foreign_key="mandate_item.key", primary_key=True)
    position: int


class TransformationRow(OneRow, table=True):
    """The function transformation paragraph (one row)."""

    __tablename__ = "transformation"
    text: str


class LeaderRow(LeaderFields, PositionKey, table=True):
    """A current leader, with the as-of month of the list."""

    __tablename__ = "leader"
    posts: list[str] = json_list()


class HonourRow(SQLModel, table=True):
    """An honour, linked to its division where the recipient is a current division."""

    __tablename__ = "honour"
    n: int = Field(primary_key=True)
    date: str
    recipient: str
    division_n: int | None = Field(default=None, foreign_key="division.n")
    title: str
    awarded_by: str | None
    status: str
    source: str


class AbbreviationRow(SQLModel, table=True):
    """Editorial: an abbreviation that search expands."""

    __tablename__ = "abbreviation"
    short: str = Field(primary_key=True)
    position: int
    full: str
    expands_to: list[str] = json_list()


class TranslationRow(SQLModel, table=True):
    """Editorial: this project's English for one official text, by the text's place (`duty.7.text`)."""

    __tablename__ = "translation"
    key: str = Field(primary_key=True)
    text_en: str


class AgencyRow(SQLModel, table=True):
    """Editorial: another agency a matter outside the remit is referred to, with its English name and level."""

    __tablename__ = "agency"
    id: str = Field(primary_key=True)
    position: int
    name: str
    name_en: str
    level: str
    local_id: str | None = None  # the agency that handles it in a city (another row: the data file is checked for it)


class SubjectRow(SQLModel, table=True):
    """Editorial: a term of the subject index (with its role in a question), or of other agencies' matters."""

    __tablename__ = "subject"
    term: str = Field(primary_key=True)
    position: int
    en: list[str] = json_list()
    duties: list[int] = json_list()
    role: str = "matter"
    agency_id: str | None = Field(default=None, foreign_key="agency.id")  # for another agency's matter


class SubjectDivisionRow(SQLModel, table=True):
    """Editorial: a division responsible for a subject, in order."""

    __tablename__ = "subject_division"
    term: str = Field(foreign_key="subject.term", primary_key=True)
    division_n: int = Field(foreign_key="division.n", primary_key=True)
    position: int


class SubjectItemRow(SQLModel, table=True):
    """Editorial: a mandate item that makes a division responsible for a subject."""

    __tablename__ = "subject_item"
    term: str = Field(foreign_key="subject.term", primary_key=True)
    mandate_key: int = Field(foreign_key="mandate_item.key", primary_key=True)
    position: int
