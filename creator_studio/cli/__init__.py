"""The `creator-studio` command: the same operations as the window, headless.

With no sub-command it opens the desktop window. Sub-commands live in small modules, each with a
`register(subparsers)` function, so every area (import, convert, check, market admin,
certificates) owns its own flags. A `StudioError` prints one line
``error[CODE]: 中文 / English`` on stderr and exits 2; anything unexpected is logged to the user
log folder and reported in one line (exit 3) — never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import logging
import sys

from creator_studio.core.errors import StudioError

COMMAND_MODULES = [
    "creator_studio.cli.import_cmd",
    "creator_studio.cli.convert_cmd",
    "creator_studio.cli.check_cmd",
    "creator_studio.cli.demo_cmd",
    "creator_studio.cli.market_cmd",
    "creator_studio.cli.cert_cmd",
    "creator_studio.cli.serve_cmd",
]

log = logging.getLogger("creator_studio")


def requested_command(argv: list[str] | None) -> str | None:
    """The sub-command named on the command line, so modules can skip costly set-up otherwise."""
    argv = sys.argv[1:] if argv is None else argv
    return next((a for a in argv if not a.startswith("-")), None)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="creator-studio",
        description="创客工作室 Creator Studio — PPT/Word → 微课 (long-image, screen-record, h5, skit)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command")
    for name in COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # a command module not written yet
            raise
        if len(inspect.signature(mod.register).parameters) > 1:
            mod.register(sub, requested_command(argv))
        else:
            mod.register(sub)
    gui = sub.add_parser("gui", help="open the desktop window (default)")
    gui.set_defaults(func=_run_gui)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from creator_studio.ui.app import main as gui_main

    return gui_main([])


def _log_unexpected(exc: BaseException) -> str:
    from creator_studio.core.paths import log_dir

    path = log_dir() / "creator-studio.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    log.error("unexpected error", exc_info=exc)
    handler.close()
    return str(path)


def main(argv: list[str] | None = None) -> int:
    # Chinese on any console: never die on an encoding error while printing a message.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # the window's log file may lower the root level; stderr stays quiet
    func = getattr(args, "func", None) or _run_gui
    try:
        return int(func(args) or 0)
    except StudioError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error[CANCELLED]: 操作已取消 / cancelled", file=sys.stderr)
        return 130
    except Exception as exc:  # the promise is: never a traceback on the user's screen
        where = _log_unexpected(exc)
        print(f"error[INTERNAL]: 内部错误，详情已记录到 {where} / internal error, details logged "
              f"to {where}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3
