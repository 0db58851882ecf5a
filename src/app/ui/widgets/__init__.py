"""Widgets more than one screen uses (architecture.md: "the one date widget", ...)."""
