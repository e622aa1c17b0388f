"""Referrals: a matter of another agency named in a question is referred to that agency, in a typed field of every
search response; what a question asks for outweighs what it names in passing; the evaluation scores referrals."""

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from app.search.places import Place, place_of
from bench import evaluation
from tests.helpers import ROOT, problems_with_a_line_replaced

SEARCHES = ["/v1/search", "/v1/search/divisions", "/v1/search/duties", "/v1/search/mandates", "/v1/divisions"]
LEVELS = {"province", "city", "county"}
EVALUATION_LEVELS = LEVELS | {"national"}  # an evaluation question may say only a national body handles it


def referral_of(client: TestClient, q: str, path: str = "/v1/search/divisions") -> dict[str, Any]:
    body: dict[str, Any] = client.get(path, params={"q": q}).json()
    return body


def assert_referred_decisively(body: dict[str, Any], agency: str) -> None:
    """The answer refers to this agency as the question's matter, and no division is above low."""
    assert body["referral"]["agency"]["id"] == agency and body["referral"]["decisive"]
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


@pytest.mark.parametrize("path", SEARCHES)
def test_every_search_response_has_a_referral_field(client: TestClient, path: str) -> None:
    ours, theirs = referral_of(client, "科研诚信", path), referral_of(client, "护照到期了怎么换发", path)
    assert ours["referral"] is None and ours["items"]
    assert theirs["referral"]["matter"] == "护照"
    assert theirs["referral"]["agency"]["name"] == referral_of(client, "passport renewal", path)["referral"]["agency"]["name"]


@pytest.mark.parametrize(
    ("q", "matter", "agency"),
    [
        ("护照到期了怎么换发", "护照", "出入境"),
        ("发明专利申请怎么提交", "专利申请", "知识产权局"),
        ("营业执照在哪里办", "营业执照", "市场监督管理局"),
        ("省社科基金项目申报", "社科基金", "社会科学"),
        ("药物临床试验机构备案", "药物临床试验机构", "药品监督管理局"),
        ("外国专家的居留许可怎么办", "居留许可", "出入境"),
        ("技术出口许可证申请", "技术出口许可", "商务厅"),
        ("投诉超市卖过期牛奶", "牛奶", "市场监督管理局"),
    ],
)
def test_another_agencys_matter_is_referred_and_no_division_is_above_low(
    client: TestClient, q: str, matter: str, agency: str
) -> None:
    body = referral_of(client, q)
    referral = body["referral"]
    assert referral["matter"] == matter and agency in referral["agency"]["name"]
    assert referral["decisive"] is True and referral["agency"]["level"] in LEVELS and referral["agency"]["name_en"]
    assert {item["search"]["confidence"] for item in body["items"]} <= {"low"}
    assert "Editorial" in referral["notice"] and referral["url"] == "/v1/subjects"
    for match in referral["evidence"]:
        assert [match["text"][s["start"] : s["end"]] for s in match["spans"]], "the evidence points at the named term"


def test_the_referral_agrees_with_the_subject_index(client: TestClient) -> None:
    subjects = {s["term"]: s for s in client.get("/v1/subjects").json()["items"]}
    referral = referral_of(client, "商标注册流程")["referral"]
    assert subjects[referral["matter"]]["referred_to"] == referral["agency"]
    assert subjects[referral["matter"]]["agency"] == referral["agency"]["name"]


def test_a_matter_of_ours_keeps_its_answer_and_the_other_matter_is_still_named(client: TestClient) -> None:
    body = referral_of(client, "高新技术企业认定需要营业执照吗")
    assert body["items"][0]["id"] == "enterprise-services" and body["items"][0]["search"]["confidence"] != "low"
    assert body["referral"]["matter"] == "营业执照" and body["referral"]["decisive"] is False


def test_research_on_another_agencys_matter_is_not_a_referral_that_decides(client: TestClient) -> None:
    assert referral_of(client, "海洋预报技术研发项目")["referral"]["decisive"] is False
    assert referral_of(client, "海洋预报")["referral"]["decisive"] is True


@pytest.mark.parametrize(
    ("q", "confidence"),
    [
        ("省科技进步奖提名材料交奖励处吗?", "medium"),  # a division named with 交 is no guess of the answer alone
        ("省自然科学基金项目经费被负责人挪用,我的问题是否应该向审计部门反映?", "low"),  # 我的问题是否 turns to nothing
    ],
)
def test_how_sure_an_answer_is_after_a_division_or_a_turn(client: TestClient, q: str, confidence: str) -> None:
    assert referral_of(client, q)["items"][0]["search"]["confidence"] == confidence


def test_a_petition_to_the_department_is_its_offices_not_a_referral_that_decides(client: TestClient) -> None:
    body = referral_of(client, "老人想给科技厅写信上访,往哪递?")
    assert body["referral"]["decisive"] is False
    assert body["items"][0]["id"] == "general-office"
    assert referral_of(client, "我要去省信访局上访")["referral"]["decisive"] is True


@pytest.mark.parametrize(
    ("q", "decisive"),
    [
        ("出土文物保护技术", False),
        ("海洋预报技术", False),
        ("海洋预报技术许可证", True),
        ("建筑节能新技术推广归哪管", True),  # promoting a technology in its sector is the sector's
        ("建筑节能新技术研发推广归哪个处", False),
        ("退役士兵职业技能培训有没有技术类专业", True),  # a technical course is no technology
        ("尾矿库安全监测技术类项目", False),  # … but a technology project is
        ("地震预警那技术咋用", True),  # how to use it asks for no research
        ("想把遗体捐献给医学研究,生前在哪里登记", True),  # research is only what it is given for, and a registration is asked
    ],
)
def test_the_technology_of_their_matter_is_ours_unless_a_licence_is_asked(client: TestClient, q: str, decisive: bool) -> None:
    assert referral_of(client, q)["referral"]["decisive"] is decisive


@pytest.mark.parametrize(
    ("q", "division"),
    [
        ("举报科研不端行为", "policy-regulation-supervision"),
        ("I want to report a professor who faked data", "policy-regulation-supervision"),
        ("依申请公开省重点研发计划项目信息", "general-office"),
        ("医疗器械项目想要重点研发计划申报指南", "biomedicine"),
        ("沈阳高新区的企业想做高企认定", "enterprise-services"),
        ("信息领域的技术需求分析和平台布局", "information-technology"),  # a generic activity serves the field
        ("我们医院想申请卫生健康领域的科技创新项目,是找社会发展科技处吗?", "biomedicine"),  # a guess is not the matter
        ("想做高企认定,是找科技企业服务处吗?", "enterprise-services"),  # … nor does it count against a right one
        ("我们是生物医药企业,这次不问药物研发,只想了解科技贷款政策", "enterprise-services"),  # ruled out
        ("不问药物研发只问科技贷款", "enterprise-services"),  # … up to what is asked instead
        ("我不问别的只问高企认定", "enterprise-services"),
        ("我们做动力电池正极材料,既不是信息技术也不是生物医药,想争取攻关支持", "high-tech-industrialization"),  # neither
        ("除生物医药以外,新材料的攻关找谁", "high-tech-industrialization"),  # 除…以外
        ("我们医院想申请卫生健康领域的科技创新项目。是找社会发展科技处吗?", "biomedicine"),  # 。 ends a clause
        ("Which division formulates science and technology policy for the healthcare sector?", "biomedicine"),
        ("做集成电路的企业想参与全省技术预测工作,归口哪个处?", "planning-platforms"),  # the firm's field, no 我们
        ("大连一家做工业软件的小公司,想申请科技贷款,省里归谁协调?", "enterprise-services"),
        ("《辽宁省促进科技成果转化条例》要修订,草案是科技厅哪个处负责起草?", "policy-regulation-supervision"),  # the law
        ("省科技创新工作领导小组的办公室设在哪个处?是跟沈大自创区领导小组办公室一起吗?", "policy-regulation-supervision"),
        ("听说成果转化与奖励处负责联系中国科学院,那院士来辽宁开展工作时的联系服务归哪个处?", "talent-natural-science-fund"),
        ("我们学院有科普基地、有重点实验室,这次想了解全省科研条件保障方面的规划建议是谁提出的", "planning-platforms"),
        ("锦州一家做设施农业的企业,前年申报高企没通过,今年想争取列入农业领域关键技术攻关,找哪个处?", "rural-science"),
        ("课题组前年结题的省自然科学基金项目做出了样机,企业想买,成果转移转化方面的政策归哪个处?", "transfer-awards"),
        ("We won a provincial natural science fund grant last year; who handles technology transfer policy?", "transfer-awards"),
        ("我一直以为省科学技术奖是科技人才与自然科学基金处在管,实际上负责评审组织的是哪个处?", "transfer-awards"),  # named
        ("我要到科技厅信访,接待窗口是不是在政策法规与监督处?", "general-office"),  # a division named is a pointer
        ("同事说石化和精细化工的技术攻关归社会发展科技处,我有点怀疑,到底是哪个处?", "high-tech-industrialization"),
        ("工业软件我知道归信息技术处,那机器人减速器、精密轴承这些核心零部件攻关归谁?", "high-tech-industrialization"),  # known
        ("我们是鞍山一家老钢厂,想搞特种钢材料技术攻关,可我们既不搞农业也不搞医药,该找哪个处?", "high-tech-industrialization"),
        ("厅门户网站首页被篡改了,是不是规划与平台处管?他们不是负责科技管理信息系统嘛", "general-office"),  # a guess
        (
            "Last year we applied under the social development track; this year our project is a new anti-cancer drug.",
            "biomedicine",
        ),
        ("工作人员说是需要提交科技报告,在哪里提交", "planning-platforms"),  # 说是 is no claim
        ("去年反映过高企认定有猫腻,不是要问高企怎么认定,就想知道信访件是哪个处登记转办的", "general-office"),  # in other words
        ("省属科研院所人员因公出访的任务批件找哪个处办?", "foreign-experts-cooperation"),  # whose staff is no matter
        (
            "I'm a reporter covering this year's provincial science and technology awards ceremony. "
            "Who at the department handles press releases and interview requests?",
            "general-office",
        ),  # a sentence that states counts for less than the one that asks
        ("高新区企业申报人才计划找谁", "talent-natural-science-fund"),  # a division is not found by a name said in passing
        ("gxq发展政策建议是哪个处提的", "high-tech-zones"),  # pinyin initials
        (
            "学校有青年教师在做量子信息方面的基础研究,也在考虑申报信息技术领域的攻关项目。攻关项目我们另问,"
            "这里只问:省自然科学基金计划的编制和组织实施是哪个处?",
            "talent-natural-science-fund",
        ),  # 另问 rules out, 这里只问 turns to the question, a sentence that states counts for less
        # a correction sets aside its 不是 clause only
        ("种业关键技术攻关,不是品种审定(那个我知道归农业部门),是科技项目,哪个处?", "rural-science"),
        ("本来打算新材料攻关和高企认定一起报,高企今年先不弄了,就问新材料攻关项目归哪个处", "high-tech-industrialization"),
        ("孵化器备案的问题已经解决了,剩下就是高新区扶持政策措施建议谁牵头起草", "high-tech-zones"),  # settled
        ("我想问高企那个……说错了,是高新区。我们市想把省级高新区升成国家级,省里哪个处帮着推动", "high-tech-zones"),  # corrected
        (
            "在孵化器里待三年了,想问孵化器毕业那个政策……哦不对不对,其实我是想问高企认定的材料最后是哪个处在管,孵化器的事先不问",
            "enterprise-services",
        ),  # taken back, then set aside
        ("来电人称入区奖励未兑现,提及企业是高企。诉求为了解负责高新区政策拟订的处室", "high-tech-zones"),  # 诉求为 asks
        ("除信息和生物医药领域外,其他相关领域高新技术发展与产业化的规划由哪个处拟订?", "high-tech-industrialization"),  # 除…外
        ("拿了辽宁友谊奖的外国专家想办外国人才签证,签证这块归哪个处协调?", "foreign-experts-cooperation"),  # what he won
        ("县里干部想参加省里组织的重点出国培训项目 哪个处安排", "foreign-experts-cooperation"),  # 干部…培训 only says whose
        ("俺们是锦州做汽车零部件的小厂子,想评个高新企业,上哪问去?", "enterprise-services"),  # the firm's field, a place between
        ("想问孵化器毕业那个政策……哦不对不对,其实我是想问高企认定的材料最后是哪个处在管", "enterprise-services"),  # taken back
        ("高企、科技奖和项目经费的问题都有,我就想知道厅里信访是哪个处接收办理", "general-office"),  # 就想知道 turns
        ("和德国企业开展产学研合作归哪个处管", "foreign-experts-cooperation"),  # 德国 is no whose-people part
        ("我先不问高企认定,想问孵化器备案归哪个处", "transfer-awards"),  # 先不问 before its matter rules it out
        ("科技型中小企业入库信息填报搞错了,能改吗?归哪个处", "enterprise-services"),  # a mistake, not a correction
        (
            "A scientist at a provincial research institute needs approval for an official trip to a conference in Germany. "
            "Who signs that off?",
            "foreign-experts-cooperation",
        ),  # whose staff, in the singular too
        ("高企认定我们已经弄完了,不用再问;现在手上有个需要科技厅行政审批的事项,材料受理和审批是哪个处?", "general-office"),
        ("发现同行论文里的图片重复使用,项目是省自然科学基金资助的,举报科研不端该找哪个处?", "policy-regulation-supervision"),
        # 我要 opens the message, and 我们知道 says what is known
        ("我要说的是一个研究员拿基金成果报了省科技进步奖,数据是编的。科研诚信这块哪个处负责?", "policy-regulation-supervision"),
        ("我们项目申报了省科技进步奖,我的问题是科技报告归哪个处管?", "planning-platforms"),  # 我的问题是 turns
        ("高企认定和孵化器都有疑问,我的问题是:厅门户网站归哪个处管?", "general-office"),
        # the main point among several turns to what is asked, and may name again a matter said before …
        (
            "我们公司有两件事:一是高企认定,二是要办一个行政审批事项。主要想问后者——厅里行政审批事项的受理和审批是哪个处负责?",
            "general-office",
        ),
        ("科小评价入库咋弄,还想问孵化器的事,主要是科小", "enterprise-services"),
        (
            "I lead a group working on large language models. I have questions about the natural science fund and about "
            "hiring a foreign postdoc, but mainly: which division handles AI and next-generation IT research projects?",
            "information-technology",
        ),
        # … but not when it names nothing (主要是想问省厅哪个处), nor "mainly" as an adverb
        (
            "科技中介机构、技术经纪人队伍这块,主要是想问省厅哪个处在推动?我们是科技服务企业,也申请过科技金融贷款。",
            "transfer-awards",
        ),
        ("We mainly make robots for car plants. Which division handles high-tech enterprise recognition?", "enterprise-services"),
        # a division named alone with 吗 or 吧 after what is asked is a guess, but not 找奖励处吗 or 有…的处吗
        ("省里科技发展的长远规划谁来编,政策法规与监督处吗?", "planning-platforms"),
        ("技术预测是谁组织开展的,高新技术发展与产业化处吧?", "planning-platforms"),
        ("举报论文造假找奖励处吗?", "policy-regulation-supervision"),
        ("生物医药公司想评高企,该找哪个处?", "enterprise-services"),  # a firm named by its field, before what it wants
        ("我想了解高新技术企业认定的申报条件。我们有一项科技成果转化项目,能算吗?", "enterprise-services"),  # 我想了解 asks
        ("省科技创新工作领导小组办公室设在哪个处?沈大自创区领导小组办公室我们知道在高新区处", "policy-regulation-supervision"),
        ("省自然科学基金项目结题了还要交科技报告,科技报告制度归哪个处?", "planning-platforms"),
        ("做工业软件的,科技型中小企业已经入库了不用问;想知道工业软件方向的省级重大攻关任务是谁在定。", "information-technology"),
        ("高企认定的事另说,先问:全省高新区发展的扶持政策是哪个处拟的?", "high-tech-zones"),  # put off
        ("I already know about the NSFC grants; who plans AI and big-data tech platforms in Liaoning?", "information-technology"),
        (
            "Is the Liaoning Provincial Science and Technology Award handled by the foreign experts and international "
            "cooperation division?",
            "transfer-awards",
        ),  # the division guessed is a guess
    ],
)
def test_what_the_question_asks_for_outweighs_what_it_names_in_passing(client: TestClient, q: str, division: str) -> None:
    assert referral_of(client, q)["items"][0]["id"] == division


@pytest.mark.parametrize("q", ["投诉过期牛奶", "举报工厂排污", "公司拖欠工资投诉", "投诉医院"])
def test_a_complaint_about_another_agencys_matter_is_referred_not_sent_to_the_petitions_office(
    client: TestClient, q: str
) -> None:
    body = referral_of(client, q)
    assert body["referral"] is not None and body["referral"]["decisive"]
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("凤城市想开一家网吧,经营许可证归哪个局审批?", "culture-tourism"),  # the 吧 of 网吧 is no particle
        ("农业技术推广员评农艺师职称 找谁", "city-hrss"),  # 推广员 is the asker's job, not the matter
        ("劳动仲裁员收了好处费向谁举报", "labour-arbitration"),  # 仲裁员 is who is reported, no job of the asker's
        ("镇上小企业研发费用加计扣除去哪办", "city-tax"),  # 去哪办 is where to claim it
        ("俺爹是老科技工作者 家里困难 想申请低保 上哪申请", "county-civil-affairs"),  # whom it concerns is no matter
        (
            "我公司系国家高新技术企业,主营工业机器人减速器,拟申报省级专精特新中小企业,请告知主管部门",
            "industry-province",
        ),  # 主营 is the field
        ("辽宁省社会科学规划基金项目申报通知一般谁发?别和自然科学基金搞混了", "social-science-planning"),  # 别和…搞混 rules out
        ("沈阳的建筑公司申请施工总承包二级资质找哪个部门?", "housing-province"),  # the province's, city named
        ("楼上天天半夜蹦迪 吵得孩子睡不着觉 物业说管不了 到底找谁啊", "police-station"),  # who declined is not the answer
        ("快递显示签收了但我根本没收到,快递公司不管,去哪投诉", "postal"),  # who declined names the matter again: still asked
        ("我父亲是沈阳市直机关的离休干部,护理费和医药费报销的政策找哪个部门问", "retired-cadres"),  # the city's, not ours
        ("阜新一家种业公司的大豆新品种想申请审定,找哪个部门", "agriculture-province"),  # the province's, a city named
        ("想申请公开大连市科技局去年的项目立项信息,向谁申请", "science"),  # a city bureau's own information
        ("I want to register my marriage with the civil affairs office, where do I go?", "county-civil-affairs"),
        (
            "有个境外的所谓研究机构一直加我微信,高价让我提供课题组的实验数据和内部资料,还说要请我出国开会,这种事情应该向哪里报告",
            "state-security",
        ),  # a research institution or group is a place, not research on their matter
        (
            "盘锦大洼区的,俺们村东头那个化工厂一到半夜就往外排气,味呛得孩子直咳嗽。厂门口挂着高新技术企业的牌子,是不是该你们科技局去查查?",
            "ecology",
        ),  # the sign it hangs out is a claim
        (
            "来电人反映:其在一家软件科技公司做程序员,公司已拖欠三个月工资。来电人称该公司是科技厅认定的高新企业,要求科技厅督促公司发工资。",
            "hrss",
        ),  # what the caller says the firm is is a claim
        (
            "大连金州区一家做精密轴承的企业,想申报省级专精特新中小企业,在哪个部门申报?跟高新技术企业是不是一回事?",
            "industry-province",
        ),  # recognised by the province
        ("How do we claim the extra tax deduction for R&D expenses in our annual corporate tax filing?", "tax"),  # no research
        ("“专精特新”中小企业认定跟高新技术企业认定是一个部门管吗?专精特新该找谁?", "industry-province"),  # compared
        ("文科老师,想报“经济社会发展研究课题”,是科技厅管的吗?", "social-science-federation"),  # social science is theirs
        (
            "来电人反映,朝阳市建平县某村的集体耕地被一家公司以建设“农业科技示范园”名义占用,盖了多栋厂房,询问非法占地问题应向哪个部门举报。",
            "natural-resources",
        ),  # what a firm builds in the name of is a claim
        # customers are no customs
        ("My company in Fuxin needs to issue VAT fapiao to customers but the system is blocked. Who can help?", "tax"),
        ("有诊所打着科研旗号搞干细胞回输,向谁举报?", "health"),  # research claimed is not research asked
        (
            "关于申请乙级测绘资质的报告:我公司是一家从事遥感开发的高新技术企业。请问乙级测绘资质审批由哪个部门受理?",
            "natural-resources-province",
        ),
    ],
)
def test_their_matter_is_referred_to_its_agency(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] in {agency, f"city-{agency}"} and body["referral"]["decisive"]
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


def test_an_award_compared_with_theirs_is_not_what_is_asked(client: TestClient) -> None:
    body = referral_of(client, "辽宁省专利奖和省科技奖是一个口子报吗?专利奖申报到底找谁")
    assert body["referral"]["agency"]["id"] == "intellectual-property"
    assert all(item["search"]["confidence"] == "low" for item in body["items"])  # 和省科技奖是一个口子 compares


def test_a_foreign_expert_paying_their_tax_asks_about_tax(client: TestClient) -> None:
    body = referral_of(client, "As a foreign expert paying income tax in Liaoning, how do I claim the special deduction?")
    assert body["referral"]["agency"]["id"] == "city-tax"  # "paying income tax" is not who asks
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


def test_a_channel_alone_is_never_more_than_low_but_names_its_division(client: TestClient) -> None:
    items = referral_of(client, "我要投诉邻居家装修吵")["items"]
    assert all(item["search"]["confidence"] == "low" for item in items)
    assert referral_of(client, "信访")["items"][0]["search"]["confidence"] != "low"


@pytest.mark.parametrize("q", ["信访工作由哪个处室负责?", "厅机关的信访工作由哪个处室负责?"])
def test_the_petitions_channel_asked_about_alone_is_the_matter(client: TestClient, q: str) -> None:
    assert referral_of(client, q)["items"][0]["id"] == "general-office"  # not the words left once 信访 is taken out


def test_every_agency_has_a_level_and_serves_a_matter(client: TestClient) -> None:
    subjects = client.get("/v1/subjects").json()["items"]
    outside = [s for s in subjects if s["agency"] is not None]
    assert len(outside) >= 250
    assert all(s["referred_to"]["level"] in LEVELS and s["referred_to"]["name_en"] for s in outside)
    assert all(s["referred_to"] is None and s["divisions"] for s in subjects if s["agency"] is None)
    assert {s["role"] for s in subjects} == {"asks", "matter", "in_passing", "channel"}


@pytest.mark.parametrize(
    ("line", "replaced", "message"),
    [
        ('    "护照": "passport → nowhere"', '    "护照": ', "no agency has id 'nowhere'"),
        ('    "护照": "passport → 公安机关"', '    "护照": ', "write it as"),
        ('    exit-entry: "出入境 | Exit-entry | nation"', "    exit-entry: ", "province"),
        ('    ecology: "辽宁省生态环境厅 | Ecology | province | local: nowhere"', "    ecology: ", "no agency has id 'nowhere'"),
        ('    city-ecology: "市生态环境局 | City | city | local: ecology"', "    city-ecology: ", "only a province's agency"),
        ('    asks: ["信息公开", "没有这个词"]', "    asks: ", "'没有这个词' is not a subject term"),
        ('    channels: ["信访", "护照"]', "    channels: ", "'护照' is not a subject term"),  # their matter is no channel
    ],
)
def test_a_bad_referral_line_stops_loading(tmp_path: Path, line: str, replaced: str, message: str) -> None:
    assert message in problems_with_a_line_replaced(replaced, line)


def test_the_openapi_document_types_the_referral(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    for page in ("SearchHitPage", "DivisionHitPage", "DutyHitPage", "MandateHitPage"):
        assert schemas[page]["properties"]["referral"]["anyOf"][0] == {"$ref": "#/components/schemas/ReferralPublic"}
        assert "referral" in schemas[page]["required"]
    assert schemas["AgencyPublic"]["properties"]["level"]["enum"] == ["province", "city", "county"]
    types = (ROOT / "clients" / "typescript" / "lnst-api.d.ts").read_text(encoding="utf-8")
    assert "ReferralPublic: {" in types and 'level: "province" | "city" | "county";' in types


@pytest.mark.parametrize(
    ("named", "acceptable", "same"),
    [
        ("辽宁省知识产权局", ["知识产权局"], True),
        ("市公安局出入境管理部门", ["辽宁省公安厅出入境管理局", "公安局"], True),
        ("辽宁 省 气象局", ["辽宁省气象局"], True),
        ("国家税务总局辽宁省税务局", ["税务局"], True),
        ("辽宁省商务厅", ["科学技术厅"], False),
        ("", ["商务厅"], False),
    ],
)
def test_the_evaluation_compares_agency_names_without_the_province(named: str, acceptable: list[str], same: bool) -> None:
    assert evaluation.same_agency(named, [evaluation.normalise_agency(a) for a in acceptable]) is same


def test_the_evaluation_counts_referrals_of_out_of_remit_questions() -> None:
    cases = [
        {"q": "a", "division": None, "kind": "out_of_remit", "agencies": ["辽宁省气象局"], "level": "province"},
        {"q": "b", "division": None, "kind": "out_of_remit", "agencies": ["地震局"], "level": "province"},
        {"q": "c", "division": None, "kind": "out_of_remit"},
    ]
    for case in cases:
        case["category"], case["accepted"] = "out_of_remit", set()
        case["agencies"] = [evaluation.normalise_agency(a) for a in case.get("agencies", [])]
    referrals = {"a": ("辽宁省气象局", "province"), "b": ("辽宁省通信管理局", "province"), "c": None}
    score = evaluation.evaluate(lambda q: [], cases, lambda q: referrals[q])["out_of_remit"]
    assert (score.judged, score.referred, score.level_right, score.questions) == (2, 1, 1, 3)


@pytest.mark.evaluation
def test_the_tuning_half_lists_agencies_for_every_out_of_remit_question() -> None:
    outside = [case for case in evaluation.load("tuning") if case["category"] == "out_of_remit"]
    assert len(outside) >= 60 and all(case["agencies"] and case["level"] in EVALUATION_LEVELS for case in outside)


def test_an_agency_named_in_passing_decides_only_when_nothing_of_ours_answers_well(client: TestClient) -> None:
    alone = referral_of(client, "知识产权局电话")
    assert alone["referral"]["agency"]["id"] == "intellectual-property" and alone["referral"]["decisive"]
    together = referral_of(client, "卫健委和科技厅的临床医学研究中心")
    assert together["items"][0]["id"] == "biomedicine" and together["items"][0]["search"]["confidence"] != "low"
    assert together["referral"]["decisive"] is False


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("我们公司的医疗器械产品注册证怎么办", "药品监督管理局"),  # product + act, words in between
        ("食品生产经营许可证去哪办", "市场监督管理局"),
        ("留学回国人员学历认证", "留学服务中心"),  # the matter, not the group of people named
        ("高新技术企业所得税减免", "税务局"),  # a term of ours that only qualifies theirs
        ("省社科课题申报", "社会科学"),  # social-science research is not ours
        ("report a polluting factory", "生态环境"),  # one English word by its stem
    ],
)
def test_a_matter_phrased_generally_is_referred(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert agency in body["referral"]["agency"]["name"]
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


def test_our_matter_after_theirs_still_keeps_the_question() -> None:
    from app.config import Settings
    from app.data.store import open_store
    from app.search import find_divisions

    store = open_store(Settings())
    answers = find_divisions(store.search_index, "科技成果转化中的专利问题")
    assert answers.findings[0].ref == str(next(d.n for d in store.divisions if d.id == "transfer-awards"))


@pytest.mark.parametrize(
    "q",
    [
        "我在科研院所上班,单位一直没给交社保",  # ours in an earlier clause says where the asker works
        "进口科研仪器 减免税手续在哪办",
        "化工新材料研发企业的危险化学品安全生产许可证怎么办",  # ours qualifies theirs through 的
        "我们生物医药公司研发的新药要做临床试验,向哪里申请审批",  # the research named comes before their matter
        "高新技术企业15%所得税优惠和研发费用加计扣除,退税怎么申请",  # ours before the last of theirs (退税)
    ],
)
def test_a_term_of_ours_standing_apart_before_theirs_does_not_keep_the_question(client: TestClient, q: str) -> None:
    body = referral_of(client, q)
    assert body["referral"] is not None and body["referral"]["decisive"]
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


@pytest.mark.parametrize(
    ("q", "referred"),
    [
        ("高新技术企业所得税减免", True),  # ours shares its last word with theirs: it only says whose tax
        ("外国人来华工作后家属签证", True),  # joined by a particle
        ("科技企业上市培育", False),  # ours merely comes before
        ("外国专家工作许可证过期了", False),
        ("高新技术企业年报", False),  # a longer term of ours holds theirs
        ("省社科基金项目评审结果有异议", True),  # ours (基金…评审结果) begins within theirs: the fund is 社科基金
        ("省自然科学基金项目评审结果有异议", False),  # the fund is ours
    ],
)
def test_a_term_of_ours_that_only_qualifies_theirs_does_not_keep_the_question(client: TestClient, q: str, referred: bool) -> None:
    body = referral_of(client, q)
    assert (body["referral"] is not None and body["referral"]["decisive"]) == referred
    assert referred or body["items"][0]["search"]["confidence"] != "low"


def test_a_matter_the_asker_rules_out_is_not_the_referral(client: TestClient) -> None:
    assert referral_of(client, "报警")["referral"]["agency"]["id"] == "county-police"
    assert referral_of(client, "除了报警，还能找谁帮忙")["referral"] is None  # no other matter: no referral


def test_an_english_term_with_a_gap_is_named_whole(client: TestClient) -> None:
    q = "My flight was cancelled and the airline refuses a refund. Where can I complain?"
    assert referral_of(client, q)["referral"]["agency"]["id"] == "civil-aviation"


def test_a_matter_of_theirs_that_only_says_who_asks_gives_way_to_the_matter_asked(client: TestClient) -> None:
    q = "I'm a visiting scholar from Canada and I lost my passport. Where do I get the paperwork for a new visa?"
    assert referral_of(client, q)["referral"]["agency"]["id"] == "exit-entry"  # not education, for the visiting scholar


def test_research_named_in_a_later_clause_does_not_make_their_matter_research(client: TestClient) -> None:
    for q in [
        "老板拖了三个月工资没发,说等科技项目经费下来再给,我能去哪里投诉?",
        "老板拖了三个月工资没发。说等科技项目经费下来再给。",
    ]:
        body = referral_of(client, q)
        assert body["referral"]["decisive"] and body["referral"]["agency"]["id"] == "city-hrss"


def test_a_matter_on_the_departments_own_premises_is_not_referred(client: TestClient) -> None:
    ours = referral_of(client, "厅机关办公楼突发停电,应急处置由哪个处负责")
    assert not (ours["referral"] or {}).get("decisive") and ours["items"][0]["id"] == "general-office"
    theirs = referral_of(client, "小区突发停电找谁")
    assert theirs["referral"]["decisive"] and theirs["referral"]["agency"]["id"] == "power-supply"


def test_the_department_only_asked_whether_it_does_their_matter_still_refers(client: TestClient) -> None:
    assert referral_of(client, "科技厅里能办护照吗")["referral"]["decisive"]


@pytest.mark.parametrize(
    ("q", "division"),
    [
        ("科技厅的政务服务大厅在哪办事", "general-office"),
        ("科技厅今年公务员招录报名咨询找哪个处", "party-committee-personnel"),
        ("科技厅机关的公车、食堂、物业维修这些后勤是谁在管", "general-office"),  # named earlier in the clause
    ],
)
def test_a_matter_the_department_is_named_as_having_is_not_referred(client: TestClient, q: str, division: str) -> None:
    body = referral_of(client, q)
    assert not (body["referral"] or {}).get("decisive") and body["items"][0]["id"] == division
    theirs = referral_of(client, q.replace("科技厅", "教育厅"))  # another department's is still another agency's matter
    assert theirs["referral"]["decisive"]


@pytest.mark.parametrize(
    "q",
    [
        "I missed the deadline for the natural science fund application, what now?",  # not a missing person
        "I want to follow up on my technology contract registration",  # not being followed
        "Is there funding for training abroad for our engineers?",  # not consular help abroad
        "e.g. how are research institutes assessed",  # not a&e
    ],
)
def test_a_common_english_word_alone_names_no_other_agencys_matter(client: TestClient, q: str) -> None:
    assert referral_of(client, q)["referral"] is None


def test_a_pharmacys_drug_licence_is_not_a_matter_for_the_police(client: TestClient) -> None:
    referral = referral_of(client, "How does a pharmacy get a drug retail licence in Shenyang?")["referral"]
    assert referral["decisive"] and "market-regulation" in referral["agency"]["id"]


def test_english_research_before_their_matter_in_its_clause_is_this_departments(client: TestClient) -> None:
    body = referral_of(client, "Who funds research on earthquake early warning?")
    assert not body["referral"]["decisive"] and body["items"][0]["id"] == "social-development"
    lab = referral_of(client, "Our research lab wants CMA accreditation so it can issue official test reports.")
    assert lab["referral"]["decisive"]  # a research lab is where the asker works, not research asked for


def test_a_matter_the_asker_does_not_do_is_ruled_out_with_the_pairs_it_begins(client: TestClient) -> None:
    body = referral_of(client, "我们做精密减速器,纯硬件,不做软件和算法。装备制造类的关键技术攻关归哪个处?")
    assert body["items"][0]["id"] == "high-tech-industrialization"


@pytest.mark.parametrize(
    ("q", "agency", "name", "place"),
    [
        ("空气质量找谁", "ecology", "辽宁省生态环境厅", None),  # no city named: the province's agency
        ("大连的空气质量找谁", "city-ecology", "大连市生态环境局", "大连"),  # the city's agency handles it there
        ("环境影响评价找谁", "city-ecology", "市生态环境局", None),  # a city's matter: the city's agency, no city named
        ("工厂偷排污水找谁", "city-ecology", "市生态环境局", None),
        ("在锦州办因私护照去哪", "exit-entry", "公安机关出入境管理部门（锦州市公安局出入境管理局）", "锦州"),
        ("Where do I renew my residence permit in Shenyang?", "exit-entry", "（沈阳市公安局出入境管理局）", "沈阳"),
        ("How do I get an export licence for dual-use technology in Dalian?", "commerce-province", "辽宁省商务厅", None),
        ("大连的企业签了技术进口合同,合同登记去哪办?", "city-commerce", "大连市商务局", "大连"),  # registered in the city
        ("实验室产生的危险废物,转移联单找谁", "city-ecology", "市生态环境局", None),  # a city's matter, no city named
        ("危险废物跨省转移审批找谁", "ecology", "辽宁省生态环境厅", None),  # across provinces: the province's
        ("鞍山家里暖气不热,供热公司电话打不通,找谁", "heating-authority", "鞍山市供热主管部门", "鞍山"),  # not the company
        (
            "大连超市买到过期食品 投诉打哪个电话",
            "county-market-regulation",
            "大连市市场监督管理局（区、县（市）市场监督管理局）",
            "大连",
        ),
    ],
)
def test_a_city_named_gets_the_agency_that_handles_the_matter_there(
    client: TestClient, q: str, agency: str, name: str, place: str | None
) -> None:
    referral = referral_of(client, q)["referral"]
    assert referral["agency"]["id"] == agency and name in referral["agency"]["name"] and referral["place"] == place


def test_an_approval_asked_of_their_matter_is_theirs_whatever_field_it_is_in(client: TestClient) -> None:
    body = referral_of(client, "营口的化工新材料项目要做环评审批,去哪个部门?")
    assert body["referral"]["decisive"] and body["referral"]["agency"]["name"] == "营口市生态环境局"
    visa = referral_of(client, "大连某外资企业反映其拟聘用的德国高级工程师办理外国人才签证遇阻,请协调。")
    assert not visa["referral"]["decisive"] and visa["items"][0]["id"] == "foreign-experts-cooperation"


def test_a_matter_ruled_out_plays_no_role_in_what_the_question_asks(client: TestClient) -> None:
    body = referral_of(client, "对在辽外籍专家进行表彰、奖励的规定由哪个处定?不是问友谊奖具体评审")
    assert body["items"][0]["id"] == "foreign-experts-cooperation" and body["items"][0]["search"]["confidence"] != "low"


@pytest.mark.parametrize(
    "q",
    [
        "请问省科技厅环评审批找谁",  # the department only asked: the asker takes it for the agency
        "是不是申请专利要先找知识产权局",  # 是不是 rules nothing out
        "企业不做环评会被处罚吗",  # 不做 within the clause asks about it
        "Can you tell me whether or not a patent application is handled by your department?",
        "A foreign postdoc in our research group needs to renew his residence permit in Dalian",  # a group, not research
    ],
)
def test_a_question_about_their_matter_worded_like_an_exception_is_still_referred(client: TestClient, q: str) -> None:
    assert referral_of(client, q)["referral"]["decisive"]


def test_their_licence_in_the_clause_that_asks_is_theirs(client: TestClient) -> None:
    assert referral_of(client, "我们在营口建一个新材料中试基地,项目环评审批和排污许可证找哪个部门?")["referral"]["decisive"]
    done = referral_of(client, "我刚注册公司,想入驻母校办的那个科技园,省里对高校科技园有啥扶持,归哪个处?")  # said, not asked
    assert not done["referral"]["decisive"] and done["items"][0]["id"] == "transfer-awards"


@pytest.mark.parametrize(
    "q",
    [
        "I'm a foreign engineer in Shenyang. My work permit is done; where do I apply for my residence permit?",  # settled
        "I just got my Foreigner's Work Permit for a job in Shenyang. Where do I go next to get the residence permit?",  # had
        "辽宁省专利奖怎么申报?是不是和科技奖一起报?",  # whether it goes with our award is a guess, not the matter
        "辽宁省专利奖怎么申报?是不是和省科学技术奖一起报?",  # … however long the award's name
        "省长质量奖今年啥时候申报?是不是和省科学技术奖一块评的",  # … and whether they are judged together (…的)
    ],
)
def test_what_is_settled_or_guessed_leaves_no_division_above_low(client: TestClient, q: str) -> None:
    body = referral_of(client, q)
    assert body["referral"] and all(item["search"]["confidence"] == "low" for item in body["items"])


def test_an_abbreviation_expanded_says_no_more_than_it_was_typed(client: TestClient) -> None:
    body = referral_of(client, "阜新市的中小学生科技创新比赛和科普日活动是哪家单位组织的?")  # 科普 read as 科学普及 is still two
    assert body["referral"]["decisive"] and body["referral"]["agency"]["id"] == "science-association"


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        (
            "丹东一家自称搞新能源电池研发的科技公司,承诺年化18%收益吸收资金,我怀疑是非法集资,该向谁举报?",
            "local-finance",
        ),  # claimed
        (
            "A foreign pharmaceutical firm plans to manufacture drugs here. Which body issues drug manufacturing licences?",
            "medical-products",
        ),
    ],
)
def test_what_a_suspect_claims_or_a_plural_spelling_leaves_their_matter_decisive(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["decisive"] and body["referral"]["agency"]["id"] == agency


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("专利代理机构收了钱不办事还泄露技术方案,在辽宁向哪个部门投诉?", "intellectual-property"),  # a technical solution
        ("法库县这边大豆叶子长了好多病斑,想请农技推广站派个技术员下地看看,找哪个部门?", "county-agriculture"),  # a technician
    ],
)
def test_a_technical_solution_or_a_technician_is_no_research_on_their_matter(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["decisive"] and body["referral"]["agency"]["id"] == agency


def test_research_that_is_only_what_their_matter_is_for_keeps_no_question(client: TestClient) -> None:
    body = referral_of(client, "想从国外引进大豆种质资源做育种研究,进口审批从哪个部门走?")  # the import approval is asked
    assert body["referral"]["decisive"] and body["referral"]["agency"]["id"] == "agriculture"


def test_a_registration_asked_after_research_on_their_matter_keeps_the_research(client: TestClient) -> None:
    assert not referral_of(client, "海洋预报技术研究成果在哪登记")["referral"]["decisive"]


@pytest.mark.parametrize(
    ("q", "name", "place"),
    [
        ("开药店要办什么许可证", "县（市、区）市场监督管理局", None),  # no city named: a county's agency keeps its name
        ("在大连开药店要办什么许可证", "大连市市场监督管理局（区、县（市）市场监督管理局）", "大连"),  # the city's, its counties'
        ("新能源是朝阳产业,企业环评审批找谁", "市生态环境局", None),  # 朝阳产业 names no city
        ("沈阳的企业所得税汇算清缴去哪个税务局", "国家税务总局沈阳市税务局", "沈阳"),  # the head of the tax service's name kept
        ("我人在丹东,想开侨眷身份证明,该去哪个部门?", "中共丹东市委统一战线工作部（侨务办公室）", "丹东"),  # a Party body's city
    ],
)
def test_only_a_city_named_gives_the_citys_agency(client: TestClient, q: str, name: str, place: str | None) -> None:
    referral = referral_of(client, q)["referral"]
    assert referral["agency"]["name"] == name and referral["place"] == place


@pytest.mark.parametrize(
    ("q", "name", "place", "county"),
    [
        (
            "瓦房店开药店要办什么许可证",
            "瓦房店市市场监督管理局（大连市市场监督管理局）",
            "大连",
            "瓦房店市",
        ),  # the county's first
        ("海城有个小作坊在居民楼里囤烟花爆竹,举报找哪个部门?", "海城市应急管理局（鞍山市应急管理局）", "鞍山", "海城市"),
        ("新民市孩子出生医学证明丢了 能补吗", "新民市卫生健康局（沈阳市卫生健康委员会）", "沈阳", "新民市"),  # its own name
        ("Where do I get a pesticide licence in Changtu County?", "昌图县农业农村局（铁岭市农业农村局）", "铁岭", "昌图县"),
        (
            "沈阳浑南区的公司,企业所得税汇算清缴去哪办",
            "国家税务总局沈阳市浑南区税务局（国家税务总局沈阳市税务局）",
            "沈阳",
            "浑南区",
        ),
        (
            "在鞍山铁西区开药店要办什么许可证",
            "鞍山市铁西区市场监督管理局（鞍山市市场监督管理局）",
            "鞍山",
            "铁西区",
        ),  # its city's
        ("在铁西区开药店要办什么许可证", "县（市、区）市场监督管理局", None, None),  # two cities have a 铁西区
        (
            "大学实验室在沈阳浑南区要买易制爆化学品,需要去哪备案",
            "沈阳市公安局浑南分局（沈阳市公安局）",
            "沈阳",
            "浑南区",
        ),  # a branch
        ("沿海城市的企业偷排污水找谁", "市生态环境局", None, None),  # 沿海城市 names no 海城
        ("宽甸有个企业偷排污水找谁", "丹东市生态环境局", "丹东", None),  # the county's is a branch of the city's
        ("在锦州义县办护照去哪", "公安机关出入境管理部门（锦州市公安局出入境管理局）", "锦州", None),  # the city's only
        ("搭建平台的企业偷排污水找谁", "市生态环境局", None, None),  # 建平 in 搭建平台 names no county
    ],
)
def test_a_county_named_gets_its_agency_or_its_citys(
    client: TestClient, q: str, name: str, place: str | None, county: str | None
) -> None:
    referral = referral_of(client, q)["referral"]
    assert (referral["agency"]["name"], referral["place"], referral["county"]) == (name, place, county)
    assert county is None or referral["agency"]["level"] == "county"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("海城有个小作坊", Place("鞍山", "海城市")),
        ("where do i get a pesticide licence in changtu county", Place("铁岭", "昌图县")),
        ("tai’an county", Place("鞍山", "台安县")),
        ("沈阳浑南区的公司", Place("沈阳", "浑南区", district=True)),
        ("鞍山铁西区", Place("鞍山", "铁西区", district=True)),  # two cities have one: its city decides
        ("在沈阳读完书,现在在甘井子开药店", Place("大连", "甘井子区", district=True)),  # only Dalian has it
        ("jinzhou district", Place("大连", "金州区", district=True)),  # Dalian's, not the city of Jinzhou
        ("大连 和平区", Place("大连")),  # Shenyang's district, with Dalian named
        *((word, None) for word in ["沿海城市", "最新民法典", "公开原则", "查清原因", "延长海外", "山东港口", "新宾馆"]),
        *((word, None) for word in ["自建平房", "王建平教授", "一台安检仪", "河北镇", "绍兴城区", "司法库", "正义县"]),
        *((word, None) for word in ["振兴区域经济", "江西市区", "天津和平区", "xihu district, hangzhou", "朝阳产业"]),
    ],
)
def test_a_place_is_found_only_where_the_text_names_it(text: str, place: Place | None) -> None:
    assert place_of(text) == place


def test_a_county_or_district_agency_is_named_in_english_too(client: TestClient) -> None:
    county = referral_of(client, "海城有个小作坊在居民楼里囤烟花爆竹,举报找哪个部门?")["referral"]["agency"]["name_en"]
    district = referral_of(client, "大连甘井子区的校外培训班乱收费，投诉找谁")["referral"]["agency"]["name_en"]
    assert county == "Haicheng City emergency management bureau (or Anshan City emergency management bureau)"
    assert district == "Ganjingzi District (Dalian) education bureau (or Dalian City education bureau)"


def test_a_matter_of_ours_in_a_guess_keeps_no_question(client: TestClient) -> None:
    body = referral_of(client, "申报辽宁省“专精特新”中小企业,是不是科技厅认定高企的那个处?")
    assert body["referral"]["decisive"] and body["referral"]["agency"]["id"] == "industry-province"


def test_a_clause_that_begins_with_不是_rules_its_matter_out(client: TestClient) -> None:
    body = referral_of(client, "省里管全省创新大事的议事协调小组,办事机构设在哪个处?不是沈大自创区那个小组。")
    assert body["items"][0]["id"] == "policy-regulation-supervision"
    ruled_out = referral_of(client, "问个事,不是沈大自创区那边的,该找哪个处?")
    assert ruled_out["items"][0]["search"]["confidence"] != "high"  # the zone's term counts for half


def test_a_referral_lists_at_low_the_divisions_the_question_touches_but_not_those_it_barely_touches(
    client: TestClient,
) -> None:
    body = referral_of(client, "辽宁省社会科学规划基金")  # which of ours it touches rests on part-words
    assert body["referral"]["decisive"] and body["items"]
    assert all(item["search"]["confidence"] == "low" and item["search"]["score"] >= 0.15 for item in body["items"])


def test_a_decimal_point_does_not_end_the_clause_that_names_research(client: TestClient) -> None:
    body = referral_of(client, "大气污染和PM2.5治理相关的科技攻关,科技厅哪个处负责?")
    assert not (body["referral"] or {}).get("decisive") and body["items"][0]["id"] == "social-development"


@pytest.mark.parametrize(
    "q",
    [
        "高新技术企业增值税留抵退税申请",  # their terms in a run (增值税留抵退税) say more than ours before them
        "高企证书已经拿到了,年度汇算清缴怎么申报",  # ours is found in its own reading (高企 → 高新技术企业)
        "研发费用加计扣除 申报 备查资料",  # their term with a gap holds ours, and its parts are no research
    ],
)
def test_tax_filings_of_a_high_tech_enterprise_are_referred_to_the_tax_service(client: TestClient, q: str) -> None:
    assert_referred_decisively(referral_of(client, q), "city-tax")


def test_a_clause_that_begins_with_是_is_a_guess_only_if_it_ends_with_a_division(client: TestClient) -> None:
    body = referral_of(client, "这是关于科技成果转化的处理意见")  # 处理 is no division
    assert body["items"][0]["id"] == "transfer-awards" and body["items"][0]["search"]["confidence"] != "low"


@pytest.mark.parametrize(
    ("q", "agency"), [("教育厅的办公楼停电了找谁", "power-supply"), ("省人社厅机关事业单位养老保险怎么缴", "hrss")]
)
def test_another_departments_premises_are_not_this_departments(client: TestClient, q: str, agency: str) -> None:
    referral = referral_of(client, q)["referral"]
    assert referral["decisive"] and referral["agency"]["id"].endswith(agency)


def test_an_english_term_of_ours_in_an_earlier_sentence_does_not_keep_the_question(client: TestClient) -> None:
    body = referral_of(client, "I retired from a provincial research institute. How is my pension calculated and who pays it?")
    assert body["referral"]["decisive"] and body["referral"]["agency"]["id"].endswith("hrss")
    assert body["items"] and all(item["search"]["confidence"] == "low" for item in body["items"])


def test_a_hotline_sending_the_question_is_named_in_passing(client: TestClient) -> None:
    body = referral_of(client, "12345热线工单：市民来电咨询2024年度辽宁省科学技术奖提名时间，请转科技厅相关处室答复。")
    assert not (body["referral"] or {}).get("decisive")
    assert body["items"][0]["id"] == "transfer-awards" and body["items"][0]["search"]["confidence"] != "low"


def test_what_comes_before_a_contrast_is_background(client: TestClient) -> None:
    items = referral_of(client, "我是厅里新入职的干部,听说有出国培训,不过我问的是国内的干部教育培训安排,该找哪个处?")["items"]
    assert items[0]["id"] == "party-committee-personnel"
    assert [i["search"]["confidence"] for i in items if i["id"] == "foreign-experts-cooperation"] == ["low"]


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        # what made the caller ring here
        (
            "市民来电,觉得房子晃了一下,问是不是地震、会不会有余震;他说看过一个节目讲科技部门在搞地震预警研究,所以打到科技这边。",
            "earthquake",
        ),
        # a third party's claimed title or park
        ("The purifier I bought from a so-called high-tech company broke and they refuse a refund.", "county-market-regulation"),
        ("A battery startup in the high-tech park is venting chemical fumes. Who do I report this to?", "city-ecology"),
    ],
)
def test_what_a_third_party_is_or_made_a_caller_ring_is_said_in_passing(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == agency
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


@pytest.mark.parametrize(
    ("q", "division"),
    [
        # a matter set aside for later, or compared
        ("县域创新驱动发展示范县考核,县科技局问省里对口处室;他们县的省级高新区也在申报升级,那个另问", "rural-science"),
        ("省科技创新工作领导小组办公室设在哪个处?跟沈大自创区领导小组办公室不是同一个吧", "policy-regulation-supervision"),
        # what the asker has or said before, ahead of the last question
        ("我们是省属企业,有高企资质,还建了院士工作站;想组织骨干去德国培训,出国(境)培训计划谁管?", "foreign-experts-cooperation"),
        ("写了好几次信,第一次说科技奖,第二次说高企,都没人回,我现在要正式信访,信访归哪个处?", "general-office"),
        ("我先找办公室问政务公开,又找人事处问,都说不归他们,那本部门预算和财务管理到底是哪个处负责?", "planning-platforms"),
        (
            "I'm a PhD. I've held a natural science fund grant and worked in a tech incubator. "
            "Now I'd like to know which division handles the department's own staffing and personnel management.",
            "party-committee-personnel",
        ),
        # a division ruled out or guessed
        (
            "导师把我做的数据改了写进省自然科学基金结题报告,我想举报科研不端。不找基金处,应该找负责科研诚信的那个处吧?是哪个?",
            "policy-regulation-supervision",
        ),
        ("省里负责院士联系服务的是哪个处?跟工程院的院地合作是另一个处,这个我不问", "talent-natural-science-fund"),
        (
            "Our company is in Dalian High-tech Zone and wants HNTE (高新技术企业) recognition. "
            "Does the high-tech zone division handle that, or someone else?",
            "enterprise-services",
        ),
        # what is attached for reference; a strong match in a notice that only states
        (
            "市科技局联系单:我市菱镁产业技术需求清单已梳理完成,另附科技型中小企业和孵化器数据供参考。需求清单报省厅哪个处?",
            "high-tech-industrialization",
        ),
        (
            "省政府督查室督办通知:省政府常务会议议定的沈大自创区建设和科技成果转化两项任务,要求各厅局按月报送落实情况。"
            "贵厅的督查督办和汇总报送由哪个处负责?",
            "general-office",
        ),
        # out of scope, said not to be theirs by the divisions asked, or sorted out with a division already
        ("省档案馆通知:请贵厅明确文书档案整理移交的处室。(干部人事档案不在此次范围)", "general-office"),
        (
            "12345转办:诉求人申报高新技术企业认定未通过,想了解原因。诉求人称曾联系科技厅行政审批处和政策法规与监督处,"
            "均答复不归其管。请确认责任处室。",
            "enterprise-services",
        ),
        (
            "工信厅:我们在推进新材料产业链,关键技术攻关的需求征集由贵厅哪个处组织?(高企认定那块已经找过企业服务处了)",
            "high-tech-industrialization",
        ),
        (
            "For the department's own workplace safety and incidents on its premises (not disaster-prevention research), "
            "which division is our contact?",
            "general-office",
        ),
        (
            "我们学院承办过省委组织部的干部培训,还开过高企申报实务课。现在想承接科技厅机关干部的年度培训项目,跟厅里哪个部门对接?",
            "party-committee-personnel",
        ),
        ("高企认定的事不问,沈大国家自主创新示范区的支持政策归哪个处?", "high-tech-zones"),  # not asked, said after it
        # a comparison that names a longer matter with 的 (跟科研项目的科技保密不是一回事吧); where a consultancy sits
        ("单位来送密件,厅里的机要和保密找哪个处?跟科研项目的科技保密不是一回事吧", "general-office"),
        (
            "Our consultancy sits in a science park and has been hired as a third-party evaluator of provincial S&T "
            "programmes. Which division handles S&T evaluation management and the rules evaluators follow?",
            "policy-regulation-supervision",
        ),
    ],
)
def test_what_is_background_to_the_question_does_not_decide(client: TestClient, q: str, division: str) -> None:
    assert referral_of(client, q)["items"][0]["id"] == division


@pytest.mark.parametrize(
    "q", ["Who inspects hazardous chemical storage at research institutes?", "危险化学品仓库在研究所里,安全检查找谁"]
)
def test_a_research_institute_is_a_place_not_research_on_their_matter(client: TestClient, q: str) -> None:
    referral = referral_of(client, q)["referral"]
    assert referral["decisive"] and referral["agency"]["id"] == "city-emergency"


@pytest.mark.parametrize(
    "q",
    ["我们想把新型研发机构作为民办非企业单位登记,去哪注册?", "准备成立一家新型研发机构,作为社会服务机构登记在哪办"],
)
def test_registering_an_rd_institute_as_a_social_organisation_is_referred(client: TestClient, q: str) -> None:
    # an R&D institute is a body, not research on their matter; 作为…登记 is no asker
    assert_referred_decisively(referral_of(client, q), "civil-affairs")


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("NAMED_DIVISION", "评价和认定有什么好处", False),  # 好处 names no division
        ("NAMED_DIVISION", "是不是归社会发展科技处", True),
        ("DONE_BEFORE", "高新技术企业认定归不归高新技术处管", False),  # a question, not a stated routing
        ("DONE_BEFORE", "工业软件我知道归信息技术处", True),
        ("DECLINED", "高新技术企业不管是否盈利都能享受", False),  # 不管是否 declines nothing
        ("DECLINED", "物业说管不了", True),
        ("DONE_BEFORE", "我们刚获得的高企资格怎么维持", False),  # 刚获得的: what is had, asked about
        ("DONE_BEFORE", "省自然科学基金项目刚结题", True),
        ("DECLINED", "小区物业收了物业费却不管卫生和维修", False),  # neglect is the matter, not a refusal
        ("DECLINED", "供热公司来测了也不给解决", True),
        ("GUESSED_EN", "who organizes the review — is it the foreign experts office?", True),
        ("STATED_EN", "i'm a reporter covering the awards ceremony. who handles press releases?", True),
        ("STATED_EN", "who handles press releases?", False),  # nothing stated before the question
        ("ANAPHOR_EN", "we want an mrna platform. who decides how such platforms are laid out?", True),
        ("PEOPLE", "人员因公出访", True),
        ("QUESTION_WORD", "科技成果转化归哪个处管吗。", True),  # a sentence ending 。 that asks
        ("QUESTION_WORD", "项目涉及新药研发。", False),
        ("ANAPHOR_ZH", "上述事项请问哪个处负责?", True),
        ("ANAPHOR_ZH", "研发投入500万以上的企业有什么政策?", False),  # 以上 of an amount refers back to nothing
        ("GUESSED_EN", "is it possible to apply for a work permit at the science department?", False),
        ("RULED_OUT_EN", "it is not clear whether our company qualifies", False),
        ("DECLINED", "打给供热公司也没人管", True),
        ("RULED_OUT", "高企认定用不用问你们科技厅", False),  # 用不用问 asks
        ("RULED_OUT", "污染问题已经解决了吗", False),  # a question, not a matter settled
        ("RULED_OUT", "科技厅和发改委的重大项目申报流程一样吗", False),  # compares what is asked
        ("RULED_OUT", "跟高新技术企业是不是一回事", True),
        ("CLAIMED", "所以我们科技项目想用单位名义申报", False),  # 所以 is no 以…名义
        ("CLAIMED", "企业名称该怎么写才是规范的", False),  # 名称 is no 称
        ("CLAIMED", "来电人称该公司是科技厅认定的高新企业", True),
        ("ALREADY_EN", "i already know how to apply for a work permit but where do i submit it?", False),
        ("GUESSED_EN", "can i go to the tax office for this?", False),
        ("WHEN", "省自然科学基金项目结题时要求提交科技报告", True),
        ("WHEN", "科技进步奖提名啥时候开始", False),  # asks when
        ("FIRMS_FIELD", "我们是做医疗器械的,想了解科技计划", True),
        ("FIRMS_FIELD", "我们是做什么的医疗器械", False),  # no clause ends after 的
        ("ASKER", "作为高新技术企业,想问加计扣除", True),
        ("ASKER", "作为社会服务机构登记在哪办", False),  # registered as: what is asked
        ("ASKER", "我现在在高新区管委会工作,想调到科技厅", True),
        ("FIRMS_FIELD", "以集成电路为特色的大学科技园", True),
        ("HAVING_WON", "拿了省科技进步奖的企业怎么认定高企", True),
        ("HAVING_WON", "我们想拿省科技进步奖", False),
        ("TOPIC", "想约厅领导就科技创新做个专访", True),
        ("TOPIC", "想围绕研发投入增长的数据约一次厅领导专访", True),
        ("TOPIC", "省政府要就科技成果转化开展专题研究", False),  # a study, not a report
        ("TOPIC", "就高新技术企业认定的工作安排", False),  # 工作 is no 作
        ("FIRMS_FIELD", "我们\u2003企业\u2003是做集成电路的,想组建联盟", True),  # the marks an expansion leaves
        ("RULED_OUT_EN", "we are setting aside funds for the certification", False),  # money set aside
        ("ASKER", "我们在科技成果登记工作中遇到问题", False),  # a piece of work, not a workplace
        ("ASKER", "作为新型研发机构在\u2002登记,需要什么条件", False),  # registered as
        ("ASKER", "作为高新技术企业需要办理技术合同登记吗", True),  # who asks, up to what they need
        ("DONE_BEFORE", "去年申的是自然科学基金", True),
        ("FIRMS_FIELD", "我们是做技术转移的机构", True),
        ("FIRMS_FIELD", "做智慧农业的众创空间想备案", True),
        ("RULED_OUT_EN", "setting aside the international cooperation side, which division drafts policies?", True),
        ("RULED_OUT", "推动重大关键技术攻关(不含信息和生物医药领域)", True),
        ("RULED_OUT", "研发费用加计扣除含不含委托研发费用?", False),  # asks whether it includes
        ("RULED_OUT", "项目经费包不包含差旅费?", False),
        ("RULED_OUT", "这两件事分别找科技厅哪个处", False),  # 分别 is no 别
        ("RULED_OUT", "博士后进站找好单位了,进站手续哪个处办?", False),  # an employer found, no agency tried
        ("RULED_OUT", "别让我去找自然科学基金处,科研诚信归谁", True),
        ("RULED_OUT", "专利本身的事找知识产权局了,成果转化政策谁管", True),  # already taken there
        ("RULED_OUT", "知识产权局在哪里", False),
        ("DONE_BEFORE", "我们虽然是汽车零部件制造厂", True),
        ("DONE_BEFORE", "其项目为玉米育种方向", True),
        ("DONE_BEFORE", "我之前借调到外国专家处帮忙", True),
        ("DONE_BEFORE", "借调期满后需要办理人事关系", False),  # what is asked about the secondment now
        ("DONE_BEFORE", "之前在高新区管委会工作", True),
        ("HAVING_WON", "有家上过省科技奖获奖名单的企业想合作", True),
        ("FIRMS_FIELD", "我们是做工业互联网的小单位", True),
        ("ASKER_EN", "i work at a tech company in the hunnan high-tech zone.", True),
        ("PEOPLE_EN", "overseas business trips for staff of the provincial ", True),
        ("PEOPLE_EN", "the staff asked for ", False),
        ("TOPIC", "想就沈大自创区建设成效采访厅领导", True),
        ("CONTRAST", "这几件事我都有问题,先问一个:大学科技园申报省级找谁", True),
        ("CONTRAST", "经咨询,高企复审由科技企业服务处负责,但此次我们想报送攻关需求", True),
        ("CONTRAST", "但愿能批下来", False),
        ("DONE_BEFORE", "前期已采访过两个高新区管委会", True),
        ("RULED_OUT", "我们公司不是来咨询高企认定的", True),
        ("SOFT_TURN", "前期已采访过管委会。现拟专访贵厅主要负责同志", True),
        ("REFERS_BACK", "填报项目时账号一直被锁,这个系统是哪个处建设管理的?", True),
        ("REFERS_BACK", "这个系统的账号怎么注册", False),  # no question mark: nothing asked back
        ("DONE_BEFORE", "我年初给科技厅写信反映评审专家的问题", True),
        ("GUESSED", "辽宁专利奖是你们成果转化与奖励处评的吗", True),
        ("DONE_BEFORE", "想写信反映问题", False),  # a letter to be written is asked
        ("DONE_BEFORE", "已经准备写信反映问题", False),
        ("DONE_BEFORE", "之前填写信息时系统报错", False),  # 信息 is no letter
        ("DONE_BEFORE", "我的项目是不是属于人工智能领域", False),  # the field is asked
        ("HAVING_WON", "没进过孵化器的企业能申请吗", False),
        ("TOPIC", "我就想知道科技成果转化的新闻报道找谁", False),  # 就 as an adverb
        ("TOPIC", "高校毕业生就业情况报道", False),
        ("ASKER_EN", "we are a small company which wants high-tech enterprise certification", True),
        ("ASKER_EN", "we are a science park development company planning to issue corporate bonds", True),
        ("ASKER_EN", "i'm a postdoc at the dalian institute of chemical physics", True),
        ("RULED_OUT", "信息和生物医药以外的相关领域", True),  # …以外的, without 除
        ("RULED_OUT", "事业单位编制以外的人员聘用归哪个处", False),  # a matter, not fields ruled out
        ("RULED_OUT", "高新区以外的企业能申请高企吗", False),
        ("RULED_OUT", "兴辽英才计划经费另行商议", True),
        ("RULED_OUT", "以课后服务名义另行收取费用", False),  # a charge, not a matter set aside
        ("RULED_OUT", "学校另行缴纳保险费", False),
        ("DONE_BEFORE", "院士服务那块我们已经和人才处联系好了", True),
        ("DONE_BEFORE", "去年公司的一个项目拿了沈阳市科技进步奖", True),
        ("DONE_BEFORE", "去年报的高企今年能通过吗", False),  # last year's application asked about
        ("BECAUSE", "因为跟环保挂钩", True),
        ("BECAUSE", "因为什么会被取消资格?", False),  # a question
        ("BECAUSE", "说是不是还要补材料", False),
        ("FIRMS_FIELD", "我做科技成果转化的时候单位不给奖励", False),  # when, not a firm's field
        ("FIRMS_FIELD", "我们是做人工智能的创业团队", True),
        ("WHY_HERE", "他说看过一个节目讲科技部门在搞地震预警研究,所以打到科技这边", True),  # what made them call here
        ("WHY_HERE", "我们在做地震预警研究,所以找科技厅", False),  # their own research, asked
        ("ATTACHED", "另附科技型中小企业和孵化器数据供参考", True),
        ("ATTACHED", "附件材料怎么提交", False),
        ("DONE_BEFORE", "第一次说科技奖,第二次说高企", True),  # what earlier letters said
        ("DONE_BEFORE", "第一次报省自然科学基金", False),  # a first application, now
        ("DONE_BEFORE", "我们是省属企业,有高企资质", True),
        ("DONE_BEFORE", "没有高企资质能不能申报", False),
        ("DONE_BEFORE", "申请这个需要有什么资质", False),  # asks what is needed
        ("CONTRAST", "都说不归他们,那本部门预算和财务管理到底是哪个处负责", True),
        ("CONTRAST", "后来听说不是,那到底是哪个", False),  # names nothing: what came before is what is asked
        ("MAIN_POINT_EN", "i've held a fund grant. now i'd like to know which division handles staffing", True),
        ("THIRD_PARTY", "孵化器里一家科技公司拖欠研发人员工资", True),
        ("THIRD_PARTY", "孵化器里的企业怎么申请补贴", False),
        ("RULED_OUT", "不找基金处,应该找负责科研诚信的那个处吧", True),
        ("RULED_OUT", "找不找得到合作单位", False),
        ("RULED_OUT", "跟工程院的院地合作是另一个处,这个我不问", True),
        ("GUESSED_EN", "does the high-tech zone division handle that, or someone else?", True),
        ("ASKER_EN", "our company is in dalian high-tech zone and wants hnte recognition", True),
        ("THIRD_PARTY", "隔壁那个什么新材料研发中试基地天天晚上排味儿", True),
        ("CLAIMED", "公司对外宣称是省科技厅认定的高新技术企业", True),
        ("RULED_OUT_EN", "i don't need the award rules, just the press contact", True),
        ("RULED_OUT_EN", "we need the award rules", False),
        ("RULED_OUT", "来电人明确不咨询高企和奖励事宜", True),
        ("RULED_OUT", "咨询高企认定", False),
        ("RULED_OUT", "他们县的省级高新区也在申报升级,那个另问", True),  # the clause before one that only sets it aside
        ("RULED_OUT", "跟沈大自创区领导小组办公室不是同一个吧", True),
        ("CLAIMED_EN", "the purifier i bought from a so-called high-tech company broke", True),
        ("CLAIMED_EN", "a battery startup in the high-tech park is venting fumes", True),
        ("CLAIMED_EN", "we are a startup in the high-tech park", False),  # who asks: the park may be what is asked about
    ],
)
def test_the_intent_patterns_match_only_what_they_mean(pattern: str, text: str, found: bool) -> None:
    assert _found("intent", pattern, text) is found


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [
        ("RESEARCH", "新型研发机构", False),  # a body, not research
        ("RESEARCH", "企业研发活动情况表", False),  # a statistical form
        ("RESEARCH", "做垃圾分类技术研发", True),
        ("PURPOSE", "进口一台研发用的设备", True),
        ("TECHNOLOGY", "某个科技计划项目的立项信息", False),  # a programme, not technology on their matter
        ("ADMINISTRATIVE", "报关手续在哪里办", True),
        ("PURPOSE", "i'd like to donate my body to medical research", True),
        ("PURPOSE", "危废研究用户调查", False),  # user research
        ("ADMINISTRATIVE", "手续费怎么收", False),  # a fee, not a procedure
        ("ADMINISTRATIVE", "营业执照经营范围去哪变更", True),
        ("RESEARCH", "our research radar needs a radio frequency licence", False),  # a thing research uses
        ("RESEARCH", "research on radio frequencies", True),
        ("TECHNOLOGY", "is income from a technology transfer contract vat-exempt", False),  # a contract
        ("TECHNOLOGY", "少儿编程机器人科技班关门了", False),  # a class
        ("TECHNOLOGY", "地震监测科技攻关", True),
        ("TECHNOLOGY", "省政府质量奖和科技进步奖不是一回事吧", False),  # an award, not technology on their matter
        ("TECHNOLOGY", "商家说是黑科技", False),  # a sales word
        ("TECHNOLOGY", "说是高科技产品", False),
        ("TECHNOLOGY", "如何提高科技成果转化效率", True),  # 提高 is no sales word
        ("OWNED", "省信访局转来一封", True),  # forwarded here to handle
        ("OWNED", "省信访局转交给我们的一封", True),
        ("OWNED", "公司收到税务局转来的", False),  # forwarded to the asker
        ("OWNED", "能不能帮我转交一份", False),
        ("OWNED", "本厅那栋楼的", True),  # the department's own building
        ("OWNED", "教育厅那栋楼的", False),
    ],
)
def test_the_referral_patterns_match_only_what_they_mean(pattern: str, text: str, found: bool) -> None:
    assert _found("referrals", pattern, text) is found


@pytest.mark.parametrize(
    ("pattern", "text", "ruled_out"),
    [
        ("RULED_OUT_EN", "tech for public safety — not health, not agriculture?", ["not health", "not agriculture"]),
        ("RULED_OUT_EN", "a platform for our lab, not sure which office", []),  # not sure rules nothing out
        ("RULED_OUT", "中长期规划谁牵头起草?别说是政策法规处", ["别说是政策法规处"]),  # a division the asker rules out
    ],
)
def test_what_the_asker_rules_out_is_found_after_a_comma_and_after_bie_shuo(
    pattern: str, text: str, ruled_out: list[str]
) -> None:
    found = [m.group().strip() for m in getattr(importlib.import_module("app.search.intent"), pattern).finditer(text)]
    assert found == ruled_out


def _found(module: str, pattern: str, text: str) -> bool:
    """Whether a pattern of a search module (app.search.intent, app.search.referrals) finds anything in a text."""
    return getattr(importlib.import_module(f"app.search.{module}"), pattern).search(text) is not None


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("I'd like to donate my body to medical research after I die. Who registers this in Liaoning?", "red-cross"),
        ("Which court would hear a technology licensing dispute with our Chinese partner in Dalian?", "court"),
        ("I designed a new valve at my lab and want to patent it. Where do I file the application?", "intellectual-property"),
    ],
)
def test_english_research_that_is_only_a_purpose_keeps_no_question(client: TestClient, q: str, agency: str) -> None:
    # the registration asked in the next sentence is read, not cut off mid-word
    assert_referred_decisively(referral_of(client, q), agency)


def test_the_topic_of_an_interview_is_background_but_the_interview_is_asked(client: TestClient) -> None:
    q = "我是电视台记者,想就人工智能产业发展约个专访,应该联系哪个部门?"
    assert referral_of(client, q)["items"][0]["id"] == "general-office"


@pytest.mark.parametrize(
    ("q", "division"),
    [
        ("除信息、生物医药以外的高新技术领域,技术发展需求分析由哪个处组织?", "high-tech-industrialization"),
        (
            "举报!同组有人在省自然科学基金结题材料里编造实验数据。别让我去找自然科学基金处,科技厅管科研诚信的是哪个处",
            "policy-regulation-supervision",
        ),
        ("我们虽然是沈阳的汽车零部件制造厂,但这回想参与的是工业设计仿真软件国产化攻关,属于哪个处?", "information-technology"),
        ("Who signs off on business trips abroad for staff of the provincial research institutes", "foreign-experts-cooperation"),
        ("Who signs off on research trips abroad for staff of the provincial research institutes", "foreign-experts-cooperation"),
        ("信息和生物医药以外的相关领域,拟订高新技术发展与产业化规划的是哪个处?", "high-tech-industrialization"),
        ("同事说精细化工攻关归社会发展科技处，因为跟环保挂钩，到底是哪个处？", "high-tech-industrialization"),  # why
        ("我们实验室有台冷冻电镜,虽说主要做生物医药研究,但问的是仪器对外开放共享这事,归哪个处推动?", "planning-platforms"),
        ("省信访局转来一封群众来信,反映对科技厅某项工作的意见,厅内由哪个处统一接收办理?", "general-office"),
    ],
)
def test_what_the_asker_rules_out_or_only_says_of_themselves_does_not_decide(client: TestClient, q: str, division: str) -> None:
    assert referral_of(client, q)["items"][0]["id"] == division


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("Our research radar needs a radio frequency licence. Who issues it?", "industry-province"),
        ("Can I convert my UK driving licence in Shenyang? I work at a tech company in the Hunnan zone.", "traffic-police"),
        ("我们科技型小公司想在营业执照经营范围里加上'技术开发、技术咨询',去哪变更?", "county-market-regulation"),
    ],
)
def test_what_research_uses_and_a_firms_description_keep_no_question(client: TestClient, q: str, agency: str) -> None:
    assert_referred_decisively(referral_of(client, q), agency)


@pytest.mark.parametrize(
    "q",
    [
        "网上有人冒充科技厅工作人员,说交2万就能包过高企认定,我交了钱人就联系不上了",
        "来电人反映接到自称省科技厅项目办人员电话,称缴纳5000元保证金即可获批科技补贴,转账后对方失联,要求追回损失。",
    ],
)
def test_being_defrauded_is_asked_whatever_programme_the_fraud_names(client: TestClient, q: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == "county-police" and body["referral"]["decisive"]
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


def test_a_fraud_named_only_as_a_word_decides_nothing(client: TestClient) -> None:
    body = referral_of(client, "天天接骚扰电话和诈骗短信,运营商也不管,能投诉到哪")  # the carrier's matter, not a fraud suffered
    assert body["referral"]["agency"]["id"] == "communications"


def test_a_clause_that_refers_back_keeps_its_matter(client: TestClient) -> None:
    q = "我们是生物制药公司,在省科技管理信息系统填报项目时账号一直被锁,这个系统是哪个处建设管理的?"
    assert referral_of(client, q)["items"][0]["id"] == "planning-platforms"


@pytest.mark.parametrize(
    ("text", "not_in_it"),
    [
        ("we are a science park development company planning to issue corporate bonds", "bonds"),
        ("we are a small company which wants high-tech enterprise certification", "certification"),
        ("i work at a university in shenyang need foreign expert work permit", "permit"),
    ],
)
def test_who_asks_in_english_stops_before_what_they_want(text: str, not_in_it: str) -> None:
    found = _match("intent", "ASKER_EN", text)
    assert found is not None and not_in_it not in found.group()


def _match(module: str, pattern: str, text: str) -> re.Match[str] | None:
    """A pattern of a search module's first match in a text."""
    return getattr(importlib.import_module(f"app.search.{module}"), pattern).search(text)


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("市图书馆少儿借书证怎么办?", "library"),
        ("留学回来的国外学历学位认证在哪办?", "cscse"),
        ("被抽中参加住户收支调查,能否退出?", "survey-office"),
        ("高新区要建科技产业园,征收我家房子,补偿标准太低,找哪个部门反映?", "housing-expropriation"),
        ("大学毕业档案转回铁岭放哪", "talent-service"),
    ],
)
def test_matters_of_bodies_beside_the_departments_name_them(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == agency and body["referral"]["decisive"]


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("我们是高新技术企业,税务稽查说研发费用归集不合规,对稽查结论不服怎么申请复议?", "city-tax"),  # a tax audit
        ("实验室爆炸受伤了 工伤认定找谁", "city-hrss"),  # the injury is what is asked, not the explosion
        ("網購的「石墨烯」發熱護膝根本不熱,商家說是黑科技,怎麼投訴", "county-market-regulation"),
    ],
)
def test_the_act_asked_decides_over_the_technology_named(client: TestClient, q: str, agency: str) -> None:
    assert_referred_decisively(referral_of(client, q), agency)


def test_who_asks_in_english_runs_to_the_whole_name_of_their_institute() -> None:
    text = "my residence permit expires; i'm a postdoc at the dalian institute of chemical physics. where do i renew it?"
    spans = [m.group() for m in importlib.import_module("app.search.intent").ASKER_EN.finditer(text)]
    assert spans == ["i'm a postdoc at the dalian institute of chemical physics"]


@pytest.mark.parametrize(
    ("q", "division"),
    [
        ("科技系统干部出国(境)培训的年度计划由哪个处组织实施?", "foreign-experts-cooperation"),  # 干部 only says whose
        ("高新区年度考核指标问哪个处", "high-tech-zones"),  # 年度考核 is shorter than 高新区…考核: it does not fill it
    ],
)
def test_a_longer_term_that_fills_a_gap_is_what_is_asked(client: TestClient, q: str, division: str) -> None:
    assert referral_of(client, q)["items"][0]["id"] == division


def test_a_research_programme_named_as_another_agencys_is_theirs(client: TestClient) -> None:
    assert_referred_decisively(referral_of(client, "省中医药管理局的中医药科研课题今年怎么申报?"), "tcm")
    ours = referral_of(client, "中医药科研课题怎么申报")
    assert ours["referral"] is None and ours["items"][0]["id"] == "biomedicine"


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("I need an apostille on my Chinese degree certificate to use it in Japan. Who does this?", "foreign-affairs"),
        ("I need my work experience certificate notarized for my visa back home in Korea. Where to go?", "notary"),
        ("How do I claim a refund of overpaid individual income tax?", "city-tax"),  # "of" names the matter
        (
            "Set up a postdoctoral workstation (boshihou gongzuozhan) in our foreign-invested R&D centre - who approves?",
            "hrss",
        ),  # … and what it is in, after a bracket
    ],
)
def test_in_english_the_matter_comes_before_what_it_is_on_or_for(client: TestClient, q: str, agency: str) -> None:
    assert referral_of(client, q)["referral"]["agency"]["id"] == agency


def test_not_the_division_that_does_something_rules_out_all_of_it() -> None:
    text = "which office is our contact? not the division that does disaster-prevention research."
    spans = [m.group() for m in importlib.import_module("app.search.intent").RULED_OUT_EN.finditer(text)]
    assert spans == ["not the division that does disaster-prevention research"]


def test_a_list_of_examples_is_in_passing_where_a_matter_is_named_outside_it(client: TestClient) -> None:
    examples = "科技成果转化、沈大自创区建设、高企培育等"
    listed = f"省政府常务会议议定事项中涉及贵厅的有{examples}多项任务,请问贵厅由哪个内设机构统一汇总督办情况?"
    assert referral_of(client, listed)["items"][0]["id"] == "general-office"
    assert referral_of(client, f"{examples}任务归哪个处?")["items"][0]["search"]["confidence"] != "low"  # asked, not examples


def test_what_their_english_matter_is_for_says_no_technology_of_ours(client: TestClient) -> None:
    tax = referral_of(client, "VAT exemption for technology transfer income, how to apply")
    assert_referred_decisively(tax, "city-tax")
    ours = referral_of(client, "How does my small tech startup get recognized as a high-tech company so we pay less tax?")
    assert ours["items"][0]["id"] == "enterprise-services" and not ours["referral"]["decisive"]


def test_the_field_a_firm_says_it_is_in_is_in_passing(client: TestClient) -> None:
    q = "我们是集成电路企业,担心涉密关键技术外泄,科技安全和科技保密工作省厅哪个处负责?"
    assert referral_of(client, q)["items"][0]["id"] == "policy-regulation-supervision"


@pytest.mark.parametrize(
    ("module", "pattern", "text"),
    [
        ("intent", "EXAMPLES", "高新技术企业认定需要营业执照、财务报表等材料,找哪个处?"),  # two items are no list of examples
        ("intent", "FIRMS_FIELD", "我们是不是高新技术企业"),  # a question, not the firm's field
        ("intent", "FIRMS_FIELD", "我们是要申报高新技术企业"),
        ("referrals", "FUNDED_BY", "卫健委的专家参与我们的科研项目,劳务费怎么发?"),  # an agency mentioned, not funding
        ("referrals", "FUNDED_BY", "公安局的朋友说科研项目要备案"),
    ],
)
def test_the_days_patterns_do_not_match_what_their_comments_exclude(module: str, pattern: str, text: str) -> None:
    assert _match(module, pattern, text) is None


def test_a_that_after_other_than_still_stops_what_is_ruled_out() -> None:
    text = "other than that is the patent office responsible for trademark registration?"
    spans = [m.group() for m in importlib.import_module("app.search.intent").RULED_OUT_EN.finditer(text)]
    assert spans == ["other than that "]


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("医院开展研究者发起的临床研究,需要到哪个行政部门备案?", "health"),  # 临床研究 of 临床研究…备案 is their word too
        (
            "Our hospital plans an investigator-initiated clinical study (研究者发起的临床研究) on the gut microbiome. "
            "Where do we register or file it in Liaoning?",
            "health",
        ),
    ],
)
def test_a_study_a_researcher_starts_is_their_matter_not_research_asked(client: TestClient, q: str, agency: str) -> None:
    assert_referred_decisively(referral_of(client, q), agency)


def test_the_field_a_factory_says_it_works_in_is_in_passing(client: TestClient) -> None:
    q = "专精特新咋认定啊 我们厂做精密减速器的 研发投入占比肯定够了"
    assert _match("intent", "FIRMS_FIELD", q)
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == "industry-province"
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


def test_a_letter_a_petitions_bureau_forwards_is_sent_here_to_handle() -> None:
    assert _match("referrals", "OWNED", "省信访局转送我厅一件")
    assert _match("referrals", "OWNED", "省信访局转送过来的")
    assert _match("referrals", "OWNED", "省信访局转送一件") is None  # 转送 says not where to (…给市住建局)


def test_a_request_ending_a_letter_is_what_it_asks() -> None:
    assert _match("intent", "QUESTION_WORD", "请贵厅负责干部挂职交流的部门与我局对接。")
    assert _match("intent", "QUESTION_WORD", "我们已提交了单位信息修改申请。") is None  # 申请 requests nothing
    assert _match("intent", "QUESTION_WORD", "此事已报请示。") is None
    assert _match("intent", "QUESTION_WORD", "恳请贵厅予以指导。")
    assert _match("intent", "QUESTION_WORD", "去年,请第三方机构帮忙做了技术合同登记。") is None  # hired, not asked


def test_what_a_letter_states_before_its_request_counts_for_less(client: TestClient) -> None:
    q = (
        "某市委组织部来函:我市拟选派一名市科技局副局长到贵厅挂职,该同志熟悉高新区建设和科技成果转化工作。"
        "请贵厅负责干部挂职交流的部门与我部对接。"
    )
    assert referral_of(client, q)["items"][0]["id"] == "party-committee-personnel"


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        ("Patent for a new drip irrigation device: how do I file it?", "intellectual-property"),  # what it is for
        ("Who sets the seismic fortification requirements for a research facility we are building?", "earthquake"),
        ("想申报省社科基金,课题是农业技术推广体制研究,在哪报?", "social-science-planning"),  # its topic
        ("楼下化工厂天天排废气 实验室都能闻到 去哪举报", "city-ecology"),  # no term of ours across the space
        ("对科技厅的行政决定不服,行政复议向哪个机关申请?", "administrative-review"),
        ("侨眷出国探亲,办护照和出境手续走什么流程?", "exit-entry"),
        ("Is the cash prize of a provincial Science and Technology Award subject to income tax?", "city-tax"),  # a prize
    ],
)
def test_what_their_matter_is_on_or_about_does_not_answer_for_us(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == agency
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        # what is done before, in English: every word of ours first said in a sentence before theirs
        (
            "My foreign work permit was approved through the science department. "
            "Now where do I apply for my residence permit in Shenyang?",
            "exit-entry",
        ),
        ("我想百年之后把遗体捐给医科大学做医学研究，现在去哪登记？", "red-cross"),  # research only what it is for
        ("小区附近一家自称搞新材料研发的高新技术企业夜间排放刺鼻气体,要求查处。", "city-ecology"),  # who is reported
        # a technology used as a tool; what the caller takes to be ours
        ("来电人反映某手机APP用AI换脸技术生成其本人视频,要求平台删除,来电人认为人工智能归科技厅管。", "county-police"),
        (
            "12345工单:来电人在一家科技公司上班,公司拖欠工资两个月。来电人认为科技型企业归科技厅管理,要求督促公司发工资。",
            "city-hrss",
        ),
        (
            "工单:来电人反映其在沈阳某科技公司从事研发工作,公司已连续三个月拖欠工资,来电人认为公司是高新技术企业,"
            "要求科技厅责令公司发放工资",
            "city-hrss",
        ),  # what a caller takes their employer to be
        ("社保断缴了,就是说换了个高新技术企业上班,社保怎么接续", "city-hrss"),  # where the asker moved to work
        ("网上说科技厅网站改版了,顺便问一下,我们公司网站的ICP备案被注销了找哪个部门", "communications"),  # news heard
    ],
)
def test_what_was_done_before_or_is_only_a_purpose_or_a_claim_keeps_no_question(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == agency
    assert all(item["search"]["confidence"] == "low" for item in body["items"])


def test_what_a_caller_takes_to_be_ours_is_a_claim() -> None:
    assert _match("intent", "CLAIMED", "来电人认为人工智能归科技厅管").group() == "来电人认为人工智能归科技厅管"
    assert _match("intent", "CLAIMED", "我觉得技术合同登记是你们管的吧") is None  # what the asker asks
    assert _match("intent", "CLAIMED", "一家自称搞新材料研发的高新技术企业夜间排放").group() == "自称搞新材料研发的高新技术企业"


@pytest.mark.parametrize(
    ("q", "division"),
    [
        # ours asked in a question of its own, not done before
        (
            "Which division issues the foreigner's work permit? And where do I renew my residence permit?",
            "foreign-experts-cooperation",
        ),
        ("从国外进口一批小鼠用于实验动物研究,实验动物使用许可证去哪办?", "general-office"),  # ours said again: asked
        ("我觉得技术合同登记是你们管的吧，在哪个处办？", "transfer-awards"),  # the asker's own belief holds the ask
        ("森林防火有没有更先进的监测技术手段，找科技厅哪个处？", "social-development"),  # technology asked
    ],
)
def test_what_is_asked_of_ours_is_not_referred_away(client: TestClient, q: str, division: str) -> None:
    body = referral_of(client, q)
    assert body["items"][0]["id"] == division and not (body["referral"] and body["referral"]["decisive"])


@pytest.mark.parametrize(
    ("q", "division"),
    [
        ("来电人认为技术合同登记应由科技厅负责,询问具体办理处室。", "transfer-awards"),  # a caller's claim, asked alone
        ("科技型中小企业在不在此次范围内?", "enterprise-services"),  # asks about the scope
        ("我们要办技术合同登记,都说不归他们管,到底找谁?", "transfer-awards"),  # no division named before it
        ("我举报的科研不端问题市里不闻不问", "policy-regulation-supervision"),  # 不闻不问 asks nothing aside
        ("Which division handles the renewal (not initial) of high-tech enterprise recognition?", "enterprise-services"),
        ("为了孵化器备案找了三个处了,到底归谁管?", "transfer-awards"),  # divisions tried, the matter still asked
        ("我们和高校合作的成果转化奖励和科技进步奖是不是一回事?", "transfer-awards"),  # compared from the nearest 和
        ("已经召开过项目验收会,验收结论什么时候出来?", "planning-platforms"),  # 召开过 is no 开过
        ("社科基金立项了,课题是科技成果转化机制研究,另外想问科技成果转化的奖励政策归哪个处?", "transfer-awards"),
        # what the review of rounds 24 and 25 found: a choice of offices with a verb before it, 好处或者
        ("孵化器备案找成果转化处还是高新区处", "transfer-awards"),
        ("我们是一家软件公司,申请高企有什么好处或者优惠政策吗?", "enterprise-services"),
        ("来电人系某企业职工咨询高新技术企业认定条件,企业是做软件的", "enterprise-services"),  # who asks ends at 咨询
        (
            "I have been working at a high-tech zone startup on foreign expert recruitment and wonder which division I "
            "should contact.",
            "foreign-experts-cooperation",
        ),  # no division once worked at
        (
            "We already have high-tech enterprise status, but that's not my question, I want to know who handles foreign "
            "expert work permits.",
            "foreign-experts-cooperation",
        ),  # what comes after "not my question" is asked
        ("我们学校不在大学科技园认定范围里,学校在大连高新区,哪个处能解释一下", "transfer-awards"),  # a programme, no zone
        ("上周提交了孵化器认定申请,请帮确认一下在高新区的场地是否符合要求", "transfer-awards"),  # no which-division ask
        ("我们在高新区的孵化器申请了国家级孵化器认定,想问受理申请的部门是省里哪个", "transfer-awards"),  # 受理 an application
        ("学校已和企业共建了大学科技园,园区的财务管理问题找谁", "transfer-awards"),  # the next clause refers back
    ],
)
def test_what_is_asked_is_not_set_aside_by_a_word_near_it(client: TestClient, q: str, division: str) -> None:
    first = referral_of(client, q)["items"][0]
    assert (first["id"], first["search"]["confidence"]) == (division, "medium")


@pytest.mark.parametrize(
    ("q", "agency"),
    [
        (
            "Our company is a certified High and New Technology Enterprise (高企). "
            "How do we apply the 15% corporate income tax rate?",
            "city-tax",
        ),  # who asks: a certified High and New Technology Enterprise (高企)
        (
            "trademark registration for our startup, which is incubated at a university science park?",
            "intellectual-property",
        ),  # who asks: our startup, which is incubated at …
        (
            "How do we enrol our foreign employees in social insurance? We were introduced through the foreign expert programme.",
            "city-hrss",
        ),  # who asks: we were introduced through …
        (
            "Found a fossil near Chaoyang. Should I hand it to the science department or a research institute?",
            "city-natural-resources",
        ),  # a guess of whom to hand it to
        (
            "省社科规划基金什么时候申报?是不是和省自然科学基金一起在科技厅系统里报",
            "social-science-planning",
        ),  # a guess that it goes with a fund of ours (是不是和…一起…报)
        ("报考中科院沈阳自动化所的硕士研究生,准考证找谁问", "admissions"),  # an exam for a place at an institute
        ("开发区里那家生物医药企业天天往外排怪味,打哪个电话投诉?", "city-ecology"),  # a third party: 那家…企业
        (
            "有家诊所宣传「干细胞回输抗衰老新技术」,一针三万,这合法吗?",
            "city-health",
        ),  # the end of a quoted name is no technology asked
        ("实名举报某处长收受企业好处费,帮人家通过高企认定", "discipline"),  # what a bribe was for
        ("几个朋友想成立一个「无人机科技爱好者协会」,去哪登记?", "county-civil-affairs"),  # an association named 科技
        ("装修时挖出一罐铜钱,要交给研究所吗?", "cultural-heritage"),  # a guess that an institute takes it
        (
            "We need a security assessment before sending research data abroad - "
            "which office handles cross-border data transfer?",
            "cyberspace",
        ),  # research data is a thing, no research asked
        ("Where do I file the ICP record for our research platform's website?", "communications"),  # nor a research platform
        (
            "辽宁省社会科学规划基金项目的申报通知发了吗?是不是也在科技厅的科技管理信息系统里填报",
            "social-science-planning",
        ),  # a guess that it is filed in our system
        ("人大代表建议《关于加强农村饮水安全工程建设的建议》,由哪个处承办?", "city-water"),  # the channel is in passing
        ("营业执照副本丢了想补,网上有人说科技型企业找科技厅?", "county-market-regulation"),  # heard to be ours
    ],
)
def test_who_asks_a_guess_a_third_party_or_a_name_keeps_no_question_here(client: TestClient, q: str, agency: str) -> None:
    body = referral_of(client, q)
    assert body["referral"]["agency"]["id"] == agency
    assert all(item["search"]["confidence"] == "low" for item in body["items"])
