"""The Qt desktop workbench: the main window, its actions and jobs, undo, settings, panels."""


def __getattr__(name: str):  # PEP 562: `from ui.app import run_app` without loading Qt on `import ui.app.x`
    if name == "run_app":
        from ui.app.run import run_app

        return run_app
    raise AttributeError(name)


__all__ = ["run_app"]
