"""Rates estimated from the jobcenter's own results (issue 27); numpy/scipy live here, not in models."""
