"""The interfaces: the Qt desktop workbench and the `workbench` command line."""
