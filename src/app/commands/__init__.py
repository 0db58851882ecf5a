"""The work behind each `tdkt` subcommand (the parser and dispatch are in app.cli)."""
