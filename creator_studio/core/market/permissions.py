"""Who may do what: one table, operation → roles + ownership rule.

A call is allowed when the acting user is active, holds one of the operation's roles, and — for a
role other than staff — passes the ownership rule (the buyer of this request, the maker of this
order…). Staff listed on an operation act on anyone's records; staff not listed get nothing.
A denied call raises `PermissionDenied` before anything is changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from creator_studio.core.errors import PermissionDenied
from creator_studio.core.store.models import Offer, Order, Request, Review, User


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    owner: str | None = None  # name of an ownership predicate below; None = role is enough
    label_zh: str = ""


def _r(roles: str, owner: str | None, label: str) -> Rule:
    return Rule(frozenset(roles.split()), owner, label)


PERMISSIONS: dict[str, Rule] = {
    # accounts and reference data
    "user.create": _r("staff", None, "创建账号"),
    "user.import": _r("staff", None, "导入账号"),
    "user.set_roles": _r("staff", None, "设置角色"),
    "business_line.create": _r("staff", None, "创建业务条线"),
    "norms.publish": _r("staff", None, "发布上传规范"),
    "audit.read": _r("staff", None, "查看审计日志"),
    "dashboard.read": _r("staff", None, "查看运营看板"),
    "timers.run": _r("staff", None, "运行定时任务"),
    "certificate.issue": _r("staff", None, "发放证书"),
    # requests
    "request.create": _r("buyer", None, "发布需求"),
    "request.attach_file": _r("buyer", "request_buyer", "上传需求素材"),
    "request.publish": _r("buyer", "request_buyer", "公开需求"),
    "request.cancel": _r("buyer staff", "request_buyer", "取消需求"),
    "request.expire": _r("staff", None, "使需求过期"),
    "request.award": _r("buyer", "request_buyer", "选定报价"),
    "request.read_files": _r("buyer maker staff", "request_file_reader", "下载需求素材"),
    # offers
    "offer.create": _r("maker", "not_request_buyer", "报价"),
    "offer.withdraw": _r("maker", "offer_maker", "撤回报价"),
    # orders
    "order.view": _r("buyer maker staff", "order_party", "查看订单"),
    "order.request_material": _r("maker", "order_maker", "请求补充材料"),
    "order.provide_material": _r("buyer", "order_buyer", "补充材料"),
    "order.deliver": _r("maker", "order_maker", "交付"),
    "order.request_revision": _r("buyer", "order_buyer", "要求修改"),
    "order.accept": _r("buyer", "order_buyer", "验收"),
    "order.propose_change": _r("buyer maker", "order_party", "提出变更"),
    "order.accept_change": _r("buyer maker", "change_counterparty", "同意变更"),
    "order.request_cancel": _r("buyer maker", "order_party", "申请取消"),
    "order.agree_cancel": _r("buyer maker", "cancel_counterparty", "同意取消"),
    "order.decline_cancel": _r("buyer maker", "cancel_counterparty", "拒绝取消"),
    "order.open_dispute": _r("buyer maker", "order_party", "发起争议"),
    "order.resolve_dispute": _r("staff", None, "裁决争议"),
    "order.mark_paid": _r("staff", None, "标记已支付"),
    # ratings, NPS, publishing
    "review.submit": _r("buyer maker", "order_party", "评价"),
    "review.reply": _r("maker", "review_subject", "回复评价"),
    "course.publish": _r("maker staff", "order_maker", "登记上线课程"),
    "nps.record": _r("staff", None, "录入学员NPS"),
    "nps.import": _r("staff", None, "导入学员NPS"),
}


def _request_of(target) -> Request | None:  # noqa: ANN001
    if isinstance(target, Request):
        return target
    if isinstance(target, (Offer, Order)):
        return target.request
    return None


def _own_request(actor: User, target) -> bool:  # noqa: ANN001
    req = _request_of(target)
    return req is not None and req.buyer_id == actor.id


def _not_own_request(actor: User, target) -> bool:  # noqa: ANN001
    req = _request_of(target)
    return req is not None and req.buyer_id != actor.id


def _order_party(actor: User, target) -> bool:  # noqa: ANN001
    return isinstance(target, Order) and actor.id in (target.buyer_id, target.maker_id)


def _change_counterparty(actor: User, target) -> bool:  # noqa: ANN001
    if not _order_party(actor, target):
        return False
    if not target.pending_change:
        return True  # nothing pending: the state machine reports that, not the permission table
    return target.pending_change.get("proposed_by") != actor.id


def _cancel_counterparty(actor: User, target) -> bool:  # noqa: ANN001
    return (_order_party(actor, target) and target.cancel_requested_by is not None
            and target.cancel_requested_by != actor.id)


def _request_file_reader(actor: User, target) -> bool:  # noqa: ANN001
    """The request's buyer, or the maker whose offer on it was awarded (source files are the
    buyer's material: makers still bidding see only the description)."""
    req = _request_of(target)
    if req is None:
        return False
    if req.buyer_id == actor.id:
        return True
    from sqlalchemy import select
    from sqlalchemy.orm import object_session

    session = object_session(req)
    if session is None:
        return False
    return session.scalar(select(Order.id).where(Order.request_id == req.id,
                                                 Order.maker_id == actor.id).limit(1)) is not None


OWNERSHIP: dict[str, Callable[[User, object], bool]] = {
    "request_file_reader": _request_file_reader,
    "request_buyer": _own_request,
    "not_request_buyer": _not_own_request,
    "offer_maker": lambda a, t: isinstance(t, Offer) and t.maker_id == a.id,
    "order_buyer": lambda a, t: isinstance(t, Order) and t.buyer_id == a.id,
    "order_maker": lambda a, t: isinstance(t, Order) and t.maker_id == a.id,
    "order_party": _order_party,
    "change_counterparty": _change_counterparty,
    "cancel_counterparty": _cancel_counterparty,
    "review_subject": lambda a, t: isinstance(t, Review) and t.subject_id == a.id,
}


# Ownership rules that depend on a passing state (who proposed the pending change, who asked to
# cancel) hold only until the move is made. A replay of that move by the same actor is checked
# against the lasting rule instead: still active, still holding the role, still a party.
REPLAY_OWNER = {"change_counterparty": "order_party", "cancel_counterparty": "order_party"}


def allowed(actor: User | None, operation: str, target: object | None = None, *,
            replay: bool = False) -> bool:
    rule = PERMISSIONS[operation]
    if actor is None or not actor.active:
        return False
    held = actor.roles & rule.roles
    if not held:
        return False
    if "staff" in held:
        return True
    if rule.owner is None:
        return True
    owner = REPLAY_OWNER.get(rule.owner, rule.owner) if replay else rule.owner
    return OWNERSHIP[owner](actor, target)


def check(actor: User | None, operation: str, target: object | None = None, *,
          replay: bool = False) -> None:
    """Raise `PermissionDenied` unless `actor` may perform `operation` on `target`
    (``replay=True``: the lasting form of the rule, for a retry of a move already made)."""
    if operation not in PERMISSIONS:
        raise KeyError(f"unknown operation {operation!r}")
    if not allowed(actor, operation, target, replay=replay):
        rule = PERMISSIONS[operation]
        who = actor.login if actor is not None else "-"
        raise PermissionDenied(
            f"用户 {who} 无权{rule.label_zh or operation}",
            f"User {who} may not perform {operation}",
            details={"operation": operation, "actor": who})

# Certification (持证上岗) and pay grade (定薪定级): docs/certification.md. Makers act on their own
# applications; staff run the programme, the evaluation and the pay statements.
PERMISSIONS.update({
    "program.manage": _r("staff", None, "维护认证方案"),
    "cert.apply": _r("maker", None, "申请认证"),
    "cert.progress": _r("maker", "application_maker", "完成认证步骤"),
    "cert.import_training": _r("staff", None, "导入培训完成记录"),
    "cert.review": _r("staff", None, "评审实践课程"),
    "cert.revoke": _r("staff", None, "撤销/暂停证书"),
    "cert.view": _r("maker staff", "certificate_holder", "查看证书"),
    "grade.rules": _r("staff", None, "编辑定级规则"),
    "grade.evaluate": _r("staff", None, "运行定级评估"),
    "grade.override": _r("staff", None, "调整等级"),
    "grade.view": _r("maker staff", "self", "查看等级"),
    "pay.statements": _r("staff", None, "生成薪酬结算单"),
    "pay.view": _r("maker staff", "self", "查看薪酬"),
})
OWNERSHIP.update({
    "application_maker": lambda a, t: getattr(t, "maker_id", None) == a.id,
    "certificate_holder": lambda a, t: getattr(t, "holder_id", None) == a.id,
    "self": lambda a, t: isinstance(t, User) and t.id == a.id,
})
