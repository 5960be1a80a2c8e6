"""The window's panes: article list and view, claims table and model, detail tabs, desk panels, dialogs."""
