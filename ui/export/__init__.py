"""Writing reports to files, shared by the CLI and the window: formats, checks, PDF (Qt, imported on use)."""

from ui.export.service import EXTENSIONS, FORMATS, check_output, check_writable, export

__all__ = ["EXTENSIONS", "FORMATS", "check_output", "check_writable", "export"]
