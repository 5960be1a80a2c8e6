"""The domain of the claim-and-source verification workbench: text, claims, attribution, matching,
reports. Pure Python: imports neither Qt nor SQL."""

__version__ = "0.1.0"
