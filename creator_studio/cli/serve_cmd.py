"""The team server from the command line.

- `creator-studio serve [--config FILE] [--host H] [--port N] [--workers N]` — run the server;
  prints the URL to give makers and buyers
- `creator-studio admin create-staff --config FILE --login L --name N` — the first staff account
  of an empty server database (password from the prompt or ``CREATOR_STUDIO_NEW_PASSWORD``)
- `creator-studio admin server-demo --config FILE` — the demo scenario into an empty server
- `creator-studio server login URL --login L` / `server logout` / `server whoami` — a staff (or
  any) session for CLI commands that talk to a server; the token is kept 0600 in the user's
  config folder, never the password

The server modules are imported by name at run time (``importlib``): the CLI package itself never
imports the database layer, and a workstation that only talks to a server never loads it.
"""

from __future__ import annotations

import argparse
import getpass
import importlib
import json
import os
from pathlib import Path

from creator_studio.cli.market_cmd import admin_group
from creator_studio.core.errors import StudioError

TOKEN_FILE = "server-session.json"


def _server(module: str):  # noqa: ANN202
    return importlib.import_module(f"creator_studio.server.{module}")


def register(sub: argparse._SubParsersAction, command: str | None = None) -> None:
    p = sub.add_parser("serve", help="run the team server (团队服务器)")
    p.add_argument("--config", type=Path, help="TOML configuration (see docs/server.md)")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--workers", type=int)
    p.set_defaults(func=run_serve)

    asub = admin_group(sub)
    a = asub.add_parser("create-staff", help="first staff account of an empty server database")
    a.add_argument("--config", type=Path, help="the server's TOML configuration")
    a.add_argument("--login", required=True)
    a.add_argument("--name", required=True, help="display name (显示名)")
    a.set_defaults(func=run_create_staff)
    a = asub.add_parser("server-demo", help="demo scenario into an empty server database")
    a.add_argument("--config", type=Path)
    a.set_defaults(func=run_server_demo)

    _add_server_option(sub)

    s = sub.add_parser("server", help="sign in to a team server for CLI commands")
    ssub = s.add_subparsers(dest="server_command", required=True)
    q = ssub.add_parser("login", help="sign in; the session token is kept for later commands")
    q.add_argument("url")
    q.add_argument("--login", required=True)
    q.set_defaults(func=run_login)
    q = ssub.add_parser("logout", help="end the kept session (the server revokes the token)")
    q.set_defaults(func=run_logout)
    q = ssub.add_parser("whoami", help="who the kept session belongs to")
    q.set_defaults(func=run_whoami)


def _add_server_option(sub: argparse._SubParsersAction) -> None:
    """Every command that opens the market (it takes ``--db``) also takes ``--server URL``: it
    then talks to that team server as the account signed in with `server login`."""
    seen: set[int] = set()

    def walk(parser: argparse.ArgumentParser) -> None:
        if id(parser) in seen:
            return
        seen.add(id(parser))
        opts = {o for a in parser._actions for o in a.option_strings}
        if "--db" in opts and "--server" not in opts:
            parser.add_argument("--server", help="team server URL (after `server login`)")
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child in action.choices.values():
                    walk(child)

    for child in list(sub.choices.values()):
        walk(child)


def run_serve(args: argparse.Namespace) -> int:
    return _server("main").serve(args)


def _password(prompt: str) -> str:
    pw = os.environ.get("CREATOR_STUDIO_NEW_PASSWORD") or os.environ.get("CREATOR_STUDIO_PASSWORD")
    return pw if pw else getpass.getpass(prompt)


def run_create_staff(args: argparse.Namespace) -> int:
    cfg = _server("config").load_config(args.config)
    uid = _server("admin").create_staff(cfg, args.login, args.name, _password("新密码 / new password: "))
    print(f"已创建平台运营账号 / staff account created: {args.login} (#{uid})")
    return 0


def run_server_demo(args: argparse.Namespace) -> int:
    cfg = _server("config").load_config(args.config)
    _server("admin").load_demo(cfg)
    print("示例数据已加载 / demo data loaded")
    return 0


def _token_path() -> Path:
    from creator_studio.core.paths import config_dir

    return config_dir() / TOKEN_FILE


def saved_session() -> dict | None:
    try:
        return json.loads(_token_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def remote_client(url: str | None = None):  # noqa: ANN201
    """An `HttpMarketClient` with the kept session (for CLI commands given ``--server``).

    Returns ``(client, user)``; a missing session is a typed error telling how to sign in.
    """
    from creator_studio.core.market.http_client import HttpMarketClient

    saved = saved_session()
    if not saved or (url and saved.get("url", "").rstrip("/") != url.rstrip("/")):
        raise StudioError("请先登录服务器：creator-studio server login URL --login 账号",
                          "Sign in first: creator-studio server login URL --login NAME",
                          code="NOT_SIGNED_IN")
    client = HttpMarketClient(saved["url"], token=saved["token"])
    me = client._json("GET", "/api/session")
    from creator_studio.core.market.client import UserInfo

    user = UserInfo(me["id"], me["login"], me["display_name"], frozenset(me["roles"]),
                    me.get("business_line"))
    return client, user


def server_client(url: str):  # noqa: ANN201
    """The client for `url`: with the kept session when it is for that server, else anonymous
    (public calls such as ``verify`` work; others answer ``SESSION_INVALID``)."""
    from creator_studio.core.market.http_client import HttpMarketClient

    saved = saved_session()
    same = saved and saved.get("url", "").rstrip("/") == url.rstrip("/")
    return HttpMarketClient(url, token=saved["token"] if same else None)


def run_login(args: argparse.Namespace) -> int:
    from creator_studio.core import atomic
    from creator_studio.core.market.http_client import HttpMarketClient

    client = HttpMarketClient(args.url)
    user = client.login(args.login, _password("密码 / password: "))
    path = _token_path()
    atomic.write_json(path, {"url": client.base_url, "token": client.token, "login": user.login})
    os.chmod(path, 0o600)
    print(f"已登录 / signed in: {user.display_name} ({', '.join(sorted(user.roles))}) @ {client.base_url}")
    return 0


def run_logout(args: argparse.Namespace) -> int:
    from creator_studio.core.market.http_client import HttpMarketClient

    saved = saved_session()
    if saved:
        client = HttpMarketClient(saved["url"], token=saved["token"])
        try:
            client.logout()
        except StudioError:
            pass
        _token_path().unlink(missing_ok=True)
    print("已退出 / signed out")
    return 0


def run_whoami(args: argparse.Namespace) -> int:
    _client, user = remote_client()
    print(f"{user.login} {user.display_name} ({', '.join(sorted(user.roles))})")
    return 0
