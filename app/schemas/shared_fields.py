"""The fields a table and its public shape hold alike, declared once with their descriptions."""

# SQLModel's pattern of a base shared by the table and the public model: app/data/tables.py and app/schemas/public.py
# build on these; a table restates a field only to say how it is stored (JSON, primary key), and
# tests/test_shared_fields.py holds every table column to a public field and back. The data file's shapes (source.py)
# stay apart: they validate each text as printed and have a JSON Schema of their own.

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

TRANSLATION = "以中文原文为准 / The Chinese is authoritative."  # said of each English field, under an editorial object
PrintedSentence = Annotated[str, Field(description="原文句 / The printed sentence.")]
OtherNameKind = Literal["bears_name", "merged_office"]
AgencyLevel = Literal["province", "city", "county"]
ProvisionKind = Literal["general", "adjustment", "duties", "divisions", "transformation", "staffing", "supplementary"]


class SectionFields(BaseModel):
    """A section of the regulation by its key, and its printed heading."""

    key: str = Field(description="章节键 / Section key.", examples=["duties"])
    heading: str = Field(description="原文标题 / The printed heading.", examples=["主要职责"])


class AddressFields(BaseModel):
    """The office address as printed, and its parts."""

    text: str = Field(description="地址原文 / As printed.", examples=["甲省丙市丁区戊街道己路1号"])
    province: str | None = Field(description="省 / Province.", examples=["甲省"])
    city: str | None = Field(description="市 / City.", examples=["丙市"])
    district: str | None = Field(description="区 / District.", examples=["丁区"])
    subdistrict: str | None = Field(description="街道 / Sub-district.", examples=["戊街道"])
    street: str | None = Field(description="街路门牌 / Street and number.", examples=["己路1号"])


class RegulationFields(BaseModel):
    """When the regulation is in force, and the sentence that says so."""

    effective_date: datetime.date | None = Field(description="施行日期 / In force from.", examples=["2019-06-10"])
    source: str | None = Field(description="原文句 / The printed sentence.", examples=["本规定自2019年6月10日起施行。"])


class InterpretationFields(BaseModel):
    """Who interprets the regulation and how it is amended."""

    authority: str = Field(description="解释机关 / The body that interprets it.", examples=["中共甲省委机构编制委员会办公室"])
    amendment_reviewed_by: str = Field(
        description="调整事宜审议机关 / Deliberates amendments.", examples=["中共甲省委机构编制委员会"]
    )
    amendment_approved_by: str = Field(description="调整事宜批准机关 / Approves amendments.", examples=["省委"])
    source: PrintedSentence


class RepealedFields(BaseModel):
    """The regulation this one repealed."""

    title: str = Field(description="被废止规定名称 / Title of the repealed regulation.")
    issued_date: datetime.date = Field(description="印发日期 / Date issued.", examples=["2018-11-04"])
    issued_by: list[str] = Field(description="印发机关 / Issued by.", examples=[["省委办公厅", "省政府办公厅"]])
    source: PrintedSentence


class OtherNameFields(BaseModel):
    """Another name a division bears, and the text that shows it."""

    name: str = Field(description="另一名称 / The other name as printed.", examples=["人事处"])
    kind: OtherNameKind = Field(
        description="关系：bears_name 加挂名称；merged_office 合署办公 / bears_name: the division also bears this name; "
        "merged_office: two offices work as one (合署办公).",
        examples=["merged_office"],
    )
    source: str = Field(description="依据原文 / The printed text that shows it.", examples=["机关党委办公室与人事处合署办公。"])


class LeaderFields(BaseModel):
    """A current leader as printed, with the as-of month of the list."""

    name: str = Field(description="姓名 / Name.", examples=["张某"])
    title: str = Field(description="职务全称（原文）/ Title as printed.", examples=["甲省乙厅党组书记、厅长"])
    posts: list[str] = Field(description="各项职务 / The posts the title lists.", examples=[["党组成员", "副厅长", "一级巡视员"]])
    source: str = Field(description="原文行 / The printed line.", examples=["张某:甲省乙厅党组书记、厅长"])
    as_of: str | None = Field(description="更新截止年月 / Month the list was last updated (YYYY-MM).", examples=["2024-06"])
    as_of_source: str | None = Field(description="原文行 / The printed as-of line.", examples=["更新截止2024年06月"])


class ProvisionFields(BaseModel):
    """A paragraph no other part holds, with the article or section it is printed under."""

    section: str = Field(description="所在条款或章节（原文）/ The article or section it is printed under.", examples=["第五条"])
    kind: ProvisionKind = Field(
        description="种类 / Its kind: staffing is 编制 and 领导职数, adjustment 职责调整.",
        examples=["staffing"],
    )
    text: str = Field(description="原文 / As printed.", examples=["甲省乙厅机关行政编制18名。"])


class AgencyFields(BaseModel):
    """Editorial: another agency, its English name and the level one goes to."""

    id: str = Field(description="标识 / Its id.", examples=["intellectual-property"])
    name: str = Field(description="标准名称 / Its standard name.", examples=["甲省知识产权局"])
    name_en: str = Field(description="英文名称 / Its English name.", examples=["Intellectual Property Administration"])
    level: AgencyLevel = Field(description="层级 / The level one goes to: province, city or county.", examples=["province"])
