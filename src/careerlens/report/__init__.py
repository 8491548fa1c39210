"""The report: figures (DataFrames) -> charts (Altair) -> offline HTML pages.

``build_report`` is the entry point; :mod:`careerlens.report.figures` gives the
numbers without the HTML.
"""

from __future__ import annotations

from careerlens.report.build import build_report, collect

__all__ = ["build_report", "collect"]
