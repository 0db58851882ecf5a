"""The screens mirror the signed-in clerk's rights (issue 19): a button or command the clerk's
groups may not use is disabled, its tooltip saying why ("Tài khoản của bạn (xem) không được
ban hành quyết định: việc này cần vai trò Lãnh đạo."), and it stays disabled whatever the
screen's own state logic later says. The database's GRANTs refuse the same writes anyway;
this only keeps the clerk from trying.

:data:`GUARDED` names, per section, the attribute path of each guarded widget and the action
of :data:`app.services.accounts.ACTIONS` it needs; :func:`apply_rights` applies it to a built
screen. On a file database every action is allowed (one clerk), so nothing changes there.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from app.services.context import AppContext

__all__ = ["GUARDED", "apply_rights", "guard", "refusal_of"]

_REASON = "tdkt_refused"  # property: why the widget is disabled for this clerk

# section -> (attribute path from the screen, action needed)
GUARDED: Final[Mapping[str, tuple[tuple[str, str], ...]]] = {
    "units": (
        ("unit_panel.add_action", "edit_people"),
        ("unit_panel.edit_action", "edit_people"),
        ("unit_panel.up_action", "edit_people"),
        ("unit_panel.down_action", "edit_people"),
        ("unit_panel.rename_action", "edit_people"),
        ("unit_panel.merge_action", "edit_people"),
        ("unit_panel.dissolve_action", "edit_people"),
        ("unit_panel.delete_action", "edit_people"),
        ("unit_panel.grades_action", "edit_people"),
        ("people_panel.add_action", "edit_people"),
        ("people_panel.transfer_action", "edit_people"),
        ("people_panel.leave_action", "edit_people"),
        ("people_panel.merge_action", "edit_people"),
    ),
    "campaigns": (
        ("add_action", "campaigns"),
        ("add_button", "campaigns"),
        ("edit_action", "campaigns"),
        ("edit_button", "campaigns"),
        ("delete_action", "campaigns"),
        ("delete_button", "campaigns"),
        ("create_regular_button", "campaigns"),
        ("import_button", "campaigns"),
        ("panel.register_button", "campaigns"),
        ("panel.unregister_button", "campaigns"),
        ("panel.ldtt_button", "campaigns"),
        ("panel.unit_title_button", "campaigns"),
        ("panel.submit_button", "campaigns"),
        ("panel.approve_button", "campaigns"),
        ("panel.return_button", "campaigns"),
        ("panel.reopen_button", "campaigns"),
    ),
    "review": (
        ("override_button", "review"),
        ("marks_button", "review"),
        ("initiatives_button", "review"),
        ("quota_button", "review"),
        ("order_button", "review"),
        ("council_panel.new_action", "council"),
        ("council_panel.new_button", "council"),
        ("council_panel.edit_button", "council"),
        ("council_panel.delete_button", "council"),
        ("council_panel.fetch_button", "council"),
        ("council_panel.approve_button", "council"),
        ("council_panel.all_button", "council"),
        ("council_panel.delete_vote_button", "council"),
        ("council_panel.delete_vote_action", "council"),
        ("council_panel.paste_action", "council"),
        ("council_panel.fill_action", "council"),
        ("council_panel.undo_action", "council"),
        ("council_panel.import_action", "council"),
        ("council_panel.received_action", "council"),
        ("council_panel.minutes_button", "council"),
        ("cluster_panel.new_action", "clusters"),
        ("cluster_panel.new_button", "clusters"),
        ("cluster_panel.edit_button", "clusters"),
        ("cluster_panel.delete_button", "clusters"),
        ("cluster_panel.add_button", "clusters"),
        ("cluster_panel.remove_button", "clusters"),
        ("cluster_panel.remove_action", "clusters"),
        ("cluster_panel.copy_button", "clusters"),
        ("cluster_panel.import_button", "clusters"),
    ),
    "decisions": (
        ("new_action", "draft_decision"),
        ("new_button", "draft_decision"),
        ("council_button", "draft_decision"),
        ("superior_button", "record_decision"),
        ("sync_button", "record_decision"),
        ("pane.save_button", "draft_decision"),
        ("pane.save_action", "draft_decision"),
        ("pane.delete_button", "draft_decision"),
        ("pane.issue_button", "issue_decision"),
        ("pane.correct_button", "correct_decision"),
        ("pane.revoke_button", "revoke_decision"),
    ),
    "settings": (
        ("agency_form.save_button", "settings"),
        *(
            (f"catalogue_panel.{name}", "catalogue")
            for name in (
                "add_action",
                "add_button",
                "coefficient_action",
                "delete_action",
                "delete_button",
                "delete_step_action",
                "delete_step_button",
                "edit_action",
                "edit_button",
                "reset_button",
                "step_button",
            )
        ),
        *(
            (f"code_lists_panel.{name}", "settings")
            for name in ("rename_action", "add_action", "retire_action", "delete_action")
        ),
        ("rules_panel.table", "rules"),
        ("rules_panel.import_button", "rules"),
        ("rules_panel.reset_button", "rules"),
        ("salary_panel.add_button", "rules"),
        ("salary_panel.edit_button", "rules"),
        ("salary_panel.delete_button", "rules"),
        ("users_panel.add_button", "accounts"),
        ("users_panel.grant_button", "accounts"),
        ("users_panel.lock_button", "accounts"),
        ("backups_panel.restore_button", "accounts"),
        ("backups_panel.restore_file_button", "accounts"),
    ),
}


def refusal_of(obj: QObject) -> str:
    """Why ``obj`` is disabled for this clerk ("" when it is not)."""
    value = obj.property(_REASON)
    return str(value) if value else ""


class _Keeper(QObject):
    """Puts a refused button back to disabled whenever the screen enables it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.EnabledChange
            and isinstance(watched, QWidget)
            and refusal_of(watched)
            and watched.isEnabled()
        ):
            watched.setEnabled(False)
        return False


def _keep_action_disabled(action: QAction) -> None:
    if refusal_of(action) and action.isEnabled():
        action.setEnabled(False)


def guard(obj: QObject, reason: str) -> None:
    """Disable ``obj`` (an action, a button, a whole panel) for good, saying ``reason``."""
    obj.setProperty(_REASON, reason)
    if isinstance(obj, QAction):
        obj.setEnabled(False)
        obj.setToolTip(reason)
        obj.setStatusTip(reason)
        obj.changed.connect(lambda action=obj: _keep_action_disabled(action))
    elif isinstance(obj, QAbstractItemView):  # a list stays readable, only not editable
        obj.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        obj.setToolTip(reason)
    elif isinstance(obj, QWidget):
        obj.setEnabled(False)
        obj.setToolTip(reason)
        obj.installEventFilter(_Keeper(obj))  # owned by the widget: gone with it
        if isinstance(obj, QAbstractButton):
            obj.setStatusTip(reason)


def _resolve(page: object, path: str) -> Any:
    target: Any = page
    for part in path.split("."):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target


def apply_rights(page: object, section: str, ctx: AppContext) -> list[str]:
    """Guard the widgets of a built screen the clerk may not use; returns their paths."""
    guarded = []
    for path, action in GUARDED.get(section, ()):
        permission = ctx.permission(action)
        if permission:
            continue
        target = _resolve(page, path)
        if isinstance(target, QAction | QWidget):
            guard(target, permission.reason)
            guarded.append(path)
    return guarded
