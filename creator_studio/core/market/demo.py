"""Demo data: a realistic Chinese scenario for the window, the README walkthrough and screenshots.

Everything goes through the real services (permissions, state machine, timers), with a clock
stepped through the last weeks, so the history, audit trail and notifications look like real use.
It refuses to run on a database that already has users (never mixes demo and real accounts).

Logins (password for all: ``demo1234``): staff ``staff01``, ``staff02``; buyers ``buyer01`` …
``buyer08``; makers ``maker01`` … ``maker24`` (``maker23``/``maker24`` not yet certified;
``maker05`` is also a buyer).

Delivered packages are small generated folders; their norms report is marked as demo data
(``normset_id = "demo"``) because no real course was rendered for them.
"""

from __future__ import annotations

import json
import logging
import random
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from creator_studio.core.errors import ValidationError
from creator_studio.core.market import accounts, deliveries, normsets, nps, offers, requests, reviews
from creator_studio.core.market.clock import FrozenClock, utcnow
from creator_studio.core.market.orders import transition
from creator_studio.core.market.timers import run_due_timers
from creator_studio.core.market.uow import MarketService
from creator_studio.core.store.filestore import FileStore
from creator_studio.core.store.models import Certificate, User

log = logging.getLogger(__name__)

PASSWORD = "demo1234"
FORMS = ["long-image", "screen-record", "h5", "skit"]

BUSINESS_LINES = [("PNC", "产险非车"), ("PCL", "产险理赔"), ("LMK", "寿险营销"), ("HLT", "健康险"),
                  ("BNK", "银保"), ("AUTO", "车险")]
STAFF = [("staff01", "林晓"), ("staff02", "郭敏")]  # the window adds the role: "林晓（平台运营）"
BUYERS = [("buyer01", "王建国", "PNC"), ("buyer02", "李秀英", "PCL"), ("buyer03", "张伟", "LMK"),
          ("buyer04", "刘芳", "HLT"), ("buyer05", "陈磊", "BNK"), ("buyer06", "杨静", "AUTO"),
          ("buyer07", "黄海涛", "LMK"), ("buyer08", "周丽娟", "PCL")]
MAKER_NAMES = ["赵一鸣", "钱晓雯", "孙浩然", "李思琪", "周子健", "吴佳怡", "郑博文", "王雨桐",
               "冯志强", "陈梦洁", "褚天宇", "卫欣然", "蒋正阳", "沈嘉禾", "韩雪", "杨帆",
               "朱晨曦", "秦朗", "尤美玲", "许文博", "何静怡", "吕振华", "施雨萱", "张明远"]
REQUEST_TITLES = [
    ("非车险新产品「安心保」条款解读长图", ["long-image"], "PNC"),
    ("车险理赔报案五步走录屏课", ["screen-record"], "PCL"),
    ("重疾险核保要点 H5 互动课（含闯关测验）", ["h5"], "HLT"),
    ("银保渠道销售合规情景剧", ["skit"], "BNK"),
    ("理赔反欺诈典型案例情景剧", ["skit"], "PCL"),
    ("健康告知如何讲清楚：长图+互动课", ["long-image", "h5"], "HLT"),
    ("寿险营销开门红话术训练录屏课", ["screen-record"], "LMK"),
    ("企财险风险查勘要点长图", ["long-image"], "PNC"),
    ("新人入职：保险基础知识 H5 闯关", ["h5"], "LMK"),
    ("车险续保沟通技巧情景剧", ["skit"], "AUTO"),
    ("医疗险理赔材料清单长图", ["long-image"], "PCL"),
    ("养老年金产品对比讲解录屏课", ["screen-record"], "LMK"),
    ("双录规范操作演示录屏课", ["screen-record"], "BNK"),
    ("责任险承保政策更新长图", ["long-image"], "PNC"),
    ("客户投诉处理情景剧", ["skit"], "PCL"),
    ("百万医疗险卖点 H5 互动课", ["h5"], "HLT"),
    ("农险查勘定损流程录屏课", ["screen-record"], "PNC"),
    ("团险方案讲解长图", ["long-image"], "LMK"),
    ("银保期缴产品话术 H5", ["h5"], "BNK"),
    ("新能源车险条款变化长图", ["long-image"], "AUTO"),
    ("理赔时效承诺与沟通录屏课", ["screen-record"], "PCL"),
    ("高客财富传承情景剧", ["skit"], "LMK"),
    ("意外险常见拒赔原因长图", ["long-image"], "HLT"),
    ("反洗钱基础知识 H5 测验", ["h5"], "BNK"),
    ("车险理赔线上自助操作录屏课", ["screen-record"], "AUTO"),
    ("惠民保产品解读长图", ["long-image"], "HLT"),
    ("增员面谈情景剧", ["skit"], "LMK"),
    ("保单检视服务流程长图", ["long-image", "h5"], "LMK"),
]
REVIEW_COMMENTS = ["交付很专业，节奏把握得好", "图文清晰，业务同事反馈很好", "按时交付，沟通顺畅",
                   "案例贴近一线，学员很喜欢", "个别术语需要再斟酌，总体满意", "修改响应及时"]


@dataclass
class DemoReport:
    users: int = 0
    requests: int = 0
    orders: dict[str, int] = field(default_factory=dict)
    reviews: int = 0
    nps_responses: int = 0


def _demo_norms(_dir, _rules):  # noqa: ANN001, ANN202
    return {"normset_id": "demo", "normset_version": 0, "blocking": False,
            "findings": [{"rule_id": "demo", "status": "pass",
                          "message_zh": "示例数据：未实际检查", "message_en": "demo data: not checked"}]}


def fill_demo(engine: Engine, *, store: FileStore | None = None, seed: int = 2026,
              now: datetime | None = None) -> DemoReport:
    """Fill an empty database with the demo scenario. Refuses when users exist already."""
    real_now = now or utcnow()
    clock = FrozenClock(real_now - timedelta(days=60))
    svc = MarketService(engine, clock=clock, store=store or FileStore(),
                        norms_checker=_demo_norms)
    with svc.read() as s:
        if s.scalar(select(func.count()).select_from(User)):
            raise ValidationError("数据库中已有账号，示例数据只能写入空数据库",
                                  "The database already has accounts; demo data needs an empty one",
                                  code="DEMO_EXISTS")
    rnd = random.Random(seed)
    report = DemoReport()
    ids: dict[str, int] = {}

    # One argon2 hash serves every demo account (same documented password): hashing is slow on
    # purpose and the demo has 34 accounts.
    demo_hash = accounts.hash_password(PASSWORD)
    with svc.write() as s:
        staff = accounts.bootstrap_staff(s, STAFF[0][0], STAFF[0][1], PASSWORD, now=clock.now())
        ids[STAFF[0][0]] = staff.id
        bl_ids = {code: accounts.create_business_line(s, staff, code, name, now=clock.now()).id
                  for code, name in BUSINESS_LINES}
        ids[STAFF[1][0]] = accounts.create_user(s, staff, STAFF[1][0], STAFF[1][1], ["staff"],
                                                now=clock.now()).id
        for login, name, bl in BUYERS:
            ids[login] = accounts.create_user(s, staff, login, name, ["buyer"],
                                              business_line_code=bl, now=clock.now(),
                                              email=f"{login}@demo.example").id
        for i, name in enumerate(MAKER_NAMES, start=1):
            login = f"maker{i:02d}"
            roles = ["maker", "buyer"] if i == 5 else ["maker"]
            u = accounts.create_user(s, staff, login, name, roles,
                                     business_line_code=BUSINESS_LINES[i % 6][0], now=clock.now(),
                                     employee_no=f"E{20000 + i}")
            ids[login] = u.id
            if i <= 22:
                forms = FORMS if i <= 6 else rnd.sample(FORMS, rnd.choice([1, 2, 2, 3]))
                s.add(Certificate(number=f"CS-2026-{i:04d}", holder_id=u.id, forms=sorted(forms),
                                  status="valid", issued_at=clock.now() - timedelta(days=90),
                                  expires_at=clock.now() + timedelta(days=640),
                                  verification_code=f"demo-{i:04d}-{rnd.getrandbits(64):016x}"))
        for u in s.scalars(select(User).where(User.password_hash.is_(None))):
            u.password_hash = demo_hash
        default = Path(__file__).resolve().parents[2] / "resources" / "norms" / "default.json"
        rules = json.loads(default.read_text("utf-8")) if default.is_file() else {"id": "corp", "rules": []}
        normsets.publish_norms(s, staff, rules, now=clock.now(), title="集团微课上传规范 2026 版")
    report.users = 2 + len(BUYERS) + len(MAKER_NAMES)

    with svc.read() as s:
        certified = {login: set(forms) for login, forms in s.execute(
            select(User.login, Certificate.forms).join(Certificate, Certificate.holder_id == User.id))}

    def makers_for(forms: list[str]) -> list[str]:
        return [m for m, f in certified.items() if set(forms) <= f]

    n = 0
    tmp = Path(tempfile.mkdtemp(prefix="cs-demo-"))

    def key(tag: str) -> str:
        nonlocal n
        n += 1
        return f"demo-{tag}-{n}"

    def package(title: str) -> Path:
        d = tmp / key("pkg")
        (d / "h5").mkdir(parents=True)
        (d / "manifest.json").write_text(json.dumps({"schema": 1, "lesson": {"title": title},
                                                     "forms": {"h5": {"files": []}}},
                                                    ensure_ascii=False), "utf-8")
        (d / "h5" / "index.html").write_text(f"<h1>{title}</h1>", "utf-8")
        return d

    plan = (["draft"] * 2 + ["open"] * 6 + ["request_cancelled", "expired"] + ["in_progress"] * 2
            + ["waiting_on_buyer", "late", "delivered", "delivered", "revision_requested",
               "cancel_requested", "disputed", "resolved_partial", "order_cancelled"]
            + ["accepted"] * 3 + ["paid"] * 6)
    course_no = 0
    for idx, target in enumerate(plan):
        title, forms, bl = REQUEST_TITLES[idx % len(REQUEST_TITLES)]
        buyer_login = BUYERS[idx % len(BUYERS)][0]
        buyer = ids[buyer_login]
        age = {"draft": 2, "open": rnd.randint(1, 6), "expired": 40, "request_cancelled": 20,
               "in_progress": 3, "waiting_on_buyer": 4, "late": 25, "delivered": 8,
               "revision_requested": 8, "cancel_requested": 6, "disputed": 12,
               "resolved_partial": 30, "order_cancelled": 30, "accepted": 14}.get(
            target, rnd.randint(25, 55))
        clock.current = real_now - timedelta(days=age, hours=rnd.randint(0, 8))
        deadline = clock.now() + timedelta(days=30 if target != "expired" else 10)
        posted = svc.call(requests.create_request, buyer, title=title, forms=forms,
                          budget_fen=rnd.choice([300_000, 500_000, 800_000, 1_200_000]),
                          deadline=deadline, description=f"面向{dict(BUSINESS_LINES)[bl]}一线人员，"
                          "源文件为部门培训 PPT，需符合集团上传规范。",
                          revisions_included=2 if target != "revision_requested" else 1,
                          business_line_id=bl_ids[bl],
                          publish=target != "draft", key=key("post"))
        report.requests += 1
        rid = posted.request.id
        if target == "draft":
            continue
        candidates = [m for m in makers_for(forms) if m != buyer_login]
        bidders = rnd.sample(candidates, min(len(candidates), rnd.randint(2, 4)))
        offer_ids = []
        for m in bidders:
            clock.advance(hours=rnd.randint(2, 20))
            budget = posted.request.budget_fen
            offer_ids.append(svc.call(offers.make_offer, ids[m], rid,
                                      price_fen=budget - rnd.randint(0, 4) * 20_000,
                                      days=rnd.choice([7, 10, 14]),
                                      message="有同类课程经验，可按期交付").id)
        if target == "open":
            continue
        if target == "request_cancelled":
            svc.call(requests.cancel_request, buyer, rid, key=key("cancel"), reason="业务调整")
            continue
        if target == "expired":
            clock.current = deadline + timedelta(minutes=5)
            with svc.write() as s:
                run_due_timers(s, clock.now())
            continue
        clock.advance(days=1)
        res = svc.call(requests.award, buyer, rid, offer_ids[0], key=key("award"))
        oid = res.order_id
        maker_login = bidders[0]
        maker = ids[maker_login]

        def move(actor: int, action: str, reason: str | None = None, **params) -> None:  # noqa: ANN003
            svc.call(transition, actor, "order", oid, action, key=key(action), reason=reason,
                     **params)

        def deliver() -> None:
            svc.call(deliveries.deliver, maker, oid, package(title), key=key("deliver"),
                     store=svc.store, norms_checker=_demo_norms)

        if target == "in_progress":
            continue
        if target == "waiting_on_buyer":
            clock.advance(days=2)
            move(maker, "request_material", "请补充最新版条款 PDF 和案例数据")
            continue
        if target == "late":
            # awarded long ago with a short deadline: the timer run below flags it late
            continue
        clock.advance(days=rnd.randint(3, 6))
        deliver()
        if target == "delivered":
            continue
        if target == "revision_requested":
            move(buyer, "request_revision", "第 3 页案例换成 2026 年新数据；结尾增加免责声明")
            continue
        if target == "cancel_requested":
            clock.current = max(clock.now(), real_now - timedelta(hours=20))
            move(buyer, "request_cancel", "项目暂停，申请取消")
            continue
        if target in ("disputed", "resolved_partial"):
            move(buyer, "open_dispute", "交付内容与需求说明不符：缺少互动测验")
            if target == "resolved_partial":
                clock.advance(days=3)
                move(ids[STAFF[1][0]], "resolve_dispute", "测验部分未完成，按 60% 结算",
                     outcome="accept", payout_fen=int(offer_price(svc, oid) * 6 // 10))
            continue
        if target == "order_cancelled":
            move(maker, "request_cancel", "素材无法获得")
            move(buyer, "agree_cancel")
            continue
        clock.advance(days=1)
        move(buyer, "accept")
        clock.advance(days=1)
        stars = rnd.choice([4, 5, 5, 5, 4, 3])
        svc.call(reviews.submit_review, buyer, oid, stars=stars,
                 comment=rnd.choice(REVIEW_COMMENTS))
        report.reviews += 1
        if target == "paid" or rnd.random() < 0.5:
            svc.call(reviews.submit_review, maker, oid, stars=rnd.choice([4, 5]),
                     comment="需求说明清楚，素材齐全")
            report.reviews += 1
        if target == "paid":
            clock.advance(days=2)
            move(ids["staff01"], "mark_paid")
            course_no += 1
            course = svc.call(nps.register_course, ids["staff01"], external_id=f"LMS-2026-{course_no:03d}",
                              title=title, maker_id=maker, order_id=oid)
            with svc.write() as s:
                staff_user = s.get(User, ids["staff01"])
                for k in range(rnd.randint(6, 40)):
                    score = rnd.choices(range(11), [1, 1, 1, 1, 2, 2, 3, 6, 10, 14, 16])[0]
                    nps._add_response(s, course, f"EMP{rnd.randint(100000, 999999)}-{k}", score,
                                      None, clock.now() + timedelta(days=1, minutes=k))
                    report.nps_responses += 1
                nps._notify_summary(s, maker, clock.now(), nps.MIN_COUNT)
                _ = staff_user
    # "late": awarded ~3 weeks ago with a 7–14 day offer; the timer run flags it.
    clock.current = real_now
    with svc.write() as s:
        run_due_timers(s, real_now)
    with svc.read() as s:
        from creator_studio.core.store.models import Order

        for status, count in s.execute(select(Order.status, func.count()).group_by(Order.status)):
            report.orders[status] = count
        report.orders["late"] = s.scalar(select(func.count()).select_from(Order)
                                         .where(Order.late.is_(True))) or 0
    with svc.write() as s:
        _certification_scenario(s, s.get(User, ids["staff01"]), real_now)
    return report


DEMO_BANK = [
    {"id": f"b{i}", "stem": stem, "options": ["正确", "错误"], "answers": [ans]}
    for i, (stem, ans) in enumerate([
        ("长图文宽度应为 750 或 1080 像素", 0), ("课程中可以使用“保本稳赚”等宣传用语", 1),
        ("录屏课视频编码应为 H.264", 0), ("H5 课程至少需要 3 道测验题", 0),
        ("交付前无需自检上传规范", 1), ("情景剧中每个角色应使用可区分的声音", 0),
        ("学员 NPS 低于 0 分时课程自动下架", 1), ("课程标题应控制在 30 个字以内", 0)])]


def _certification_scenario(s, staff: User, now: datetime) -> None:
    """The maker programme: the demo certificates get real (HMAC) codes under programme v1, two
    makers are on their way (one practical waiting for review), and last month is graded."""
    from creator_studio.core.market import certification, grading
    from creator_studio.core.store.models_cert import CertApplication, TrainingCompletion

    prog = certification.create_program(
        s, staff, code="maker", title="创客认证（2026 版）", forms=list(FORMS),
        modules=[{"id": "m1", "title": "微课设计基础", "url": "https://learn.university.internal/c/101"},
                 {"id": "m2", "title": "上传规范与合规用语", "url": "https://learn.university.internal/c/102"},
                 {"id": "m3", "title": "创客工作室操作", "url": "https://learn.university.internal/c/103"}],
        question_bank=DEMO_BANK, exam_size=5, pass_mark=80, max_attempts=3, cooloff_days=7,
        validity_days=730, now=now - timedelta(days=120))
    for cert in s.scalars(select(Certificate)):
        holder = s.get(User, cert.holder_id)
        cert.program_version_id = prog.id
        cert.verification_code = certification.verification_code_for(cert, holder, prog.version)
    prog.locked = True
    for login, status in (("maker23", "practical_submitted"), ("maker24", "enrolled")):
        maker = s.scalar(select(User).where(User.login == login))
        app = CertApplication(program_id=prog.id, maker_id=maker.id, forms=["h5", "long-image"],
                              status=status, created_at=now - timedelta(days=20), updated_at=now)
        s.add(app)
        s.flush()
        if status == "practical_submitted":
            for m in ("m1", "m2", "m3"):
                s.add(TrainingCompletion(application_id=app.id, module_id=m, source="platform_csv",
                                         completed_at=now - timedelta(days=15)))
    last_month = (now.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    grading.evaluate_period(s, staff, last_month, now=now)
    # Levels carried over from the old paper-based grading, recorded as audited overrides.
    for login, level in (("maker01", "L3"), ("maker02", "L2"), ("maker03", "L2"), ("maker04", "L1"),
                         ("maker06", "L1"), ("maker07", "L1")):
        maker = s.scalar(select(User).where(User.login == login))
        grading.override(s, staff, maker.id, last_month, level, "2025 年度线下评定结果迁移", now=now)


def offer_price(svc: MarketService, order_id: int) -> int:
    from creator_studio.core.store.models import Order

    with svc.read() as s:
        return s.get(Order, order_id).price_fen
