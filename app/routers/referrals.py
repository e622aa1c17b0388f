"""The referral of a search: the other agency's matter a query names, as the API serves it."""

from app.data.store import Store
from app.schemas.public import Match, ReferralPublic, Span
from app.search import Answers


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
    return ReferralPublic(
        agency=subject.referred_to,
        matter=subject.term,
        matter_en=subject.en,
        decisive=answers.referral.decisive,
        evidence=evidence,
        url="/v1/subjects",
    )
