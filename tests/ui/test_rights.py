"""The screens mirror the signed-in clerk's groups (issue 19): what a group may not do is
disabled with the reason in its tooltip and stays disabled whatever the screen's own logic
does; a file database (one clerk) guards nothing; the "Người dùng" tab says there are no
accounts on a file database."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from app.services.accounts import GROUP_ROLES
from app.ui.main_window import MainWindow
from app.ui.rights import GUARDED, refusal_of
from app.ui.sections import SECTION_KEYS


def _window(qtbot, ctx, settings, runner) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, settings=settings, runner=runner)
    qtbot.addWidget(window)
    return window


def _page(window: MainWindow, key: str):  # type: ignore[no-untyped-def]
    return window.section_page(SECTION_KEYS.index(key))


def test_a_read_only_clerk_sees_every_write_disabled_with_the_reason(
    qtbot, ctx, settings, runner
) -> None:  # type: ignore[no-untyped-def]
    ctx.roles = frozenset({"xem"})
    window = _window(qtbot, ctx, settings, runner)
    checked = 0
    for key, items in GUARDED.items():
        page = _page(window, key)
        for path, _action in items:
            target = page
            for part in path.split("."):
                target = getattr(target, part)
            assert refusal_of(target).startswith("Tài khoản của bạn (xem) không được"), path
            if hasattr(target, "isEnabled") and not path.endswith(".table"):
                assert not target.isEnabled(), path
                target.setEnabled(True)  # a screen's own state logic enabling it again...
                assert not target.isEnabled(), path  # ...is overruled
            checked += 1
    assert checked == sum(len(items) for items in GUARDED.values())


def test_a_clerk_drafts_decisions_but_only_a_leader_issues_them(
    qtbot, ctx, settings, runner
) -> None:  # type: ignore[no-untyped-def]
    ctx.roles = frozenset({"xem", "chuyen-vien"})
    window = _window(qtbot, ctx, settings, runner)
    decisions = _page(window, "decisions")
    assert decisions.new_button.isEnabled() and not refusal_of(decisions.new_button)
    issue = decisions.pane.issue_button
    assert not issue.isEnabled()
    assert GROUP_ROLES["lanh-dao"] in issue.toolTip() and "ban hành" in issue.toolTip()
    units = _page(window, "units")
    assert units.unit_panel.add_action.isEnabled()
    settings_page = _page(window, "settings")
    assert not settings_page.catalogue_panel.add_action.isEnabled()


def test_on_a_file_database_nothing_is_guarded(qtbot, ctx, settings, runner) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, ctx, settings, runner)
    for key in GUARDED:
        page = _page(window, key)
        assert not [w for w in page.findChildren(QWidget) if refusal_of(w)], key
    users = _page(window, "settings").users_panel
    assert not users.add_button.isEnabled()
    assert "một tệp trên máy này" in users.note.text()


@pytest.mark.parametrize("group", sorted(GROUP_ROLES))
def test_every_group_has_a_name(group: str) -> None:
    assert GROUP_ROLES[group]
