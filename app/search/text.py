"""How search reads text: Chinese normalised and cut into bigrams, English cut into words, spelled one way and stemmed."""

# Chinese is normalised character for character; English is stemmed by Snowball, via PyStemmer.
# Fillers and stop words are dropped from queries.

import re
import unicodedata
from functools import cache, lru_cache

import opencc
import Stemmer

# A message's opening 我想, 我要 is dropped without a mark: no word of asking (我要反映…。科研诚信归哪个处?), unlike 请问.
OPENING = re.compile(r"^(?:我想|我要)(?!知道|问|了解)")
FILLERS = [
    re.compile(r"^(请问|请教|我想知道|想问一下|想问|想了解|我想|我要)"),
    re.compile(r"(?:去|到|在|上)?哪(?:里|儿)?(?=办)"),  # 去哪办 keeps 办: where to do it (加计扣除在哪办 is a claim)
    re.compile(
        r"(由|归|找|去|向|问|该)?(谁|哪个|哪些|哪一个|哪家|哪)(个)?(处室|部门|处|单位|机构|科室)?(来)?(负责|主管|管理|管|承担|办理|办|分管)?"
    ),
    re.compile(r"(负责|主管|承担|办理)(的)?(处室|部门|单位|机构)"),
    re.compile(r"(怎么办|如何办|怎么|如何|怎样)"),
]
# The department naming itself (科技厅, 省科学技术厅) says nothing of which division: dropped, unless it is all there is.
DEPARTMENT = re.compile(r"(辽宁省|辽宁|省)?(科学技术厅|科技厅)")
# … and in English (the Liaoning Provincial Department of Science and Technology): not science and technology evaluated.
DEPARTMENT_EN = re.compile(
    r"\b(?:the\s+)?(?:liaoning\s+)?(?:provincial\s+)?(?:department|dept\.?)\s+of\s+science\s+(?:and|&)\s+technology\b"
    r"|\b(?:the\s+)?(?:liaoning\s+)?(?:provincial\s+)?science\s+(?:and|&)\s+technology\s+(?:department\b|dept\b\.?)"
)
DEPARTMENT_MARK = "\u2002"  # what a query's naming of this department leaves: a space, told apart (科技厅机关公务员招录)
EXPANSION_MARK = "\u2003"  # the space around an abbreviation expanded in a reading: 我是退休老干部 stays one span
FILLER_MARK = "\u2004"  # what a filler word leaves: 不是要问高企怎么认定 stays one span
GAP = "…"  # in a term, words in between: 食品…许可 is named by 食品生产许可证
CLAUSE_BREAK = re.compile(r"[,;:?!。—]|\.(?!\d)")  # where a clause ends (a dash too; not at the point of PM2.5)
PARTICLES = r"[\s\W_的吗呢啊呀是]|(?<![网酒氧茶书话贴])吧"  # not the 吧 of 网吧 or 酒吧
SEPARATORS = re.compile(rf"(?:{PARTICLES})+")
NOT_CHINESE = re.compile(rf"(?:[a-z0-9]|{PARTICLES})+")  # what cuts Chinese into runs: separators and Latin
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[a-z0-9]")
WORD = re.compile(r"[a-z][a-z0-9]*|[0-9]+[a-z][a-z0-9]*")
BRITISH = [(re.compile(r"is(e|es|ed|ing|ation|ations)$"), r"iz\1"), (re.compile(r"(?<=[a-z]{3})our$"), "or")]
BRITISH_ENDINGS = ("ise", "ises", "ised", "ising", "isation", "isations", "our")  # a word ending otherwise is left as is
SPELLINGS = {"centre": "center", "centres": "centers", "programme": "program", "programmes": "programs", "licence": "license"}
SPELLINGS |= {"licences": "licenses", "licenced": "licensed", "licencing": "licensing"}
# Everyday English words read in the translation's words (both sides, like a spelling): capability is its capacity,
# a company or firm its enterprise.
SPELLINGS |= {"capability": "capacity", "capabilities": "capacities", "capable": "capacity"}
SPELLINGS |= {"securities": "stocks"}  # not "security" (both stem to secur): data security is no stock market matter
SPELLINGS |= {"publication": "publishing", "publications": "publishing"}  # not "public" (both stem to public)
SPELLINGS |= {"company": "enterprise", "companies": "enterprises", "firm": "enterprise", "firms": "enterprises"}
SPELLINGS |= {"customer": "client", "customers": "clients"}  # not "customs" (both stem to custom): no border matter
STOP_WORDS = frozenset(
    """a about after an and any apply applying are as at be been being by can could department departments division
    divisions do does for from get getting go handle handles handled handling help how i if in into is it its liaoning
    me my need needs of office offices on or our please province provincial responsible should so some team the their
    them there these this to under us want wants we what when where which who whom whose why will with would you your
    deal deals dealing charge contact person unit""".split()
)


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _mainland() -> opencc.OpenCC:
    return opencc.OpenCC("tw2sp")  # Traditional to Simplified with Taiwan's words in mainland use: 軟體 → 软件


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@cache
def normalise_char(char: str) -> str:
    """One character as search compares it (NFKC, lower case, Simplified); always one, so offsets never shift."""
    folded = unicodedata.normalize("NFKC", char).lower()
    if len(folded) != 1:
        return char
    simplified: str = _converter().convert(folded)
    return simplified if len(simplified) == 1 else folded


def normalise_text(text: str) -> str:
    """Stored text as search compares it, character for character (a Traditional text as Simplified)."""
    if unicodedata.is_normalized("NFKC", text) and len(lowered := text.lower()) == len(text):
        if _converter().convert(lowered) == lowered:
            return lowered
    return "".join(normalise_char(char) for char in text)


def normalise_query(raw: str) -> str:
    """A query as search compares it: NFKC, Simplified characters, lower case, filler words gone."""
    return _without_fillers(_converter().convert(unicodedata.normalize("NFKC", raw)).lower())


# Also 軟體 → 软件, 資訊 → 信息. None for a query in Simplified characters, or one whose words read the same.
def mainland_wording(raw: str) -> str | None:
    """A query in Traditional characters read once more in mainland words (積體電路 → 集成电路), normalised; or None."""
    folded = unicodedata.normalize("NFKC", raw)
    simplified = _converter().convert(folded)
    if simplified == folded:
        return None
    worded: str = _mainland().convert(folded)
    return _without_fillers(worded.lower()) if worded != simplified else None


def _without_fillers(text: str) -> str:
    text = OPENING.sub("", text)
    for filler in FILLERS:
        text = filler.sub(FILLER_MARK, text)
    rest = DEPARTMENT_EN.sub(" ", DEPARTMENT.sub(DEPARTMENT_MARK, text))
    return rest if SEPARATORS.sub("", rest) else text


def clauses(text: str) -> list[tuple[int, int]]:
    """Where each clause of a normalised text begins and ends."""
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(text)]
    return list(zip([0] + [end for _, end in breaks], [start for start, _ in breaks] + [len(text)], strict=True))


def grams(text: str) -> set[str]:
    """The character bigrams of a run of Chinese (its one character, if it has only one)."""
    if len(text) == 1:
        return {text}
    return {text[i : i + 2] for i in range(len(text) - 1)}


def chinese_runs(text: str) -> list[str]:
    """The runs of Chinese in normalised text, cut at punctuation, particles and Latin letters."""
    return [run for run in NOT_CHINESE.split(text) if run]


CACHED_WORD = 32  # words up to this long are kept once stemmed: 8,192 of them, so at most 256 KB of client text


def stem(word: str) -> str:
    """One English word as search compares it: one spelling, stemmed (kept once read, if it is a word of usual length)."""
    return _kept_stem(word) if len(word) <= CACHED_WORD else _stem(word)


@lru_cache(maxsize=8192)  # the index's words and the queries' (most repeat): bounded by CACHED_WORD
def _kept_stem(word: str) -> str:
    """A word of usual length, stemmed."""
    return _stem(word)


def _stem(word: str) -> str:
    """One English word stemmed: one spelling (American and British), then the Snowball stemmer."""
    word = SPELLINGS.get(word, word)
    if word.endswith(BRITISH_ENDINGS):
        for pattern, replacement in BRITISH:
            word = pattern.sub(replacement, word)
    stemmed: str = _stemmer().stemWord(word)
    return "~" + stemmed


def words(text: str) -> list[tuple[str, int, int]]:
    """Each English word that is not a stop word: its stem and where it stands in the text."""
    return [(stem(m.group()), m.start(), m.end()) for m in WORD.finditer(text) if m.group() not in STOP_WORDS]


@lru_cache(maxsize=16384)  # the index's terms only, so bounded by the data: read again by each check of a query
def term_stems(term: str) -> tuple[str, ...]:
    """The stems of a term's English words, in order."""
    return tuple(stem for stem, _, _ in words(term))


def stem_runs(stems: tuple[str, ...], said: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Where these stems are said one after another, from the first word's start to the last word's end."""
    n = len(stems)
    starts = [i for i in range(len(said) - n + 1) if n and tuple(w[0] for w in said[i : i + n]) == stems]
    return [(said[i][1], said[i + n - 1][2]) for i in starts]


def tokens(text: str) -> set[str]:
    """What search indexes a normalised text by: Chinese bigrams and single characters, English stems and stem pairs."""
    # No pair across a gap: airline…refund holds no pair of airline and refund.
    if GAP in text:
        return set().union(*(tokens(part) for part in text.split(GAP)))
    found: set[str] = set()
    if not (text.isascii() and text.islower()):  # lower-case ASCII holds no Chinese run
        for run in NOT_CHINESE.split(text):
            found.update(grams(run) if run else ())
        found.update(HAN.findall(text))
    if LATIN.search(text):  # no Latin letter or digit, no English word
        stems = [stem(word) for word in WORD.findall(text) if word not in STOP_WORDS]
        found.update(stems)
        found.update([a + b for a, b in zip(stems, stems[1:], strict=False)])
    return found
