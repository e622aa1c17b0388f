"""What a question asks for, over what it names in passing: the role of each subject term it names whole, and the scores."""

# Roles rank a request such as 依申请公开 over a field of work over a programme over a channel such as 举报.

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise, product

from app.search.index import PARTLY_HELD, TERM_KINDS, Scored, SearchIndex
from app.search.text import (
    DEPARTMENT_MARK,
    EXPANSION_MARK,
    FILLER_MARK,
    GAP,
    clauses,
    mainland_wording,
    normalise_query,
    stem_runs,
    term_stems,
    words,
)

RANKS = {"asks": 3, "matter": 2, "in_passing": 1, "channel": 0}
OUTWEIGHED = 0.5  # a subject term's share of its score when the query names a term of a higher role
STATED_ZH_SHARE = 0.5  # … and a Chinese term's, in a sentence ending 。 before or after one that asks
STATED = 0.8  # an English term's share where it is said only in a sentence that states, before one that asks
ASIDE = 0.35  # its share where it stands in an aside (ruled out, guessed, background): less than one merely outweighed
CHANNEL_OUTWEIGHED = 0.3  # a channel's share when the query also matches, even in part, the matter it brings
MATTER_IN_PART = 0.15  # how well a matter must match for a channel to give way to it
TEXT_KINDS = {"division", "mandate"}  # the served text a division is found by, besides subject terms
CHANNEL_ALONE_COVERAGE = 0.55  # a channel alone (投诉 …) is more than low only when it is most of the query


def rank(hit: Scored) -> int:
    """The role rank of a hit: subject terms by their role, other agencies' matters as matters, text as a matter."""
    subject = hit.document.subject
    return RANKS.get(subject.role, RANKS["matter"]) if subject is not None else RANKS["matter"]


# English word for word: each word of the term, stemmed, in the query, at most three words between ("register a patent"
# names "patent registration", "polluting" names "pollution"; "hope to join key projects" names no "project hope").
def named(scored: list[Scored]) -> list[Scored]:
    """The subject terms and other agencies' matters the query names whole: as written, or in English word for word."""
    return [s for s in scored if s.document.kind in TERM_KINDS and _names(s)]


def where(term: str, text: str) -> int:
    """Where a term is named in a text (its parts in order, if it has a gap), or -1."""
    spans, parts = part_spans(term, text), [part for part in term.split(GAP) if part]
    return spans[0][0] if parts and len(spans) == len(parts) else -1


def part_spans(term: str, text: str) -> list[tuple[int, int]]:
    """Where the parts of a term (the one, or those a gap separates) are named in a text, in order, up to the first not named."""
    spans: list[tuple[int, int]] = []
    for part in filter(None, term.split(GAP)):
        at = text.find(part, spans[-1][1] if spans else 0)
        if at == -1:
            break
        spans.append((at, at + len(part)))
    return spans


def _names(hit: Scored) -> bool:
    term = hit.document.normalised
    if where(term, hit.query.text) != -1:
        return True
    if not term.isascii():
        return False
    stems = term_stems(term)
    places = [[i for i, asked in enumerate(hit.query.stems) if _same_word(stem, asked)] for stem in stems]
    return bool(stems) and all(places) and any(max(c) - min(c) <= len(stems) + 2 for c in product(*places))


# One English word may be stemmed two ways: register / registration give ~regist, ~registr.
def _same_word(stem: str, asked: str) -> bool:
    """Whether two stems are one English word: equal, or one begins the other and the shorter has at least four letters."""
    if stem == asked:
        return True
    shorter, longer = (stem, asked) if len(stem) <= len(asked) else (asked, stem)
    return len(shorter) > 4 and longer.startswith(shorter)


# A channel is outweighed by any other subject the query matches at all.
def weigh(scored: list[Scored]) -> list[Scored]:
    """The hits, subject terms outweighed by named terms of a higher role, English named word for word whole; best first."""
    found = named(scored)
    aside = _set_aside(scored, found)
    roles = _roles([s for s in found if s.position not in aside])  # what is ruled out or guessed plays no role
    top = max(roles.values(), default=None)
    if top is None and not aside:
        return scored
    top = RANKS["channel"] - 1 if top is None else top  # only asides named: they still count for half
    if top == RANKS["channel"] and any(_matter(s) for s in scored if s.position not in aside):
        top = RANKS["matter"]  # 举报 + 伪造实验数据: the matter is partly named, and it is what is reported
    whole = {s.position for s in found if _held_in_part(s)}
    stated = _stated(found, aside)
    weighed = [_weighed(s, top, s.position in whole, roles.get(s.position, rank(s)), s.position in aside) for s in scored]
    weighed = [replace(s, score=round(s.score * _stated_share(s), 4)) if s.position in stated else s for s in weighed]
    return sorted(weighed, key=lambda s: (-s.score, s.position))


def _stated_share(hit: Scored) -> float:
    """The share of its score a term keeps where it is said only in a sentence that states."""
    return STATED if hit.document.normalised.isascii() else STATED_ZH_SHARE


def _stated(found: list[Scored], aside: set[int]) -> set[int]:
    """Terms said only in a sentence that states, when a sentence that asks names a matter of its own and refers not back."""
    subjects = [s for s in found if s.document.kind == "subject"]
    stated = {s.position for s in subjects if _in_stated(s)}
    asks = any(s.position not in stated | aside and role(s) >= RANKS["matter"] for s in found)
    text = found[0].query.text if found else ""
    refers_back = ANAPHOR_EN.search(text) is not None or ANAPHOR_ZH.search(text) is not None  # such platforms, 上述
    return stated if asks and not refers_back else set()


def _in_stated(hit: Scored) -> bool:
    """Whether a term is said only in a sentence that states, where another asks (English or Chinese)."""
    if hit.document.normalised.isascii():
        return _english_set_aside(hit, STATED_EN, 0.99)
    spans, parts = _stated_sentences(hit.query.text), part_spans(hit.document.normalised, hit.query.text)
    return bool(spans) and bool(parts) and all(_inside(a, b, spans) for a, b in parts) and _stands_in(hit, spans, part=True)


@lru_cache(maxsize=64)  # a few readings of the query being answered: split once for all its terms
def _stated_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The Chinese sentences that state (end in 。 with no word of asking), when another sentence asks; none otherwise."""
    said = [m.span() for m in re.finditer(r"[^。!?]+[。!?]?", text)]
    stated = [(a, b) for a, b in said if text[b - 1] == "。" and not QUESTION_WORD.search(text, a, b)]
    return tuple(stated) if len(stated) < len(said) else ()


# What was done before is background to what is asked, when the query names anything else.
# A division the asker names (是科技人才与自然科学基金处在管, 归社会发展科技处, 找信息技术处) is a pointer, not the matter.
def _set_aside(scored: list[Scored], found: list[Scored]) -> set[int]:
    """The subject terms in an aside of their reading; those in a division named, and it; those said before."""
    aside = {s.position for s in scored if s.document.kind == "subject" and _aside(s, _asides(s.query.text))}
    named_division = {s.position for s in found if s.document.kind == "subject" and _aside(s, _divisions_named(s.query.text))}
    if any(s.position not in aside | named_division and rank(s) != RANKS["in_passing"] for s in found):  # not 人事处电话
        aside |= named_division | {s.position for s in scored if s.document.kind == "division" and _named_as_division(s)}
    before = {s.position for s in scored if s.document.kind == "subject" and _aside(s, _done_before(s.query.text))}
    return aside | before if any(s.position not in aside | before for s in found) else aside


POINTERS = (
    "以为",
    "那个",
    "这个",
    "是",
    "在",
    "归",
    "找",
    "去",
    "到",
    "问",
    "说",
    "向",
    "给",
    "和",
    "跟",
    "让",
    "由",
    "对",
    "的",
    "这块",  # 因公出国任务审批这块人事处说不是他们办: the matter, then the division
    "这一块",
    "方面",
    "这事",
)
# … 处, not 好处, 到处, 处理, 处方, 处长 …
NAMED_DIVISION = re.compile(r"[\u3400-\u9fff]{2,12}(?<![好用难到住此何各之坏长益])处(?![理置罚分长于事室方境级])")


@lru_cache(maxsize=64)  # a few readings of the query being answered: found once for all its terms
def _divisions_named(text: str) -> tuple[tuple[int, int], ...]:
    """Where a query names a division: a name ending in 处, after the last word that points to it (是, 归, 在 …)."""
    spans = []
    for m in NAMED_DIVISION.finditer(text):
        name = m.group()[:-1]
        after = [at + len(w) for w in POINTERS for at in occurrences(w, name) if len(name) - at - len(w) >= 2]
        spans.append((m.start() + max(after, default=0), m.end()))
    return tuple(spans)


def _named_as_division(hit: Scored) -> bool:
    """Whether a division the query names is this one: its characters in order (信息技术处, 高新区处, 外专处)."""
    name = hit.document.normalised
    return any(_in_order(hit.query.text[a : b - 1], name) for a, b in _divisions_named(hit.query.text))


def _in_order(short: str, name: str) -> bool:
    """Whether every character of a short form comes in a name, in order."""
    rest = iter(name)
    return all(char in rest for char in short)


def role(hit: Scored) -> int:
    """The role rank a hit plays in its query: its own, but no more than in passing where it only says who asks."""
    # The petitions channel asked about in a clause of its own (…，信访归哪个处管？) is the matter; asked alone, with words of
    # asking only, it is what is asked (…想走信访渠道，科技厅信访是哪个部门接？), as any matter asked alone is.
    if rank(hit) == RANKS["channel"] and PETITIONS.search(hit.document.normalised) and _a_clause_of_its_own(hit):
        return RANKS["asks"] if _asked_alone(hit) else RANKS["matter"]
    if names_the_asker(hit) or _whose_people(hit):
        return min(rank(hit), RANKS["in_passing"])
    return RANKS["asks"] if rank(hit) == RANKS["matter"] and _asked_alone(hit) else rank(hit)


PEOPLE_WORDS = "工作人员|人员|职工|员工|科研人员"
PEOPLE = re.compile(rf"(?:的)?(?:{PEOPLE_WORDS})")  # 省属科研院所人员因公出访: whose staff, not the matter
ORGANISATION = re.compile(r"(?:院所|研究所|研究院|大学|高校|企业|公司|单位|机关|医院|学校|中心|实验室)$")
JOB = re.compile(r"员(?![会工])(?=[^,;:?!。]{0,4}?(?:评|职称|待遇|工资|考试|资格|晋升))")  # 推广员评职称: a job, not 委员会


PEOPLE_EN = re.compile(
    r"\b(?:staff|employees?|personnel|researchers?|scientists?|workers?|engineers?|professors?) (?:of|at|from) "
    r"(?:the |our |an? )?(?:[a-z'’-]+ ){0,2}$"
)
ORGANISATION_EN = re.compile(r"\b(?:institut|universit|compan|enterpris|centre|center|lab|hospital|school)\w*$")


def _whose_people(hit: Scored) -> bool:
    """Whether a term only says whose staff or whose job a question is about (省属科研院所人员, 推广员, staff of an institute)."""
    term, text = hit.document.normalised, hit.query.text
    if term.isascii():
        return _whose_people_en(term, text)
    at = where(term, text)
    if GAP in term or at < 0:
        return False
    if ORGANISATION.search(term) is not None:
        return PEOPLE.match(text, at + len(term)) is not None
    return JOB.match(text, at + len(term)) is not None  # 农业技术推广员评职称: the asker's job, not the matter


def _whose_people_en(term: str, text: str) -> bool:
    """Whether an English term for a body is named right after "staff of" (at most two words between)."""
    if ORGANISATION_EN.search(term) is None:  # most terms: no body, and the question's words need no reading
        return False
    return any(PEOPLE_EN.search(text[:at]) for at, _ in stem_runs(term_stems(term), words(text)))


PETITIONS = re.compile(r"信访|来信|来访")  # the channel that is an office's own work (not 举报 or 投诉, which bring a matter)
# 信访归哪个处管, 厅机关的信访工作, 就想知道…信访是哪个处受理
CLAUSE_REST = re.compile(r"(?:[\s接待处理归管由的工作你们那儿边这里厅机关是谁在办负责受]|(?:就|只)?想(?:知道|问|了解))*")


# A matter that, with words of asking only, is the clause that asks (…督办件，科技厅这边由谁承接督查督办？ …，厅里档案归谁管):
# what is asked, over the matters the clauses before name.
ASKING_REST = re.compile(
    rf"(?:[\s{DEPARTMENT_MARK}{EXPANSION_MARK}{FILLER_MARK}的是谁哪呢啊吗由归找问送来管]|厅里|厅机关|机关|科技厅|你们|贵厅|这边|那边|这块"
    r"|方面|相关|的事|事情|问题|工作|要求|业务|应该|该|要|自己|报送|递交|交给|承接|负责|办理|受理|对接|牵头|管理|处理|哪个|处室|部门"
    r"|请问|一下|这个|那个|这些|这项|这种|这类|此|接待|接|去|举报|投诉|(?:就|只)?想(?:知道|问|了解)|向|反映)*"
)


def _asked_alone(hit: Scored) -> bool:
    """Whether a Chinese term with words of asking only (由谁, 哪个处: fillers) is a clause of a query of more than one."""
    term = hit.document.normalised
    if GAP in term or term.isascii() or len(term) < 2:
        return False
    rests, clauses_said = _clause_rests(term, hit.query.text)
    return clauses_said > 1 and any(_only_asking(rest, len(term)) for rest in rests)


# A two-character term is asked alone only as the department's own (厅里档案归谁管; not 立项找哪, an act on the matter before).
def _only_asking(rest: str, size: int) -> bool:
    """Whether what a clause says besides a term is words of asking only, and asks."""
    own = size > 2 or re.search(f"{DEPARTMENT_MARK}|厅里|厅机关|你们|贵厅", rest) is not None
    return own and ASKING_REST.fullmatch(rest) is not None and re.search(f"[谁哪{FILLER_MARK}]", rest) is not None


def _a_clause_of_its_own(hit: Scored) -> bool:
    """Whether a term is, with words of asking, a whole clause of its query."""
    rests, _ = _clause_rests(hit.document.normalised, hit.query.text)
    return any(CLAUSE_REST.fullmatch(rest) for rest in rests)


def _clause_rests(term: str, text: str) -> tuple[list[str], int]:
    """What each clause that names a term says besides it, and how many clauses the text says anything in."""
    said = [(start, end) for start, end in clauses(text) if text[start:end].strip()]
    named_at = occurrences(term, text)
    rests = [text[start:end].replace(term, "", 1) for start, end in said if any(start <= at < end for at in named_at)]
    return rests, len(said)


def _roles(found: list[Scored]) -> dict[int, int]:
    """The role rank each named term plays in this query: its `role`, lowered for the asking firm's field and for held terms."""
    roles = {s.position: role(s) for s in found}
    # The field the asking firm works in is in passing when another matter is named (我们几家做汽车零部件的企业想组建产业
    # 技术创新联盟; not when only a programme is: 我们做新材料的企业想申请科技计划项目).
    firm = [s.position for s in found if s.document.kind == "subject" and _in_firms_field(s)]
    if any(roles[s.position] >= RANKS["matter"] for s in found if s.position not in firm):
        roles |= {at: min(roles[at], RANKS["in_passing"]) for at in firm}
    # What a list names for example (科技成果转化、沈大自创区建设、高企培育等多项任务) is in passing where a matter is named
    # outside it (…由哪个内设机构汇总督办情况).
    listed = [s.position for s in found if _only_listed(s)]
    if any(roles[s.position] >= RANKS["matter"] for s in found if s.position not in listed):
        roles |= {at: min(roles[at], RANKS["in_passing"]) for at in listed}
    # No more than the longer named term that holds it: 信息公开 in 政府信息公开栏 is a noticeboard.
    for hit in found:
        holders = [roles[other.position] for other in found if _holds(other, hit)]
        if holders:
            roles[hit.position] = min(roles[hit.position], max(holders))
    # A gap filled by a whole term that ends with it: 出国(境)培训 in 干部出国(境)培训 is asked, 干部…培训 only says whose.
    filled = [hit.position for hit in found if any(_fills(other, hit) for other in found)]
    return roles | {at: min(roles[at], RANKS["in_passing"]) for at in filled}


EXAMPLES = re.compile(r"[^,;:?!。、\s]{1,8}(?:、[^,;:?!。、\s]{1,8}){2,}等")  # three or more short items, closed by 等


def _only_listed(hit: Scored) -> bool:
    """Whether a Chinese term is said only within a list of examples closed by 等 (every time it is said)."""
    term, text = hit.document.normalised, hit.query.text
    spans = _example_lists(text)
    if term.isascii() or not spans:
        return False
    if GAP in term:
        parts = part_spans(term, text)
        return bool(parts) and all(_inside(a, b, spans) for a, b in parts)
    said = occurrences(term, text)
    return bool(said) and all(_inside(at, at + len(term), spans) for at in said)


@lru_cache(maxsize=64)  # a few readings of the query being answered: found once for all its terms
def _example_lists(text: str) -> tuple[tuple[int, int], ...]:
    """Where a reading lists examples closed by 等."""
    return tuple(m.span() for m in EXAMPLES.finditer(text))


WHOSE_PART = re.compile(rf"干部|教师|{PEOPLE_WORDS}")  # a gap term's first part that only says whose people


def _fills(whole: Scored, gapped: Scored) -> bool:
    """Whether another division's whole Chinese term stands in a two-part term's gap, to the end of its last part."""
    term, other, text = gapped.document.normalised, whole.document.normalised, gapped.query.text
    kinds = {whole.document.kind, gapped.document.kind} == {"subject"}
    if not kinds or GAP not in term or GAP in other or other.isascii():
        return False
    spans = part_spans(term, text)
    apart = set(whole.document.divisions).isdisjoint(gapped.document.divisions)
    longer = len(other) > len(term) - len(GAP)  # the more specific: 绩效评价 does not fill 孵化器…评价
    if len(spans) != 2:
        return False
    # right after the first part (干部出国(境)培训), or anywhere in the gap where the first part only says whose people
    # (干部想参加省里组织的重点出国培训; not 德国企业开展产学研合作)
    start = spans[0][1]
    if WHOSE_PART.fullmatch(text[spans[0][0] : start]):
        at = text.find(other, start)
    else:
        at = start if text.startswith(other, start) else -1
    return apart and longer and at != -1 and at + len(other) == spans[-1][1]


MARKS = f"[{DEPARTMENT_MARK}{EXPANSION_MARK}]"  # the spaces a reading leaves: 我是科技厅退休老干部 stays one span
RULED_OUT_MARKS = f"[{DEPARTMENT_MARK}{EXPANSION_MARK}{FILLER_MARK}]"  # … and a filler's: 不是要问高企怎么认定 stays one


# Who asks: an organisation or a channel sending the question before a colon (大连高新区管委会：…, 12345热线工单：…,
# 省信访局转办：…), or 我是 / 我们是 / 作为 … to the end of the clause (not 我是做新能源汽车的: that is the field of work).
KIN = (
    r"(?:我|俺)家?(?:爹|爸|妈|父亲|母亲|老伴|爱人|老公|丈夫|妻子|爷爷|奶奶|姥爷|姥姥|儿子|女儿|孩子)"  # 俺爹是…: whom it concerns
)
ASKER = re.compile(
    r"^\s*[^:,.;?!。\s]{0,20}(?:管委会|委员会|政府|局|厅|委|办|中心|公司|集团|大学|学院|学校|研究所|研究院|医院"
    r"|热线|工单|转办单|转办|转函|通知|来函)(?:HR|hr|人事部|财务部|行政部)?(?:\([^)]*\))?:"
    rf"|(?:本人|(?:我们|我){MARKS}*(?:公司|企业|单位|院|校|局|厂|司)?|{KIN}){MARKS}*(?:是|为|系|建有|设有|拥有)(?!做|搞|从事|干)"
    rf"(?:[^:,.;?!。\s]|{MARKS})+"
    rf"|作为(?!(?:[^:,.;?!。\s]|{MARKS}){{1,12}}?(?:登记|注册|备案)(?:[,;:?!。\s]|$|在|去|找|怎么|吗))(?:[^:,.;?!。\s]|{MARKS})+?"
    rf"(?=需要|要|想|能|可以|[,;:?!。\s]|$)"  # not 作为民非登记: registered as
    # a caller who names the body they belong to (来电人系某省属研究院退休职工; not 来信人称其为伤残军人)
    r"|(?:来电人|来信人|反映人)(?:称其|自称)?(?:是|为|系)"
    r"(?=[^,;:?!。\s]{0,12}?(?:某|一家|企业|公司|单位|学校|大学|学院|研究院|研究所|医院|管委会|局|厂))"
    r"[^:,.;?!。\s]+?(?=咨询|询问|反映|想|要|问|举报|投诉|[,;:?!。\s]|$)"  # up to what they ask
    # 我现在在高新区管委会工作: where the asker works
    rf"|(?:本人|我们|我){MARKS}*(?:现在|目前|一直)?在(?:[^:,.;?!。\s]|{MARKS}){{1,20}}?"
    r"(?:管委会|公司|企业|单位|大学|学院|学校|医院|研究所|研究院|局|厅|委|中心|厂)(?:工作|上班|任职)"
    # … or has moved to (换了个高新技术企业上班, 跳槽到一家科技公司工作)
    rf"|(?:换了?个|换到|跳槽到|跳到)(?:一家|一个)?(?:[^:,.;?!。\s]|{MARKS}){{1,20}}?"
    r"(?:公司|企业|单位|大学|学院|学校|医院|研究所|研究院|中心|厂)(?:工作|上班|任职|打工)"
)
HEADER = re.compile(r"^\s*[^:,.;?!。\s]{0,20}(?:热线|工单|转办单|转办|转函|来函)(?:\([^)]*\))?:")  # the channel, an aside


# The field the asking firm works in: 我们(几家)做新能源汽车零部件的企业, 我是一家做医疗器械的公司, 做集成电路的企业,
# 一家人工智能企业, 做智慧农业的众创空间, 我们厂做精密减速器的 …; and the field a park or zone is built around
# (以新材料为主导产业).
FIRMS_FIELD = re.compile(
    rf"(?:(?:我们|我|俺们)(?:是|几家|这家)?(?:一家|一个)?[^:,.;?!。\s做搞干从的想要找请托联打准]{{0,4}}?|一家|一个|几家|这家|^\s*|(?<=[,;:?!。\s]))(?:做|搞|从事|干)"
    rf"(?:[^:,.;?!。\s]|{MARKS})+?的小?{MARKS}*(?!时|过程|期间)[^:,.;?!。\s的]{{0,3}}?"  # 做人工智能的创业团队 (not 的时候单位)
    r"(?:企业|公司|团队|厂子|厂|工厂|机构|单位|专家|工程师|教授|人才)"  # 搞芯片的外国工程师: which people
    rf"|(?:^|(?<=[,;:?!。]))(?:[^:,.;?!。\s的]|{MARKS}){{2,8}}?(?:企业|公司){MARKS}*(?=想|要|准备|打算)"  # 生物医药公司想评高企
    rf"|(?:^|(?<=[,;:?!。]))(?:[^:,.;?!。\s的]|{MARKS}){{2,8}}?(?:研究院|研究所|大学|学院|医院)(?=(?:今年|明年|现在|目前)?(?:想|要|准备|打算))"
    rf"|(?:做|搞|从事)(?:[^:,.;?!。\s]|{MARKS})+?的(?=众创空间|孵化器)"  # 做智慧农业的众创空间: the space is asked about
    rf"|(?:我们|我|俺们){MARKS}*(?:(?:公司|企业|单位|厂){MARKS}*(?:是|就是)?|是|就是)(?:做|搞|从事|干)(?:[^:,.;?!。\s]|{MARKS})+?的(?={MARKS}*(?:[,;:?!。\s]|$))"
    r"|(?:一家|几家|这家)(?:[^:,.;?!。\s的]){2,8}?(?:企业|公司)"
    # 我们是集成电路企业 (not 我们是不是…, 我们是要申报…)
    r"|(?:我们|我们公司|本公司)是(?!不是|否|要|想|申|属)(?:一家|一个)?(?:[^:,.;?!。\s的]){2,8}?(?:企业|公司)"
    rf"|(?:^|(?<=[,;:?!。\s]))(?:主营|主要从事|主业是)(?:[^:,.;?!。\s]|{MARKS})+"
    rf"|以(?:[^:,.;?!。\s]|{MARKS}){{2,12}}?为(?:特色|主导产业|主导|主业|主攻方向|重点方向)"  # 以集成电路为特色的大学科技园
)


# A term with a gap, when a part does: 环保…新技术 in 我们是做环保设备的小公司，想评个高新技术企业.
def _in_firms_field(hit: Scored) -> bool:
    """Whether a Chinese term stands where the query says what field the asking firm works in (我们是做环保设备的小公司)."""
    return not hit.document.normalised.isascii() and _stands_in(hit, _firms_fields(hit.query.text), part=True)


@lru_cache(maxsize=64)  # a few readings of the query being answered: found once for all its terms
def _firms_fields(text: str) -> tuple[tuple[int, int], ...]:
    """Where a reading says what field the asking firm works in."""
    return tuple(m.span() for m in FIRMS_FIELD.finditer(text))


# … and in English: I'm a / we are an / as a / our company is a … up to what the asker works in or on (I'm a foreign
# expert in genetics), our … company / institute / team (our carbon capture technology company wants …), and where it
# is based (our company is located in a high-tech zone).
ASKER_EN = re.compile(
    r"\b(?:i['’]m|i am|we['’]re|we are|as|our (?:company|firm|university|institute|lab|team|hospital) is)\s+(?:an?|the)\s+"
    r"(?:(?!(?:in|on|for|at|of|with|from|and|who|that|to|working|specialising|specializing|paying|living|teaching|studying"
    r"|planning|looking|hoping|trying|seeking|which|applying|needing|intending|wanting|want|wants|need|needs)\b)"
    r"[a-z-]+\s*)+"
    r"(?:(?:at|with|from) (?:an?|the|our)\s+(?:[a-z-]+\s+){0,4}?"  # … and where: a researcher at a provincial institute
    r"(?:institute|university|college|academy|hospital|company|firm|lab|laboratory|centre|center)\b"
    r"(?: of(?: (?!(?:in|for|and|where|who|what|which|how)\b)[a-z-]+){1,4})?)?"  # … of chemical physics
    r"|\bour\s+(?:[a-z-]+\s+){1,4}(?:company|firm|startup|institute|university|lab|team|group|hospital|plant|factory)\b"
    r"|\bour (?:company|firm|startup|institute|lab|team|factory|plant)\b,? (?:which|that|who) (?:is|was|has been) [^,.;:?!]*"
    r"|\bi (?:was|have been|used to be) (?:seconded|posted|assigned|employed|working) (?:to|in|at|with) (?:the|your|an?) "
    r"(?:(?!(?:and|which|who|what|want|wonder|need|know|on|for|to)\b)[\w&'’-]+ ){0,6}?division\b"  # where they once worked
    r"|(?<=\? )we (?:were|have been) (?:introduced|recruited|brought in|hired|selected) (?:through|by|under|via) [^,.;:?!]*"
    r"|\bour (?:company|firm|startup|institute|lab|team|factory|plant|consultancy|office) (?:is|sits)"
    r" (?:(?:located|based|registered) )?in\b[^,.;:?!]*"
    r"|\bi (?:work|am working) (?:at|for|in) (?:an?|the|our)\s+(?:[a-z-]+\s+){0,3}?"  # I work at a tech company in the … zone
    r"(?:company|firm|startup|institute|university|lab|hospital|factory|plant)\b"
    r"(?: of(?: (?!(?:in|on|for|and|where|who|what|which|how)\b)[a-z-]+){1,4})?"  # … of chemical physics
    r"(?: (?:in|at) (?:[a-z'-]+ ){0,3}[a-z'-]+(?=[,.;:?!]|$))?"
)


# A guess at the answer (是找社会发展科技处吗, 这是成果转化处负责吗, 应该是监督处吧, 还是另有处室, 是不是也由监督处兼着): a
# clause that begins 是, 这是, 还是 or 是不是 (not 是否) and ends with a division (…处, 处室), perhaps 负责, 管, 办 or 兼着
# and a particle; or one that asks whether the matter and a division are one (跟信息技术处是不是一回事), or whether it goes with
# another matter (是不是和科技奖一起报, 一块评的) or is the same division's (和沈大自创区领导小组办公室是同一个处吗).
GUESS = re.compile(
    r"^\s*(?:这|那|应该|可能|大概|不知道)?(?:是不是|是(?!否)|还是)[^,;:?!。]*?(?:处室?|那边)(?:负责|管|办|兼着|兼管|承担|牵头)?的?(?:吗|呢|吧)?\s*$"
    r"|^\s*(?:跟|和|与)[^,;:?!。]*?处室?(?:是不是一回事|是一回事吗|有什么区别|有区别吗)(?:吗|呢|吧)?\s*$"
    r"|^\s*(?:是不是|是)?(?:跟|和|与)[^,;:?!。]*?(?:一起|一块儿?|同时)(?:在[^,;:?!。]{1,10}?(?:里|上|中))?(?:报|申报|评|评审|办|办理|办公)?的?(?:吗|呢|吧)?\s*$"
    r"|^\s*(?:跟|和|与)[^,;:?!。]*?是(?:不是)?同?一个(?:处|处室|部门|口|渠道)(?:吗|呢|吧)?\s*$"
    rf"|^\s*(?:是不是|是)?也在(?:{DEPARTMENT_MARK}|科技厅|你们|厅里)?的?(?:科技管理信息系统|科技管理系统|系统|平台)里?"
    r"(?:填报|申报|报|提交)的?(?:吗|呢|吧)?\s*$"  # our own system, named as such (not 高企认定管理系统)
    r"|^\s*(?:他们|它|那边)不是(?:负责|管|在管)[^,;:?!。]*?(?:吗|嘛|么)?\s*$"
    # … or offers two offices to choose from (省厅法规处还是办公室督查督办; 人事处(干部培训)还是外国专家与国际合作处)
    r"|^\s*(?:是)?[^,;:?!。是找去归向到报问]{1,20}?(?<![好用坏益难出到各此住长短相之])(?:处室?|办公室)(?:\([^)]*\))?"
    r"(?:还是|或者|或是)(?:(?!负责|管|牵头|承担|组织)[^,;:?!。]){0,12}?(?:处室?|办公室|局|委|厅|部门)[^,;:?!。]{0,6}?"
    r"(?:吗|呢|吧)?\s*$"  # … both of them offices, no verb before the first (not 找…处还是…处, 好处或者…)
)
# … and a later clause that is a division's name alone, with 吗 or 吧 (…是谁牵头编的,政策法规与监督处吗?; not 好处吧, 办事处吗).
LONE_DIVISION = re.compile(
    r"^\s*[^,;:?!。\s的有找归由是在帮干这那个交送去报提]{2,12}?(?<![好用难到住此何各之坏长益办])处室?(?:吗|吧)\s*$"
)


# What the asker has already tried or rules out, up to what is asked instead: 除了报警，还能找谁 does not ask for the
# police, 这次不问药物研发只问科技贷款 not for drugs, (纯硬件,)不做软件和算法 not for software (a clause that begins so;
# 企业不做环评会被处罚吗 asks about 环评), 不是举报… (not 是不是), (非海洋工程装备方向) and 不涉及…, 既不是信息技术也不是生物医药
# and 除信息和生物医药以外 (除…领域外, 信息和生物医药以外的…) for neither field, （兴辽英才计划经费另行商议） not
# for the talent programme (另行收取费用, 另行缴纳 are charges); 跟高新技术企业是不是一回事 compares, and
# 高企今年先不弄了, 孵化器的事先不问, 高企认定的事不问 or 孵化器备案的问题已经解决了 sets aside.
RULED_OUT = re.compile(
    r"(?:除了|不(?:是要?|想)?(?:问|咨询)|(?<![找得])不找(?=[^,;:?!。]{0,3}?(?:处|科|局|厅|部门))|不想(?=报警|起诉|打官司)|问的不是|(?<!是)不是(?:要|来)?(?:举报|投诉|申请|找|咨询|问)|已经找过|(?:^|(?<=[,;:?!。—\s(]))(?:不(?:是|做|搞)|(?:但|这件|这个|此事|这事)不(?:是|做|搞)(?!所有|都|全)(?![^,;:?!。]*[吗嘛么])|非(?!常|法|洲|遗|物质|要|得|营利|公|标))|不涉及|不包括"
    r"|(?<![含包要])不(?:包)?含(?!量)|(?<![要分区特])(?:别|不要)(?:让我|叫我)?再?去?找|(?:别|不要)(?:说|告诉我)是?|既不是|也不是|既不搞|也不搞|既不做|也不做|注意不是"
    rf"|既不算|也不算|不属于)(?:(?![以之]外)[^,;:?!。—\s还只就而但想也是]|{RULED_OUT_MARKS})*|除[^,;:?!。\s]*?[以之]外|(?<![清解删消拆排免去剔扣])除[^,;:?!。\s外]{{2,20}}?外(?=[,;:?!。—\s]|的|还|其他|其它|$)"
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—\s]{2,20}?[以之]外(?=的(?:相关|其他|其它)?(?:领域|方向|行业|产业))"
    rf"|[^,;:?!。\s()]*另行(?!收|加收|缴|交|支付|付|计)[^,;:?!。\s()]*|(?:跟|和|与)(?:[^,;:?!。\s]|{MARKS})*?无关"
    rf"|别(?:和|跟|与)(?:[^,;:?!。\s]|{MARKS})*?(?:搞混|混淆|弄混|混)"
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?(?:另问|另外问|另说(?!明)|回头再问|以后再问|另行咨询)"
    # … and the clause before one that only sets it aside (…省级高新区也在申报升级,那个另问)
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?,\s*(?:那个|这个|那件事|这件事|这事|那事)(?:我们|我)?(?:另问|另外问|回头再问|以后再问|先不问|不问)"
    # … and the clause before one that says it is none of the asker's concern (网上说省科技奖提名开始了,跟我无关)
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?,\s*(?:这|这个|那个|这事|此事)?(?:跟|和|与)(?:我|我们|本人|咱们?|俺们?|本单位)"
    r"(?:无关|没关系|没啥关系|不相干)(?=\s*[,;:。!—])"  # a statement (not 跟我们没关系吗?)
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?找过?了?[^,;:?!。—]{0,10}?(?:局|厅|委|部门|中心)(?:了|过了)(?=[,;:?!。—]|$)"
    # … and the clause before a bracket that sets it aside (企业方已申请高新技术企业认定(此项不咨询); (不咨询此事))
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—()]*?\((?:此项|此事|这项|这个|该项|该事项)?(?:不咨询|不问|暂不咨询)(?:此事|此项|这个|该项)?\)"
    # … and a division already asked that said it is not theirs, and what it said it does (企业已咨询'科技企业服务处',对方称其
    # 负责高企认定,不负责此类攻关任务; 已联系'农村科技处'(因其负责县域创新),被告知此事另有处室负责)
    r"|(?:已|曾)经?(?:咨询|联系|找|问|致电)(?:过|了)?[^。?]*?(?:称|说|答复|回复|表示|告知)(?:其负责[^,;:?!。]*)?"
    r"(?=[^。?]*?(?:不负责|另有(?:处室|部门)负责|不归[^,;:?!。]{0,6}?管|不管))"  # … up to what it refuses (which may be asked)
    # … and a matter already taken to a division (（高企认定那块已经找过企业服务处了）; not 找了三个处了,到底归谁管)
    r"|(?:^|(?<=[,;:?!。—\s(]))[^,;:?!。—()]*?(?:那块|这块|那边|的事)(?:我们|我)?已经找过[^,;:?!。—()]{1,10}?处了?(?=[,;:?!。—)]|$)"
    # … and what is out of scope (（干部人事档案不在此次范围）), or what the divisions asked said is not theirs, in the
    # clause before (…曾电话联系行政审批处和政策法规与监督处,均答复不归其管)
    r"|(?:^|(?<=[,;:?!。—\s(]))(?![^,;:?!。—()]*?(?:为什么|为啥|怎么))[^,;:?!。—()]*?(?<!在)不在(?:此次|本次|这次|此)?(?:范围|之列)"
    r"(?![^,;:?!。()]*[吗呢])"
    # … and where the asker's own body is out of a zone (我们朝阳也不在自创区范围内; not 商家说不在保修范围)
    r"|(?:^|(?<=[,;:?!。—\s(]))(?:我们|我|本单位|本市|本县|俺们)[^,;:?!。—()]{0,8}?(?<!在)不在[^,;:?!。—()]{0,10}?(?:区|园区)的?范围"
    r"(?![^,;:?!。()]*[吗呢])"
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?(?:处|局|委|部门|中心)[^,;:?!。—]*?,\s*(?:均|都|也)?(?:答复|回复|说|称|表示)?"
    r"不归(?:其|他们|她们|他|她|那边|那里)?管"
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?(?:(?:先不(?:弄|报|做|办|申报|考虑|问(?=[,;:?!。—]|$))|先放一放|暂不考虑|(?<!用)不用再?问|不必再?问|无需再?问|(?<![要来想闻管])不问了?(?=[,;:?!。—]|$)|已经解决)(?!了?[吗么没]))"
    # … and what is not the asker's field (碳中和那块不是我们的方向), or a division first thought of and said wrong
    # (本来想报基金处,同事说不对)
    r"|(?:^|(?<=[,;:?!。—\s]))[^,;:?!。—]*?不是(?:我们|我)的(?:方向|领域|业务)"
    r"|(?:本来|原来|原本|有人|别人|同事|朋友)(?:想|要|打算|叫我|让我|说)?(?:报|找|去|问)[^,;:?!。—]{1,12}?处"
    r"(?=[,;:?!。—]\s*[^,;:?!。—]{0,6}?(?:不对|错了))"
    # compared: 跟高新技术企业是不是一回事
    rf"|(?:跟|和)(?:(?!跟|和)[^,;:?!。\s]|{MARKS}){{1,25}}?(?=是不是一回事|是一回事吗|不是一回事|是一个东西吗|是(?:不是)?(?:一个|同一个)(?:部门|口子|渠道)|不是同一个)"
)


# … and in English: not a / not about / I do not mean / except / other than / rather than / apart from / instead of …
# up to a clause break or what is asked instead (I'm a Chinese citizen, not a foreign expert; not about patents but about
# licensing; a sentence that begins "Not foreign experts:"; "has not paid" rules nothing out).
RULED_OUT_EN = re.compile(
    r"\b(?:our|my|the)\s+(?:[a-z&-]+\s+){1,5}?(?:is|are) not (?:the|an|our) (?:issue|question|point|problem|topic|concern)\b|"
    r"[^.;!?]*\bbut (?:that|this|it)(?:['’]s| is) not (?:my|the|our) (?:question|concern|issue)\b|"
    r"[^.;!?]*\bwhich (?:does not|doesn['’]t) concern (?:us|me)\b|"  # not "the tax office says it doesn't concern us"
    r"(?<=\()not\b(?!-)[^)]*"  # (not initial): up to the bracket; not (not-for-profit)
    r"|(?:(?:^|(?<=[.;:!?—,] ))not\b(?! (?:only|just|sure|yet|long|really|being|knowing|exactly|quite|necessarily)\b)"
    r"|(?:(?<!or )\bnot|n['’]t) (?:(?:asking )?about|an?|the|for|regarding)"
    r"|\b(?:we['’]re|we are|it['’]s|it is|and) not\b(?! (?:only|just|sure|yet|able|allowed|clear|possible|easy|certain|known)\b)"
    r"|\b(?:do not|don['’]t) (?:mean|send|point|refer|direct|need)|\bforget(?: about)?"
    r"|\bexcept|\bother than|\brather than|\bapart from|\binstead of|\baside from"
    r"|(?:^|(?<=[.;:!?—,] ))(?:setting|leaving|putting) aside(?! (?:funds?|money|budgets?|\d)))\b"
    r"(?:(?!\b(?:but|only|just|rather|instead|who|what|which|where|how|when|could|whether|if)\b"
    r"|(?<!\bdivision that )(?<!\boffice that )(?<!\bunit that )(?<!\bone that )\b(?:can|does|do|is|are)\b)[^,.;:?!—])*"
)  # … not "the division that does …": that runs on


# … and what an English asker already has, knows about or has sorted out, up to "and", "but" or a clause break (I already
# have my work permit and …; I just got my work permit; I already know about the NSFC grants).
ALREADY_EN = re.compile(
    r"\b(?:already (?:have|has|got|hold|holds|obtained|received|submitted|applied|know about|sorted out|settled|done)"
    r"|just (?:got|received|obtained)"
    r"|we (?:won|got|received|obtained|held|completed|finished)(?= [^,.;:?!—]* (?:last|in) (?:year|\d{4})\b)"
    r"|last year,? we (?:applied|won|got|received|had))\b"
    r"(?:(?!\b(?:and|but|now|so)\b)[^,.;:?!—])*"
)


# … and a sentence that states, where another asks (I'm a reporter covering the awards ceremony. Who handles press
# releases?): it counts for less.
STATED_EN = re.compile(r"(?:^|(?<=[.!?] ))[^.!?]*[.!](?= [^?]*\?)")
# A sentence ending 。 that still asks (科技成果转化归哪个处管。), or requests at a clause start (请贵厅明确…联系人。, 恳请贵厅…)
QUESTION_WORD = re.compile(
    rf"[吗呢{FILLER_MARK}]|(?:^|(?<=[。!?,;:\s】]))(?:恳|现|烦|特|敬)?请"
    r"(?:贵|你们|您|告知|问|协调|帮|予|答复|回复|明确|相关|尽快|指导|给予|核实|查处|解答|转)"  # not 请第三方机构做…: hired
)
ANAPHOR_ZH = re.compile(r"(?:上述|前述|此事|这件事|这个事|该项目|这个项目|这个问题)[^。!?]*\?")
REFERS_BACK = re.compile(r"(?:这个|该)(?:系统|平台)[^。!?]*\?")  # …填报项目时账号被锁，这个系统是哪个处管的?
ANAPHOR_EN = re.compile(r"[.!] [^.!?]*\b(?:such|they|them|these|those|this)\b[^.!?]*\?")


# … and what comes before the main point among several (…, but mainly: which division handles AI research projects?).
MAIN_POINT_EN = re.compile(
    r"^.*(?=\b(?:but )?mainly\s*[:,]|\b(?:the|my) (?:key|main|real|actual) question\b|\bwhat i (?:really|mainly) want to know\b"
    r"|\bnow,? (?:i['’]d like to know|i would like to know|i want to know|my question is)\b)"
)


# … and a division guessed (Who organizes the review — is it the foreign experts office?).
GUESSED_EN = re.compile(
    r"\b(?:is it|is that|is this|or is it) (?:the |your )?(?:[\w&'-]+ ){0,4}?(?:office|division|department|bureau)\b"
    r"|\b(?:handled|run|managed|dealt with|covered) by (?:the |your )?(?:[\w&'-]+ ){0,6}?(?:office|division)\b(?=[^.!]*\?)"
    r"|\bdoes (?:the |your )?(?:[\w&'-]+ ){0,6}?(?:office|division) (?:handle|deal with|cover|manage|run|take)\b"
    r"|\b(?:should i|do i) (?:take (?:this|it) to|go to|contact|ask) (?:the |your )?"
    r"(?:[\w&'-]+ ){0,6}?(?:office|division)\b(?=[^.!]*\?)"
    r"|\b(?:should|do|can|shall) (?:i|we) (?:hand|give|send|report|bring|take|turn) (?:it|this|them)(?: over| in)? to "
    r"(?:[\w&'-]+ ){0,8}(?:department|institute|academy|university|museum)\b(?=[^.!]*\?)"
    r"|(?:^|(?<=[.!?] ))(?:(?:is it|should i (?:go to|ask|contact)|do i (?:go to|ask|contact)) )?(?:the )?"
    r"(?:(?!(?:is|are|does|do|should|for|about)\b)[\w&'-]+ ){1,4}?(?:division|office) or (?:the )?"
    r"(?:[\w&'-]+ ){1,5}?(?:division|office)\?"
)


# … and what is settled, at the end of its clause: my work permit is done, our high-tech enterprise certificate is fine
# (not "was issued with a wrong name").
SETTLED_EN = re.compile(
    r"\b(?:my|our)\b[^,.;:?!—]*?\b(?:is|are|was|were) (?:done|sorted|finished|approved|issued|granted|fine|ok|in hand)"
    r"(?=\s*(?:[,.;:?!—]|$))"
)


# The topic of a report the asker prepares (电视台想就省里新材料攻关的成果做一期专访): background to the interview asked about.
TOPIC = re.compile(
    r"(?:(?<![成造迁将])就(?!业|是|想|要|能|会|可|在|到|得)|围绕)[^,;:?!。]{1,30}?(?=(?:(?:做|进行|开展|(?<![工合])作|约)(?:一期|一次|一个|个|一篇)?[^,;:?!。]{0,6}?)?"
    r"(?:专访|采访|报道|专题(?:报道|节目|片)))"
)


# A division guessed at the end of a clause (辽宁友谊奖的评审组织工作是外国专家与国际合作处负责吗, 孵化器归高新区处管吗,
# 找奖励处吗): the guess is not the matter.
GUESSED = re.compile(r"(?:是不是|是|归|找)由?[^,;:?!。是归找]{2,20}?处室?(?:负责|管|办|承担|牵头|评|审)?的?(?:吗|呢|吧)")


# Someone else taking a matter to be this department's, up to where they say so (来电人认为人工智能归…).
CALLER_THINKS = r"(?:来电人|市民|群众|对方|他们|他|她|有人)(?:误)?(?:认为|以为|觉得)[^,;:?!。]{1,20}?(?:归|由|属于?|是)"
# What someone else claims to be (一家自称搞新能源电池研发的科技公司, 打着科技创新旗号, 挂着高新技术企业的牌子, 称该公司是…): who
# is reported, not the matter.
CLAIMED = re.compile(
    # … up to the firm it says that of (自称搞新材料研发的高新技术企业)
    r"(?:自称|号称|声称|宣称|听说是|据说是)[^,;:?!。的]{1,30}(?:的[^,;:?!。的]{0,8}?(?:企业|公司|机构|单位))?"
    r"|(?:打着|(?<![可所足加予难])以)[^,;:?!。]{1,20}?(?:旗号|名义|为名)|挂着[^,;:?!。]{1,20}?(?:牌子|招牌)"
    # what a caller takes to be ours (来电人认为人工智能归科技厅管, 来电人误以为食品检测由科技部门负责)
    rf"|{CALLER_THINKS}(?:省?科技厅|科技部门|科技局|你们)"
    r"[^,;:?!。]*"  # someone else's (not 我觉得技术合同登记是你们管的吧: what the asker asks)
    # … or what someone is heard to say is ours (网上有人说科技型企业找科技厅)
    rf"|(?:网上有人说|有人说|听人说)[^,;:?!。]{{1,20}}?(?:找|归|由)(?:{DEPARTMENT_MARK}|科技厅|科技部门|你们)[^,;:?!。]*"
    # … or what a caller takes their employer to be (来电人认为公司是高新技术企业): who is reported, not the matter
    rf"|(?:来电人|来信人|反映人)(?:认为|以为|觉得)(?:该|其|这家)?{MARKS}*(?:公司|企业|单位|厂){MARKS}*是[^,;:?!。]{{1,20}}"
    rf"(?=[^。]{{0,40}}?(?:由|归|要求)(?:{DEPARTMENT_MARK}|科技厅|科技部门|你们))"  # … as the reason to bring it here
    r"|(?<![名简职声号])称(?:该|这家|那家|他们)[^,;:?!。是]{0,6}是[^,;:?!。]{1,30}"
)
# … and where a third party is (孵化器里一家科技公司拖欠工资, 园区内某企业排污, 隔壁那个什么新材料研发中试基地): who, not what
THIRD_PARTY = re.compile(
    r"[^,;:?!。]{1,8}?(?:里|内)的?(?:一家|某家|有家|某|那家)[^,;:?!。]{0,8}?(?:公司|企业|工厂|厂)"
    r"|(?:那个|一个|那家|一家)什么[^,;:?!。]{1,15}?(?:基地|公司|企业|工厂|厂|中心|园)"
)
# … and what the caller saw or heard that made them call here (看过一个节目讲科技部门在搞地震预警研究,所以打到科技这边)
WHY_HERE = re.compile(
    r"(?:看过|看到|听说|听人说|据说)[^;:?!。]{1,40}?,\s*所以(?:才|就)?(?:打|找|问|来电|来|转|拨)[^,;:?!。]{0,6}"
    r"(?:科技|你们|这边|这儿|这里|厅里)[^,;:?!。]*"
)
# … and what is attached only for reference (另附科技型中小企业和孵化器数据供参考).
ATTACHED = re.compile(r"(?:另|并|同时)?附(?:上|有|送)?[^,;:?!。]{1,40}?(?:供参考|仅供参考|备查)")


# What is asked after a contrast (…，不过我问的是国内的干部培训; 我不是要举报，就是想问…) or a correction (高企那个……说错了,
# 是高新区): what came before is background.
CONTRAST = re.compile(
    r"(?:^|(?<=[,;:?!。—]))\s*(?:不过|但是|但(?=此次|这次|这回|现在|今年|我们|我想先|我是想先)|可是|只是|而是|就是想问|[^,;:?!。—\s]{0,4}(?:想|要)?问的(?:就)?是|只想知道|只想问|我只问|(?:我|我们)?(?:关心|关注)的是(?:(?:另一件事?|另外一件事?|另一个问题|别的事?)[:：]?|(?=我们|本单位|我县|我市|咱们))|这里只问|这次只问|我想知道的是|先问(?:一个|一件|第一个)[:：,]?"
    r"|(?:但|可)?我?就想(?:知道|问)|我的问题是(?!否)[:：]?|其实(?:我)?(?:是)?想(?:问|知道)|(?:来电人?|来信人|市民|群众|企业)?(?:的)?(?:主要|其|核心)?诉求(?:为|是)?[:：]?"
    # the main point among several (…，主要想问以升促建这块; …。重点是AI平台这部分; 主要想问后者——…); not 主要是前者, which points
    # back, nor 主要是想问省厅哪个处, which names nothing
    r"|(?P<main>(?:我们?)?(?:主要(?:是)?(?:想|要)?(?:问|了解|咨询|知道)|主要是|重点(?:是|想问|问))(?!题|前者|前一|前面|做|搞|从事|为|因为)"
    rf"(?![:：]?\s*(?:想|要)?(?:问|知道)?(?:省里|省厅|厅里|贵厅|你们|咱们)?的?{RULED_OUT_MARKS}*"
    r"(?:哪|谁|是哪|是谁|归哪|归谁|找谁|找哪|由哪|由谁|在?(?:牵头|负责|推动|管)|[?。]))))"
    # taken back: what comes before a correction at a clause's start that turns to what is asked
    r"|(?:^|(?<=[,;:?!。—….\s]))(?:哦|啊|呃|我)?(?:说错了|不对不对|搞错了|口误)[,;:?!。—\s]*(?=是|其实|应该|我是想|我想)"
    r"|(?:^|(?<=[,;:?!。—]))\s*[^,;:?!。—\s]{0,4}问的不是(?!很)[^,;:?!。—]*[,;:—]\s*(?=是(?!不是|否))"
    # a letter's or ticket's request at last (…。请问贵厅负责引智基地建设的处室; 现需贵厅明确一个统一负责督办汇总的部门;
    # 来电人问:; 询问…负责 (受理, 主管)…的处室, not 负责该领域的)
    rf"|(?:^|(?<=[,;:?!。]))\s*(?:请问|请|现需|需|望)(?:{DEPARTMENT_MARK}|贵厅|省厅|你厅|厅里)?(?:明确|指定|告知)?(?:一个)?(?:统一)?"
    r"(?=负责[^,;:?!。]{2,30}?(?:处室|处|部门))"
    r"|(?:来电人|来信人|市民|对方)(?:想|要)?(?:问|咨询|询问)[:：]"
    rf"|(?:询问|咨询|想问)(?:{DEPARTMENT_MARK}|贵厅|省厅|厅里|省级|省里)?(?=(?:负责|受理(?=信访|举报|投诉|来信|来访)|主管)(?!该|这|此|相关|对应|本)[^,;:?!。]{{2,30}}?的(?:主管)?(?:处室|处|部门))"
    r"|(?:^|(?<=[,;:?!。—]))\s*(?:我|我们)?(?:想|就想|只想)?确认一下[,:]?(?=\s*[^\s,;:?!。])"
    # … and 请帮确认 when a which-division ask follows (not 请帮忙确认一下是否已经受理)
    rf"|(?:^|(?<=[,;:?!。—]))\s*请帮?(?:忙)?确认(?:一下)?(?=[^,;:?!。]{{0,40}}?(?:(?<!需要)(?<!准备)(?<!提供)(?<!有){FILLER_MARK}"
    r"|哪个?(?:处|处室|部门)|谁负责))"
    # … and, after a list, the one asked (自然科学基金、科技特派员…,这几样我只问科技特派员选派归哪个处)
    r"|(?:^|(?<=[,;:?!。—]))\s*(?:这几(?:样|个|项|件)|这些|其中|以上)(?:我|我们)?(?:只问|只想问|只想知道|就问)(?!第|前|后|最)"
    # after a story, the clause that asks at last (…都说不归他们,那本部门预算和财务管理到底是哪个处负责?)
    r"|(?<=[,;:?!。—])\s*那(?:么)?(?!这|个|此)(?=[^,;:?!。—]{2,25}?(?:到底|究竟))"  # naming what it asks (not 那到底是哪个)
    # … and the last clause that asks of another matter (科技人才队伍建设是人才处的,那厅机关自身的干部队伍建设呢?)
    r"|(?<=处的[,;])\s*那(?:么)?(?!这|个|此)(?=[^,;:?!。—]{2,30}?呢\s*(?:[?]|$))"  # after …是…处的, (not 那申报时间呢)
    r"|(?<=[,;:?!。—])\s*那(?:么)?(?!这|个|此)(?=[^,;:?!。—]{0,10}?(?:自身|本身|自己|其他|别的)[^,;:?!。—]{0,25}?呢\s*(?:[?]|$))"
)
# … and what a correction sets aside (种业攻关,不是品种审定,是科技项目): only the 不是 clause; what came before it is asked.
CORRECTED = re.compile(r"(?:^|(?<=[,;:?!。—]))\s*不是(?!很)[^,;:?!。—]*[,;:—]\s*(?=是(?!不是|否))")
# The patterns whose every match is background to what is asked.
BACKGROUND = (HEADER, TOPIC, CLAIMED, THIRD_PARTY, WHY_HERE, ATTACHED, CORRECTED)


# Who has declined the matter already (物业说管不了, 老师不管, 物业不敢惹他): not where the asker should go (not 不管是否).
DECLINED = re.compile(
    rf"(?:^|(?<=[,;:?!。\s]))(?:[^,;:?!。\s]|{MARKS}){{1,10}}?(?=(?:说|也|都|根本|死活)?(?:这事|这个|这)?(?:管不了|不管(?=[,;:?!。\s了啊呀]|$)|不敢惹|不给管|推给|推脱|不受理|不给办|不给解决|不给退|不处理|没人管|没人理|不归(?:他们|我们|这边|那边)))"
)


def ruled_out(hit: Scored) -> bool:
    """Whether a term stands wholly where the asker rules it out (这次不问药物研发; not a foreign expert; 物业说管不了)."""
    if hit.document.normalised.isascii():
        return _english_within(hit, RULED_OUT_EN) or _english_within(hit, ALREADY_EN)
    # Who declined is named, not ruled out: 快递…没收到,快递公司不管 still asks about the parcel.
    declined = [m.span() for m in DECLINED.finditer(hit.query.text)]
    return _stands_in(hit, _ruled_out_spans(hit.query.text), part=True, earlier=True) or _stands_in(hit, declined, part=True)


# What the asker has had or done before (曾获省科技进步奖, 也承担过国家自然科学基金项目, 原来做医疗器械, 之前一直对接…,
# 去年刚拿了高企证书, 证书已经下来了), or heard from others about who handles it (听说…处负责…, 同事说…归…处):
# background, in a question of more than one clause.
WROTE, LETTER = r"(?<![填编书])(?:写|寄)", r"(?:一封|封)?信(?!息|用|号|箱|任)"  # a letter sent (not 填写信息)
DONE_BEFORE = re.compile(
    r"曾(?:经)?(?:获|承担|主持|参与|申报|入选|拿)|(?<![没未])(?:承担|主持|获得|获|拿|申报|申请|参加|参与|入选|聘请|做|办|承办|(?<![召公离展打])开|对接|联系|问|反映|采访|走访)过(?!程)"
    r"|(?<!是不是)(?<!是否)(?<!还是)(?<!不)归(?!不归)[^,;:?!。吗呢]{2,14}?处(?![^,;:?!。]*[吗呢])|(?<![让使叫请])我们?(?:清楚|知道)(?![^,;:?!。]*[吗么])"
    r"|刚(?:拿了|拿到|获得|认定了|评上|结题)(?!的)|资助(?:做出来|完成|形成|产生|取得)的|(?:我们|我)(?:拿了|拿到了|承担了|获批了)(?:个|一个)"
    r"|^\s*(?:听说|据说|听人说|有人说|同事说|朋友说)[^,;:?!。]*?(?:处室?(?:负责|管|在管|牵头|承担)|(?:归|找)[^,;:?!。]*?处)"
    r"|(?:原来|以前|过去)(?:是)?做|之前一直(?!没|未)|已经(?:办完|办好|弄完|拿到|有了|是|获得|通过|入库|评上|报给|交给)|已经(?:和|跟|与)[^,;:?!。]{1,10}?(?:联系好|对接好|沟通好|谈好)|已经(?:认定|备案)(?!的)(?![^,;:?!。]*[吗呢])|已是|办完了|已经下来"
    r"|(?:去年|前年|前几年|早年|上半年|上个月)(?![^,;:!。]*[吗呢?])(?:[^,;:?!。已刚也能会]{0,10}?(?=[刚已也承主获拿申参评入通认结没]))?(?:刚|已经|也)?(?:(?:承担|主持|获|拿|申报|参加|参与)了|(?:获得|评上|拿到|入选|通过|认定了)(?!的)|结题"
    r"|[^,;:?!。]{0,10}?没(?:通过|评上|批下来|批))"
    r"|(?:去年|前年|之前|以前|原来)(?:申|报|申请|申报|做|拿)的是"
    rf"|(?:年初|上月|上个月|去年|之前|以前|前段时间|前几天|上周|已经|曾)(?:(?!想|准备|打算|要)[^,;:?!。]){{0,10}}?{WROTE}(?:过|了)?{LETTER}"
    rf"|{WROTE}(?:过|了){LETTER}"
    r"|(?:之前|以前|曾经?|原来|去年)借调|借调过|(?:之前|以前|原来|过去)在[^,;:?!。]{2,20}?(?:工作|上班|任职)"
    r"|第[一二三四五两]次(?:说|写|反映|投诉)|(?<![没未])有(?!什么|哪些|啥)[^,;:?!。、有]{1,8}?资质|(?:还|也|已经?)建了"
    r"|^\s*(?:我们|我|他们|该单位|本单位)?虽然?是|(?:其|该|我们的|我的)项目(?:为|是|属于)(?:(?!哪|吗|不是|是否|不属于)[^,;:?!。]){1,12}?(?:方向|领域)(?![^,;:?!。]*[吗呢])"
)
# … and the reason given right after (同事说…归…处，因为跟环保挂钩), not a question (因为什么…?, 说是不是…)
BECAUSE = re.compile(r"\s*(?:因为|理由是|说是|原因是)(?!什么|啥|不是|是不是)(?![^,;:!。]*[吗呢?])")


# What a firm, project or expert has won, said only to say which one it is (拿了省科技进步奖的企业怎么认定高企, 拿了辽宁友谊奖的
# 外国专家想办签证): background too.
HAVING_WON = re.compile(
    rf"(?<![没未])(?:拿了|获得了|获了|拿过|获过|上过|入选过|进过)[^,;:?!。]{{2,12}}?的(?={MARKS}*(?:企业|公司|单位|项目|团队|外国专家|专家|教授|科学家|学者))"
)


# When something happens, before what the clause says of it (省自然科学基金项目结题时要求提交科技报告): not 同时, 及时, 时间,
# nor the asking 啥时候, 什么时候 …; not where a later clause refers back to it (…填报项目时账号被锁，这个系统是哪个处管的?).
WHEN = re.compile(
    r"(?:^|(?<=[,;:?!。—]))[^,;:?!。—]+?(?<![同及临随小暂按准实当有平届那这何几啥么])时(?!候的)候?(?![间限代期效段刻节尚速的])(?=[^,;:?!。—\s])"
)


# A softer turn to the question (…，现在想问…, …，这次咨询…, …，这次想了解…, …，现在想申请…): what comes before it is
# background too, when it says more.
SOFT_TURN = re.compile(
    r"(?:^|(?<=[,;:?!。—]))\s*(?:现在|这次)(?:想|要)?(?:问|咨询)"
    r"|(?:^|(?<=[,;:?!。—]))\s*(?:现在|这次|这回|今年|如今)(?:是|主要)?(?:想|要)(?:了解|知道|做的是|配合|办的是|申请(?!的))"
    r"|(?:^|(?<=[,;:?!。—]))\s*现拟"
)


# A matter ruled out, a routing note's channel, the topic of a report, what someone claims to be, a clause or its end
# that guesses the answer (the guess is not the matter), and what stands before the last contrast.
@lru_cache(maxsize=64)  # a few readings of the query being answered: found once for all its terms
def _asides(text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of a reading that are not what it asks: ruled out, guessed, claimed, background or a routing note's."""
    spans = [
        *_ruled_out_or_guessed(text),
        *(m.span() for pattern in BACKGROUND for m in pattern.finditer(text)),
    ]
    turns = list(CONTRAST.finditer(text))
    return tuple(spans + (_before_turn(turns[-1], text) if turns else []))


# The main point may name again, in short, a matter said before (科小评价入库咋弄,还想问孵化器的事,主要是科小): that
# clause is then no background.
POINTED = re.compile(r"[^,;:?!。—\s]{2,}?(?=这块|这部分|这件事|这事|的事|那块|这个|找谁|[,;:?!。—\s]|$)")


def _before_turn(turn: re.Match[str], text: str) -> list[tuple[int, int]]:
    """What stands before the last turn to what is asked, less the clause the main point names again."""
    pointed = POINTED.match(text, turn.end()) if turn.group("main") else None
    again = text.find(pointed.group(), 0, turn.start()) if pointed else -1
    if again < 0:
        return [(0, turn.end())]
    return [(a, min(b, turn.end())) for a, b in clauses(text) if a < turn.end() and not a <= again < b]


def _ruled_out_or_guessed(text: str) -> list[tuple[int, int]]:
    """The stretches of a reading that rule a matter out or guess the answer (a clause, or the end of one)."""
    spans = [*_ruled_out_spans(text), *(m.span() for m in GUESSED.finditer(text))]
    said = clauses(text)
    guessed = [(start, end) for start, end in said if GUESS.match(text[start:end])]
    return spans + guessed + [(start, end) for start, end in said if start > 0 and LONE_DIVISION.match(text[start:end])]


# What the asker has built with another body (已与大连理工大学合作建了研发中心) is background too, unless the clause after it
# refers back to what was built (已和企业共建了大学科技园,园区的财务管理问题找谁).
BUILT_WITH = re.compile(r"已经?(?:与|和|跟)[^,;:?!。]{1,15}?(?:合作|联合)?(?:共建了|建了|建成了?)")
REFERS_BACK_START = re.compile(r"\s*(?:这个(?!我)|该|园区|中心|基地|实验室|平台)")


def _built_with(text: str, clause: tuple[int, int], after: tuple[int, int] | None) -> bool:
    """Whether a clause says what was built with another body, and the clause after it does not refer back to it."""
    built = BUILT_WITH.search(text, *clause) is not None
    return built and after is not None and REFERS_BACK_START.match(text, after[0]) is None


# News heard at the start (听说今年高企认定开始了, 朋友圈刷到人工智能新政) is background when a later clause turns to the
# asker's own matter and asks of it in so many words (我们公司是做大模型的,想问人工智能…平台布局), unless it only asks to
# take part in or comment on what the news says (我们想申报,找哪个处; 我们想提点意见); not 我们…需要准备哪些材料, which asks
# of the news.
NEWS = re.compile(r"^\s*(?:听说|据说|网上(?:说|传)|新闻(?:里|上)?(?:说|报道)|看到新闻说?|朋友圈(?:里)?(?:看到|刷到)|刷到)")
ASKS_OWN = re.compile(r"想(?:问|了解|咨询|知道)")
OWN_TURN = re.compile(
    r"\s*(?:我们?|俺们?|本人|本单位)(?!.*(?:申报|申请|报名|参加|参评|评)(?:[,;:?!。]|吗|呢|找|哪|要|需|的话|$))(?!.*(?:意见|建议|看法|提点|提些|提几))"
)


def _news(text: str, said: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The opening clause of news heard, when a later clause turns to the asker's own matter and asks of it (想问…)."""
    if len(said) < 2 or NEWS.match(text, said[0][0]) is None:
        return []
    turned = [start for start, _ in said[1:] if OWN_TURN.match(text, start)]
    return [said[0]] if turned and ASKS_OWN.search(text, turned[0]) else []


@lru_cache(maxsize=64)
def _done_before(text: str) -> tuple[tuple[int, int], ...]:
    """Background: clauses on what the asker did or had (and the reason given after), before a softer turn, when, what was won."""
    said = [(start, end) for start, end in clauses(text) if text[start:end].strip()]
    turns = [m.start() for m in SOFT_TURN.finditer(text) if m.start() > 0]
    done = [(start, end) for start, end in said if len(said) > 1 and DONE_BEFORE.search(text[start:end])]
    done += [span for span, after in zip(said, [*said[1:], None], strict=True) if _built_with(text, span, after)]
    done += [now for before, now in pairwise(said) if before in done and BECAUSE.match(text[now[0] : now[1]])]
    done += _news(text, said)
    when = [m.span() for m in WHEN.finditer(text) if not REFERS_BACK.search(text, m.end())]
    spans = when + [m.span() for m in HAVING_WON.finditer(text)]
    return tuple(done + ([(0, turns[-1])] if turns else []) + spans)


def in_aside(hit: Scored) -> bool:
    """Whether a term stands in an aside of its reading: ruled out, guessed, background before a contrast or done."""
    return _aside(hit, _asides(hit.query.text) + _done_before(hit.query.text))


# What sets an English term aside, and the share of its words said only there that does: any ruled out, else more than half.
# … and a third party's claimed title or its park (a so-called high-tech company; a battery startup in the high-tech park).
CLAIMED_EN = re.compile(
    r"\bso-called\s+(?:[a-z-]+\s+){0,3}?(?:company|firm|enterprise|startup|business)\b"
    r"|(?<!\bare )(?<!\bam )(?<!['’]re )(?<!['’]m )\b(?:a|an|one|some)\s+(?:[a-z-]+\s+){0,3}?"  # not who asks: we are a …
    r"(?:company|firm|startup|factory|plant|business)\s+(?:in|inside|at)\s+the\s+"
    r"(?:[a-z-]+\s+){0,3}?(?:park|zone)\b"
)
ENGLISH_ASIDES = ((RULED_OUT_EN, 0), (GUESSED_EN, 0.5), (MAIN_POINT_EN, 0.5), (ALREADY_EN, 0.5), (CLAIMED_EN, 0.5))


def _aside(hit: Scored, asides: Sequence[tuple[int, int]]) -> bool:
    """Whether a term stands in an aside of its reading: Chinese in one of these stretches; English set aside."""
    if hit.document.normalised.isascii():
        return any(_english_set_aside(hit, pattern, share) for pattern, share in ENGLISH_ASIDES) or _settled(hit)
    return _stands_in(hit, asides, part=True) or _stands_in(hit, _ruled_out_spans(hit.query.text), part=True, earlier=True)


@lru_cache(maxsize=64)  # a few readings of the query being answered: found once for all its terms
def _ruled_out_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The stretches of a reading that rule a matter out (in English too: Not asking about 高企 certification)."""
    return tuple(m.span() for pattern in (RULED_OUT, RULED_OUT_EN) for m in pattern.finditer(text))


# Any word where the asker rules something out (foreign, in "don't point me to foreign talent services", sets aside
# "high-end foreign talent"); most of them where the asker says what they already have.
def _english_set_aside(hit: Scored, pattern: re.Pattern[str], share: float) -> bool:
    """Whether more than this share of an English term's words are said only in the stretches the pattern finds."""
    said = _words_within(hit.query.text, pattern)
    stems = term_stems(hit.document.normalised)
    only_there = [
        stem for stem in stems if (places := [inside for asked, inside in said if _same_word(stem, asked)]) and all(places)
    ]
    return bool(stems) and len(only_there) > share * len(stems)


# In "my work permit is done; where do I apply for my residence permit?" the work permit is settled.
def _settled(hit: Scored) -> bool:
    """Whether an English term is said word for word, and only, where the asker says it is settled ("my work permit is done")."""
    said = _words_within(hit.query.text, SETTLED_EN)
    stems = term_stems(hit.document.normalised)
    runs = [said[at : at + len(stems)] for at in range(len(said) - len(stems) + 1)]
    whole = [all(inside for _, inside in run) for run in runs if all(map(_same_word, stems, (w for w, _ in run)))]
    return bool(stems) and bool(whole) and all(whole)


@lru_cache(maxsize=64)  # a few readings of the query being answered: read once for all its terms
def _words_within(text: str, pattern: re.Pattern[str]) -> tuple[tuple[str, bool], ...]:
    """Each English word of a text, stemmed, and whether it is said within a stretch the pattern finds."""
    stretches = [m.span() for m in pattern.finditer(text)]
    return tuple((asked, any(s <= at < e for s, e in stretches)) for asked, at, _ in words(text))


# With `part`, a term with a gap (算法…攻关) when any of its parts does (不做软件和算法 … 攻关: the pair no longer says
# anything), and a term named only in part when a pair of its characters is said only there (出国培训 for 出国(境)培训).
IN_OTHER_WORDS = 4  # a term this long is ruled out by its characters in order (种业 is not in 不是品种审定…农业部门)


def _stands_in(hit: Scored, spans: Sequence[tuple[int, int]], part: bool = False, earlier: bool = False) -> bool:
    """Whether a Chinese term the query names stands wholly within one of these spans of the query (or, with `part`, in part)."""
    term, text = hit.document.normalised, hit.query.text
    pieces = [piece for piece in term.split(GAP) if piece]
    if GAP in term and part and not term.isascii() and all(piece in text for piece in pieces):  # in any order too
        starts = [0, *(a for a, _ in spans)] if earlier else [0]  # named, then ruled out: ruled out
        return any(_inside(a + s, b + s, spans) for s in starts for a, b in part_spans(term, text[s:]))
    if term.isascii() or GAP in term:
        return False
    said = occurrences(term, text)  # said again outside them, it is asked (or, `earlier`, said again after them)
    ruled = [at for at in said if _inside(at, at + len(term), spans)]
    if said and earlier and not ruled:
        # 反映高企认定有猫腻…不是要问高企怎么认定: named, then ruled out in other words
        return len(term) >= IN_OTHER_WORDS and any(a > said[-1] and _in_order(term, text[a:b]) for a, b in spans)
    if not said:
        return part and _pair_only_within(term, text, spans)
    asked = [at for at in said if not earlier or at > ruled[0]]  # earlier: named, then ruled out, is ruled out
    return all(_inside(at, at + len(term), spans) for at in asked)


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a stretch of text lies wholly within one of these spans."""
    return any(a <= start and end <= b for a, b in spans)


def occurrences(term: str, text: str) -> list[int]:
    """Where a term is said in a text, each time (not overlapping)."""
    found, at = [], text.find(term)
    while at != -1:
        found.append(at)
        at = text.find(term, at + len(term))
    return found


def _pair_only_within(term: str, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a pair of the term's characters is said in the text, each time within one of these spans."""
    for pair in {term[i : i + 2] for i in range(len(term) - 1)}:
        said = occurrences(pair, text)
        if said and all(_inside(at, at + 2, spans) for at in said):
            return True
    return False


# In English: I'm a foreign expert in dairy cattle genetics.
def names_the_asker(hit: Scored) -> bool:
    """Whether a term stands wholly where the query says who asks (我是自然科学基金项目负责人，要因公出国)."""
    if hit.document.normalised.isascii():
        return _english_within(hit, ASKER_EN)
    term, text = hit.document.normalised, hit.query.text
    asker = [m.span() for m in ASKER.finditer(text)]  # said again only in an aside, it is still not asked
    if GAP in term and hit.document.kind == "outside":  # 我父亲是市直机关的离休干部: whom their matter concerns
        return False
    if GAP in term:  # 省属…研究院 in 我是省属研究院的研究员: its parts, first to last; not if named again after
        spans, parts = part_spans(term, text), [part for part in term.split(GAP) if part]
        said = [(spans[0][0], spans[-1][1])] if spans and len(spans) == len(parts) else []
        after = [end for start, end in asker if said and _inside(*said[0], [(start, end)])]
        if after and len(part_spans(term, text[after[0] :])) == len(parts):
            return False
    else:
        said = [(at, at + len(term)) for at in occurrences(term, text)]
    in_asker = any(_inside(start, end, asker) for start, end in said)
    return in_asker and _stands_in(hit, [*asker, *_asides(text)], part=GAP in term)


def _english_within(hit: Scored, pattern: re.Pattern[str]) -> bool:
    """Whether every word of an English term is said within one stretch of the query that the pattern finds."""
    stems = term_stems(hit.document.normalised)
    spans = [[asked for asked, _, _ in words(m.group())] for m in pattern.finditer(hit.query.text)]
    return bool(stems) and any(all(any(_same_word(s, a) for a in span) for s in stems) for span in spans)


# "high-tech industrial(isation)" is held by "high-tech industrial development zone", and says no more than the zone does.
def _holds(longer: Scored, hit: Scored) -> bool:
    """Whether a named term holds another, which then says no more than it does."""
    term, other = hit.document.normalised, longer.document.normalised
    if not term.isascii():
        return term in other and term != other
    if not other.isascii():
        return False
    stems, held_by = term_stems(term), term_stems(other)
    return len(held_by) > len(stems) and all(any(_same_word(stem, word) for word in held_by) for stem in stems)


# English in other word forms: "register a patent" for "patent registration"; an English term whose every word the query
# holds as written was scored whole already.
def _held_in_part(hit: Scored) -> bool:
    """Whether a term the query names was scored as held only in part: Chinese with a gap, or English in other word forms."""
    term = hit.document
    if term.normalised.isascii():
        return not term.tokens <= hit.query.tokens
    return term.normalised not in hit.query.text


def _weighed(hit: Scored, top: int, word_for_word: bool, its_role: int, aside: bool) -> Scored:
    score = hit.score / PARTLY_HELD if word_for_word else hit.score
    if aside:
        score *= ASIDE
    elif hit.document.kind == "subject" and its_role < top:
        score *= CHANNEL_OUTWEIGHED if rank(hit) == RANKS["channel"] else OUTWEIGHED
    return hit if score == hit.score else replace(hit, score=round(score, 4))


def _matter(hit: Scored) -> bool:
    return hit.document.kind == "subject" and rank(hit) >= RANKS["matter"] and hit.score >= MATTER_IN_PART


# Searched again without the channel, a matter it names only in part (伪造实验数据) is not crowded out by the channel's
# strong match.
def what_is_reported(index: SearchIndex, raw: str, scored: list[Scored], kinds: set[str] | None) -> list[Scored]:
    """For a query that names a channel (举报, 投诉 …), the hits of what it reports too: the query searched without it."""
    channels = [s.document.text for s in named(scored) if role(s) == RANKS["channel"] and not ruled_out(s)]  # 不是举报…
    if not channels:
        return scored
    rest = raw
    for term in sorted(channels, key=len, reverse=True):
        rest = rest.replace(term, " ")
    if not rest.strip() or rest == raw:
        return scored
    best = {s.position: s for s in scored}
    for hit in index.search(rest, kinds):
        if rank(hit) != RANKS["channel"] and (hit.position not in best or best[hit.position].score < hit.score):
            best[hit.position] = hit
    return sorted(best.values(), key=lambda s: (-s.score, s.position))


# In 领导小组（不是沈大自创区那个领导小组） the zone's text gains nothing from the words about the zone.
def without_ruled_out_text(index: SearchIndex, raw: str, scored: list[Scored]) -> list[Scored]:
    """The hits with served text scored on what the query does not rule out or guess, nor name in passing (Chinese)."""
    text = normalise_query(raw)
    if mainland_wording(raw) is not None:  # Traditional: its own readings
        return scored
    ruled_out = _ruled_out_or_guessed(text)
    scored = _without_fields_ruled_out(_rescored(index, text, ruled_out, TEXT_KINDS, scored))
    passing = _in_passing(text, named(scored))
    return _rescored(index, text, ruled_out + passing, {"division"}, scored) if passing else scored


# 除信息、生物医药以外的高新技术领域: every field division's text reads 高新技术…技术发展需求分析, but not the one ruled out.
def _without_fields_ruled_out(scored: list[Scored]) -> list[Scored]:
    """The hits, served text of a division whose own term is ruled out (and no other of its terms named) at an aside's share."""
    found = [s for s in named(scored) if s.document.kind == "subject"]
    ruled = {s.position for s in found if ruled_out(s)}
    out = {s.document.divisions[0] for s in found if s.position in ruled and len(s.document.divisions) == 1}
    out -= {n for s in found if s.position not in ruled and not in_aside(s) for n in s.document.divisions}
    if not out:
        return scored
    weighed = [
        replace(s, score=round(s.score * ASIDE, 4)) if s.document.kind in TEXT_KINDS and set(s.document.divisions) <= out else s
        for s in scored
    ]
    return sorted(weighed, key=lambda s: (-s.score, s.position))


def _rescored(index: SearchIndex, text: str, spans: list[tuple[int, int]], kinds: set[str], scored: list[Scored]) -> list[Scored]:
    """The hits, those of these kinds scored again on the text without these spans (unchanged if nothing is left out)."""
    rest = "".join(" " if any(a <= at < b for a, b in spans) else char for at, char in enumerate(text))
    if rest == text or not rest.strip():
        return scored
    again = {s.position: s for s in index.scored(rest, kinds)}
    kept = [again.get(s.position) if s.document.kind in kinds else s for s in scored]
    return sorted((s for s in kept if s is not None), key=lambda s: (-s.score, s.position))


# 高新区企业申报人才计划: the zone's division is not found by its name in 高新区 when the talent programme is asked
# (its served text still is: 自创区领导小组办公室 is the zone's).
def _in_passing(text: str, found: list[Scored]) -> list[tuple[int, int]]:
    """Where a reading names Chinese terms only in passing, when it names a matter too (none otherwise)."""
    subjects = [s for s in found if s.document.kind == "subject" and not s.document.normalised.isascii()]
    if not any(role(s) >= RANKS["matter"] for s in subjects):
        return []
    passing = [s.document.normalised for s in subjects if role(s) == RANKS["in_passing"] and GAP not in s.document.normalised]
    return [(at, at + len(term)) for term in passing for at in occurrences(term, text)]


def only_a_channel(hit: Scored) -> bool:
    """A channel term (投诉, 举报 …) that explains too little of the query to say whose matter it is."""
    return rank(hit) == RANKS["channel"] and hit.coverage < CHANNEL_ALONE_COVERAGE
