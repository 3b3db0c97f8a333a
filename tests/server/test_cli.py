"""The CLI against a server: `verify --server`, `server login` + staff commands, `create-staff`."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select

from tests.server.conftest import PASSWORD

pytestmark = pytest.mark.postgres


def cli(*args, home, **env) -> subprocess.CompletedProcess:  # noqa: ANN001, ANN003
    e = dict(os.environ, CREATOR_STUDIO_HOME=str(home), **env)
    e.pop("CREATOR_STUDIO_SECRETS_DIR", None)
    return subprocess.run([sys.executable, "-m", "creator_studio", *map(str, args)],
                          capture_output=True, text=True, env=e, timeout=120)


def genuine_code(team) -> str:  # noqa: ANN001
    """A real code for maker01's certificate, made with the *server's* secret (as issuing does)."""
    from creator_studio.core.market import certification
    from creator_studio.core.store.models import Certificate, User

    os.environ["CREATOR_STUDIO_SECRETS_DIR"] = str(team.folder / "secrets")
    try:
        eng = team.engine()
        from sqlalchemy.orm import Session

        with Session(eng) as s:
            cert = s.scalar(select(Certificate).where(Certificate.holder_id == team.ids["maker01"]))
            return certification.verification_code_for(cert, s.get(User, cert.holder_id), 0)
    finally:
        os.environ.pop("CREATOR_STUDIO_SECRETS_DIR", None)
        eng.dispose()


def test_verify_asks_the_server(team, tmp_path):
    code = genuine_code(team)
    r = cli("verify", code, "--server", team.url, home=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "证书有效" in r.stdout
    # the workstation made no secret of its own
    assert not list(tmp_path.rglob("platform-secret.key"))
    forged = code[:-4] + ("AAAA" if not code.endswith("AAAA") else "BBBB")
    r = cli("verify", forged, "--server", team.url, home=tmp_path)
    assert r.returncode == 1 and "伪造" in r.stdout
    # the same genuine code checked against a workstation's own database/secret says nothing good
    r = cli("verify", code, "--db", f"sqlite:///{tmp_path / 'local.db'}", home=tmp_path)
    assert r.returncode == 1


def test_admin_commands_need_a_staff_login(team, tmp_path):
    env = {"CREATOR_STUDIO_PASSWORD": PASSWORD}
    r = cli("admin", "run-timers", "--server", team.url, home=tmp_path)
    assert r.returncode == 2 and ("SESSION_INVALID" in r.stderr or "NOT_SIGNED_IN" in r.stderr), r.stderr
    r = cli("server", "login", team.url, "--login", "maker01", home=tmp_path, **env)
    assert r.returncode == 0, r.stderr
    token_file = tmp_path.rglob("server-session.json").__next__()
    assert oct(token_file.stat().st_mode)[-3:] == "600" and PASSWORD not in token_file.read_text()
    r = cli("admin", "run-timers", "--server", team.url, home=tmp_path)
    assert r.returncode == 2 and "PERMISSION_DENIED" in r.stderr, r.stderr
    r = cli("server", "login", team.url, "--login", "staff01", home=tmp_path, **env)
    assert r.returncode == 0
    r = cli("server", "whoami", home=tmp_path)
    assert "staff01" in r.stdout
    r = cli("admin", "run-timers", "--server", team.url, home=tmp_path)
    assert r.returncode == 0, r.stderr
    r = cli("server", "logout", home=tmp_path)
    assert r.returncode == 0
    r = cli("admin", "run-timers", "--server", team.url, home=tmp_path)
    assert r.returncode == 2


def test_create_staff_bootstraps_only_an_empty_server_database(team, tmp_path):
    r = cli("admin", "create-staff", "--config", team.server.config, "--login", "staff09",
            "--name", "第二运营", home=tmp_path, CREATOR_STUDIO_NEW_PASSWORD=PASSWORD)
    assert r.returncode == 2 and "ALREADY_BOOTSTRAPPED" in r.stderr, r.stderr
