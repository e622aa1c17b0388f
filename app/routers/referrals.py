"""The referral of a search: the other agency's matter a query names, as the API serves it."""

import re

from app.data.store import Store
from app.schemas.public import AgencyPublic, Match, ReferralPublic, Span
from app.search import CITIES, COUNTIES, DISTRICT_EN, Answers, Place

CITY_AGENCY = re.compile(r"^(?:国家税务总局|中共)?市(?!场)|(?<=（)市(?![、场])")  # unnamed: 市生态环境局, 中共市委…
CITY_HEAD = re.compile(r"^(国家税务总局|中共)?市(?!场)")  # … at the head of its name: 市应急管理局, 国家税务总局市税务局
CITY_EN = re.compile(r"\b[Cc]ity\b")
COUNTY = "县（市、区）"  # a county's agency, unnamed: 县（市、区）市场监督管理局
COUNTY_EN = re.compile(r"^County ")
# A city's agency a county has too, under its own name (市卫生健康委员会: 海城市卫生健康局), and those only a city has
# (the provident fund centre, the utilities, the traffic police's vehicle office, the intellectual property office; the
# ecology bureau's county office is a branch of the city's).
COUNTY_NAMES = {
    "卫生健康委员会": ("卫生健康局", "health bureau"),
    "城市管理综合行政执法局": ("综合行政执法局", "comprehensive administrative law enforcement bureau"),
    "发展和改革委员会": ("发展和改革局", "development and reform bureau"),
    "消防救援支队": ("消防救援大队", "fire and rescue brigade"),
}
CITY_ONLY = re.compile(r"住房公积金|公用事业|供热主管|城市建设档案|中级人民法院|人民防空|交通警察|生态环境|知识产权")
BRANCHES = {
    "公安局": "public security bureau",
    "自然资源局": "natural resources bureau",
}  # a district's: a branch (分局) of the city's
BRACKETED = re.compile(r"（[^）]*）$")  # 县（市、区）人民政府兵役机关（人民武装部）: the city's is named without it


def referral_public(store: Store, answers: Answers) -> ReferralPublic | None:
    """The referral of these answers, with its agency as the subject index names it; None when the query names none."""
    if answers.referral is None:
        return None
    subject = store.subject(answers.referral.term)
    if subject is None or subject.referred_to is None:
        return None
    evidence = [
        Match(field=e.field, text=e.text, spans=[Span(start=start, end=end) for start, end in e.spans])
        for e in answers.referral_evidence
    ]
    agency, place = subject.referred_to, answers.referral.place
    local = _local(store.local_agencies.get(agency.id, agency), place) if place else agency
    return ReferralPublic(
        agency=local,
        place=place.city if place and local != agency else None,
        county=place.county if place and local.level == "county" and local != agency else None,
        matter=subject.term,
        matter_en=subject.en,
        decisive=answers.referral.decisive,
        evidence=evidence,
        url="/v1/subjects",
    )


def _local(agency: AgencyPublic, place: Place) -> AgencyPublic:
    """The agency that handles the matter in the county or district the query names, else in its city."""
    return (place.county and _in_county(agency, place)) or _in_city(agency, place.city)


# A district's police or natural resources bureau is named as the city's branch; None for an agency only a city has.
def _in_county(agency: AgencyPublic, place: Place) -> AgencyPublic | None:
    """A county's or district's agency, named for it and then for its city (海城市应急管理局（鞍山市应急管理局）)."""
    city, county, city_en = place.city, place.county or "", CITIES[place.city]
    local = f"{city}市{county}" if place.district else county
    local_en = f"{DISTRICT_EN[county]} ({city_en})" if place.district else COUNTIES[county][1]
    if agency.name.startswith(COUNTY):
        before, rest, rest_en = "", agency.name.removeprefix(COUNTY), COUNTY_EN.sub("", agency.name_en, count=1)
        own, own_en = rest, rest_en
        rest, rest_en = BRACKETED.sub("", rest), re.sub(r" \([^)]*\)$", "", rest_en)  # the city's, without the county's
    elif (head := CITY_HEAD.match(agency.name)) and not CITY_ONLY.search(agency.name):
        before, rest, rest_en = head.group(1) or "", agency.name[head.end() :], CITY_EN.sub("", agency.name_en, count=1).strip()
        own, own_en = COUNTY_NAMES.get(rest, (rest, rest_en))
    else:
        return None
    name, name_en = f"{before}{local}{own}（{before}{city}市{rest}）", f"{local_en} {own_en} (or {city_en} City {rest_en})"
    if place.district and rest in BRANCHES:  # 沈阳市公安局浑南分局
        name = f"{city}市{rest}{county.removesuffix('区').removesuffix('新')}分局（{city}市{rest}）"
        name_en = f"{DISTRICT_EN[county].removesuffix(' District')} Branch, {city_en} City {BRANCHES[rest]} (or the city's)"
    return agency.model_copy(update={"name": name, "name_en": name_en, "level": "county"})


# Also in brackets (…（市公安局出入境管理局） in 大连: …（大连市公安局出入境管理局））; a county's, as the city's and its
# districts' and counties' (县（市、区）市场监督管理局 in 沈阳: 沈阳市市场监督管理局（区、县（市）市场监督管理局））.
def _in_city(agency: AgencyPublic, place: str) -> AgencyPublic:
    """A city's agency, named for the city the query names (市生态环境局 in 大连: 大连市生态环境局)."""
    if agency.name.startswith(COUNTY):
        rest, rest_en = agency.name.removeprefix(COUNTY), COUNTY_EN.sub("", agency.name_en, count=1)
        name = f"{place}市{rest}（区、县（市）{rest}）"
        name_en = f"{CITIES[place]} City {rest_en}, or that of the district or county"
    else:
        name = CITY_AGENCY.sub(lambda found: found.group()[:-1] + place + "市", agency.name, count=1)
        name_en = CITY_EN.sub(f"{CITIES[place]} City", agency.name_en, count=1)
    return agency if name == agency.name else agency.model_copy(update={"name": name, "name_en": name_en})
