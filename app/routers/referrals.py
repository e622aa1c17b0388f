"""The referral of a search: the other agency's matter a query names, as the API serves it."""

import re

from app.data.store import Store
from app.schemas.public import AgencyPublic, Match, ReferralPublic, Span
from app.search import CITIES, Answers

CITY_AGENCY = re.compile(r"^市|(?<=（)市(?!、)")  # a city's agency, unnamed: 市生态环境局, …（市公安局…）; not 县（市、区）…
CITY_EN = re.compile(r"\b[Cc]ity\b")
COUNTY = "县（市、区）"  # a county's agency, unnamed: 县（市、区）市场监督管理局
COUNTY_EN = re.compile(r"^County ")


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
    local = _in_city(store.local_agencies.get(agency.id, agency), place) if place else agency
    return ReferralPublic(
        agency=local,
        place=place if local != agency else None,
        matter=subject.term,
        matter_en=subject.en,
        decisive=answers.referral.decisive,
        evidence=evidence,
        url="/v1/subjects",
    )


def _in_city(agency: AgencyPublic, place: str) -> AgencyPublic:
    """A city's agency, named for the city the query names (市生态环境局 in 大连: 大连市生态环境局; …（市公安局出入境管理局）:
    …（大连市公安局出入境管理局））; a county's, as the city's and its districts' and counties' (县（市、区）市场监督管理局 in
    沈阳: 沈阳市市场监督管理局（区、县（市）市场监督管理局））."""
    if agency.name.startswith(COUNTY):
        rest, rest_en = agency.name.removeprefix(COUNTY), COUNTY_EN.sub("", agency.name_en, count=1)
        name = f"{place}市{rest}（区、县（市）{rest}）"
        name_en = f"{CITIES[place]} City {rest_en}, or that of the district or county"
    else:
        name = CITY_AGENCY.sub(place + "市", agency.name, count=1)
        name_en = CITY_EN.sub(f"{CITIES[place]} City", agency.name_en, count=1)
    return agency if name == agency.name else agency.model_copy(update={"name": name, "name_en": name_en})
