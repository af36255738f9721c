"""Renderers of results: German table, CSV, JSON and Excel. Pure functions of a result; they never solve."""
