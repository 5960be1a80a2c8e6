"""Work that spans several stores: importing files, W3C annotations, re-anchoring claims on a new version."""
