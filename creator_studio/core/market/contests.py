"""Micro-course contests (微课大赛, #19): call for entries → entries → blind judging → results →
awards with credentials and a grade bonus.

Rules this module keeps (docs/contests.md):
- Staff create and publish a contest; its rubric, forms and eligibility are frozen once it is
  published. Judges are named on the contest; a judge scores only the entries assigned to them,
  which is every entry minus conflicts of interest: their own entry, an entry of a team they
  were invited to, and — when the contest says so — an entry of their own business line.
- Makers enter solo or as a team (the captain invites, members accept, the captain submits).
  The package is checked like a delivery (the published norms plus the contest's own rules),
  stored in the content-addressed file store, and a blind judging copy is made and checked
  (``contest_blind.py``); a package whose copy would still name its maker is refused. Later
  versions replace earlier ones until entries close; after that a submission is refused.
- Scores are integers 0–100 per criterion with a comment; results use the contest's
  normalisation and the documented tie-break (``contest_scoring.py``).
- Staff publish the awards once judging has closed; each winner (every accepted team member)
  gets an award credential verifiable like a certificate, and the contest's bonus points for
  that award appear in the grade evaluation of the period it was awarded in.

Every function takes the session, the acting user and ``now``; it flushes, never commits.
Everything returned is plain JSON-able values.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creator_studio.core import staging
from creator_studio.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationError
from creator_studio.core.market import (
    audit,
    contest_blind,
    contest_scoring,
    credentials,
    idempotency,
    normsets,
    notifications,
    permissions,
    validate,
)
from creator_studio.core.store.filestore import FileStore
from creator_studio.core.store.models import BusinessLine, Certificate, User
from creator_studio.core.store.models_contest import (
    AwardCredential,
    Contest,
    ContestAward,
    ContestEntry,
    ContestEntryVersion,
    ContestJudge,
    ContestScore,
    ContestTeam,
    ContestTeamMember,
)

log = logging.getLogger(__name__)

FORMS = ("long-image", "screen-record", "h5", "skit")
# The award keys in rank order, with the names core writes into its own bilingual texts
# (notifications, grade reasons, the exports for staff). The window does not show these: it
# names an award from its key through tr() (`ui.market.common.award_name`), so English mode
# reads "First prize" — `credential_view` hands it the key (and a special award's own name).
AWARDS = {"first": "一等奖", "second": "二等奖", "third": "三等奖", "excellence": "优秀奖",
          "special": "特别奖"}
AWARDS_EN = {"first": "First prize", "second": "Second prize", "third": "Third prize",
             "excellence": "Award of excellence", "special": "Special prize"}
DEFAULT_BONUS = {"first": 30, "second": 20, "third": 10, "excellence": 5, "special": 5}
NEVER = "9999-12-31"  # award credentials do not expire

permissions.PERMISSIONS.update({
    "contest.manage": permissions._r("staff", None, "管理微课大赛"),
    "contest.enter": permissions._r("maker", None, "参加微课大赛"),
    "contest.score": permissions._r("maker buyer staff", "contest_judge", "评审参赛作品"),
    "contest.read": permissions._r("maker buyer staff", None, "查看微课大赛"),
})
permissions.OWNERSHIP["contest_judge"] = lambda a, t: isinstance(t, Contest) and _is_judge(t, a.id)


def _is_judge(contest: Contest, user_id: int) -> bool:
    from sqlalchemy.orm import object_session

    s = object_session(contest)
    return s is not None and s.get(ContestJudge, (contest.id, user_id)) is not None


# ---------------------------------------------------------------------------------------------
# Set-up


def _contest(session: Session, contest_id: int) -> Contest:
    c = session.get(Contest, contest_id)
    if c is None:
        raise NotFound(f"大赛 #{contest_id} 不存在", f"No contest #{contest_id}")
    return c


def _check_rubric(rubric: list[dict]) -> list[dict]:
    if not isinstance(rubric, list) or not rubric:
        raise ValidationError("评分标准不能为空", "A rubric needs criteria", code="BAD_RUBRIC")
    out, ids = [], set()
    for c in rubric:
        cid = validate.text("评分项编号", c.get("id"), max_len=32, required=True, multiline=False)
        w = c.get("weight")
        if cid in ids or isinstance(w, bool) or not isinstance(w, int) or not 0 < w <= 100:
            raise ValidationError(f"评分项 {cid} 的编号重复或权重无效（1–100 的整数）",
                                  f"Criterion {cid}: duplicate id or bad weight (1–100)",
                                  code="BAD_RUBRIC")
        ids.add(cid)
        out.append({"id": cid, "weight": w,
                    "name": validate.text("评分项名称", c.get("name", cid), max_len=50, required=True),
                    "description": validate.text("评分项说明", c.get("description", ""), max_len=500)})
    if sum(c["weight"] for c in out) != 100:
        raise ValidationError("评分项权重之和须为 100%", "Criterion weights must sum to 100",
                              code="BAD_RUBRIC")
    return out


def contest_dict(c: Contest, judges: list[int] | None = None) -> dict[str, Any]:
    return {"id": c.id, "title": c.title, "description": c.description, "rules": c.rules,
            "forms": list(c.forms), "entry_mode": c.entry_mode, "team_max": c.team_max,
            "eligibility": c.eligibility, "eligible_lines": list(c.eligible_lines or []),
            "entries_open_at": c.entries_open_at, "entries_close_at": c.entries_close_at,
            "judging_close_at": c.judging_close_at, "results_at": c.results_at,
            "rubric": list(c.rubric), "normalisation": c.normalisation,
            "exclude_own_line": c.exclude_own_line, "extra_rules": dict(c.extra_rules or {}),
            "award_bonus": dict(c.award_bonus or {}), "status": c.status,
            "judges": judges if judges is not None else []}


def _checked_fields(session: Session, v: dict) -> tuple[dict, list[User]]:
    """Every rule a contest's set-up must keep (create and draft edits alike): the column
    values to store and the judges."""
    title = validate.text("大赛主题", v["title"], max_len=200, required=True, multiline=False)
    forms, entry_mode, team_max = v["forms"], v["entry_mode"], v["team_max"]
    eligibility, normalisation = v["eligibility"], v["normalisation"]
    bad = sorted(set(forms or []) - set(FORMS))
    if not forms or bad:
        raise ValidationError(f"课程形式无效：{'、'.join(bad) or '（未选择）'}",
                              f"Bad forms: {bad or '(none)'}", code="BAD_FORMS")
    if entry_mode not in ("solo", "team") or eligibility not in ("all", "certified", "business_lines") \
            or normalisation not in ("zscore", "trimmed"):
        raise ValidationError("参赛方式、参赛资格或标准化方法无效",
                              "Bad entry mode, eligibility or normalisation", code="BAD_CONTEST")
    if isinstance(team_max, bool) or not isinstance(team_max, int) or not 1 <= team_max <= 20 \
            or (entry_mode == "solo" and team_max != 1):
        raise ValidationError("团队人数上限须为 1–20（个人赛为 1）", "Team size limit 1–20 (solo: 1)",
                              code="BAD_CONTEST")
    if not v["entries_open_at"] < v["entries_close_at"] <= v["judging_close_at"] <= v["results_at"]:
        raise ValidationError("日期顺序须为：开始报名 < 截止报名 ≤ 评审截止 ≤ 公布结果",
                              "Dates must run open < close ≤ judging ≤ results", code="BAD_DATES")
    lines = list(v["eligible_lines"] or [])
    if eligibility == "business_lines":
        known = set(session.scalars(select(BusinessLine.code).where(BusinessLine.code.in_(lines))))
        if not lines or set(lines) - known:
            raise ValidationError("请列出有效的业务条线", "List valid business lines",
                                  code="BAD_CONTEST")
    judge_users = [session.get(User, j) for j in dict.fromkeys(v["judges"] or [])]
    if not judge_users or any(u is None or not u.active for u in judge_users):
        raise ValidationError("请指定有效的评委", "Name valid, active judges", code="BAD_JUDGES")
    bonus = dict(DEFAULT_BONUS)
    for k, n in (v["award_bonus"] or {}).items():
        if k not in AWARDS or isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= 100:
            raise ValidationError("奖项加分无效（0–100 的整数）", "Bad award bonus", code="BAD_CONTEST")
        bonus[k] = n
    words = (v["extra_rules"] or {}).get("forbidden_words", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ValidationError("大赛附加规则无效", "Bad contest rules", code="BAD_CONTEST")
    return dict(title=title, description=validate.text("说明", v["description"], max_len=5000),
                rules=validate.text("规则", v["rules"], max_len=10000), forms=sorted(set(forms)),
                entry_mode=entry_mode, team_max=team_max, eligibility=eligibility,
                eligible_lines=lines, entries_open_at=v["entries_open_at"],
                entries_close_at=v["entries_close_at"], judging_close_at=v["judging_close_at"],
                results_at=v["results_at"], rubric=_check_rubric(v["rubric"]),
                normalisation=normalisation, exclude_own_line=bool(v["exclude_own_line"]),
                extra_rules={"forbidden_words": words}, award_bonus=bonus), judge_users


EDITABLE = ("title", "description", "rules", "forms", "entry_mode", "team_max", "eligibility",
            "eligible_lines", "entries_open_at", "entries_close_at", "judging_close_at",
            "results_at", "rubric", "judges", "normalisation", "exclude_own_line", "extra_rules",
            "award_bonus")


def update_contest(session: Session, actor: User, contest_id: int, changes: dict, *,
                   now: datetime) -> dict:
    """Staff edit a draft contest (before it is published): the given fields replace the
    stored ones, and the whole contest is checked again by the create rules. Published
    contests are frozen (their rubric, dates and judges are what entrants were promised).
    Audited with the changed fields before and after; a no-op edit records nothing."""
    permissions.check(actor, "contest.manage")
    c = _contest(session, contest_id)
    if c.status != "draft":
        raise InvalidTransition("大赛已发布，不能再修改", "A published contest cannot be edited",
                                code="CONTEST_NOT_DRAFT")
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError(f"不能修改的字段：{'、'.join(unknown)}",
                              f"Fields that cannot be edited: {unknown}", code="BAD_CONTEST")
    current = {k: getattr(c, k) for k in EDITABLE if k != "judges"}
    current["judges"] = _judges(session, c.id)
    f, judge_users = _checked_fields(session, {**current, **changes})
    before, after = {}, {}
    for k, val in f.items():
        if getattr(c, k) != val:
            before[k], after[k] = _plain(getattr(c, k)), _plain(val)
            setattr(c, k, val)
    judge_ids = [u.id for u in judge_users]
    if sorted(judge_ids) != current["judges"]:
        before["judges"], after["judges"] = current["judges"], sorted(judge_ids)
        for row in session.scalars(select(ContestJudge).where(ContestJudge.contest_id == c.id)):
            session.delete(row)
        session.flush()
        for uid in judge_ids:
            session.add(ContestJudge(contest_id=c.id, user_id=uid))
    session.flush()
    if after:
        audit.record(session, actor.id, "contest.update", "contest", c.id, before, after, now)
    return get_contest(session, actor, c.id)


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


def search_people(session: Session, actor: User, query: str, *, limit: int = 20) -> list[dict]:
    """The people picker (judges, team members): active users whose name, login or employee
    number contains `query`, with their business line (部门/条线). Any signed-in user may look
    colleagues up; nothing beyond name, login and line is returned."""
    permissions.check(actor, "contest.read")
    q = validate.text("搜索", query, max_len=50, multiline=False).strip()
    if not q:
        return []
    like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = session.scalars(select(User).where(
        User.active.is_(True),
        User.display_name.ilike(like, escape="\\") | User.login.ilike(like, escape="\\")
        | User.employee_no.ilike(like, escape="\\"))
        .order_by(User.display_name, User.id).limit(max(1, min(int(limit), 50))))
    return [_person(u) for u in rows]


def create_contest(session: Session, actor: User, *, key: str, now: datetime, title: str,
                   forms: list[str], entries_open_at: datetime, entries_close_at: datetime,
                   judging_close_at: datetime, results_at: datetime, rubric: list[dict],
                   judges: list[int], description: str = "", rules: str = "",
                   entry_mode: str = "solo", team_max: int = 1, eligibility: str = "all",
                   eligible_lines: list[str] | None = None, normalisation: str = "zscore",
                   exclude_own_line: bool = False, extra_rules: dict | None = None,
                   award_bonus: dict | None = None) -> dict[str, Any]:
    permissions.check(actor, "contest.manage")
    idempotency.check_key(key)
    params = dict(title=title, forms=forms, entries_open_at=entries_open_at,
                  entries_close_at=entries_close_at, judging_close_at=judging_close_at,
                  results_at=results_at, rubric=rubric, judges=judges, description=description,
                  rules=rules, entry_mode=entry_mode, team_max=team_max, eligibility=eligibility,
                  eligible_lines=eligible_lines or [], normalisation=normalisation,
                  exclude_own_line=exclude_own_line, extra_rules=extra_rules or {},
                  award_bonus=award_bonus)
    phash = idempotency.params_hash(**params)
    earlier = session.scalar(select(Contest).where(Contest.idempotency_key == key))
    if earlier is not None:
        if earlier.created_by != actor.id:
            raise idempotency.key_reused(key, "actor")
        if earlier.params_hash != phash:
            raise idempotency.key_reused(key, "params")
        return get_contest(session, actor, earlier.id)
    f, judge_users = _checked_fields(session, dict(
        title=title, forms=forms, entries_open_at=entries_open_at,
        entries_close_at=entries_close_at, judging_close_at=judging_close_at,
        results_at=results_at, rubric=rubric, judges=judges, description=description, rules=rules,
        entry_mode=entry_mode, team_max=team_max, eligibility=eligibility,
        eligible_lines=eligible_lines, normalisation=normalisation,
        exclude_own_line=exclude_own_line, extra_rules=extra_rules, award_bonus=award_bonus))
    c = Contest(**f, status="draft", created_by=actor.id, created_at=now, idempotency_key=key,
                params_hash=phash)
    session.add(c)
    session.flush()
    for u in judge_users:
        session.add(ContestJudge(contest_id=c.id, user_id=u.id))
    session.flush()
    audit.record(session, actor.id, "contest.create", "contest", c.id, None,
                 {"title": f["title"], "judges": [u.id for u in judge_users]}, now)
    return get_contest(session, actor, c.id)


def publish_contest(session: Session, actor: User, contest_id: int, *, now: datetime) -> dict:
    permissions.check(actor, "contest.manage")
    c = _contest(session, contest_id)
    if c.status == "draft":
        c.status, c.published_at = "published", now
        audit.record(session, actor.id, "contest.publish", "contest", c.id, {"status": "draft"},
                     {"status": "published"}, now)
        for uid in session.scalars(select(ContestJudge.user_id).where(ContestJudge.contest_id == c.id)):
            notifications.notify(session, uid, "contest_judge", f"您被邀请担任「{c.title}」评委",
                                 f"You judge the contest {c.title}", now, contest_id=c.id)
    return get_contest(session, actor, c.id)


def _judges(session: Session, contest_id: int) -> list[int]:
    return sorted(session.scalars(select(ContestJudge.user_id)
                                  .where(ContestJudge.contest_id == contest_id)))


def get_contest(session: Session, actor: User, contest_id: int) -> dict:
    permissions.check(actor, "contest.read")
    c = _contest(session, contest_id)
    if c.status == "draft" and "staff" not in actor.roles:
        raise NotFound(f"大赛 #{contest_id} 不存在", f"No contest #{contest_id}")
    d = contest_dict(c, _judges(session, c.id))
    if "staff" in actor.roles:  # the set-up form shows the judges by name (people picker)
        d["judge_people"] = [_person(session.get(User, uid)) for uid in d["judges"]]
    return d


def _person(u: User) -> dict:
    return {"id": u.id, "name": u.display_name, "login": u.login,
            "business_line": u.business_line.name if u.business_line else "",
            "business_line_code": u.business_line.code if u.business_line else "",
            "roles": sorted(u.roles)}


def list_contests(session: Session, actor: User) -> list[dict]:
    permissions.check(actor, "contest.read")
    q = select(Contest).order_by(Contest.id.desc())
    if "staff" not in actor.roles:
        q = q.where(Contest.status != "draft")
    return [contest_dict(c, _judges(session, c.id)) for c in session.scalars(q)]


# ---------------------------------------------------------------------------------------------
# Eligibility and teams


def _certified(session: Session, user_id: int, now: datetime) -> bool:
    return session.scalar(select(Certificate.id).where(
        Certificate.holder_id == user_id, Certificate.status == "valid",
        Certificate.expires_at > now).limit(1)) is not None


def _check_eligible(session: Session, c: Contest, user: User, now: datetime) -> None:
    ok = True
    if c.eligibility == "certified":
        ok = _certified(session, user.id, now)
    elif c.eligibility == "business_lines":
        ok = user.business_line is not None and user.business_line.code in (c.eligible_lines or [])
    if not ok:
        raise PermissionDenied(f"{user.display_name} 不符合本次大赛的参赛资格",
                               f"{user.login} is not eligible for this contest",
                               details={"operation": "contest.enter", "eligibility": c.eligibility})


def _team_of(session: Session, c: Contest, user_id: int) -> ContestTeam | None:
    return session.scalar(select(ContestTeam).join(
        ContestTeamMember, ContestTeamMember.team_id == ContestTeam.id).where(
        ContestTeam.contest_id == c.id, ContestTeamMember.user_id == user_id,
        ContestTeamMember.status != "declined"))


def create_team(session: Session, actor: User, contest_id: int, name: str, *, key: str,
                now: datetime) -> dict:
    permissions.check(actor, "contest.enter")
    idempotency.check_key(key)
    c = _contest(session, contest_id)
    phash = idempotency.params_hash(contest_id=contest_id, name=name)
    earlier = session.scalar(select(ContestTeam).where(ContestTeam.idempotency_key == key))
    if earlier is not None:
        if earlier.captain_id != actor.id or earlier.params_hash != phash:
            raise idempotency.key_reused(key, "params")
        return team_dict(session, earlier)
    if c.entry_mode != "team":
        raise InvalidTransition("本次大赛为个人赛", "This contest takes solo entries")
    _check_open(c, now)
    _check_eligible(session, c, actor, now)
    if _team_of(session, c, actor.id) is not None:
        raise InvalidTransition("您已在本次大赛的一个团队中", "You are already in a team of this contest")
    team = ContestTeam(contest_id=c.id, captain_id=actor.id, created_at=now, idempotency_key=key,
                       params_hash=phash,
                       name=validate.text("团队名称", name, max_len=100, required=True, multiline=False))
    session.add(team)
    session.flush()
    session.add(ContestTeamMember(team_id=team.id, user_id=actor.id, status="accepted", updated_at=now))
    session.flush()
    audit.record(session, actor.id, "contest.team_create", "contest_team", team.id, None,
                 {"contest": c.id, "name": team.name}, now)
    return team_dict(session, team)


def team_dict(session: Session, team: ContestTeam) -> dict:
    rows = session.execute(select(ContestTeamMember.user_id, ContestTeamMember.status, User.display_name)
                           .join(User, User.id == ContestTeamMember.user_id)
                           .where(ContestTeamMember.team_id == team.id)
                           .order_by(ContestTeamMember.user_id)).all()
    return {"id": team.id, "contest_id": team.contest_id, "name": team.name,
            "captain_id": team.captain_id,
            "members": [{"user_id": u, "status": s, "name": n} for u, s, n in rows]}


def invite(session: Session, actor: User, team_id: int, user_id: int, *, now: datetime) -> dict:
    permissions.check(actor, "contest.enter")
    team = session.get(ContestTeam, team_id)
    if team is None or team.captain_id != actor.id:
        raise PermissionDenied("只有队长可以邀请成员", "Only the captain invites members")
    c = _contest(session, team.contest_id)
    _check_open(c, now)
    member = session.get(ContestTeamMember, (team.id, user_id))
    if member is not None and member.status != "declined":
        return team_dict(session, team)
    active = session.scalar(select(func.count()).select_from(ContestTeamMember).where(
        ContestTeamMember.team_id == team.id, ContestTeamMember.status != "declined")) or 0
    if active >= c.team_max:
        raise ValidationError(f"团队人数已达上限（{c.team_max} 人）",
                              f"The team is full ({c.team_max})", code="TEAM_FULL")
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise NotFound("被邀请人不存在", f"No user {user_id}")
    if _team_of(session, c, user_id) is not None:
        raise InvalidTransition(f"{user.display_name} 已在另一个团队中", "Already in another team")
    if member is None:
        session.add(ContestTeamMember(team_id=team.id, user_id=user_id, status="invited", updated_at=now))
    else:
        member.status, member.updated_at = "invited", now
    session.flush()
    audit.record(session, actor.id, "contest.invite", "contest_team", team.id, None,
                 {"user": user_id}, now)
    notifications.notify(session, user_id, "contest_invite", f"{actor.display_name} 邀请您加入团队「{team.name}」",
                         f"{actor.login} invites you to team {team.name}", now, team_id=team.id)
    return team_dict(session, team)


def respond_invite(session: Session, actor: User, team_id: int, accept: bool, *,
                   now: datetime) -> dict:
    permissions.check(actor, "contest.enter")
    member = session.get(ContestTeamMember, (team_id, actor.id))
    if member is None:
        raise NotFound("没有这个邀请", "No such invitation")
    team = session.get(ContestTeam, team_id)
    c = _contest(session, team.contest_id)
    want = "accepted" if accept else "declined"
    if member.status == want:
        return team_dict(session, team)
    if member.status != "invited":
        raise InvalidTransition("该邀请已处理", "This invitation was already answered")
    _check_open(c, now)
    if accept:
        _check_eligible(session, c, actor, now)
    member.status, member.updated_at = want, now
    audit.record(session, actor.id, f"contest.invite_{want}", "contest_team", team.id, None,
                 {"user": actor.id}, now)
    return team_dict(session, team)


# ---------------------------------------------------------------------------------------------
# Entries


def _check_open(c: Contest, now: datetime) -> None:
    if c.status != "published" or not c.entries_open_at <= now < c.entries_close_at:
        raise InvalidTransition(
            f"不在报名时间内（{c.entries_open_at:%Y-%m-%d %H:%M} 至 {c.entries_close_at:%Y-%m-%d %H:%M}）",
            "Entries are not open", code="CONTEST_CLOSED")


def _people_of(session: Session, entry_owner: int, team_id: int | None) -> list[User]:
    ids = {entry_owner}
    if team_id is not None:
        ids |= set(session.scalars(select(ContestTeamMember.user_id).where(
            ContestTeamMember.team_id == team_id, ContestTeamMember.status != "declined")))
    return [session.get(User, i) for i in sorted(ids)]


def identity_terms(users: list[User]) -> list[str]:
    """What must not appear in a judging copy: names, logins, employee numbers."""
    out = []
    for u in users:
        out += [u.display_name, u.login] + ([u.employee_no] if u.employee_no else [])
    return [t for t in out if t]


def _contest_rules_check(c: Contest, folder: Path, manifest: dict) -> list[dict]:
    """The contest's own rules on top of the published norms (all blocking)."""
    found = []
    forms = set((manifest.get("package") or {}).get("forms", {}) or {})
    if not forms:
        found.append({"rule_id": "contest-forms", "status": "fail",
                      "message_zh": "作品包中没有已渲染的课程形式", "message_en": "No rendered form"})
    bad = sorted(forms - set(c.forms))
    if bad:
        found.append({"rule_id": "contest-forms", "status": "fail",
                      "message_zh": f"本次大赛不接受：{'、'.join(bad)}",
                      "message_en": f"Forms not allowed here: {', '.join(bad)}"})
    li = ((manifest.get("package") or {}).get("forms", {}) or {}).get("long-image") or {}
    if (li.get("info") or {}).get("watermark"):
        found.append({"rule_id": "contest-blind", "status": "fail",
                      "message_zh": "长图带有创客水印，盲评无法去除：请关闭水印后重新渲染",
                      "message_en": "The long image carries a maker watermark; render with the "
                                    "watermark off"})
    words = (c.extra_rules or {}).get("forbidden_words", [])
    if words:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.suffix.lower() in contest_blind.TEXT_EXT:
                text = p.read_text(encoding="utf-8", errors="replace")
                hit = [w for w in words if w in text]
                if hit:
                    found.append({"rule_id": "contest-words", "status": "fail",
                                  "message_zh": f"出现大赛禁用词「{'、'.join(hit)}」（{p.name}）",
                                  "message_en": f"Contest forbidden words in {p.name}"})
                    break
    return found


def submit_entry(session: Session, actor: User, contest_id: int, package: Path, *, title: str,
                 key: str, now: datetime, store: FileStore,
                 norms_checker=None) -> dict:  # noqa: ANN001
    """Submit (or replace before the deadline) the actor's entry: solo, or the team's as captain."""
    from creator_studio.core.market.deliveries import _manifest, _unpack, _zip_folder

    permissions.check(actor, "contest.enter")
    idempotency.check_key(key)
    c = _contest(session, contest_id)
    package = Path(package)
    title = validate.text("作品名称", title, max_len=200, required=True, multiline=False)
    earlier = session.scalar(select(ContestEntryVersion).where(ContestEntryVersion.idempotency_key == key))
    if earlier is not None:
        entry = session.get(ContestEntry, earlier.entry_id)
        if earlier.submitted_by != actor.id or entry.contest_id != c.id:
            raise idempotency.key_reused(key, "actor")
        if earlier.params_hash != idempotency.params_hash(contest_id=c.id, title=title):
            raise idempotency.key_reused(key, "params")
        return entry_dict(session, entry)
    _check_open(c, now)
    _check_eligible(session, c, actor, now)
    team = _team_of(session, c, actor.id)
    if c.entry_mode == "team":
        if team is None or team.captain_id != actor.id:
            raise PermissionDenied("团队赛由队长提交作品", "In a team contest the captain submits")
        for m in _people_of(session, actor.id, team.id):
            member = session.get(ContestTeamMember, (team.id, m.id))
            if member.status != "accepted":
                raise InvalidTransition(f"{m.display_name} 尚未接受邀请", f"{m.login} has not accepted yet",
                                        code="TEAM_NOT_READY")
    elif team is not None:
        team = None
    if not package.exists():
        raise NotFound("作品包不存在", f"Package not found: {package}")
    people = _people_of(session, actor.id, team.id if team else None)
    with staging.temp_dir("cs-contest-") as tmp:
        tmp = Path(tmp)
        if package.is_dir():
            unpacked = package
        else:
            unpacked = tmp / "unpacked"
            unpacked.mkdir()
            _unpack(package, unpacked, store.max_bytes)
        manifest = _manifest(unpacked)
        report = normsets.check_package(unpacked, normsets.current_normset(session), norms_checker)
        extra = _contest_rules_check(c, unpacked, manifest)
        report = dict(report)
        report["findings"] = list(report.get("findings", [])) + extra
        report["blocking"] = bool(report.get("blocking")) or bool(extra)
        if report["blocking"]:
            fails = [f for f in report["findings"] if f.get("status") == "fail"]
            raise ValidationError(
                "作品未通过规范检查：" + "；".join(f.get("message_zh", "") for f in fails[:5]),
                f"The entry fails {len(fails)} blocking check(s)", code="NORMS_BLOCKED",
                details={"findings": fails})
        blind_dir = tmp / "blind"
        blind = contest_blind.make_blind_copy(unpacked, blind_dir, identity_terms(people))
        if not blind.clean:
            raise ValidationError(
                "无法生成匿名评审副本：以下文件仍含有创客信息 " + "、".join(
                    sorted({lk["path"] for lk in blind.leaks})[:5]),
                "The blind judging copy still names the maker", code="BLIND_COPY_FAILED",
                details=blind.to_dict())
        zipped, bzipped = tmp / "entry.zip", tmp / "blind.zip"
        _zip_folder(unpacked, zipped, store.max_bytes)
        _zip_folder(blind_dir, bzipped, store.max_bytes)
        digest, bdigest = store.put_file(zipped), store.put_file(bzipped)
        size = zipped.stat().st_size
    forms = sorted((manifest.get("package") or {}).get("forms", {}) or {})
    entry = session.scalar(select(ContestEntry).where(ContestEntry.contest_id == c.id,
                                                      ContestEntry.owner_id == actor.id))
    if entry is None:
        entry = ContestEntry(contest_id=c.id, owner_id=actor.id, team_id=team.id if team else None,
                             business_line_id=actor.business_line_id, title=title, forms=forms,
                             version=1, package_sha256=digest, package_size=size,
                             blind_sha256=bdigest, blind_report=blind.to_dict(),
                             norms_report=report, submitted_at=now)
        session.add(entry)
        session.flush()
    else:
        entry.version += 1
        entry.title, entry.forms, entry.package_sha256, entry.package_size = title, forms, digest, size
        entry.blind_sha256, entry.blind_report, entry.norms_report = bdigest, blind.to_dict(), report
        entry.submitted_at = now
    session.add(ContestEntryVersion(entry_id=entry.id, version=entry.version, package_sha256=digest,
                                    submitted_by=actor.id, submitted_at=now, idempotency_key=key,
                                    params_hash=idempotency.params_hash(contest_id=c.id, title=title)))
    session.flush()
    audit.record(session, actor.id, "contest.submit", "contest_entry", entry.id, None,
                 {"version": entry.version, "sha256": digest}, now)
    return entry_dict(session, entry)


def entry_dict(session: Session, e: ContestEntry, *, blind: bool = False) -> dict:
    d = {"id": e.id, "contest_id": e.contest_id, "title": e.title, "forms": list(e.forms),
         "version": e.version, "submitted_at": e.submitted_at, "package_size": e.package_size}
    if not blind:
        owner = session.get(User, e.owner_id)
        d.update({"owner_id": e.owner_id, "owner_name": owner.display_name, "team_id": e.team_id,
                  "team": session.get(ContestTeam, e.team_id).name if e.team_id else "",
                  "business_line": owner.business_line.code if owner.business_line else "",
                  "package_sha256": e.package_sha256,
                  "norms_findings": len(e.norms_report.get("findings", []))})
        # What the blind check could not read (names drawn into pixels), for staff (#19)
        px = (e.blind_report or {}).get("pixels") or {}
        warning = contest_blind.pixel_warning(e.blind_report)
        d.update({"ocr_engine": px.get("engine"), "pixels_checked": len(px.get("checked") or []),
                  "pixels_unchecked": list(px.get("unchecked") or []),
                  "blind_warning_zh": warning[0] if warning else "",
                  "blind_warning_en": warning[1] if warning else ""})
    return d


def my_entries(session: Session, actor: User) -> list[dict]:
    permissions.check(actor, "contest.read")
    team_ids = select(ContestTeamMember.team_id).where(ContestTeamMember.user_id == actor.id,
                                                       ContestTeamMember.status == "accepted")
    q = select(ContestEntry).where((ContestEntry.owner_id == actor.id)
                                   | ContestEntry.team_id.in_(team_ids)).order_by(ContestEntry.id)
    return [entry_dict(session, e) for e in session.scalars(q)]


def list_entries(session: Session, actor: User, contest_id: int) -> list[dict]:
    permissions.check(actor, "contest.manage")
    _contest(session, contest_id)
    return [entry_dict(session, e) for e in session.scalars(
        select(ContestEntry).where(ContestEntry.contest_id == contest_id).order_by(ContestEntry.id))]


# ---------------------------------------------------------------------------------------------
# Judging


def conflict(session: Session, c: Contest, judge: User, entry: ContestEntry) -> str | None:
    """Why `judge` may not score `entry` (None: no conflict)."""
    if entry.owner_id == judge.id:
        return "own_entry"
    if entry.team_id is not None and session.get(ContestTeamMember, (entry.team_id, judge.id)) is not None:
        return "own_team"
    if c.exclude_own_line and judge.business_line_id is not None \
            and judge.business_line_id == entry.business_line_id:
        return "own_business_line"
    return None


def _assigned(session: Session, c: Contest, judge: User) -> list[ContestEntry]:
    entries = session.scalars(select(ContestEntry).where(ContestEntry.contest_id == c.id)
                              .order_by(ContestEntry.id)).all()
    return [e for e in entries if conflict(session, c, judge, e) is None]


def judge_queue(session: Session, actor: User, contest_id: int) -> list[dict]:
    """The judge's assigned entries, anonymised (no owner, team or business line), with their
    own scores so far."""
    c = _contest(session, contest_id)
    permissions.check(actor, "contest.score", c)
    if not _is_judge(c, actor.id):
        raise PermissionDenied("您不是本次大赛的评委", "You do not judge this contest")
    out = []
    for e in _assigned(session, c, actor):
        mine = {s.criterion: {"points": s.points, "comment": s.comment} for s in session.scalars(
            select(ContestScore).where(ContestScore.entry_id == e.id, ContestScore.judge_id == actor.id))}
        d = entry_dict(session, e, blind=True)
        d.update({"code": f"作品 {e.id:03d}", "scores": mine,
                  "complete": len(mine) == len(c.rubric)})
        out.append(d)
    return out


def _judge_entry(session: Session, actor: User, entry_id: int) -> tuple[Contest, ContestEntry]:
    e = session.get(ContestEntry, entry_id)
    if e is None:
        raise NotFound("作品不存在", f"No entry {entry_id}")
    c = _contest(session, e.contest_id)
    permissions.check(actor, "contest.score", c)
    if not _is_judge(c, actor.id):
        raise PermissionDenied("您不是本次大赛的评委", "You do not judge this contest")
    why = conflict(session, c, actor, e)
    if why is not None:
        raise PermissionDenied("利益冲突：您不能评审此作品", f"Conflict of interest ({why})",
                               details={"operation": "contest.score", "conflict": why})
    return c, e


def fetch_blind(session: Session, actor: User, entry_id: int, store: FileStore, dest: Path) -> Path:
    """Copy the checked judging copy (a zip) to `dest` — re-checked against the entrants as
    they are now; a copy that fails is never released."""
    c, e = _judge_entry(session, actor, entry_id)
    import io
    import zipfile

    data = store.read_bytes(e.blind_sha256)  # hash-checked by the store
    leaks: list[dict] = []
    terms = identity_terms(_people_of(session, e.owner_id, e.team_id))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            contest_blind.scan_bytes(info.filename, zf.read(info), terms, leaks)
    if leaks:
        raise ValidationError("匿名评审副本未通过检查，暂不发放", "The blind copy failed its check",
                              code="BLIND_COPY_FAILED", details={"leaks": leaks})
    from creator_studio.core import atomic

    atomic.write_bytes(Path(dest), data)
    return Path(dest)


def score_entry(session: Session, actor: User, entry_id: int, scores: dict[str, int], *,
                comments: dict[str, str] | None = None, now: datetime) -> dict:
    """Set the judge's points (0–100) and comment per criterion; re-scoring overwrites until
    judging closes (the same call twice leaves the same state)."""
    c, e = _judge_entry(session, actor, entry_id)
    if not c.entries_close_at <= now < c.judging_close_at:
        raise InvalidTransition("不在评审时间内", "Judging is not open", code="JUDGING_CLOSED")
    ids = {r["id"] for r in c.rubric}
    comments = comments or {}
    if set(scores) - ids or set(comments) - ids:
        raise ValidationError("未知的评分项", "Unknown criterion", code="BAD_SCORE")
    for cid, pts in scores.items():
        if isinstance(pts, bool) or not isinstance(pts, int) or not 0 <= pts <= 100:
            raise ValidationError(f"{cid} 的分数须为 0–100 的整数", f"{cid}: points 0–100",
                                  code="BAD_SCORE")
    for cid in set(scores) | set(comments):
        row = session.scalar(select(ContestScore).where(
            ContestScore.entry_id == e.id, ContestScore.judge_id == actor.id,
            ContestScore.criterion == cid))
        text = validate.text("评语", comments.get(cid, row.comment if row else ""), max_len=2000)
        if row is None:
            if cid not in scores:
                raise ValidationError("评语需要同时给分", "A comment needs points", code="BAD_SCORE")
            session.add(ContestScore(entry_id=e.id, judge_id=actor.id, criterion=cid,
                                     points=scores[cid], comment=text, updated_at=now))
        else:
            row.points, row.comment, row.updated_at = scores.get(cid, row.points), text, now
    session.flush()
    audit.record(session, actor.id, "contest.score", "contest_entry", e.id, None,
                 {"scores": scores}, now)
    return {"entry_id": e.id, "scores": dict(scores)}


def judging_progress(session: Session, actor: User, contest_id: int) -> list[dict]:
    permissions.check(actor, "contest.manage")
    c = _contest(session, contest_id)
    out = []
    for jid in _judges(session, c.id):
        judge = session.get(User, jid)
        assigned = _assigned(session, c, judge)
        done = 0
        for e in assigned:
            n = session.scalar(select(func.count()).select_from(ContestScore).where(
                ContestScore.entry_id == e.id, ContestScore.judge_id == jid)) or 0
            done += n >= len(c.rubric)
        out.append({"judge_id": jid, "judge": judge.display_name, "assigned": len(assigned),
                    "done": done, "excluded": len(session.scalars(select(ContestEntry.id).where(
                        ContestEntry.contest_id == c.id)).all()) - len(assigned)})
    return out


# ---------------------------------------------------------------------------------------------
# Results and awards


def _sheets(session: Session, c: Contest) -> dict[tuple[int, int], dict[str, int]]:
    rows = session.execute(select(ContestScore.entry_id, ContestScore.judge_id, ContestScore.criterion,
                                  ContestScore.points).join(ContestEntry, ContestEntry.id == ContestScore.entry_id)
                           .where(ContestEntry.contest_id == c.id)).all()
    sheets: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for e, j, cid, p in rows:
        sheets[(e, j)][cid] = p
    need = {r["id"] for r in c.rubric}
    return {k: v for k, v in sheets.items() if set(v) == need}


def results(session: Session, actor: User, contest_id: int) -> dict:
    """The ranking with its per-criterion breakdown (staff at any time; everyone once awards
    are published)."""
    permissions.check(actor, "contest.read")
    c = _contest(session, contest_id)
    if c.status != "results_published" and "staff" not in actor.roles:
        raise PermissionDenied("结果尚未公布", "Results are not published yet")
    rubric = [contest_scoring.Criterion(r["id"], r["weight"]) for r in c.rubric]
    entries = {e.id: e for e in session.scalars(select(ContestEntry).where(ContestEntry.contest_id == c.id))}
    ranked = contest_scoring.rank(_sheets(session, c), rubric, c.normalisation,
                                  {i: e.submitted_at for i, e in entries.items()})
    awards = defaultdict(list)
    for a in session.scalars(select(ContestAward).where(ContestAward.contest_id == c.id)):
        awards[a.entry_id].append(a.special_name or AWARDS[a.award])
    rows = []
    for r in ranked:
        d = entry_dict(session, entries[r.entry_id])
        d.update({"rank": r.rank, "score": r.score, "raw_mean": r.raw_mean,
                  "criteria": r.criteria, "raw_criteria": r.raw_criteria, "judges": r.judges,
                  "tie_note": r.tie_note, "awards": awards.get(r.entry_id, [])})
        rows.append(d)
    return {"contest": contest_dict(c, _judges(session, c.id)), "method": c.normalisation,
            "ranking": rows}


def publish_awards(session: Session, actor: User, contest_id: int, awards: list[dict], *,
                   key: str, now: datetime) -> dict:
    """Staff decide the awards (``[{entry_id, award, special_name?}]``); winners get their
    credentials and notifications. Once only: the contest's results are then public."""
    permissions.check(actor, "contest.manage")
    idempotency.check_key(key)
    phash = idempotency.params_hash(contest_id=contest_id, awards=awards)
    earlier = idempotency.replay(session, actor, "contest.publish_awards", key, phash)
    if earlier is not None:
        return earlier
    c = _contest(session, contest_id)
    if c.status != "published":
        raise InvalidTransition("该大赛的奖项已公布或尚未发布", "Awards already published or contest not published")
    if now < c.judging_close_at:
        raise InvalidTransition("评审尚未结束", "Judging has not closed", code="JUDGING_OPEN")
    issued = []
    for a in awards:
        e = session.get(ContestEntry, a.get("entry_id"))
        kind = a.get("award")
        if e is None or e.contest_id != c.id or kind not in AWARDS:
            raise ValidationError("奖项或作品无效", "Bad award or entry", code="BAD_AWARD")
        special = validate.text("特别奖名称", a.get("special_name", ""), max_len=100, multiline=False)
        if kind == "special" and not special.strip():
            raise ValidationError("特别奖需要名称", "A special prize needs a name", code="BAD_AWARD")
        row = ContestAward(contest_id=c.id, entry_id=e.id, award=kind, special_name=special,
                           bonus_points=int((c.award_bonus or {}).get(kind, 0)), created_at=now)
        session.add(row)
        session.flush()
        for person in _people_of(session, e.owner_id, e.team_id):
            cred = _issue_credential(session, c, row, person, now)
            issued.append({"credential_id": cred.id, "number": cred.number, "holder_id": person.id,
                           "award": kind, "entry_id": e.id})
            notifications.notify(session, person.id, "contest_award",
                                 f"恭喜！「{e.title}」获{special or AWARDS[kind]}",
                                 f"Your entry “{e.title}” won: {special or AWARDS_EN[kind]}",
                                 now, credential_id=cred.id)
    c.status = "results_published"
    audit.record(session, actor.id, "contest.awards", "contest", c.id, {"status": "published"},
                 {"status": "results_published", "awards": awards}, now)
    result = {"contest_id": c.id, "credentials": issued}
    idempotency.remember(session, actor, "contest.publish_awards", key, phash, result, now)
    return result


def _code_fields(cred: AwardCredential, award: ContestAward, holder: User) -> credentials.CodeFields:
    return credentials.CodeFields(cred.number, holder.employee_no or holder.login,
                                  (f"contest-{award.contest_id}", award.award),
                                  cred.issued_at.date().isoformat(), NEVER, award.contest_id)


def _issue_credential(session: Session, c: Contest, award: ContestAward, holder: User,
                      now: datetime) -> AwardCredential:
    seq = (session.scalar(select(func.count()).select_from(AwardCredential)) or 0) + 1
    number = f"CA{now:%Y}-{seq:06d}"
    while session.scalar(select(AwardCredential.id).where(AwardCredential.number == number)):
        seq += 1
        number = f"CA{now:%Y}-{seq:06d}"
    cred = AwardCredential(award_id=award.id, holder_id=holder.id, number=number,
                           verification_code="pending-" + number, issued_at=now)
    session.add(cred)
    session.flush()
    cred.verification_code = credentials.verification_code(_code_fields(cred, award, holder))
    session.flush()
    return cred


def credential_view(session: Session, cred: AwardCredential) -> dict:
    award = session.get(ContestAward, cred.award_id)
    c = session.get(Contest, award.contest_id)
    e = session.get(ContestEntry, award.entry_id)
    holder = session.get(User, cred.holder_id)
    return {"id": cred.id, "number": cred.number, "verification_code": cred.verification_code,
            "holder_id": holder.id, "holder": holder.display_name, "contest_id": c.id,
            "contest": c.title, "entry": e.title, "award": award.award,
            "special_name": award.special_name or "",
            "award_name": award.special_name or AWARDS[award.award],
            "bonus_points": award.bonus_points, "issued_at": cred.issued_at}


def my_awards(session: Session, actor: User) -> list[dict]:
    """The maker's record: their award credentials."""
    return [credential_view(session, c) for c in session.scalars(
        select(AwardCredential).where(AwardCredential.holder_id == actor.id).order_by(AwardCredential.id))]


def _credential_for(session: Session, actor: User, cred_id: int) -> AwardCredential:
    cred = session.get(AwardCredential, cred_id)
    if cred is None:
        raise NotFound("获奖证书不存在", f"No award credential {cred_id}")
    if cred.holder_id != actor.id and "staff" not in actor.roles:
        raise PermissionDenied("只能查看自己的获奖证书", "Only your own award credentials")
    return cred


def award_pdf(session: Session, actor: User, cred_id: int, out: Path) -> Path:
    from creator_studio.core.market.contest_exports import draw_award_pdf

    cred = _credential_for(session, actor, cred_id)
    return draw_award_pdf(credential_view(session, cred), Path(out))


def award_badge(session: Session, actor: User, cred_id: int) -> dict:
    """The award as a signed Open Badges 3.0 credential (the certificate machinery)."""
    from creator_studio.core.market.certification import ISSUER_ID

    cred = _credential_for(session, actor, cred_id)
    v = credential_view(session, cred)
    holder = session.get(User, cred.holder_id)
    ob = credentials.open_badge_credential(
        credential_id=f"urn:creator-studio:award:{cred.number}", issuer_id=ISSUER_ID,
        issuer_name="集团企业大学 微课大赛组委会",
        subject_id=f"urn:employee:{holder.employee_no or holder.login}", subject_name=holder.display_name,
        achievement_id=f"{ISSUER_ID}/contests/{v['contest_id']}/{v['award']}",
        achievement_name=f"{v['contest']} · {v['award_name']}",
        description=f"微课大赛获奖：{v['entry']} / Micro-course contest award",
        criteria="作品经匿名评审、分数标准化后排名获奖 / Ranked by blind, normalised judging",
        valid_from=cred.issued_at, valid_until=None)
    ob["credentialSubject"]["achievement"]["achievementType"] = "Award"
    return {"credential": ob, "jwt": credentials.sign_credential(ob), "public_jwk": credentials.public_jwk()}


def verify_award(session: Session, code: str, number: str):  # noqa: ANN201
    """The certificate `Verification` for an award credential number (None: not an award)."""
    from creator_studio.core.market.certification import Verification

    cred = session.scalar(select(AwardCredential).where(AwardCredential.number == number))
    if cred is None:
        return None
    award = session.get(ContestAward, cred.award_id)
    holder = session.get(User, cred.holder_id)
    if not credentials.code_matches(code, _code_fields(cred, award, holder)):
        return Verification(False, "forged", "验证码无效：证书可能被伪造或篡改",
                            "Invalid code: the credential may be forged or altered", number)
    v = credential_view(session, cred)
    return Verification(True, "valid", f"获奖证书有效：{holder.display_name}，{v['contest']} {v['award_name']}",
                        f"Valid award credential of {holder.display_name}", number=cred.number,
                        holder=holder.display_name, forms=[v["award_name"]], expires_at=None)


def period_bonuses(session: Session, start: datetime, end: datetime,
                   holder_id: int | None = None) -> dict[int, tuple[int, list[str], list[str]]]:
    """Grade bonus per maker for awards issued in [start, end): points and one reason line per
    award, in Chinese and in English."""
    q = (select(AwardCredential.holder_id, ContestAward.bonus_points, ContestAward.award,
                ContestAward.special_name, Contest.title)
         .join(ContestAward, ContestAward.id == AwardCredential.award_id)
         .join(Contest, Contest.id == ContestAward.contest_id)
         .where(AwardCredential.issued_at >= start, AwardCredential.issued_at < end)
         .order_by(AwardCredential.id))
    if holder_id is not None:
        q = q.where(AwardCredential.holder_id == holder_id)
    out: dict[int, tuple[int, list[str], list[str]]] = {}
    for holder, pts, kind, special, title in session.execute(q).all():
        p, zh, en = out.get(holder, (0, [], []))
        name = special or AWARDS[kind]
        out[holder] = (p + (pts or 0), zh + [f"微课大赛「{title}」{name} +{pts}"],
                       en + [f"Micro-course contest “{title}”: {special or AWARDS_EN[kind]} +{pts}"])
    return out


# ---------------------------------------------------------------------------------------------
# Dashboard


def dashboard(session: Session, actor: User, contest_id: int) -> dict:
    permissions.check(actor, "contest.manage")
    c = _contest(session, contest_id)
    entries = session.scalars(select(ContestEntry).where(ContestEntry.contest_id == c.id)).all()
    lines = dict(session.execute(select(BusinessLine.id, BusinessLine.code)).all())
    by_line = Counter(lines.get(e.business_line_id, "—") for e in entries)
    by_form = Counter(f for e in entries for f in e.forms)
    dist: dict[str, Counter] = {r["id"]: Counter() for r in c.rubric}
    for cid, pts in session.execute(select(ContestScore.criterion, ContestScore.points)
                                    .join(ContestEntry, ContestEntry.id == ContestScore.entry_id)
                                    .where(ContestEntry.contest_id == c.id)):
        if cid in dist:
            dist[cid][min(9, pts // 10) * 10] += 1
    return {"entries": len(entries), "by_business_line": dict(by_line), "by_form": dict(by_form),
            "criteria": [{"id": r["id"], "name": r["name"], "weight": r["weight"]} for r in c.rubric],
            "progress": judging_progress(session, actor, contest_id),
            "score_distribution": {k: {f"{b}-{b + 9 if b < 90 else 100}": n for b, n in sorted(v.items())}
                                   for k, v in dist.items()}}


def score_sheet(session: Session, actor: User, contest_id: int) -> list[dict]:
    """Every score with its judge and comment (staff: the XLSX export and audits)."""
    permissions.check(actor, "contest.manage")
    c = _contest(session, contest_id)
    rows = session.execute(select(ContestScore.entry_id, User.display_name, ContestScore.criterion,
                                  ContestScore.points, ContestScore.comment)
                           .join(ContestEntry, ContestEntry.id == ContestScore.entry_id)
                           .join(User, User.id == ContestScore.judge_id)
                           .where(ContestEntry.contest_id == c.id)
                           .order_by(ContestScore.entry_id, User.display_name, ContestScore.criterion)).all()
    return [{"entry_id": e, "judge": j, "criterion": cid, "points": p, "comment": cm}
            for e, j, cid, p, cm in rows]


PREVIEW_WIDTH = 300


def winner_previews(session: Session, actor: User, contest_id: int, store: FileStore) -> dict[int, bytes]:
    """A PNG thumbnail per awarded entry for the showcase: the first picture of its package
    (long-image segment first, then any picture), from the stored original — the results are
    public once awards are published, so names may show."""
    import io
    import zipfile

    from PIL import Image

    permissions.check(actor, "contest.read")
    c = _contest(session, contest_id)
    if c.status != "results_published" and "staff" not in actor.roles:
        raise PermissionDenied("结果尚未公布", "Results are not published yet")
    out: dict[int, bytes] = {}
    entry_ids = sorted(set(session.scalars(select(ContestAward.entry_id)
                                           .where(ContestAward.contest_id == c.id))))
    for eid in entry_ids:
        e = session.get(ContestEntry, eid)
        try:
            with zipfile.ZipFile(io.BytesIO(store.read_bytes(e.package_sha256))) as zf:
                names = [n for n in zf.namelist() if n.lower().endswith((".png", ".jpg", ".jpeg"))]
                names.sort(key=lambda n: (not n.startswith("long-image/"), n))
                if not names:
                    continue
                with Image.open(io.BytesIO(zf.read(names[0]))) as img:
                    img = img.convert("RGB")
                    h = max(1, round(img.height * PREVIEW_WIDTH / img.width))
                    thumb = img.crop((0, 0, img.width, min(img.height, round(img.width * 1.2)))) \
                        if h > PREVIEW_WIDTH * 1.2 else img
                    thumb = thumb.resize((PREVIEW_WIDTH, max(1, round(thumb.height * PREVIEW_WIDTH / thumb.width))))
                    buf = io.BytesIO()
                    thumb.save(buf, "PNG")
                    out[eid] = buf.getvalue()
        except Exception as exc:  # noqa: BLE001 - a damaged picture only loses its preview
            log.warning("no preview for entry %s: %s", eid, exc)
    return out
