"""The admin's work: open and close editions, register schools, issue codes, response rates."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import shutil

import pytest

from backend.staff.qr import qr_data_uri
from backend.storage.tables import AccessCode, Edition, School
from survey_definitions import definition_path
from tests.backend.staff.helpers import csrf_headers, make_user, sign_in
from tests.backend.submission_helpers import submission


@pytest.fixture
def admin_client(client):
    make_user("admin")
    sign_in(client, "admin@test.invalid")
    return client


@pytest.fixture
def sqlite_admin(sqlite_client):
    make_user("admin")
    sign_in(sqlite_client, "admin@test.invalid")
    return sqlite_client


def _codes_for(label_prefix: str) -> dict[str, str]:
    rows = asyncio.run(
        AccessCode.select(AccessCode.label, AccessCode.code)
        .where(AccessCode.label.like(f"{label_prefix}%")).run()
    )
    return {row["label"]: row["code"] for row in rows}


def test_codes_issued_in_bulk_work_for_pupil_submissions(admin_client):
    today = dt.date.today()
    reply = admin_client.post(
        "/staff/admin/schools/TST/codes",
        data={
            "edition": "2026",
            "labels": "9X, 9Y\n10A",
            "opens_on": (today - dt.timedelta(days=1)).isoformat(),
            "closes_on": (today + dt.timedelta(days=30)).isoformat(),
            "max_uses": "1",
            "shared_device": "1",
        },
        headers=csrf_headers(admin_client),
        follow_redirects=False,
    )
    assert reply.status_code == 303
    codes = {**_codes_for("9"), **_codes_for("10")}
    assert set(codes) == {"9X", "9Y", "10A"}
    assert len(set(codes.values())) == 3
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{10}", code) for code in codes.values())

    # The codes page lists them, with a printable sheet.
    page = admin_client.get("/staff/admin/schools/TST/codes")
    assert all(code in page.text for code in codes.values())

    # Each works once (use limit 1) through the pupils' API.
    first = admin_client.post("/api/v1/responses", json=submission(codes["9X"]))
    assert first.status_code == 201, first.text
    used_up = admin_client.post("/api/v1/responses", json=submission(codes["9X"]))
    assert used_up.status_code == 403 and used_up.json()["reason"] == "used_up"
    assert admin_client.post("/api/v1/responses", json=submission(codes["10A"])).status_code == 201

    listed = admin_client.get("/api/v1/staff/schools/TST/codes?year=2026").json()
    by_label = {c["label"]: c for c in listed}
    assert by_label["9X"]["status"] == "used_up"
    assert by_label["9Y"]["status"] == "open" and by_label["9Y"]["shared_device"] is True
    assert by_label["9Y"]["url"].endswith(f"/s/{codes['9Y']}")


def test_codes_issued_through_the_api(sqlite_admin):
    today = dt.date.today()
    reply = sqlite_admin.post(
        "/api/v1/staff/schools/OTH/codes",
        json={"year": 2026, "labels": ["7A", "7B"], "opens_on": today.isoformat(),
              "closes_on": today.isoformat()},
        headers=csrf_headers(sqlite_admin),
    )
    assert reply.status_code == 201, reply.text
    issued = reply.json()
    assert [c["label"] for c in issued] == ["7A", "7B"]
    sent = sqlite_admin.post("/api/v1/responses", json=submission(issued[0]["code"]))
    assert sent.status_code == 201


def test_bad_code_request_lists_every_problem_and_issues_nothing(sqlite_admin):
    before = asyncio.run(AccessCode.count().run())
    reply = sqlite_admin.post(
        "/staff/admin/schools/TST/codes",
        data={"edition": "2026", "labels": "", "opens_on": "2026-13-40",
              "closes_on": "", "max_uses": "lots"},
        headers=csrf_headers(sqlite_admin),
    )
    assert reply.status_code == 400
    assert "<title>Error:" in reply.text
    for field in ("labels", "opens_on", "closes_on", "max_uses"):
        assert f'href="#{field}"' in reply.text, field
        assert f'id="{field}-error"' in reply.text, field
    assert 'aria-describedby="opens_on-error"' in reply.text
    assert asyncio.run(AccessCode.count().run()) == before

    backwards = sqlite_admin.post(
        "/api/v1/staff/schools/TST/codes",
        json={"year": 2026, "labels": ["9X", "9x"], "opens_on": "2026-05-02",
              "closes_on": "2026-05-01"},
        headers=csrf_headers(sqlite_admin),
    )
    assert backwards.status_code == 400
    fields = {p["field"] for p in backwards.json()["problems"]}
    assert fields == {"labels", "closes_on"}
    assert asyncio.run(AccessCode.count().run()) == before


def test_printable_sheet_has_a_qr_code_of_each_codes_pupil_address(sqlite_admin):
    sheet = sqlite_admin.get("/staff/admin/schools/TST/codes/sheet?year=2026")
    assert sheet.status_code == 200
    images = re.findall(r'<img class="code-card__qr" src="([^"]+)" alt="([^"]+)"', sheet.text)
    # OPENCODE22, LIMITED222 and FUTURECODE can still be used; CLOSEDCODE is left off.
    assert len(images) == 3
    assert "CLOSEDCODE" not in sheet.text
    for src, alt in images:
        url = re.search(r"opens (\S+)", alt).group(1)
        assert re.fullmatch(r"http://testserver\.local/s/[A-Z0-9]+", url)
        assert src == qr_data_uri(url)  # the image is the QR code of that address
        assert src.startswith("data:image/svg+xml")
    assert "<script" not in sheet.text and "style=" not in sheet.text


def test_invalid_definition_file_is_refused_with_each_problem_located(
    sqlite_admin, sqlite_app, tmp_path
):
    folder = tmp_path / "definitions"
    folder.mkdir()
    text = definition_path(2026).read_text(encoding="utf-8")
    broken = text.replace("year = 2026", "year = 2031", 1)
    broken = re.sub(r'type = "scale"', 'type = "slider"', broken, count=1)
    (folder / "2031-feeling-safe.toml").write_text(broken, encoding="utf-8")
    sqlite_app.state.definitions_dir = folder

    page = sqlite_admin.get("/staff/admin/editions")
    assert "2031-feeling-safe.toml" in page.text
    reply = sqlite_admin.post(
        "/staff/admin/editions", data={"file": "2031-feeling-safe.toml"},
        headers=csrf_headers(sqlite_admin),
    )
    assert reply.status_code == 400
    assert "<title>Error:" in reply.text
    assert "slider" in reply.text
    assert re.search(r"questions\[[^\]]+\]\.type", reply.text), "the problem names its place"
    api = sqlite_admin.post("/api/v1/staff/editions", json={"file": "2031-feeling-safe.toml"},
                            headers=csrf_headers(sqlite_admin))
    assert api.status_code == 400
    problems = api.json()["problems"]
    assert problems and all(p["field"] and p["message"] for p in problems)
    assert any(".type" in p["field"] for p in problems)
    assert not asyncio.run(Edition.exists().where(Edition.year == 2031).run())

    # Files outside the folder cannot be named.
    sneaky = sqlite_admin.post("/api/v1/staff/editions", json={"file": "../../pyproject.toml"},
                               headers=csrf_headers(sqlite_admin))
    assert sneaky.status_code == 400


def test_open_a_valid_edition_then_close_it_and_its_codes_stop(admin_client, app, tmp_path):
    folder = tmp_path / "definitions"
    folder.mkdir()
    text = definition_path(2026).read_text(encoding="utf-8")
    (folder / "2027-feeling-safe.toml").write_text(
        text.replace("year = 2026", "year = 2027", 1), encoding="utf-8"
    )
    shutil.copy(definition_path(2026), folder / definition_path(2026).name)
    app.state.definitions_dir = folder
    opened = admin_client.post("/staff/admin/editions", data={"file": "2027-feeling-safe.toml"},
                               headers=csrf_headers(admin_client), follow_redirects=False)
    assert opened.status_code == 303
    editions = admin_client.get("/api/v1/staff/editions").json()
    assert [(e["year"], e["status"]) for e in editions["editions"]] == [
        (2027, "open"), (2026, "open")
    ]

    assert admin_client.post("/api/v1/responses", json=submission("OPENCODE22")).status_code == 201
    closed = admin_client.post("/api/v1/staff/editions/2026/close",
                               headers=csrf_headers(admin_client))
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    refused = admin_client.post("/api/v1/responses", json=submission("OPENCODE22"))
    assert refused.status_code == 403 and refused.json()["reason"] == "closed"


def test_register_school_checks_every_field(sqlite_admin):
    reply = sqlite_admin.post(
        "/staff/admin/schools", data={"code": "TST", "name": "", "kind": "castle", "roll": "many"},
        headers=csrf_headers(sqlite_admin),
    )
    assert reply.status_code == 400
    for field in ("code", "name", "kind", "roll"):
        assert f'href="#{field}"' in reply.text, field
    ok = sqlite_admin.post(
        "/api/v1/staff/schools",
        json={"code": "mead", "name": "Meadow  Primary", "kind": "special", "roll": 120},
        headers=csrf_headers(sqlite_admin),
    )
    assert ok.status_code == 201
    assert ok.json() == {"code": "MEAD", "name": "Meadow Primary", "kind": "special",
                         "roll": 120, "is_demo": False}
    assert asyncio.run(School.exists().where(School.code == "MEAD").run())


def test_response_rates_hide_small_counts(admin_client):
    for _ in range(12):
        assert admin_client.post("/api/v1/responses",
                                 json=submission("OPENCODE22")).status_code == 201
    rates = admin_client.get("/api/v1/staff/response-rates?year=2026").json()
    by_code = {row["code"]: row for row in rates["schools"]}
    # Hillcrest (TST) has 12 of 900; Other Park (OTH) has none, and a zero is safe to show.
    assert by_code["TST"]["responses"] == 12
    assert by_code["TST"]["rate_percent"] == round(100 * 12 / 900, 1)
    assert by_code["OTH"]["responses"] == 0
    assert rates["total_responses"] == 12

    # One more school with 3 responses: hidden as "fewer than 10", and since the total would
    # give it away, the next smallest count is hidden too.
    asyncio.run(School(code="SML", name="Small School", kind="other", roll=40).save().run())
    today = dt.date.today()
    issued = admin_client.post(
        "/api/v1/staff/schools/SML/codes",
        json={"year": 2026, "labels": ["A"], "opens_on": today.isoformat(),
              "closes_on": today.isoformat()},
        headers=csrf_headers(admin_client),
    ).json()
    for _ in range(3):
        admin_client.post("/api/v1/responses", json=submission(issued[0]["code"]))
    rates = admin_client.get("/api/v1/staff/response-rates?year=2026").json()
    by_code = {row["code"]: row for row in rates["schools"]}
    assert by_code["SML"]["responses"] is None and by_code["SML"]["suppressed"] == "small"
    assert by_code["SML"]["rate_percent"] is None
    assert by_code["TST"]["responses"] is None and by_code["TST"]["suppressed"] == "protect"
    assert rates["total_responses"] == 15
    page = admin_client.get("/staff/admin/response-rates?year=2026")
    assert "fewer than 10" in page.text
    assert ">3<" not in page.text.replace(" ", "").replace("\n", "")


def test_admin_creates_accounts_with_one_time_passwords(sqlite_admin):
    page = sqlite_admin.get("/staff/admin/users")
    for role in ("admin", "reviewer", "safeguarding_lead", "send_lead", "ambassador"):
        assert f'<option value="{role}"' in page.text
    assert '<option value="TST"' in page.text

    missing_school = sqlite_admin.post(
        "/staff/admin/users",
        data={"email": "lead@school.invalid", "role": "send_lead", "school": "",
              "password": "a long one-time password"},
        headers=csrf_headers(sqlite_admin),
    )
    assert missing_school.status_code == 400
    assert 'href="#school"' in missing_school.text
    assert "a long one-time password" not in missing_school.text  # never echoed back

    made = sqlite_admin.post(
        "/staff/admin/users",
        data={"email": "Lead@School.invalid", "role": "send_lead", "school": "TST",
              "password": "a long one-time password"},
        headers=csrf_headers(sqlite_admin),
        follow_redirects=False,
    )
    assert made.status_code == 303
    users = {u["email"]: u for u in sqlite_admin.get("/api/v1/staff/users").json()}
    assert users["lead@school.invalid"]["school"] == "TST"
    assert users["lead@school.invalid"]["must_change_password"] is True
    assert "password" not in str(users).replace("must_change_password", "")
