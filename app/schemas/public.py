"""Response shapes: what clients see. Every field is described in Chinese and English."""

import datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, computed_field

from app.schemas.shared_fields import (
    TRANSLATION,
    AddressFields,
    AgencyFields,
    InterpretationFields,
    LeaderFields,
    OtherNameFields,
    PrintedSentence,
    ProvisionFields,
    RegulationFields,
    RepealedFields,
    SectionFields,
)

Item = TypeVar("Item")

EDITORIAL = "编辑性内容，非官方原文 / Editorial: this project's reading, not official text."
SentenceInEnglish = Annotated[str | None, Field(description=f"原文句英文 / The sentence in English. {TRANSLATION}")]
SECTION_URLS = {
    "duties": "/v1/duties",
    "divisions": "/v1/divisions",
    "transformation": "/v1/transformation",
    "leaders": "/v1/leaders",
    "regulation": "/v1",
    "honours": "/v1/honours",
    "address": "/v1",
}
COLLECTION_URLS = {
    "duties": "/v1/duties",
    "divisions": "/v1/divisions",
    "mandates": "/v1/mandates",
    "transformation": "/v1/transformation",
    "leaders": "/v1/leaders",
    "honours": "/v1/honours",
    "export": "/v1/export",
    "search": "/v1/search",
    "matrix": "/v1/matrix",
    "abbreviations": "/v1/abbreviations",
    "subjects": "/v1/subjects",
    "changes": "/v1/changes",
}


PartKey = Literal["address", "regulation", "transformation", "leaders", "honours"]
PARTS: tuple[PartKey, ...] = ("address", "regulation", "transformation", "leaders", "honours")


class Public(BaseModel):
    """Base of every response shape: closed in the schema, so generated clients tell a shape from its extensions."""

    # additionalProperties: false tells DivisionPublic from DivisionHit. Only this API builds these shapes, so
    # validation stays lenient: app/data/public_shapes.py builds one shape from another's model_dump(), computed fields included.
    model_config = ConfigDict(frozen=True, json_schema_extra={"additionalProperties": False})


class TextEditorial(Public):
    """Editorial: this project's English for one official text."""

    text_en: str | None = Field(description=f"英文（编辑性）/ English. {TRANSLATION}")


class Page(Public, Generic[Item]):
    """The one envelope every list shares."""

    items: list[Item] = Field(description="本页条目 / The items of this page, in order.")
    total: int = Field(description="符合条件的条目总数 / How many items match in all, across pages.", examples=[16])

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """The envelope's schema name, as generated clients name it: DivisionPage, DivisionHitPage, SearchHitPage …"""
        return "".join(getattr(param, "__name__", "Item").removesuffix("Public") for param in params) + "Page"


class AgencyPublic(AgencyFields, Public):
    """Editorial: another agency, as the department's own government names it."""


class Numbered(Public):
    """Something this API serves at its collection's path and its number."""

    collection: ClassVar[str]
    n: int

    @computed_field(description="API路径 / Its path in this API.", examples=["/v1/divisions/11"])  # type: ignore[prop-decorator]
    @property
    def url(self) -> str:
        """Its path in this API."""
        return f"{self.collection}/{self.n}"


class DivisionRef(Numbered):
    """A short reference to a division."""

    collection = "/v1/divisions"
    n: int = Field(description="处室序号 / The division's number as printed (1-14).", examples=[11])
    id: str = Field(description="稳定的英文标识 / Stable ASCII id (editorial slug).", examples=["enterprise-services"])
    name: str = Field(description="处室名称（原文）/ The division's name as printed.", examples=["综合处"])


class MandateItemPublic(Public):
    """One sentence of a division's mandate, verbatim."""

    id: str = Field(description="职责条目标识 / Stable id: division id and item number.", examples=["enterprise-services.2"])
    i: int = Field(description="处内条目序号，从1起 / The item's number within its division, from 1.", examples=[2])
    text: str = Field(
        description="条目原文 / The sentence as printed.", examples=["负责组织实施高新技术企业培育、认定与管理工作。"]
    )
    editorial: "TextEditorial" = Field(description=EDITORIAL)


class DutyDivision(DivisionRef):
    """Editorial: a division that carries a duty, with the mandate items that show it."""

    evidence: list[MandateItemPublic] = Field(description="依据的职责条目 / The division's mandate items that are the evidence.")


class DutyEditorial(Public):
    """Editorial additions to a duty."""

    divisions: list[DutyDivision] = Field(description="承担该职责的处室（编辑性）/ Divisions that carry this duty (editorial).")
    unassigned_reason: str | None = Field(description="无对应处室的原因 / Why no division is linked, where none is.")
    text_en: str | None = Field(description=f"职责英文（编辑性）/ The duty in English. {TRANSLATION}")
    notice: str = Field(default=EDITORIAL, description="编辑性声明 / What editorial means here.")


class DutyRef(Numbered):
    """A short reference to a main duty."""

    collection = "/v1/duties"
    n: int = Field(description="职责序号 / The duty's number (1-16).", examples=[7])
    label: str = Field(description="原文编号 / The printed label.", examples=["(七)"])


class DutyPublic(DutyRef):
    """One numbered main duty (主要职责)."""

    text: str = Field(description="职责原文 / The duty's text as printed.", examples=["牵头省技术转移体系建设,……"])
    editorial: DutyEditorial = Field(description=EDITORIAL)


class OtherNamePublic(OtherNameFields, Public):
    """Another name a division bears."""

    editorial: "OtherNameEditorial" = Field(description=EDITORIAL)


class OtherNameEditorial(Public):
    """Editorial: another name and its evidence in English."""

    name_en: str | None = Field(description=f"名称英文 / The name in English. {TRANSLATION}")
    source_en: str | None = Field(description=f"依据英文 / The evidence in English. {TRANSLATION}")


class DivisionDuty(DutyRef):
    """Editorial: a duty a division carries, with the item numbers that show it."""

    evidence: list[int] = Field(
        description="本处依据条目序号 / This division's mandate item numbers that show it.", examples=[[1, 2]]
    )


class DivisionEditorial(Public):
    """Editorial additions to a division."""

    name_en: str | None = Field(
        description="英文名称（编辑性），尚无则为null / English working name (editorial); null until one is given.",
        examples=["General Office"],
    )
    duties: list[DivisionDuty] = Field(description="该处室承担的职责（编辑性）/ Duties this division carries (editorial).")
    notice: str = Field(default=EDITORIAL, description="编辑性声明 / What editorial means here.")


class DivisionPublic(DivisionRef):
    """One internal division (内设机构) with its mandate."""

    label: str = Field(description="原文编号 / The printed label.", examples=["(十一)"])
    heading: str = Field(description="原文标题（含另一名称）/ The heading as printed, other names included.", examples=["综合处"])
    other_names: list[OtherNamePublic] = Field(description="其他名称 / Other names the division bears.")
    mandate: list[MandateItemPublic] = Field(description="职责条目，每句一条 / The mandate, one item per sentence, in order.")
    editorial: DivisionEditorial = Field(description=EDITORIAL)


class MandatePublic(MandateItemPublic):
    """One mandate item together with its division."""

    division: DivisionRef = Field(description="所属处室 / The division whose mandate this is.")


class TransformationPublic(Public):
    """The function transformation (职能转变)."""

    heading: str = Field(description="原文标题 / The printed heading.", examples=["职能转变"])
    text: str = Field(description="全文 / The paragraph as printed.")
    sentences: list[str] = Field(description="逐句 / The paragraph split after each 。, in order.")
    editorial: "TransformationEditorial" = Field(description=EDITORIAL)


class TransformationEditorial(Public):
    """Editorial: the function transformation in English."""

    heading_en: str | None = Field(description=f"标题英文 / The heading in English. {TRANSLATION}")
    text_en: str | None = Field(description=f"全文英文 / The paragraph in English. {TRANSLATION}")
    sentences_en: list[str] = Field(description=f"逐句英文 / Each sentence in English, in order. {TRANSLATION}")


class LeaderPublic(LeaderFields, Public):
    """One current leader."""

    editorial: "LeaderEditorial" = Field(description=EDITORIAL)


class LeaderEditorial(Public):
    """Editorial: a leader's line in English."""

    name_en: str | None = Field(description=f"姓名英文 / The name in English. {TRANSLATION}", examples=["Zhang Mou"])
    title_en: str | None = Field(description=f"职务英文 / The title in English. {TRANSLATION}")
    posts_en: list[str] = Field(description=f"各项职务英文 / Each post in English. {TRANSLATION}")
    source_en: str | None = Field(description=f"原文行英文 / The printed line in English. {TRANSLATION}")
    as_of_en: str | None = Field(description=f"更新截止英文 / The as-of line in English. {TRANSLATION}")


class HonourPublic(Public):
    """One honour, with its status exactly as the source words it."""

    n: int = Field(description="序号 / Number, in printed order.", examples=[1])
    date: str = Field(description="年月 / Year and month (YYYY-MM).", examples=["2021-12"])
    recipient: str = Field(description="获得者（原文）/ Recipient as printed.", examples=["甲省乙厅综合处"])
    division: DivisionRef | None = Field(
        description="对应的现有处室，否则为null / The current division that received it, else null."
    )
    title: str = Field(description="荣誉名称 / The honour's title.", examples=["先进集体"])
    awarded_by: str | None = Field(
        description="授予机构；原文未载时为null / The awarding body; null where the source names none."
    )
    status: str = Field(
        description="原文所述状态（拟议，非正式授予）/ Status as worded: 拟表彰, 拟被推荐 are proposals, not awards.",
        examples=["拟表彰"],
    )
    source: PrintedSentence
    editorial: "HonourEditorial" = Field(description=EDITORIAL)


class HonourEditorial(Public):
    """Editorial: an honour in English; a proposal stays a proposal."""

    recipient_en: str | None = Field(description=f"获得者英文 / The recipient in English. {TRANSLATION}")
    title_en: str | None = Field(description=f"荣誉名称英文 / The honour's title in English. {TRANSLATION}")
    awarded_by_en: str | None = Field(description=f"授予机构英文 / The awarding body in English. {TRANSLATION}")
    status_en: str | None = Field(
        description=f"状态英文 / The status in English. {TRANSLATION}", examples=["proposed for commendation"]
    )
    source_en: SentenceInEnglish


class AddressPublic(AddressFields, Public):
    """The office address (办公地址); a part it does not print is null."""

    editorial: TextEditorial = Field(description=EDITORIAL)


class DepartmentPublic(Public):
    """The department."""

    name: str = Field(description="名称 / Name.", examples=["甲省乙厅"])
    address: AddressPublic | None = Field(description="办公地址（原文未载则为null）/ Office address (null if not printed).")
    name_en: str | None = Field(description="英文名称（编辑性），尚无则为null / English name (editorial); null until given.")


class InterpretationPublic(InterpretationFields, Public):
    """Who interprets the regulation and how it is amended."""

    editorial: "InterpretationEditorial" = Field(description=EDITORIAL)


class InterpretationEditorial(Public):
    """Editorial: the interpretation sentence and its bodies in English."""

    authority_en: str | None = Field(description=f"解释机关英文 / The interpreting body in English. {TRANSLATION}")
    amendment_reviewed_by_en: str | None = Field(description=f"审议机关英文 / Deliberates amendments, in English. {TRANSLATION}")
    amendment_approved_by_en: str | None = Field(description=f"批准机关英文 / Approves amendments, in English. {TRANSLATION}")
    source_en: SentenceInEnglish


class RepealedPublic(RepealedFields, Public):
    """The regulation this one repealed."""

    editorial: "RepealedEditorial" = Field(description=EDITORIAL)


class RepealedEditorial(Public):
    """Editorial: the repealed regulation in English."""

    title_en: str | None = Field(description=f"名称英文 / The title in English. {TRANSLATION}")
    issued_by_en: list[str] = Field(description=f"印发机关英文 / The issuing bodies in English. {TRANSLATION}")
    source_en: SentenceInEnglish


class RegulationPublic(RegulationFields, Public):
    """The regulation's dates and authority (其他事项); a fact the text does not print is null."""

    interpretation: InterpretationPublic | None = Field(description="解释与调整 / Interpretation and amendment.")
    repeals: RepealedPublic | None = Field(description="同时废止的规定 / The regulation repealed at the same time.")
    editorial: TextEditorial = Field(description=EDITORIAL)


class DatasetPublic(Public):
    """Provenance of the served data."""

    version: str = Field(
        description="数据版本（数据文件内容哈希）/ Dataset version: a hash of the data file's content.",
        examples=["40160c223ab57c12"],
    )
    source: str | None = Field(
        description="原始来源文件（数据文件中声明）/ The text the data was made from, as the data file names it.",
        examples=["data/source/000_d93237738c31802a.txt"],
    )
    modified: datetime.datetime = Field(
        description="数据最后编辑时间（数据文件中声明，否则为文件修改时间）/ When the data was last edited: "
        "as the data file declares it, else the file's modification time."
    )
    editorial: str = Field(
        description="编辑性内容说明 / Which parts are editorial.",
        examples=["Fields under 'editorial' and every 'id' slug are this project's additions."],
    )


class SectionPublic(SectionFields, Public):
    """A section of the regulation and where this API serves it."""

    editorial: TextEditorial = Field(description=EDITORIAL)

    @computed_field(description="API路径 / Where this API serves it.", examples=["/v1/duties"])  # type: ignore[prop-decorator]
    @property
    def url(self) -> str:
        """Where this API serves the section."""
        return SECTION_URLS[self.key]


class ProvisionPublic(ProvisionFields, Public):
    """A paragraph of an article or section that no other part holds (regulation layouts: purpose, status, staffing …)."""


class RootPublic(Public):
    """The department, the regulation's facts and a map of the API."""

    department: DepartmentPublic = Field(description="部门 / The department.")
    regulation: RegulationPublic | None = Field(
        description="规定的日期与解释（原文未载则为null）/ The regulation's dates and authority (null if not printed)."
    )
    dataset: DatasetPublic = Field(description="数据来源 / Provenance.")
    counts: dict[str, int] = Field(description="各集合条目数 / How many items each collection holds.", examples=[{"duties": 16}])
    sections: list[SectionPublic] = Field(description="原文各章节 / The source's sections.")
    provisions: list[ProvisionPublic] = Field(
        description="其余条款，原文照录 / The text's other articles and sections, kept whole, in order."
    )
    ask_examples: list[str] = Field(
        description="可试的提问（编辑性）/ Questions to try, each answered by search (editorial).", examples=[["科研诚信"]]
    )
    absent: list[PartKey] = Field(
        description="原文未载的部分，不补写 / Parts the text does not print: never filled in (empty lists; 404 for one).",
        examples=[["leaders", "honours"]],
    )

    @computed_field(description="各集合的URL / The URL of every collection.", examples=[{"duties": "/v1/duties"}])  # type: ignore[prop-decorator]
    @property
    def links(self) -> dict[str, str]:
        """The URL of every collection that has something to serve."""
        return {key: url for key, url in COLLECTION_URLS.items() if key not in self.absent}


class ExportPublic(Public):
    """The whole validated dataset in one document."""

    root: RootPublic = Field(description="部门与规定 / As GET /v1.")
    duties: list[DutyPublic] = Field(description="主要职责 / Main duties.")
    divisions: list[DivisionPublic] = Field(description="内设机构 / Internal divisions.")
    transformation: TransformationPublic | None = Field(description="职能转变（原文未载则为null）/ Function transformation.")
    leaders: list[LeaderPublic] = Field(description="现任领导 / Current leadership.")
    honours: list[HonourPublic] = Field(description="所获荣誉 / Honours.")


class LinkedDataPublic(Public):
    """The dataset as JSON-LD: schema.org and W3C ORG terms, the context embedded, node ids relative to this API."""

    context: dict[str, Any] = Field(
        alias="@context",
        description="JSON-LD上下文（内嵌，无需联网）/ The JSON-LD context, embedded: expanding it fetches nothing.",
    )
    graph: list[dict[str, Any]] = Field(
        alias="@graph",
        description="节点：数据集、规定、部门（含处室、职务、地址）、各项职责 / The nodes: the dataset, the regulation, the "
        "department (with its divisions, posts and address) and the duties.",
    )


class Span(Public):
    """A matched stretch of text, as character offsets into the returned text."""

    start: int = Field(description="起始字符偏移（含）/ First character, counted from 0.", examples=[21])
    end: int = Field(description="结束字符偏移（不含）/ One past the last character.", examples=[27])


class Match(Public):
    """One field of a result that answers the query, with what matched in it."""

    field: str = Field(description="字段 / The field of the item that matched.", examples=["mandate.1"])
    text: str = Field(description="字段原文 / That field's text, as served.", examples=["负责文电、会务和后勤工作,……"])
    spans: list[Span] = Field(description="匹配片段 / The matched stretches, for highlighting.")


class ReferralPublic(Public):
    """Editorial: the query names another agency's matter: the agency, the matter, the evidence."""

    agency: AgencyPublic = Field(
        description="主管机构 / The agency the matter belongs to: where the query names a city or county of the province, the"
        " one that handles it there, named for the place."
    )
    place: str | None = Field(
        default=None,
        description="地点 / The city of the province the query names, for which the agency is given; else null.",
        examples=["大连"],
    )
    county: str | None = Field(
        default=None,
        description="县级地点 / The county, county-level city or city district the query names (in the city `place`), for"
        " which the agency is given; else null.",
        examples=["海城市"],
    )
    matter: str = Field(description="事项 / The matter, as the subject index lists it.", examples=["专利申请"])
    matter_en: list[str] = Field(description="事项英文 / The matter in English.")
    decisive: bool = Field(
        description="主要事项 / The query is about it: no division above low.",
        examples=[True],
    )
    evidence: list[Match] = Field(
        description="依据 / The subject term (`term` or `en.N`) the query names, with the matched stretches."
    )
    url: str = Field(description="主题词表 / The subject index, with every referral.", examples=["/v1/subjects"])
    notice: str = Field(default=EDITORIAL, description="编辑性声明 / What editorial means here.")


class HitPage(Public, Generic[Item]):
    """A page of search hits, and the referral."""

    items: list[Item] = Field(description="本页结果 / The hits, best first.")
    total: int = Field(description="结果总数 / Hits in all.", examples=[3])
    referral: ReferralPublic | None = Field(description="转介 / Another agency's matter the query names; else null.")

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        """The envelope's schema name, as generated clients name it: DivisionHitPage, SearchHitPage …"""
        return "".join(getattr(param, "__name__", "Item").removesuffix("Public") for param in params) + "Page"


ConfidenceLevel = Literal["high", "medium", "low"]
CONFIDENCE = (
    "把握程度 / How sure: high — the query names this item's matter (measured precision on held-out questions "
    "in the README); medium — a strong partial match; low — a weak match, or a matter outside this department's remit."
)


class SearchInfo(Public):
    """How well an item answers the query, how sure, and why."""

    score: float = Field(description="相关度，越大越相关 / Relevance; higher is better.", examples=[0.92])
    confidence: ConfidenceLevel = Field(description=CONFIDENCE, examples=["high"])
    reason: str = Field(
        description="匹配方式 / Why it matched: exact phrase, all terms, partial terms, abbreviation, spelling …",
        examples=["exact phrase"],
    )
    matches: list[Match] = Field(description="命中的字段 / The fields that matched, best first.")


class DutyHit(DutyPublic):
    """A duty that answers a search, with its score and matched spans."""

    search: SearchInfo = Field(description="检索结果说明 / How it answers the query.")


class DivisionHit(DivisionPublic):
    """A division that answers a search, most responsible first."""

    search: SearchInfo = Field(description="检索结果说明 / How it answers the query.")


class MandateHit(MandatePublic):
    """A mandate item that answers a search."""

    search: SearchInfo = Field(description="检索结果说明 / How it answers the query.")


class SearchKind(StrEnum):
    """What a hit of the search across everything is (a named enum, so generated clients share one type)."""

    duty = "duty"
    division = "division"
    mandate = "mandate"
    transformation = "transformation"
    honour = "honour"


class SearchHit(Public):
    """One result of a search across everything."""

    kind: SearchKind = Field(description="类型 / What the hit is.", examples=["mandate"])
    ref: str = Field(description="标识 / The item's number or id within its kind.", examples=["enterprise-services.2"])
    url: str = Field(description="API路径 / Where the item is served.", examples=["/v1/divisions/11"])
    field: str = Field(description="命中字段 / The field that matched.", examples=["text"])
    text: str = Field(description="命中字段原文 / That field's text, as served.")
    spans: list[Span] = Field(description="匹配片段 / The matched stretches, for highlighting.")
    score: float = Field(description="相关度 / Relevance; higher is better.", examples=[0.92])
    confidence: ConfidenceLevel = Field(description=CONFIDENCE, examples=["high"])
    reason: str = Field(description="匹配方式 / Why it matched.", examples=["all terms"])
    division: DivisionRef | None = Field(description="所属处室 / The division it belongs to, where there is one.")


class MatrixRow(Public):
    """Editorial: one duty and, for each division column, the mandate items that carry it."""

    duty: int = Field(description="职责序号 / The duty's number.", examples=[7])
    label: str = Field(description="原文编号 / The duty's printed label.", examples=["(七)"])
    cells: list[list[int]] = Field(
        description="按列顺序，各处室的依据条目序号 / Per column, that division's evidence item numbers (empty: none)."
    )

    @computed_field(description="该职责的API路径 / The duty's path.", examples=["/v1/duties/7"])  # type: ignore[prop-decorator]
    @property
    def url(self) -> str:
        """The duty's path in this API."""
        return f"/v1/duties/{self.duty}"


class MatrixPublic(Public):
    """Editorial: the whole duty × division table."""

    columns: list[DivisionRef] = Field(description="列：处室 / The columns: divisions, in printed order.")
    rows: list[MatrixRow] = Field(description="行：职责 / The rows: duties, in printed order.")
    notice: str = Field(default=EDITORIAL, description="编辑性声明 / What editorial means here.")


class AbbreviationPublic(Public):
    """Editorial: an abbreviation that search understands."""

    short: str = Field(description="简称 / The abbreviation.", examples=["双创"])
    full: str = Field(description="全称 / What it stands for.", examples=["大众创业、万众创新"])
    expands_to: list[str] = Field(
        description="检索时展开为 / The words of this text search looks for instead.", examples=[["众创空间"]]
    )
    notice: str = Field(default=EDITORIAL, description="编辑性声明 / What editorial means here.")


class SubjectPublic(Public):
    """Editorial: a term of the subject index: who is responsible, and the items that show it; or another agency's matter."""

    term: str = Field(description="检索词 / The term, as the public says it.", examples=["基因测序"])
    en: list[str] = Field(description="英文对应词 / English equivalents.", examples=[["gene sequencing"]])
    divisions: list[DivisionRef] = Field(description="负责处室，依次 / The responsible divisions, most responsible first.")
    items: list[str] = Field(
        description="依据的职责条目 / The mandate items that make them responsible.", examples=[["biomedicine.1"]]
    )
    duties: list[int] = Field(description="相关主要职责序号 / The main duties that back it.", examples=[[6]])
    agency: str | None = Field(
        description="主管机构名称 / Another agency's matter: the agency's name.",
        examples=[None],
    )
    referred_to: AgencyPublic | None = Field(
        description="主管机构 / Another agency's matter: the agency.",
        examples=[None],
    )
    role: Literal["asks", "matter", "in_passing", "channel"] = Field(
        description="作用 / What it says of a question; each outweighs the next.",
        examples=["matter"],
    )
    notice: str = Field(default=EDITORIAL, description="编辑性声明 / What editorial means here.")


class ChangePublic(Public):
    """One version of the dataset, as `lnst-api diff --record` wrote it."""

    date: datetime.date = Field(description="日期 / The day of this version.", examples=["2026-11-27"])
    version: str = Field(description="数据版本 / The dataset version (as /v1 gives it).", examples=["40160c223ab57c12"])
    summary: str = Field(description="变更摘要 / What changed, in one line.", examples=["1 change(s): 1 changed"])
    resources: list[str] = Field(description="变更的资源 / The URLs of the resources that changed.", examples=[["/v1/duties/13"]])


class ChangesPublic(Public):
    """The dataset's versions, newest first, and the version served now."""

    version: str = Field(description="当前数据版本 / The version served now.", examples=["40160c223ab57c12"])
    modified: datetime.datetime = Field(description="数据最后编辑时间 / When the served data was last edited.")
    items: list[ChangePublic] = Field(description="各版本，新者在前 / The versions, newest first.")


class HealthPublic(Public):
    """A health or readiness answer."""

    status: Literal["ok"] = Field(description="状态 / Status.", examples=["ok"])
    version: str | None = Field(default=None, description="数据版本 / Dataset version, once loaded.")


class FieldError(Public):
    """One invalid parameter."""

    name: str = Field(description="参数名 / The parameter.", examples=["n"])
    location: str = Field(description="位置 / Where it was: path, query or header.", examples=["path"])
    message: str = Field(description="原因 / What is wrong.", examples=["Input should be greater than or equal to 1"])


class ProblemPublic(Public):
    """RFC 9457 problem details: the one error body of this API."""

    type: str = Field(description="问题类型URI / Problem type URI.", examples=["about:blank"])
    title: str = Field(description="简述 / Short summary.", examples=["Not Found"])
    status: int = Field(description="HTTP状态码 / HTTP status.", examples=[404])
    detail: str = Field(description="详情 / What happened.", examples=["No duty has number 17: duties are numbered 1 to 16."])
    instance: str = Field(description="请求路径 / The request path.", examples=["/v1/duties/17"])
    errors: list[FieldError] | None = Field(default=None, description="参数错误 / Invalid parameters, on 422.")
