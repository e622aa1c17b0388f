"""Search over the served text and the editorial subject index: which items, and which divisions, answer a query."""

from app.search.answers import Answers, Confidence, Evidence, Finding, find, find_divisions
from app.search.index import NAME_WEIGHT, Document, SearchIndex, Subject
from app.search.places import CITIES, COUNTIES, DISTRICT_EN, Place
from app.search.referrals import Referral
from app.search.text import normalise_text

__all__ = [
    "CITIES",
    "COUNTIES",
    "DISTRICT_EN",
    "NAME_WEIGHT",
    "Answers",
    "Confidence",
    "Document",
    "Evidence",
    "Finding",
    "Place",
    "Referral",
    "SearchIndex",
    "Subject",
    "find",
    "find_divisions",
    "normalise_text",
]
