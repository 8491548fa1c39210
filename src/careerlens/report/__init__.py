"""The report: figures (DataFrames) -> charts (Altair) -> offline HTML pages.

``build_report`` is the entry point. Its stages are modules of their own:
:mod:`.collect` gathers the data (:mod:`.figures` gives the numbers without the
HTML), :mod:`.catalogue` declares every chart, :mod:`.pages` builds each page's
blocks, :mod:`.render` puts them in the page shell and :mod:`.write` and
:mod:`.folder` write the files.
"""

from __future__ import annotations

from careerlens.report.build import build_report
from careerlens.report.collect import collect

__all__ = ["build_report", "collect"]
