"""Dialogs of the secretariat's Word documents and of the dossiers (issue 21), opened from the
reports page, Bình xét, the Council tab and the decision register."""
