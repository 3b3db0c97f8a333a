"""Accounts: argon2 passwords, roles, bootstrap, HR CSV import (bad rows reported, good kept)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from creator_studio.core.errors import PermissionDenied, ValidationError
from creator_studio.core.market import accounts
from creator_studio.core.store.models import AuditEvent, User


def test_password_hash_and_login(svc, world):
    with svc.write() as s:
        staff = accounts.get_user(s, world.staff)
        u = accounts.create_user(s, staff, "maker77", "周创客", ["maker", "buyer"],
                                 password="s3cret-pass", now=svc.now())
        assert u.password_hash.startswith("$argon2id$") and "s3cret" not in u.password_hash
        assert u.roles == {"maker", "buyer"}
    assert svc.login("maker77", "s3cret-pass").login == "maker77"
    for login, pw in [("maker77", "wrong-pass"), ("nobody", "s3cret-pass")]:
        with pytest.raises(PermissionDenied) as e:
            svc.login(login, pw)
        assert e.value.code == "LOGIN_FAILED"
    with pytest.raises(ValidationError):
        accounts.hash_password("short")


def test_bootstrap_only_on_empty_database(svc, world):
    with pytest.raises(PermissionDenied):
        with svc.write() as s:
            accounts.bootstrap_staff(s, "root2", "第二个管理员", "password123")


def test_duplicate_login_and_bad_role(svc, world):
    with pytest.raises(ValidationError):
        svc.call(accounts.create_user, world.staff, "maker01", "重名", ["maker"])
    with pytest.raises(ValidationError):
        svc.call(accounts.create_user, world.staff, "new01", "新人", ["admin"])
    with pytest.raises(ValidationError):
        svc.call(accounts.create_user, world.staff, "new02", "新人", ["maker"],
                 business_line_code="NOPE")


def test_set_roles_is_audited(svc, world):
    svc.call(accounts.set_roles, world.staff, world.uncertified, {"maker", "buyer"})
    with svc.read() as s:
        assert accounts.get_user(s, world.uncertified).roles == {"maker", "buyer"}
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "user.set_roles")).one()
        assert ev.before == {"roles": ["maker"]} and ev.after == {"roles": ["buyer", "maker"]}
        assert ev.actor_id == world.staff


HR_CSV = """工号,登录名,姓名,邮箱,角色,业务条线,初始密码
E1001,liu.yang,刘洋,liu.yang@example.com,创客,PNC,welcome123
E1002,chen.jing,陈静,,需求方;创客,产险非车,
E1003,,无登录名,,创客,PNC,
E1004,maker01,重复账号,,创客,PNC,
E1005,wu.lei,吴磊,not-an-email,创客,PNC,
E1006,zheng.hao,郑浩,,老板,PNC,
E1007,he.min,何敏,,创客,不存在的条线,
E1001,dup.emp,工号重复,,创客,PNC,
E1009,liu.yang,文件内重复,,创客,PNC,
E1010,short.pw,短密码,,创客,PNC,123

E1011,staff.li,李运营,,平台,,
"""


def test_hr_csv_import_keeps_good_rows_and_reports_bad_ones(svc, world, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(HR_CSV.encode("utf-8-sig"))  # Excel's UTF-8 with BOM
    report = svc.call(accounts.import_users_csv, world.staff, path)
    assert report.created == ["liu.yang", "chen.jing", "staff.li"]
    assert [e.row for e in report.errors] == [4, 5, 6, 7, 8, 9, 10, 11]
    assert all(e.reason_zh and e.reason_en for e in report.errors)
    assert "老板" in report.errors[3].reason_zh
    with svc.read() as s:
        chen = s.scalar(select(User).where(User.login == "chen.jing"))
        assert chen.roles == {"buyer", "maker"} and chen.business_line.code == "PNC"
        assert chen.password_hash is None  # no initial password: cannot log in yet
    assert svc.login("liu.yang", "welcome123").employee_no == "E1001"


def test_hr_csv_gbk_and_bad_header(svc, world):
    data = "login,name,roles\nzhang.san,张三,maker\n".encode("gb18030")
    assert svc.call(accounts.import_users_csv, world.staff, data).created == ["zhang.san"]
    with pytest.raises(ValidationError) as e:
        svc.call(accounts.import_users_csv, world.staff, "foo,bar\n1,2\n")
    assert e.value.code == "BAD_CSV_HEADER"
    with pytest.raises(ValidationError):
        svc.call(accounts.import_users_csv, world.staff, "")
