"""``feelsafe demo``: a realistic, clearly marked demo edition to try and to show.

Synthetic responses go through the real submission path (validation,
redaction, group commit), so the demo exercises what pupils exercise.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import uuid

from backend.editions import open_edition
from backend.settings import get_settings
from backend.staff.demo import seed_demo_staff
from backend.storage.engine import bind_tables, engine_for
from backend.storage.tables import AccessCode, School
from backend.submissions.service import SubmissionService
from backend.submissions.writers import GroupCommitter, PostgresWriter, SQLiteWriter
from backend.surveys import Survey
from backend.surveys.schema import PREFER_NOT_SAY
from survey_definitions import definition_path

__all__ = ["DEMO_CODE", "DEMO_SCHOOLS", "seed_demo"]

DEMO_CODE = "DEMO26"
DEMO_SCHOOLS = (
    # code, name, kind, roll, share of responses
    ("DEMO", "Demo Academy", "secondary", 1250, 0.30),
    ("GRNH", "Greenfield High School", "secondary", 1100, 0.25),
    ("BCHW", "Beechwood Academy", "secondary", 950, 0.22),
    ("STAN", "St Anne's High School", "secondary", 800, 0.15),
    ("OAKL", "Oakleigh Special School", "special", 140, 0.05),
    ("RVSD", "Riverside Learning Centre", "alternative", 60, 0.03),
)
RESPONSES = 700
LANGUAGE_MIX = (("en", 0.78), ("ta", 0.06), ("ur", 0.05), ("pl", 0.05), ("pt", 0.03), ("ar", 0.03))

COMMENTS = {
    "en": [
        "more police around the high street at night",
        "better lighting in the park, its really dark after 4 in winter",
        "people carry knifes and it makes me scared to walk home",
        "older boys hang around the station and shout stuff at us",
        "nothing really i feel safe most of the time",
        "someone keeps messaging me on snapchat and wont stop",
        "teachers actually listening when we report bullying",
        "i dont like going home when my dad is angry",
        "more youth clubs so we have somewhere to go",
        "cctv on the bus stops",
        "being followed by men in cars on the way to school",
        "people get jumped for their phones near the shops",
        "knowing who to talk to without everyone finding out",
        "i got called racist names on the bus and no one did anything",
        "less gangs around the estate",
    ],
    "ta": ["இரவில் பூங்காவில் பயமாக இருக்கிறது", "பள்ளியில் கொடுமைப்படுத்துகிறார்கள்"],
    "ur": ["رات کو سڑک پر ڈر لگتا ہے", "اسکول میں مجھے تنگ کیا جاتا ہے"],
    "pl": ["boję się wracać wieczorem do domu", "więcej policji w parku"],
    "pt": ["tenho medo no autocarro à noite", "mais luz nas ruas"],
    "ar": ["أشعر بالخوف في الحديقة ليلاً", "يتنمرون علي في المدرسة"],
}


async def seed_demo(responses: int = RESPONSES, seed: int = 2026) -> str:
    """Seed once; a second run changes nothing and says so."""
    settings = get_settings()
    bind_tables(engine_for(settings.database_url))
    if await School.exists().where(School.code == "DEMO"):
        return "Demo data is already there; nothing changed."
    edition_id, survey = await open_edition(definition_path(2026), is_demo=True)
    today = dt.date.today()
    opens = min(survey.definition.edition.opens, today)
    closes = max(survey.definition.edition.closes, today + dt.timedelta(days=365))
    codes: list[tuple[str, float]] = []
    for code, name, kind, roll, share in DEMO_SCHOOLS:
        school = School(code=code, name=name, kind=kind, roll=roll, is_demo=True)
        await school.save()
        access = DEMO_CODE if code == "DEMO" else f"DEMO{code}"
        await AccessCode(
            code=access,
            school=school.id,
            edition=edition_id,
            label="Demo class",
            opens_on=opens,
            closes_on=closes,
            max_uses=None,
            shared_device=code == "DEMO",
            is_demo=True,
        ).save()
        codes.append((access, share))
    staff_report = await seed_demo_staff("DEMO")

    writer = (
        PostgresWriter(settings.database_url)
        if settings.is_postgres
        else SQLiteWriter(str(settings.sqlite_path))
    )
    committer = GroupCommitter(writer)
    service = SubmissionService(committer)
    rng = random.Random(seed)
    try:
        jobs = []
        for _ in range(responses):
            code = rng.choices([c for c, _ in codes], [s for _, s in codes])[0]
            lang = rng.choices([lang for lang, _ in LANGUAGE_MIX], [w for _, w in LANGUAGE_MIX])[0]
            variant = "easy_read" if code in {"DEMOOAKL", "DEMORVSD"} or rng.random() < 0.1 else (
                "standard"
            )
            span = max(1, (min(today, closes) - opens).days)
            day = opens + dt.timedelta(days=rng.randrange(span))
            jobs.append(
                service.submit_online(
                    access_code=code,
                    language=lang,
                    variant=variant,
                    client_submission_id=f"demo-{uuid.UUID(int=rng.getrandbits(128))}",
                    answers=synthetic_answers(survey, rng, lang, variant),
                    today=day,
                )
            )
        results = []
        for start in range(0, len(jobs), 100):
            results += await asyncio.gather(*jobs[start : start + 100])
    finally:
        await committer.close()
    failed = [r for r in results if r.problems or r.refused]
    if failed:
        raise RuntimeError(f"{len(failed)} demo responses were refused: {failed[0]}")
    return (
        f"Seeded edition 2026 with {len(DEMO_SCHOOLS)} demo schools and {responses} demo "
        f"responses.\nPupils can try the survey at /s/{DEMO_CODE} (Demo Academy, unlimited).\n"
        f"{staff_report}"
    )


def synthetic_answers(survey: Survey, rng: random.Random, lang: str, variant: str) -> dict:
    """Plausible answers: follow-ups only when they apply, some skips, a little "rather not say"."""
    answers: dict = {}
    for q in survey.definition.questions:
        if not survey.visible(q, answers) or rng.random() < 0.04:
            continue
        options = [o.value for o in survey.definition.options_for(q)]
        if q.type == "free_text":
            if rng.random() < 0.45:
                answers[q.id] = rng.choice(COMMENTS.get(lang, COMMENTS["en"]) + COMMENTS["en"][:3])
            continue
        if q.prefer_not_say and rng.random() < 0.03:
            answers[q.id] = PREFER_NOT_SAY if q.type in {"single_choice", "scale"} else [
                PREFER_NOT_SAY
            ]
            continue
        if q.type == "scale":
            answers[q.id] = rng.choices(options, [4, 8, 20, 40, 28])[0]
        elif q.type == "single_choice":
            answers[q.id] = rng.choice(options)
        else:
            limit = min(q.max_choices or 3, len(options))
            answers[q.id] = rng.sample(options, rng.randint(1, limit))
            if "none" in answers[q.id] and len(answers[q.id]) > 1:
                answers[q.id].remove("none")
    if lang != "en" and "home_language" in answers and rng.random() < 0.7:
        answers["home_language"] = {
            "ta": "tamil", "ur": "urdu", "pl": "polish", "pt": "portuguese", "ar": "arabic"
        }[lang]
    return answers
