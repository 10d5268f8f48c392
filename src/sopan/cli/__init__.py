"""The `sopan` command: check, diff, import, export, serve, demo, audit."""

from sopan.cli.main import main

__all__ = ["main"]
