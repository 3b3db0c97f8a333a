"""#18 defect 10: page names go through the catalogue — the staff's contest page read "微课大赛"
in English mode (a literal, not tr())."""

from __future__ import annotations

from uihelpers import make_market_world, sign_in


def test_staff_pages_are_named_through_the_catalogue(qtbot, ctx):
    from creator_studio.ui.market.staff_views import StaffView

    make_market_world(ctx.market)
    sign_in(qtbot, ctx, "staff01")
    view = StaffView(ctx)
    qtbot.addWidget(view)
    titles = [view.tabText(i) for i in range(view.count())]
    # no translator is installed in the tests: every title is its English source
    assert "Contests" in titles and not any("\u4e00" <= ch <= "\u9fff" for t in titles for ch in t)
    for _ in range(3):  # the pages' first loads end (and are shown) before the view goes
        ctx.runner.wait()
        qtbot.wait(100)


def test_norms_findings_show_rule_and_form_names_not_ids(qtbot):
    from creator_studio.core.norms.check import Finding
    from creator_studio.ui.forms_meta import form_label
    from creator_studio.ui.studio.norms_panel import FindingsModel

    m = FindingsModel("en")
    m.set_findings([
        Finding("video-duration", "fail", "视频时长 20 秒至 15 分钟：当前 3 秒",
                "Video length between 20 s and 15 min: now 3 s", form="screen-record"),
        Finding("house-rule-7", "warn", "结尾需有联系方式：未找到", "Contact details at the end: none",
                form="long-image"),
    ])
    cell = lambda r, c: m.data(m.index(r, c))  # noqa: E731
    assert cell(0, 1) == "Video length" and cell(0, 2) == form_label("screen-record", "en")
    assert cell(1, 1) == "Contact details at the end" and cell(1, 2) == form_label("long-image", "en")
    assert all(cell(r, c) not in ("video-duration", "house-rule-7", "screen-record", "long-image")
               for r in range(2) for c in (1, 2))


def test_norms_findings_name_the_page_by_its_number(qtbot, ctx, tiny_deck):
    from creator_studio.core.norms.check import Finding
    from creator_studio.ui.studio.workspace import MakerStudio
    from uihelpers import wait_job

    studio = MakerStudio(ctx)
    qtbot.addWidget(studio)
    wait_job(qtbot, studio.import_file(tiny_deck))
    wait_job(qtbot, studio.render_panel.load_handle)
    second = studio.project.lesson.pages[1].id
    m = studio.norms.model
    m.set_findings([Finding("no-placeholder-text", "fail", "占位文字：点击此处", "Placeholder: click",
                            page=second)])
    assert m.data(m.index(0, 3)) == "Page 2"
