"""A complete, valid 2026 submission to start tests from."""

from __future__ import annotations

import uuid


def full_answers() -> dict:
    return {
        "year_group": "y9",
        "gender": "girl",
        "send": "no",
        "home_language": "english",
        "safe_at_school": "4",
        "safe_area_day": 4,
        "safe_area_dark": "2",
        "safe_transport": "3",
        "safe_parks": "prefer_not_say",
        "unsafe_places": ["parks", "transport"],
        "knife_worry": "a_little",
        "knife_know_carry": "yes",
        "knife_why": ["protection", "fear"],
        "hate_experienced": "no",
        "safe_online": "4",
        "online_experiences": ["unkind_messages"],
        "online_told": "yes",
        "safe_at_home": "5",
        "home_worry": "never",
        "bullied": "once_or_twice",
        "bullied_where": ["online"],
        "harassed_public": "no",
        "offered_gifts": "no",
        "talk_to": ["parent_carer", "friend"],
        "know_how_to_report": "yes",
        "what_makes_unsafe": "groups of older kids near the station at night",
        "safer_ideas": "more lights in the park and police walking round",
        "ambassador_themes": ["knife_crime", "online_safety", "bullying"],
        "anything_else": "no thanks",
        "had_help": "no",
    }


def submission(code: str = "OPENCODE22", **overrides) -> dict:
    body = {
        "access_code": code,
        "language": "en",
        "variant": "standard",
        "client_submission_id": str(uuid.uuid4()),
        "answers": full_answers(),
    }
    body.update(overrides)
    return body
