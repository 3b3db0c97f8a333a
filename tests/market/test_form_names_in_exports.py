"""#18 item 3: the market layer keeps no copy of the form names — the certificate PDF and the
contest workbook get them from the format registry through their caller (a plugin form shows its
label, not its id)."""

from __future__ import annotations

from openpyxl import load_workbook

import creator_studio.core.market.certificate_pdf as certificate_pdf
import creator_studio.core.market.contest_exports as contest_exports


def test_no_module_keeps_its_own_form_names():
    assert not hasattr(certificate_pdf, "FORM_NAMES")
    assert not hasattr(contest_exports, "FORM_NAMES")


def test_contest_workbook_uses_the_names_it_is_given(tmp_path):
    from creator_studio.core.forms.base import form_catalogue

    names = {i.id: i.label_zh for i in form_catalogue()} | {"flash-cards": "闪卡练习"}
    entries = [{"id": 1, "title": "作品", "owner_name": "张", "forms": ["long-image", "flash-cards"],
                "version": 1, "submitted_at": "2026-12-01"}]
    result = {"contest": {"rubric": []}, "ranking": []}
    path = contest_exports.export_xlsx(entries, [], result, tmp_path / "c.xlsx", names)
    cell = load_workbook(path)["参赛作品"].cell(row=2, column=6).value
    assert cell == f"{names['long-image']}、闪卡练习" and "flash-cards" not in cell
