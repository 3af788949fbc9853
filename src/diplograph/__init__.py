"""diplograph: read news, code who did what to whom, who said what, with provenance."""

__version__ = "0.1.0"
