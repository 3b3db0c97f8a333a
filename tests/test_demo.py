"""The README's main job (`creator-studio demo`) runs on the bundled samples and exits 0."""

from __future__ import annotations

import json
import subprocess
import sys


def test_demo_imports_renders_and_checks_the_bundled_samples(tmp_path):
    out = subprocess.run([sys.executable, "-m", "creator_studio", "demo", "--out", str(tmp_path),
                          "--forms", "long-image,handout"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    for stem in ("理赔流程培训", "新员工入职手册"):
        manifest = json.loads((tmp_path / stem / "manifest.json").read_text(encoding="utf-8"))
        assert set(manifest["forms"]) == {"long-image", "handout"}
        assert manifest["lesson"]["quiz_questions"] >= 3
        assert manifest["lesson"]["dialogue_lines"] >= 6
    assert "测验题 Quiz questions" in out.stdout and "可交付" in out.stdout
    # The market part: the local database got the demo scenario (34 accounts, orders in every state).
    assert "34 users" in out.stdout and "disputed=1" in out.stdout
