"""Data files shipped with the analysis library (word lists; see README.md)."""
