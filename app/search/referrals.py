"""Referrals: the matter of another agency a query names, and whether it outweighs every matter of ours the query names."""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.search.index import Scored
from app.search.intent import (
    CALLER_THINKS,
    PETITIONS,
    RANKS,
    in_aside,
    named,
    occurrences,
    part_spans,
    rank,
    role,
    ruled_out,
    where,
)
from app.search.places import Place, place_of
from app.search.text import CLAUSE_BREAK, DEPARTMENT_MARK, GAP, clauses, stem_runs, term_stems, words

ANSWERS_WELL = 0.45  # a score of ours that keeps an agency named in passing from deciding (the medium threshold)

# Words that make another agency's matter a field of research (垃圾分类技术研究), not the matter asked about (a research
# institute, 研究所, 研究机构, 研发机构, 课题组, a research lab, centre, group or team is a place; a research assistant, a
# person; R&D expenses, 研发费用, are accounts; 研发活动情况表 is a statistical form; a research radar, instrument or
# sample, or its data, is a thing research uses) …
RESEARCH = re.compile(
    r"研究(?!员|生|所|院|机构|中心)|研发(?!费|机构|中心|部门|活动情况)|攻关|课题(?!组)|科研项目|科技项目"
    r"|r ?& ?d(?! expen| cost| spend)"
    r"|research(?!er| institut| lab| cent| group| team| assistant| staff| fellow| student"
    r"| radar| instrument| equipment| device| vessel| ship| sample| animal| reactor| facilit| station| use| data"
    r"| platform['’]?s? (?:website|site|domain|app))"
)
# … and words of technology (出土文物保护技术), unless the question asks for a licence or an approval for it
# (向国外转让专利技术需要审批吗, an export licence for dual-use technology); promoting a technology in its sector
# (建筑节能新技术推广) is the sector's; a technology enterprise (高新技术企业, 科技公司) is a kind of firm, a 科技班 a
# class, a technology (transfer) contract (技术合同) a contract, a technical course, post or worker (技术类专业, 技术工种) a
# job, a science and technology award (科技奖, a Science and Technology Award) a prize, how to use a technology (技术咋用)
# or what it was used to make (AI换脸技术生成视频) no research, and 黑科技 or 高科技 a sales word, as is the end of a name
# quoted (「干细胞回输抗衰老新技术」, 「XX健康科技」).
TECHNOLOGY = re.compile(
    r"技术(?!人员|员|职称|资格|合同|秘密|标准|规范|推广|方案|企业|类(?=专业|岗位|职称|工种)|工种|岗位|工人|咋用|怎么用|生成|合成|[」”』])"
    r"|(?<!黑)(?:(?<!高)|(?<=提高))科技(?!计划|项目|局|厅|公司|企业|型|班|进步奖|奖|[」”』])"
    r"|technolog(?!(?:y|ies) (?:(?:transfer )?contract|enterprise|compan|firm|award|prize))"
)
ADMINISTRATIVE = re.compile(r"审批|许可|备案|登记|注册|申领|办理|变更|手续(?!费)|证书|licen[cs]e|permit|approv|regist")

# … and research that is only what their matter is for, when an approval is asked after it (引进大豆种质资源做育种研究,
# 进口审批从哪个部门走?).
PURPOSE = re.compile(
    r"(?:做|用于|用来|供|捐献给|捐给)[^,;:?!。]{0,6}?(?:研究|研发|实验)|(?:研究|研发|实验|科研)用(?![户于来])的?"
    r"|\b(?:to|for) (?:medical |scientific )?research\b"
)

# … and research that something is given for (把遗体捐给医学研究): the gift is the matter, whatever is asked after it.
GIVEN_FOR = re.compile(r"(?:捐献给|捐给|捐献|捐)[^,;:?!。]{0,8}?(?:研究|研发|实验|科研)")

# … unless the research is itself another agency's to fund: social sciences and humanities (社科课题 is still 社科规划办's).
SOCIAL_SCIENCE = re.compile(r"社科|社会科学|人文|(?<![天水人])文科|social science|humanities")
# … or another agency named as funding it, right after its name (省中医药管理局的中医药科研课题, 卫健委设立的科研项目).
FUNDED_BY = re.compile(
    r"(?:局|厅|委员会|委|办公室|办)(?:的|设立的|组织的|资助的|下达的)[^,;:?!。的说]{0,6}?(?:课题|科研项目|科技项目|科研计划|基金项目)"
)


# … and the department's own premises and staff (本厅, 厅机关, 厅里的办公楼; not 人社厅机关事业单位 or 教育厅的办公楼): a power
# cut in 厅机关办公楼 is the office's to plan for.
OWN = re.compile(r"(?<![\u3400-\u9fff])(?:本厅|厅机关|厅(?:里|内)?的?(?:办公楼|大楼|食堂))")
# … and a petition to the department (给科技厅写信上访, 贵厅信访事项归口哪个处室): its office's own work.
PETITION = re.compile(rf"{PETITIONS.pattern}|上访")
HERE = re.compile(rf"{DEPARTMENT_MARK}|贵厅|本厅|你们厅|厅里")
# … and a matter the department is named as having, right before it (科技厅机关公务员招录, 科技厅的政务服务大厅, 科技厅今年
# 公务员招录, 科技厅那栋楼) or earlier in its clause after 厅机关, 厅内部 or 厅里的 (厅机关的公车、食堂、物业维修; not
# 教育厅机关); not one it is only asked about (请问省科技厅环评审批找谁, 厅里能办护照吗: the asker takes it for the agency);
# or one forwarded to it.
TO_US = r"(?:来|过来|到?(?:我厅|本厅|贵厅)|给(?:我厅|本厅|贵厅))"  # where a letter is forwarded: here
OWNED = re.compile(
    rf"(?:{DEPARTMENT_MARK}|本厅)(?:机关的?|内部的?|今年的?|明年的?|里的?|内的?|的|(?:那|这)栋楼的?|的?(?:办公楼|大楼)的?)\s*$"
    rf"|(?:{DEPARTMENT_MARK}|本厅|贵厅|你们厅|(?<![育社安政务建信村利输法计源境障游])厅)(?:机关|内部|里的)[^,;:?!。]*$"
    # … or sent here to handle by a petitions or government office (省信访局转来一封群众来信; 信访 read as a channel may be
    # blanked: 省 局转来), or to us (转给厅里的)
    # (转送 only with where to: 转送我厅, 转送过来; not 转送一件…给市住建局)
    r"|(?:(?:(?:信访|\s)(?:局|办|部门)|12345|热线|办公厅|督查室|省委|省政府)"
    rf"(?:转来|转交|转办|交办|转送(?={TO_US})){TO_US}?|转(?:交|办|送)?给(?:我们|科技厅|厅里|本厅))"
    r"了?的?(?:一[封份件个条批])?\s*$"
)


@dataclass(frozen=True)
class Referral:
    """Another agency's matter the query names (its subject term), whether it is the query's matter, and the place named."""

    hit: Scored
    decisive: bool
    place: Place | None = None

    @property
    def term(self) -> str:
        """The matter's term, as the subject index lists it."""
        return self.hit.document.ref


# English words count twice over, so "phone number of the department" says no more than 号码 twice.
def size(term: str) -> int:
    """How much a term says: Chinese by its characters, English by its words (stop words left out) twice over."""
    return 2 * len(term_stems(term)) if term.isascii() else len(term.replace(GAP, ""))


def _said_size(hit: Scored) -> int:
    """How much a term of ours says as the query wrote it: no more than the abbreviation typed (科普 read as 科学普及)."""
    term, expanded = hit.document.normalised, hit.query.expanded
    if expanded and expanded[1] in term:
        return size(term) - len(expanded[1]) + len(expanded[0])
    if term.isascii():
        return _said_size_en(term, hit.query.text)
    return size(term)


# English words of a term said apart (a research facility we are building) say no more than the longest run of them.
def _said_size_en(term: str, text: str) -> int:
    """How much an English term says as the query wrote it: twice its longest run of words said one after another."""
    stems, said = term_stems(term), [stem for stem, _, _ in words(text)]
    runs = [
        next((n for n in range(len(stems) - j, 0, -1) if tuple(said[i : i + n]) == stems[j : j + n]), 0)
        for i in range(len(said))
        for j in range(len(stems))
    ]
    return 2 * max(runs) if max(runs, default=0) else size(term)


def _at(hit: Scored, text: str | None = None) -> int:
    """Where the hit's term is named in its query (or another reading's text): as written, or in English at its last word."""
    term, text = hit.document.normalised, hit.query.text if text is None else text
    found = where(term, text)
    if found == -1 and term.isascii():
        stems = set(term_stems(term))
        found = max((start for stem, start, _ in words(text) if stem in stems), default=-1)
    return found


JOINS = "后的之"  # a particle that may stand between a qualifier and the matter it qualifies: 来华工作后家属签证


# Chinese puts the head last, so a term of ours that runs into theirs sharing its first word (高新技术企业所得税: 企业),
# or joined to it by a particle (外国人来华工作后家属签证), says whose tax or whose visa, not what is asked; one that
# merely comes before (科技企业上市, 工作许可证过期) may still be the matter. A term of ours with a gap whose first part
# is named within theirs (基金…评审结果 in 省社科基金项目评审结果) is about their thing: the fund is 社科基金.
def _qualifies(ours: str, spans: list[tuple[int, int]], text: str) -> bool:
    """Whether a term of ours only qualifies a matter of theirs named at one of `spans` (高新技术企业所得税: whose tax)."""
    if ours.isascii():
        return False
    if GAP in ours:
        first = _first_part(ours, text)
        return first is not None and any(a <= first[0] and first[1] <= b for a, b in spans)
    start = where(ours, text)
    end = start + len(ours)
    return any(start < at < end or (at == end + 1 and text[end] in JOINS) for at, _ in spans)


def _first_part(term: str, text: str) -> tuple[int, int] | None:
    """Where a term named whole in a text begins: its first part (the whole term, if it has no gap), or None."""
    at = where(term, text)
    return (at, at + len(term.split(GAP)[0])) if at >= 0 else None


BREAK = re.compile(r"[\s\W_的]")  # between two terms: a clause break, or 的 (ours then qualifies what follows)


# Head last, such a term says only who asks or about what (我在科研院所上班，单位不给交社保; 研发企业的危险化学品许可证),
# and their matter is the question; one that runs on into theirs (高新技术企业认定需要营业执照吗) may still be.
def _before(ours: str, at: int, text: str) -> bool:
    """Whether a term of ours stands apart before their matter: in an earlier clause, or (Chinese) qualifying it through 的."""
    if at < 0 or (GAP in ours and ours.isascii()):
        return False
    if GAP in ours:  # 新材料…实验室 in 新材料公司实验室…，公司不肯报工伤: where its last part ends
        end = max((b for _, b in part_spans(ours, text)), default=at + 1)
        return end <= at and BREAK.search(text[end:at]) is not None
    if ours.isascii():  # English: every word of ours, where first said, in a sentence or clause before theirs (I retired
        said = words(text)  # from …. My pension; my work permit was approved. … my residence permit?)
        firsts = [min((end for stem, _, end in said if stem == one), default=-1) for one in set(term_stems(ours))]
        end = max(firsts, default=-1)
        stated = "?" not in text[end:at]  # not asked in a question of its own (Which division issues work permits?)
        return min(firsts, default=-1) >= 0 and end <= at and stated and CLAUSE_BREAK.search(text[end:at]) is not None
    start = where(ours, text)
    end = start + len(ours)
    return 0 <= start and end <= at and BREAK.search(text[end:at]) is not None


# Both are placed in the reading that names ours (高企 expanded to 高新技术企业), so their places there are found again
# rather than taken from theirs.
def _apart(ours: Scored, theirs: list[Scored], longest: Scored) -> bool:
    """Whether a term of ours only qualifies their matter, stands apart before it or spans clauses."""
    term, text = ours.document.normalised, ours.query.text
    placed = [_first_part(s.document.normalised, text) for s in theirs if role(s) == role(longest)]
    spans = [span for span in placed if span is not None]
    at = max(_at(s, text) for s in theirs)
    apart = _qualifies(term, spans, text) or _before(term, at, text) or _across_clauses(term, text)
    return apart or _for_theirs_en(term, theirs, text) or _topic_of_theirs(term, at, text)


# English puts the head first: a term of ours said right after theirs and for or on (a patent for a new drip
# irrigation device, quarantine approval for frozen research samples) says what their matter is for.
def _for_theirs_en(ours: str, theirs: list[Scored], text: str) -> bool:
    """Whether an English term of ours is said right after an English matter of theirs and for or on."""
    if not ours.isascii():
        return False
    said = words(text)
    starts = [a for a, _ in stem_runs(term_stems(ours), said)]
    ends = [b for s in theirs if s.document.normalised.isascii() for _, b in stem_runs(term_stems(s.document.normalised), said)]
    return any(OBJECT_EN.fullmatch(text, end, start) for end in ends for start in starts if end <= start)


# A clause after their matter that says what it is on (想申报社科基金，课题是…农业技术推广体制研究) names its topic.
PROJECT_TOPIC = re.compile(r"(?:课题|题目|选题|项目名称|研究方向|研究内容|主题)(?:名称)?(?:是|为|叫)|(?<!问)题为")


def _topic_of_theirs(ours: str, at: int, text: str) -> bool:
    """Whether a Chinese term of ours is named only in clauses after their matter that state the topic (课题是…)."""
    said = occurrences(ours, text)
    if ours.isascii() or GAP in ours or not said or said[0] <= at:
        return False
    begins = [a for a, _ in clauses(text)]
    starts = [max((a for a in begins if a <= start), default=0) for start in said]
    return all(PROJECT_TOPIC.search(text, begin, start) is not None for begin, start in zip(starts, said, strict=True))


def _across_clauses(term: str, text: str) -> bool:
    """Whether a term with a gap is named only with its parts in different clauses (进步奖奖金,…,个税咋申报)."""
    spans = part_spans(term, text)
    return GAP in term and len(spans) > 1 and CLAUSE_BREAK.search(text, spans[0][1], spans[-1][0]) is not None


# 增值税留抵退税 is one matter of seven characters.
def _run(longest: Scored, theirs: list[Scored]) -> int:
    """How much their matter says: its size, or for Chinese the run of their terms it stands in."""
    term, text = longest.document.normalised, longest.query.text
    start = where(term, text)
    if term.isascii() or GAP in term or start < 0:
        return size(term)
    spans = [
        (at, at + len(s.document.normalised))
        for s in theirs
        if GAP not in s.document.normalised and (at := where(s.document.normalised, text)) >= 0
    ]
    run, grown = (start, start + len(term)), None
    while grown != run:  # until no other term of theirs touches the run
        grown, touching = run, [(a, b) for a, b in spans if a <= run[1] and b >= run[0]]
        run = (min(a for a, _ in touching), max(b for _, b in touching))
    return run[1] - run[0]


# The clause runs on from where their matter is named (head last: the last of their matters), or in English is the whole
# clause (research on earthquakes). Their term's own words in it say nothing of research.
def _their_clause(term: str, text: str, at: int, others: Sequence[str] = ()) -> tuple[str, list[tuple[int, int]], int]:
    """Where research on their matter would be asked (the rest of its clause), where their terms' words stand in it, its end."""
    at = max(at, 0)
    if term.isascii():  # … with the words of what it is on or for: VAT exemption for technology transfer income
        a, b = next(((a, b) for a, b in clauses(text) if a <= at < b), (at, len(text)))
        stems = set(term_stems(term)).union(*(term_stems(other) for other in others if other.isascii()))
        return text[a:b], [(c, d) for stem, c, d in words(text[a:b]) if stem in stems], b
    clause = CLAUSE_BREAK.split(text[at:], maxsplit=1)[0]
    return clause, part_spans(term, clause), at + len(clause)


# Either their term is one, in the clause that asks (…项目环评审批和排污许可证找哪个部门?, with nothing but punctuation
# in the rest of the query); or an administrative word comes after their term, outside every term of ours, with no
# research asked between and no term of ours after it (not 高级工程师办理外国人才签证, where the visa is asked, nor
# 海洋预报技术研究成果在哪登记).
def _approval(term: str, clause: str, own: list[tuple[int, int]], ours: list[str], rest: str) -> bool:
    """Whether their matter's clause asks for an approval, a licence or a filing of it (化工新材料项目要做环评审批)."""
    if ADMINISTRATIVE.search(term) and not rest.strip(" ?!。.,;:"):
        return True
    if not own:
        return False
    end = max(b for _, b in own)
    ours_at = [(at, at + len(one.replace(GAP, ""))) for one in ours if (at := where(one, clause)) >= 0]
    return any(
        m.start() >= end
        and _clear_of(m, ours_at)
        and not RESEARCH.search(clause[end : m.start()])
        and not any(where(one, clause[m.end() :]) >= 0 for one in ours)
        for m in ADMINISTRATIVE.finditer(clause)
    )


# 遗体捐给医科大学做医学研究，现在去哪登记: the research is only what their matter is for, and a registration is asked.
def _only_purpose(ours: str, text: str, clause: str, end: int, rest: str) -> bool:
    """Whether a Chinese term of ours stands only in what their matter is for, in its clause, and an approval is asked after."""
    start = end - len(clause)
    said = occurrences(ours, text)  # every time it is said (not 干细胞研究项目要备案吗)
    if ours.isascii() or GAP in ours or not said or ADMINISTRATIVE.search(rest) is None:
        return False
    purposes = [(start + m.start(), start + m.end()) for m in PURPOSE.finditer(clause)]
    return all(any(a <= at < b for a, b in purposes) for at in said)


def _said(pattern: re.Pattern[str], clause: str, their_words: list[tuple[int, int]]) -> bool:
    """Whether the clause says one of the pattern's words outside their term's own words."""
    return any(_clear_of(m, their_words) for m in pattern.finditer(clause))


def _clear_of(found: re.Match[str], spans: list[tuple[int, int]]) -> bool:
    """Whether a match overlaps none of these spans."""
    return all(found.end() <= a or b <= found.start() for a, b in spans)


# Their matter is the longest the query names whole and does not rule out (a matter before an agency, a group of people
# or who asks), unless a longer term of ours holds it. It is decisive unless the query names a matter of this department
# saying more than the run of their terms it stands in (one that only qualifies theirs, stands apart before it or stands
# in an aside does not count, nor do programmes and channels, nor, when an approval of their matter is asked, one that is
# no approval itself), asks about research on it in its clause (垃圾分类技术研究), or is about the department's own
# premises or a matter named as its own. A matter of theirs that is asked whatever else is named (being defrauded:
# 被骗, 转账后对方失联) is outweighed only by a matter of ours asked as plainly, and no research on it is asked.
def referral_of(scored: list[Scored]) -> Referral | None:
    """Another agency's matter the query is about (留学回国人员学历认证 is 学历认证's), whether it decides, and its place."""
    found = named(scored)
    theirs = _theirs(found)
    if not theirs:
        return None
    longest = theirs[0]
    theirs_term, text = longest.document.normalised, longest.query.text
    our_matters = [
        s
        for s in found
        if s.document.kind == "subject"
        and role(s) >= max(RANKS["matter"], rank(longest))  # not who asks (我公司是一家高新技术企业); a fraud outweighs matters
        and s.document.normalised not in theirs_term
        and not in_aside(s)  # 是不是科技厅认定高企的那个处: a guess keeps no question
        and not _claimed_here(s)
    ]
    objects = [s.document.normalised for s in theirs if _object_of(s, theirs)]  # what their matter is on or for
    clause, own, end = _their_clause(theirs_term, text, max(_at(s) for s in theirs), objects)
    rest = text[end:]
    approval = _approval(theirs_term, clause, own, [s.document.normalised for s in our_matters], rest)
    their_run = _run(longest, theirs)
    longer = [
        s
        for s in our_matters
        if _said_size(s) > their_run
        and not _apart(s, theirs, longest)
        and (not approval or ADMINISTRATIVE.search(s.document.normalised))
        and not _only_purpose(s.document.normalised, text, clause, end, rest)
    ]
    decisive = not longer
    if role(longest) < RANKS["matter"]:  # an agency named in passing (卫健委 …): decisive unless a matter of ours answers well
        ours_well = [s for s in scored if s.document.kind != "outside" and rank(s) >= RANKS["matter"] and s.score >= ANSWERS_WELL]
        decisive = decisive and not ours_well  # 知识产权局的电话: a phone number is no matter of ours
    # a matter listed as asked whatever else is named (a fraud suffered) keeps no question here
    their_words = own + _words_of(theirs, clause)
    kept = rank(longest) < RANKS["asks"] and _kept_here(theirs_term, text, clause, their_words, rest, approval)
    return Referral(longest, decisive and not kept, place_of(text))


# What a caller takes to be ours, where another agency's matter is named (来电人认为科技型企业归科技厅管理,要求督促企业支付
# 工资), keeps no question here; asked alone (来电人认为技术合同登记由科技厅负责) it is what is asked, and no referral is made.
CLAIMED_HERE = re.compile(f"{CALLER_THINKS}{DEPARTMENT_MARK}")


def _claimed_here(hit: Scored) -> bool:
    """Whether a term of ours is named only inside what a caller takes to be this department's."""
    term, text = hit.document.normalised, hit.query.text
    said = occurrences(term, text) if GAP not in term else [at for at in [where(term, text)] if at >= 0]
    claims = [m.span() for m in CLAIMED_HERE.finditer(text)]
    return bool(said) and all(any(a <= at and at + len(term) <= b for a, b in claims) for at in said)


# Any Chinese term of theirs says nothing of research either (临床研究 of 临床研究…备案, after 研究者发起的临床研究).
def _words_of(theirs: list[Scored], clause: str) -> list[tuple[int, int]]:
    """Where the clause names a Chinese term of theirs, part by part."""
    return [span for s in theirs if not s.document.normalised.isascii() for span in part_spans(s.document.normalised, clause)]


def _theirs(found: list[Scored]) -> list[Scored]:
    """Their matters the query names and does not rule out, the one it is about first, none inside a longer term named."""
    outside = [s for s in found if s.document.kind == "outside" and not ruled_out(s)]
    # a matter before a name; then not what another is on or for (in English); then the longest; then, head last, the
    # one named later (earthquake insurance is insurance)
    theirs = sorted(outside, key=lambda s: (-role(s), _object_of(s, outside), -size(s.document.normalised), -_at(s), s.position))
    named_terms = [s.document.normalised for s in found if s.document.kind == "subject"]
    named_terms += [s.document.normalised for s in theirs]  # a term inside a longer one named says less than it
    return [s for s in theirs if not any(s.document.normalised in term and s.document.normalised != term for term in named_terms)]


# In English the matter comes first and what it is on or for, or in our own body, after it: an apostille on my degree
# certificate, a work certificate notarized for my visa, a postdoctoral workstation (boshihou gongzuozhan) in our
# foreign-invested R&D centre.
OBJECT_EN = re.compile(
    r"(?:\s*\([^)]*\))?\s+(?:(?:on|for)\s+(?:(?:my|our|his|her|their|the|a|an|this|that)\s+)?|(?:in|at)\s+(?:my|our)\s+)"
    r"(?:[a-z-]+\s+){0,2}"
)


def _object_of(hit: Scored, outside: list[Scored]) -> bool:
    """Whether an English term of theirs is what another term of theirs, named just before it, is on, for or in."""
    text, span = hit.query.text, _span_en(hit)
    if span is None:
        return False
    spans = [_span_en(other) for other in outside if other.document.normalised != hit.document.normalised]
    return any(OBJECT_EN.fullmatch(text[before[1] : span[0]]) for before in spans if before and before[1] <= span[0])


def _span_en(hit: Scored) -> tuple[int, int] | None:
    """From the first to the last word of an English term's first reading in its query, or None for Chinese."""
    term = hit.document.normalised
    if not term.isascii():
        return None
    runs = stem_runs(term_stems(term), words(hit.query.text))  # none for a term of stop words or digits (will, 12345)
    return runs[0] if runs else None


# Research asked is not kept where an approval is asked too, or where research is only what their matter is for.
def _kept_here(term: str, text: str, clause: str, own: list[tuple[int, int]], rest: str, approval: bool) -> bool:
    """Whether the department keeps a question about their matter: research or technology on it, or its own premises or matter."""
    technology = _said(TECHNOLOGY, clause, own) and not ADMINISTRATIVE.search(text)
    for_approval = approval or (PURPOSE.search(clause) is not None and ADMINISTRATIVE.search(rest) is not None)
    named_at = part_spans(term, text)  # the name ends where its last part does (申请公开…市科技局)
    funded = bool(named_at) and FUNDED_BY.match(text, named_at[-1][1] - 1) is not None
    theirs_to_fund = SOCIAL_SCIENCE.search(text) is not None or funded
    given = GIVEN_FOR.search(clause) is not None
    researched = ((_said(RESEARCH, clause, own) and not for_approval and not given) or technology) and not theirs_to_fund
    owned = OWNED.search(text[: max(where(term, text), 0)]) is not None
    return researched or owned or OWN.search(text) is not None or _petition_here(term, text)


def _petition_here(term: str, text: str) -> bool:
    """Whether their matter is a petition and the clause naming it names this department (给科技厅写信上访)."""
    if PETITION.search(term) is None:
        return False
    at = where(term, text)
    return any(a <= at < b and HERE.search(text, a, b) for a, b in clauses(text))
