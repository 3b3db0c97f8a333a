"""微课大赛 (#19): a contest end to end on SQLite and PostgreSQL, the scoring maths on crafted
numbers, and the blind judging copy of a real rendered package (H5 + long image)."""

from __future__ import annotations

import copy
import os
import io
import json
import shutil
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from creator_studio.core.errors import InvalidTransition, PermissionDenied, StudioError, ValidationError
from creator_studio.core.market import accounts, contest_blind, contest_scoring
from creator_studio.core.market.client import InProcessClient, UserInfo
from creator_studio.core.store.models import User
from tests.market.conftest import issue_cert, passing_norms

MAKER_NAME, MAKER_ID = "张创客", "E1001"

RUBRIC = [{"id": "accuracy", "name": "内容准确", "weight": 30, "description": "条款、数据无误"},
          {"id": "design", "name": "教学设计", "weight": 25, "description": "目标清晰、结构合理"},
          {"id": "quality", "name": "制作质量", "weight": 25, "description": "画面、声音、排版"},
          {"id": "value", "name": "业务价值", "weight": 20, "description": "对展业的帮助"}]


# ---------------------------------------------------------------------------------------------
# A real package: H5 (with its SCORM/cmi5 zips) + long image from a small lesson


def _tagged_png(path: Path) -> None:
    img = Image.new("RGB", (640, 360), (30, 91, 184))
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", MAKER_NAME)
    info.add_itxt("Comment", f"制作人 {MAKER_NAME} {MAKER_ID}")
    img.save(path, pnginfo=info)


@pytest.fixture(scope="session")
def rendered_package(tmp_path_factory) -> Path:
    """Rendered once per session: the H5 form with the maker in its metadata (course.json,
    manifest, data.js, the SCORM and cmi5 zips, a picture's PNG text chunks), the long image
    rendered as the studio renders contest copies (no watermark, no maker on the cover)."""
    from creator_studio.core.forms import render_forms
    from creator_studio.core.lesson import model as m

    root = tmp_path_factory.mktemp("contest-pkg")
    assets = root / "assets"
    assets.mkdir()
    _tagged_png(assets / "claim.png")
    lesson = m.Lesson(
        title="车险理赔三步走",
        pages=[m.Page(id="p1", title="第一步：报案", blocks=[
                   m.Paragraph(runs=[m.Run("出险后第一时间拨打客服电话报案，说明时间、地点和经过。")]),
                   m.Image(asset="claim.png", alt="报案示意", width_px=640, height_px=360)]),
               m.Page(id="p2", title="第二步：提交资料", blocks=[
                   m.BulletList(items=[m.ListItem([m.Run("驾驶证、行驶证")], 0, "•"),
                                       m.ListItem([m.Run("事故认定书")], 0, "•")])])],
        meta=m.LessonMeta(business_line="产险非车", maker_name=MAKER_NAME, maker_id=MAKER_ID))
    lesson.asset_root = assets
    out = root / "package"
    plain = copy.deepcopy(lesson)
    plain.meta.maker_name = plain.meta.maker_id = ""
    plain.asset_root = assets
    _, failed = render_forms(plain, out, ["long-image"], {"watermark": "off"})
    assert not failed, failed
    _, failed = render_forms(lesson, out, ["h5"], {})
    assert not failed, failed
    return out


def _all_bytes_contain(folder: Path, needle: str) -> list[str]:
    hits = []
    for p in folder.rglob("*"):
        if not p.is_file():
            continue
        data = p.read_bytes()
        if needle.encode() in data:
            hits.append(p.name)
        if p.suffix == ".zip":
            with zipfile.ZipFile(p) as zf:
                hits += [f"{p.name}!{n}" for n in zf.namelist() if needle.encode() in zf.read(n)]
    return hits


def test_package_really_names_the_maker(rendered_package):
    """The fixture is honest: before anonymisation the maker is in the files, the SCORM zip
    and the picture metadata (otherwise the blind-copy test below would prove nothing)."""
    hits = _all_bytes_contain(rendered_package, MAKER_NAME)
    assert "course.json" in hits and "manifest.json" in hits
    assert any(h.startswith("scorm12.zip!") or "scorm" in h for h in hits), hits
    pngs = [p for p in rendered_package.rglob("*.png") if "h5" in p.parts]
    assert any(MAKER_NAME in str(Image.open(p).info) for p in pngs)


def test_blind_copy_strips_every_trace(rendered_package, tmp_path):
    terms = [MAKER_NAME, MAKER_ID, "maker01"]
    report = contest_blind.make_blind_copy(rendered_package, tmp_path / "blind", terms)
    assert report.clean, report.leaks
    assert _all_bytes_contain(tmp_path / "blind", MAKER_NAME) == []
    assert _all_bytes_contain(tmp_path / "blind", MAKER_ID) == []
    for p in (tmp_path / "blind").rglob("*.png"):
        with Image.open(p) as img:
            assert not any(k in img.info for k in ("Author", "Comment")), p
    scorm = next((tmp_path / "blind").rglob("*scorm*.zip"))
    with zipfile.ZipFile(scorm) as zf:
        for n in zf.namelist():
            if n.endswith(".png"):
                assert "Author" not in Image.open(io.BytesIO(zf.read(n))).info
    meta = json.loads((tmp_path / "blind" / "course.json").read_text(encoding="utf-8"))["meta"]
    assert meta["maker_name"] == "" and meta["maker_id"] == ""
    # the course itself is untouched: same title and pages, same pixels of the long image
    assert "车险理赔三步走" in (tmp_path / "blind" / "course.json").read_text(encoding="utf-8")
    seg = sorted((rendered_package / "long-image").glob("*.png"))[0]
    with Image.open(seg) as a, Image.open(tmp_path / "blind" / "long-image" / seg.name) as b:
        assert a.tobytes() == b.tobytes()


def test_blind_check_finds_a_name_left_inside_a_zip(tmp_path):
    """The check itself can fail: a name in a zip member and in JPEG EXIF are both found."""
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("inner/readme.bin", f"by {MAKER_NAME}".encode())
    (pkg / "x.zip").write_bytes(buf.getvalue())
    img = Image.new("RGB", (20, 20))
    exif = Image.Exif()
    exif[0x013B] = "maker01-artist"  # Artist
    img.save(pkg / "p.jpg", exif=exif)
    leaks = contest_blind.check_folder(pkg, [MAKER_NAME, "maker01-artist"])
    assert {lk["path"] for lk in leaks} == {"x.zip", "x.zip!inner/readme.bin", "p.jpg"}
    report = contest_blind.make_blind_copy(pkg, tmp_path / "blind", [MAKER_NAME, "maker01-artist"])
    # .bin is opaque: the scrubber does not touch it, so the check refuses the copy
    assert not report.clean and any("readme.bin" in lk["path"] for lk in report.leaks)
    assert not any(lk["path"] == "p.jpg" for lk in report.leaks)  # EXIF was stripped


def test_media_metadata_stripped_with_ffmpeg_and_refused_without(tmp_path, monkeypatch):
    import subprocess

    if shutil.which("ffmpeg") is None:
        pytest.skip("ffmpeg not installed")  # pragma: no cover - the CI image has it
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=64x64:d=0.5",
                    "-metadata", f"artist={MAKER_NAME}", "-c:v", "mpeg4", str(pkg / "v.mp4")],
                   check=True)
    assert contest_blind.check_folder(pkg, [MAKER_NAME])
    assert contest_blind.make_blind_copy(pkg, tmp_path / "b1", [MAKER_NAME]).clean
    monkeypatch.setattr(contest_blind, "_ffmpeg", lambda: None)
    rep = contest_blind.make_blind_copy(pkg, tmp_path / "b2", [MAKER_NAME])
    assert not rep.clean and rep.warnings  # no ffmpeg: kept as is, and the check refuses it


# ---------------------------------------------------------------------------------------------
# Scoring maths on crafted numbers


def _rub():
    return [contest_scoring.Criterion(r["id"], r["weight"]) for r in RUBRIC]


def _flat(points: int) -> dict[str, int]:
    return {r["id"]: points for r in RUBRIC}


def test_zscore_ranking_differs_from_raw_mean():
    """Judge 1 is lenient and scores only entries 1 and 2; judge 2 is harsh and scores only 3
    and 4; judge 3 saw 1 and 3 and preferred 3. The raw mean ranks 2 > 1 > 3 > 4 (the lenient
    judge's entries lead); per-judge z-scores rank 3 first: it beat 4 with the harsh judge and
    beat 1 with judge 3, while 2 only ever lost (to 1)."""
    scores = {(1, 1): _flat(95), (2, 1): _flat(85),   # lenient judge 1
              (3, 2): _flat(70), (4, 2): _flat(40),   # harsh judge 2
              (1, 3): _flat(60), (3, 3): _flat(80)}   # judge 3
    raw = contest_scoring.rank(scores, _rub(), "trimmed")  # < 3 judges: the plain mean
    assert [r.entry_id for r in raw] == [2, 1, 3, 4]
    assert [r.raw_mean for r in raw] == [85.0, 77.5, 75.0, 40.0]
    ranked = contest_scoring.rank(scores, _rub(), "zscore")
    assert [r.entry_id for r in ranked] == [3, 1, 2, 4]
    assert [r.score for r in ranked] == [80.0, 70.0, 60.0, 60.0]
    # 2 and 4 tie on the score (both lost their only comparison); the raw mean breaks it
    assert [r.rank for r in ranked] == [1, 2, 3, 4] and "tie-break" in ranked[2].tie_note


def test_trimmed_mean_drops_the_extremes():
    assert contest_scoring.trimmed_mean([10, 80, 82, 84, 100]) == pytest.approx(82)
    assert contest_scoring.trimmed_mean([60, 70, 100]) == pytest.approx(70)
    assert contest_scoring.trimmed_mean([60, 70]) == pytest.approx(65)


def test_tie_break_by_heaviest_criterion_then_shared_rank():
    # A and B have the same weighted total from every judge; A is stronger on accuracy (30 %).
    a = {"accuracy": 90, "design": 70, "quality": 80, "value": 80}   # 27+17.5+20+16 = 80.5
    b = {"accuracy": 85, "design": 76, "quality": 80, "value": 80}   # 25.5+19+20+16 = 80.5
    c = dict(a)
    scores = {}
    for j in (1, 2, 3):
        scores[(1, j)] = a
        scores[(2, j)] = b
        scores[(3, j)] = c
        scores[(4, j)] = _flat(50 + j)
    ranked = contest_scoring.rank(scores, _rub(), "trimmed")
    by = {r.entry_id: r for r in ranked}
    assert by[1].score == by[2].score == by[3].score
    assert by[1].rank == by[3].rank == 1 and "并列" in by[1].tie_note  # identical: shared rank
    assert by[2].rank == 3  # equal score, lower on the heaviest criterion
    assert by[4].rank == 4


# ---------------------------------------------------------------------------------------------
# End to end through the client (both databases)


def _ui(svc, uid: int) -> UserInfo:
    with svc.read() as s:
        u = s.get(User, uid)
        return UserInfo(u.id, u.login, u.display_name, u.roles,
                        u.business_line.code if u.business_line else None)


def _small_package(tmp: Path, name: str, who: str, forms=("h5",)) -> Path:
    d = tmp / f"{name}-{uuid.uuid4().hex[:6]}"
    (d / "h5").mkdir(parents=True)
    manifest = {"schema": 1, "lesson": {"title": name, "maker": who},
                "forms": {f: {"info": {}} for f in forms}}
    (d / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    (d / "course.json").write_text(json.dumps({"title": name, "meta": {"maker_name": who}},
                                              ensure_ascii=False), encoding="utf-8")
    (d / "h5" / "index.html").write_text(f"<html><h1>{name}</h1><p>制作：{who}</p></html>",
                                         encoding="utf-8")
    cover = Image.new("RGB", (600, 400), (30, 91, 184))
    from PIL import ImageDraw

    ImageDraw.Draw(cover).ellipse([200, 100, 400, 300], fill=(245, 166, 35))
    cover.save(d / "h5" / "cover.png")
    return d


@pytest.fixture
def contest_world(svc, world, tmp_path):
    svc.norms_checker = passing_norms
    client = InProcessClient(svc)
    now = svc.now()
    with svc.write() as s:
        staff = s.get(User, world.staff)
        bl2 = accounts.create_business_line(s, staff, "LIFE", "寿险", now=now)
        makers = []
        for i in range(14):
            u = accounts.create_user(s, staff, f"cm{i:02d}", f"参赛者{i:02d}", ["maker"],
                                     business_line_code="PNC" if i % 2 else bl2.code, now=now)
            issue_cert(s, u.id, ["h5", "long-image"], now)
            makers.append(u.id)
        judges = [accounts.create_user(s, staff, f"judge{j}", f"评委{j}", ["buyer"],
                                       business_line_code="PNC" if j == 0 else bl2.code, now=now).id
                  for j in range(3)]
    judges.append(makers[0])  # a maker who judges — and enters: a conflict of interest
    return client, makers, judges


def _create(client, staff, judges, now, **kw):
    return client.create_contest(
        staff, title="助力展业，直达成交", forms=["h5", "long-image"],
        entries_open_at=now, entries_close_at=now + timedelta(days=10),
        judging_close_at=now + timedelta(days=20), results_at=now + timedelta(days=21),
        rubric=RUBRIC, judges=judges, description="帮助销售成交的微课", rules="原创；时长不超过 8 分钟",
        key="contest-1", **kw)


def test_contest_end_to_end(svc, world, clock, contest_world, tmp_path):
    client, makers, judges = contest_world
    staff = _ui(svc, world.staff)
    now = svc.now()
    u = {i: _ui(svc, m) for i, m in enumerate(makers)}
    with pytest.raises(PermissionDenied):
        _create(client, u[1], judges, now, entry_mode="team", team_max=3)
    c = _create(client, staff, judges, now, entry_mode="team", team_max=3, exclude_own_line=True,
                award_bonus={"first": 40})
    assert _create(client, staff, judges, now, entry_mode="team", team_max=3,
                   exclude_own_line=True, award_bonus={"first": 40})["id"] == c["id"]  # replay
    cid = c["id"]
    with pytest.raises(StudioError) as e:  # not published yet
        client.create_contest_team(u[0], cid, "x")
    client.publish_contest(staff, cid)

    # 12 entries: 10 solo-captain teams of one, 2 teams of three (captain + two members)
    entries = {}
    team_a = client.create_contest_team(u[0], cid, "理赔先锋队", key="team-a")
    client.invite_to_team(u[0], team_a["id"], makers[12])
    client.invite_to_team(u[0], team_a["id"], makers[13])
    with pytest.raises(InvalidTransition) as e:
        client.submit_contest_entry(u[0], cid, _small_package(tmp_path, "先锋", "参赛者00"), "先锋")
    assert e.value.code == "TEAM_NOT_READY"
    client.respond_to_invite(u[12], team_a["id"], True)
    client.respond_to_invite(u[13], team_a["id"], True)
    with pytest.raises(ValidationError) as e:  # team full (3)
        client.invite_to_team(u[0], team_a["id"], makers[11])
    assert e.value.code == "TEAM_FULL"
    for i in range(12):
        if i == 0:
            entries[i] = client.submit_contest_entry(
                u[0], cid, _small_package(tmp_path, "理赔先锋", "参赛者00"), "理赔先锋", key="e-0")
            continue
        client.create_contest_team(u[i], cid, f"队{i:02d}", key=f"team-{i}")
        entries[i] = client.submit_contest_entry(
            u[i], cid, _small_package(tmp_path, f"作品{i:02d}", f"参赛者{i:02d}"), f"作品{i:02d}",
            key=f"e-{i}")
    assert len(client.list_contest_entries(staff, cid)) == 12
    # a package whose anonymised copy would still name a team member is refused
    leaky = _small_package(tmp_path, "泄露", "参赛者00")
    (leaky / "notes.bin").write_bytes("队员 参赛者12".encode())
    with pytest.raises(ValidationError) as e:
        client.submit_contest_entry(u[0], cid, leaky, "理赔先锋")
    assert e.value.code == "BLIND_COPY_FAILED"
    # a form the contest does not take is refused
    with pytest.raises(ValidationError) as e:
        client.submit_contest_entry(u[1], cid, _small_package(tmp_path, "x", "参赛者01", ("skit",)), "x")
    assert e.value.code == "NORMS_BLOCKED"
    # re-submission before the deadline replaces the earlier version
    clock.advance(days=5)
    again = client.submit_contest_entry(u[3], cid, _small_package(tmp_path, "作品03改", "参赛者03"),
                                        "作品03（修订版）", key="e-3b")
    assert again["id"] == entries[3]["id"] and again["version"] == 2
    assert client.submit_contest_entry(u[3], cid, _small_package(tmp_path, "作品03改", "参赛者03"),
                                       "作品03（修订版）", key="e-3b")["version"] == 2  # replay
    # late entry refused
    clock.advance(days=5, seconds=1)
    with pytest.raises(InvalidTransition) as e:
        client.submit_contest_entry(u[11], cid, _small_package(tmp_path, "迟到", "参赛者11"), "迟到")
    assert e.value.code == "CONTEST_CLOSED"

    # judging: conflicts excluded automatically
    judge_ui = [_ui(svc, j) for j in judges]
    queues = {j.id: client.get_judge_queue(j, cid) for j in judge_ui}
    maker_judge_queue = {q["id"] for q in queues[makers[0]]}
    assert entries[0]["id"] not in maker_judge_queue  # own entry (own team)
    for q in queues.values():
        assert all("owner_name" not in x and "team" not in x for x in q)  # blind
    # own business line excluded (judge0 is PNC: odd-numbered makers are PNC)
    pnc_entries = {entries[i]["id"] for i in range(12) if i % 2}
    assert not pnc_entries & {q["id"] for q in queues[judges[0]]}
    with pytest.raises(PermissionDenied):
        client.score_contest_entry(judge_ui[3], entries[0]["id"], _flat(90))
    with pytest.raises(PermissionDenied):  # not a judge at all
        client.get_judge_queue(u[5], cid)
    dest = client.fetch_blind_entry(judge_ui[1], entries[5]["id"], tmp_path / "blind5.zip")
    with zipfile.ZipFile(dest) as zf:
        blob = b"".join(zf.read(n) for n in zf.namelist())
    assert "参赛者05".encode() not in blob and "作品05".encode() in blob

    progress0 = {p["judge_id"]: p for p in client.get_judging_progress(staff, cid)}
    # six entries per line; the maker-judge (LIFE) loses their own team's entry among them
    assert progress0[judges[0]]["excluded"] == 6 and progress0[makers[0]]["excluded"] == 6
    for n, j in enumerate(judge_ui):
        for q in queues[j.id]:
            base = 50 + 3 * (q["id"] % 12) + (n * 7)  # judges differ in level
            client.score_contest_entry(j, q["id"], {r["id"]: min(100, base + k) for k, r in enumerate(RUBRIC)},
                                       comments={"accuracy": "条款引用准确"})
    progress = client.get_judging_progress(staff, cid)
    assert all(p["done"] == p["assigned"] for p in progress)
    with pytest.raises(PermissionDenied):
        client.get_contest_results(u[4], cid)  # not public yet
    res = client.get_contest_results(staff, cid)
    assert [r["rank"] for r in res["ranking"]] == sorted(r["rank"] for r in res["ranking"])
    assert set(res["ranking"][0]["criteria"]) == {r["id"] for r in RUBRIC}
    dash = client.get_contest_dashboard(staff, cid)
    assert dash["entries"] == 12 and dash["by_form"] == {"h5": 12}
    assert sum(dash["by_business_line"].values()) == 12

    with pytest.raises(InvalidTransition):
        client.publish_contest_awards(staff, cid, [{"entry_id": res["ranking"][0]["id"], "award": "first"}])
    clock.advance(days=10)
    top = res["ranking"][0]
    awards = [{"entry_id": top["id"], "award": "first"},
              {"entry_id": entries[0]["id"], "award": "special", "special_name": "最佳团队奖"}]
    out = client.publish_contest_awards(staff, cid, awards, key="aw-1")
    assert client.publish_contest_awards(staff, cid, awards, key="aw-1") == out  # replay
    assert len(out["credentials"]) >= 4  # one first prize + three team members
    public = client.get_contest_results(u[4], cid)
    assert any("最佳团队奖" in r["awards"] for r in public["ranking"])

    # the member's record, the credential PDF/badge, and verify
    mine = client.list_my_awards(u[12])
    assert mine and mine[0]["award_name"] == "最佳团队奖"
    pdf = client.award_pdf(u[12], mine[0]["id"], tmp_path / "award.pdf")
    assert pdf.read_bytes()[:4] == b"%PDF"
    badge = json.loads(client.award_badge(u[12], mine[0]["id"], tmp_path / "b.json").read_text())
    assert badge["credential"]["credentialSubject"]["achievement"]["achievementType"] == "Award"
    v = client.verify_certificate(mine[0]["verification_code"])
    assert v["valid"] and v["number"] == mine[0]["number"]
    forged = mine[0]["verification_code"][:-3] + "AAA"
    assert not client.verify_certificate(forged)["valid"]
    with pytest.raises(PermissionDenied):
        client.award_pdf(u[5], mine[0]["id"], tmp_path / "x.pdf")

    # exports
    xlsx = client.export_contest_xlsx(staff, cid, tmp_path / "contest.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["参赛作品", "评分明细", "比赛结果"]
    assert wb["比赛结果"].max_row == 13
    png = client.export_contest_results_image(staff, cid, tmp_path / "results.png")
    with Image.open(png) as im:
        assert im.width == 1080 and im.height > 1300  # two winners' previews included
        colours = {c for _, c in im.getcolors(maxcolors=1 << 20)}
        assert (245, 166, 35) in colours  # the winners' course previews are drawn
    shutil.copy(png, Path(os.environ.get("CS_CONTEST_PNG", str(tmp_path / "copy.png"))))

    # the grade evaluation of the award's period carries the bonus
    from creator_studio.core.market import grading

    period = f"{svc.now():%Y-%m}"
    svc.call(grading.evaluate_period, world.staff, period)
    why = svc.read_as(grading.explain, makers[12], makers[12])
    assert any("最佳团队奖" in x and "+5" in x for x in why.reasons)
    from sqlalchemy import select

    from creator_studio.core.store.models_cert import GradeEvaluation

    with svc.read() as s:
        ev = s.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == makers[12],
                                                    GradeEvaluation.period == period))
        assert ev.metrics["contest_bonus"] == 5
        winner = s.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == top["owner_id"],
                                                        GradeEvaluation.period == period))
        assert winner.metrics["contest_bonus"] == 40  # the contest's configured first-prize bonus
        other = s.scalar(select(GradeEvaluation).where(GradeEvaluation.maker_id == makers[7],
                                                       GradeEvaluation.period == period))
        assert other is None or "contest_bonus" not in other.metrics or top["owner_id"] == makers[7]


def test_eligibility_certified_only(svc, world, contest_world, tmp_path):
    client, makers, judges = contest_world
    staff = _ui(svc, world.staff)
    c = _create(client, staff, judges, svc.now(), eligibility="certified")
    client.publish_contest(staff, c["id"])
    with pytest.raises(PermissionDenied):
        client.submit_contest_entry(_ui(svc, world.uncertified), c["id"],
                                    _small_package(tmp_path, "无证", "钱未证"), "无证")
    ok = client.submit_contest_entry(_ui(svc, makers[2]), c["id"],
                                     _small_package(tmp_path, "有证", "参赛者02"), "有证")
    assert ok["version"] == 1


def test_docs_worked_example():
    """The numbers of docs/contests.md's worked example, computed by the scoring code."""
    def s(a, b, c, d):  # noqa: ANN001, ANN202
        return {"accuracy": a, "design": b, "quality": c, "value": d}

    A, B, C, D = 1, 2, 3, 4
    scores = {(A, 1): s(70, 60, 65, 60), (B, 1): s(62, 58, 60, 55), (C, 1): s(55, 50, 52, 50),
              (D, 1): s(66, 64, 62, 60),
              (A, 2): s(92, 90, 88, 90), (B, 2): s(90, 92, 95, 88), (C, 2): s(85, 84, 86, 82),
              (A, 3): s(80, 78, 75, 80), (B, 3): s(78, 76, 80, 74), (C, 3): s(70, 72, 68, 70),
              (D, 3): s(82, 80, 78, 76)}
    assert contest_scoring.weighted_total(scores[(A, 1)], _rub()) == pytest.approx(64.25)
    z = contest_scoring.rank(scores, _rub(), "zscore")
    assert [(r.entry_id, round(r.score, 2)) for r in z] == [(D, 78.03), (A, 76.68), (B, 73.55), (C, 54.41)]
    assert [round(r.raw_mean, 2) for r in sorted(z, key=lambda r: r.entry_id)] == [77.53, 75.88, 68.8, 71.3]
    t = contest_scoring.rank(scores, _rub(), "trimmed")
    assert [(r.entry_id, round(r.score, 2)) for r in t] == [(A, 78.25), (B, 77.2), (D, 71.3), (C, 70.0)]
    # the docs' tables of judges' totals and per-judge z-scores, cell by cell
    totals = {k: contest_scoring.weighted_total(v, _rub()) for k, v in scores.items()}
    docs_totals = {1: (64.25, 59.10, 52.00, 63.30), 2: (90.10, 91.35, 84.40, None),
                   3: (78.25, 77.20, 70.00, 79.30)}
    docs_z = {1: (59.66, 4.83, (0.9498, -0.1165, -1.5865, 0.7531)),
              2: (88.62, 3.02, (0.4904, 0.9036, -1.3939, None)),
              3: (76.19, 3.65, (0.5653, 0.2775, -1.6958, 0.8530))}
    for j, row in docs_totals.items():
        assert [round(totals[(e, j)], 2) if (e, j) in totals else None for e in (A, B, C, D)] == list(row)
        mine = {e: totals[(e, j)] for e in (A, B, C, D) if (e, j) in totals}
        mean = sum(mine.values()) / len(mine)
        sd = (sum((v - mean) ** 2 for v in mine.values()) / len(mine)) ** 0.5
        want_mean, want_sd, want_z = docs_z[j]
        assert (round(mean, 2), round(sd, 2)) == (want_mean, want_sd)
        assert [round((mine[e] - mean) / sd, 4) if e in mine else None for e in (A, B, C, D)] == list(want_z)
