"""Word lists and patterns the extraction rules read: cue verbs, source heads, titles, names."""
