"""Market calls run in two small thread lanes per server process (docs/server.md, load test)."""

from __future__ import annotations

import pytest

from creator_studio.core.errors import ValidationError
from creator_studio.server.config import ServerConfig, load_config
from creator_studio.server.market_routes import NOT_ROUTED, method_spec, protocol_methods


def test_calls_carrying_files_take_the_file_lane_and_lists_the_quick_one():
    lanes = {n: method_spec(n).carries_files for n in protocol_methods() if n not in NOT_ROUTED}
    for slow in ("deliver", "post_request", "submit_contest_entry", "certificate_pdf"):
        assert lanes[slow], slow
    for quick in ("open_requests", "maker_orders", "buyer_orders", "maker_summary", "award"):
        assert not lanes[quick], quick


def test_lane_sizes_come_from_the_file_and_the_environment_and_are_checked(tmp_path):
    cfg = tmp_path / "server.toml"
    cfg.write_text('[server]\nthreads = 6\nfile_threads = 2\n[database]\nurl = "postgresql://x/y"\n'
                   '[files]\nfolder = "f"\n[secrets]\nfolder = "s"\n', encoding="utf-8")
    loaded = load_config(cfg, environ={})
    assert (loaded.threads, loaded.file_threads) == (6, 2)
    assert load_config(cfg, environ={"CREATOR_STUDIO_SERVER_THREADS": "3"}).threads == 3
    assert ServerConfig().threads == 4  # the measured default
    for bad in (0, 1000):
        with pytest.raises(ValidationError) as caught:
            ServerConfig(db_url="postgresql://x/y", files_dir="f", secrets_dir="s",
                         threads=bad).validate()
        assert caught.value.code == "SERVER_CONFIG"
